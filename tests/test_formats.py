"""Saved web pages and PDF reports as sources: only article text becomes facts, spans point
into the extracted text, pages are cited, and a bad file is skipped with its reason."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap

import pytest
from conftest import SEEDS
from pages import (
    ARTICLE,
    FURNITURE,
    NEWS_PAGE,
    ORDINALS,
    REPORT_HEADER,
    STATEMENTS,
    page_with,
    report_pdf,
)
from typer.testing import CliRunner

from briefing.cli.app import app
from briefing.ingest.document import document_text, read_document
from briefing.ingest.formats.pdf import join_lines
from briefing.store import open_store


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def facts_of(corpus):
    r = run("facts", "--corpus", corpus, "--json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def saved_page(folder, name="page", html=NEWS_PAGE):
    """A page as a browser's "Save page as" leaves it: the file and its `_files` folder."""
    assets = folder / f"{name}_files"
    assets.mkdir(parents=True)
    (assets / "app.js").write_text("document.write('Script text from the assets folder.');")
    (assets / "frame.html").write_text(page_with(
        "<p>A frame saved beside the page says Finland bought 900 new processors for its "
        "own research centre last spring.</p>"))
    path = folder / f"{name}.html"
    path.write_text(html, "utf-8")
    return path


# --------------------------------------------------------------------------- HTML


def test_a_saved_page_gives_its_article_sentences_and_nothing_else(tmp_path):
    saved_page(tmp_path)
    facts = facts_of(tmp_path)
    assert sorted(f["text"] for f in facts) == sorted(STATEMENTS)
    everything = json.dumps(facts)
    for furniture in (*FURNITURE, "Finland", "data:", "Denmark reviews"):
        assert furniture not in everything


def test_a_saved_page_fills_its_source_from_its_metadata(tmp_path):
    saved_page(tmp_path)
    (article,) = read_document(tmp_path, tmp_path / "page.html").articles
    s = article.source
    assert (s.title, s.publisher, s.date, s.url) == (
        "Norway widens its public compute plan", "Example News", "2026-03-04",
        "https://news.example.org/2026/03/ai-compute-plan")
    assert s.extractor.startswith("trafilatura ")
    assert s.pages == ()


def test_citations_point_into_the_extracted_text(tmp_path):
    saved_page(tmp_path)
    text, reading = document_text("page.html", (tmp_path / "page.html").read_bytes())
    assert reading is not None and "<p>" not in text
    for fact in facts_of(tmp_path):
        start, end = fact["span"]
        assert " ".join(text[start:end].split()) == fact["text"]
        assert fact["source"]["extractor"] == reading.extractor
        assert fact["page"] is None


def test_publisher_falls_back_to_the_canonical_host_and_url_to_the_saved_from_comment(tmp_path):
    body = f"<p>{ARTICLE[0]}</p><p>{ARTICLE[1]}</p>"
    (tmp_path / "a.html").write_text(page_with(body, '<link rel="canonical" href="https://www.example.net/x">'))
    (tmp_path / "b.htm").write_text("<!-- saved from url=(0025)https://example.com/b -->\n"
                                   + page_with(body))
    (a,) = read_document(tmp_path, tmp_path / "a.html").articles
    (b,) = read_document(tmp_path, tmp_path / "b.htm").articles
    assert (a.source.publisher, a.source.url) == ("example.net", "https://www.example.net/x")
    assert (b.source.publisher, b.source.url) == ("example.com", "https://example.com/b")


@pytest.mark.parametrize("head, data_encoding, warned", [
    ('<meta charset="windows-1252">', "cp1252", False),
    ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', "cp1252", False),
    ("", "cp1252", True),  # nothing declared and not UTF-8: read as cp1252, with a warning
    ("", "utf-16", False),  # a BOM says what it is
])
def test_declared_encodings_are_respected(tmp_path, head, data_encoding, warned):
    sentence = "The minister’s plan gives “sovereign” compute to 12 universities in Chile this year."
    (tmp_path / "p.html").write_bytes(page_with(f"<p>{sentence}</p><p>{ARTICLE[1]}</p>", head)
                                      .encode(data_encoding))
    doc = read_document(tmp_path, tmp_path / "p.html")
    assert sentence in doc.articles[0].text
    assert bool(doc.warnings) == warned
    if warned:
        assert "Windows-1252" in doc.warnings[0]


