"""Filtered briefs through the real CLI on real files: a brief made with `--search` has a file
name of its own (it never replaces the brief on the same countries without one) and says its
search, as typed and never as live Markdown or HTML, in its header line and its Method, in
the Markdown and in the PDF as printed; a search that matches nothing says so; and a saved
brief rendered with options that change its selection is written under the name plain
`make` gives that selection, never over the saved brief's own files."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from saved_corpus import run, write_corpus

DAY = "2026-12-07"

#: A story naming a plan in kanji, for a search with no ASCII word (own words).
HANGUL = ("seoul-chip-plan.txt", """---
title: Seoul names its chip plan
publisher: Harbour Ledger
date: 2026-10-12
---
Seoul names its chip plan

South Korea named its new programme 半導体 2030 and set aside 1 trillion won for it.
""")


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = write_corpus(tmp_path / "corpus")
    name, text = HANGUL
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def make(corpus: Path, out: Path, *args: str) -> dict[str, Path]:
    r = run("make", *args, "--corpus", corpus, "--date", DAY, "--out", out)
    assert r.exit_code == 0, r.stderr
    return {Path(p).suffix[1:]: Path(p) for p in r.stdout.split()}


def pdf_text(path: Path) -> str:
    """The PDF as printed, its lines joined (a long line wraps anywhere)."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return " ".join(text.split())


def squeezed(text: str) -> str:
    """Without any space: a PDF line may wrap after `[x]`, where pdftotext adds none."""
    return "".join(text.split())


def test_a_search_brief_has_its_own_name_and_says_its_search(corpus, tmp_path):
    out = tmp_path / "out"
    full = make(corpus, out, "-c", "KR", "-c", "JP")
    assert full["md"].name == f"brief-kr-jp-{DAY}.md"
    before = {p: p.read_bytes() for p in out.iterdir()}

    search = "(chips OR GPUs"
    filtered = make(corpus, out, "-c", "KR", "-c", "JP", "--search", search)
    # Its own name, which says it is filtered; the unfiltered brief (and its charts) untouched.
    assert re.fullmatch(rf"brief-kr-jp-search-chips-or-gpus-[0-9a-f]{{6}}-{DAY}\.md",
                        filtered["md"].name), filtered["md"].name
    assert filtered["pdf"].name == filtered["md"].name.replace(".md", ".pdf")
    assert {p: p.read_bytes() for p in before} == before
    # The same search gives the same name; another search another one.
    again = make(corpus, tmp_path / "again", "-c", "KR", "-c", "JP", "--search", search)
    assert again["md"].name == filtered["md"].name
    other = make(corpus, tmp_path / "other", "-c", "KR", "-c", "JP", "--search", "chips OR GPUs")
    assert other["md"].name != filtered["md"].name

    md = filtered["md"].read_text(encoding="utf-8")
    header = md.split("\n")[2]
    assert header.startswith(f"*As of {DAY}; only facts matching the search “(chips OR GPUs”.*"
                             ), header
    assert "Only facts matching the full-text search “(chips OR GPUs” (`--search`) are included." in md
    assert "Japan will build a national supercomputer with 10,000 GPUs" in md
    assert "12,000 AI patent applications" not in md  # the search left it out
    printed = pdf_text(filtered["pdf"])
    assert f"As of {DAY}; only facts matching the search “(chips OR GPUs”" in printed
    assert "Only facts matching the full-text search “(chips OR GPUs” (--search) are included." in printed
    # The unfiltered brief says no search.
    assert "matching the search" not in full["md"].read_text(encoding="utf-8")
    assert "matching the search" not in pdf_text(full["pdf"])


