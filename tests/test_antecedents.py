"""A sentence that cannot be read alone is quoted with the sentence it leans on, and that
quote is the one row the statement gets: in the store, in `briefing facts`, in a brief.

Every article here is written for these tests. Saved news pages often give each sentence its
own paragraph, so most dependents below stand in a paragraph of their own.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as gen
from typer.testing import CliRunner

from briefing.cli.app import app
from briefing.extract.cues import MAX_JOINED_WORDS
from briefing.extract.facts import Statement, extract_statements
from briefing.extract.sentences import split_sentences
from briefing.extract.themes import load_taxonomy
from briefing.ingest.document import read_document
from briefing.text import collapse

TAXONOMY = load_taxonomy()


def read_statements(tmp_path: Path, text: str) -> tuple[str, list[Statement]]:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    (article,) = read_document(tmp_path, path).articles
    return article.text, extract_statements(article, TAXONOMY)


def quoting(found: list[Statement], words: str) -> list[Statement]:
    return [s for s in found if words in s.text]


def assert_joined(tmp_path: Path, text: str, antecedent: str, dependent: str) -> Statement:
    """`dependent` is quoted once, right after `antecedent`, and neither stands alone."""
    body, found = read_statements(tmp_path, text)
    rows = quoting(found, dependent)
    assert len(rows) == 1, [s.text for s in found]
    (row,) = rows
    assert row.text.startswith(antecedent), row.text
    assert row.text.index(dependent) > len(antecedent)
    assert quoting(found, antecedent) == [row]  # the antecedent is not a row of its own
    assert collapse(body[row.start:row.end]) == row.text  # the span covers both sentences
    return row


@pytest.mark.parametrize(
    ("text", "antecedent", "dependent"),
    [
        # A definite noun for a company named just before, a paragraph before.
        ("Lagos start-ups get state GPUs\n\n"
         "Nigeria's digital ministry has picked Ori Labs, a young firm in Yaba, to train a "
         "Yoruba speech model.\n\n"
         "The company will get 1,500 graphics chips from the national cloud for a year.\n",
         "Nigeria's digital ministry has picked", "The company will get 1,500"),
        # The same within one paragraph, with the programme, the fund, the agency, the law.
        ("Rwanda opened a national programme for AI start-ups in Kigali on Monday. The "
         "programme offers free office space for two years.\n",
         "Rwanda opened a national programme", "The programme offers"),
        ("Chile's development agency set up a $200 million fund for machine learning "
         "research. The fund will back about 40 university labs by 2027.\n",
         "Chile's development agency set up", "The fund will back"),
        ("Japan set up an AI safety institute inside its trade ministry last spring.\n\n"
         "The agency has tested six large language models since then.\n",
         "Japan set up an AI safety institute", "The agency has tested"),
        ("Ghana's parliament passed a data protection bill for AI systems on Tuesday.\n\n"
         "The law takes effect in January 2027.\n",
         "Ghana's parliament passed", "The law takes effect"),
        # Members of a set just introduced.
        ("Kenya's innovation agency picked 30 university teams for its AI challenge.\n\n"
         "Each team will receive a grant of 5 million shillings over two years.\n",
         "Kenya's innovation agency picked", "Each team will receive"),
        # A share of an amount just given.
        ("Egypt has set aside 9 billion pounds for artificial intelligence research.\n\n"
         "Of this, 4 billion pounds will build new computing laboratories.\n",
         "Egypt has set aside 9 billion", "Of this, 4 billion"),
        # People defined by what the sentence before set up.
        ("Vietnam launched a national AI fellowship for young engineers in Hanoi. Those who "
         "join will spend a year at the national data centre.\n",
         "Vietnam launched a national AI fellowship", "Those who join"),
        # A definite noun inside the subject: "the programme" is the one just launched.
        ("Morocco launched an incubation programme for AI start-ups in Rabat.\n\n"
         "Companies that join the programme pay no rent for their first two years.\n",
         "Morocco launched an incubation programme", "Companies that join the programme"),
        # Pronouns and demonstratives.
        ("Peru's science council opened a computing centre in Lima on Friday. It holds 512 "
         "graphics chips.\n", "Peru's science council opened", "It holds 512"),
        ("Norway's two largest universities agreed to share their AI clusters. They will "
         "pool 2,000 chips from June.\n", "Norway's two largest universities",
         "They will pool"),
        ("Brazil's science minister visited the new Campinas supercomputer on Monday.\n\n"
         "She said it would double the country's research computing.\n",
         "Brazil's science minister visited", "She said it would double"),
        ("Poland counted 420 AI start-ups in 2024, up from 250 in 2021. These firms employ "
         "about 9,000 people.\n", "Poland counted 420 AI start-ups", "These firms employ"),
        # An event the sentence before reported.
        ("Colombia banned facial recognition by the police on Monday.\n\n"
         "The move follows a year of protests in Bogotá.\n",
         "Colombia banned facial recognition", "The move follows"),
        ("Malaysia approved tax breaks for AI data centres in Johor. The decision covers "
         "projects started before 2028.\n",
         "Malaysia approved tax breaks", "The decision covers"),
    ],
)
def test_a_dependent_sentence_is_quoted_with_its_antecedent(tmp_path, text, antecedent,
                                                           dependent):
    assert_joined(tmp_path, text, antecedent, dependent)


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        # It names its own subject in full.
        ("Infosys opened an AI lab in Pune with 300 engineers.\n\n"
         "The Indian government said it would fund ten more such labs by 2027.\n",
         "The Indian government said"),
        ("Wipro and Infosys both reported strong AI revenue this quarter.\n\n"
         "The company Infosys said its AI services grew by 40% in a year.\n",
         "The company Infosys said"),
        # The noun's referent is not in the sentence before: nothing to join it with.
        ("Officials in Nairobi met on Monday to discuss the national budget.\n\n"
         "The company will open a second office in Mombasa next year.\n",
         "The company will open"),
        ("Ghana's parliament met on Tuesday for the first time this year.\n\n"
         "The programme will train 5,000 teachers in data skills.\n",
         "The programme will train"),
        # Time, not a referent.
        ("Kenya trained 2,000 civil servants in AI tools last year. This year it plans to "
         "train 10,000 more across all counties.\n", None),
        ("Chile publishes its AI readiness index every spring. Each year the index ranks "
         "all 16 regions.\n", None),
        # A pointer after a paragraph of several sentences may point at all of them.
        ("Estonia runs its tax office on AI tools. Latvia uses them in courts. Lithuania "
         "uses them in hospitals.\n\n"
         "These uses grew quickly after 2020, when budgets for digital services doubled.\n",
         "These uses grew quickly"),
    ],
)
def test_a_self_contained_sentence_stands_alone(tmp_path, text, alone):
    body, found = read_statements(tmp_path, text)
    for st in found:
        assert collapse(body[st.start:st.end]) == st.text
    if alone is None:  # nothing in the article leans on anything
        assert len(found) == 2, [s.text for s in found]
    else:
        assert [s.text for s in found if alone in s.text] == [
            s.text for s in found if s.text.startswith(alone)], [s.text for s in found]
        assert any(s.text.startswith(alone) for s in found)


def test_a_chain_of_dependents_is_one_row(tmp_path):
    """ "A. It ... They ...": one quote of the chain, with neither A nor A+B left over."""
    _, found = read_statements(
        tmp_path, "Senegal opened a national AI lab in Dakar in May. It hosts 40 researchers. "
                  "They work on Wolof and Pulaar speech models.\n")
    assert [s.text for s in found] == [
        "Senegal opened a national AI lab in Dakar in May. It hosts 40 researchers. They work "
        "on Wolof and Pulaar speech models."]


def test_a_joined_quote_keeps_whom_each_sentence_is_about(tmp_path):
    # The second sentence talks of countries in general: the quote is still about Qatar.
    row = assert_joined(
        tmp_path, "Qatar invests in AI\n\nQatar's sovereign fund backed an Abu Dhabi chip "
                  "designer this month. The move is part of wider efforts by Gulf countries to "
                  "build AI hubs.\n",
        "Qatar's sovereign fund backed", "The move is part of")
    assert "QA" in row.countries


# --------------------------------------------------------------------------- one statement, one row

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Nigeria lends its GPU cloud to a Lagos start-up | Test Ledger</title></head>
<body><main><article>
<h1>Nigeria lends its GPU cloud to a Lagos start-up</h1>
<p>Nigeria's digital ministry has picked Ori Labs, a young firm in Yaba, to train a Yoruba
speech model under the national AI strategy.</p>
<p>The company will get 1,500 graphics processing units from the national cloud for a year.</p>
<p>Officials said 25 university teams had applied for the same cloud since March.</p>
<p>Each team will receive compute credits worth up to 80 million naira.</p>
<p>Nigeria's cabinet approved 12 billion naira for the national AI strategy in 2024.</p>
</article></main></body></html>
"""
ANTECEDENT = "Nigeria's digital ministry has picked Ori Labs"
DEPENDENT = "The company will get 1,500 graphics processing units"


