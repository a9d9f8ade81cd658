"""Dates and publishers read from pages and reports as a new user's trial had them (issue
23): a publication's name before the date ("Tokyo Patent Digest — 12 March 2026"); a
report cover that stacks its publisher and its kind over the date ("Korea Institute for
Digital Policy — Policy Brief 2026-08" over "Published 27 August 2026"); a cover dated by a
month alone ("September 2026"), which dates no source (a date is a day) but is told in a
warning; and a report's publisher read from its title page, never from the software that
made the PDF ("WeasyPrint 70.0"). Headlines that hold a date stay headlines, in every month.

Reports are typeset by WeasyPrint at test time and read back by the real reader; pages carry
site furniture (menu, cookie banner, footer); every corpus is indexed by the real CLI. Every
text is written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli.app import app
from briefing.dates import cover_publisher, date_line, date_line_publisher, month_line
from briefing.ingest.formats import read_formatted

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
SHORT = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
         "Nov.", "Dec.")

# --------------------------------------------------------------------------- the lines

# A publication's name, a mark, the date: each month once, in the ways mastheads set it.
MASTHEADS = ("Tokyo Patent Digest — {d}", "Harbour Times | {d}", "Kansai Business Ledger · {d}",
             "Coral Sea Courier - {d}")


@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize("shape", MASTHEADS)
def test_a_publications_name_before_the_date_dates_the_page_and_names_it(month, shape):
    name = shape.split(" {")[0].rstrip(" —|·-")
    for written in (f"{month + 12} {MONTHS[month - 1]} 2026",
                    f"{SHORT[month - 1]} {month + 12}, 2026"):
        line = shape.format(d=written)
        assert date_line(line) == f"2026-{month:02}-{month + 12:02}", line
        assert date_line_publisher(line) == cover_publisher(line) == name, line


@pytest.mark.parametrize(("line", "day"), [
    ("Jane Doe | 12 October 2026", "2026-10-12"),   # a person's name: a byline's date
    ("Seoul — 3 November 2026", "2026-11-03"),      # a place
    ("News — 9 December 2026", "2026-12-09"),       # a section's head: no one's name
])
def test_a_short_name_before_the_date_is_no_publisher(line, day):
    assert (date_line(line), date_line_publisher(line)) == (day, None)


# Headlines that hold a date: never a date line, a month line or a cover line, whatever
# the month and however the date is written.
HEADLINES = (
    "Chipmakers Brace For New Export Rules — {d}",
    "Export Rules Take Effect on {d}",
    "{d}: The Day Chip Prices Fell",
    "Korea Sets {d} Deadline for Chip Subsidies",
    "{d} Budget Review",
    "Review of the AI Act — {d}",
    "Digest of New Chip Rules | {d}",
    "Patent Office Opens Fast Track — Applications From {d}",
)


@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize("shape", HEADLINES)
def test_a_headline_holding_a_date_is_no_date_line(month, shape):
    for written in (f"{month + 10} {MONTHS[month - 1]} 2026",
                    f"{MONTHS[month - 1]} {month + 10}, 2026", f"{MONTHS[month - 1]} 2026"):
        line = shape.format(d=written)
        assert (date_line(line), month_line(line), cover_publisher(line)) == (
            None, None, None), line


@pytest.mark.parametrize(("line", "month", "publisher"), [
    ("September 2026", "2026-09", None),
    ("Research report No. 14, Sept. 2026", "2026-09", None),
    ("Riga Policy Lab · Working paper 3 · October 2026", "2026-10", "Riga Policy Lab"),
    ("Published in November 2026 by the Andean Data Observatory", "2026-11",
     "Andean Data Observatory"),
    ("Policy Brief No. 12 | December 2026", "2026-12", None),
])
def test_a_line_dated_by_its_month_alone_gives_no_day(line, month, publisher):
    assert date_line(line) is None
    assert (month_line(line), cover_publisher(line)) == (month, publisher)


@pytest.mark.parametrize(("line", "alone", "publisher"), [
    ("Korea Institute for Digital Policy — Policy Brief 2026-08", False,
     "Korea Institute for Digital Policy"),
    ("Policy brief | Andean Data Observatory", False, "Andean Data Observatory"),
    ("© 2026 Riga Policy Lab", False, "Riga Policy Lab"),
    ("Copyright © 2025-2026 Nordic Institute for Compute Policy. All rights reserved.", False,
     "Nordic Institute for Compute Policy"),
    ("© AFP", False, None),  # a photo's credit: no year, no publisher
    ("Nordic Institute for Compute Policy", True, "Nordic Institute for Compute Policy"),
    ("Nordic Institute for Compute Policy", False, None),  # alone counts on a title page only
    ("Prepared for the Ministry of Digital Affairs", True, None),  # the client's name
    ("WeasyPrint 70.0", True, None),
])
def test_a_cover_line_that_names_the_publisher(line, alone, publisher):
    assert cover_publisher(line, alone=alone) == publisher


# --------------------------------------------------------------------------- pages

STORY = (
    "The Japan Patent Office will examine applications for artificial intelligence chips "
    "within six months under a fast track, officials said.",
    "Applicants from South Korea filed about a fifth of the 4,800 such applications the "
    "office received in 2025.",
)


def news_page(headline: str, line: str, head: str = "") -> str:
    """A saved news page: menu, cookie banner, the headline, a line under it, the story,
    a footer with its copyright. The <title> is the headline alone, so only the line under
    it can name the publisher."""
    story = "".join(f"<p>{p}</p>" for p in STORY)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{headline}'
            f"</title>{head}</head><body><header><nav><a href=\"/\">Home</a> <a href=\"/tech\">"
            "Technology</a> <a href=\"/law\">Law</a> <a href=\"/subscribe\">Subscribe</a></nav>"
            '<div class="cookie-banner"><p>We use cookies to understand how you use this site. '
            "</p><button>Accept all</button></div></header><main><article>"
            f'<h1>{headline}</h1><p class="dateline">{line}</p>{story}</article></main>'
            '<footer><p>© 2026 Tokyo Patent Digest. All rights reserved.</p><a href="/privacy">'
            "Privacy</a> <a href=\"/terms\">Terms</a></footer></body></html>")


def index(corpus: Path, files: dict[str, bytes | str]) -> tuple[dict[str, dict], list[dict],
                                                                 list[dict], str]:
    """`briefing sources --json` (sources by path, warnings), its table, and the facts."""
    corpus.mkdir(exist_ok=True)
    for name, content in files.items():
        if isinstance(content, bytes):
            (corpus / name).write_bytes(content)
        else:
            (corpus / name).write_text(content, encoding="utf-8")
    runner = CliRunner()
    listed = runner.invoke(app, ["sources", "--json", "--corpus", str(corpus)])
    assert listed.exit_code == 0, listed.output
    table = runner.invoke(app, ["sources", "--corpus", str(corpus)])
    assert table.exit_code == 0, table.output
    found = runner.invoke(app, ["facts", "--json", "--corpus", str(corpus)])
    assert found.exit_code == 0, found.output
    report = json.loads(listed.stdout)
    return ({s["path"]: s for s in report["sources"]}, report["warnings"],
            json.loads(found.stdout), table.stdout)


def quoted(found: list[dict], path: str) -> list[str]:
    return sorted(c["text"] for f in found for c in f["citations"]
                  if c["source"]["path"] == path)


@pytest.mark.parametrize("month", [3, 10, 11, 12])
def test_a_page_dated_under_its_headline_by_its_publication(tmp_path, month):
    # The headline holds a date of its own: it stays the title, and does not date the page.
    headline = f"Patent Fast Track for AI Chips Opens on 1 {MONTHS[month - 1]} 2026"
    line = f"Tokyo Patent Digest — {month + 14} {MONTHS[month - 1]} 2026"
    story = "\n\n".join(STORY)
    sources, warnings, found, _ = index(tmp_path / "corpus", {
        "digest.html": news_page(headline, line),
        "digest.txt": f"{headline}\n\n{line}\n\n{story}\n",
        "digest.md": f"# {headline}\n\n**Tokyo Patent Digest** | {line.split('— ')[1]}\n\n{story}\n",
    })
    for name in ("digest.html", "digest.txt", "digest.md"):
        s = sources[name]
        assert (s["title"], s["date"], s["publisher"]) == (
            headline, f"2026-{month:02}-{month + 14}", "Tokyo Patent Digest"), name
        assert quoted(found, name) == sorted(STORY), name  # neither line is a fact
    assert warnings == []


def test_a_page_dated_by_its_month_alone_is_undated_and_says_so(tmp_path):
    story = "\n\n".join(STORY)
    headline = "Patent Office Reports Record AI Chip Filings"
    sources, warnings, found, table = index(tmp_path / "corpus", {
        # the page's metadata gives a month: htmldate would make up a day for it
        "meta.html": news_page(headline, "By Aiko Mori",
                               '<meta property="article:published_time" content="2026-11">'),
        "monthly.txt": f"{headline}\n\nTokyo Patent Digest — December 2026\n\n{story}\n",
        "dated.html": news_page(headline, "By Aiko Mori",
                                '<meta property="article:published_time" '
                                'content="2026-10-14T09:30:00+09:00">'),
    })
    assert (sources["meta.html"]["date"], sources["monthly.txt"]["date"]) == (None, None)
    assert sources["monthly.txt"]["publisher"] == "Tokyo Patent Digest"
    assert sources["dated.html"]["date"] == "2026-10-14"  # a day the page states is kept
    notes = {w["path"]: w["reason"] for w in warnings}
    assert set(notes) == {"meta.html", "monthly.txt"}
    assert notes["meta.html"].startswith("only a month dates it (November 2026): left undated")
    assert notes["monthly.txt"].startswith("only a month dates it (December 2026): left undated")
    assert "`briefing correct source monthly.txt --date DAY`" in notes["monthly.txt"]
    assert f"monthly.txt: {notes['monthly.txt']}" in " ".join(table.split())
    assert quoted(found, "monthly.txt") == sorted(STORY)


# --------------------------------------------------------------------------- reports

STYLE = """@page { size: A5; margin: 18mm 15mm }
body { font-family: "DejaVu Serif"; font-size: 10pt; line-height: 14pt }
h1 { font-size: 18pt; line-height: 22pt; margin: 0 0 6pt 0 }
h2 { font-size: 12pt; margin: 10pt 0 4pt 0 }
.cover { font-size: 9pt; margin: 0 0 8pt 0 }
p { margin: 0 0 6pt 0 }"""

FINDINGS = (
    "Korea will spend 2 trillion won on public computing for its universities by 2028.",
    "Japan has offered 900 graphics processors to research groups at cost.",
)


def report(title: str, cover: str) -> bytes:
    """A one-page report: its title, the cover's lines (HTML), then two sections. No
    author in its metadata: WeasyPrint names itself the Producer."""
    import weasyprint

    first, second = FINDINGS
    html = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}'
            f"</title><style>{STYLE}</style></head><body><h1>{title}</h1>{cover}"
            f"<h2>Overview</h2><p>{first}</p><h2>Outlook</h2><p>{second}</p></body></html>")
    return weasyprint.HTML(string=html).write_pdf()


def cover(*lines: str, stacked: bool = False) -> str:
    """The cover's lines, each a paragraph, or `stacked` in one paragraph with line breaks."""
    if stacked:
        return f'<p class="cover">{"<br>".join(lines)}</p>'
    return "".join(f'<p class="cover">{line}</p>' for line in lines)


