"""What a brief says about its sources: corroboration, disagreement, staleness, the audit.

Each test writes a small corpus of articles into tmp_path (publishers, dates and titles in
front matter, as real clipped articles carry them) and reads the brief both as the model
(`brief_from_store`) and as the Markdown a user gets from `briefing make`.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from briefing import __version__
from briefing.brief.build import (
    Options,
    _drop_contained,
    brief_from_store,
    fact_publishers,
)
from briefing.cli.app import app
from briefing.extract.figures import find_figures
from briefing.extract.measures import Said, measure_of
from briefing.ingest.provenance import publisher_key
from briefing.model import Brief, Citation, Fact, Selection, Source
from briefing.store import open_store

DAY = "2026-11-22"
AS_OF = date(2026, 11, 22)


def article(folder: Path, name: str, body: str, **meta) -> Path:
    """A corpus file with YAML front matter (`provider` becomes the publisher)."""
    if "provider" in meta:
        meta["provider"] = {"name": meta["provider"]}
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) if meta else ""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{head}---\n\n{body}\n" if meta else f"{body}\n", encoding="utf-8")
    return path


def brief_of(corpus: Path, *, countries=("KR",), stale_after=2, audit=False, **selection
             ) -> Brief:
    store, _ = open_store(corpus)
    with store:
        return brief_from_store(store, Selection(countries=countries, **selection),
                                Options(AS_OF, stale_after, audit))


def make_md(corpus: Path, out: Path, *args: str) -> str:
    r = CliRunner().invoke(app, ["make", "-c", "KR", "--corpus", str(corpus), "--out", str(out),
                                 "--date", DAY, "--format", "md", *args])
    assert r.exit_code == 0, r.output
    return Path(r.stdout.strip()).read_text(encoding="utf-8")


def item_of(brief: Brief, start: str):
    found = [i for i in brief.items if i.fact.text.startswith(start)]
    assert len(found) == 1, [i.fact.text for i in brief.items]
    return found[0]


def line_of(markdown: str, start: str) -> str:
    found = [line for line in markdown.splitlines() if f"“{start}" in line]
    assert found, markdown
    return found[0]


# --------------------------------------------------------------------------- corroboration

WIRE = """South Korea will open a national AI computing centre in Gwangju next spring.

Officials in South Korea said the Gwangju computing centre will serve universities and startups first.

