"""`briefing verify`: every citation of a brief checked against the corpus as it is now.

Briefs are made by the real `briefing make` from a writable copy of the seeds (or a small
corpus written here); the corpus is then changed the way a user would change it.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from briefing.brief.build import Options, brief_from_store
from briefing.brief.export import brief_facts_json
from briefing.brief.verify import parse_facts_json, parse_markdown, read_brief, unescape_md, verify
from briefing.cli.app import app
from briefing.ingest.decoding import decode
from briefing.model import Brief, Selection
from briefing.store import open_store

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
    changed = [line for line in out if line.startswith("changed ")]
    assert len(changed) == same_file
    # Each says the quote still stands, so "changed" does not read as a changed fact.
    assert all(line.endswith(" — the file changed since the brief was made, and still "
                             "states this") for line in changed)
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
    from briefing.brief.render.markdown import escape_md

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

    code = ("import sys, briefing.brief.verify; print([m for m in ('textual', 'typer', 'weasyprint', "
            "'pypdf') if m in sys.modules])")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "[]"


# --------------------------------------------------------------------------- older versions

#: A page written for these tests, as `briefing add` fetched it twice: between the fetches
#: one statement stayed, one had its figure changed and one was dropped.
STAYS = "Norway will open two public computing centres for university researchers in 2027."
CHANGES = "Norway will spend {} kroner on graphics processors for the centres next year."
GOES = "Norway plans to train about 400 engineers to run the centres by the end of 2028."
ARRIVES = "The ministry said the tender for the buildings would open in the spring."
PAGE_URL = "https://news.example.org/2026/03/norway-compute"


def fetched_page(corpus: Path, name: str, when: str, *sentences: str) -> None:
    body = "".join(f"<p>{s}</p>" for s in sentences)
    (corpus / name).write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Norway sets out its compute plan</title></head><body><article>"
        f"<h1>Norway sets out its compute plan</h1>{body}</article></body></html>",
        encoding="utf-8")
    (corpus / f"{name}.fetch.json").write_text(json.dumps(
        {"url": PAGE_URL, "fetched_at": when, "status": 200, "content_type": "text/html"}),
        encoding="utf-8")


def test_a_citation_of_an_older_version_says_what_the_newer_one_states(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    old, new = "news.example.org-norway-compute.html", "news.example.org-norway-compute-v2.html"
    fetched_page(corpus, old, "2026-03-01T09:00:00Z",
                 STAYS, CHANGES.format("1.2 billion"), GOES)
    r = runner.invoke(app, ["make", "-c", "NO", "--corpus", str(corpus), "--out",
                            str(tmp_path / "out"), "--date", DAY, "--format", "md"])
    assert r.exit_code == 0, r.output
    brief = Path(r.stdout.strip())
    fetched_page(corpus, new, "2026-03-05T10:30:00Z",
                 STAYS, CHANGES.format("1.5 billion"), ARRIVES)

    r = run_verify(brief, corpus, "--json")
    # Each still states what it is cited for, but the page now says something else of two.
    assert r.exit_code == 1, r.output
    report = json.loads(r.stdout)
    assert report["summary"] == ("3 citations: 3 ok (1 changed in a newer version of its page;"
                                 " 1 no longer stated by a newer version of its page)")
    assert sorted(c["newer_version"] for c in report["citations"]) == ["changed", "gone",
                                                                        "same"]
    older = f"cites an older version of this page (updated 2026-03-05, {new})"
    said = {c["fact"]: c["detail"] for c in json.loads(r.stdout)["citations"]}
    assert said == {
        STAYS: f"{older}; the newer version says the same",
        CHANGES.format("1.2 billion"):
            f"{older}; the statement changed in the newer version: "
            f"“{CHANGES.format('1.5 billion')}”",
        GOES: f"{older}; the statement is not in the newer version",
    }


# --------------------------------------------------------------------------- PDF as printed


def report_corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A corpus of one two-column report (tests/pages.py) and a Markdown brief made from it."""
    from pages import report_pdf

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "r.pdf").write_bytes(report_pdf())
    r = runner.invoke(app, ["make", "-c", "EE", "--corpus", str(corpus), "--out",
                            str(tmp_path / "out"), "--date", DAY, "--format", "md"])
    assert r.exit_code == 0, r.output
    return corpus, Path(r.stdout.strip())


def test_quotes_from_a_report_are_found_in_it_as_printed(tmp_path):
    """pypdf's own reading of each cited page agrees with ours: every citation is ok."""
    corpus, md = report_corpus(tmp_path)
    r = run_verify(md, corpus)
    assert r.exit_code == 0, r.output
    out = lines(r.stdout)
    assert len(out) > 4 and all(line.startswith("ok ") for line in out[:-1])
    assert "as printed" not in r.stdout


