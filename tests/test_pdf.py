"""The PDF renderer, read back as a reader would: poppler's pdftotext/pdfinfo/pdffonts/
pdfdetach and qpdf on real renders of hand-built briefs (no extraction involved), and on
briefs `briefing make` builds from the seeds, read against their Markdown twins."""

from __future__ import annotations

import http.server
import json
import logging
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent))

from factories import make_brief, make_fact, make_source
from isolation import isolated
from typer.testing import CliRunner

from briefing.brief import compare
from briefing.brief.render import pdf as pdfmod
from briefing.brief.render.pdf import (
    ASSET_BASE,
    PDF_VARIANTS,
    asset_path,
    render_html,
    render_pdf,
    script_lang,
)
from briefing.cli.app import app
from briefing.errors import BriefingError, UsageError
from briefing.model import (
    Brief,
    BriefItem,
    Comparison,
    Conflict,
    Figure,
    FigureRow,
    Omission,
    Scope,
    Section,
    Selection,
    Source,
    SourceRef,
)
from briefing.resources import templates_dir

MARKDOWN = "# Brief: South Korea\n\nQuoted facts … 한국어 [1]\n"
FACTS_JSON = json.dumps({"facts": [{"id": "f1", "text": "한국 정부는 예산을 늘린다."}]},
                        ensure_ascii=False)
HANGUL_FACT = "과학기술정보통신부는 내년 인공지능 예산을 3조 원으로 늘린다고 밝혔다."


# --------------------------------------------------------------------------- briefs


def _money_fact(n: int, src: Source, country: str = "KR", theme: str = "investment"):
    amount = f"${n}.5 billion"
    text = (f"Ministry programme {n} received {amount} for computing infrastructure, "
            f"the agency said in its report number {n}.")
    fig = Figure(amount, "money", (n + 0.5) * 1e9, "USD", text.index(amount))
    return make_fact(n, text, src, countries=(country,), themes=(theme,), figures=(fig,))


def long_brief(n_facts: int = 60, n_figures: int = 40) -> Brief:
    """A brief with every part the template knows: 60 facts in 3 sections, 40 key figures,
    comparison (at a glance, labelled quotes), compared, conflicts, undated/stale/related
    sources and an audit appendix."""
    sources = [
        make_source(1, title="Korea triples its AI budget", url="https://example.com/kr"),
        make_source(2, publisher="Asia Wire", date_=None, title="Chips and plans",
                    url="https://example.org/a/very/long/path/" + "segment-" * 12 + "end.html"),
        make_source(3, publisher="Old Gazette", date_="2020-01-05", title="Looking back"),
        replace(make_source(4, publisher="Related Daily", title="A carried article",
                            url="https://related.example.net/story"),
                key="001.txt#related-1", carrier="001.txt"),
        make_source(5, publisher="연합뉴스", title="인공지능 예산 확대", url="https://example.kr/ai"),
    ]
    facts = [(_money_fact(i, sources[i % 4], "KR" if i % 3 else "JP") if i <= n_figures else
              make_fact(i, f"Observation {i} notes that research groups published "
                           f"findings about model evaluation in region {i}.",
                        sources[i % 4], themes=("research",)))
             for i in range(1, n_facts)]
    facts.append(make_fact(n_facts, HANGUL_FACT, sources[4]))
    number = {s.key: i + 1 for i, s in enumerate(sources)}
    items = tuple(BriefItem(f, (number[f.source.key],), publishers=1 + (f.position % 7 == 0),
                            stale=f.source.key == sources[2].key,
                            undated=f.source.date is None) for f in facts)
    rows = tuple(FigureRow(fig, it, it.fact.countries) for it in items for fig in it.fact.figures)
    thirds = len(items) // 3
    sections = (Section("investment", "Investment & funding", items[:thirds]),
                Section("infrastructure", "Infrastructure", items[thirds:2 * thirds]),
                Section("research", "Research", items[2 * thirds:]))
    refs = tuple(SourceRef(i + 1, s, stale=i == 2, undated=s.date is None)
                 for i, s in enumerate(sources))
    comparison = Comparison(("KR", "JP"), ("investment", "research"), ((25, 13), (8, 3)),
                            (("KR", rows[:3]), ("JP", rows[3:5])))
    conflict = Conflict("KR", "AI budget (USD)", rows[:2])
    selection = Selection(countries=("KR", "JP"), themes=("investment", "research"))
    items = tuple(compare.labelled(i, selection) for i in items)
    glance = compare.at_a_glance(items, selection, [s.slug for s in sections])
    return replace(
        make_brief([facts[0]]),
        title="Brief: South Korea and Japan",
        selection=selection, glance=glance,
        country_names={"KR": "South Korea", "JP": "Japan"},
        scope=Scope(len(items), len(refs), "2020-01-05", "2025-03-01", 1),
        key_findings=items[:3], key_figures=rows[:n_figures], sections=sections,
        comparison=comparison, compared=items[3:5], conflicts=(conflict,), sources=refs,
        omissions=(Omission(make_fact(999, "An omitted sentence about budgets.", sources[0]),
                            "over the 40-fact limit"),),
        corpus_fingerprint="ab" * 32, items=items)