KIDP = "Korea Institute for Digital Policy — Policy Brief 2026-08"
REPORTS = {
    # name: (title, cover, date, publisher)
    "stacked.pdf": ("Sovereign Compute in East Asia",
                    cover(KIDP, "Published 27 August 2026", stacked=True),
                    "2026-08-27", "Korea Institute for Digital Policy"),
    "apart.pdf": ("Sovereign Compute in East Asia", cover(KIDP, "Published 27 August 2026"),
                  "2026-08-27", "Korea Institute for Digital Policy"),
    "copyright.pdf": ("Data Centres and the Baltic Grid",
                      cover("Working paper 4 · 2 November 2026", "© 2026 Riga Policy Lab"),
                      "2026-11-02", "Riga Policy Lab"),
    "by.pdf": ("Public Clouds in the Andes",
               cover("Published 3 December 2026 by the Andean Data Observatory"),
               "2026-12-03", "Andean Data Observatory"),
    # The client's name first, then the publisher's alone; the title holds a date.
    "alone.pdf": ("What Changed for Chip Exports on 1 October 2026",
                  cover("Prepared for the Ministry of Digital Affairs",
                        "Nordic Institute for Compute Policy", "14 October 2026"),
                  "2026-10-14", "Nordic Institute for Compute Policy"),
    # The title sounds like a publication: it is the report's name, not its publisher's.
    "review.pdf": ("Nordic Compute Review", cover("Working paper 3 · 9 January 2026"),
                   "2026-01-09", None),
    # A month alone: undated.
    "month.pdf": ("Data Centres and the Baltic Grid",
                  cover("Riga Policy Lab", "September 2026", stacked=True), None,
                  "Riga Policy Lab"),
}


