"""The brief model: ranking, citation numbering, figure attribution, titles, and where
each fact is quoted."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from factories import make_fact, make_source

from briefing.brief.build import (
    MAX_CITED,
    Options,
    Specifics,
    build_brief,
    cited_sources,
    figure_countries,
    title_for,
    years_before,
)
from briefing.brief.render.markdown import render_markdown
from briefing.brief.render.pdf import render_html
from briefing.extract.figures import find_figures
from briefing.extract.themes import load_taxonomy
from briefing.model import Brief, Citation, Fact, Selection

TAX = load_taxonomy()


def fact_with(text: str, countries: tuple[str, ...]) -> Fact:
    return make_fact(1, text, make_source(1), countries=countries, figures=find_figures(text))


def test_each_figure_is_listed_under_the_country_extraction_gave_it():
    text = "Brazil accounts for 12% of regional spending, while Mexico accounts for 8%."
    twelve, eight = (replace(f, country=c) for f, c in zip(find_figures(text), ("BR", "MX"),
                                                             strict=True))
    fact = make_fact(1, text, make_source(1), countries=("BR", "MX"), figures=(twelve, eight))
    assert figure_countries(fact, twelve) == ("BR",) and figure_countries(fact, eight) == ("MX",)
    unowned = fact_with("Half of all firms use AI, 50% of them daily.", ("KR",))
    assert {figure_countries(unowned, f) for f in unowned.figures} == {("KR",)}


def test_a_fact_reported_everywhere_cites_three_sources_but_counts_all():
    sources = [make_source(n, publisher=f"Paper {n}", date_=f"2025-0{n}-01") for n in range(1, 7)]
    text = "South Korea will spend $5 billion on AI chips by 2027, the ministry said."
    fact = Fact("f1", text, ("KR",), ("compute",), find_figures(text),
                tuple(Citation(s, 0, len(text), text) for s in sources))
    assert [s.key for s in cited_sources(fact)] == [s.key for s in sources[:MAX_CITED]]
    brief = build_brief([fact], Selection(countries=("KR",)), TAX, Options(date(2026, 1, 1)), "0")
    (item,) = brief.items
    assert item.refs == (1, 2, 3) and item.publishers == 6
    assert [s.number for s in brief.sources] == [1, 2, 3]


def test_copies_from_one_publisher_are_cited_after_other_publishers():
    text = "Japan will build three AI supercomputers by 2026, officials said on Friday."
    a = make_source(1, publisher="Wire")
    b = make_source(2, publisher="Wire")
    c = make_source(3, publisher="Daily")
    fact = Fact("f2", text, ("JP",), (), (), tuple(Citation(s, 0, 5, text) for s in (a, b, c)))
    assert [s.key for s in cited_sources(fact, limit=2)] == [a.key, c.key]


def test_sources_are_numbered_in_reading_order_and_dates_drive_staleness():
    old = make_source(1, date_="2020-01-01", title="Old")
    new = make_source(2, date_="2026-10-01", title="New", publisher="Other")
    undated = make_source(3, date_=None, title="Undated", publisher="Third")
    facts = [
        make_fact(1, "South Korea opened a national AI computing centre in Gwangju last year.", old),
        make_fact(2, "South Korea will fund 1,000 AI doctoral students every year from now on.", new),
        make_fact(3, "South Korea plans a sovereign AI model trained on Korean data and text.", undated),
    ]
    brief = build_brief(facts, Selection(countries=("KR",)), TAX, Options(date(2026, 11, 22)), "0")
    first_refs = [i.refs[0] for i in brief.key_findings]
    assert sorted(first_refs) == [1, 2, 3] and first_refs[0] == 1
    marks = {s.source.title: (s.stale, s.undated) for s in brief.sources}
    assert marks == {"Old": (True, False), "New": (False, False), "Undated": (False, True)}


def test_titles_and_dates():
    assert title_for(Selection(countries=("KR",)), TAX) == "Policy brief: South Korea"
    assert title_for(Selection(countries=("KR", "JP"), themes=("patents",)), TAX).startswith(
        "Policy brief: South Korea and Japan — ")
    assert title_for(Selection(), TAX) == "Policy brief: all sources"
    assert years_before(date(2024, 2, 29), 2) == date(2022, 2, 28)


# --------------------------------------------------------------------------- each fact once


def quoted_in_body(brief: Brief) -> list[str]:
    """The ids of the facts each part of the body quotes, in reading order."""
    parts = [*brief.key_findings, *brief.compared, *(i for s in brief.sections for i in s.items)]
    return [i.fact.id for i in parts]


def test_a_two_fact_brief_quotes_each_fact_once_in_markdown_and_html():
    src = make_source(1)
    texts = ["South Korea opened a national AI computing centre in Gwangju last year.",
             "South Korea plans a sovereign AI model trained on Korean data and text."]
    facts = [make_fact(n, t, src, themes=("compute", "sovereign-ai"))
             for n, t in enumerate(texts, 1)]
    brief = build_brief(facts, Selection(countries=("KR",)), TAX, Options(date(2026, 11, 22)), "0")
    assert len(brief.key_findings) == 2 and brief.sections == ()
    markdown, html = render_markdown(brief), render_html(brief)
    for text in texts:
        assert markdown.count(text) == 1 and html.count(text) == 1
    # Only the key findings: no theme section left to repeat them, nor to point to them.
    assert "## Sovereign AI" not in markdown and "See also" not in markdown
    assert "See also" not in html


def test_sections_leave_out_key_findings_and_compared_facts_and_point_to_the_findings():
    src = make_source(1)
    themes = ["investment", "compute", "talent", "investment", "research", "investment",
              "compute", "talent", "patents", "research"]
    facts = [make_fact(n, f"South Korea reports item number {n} about its AI plans today.",
                       src, themes=(theme,), countries=("KR", "JP") if n in (7, 8) else ("KR",))
             for n, theme in enumerate(themes, 1)]
    # Items 7 and 8 compare Korea with Japan: only comparisons go to "compared with others".
    facts = [replace(f, compared=("JP",)) if "JP" in f.countries else f
             for f in facts]
    brief = build_brief(facts, Selection(countries=("KR",)), TAX, Options(date(2026, 11, 22)), "0")
    body = quoted_in_body(brief)
    assert sorted(body) == sorted(f.id for f in facts)  # every fact, each exactly once
    assert len(brief.key_findings) == 5 and brief.compared
    for section in brief.sections:
        assert section.items  # a theme whose facts are all key findings is no section
        for n in section.see_also:  # the pointers go to findings on this section's theme
            assert section.slug in brief.key_findings[n - 1].fact.themes
    pointed = sorted(n for s in brief.sections for n in s.see_also)
    assert pointed
    homes = {s.slug for s in brief.sections}
    assert pointed == [n for n, i in enumerate(brief.key_findings, 1) if i.fact.themes[0] in homes]
    markdown, html = render_markdown(brief), render_html(brief)
    for fact in facts:
        assert markdown.count(fact.text) == 1 and html.count(fact.text) == 1
    assert [s.see_also for s in brief.sections if s.see_also] == [(1, 4), (5,)]
    assert "\nSee also key findings 1 and 4.\n" in markdown
    assert "\nSee also key finding 5.\n" in markdown
    assert '<a href="#finding-1">1</a> and <a href="#finding-4">4</a>.' in html
    assert all(f'<li id="finding-{n}">' in html for n in range(1, 6))


def test_a_big_selection_ranked_from_digests_gives_the_same_brief(corpus, monkeypatch):
    """Above RANK_ALL_UP_TO matches a brief reads only the strongest by digest: on the seed
    corpus, with both limits made small enough to bind, the brief quotes what the one that
    ranks every fact quotes, and says how it ranked (the source cap's count, made from the
    digests, may differ: it is given as "about")."""
    import briefing.brief.build as brief_mod
    from briefing.store import Store

    options = Options(date(2026, 11, 22))
    with Store.for_corpus(corpus) as store:
        store.sync()
        for selection in (Selection(countries=("KR",), max_facts=2),
                          Selection(themes=("industry",), max_facts=5),
                          Selection(countries=("CN", "US"), max_facts=6, since=date(2024, 1, 1))):
            whole = render_markdown(brief_mod.brief_from_store(store, selection, options))
            matched = sum(1 for _ in store.digests(selection.countries, selection.themes))
            read: list[int] = []
            facts = store.facts

            def counted(*args, facts=facts, read=read, **kwargs):
                found = facts(*args, **kwargs)
                read.append(len(found))
                return found

            monkeypatch.setattr(brief_mod, "RANK_ALL_UP_TO", 0)
            monkeypatch.setattr(brief_mod, "CANDIDATES", 4)
            monkeypatch.setattr(store, "facts", counted)
            ranked = render_markdown(brief_mod.brief_from_store(store, selection, options))
            monkeypatch.undo()
            assert f"{matched} facts match the selection; the {read[0]} strongest" in ranked
            assert without_method_counts(ranked) == without_method_counts(whole)
            assert read and read[0] <= 4 * selection.max_facts < matched


def test_a_big_selection_keeps_only_the_strongest_digests(tmp_path, monkeypatch):
    """The digests of a big selection are ranked as the store reads them: while the brief
    reads its candidates, memory holds a bounded number of them, not one per match."""
    import gc

    import briefing.brief.build as brief_mod
    from briefing.dev.bench import synthesize
    from briefing.model import FactDigest
    from briefing.store import Store

    synthesize(tmp_path / "corpus", 60)
    monkeypatch.setattr(brief_mod, "RANK_ALL_UP_TO", 20)
    monkeypatch.setattr(brief_mod, "CANDIDATES", 2)
    selection = Selection(themes=("industry",), max_facts=4)
    with Store.for_corpus(tmp_path / "corpus") as store:
        store.sync()
        matched = sum(1 for _ in store.digests(themes=selection.themes))
        # Digests earlier tests left alive are not this brief's; held, so no id is reused.
        earlier = [o for o in gc.get_objects() if isinstance(o, FactDigest)]
        known = {id(o) for o in earlier}
        alive: list[int] = []
        facts = store.facts

        def counted(*args, **kwargs):
            alive.append(sum(isinstance(o, FactDigest) and id(o) not in known
                             for o in gc.get_objects()))
            return facts(*args, **kwargs)

        monkeypatch.setattr(store, "facts", counted)
        brief = brief_mod.brief_from_store(store, selection, Options(date(2026, 11, 22)))
    bound = 20 + 1 + 2 * 4  # the first look past RANK_ALL_UP_TO, and the strongest
    assert brief.matched == matched > 5 * bound
    assert alive and alive[0] <= bound


def without_method_counts(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.strip()
            and not line.startswith(("At most ", "The brief keeps the "))
            and "facts match the selection" not in line]


# --------------------------------------------------------------------------- what a finding says


def specific_and_generic() -> tuple[list[Fact], list[Fact]]:
    """Facts written for these tests: each specific one states one kind of specific claim,
    each generic one none (no figure, date, ranking or named actor)."""
    src = make_source(1)
    specific = [
        "Spending on AI research grew 14% over the period.",  # a figure
        "The agency published its guidance on model audits in 2024.",  # a date
        "The country now ranks third in the regional readiness table.",  # a ranking
        "Officials expect Nvidia to open a design office in the port city.",  # an organisation
        "Minister Park Ji-ho called the plan the start of a long effort.",  # a person
        "Vietnam wants more engineers trained in chip design.",  # a country (about VN)
        "The ministry will triple its support for start-ups.",  # a multiple, and a state
    ]
    generic = [
        "Technological change is the main force behind the growth of the field.",
        "AI will reshape the way people work and live.",
        "Collaboration between industry and academia remains essential.",
        "Three countries took part.",  # a count of nothing in particular
    ]
    # Generic sentences are about the article's country too, naming none (as extraction
    # gives them its focus).
    facts = [make_fact(n, text, src, themes=("strategy",), figures=find_figures(text),
                       countries=("VN",) if text.startswith("Vietnam") else ("KR",))
             for n, text in enumerate(specific + generic, 1)]
    return facts[:len(specific)], facts[len(specific):]


def test_a_fact_says_something_when_it_states_a_figure_date_ranking_or_actor():
    specific, generic = specific_and_generic()
    says = Specifics(specific + generic)
    assert [f.text for f in specific if not says(f)] == []
    assert [f.text for f in generic if says(f)] == []


def test_a_name_opening_a_sentence_is_known_from_the_other_facts():
    src = make_source(1)
    opening = make_fact(1, "Samsung plans to build a second fab soon.", src)
    elsewhere = make_fact(2, "The regulator said Samsung had applied.", src)
    habit = make_fact(3, "Innovation drives the sector, and innovation needs money.", src)
    assert Specifics([opening, elsewhere, habit]).says(opening)
    assert not Specifics([opening, habit]).says(opening)  # a capital that opens says nothing
    assert not Specifics([opening, elsewhere, habit]).says(habit)
    assert Specifics([]).says(make_fact(4, "WIPO counts filings as they arrive.", src))
    assert Specifics([]).says(make_fact(5, "인공지능 산업은 빠르게 성장하고 있다는 분석이다.", src))


def test_a_generic_fact_never_ranks_above_a_specific_one_nor_is_a_key_finding():
    specific, generic = specific_and_generic()
    # The generic facts are reported by more sources, newer and about the selection: by
    # score alone they would come first.
    many = [make_source(n, publisher=f"Paper {n}", date_="2026-11-01") for n in range(2, 8)]
    generic = [replace(f, citations=tuple(
        Citation(s, 0, len(f.text), f.text) for s in many)) for f in generic]
    old = [make_source(n, publisher=f"Old {n}", date_="2019-01-01") for n in range(10, 17)]
    specific = [replace(f, citations=(
        Citation(s, 0, len(f.text), f.text),)) for f, s in zip(specific, old, strict=True)]
    brief = build_brief(generic + specific, Selection(countries=("KR",), max_facts=10), TAX,
                        Options(date(2026, 11, 22)), "0")
    order = [i.fact.id for i in brief.items]
    ranks = {fact_id: n for n, fact_id in enumerate(order)}
    generic_ids = {f.id for f in generic}
    kept_generic = [ranks[i] for i in generic_ids if i in ranks]
    assert kept_generic and min(kept_generic) > max(
        ranks[f.id] for f in specific if f.id in ranks)
    # Over the cap, the generic facts go first.
    assert len(order) == 10 and len(generic_ids - set(order)) == 1
    assert brief.key_findings and not generic_ids & {i.fact.id for i in brief.key_findings}
    # They are still quoted, in their theme's section, after the specific ones.
    (section,) = brief.sections
    assert [i.fact.id for i in section.items] == order[5:]
    assert [i.fact.id in generic_ids for i in section.items] == [False, False, True, True, True]


def test_a_brief_of_generic_facts_has_no_key_findings_and_says_so():
    _, generic = specific_and_generic()
    brief = build_brief(generic[:3], Selection(), TAX, Options(date(2026, 11, 22)), "0")
    assert brief.key_findings == () and len(brief.items) == 3
    markdown, html = render_markdown(brief), render_html(brief)
    assert "## Key findings\n\n*None: no fact here states a figure" in markdown
    assert '<p class="none">None: no fact here states a figure' in html
    for fact in generic[:3]:
        assert markdown.count(fact.text) == 1 and html.count(fact.text) == 1


def test_the_patents_brief_of_the_seeds_has_no_generic_key_finding(corpus, tmp_path):
    """The bundled seeds' patents brief, through the real CLI: its key findings each state
    something specific; the seeds' one generic sentence on the theme is quoted below."""
    from typer.testing import CliRunner

    from briefing.cli.app import app
    from briefing.store import Store

    r = CliRunner().invoke(app, ["make", "-t", "patents", "--corpus", str(corpus), "--out",
                                 str(tmp_path), "--date", "2026-11-22", "--format", "md"])
    assert r.exit_code == 0, r.stderr
    markdown = Path(r.stdout.strip()).read_text(encoding="utf-8")
    findings = markdown.split("## Key findings", 1)[1].split("\n## ", 1)[0]
    generic = "Technological innovation is the core driving force for the development of AI."
    assert generic not in findings and "1. “" in findings
    assert f"## Patents & IP\n\n- “{generic}”" in markdown
    with Store.for_corpus(corpus) as store:
        facts = store.facts(themes=("patents",))
    says = Specifics(facts)
    quoted = [f for f in facts if f.text in findings]
    assert quoted and all(says(f) for f in quoted)
    assert [f.text for f in facts if not says(f)] == [generic]