# --------------------------------------------------------------------------- helpers


def run(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def write(tmp_path: Path, data: bytes, name: str = "brief.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def text_of(path: Path, *pages: int) -> str:
    args = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return run("pdftotext", "-raw", *args, str(path), "-")


def squash(text: str) -> str:
    """Text without whitespace: line wrapping and justification cannot break a comparison."""
    return re.sub(r"\s+", "", text)


def qdf_text(path: Path, tmp_path: Path) -> str:
    """The PDF's objects uncompressed, to look for annotations, names and catalog entries."""
    out = tmp_path / "qdf.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(path), str(out)],
                   check=True)
    return out.read_bytes().decode("latin-1")


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory) -> Path:
    brief = long_brief()
    data = render_pdf(brief, markdown=MARKDOWN, facts_json=FACTS_JSON)
    return write(tmp_path_factory.mktemp("long"), data)


# --------------------------------------------------------------------------- content


def test_text_has_every_fact_marker_and_source_in_order(long_pdf):
    brief = long_brief()
    text = squash(text_of(long_pdf))
    at = text.index(squash("Investment & funding"), text.index("Keyfigures"))
    for section in brief.sections:
        for item in section.items:
            at = text.index(squash(f"“{item.fact.text}”") + f"[{item.refs[0]}]", at)
    at = text.index("Wheresourcesdiffer", at)
    at = text.index("Method", at)
    at = text.index("Sources[1]", at)
    for ref in brief.sources:
        src = ref.source
        at = text.index(squash(f"[{ref.number}]{src.publisher},“{src.title}”,"
                               f"{src.date or 'undated'},{src.url}"), at)
    assert "(relatedarticlecarriedin001.txt,sha256" in text
    assert "—file001.txt,sha256" in text
    assert text.index("Audit", at) > at
    assert squash(f"Corpus fingerprint: {'ab' * 32} (sha256 over the path and sha256 of every "
                  "readable corpus file); briefing 0.1.0. Anyone can check each citation "
                  "against the corpus with briefing verify <this file> --corpus <folder>.") in text
    assert squash("1 fact matched the selection but is not in the brief:") in text


def test_same_citations_as_the_markdown(long_pdf):
    """Both renderers of one brief cite the same sources in the same places."""
    from briefing.brief.render.markdown import render_markdown

    markdown = render_markdown(long_brief())
    body_md = markdown[:markdown.index("\n## Sources\n")]
    body_pdf = text_of(long_pdf)
    body_pdf = re.split(r"\n\f?Sources\n", body_pdf)[0]  # the heading may open a page
    # The Markdown may escape a marker as `\[2\]`: it still reads [2].
    assert re.findall(r"\\?\[(\d+)\\?\]", body_md) == re.findall(r"\[(\d+)\]", body_pdf)
    for item in long_brief().items:
        assert squash(item.fact.text) in squash(body_pdf)


def test_title_block_scope_and_flags(long_pdf):
    page1 = " ".join(text_of(long_pdf, 1).split())
    assert "As of 2026-11-22" in page1
    assert "60 facts from 5 sources, dated 2020-01-05 to 2025-03-01; 1 undated." in page1
    whole = " ".join(text_of(long_pdf).split())
    assert "— reported by 2 sources" in whole
    assert "(undated)" in whole and "(older than 2 years)" in whole
    brief = long_brief()
    undated, stale = (sum(getattr(i, flag) for i in brief.items) for flag in ("undated", "stale"))
    assert undated > 1 and stale > 1
    assert squash(f"1 of 5 sources gives no date [2]; {undated} facts with no dated source are "
                  "marked (undated).") in squash(whole)
    assert squash(f"1 of 5 sources is older than 2 years at the as-of date [3]; {stale} facts "
                  "with no newer source are marked (older than 2 years).") in squash(whole)
    assert ("“Reported by N sources” counts independent publishers: a syndicated copy of an "
            "article under another masthead counts once.") in whole


def test_every_font_is_embedded(long_pdf):
    rows = run("pdffonts", str(long_pdf)).splitlines()[2:]
    assert rows, "pdffonts lists no font"
    for row in rows:
        assert re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", row), row
        emb = row.split()[-5]
        assert emb == "yes", f"font not embedded: {row}"