def _corpus(tmp_path: Path, monkeypatch) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ori-labs.html").write_text(PAGE, encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    return corpus


def test_facts_lists_a_joined_statement_once(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path, monkeypatch)
    result = CliRunner().invoke(app, ["facts", "-c", "NG", "--corpus", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)
    texts = [f["text"] for f in facts]
    with_antecedent = [t for t in texts if ANTECEDENT in t]
    assert len(with_antecedent) == 1 and DEPENDENT in with_antecedent[0], texts
    assert [t for t in texts if DEPENDENT in t] == with_antecedent
    teams = [t for t in texts if "Each team will receive" in t]
    assert len(teams) == 1 and teams[0].startswith("Officials said 25 university teams")
    assert not any(t.startswith("Officials said 25") and "Each team" not in t for t in texts)


def test_a_brief_quotes_a_joined_statement_once_and_it_verifies(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path, monkeypatch)
    out = tmp_path / "out"
    made = CliRunner().invoke(app, ["make", "-c", "NG", "--corpus", str(corpus), "--out",
                                    str(out), "--date", "2026-11-22", "--format", "md"])
    assert made.exit_code == 0, made.output
    brief = Path(made.stdout.strip())
    markdown = brief.read_text(encoding="utf-8")
    # Quoted in full once (the key figures table may show a window of it, marked "…").
    assert markdown.count(ANTECEDENT) == 1, markdown
    line = next(x for x in markdown.splitlines() if ANTECEDENT in x)
    assert DEPENDENT in line
    assert markdown.count(DEPENDENT) == sum(
        1 for x in markdown.splitlines() if DEPENDENT in x and (ANTECEDENT in x or "…" in x))
    checked = CliRunner().invoke(app, ["verify", str(brief), "--corpus", str(corpus)])
    assert checked.exit_code == 0, checked.output


# --------------------------------------------------------------------------- one sentence, one row

def spans_do_not_overlap(body: str, found: list[Statement]) -> None:
    """Every row quotes its span, and no two rows share a sentence."""
    rows = sorted(found, key=lambda s: s.start)
    for row in rows:
        assert collapse(body[row.start:row.end]) == row.text
    for before, after in itertools.pairwise(rows):
        assert before.end <= after.start, (before.text, after.text)


# A lede of 40 words and three dependents, together past MAX_JOINED_WORDS (70 words).
LONG_CHAIN = (
    "Vietnam's planning ministry said on Thursday it would lend the state chip designer "
    "Hanoi Silicon a further 4 trillion dong in cheap loans, taking the total public support "
    "for the firm since its founding in 2021 to about 11 trillion dong.\n\n"
    "The money will pay for a test line for power-management chips at a new plant outside Da "
    "Nang, due to start in the third quarter.\n\n"
    "The company hopes to sell its first chips in 2028. It has already signed letters of "
    "intent with about 25 carmakers and appliance firms in the region, its chairman said.\n"
)


def test_a_chain_too_long_for_one_quote_is_cut_into_rows_that_share_no_sentence(tmp_path):
    body, found = read_statements(tmp_path, LONG_CHAIN)
    spans_do_not_overlap(body, found)
    for sentence in ("Vietnam's planning ministry", "The money will pay",
                     "The company hopes", "It has already signed"):
        assert len(quoting(found, sentence)) == 1, [s.text for s in found]
    # Cut before "The company ..." (a definite noun, which says what it is about), never
    # before "It has ..." (a pronoun says nothing of it) nor "The money ..." (which then
    # keeps the lede it points at).
    texts = [s.text for s in found]
    assert texts[0].startswith("Vietnam's planning ministry") and texts[0].endswith(
        "due to start in the third quarter.")
    assert texts[1].startswith("The company hopes") and "It has already signed" in texts[1]
    assert [s.countries for s in found] == [("VN",)] * len(found)  # codes, never names


def test_facts_never_list_a_sentence_twice(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hanoi-silicon.txt").write_text("Vietnam lends to its chip designer\n\n"
                                              + LONG_CHAIN, encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(app, ["facts", "--corpus", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)
    spans = sorted(tuple(f["span"]) for f in facts)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), spans
    for sentence in ("The money will pay", "The company hopes", "It has already signed"):
        assert sum(sentence in f["text"] for f in facts) == 1, [f["text"] for f in facts]


# --------------------------------------------------------------------------- more shapes of leaning

@pytest.mark.parametrize(
    ("text", "antecedent", "dependent"),
    [
        # "Together", "After that", a counted share of "them".
        ("Portugal now runs about 90 public data centres, most of them near Lisbon. Together "
         "they draw about 2 terawatt-hours of power a year.\n",
         "Portugal now runs about 90", "Together they draw"),
        ("Uruguay's new state supercomputer opened in Montevideo on Monday.\n\n"
         "It will be free for university teams for the first year. After that, each team "
         "will pay a fee set by the science ministry.\n",
         "Uruguay's new state supercomputer", "After that, each team"),
        ("The government of Ireland said it would train 8,000 nurses in the use of AI tools "
         "by 2029. About 30% of them will be trained in rural hospitals.\n",
         "The government of Ireland said", "About 30% of them"),
        ("Austria's two largest banks each opened an AI lab in Vienna this year. Neither "
         "bank would say how much it had spent.\n",
         "Austria's two largest banks", "Neither bank would say"),
        ("Greece set aside 300 million euros for AI research this year. The remainder of "
         "its science budget goes to physics and medicine.\n",
         "Greece set aside 300 million", "The remainder of its science"),
        # A pronoun object and a definite noun inside a short sentence.
        ("The Czech parliament must still approve the AI budget before December. Most "
         "opposition parties have said they will back it.\n",
         "The Czech parliament must still", "Most opposition parties"),
        ("Lawmakers in Romania dropped a proposal to tax foreign cloud providers. The "
         "cabinet said it would revisit the issue in the spring.\n",
         "Lawmakers in Romania dropped", "The cabinet said it would revisit the issue"),
        ("Hungary unveiled a 12-point plan for AI in schools on Friday. Teachers' unions "
         "say the plan is too vague.\n",
         "Hungary unveiled a 12-point plan", "Teachers' unions say the plan"),
        # A bare share going on with the rates of the sentence before.
        ("The law raises the tax credit for chip plants in Malaysia from 10% to 15%. Small "
         "firms may claim up to 25%.\n",
         "The law raises the tax credit", "Small firms may claim up to 25%."),
        # A short sentence opening on "the country" it does not name, across a paragraph.
        ("Finland's particular strength is cheap, clean power for data centres.\n\n"
         "The country's weakness is its small pool of engineers.\n",
         "Finland's particular strength", "The country's weakness"),
        # A company named as the sentence's first word; a province by its bare name.
        ("Infineon said in a statement that it welcomed the new subsidy rules.\n\n"
         "The company plans to build a second chip plant in Dresden by 2029.\n",
         "Infineon said in a statement", "The company plans to build"),
        ("Quebec has offered cheap hydropower to companies building AI data centres. The "
         "provincial government says it has applications for 9 gigawatts.\n",
         "Quebec has offered cheap hydropower", "The provincial government says"),
    ],
)
def test_more_dependent_shapes_are_quoted_with_their_antecedent(tmp_path, text, antecedent,
                                                                dependent):
    assert_joined(tmp_path, text, antecedent, dependent)


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        # The bill is not the law the sentence before names: it is the one named further back.
        ("Spain's parliament approved a bill on Tuesday that doubles tax credits for AI "
         "research.\n\n"
         "Italy offers a credit of 20% under a law passed in 2022, while France offers 30%.\n\n"
         "The bill passed with 190 votes in favour and 140 against.\n",
         "The bill passed with 190 votes"),
        # "The strategy" is not proposals for projects.
        ("Manitoba has pitched itself as a home for AI data centres. Its government says it "
         "has proposals for 3 gigawatts of projects.\n\n"
         "The strategy follows similar programmes in Norway and Sweden.\n",
         "The strategy follows similar programmes"),
        # "The announcement" reports an event, not a remark someone made.
        ("The Dutch government will spend 300 million euros on a supercomputer in "
         "Groningen.\n\n"
         "\"This keeps the north at the centre of Dutch science,\" said a professor at the "
         "city's university.\n\n"
         "The announcement comes a week after Belgium said it would build one in Liège.\n",
         "The announcement comes a week"),
        # "The plan" is one thing: not the strategies of other countries just named.
        ("Kenya launched its national AI strategy on Tuesday.\n\n"
         "Ghana and Senegal published their own AI strategies last year.\n\n"
         "Digital rights groups welcomed the plan but said it lacked detail.\n",
         "Digital rights groups welcomed the plan"),
        # Openers that name their own referent.
        ("Kenya opened a national AI centre in Nairobi. Together with Microsoft, the ministry "
         "will train 20,000 developers there by 2027.\n",
         "Together with Microsoft, the ministry"),
        ("Brazil spent 2 billion reais on AI research this year. The rest of the world spent "
         "about 400 billion dollars, according to the OECD.\n",
         "The rest of the world spent"),
        ("Chile leads the region in AI readiness. Neither Argentina nor Peru has published a "
         "national AI strategy yet.\n",
         "Neither Argentina nor Peru"),
        # A longer sentence on "the country" stands on its own.
        ("Qatar's sovereign fund set up a technology unit in Doha last month.\n\n"
         "The country's $450 billion wealth fund is also backing chip plants in Arizona and "
         "in Texas through a US partner.\n",
         "The country's $450 billion wealth fund"),
    ],
)
def test_a_sentence_leans_only_on_a_neighbour_holding_its_referent(tmp_path, text, alone):
    body, found = read_statements(tmp_path, text)
    spans_do_not_overlap(body, found)
    rows = quoting(found, alone)
    assert len(rows) == 1 and rows[0].text.startswith(alone), [s.text for s in found]