# --------------------------------------------------------------------------- restatements

#: One announcement, as a page states it three times (a summary bullet, the standfirst and
#: the body) and a second outlet words it: written for these tests.
RESTATED = (
    "Up to 300 visiting engineers will join Dutch labs under a €90 million scheme",
    "The Netherlands will spend €90 million over four years to bring up to 300 visiting "
    "engineers to its chip laboratories, the economy minister said on Monday.",
    "A new scheme will fund up to 300 senior engineers to move to Dutch laboratories.",
)


def test_a_statement_restated_in_other_words_is_one_finding():
    own = make_source(1, publisher="Ministry", date_="2026-05-01")
    other = make_source(2, publisher="Daily", date_="2026-05-02")
    facts = [make_fact(n, text, own if n < 3 else other, countries=("NL",),
                       figures=find_figures(text))
             for n, text in enumerate(RESTATED, 1)]
    unrelated = make_fact(9, "Dutch chip exports grew 12% in 2025.", own, countries=("NL",),
                          figures=find_figures("Dutch chip exports grew 12% in 2025."))
    brief = build_brief([*facts, unrelated], Selection(countries=("NL",)), TAX,
                        Options(date(2026, 11, 22), audit=True), "0")
    quoted = [i.fact.text for i in brief.items]
    # The wording stating both figures stays; those stating one of them are restatements.
    assert [t for t in RESTATED if t in quoted] == [RESTATED[0]]
    assert unrelated.text in quoted
    markdown = render_markdown(brief)
    assert markdown.count("€90 million over four years") == 1  # only in the audit list
    findings = markdown.split("## Key findings", 1)[1].split("\n## ", 1)[0]
    assert findings.count("300") == 1
    why = {o.fact.text: o.reason for o in brief.omissions or ()}
    assert why[RESTATED[1]] == why[RESTATED[2]] == f"restates fact {facts[0].id} (same figures)"