def test_metadata_title_subject_keywords_tagged_lang(long_pdf, tmp_path):
    info = run("pdfinfo", str(long_pdf))
    assert re.search(r"^Title:\s+Brief: South Korea and Japan$", info, re.M)
    assert re.search(r"^Subject:\s+Countries: South Korea; Japan; themes: "
                     r"Investment & funding; Research$", info, re.M)
    assert re.search(r"^Keywords:\s+South Korea, Japan, Investment & funding, Research$",
                     info, re.M)
    assert re.search(r"^Creator:\s+briefing 0\.1\.0$", info, re.M)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert "CreationDate" not in info and "ModDate" not in info
    assert "/Lang (en)" in qdf_text(long_pdf, tmp_path)


def test_sections_are_bookmarks_and_markers_link_to_sources(long_pdf, tmp_path):
    data = json.loads(run("qpdf", "--json", str(long_pdf)))
    titles = [o["title"] for o in data["outlines"]]
    assert titles == ["Key findings", "Key figures", "At a glance",
                      "South Korea compared with others", "Investment & funding",
                      "Infrastructure", "Research", "Where sources differ", "Method",
                      "Sources", "Audit"]
    qdf = qdf_text(long_pdf, tmp_path)
    for n in range(1, 6):  # every source is the target of a clickable marker
        assert f"/Dest (src-{n})" in qdf
    assert "/URI (https://example.com/kr)" in qdf


def test_table_header_repeats_on_the_next_page(long_pdf):
    brief = long_brief()
    page1, page2 = squash(text_of(long_pdf, 1)), squash(text_of(long_pdf, 2))
    assert "FigureIncontextCountrySource" in page1
    assert "FigureIncontextCountrySource" in page2
    # The table really continues there: a later key figure is on page 2, the first is not.
    first, later = (squash(brief.key_figures[i].figure.text) for i in (0, 12))
    assert first in page1 and first not in page2
    assert later in page2 and "Keyfigures" not in page2


def test_letter_and_a4_page_sizes(tmp_path):
    brief = make_brief()
    a4 = write(tmp_path, render_pdf(brief, markdown="", facts_json="{}"), "a4.pdf")
    letter = write(tmp_path, render_pdf(brief, markdown="", facts_json="{}", paper="letter"),
                   "letter.pdf")
    assert "Page size:       595.276 x 841.89 pts (A4)" in run("pdfinfo", str(a4))
    assert "Page size:       612 x 792 pts (letter)" in run("pdfinfo", str(letter))
    with pytest.raises(UsageError, match="paper"):
        render_pdf(brief, markdown="", facts_json="{}", paper="a5")


def test_footer_says_page_x_of_y_and_header_the_title(long_pdf):
    pages = int(re.search(r"^Pages:\s+(\d+)$", run("pdfinfo", str(long_pdf)), re.M)[1])
    assert pages >= 3
    assert f"page 2 of {pages}" in text_of(long_pdf, 2)
    assert "Brief: South Korea and Japan" in text_of(long_pdf, 2)  # the running header
    assert "Brief: South Korea and Japan" not in text_of(long_pdf, 1).replace(
        "POLICY BRIEF\nBrief: South Korea and Japan", "", 1)  # page 1 has the title block


# --------------------------------------------------------------------------- parity, real briefs

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DAY = "2026-11-22"
#: One statement two publishers make: the brief's Method then explains "reported by N sources".
SHARED = ("Officials in China said the new national computing centres will serve universities "
          "and startups first.")
#: Briefs made by `briefing make` on the seeds plus two disagreeing articles, by name.
SELECTIONS = {
    "cn-us": ("-c", "CN", "-c", "US", "--audit"),  # comparison, conflict, omissions
    "cn": ("-c", "CN"),                            # "China compared with others"
    "kr": ("-c", "KR", "--audit"),                 # every matching fact is in the brief
}
#: The A4 page without its running header and footer (points): a paragraph that crosses a page
#: reads on in pdftotext's text as it does in the Markdown.
BODY_CROP = ("-x", "0", "-y", "64", "-W", "596", "-H", "716")


def article(folder: Path, name: str, body: str, **meta) -> None:
    """A corpus file with YAML front matter, as clipped news articles carry it."""
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
    (folder / name).write_text(f"---\n{head}---\n\n{body}\n", encoding="utf-8")


def disagreement_corpus(root: Path) -> Path:
    """The seeds, two publishers giving different AI budgets for China in 2026, and another
    country's budget compared with China's."""
    shutil.copytree(SEEDS, root)
    article(root, "caixin.md",
            "China's government will raise its AI development budget to $13.5 billion in 2026, "
            f"the finance ministry said.\n\n{SHARED}\n\n"
            "China also plans new rules for data centres in its western provinces.",
            title="China lifts AI budget", provider={"name": "Caixin Global"},
            date="2026-09-01", url="https://www.caixinglobal.com/2026-09-01/ai-budget.html")
    article(root, "scmp.md",
            "China has set aside an AI development budget of $21.2 billion for 2026, according "
            f"to the draft budget.\n\n{SHARED}",
            title="Beijing's AI spending plan", provider={"name": "South China Morning Post"},
            date="2026-09-03")
    # Another country's fact compared with China: the China brief's "compared with others".
    article(root, "deccan.md",
            "India will spend $1.25 billion on its national AI mission this year, far less "
            "than the $13 billion that China plans to spend.",
            title="India expands its AI mission", provider={"name": "Deccan Ledger"},
            date="2026-09-05")
    return root


