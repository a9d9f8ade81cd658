"""Reports as WeasyPrint typesets them, read back by the real reader and `briefing facts`:
running headers over a two-page report, sentences cut by a page or a column break, a title
page with its subtitle, an inline SVG chart, figure and table captions, table cells and
source lines. Every report is written for these tests. Each test first checks that the PDF
has the shape it is about (where a break fell, what the header says), so that a change of
fonts or of WeasyPrint cannot make it pass without testing anything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli.app import app
from briefing.ingest.formats import read_formatted
from briefing.ingest.formats.pdf_roles import is_caption_line

STYLE = """body { font-family: "DejaVu Serif"; font-size: 10pt; line-height: 14pt }
h1 { font-size: 20pt; line-height: 24pt; margin: 0 0 4pt 0 }
.subtitle { font-size: 12pt; margin: 0 0 4pt 0 }
.meta { font-size: 8pt; margin: 0 0 10pt 0 }
p { margin: 0 0 6pt 0; orphans: 1; widows: 1; text-align: justify }
"""


def report(title: str, body: str, css: str, author: str | None = None) -> bytes:
    import weasyprint

    meta = f'<meta name="author" content="{author}">' if author else ""
    html = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'{meta}<meta name="dcterms.created" content="2026-03-02">'
            f"<style>{STYLE}{css}</style></head><body>{body}</body></html>")
    return weasyprint.HTML(string=html).write_pdf()


def where(data: bytes, text: str, page: int = 0) -> tuple[float, float] | None:
    """Where `text` first starts on a page, as (x, top) in points from the top left."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        textpage = document[page].get_textpage()
        hit = textpage.search(text, match_case=True).get_next()
        if hit is None:
            return None
        left, _, _, top = textpage.get_charbox(hit[0])
        return left, document[page].get_height() - top
    finally:
        document.close()


def page_text(data: bytes, page: int) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return " ".join(document[page].get_textpage().get_text_range().split())
    finally:
        document.close()


def facts(tmp_path, name: str, data: bytes) -> list[dict]:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / name).write_bytes(data)
    r = CliRunner().invoke(app, ["facts", "--json", "--corpus", str(corpus)])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def said(found: list[dict]) -> list[tuple[str, int]]:
    return [(f["text"], f["page"]) for f in found]


# --------------------------------------------------------------------------- a page break

BALTIC = "Baltic Compute Review 2026"
# Forced line ends, so that the page break falls right after the first word of a sentence
# ("… for them. Lithuania" | "signed contracts …"), as it fell after "The" in the trial.
BALTIC_BODY = f"""<h1>{BALTIC}</h1>
<p class="subtitle">Public computing power in three small economies</p>
<p class="meta">Riga Policy Lab · Working paper 3 · March 2026</p>
<p>Estonia opened a shared supercomputer for its universities in 2025.<br>
Latvia pays for cloud credits used by public researchers instead of<br>
buying its own machines for them. Lithuania<br>
signed contracts for about 2,400 processors by June 2026.</p>
<p>Finland lends spare capacity to its neighbours at cost.</p>"""
BALTIC_FACTS = [
    ("Estonia opened a shared supercomputer for its universities in 2025.", 1),
    ("Latvia pays for cloud credits used by public researchers instead of buying its own "
     "machines for them.", 1),
    ("Lithuania signed contracts for about 2,400 processors by June 2026.", 1),
    ("Finland lends spare capacity to its neighbours at cost.", 2),
]


def baltic_report(header: str, size: str, author: str | None = "Riga Policy Lab") -> bytes:
    """Two pages; page 1 is the title page, without the running header and footer."""
    css = f"""@page {{ size: 180mm 84mm; margin: 20mm 15mm;
      @top-left {{ content: "{header}"; font-size: {size} }}
      @top-right {{ content: "Riga Policy Lab"; font-size: {size} }}
      @bottom-center {{ content: "Page " counter(page) " of " counter(pages); font-size: 8pt }} }}
    @page :first {{ @top-left {{ content: none }} @top-right {{ content: none }} }}"""
    return report(BALTIC, BALTIC_BODY, css, author)


