"""Test articles for the extraction tests: one article written for a test, saved in a temp
folder and read by the real reader and extractor, and the statements it gives looked up."""

from __future__ import annotations

from pathlib import Path

from briefing.extract.discourse import name_roles
from briefing.extract.facts import Statement, extract_statements
from briefing.extract.themes import load_taxonomy
from briefing.ingest.document import read_document

TAXONOMY = load_taxonomy()


def statements(tmp_path: Path, text: str) -> list[Statement]:
    """The statements of the article `text` (headline, blank line, paragraphs)."""
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    (article,) = read_document(tmp_path, path).articles
    return extract_statements(article, TAXONOMY)


def find(found: list[Statement], words: str) -> Statement:
    """The one statement quoting `words`."""
    hits = [s for s in found if words in s.text]
    assert len(hits) == 1, (words, [s.text for s in found])
    return hits[0]


def story(tmp_path: Path, headline: str, lede: str, sentence: str) -> Statement:
    """The statement of `sentence` in a story whose headline and lede say whom it is about."""
    return find(statements(tmp_path, f"{headline}\n\n{lede}\n\n{sentence}\n"), sentence[:40])


def roles(sentence: str) -> list[tuple[str, str]]:
    """Each country the sentence names, with its role (subject or mention)."""
    return [(n.code, n.role) for n in name_roles(sentence)]


def statement(tmp_path: Path, title: str, sentence: str) -> Statement:
    """The statement of a one-sentence article under `title`."""
    found = [s for s in statements(tmp_path, f"{title}\n\n{sentence}\n") if s.text == sentence]
    assert found, f"no statement for {sentence!r}"
    return found[0]


def owners(st: Statement) -> dict[str, str | None]:
    """Each figure of a statement (years aside) with the country it belongs to."""
    return {f.text: f.country for f in st.figures if f.kind != "year"}