def test_a_misreading_of_ours_is_not_confirmed_by_the_report_as_printed(tmp_path, monkeypatch):
    """Our reader glues the running header into a sentence at the top of page 2: the brief
    quotes the glued text and our text states it, but the report as printed does not."""
    from pages import REPORT_HEADER

    import briefing.ingest.document

    corpus, md = report_corpus(tmp_path)
    sentence = "The fifth finding of the outlook"
    glued = f"{REPORT_HEADER} {sentence}"
    real = briefing.ingest.document.document_text

    def misreading(rel, data):
        text, reading = real(rel, data)
        assert text.count(sentence) == 1
        text = text.replace(sentence, glued)
        return text, replace(reading, text=text)

    monkeypatch.setattr(briefing.ingest.document, "document_text", misreading)
    brief = md.read_text(encoding="utf-8")
    assert brief.count(f"“{sentence}") == 1
    md.write_text(brief.replace(f"“{sentence}", f"“{glued}"), encoding="utf-8")

    r = run_verify(md, corpus)
    assert r.exit_code == 1
    out = lines(r.stdout)
    (failed,) = [line for line in out[:-1] if not line.startswith("ok ")]
    assert failed.startswith(f"not found  [1] r.pdf: “{REPORT_HEADER}")
    assert failed.endswith(
        "— not found in the PDF as printed (our reading of the report may be wrong)")
    assert out[-1] == f"{len(out) - 1} citations: {len(out) - 2} ok, 1 not found"


def test_the_printed_check_reads_what_pypdf_prints_as_the_text_it_is():
    """The rules on text in the shape pypdf prints a page: line-end hyphens (U+2010 and
    "-"), ligatures, curly quotes, doubled spaces and case are not differences; a sentence
    may run on past lines of a table and a footer to the next page; a header or a table's
    number before it, or a word cut short, is not the printed text."""
    from briefing.brief.printed import lines_of, reads_in_order

    page = lines_of(
        "Estonia’s ministry said the cluster would\n"
        "double  its  capacity  by  2027.  The  gov‐\n"
        "ernment will also ﬁnance a state-\n"
        "backed cloud for research. The\n"
        "Public compute budgets (€m)\n"
        "Estonia 14.9\n"
        "Latvia 5.4\n"
        "Page 1 of 2\n"
        "agency had contracted about 3,400 units\n"
        "by September 2026.\n"
        "Digital Sovereignty Outlook Annual Report\n")
    ok = ("Estonia's ministry said the cluster would double its capacity by 2027.",
          "The government will also finance a state-backed cloud for research.",
          "The agency had contracted about 3,400 units by September 2026.",
          "Public compute budgets (€m)")
    for quote in ok:
        assert reads_in_order(quote, page), quote
    wrong = ("5.4 agency had contracted about 3,400 units by September 2026.",
             "Digital Sovereignty Outlook Annual Report agency had contracted about 3,400 units",
             "ministry said the cluster would double its capacity by 2027.",  # mid-sentence
             "The agency had contracted about 3,400 units by Sept",
             "The agency had contracted about 3,500 units by September 2026.",
             "The government will also finance a state-backed cloud for research in 2027.")
    for quote in wrong:
        assert not reads_in_order(quote, page), quote
    # The lines skipped between two parts of a sentence are bounded.
    table = "\n".join(f"Row {n} 1.{n}" for n in range(40))
    assert not reads_in_order("The agency had contracted about 3,400 units",
                              lines_of(f"a cloud for research. The\n{table}\nagency had "
                                       "contracted about 3,400 units\n"))


def test_a_quote_may_start_after_the_number_of_its_paragraph():
    """White papers and statutes number their paragraphs ("2.1", "(b)", "§ 7"), and pypdf
    prints the number on the line before the sentence: the sentence starts there. A number
    that is a figure the quote left out, or words before it, still fail."""
    from briefing.brief.printed import lines_of, reads_in_order

    page = lines_of(
        "2. Compute and data centres\n"
        "2.1  Tasmania hosts about 40 megawatts of data centre capacity, most of\n"
        "it near Hobart.\n"
        "(b) The Minister may exempt a research facility.\n"
        "§ 7 Operators must report their water use each year.\n"
        "The island's population grew by about 2.1 million people over a\n"
        "century. In 2025 the agency grew by 12 staff.\n")
    ok = ("Tasmania hosts about 40 megawatts of data centre capacity, most of it near Hobart.",
          "2.1 Tasmania hosts about 40 megawatts of data centre capacity",
          "The Minister may exempt a research facility.",
          "Operators must report their water use each year.")
    for quote in ok:
        assert reads_in_order(quote, page), quote
    wrong = ("million people over a century.",  # the figure before it left out
             "the agency grew by 12 staff.",  # mid-sentence, after a year
             "Hobart hosts about 40 megawatts of data centre capacity")
    for quote in wrong:
        assert not reads_in_order(quote, page), quote
