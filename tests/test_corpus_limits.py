"""A corpus folder an attacker (or an unlucky analyst) filled: every command syncs it first,
so no one file may stop, hang or swamp any command.

Hostile inputs are built in tmp_path (a 50 MB saved page, a 200 MB one-line text file, a
5 MB YAML title, link loops, a link to /etc/passwd, a name that is not UTF-8, a path past
4,096 bytes, 5,000 empty files) and the real `briefing` runs on them in a subprocess, timed,
with its peak memory (its own and its pool workers') read from `wait4` in a small launcher
(tests/processes.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from processes import Run
from processes import briefing as run_briefing
from typer.testing import CliRunner

from briefing.cli.app import app
from briefing.errors import CorpusError
from briefing.ingest.article import Block
from briefing.ingest.document import BLOCK_MAX_CHARS, bounded_blocks, read_document
from briefing.ingest.front_matter import TITLE_MAX_CHARS
from briefing.ingest.urls import clean_url, url_host
from briefing.ingest.walk import walk_corpus

BRIEFING = Path(sys.executable).with_name("briefing")
runner = CliRunner()

# A short article in our own words: three statements about South Korea.
GOOD = """---
title: Seoul sets out a plan for national AI computing
date: 2026-03-02
---
South Korea will spend $2.5 billion on public AI computing centres by 2028, the science ministry said on Tuesday.

The ministry said South Korea plans to train 4,000 chip engineers over the next three years.

South Korea will open two of the new computing centres to universities in 2027, officials said.
"""
SENTENCE = ("Seoul will fund 12 new AI data centres in 2026 for sovereign AI, the ministry "
            "said on Monday. ")
MB = 1024 * 1024


def briefing(*args: str, cache: Path, timeout: float, **env: str) -> Run:
    """The real CLI in a process of its own under the shared launcher (tests/processes.py),
    with only our BRIEFING_ settings; a hang past `timeout` fails the test. Its peak memory
    is the largest of the command and every descendant it waited for (its pool workers),
    counted from the launcher's few MB, not from pytest's inherited peak."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    return run_briefing(*args, tmp=cache.parent, timeout=timeout, environ=environ,
                        BRIEFING_CACHE_DIR=str(cache), **env)