@dataclass(frozen=True)
class MadeBrief:
    markdown: str
    pdf: Path
    facts: list[dict]
    """The cited facts, from the facts.json the PDF carries."""


@pytest.fixture(scope="module")
def made_briefs(tmp_path_factory) -> dict[str, MadeBrief]:
    root = tmp_path_factory.mktemp("made")
    corpus = disagreement_corpus(root / "corpus")
    made = {}
    with isolated(root):
        for name, selection in SELECTIONS.items():
            out = root / name
            result = CliRunner().invoke(app, ["make", *selection, "--format", "both", "--date",
                                              DAY, "--corpus", str(corpus), "--out", str(out)])
            assert result.exit_code == 0, result.output
            [md], [pdf] = out.glob("*.md"), out.glob("*.pdf")
            run("pdfdetach", "-saveall", "-o", str(out), str(pdf))
            facts = json.loads((out / "facts.json").read_text(encoding="utf-8"))
            made[name] = MadeBrief(md.read_text(encoding="utf-8"), pdf, facts)
    return made


def body_of(pdf: Path) -> str:
    """The PDF's text in reading order, without page furniture: no running header or footer,
    no form feeds, and no list numbers (WeasyPrint draws a page's `1.`, `2.` after its text,
    so they would land inside a fact that goes on to the next page)."""
    text = run("pdftotext", "-raw", *BODY_CROP, str(pdf), "-").replace("\f", "\n")
    return re.sub(r"^\d+\.\n", "", text, flags=re.M)


_MD_SYNTAX = re.compile(r"`([^`]*)`|\\(.)|<(https?://[^>\s]+)>|\*")


def md_plain(text: str) -> str:
    """Markdown inline text as a reader sees it: code spans, escapes, autolinks and emphasis
    undone (the renderer escapes only these)."""
    text = _MD_SYNTAX.sub(lambda m: m[1] or m[2] or m[3] or "", text)
    return text.replace("&amp;", "&")


def md_headings(markdown: str) -> list[str]:
    return [md_plain(line[3:]) for line in markdown.splitlines() if line.startswith("## ")]


def md_statements(markdown: str) -> list[str]:
    """Every piece of text the Markdown shows: paragraphs, list items without their marker,
    table cells; the as-of line in its two parts (the PDF sets the date on its own line)."""
    parts = []
    for line in markdown.splitlines():
        if line.startswith("*As of "):
            as_of, _, rest = line[1:].partition(".* ")
            parts += [as_of, rest]
        elif line.startswith("!["):
            continue  # a chart's image: its alt text is the PDF figure's /Alt, not shown text
        elif line.startswith("|"):
            if not line.startswith("|---"):
                parts += [c for c in re.split(r"(?<!\\)\|", line) if c.strip()]
        elif line.strip():
            parts.append(re.sub(r"^(#+ |- |\d+\. )", "", line))
    return [md_plain(p) for p in parts]


def markers_outside_sources(text: str, sources: str, audit: str | None) -> list[str]:
    """Citation markers in reading order, leaving out the Sources list (numbered, not cited)."""
    body, _, rest = text.partition(sources)
    after = rest.partition(audit)[2] if audit and audit in rest else ""
    return re.findall(r"\\?\[(\d+)\\?\]", body + after)


def test_made_briefs_have_every_part_the_parity_tests_need(made_briefs):
    headings = {name: md_headings(b.markdown) for name, b in made_briefs.items()}
    assert {"At a glance", "Where sources differ", "Audit"} <= set(headings["cn-us"])
    assert "China compared with others" in headings["cn"]
    assert "Audit" in headings["kr"] and "At a glance" not in headings["kr"]
    cn_us = made_briefs["cn-us"].markdown
    assert "counts independent publishers" in cn_us and "sources give no date" in cn_us
    assert "matched the selection but are not in the brief" in cn_us
    assert "Every fact that matched the selection is in the brief." in made_briefs["kr"].markdown


@pytest.mark.parametrize("name", SELECTIONS)
def test_made_brief_pdf_has_the_markdown_sections_in_order(made_briefs, name):
    made = made_briefs[name]
    headings = md_headings(made.markdown)
    outline = [o["title"] for o in json.loads(run("qpdf", "--json", str(made.pdf)))["outlines"]]
    assert outline == headings
    lines = body_of(made.pdf).splitlines()
    at = 0
    for heading in headings:
        at = lines.index(heading, at) + 1


