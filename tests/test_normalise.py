"""Characters that are never article text (control characters and terminal escape sequences,
PDFium's line-end hyphen marker, soft hyphens, zero-width characters, ligatures) never reach
a fact, whichever reader read the file; briefs never write one raw, and never fail on one."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from factories import make_brief, make_fact, make_source
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from briefing.brief.render.markdown import render_markdown
from briefing.cli.app import app
from briefing.ingest.decoding import decode
from briefing.ingest.document import document_text
from briefing.ingest.formats.normalise import (
    PDFIUM_HYPHEN,
    SOFT_HYPHEN,
    TEXT_RULES,
    TYPESET_HYPHEN,
    Vocabulary,
    clean_text,
    keeps_hyphen,
)

DAY = "2026-11-22"
runner = CliRunner()

#: What must never be in a fact: C0/C1 controls but tab, newline and carriage return,
#: PDFium's markers, soft hyphens, zero-width spaces and joiners, ligatures.
NEVER = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff"
                   "\ufb00-\ufb06\ufffe\uffff]")
#: What must never be in a Markdown brief: any control character but tab and newline.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# --------------------------------------------------------------------------- clean_text


@pytest.mark.parametrize("dirty, clean", [
    # Terminal escape sequences go whole, with their parameters and payloads.
    ("Seoul\x1b[2J\x1b[H said", "Seoul said"),
    ("the plan\x1b[1;31m grew\x1b[0m.", "the plan grew."),
    ("a fund\x1b]52;c;c2VjcmV0\x07 of 3%", "a fund of 3%"),
    ("a title\x1b]0;pwned\x1b\\ here", "a title here"),
    ("eight-bit\x9b2J csi", "eight-bit csi"),
    ("a bell\x07 and a DEL\x7f gone", "a bell and a DEL gone"),
    ("keeps\ttabs\r\nand newlines", "keeps\ttabs\r\nand newlines"),
    # Controls Python reads as line breaks stay line breaks.
    ("page one\x0cpage two\x85end", "page one\npage two\nend"),
    # Hyphenation points and zero-width breaks only say where a word may break.
    ("gov\u00adern\u00adment", "government"),
    ("cross\u200bregional", "crossregional"),
    ("a\u2060b\ufeffc", "abc"),
    ("Auf\u200clage", "Auflage"),
    # Ligatures as letters.
    ("\ufb01nal \ufb02ow e\ufb03cient a\ufb04uent o\ufb00er", "final flow efficient affluent offer"),
    # PDFium's marker, as its own viewer copies it.
    ("the state\ufffebacked fund", "the state-backed fund"),
    ("Plain text stays as it is.", "Plain text stays as it is."),
])
def test_clean_text(dirty, clean):
    assert clean_text(dirty) == clean


def test_joiners_that_change_what_is_written_stay():
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # ZWNJ inside a Persian word
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # a ZWJ emoji sequence
    assert clean_text(persian) == persian
    assert clean_text(family) == family


@pytest.mark.parametrize("text, joined", [
    # A compound: "regional" is a word of the document.
    ("the Cross\x02 regional council met; regional funds grew", "Cross-regional"),
    # Hyphenation: "ment" is never a word of its own here, but ends "investment".
    ("new govern\x02\nment laboratories and more investment", "government"),
    # The document writes the joined word elsewhere.
    ("a co\x02 operation deal; the cooperation widened", "cooperation"),
    # ... or the hyphenated one.
    ("a co\x02 operation deal; the co-operation widened", "co-operation"),
    # A capital after the break keeps the hyphen.
    ("the Asia\x02 Pacific rim; apacific", "Asia-Pacific"),
])
def test_pdfium_marker_in_text_is_a_hyphen_or_a_join(text, joined):
    cleaned = clean_text(text)
    # The word at the marker, not anywhere: two cases write the expected word later too.
    at_marker = len(text.split("\x02")[0].split()) - 1
    assert cleaned.split()[at_marker] == joined, cleaned
    assert "\x02" not in cleaned


def vocabulary(text: str) -> Vocabulary:
    return Vocabulary.of_lines(text.splitlines())


@pytest.mark.parametrize("head, tail, mark, text, kept", [
    ("gov", "ernment", SOFT_HYPHEN, "gov-ernment gov-ernment", False),  # soft: always a break
    ("COVID", "19", "-", "", True),
    ("Asia", "Pacific", TYPESET_HYPHEN, "", True),
    ("state", "backed", PDFIUM_HYPHEN, "state-backed loans", True),
    ("infra", "structure", "-", "infrastructure", False),
    ("organiz", "ation", TYPESET_HYPHEN, "", False),  # a typesetter's mark joins by default
    ("cross", "regional", PDFIUM_HYPHEN, "", True),  # no evidence, not a word's ending: kept
    ("govern", "ment", PDFIUM_HYPHEN, "investment development", False),  # an ending: joined
    ("state", "owned", "-", "owned outright", True),  # a word of its own: kept
])
def test_keeps_hyphen(head, tail, mark, text, kept):
    assert keeps_hyphen(head, tail, mark, vocabulary(text)) is kept


def test_the_halves_of_a_broken_word_do_not_vouch_for_themselves():
    v = Vocabulary.of_lines(["the new govern-", "ment said"])
    assert v.words["ment"] == 0 and v.words["govern"] == 0 and v.words["said"] == 1


_TEXT = st.lists(st.sampled_from(
    [*"ab Zé-\n\t\r.", "\x1b", "[", "]", "2J", "\x07", "\x02", "\ufffe", "\x9b", "\x85",
     "\x0c", "\x7f", "\u00ad", "\u200b", "\u200c", "\u200d", "\ufb01", "\ufb03", "\u2010",
     "\x00", "\x1f"]), max_size=60).map("".join)


@given(_TEXT)
def test_clean_text_leaves_none_of_them_and_is_settled(text):
    once = clean_text(text)
    assert not NEVER.search(once)
    assert clean_text(once) == once


# --------------------------------------------------------------------------- readers

#: An article in our own words, with what a scraped or copied text brings along: escape
#: sequences a terminal would obey, PDFium's hyphen marker from a copied PDF, a soft hyphen,
#: a zero-width space and a ligature.
DIRTY_ARTICLE = (
    "---\ntitle: \"Seoul widens its \x1b[31mcompute\x1b[0m plan\"\npublisher: Example Wire\n"
    "date: 2026-03-02\n---\n\n"
    "South Korea will spend 2.4 trillion won on a cross\x02 regional network of public data "
    "centres by 2028, the science ministry said.\x1b[2J\x1b[H\n\n"
    "The ministry said the state\x02\nbacked fund would cover 40% of the cost of new "
    "laboratories.\x1b]52;c;aGVsbG8gdGhlcmU=\x07\n\n"
    "Officials said the \ufb01nal plan had been agreed with 12 uni\u00adversities in the "
    "regional pro\u200bgramme.\n")


def facts_of(corpus: Path) -> list[dict]:
    r = runner.invoke(app, ["facts", "--corpus", str(corpus), "--json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_a_text_file_is_read_clean(tmp_path):
    (tmp_path / "kr.txt").write_text(DIRTY_ARTICLE, "utf-8")
    facts = facts_of(tmp_path)
    texts = [f["text"] for f in facts]
    assert len(texts) == 3
    for fact in facts:
        assert not NEVER.search(json.dumps(fact, ensure_ascii=False).replace("\\n", " "))
        assert not NEVER.search(fact["text"])
    assert "cross-regional network" in texts[0] and "state-backed fund" in texts[1]
    assert "final plan" in texts[2] and "12 universities" in texts[2]
    assert "regional programme" in texts[2]
    assert facts[0]["source"]["title"] == "Seoul widens its compute plan"
    # Spans point into the text the reader gives, which is the cleaned one.
    text, _ = document_text("kr.txt", (tmp_path / "kr.txt").read_bytes())
    for fact in facts:
        start, end = fact["span"]
        assert " ".join(text[start:end].split()) == fact["text"]


def test_decode_is_the_one_place_text_files_are_cleaned():
    text, warnings = decode(DIRTY_ARTICLE.encode("utf-8"))
    assert warnings == () and not NEVER.search(text)
    line = "The caf\u00e9 chain said its \x1b[2Jsales rose by 4% in the year to March."
    cp1252, warnings = decode(line.encode("cp1252"))
    assert cp1252 == line.replace("\x1b[2J", "") and warnings


def test_a_saved_page_is_read_clean(tmp_path):
    page = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Tokyo \x1b[2Jfunds "
            "chips</title></head><body><article><h1>Tokyo funds chips</h1>"
            "<p>Japan will give 90 billion yen to a state-backed chip maker in Hokkaido, the "
            "industry ministry said on Friday.\x1b[2J</p>"
            "<p>The subsidy is meant to help the company buy e\ufb03cient ma&shy;chines for "
            "its new factory, officials said.\u200b</p>"
            "<p>The government said the money would be paid over four years from 2026.</p>"
            "</article></body></html>")
    (tmp_path / "jp.html").write_text(page, "utf-8")
    facts = facts_of(tmp_path)
    assert facts and all(not NEVER.search(f["text"]) for f in facts)
    assert any("efficient machines" in f["text"] for f in facts)
    assert all(not NEVER.search(f["source"]["title"] or "") for f in facts)
    assert facts[0]["source"]["extractor"].endswith(f"; {TEXT_RULES}")


# --------------------------------------------------------------------------- briefs


def test_markdown_never_writes_a_control_character_raw():
    src = make_source(1)
    brief = make_brief([make_fact(1, "The fund\x1b[2J\x1b[H grew by 5%\x07 in\x9b 2025.", src)])
    markdown = render_markdown(brief)
    assert not RAW_CONTROL.search(markdown)
    assert "The fund\u241b\\[2J\u241b\\[H grew by 5%\u2407 in\\u009b 2025." in markdown


def make_brief_files(corpus: Path, out: Path, fmt: str, *args: str) -> list[Path]:
    r = runner.invoke(app, ["make", "-c", "KR", "--corpus", str(corpus), "--out", str(out),
                            "--date", DAY, "--format", fmt, *args])
    assert r.exit_code == 0, r.output
    return [Path(line) for line in r.stdout.split()]


def test_a_dirty_corpus_gives_clean_briefs_that_verify(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "kr.txt").write_text(DIRTY_ARTICLE, "utf-8")
    files = make_brief_files(corpus, tmp_path / "out", "both", "--audit")
    md, pdf = sorted(files, key=lambda p: p.suffix != ".md")
    markdown = md.read_text("utf-8")
    assert not RAW_CONTROL.search(markdown) and not NEVER.search(markdown)
    assert "cross-regional network" in markdown
    shown = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    assert "cross-regional" in " ".join(shown.split())
    assert not NEVER.search(shown.replace("\x0c", ""))  # pdftotext ends pages with a form feed
    assert "no installed font can draw" not in shown
    for brief in (md, pdf):
        r = runner.invoke(app, ["verify", str(brief), "--corpus", str(corpus)])
        assert r.exit_code == 0, r.output
        assert "3 citations: 3 ok" in r.stdout