def test_a_page_is_read_without_network_or_entity_resolution(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-VALUE")
    html = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
            + page_with(f"<p>{ARTICLE[0]} &xxe;</p><p>{ARTICLE[1]}</p>"
                        '<img src="http://127.0.0.1:9/x.png"><iframe src="http://127.0.0.1:9/"></iframe>'
                        '<script src="http://127.0.0.1:9/a.js"></script>',
                        '<link rel="stylesheet" href="http://127.0.0.1:9/s.css">'))
    page = tmp_path / "p.html"
    page.write_text(html)
    # A fresh interpreter with an audit hook: any connection or name lookup, or any open
    # of the secret file, is recorded while the page is read as the indexer reads it.
    code = textwrap.dedent(f"""
        import sys
        from briefing.ingest.formats.html import read_html
        import trafilatura
        events = []
        net = ("socket.connect", "socket.getaddrinfo", "socket.sendto", "socket.gethostbyname")
        def hook(event, args):
            if event in net or (event == "open" and "secret" in str(args[0])):
                events.append(event)
        sys.addaudithook(hook)
        reading = read_html(open({str(page)!r}, "rb").read())
        print(repr(events)); print(reading.text)
    """)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    events, text = r.stdout.split("\n", 1)
    assert events == "[]"
    assert ARTICLE[1] in text and "TOPSECRET" not in text


def test_a_page_without_article_text_is_skipped_and_the_rest_still_works(tmp_path):
    (tmp_path / "empty.html").write_text("<html><head><script>var a = 1;</script></head><body></body></html>")
    (tmp_path / "bin.htm").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "a.txt").write_text((SEEDS / "001_ecf4e2064239b7a9.txt").read_text())
    r = run("sources", "--corpus", tmp_path, "--json")
    assert r.exit_code == 0
    out = json.loads(r.stdout)
    assert {s["path"] for s in out["sources"]} == {"a.txt"}
    reasons = {s["path"]: s["reason"] for s in out["skipped"]}
    assert reasons["empty.html"] == "no article text found in the page"
    assert reasons["bin.htm"] == "binary file, not text"


# --------------------------------------------------------------------------- PDF


def test_a_two_column_report_is_read_in_order_without_running_lines(tmp_path):
    (tmp_path / "r.pdf").write_bytes(report_pdf())
    text, reading = document_text("r.pdf", (tmp_path / "r.pdf").read_bytes())
    at = [text.index(f"The {w} finding") for w in ORDINALS]
    assert at == sorted(at)  # left column, right column, then page 2
    assert REPORT_HEADER not in text and "Page 1" not in text and "Page 2" not in text
    # The fixture's columns are hyphenated at line ends: every word comes back whole.
    assert text.count("infrastructure") == 2 * len(ORDINALS)
    assert "\u2010" not in text
    assert reading.pages[0] == 0 and text.index("The fifth finding") >= reading.pages[1]
    assert text.index("The fourth finding") < reading.pages[1]


def test_report_metadata_comes_from_the_document_info():
    from briefing.ingest.formats.pdf import read_pdf

    dated = read_pdf(report_pdf("Compute Outlook for the Baltic States"))
    assert (dated.title, dated.date) == ("Compute Outlook for the Baltic States", "2026-02-10")
    assert dated.extractor.startswith("pypdfium2 ") and "(PDFium " in dated.extractor
    assert read_pdf(report_pdf(dated=False)).date is None


def test_facts_from_a_report_carry_their_page(tmp_path):
    (tmp_path / "r.pdf").write_bytes(report_pdf())
    pages = {}
    for fact in facts_of(tmp_path):
        for word in ORDINALS:
            if f"The {word} finding" in fact["text"]:
                pages[word] = (fact["page"], fact["citations"][0]["page"])
    assert pages == {w: (1, 1) if n < 4 else (2, 2) for n, w in enumerate(ORDINALS)}