@pytest.mark.parametrize(("header", "size"), [
    (BALTIC, "8pt"),                          # the title again, in small type
    ("Working paper on public compute", "8pt"),  # other words, in small type
    ("Working paper on public compute", "10pt"),  # in the body's own size: in the margin
    (BALTIC, "10pt"),
])
def test_a_running_header_never_cuts_into_a_paragraph_across_a_page_break(
        tmp_path, header, size):
    data = baltic_report(header, size)
    # The shape: page 1 ends on a sentence's first word, page 2 opens with the rest under
    # its running header; page 1 has none.
    assert page_text(data, 0).endswith("for them. Lithuania Page 1 of 2")
    assert page_text(data, 1).startswith("signed contracts for about 2,400 processors by "
                                         "June 2026. Finland lends")
    assert where(data, header, 1) is not None and where(data, "Working paper on", 0) is None
    reading = read_formatted("baltic.pdf", data)
    paragraph = ("Estonia opened a shared supercomputer for its universities in 2025. Latvia "
                 "pays for cloud credits used by public researchers instead of buying its own "
                 "machines for them. Lithuania signed contracts for about 2,400 processors by "
                 "June 2026.")
    assert reading.text == f"{paragraph}\n\nFinland lends spare capacity to its neighbours at cost.\n"
    assert reading.pages == (0, reading.text.index("signed contracts"))
    assert (reading.title, reading.publisher, reading.date) == (
        BALTIC, "Riga Policy Lab", "2026-03-02")
    found = facts(tmp_path, "baltic.pdf", data)
    assert said(found) == BALTIC_FACTS
    assert {f["source"]["publisher"] for f in found} == {"Riga Policy Lab"}


@pytest.mark.parametrize(("author", "publisher"), [
    ("Riga Policy Lab", "Riga Policy Lab"),
    ("Baltic Data Council", "Baltic Data Council"),  # the file's author before its cover
    # No author: the cover line "Riga Policy Lab · Working paper 3 · March 2026" names it.
    (None, "Riga Policy Lab"),
    ("Microsoft Office User", "Riga Policy Lab"),  # what an office suite writes: no name
])
def test_a_report_is_published_by_its_author(tmp_path, author, publisher):
    data = baltic_report(BALTIC, "8pt", author)
    assert read_formatted("baltic.pdf", data).publisher == publisher
    found = facts(tmp_path, "baltic.pdf", data)
    assert {f["source"]["publisher"] for f in found} == {publisher}


# --------------------------------------------------------------------------- column breaks

NORDIC = "Nordic Grid and Compute Note"
# Column 1 holds three lines, so the sentence goes on in column 2 with a number.
GRID_BODY = f"""<h1>{NORDIC}</h1>
<div class="cols">
<p>Norway's grid operator expects<br>new data centres in the north<br>to draw about<br>9% of national
electricity by 2030.</p>
<p>Sweden approved four server halls.</p>
</div>
<p>Denmark will publish its own forecast in the autumn of 2026.</p>"""
COLUMNS = """@page { size: 200mm 120mm; margin: 15mm; }
.cols { columns: 2; column-gap: 10mm; column-fill: auto; height: 48pt; margin-bottom: 8pt }"""


def test_a_sentence_cut_by_a_column_break_before_a_number_is_one_fact(tmp_path):
    data = report(NORDIC, GRID_BODY, COLUMNS, "Nordic Energy Forum")
    about, number = where(data, "about"), where(data, "9% of")
    first = where(data, "Norway's")
    assert about and number and first
    assert number[0] > about[0] + 150 and abs(number[1] - first[1]) < 2  # top of column 2
    assert said(facts(tmp_path, "grid.pdf", data)) == [
        ("Norway's grid operator expects new data centres in the north to draw about 9% of "
         "national electricity by 2030.", 1),
        ("Sweden approved four server halls.", 1),
        ("Denmark will publish its own forecast in the autumn of 2026.", 1),
    ]