@pytest.mark.parametrize("name", SELECTIONS)
def test_made_brief_pdf_has_every_fact_and_the_same_citations(made_briefs, name):
    made = made_briefs[name]
    text = body_of(made.pdf)
    assert len(made.facts) > 5
    missing = [f["text"] for f in made.facts if squash(f["text"]) not in squash(text)]
    assert missing == []
    audit = "\n## Audit\n" if "\n## Audit\n" in made.markdown else None
    md_markers = markers_outside_sources(made.markdown, "\n## Sources\n", audit)
    pdf_markers = markers_outside_sources(text, "\nSources\n", "\nAudit\n" if audit else None)
    assert len(md_markers) > len(made.facts)
    assert pdf_markers == md_markers


@pytest.mark.parametrize("name", SELECTIONS)
def test_made_brief_pdf_says_what_the_markdown_says(made_briefs, name):
    """Same wording: every paragraph, list item and table cell of the Markdown reads the same
    in the PDF (whitespace aside), conflict attributions, Method counts and Audit included."""
    made = made_briefs[name]
    text = squash(body_of(made.pdf))
    statements = md_statements(made.markdown)
    assert len(statements) > 2 * len(made.facts)  # the parse found the whole brief
    assert [s for s in statements if squash(s) not in text] == []


def test_where_sources_differ_names_publisher_and_date_newest_first(made_briefs):
    text = body_of(made_briefs["cn-us"].pdf)
    differ = squash(text[text.index("\nWhere sources differ\n"):text.index("\nMethod\n")])
    markdown = made_briefs["cn-us"].markdown
    times, caixin = (re.search(rf"^(\d+)\. {publisher}, “{title}”", markdown, re.M)[1]
                     for publisher, title in (("South China Morning Post", "Beijing's AI spending plan"),
                                              ("Caixin Global", "China lifts AI budget")))
    assert squash("China, AI development budget (USD), 2026:") in differ
    assert differ.index(squash("$21.2 billion: “China has set aside")) < differ.index(
        squash(f"[{times}] — South China Morning Post, 2026-09-03")) < differ.index(
        squash("$13.5 billion: “China's government will raise")) < differ.index(
        squash(f"[{caixin}] — Caixin Global, 2026-09-01"))


# --------------------------------------------------------------------------- attachments


def test_attachments_extract_byte_identical(long_pdf, tmp_path):
    listing = run("pdfdetach", "-list", str(long_pdf))
    assert "brief.md" in listing and "facts.json" in listing
    run("pdfdetach", "-saveall", "-o", str(tmp_path), str(long_pdf))
    assert (tmp_path / "brief.md").read_bytes() == MARKDOWN.encode()
    assert (tmp_path / "facts.json").read_bytes() == FACTS_JSON.encode()


# --------------------------------------------------------------------------- variants


@pytest.mark.parametrize("variant", PDF_VARIANTS)
def test_archival_and_accessible_variants(variant, tmp_path):
    data = render_pdf(make_brief(), markdown=MARKDOWN, facts_json=FACTS_JSON, variant=variant)
    path = write(tmp_path, data)
    info = run("pdfinfo", str(path))
    assert re.search(r"^Metadata Stream:\s+yes$", info, re.M)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    xmp = run("pdfinfo", "-meta", str(path))
    family, part = re.fullmatch(r"pdf/(a|ua)-(\d)\w?", variant).groups()
    assert f'pdf{family}id:part="{part}"' in xmp
    # PDF 2.0 (pdf/a-4f) keeps the title in the XMP only: there is no Info dictionary.
    assert '<rdf:li xml:lang="x-default">Brief: South Korea</rdf:li>' in xmp
    subprocess.run(["qpdf", "--check", str(path)], check=True, capture_output=True)
    assert "facts.json" in run("pdfdetach", "-list", str(path))
    assert data == render_pdf(make_brief(), markdown=MARKDOWN, facts_json=FACTS_JSON,
                              variant=variant.upper())


@pytest.mark.parametrize("variant", ["pdf/x-4", "pdf/x-5g", "pdf/a-1b", "nonsense"])
def test_variants_that_lose_data_or_determinism_are_refused(variant):
    with pytest.raises(UsageError, match="choose one of"):
        render_pdf(make_brief(), markdown="", facts_json="{}", variant=variant)


def test_every_offered_variant_is_one_weasyprint_knows():
    from weasyprint.pdf import VARIANTS

    assert set(PDF_VARIANTS) <= set(VARIANTS)


# --------------------------------------------------------------------------- determinism

_RENDER_IN_CHILD = """
import sys
sys.path.insert(0, sys.argv[2])
from test_pdf import long_brief, MARKDOWN, FACTS_JSON
from briefing.brief.render.pdf import render_pdf
open(sys.argv[1], "wb").write(render_pdf(long_brief(), markdown=MARKDOWN, facts_json=FACTS_JSON))
"""


