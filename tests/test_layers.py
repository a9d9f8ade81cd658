"""The core never imports Textual (nor WeasyPrint until a PDF is made): checked in a fresh
interpreter, so an import anywhere in the chain is caught."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = ["briefing.model", "briefing.corpus", "briefing.extract.facts", "briefing.store",
        "briefing.brief", "briefing.render.markdown", "briefing.render.pdf", "briefing.export",
        "briefing.mail", "briefing.config", "briefing.countries", "briefing.themes", "briefing.verify",
        "briefing.cli"]


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