def test_a_second_wording_that_adds_another_country_is_no_second_finding():
    """Two wires give one figure, one adding a neighbour's: not a restatement (it says more),
    but one number is one key finding; the other is quoted in its section."""
    src, wire = make_source(1, publisher="Wire A"), make_source(2, publisher="Wire B")
    alone = "Japan has set aside 8 trillion yen for chip plants through 2031."
    paired = ("Japan has earmarked 8 trillion yen for chips through 2031, while South Korea "
              "plans about 20 trillion won over the same years.")
    a = make_fact(1, alone, src, countries=("JP",), figures=find_figures(alone))
    b = make_fact(2, paired, wire, countries=("JP", "KR"), figures=tuple(
        replace(f, country="KR" if "won" in f.text else "JP") for f in find_figures(paired)))
    brief = build_brief([a, b], Selection(countries=("JP",)), TAX, Options(date(2026, 11, 22)),
                        "0")
    assert len(brief.items) == 2 and len(brief.key_findings) == 1
    assert brief.key_findings[0].fact.id in (a.id, b.id)


def test_restatements_through_the_cli(tmp_path):
    from typer.testing import CliRunner

    from briefing.cli.app import app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ministry.md").write_text(
        "---\ntitle: Dutch lab scheme\ndate: 2026-05-01\npublisher: Ministry\n---\n\n"
        f"- {RESTATED[0]}\n\n{RESTATED[1]}\n\n{RESTATED[2]}\n\n"
        "Dutch chip exports grew 12% in 2025, customs figures showed.\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["make", "-c", "NL", "--corpus", str(corpus), "--out",
                                 str(tmp_path / "out"), "--date", "2026-11-22", "--format",
                                 "md"], env={"BRIEFING_CACHE_DIR": str(tmp_path / "cache")})
    assert r.exit_code == 0, r.stderr
    markdown = Path(r.stdout.strip()).read_text(encoding="utf-8")
    body = markdown.split("## Method", 1)[0]
    findings = body.split("## Key findings", 1)[1].split("\n## ", 1)[0]
    assert findings.count("€90 million") == 1 and RESTATED[0] in findings
    assert RESTATED[1] not in body and RESTATED[2] not in body