def test_two_renders_in_separate_processes_are_byte_identical(long_pdf, tmp_path):
    outs = [tmp_path / "one.pdf", tmp_path / "two.pdf"]
    env = {k: v for k, v in __import__("os").environ.items() if k != "SOURCE_DATE_EPOCH"}
    for out in outs:
        subprocess.run([sys.executable, "-c", _RENDER_IN_CHILD, str(out),
                        str(Path(__file__).parent)], check=True, env=env)
    assert outs[0].read_bytes() == outs[1].read_bytes()
    assert outs[0].read_bytes() == long_pdf.read_bytes()


# --------------------------------------------------------------------------- scripts, fonts


def test_hangul_fact_renders_and_extracts_back(long_pdf):
    text = text_of(long_pdf)
    assert squash(HANGUL_FACT) in squash(text)
    assert "연합뉴스" in text and "인공지능 예산 확대" in text
    fonts = run("pdffonts", str(long_pdf))
    assert "CJK-KR" in fonts or "CJKkr" in fonts.replace(" ", ""), fonts


@pytest.mark.parametrize(("text", "lang"), [
    (HANGUL_FACT, "ko"),
    ("삼성전자는 AI 반도체에 10조원을 투자한다.", "ko"),
    ("政府は来年度の人工知能予算を増やすと発表した。", "ja"),
    ("这个国家的人工智能预算将会增加。", "zh-Hans"),
    ("這個國家的人工智慧預算將會增加。", "zh-Hant"),
    ("The budget grows, said Yoon Suk Yeol (윤석열) on Monday in Seoul.", None),
    ("Plain English with 36% and $6.8 billion.", None),
    ("", None),
])
def test_script_lang(text, lang):
    assert script_lang(text) == lang


def test_cjk_text_is_marked_with_its_language():
    brief = long_brief()
    html = render_html(brief)
    assert f'<span class="fact" lang="ko">{HANGUL_FACT}</span>' in html
    assert '<span class="publisher" lang="ko">연합뉴스</span>' in html
    assert '<html lang="en">' in html


@pytest.mark.parametrize("quiet", [False, True])
def test_a_character_no_font_can_draw_is_shown_as_a_box_and_said_once(quiet, tmp_path, caplog):
    src = make_source(1)
    brief = make_brief([
        make_fact(1, "A private-use character \U0010FFFD in a sentence about 5% growth.", src),
        make_fact(2, "An escape\x1b[2J and PDFium's mark in Cross\x02 regional ties.", src)])
    markdown = "# The Markdown keeps \U0010FFFD\n"
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR if quiet else level)  # an app may quieten WeasyPrint
    try:
        with caplog.at_level(logging.WARNING, logger="weasyprint"):
            pdf = write(tmp_path, render_pdf(brief, markdown=markdown, facts_json="{}"))
    finally:
        logger.setLevel(level)
    assert logger.level == level
    assert [r.getMessage() for r in caplog.records] == []  # the final PDF draws every glyph
    shown = " ".join(text_of(pdf).split())
    assert "character \u25a1 in a sentence" in shown
    assert "An escape\u25a1[2J" in shown and "Cross\u25a1 regional" in shown
    note = ("3 characters no installed font can draw (U+0002, U+001B, U+10FFFD) are shown "
            "as \u25a1")
    assert shown.count(note) == 1 and shown.index("Method") < shown.index(note)
    assert not any(ch in shown for ch in "\U0010FFFD\x1b\x02")
    run("pdfdetach", "-saveall", "-o", str(tmp_path), str(pdf))
    assert (tmp_path / "brief.md").read_text("utf-8") == markdown  # attachments as given


def test_a_brief_every_font_draws_says_nothing_of_placeholders(tmp_path):
    pdf = write(tmp_path, render_pdf(make_brief(), markdown="", facts_json="{}"))
    assert "no installed font" not in text_of(pdf)


# --------------------------------------------------------------------------- safety

HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<link rel=stylesheet href="http://127.0.0.1:{port}/x.css">',
    '<script>alert(1)</script>',
    '<img src="http://127.0.0.1:{port}/pixel.png"> and <a href="file:///etc/shadow">x</a>',
    '<style>@import url("http://127.0.0.1:{port}/i.css");</style>',
]


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[str]] = []

    def do_GET(self):
        self.seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


@pytest.fixture
def recording_server():
    _Recorder.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server.server_address[1], _Recorder.seen
    server.shutdown()
    server.server_close()


@pytest.fixture
def fetcher_logs(monkeypatch):
    """Every URL the PDF renderer's fetcher is asked for, render by render."""
    logs = []
    make = pdfmod._asset_fetcher

    def recording(*args):
        fetcher = make(*args)
        logs.append(fetcher.log)
        return fetcher

    monkeypatch.setattr(pdfmod, "_asset_fetcher", recording)
    return logs


