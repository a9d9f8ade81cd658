"""Versions of one page are one origin: a page `briefing add --refresh` fetched again (or a
page saved twice with the same URL) is cited from its newest version only, as one source,
with the date it was updated; the older version stays in the corpus, and a brief made
before the refresh still verifies."""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

import briefing.ingest.fetch as fetch
import briefing.store.sync as store_mod
from briefing.cli.app import app
from briefing.store import SCHEMA_VERSION, Store

# A page written for these tests. Its first sentence changes between the two versions;
# the other two are the same in both, so two versions as two sources would cite them twice.
OLD, NEW = "£14 billion", "£14.5 billion"
LEDE = ("The United Kingdom will spend {amount} on public computing capacity for artificial "
        "intelligence over the next five years, the Treasury said on Monday.")
SAME = ("Ministers said the money would pay for two new supercomputing centres in the north "
        "of England by 2028.",
        "Officials in the United Kingdom said about 30 percent of the capacity would be "
        "reserved for university researchers.")
CANONICAL = "https://ledger.example.org/2026/03/uk-compute-budget"
TITLE = "Britain sets out its national compute budget"


def page(amount: str, *, canonical: str = CANONICAL, published: str = "2026-03-01") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in (LEDE.format(amount=amount), *SAME))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{TITLE}</title>'
            '<meta property="og:site_name" content="Example Ledger">'
            f'<meta property="article:published_time" content="{published}T08:00:00Z">'
            f'<link rel="canonical" href="{canonical}"></head>'
            f"<body><article><h1>{TITLE}</h1>{paragraphs}</article></body></html>")


