"""Report covers and page heads that date a document and say who published it, as think
tanks and newsrooms write them: "Published <date> by <publisher>", "<kind of paper>, <date>.
<organisation>.", "Updated <date>", "First published <date>". Such a line is the source's
date and publisher, never a fact; a sentence of the story that holds a date stays a fact.
And a page's <title> names its site after the headline even when the headline holds a dot
("$1.3 billion") or the <h1> words it a little differently.

Reports are typeset by WeasyPrint at test time and read back by the real reader, pages and
text files are indexed by the real CLI; every text is written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli.app import app
from briefing.dates import date_line, date_line_publisher
from briefing.ingest.formats import read_formatted

# --------------------------------------------------------------------------- the line itself


@pytest.mark.parametrize(("line", "day", "publisher"), [
    ("Published October 14, 2026 by the Pacific Policy Institute", "2026-10-14",
     "Pacific Policy Institute"),
    ("Briefing paper, January 28, 2026. Centre for Caspian Studies.", "2026-01-28",
     "Centre for Caspian Studies"),
    ("Policy brief | 3 March 2026 | Andean Data Observatory", "2026-03-03",
     "Andean Data Observatory"),
    ("Discussion paper, 9 April 2026, Council on Northern Affairs", "2026-04-09",
     "Council on Northern Affairs"),
    ("Issue brief: 2026-05-11", "2026-05-11", None),
    ("Working paper No. 7, 12 May 2026", "2026-05-12", None),
    ("Technical report, 1 July 2026. OECD.", "2026-07-01", "OECD"),
    ("Occasional paper, 30 June 2026", "2026-06-30", None),
    ("Research note — 5 May 2026 — Institute for Island Economies", "2026-05-05",
     "Institute for Island Economies"),
    ("Report, 4 June 2026.", "2026-06-04", None),
    ("Updated 2 February 2026", "2026-02-02", None),
    ("First published 9 April 2026", "2026-04-09", None),
    ("Released on 18 August 2026 by The Harbour Times", "2026-08-18", "The Harbour Times"),
    # A person or a place is no publisher; the line still only dates the paper.
    ("Published October 14, 2026 by Ana Ruiz and Tomas Berg", "2026-10-14", None),
    ("Briefing paper, January 28, 2026. Warsaw.", "2026-01-28", None),
])
def test_a_cover_line_gives_the_day_and_the_publisher(line, day, publisher):
    assert (date_line(line), date_line_publisher(line)) == (day, publisher)


@pytest.mark.parametrize("line", [
    # Sentences of a story that hold a date: never a date line.
    "The law was published on October 14, 2026 by the ministry and takes effect in 2027.",
    "Published October 14, 2026 by the ministry, the rules take effect in 2027.",
    "The institute published its report on 3 March 2026.",
    "Reporting, 4 June 2026",  # not a kind of paper, only a word that starts like one
    "January 28, 2026 Was The Day The Grid Failed In Three Provinces Of The Country",
    "12 May 2026, Warsaw",  # a place after a bare date: a dateline's start, not a date line
    "Briefing paper, January 2026",  # no day
])
def test_a_sentence_holding_a_date_is_no_cover_line(line):
    assert date_line(line) is None
    assert date_line_publisher(line) is None


# --------------------------------------------------------------------------- reports

STYLE = """@page { size: A5; margin: 18mm 15mm }
body { font-family: "DejaVu Serif"; font-size: 10pt; line-height: 14pt }
h1 { font-size: 18pt; line-height: 22pt; margin: 0 0 6pt 0 }
h2 { font-size: 12pt; margin: 10pt 0 4pt 0 }
.cover { font-size: 9pt; margin: 0 0 12pt 0 }
p { margin: 0 0 6pt 0 }"""

# The story's sentences, each a fact of its own. The second holds a date and "published
# ... by": it is the negative a cover line's rule must leave alone.
ICELAND = "Iceland will spend 4 billion kronur on a public computing centre for its universities."
LAW = ("The law was published on October 14, 2026 by the ministry and takes effect in "
       "2027.")
NORWAY = "Norway has offered 900 graphics processors to Nordic research groups at cost."
STORY = (ICELAND, LAW, NORWAY)


def report(title: str, cover: str, sentences: tuple[str, ...] = STORY) -> bytes:
    """A one-page report: its title, the cover line under it, then two sections."""
    import weasyprint

    first, *rest = sentences
    body = (f"<h1>{title}</h1><p class=\"cover\">{cover}</p><h2>Overview</h2><p>{first}</p>"
            f"<h2>Outlook</h2>{''.join(f'<p>{s}</p>' for s in rest)}")
    html = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}'
            f"</title><style>{STYLE}</style></head><body>{body}</body></html>")
    return weasyprint.HTML(string=html).write_pdf()


def page_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return " ".join(document[0].get_textpage().get_text_range().split())
    finally:
        document.close()


def index(corpus: Path, files: dict[str, bytes | str]) -> tuple[dict[str, dict], list[dict]]:
    """The corpus's sources by path (`briefing sources --json`) and its facts."""
    corpus.mkdir(exist_ok=True)
    for name, content in files.items():
        target = corpus / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    runner = CliRunner()
    listed = runner.invoke(app, ["sources", "--json", "--corpus", str(corpus)])
    assert listed.exit_code == 0, listed.output
    found = runner.invoke(app, ["facts", "--json", "--corpus", str(corpus)])
    assert found.exit_code == 0, found.output
    sources = {s["path"]: s for s in json.loads(listed.stdout)["sources"]}
    return sources, json.loads(found.stdout)