def hostile_brief(port: int) -> Brief:
    bad = make_source(1, publisher="<b>Evil</b> Corp", title="<script>alert(2)</script>",
                      url="javascript:alert(document.cookie)")
    facts = [make_fact(i + 1, f"Fact {i} says {text.format(port=port)} indeed.", bad)
             for i, text in enumerate(HOSTILE)]
    return replace(make_brief(facts), title='Brief <img src="file:///etc/hostname">')


def test_hostile_text_is_shown_as_text_and_fetches_nothing(
        recording_server, fetcher_logs, tmp_path):
    port, seen = recording_server
    brief = hostile_brief(port)
    path = write(tmp_path, render_pdf(brief, markdown="", facts_json="{}"))
    assert seen == []
    [log] = fetcher_logs
    assert log.asked == [ASSET_BASE + "brief.css"] and log.refused == []
    text = squash(text_of(path))
    for item in brief.items:
        assert squash(item.fact.text) in text
    assert squash("<b>Evil</b> Corp") in text and "javascript:alert(document.cookie)" in text
    assert "root:" not in text
    qdf = qdf_text(path, tmp_path)
    assert "javascript" not in qdf.lower().replace("javascript:alert(document.cookie)", "")
    assert "/JavaScript" not in qdf and "/S /JavaScript" not in qdf
    assert "/URI (javascript" not in qdf and "/URI (file" not in qdf


def test_html_escapes_article_text():
    html = render_html(hostile_brief(9))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<img src="file' not in html
    assert 'href="javascript' not in html
    assert '<span class="url">javascript:alert(document.cookie)</span>' in html


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://127.0.0.1:9/x.css",
    "https://example.com/brief.css",
    "data:text/css,body{}",
    ASSET_BASE + "../../etc/passwd",
    ASSET_BASE + "sub/brief.css",
    ASSET_BASE + "brief.html.j2",
    ASSET_BASE + "missing.css",
    ASSET_BASE + ".hidden.css",
])
def test_asset_path_refuses_all_but_template_assets(url):
    assert asset_path(url, (templates_dir(),)) is None


def test_user_template_folder_overrides_the_css(tmp_path, fetcher_logs):
    (tmp_path / "brief.css").write_text("h2 { color: #ff0000 } body { font-size: 30pt }")
    assert asset_path(ASSET_BASE + "brief.css", (tmp_path, templates_dir())) == (
        tmp_path / "brief.css")
    brief = make_brief()
    plain = render_pdf(brief, markdown="", facts_json="{}")
    custom = render_pdf(brief, markdown="", facts_json="{}", template_dir=tmp_path)
    assert plain != custom
    pages = re.search(r"^Pages:\s+(\d+)$", run("pdfinfo", str(write(tmp_path, custom))), re.M)
    assert int(pages[1]) > 1  # 30pt text no longer fits on one page
    assert [log.refused for log in fetcher_logs] == [[], []]


def test_user_template_that_asks_for_a_local_file_is_refused(tmp_path, recording_server):
    port, seen = recording_server
    (tmp_path / "brief.html.j2").write_text(
        '<html lang="en"><head><title>t</title>'
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css"></head>'
        '<body><img src="file:///etc/passwd">{{ brief.title }}</body></html>')
    with pytest.raises(BriefingError, match="refused to fetch"):
        render_pdf(make_brief(), markdown="", facts_json="{}", template_dir=tmp_path)
    assert seen == []


def test_broken_user_template_is_a_one_line_error(tmp_path):
    (tmp_path / "brief.html.j2").write_text("<html>{{ brief.no_such_field }}</html>")
    with pytest.raises(BriefingError, match=r"brief\.html\.j2.*no_such_field"):
        render_html(make_brief(), template_dir=tmp_path)
    with pytest.raises(UsageError, match="does not exist"):
        render_html(make_brief(), template_dir=tmp_path / "nope")


# --------------------------------------------------------------------------- environment


class _NoLibraries:
    """An import hook that fails like cffi does when libpango is missing."""

    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': No such file or directory")
        return None


def test_missing_system_library_names_the_debian_packages(monkeypatch):
    for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [_NoLibraries(), *sys.meta_path])
    with pytest.raises(BriefingError) as caught:
        render_pdf(make_brief(), markdown="", facts_json="{}")
    message = str(caught.value)
    assert "\n" not in message
    assert "apt-get install" in message and "libpango-1.0-0" in message


def test_the_module_does_not_import_weasyprint():
    code = ("import sys, briefing.brief.render.pdf; "
            "sys.exit('weasyprint' in sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_no_weasyprint_warnings_on_the_packaged_template(caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        render_pdf(long_brief(20, 10), markdown="", facts_json="{}")
    assert [r.getMessage() for r in caplog.records] == []


# --------------------------------------------------------------------------- reports read back
# Reports made here with WeasyPrint (English, hyphenated, two narrow columns) and read by the
# real reader: PDFium gives U+0002 for a hyphen the file drew at a line end and U+2010 where
# WeasyPrint hyphenated a word; neither, nor any other control character, reaches the text.

#: Never in a report's text: C0/C1 controls but newline, PDFium's markers, soft hyphens,
#: zero-width spaces, ligatures, WeasyPrint's hyphenation mark.
NEVER_IN_TEXT = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff"
                           "\ufb00-\ufb06\ufffe\uffff\u2010]")