# --------------------------------------------------------------------------- the source cap


def facts_per_cited_source(markdown: str) -> dict[str, int]:
    """How many quoted facts of a rendered brief cite each source number."""
    import re

    body = markdown.split("## Method", 1)[0]
    counts: dict[str, int] = {}
    for line in body.splitlines():
        if re.match(r"(?:\d+\.|-) “", line):
            marker = line.rsplit("” ", 1)[1]
            for number in set(re.findall(r"(\d+)(?:, p\. \d+)?[\],]", marker)):
                counts[number] = counts.get(number, 0) + 1
    return counts


def test_method_states_the_cap_every_source_kept_to():
    """A long report, two short wires and a fact both the report and a wire state: when the
    wires run out, the cap rises for every source alike, and Method states the cap the
    rendered brief keeps to, counting each source a fact cites."""
    import re

    report = make_source(1, publisher="Institute", date_="2026-06-01")
    wires = [make_source(n, publisher=f"Wire {n}", date_="2026-06-02") for n in (2, 3)]
    facts = [make_fact(n, f"Korea will fund {n + 10} new chip design centres by 2029.", report,
                       figures=find_figures(f"{n + 10} new chip design centres"))
             for n in range(1, 21)]
    for s in wires:
        facts += [make_fact(100 * int(s.key[:3]) + n, f"Seoul will train {n * 1000 + 7} chip "
                            "engineers a year, officials told reporters.", s)
                  for n in range(1, 4)]
    shared = "Korea will open a national AI chip institute in Daejeon in 2027, officials said."
    facts.append(replace(make_fact(999, shared, report), citations=(
        Citation(report, 0, len(shared), shared), Citation(wires[0], 0, len(shared), shared))))
    brief = build_brief(facts, Selection(countries=("KR",), max_facts=12), TAX,
                        Options(date(2026, 11, 22)), "0")
    markdown = render_markdown(brief)
    (stated,) = re.findall(r"At most (\d+) facts are taken from any one source", markdown)
    counts = facts_per_cited_source(markdown)
    assert len(brief.items) == 12 and brief.capped > 0
    assert max(counts.values()) <= int(stated) == brief.per_source_cap, (counts, stated)
    assert int(stated) > 5  # the wires had no more to give: the report filled the rest
