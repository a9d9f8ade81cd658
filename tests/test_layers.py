"""The core never imports Textual (nor WeasyPrint until a PDF is made): checked in a fresh
interpreter, so an import anywhere in the chain is caught."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CORE = ["briefing.model", "briefing.corpus", "briefing.extract.facts", "briefing.store",
        "briefing.brief", "briefing.render.markdown", "briefing.render.pdf", "briefing.export",
        "briefing.mail", "briefing.config", "briefing.countries", "briefing.themes", "briefing.verify",
        "briefing.cli", "briefing.formats", "briefing.formats.html", "briefing.formats.pdf",
        "briefing.fetch"]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual_or_weasyprint(module):
    code = (f"import sys, {module}; "
            "bad = [m for m in ('textual', 'weasyprint') if m in sys.modules]; "
            "print(','.join(bad))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == ""


def test_making_a_markdown_brief_loads_no_ui_pdf_or_mail_library(tmp_path):
    code = ("import sys; from briefing.cli import main\n"
            "try:\n    main(['make', '-c', 'KR', '--format', 'md', '--out', sys.argv[1]])\n"
            "except SystemExit:\n    pass\n"
            "print([m for m in ('textual', 'weasyprint', 'smtplib') if m in sys.modules])")
    r = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True)
    assert r.stdout.strip().splitlines()[-1] == "[]", r.stderr


def test_indexing_text_files_loads_no_page_report_or_network_library(tmp_path):
    """trafilatura, lxml, pdfminer and httpx cost their import time only where a page, a
    report or a link is read."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Japan announced a plan for 12 new data centres in 2026.\n")
    code = ("import sys; from briefing.cli import main\n"
            "try:\n    main(['index', '--corpus', sys.argv[1]])\n"
            "except SystemExit:\n    pass\n"
            "print([m for m in ('trafilatura', 'lxml', 'pdfminer', 'httpx') if m in sys.modules])")
    r = subprocess.run([sys.executable, "-c", code, str(corpus)], capture_output=True, text=True,
                       env={**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path / "cache")})
    assert r.stdout.strip().splitlines()[-1] == "[]", r.stderr
