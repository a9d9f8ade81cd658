"""Charts in briefs: a measure's figures by country and dated facts over time, drawn as SVG
(matplotlib) beside the Markdown and inside the PDF, with titles, units, sources, alt text
and the data as a table; none where there is nothing to compare; the same bytes from run to
run. The corpus is written for these tests: three countries, one currency, six months."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT
from factories import make_brief
from isolation import isolated
from markdown_it import MarkdownIt
from pypdf import PdfReader
from typer.testing import CliRunner

from briefing.brief.charts import chart_svg
from briefing.brief.render.markdown import render_markdown
from briefing.cli.app import app
from briefing.model import Chart, ChartRow

DAY = "2026-11-22"
# "will spend": a plan, and the title says so.
BAR_TITLE = "Spend on AI computing infrastructure (USD), 2026, planned, by country"
#: Each country's figure is from a source of its own: each bar is dated, the caption says so.
STITCHED = ("Figures from different sources, each country's newest, dated in its label: no "
            "one source compares them.")
KR_BAR, JP_BAR, CN_BAR = "South Korea (2026-01-14)", "Japan (2026-02-10)", "China (2026-03-05)"
TIMELINE_TITLE = "Dated facts per month, by country"

ARTICLES = {
    "kr-compute.txt": ("Seoul lifts its compute spending", "Harbour Ledger", "2026-01-14",
                       "South Korea will spend $7.2 billion on AI computing infrastructure in "
                       "2026, the science ministry said on Tuesday.\n\nThe ministry said the "
                       "money would pay for new data centres outside the capital."),
    "jp-compute.txt": ("Tokyo sets out its compute plan", "Eastern Wire", "2026-02-10",
                       "Japan will spend $4.5 billion on AI computing infrastructure in 2026, "
                       "the trade ministry announced.\n\nOfficials in Tokyo said the plan also "
                       "covers training for engineers."),
    "cn-compute.txt": ("Beijing widens its compute programme", "Continental Review", "2026-03-05",
                       "China will spend $11.8 billion on AI computing infrastructure in 2026, "
                       "according to the planning commission.\n\nThe commission said provincial "
                       "governments would add their own funds."),
    "kr-talent.txt": ("Korean universities add AI places", "Harbour Ledger", "2026-04-20",
                      "South Korea opened 1,200 new graduate places in artificial intelligence "
                      "at its national universities in April."),
    "jp-chips.txt": ("Japanese chip maker picks a site", "Eastern Wire", "2026-05-18",
                     "Japan approved a subsidy for a new chip plant in Hokkaido that will make "
                     "processors for AI servers by 2028."),
    "cn-models.txt": ("Chinese labs publish open models", "Continental Review", "2026-06-02",
                      "China released 14 open-weight language models from state-backed "
                      "laboratories in the first half of the year."),
}


def write_corpus(folder: Path, articles: dict[str, tuple[str, str, str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (title, publisher, day, body) in articles.items():
        (folder / name).write_text(f"---\ntitle: {title}\npublisher: {publisher}\ndate: {day}\n"
                                   f"---\n{body}\n", encoding="utf-8")
    return folder


def make(corpus: Path, out: Path, *args: str, fmt: str = "both") -> list[Path]:
    r = CliRunner().invoke(app, ["make", *args, "--corpus", str(corpus), "--out", str(out),
                                 "--date", DAY, "--format", fmt])
    assert r.exit_code == 0, r.stderr
    return [Path(line) for line in r.stdout.split()]


def alt_of(image) -> str:
    """An image's alt text as a Markdown reader shows it (its escapes undone)."""
    return "".join(child.content for child in image.children or ())


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def three(tmp_path_factory) -> tuple[Path, list[Path]]:
    """The three-country brief (KR, JP, CN) as Markdown and PDF, and its folder."""
    root = tmp_path_factory.mktemp("three")
    corpus = write_corpus(root / "corpus", ARTICLES)
    out = root / "out"
    with isolated(root):
        return out, make(corpus, out, "-c", "KR", "-c", "JP", "-c", "CN")