HANSA = "Hanseatic Research Network Note"
MEMBERS = ("Aalborg, Bergen, Cork, Delft, Espoo, Freiburg, Gdansk, Haarlem, Innsbruck, Jena, "
           "Kaunas, Lund, Malmo, Narvik, Oulu, Porto, Rouen, Salzburg, Tampere, Uppsala, Vaasa, "
           "Wroclaw and Zwolle")
HANSA_BODY = f"""<h1>{HANSA}</h1>
<div class="cols"><p>The network was founded in 2019 by city universities around the Baltic
and North seas, and its members now include {MEMBERS}.</p></div>
<p>Germany pays a third of the network's budget.</p>"""


def test_a_sentence_cut_by_a_column_break_before_a_capital_is_one_fact(tmp_path):
    """A justified line that fills its column and ends no sentence goes on in the next
    column whatever word follows; the line under both columns comes after them."""
    css = COLUMNS.replace("height: 48pt", "height: 56pt") + "p { hyphens: manual }"
    data = report(HANSA, HANSA_BODY, css)
    last, going_on = where(data, "Espoo,"), where(data, "Freiburg,")
    first, under = where(data, "The network"), where(data, "Germany pays")
    assert last and going_on and first and under
    assert going_on[0] > last[0] + 50 and abs(going_on[1] - first[1]) < 2  # column 2 opens
    assert under[1] > last[1] + 10  # the line under both columns
    assert said(facts(tmp_path, "hansa.pdf", data)) == [
        ("The network was founded in 2019 by city universities around the Baltic and North "
         f"seas, and its members now include {MEMBERS}.", 1),
        ("Germany pays a third of the network's budget.", 1),
    ]


# --------------------------------------------------------------------------- apparatus


def bar_chart(title: str, rows: list[tuple[str, float]], axis: str) -> str:
    """An inline SVG bar chart: a title, a label and a value for each bar, an axis title."""
    top = max(v for _, v in rows)
    height = 26 + 20 * len(rows) + 16
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="260" height="{height}">',
             f'<text x="0" y="12" font-size="9" font-weight="bold">{title}</text>']
    for n, (label, value) in enumerate(rows):
        y = 24 + 20 * n
        width = 140 * value / top
        parts += [f'<text x="0" y="{y + 11}" font-size="8">{label}</text>',
                  f'<rect x="70" y="{y}" width="{width:.1f}" height="13" fill="#357"/>',
                  f'<text x="{74 + width:.1f}" y="{y + 10}" font-size="8">{value:g}</text>']
    parts.append(f'<text x="70" y="{height - 2}" font-size="8">{axis}</text></svg>')
    return "".join(parts)


SURVEY = "Nordic Compute Survey 2026"
CHART = [("Sweden", 520), ("Norway", 410), ("Finland", 350), ("Denmark", 300), ("Iceland", 190)]
PRICES = [("Iceland", "4.1", "-2"), ("Norway", "5.6", "+8"), ("Sweden", "6.3", "+5"),
          ("Denmark", "9.8", "+11")]