def test_a_search_is_shown_as_typed_never_as_markup(corpus, tmp_path):
    search = "GPUs OR <img src=x> OR *bold* OR [x](javascript:y)"
    made = make(corpus, tmp_path / "out", "-c", "JP", "--search", search)
    md = made["md"].read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").parse(md)
    inline = [t for t in tokens if t.type == "inline"]
    shown = [t for t in inline if "matching the search" in t.content
             or "full-text search" in t.content]
    assert len(shown) == 2  # the header line and the Method
    for token in shown:
        kinds = {c.type for c in token.children or ()}
        assert not kinds & {"html_inline", "link_open", "strong_open"}, kinds
        text = "".join(c.content for c in token.children or () if c.type == "text")
        assert f"“{search}”" in text
    # The file name keeps only safe words, with a hash of the text.
    assert re.fullmatch(rf"brief-jp-search-gpus-or-img-src-x-or-bold-or-x-[0-9a-f]{{6}}-{DAY}\.md",
                        made["md"].name), made["md"].name
    printed = squeezed(pdf_text(made["pdf"]))
    assert squeezed(f"only facts matching the search “{search}”") in printed
    assert squeezed(f"Only facts matching the full-text search “{search}” (--search)") in printed


def test_file_names_of_plain_and_wordless_searches(corpus, tmp_path):
    plain = make(corpus, tmp_path / "a", "-c", "JP", "--search", "supercomputer", "-f", "md")
    assert plain["md"].name == f"brief-jp-search-supercomputer-{DAY}.md"
    wordless = make(corpus, tmp_path / "b", "-c", "KR", "--search", "半導体", "-f", "md")
    assert re.fullmatch(rf"brief-kr-search-[0-9a-f]{{6}}-{DAY}\.md", wordless["md"].name)
    md = wordless["md"].read_text(encoding="utf-8")
    assert "only facts matching the search “半導体”" in md
    assert "South Korea named its new programme 半導体 2030" in md
    since = make(corpus, tmp_path / "c", "-c", "KR", "--since", "2026-10-01", "--search",
                 "fund", "-f", "md")
    assert since["md"].name == f"brief-kr-since-2026-10-01-search-fund-{DAY}.md"


def test_a_search_that_matches_nothing_says_so(corpus, tmp_path):
    r = run("make", "-c", "KR", "-c", "JP", "--search", "won;DROP TABLE", "--corpus", corpus,
            "--date", DAY, "--out", tmp_path / "out")
    assert r.exit_code == 1
    assert r.stderr == ("error: no facts about South Korea and Japan matching 'won;DROP TABLE'"
                        " in the corpus\n")
    assert not (tmp_path / "out").exists()


def test_an_overriding_render_of_a_saved_brief_keeps_off_its_files(corpus, tmp_path):
    file = tmp_path / "eastasia.yaml"
    assert run("save", file, "-c", "KR", "-c", "JP", "--name", "eastasia", "--corpus",
               corpus).exit_code == 0
    r = run("make", "--brief", file, "--date", DAY)
    assert r.exit_code == 0, r.stderr
    out = tmp_path / "out"
    weekly = {p: p.read_bytes() for p in out.iterdir()}
    assert {p.name for p in weekly} >= {f"eastasia-{DAY}.md", f"eastasia-{DAY}.pdf",
                                        f"eastasia-{DAY}-chart-1.svg"}

    r = run("make", "--brief", file, "-t", "compute", "--date", DAY)
    assert r.exit_code == 0, r.stderr
    written = [Path(p) for p in r.stdout.split()]
    assert [p.name for p in written] == [f"brief-kr-jp-compute-{DAY}.md",
                                         f"brief-kr-jp-compute-{DAY}.pdf"]
    assert all(p.parent == out for p in written)
    assert {p: p.read_bytes() for p in weekly} == weekly  # the weekly brief, charts and all
    assert r.stderr == (
        f"note: -t changes the selection of {file}: this render is not recorded in"
        " eastasia.history.json, has no What's new and is written under the name `make`"
        f" gives its selection, brief-kr-jp-compute-{DAY}, not eastasia-{DAY}\n")
    # Plain `make` with those options names it the same.
    plain = make(corpus, tmp_path / "plain", "-c", "KR", "-c", "JP", "-t", "compute")
    assert plain["md"].name == written[0].name
    # A search given on the command line is in the name too.
    r = run("make", "--brief", file, "--search", "supercomputer", "--date", DAY, "-f", "md")
    assert r.exit_code == 0, r.stderr
    assert Path(r.stdout.strip()).name == f"brief-kr-jp-search-supercomputer-{DAY}.md"
    assert {p: p.read_bytes() for p in weekly} == weekly