def test_a_brief_cites_report_pages_and_verify_checks_them(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "r.pdf").write_bytes(report_pdf())
    r = run("make", "-c", "EE", "--corpus", corpus, "--out", tmp_path / "out", "--date",
            "2026-11-22")
    assert r.exit_code == 0, r.stderr
    md, pdf = (tmp_path / "out" / "brief-ee-2026-11-22.md"), (tmp_path / "out" / "brief-ee-2026-11-22.pdf")
    brief = md.read_text()
    assert "The fifth finding" in brief and "[1, p. 2]" in brief and "[1, p. 1]" in brief
    assert "text by `pypdfium2 " in brief
    for made in (md, pdf):
        v = run("verify", made, "--corpus", corpus)
        assert v.exit_code == 0, v.stdout
    # A page number that is wrong is caught, and the right page is named.
    line = next(x for x in brief.splitlines() if "The fifth finding" in x)
    md.write_text(brief.replace(line, line.replace("[1, p. 2]", "[1, p. 1]")))
    v = run("verify", md, "--corpus", corpus)
    assert v.exit_code == 1
    assert "not on p. 1 (it is on p. 2)" in v.stdout


@pytest.mark.parametrize("make, reason", [
    (lambda: __import__("weasyprint").HTML(string="<div style='height:5cm;background:#888'></div>").write_pdf(),
     "no text layer (a scanned PDF?): nothing to quote"),
    (lambda: report_pdf()[:2000], "broken PDF"),
    (lambda: b"%PDF-1.7\n" + b"garbage " * 200, "broken PDF"),
])
def test_a_scan_or_broken_pdf_is_skipped_with_its_reason(tmp_path, make, reason):
    (tmp_path / "bad.pdf").write_bytes(make())
    (tmp_path / "good.pdf").write_bytes(report_pdf())
    with open_store(tmp_path)[0] as store:
        report = store.sync()
        assert [s.path for s, _ in store.sources()] == ["good.pdf"]
    assert next(s.reason for s in report.skipped if s.path == "bad.pdf").startswith(reason)


def test_an_encrypted_pdf_is_skipped_with_its_reason(tmp_path):
    (tmp_path / "plain.pdf").write_bytes(report_pdf())
    subprocess.run(["qpdf", "--encrypt", "user-secret", "owner-secret", "256", "--",
                    str(tmp_path / "plain.pdf"), str(tmp_path / "locked.pdf")], check=True)
    store, report = open_store(tmp_path)
    store.close()
    assert [(s.path, s.reason) for s in report.skipped] == [
        ("locked.pdf", "encrypted PDF: it needs a password")]


def test_a_report_over_its_time_budget_is_skipped_with_its_reason(tmp_path, monkeypatch):
    # A budget of 0 s is spent by the first page, so the check before the second trips
    # on every run: no sleeping, no timing luck.
    (tmp_path / "r.pdf").write_bytes(report_pdf())
    (tmp_path / "a.txt").write_text((SEEDS / "001_ecf4e2064239b7a9.txt").read_text())
    monkeypatch.setenv("BRIEFING_PDF_SECONDS", "0")
    store, report = open_store(tmp_path)
    with store:
        assert {s.path for s, _ in store.sources()} == {"a.txt"}  # the rest still works
    assert [(s.path, s.reason) for s in report.skipped] == [
        ("r.pdf", "PDF took longer than 0 s to read; skipped")]


def test_the_time_budget_is_a_module_constant_and_a_normal_report_is_within_it(monkeypatch):
    from briefing.errors import CorpusError
    from briefing.ingest.formats import pdf

    assert pdf.read_pdf(report_pdf()).pages[1] > 0
    monkeypatch.setattr(pdf, "MAX_SECONDS", 0.0)
    with pytest.raises(CorpusError, match=r"^PDF took longer than 0 s to read; skipped$"):
        pdf.read_pdf(report_pdf())


def turned(data: bytes) -> bytes:
    """The same report stored a quarter turn counter-clockwise on landscape pages that
    /Rotate 90 shows upright again, as some producers write landscape pages."""
    import pypdf
    from pypdf.generic import NameObject, NumberObject, RectangleObject

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(data))
    for page in writer.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        page.add_transformation(pypdf.Transformation().rotate(90).translate(tx=height, ty=0))
        page.mediabox = RectangleObject([0, 0, height, width])
        page[NameObject("/Rotate")] = NumberObject(90)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_rotated_page_reads_as_it_is_shown():
    from briefing.ingest.formats.pdf import read_pdf

    upright, rotated = read_pdf(report_pdf()), read_pdf(turned(report_pdf()))
    assert (rotated.text, rotated.pages) == (upright.text, upright.pages)
    assert "The first finding" in rotated.text