SURVEY_CSS = f"""@page {{ size: A4; margin: 22mm 18mm;
  @top-left {{ content: "{SURVEY}"; font-size: 8pt }}
  @top-right {{ content: "Nordic Energy Forum"; font-size: 8pt }}
  @bottom-center {{ content: "Page " counter(page) " of " counter(pages); font-size: 8pt }} }}
@page :first {{ @top-left {{ content: none }} @top-right {{ content: none }} }}
body {{ font-size: 10.5pt; line-height: 1.35 }}
h1 {{ font-size: 22pt; line-height: 1.2; margin: 0 0 2mm 0 }}
h2 {{ font-size: 13pt; margin: 4mm 0 2mm 0 }}
.subtitle {{ font-size: 12pt; margin: 0 }} .meta {{ font-size: 9pt; margin: 1mm 0 8mm 0 }}
.cols {{ columns: 2; column-gap: 8mm }} .next {{ break-before: page }}
p {{ hyphens: auto; margin: 0 0 2.5mm 0 }}
figure {{ margin: 3mm 0; break-inside: avoid }}
figcaption {{ font-size: 8.5pt; font-style: italic }}
table {{ border-collapse: collapse; width: 100%; margin: 3mm 0 }}
td, th {{ padding: 1mm; text-align: left; border-bottom: 0.3pt solid #999 }}
.small {{ font-size: 8.5pt; font-style: italic }}"""
# The table is set in the body's own size: its cells are told from prose by their rows.
SURVEY_BODY = f"""<h1>{SURVEY}</h1>
<p class="subtitle">Server halls, power prices and public research machines in the north</p>
<p class="meta">Nordic Energy Forum · Survey 7 · April 2026</p>
<div class="cols">
<h2>Capacity</h2>
<p>Norway hosted about 410 megawatts of data centre capacity at the end of 2025, most of it near
hydropower plants in the west.</p>
<p>Sweden added three large server halls in the north in 2025 and now hosts about 520 megawatts
in total.</p>
<figure>{bar_chart("Data centre capacity, end of 2025", CHART, "Megawatts")}
<figcaption>Figure 1. Capacity by country at the end of 2025. Source: Nordic Energy Forum
estimates from operator filings.</figcaption></figure>
<p>Figure 1 shows that Sweden has the most capacity of the five countries.</p>
<p>Finland plans to connect 1.2 gigawatts of new server halls to its grid by 2028, according to
its grid operator.</p>
<h2>Prices</h2>
<p>Industrial electricity in Iceland cost about 4 euro cents per kilowatt-hour in 2025, the
lowest price in the survey.</p>
<table><tr><th>Country</th><th>Price</th><th>Change</th></tr>
{"".join(f"<tr><td>{c}</td><td>{p}</td><td>{d}</td></tr>" for c, p, d in PRICES)}</table>
<p class="small">Table 1. Industrial electricity prices in euro cents per kilowatt-hour,
2025.</p>
<p class="small">Source: national energy regulators.</p>
<p>Denmark charges data centres the full network tariff, which adds about 2 euro cents per
kilowatt-hour to their bills.</p>
</div>
<div class="cols next">
<h2>Research machines</h2>
<p>Finland's national supercomputer LUMI gives a fifth of its time to researchers from smaller
partner countries.</p>
<p>Iceland joined the European high-performance computing programme in 2024.</p>
<p class="small">Note: figures for Iceland are rounded to the nearest ten megawatts.</p>
</div>"""
SURVEY_FACTS = [
    ("Norway hosted about 410 megawatts of data centre capacity at the end of 2025, most of it "
     "near hydropower plants in the west.", 1),
    ("Sweden added three large server halls in the north in 2025 and now hosts about 520 "
     "megawatts in total.", 1),
    ("Figure 1 shows that Sweden has the most capacity of the five countries.", 1),
    ("Finland plans to connect 1.2 gigawatts of new server halls to its grid by 2028, according "
     "to its grid operator.", 1),
    ("Industrial electricity in Iceland cost about 4 euro cents per kilowatt-hour in 2025, the "
     "lowest price in the survey.", 1),
    ("Denmark charges data centres the full network tariff, which adds about 2 euro cents per "
     "kilowatt-hour to their bills.", 1),
    ("Finland's national supercomputer LUMI gives a fifth of its time to researchers from "
     "smaller partner countries.", 2),
    ("Iceland joined the European high-performance computing programme in 2024.", 2),
]
#: Printed in the report, never a fact nor part of one.
NOT_FACTS = (
    "Server halls, power prices and public research machines in the north",
    "Nordic Energy Forum · Survey 7",
    "Data centre capacity, end of 2025",
    "Megawatts",
    "Capacity by country at the end of 2025",
    "Figure 1.",
    "Source:",
    "operator filings",
    "Industrial electricity prices in euro cents",
    "Table 1.",
    "national energy regulators",
    "rounded to the nearest ten megawatts",
    "Page 1 of 2",
    "Country Price Change",
)
#: Cells and bar labels: no fact is one of them alone.
LABELS = (*{c for c, _ in CHART}, *(str(v) for _, v in CHART),
          *(cell for row in PRICES for cell in row), "Country", "Price", "Change")


