"""A PDF report built to be slow or huge to read is skipped with its reason, however it is
built: one page of a hundred thousand tiny text runs never returns from PDFium and our
grouping of its characters to a check between pages, so the reader runs in a child process
killed at the deadline (`BRIEFING_PDF_SECONDS`) and capped in memory
(`BRIEFING_PDF_MEMORY_MB`); a file over `BRIEFING_MAX_PDF_MB` is never opened.

The hostile PDFs are written here in raw PDF syntax (a content stream of `BT ... Tj ET` runs
in a standard Type 1 font). `briefing sources` runs as a real process under a small
launcher (tests/processes.py) that reports its peak memory: the largest single process from the kernel (wait4),
and the whole tree's (the command, its pool workers, the readers they fork) polled from
/proc as it runs.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from pages import report_pdf
from processes import Run, briefing
from typer.testing import CliRunner

from briefing import dates
from briefing.cli.app import app
from briefing.errors import CorpusError
from briefing.ingest.formats import pdf
from briefing.ingest.formats.sandbox import run_bounded

MB = 1024 * 1024
#: What a command may take in all while a hostile report is read (Python, the index, the
#: pool workers and the reader's child).
MAX_TREE_MB = 300
#: The deadline the tests set (BRIEFING_PDF_SECONDS), and what start-up, the other files
#: and a loaded test machine may add to it.
DEADLINE_S = 3
SLACK_S = 10

# A short article in our own words, with three statements about Estonia.
GOOD = """---
title: Tallinn opens a public computing centre for researchers
date: 2026-04-14
---
Estonia will spend 40 million euros on a national research computer by 2028, the education ministry said on Tuesday.

The ministry said Estonia plans to train 300 data engineers at its universities over the next four years.

Estonia will open the new computing centre to private companies in 2027, officials said.
"""


def hostile_pdf(runs: int, letters: int = 1, columns: int = 50) -> bytes:
    """A one-page PDF whose content stream is `runs` text runs of `letters` letters, each
    in a text object of its own at its own place: `columns` across, 770 rows down, then
    over again. PDFium holds some 600 bytes per run (a page of a million took 835 MB); one
    column of runs stacked on each other takes time growing with the square of their
    number to group into lines (20,000 took 12 s and 66 MB). pdftotext reads either in
    seconds."""
    word = b"a" * letters
    content = b"".join(
        b"BT /F1 1 Tf 1 0 0 1 %d %d Tm (%s) Tj ET\n"
        % (10 + (n % columns) * 11, 10 + n // columns % 770, word) for n in range(runs))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def listed(run: Run) -> tuple[dict[str, dict], dict[str, str]]:
    """`sources --json`: the sources by path, and the skipped files' reasons."""
    assert run.code == 0, run.stderr
    found = json.loads(run.stdout)
    return ({s["path"]: s for s in found["sources"]},
            {s["path"]: s["reason"] for s in found["skipped"]})


def corpus_with(tmp_path: Path, **pdfs: bytes) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.md").write_text(GOOD, encoding="utf-8")
    for name, data in pdfs.items():
        (corpus / f"{name}.pdf").write_bytes(data)
    return corpus


# --------------------------------------------------------------------------- the CLI


def test_a_page_of_endless_text_runs_is_skipped_at_the_deadline(tmp_path):
    # 60,000 one-letter runs in a column (2.4 MB): read whole, minutes, and the time
    # budget, checked between pages, was never looked at.
    slow = hostile_pdf(60_000, columns=1)
    corpus = corpus_with(tmp_path, slow=slow, report=report_pdf())
    run = briefing("sources", "--corpus", str(corpus), "--json", tmp=tmp_path,
                   BRIEFING_PDF_SECONDS=str(DEADLINE_S))
    sources, skipped = listed(run)
    assert skipped == {"slow.pdf": f"PDF took longer than {DEADLINE_S} s to read; skipped"}
    assert sources["good.md"]["facts"] == 3  # the rest still works,
    assert sources["report.pdf"]["title"] == "Digital Sovereignty Outlook 2026"  # reports too
    assert run.seconds <= 2 * DEADLINE_S + SLACK_S, run.seconds
    assert run.process_mb <= MAX_TREE_MB and run.tree_mb <= MAX_TREE_MB, (
        run.process_mb, run.tree_mb)


def test_a_page_too_big_to_hold_is_skipped_at_the_memory_cap(tmp_path):
    # 400,000 one-letter runs (16 MB): PDFium alone takes about 250 MB to load the page,
    # and the whole read about 400 MB.
    dense = hostile_pdf(400_000)
    corpus = corpus_with(tmp_path, dense=dense)
    run = briefing("sources", "--corpus", str(corpus), "--json", tmp=tmp_path,
                   BRIEFING_PDF_MEMORY_MB="150")
    sources, skipped = listed(run)
    assert skipped == {"dense.pdf": "PDF needed more than 150 MB to read; skipped"}
    assert sources["good.md"]["facts"] == 3
    assert run.seconds <= 2 * DEADLINE_S + SLACK_S, run.seconds
    assert run.process_mb <= MAX_TREE_MB and run.tree_mb <= MAX_TREE_MB, (
        run.process_mb, run.tree_mb)


