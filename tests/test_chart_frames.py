"""A figure's time frame (a plan or target, or what is there now) read from its sentence, and
bar charts that never set one against the other: "Korea plans 30,000 GPUs against Japan's
50,000" is a comparison of plans, "Japan currently has about 20,000 GPUs, fewer than South
Korea's 25,000" one of counts. Sentences and articles written for these tests."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from isolation import isolated
from test_charts import make, pdf_text, write_corpus

from briefing.extract.figures import PLANNED, REPORTED, find_figures, time_frame
from briefing.extract.measures import counted_group

SVG_TEXT = "{http://www.w3.org/2000/svg}text"


def frames(sentence: str, year: int | None = 2026) -> list[tuple[str, str | None]]:
    return [(f.text, time_frame(sentence, f, year)) for f in find_figures(sentence)
            if f.kind != "year"]


@pytest.mark.parametrize(("sentence", "expected"), [
    # A plan set against another country's: both are plans.
    ("Vietnam intends to deploy 8,000 GPUs, against Thailand's 12,000.",
     [("8,000 GPUs", PLANNED), ("12,000", PLANNED)]),
    # A count set against another's: both are counts.
    ("Peru now runs 900 GPUs at its universities, fewer than Chile's 1,400.",
     [("900 GPUs", REPORTED), ("1,400", REPORTED)]),
    # One sentence, two frames: each figure takes its own clause's.
    ("Kenya has 300 GPUs today and wants 2,000 by 2029.",
     [("300 GPUs", REPORTED), ("2,000", PLANNED)]),
    # A target noun after the figure, a goal before a copula, a plan's past form.
    ("Norway has a goal of 5,000 GPUs.", [("5,000 GPUs", PLANNED)]),
    ("Norway counts 5,000 GPUs as its goal.", [("5,000 GPUs", PLANNED)]),
    ("The ministry's aim is 4,000 servers.", [("4,000 servers", PLANNED)]),
    ("Brazil expects to have installed 6,500 GPUs by 2028.", [("6,500 GPUs", PLANNED)]),
    # Past tense and "since": a count of what was done.
    ("Egypt trained 12,000 data scientists since 2021.", [("12,000 data scientists", REPORTED)]),
    ("Chile bought 700 GPUs last year, the agency said.", [("700 GPUs", REPORTED)]),
])
def test_a_figure_takes_the_time_frame_its_clause_gives(sentence, expected):
    assert frames(sentence) == expected


def test_a_year_after_the_sources_is_a_plan_and_one_before_it_a_count():
    assert frames("Ghana will reach 1,000 GPUs by 2030.") == [("1,000 GPUs", PLANNED)]
    # "by <year>" alone: a plan when the year is ahead of the source's, a count when behind.
    assert frames("Ghana with 1,000 GPUs by 2030 leads the region.") == [("1,000 GPUs",
                                                                          PLANNED)]
    assert frames("Ghana with 1,000 GPUs by 2024 leads the region.") == [("1,000 GPUs",
                                                                          REPORTED)]
    # No source year: the year says nothing either way.
    assert frames("Ghana with 1,000 GPUs by 2030 leads the region.", None) == [
        ("1,000 GPUs", None)]


def test_reporting_verbs_date_the_telling_not_the_figure():
    assert frames("Officials said 450 GPUs, the agency reported.") == [("450 GPUs", None)]


# --------------------------------------------------------------------------- real briefs

#: Four reports on GPUs: a plan set against a plan, a count set against a count, a count of
#: a third country alone, and a newer report repeating Korea's planned number.
GPU_ARTICLES = {
    "plan.txt": ("Seoul weighs its compute gap", "Harbour Ledger", "2026-03-02",
                 "Korea plans 30,000 GPUs against Japan's 50,000, the science ministry told "
                 "lawmakers on Monday."),
    "count.txt": ("Tokyo tallies its processors", "Eastern Wire", "2026-04-10",
                  "Japan currently has about 20,000 GPUs, fewer than South Korea's 25,000, a "
                  "government survey found."),
    "china.txt": ("Beijing's state clusters grow", "Continental Review", "2026-05-01",
                  "China now operates 120,000 GPUs, the planning commission said."),
    "repeat.txt": ("Seoul restates its compute target", "Peninsula Daily", "2026-05-20",
                   "South Korea will secure at least 30,000 GPUs under its national compute "
                   "plan, officials said."),
}
PLANNED_TITLE = "Number of GPUs, planned, by country"
REPORTED_TITLE = "Number of GPUs, as reported, by country"
ONE_SOURCE = "Figures from one source, which compares them."


def bar_tables(text: str) -> dict[str, list[str]]:
    """Each bar chart's title and its data table's rows, from a brief's Markdown."""
    charts = text[text.index("## Charts"):]
    found: dict[str, list[str]] = {}
    for block in charts.split("\n### ")[1:]:
        title, _, body = block.partition("\n")
        if "by country" in title and "Dated facts" not in title:
            found[title] = [line for line in body.splitlines()
                            if line.startswith("| ") and not line.startswith("| Country")]
    return found


@pytest.fixture(scope="module")
def gpu_brief(tmp_path_factory) -> tuple[Path, str, str]:
    """The KR-JP-CN brief on the GPU reports: its folder, Markdown and PDF text."""
    root = tmp_path_factory.mktemp("gpus")
    corpus = write_corpus(root / "corpus", GPU_ARTICLES)
    out = root / "out"
    with isolated(root):
        paths = make(corpus, out, "-c", "KR", "-c", "JP", "-c", "CN")
    md = next(p for p in paths if p.suffix == ".md")
    return out, md.read_text(), pdf_text(next(p for p in paths if p.suffix == ".pdf"))