COMPOUNDS = ("cross-regional", "state-backed", "long-term", "high-performance")
_FILLER = ["a", "new", "and", "larger", "public", "data", "centre", "with", "shared"]


def compound_paragraph(i: int) -> str:
    """Paragraph `i`: a compound after 0-8 filler words, so that across paragraphs each
    compound lands at a line end somewhere, and words long enough to be hyphenated."""
    filler = " ".join(_FILLER[: i % 9])
    return (f"Estonia will spend {10 + i} million euros on {filler} {COMPOUNDS[i % 4]} "
            f"computing infrastructure, the government said.")


def report(body: str, *, columns: int = 2) -> bytes:
    import weasyprint

    html = f"""<html lang="en"><head><title>Estonia compute report</title><style>
    @page {{ size: A5; margin: 1.5cm }}
    body {{ font-family: DejaVu Serif; font-size: 9.5pt; hyphens: auto }}
    .cols {{ column-count: {columns}; column-gap: 0.8cm }}
    </style></head><body><h1>Estonia compute report</h1><div class="cols">{body}</div>
    </body></html>"""
    return weasyprint.HTML(string=html).write_pdf()


def pdfium_characters(data: bytes) -> str:
    """Every character as PDFium gives it, for checking what a test's PDF holds."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    out = []
    document = pdfium.PdfDocument(data)
    for page in document:
        textpage = page.get_textpage()
        out.extend(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i))
                   for i in range(pdfium_c.FPDFText_CountChars(textpage.raw)))
    return "".join(out)


@pytest.fixture(scope="module")
def compound_report() -> bytes:
    return report("".join(f"<p>{compound_paragraph(i)}</p>" for i in range(36)))


def test_words_broken_at_line_ends_read_whole(compound_report):
    from briefing.ingest.formats.pdf import read_pdf

    raw = pdfium_characters(compound_report)
    # The layout did what the test needs: every compound broken at its hyphen somewhere
    # (PDFium's U+0002), and words hyphenated by WeasyPrint (U+2010).
    for compound in COMPOUNDS:
        assert compound.replace("-", "\x02") in raw
    assert raw.count("\u2010") >= 20
    text = read_pdf(compound_report).text
    for compound in COMPOUNDS:
        assert text.count(compound) == 9
    for word in ("infrastructure", "government", "computing"):
        assert text.count(word) == 36
    assert not NEVER_IN_TEXT.search(text)


def test_a_hyphen_at_a_line_end_is_kept_or_joined_by_the_document():
    """A hyphen the file drew at a line end (as TeX and Word hyphenate) with nothing else
    in the document to go by: kept in a compound of words, dropped before a word's ending
    the document uses elsewhere ("ment" of "investment"), kept before a capital or digit."""
    from briefing.ingest.formats.pdf import read_pdf

    body = ("<p>Estonia gave its cross-<br>regional grid 40 million euros, the govern-<br>ment "
            "said, as investment in public development grew.</p><p>The Asia-<br>Pacific fund and "
            "the COVID-<br>19 programme got 3 million euros, with ten state-<br>backed loans "
            "for \ufb01nancing.</p>")
    data = report(body, columns=1)
    assert pdfium_characters(data).count("\x02") == 5
    text = read_pdf(data).text
    for whole in ("cross-regional grid", "the government said", "Asia-Pacific fund",
                  "COVID-19 programme", "state-backed loans", "for financing"):
        assert whole in text
    assert not NEVER_IN_TEXT.search(text)


def test_facts_from_a_hyphenated_report_are_clean_and_verify(compound_report, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "estonia-compute.pdf").write_bytes(compound_report)
    r = CliRunner().invoke(app, ["facts", "--corpus", str(corpus), "--json"])
    assert r.exit_code == 0, r.output
    facts = json.loads(r.stdout)
    assert len(facts) >= 30
    for fact in facts:
        assert not NEVER_IN_TEXT.search(fact["text"]), fact["text"]
    said = " ".join(f["text"] for f in facts)
    for compound in COMPOUNDS:
        assert compound in said
    r = CliRunner().invoke(app, ["make", "-c", "EE", "--corpus", str(corpus), "--out",
                                 str(tmp_path / "out"), "--date", "2026-11-22", "--format",
                                 "both", "--audit"])
    assert r.exit_code == 0, r.output
    briefs = [Path(line) for line in r.stdout.split()]
    assert sorted(p.suffix for p in briefs) == [".md", ".pdf"]
    for brief in briefs:
        checked = CliRunner().invoke(app, ["verify", str(brief), "--corpus", str(corpus)])
        assert checked.exit_code == 0, checked.output