def test_a_three_country_pdf_has_both_charts_with_titles_and_axis_labels_as_text(three):
    _, paths = three
    text = pdf_text(next(p for p in paths if p.suffix == ".pdf"))
    charts = text[text.index("\nCharts\n"):]
    # Titles are only in the SVG (the HTML has no heading for them): found, they are the
    # chart's own text, kept as text in the PDF.
    assert BAR_TITLE in " ".join(charts.split()) and TIMELINE_TITLE in charts
    # Axis labels, each a line of its own (the data tables' headers hold them too, in a row).
    for label in ("USD billion", "Country", "Month", "facts"):
        assert re.search(rf"^{label}$", charts, re.M), label
    # Tick labels: the countries, and the months level on one line.
    assert re.search(rf"^{re.escape(KR_BAR)}$", charts, re.M)
    assert "\n2026-01 2026-02 2026-03 2026-04 2026-05 2026-06\n" in charts
    # Bars' value labels, the data table (figures as written) and the sources cited.
    for value in ("11.8", "7.2", "4.5", "$11.8 billion", "$7.2 billion", "$4.5 billion"):
        assert value in charts
    assert re.search(r"Chart 1, in USD billion\. Sources: (\[\d\]){3}\s*\.", charts)
    assert re.search(r"Chart 2, in facts\. Sources: (\[\d\]){6}\s*\.", charts)



def test_the_pdf_gives_each_chart_its_alt_text(three, tmp_path):
    _, paths = three
    pdf = next(p for p in paths if p.suffix == ".pdf")
    plain = tmp_path / "plain.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), str(plain)],
                   check=True)
    # A PDF string escapes its parentheses and backslashes: "\(USD\)".
    alts = [re.sub(rb"\\([()\\])", rb"\1", m).decode()
            for m in re.findall(rb"/Alt \((.*?)(?<!\\)\)", plain.read_bytes())]
    assert alts == [
        f"Bar chart: {BAR_TITLE}, in USD billion. {CN_BAR} 11.8; {KR_BAR} 7.2; {JP_BAR} 4.5."
        f" {STITCHED}",
        f"Stacked bar chart: {TIMELINE_TITLE}, from 2026-01 to 2026-06. In all: South Korea 2;"
        " Japan 3; China 2. Most facts in 2026-02 (2)."]


def test_the_timelines_busiest_month_counts_a_fact_about_two_countries_once(tmp_path):
    joint = {"kr-jp-fund.txt": ("Seoul and Tokyo pool AI money", "Eastern Wire", "2026-02-03",
                                "South Korea and Japan will set up a joint AI research fund of "
                                "$2 billion, the two governments said on Monday.")}
    corpus = write_corpus(tmp_path / "corpus", {**ARTICLES, **joint})
    md = next(p for p in make(corpus, tmp_path / "out", "-c", "KR", "-c", "JP", "-c", "CN",
                              fmt="md") if p.suffix == ".md")
    images = [t for tok in MarkdownIt("js-default").parse(md.read_text()) if tok.type == "inline"
              for t in tok.children or () if t.type == "image"]
    timeline = alt_of(images[-1])
    # February: Japan's compute plan (two facts) and the joint fund: three facts, four bars.
    assert timeline.endswith(". Most facts in 2026-02 (3)."), timeline
    assert "In all: South Korea 3; Japan 4; China 2." in timeline  # a bar for each country

def test_svg_files_beside_the_markdown_are_linked_with_alt_text(three):
    out, paths = three
    md = next(p for p in paths if p.suffix == ".md")
    svgs = sorted(out.glob("*.svg"))
    assert [p.name for p in svgs] == [f"{md.stem}-chart-1.svg", f"{md.stem}-chart-2.svg"]
    text = md.read_text()
    images = [t for tok in MarkdownIt("js-default").parse(text) if tok.type == "inline"
              for t in tok.children or () if t.type == "image"]
    assert [img.attrs["src"] for img in images] == [p.name for p in svgs]
    alts = [alt_of(img) for img in images]
    assert alts[0] == (f"Bar chart: {BAR_TITLE}, in USD billion. {CN_BAR} 11.8; {KR_BAR} 7.2; "
                       f"{JP_BAR} 4.5. {STITCHED}")
    assert alts[1].startswith("Stacked bar chart: " + TIMELINE_TITLE + ", from 2026-01 to "
                              "2026-06.")
    # The data as a table beside each chart: every country's figure as written, cited.
    assert re.search(r"\| China \(2026-03-05\) \| \$11\.8 billion \| 11\.8 \| \[\d\] \|", text)
    assert re.search(r"Chart 1, in USD billion\. Sources: (\[\d\]){3}\. " + re.escape(STITCHED),
                     text)
    assert re.search(r"\| 2026-02 \| 0 \| 2 \| 0 \| \[\d\] \|", text)  # two facts of one source
    for svg in svgs:
        root = ET.fromstring(svg.read_bytes())  # well-formed XML
        texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
        # A long title wraps: its lines are <text> elements in turn.
        assert BAR_TITLE in " ".join(" ".join(texts).split()) or TIMELINE_TITLE in texts
    bar_texts = {"".join(t.itertext()) for t in
                 ET.fromstring(svgs[0].read_bytes()).iter("{http://www.w3.org/2000/svg}text")}
    assert {"USD billion", CN_BAR, KR_BAR, JP_BAR, "11.8"} <= bar_texts


