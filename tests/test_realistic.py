"""The realistic full-length corpus (tests/realistic/, written for these tests): what an
analyst checks before sending a brief made from pages, wire copy and a PDF report.

The corpus is read once per module through the real CLI, into its own store."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import TESTS
from typer.testing import CliRunner

from briefing.cli.app import app

REALISTIC = TESTS / "realistic"

# Site furniture placed between the paragraphs of the corpus: none of it is a fact.
FURNITURE = (
    "We use cookies",
    "cookie policy",
    "essential cookies",
    "This site uses cookies",
    "Related:",
    "Also read:",
    "Read more:",
    "Recommended for you",
    "Sign up for our",
    "Share this article",
    "Follow us on",
    "is a technology correspondent",
    "Reporting by",
    "Editing by",
    "Trust Principles",
    "auto-generated from a syndicated feed",
    "Photo:",
    "File photo",
    "All rights reserved",
    "Open Government Licence",
    # headlines are titles, not facts
    "India opens its shared GPU pool to start-ups",
    "Japan adds chip subsidies for AI data centres",
    "South Korea fines firms that hide AI-generated content",
    "Japan's AI Infrastructure Outlook 2026",
)
# Real statements of the same pages, each with a figure: every one is a fact.
REAL = (
    "The company will get access to 4,000 graphics processing units",
    "18,693 graphics processing units",
    "67 teams of researchers",
    "Each team will receive compute credits worth up to 250 crore rupees",
    "10,372 crore rupees",
    "penalties capped at 30 million won",
    "78% of start-ups",
    "1.4 trillion won",
    "2,000 crore rupee plan",
    "1,200 crore rupees will go to laboratories",
    "12,000 students a year",
    "100,000 civil servants",
    "390 billion yen",
    "10 trillion yen",
    "790,000 digital specialists",
    "50.1 billion yen",
    "4 billion reais",
    "50,000 teachers",
    "1.6 billion euros",
    "2 billion Canadian dollars",
    "15,000 within five years",
    "5-gigawatt",
    "500 million pesos",
    "1 billion euros of venture capital",
    "3 million technical workers",
    "100 billion dollars",
    "300 million euro plan",
)
# Each file's publication date, as its page, front matter, date line or dateline gives it.
DATES = {
    "india-compute-mission.html": "2025-11-12",
    "seoul-wire.md": "2025-11-12",
    "delhi-agency.txt": "2025-12-03",
    # "TOKYO, Dec. 30 (Kyodo)": no year; the page was fetched on 2026-01-05
    "news.example.net-tokyo-subsidy.html": "2025-12-30",
    # "NAIROBI, March 4 (Reuters)": no year anywhere, so undated rather than guessed
    "wire-undated.txt": None,
    "report-japan.pdf": "2026-02-10",
    "monthly/01-brazil.txt": "2025-01-14",
    "monthly/02-france.md": "2025-02-03",
    "monthly/03-germany.txt": "2025-03-21",
    "monthly/04-canada.txt": "2025-04-09",
    "monthly/05-singapore.md": "2025-05-27",
    "monthly/06-uae.txt": "2025-06-18",
    "monthly/07-mexico.txt": "2025-07-07",
    "monthly/08-italy.txt": "2025-08-29",
    "monthly/09-australia.txt": "2025-09-09",
    "monthly/10-nigeria.txt": "2025-10-16",
    "monthly/11-saudi.md": "2025-11-12",
    "monthly/12-spain.txt": "2025-12-03",
}
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\ufb00-\ufb06]")


@pytest.fixture(scope="module")
def realistic(tmp_path_factory):
    """The corpus copied with its PDF report made by WeasyPrint, and an env of its own."""
    import weasyprint

    root = tmp_path_factory.mktemp("realistic")
    corpus = root / "corpus"
    shutil.copytree(REALISTIC, corpus, ignore=shutil.ignore_patterns("README.md", "*.html.in"))
    report = corpus / "report-japan.html"
    (corpus / "report-japan.pdf").write_bytes(weasyprint.HTML(filename=str(report)).write_pdf())
    report.unlink()
    env = {"BRIEFING_CACHE_DIR": str(root / "cache"), "BRIEFING_CONFIG": str(root / "config"),
           "BRIEFING_CORPUS": str(corpus), "XDG_DATA_HOME": str(root / "data")}
    return corpus, env


def run(env, *args):
    r = CliRunner().invoke(app, list(args), env=env)
    assert r.exit_code == 0, r.output
    return r.stdout


@pytest.fixture(scope="module")
def facts(realistic):
    _, env = realistic
    return json.loads(run(env, "facts", "--json"))


@pytest.fixture(scope="module")
def sources(realistic):
    _, env = realistic
    return {s["path"]: s for s in json.loads(run(env, "sources", "--json"))["sources"]}


def fact_with(facts, words: str) -> dict:
    found = [f for f in facts if words in f["text"]]
    assert found, f"no fact says {words!r}"
    assert len(found) == 1, f"{words!r} is in {len(found)} facts: {[f['text'] for f in found]}"
    return found[0]


@pytest.mark.parametrize("path", sorted(DATES))
def test_every_source_has_its_publication_date(sources, path):
    assert sources[path]["date"] == DATES[path]


def test_no_furniture_or_headline_is_a_fact(facts):
    quoted = [f["text"] for f in facts]
    for words in FURNITURE:
        assert not [t for t in quoted if words in t], words


@pytest.mark.parametrize("words", REAL)
def test_every_real_statement_is_one_fact(facts, words):
    fact_with(facts, words)


def test_headlines_are_titles(sources):
    assert sources["india-compute-mission.html"]["title"] == (
        "India opens its shared GPU pool to start-ups")
    assert sources["report-japan.pdf"]["title"] == "Japan's AI Infrastructure Outlook 2026"


def test_no_fact_carries_a_control_character_soft_hyphen_or_ligature(facts):
    assert [f["text"] for f in facts if CONTROL.search(f["text"])] == []


def test_a_report_reads_whole_words_in_order_with_its_pages(facts):
    assert fact_with(facts, "10 trillion yen")["page"] == 1
    assert fact_with(facts, "790,000 digital specialists")["page"] == 2
    # hyphenated for the line only: joined; a compound split at a line end: kept whole
    assert "Cross-regional Coordination" in fact_with(facts, "electricity demand")["text"]
    assert "state-backed regional data centres" in fact_with(facts, "Hokkaido")["text"]
    # a justified line is read in order, not cut into boxes
    assert "Our assessment is that the country's bottleneck is no longer money" in fact_with(
        facts, "bottleneck")["text"]
    assert "about 6,000 graphics processing units, which it rents" in fact_with(
        facts, "AIST")["text"]


def test_one_statement_is_one_row(facts):
    by_source: dict[str, list[str]] = {}
    for f in facts:
        by_source.setdefault(f["source"]["path"], []).append(f["text"])
    for path, texts in by_source.items():
        for a in texts:
            inside = [b for b in texts if b != a and a in b]
            assert not inside, f"{path}: {a!r} is also quoted inside {inside}"


@pytest.mark.parametrize(("dependent", "antecedent"), [
    ("The company will get access to 4,000", "Sarvam AI"),
    ("Each team will receive", "67 teams of researchers"),
    ("Of this, 1,200 crore rupees", "2,000 crore rupee plan"),
])
def test_a_dependent_sentence_is_quoted_with_its_antecedent(facts, dependent, antecedent):
    assert antecedent in fact_with(facts, dependent)["text"]


def test_a_refreshed_page_is_one_source_quoting_its_newest_version(facts):
    assert fact_with(facts, "£14.5 billion")["source"]["path"] == "gov.example.uk-compute-plan-v2.html"
    assert not [f for f in facts if "invest £14 billion" in f["text"]]
    newest = fact_with(facts, "supercomputer at a university in Scotland")
    assert len(newest["citations"]) == 1


def test_themes_of_realistic_sentences(facts):
    assert "regulation" in fact_with(facts, "penalties capped at 30 million won")["themes"]
    assert "regulation" in fact_with(facts, "78% of start-ups")["themes"]
    assert "sovereign-ai" not in fact_with(facts, "78% of start-ups")["themes"]


def test_countries_of_realistic_facts(facts):
    assert fact_with(facts, "390 billion yen")["countries"] == ["JP"]
    assert fact_with(facts, "12,000 students a year")["countries"] == ["IN"]
    assert "KR" in fact_with(facts, "1.4 trillion won")["countries"]
    assert "PT" not in fact_with(facts, "Spanish and its co-official languages")["mentions"]


def test_a_pdf_brief_of_the_report_country_is_written(realistic, tmp_path):
    _, env = realistic
    made = Path(run(env, "make", "-c", "JP", "--format", "pdf", "--date", "2026-03-01",
                    "--out", str(tmp_path)).strip())
    text = subprocess.run(["pdftotext", str(made), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "390 billion yen" in text
    assert "10 trillion yen" in text
    run(env, "verify", str(made))


def test_a_markdown_brief_of_india_leads_with_whole_statements(realistic, tmp_path):
    _, env = realistic
    made = Path(run(env, "make", "-c", "IN", "--format", "md", "--date", "2026-03-01",
                    "--out", str(tmp_path)).strip())
    brief = made.read_text("utf-8")
    assert "Sarvam AI" in brief
    for words in FURNITURE:
        assert words not in brief.split("## Sources")[0], words
    run(env, "verify", str(made))
