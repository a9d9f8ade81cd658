"""A brief that keeps only its strongest facts says how many more matched, in Markdown and in
the PDF: an empty At-a-glance cell or a missing theme must not read as "the corpus has
nothing"."""

from __future__ import annotations

import subprocess
from pathlib import Path

from typer.testing import CliRunner

from briefing.cli.app import app

ARTICLE = """March 3, 2026

South Korea will spend 2 trillion won on AI chips by 2028, the ministry said.

South Korea will train 9,000 AI engineers by 2029.

South Korea will open 12 regional AI data centres by 2027.

South Korea filed 21,000 AI patent applications last year.

South Korea will give 300 AI start-ups free cloud credits this year.
"""


def made(tmp_path: Path, *extra: str) -> tuple[str, str]:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / "kr.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["make", "-c", "KR", *extra, "--date", "2026-12-01", "--corpus",
                                 str(corpus), "--out", str(out)])
    assert r.exit_code == 0, r.output
    md, pdf = sorted(Path(p) for p in r.stdout.split())
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return md.read_text(encoding="utf-8"), " ".join(text.split())


def test_method_says_how_many_facts_ranked_below_the_cap(tmp_path):
    md, pdf = made(tmp_path, "--max-facts", "3")
    said = ("The brief keeps the 3 strongest facts (`--max-facts`): 2 more that match the"
            " selection were left out")
    assert said in md
    assert said.replace("`", "") in pdf
    # A brief that holds every fact says nothing of the kind.
    md, pdf = made(tmp_path)
    assert "strongest facts (" not in md and "strongest facts (" not in pdf