@pytest.fixture(scope="module")
def survey() -> bytes:
    return report(SURVEY, SURVEY_BODY, SURVEY_CSS, "Nordic Energy Forum")


def test_the_report_prints_its_apparatus(survey):
    """The shape: the title block, chart, captions, cells and notes are all in the file, the
    chart and the table on page 1; the title once on each page (page 2's running header)."""
    first, second = page_text(survey, 0), page_text(survey, 1)
    for text in (*NOT_FACTS[:-3], *LABELS):
        assert text in first, text
    assert "rounded to the nearest ten megawatts" in second and "Page 2 of 2" in second
    assert first.count(SURVEY) == 1 and second.count(SURVEY) == 1
    assert where(survey, SURVEY, 1)[1] < where(survey, "Research machines", 1)[1]


def test_titles_captions_labels_and_notes_are_never_facts(tmp_path, survey):
    found = facts(tmp_path, "survey.pdf", survey)
    assert said(found) == SURVEY_FACTS
    for fact in found:
        for text in NOT_FACTS:
            assert text not in fact["text"], (text, fact["text"])
        assert fact["text"] not in LABELS
    assert {(f["source"]["title"], f["source"]["publisher"]) for f in found} == {
        (SURVEY, "Nordic Energy Forum")}


def test_the_report_text_is_its_prose_and_headings(survey):
    reading = read_formatted("survey.pdf", survey)
    prose = [text for text, _ in SURVEY_FACTS]
    assert reading.text.split("\n\n") == [
        "Capacity", *prose[:4], "Prices", *prose[4:6], "Research machines", prose[6],
        prose[7] + "\n"]
    assert reading.pages == (0, reading.text.index("Research machines"))
    assert (reading.title, reading.publisher, reading.date) == (
        SURVEY, "Nordic Energy Forum", "2026-03-02")


@pytest.mark.parametrize(("line", "caption"), [
    ("Figure 1. Capacity by country at the end of 2025.", True),
    ("Fig. 2: Prices by country", True),
    ("Table 3 – Budgets announced in 2025", True),
    ("Chart 4.1. Capacity", True),
    ("Exhibit 5: Survey sample", True),
    ("Source: national energy regulators.", True),
    ("Sources: ministries, operator filings.", True),
    ("Note: figures are rounded.", True),
    ("Notes: see the annex.", True),
    ("Figure 1 shows that Sweden has the most capacity.", False),
    ("Table 2 lists every country's price.", False),
    ("Sources close to the ministry said the plan would change.", False),
    ("Notes issued by the central bank rose 4% in 2025.", False),
])
def test_caption_and_note_lines(line, caption):
    assert is_caption_line(line) is caption


def test_a_table_set_tight_is_not_text():
    """Rows set so close that they read as one block of short lines ("Tartu 12 4", "Riga 9
    3", …) are a table, not a paragraph; the prose around it stays whole."""
    rows = "".join(f"<tr><td>{city}</td><td>{a}</td><td>{b}</td></tr>" for city, a, b in (
        ("Tartu", 12, 4), ("Riga", 9, 3), ("Vilnius", 15, 6), ("Kaunas", 7, 2)))
    body = (f"<h1>{BALTIC}</h1><p>Estonia counted 12 public research clusters in 2025.</p>"
            f"<table>{rows}</table><p>Latvia expects to open two more by 2027.</p>")
    data = report(BALTIC, body, "@page { size: 160mm 120mm; margin: 15mm } table { margin: 6pt 0 }")
    assert "Tartu 12 4 Riga 9 3" in page_text(data, 0)
    assert read_formatted("tight.pdf", data).text == (
        "Estonia counted 12 public research clusters in 2025.\n\n"
        "Latvia expects to open two more by 2027.\n")


