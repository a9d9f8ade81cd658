"""Who a figure belongs to when a sentence names a place, a pair of countries or its own
sources (issue 23): a figure located "in <country>, where ..." is that country's; a figure
countries hold "together" is no one country's, and one they "each" have is every one's; a
qualifier ("fewer than", "about") stays part of the figure; nouns joined by "and" are one
count; the story's sources and a survey's sample are no figures; an "About the author" note
closing a story is no fact. Every article here is written for these tests, through the real
reader, extractor and `briefing make`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from articles import TAXONOMY, owners, statement, statements
from typer.testing import CliRunner

from briefing.cli.app import app
from briefing.extract.facts import extract_statements
from briefing.ingest.document import read_document

# --------------------------------------------------------------------------- a place described


@pytest.mark.parametrize(
    ("title", "sentence", "figures"),
    [
        # "in <country>, where ...": the place is what the sentence goes on to describe.
        ("Compute across the strait",
         "Japan will help build a cluster of 50,000 GPUs in South Korea, where the science "
         "ministry has also ordered 8,000 accelerators.",
         {"50,000 GPUs": "KR", "8,000 accelerators": "KR"}),
        ("Gulf money in America",
         "Qatar will spend $20 billion in the US, where its fund already owns 14 data "
         "centres.",
         {"$20 billion": "US", "14 data centres": "US"}),
        # Without the "where" clause, money a country spends abroad stays its own.
        ("Compute across the strait",
         "Japan will help build a cluster of 50,000 GPUs in South Korea by 2028.",
         {"50,000 GPUs": "JP"}),
        # "where it ...": the spender acts in the clause, so it keeps what it spends.
        ("Labs abroad",
         "Japan will open 12 AI labs in Vietnam, where it also plans 3,000 training places.",
         {"12 AI labs": "JP", "3,000 training places": "JP"}),
    ],
)
def test_a_figure_in_a_place_a_where_clause_describes_is_the_places(
        tmp_path: Path, title: str, sentence: str, figures: dict[str, str]) -> None:
    assert owners(statement(tmp_path, title, sentence)) == figures


# --------------------------------------------------------------------------- joint and each


@pytest.mark.parametrize(
    ("title", "sentence", "figures", "countries"),
    [
        ("Patents in East Asia",
         "China filed 38,000 AI patents last year, while Japan and South Korea together hold "
         "14% of the world's total.",
         {"38,000 AI patents": "CN", "14%": None}, ("CN", "JP", "KR")),
        ("Start-ups in Latin America",
         "Brazil and Mexico together account for 60% of the region's AI start-ups.",
         {"60%": None}, ("BR", "MX")),
        ("European patents",
         "Between them, Canada and Germany filed 4,000 patents in 2025.",
         {"4,000 patents": None}, ("CA", "DE")),
        ("Chip subsidies",
         "Japan and South Korea combined spent $9 billion on chip subsidies last year.",
         {"$9 billion": None}, ("JP", "KR")),
        ("African start-ups",
         "Kenya and Nigeria collectively host 300 AI start-ups, the report found.",
         {"300 AI start-ups": None}, ("KE", "NG")),
        # "each": the figure is every listed country's, so the fact is about all of them and
        # no single one owns it; the qualifier stays with it.
        ("Patent filings",
         "Japan and South Korea each filed fewer than 6,000 applications last year, the "
         "office said.",
         {"fewer than 6,000 applications": None}, ("JP", "KR")),
        ("Public computing",
         "France and Italy each set aside about €500 million for public computing.",
         {"about €500 million": None}, ("FR", "IT")),
        # A list that is not the figure's subject leaves the figure to its own clause.
        ("A chip pact",
         "Japan and South Korea signed a pact on chips, and South Korea will add 8,000 "
         "GPUs.",
         {"8,000 GPUs": "KR"}, ("JP", "KR")),
    ],
)
def test_a_figure_of_listed_countries_is_no_single_countrys(
        tmp_path: Path, title: str, sentence: str, figures: dict[str, str | None],
        countries: tuple[str, ...]) -> None:
    st = statement(tmp_path, title, sentence)
    assert owners(st) == figures
    assert st.countries == countries


# --------------------------------------------------------------------------- qualifiers


@pytest.mark.parametrize(
    ("sentence", "shown"),
    [
        ("Peru plans to train at least 2,000 data scientists and nearly 500 teachers by 2027.",
         ["at least 2,000 data scientists", "nearly 500 teachers"]),
        ("Chile will spend up to $90 million on the plan, which is structured around six "
         "pillars.",
         ["up to $90 million", "six pillars"]),  # "structured around" is no approximation
        ("Not less than 20 nations are building national AI models, Nvidia says.",
         ["Not less than 20 nations"]),
        ("Ghana's data centres use more than 300 megawatts, roughly 4% of its power supply.",
         ["more than 300 megawatts", "roughly 4%"]),
    ],
)
def test_a_figure_keeps_its_qualifier(tmp_path: Path, sentence: str, shown: list[str]) -> None:
    st = statement(tmp_path, "Computing plans", sentence)
    figures = [f for f in st.figures if f.kind != "year"]
    assert [f.text for f in figures] == shown
    # Its span is still the text it quotes.
    assert all(st.text[f.start:f.start + len(f.text)] == f.text for f in figures)


# --------------------------------------------------------------------------- joined nouns


def test_nouns_joined_by_and_are_one_count_and_the_gapped_figure_after_it_is_read(
        tmp_path: Path) -> None:
    st = statement(tmp_path, "Graduates in AI",
                   "South Korea trained 4,000 AI master's and doctoral graduates last year, "
                   "against 7,500 in Japan.")
    assert [(f.text, f.unit, f.country) for f in st.figures if f.kind != "year"] == [
        ("4,000 AI master's and doctoral graduates", "graduates", "KR"),
        ("7,500", "graduates", "JP")]
    st = statement(tmp_path, "Public sector AI",
                   "Egypt employs 9,000 AI and data specialists in its ministries.")
    assert [(f.text, f.unit) for f in st.figures] == [
        ("9,000 AI and data specialists", "AI and data specialists")]


# --------------------------------------------------------------------------- sources, samples


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        ("India's AI spending will rise 20% next year, according to estimates from three "
         "economists.", ["20%"]),
        ("Japan's chip output rose 12%, according to two industry analysts.", ["12%"]),
        ("Three officials said Vietnam will buy 4,000 GPUs.", ["4,000 GPUs"]),
        ("Korea plans more AI spending, a survey of 2,300 companies found.", []),
        ("Of the 800 companies surveyed in Morocco, 40% use AI tools.", ["40%"]),
        ("Two people familiar with the plan said Chile will fund 5 supercomputers.",
         ["5 supercomputers"]),
        # Analysts, experts and companies the story reports on stay figures.
        ("Egypt has 1,200 AI experts, and the ministry will hire 200 analysts next year.",
         ["1,200 AI experts", "200 analysts"]),
        ("Kenya has 2,300 companies using AI, the ministry said.", ["2,300 companies"]),
    ],
)
def test_the_storys_sources_and_a_surveys_sample_are_no_figures(
        tmp_path: Path, sentence: str, figures: list[str]) -> None:
    st = statement(tmp_path, "AI in numbers", sentence)
    assert [f.text for f in st.figures if f.kind != "year"] == figures


# --------------------------------------------------------------------------- about the author

_REPORT = (
    "Chile will spend 90 million dollars on a public computing centre, the science ministry "
    "said on Monday.",
    "About 40 percent of its capacity will go to university research groups.",
)
_ABOUT = ("About the author: The Andes Policy Lab is an independent research group in "
          "Santiago that studies how governments fund computing and has advised 14 "
          "ministries since 2019.")


def test_an_about_the_author_note_closing_a_story_is_no_fact(tmp_path: Path) -> None:
    found = statements(tmp_path, "Chile computing review\n\n" + "\n\n".join(
        [*_REPORT, _ABOUT]) + "\n")
    assert [s.text for s in found] == list(_REPORT)
    # In the middle of a story the same words are read as text ("About" opens real
    # sentences too: the second paragraph above is one).
    found = statements(tmp_path, "Chile computing review\n\n" + "\n\n".join(
        [_REPORT[0], _ABOUT, _REPORT[1]]) + "\n")
    assert len(found) == 3


def test_an_about_the_author_note_closing_a_pdf_report_is_no_fact(tmp_path: Path) -> None:
    import weasyprint

    html = ("<html><head><title>Chile computing review</title></head><body>"
            "<h1>Chile computing review</h1>"
            + "".join(f"<p>{p}</p>" for p in (*_REPORT, _ABOUT)) + "</body></html>")
    path = tmp_path / "review.pdf"
    path.write_bytes(weasyprint.HTML(string=html).write_pdf())
    (article,) = read_document(tmp_path, path).articles
    found = [s.text for s in extract_statements(article, TAXONOMY)]
    assert found == list(_REPORT)


# --------------------------------------------------------------------------- in a brief

_ARTICLES = (
    ("kr-gpus.md", "Seoul's compute cluster", "2026-04-02",
     "Japan will help build a cluster of 50,000 GPUs in South Korea, where the science "
     "ministry has also set aside 1.5 trillion won for chip research.\n\n"
     "South Korea trained 4,000 AI master's and doctoral graduates last year, against "
     "7,500 in Japan."),
    ("patents.md", "East Asia's patent race", "2026-03-11",
     "China filed 38,000 AI patents last year, while Japan and South Korea together hold "
     "14% of the world's AI patents.\n\n"
     "Japan and South Korea each filed fewer than 6,000 chip design applications, the "
     "patent office said.\n\n"
     "Japan registered more than 9,000 AI patents in 2025, according to two industry "
     "analysts."),
    ("cn-survey.md", "Chinese firms and AI", "2026-02-20",
     "China's AI adoption rose to 38% of large firms, a survey of 2,300 companies found.\n\n"
     "China will add 20,000 GPUs to its national computing network next year."),
)


def _brief(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, title, day, body in _ARTICLES:
        (corpus / name).write_text(f"---\ntitle: {title}\ndate: {day}\n---\n\n{body}\n",
                                   encoding="utf-8")
    for name in [n for n in os.environ if n.startswith(("BRIEFING_", "XDG_"))]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("BRIEFING_CONFIG", str(tmp_path / "no-config.toml"))
    result = CliRunner().invoke(app, ["make", "-c", "KR", "-c", "JP", "-c", "CN", "--date",
                                      "2026-06-01", "--format", "md", "--corpus",
                                      str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    return Path(result.stdout.strip()).read_text(encoding="utf-8")


def _measure_rows(markdown: str) -> list[tuple[str, str]]:
    """(country, figure) of every row of the per-measure tables."""
    part = markdown.split("## Key figures by measure", 1)[1].split("\n## ", 1)[0]
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in part.splitlines()
            if line.startswith("| ") and not line.startswith("| Country")]
    return [(r[0], r[1]) for r in rows if len(r) > 1 and not set(r[0]) <= {"-"}]


def _glance_cells(markdown: str) -> dict[str, list[str]]:
    """Each country's At a glance cells, by the table's column headings."""
    part = markdown.split("## At a glance", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in part.splitlines() if line.startswith("|")]
    head = [c.strip() for c in lines[0].strip("|").split("|")]
    cells: dict[str, list[str]] = {name: [] for name in head[1:]}
    for line in lines[2:]:
        for name, cell in zip(head[1:], line.strip("|").split("|")[1:], strict=False):
            cells[name].append(cell.strip())
    return cells


def test_a_comparison_brief_credits_each_figure_to_its_own_country(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    markdown = _brief(tmp_path, monkeypatch)
    rows = _measure_rows(markdown)
    # The GPUs built in Korea are Korea's; Japan's graduates are read and are Japan's.
    assert ("South Korea", "50,000 GPUs") in rows
    assert not any(country == "Japan" and "50,000" in figure for country, figure in rows)
    assert any(country == "Japan" and figure.startswith("7,500") for country, figure in rows)
    # A qualifier stays with its figure in the table.
    assert any(country == "Japan" and figure.startswith("more than 9,000")
               for country, figure in rows)
    # A joint share and an "each" figure are no single country's row.
    assert not any("14%" in figure or "6,000" in figure for _, figure in rows)
    # Sources and samples are not figures anywhere.
    assert not re.search(r"\*\*(?:two industry analysts|2,300 companies)\*\*", markdown)
    assert not any("analysts" in figure or "2,300" in figure for _, figure in rows)
    # Nor is the joint share one country's figure in At a glance.
    cells = _glance_cells(markdown)
    assert not any("**14%**" in cell for name in ("Japan", "South Korea")
                   for cell in cells[name])
    # The "each" sentence is quoted as a fact about both countries, with its qualifier.
    assert "fewer than 6,000 chip design applications" in markdown