@pytest.fixture(scope="module")
def reports() -> dict[str, bytes]:
    return {name: report(title, lines) for name, (title, lines, _, _) in REPORTS.items()}


def test_the_reports_are_made_by_weasyprint_and_name_no_author(reports):
    import pypdfium2 as pdfium

    for data in reports.values():
        document = pdfium.PdfDocument(data)
        try:
            info = document.get_metadata_dict()
        finally:
            document.close()
        assert info.get("Producer", "").startswith("WeasyPrint") and not info.get("Author")


def test_a_report_cover_gives_its_date_and_publisher(tmp_path, reports):
    for name, (title, _, day, publisher) in REPORTS.items():
        reading = read_formatted(name, reports[name])
        assert (reading.title, reading.date, reading.publisher) == (title, day, publisher), name
        assert "WeasyPrint" not in (reading.publisher or "")
    sources, warnings, found, table = index(tmp_path / "corpus", dict(reports))
    for name, (title, _, day, publisher) in REPORTS.items():
        s = sources[name]
        assert (s["title"], s["date"], s["publisher"]) == (title, day, publisher), name
        assert quoted(found, name) == sorted(FINDINGS), name  # no cover line is a fact
    (note,) = warnings
    assert note["path"] == "month.pdf"
    assert note["reason"].startswith("only a month dates it (September 2026): left undated")
    assert f"month.pdf: {note['reason']}" in " ".join(table.split())