def test_a_bill_named_further_back_still_gives_its_country(tmp_path):
    _, found = read_statements(
        tmp_path,
        "Spain's parliament approved a bill on Tuesday that doubles tax credits for AI "
        "research.\n\n"
        "Italy offers a credit of 20% under a law passed in 2022.\n\n"
        "The bill passed with 190 votes in favour and 140 against.\n")
    (row,) = quoting(found, "The bill passed")
    assert row.countries == ("ES",), row


# --------------------------------------------------------------------------- short statements

def test_a_short_ranking_of_a_named_country_is_a_statement(tmp_path):
    _, found = read_statements(
        tmp_path,
        "AI compute index\n\n"
        "## Japan\n\n"
        "Japan ranks second. The trade ministry has paid for GPU capacity at nine private "
        "cloud firms since 2023.\n\n"
        "## Notes\n\n"
        "Figure 1. Table 2.\n")
    texts = {s.text: s for s in found}
    assert "Japan ranks second." in texts and texts["Japan ranks second."].countries == ("JP",)
    ministry = next(s for s in found if s.text.startswith("The trade ministry"))
    assert ministry.countries == ("JP",)
    assert not any(t.startswith(("Figure", "Table")) for t in texts)


# --------------------------------------------------------------------------- property

OPENERS = ["It will", "They", "Of this,", "The company", "The plan", "The bill", "Each team",
           "Together they", "After that,", "About 40% of them", "Critics say the plan",
           "The country's", "This", "Such rules", "The rest", "Neither firm"]