def test_plans_and_counts_get_a_chart_each_and_never_share_one(gpu_brief):
    out, text, pdf = gpu_brief
    tables = bar_tables(text)
    assert list(tables) == [REPORTED_TITLE, PLANNED_TITLE]
    # Each the comparison one source makes: Korea's count against Japan's from the survey,
    # not China's 120,000 from another report stitched on; the plans from the ministry.
    assert tables[REPORTED_TITLE] == ["| South Korea | 25,000 | 25 | [1] |",
                                      "| Japan | about 20,000 GPUs | 20 | [1] |"]
    assert tables[PLANNED_TITLE] == ["| Japan | 50,000 | 50 | [2] |",
                                     "| South Korea | 30,000 GPUs | 30 | [2] |"]
    assert text.count(ONE_SOURCE) == 4  # each chart's alt text and caption
    # The SVGs beside the Markdown: titled by time frame, each bar's value as text.
    svgs = sorted(out.glob("*-chart-*.svg"))
    assert len(svgs) == 3
    texts = [["".join(t.itertext()) for t in ET.fromstring(svg.read_bytes()).iter(SVG_TEXT)]
             for svg in svgs[:2]]
    assert REPORTED_TITLE in texts[0] and {"25", "20"} <= set(texts[0])
    assert PLANNED_TITLE in texts[1] and {"50", "30"} <= set(texts[1])
    assert "120" not in texts[0] + texts[1]
    # The PDF: both titles as text, each caption citing its one source.
    assert REPORTED_TITLE in pdf and PLANNED_TITLE in pdf
    assert re.search(r"Chart 1, in thousand GPUs\. Sources: \[1\]\s*\. " + re.escape(ONE_SOURCE),
                     pdf)


def test_a_number_another_report_repeats_stays_in_its_comparison(gpu_brief):
    _, text, _ = gpu_brief
    table = text[text.index("### GPUs and chips"):text.index("## Charts")]
    korea = [line for line in table.splitlines() if line.startswith("| South Korea |")]
    # The newer report's "at least 30,000" and the comparison's 30,000: both, each cited.
    assert any("at least 30,000 GPUs" in line and "[4]" in line for line in korea)
    assert any("Korea plans 30,000 GPUs against" in line and "[2]" in line for line in korea)


def test_a_plan_and_a_count_from_different_sources_draw_no_bar_chart(tmp_path):
    articles = {
        "plan.txt": ("Tokyo sets a compute goal", "Eastern Wire", "2026-03-02",
                     "Japan aims to install 50,000 GPUs at public research centres."),
        "count.txt": ("Seoul counts its servers", "Harbour Ledger", "2026-04-10",
                      "South Korea currently has 25,000 GPUs at public research centres."),
    }
    corpus = write_corpus(tmp_path / "corpus", articles)
    text = make(corpus, tmp_path / "out", "-c", "KR", "-c", "JP", fmt="md")[0].read_text()
    assert "Bar chart" not in text and "by country\n" not in text.replace(
        "Dated facts per month, by country", "")
    # Both figures are still in the key-figure table.
    assert "| Japan | 50,000 GPUs |" in text and "| South Korea | 25,000 GPUs |" in text


def test_counts_from_different_sources_are_dated_bar_by_bar(tmp_path):
    articles = {
        "jp.txt": ("Tokyo counts its servers", "Eastern Wire", "2026-03-02",
                   "Japan currently has 18,000 GPUs at public research centres."),
        "kr.txt": ("Seoul counts its servers", "Harbour Ledger", "2026-04-10",
                   "South Korea currently has 25,000 GPUs at public research centres."),
    }
    corpus = write_corpus(tmp_path / "corpus", articles)
    paths = make(corpus, tmp_path / "out", "-c", "KR", "-c", "JP")
    text = next(p for p in paths if p.suffix == ".md").read_text()
    tables = bar_tables(text)
    [(title, rows)] = tables.items()
    assert title.endswith(", as reported, by country")
    assert rows == ["| South Korea (2026-04-10) | 25,000 GPUs | 25 | [1] |",
                    "| Japan (2026-03-02) | 18,000 GPUs | 18 | [2] |"]
    assert "Figures from different sources, each country's newest, dated in its label" in text
    pdf = pdf_text(next(p for p in paths if p.suffix == ".pdf"))
    assert re.search(r"^South Korea \(2026-04-10\)$", pdf, re.M)
    assert re.search(r"^Japan \(2026-03-02\)$", pdf, re.M)


# --------------------------------------------------------------------------- kinds of count

_GROUPS = (frozenset({"gpus", "chips", "semiconductor", "graphics", "processors"}),
           frozenset({"engineers", "researchers", "workers"}))


@pytest.mark.parametrize(("unit", "group"), [
    ("semiconductor engineers", 1),  # people, whatever they work on
    ("chip workers", 1),
    ("AI chips", 0),
    ("graphics processing units", 0),  # an empty head: its modifiers say what it counts
    ("chip designers", None),  # a head of no group: counted by itself, never as chips
    ("semiconductor plants", None),
    ("GPU-cluster engineers", 1),
])
def test_the_head_noun_decides_what_a_count_counts(unit, group):
    assert counted_group(unit, _GROUPS) == group


def test_the_head_noun_rule_sorts_the_brief_tables_groups():
    from briefing.brief.compare import COUNTED_MEASURES
    groups = [nouns for _, _, nouns in COUNTED_MEASURES]
    keys = [key for key, _, _ in COUNTED_MEASURES]
    for unit, key in (("semiconductor engineers", "people"), ("AI chips", "chips"),
                      ("graphics processing units", "chips"), ("chip patents", "patents")):
        found = counted_group(unit, groups)
        assert found is not None and keys[found] == key, unit