The Korean government expects private cloud firms to join the Gwangju project later."""
SHARED = "Officials in South Korea said the Gwangju computing centre will serve universities and startups first."


def corroboration_corpus(root: Path) -> Path:
    title = "Korea to open national AI computing centre in Gwangju"
    article(root, "yonhap.md", WIRE, title=title, provider="Yonhap", date="2026-10-02")
    # The same wire story under another masthead: one article, not a second source.
    article(root, "joongang.md", WIRE, title=title, provider="Korea JoongAng Daily",
            date="2026-10-02", url="https://koreajoongangdaily.joins.com/a/1")
    article(root, "herald.md",
            "South Korea picked Gwangju for its first national AI computing centre.\n\n"
            f"{SHARED}\n\nThe Korean science ministry will publish the tender rules in March.",
            title="Gwangju wins the race for Korea's AI centre", provider="The Korea Herald",
            date="2026-10-03")
    return root


def test_a_wire_copy_counts_once_and_a_second_publisher_counts_twice(tmp_path):
    brief = brief_of(corroboration_corpus(tmp_path / "corpus"))
    shared = item_of(brief, SHARED)
    wire_only = item_of(brief, "South Korea will open a national AI computing centre")
    assert len(shared.fact.citations) == 3 and shared.publishers == 2
    assert len(wire_only.fact.citations) == 2 and wire_only.publishers == 1


def test_corroborated_fact_leads_key_findings_and_says_so(tmp_path):
    corpus = corroboration_corpus(tmp_path / "corpus")
    brief = brief_of(corpus)
    assert brief.key_findings[0].fact.text == SHARED
    md = make_md(corpus, tmp_path / "out")
    findings = md.split("## Key findings")[1].split("\n## ")[0]
    assert findings.strip().splitlines()[0].startswith(f"1. “{SHARED}”")
    assert "reported by 2 sources" in line_of(findings, SHARED)
    assert "reported by" not in line_of(md, "South Korea will open a national AI")
    assert "counts independent publishers" in md.split("## Method")[1]


def test_corroboration_does_not_depend_on_citation_order():
    def src(key, publisher, title):
        return Source(key, key, title, publisher, "2026-01-01", None, hashlib.sha256(
            key.encode()).hexdigest())

    a = src("a.md", "Outlet A", "Headline one about the Korean budget plan")
    b = src("b.md", "Outlet B", "Another headline about the Korean budget")
    c = src("c.md", "Outlet A", "Another headline about the Korean budget")  # A's copy of B
    text = "South Korea will spend more on artificial intelligence next year."
    for order in ((a, b, c), (c, b, a), (b, a, c), (a, c, b)):
        fact = Fact("f1", text, ("KR",), (), (),
                    tuple(Citation(s, 0, len(text), text) for s in order))
        assert fact_publishers(fact) == 1


@pytest.mark.parametrize("one,other", [
    (("The Korea Herald", None), (None, "https://www.koreaherald.com/view.php?ud=1")),
    (("BBC", None), (None, "https://news.bbc.co.uk/world/asia")),
    (("Reuters", None), ("reuters.com", None)),
    (("The Verge", None), (None, "https://theverge.com/ai/1")),
])
def test_a_publisher_named_or_known_by_its_host_is_one_publisher(one, other):
    def key(publisher, url):
        return publisher_key(Source("k.md", "k.md", "t", publisher, None, url, ""))

    assert key(*one) == key(*other)


def test_different_blogs_on_one_platform_are_different_publishers():
    def key(url):
        return publisher_key(Source(url, "k.md", "t", None, None, url, ""))

    assert key("https://kim.substack.com/p/ai") != key("https://lee.substack.com/p/ai")
    assert key("https://yna.co.kr/view/1") != key("https://koreaherald.co.kr/view/1")


# --------------------------------------------------------------------------- disagreement


def test_two_publishers_with_different_figures_for_one_measure_are_shown_side_by_side(tmp_path):
    corpus = tmp_path / "corpus"
    article(corpus, "finance.md",
            "South Korea's government will raise its AI development budget to $6.8 billion in "
            "2026, the finance ministry said.\n\nSouth Korea also plans new rules for data centres.",
            title="Korea lifts AI budget", provider="Korea Economic Daily", date="2026-09-01")
    article(corpus, "times.md",
            "South Korea has set aside an AI development budget of $9.1 billion for 2026, "
            "according to the draft budget.\n\nLawmakers will debate the plan in December.",
            title="Seoul's AI spending plan", provider="The Korea Times", date="2026-09-03")
    brief = brief_of(corpus)
    assert len(brief.conflicts) == 1
    conflict = brief.conflicts[0]
    assert conflict.country == "KR"
    assert conflict.measure == "AI development budget (USD), 2026"
    assert sorted(r.figure.value for r in conflict.rows) == [6.8e9, 9.1e9]

    md = make_md(corpus, tmp_path / "out")
    differ = md.split("## Where sources differ")[1].split("\n## ")[0]
    assert "**South Korea, AI development budget (USD), 2026:**" in differ
    rows = [line for line in differ.splitlines() if line.startswith("- ")]
    assert len(rows) == 2
    numbers = {r.item.fact.source.path: r.item.refs for r in conflict.rows}
    # Newest source first, each with its own citation, publisher and date.
    assert rows[0].startswith("- $9.1 billion: “South Korea has set aside")
    assert f"[{numbers['times.md'][0]}] — The Korea Times, 2026-09-03" in rows[0]
    assert rows[1].startswith("- $6.8 billion: “South Korea's government will raise")
    assert f"[{numbers['finance.md'][0]}] — Korea Economic Daily, 2026-09-01" in rows[1]


@pytest.mark.parametrize("second", [
    # Rounding: $6.8 billion is "about $7 billion".
    "South Korea has set aside an AI development budget of about $7 billion for 2026.",
    # Another year is another measure.
    "South Korea had an AI development budget of $2.2 billion in 2024, officials said.",
    # Another thing measured: a chip budget is not the AI development budget.
    "South Korea has set aside a chip subsidy budget of $9.1 billion for 2026.",
    # A bound, not a value: $6.8 billion is more than $5 billion.
    "South Korea will spend more than $5 billion on its AI development budget in 2026.",
])
def test_figures_that_can_both_be_true_are_not_a_conflict(tmp_path, second):
    corpus = tmp_path / "corpus"
    article(corpus, "a.md", "South Korea's government will raise its AI development budget to "
            "$6.8 billion in 2026, the finance ministry said.", title="Korea lifts AI budget",
            provider="Korea Economic Daily", date="2026-09-01")
    article(corpus, "b.md", second, title="Seoul's AI plan", provider="The Korea Times",
            date="2026-09-03")
    brief = brief_of(corpus)
    assert len(brief.items) == 2
    assert brief.conflicts == ()


def test_one_publisher_revising_its_own_figure_is_not_sources_differing(tmp_path):
    corpus = tmp_path / "corpus"
    for n, value in enumerate(("6.8", "9.1")):
        article(corpus, f"update{n}.md", f"South Korea has set aside an AI development budget "
                f"of ${value} billion for 2026.", title=f"Budget story {n}",
                provider="Yonhap", date=f"2026-09-0{n + 1}")
    assert brief_of(corpus).conflicts == ()


@pytest.mark.parametrize("sentence,measure", [
    ("The government will raise its AI development budget to $6.8 billion next year.",
     "AI development budget ($), 2027"),
    ("The country secured a deal to procure 260,000 advanced GPUs from Nvidia.",
     "number of advanced GPUs"),
    ("South Korea accounts for 36% of global AI models, the survey found.",
     "share of global AI models (%)"),
    ("Korean semiconductor exports rose 12% in 2025, the trade ministry said.",
     "change in semiconductor exports (%), 2025"),
    ("Samsung announced an investment of $5 billion in chips for its Korean plants.",
     "investment in chips ($)"),
])
def test_measure_labels_name_the_thing_measured(sentence, measure):
    # A sentence read alone: its bare "$" is a dollar of no known country (extraction then
    # places it by the article's country, before the label is made).
    said = Said(sentence, ("KR",), find_figures(sentence), "2026-03-01")
    figure = next(f for f in said.figures if f.kind != "year")
    assert measure_of(said, figure) == measure


def test_a_relative_year_in_an_undated_source_has_no_measure():
    sentence = "The government will raise its AI development budget to $6.8 billion next year."
    said = Said(sentence, ("KR",), find_figures(sentence), None)
    assert measure_of(said, said.figures[0]) is None


# --------------------------------------------------------------------------- staleness


def staleness_corpus(root: Path) -> Path:
    article(root, "old.md", "South Korea launched its first national AI strategy in December.",
            title="Korea's first AI strategy", provider="Old Times", date="2019-12-17")
    article(root, "undated.md", "South Korea wants more AI researchers in public institutes.",
            title="Researchers wanted", provider="Undated Weekly")
    article(root, "new.md", "South Korea will train one hundred thousand AI engineers by 2030.",
            title="Training drive", provider="Fresh Daily", date="2026-06-01")
    return root


def test_stale_and_undated_sources_are_marked_and_counted(tmp_path):
    corpus = staleness_corpus(tmp_path / "corpus")
    brief = brief_of(corpus)
    assert item_of(brief, "South Korea launched").stale
    assert item_of(brief, "South Korea wants").undated
    fresh = item_of(brief, "South Korea will train")
    assert not fresh.stale and not fresh.undated

    md = make_md(corpus, tmp_path / "out")
    assert line_of(md, "South Korea launched").endswith("*(older than 2 years)*")
    assert line_of(md, "South Korea wants").endswith("*(undated)*")
    assert "*(" not in line_of(md, "South Korea will train")
    number = {s.source.path: s.number for s in brief.sources}
    method = md.split("## Method")[1].split("\n## ")[0]
    assert (f"1 of 3 sources is older than 2 years at the as-of date [{number['old.md']}]; "
            "1 fact with no newer source is marked *(older than 2 years)*.") in method
    assert (f"1 of 3 sources gives no date [{number['undated.md']}]; "
            "1 fact with no dated source is marked *(undated)*.") in method


def test_stale_after_moves_the_threshold(tmp_path):
    corpus = staleness_corpus(tmp_path / "corpus")
    assert not item_of(brief_of(corpus, stale_after=10), "South Korea launched").stale
    md = make_md(corpus, tmp_path / "out", "--stale-after", "10")
    assert "older than" not in md
    assert "*(undated)*" in line_of(md, "South Korea wants")


# --------------------------------------------------------------------------- audit


def audit_corpus(root: Path) -> Path:
    article(root, "a.md",
            "South Korea will build three sovereign AI data centres by 2028.\n\n"
            "South Korea will build three sovereign AI data centres by 2028 with private "
            "partners, the ministry said.\n\n"
            "South Korea is also drafting a law on AI safety testing.",
            title="Data centre plan", provider="Outlet A", date="2026-05-01")
    article(root, "b.md", "South Korea ran its first AI hackathon for civil servants in 2019.",
            title="Hackathon", provider="Outlet B", date="2019-06-01")
    article(root, "c.md", "South Korea signed an AI research pact with Canada last month.\n\n"
            "South Korea plans a national AI ethics board for public services.",
            title="Research pact", provider="Outlet C", date="2026-08-01")
    return root


def test_audit_lists_every_left_out_fact_with_its_reason_and_the_fingerprint(tmp_path):
    corpus = audit_corpus(tmp_path / "corpus")
    facts = {i.fact.text: i.fact.id for i in brief_of(corpus).items}
    pact = facts["South Korea signed an AI research pact with Canada last month."]
    md = make_md(corpus, tmp_path / "out", "--audit", "--exclude", pact,
                 "--since", "2020-01-01", "--max-facts", "2")
    audit = md.split("\n## Audit\n")[1]

    expected = hashlib.sha256()
    for path in sorted(corpus.rglob("*.md")):
        rel = path.relative_to(corpus).as_posix()
        expected.update(f"{rel}\0{hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
    assert f"Corpus fingerprint: `{expected.hexdigest()}`" in audit
    assert f"briefing {__version__}." in audit

    def reason(start: str) -> str:
        line = line_of(audit, start)
        assert line.startswith("- `f"), line
        return line.split("” — ", 1)[1]

    assert reason("South Korea signed an AI research pact") == "excluded by the user"
    assert reason("South Korea ran its first AI hackathon") == (
        "outside the date range (newest source 2019-06-01, before 2020-01-01)")
    longer = facts["South Korea will build three sovereign AI data centres by 2028 with "
                   "private partners, the ministry said."]
    assert reason("South Korea will build three sovereign AI data centres by 2028.”") == (
        f"duplicate of fact {longer} (its wording is part of it)")
    # Of six facts, three are left after those three; the cap keeps two: one is over it.
    over = [line for line in audit.splitlines() if line.endswith("over the cap of 2 facts")]
    assert len(over) == 1
    assert over[0].split("“", 1)[1].split("”")[0] not in md.split("\n## Audit\n")[0]
    assert "4 facts matched the selection but are not in the brief:" in audit
    assert len([line for line in audit.splitlines() if line.startswith("- `f")]) == 4


def test_no_audit_section_without_the_option(tmp_path):
    md = make_md(audit_corpus(tmp_path / "corpus"), tmp_path / "out")
    assert "## Audit" not in md and "fingerprint" not in md


def test_contained_duplicates_keep_the_longest_holder():
    def fact(n: int, text: str) -> Fact:
        src = Source(f"{n}.md", f"{n}.md", "t", "p", None, None, "")
        return Fact(f"f{n}", text, ("KR",), (), (), (Citation(src, 0, len(text), text),))

    short = fact(1, "Korea opens an AI centre.")
    middle = fact(2, "Officials said Korea opens an AI centre in Gwangju.")
    longest = fact(3, "On Monday officials said Korea opens an AI centre in Gwangju next year.")
    other = fact(4, "Korea opens an AI office in Busan.")
    kept, omitted = _drop_contained([short, middle, longest, other])
    assert kept == [longest, other]
    assert [(o.fact.id, o.reason) for o in omitted] == [
        ("f1", "duplicate of fact f3 (its wording is part of it)"),
        ("f2", "duplicate of fact f3 (its wording is part of it)"),
    ]