ANTECEDENTS = ["Kenya set aside 4 billion shillings for a national AI plan",
               "Ori Labs, a young firm, was picked to build the model",
               "Parliament passed a bill on chip subsidies",
               "Thirty university teams applied for compute",
               "Japan ranks second"]
FILLER = ["with", "more", "chips", "for", "research", "by", "2027", "in", "Nairobi", "and"]

dependent_sentence = gen.tuples(
    gen.sampled_from(OPENERS), gen.lists(gen.sampled_from(FILLER), min_size=0, max_size=30),
).map(lambda t: " ".join([t[0], *t[1]]) + ".")
any_sentence = gen.one_of(gen.sampled_from(ANTECEDENTS).map(lambda s: s + "."),
                         dependent_sentence)
articles_of_dependents = gen.lists(
    gen.tuples(any_sentence, gen.sampled_from([" ", " ", "\n\n", "\n"])), min_size=1,
    max_size=12).map(lambda parts: "".join(s + gap for s, gap in parts))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(articles_of_dependents)
def test_no_sentence_is_in_two_rows_and_every_row_quotes_its_span(tmp_path, text):
    body, found = read_statements(tmp_path, "Chips\n\n" + text)
    spans_do_not_overlap(body, found)
    sentences = [span for start, end in paragraph_spans(body)
                 for span in split_sentences(body, start, end)]
    for start, end in sentences:
        assert sum(row.start <= start and end <= row.end for row in found) <= 1
    for row in found:
        inside = [s for s in sentences if row.start <= s[0] and s[1] <= row.end]
        assert inside and inside[0][0] == row.start and inside[-1][1] == row.end
        # Sentences are joined only while the quote stays short enough to read as one.
        assert len(inside) == 1 or len(row.text.split()) <= MAX_JOINED_WORDS, row.text


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    spans, at = [], 0
    for part in body.split("\n"):
        spans.append((at, at + len(part)))
        at += len(part) + 1
    return spans