def test_reading_a_report_twice_gives_the_same_reading():
    from briefing.ingest.formats.pdf import read_pdf

    assert read_pdf(report_pdf()) == read_pdf(report_pdf())


def test_the_pdf_reader_loads_pdfium_and_pypdf_only_to_read_a_report():
    code = ("import sys; import briefing.ingest.formats.pdf, briefing.ingest.document\n"
            "print([m for m in ('pypdfium2', 'pypdf') if m in sys.modules])")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "[]"


@pytest.mark.parametrize("lines, joined", [
    (["the infra-", "structure of the state"], "the infrastructure of the state"),
    (["the state-", "owned company"], "the state-owned company"),  # a compound keeps its hyphen
    (["auto\u2010", "matic breaks"], "automatic breaks"),  # WeasyPrint's hyphenation mark
    (["ends here.", "Next line"], "ends here. Next line"),
    (["AI-", "related"], "AI-related"),
])
def test_line_ends_are_joined(lines, joined):
    words = {"infrastructure", "the", "state", "owned"}
    assert join_lines(lines, words) == joined


def test_a_mixed_folder_indexes_text_pages_and_reports_together(tmp_path):
    (tmp_path / "seed.txt").write_text((SEEDS / "001_ecf4e2064239b7a9.txt").read_text())
    saved_page(tmp_path)
    (tmp_path / "r.pdf").write_bytes(report_pdf())
    r = run("sources", "--corpus", tmp_path, "--json")
    paths = {s["path"] for s in json.loads(r.stdout)["sources"]}
    assert paths == {"page.html", "r.pdf", "seed.txt"}


def test_a_brief_from_pages_and_reports_is_byte_identical_run_after_run(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    saved_page(corpus)
    (corpus / "r.pdf").write_bytes(report_pdf())
    made = []
    for n in (1, 2):  # a fresh store each time: pages and reports are read again
        monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / f"cache-{n}"))
        r = run("make", "--corpus", corpus, "--out", tmp_path / f"out-{n}", "--date", "2026-11-22")
        assert r.exit_code == 0, r.stderr
        made.append([(p.name, p.read_bytes())
                     for p in sorted((tmp_path / f"out-{n}").iterdir())])
    assert made[0] == made[1]  # the Markdown, the PDF and the charts drawn beside the .md
    assert {name.rsplit(".", 1)[1] for name, _ in made[0]} == {"md", "pdf", "svg"}


def test_the_paragraph_around_a_report_fact_is_its_own(tmp_path):
    (tmp_path / "r.pdf").write_bytes(report_pdf())
    store, _ = open_store(tmp_path)
    with store:
        fact = next(f for f in store.facts() if "The sixth finding" in f.text)
        paragraph, start, end = store.context(fact)
    assert paragraph.startswith("The sixth finding") and paragraph[start:end].startswith("The sixth")


def test_reports_are_read_side_by_side_with_the_same_facts(tmp_path):
    # Two reports or more take the process pool however few files there are (a long report
    # reads for seconds); what the pool reads is what one process reads.
    from briefing.store import Store
    from briefing.store.sync import worth_a_pool

    assert worth_a_pool(3, 2) and not worth_a_pool(2, 1) and worth_a_pool(300, 0)
    serial, pooled = tmp_path / "serial", tmp_path / "pooled"
    for folder, reports in ((serial, ("r.pdf",)), (pooled, ("r.pdf", "s.pdf"))):
        folder.mkdir()
        for name in reports:
            (folder / name).write_bytes(report_pdf())
    with Store.for_corpus(serial) as one, Store.for_corpus(pooled) as two:
        assert one.sync().added == 1 and two.sync().added == 2
        alone = [(f.text, f.citations[0].page) for f in one.facts(["EE"])]
        side_by_side = [(f.text, c.page) for f in two.facts(["EE"]) for c in f.citations]
        assert alone and sorted(side_by_side) == sorted(alone * 2)