def write_repeated(path: Path, head: bytes, chunk: bytes, size: int, tail: bytes = b"") -> None:
    """A file of `size` bytes: `head`, whole chunks, `tail`, a megabyte at a time."""
    body = size - len(head) - len(tail)
    block = chunk * max(1, MB // len(chunk))
    with path.open("wb") as fh:
        fh.write(head)
        for _ in range(body // len(block)):
            fh.write(block)
        rest = body % len(block)
        fh.write(block[:rest - rest % len(chunk)])
        fh.write(b" " * (rest % len(chunk)) + tail)


def deep_file(root: Path) -> str | None:
    """A file under nested folders whose path is past 4,096 bytes, made through folder
    descriptors (no path that long can be opened); None when the file system refuses."""
    name = "n" * 200
    parts: list[str] = []
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _ in range(22):  # 22 folders of 201 bytes: 4,422
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = inner
            parts.append(name)
        out = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, GOOD.encode())
        os.close(out)
    except OSError:
        return None
    finally:
        os.close(fd)
    return "/".join(parts) + "/deep.txt"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Iterator[tuple[Path, str | None]]:
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "good.md").write_text(GOOD, encoding="utf-8")
    # A saved page of 50 MB: real markup, paragraph after paragraph.
    write_repeated(corpus / "huge-page.html",
                   b"<html><head><title>Chip plan</title></head><body><article>",
                   b"<p>" + SENTENCE.encode() * 3 + b"</p>\n", 50 * MB,
                   b"</article></body></html>")
    # 200 MB of prose on one line.
    write_repeated(corpus / "one-line.txt", b"", SENTENCE.encode(), 200 * MB)
    # A 5 MB title in YAML front matter, then a short story.
    (corpus / "long-title.md").write_text(
        "---\ntitle: " + "Chip plan news " * (5 * MB // 15) + "\ndate: 2026-03-03\n---\n"
        + "South Korea will build 3 new chip plants in 2027, the industry ministry said.\n",
        encoding="utf-8")
    # Malformed metadata: a URL no parser accepts, a day February never has.
    (corpus / "bad-fields.md").write_text(
        '---\ntitle: Odd fields\nurl: "http://[::1"\ndate: 2026-02-30\n---\n'
        "South Korea will fund 40 AI start-ups this year, the ministry said on Friday.\n",
        encoding="utf-8")
    os.symlink("b.txt", corpus / "a.txt")  # a -> b, b -> a
    os.symlink("a.txt", corpus / "b.txt")
    os.symlink("self.md", corpus / "self.md")  # a link to itself
    os.symlink(".", corpus / "loop")  # a folder that contains itself
    os.symlink("/etc/passwd", corpus / "passwd.txt")
    os.symlink("good.md", corpus / "alias.md")  # inside the corpus: still read
    with open(os.fsencode(corpus) + b"/caf\xe9.txt", "wb") as fh:
        fh.write(GOOD.encode())
    empty = corpus / "empty"
    empty.mkdir()
    for n in range(5000):
        (empty / f"e{n:04}.txt").touch()
    yield corpus, deep_file(corpus)
    shutil.rmtree(root)  # 250 MB: not left for pytest's last three runs to keep


def test_a_hostile_corpus_lists_each_problem_and_the_rest_works(hostile, tmp_path):
    corpus, deep = hostile
    cache = tmp_path / "cache"
    first = briefing("sources", "--corpus", str(corpus), "--json", cache=cache, timeout=60)
    assert first.code == 0, first.stderr
    assert first.seconds <= 30 and first.process_mb <= 300, (first.seconds, first.process_mb)
    listed = json.loads(first.stdout)
    reasons = {s["path"]: s["reason"] for s in listed["skipped"]}
    assert reasons["huge-page.html"] == "too large: 50.0 MB, over the 10 MB limit"
    assert reasons["one-line.txt"] == "too large: 200.0 MB, over the 10 MB limit"
    assert reasons["a.txt"] == reasons["b.txt"] == reasons["self.md"] == (
        "a symbolic link loop: not followed")
    assert reasons["passwd.txt"] == "a link to a file outside the corpus: not followed"
    assert reasons["caf\\xe9.txt"].startswith("its name is not valid UTF-8")
    assert sum(r == "empty file" for r in reasons.values()) == 5000
    if deep is not None:  # the file system made it
        (folder,) = [p for p in reasons if p.startswith("nnnn")]
        assert deep.startswith(folder) and folder.endswith("/")
        assert reasons[folder].startswith("path too long")
    assert not any("loop/" in p for p in reasons)  # the folder link is never walked
    sources = {s["path"]: s for s in listed["sources"]}
    # The good article, the link to it inside the corpus, and the files whose bad or huge
    # fields are ignored or cut are all read.
    assert {"good.md", "alias.md", "bad-fields.md", "long-title.md"} <= set(sources)
    assert sources["good.md"]["facts"] == 3 and sources["alias.md"]["title"] == (
        "Seoul sets out a plan for national AI computing")
    assert sources["bad-fields.md"]["url"] is None and sources["bad-fields.md"]["facts"] == 1
    title = sources["long-title.md"]["title"]
    assert len(title) <= TITLE_MAX_CHARS and title.startswith("Chip plan news") and (
        title.endswith("…"))
    assert "root:" not in first.stdout  # /etc/passwd was never read

    # Every other command: one summary warning, the facts, in bounded time.
    again = briefing("countries", "--corpus", str(corpus), cache=cache, timeout=60)
    assert again.code == 0, again.stderr
    assert again.seconds <= 30 and again.process_mb <= 300, (again.seconds, again.process_mb)
    assert "South Korea" in again.stdout
    # bad-fields.md is read without its impossible date, and says so in a line of its own.
    warning, dateless = again.stderr.splitlines()
    assert dateless == ("warning: bad-fields.md: front matter date: '2026-02-30' is not a"
                        " date (read without it)")
    total = len(reasons)
    assert warning.startswith(f"warning: {total:,} files skipped (empty file: 5,000, ")
    assert warning.endswith("; see `briefing sources`")
    assert "too large: 2" in warning and "a symbolic link loop: 3" in warning

    # The 5 MB title no longer makes the up-to-date listing slow to lay out.
    table = briefing("sources", "--corpus", str(corpus), cache=cache, timeout=60)
    assert table.code == 0 and table.seconds <= 15, table.seconds
    assert "skipped huge-page.html: too large: 50.0 MB, over the 10 MB limit" in table.stdout
    assert "skipped caf\\xe9.txt: its name is not valid UTF-8" in table.stdout


def test_a_one_line_text_file_under_the_limit_indexes_in_bounded_time(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.md").write_text(GOOD, encoding="utf-8")
    write_repeated(corpus / "one-line.txt", b"", SENTENCE.encode(), 9 * MB)
    # Before blocks were bounded this did not finish in seven minutes (work that grows
    # with the square of a paragraph's length); now about 25 s on one core.
    run = briefing("sources", "--corpus", str(corpus), "--json", cache=tmp_path / "cache",
                   timeout=150)
    assert run.code == 0, run.stderr
    assert run.seconds <= 120 and run.process_mb <= 450, (run.seconds, run.process_mb)
    sources = {s["path"]: s["facts"] for s in json.loads(run.stdout)["sources"]}
    assert sources == {"good.md": 3, "one-line.txt": 1}  # one sentence, said many times


def test_the_size_limit_is_set_by_the_environment_and_a_change_rereads(tmp_path,
                                                                         monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.md").write_text(GOOD, encoding="utf-8")
    (corpus / "long.md").write_text(GOOD.replace("two of the new", "six of the new") + "\n"
                                    + ("Filler words to make the file larger. " * 3000),
                                    encoding="utf-8")

    def skipped() -> dict[str, str]:
        r = runner.invoke(app, ["sources", "--corpus", str(corpus), "--json"])
        assert r.exit_code == 0, r.output
        return {s["path"]: s["reason"] for s in json.loads(r.stdout)["skipped"]}

    monkeypatch.setenv("BRIEFING_MAX_FILE_MB", "0.05")
    assert skipped() == {"long.md": "too large: 0.1 MB, over the 0.05 MB limit"}
    monkeypatch.delenv("BRIEFING_MAX_FILE_MB")  # back to 10 MB: the file is read now
    assert skipped() == {}
    monkeypatch.setenv("BRIEFING_MAX_FILE_MB", "not a number")  # a typo keeps 10 MB
    assert skipped() == {}
    monkeypatch.setenv("BRIEFING_MAX_FILE_MB", "0.05")
    assert skipped() == {"long.md": "too large: 0.1 MB, over the 0.05 MB limit"}


def test_a_file_that_grew_past_the_limit_after_the_walk_is_not_read_whole(tmp_path,
                                                                          monkeypatch):
    monkeypatch.setenv("BRIEFING_MAX_FILE_MB", "0.01")
    path = tmp_path / "grown.txt"
    path.write_text(GOOD + "More text. " * 2000, encoding="utf-8")
    with pytest.raises(CorpusError, match=r"^too large: 2\d kB, over the 0\.01 MB limit$"):
        read_document(tmp_path, path)


def test_a_page_of_too_many_tags_is_skipped_before_it_is_parsed(tmp_path):
    # 2.6 MB of table rows: trafilatura spends about 0.1 ms a tag (some 20 s here).
    rows = b"<tr><td>South Korea 5%</td><td>12</td></tr>" * 60_000
    (tmp_path / "table.html").write_bytes(b"<html><body><table>" + rows
                                          + b"</table></body></html>")
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    started = time.monotonic()
    r = runner.invoke(app, ["sources", "--corpus", str(tmp_path), "--json"])
    assert time.monotonic() - started < 10
    assert r.exit_code == 0, r.output
    listed = json.loads(r.stdout)
    assert [(s["path"], s["reason"]) for s in listed["skipped"]] == [
        ("table.html", "too many HTML tags: 180,003, over the 100,000 limit")]
    assert [s["path"] for s in listed["sources"]] == ["good.md"]


@pytest.mark.parametrize("value", [
    "http://[::1", "https://[fe80::1/x", "http://example.org:99999/", "http://example.org:port/",
    "https://exa mple.org/", "http://" + "a" * 5000 + ".org/", "javascript:alert(1)", "/news/x",
])
def test_a_malformed_url_is_ignored_never_raised(value):
    assert clean_url(value) is None
    assert url_host(value) is None or isinstance(url_host(value), str)


def test_a_good_url_is_kept():
    assert clean_url(" https://www.example.org/news/ai?id=3 ") == (
        "https://www.example.org/news/ai?id=3")
    assert url_host("https://www.example.org/news") == "example.org"


def test_malformed_or_absurd_front_matter_values_are_ignored_fields(tmp_path):
    text = ("---\ntitle: Odd fields\nurl: \"http://[::1\"\ndate: 2026-02-30\n"
            "publisher: " + "x" * 5000 + "\nsaved: 0000-01-01\n---\n"
            "SEOUL, March 4 (Reuters) - South Korea will fund 40 AI start-ups this year, the "
            "ministry said.\n")
    path = tmp_path / "odd.md"
    path.write_text(text, encoding="utf-8")
    (article,) = read_document(tmp_path, path).articles
    source = article.source
    assert (source.title, source.url, source.date) == ("Odd fields", None, None)
    assert source.publisher == "Reuters"  # the dateline's, not the absurd field's
    assert "South Korea will fund 40 AI start-ups" in article.text[article.blocks[0].start:]


def test_a_front_matter_of_endless_fields_is_skipped_before_yaml_reads_it(tmp_path):
    # 9 MB of short fields: YAML took 89 s and 1.5 GB to read them.
    fields = "".join(f"k{n}: [a, b, {{c: d}}]\n" for n in range(400_000))
    path = tmp_path / "fields.md"
    path.write_text(f"---\ntitle: Fields\n{fields}---\n{GOOD}", encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(CorpusError, match=r"^front matter too long to read: 1,200,000 lines"
                                          r" and commas, over 20,000$"):
        read_document(tmp_path, path)
    assert time.monotonic() - started < 10


def test_an_excerpt_is_found_whatever_whitespace_parts_its_words_in_linear_time(tmp_path):
    # A teaser only (no body): its facts are cited from where the front matter holds it.
    words = "South Korea will fund 40 AI start-ups this year, the ministry said."
    text = ('---\ntitle: Teaser\nexcerpt: >-\n  South Korea will fund 40 AI\n  start-ups this'
            ' year, the ministry said.\n---\n')
    path = tmp_path / "teaser.md"
    path.write_text(text, encoding="utf-8")
    (article,) = read_document(tmp_path, path).articles
    (block,) = article.blocks
    assert " ".join(article.text[block.start:block.end].split()) == words
    # A related article's excerpt of 400 words, escaped in the YAML so the file never holds
    # it as written, over a repetitive 6 MB body: one linear search, where a pattern of the
    # words matched hundreds of words at each of two million places before failing.
    many = "\\u0041I" + " AI" * 399 + " chips."
    body = ("AI " * (2 * MB)) + "\n"
    path.write_text(f'---\ntitle: Teaser\nrelated:\n  - title: Other\n    excerpt: "{many}"\n'
                    "---\n" + body, encoding="utf-8")
    started = time.monotonic()
    assert len(read_document(tmp_path, path).articles) == 1  # the excerpt is not in the file
    assert time.monotonic() - started < 10


def test_a_long_block_is_cut_at_sentence_ends_keeping_every_word():
    sentences = [f"Sentence number {n} says that South Korea funds {n} projects." for n in
                 range(1, 400)]
    text = " ".join(sentences)  # one paragraph of about 24,000 characters
    pieces = bounded_blocks(text, [Block("paragraph", 0, len(text))])
    assert len(pieces) > 1
    assert all(0 < p.end - p.start <= BLOCK_MAX_CHARS for p in pieces)
    assert all(text[p.end - 1] == "." for p in pieces)  # each ends a sentence
    assert " ".join(text[p.start:p.end] for p in pieces) == text
    # Text with no sentence end is cut at a space; with no space, at the limit.
    words = ("word " * 3000).strip()
    cut = bounded_blocks(words, [Block("item", 0, len(words))])
    assert all(p.kind == "item" and words[p.end - 1] == "d" for p in cut)
    solid = "x" * (BLOCK_MAX_CHARS * 2 + 7)
    assert [(p.start, p.end) for p in bounded_blocks(solid, [Block("paragraph", 0, len(solid))])
            ] == [(0, BLOCK_MAX_CHARS), (BLOCK_MAX_CHARS, 2 * BLOCK_MAX_CHARS),
                  (2 * BLOCK_MAX_CHARS, len(solid))]


def test_the_walk_lists_folder_problems_and_follows_links_inside(tmp_path):
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    os.symlink("../good.md", tmp_path / "sub" / "link.md")
    os.symlink("missing.md", tmp_path / "gone.md")
    os.symlink(str(tmp_path / "sub"), tmp_path / "folder-link.md")  # a folder: not a file
    os.mkdir(os.fsencode(tmp_path) + b"/d\xfcr")
    with open(os.fsencode(tmp_path) + b"/d\xfcr/inner.txt", "wb") as fh:
        fh.write(GOOD.encode())
    listed = {rel: size for rel, size, _ in walk_corpus(tmp_path)}
    good = (tmp_path / "good.md").stat().st_size
    assert listed["good.md"] == listed["sub/link.md"] == good
    assert listed["d\\xfcr/"] < 0 and listed["gone.md"] < 0  # listed as problems
    assert set(listed) == {"good.md", "sub/link.md", "d\\xfcr/", "gone.md"}
    r = runner.invoke(app, ["sources", "--corpus", str(tmp_path), "--json"])
    assert r.exit_code == 0, r.output
    reasons = {s["path"]: s["reason"] for s in json.loads(r.stdout)["skipped"]}
    assert reasons == {
        "d\\xfcr/": "its name is not valid UTF-8 (shown with \\x escapes): rename it to read it",
        "gone.md": "a link to a file that does not exist"}


def test_a_few_skipped_files_are_named_one_a_line(tmp_path):
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    for n in range(3):
        (tmp_path / f"empty{n}.txt").touch()
    r = runner.invoke(app, ["countries", "--corpus", str(tmp_path)])
    assert r.exit_code == 0, r.output
    assert r.stderr.splitlines() == [f"warning: skipped empty{n}.txt: empty file"
                                     for n in range(3)]


def test_verify_of_an_encrypted_pdf_is_one_line_and_exit_1(corpus, tmp_path):
    made = runner.invoke(app, ["make", "-c", "KR", "--corpus", str(corpus), "--out",
                               str(tmp_path / "out"), "--date", "2026-11-22", "--format", "pdf"])
    assert made.exit_code == 0, made.output
    brief = Path(made.stdout.strip())
    assert runner.invoke(app, ["verify", str(brief), "--corpus", str(corpus)]).exit_code == 0
    # AES-256 (pypdf needs a library we do not install to open it) and RC4, both with an
    # empty user password: any reader opens them.
    for name, encrypt in (("aes", ["--encrypt", "", "owner-secret", "256"]),
                          ("rc4", ["--allow-weak-crypto", "--encrypt", "", "owner-secret",
                                   "128", "--use-aes=n"])):
        locked = tmp_path / f"locked-{name}.pdf"
        subprocess.run(["qpdf", *encrypt, "--", str(brief), str(locked)], check=True)
        r = runner.invoke(app, ["verify", str(locked), "--corpus", str(corpus)])
        assert r.exit_code == 1, r.output
        assert r.stdout == ""
        assert r.stderr == f"error: {locked}: encrypted PDF: cannot be checked\n"


def test_the_summary_counts_reasons_by_kind():
    from briefing.cli.app import _by_reason
    from briefing.model import Skipped

    problems = ([Skipped(f"e{n}.txt", "empty file") for n in range(7)]
                + [Skipped("a.md", "malformed front matter at line 3: bad"),
                   Skipped("b.md", "malformed front matter at line 9: worse"),
                   Skipped("big.txt", "too large: 50.0 MB, over the 10 MB limit")]
                + [Skipped(f"{n}.pdf", f"reason {n}; detail") for n in range(3)])
    assert _by_reason(problems) == ("empty file: 7, malformed front matter: 2, reason 0: 1, "
                                    "reason 1: 1, 2 other reasons: 2")
    assert re.fullmatch(r"[^\n]+", _by_reason(problems))


# --------------------------------------------------------------------------- found by an attack


_BOMB_LEVELS = 30  # 9**30 strings once expanded: 1.7 kB of YAML took 15 GB before the fix


def _alias_bomb() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{n}: &a{n} [{','.join([f'*a{n - 1}'] * 9)}]" for n in range(1, _BOMB_LEVELS)]
    return "---\n" + "\n".join(lines) + f"\ntitle: *a{_BOMB_LEVELS - 1}\n---\n"


def _limit_memory() -> None:  # a regression fails the test, not the machine
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


def test_a_yaml_alias_bomb_in_front_matter_is_a_skipped_file(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bomb.md").write_text(_alias_bomb() + GOOD, encoding="utf-8")
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    r = subprocess.run([str(BRIEFING), "sources", "--json", "--corpus", str(corpus)],
                       capture_output=True, text=True, timeout=120, preexec_fn=_limit_memory,
                       env={**env, "BRIEFING_CACHE_DIR": str(tmp_path / "cache")})
    assert r.returncode == 0, r.stderr
    listed = json.loads(r.stdout)
    assert [s["path"] for s in listed["sources"]] == ["good.txt"]
    (skipped,) = listed["skipped"]
    assert skipped["path"] == "bomb.md"
    assert "aliases are not allowed in front matter" in skipped["reason"]


def test_front_matter_keeps_no_control_character_or_line_break_in_a_field(tmp_path):
    path = tmp_path / "hostile.md"
    path.write_text('---\ntitle: "Korea plan\\r\\nBcc: x@evil.example\\r\\n\\u001b]0;PWN\\u0007'
                    '\\u001b[31mred"\npublisher: "Pub\\nBcc: y@evil.example"\n---\n' + GOOD,
                    encoding="utf-8")
    (article,) = read_document(tmp_path, path).articles
    assert article.source.title == "Korea plan Bcc: x@evil.example red"
    assert article.source.publisher == "Pub Bcc: y@evil.example"


@pytest.mark.parametrize("kind", ["md", "pdf"])
def test_a_brief_written_into_the_corpus_is_never_read_as_a_source(tmp_path, kind):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    runner, common = CliRunner(), ["--corpus", str(corpus), "--date", "2027-01-01"]
    made = runner.invoke(app, ["make", "-c", "KR", "--format", kind, "--out",
                               str(corpus / "out"), *common])
    assert made.exit_code == 0, made.output
    listed = json.loads(runner.invoke(app, ["sources", "--json", "--corpus", str(corpus)]).stdout)
    assert [s["path"] for s in listed["sources"]] == ["good.txt"]
    assert listed["skipped"] == [{"path": f"out/brief-kr-2027-01-01.{kind}",
                                  "reason": "a brief made by briefing: its own output is never"
                                            " a source"}]
    again = runner.invoke(app, ["make", "-c", "KR", "--format", "md", "--out",
                                str(tmp_path / "again"), *common])
    assert again.exit_code == 0, again.output
    assert "[2]" not in Path(again.stdout.strip()).read_text("utf-8")


def test_a_pipe_named_like_an_article_is_listed_as_skipped_never_read(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    os.mkfifo(corpus / "pipe.txt")  # opening it to read would wait for a writer for ever
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    listed = json.loads(CliRunner().invoke(app, ["sources", "--json", "--corpus",
                                                 str(corpus)]).stdout)
    assert [s["path"] for s in listed["sources"]] == ["good.txt"]
    assert listed["skipped"] == [{"path": "pipe.txt", "reason": "not a regular file (a pipe,"
                                  " a device or a socket): not read"}]