# --------------------------------------------------------------------------- sections in bands

ALPINE = "Alpine Compute Outlook 2026"
# Two sections set in two balanced columns each, under headings that span the page but whose
# text is short: the heading sits over the first column only, with nothing beside it. Each
# section's first paragraph is cut by its column break in the middle of a sentence.
ALPINE_SECTIONS = {
    "1. Hydropower and hosting": [
        "Switzerland drew 57 per cent of its electricity from dams in 2025, and operators "
        "have asked for grid links at 14 sites in the cantons of Valais and Ticino.",
        "The federal office expects the first two of those halls to open in 2027 at the "
        "earliest, because each needs a new substation.",
        "Austria took a different route and offered a rebate of 20 per cent on network "
        "fees to any hall that heats a town district with its waste warmth.",
        "Three operators accepted the offer within six months of its launch in Tyrol.",
    ],
    "2. Researchers and visas": [
        "Both countries compete for the same small pool of machine learning researchers, "
        "and Zurich alone advertised 310 such posts in the first half of 2026.",
        "Vienna answered with a fast visa that is decided in 15 working days for anyone "
        "offered a post at a public university.",
        "Liechtenstein has no university programme in the field and relies on commuters "
        "from both neighbours for its 40 specialists.",
        "Officials in Vaduz said they would review that position in 2028.",
    ],
}


def alpine_report() -> bytes:
    body = f"<h1>{ALPINE}</h1>" + "".join(
        f"<h2>{head}</h2><div class='cols'><p>{' '.join(sentences[:3])}</p>"
        f"<p>{sentences[3]}</p></div>" for head, sentences in ALPINE_SECTIONS.items())
    css = """@page { size: 190mm 260mm; margin: 15mm; }
h2 { font-size: 13pt; font-weight: bold; column-span: all; margin: 12pt 0 8pt 0 }
.cols { columns: 2; column-gap: 9mm; hyphens: manual }
.cols p { text-align: left }"""  # justified, a long word stretches spaces past WORD_GAP
    return report(ALPINE, body, css, "Alpine Energy Institute")


def test_a_heading_over_two_column_sections_splits_the_page_into_bands(tmp_path):
    data = alpine_report()
    heading, under = where(data, "2. Researchers"), where(data, "Both countries")
    above_right = where(data, "Three operators")
    first, cut = where(data, "Switzerland drew"), where(data, "substation.")
    assert heading and under and above_right and first and cut
    assert above_right[0] > first[0] + 200  # section 1 goes on in its second column,
    assert abs(cut[1] - first[1]) < 4  # a sentence cut at its top,
    assert above_right[1] < heading[1] < under[1]  # above the second heading
    right, cut = where(data, "Liechtenstein"), where(data, "public university.")
    assert right and cut  # and section 2 has a second column of its own, cut the same way
    assert right[0] > first[0] + 200 and right[1] > heading[1] and abs(cut[1] - under[1]) < 4
    assert said(facts(tmp_path, "alpine.pdf", data)) == [
        (s, 1) for sentences in ALPINE_SECTIONS.values() for s in sentences]


# --------------------------------------------------------------------------- numbered paragraphs

KIWI = "Aotearoa Compute Statement 2026"
KIWI_PARAGRAPHS = {
    "1.1": "New Zealand has about 110 megawatts of data centre capacity, most of it in "
           "Auckland and near the Manapouri power station.",
    "1.2": "The Government will spend $240 million over four years on a shared research "
           "computer for the country's universities and Crown research institutes.",
    "2.1": "New Zealand will require every operator seeking public support to report its "
           "water use each year from 2027.",
    "2.2": "Maximum fines under the Privacy Act for misuse of personal data by automated "
           "systems in New Zealand will rise to $12 million.",
}


