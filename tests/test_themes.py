"""The theme taxonomy: matching sentences, resolving names, loading the user's file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from briefing.errors import UnknownName, UsageError
from briefing.extract.themes import ENV_VAR, Taxonomy, load_taxonomy
from briefing.resources import data_dir


@pytest.fixture(autouse=True)
def no_user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never read the user's real themes file: point the config dir at an empty tmp dir."""
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.delenv(ENV_VAR, raising=False)
    return config / "briefing"


@pytest.fixture
def taxonomy() -> Taxonomy:
    return load_taxonomy()


CUSTOM = """
themes:
  - slug: quantum
    name: Quantum computing
    description: Qubits and quantum machines.
    patterns: [qubit*, quantum comput*, "quantum * chip*"]
    case_sensitive: [IBM Q]
    exclude: [quantum leap]
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the packaged file


def test_packaged_taxonomy_has_the_analyst_themes(taxonomy: Taxonomy) -> None:
    slugs = {t.slug for t in taxonomy.themes}
    assert {
        "sovereign-ai",
        "open-models",
        "patents",
        "investment",
        "compute",
        "talent",
        "research",
        "industry",
        "labour",
        "geopolitics",
        "regulation",
        "models",
        "applications",
        "data",
        "strategy",
    } <= slugs
    assert taxonomy.name("sovereign-ai") == "Sovereign AI"
    assert taxonomy.name("patents") == "Patents & IP"
    assert all(t.description for t in taxonomy.themes)


def test_digest_is_the_hash_of_the_file(taxonomy: Taxonomy) -> None:
    raw = (data_dir() / "themes.yaml").read_bytes()
    assert taxonomy.digest == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # From the bundled seeds.
        (
            "France and Germany have collaborated to launch a sovereign AI platform to "
            "protect European data.",
            {"sovereign-ai", "data"},
        ),
        (
            "Countries worldwide are striving to develop their own AI capabilities to reduce "
            "reliance on these superpowers.",
            {"sovereign-ai", "geopolitics"},
        ),
        (
            "The government plans to triple its AI development budget to approximately "
            "$6.8 billion next year.",
            {"investment", "strategy"},
        ),
        (
            "Between 2014 and 2023, the number of generative AI patents filed by Chinese "
            "inventors exceeded 38,000.",
            {"patents", "models"},
        ),
        (
            "Chinese firms have introduced several prominent open AI models, including "
            "language and image generation systems.",
            {"open-models", "models", "industry"},
        ),
        (
            "The country has also secured a deal to procure 260,000 advanced GPUs from "
            "Nvidia, which will be used in government-led data centers.",
            {"compute", "strategy"},
        ),
        (
            "Low-skilled workers are the first to be hit hard by unmanned workshops.",
            {"labour", "talent"},
        ),
        # Other publishers.
        (
            "Meta's open-weight Llama models are downloaded millions of times on Hugging Face.",
            {"open-models", "models"},
        ),
        (
            "The U.S. tightened export controls on advanced chips to China.",
            {"compute", "geopolitics"},
        ),
        (
            "The EU AI Act imposes obligations on providers of high-risk systems.",
            {"regulation"},
        ),
        (
            "Mistral raised €600 million in a Series B funding round led by venture capital firms.",
            {"investment", "industry", "models"},
        ),
        (
            "Hospitals in Seoul use AI for diagnosis, and self-driving trucks serve ports.",
            {"applications"},
        ),
        (
            "Regulators fined the firm for breaching GDPR rules on personal data.",
            {"regulation", "data", "industry"},
        ),
    ],
)
def test_match(taxonomy: Taxonomy, text: str, expected: set[str]) -> None:
    assert set(taxonomy.match(text)) == expected


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        ("Google, Microsoft, and OpenAI have stunning AI models.", "open-models"),
        ("OpenAI's models and Open AI's chatbot", "open-models"),
        ("The new business model relies on subscriptions.", "models"),
        ("A new data center in Johor will host 20,000 GPUs.", "data"),
        ("Germany's sovereign wealth fund bought shares.", "sovereign-ai"),
        ("The Labour Party won the election.", "labour"),
        ("The inventor filed three patent applications.", "applications"),
        ("Microchips and the datacenter. Open. Source code is free.", "open-models"),
        ("Please let us know what you think.", "models"),
    ],
)
def test_no_match(taxonomy: Taxonomy, text: str, not_expected: str) -> None:
    assert not_expected not in taxonomy.match(text)


def test_match_is_sorted_and_empty_for_plain_text(taxonomy: Taxonomy) -> None:
    found = taxonomy.match("Investment in chips, patents and open-source models.")
    assert found == tuple(sorted(found))
    assert taxonomy.match("The weather was pleasant on Sunday.") == ()
    assert taxonomy.match("") == ()


def test_words_are_remembered_but_numbers_are_not(taxonomy: Taxonomy) -> None:
    # The matcher caches each chunk's tokens; numbers are almost never written twice, and
    # kept they grew a worker's memory with the archive (60,000 of them at 100,000 articles).
    index = taxonomy._matcher.any_case
    for n in range(2_000):
        assert taxonomy.match(f"Korea spent {n * 7_919:,} won on AI chips.") == ("compute",)
    assert "chips." in index.chunks and "spent" in index.chunks
    assert not [chunk for chunk in index.chunks if any(c.isdecimal() for c in chunk)]
    # Its tokens are remembered on their own ("2025", "12345"): that cache is bounded too.
    from briefing.extract.themes import _CACHE_LIMIT

    for n in range(_CACHE_LIMIT + 2):
        index.matches(f"spent {n} won")
    assert len(index.starts) <= _CACHE_LIMIT + 1 and "spent" in index.chunks


def test_phrases_overlap_and_ignore_case_and_hyphens(taxonomy: Taxonomy) -> None:
    assert {"open-models", "models"} <= set(taxonomy.match("OPEN-SOURCE MODELS are spreading."))
    assert "open-models" in taxonomy.match("They are open   source and free.")
    assert "sovereign-ai" in taxonomy.match("AI Sovereignty is the goal.")


# --------------------------------------------------------------------------- resolving


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("patents", "patents"),
        ("patent", "patents"),
        ("Patents & IP", "patents"),
        ("sovreign ai", "sovereign-ai"),
        ("SOVEREIGN-AI", "sovereign-ai"),
        ("open models", "open-models"),
        ("chips", "compute"),
        ("R&D", "research"),
        ("geopolitcs", "geopolitics"),
        ("privacy", "data"),
    ],
)
def test_resolve_theme(taxonomy: Taxonomy, query: str, slug: str) -> None:
    assert taxonomy.resolve(query) == slug


@pytest.mark.parametrize("query", ["ai", "xyzzy", "", "reg"])
def test_unknown_or_ambiguous_theme_raises(taxonomy: Taxonomy, query: str) -> None:
    with pytest.raises(UnknownName) as caught:
        taxonomy.resolve(query)
    assert caught.value.kind == "theme"
    assert len(caught.value.suggestions) <= 3


def test_ambiguous_theme_suggests_the_candidates(taxonomy: Taxonomy) -> None:
    with pytest.raises(UnknownName) as caught:
        taxonomy.resolve("ai")
    assert {"Sovereign AI", "AI models"} <= set(caught.value.suggestions)


def test_name_of_unknown_slug_raises(taxonomy: Taxonomy) -> None:
    with pytest.raises(UnknownName):
        taxonomy.name("astrology")


# --------------------------------------------------------------------------- the user's file


def test_explicit_path_replaces_the_packaged_taxonomy(tmp_path: Path) -> None:
    custom = load_taxonomy(write(tmp_path / "mine.yaml", CUSTOM))
    assert [t.slug for t in custom.themes] == ["quantum"]
    assert custom.digest == hashlib.sha256(CUSTOM.encode()).hexdigest()
    assert custom.match("Google built a 70-qubit quantum photonic chip.") == ("quantum",)
    assert custom.match("The IBM Q System One computes.") == ("quantum",)
    assert custom.match("the ibm q system") == ()  # case-sensitive phrase
    assert custom.match("A quantum leap for quantum computing.") == ("quantum",)
    assert custom.match("A quantum leap in chips.") == ()


def test_env_var_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(write(tmp_path / "env.yaml", CUSTOM)))
    assert [t.slug for t in load_taxonomy().themes] == ["quantum"]


def test_user_config_file_is_used_when_present(no_user_config: Path) -> None:
    assert "sovereign-ai" in {t.slug for t in load_taxonomy().themes}
    write(no_user_config / "themes.yaml", CUSTOM)
    assert [t.slug for t in load_taxonomy().themes] == ["quantum"]


def test_explicit_path_wins_over_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "missing.yaml"))
    custom = load_taxonomy(write(tmp_path / "mine.yaml", CUSTOM))
    assert custom.themes[0].slug == "quantum"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("themes: [unclosed", "not valid YAML"),
        ("just: a mapping", "expected a 'themes:' list"),
        ("themes:\n  - slug: Bad Slug\n    name: X\n    patterns: [x]", "slug"),
        ("themes:\n  - slug: x\n    patterns: [x]", "needs a name"),
        ("themes:\n  - slug: x\n    name: X\n    exclude: [y]", "at least one pattern"),
        ("themes:\n  - slug: x\n    name: X\n    patterns: ['* models']", "is not a phrase"),
        ("themes:\n  - slug: x\n    name: X\n    patterns: ok", "must be a list"),
        (
            "themes:\n  - {slug: x, name: X, patterns: [a]}\n  - {slug: x, name: Y, patterns: [b]}",
            "appears twice",
        ),
    ],
)
def test_malformed_file_raises_usage_error(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "bad.yaml", text)
    with pytest.raises(UsageError) as caught:
        load_taxonomy(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_file_raises_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read themes file"):
        load_taxonomy(tmp_path / "nope.yaml")


def test_ligatures_of_a_pdf_read_as_their_letters(taxonomy):
    # PDF reports set "fi" and "ff" as one glyph; the words still carry their themes, and a
    # sentence keeps its fact key whether a page or a report states it.
    from briefing.text import norm_key

    plain_text = "The artificial intelligence office will fund staff training."
    ligatured = "The arti\ufb01cial intelligence o\ufb03ce will fund sta\ufb00 training."
    assert taxonomy.match(ligatured) == taxonomy.match(plain_text) != ()
    assert norm_key(ligatured) == norm_key(plain_text)


# --------------------------------------------------------------------------- kinds of wording


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # Penalties, duties and laws by name are rules, whatever money they state.
        ("Platforms that hide synthetic videos face fines of up to 20 million won.",
         "regulation"),
        ("Its authors chose to set no penalties for developers who break it.",
         "regulation"),
        ("Two thirds of small firms say they cannot yet meet the labelling requirements.",
         "regulation"),
        ("Providers of chatbots take on new obligations from next March.", "regulation"),
        ("The Digital Services Act already covers recommender systems.", "regulation"),
        # Diplomacy: summits, declarations and international processes.
        ("Brazil hosted the G20 summit in Rio, where leaders signed a joint declaration.",
         "geopolitics"),
        ("Singapore joined the Hiroshima AI Process Friends Group last spring.", "geopolitics"),
        ("The two ministers signed a memorandum of understanding on safety research.",
         "geopolitics"),
        ("Chile will host the next regional AI summit in Santiago.", "geopolitics"),
        # People and their skills.
        ("The ministry will pay for coding bootcamps and teach data science in rural towns.",
         "talent"),
        ("Fellowships will bring 200 doctoral candidates to the national labs.", "talent"),
        # Open models, however "AI" is written and whatever quotes the writer puts around "open".
        ("Chinese labs now lead in open artificial intelligence (AI) models.", "open-models"),
        ("Downloads of ‘open’ AI models tripled in a year.", "open-models"),
        # Scare quotes do not break a phrase.
        ("The region will build an AI “factory” near the port.", "compute"),
        ("It will spend 2 billion euros on graphics processing units for a computing centre.",
         "compute"),
        # A country's ranking in an index, and its stated ambition.
        ("Peru's overall score sits just under the regional average.", "strategy"),
        ("The plan aims to establish Kenya as a global leader in applied AI.", "strategy"),
        # What AI is put to use for.
        ("Tax offices will integrate AI into audits under three pilot projects.", "applications"),
        # Money the state forgoes is funding too.
        ("Most server farms would have been built without the sales tax break.", "investment"),
        # Independence in one layer of the stack.
        ("The ministry wants semiconductor independence within a decade.", "sovereign-ai"),
        # Who may ship chips abroad, and agreements between states.
        ("Officials weighed new limits on chip exports to the Gulf.", "geopolitics"),
        ("Both delegations refused to sign the international agreement.", "geopolitics"),
        # Regulators, and fines however they are written.
        ("The firm faces a record €20 million fine from the data protection authority.",
         "regulation"),
        # Plans announced, and people's visas.
        ("The premier announced a ten-year plan for the sector.", "strategy"),
        ("Researchers who move here will have their visa fees paid back.", "talent"),
    ],
)
def test_kinds_of_wording_carry_their_theme(taxonomy: Taxonomy, text: str, theme: str) -> None:
    assert theme in taxonomy.match(text)


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        ("Vendors showed new servers at the Data Centre Ecosystem Summit.", "geopolitics"),
        ("The city will open AI centres in three districts next year.", "open-models"),
        ("Engineers fine-tune the model on legal texts.", "regulation"),
        ("Taxpayers will foot the bill for the new data centres.", "regulation"),
    ],
)
def test_near_misses_do_not_carry_the_theme(taxonomy: Taxonomy, text: str,
                                            not_expected: str) -> None:
    assert not_expected not in taxonomy.match(text)


def test_a_fine_is_not_funding(taxonomy: Taxonomy) -> None:
    fine = "Firms that break the rules will be fined up to 3 billion won."
    assert "regulation" in taxonomy.match(fine)
    assert taxonomy.for_figures({"money"}, fine) == ()
    # Without the sentence, or with money that is spent, money is funding.
    assert taxonomy.for_figures({"money"}) == ("investment",)
    spent = "The agency will spend 3 billion won on safety research."
    assert taxonomy.for_figures({"money"}, spent) == ("investment",)
    record = "The watchdog handed the operator a record 4 billion won fine."
    assert taxonomy.for_figures({"money"}, record) == ()
    # A penalty takes the money words away too; a cap alone does not: grants have caps.
    assert "investment" not in taxonomy.match("A levy on cloud spending funds the regulator.")
    capped = "Research grants are capped at 2 million dollars each."
    assert {"investment", "regulation"} <= set(taxonomy.match(capped))
    assert taxonomy.for_figures({"money"}, capped) == ("investment",)


def test_an_extracted_fine_is_about_regulation_not_investment(tmp_path: Path) -> None:
    from briefing.extract.facts import extract_statements
    from briefing.ingest.document import read_document

    path = write(tmp_path / "fines.txt", (
        "Korea sets fines for unlabelled AI content\n\n"
        "Korea will fine platforms that fail to mark AI-generated videos, with penalties "
        "capped at 30 million won, the ministry said.\n\n"
        "The ministry will also spend 900 billion won on new supercomputers by 2027.\n"))
    (article,) = read_document(tmp_path, path).articles
    fine, spend = extract_statements(article, load_taxonomy())
    assert "regulation" in fine.themes and "investment" not in fine.themes
    assert {"investment", "compute"} <= set(spend.themes)


OUTRANKING = """
themes:
  - slug: money
    name: Money
    description: Money.
    figures: [money]
    patterns: [budget*]
  - slug: fees
    name: Fees
    description: Charges.
    patterns: [charge*]
    outranks:
      money: [fee, fees]