def test_a_pdf_over_the_size_limit_is_never_read_and_a_change_rereads(tmp_path, monkeypatch):
    corpus = corpus_with(tmp_path, report=report_pdf())
    with (corpus / "huge.pdf").open("wb") as huge:  # 101 MB, sparse: nothing is written
        huge.write(b"%PDF-1.4\n")
        huge.truncate(101 * MB)
    size = f"{len(report_pdf()) / 1024:.0f} kB"

    def sources() -> tuple[set[str], dict[str, str]]:
        r = CliRunner().invoke(app, ["sources", "--corpus", str(corpus), "--json"])
        assert r.exit_code == 0, r.output
        found = json.loads(r.stdout)
        return {s["path"] for s in found["sources"]}, {
            s["path"]: s["reason"] for s in found["skipped"]}

    assert sources() == ({"good.md", "report.pdf"}, {
        "huge.pdf": "too large: 101.0 MB, over the 100 MB limit"})
    monkeypatch.setenv("BRIEFING_MAX_PDF_MB", "0.01")  # pages and text keep their 10 MB
    read, skipped = sources()
    assert read == {"good.md"} and set(skipped) == {"huge.pdf", "report.pdf"}
    assert skipped["report.pdf"] == f"too large: {size}, over the 0.01 MB limit"
    monkeypatch.delenv("BRIEFING_MAX_PDF_MB")  # back to 100 MB: the report is read again
    assert sources()[0] == {"good.md", "report.pdf"}


def test_verify_reads_a_cited_report_and_gives_up_on_a_hostile_one_in_time(tmp_path,
                                                                            monkeypatch):
    corpus = corpus_with(tmp_path, report=report_pdf())
    made = CliRunner().invoke(app, ["make", "-c", "EE", "--corpus", str(corpus), "--out",
                                    str(tmp_path / "out"), "--date", "2026-11-22",
                                    "--format", "md"])
    assert made.exit_code == 0, made.output
    brief = made.stdout.strip()
    assert "report.pdf" in Path(brief).read_text(encoding="utf-8")  # it cites the report
    checked = CliRunner().invoke(app, ["verify", brief, "--corpus", str(corpus)])
    assert checked.exit_code == 0, checked.output

    # The report swapped for a page of endless runs: verify says so, within the deadline.
    (corpus / "report.pdf").write_bytes(hostile_pdf(60_000, columns=1))
    monkeypatch.setenv("BRIEFING_PDF_SECONDS", "2")
    started = time.monotonic()
    checked = CliRunner().invoke(app, ["verify", brief, "--corpus", str(corpus)])
    assert time.monotonic() - started <= 2 + SLACK_S
    assert checked.exit_code == 1
    assert "file unreadable: PDF took longer than 2 s to read; skipped" in checked.output


# --------------------------------------------------------------------------- the reader


def test_a_report_reads_the_same_in_its_child_process():
    data = report_pdf()
    child = pdf.read_pdf(data)
    with pdf._PDFIUM:
        here = pdf._read(data)  # the reading itself, in this process
    assert child == here and child.pages[1] > 0 and child.date == "2026-02-10"


def test_a_report_read_while_another_thread_parses_a_date_does_not_wait_for_ever(
        monkeypatch):
    """A child forked while another thread held the date parser's lock would have found
    it held for ever (and been killed at the deadline): a fork waits for the parse."""
    monkeypatch.setenv("BRIEFING_PDF_SECONDS", "20")
    pdf.read_pdf(report_pdf())  # readers loaded: the child needs no import lock
    # The child parses the report's date itself (not found in the cache it inherits); the
    # parent's own warm-up parse is cached again, so only the fork can wait for the lock.
    dates._day.cache_clear()
    pdf._load_readers()
    held = threading.Event()

    def parse_slowly():
        with dates._PARSER_LOCK:
            held.set()
            time.sleep(0.5)

    other = threading.Thread(target=parse_slowly)
    other.start()
    held.wait()
    started = time.monotonic()
    reading = pdf.read_pdf(report_pdf())  # its date is parsed in the child
    other.join()
    assert reading.date == "2026-02-10" and time.monotonic() - started < 10


def test_a_child_that_crashes_or_runs_out_of_memory_is_a_reason_not_a_crash():
    def run(task):
        return run_bounded(task, seconds=10, memory_mb=64, what="PDF")

    with pytest.raises(CorpusError, match=r"^PDF needed more than 64 MB to read; skipped$"):
        run(os.abort)  # how PDFium (and C++'s bad_alloc) end when an allocation fails
    with pytest.raises(CorpusError, match=r"^PDF needed more than 64 MB to read; skipped$"):
        run(lambda: bytearray(200 * MB))  # Python's MemoryError under the cap
    with pytest.raises(CorpusError,
                       match=r"^the PDF reader crashed on it \(SIGSEGV\); skipped$"):
        run(lambda: os.kill(os.getpid(), signal.SIGSEGV))
    with pytest.raises(ValueError, match=r"^raised in the child$"):  # its own exception
        run(lambda: (_ for _ in ()).throw(ValueError("raised in the child")))
    text = "x" * (5 * MB)  # far more than a pipe holds: read as it comes
    assert run(lambda: text) == text