def test_a_brief_quoting_numbered_paragraphs_verifies_against_the_report_as_printed(tmp_path):
    """pypdf prints a paragraph's number on the line of its first sentence ("2.1  New
    Zealand will …"): the quote starts after it, and `verify` finds it as printed."""
    body = f"<h1>{KIWI}</h1>" + "".join(
        f'<p class="num"><b>{n}</b> {text}</p>' for n, text in KIWI_PARAGRAPHS.items())
    # Set ragged right: justified, the first line's text starts right of the lines under it
    # and a two-line paragraph falls apart into two boxes (a reader limit of its own).
    css = """p.num { margin-left: 12mm; text-indent: -12mm; text-align: left }
p.num b { display: inline-block; width: 12mm; text-indent: 0 }"""
    data = report(KIWI, body, css, "Ministry of Business, Innovation and Employment")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "statement.pdf").write_bytes(data)
    assert "2.1 New Zealand will require" in page_text(data, 0)  # the number before it
    made = CliRunner().invoke(app, ["make", "-c", "NZ", "--corpus", str(corpus), "--out",
                                    str(tmp_path / "out"), "--date", "2026-11-22",
                                    "--format", "md"])
    assert made.exit_code == 0, made.output
    brief = made.stdout.strip()
    written = Path(brief).read_text(encoding="utf-8")
    quoted = [text for text in KIWI_PARAGRAPHS.values() if text[:60] in written]
    assert len(quoted) >= 3  # the brief cites the numbered paragraphs
    r = CliRunner().invoke(app, ["verify", brief, "--corpus", str(corpus)])
    assert r.exit_code == 0, r.output
    assert "as printed" not in r.stdout
    assert r.stdout.strip().splitlines()[-1].endswith(" ok")


# --------------------------------------------------------------------------- footnotes

BALKAN = "Balkan Compute Monitor 2026"
# Each sentence ends with a footnote call; the notes are set at the page's foot.
BALKAN_TEXT = [
    ("Serbia opened a national AI platform in Kragujevac with 96 accelerators in 2025.",
     "Ministry of Science press release, March 2025."),
    ("Croatia has promised 45 million euros for a research cloud by 2028.",
     "Budget documents for 2026, as read by the authors."),
    ("Slovenia hosts the region's only petascale machine, in Maribor.",
     "See the operator's own description of the system."),
]


def balkan_report() -> bytes:
    paragraphs = "".join(f'<p>{s}<span class="fn">{note}</span> Officials expect more '
                         "requests from universities than the platform can serve.</p>"
                         for s, note in BALKAN_TEXT)
    body = (f"<h1>{BALKAN}</h1>{paragraphs}<p>Models trained with more than "
            "10<sup>25</sup> operations fall under the strictest rules.</p>")
    css = """@page { size: 160mm 200mm; margin: 15mm; }
.fn { float: footnote; font-size: 7.5pt }
::footnote-call { content: counter(footnote); vertical-align: super; font-size: 6.5pt }
::footnote-marker { content: counter(footnote) ". " }
sup { font-size: 6.5pt }"""
    return report(BALKAN, body, css, "Balkan Digital Observatory")


def test_footnotes_and_their_calls_are_never_part_of_a_fact(tmp_path):
    data = balkan_report()
    printed = page_text(data, 0)
    assert "in 2025.1 Officials" in printed and "by 2028.2 Officials" in printed  # the calls
    assert "more than 1025 operations" in printed  # a power as the file's text gives it
    note = where(data, "Ministry of Science")
    assert note and note[1] > 400  # the notes at the foot of the page
    found = [text for text, _ in said(facts(tmp_path, "balkan.pdf", data))]
    assert not [f for f in found if any(n[:20] in f for _, n in BALKAN_TEXT)]
    assert not [f for f in found if f[-2:-1].isdigit() and f[-1] != "."]
    assert not [f for f in found if f.rstrip(".")[-1:].isdigit() and f[-2:-1] == "."]
    for sentence, _ in BALKAN_TEXT:
        assert sentence in found  # "… in 2025." and "… by 2028." keep their figures
    assert "Models trained with more than 10^25 operations fall under the strictest rules." \
        in found  # a power of ten is no footnote call
