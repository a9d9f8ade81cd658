"""`briefing verify`: every citation of a brief checked against the corpus as it is now.

Briefs are made by the real `briefing make` from a writable copy of the seeds (or a small
corpus written here); the corpus is then changed the way a user would change it.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from briefing.brief import Options, brief_from_store
from briefing.cli import app
from briefing.corpus import decode
from briefing.export import brief_facts_json
from briefing.model import Brief, Selection
from briefing.store import open_store
from briefing.verify import parse_facts_json, parse_markdown, read_brief, unescape_md, verify

DAY = "2026-11-22"
runner = CliRunner()


def make(corpus: Path, out: Path, fmt: str = "md", *args: str) -> Path:
    r = runner.invoke(app, ["make", "-c", "KR", "--corpus", str(corpus), "--out", str(out),
                            "--date", DAY, "--format", fmt, *args])
    assert r.exit_code == 0, r.output
    return Path(r.stdout.strip())


def run_verify(brief: Path, corpus: Path, *args: str):
    return runner.invoke(app, ["verify", str(brief), "--corpus", str(corpus), *args])


def model(corpus: Path) -> Brief:
    store, _ = open_store(corpus)
    with store:
        return brief_from_store(store, Selection(countries=("KR",)), Options(date(2026, 11, 22)))


def citations(brief: Brief) -> list[tuple[str, int, str]]:
    """(fact, source number, path) for every citation, from the model, not from the file."""
    paths = {s.number: s.source.path for s in brief.sources}
    return [(i.fact.text, n, paths[n]) for i in brief.items for n in i.refs]


def lines(output: str) -> list[str]:
    return output.strip().splitlines()


def alter(corpus: Path, path: str, old: str, new: str) -> None:
    file = corpus / path
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1
    file.write_text(text.replace(old, new), encoding="utf-8")


# --------------------------------------------------------------------------- Markdown


def test_an_unchanged_corpus_verifies_every_citation_ok(corpus, tmp_path):
    md = make(corpus, tmp_path / "out")
    expected = citations(model(corpus))
    r = run_verify(md, corpus)
    assert r.exit_code == 0, r.output
    out = lines(r.stdout)
    assert out[-1] == f"{len(expected)} citations: {len(expected)} ok"
    assert len(out) == len(expected) + 1
    assert all(line.startswith("ok ") for line in out[:-1])


def test_an_altered_sentence_is_named_and_fails(corpus, tmp_path):
    md = make(corpus, tmp_path / "out")
    cited = citations(model(corpus))
    fact, number, path = next(c for c in cited if "$6.8 billion" in c[0])
    alter(corpus, path, "$6.8 billion", "$8.6 billion")

    r = run_verify(md, corpus)
    assert r.exit_code == 1
    out = lines(r.stdout)
    failed = [line for line in out[:-1] if not line.startswith(("ok ", "changed "))]
    assert len(failed) == 1
    assert failed[0].startswith(f"not found  [{number}] {path}: “{fact[:40]}")
    # Every other citation of the edited file: its hash changed, the fact is still there.
    same_file = sum(1 for _, _, p in cited if p == path) - 1
    others = len(cited) - same_file - 1
    assert sum(1 for line in out if line.startswith("changed ")) == same_file
    assert out[-1] == f"{len(cited)} citations: {others} ok, {same_file} changed, 1 not found"


def test_whitespace_and_quote_style_changes_are_not_a_different_text(corpus, tmp_path):
    md = make(corpus, tmp_path / "out")
    cited = citations(model(corpus))
    fact, _, path = next(c for c in cited if "’" in c[0])
    # The cited sentence itself, re-typed: straight apostrophes, hard-wrapped, no-break spaces.
    retyped = fact.replace("’", "'").replace(" ", "\n   ", 2).replace(" ", "\u00a0", 1)
    alter(corpus, path, fact, retyped)
    r = run_verify(md, corpus)
    assert r.exit_code == 0, r.output
    assert "not found" not in r.stdout
    assert any(line.startswith("changed ") and fact[:30] in line for line in lines(r.stdout))


def test_a_removed_source_file_is_missing(corpus, tmp_path):
    md = make(corpus, tmp_path / "out")
    cited = citations(model(corpus))
    gone = cited[0][2]
    (corpus / gone).unlink()
    r = run_verify(md, corpus, "--json")
    assert r.exit_code == 1
    report = json.loads(r.stdout)
    assert report["passed"] is False
    statuses = {(c["fact"], c["source"]): c["status"] for c in report["citations"]}
    assert statuses == {(f, n): "missing" if p == gone else "ok" for f, n, p in cited}
    n_gone = sum(1 for _, _, p in cited if p == gone)
    assert report["counts"] == {"ok": len(cited) - n_gone, "missing": n_gone}


def test_markdown_escapes_are_read_back_as_the_source_text(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    tricky = ("South Korea's plan_b costs *less* than the [3] options & more, says the "
              "<ministry> \\ agency.")
    (corpus / "a.md").write_text(
        "---\n" + yaml.safe_dump({"title": "Plan B", "provider": {"name": "Outlet"},
                                  "date": "2026-10-01"}) + "---\n\n"
        f"{tricky}\n\n- 2025. South Korea started the AI voucher scheme for small firms.\n",
        encoding="utf-8")
    md = make(corpus, tmp_path / "out")
    text = md.read_text(encoding="utf-8")
    assert "plan\\_b" in text and "\\[3\\]" in text  # escaped in the file...
    brief = read_brief(md)
    assert tricky in {q.fact for q in brief.quotes}  # ...and read back as written
    r = run_verify(md, corpus)
    assert r.exit_code == 0, r.output
    assert r.stdout.strip().endswith("2 citations: 2 ok")


def test_unescape_is_the_inverse_of_the_renderer_escape():
    from briefing.render.markdown import escape_md

    for text in ("a*b_c [1] <x> `y` | ~z \\ &amp; &copy; & 1. #",
                 "2023: Reports suggest growth.", "- Investment: $5bn", "# not a heading"):
        assert unescape_md(escape_md(text)) == text


def test_a_merged_wire_copy_verifies_and_its_edit_does_not(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    base = "South Korea will spend $6.8 billion on artificial intelligence research next year."
    copy = "South Korea will spend $6.8 billion on artificial-intelligence research next year."
    for name, outlet, sentence in (("a.md", "Outlet A", base), ("b.md", "Outlet B", copy)):
        (corpus / name).write_text(
            "---\n" + yaml.safe_dump({"title": f"Story by {outlet}", "date": "2026-10-01",
                                      "provider": {"name": outlet}}) + f"---\n\n{sentence}\n",
            encoding="utf-8")
    merged = model(corpus).items[0]
    assert len(merged.fact.citations) == 2  # the store made them one fact
    md = make(corpus, tmp_path / "out")
    r = run_verify(md, corpus)
    assert r.exit_code == 0, r.output
    assert "near-identical wording" in r.stdout

    alter(corpus, "b.md", "will spend", "may spend")
    r = run_verify(md, corpus)
    assert r.exit_code == 1
    failed = [line for line in lines(r.stdout) if line.startswith("not found")]
    assert len(failed) == 1 and "b.md" in failed[0]


def test_a_path_outside_the_corpus_is_never_read(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("South Korea will spend more on AI next year.\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    brief = tmp_path / "brief.md"
    brief.write_text("# B\n\n## Key findings\n\n1. “South Korea will spend more on AI next "
                     "year.” [1]\n\n## Sources\n\n1. “S”, undated — file `../secret.md`.\n",
                     encoding="utf-8")
    report = verify(read_brief(brief), corpus)
    assert [c.status for c in report.checks] == ["missing"]


# --------------------------------------------------------------------------- PDF and JSON


def test_a_pdf_brief_is_verified_from_the_facts_it_carries(corpus, tmp_path):
    pdf = make(corpus, tmp_path / "out", "pdf")
    cited = citations(model(corpus))
    r = run_verify(pdf, corpus)
    assert r.exit_code == 0, r.output
    assert lines(r.stdout)[-1] == f"{len(cited)} citations: {len(cited)} ok"

    fact, number, path = next(c for c in cited if "$6.8 billion" in c[0])
    alter(corpus, path, "$6.8 billion", "$8.6 billion")
    r = run_verify(pdf, corpus, "--json")
    assert r.exit_code == 1
    report = json.loads(r.stdout)
    assert report["form"] == "pdf"
    bad = [c for c in report["citations"] if c["status"] not in ("ok", "changed")]
    assert [(c["fact"], c["source"], c["path"], c["status"]) for c in bad] == [
        (fact, number, path, "not found")]


def test_facts_json_pairs_each_source_with_its_number(corpus):
    brief = model(corpus)
    read = parse_facts_json(brief_facts_json(brief), Path("brief.pdf"), "pdf")
    numbers = {s.number: s.source for s in brief.sources}
    assert {(q.fact, q.number) for q in read.quotes} == {
        (f, n) for f, n, _ in citations(brief)}
    for number, entry in read.sources.items():
        assert entry.path == numbers[number].path
        assert entry.sha256 == numbers[number].sha256
    # Spans point at the fact in the decoded file.
    q = read.quotes[0]
    text, _ = decode((corpus / read.sources[q.number].path).read_bytes())
    start, end = q.spans[0]
    assert " ".join(text[start:end].split()) == q.wordings[0]


def test_json_and_markdown_readings_of_one_brief_agree(corpus, tmp_path):
    md = make(corpus, tmp_path / "out")
    brief = model(corpus)
    from_md = parse_markdown(md.read_text(encoding="utf-8"), md)
    from_json = parse_facts_json(brief_facts_json(brief), md)
    assert {(q.fact, q.number) for q in from_md.quotes} == {
        (q.fact, q.number) for q in from_json.quotes}
    for n, entry in from_md.sources.items():
        assert entry.path == from_json.sources[n].path
        assert from_json.sources[n].sha256.startswith(entry.sha256)


# --------------------------------------------------------------------------- usage errors


def _pdf_without_attachments(path: Path) -> Path:
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


@pytest.mark.parametrize("name,content,message", [
    ("notes.md", "# Notes\n\nNothing cited here.\n", "quotes no cited facts"),
    ("image.md", b"\xff\xd8\xff\xe0 binary", "neither a PDF nor UTF-8 text"),
    ("broken.pdf", b"%PDF-1.7\n garbage", "cannot read the PDF"),
    ("facts.json", "[{\"text\": 1}]", "lacks"),
    ("absent.md", None, "cannot read"),
])
def test_a_file_that_is_not_a_brief_exits_2_with_one_line(tmp_path, corpus, name, content,
                                                          message):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    r = run_verify(path, corpus)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1
    assert r.stderr.startswith("error: ") and message in r.stderr


def test_a_pdf_made_elsewhere_exits_2(tmp_path, corpus):
    r = run_verify(_pdf_without_attachments(tmp_path / "other.pdf"), corpus)
    assert r.exit_code == 2
    assert "carries no facts.json or brief.md" in r.stderr


def test_verify_is_listed_with_an_example():
    r = runner.invoke(app, ["verify", "--help"])
    assert r.exit_code == 0
    assert "Example: briefing verify" in r.stdout


def test_copied_corpus_elsewhere_still_verifies(corpus, tmp_path):
    md = make(corpus, tmp_path / "out")
    moved = tmp_path / "moved"
    shutil.copytree(corpus, moved)
    shutil.rmtree(corpus)
    r = run_verify(md, moved)
    assert r.exit_code == 0, r.output


def test_the_verify_core_loads_no_ui_or_pdf_library_until_asked():
    import subprocess
    import sys

    code = ("import sys, briefing.verify; print([m for m in ('textual', 'typer', 'weasyprint', "
            "'pypdf') if m in sys.modules])")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "[]"