def said(found: list[dict], path: str) -> list[str]:
    """What the facts quote from one file (a sentence several files state is one fact with a
    citation of each)."""
    return [c["text"] for f in found for c in f["citations"] if c["source"]["path"] == path]


COVERS = {
    "nordic-monitor.pdf": ("Nordic Compute Monitor 2026",
                           "Published October 14, 2026 by the Pacific Policy Institute",
                           "2026-10-14", "Pacific Policy Institute"),
    "caspian.pdf": ("Digital Sovereignty around the Caspian",
                    "Briefing paper, January 28, 2026. Centre for Caspian Studies.",
                    "2026-01-28", "Centre for Caspian Studies"),
    "andes.pdf": ("Public Clouds in the Andes",
                  "Policy brief | 3 March 2026 | Andean Data Observatory",
                  "2026-03-03", "Andean Data Observatory"),
    "arctic.pdf": ("Arctic Data Centres and the Grid", "Working paper No. 7, 12 May 2026",
                   "2026-05-12", None),
    "fjords.pdf": ("Fjord Power for Machine Learning",
                   "Published October 2, 2026 by Ana Ruiz", "2026-10-02", None),
    "update.pdf": ("Small States and Sovereign Models", "First published 9 April 2026",
                   "2026-04-09", None),
}


@pytest.fixture(scope="module")
def reports() -> dict[str, bytes]:
    return {name: report(title, cover) for name, (title, cover, _, _) in COVERS.items()}


def test_a_report_cover_dates_the_report_and_names_its_publisher(tmp_path, reports):
    for name, (title, cover, _, _) in COVERS.items():
        # The shape: the cover line is printed under the title, the story after it.
        assert page_text(reports[name]).startswith(f"{title} {cover} Overview {ICELAND}")
    sources, found = index(tmp_path / "corpus", dict(reports))
    for name, (title, _, day, publisher) in COVERS.items():
        s = sources[name]
        assert (s["title"], s["date"], s["publisher"]) == (title, day, publisher), name
        quoted = said(found, name)
        assert sorted(quoted) == sorted(STORY), (name, quoted)  # the cover line is none


def test_the_reader_alone_takes_the_cover_line(reports):
    reading = read_formatted("caspian.pdf", reports["caspian.pdf"])
    assert (reading.date, reading.publisher) == ("2026-01-28", "Centre for Caspian Studies")
    assert reading.text.startswith("Briefing paper, January 28, 2026.")  # the text is as printed


def test_the_author_a_report_records_comes_before_its_cover_line(tmp_path):
    import weasyprint

    html = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="author" content="Riga Policy Lab"><title>Baltic Clouds</title>'
            f"<style>{STYLE}</style></head><body><h1>Baltic Clouds</h1><p class=\"cover\">"
            "Published October 14, 2026 by the Pacific Policy Institute</p>"
            f"<h2>Overview</h2><p>{ICELAND}</p><p>{NORWAY}</p></body></html>")
    sources, found = index(tmp_path / "corpus",
                           {"baltic.pdf": weasyprint.HTML(string=html).write_pdf()})
    s = sources["baltic.pdf"]
    assert (s["date"], s["publisher"]) == ("2026-10-14", "Riga Policy Lab")
    assert [f["text"] for f in found] == [ICELAND, NORWAY]