def test_one_country_or_one_figure_or_one_month_draws_no_chart(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    out = tmp_path / "kr"
    md = make(corpus, out, "-c", "KR", fmt="md")[0]
    assert not list(out.glob("*.svg")) and "## Charts" not in md.read_text()
    # Two countries, but only Korea states the measure, and every fact is from one month.
    one_month = {name: (title, pub, "2026-03-0" + str(n), body) for n, (name, (title, pub, _, body))
                 in enumerate(ARTICLES.items(), 1) if name != "jp-compute.txt"}
    corpus = write_corpus(tmp_path / "one-month", one_month)
    out = tmp_path / "kr-jp"
    md = make(corpus, out, "-c", "KR", "-c", "JP", fmt="md")[0]
    assert not list(out.glob("*.svg")) and "## Charts" not in md.read_text()
    # The same corpus over several months: a timeline, and still no bar chart.
    spread = {**one_month, "jp-chips.txt": (*ARTICLES["jp-chips.txt"][:2], "2026-05-18",
                                            ARTICLES["jp-chips.txt"][3])}
    corpus = write_corpus(tmp_path / "spread", spread)
    out = tmp_path / "spread-out"
    text = make(corpus, out, "-c", "KR", "-c", "JP", fmt="md")[0].read_text()
    assert len(list(out.glob("*.svg"))) == 1
    assert "### " + TIMELINE_TITLE in text and "by country\n" not in text.replace(
        TIMELINE_TITLE, "")


def test_figures_in_different_currencies_are_never_charted_together(tmp_path):
    articles = dict(ARTICLES)
    title, pub, day, _ = articles["jp-compute.txt"]
    articles["jp-compute.txt"] = (title, pub, day, "Japan will spend 650 billion yen on AI "
                                  "computing infrastructure in 2026, the trade ministry announced.")
    corpus = write_corpus(tmp_path / "corpus", articles)
    out = tmp_path / "out"
    text = make(corpus, out, "-c", "KR", "-c", "JP", fmt="md")[0].read_text()
    assert "Bar chart" not in text and "(USD)" not in text  # KR's dollars stand alone
    text = make(corpus, out, "-c", "KR", "-c", "JP", "-c", "CN", fmt="md")[0].read_text()
    assert f"![Bar chart: {BAR_TITLE}, in USD billion. {CN_BAR} 11.8; {KR_BAR} 7.2. " in text
    assert "yen" not in text[text.index("## Charts"):text.index("### Dated")]


def test_a_rerun_with_fewer_charts_removes_the_files_it_no_longer_links(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    out = tmp_path / "out"
    make(corpus, out, "-c", "KR", "-c", "JP", fmt="md")
    assert len(list(out.glob("*-chart-*.svg"))) == 2
    (corpus / "jp-compute.txt").unlink()  # no bar chart: Japan's figure is gone
    md = make(corpus, out, "-c", "KR", "-c", "JP", fmt="md")[0]
    assert [p.name for p in out.glob("*.svg")] == [f"{md.stem}-chart-1.svg"]
    assert f"({md.stem}-chart-1.svg)" in md.read_text()


_RUN = """
import sys
from briefing.cli.app import main
try:
    main(["make", "-c", "KR", "-c", "JP", "-c", "CN", "--corpus", sys.argv[1], "--out",
          sys.argv[2], "--date", "2026-11-22", "--format", "both"])
except SystemExit as end:
    assert not end.code, end.code
"""


def test_svg_markdown_and_pdf_are_byte_identical_across_processes(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    outs = []
    for seed in ("104729", "209458"):
        out = tmp_path / f"out-{seed}"
        # Each process has its own cache: the second does not reuse the first's store, and
        # matplotlib builds its font list afresh in each.
        env = {**os.environ, "PYTHONHASHSEED": seed, "BRIEFING_CACHE_DIR": str(out / "cache"),
               "XDG_CACHE_HOME": str(out / "xdg-cache"), "MPLCONFIGDIR": str(out / "mpl")}
        subprocess.run([sys.executable, "-c", _RUN, str(corpus), str(out / "brief")], env=env,
                       check=True, cwd=ROOT, capture_output=True)
        outs.append(out / "brief")
    files = sorted(p.name for p in outs[0].iterdir())
    assert [f for f in files if not f.endswith(".svg")] == [
        "brief-kr-jp-cn-2026-11-22.md", "brief-kr-jp-cn-2026-11-22.pdf"]
    assert len(files) == 4 and files == sorted(p.name for p in outs[1].iterdir())
    for name in files:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_labels_from_source_text_are_escaped_and_never_mathtext():
    hostile = 'R&D <AI> spend: $5bn to $7bn "quoted" </text><script>x</script>'
    chart = Chart("bar", hostile, "USD billion", "Country", ("USD billion",),
                  (ChartRow("<b>Korea</b>", (7.0,), ("7",)), ChartRow("Japan & co", (5.0,), ("5",))),
                  (1,), "alt")
    svg = chart_svg(chart)
    root = ET.fromstring(svg.encode())  # still well-formed: nothing broke out of a <text>
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert hostile in " ".join(texts).replace("\n", " ")
    assert "<b>Korea</b>" in texts and "Japan & co" in texts
    assert not list(root.iter("{http://www.w3.org/2000/svg}script"))
    assert chart_svg(chart) == svg


def test_alt_text_and_labels_cannot_break_out_of_the_markdown():
    hostile = "x](javascript:alert(1)) ![y](http://example.com/t.png) <img src=x>"
    chart = Chart("bar", "# Title *bold* | pipe", "USD billion", "Country", ("USD billion",),
                  (ChartRow("A|B", (1.0,), ("1",), "$1 [bn]", ((1, None),)),
                   ChartRow("C", (2.0,), ("2",), "$2", ((1, None),))), (1,), hostile)
    brief = replace(make_brief(), charts=(chart,))
    text = render_markdown(brief, chart_files=("brief-chart-1.svg",))
    charts = text[text.index("## Charts"):]
    charts = charts[:charts.index("\n## ", 1)]
    tokens = MarkdownIt("js-default").enable("table").parse(charts)
    inline = [t for tok in tokens if tok.type == "inline" for t in tok.children or ()]
    images = [t for t in inline if t.type == "image"]
    assert [(i.attrs["src"], alt_of(i)) for i in images] == [("brief-chart-1.svg", hostile)]
    assert not [t for t in inline if t.type == "link_open"]
    assert "### \\# Title \\*bold\\* \\| pipe" in charts
    rows: list[list[str]] = []
    for tok in tokens:
        if tok.type == "tr_open":
            rows.append([])
        elif tok.type == "table_close":
            break
        elif tok.type == "inline" and rows:
            rows[-1].append("".join(c.content for c in tok.children or ()))
    # Four cells a row: the pipe and the brackets stayed text.
    assert rows[1:] == [["A|B", "$1 [bn]", "1", "[1]"], ["C", "$2", "2", "[1]"]]


def test_commands_that_draw_no_chart_never_import_matplotlib(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    code = """
import sys
from briefing.cli.app import main
def run(*args):
    try:
        main(list(args))
    except SystemExit as end:
        assert not end.code, (args, end.code)
corpus, out = sys.argv[1], sys.argv[2]
run("facts", "--corpus", corpus, "--json")
run("sources", "--corpus", corpus)
run("make", "-c", "KR", "--format", "md", "--corpus", corpus, "--out", out, "--date", "2026-11-22")
run("verify", out + "/brief-kr-2026-11-22.md", "--corpus", corpus)
print("matplotlib" in sys.modules, file=sys.stderr)
run("make", "-c", "KR", "-c", "JP", "--format", "md", "--corpus", corpus, "--out", out,
    "--date", "2026-11-22")
print("matplotlib" in sys.modules, file=sys.stderr)
"""
    r = subprocess.run([sys.executable, "-c", code, str(corpus), str(tmp_path / "out")],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    # Not before the brief with charts; then yes, so the check sees an import when there is one.
    assert r.stderr.strip().splitlines()[-2:] == ["False", "True"], r.stderr


def test_a_pdf_alone_writes_no_svg_and_its_attached_markdown_links_none(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    out = tmp_path / "out"
    pdf = make(corpus, out, "-c", "KR", "-c", "JP", "-c", "CN", fmt="pdf")[0]
    assert [p.name for p in out.iterdir()] == [pdf.name]
    attached = PdfReader(pdf).attachments["brief.md"][0].decode()
    assert "### " + BAR_TITLE in attached and "![" not in attached
    assert re.search(r"\| China \(2026-03-05\) \| \$11\.8 billion \| 11\.8 \| \[\d\] \|",
                     attached)
    assert BAR_TITLE in " ".join(pdf_text(pdf).split())


def test_the_pdf_fetches_only_its_stylesheet_and_the_charts_drawn_for_it(monkeypatch, tmp_path):
    from briefing.brief.render import pdf as pdfmod

    logs = []
    make_fetcher = pdfmod._asset_fetcher

    def recording(*args):
        fetcher = make_fetcher(*args)
        logs.append(fetcher)
        return fetcher

    monkeypatch.setattr(pdfmod, "_asset_fetcher", recording)
    chart = Chart("bar", "Spend by country", "USD billion", "Country", ("USD billion",),
                  (ChartRow("South Korea", (7.2,), ("7.2",), "$7.2 billion", ((1, None),)),
                   ChartRow("Japan", (4.5,), ("4.5",), "$4.5 billion", ((1, None),))),
                  (1,), "Bar chart: spend by country.")
    brief = replace(make_brief(), charts=(chart,))
    path = tmp_path / "b.pdf"
    path.write_bytes(pdfmod.render_pdf(brief, markdown="", facts_json="{}"))
    [fetcher] = logs
    # matplotlib's SVG names the W3C DTD in its DOCTYPE: never fetched.
    assert fetcher.log.asked == [pdfmod.ASSET_BASE + "brief.css", pdfmod.CHART_BASE + "chart-1.svg"]
    assert fetcher.log.refused == []
    assert re.search(r"^Spend by country$", pdf_text(path), re.M)
    # A chart that was not drawn for this brief is not served, whoever asks for it.
    with pytest.raises(ValueError, match="refused to fetch"):
        fetcher.fetch(pdfmod.CHART_BASE + "chart-2.svg")
    with pytest.raises(ValueError, match="refused to fetch"):
        fetcher.fetch("file:///etc/hostname")


def test_the_chart_modules_load_no_plotting_library_until_a_chart_is_drawn():
    code = ("import sys, briefing.brief.charts, briefing.brief.chart_data, briefing.brief.build, "
            "briefing.brief.export; print('matplotlib' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       cwd=ROOT)
    assert r.stdout.strip() == "False"


def test_the_timeline_counts_each_country_s_facts_as_at_a_glance_does(tmp_path):
    """A fact that measures Korea against Japan is Korea's: the timeline counts it for Korea
    only, as At a glance does, so that both say the same number of facts per country."""
    corpus = write_corpus(tmp_path / "corpus", {
        **ARTICLES,
        "kr-vs-jp.txt": ("Seoul outspends Tokyo on chips", "Harbour Ledger", "2026-06-20",
                         "South Korea will spend $3 billion on chip research this year, "
                         "compared with $1 billion in Japan, the ministry said."),
    })
    md = make(corpus, tmp_path / "out", "-c", "KR", "-c", "JP", "-c", "CN", fmt="md")[0]
    text = md.read_text(encoding="utf-8")
    glance = re.search(r"Facts per country: ([^.]*)\.", text).group(1)
    timeline = re.search(r"In all: ([^.]*)\.", text).group(1)
    assert glance == "South Korea 3, Japan 3, China 2"
    assert timeline.replace(";", ",") == glance