def test_a_month_cover_warns_on_each_command_and_a_correction_sets_the_day(tmp_path, reports):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "month.pdf").write_bytes(reports["month.pdf"])
    runner = CliRunner()
    r = runner.invoke(app, ["facts", "--corpus", str(corpus)])
    assert r.exit_code == 0, r.output
    assert r.stderr.startswith("warning: month.pdf: only a month dates it (September 2026)")
    # The way the warning gives: the user sets the day, and the source has it.
    fixed = runner.invoke(app, ["correct", "source", "month.pdf", "--date", "2026-09-15",
                                "--corpus", str(corpus)])
    assert fixed.exit_code == 0, fixed.output
    listed = runner.invoke(app, ["sources", "--json", "--corpus", str(corpus)])
    assert json.loads(listed.stdout)["sources"][0]["date"] == "2026-09-15"


def test_a_paragraphs_printed_line_that_is_a_date_does_not_date_the_report(tmp_path):
    """A cover box's printed lines are read one by one, a paragraph's never: its line
    "12 March 2026." is the end of a sentence, not the report's date."""
    import weasyprint

    sentence = ("Korea said its new export rules for advanced chips take effect on<br>"
                "12 March 2026.")
    html = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Chip Export '
            f"Rules</title><style>{STYLE}</style></head><body><h1>Chip Export Rules</h1>"
            f"<p>{sentence}</p><p>{FINDINGS[1]}</p></body></html>")
    reading = read_formatted("wrap.pdf", weasyprint.HTML(string=html).write_pdf())
    assert reading.text.startswith("Korea said its new export rules for advanced chips take "
                                   "effect on 12 March 2026.")  # the shape: one sentence
    assert (reading.date, reading.publisher) == (None, None)