@pytest.fixture
def ledger():
    """A real HTTP server on 127.0.0.1 serving the page; `state["amount"]` is what it says."""
    state = {"amount": OLD}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path != "/2026/03/uk-compute-budget":
                self.send_error(404)
                return
            body = page(state["amount"]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    # Polled every 50 ms: shutdown() waits for the next poll (0.5 s by default).
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    state["url"] = f"http://127.0.0.1:{server.server_address[1]}/2026/03/uk-compute-budget"
    yield state
    server.shutdown()
    server.server_close()


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(app, list(args))
    return r.exit_code, r.stdout, r.stderr


def add_at(monkeypatch, when: str, *args: str) -> str:
    """`briefing add` as if run at `when` (the time its sidecar records)."""
    monkeypatch.setattr(fetch, "_now", lambda: when)
    code, out, err = run("add", *args)
    assert code == 0, err
    return out


def make_brief(corpus: Path, out: Path) -> str:
    code, made, err = run("make", "-c", "GB", "--corpus", str(corpus), "--out", str(out),
                          "--date", "2026-03-10", "--format", "md")
    assert code == 0, err
    return Path(made.strip()).read_text("utf-8")


def facts_json(corpus: Path, *extra: str) -> list[dict]:
    code, out, err = run("facts", "--corpus", str(corpus), "--json", *extra)
    assert code == 0, err
    return json.loads(out)


def source_lines(brief: str) -> list[str]:
    return [line for line in brief.split("## Sources", 1)[1].splitlines()
            if re.match(r"\d+\. ", line)]


def test_a_refreshed_page_is_cited_from_its_newest_version_alone(ledger, tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    url = ledger["url"]
    first = add_at(monkeypatch, "2026-03-01T09:00:00Z", url, "--corpus", str(corpus))
    assert first.startswith("added")
    before = make_brief(corpus, tmp_path / "before")
    assert OLD in before and len(source_lines(before)) == 1

    ledger["amount"] = NEW
    out = add_at(monkeypatch, "2026-03-05T10:30:00Z", url, "--refresh", "--corpus", str(corpus))
    old_file, new_file = "127.0.0.1-2026-03-uk-compute-budget.html", \
        "127.0.0.1-2026-03-uk-compute-budget-v2.html"
    assert f"added      {new_file}" in out
    assert OLD in (corpus / old_file).read_text("utf-8")  # the old version stays on disk

    # facts: the new wording only, each fact cited once, from the new version.
    facts = facts_json(corpus)
    texts = [f["text"] for f in facts]
    assert any(NEW in t for t in texts) and not any(OLD in t for t in texts)
    assert sorted(texts) == sorted([LEDE.format(amount=NEW), *SAME])
    assert {len(f["citations"]) for f in facts} == {1}
    assert {c["source"]["path"] for f in facts for c in f["citations"]} == {new_file}
    # A search finds the old wording's words too, but only facts a current version states.
    (found,) = facts_json(corpus, "--search", "Treasury")
    assert found["text"] == LEDE.format(amount=NEW)

    # sources: both versions are listed; the old one states no fact and says which does.
    code, out, err = run("sources", "--corpus", str(corpus), "--json")
    assert code == 0, err
    listed = {s["path"]: s for s in json.loads(out)["sources"]}
    assert (listed[old_file]["facts"], listed[new_file]["facts"]) == (0, 3)
    assert listed[old_file]["newest_version"] == listed[new_file]["newest_version"] == new_file
    code, out, _ = run("sources", "--corpus", str(corpus))
    assert (f"older version {old_file}: facts are taken from {new_file}"
            " (updated 2026-03-05; first fetched 2026-03-01)") in out

    # A brief made now: one source, one citation a fact, the new wording, said to be updated.
    after = make_brief(corpus, tmp_path / "after")
    assert NEW in after and OLD not in after
    assert not re.search(r"\]\[", after)  # no fact cited "[1][2]"
    (line,) = source_lines(after)
    assert "(updated 2026-03-05; first fetched 2026-03-01)" in line
    assert f"file `{new_file}`" in line
    assert run("verify", str(next((tmp_path / "after").iterdir())), "--corpus",
               str(corpus))[0] == 0

    # The brief made before the refresh: every quote is still in the file it cites, but
    # the page now states its lede differently, so verify fails and says why.
    code, out, err = run("verify", str(next((tmp_path / "before").iterdir())), "--corpus",
                         str(corpus))
    assert code == 1, out + err
    older = f"cites an older version of this page (updated 2026-03-05, {new_file})"
    assert out.count(f"{older}; the newer version says the same") == 2  # the two SAME
    (lede,) = [line for line in out.splitlines() if "statement changed" in line]
    assert lede.startswith("ok ") and lede.endswith(
        f"{older}; the statement changed in the newer version: “{LEDE.format(amount=NEW)}”")
    assert out.splitlines()[-2] == "3 citations: 3 ok (1 changed in a newer version of its page)"
    assert out.splitlines()[-1].startswith("1 citation quotes what an older version of a page"
                                           " said: the newer version states it differently")


def test_a_page_saved_twice_by_hand_is_one_source(tmp_path):
    """No sidecars: the same front-matter URL (text) or canonical link (page) makes two
    files versions of one page, ordered by the dates they give."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, amount, day in (("budget-later.md", NEW, "2026-03-05"),
                              ("budget.md", OLD, "2026-03-01")):
        body = "\n\n".join((LEDE.format(amount=amount), *SAME))
        (corpus / name).write_text(f"---\ntitle: {TITLE}\nurl: {CANONICAL}/\n"
                                   f"date: {day}\npublisher: Example Ledger\n---\n\n{body}\n")
    (corpus / "saved.html").write_text(page(OLD, published="2026-02-20"))
    # The same page again, saved later under a name that sorts first.
    (corpus / "a-copy.html").write_text(page(NEW, published="2026-03-07",
                                             canonical=CANONICAL.replace("https", "http")))
    facts = facts_json(corpus)
    assert sorted(f["text"] for f in facts) == sorted([LEDE.format(amount=NEW), *SAME])
    assert {(len(f["citations"]), f["source"]["path"]) for f in facts} == {(1, "a-copy.html")}
    brief = make_brief(corpus, tmp_path / "out")
    (line,) = source_lines(brief)
    assert "2026-03-07 (updated 2026-03-07; first version 2026-02-20)" in line
    assert OLD not in brief and not re.search(r"\]\[", brief)

    # Without the newest, the next one is current again.
    (corpus / "a-copy.html").unlink()
    facts = facts_json(corpus)
    assert {(len(f["citations"]), f["source"]["path"]) for f in facts} == {(1, "budget-later.md")}
    assert NEW in " ".join(f["text"] for f in facts)
    for name in ("budget-later.md", "budget.md"):
        (corpus / name).unlink()
    facts = facts_json(corpus)  # one version left: a page like any other
    assert {(len(f["citations"]), f["source"]["path"]) for f in facts} == {(1, "saved.html")}
    assert "updated" not in "\n".join(source_lines(make_brief(corpus, tmp_path / "one")))


@pytest.mark.parametrize("bulk", [False, True], ids=["file by file", "bulk"])
def test_versions_of_one_fetch_time_are_ordered_by_version_number(tmp_path, monkeypatch, bulk):
    """Also when a big first index settles every page at once (`bulk`)."""
    if bulk:
        monkeypatch.setattr(store_mod, "BULK_FILES", 1)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "other.md").write_text("Japan will open 3 public data centres in 2027.\n")
    for name, amount in (("ledger-v2.html", NEW), ("ledger.html", OLD)):
        (corpus / name).write_text(page(amount))
        (corpus / f"{name}.fetch.json").write_text(json.dumps(
            {"url": "https://ledger.example.org/budget", "fetched_at": "2026-03-05T10:00:00Z"}))
    facts = facts_json(corpus)
    assert {c["source"]["path"] for f in facts for c in f["citations"]} == {"ledger-v2.html",
                                                                          "other.md"}
    assert {len(f["citations"]) for f in facts} == {1} and len(facts) == 4


def test_other_pages_at_one_site_are_not_versions(tmp_path):
    """Only the same address is the same page: another article of the site, or a front
    matter giving the site's home page (scrapers do), keeps its own facts."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, url, amount in (("a.md", "https://ledger.example.org/", OLD),
                              ("b.md", "https://ledger.example.org/", NEW),
                              ("c.md", f"{CANONICAL}?page=2", "£9 billion")):
        (corpus / name).write_text(f"---\nurl: {url}\ndate: 2026-03-0{ord(name[0]) - 96}\n---\n\n"
                                   f"{LEDE.format(amount=amount)}\n")
    texts = {f["text"] for f in facts_json(corpus)}
    assert texts == {LEDE.format(amount=a) for a in (OLD, NEW, "£9 billion")}


#: The sources table as schema 11 made it.
V11_SOURCES = """CREATE TABLE old (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL, path TEXT NOT NULL, title TEXT NOT NULL,
    publisher TEXT, date TEXT, url TEXT, sha256 TEXT NOT NULL, carrier TEXT,
    extractor TEXT, pages TEXT, body INTEGER NOT NULL, headings TEXT,
    o1 INTEGER, o2 INTEGER, o3 INTEGER
)"""
V11_COLUMNS = ("id, key, path, title, publisher, date, url, sha256, carrier, extractor, pages,"
               " body, headings, o1, o2, o3")


def test_a_store_of_the_previous_schema_learns_the_versions_in_place(tmp_path, monkeypatch):
    """A schema-11 store (no version columns: both versions state facts) is upgraded
    without reading the corpus again: the sidecars are read, and the older version stops
    stating facts."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, amount, when in (("ledger.html", OLD, "2026-03-01T09:00:00Z"),
                               ("ledger-v2.html", NEW, "2026-03-05T10:00:00Z")):
        (corpus / name).write_text(page(amount))
        (corpus / f"{name}.fetch.json").write_text(json.dumps(
            {"url": "https://ledger.example.org/budget", "fetched_at": when}))
    store_file = tmp_path / "store.sqlite3"
    with monkeypatch.context() as m:  # indexed as schema 11 did: no version is superseded
        m.setattr(Store, "_settle_versions", lambda self, pages: set())
        with Store(store_file, corpus) as store:
            store.sync()
            old = store.facts(["GB"])
    assert max(len(f.citations) for f in old) == 2
    db = sqlite3.connect(store_file, isolation_level=None)
    db.execute(V11_SOURCES)
    db.execute(f"INSERT INTO old SELECT {V11_COLUMNS} FROM sources")
    db.execute("DROP TABLE sources")
    db.execute("ALTER TABLE old RENAME TO sources")
    db.execute("UPDATE meta SET value='11' WHERE key='schema'")
    db.close()
    with Store(store_file, corpus) as store:
        assert store._schema_version() == str(SCHEMA_VERSION)
        facts = store.facts(["GB"])
        assert sorted(f.text for f in facts) == sorted([LEDE.format(amount=NEW), *SAME])
        assert {(len(f.citations), f.source.path) for f in facts} == {(1, "ledger-v2.html")}
        assert facts[0].source.versions.note == "updated 2026-03-05; first fetched 2026-03-01"
        assert store.sync().read == 0
