"""Article text reaches the terminal as the source has it, in every command.

A real corpus whose titles, publishers, file names and sentences are full of Rich markup,
emoji codes, hyperlink tags and terminal control characters is run through the real typer
app with colour forced on (as in a terminal) and a wide screen (one line per table row), and
what is printed is compared with the source text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli import app as cli
from briefing.cli.app import app
from briefing.cli.printing import printable

runner = CliRunner()
DAY = "2026-11-22"
# Rich colours only what it is told to, and only on a terminal: force one, so markup that
# leaked would show as styles, emoji and OSC 8 links instead of passing unnoticed.
TERMINAL = {"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "400"}

TITLE = "Results [bold red]RED[/] :x: [link=https://evil.example]click[/link] \u202eevil"
PUBLISHER = "Evil [blue]News[/blue] :x:"
ARTICLE = "root:x:0:0 [bold red]RED :x: [link=https:evil.example]click.md"
BINARY = "bin [red]x :x:\x1b[2J.txt"  # an ESC in a file name: a clear-screen, if sent raw
SENTENCES = [
    "South Korea will invest $5 billion [bold red]RED[/] in AI chips by 2027, the ministry "
    "said :x: on Monday.",
    "South Korea plans to fund 12 new [link=https://evil.example]click[/link] data centres in "
    "2026 for sovereign AI, officials said.",
    "The root:x:0:0: account in South Korea's new AI cloud will serve 3,000 researchers from "
    "next year.",
    "South Korea will train 5,000 \x1b[31mAI engineers\x1b[0m by 2028, the ministry of science "
    "said.",
]
# What facts state: the reader drops terminal escape sequences, which are never article text
# (briefing/ingest/formats/normalise.py), and keeps everything else as written.
FACTS = [re.sub(r"\x1b\[[0-9;]*m", "", s) for s in SENTENCES]
THEME_NAME = "Chips [bold red]RED[/] :x: [link=https://evil.example]click[/link]"


@pytest.fixture
def hostile(tmp_path, monkeypatch) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    front = (f'---\ntitle: "{TITLE}"\ndate: 2026-03-01\nprovider:\n  name: "{PUBLISHER}"\n'
             "---\n")
    (corpus / ARTICLE).write_text(front + "\n\n".join(SENTENCES) + "\n", encoding="utf-8")
    (corpus / BINARY).write_bytes(b"\x00" * 64)
    themes = tmp_path / "themes.yaml"
    themes.write_text("themes:\n  - slug: chips\n    name: " + json.dumps(THEME_NAME)
                      + "\n    description: Chips.\n    patterns: [chip*, data centre*, AI]\n",
                      encoding="utf-8")
    monkeypatch.setenv("BRIEFING_THEMES", str(themes))
    return corpus


def run(*args: str):
    result = runner.invoke(app, list(args), env=TERMINAL, catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def assert_literal(printed: str, *texts: str) -> None:
    """Each text is in the output character for character (controls shown as escapes):
    no markup or emoji code read, no colour inserted in it; nothing was turned into an
    emoji, a hyperlink or a raw control sequence."""
    for text in texts:
        assert printable(text) in printed, text
    assert "❌" not in printed  # :x: as an emoji
    assert "\x1b]8;" not in printed  # an OSC 8 hyperlink
    assert "\u202e" not in printed and "\x1b[2J" not in printed and "\x1b[31m" not in printed


def test_printable_shows_what_a_terminal_would_act_on():
    assert printable("a\x1b[2Jb\nc\td\u202ee\x9bf") == "a\\x1b[2Jb\\nc\td\\u202ee\\x9bf"
    assert printable("Résumé 한국 [b]x[/b] :x:") == "Résumé 한국 [b]x[/b] :x:"


def test_sources_prints_titles_publishers_and_file_names_literally(hostile):
    r = run("sources", "--corpus", str(hostile))
    assert r.exit_code == 0, r.output
    assert_literal(r.stdout, ARTICLE, f"{PUBLISHER}, “{TITLE}”",
                   f"skipped {BINARY}: binary file")
    # The same record as JSON: the exact text once parsed, no raw control in the stream.
    data = json.loads(run("sources", "--json", "--corpus", str(hostile)).stdout)
    assert (data["sources"][0]["title"], data["sources"][0]["publisher"]) == (TITLE, PUBLISHER)
    assert data["skipped"][0]["path"] == BINARY


def test_facts_prints_every_sentence_as_the_source_states_it(hostile):
    r = run("facts", "--corpus", str(hostile))
    assert r.exit_code == 0, r.output
    texts = [f["text"] for f in json.loads(run("facts", "--json", "--corpus",
                                                str(hostile)).stdout)]
    assert sorted(texts) == sorted(FACTS)  # the test corpus really is all facts
    assert_literal(r.stdout, *FACTS, "2026-03-01")
    assert_literal(r.stderr, f"warning: skipped {BINARY}: binary file")
    for line in r.stdout.splitlines()[1:-1]:  # a row: its cells carry no colour at all
        assert "\x1b" not in line


def test_countries_and_themes_print_names_and_warnings_literally(hostile):
    countries = run("countries", "--corpus", str(hostile))
    assert countries.exit_code == 0 and "South Korea" in countries.stdout
    assert_literal(countries.stderr, f"warning: skipped {BINARY}: binary file")
    themes = run("themes", "--corpus", str(hostile))
    assert themes.exit_code == 0, themes.output
    assert_literal(themes.stdout, THEME_NAME)
    assert_literal(themes.stderr, f"warning: skipped {BINARY}: binary file")


def test_make_warnings_and_verify_report_are_literal(hostile, tmp_path):
    out = tmp_path / "out"
    made = run("make", "-c", "KR", "--corpus", str(hostile), "--out", str(out), "--date", DAY,
               "--format", "md")
    assert made.exit_code == 0, made.output
    assert_literal(made.stderr, f"warning: skipped {BINARY}: binary file, not text")
    brief = out / f"brief-kr-{DAY}.md"
    report = run("verify", str(brief), "--corpus", str(hostile))
    assert report.exit_code == 0, report.output
    lines = report.stdout.splitlines()
    assert len(lines) == len(SENTENCES) + 1 and lines[-1] == f"{len(SENTENCES)} citations: " \
        f"{len(SENTENCES)} ok"
    for line in lines[:-1]:
        assert line.startswith(f"ok         [1] {ARTICLE}: “")
    quoted = {re.sub(r"…”$", "", line.split(": “", 1)[1]) for line in lines[:-1]}
    assert all(any(printable(s).startswith(q.rstrip("”")) for s in FACTS) for q in quoted)
    assert_literal(report.stdout, "[bold red]RED[/]", "[link=https://evil.example]click")
    parsed = json.loads(run("verify", str(brief), "--json", "--corpus", str(hostile)).stdout)
    assert {c["fact"] for c in parsed["citations"]} == set(FACTS)


def test_errors_naming_corpus_text_are_one_literal_line(hostile):
    missing = hostile / "gone [bold]x[/bold] :x:\x1b[2J"
    r = run("facts", "--corpus", str(missing))
    assert r.exit_code == 2
    assert r.stderr == f"error: corpus folder not found: {printable(str(missing))}\n"
    assert_literal(r.stderr, str(missing))


def test_progress_bar_shows_its_description_as_text():
    from rich.console import Console

    bar = cli._progress_bar()
    bar.add_task("[bold red]RED[/] :x:", total=100)
    screen = Console(width=100, force_terminal=True, color_system="truecolor", record=True)
    screen.print(bar.get_renderable())
    assert "[bold red]RED[/] :x:" in screen.export_text()