# --------------------------------------------------------------------------- pointers past the opening

@pytest.mark.parametrize(
    ("text", "antecedent", "dependent"),
    [
        # A demonstrative determiner inside a short sentence.
        ("About 60% of the servers used by Kenyan banks sit in data centres abroad. The "
         "central bank wants to bring that share below 30% by 2029.\n",
         "About 60% of the servers", "The central bank wants to bring that share"),
        # A demonstrative pronoun as the subject of a reported forecast.
        ("Chile runs about 200 megawatts of data centre capacity near Santiago. Analysts "
         "expect this could double by 2028 if new transmission lines are built on time.\n",
         "Chile runs about 200 megawatts", "Analysts expect this could double"),
        # One of a set counted before, the set unnamed.
        ("The ministry picked three start-ups to build Swahili language models in June. "
         "Lugha Labs, one of the three, will receive 800 graphics chips for a year.\n",
         "The ministry picked three start-ups", "Lugha Labs, one of the three"),
        # "that" as the object closing a short sentence.
        ("Most Estonian schools still lack fast connections to the national research "
         "cloud. Officials say the next phase will fix that.\n",
         "Most Estonian schools still lack", "Officials say the next phase will fix that."),
        # A pronoun subject after an opening phrase.
        ("Uruguay is a useful comparison for small states. With a population of 3.4 "
         "million, it has trained about 5,000 data scientists since 2020.\n",
         "Uruguay is a useful comparison", "With a population of 3.4 million, it has"),
    ],
)
def test_a_pointer_past_the_opening_words_leans_back(tmp_path, text, antecedent, dependent):
    assert_joined(tmp_path, text, antecedent, dependent)


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        # "that" opening a clause or describing a noun points at nothing before.
        ("Kenya opened a national AI office in Nairobi on Monday. Officials said that "
         "prices for cloud computing fell by a third.\n", "Officials said that prices"),
        ("Kenya opened a national AI office in Nairobi on Monday. \"We only join projects "
         "that serve farmers,\" the minister added.\n", "\"We only join projects"),
        # A subordinate clause may name what its pronoun points at.
        ("Kenya opened a national AI office in Nairobi on Monday. When the ministry "
         "launched its plan, it promised 2,000 new data scientists by 2027.\n",
         "When the ministry launched its plan"),
    ],
)
def test_a_that_clause_or_a_named_clause_stands_alone(tmp_path, text, alone):
    _, found = read_statements(tmp_path, text)
    rows = quoting(found, alone)
    assert len(rows) == 1 and rows[0].text.startswith(alone), [s.text for s in found]


def test_a_paragraph_about_the_world_stays_about_no_country(tmp_path: Path) -> None:
    """A round-up's closing paragraph under the last country's section: once it turns to
    countries in general, its next sentences are about no country, a bare "its" included;
    "the government" in the next paragraph is the section's country again."""
    _, found = read_statements(tmp_path, (
        "Five countries building their own AI models\n\n"
        "## Peru: a late starter\n\n"
        "Peru opened a national computing centre for language models in Lima last year.\n\n"
        "Many countries now treat language models as public infrastructure. As the field "
        "matures, shared benchmarks will decide its direction for years to come.\n\n"
        "The government will publish its first benchmark results in March.\n"))
    about = {s.text: s.countries for s in found}
    assert about["Peru opened a national computing centre for language models in Lima last "
                 "year."] == ("PE",)
    assert about["Many countries now treat language models as public infrastructure."] == ()
    assert about["As the field matures, shared benchmarks will decide its direction for years "
                 "to come."] == ()
    assert about["The government will publish its first benchmark results in March."] == ("PE",)