"""


def test_a_users_theme_can_outrank_another(tmp_path: Path) -> None:
    custom = load_taxonomy(write(tmp_path / "fees.yaml", OUTRANKING))
    assert custom.match("The budget grew.") == ("money",)
    assert custom.match("Fees now eat the budget.") == ("fees",)
    assert custom.for_figures({"money"}, "A fee of $5 applies.") == ()
    assert custom.for_figures({"money"}, "A charge of $5 applies.") == ("money",)


def test_phrases_read_artificial_intelligence_as_ai(tmp_path: Path) -> None:
    custom = load_taxonomy(write(tmp_path / "act.yaml", """
themes:
  - slug: act
    name: The act
    description: One law.
    patterns: [artificial intelligence act]
"""))
    assert custom.match("The EU AI Act applies from 2026.") == ("act",)
    assert custom.match("The Artificial Intelligence (AI) Act applies.") == ("act",)


@pytest.mark.parametrize(
    ("outranks", "message"),
    [
        ("outranks: [money]", "outranks must map"),
        ("outranks: {nowhere: [fee]}", "'nowhere', which is not a theme"),
        ("outranks: {fees: [fee]}", "other themes"),
        ("outranks: {money: ['* fee']}", "is not a phrase"),
    ],
)
def test_bad_outranks_raise_usage_error(tmp_path: Path, outranks: str, message: str) -> None:
    text = OUTRANKING.replace("outranks:\n      money: [fee, fees]", outranks)
    with pytest.raises(UsageError) as caught:
        load_taxonomy(write(tmp_path / "bad.yaml", text))
    assert message in str(caught.value) and "\n" not in str(caught.value)


# --------------------------------------------------------------------------- fresh-eyes trial


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # Tariffs between states are trade geopolitics.
        ("Washington slapped new tariffs on imported servers from Asia.", "geopolitics"),
        ("Retaliatory tariffs hit chip equipment makers on both sides.", "geopolitics"),
        ("The country faces import duties on its solar panels.", "geopolitics"),
        # Hours of work are labour.
        ("Unions oppose lifting the 48-hour cap on the working week for coders.", "labour"),
        # Relying on someone else's models, chips or cloud is what sovereign AI answers.
        ("The fund aims to cut the bloc's reliance on models trained abroad.", "sovereign-ai"),
        ("Officials worry about dependence on American cloud providers.", "sovereign-ai"),
        # People who work in AI are talent.
        ("The city wants 20,000 more AI practitioners within five years.", "talent"),
        # Making chips is compute.
        ("The foundry has never manufactured leading-edge logic chips.", "compute"),
    ],
)
def test_trial_wordings_carry_their_theme(taxonomy: Taxonomy, text: str, theme: str) -> None:
    assert theme in taxonomy.match(text)


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        # A utility's tariff is what power costs, not trade.
        ("Operators pay the grid's standard tariff for industrial users.", "geopolitics"),
        ("A new electricity tariff for server halls passes grid costs on to operators.",
         "geopolitics"),
        ("Regulators set a tariff on power drawn by data centres.", "geopolitics"),
        # Exemptions from a labour law or a tax are not export rules.
        ("The bill would exempt lab staff from overtime limits.", "geopolitics"),
        ("Start-ups get income tax exemptions for five years.", "geopolitics"),
        # Chip manufacturing is not AI put to use.
        ("Subsidies went to a Semiconductor Manufacturing Co plant in the south.",
         "applications"),
        ("The startup has no experience in manufacturing memory chips.", "applications"),
        # "AI practitioners" are people, not models.
        ("The number of AI practitioners doubled.", "models"),
    ],
)
def test_trial_near_misses_do_not_carry_the_theme(taxonomy: Taxonomy, text: str,
                                                  not_expected: str) -> None:
    assert not_expected not in taxonomy.match(text)


def test_exemptions_from_export_rules_stay_geopolitics(taxonomy: Taxonomy) -> None:
    assert "geopolitics" in taxonomy.match(
        "Allies such as Japan are exempt from the new export controls.")
    assert "geopolitics" in taxonomy.match("About 20 nations are exempt from restrictions.")


def test_a_users_theme_may_be_about_physical_figures(tmp_path: Path) -> None:
    path = write(tmp_path / "themes.yaml", """
themes:
  - slug: energy
    name: Energy
    description: Power for data centres.
    figures: [power, energy]
    patterns: [grid]
""")
    taxonomy = load_taxonomy(path)
    assert taxonomy.for_figures({"power"}) == ("energy",)
    assert taxonomy.for_figures({"money"}) == ()