# --------------------------------------------------------------------------- pages and texts

HEADLINE = "Tasmania opens $1.3 billion AI precinct as Canberra weighs national rules"
PARAGRAPHS = (
    "The Tasmanian government has opened a $1.3 billion artificial intelligence precinct in "
    "Hobart, the largest state-funded technology project on the island.",
    "Officials said the precinct would host a public supercomputer with 2,500 processors by "
    "2028 and train 600 engineers a year.",
    LAW,
)


BYLINE = '<div class="byline">By Liam Walsh · September 3, 2026</div>'


def page(title: str, head_extra: str = "", top: str = BYLINE) -> str:
    """A news page: the headline in its <h1>, a byline (or another line) under it, the story."""
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
            f"{head_extra}</head><body><main><article><h1>{HEADLINE}</h1>{top}"
            f"{paragraphs}</article></main></body></html>")


PAGES = {
    # The headline holds a dot: trafilatura took it for the site's domain.
    "dash.html": (page(f"{HEADLINE} - Southern Cross Times"), "Southern Cross Times"),
    # The <title> words the headline a little differently from the <h1>.
    "guillemet.html": (page("Tasmania opens $1.3bn AI precinct as Canberra weighs rules » "
                            "Coral Sea Courier"), "Coral Sea Courier"),
    "colons.html": (page(f"{HEADLINE} :: Bass Strait Herald"), "Bass Strait Herald"),
    "first.html": (page(f"Hobart Evening Post | {HEADLINE}"), "Hobart Evening Post"),
    # A page's own site name wins over its <title>.
    "named.html": (page(f"{HEADLINE} - Southern Cross Times",
                        '<meta property="og:site_name" content="Island Digital">'),
                   "Island Digital"),
    # The <title> is the headline alone: the cover line under the <h1> names the publisher.
    "cover.html": (page(HEADLINE, top="<p>Research note, 5 May 2026. Institute for Island "
                                      "Economies.</p>"),
                   "Institute for Island Economies"),
}


def test_a_pages_publisher_is_the_name_its_title_adds_to_the_headline(tmp_path):
    sources, found = index(tmp_path / "corpus", {n: text for n, (text, _) in PAGES.items()})
    for name, (_, publisher) in PAGES.items():
        s = sources[name]
        assert (s["title"], s["publisher"]) == (HEADLINE, publisher), name
        quoted = said(found, name)
        assert sorted(quoted) == sorted(PARAGRAPHS), (name, quoted)
    assert sources["dash.html"]["date"] == "2026-09-03"  # the byline's date
    assert sources["cover.html"]["date"] == "2026-05-05"  # the cover line's


def test_a_text_files_cover_line_and_its_front_matter(tmp_path):
    cover = "Briefing paper, January 28, 2026. Centre for Caspian Studies."
    story = "\n\n".join(STORY)
    sources, found = index(tmp_path / "corpus", {
        "plain.txt": f"Digital Sovereignty around the Caspian\n\n{cover}\n\n{story}\n",
        "fronted.md": (f"---\npublisher: Caspian Wire\n---\n\n# Digital Sovereignty around the "
                       f"Caspian\n\n{cover}\n\n{story}\n"),
    })
    assert (sources["plain.txt"]["date"], sources["plain.txt"]["publisher"]) == (
        "2026-01-28", "Centre for Caspian Studies")
    # The file's own front matter names the publisher better than its cover line does.
    assert (sources["fronted.md"]["date"], sources["fronted.md"]["publisher"]) == (
        "2026-01-28", "Caspian Wire")
    for name in ("plain.txt", "fronted.md"):
        assert sorted(said(found, name)) == sorted(STORY), name


def test_a_cover_line_below_the_story_start_is_not_read_as_the_date(tmp_path):
    """Only the top of a document is its metadata: the same line after the story's first
    paragraph dates nothing."""
    lede = " ".join(STORY[:2]) + " Officials said the first machines would arrive next year."
    text = (f"Digital Sovereignty around the Caspian\n\n{lede}\n\n"
            "Briefing paper, January 28, 2026. Centre for Caspian Studies.\n\n"
            f"{NORWAY}\n")
    sources, _ = index(tmp_path / "corpus", {"late.txt": text})
    assert (sources["late.txt"]["date"], sources["late.txt"]["publisher"]) == (None, None)
