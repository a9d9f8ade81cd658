"""The SQLite fact store: incremental indexing, dedup into facts, queries, bad files."""

from __future__ import annotations

import gc
import os
import sqlite3
import threading
import zlib
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from briefing.errors import NothingSelected
from briefing.ingest.walk import walk_corpus
from briefing.store import Store, fts_query, listing_digest, read_fresh, store_path

WIRE = ("Seoul, March 3 (Wire) - South Korea will spend $5.2 billion on AI chips by 2027, "
        "the science ministry said on Monday.")
#: What a fact quotes of it: the dateline is metadata, not part of the statement.
WIRE_TEXT = WIRE.split(" - ", 1)[1]


def article(title: str, body: str, publisher: str | None = None, day: str = "2025-03-03") -> str:
    front = f"---\ntitle: {title}\ndate: {day}\n" + (f"provider:\n  name: {publisher}\n" if publisher else "") + "---\n"
    return front + body + "\n"



@pytest.fixture
def corpus(cold_corpus):
    """The store's own tests make its first index themselves: never one made ahead."""
    return cold_corpus


def test_store_file_lives_in_the_cache_dir(corpus, isolated_env):
    path = store_path(corpus)
    assert path.parent == isolated_env / "cache"
    assert path.name.startswith("corpus-") and path.suffix == ".sqlite3"


def test_sync_is_incremental(corpus):
    with Store.for_corpus(corpus) as store:
        first = store.sync()
        assert (first.added, first.changed, first.removed) == (5, 0, 0)
        again = store.sync()
        assert (again.read, again.removed, again.unchanged) == (0, 0, 5)
        n_kr = len(store.facts(["KR"]))
        # Change one file, add one, remove one.
        p = corpus / "004_873eaca25918412c.txt"
        p.write_text(p.read_text(encoding="utf-8").replace("$6.8 billion", "$7.1 billion"), encoding="utf-8")
        (corpus / "new.md").write_text(article("Chips", WIRE, "Wire"), encoding="utf-8")
        (corpus / "000_311d42b208cd9cf6.txt").unlink()
        third = store.sync()
        assert (third.added, third.changed, third.removed) == (1, 1, 1)
        texts = [f.text for f in store.facts(["KR"])]
        assert any("$7.1 billion" in t for t in texts) and not any("$6.8 billion" in t for t in texts)
        assert WIRE_TEXT in texts and not any(t.startswith("Seoul, March 3") for t in texts)
        assert not any(f.source.path.startswith("000_") for f in store.facts())
        assert len(texts) != n_kr


def test_touching_a_file_without_changing_it_does_not_reread(corpus):
    with Store.for_corpus(corpus) as store:
        store.sync()
        p = corpus / "002_1d80a4c8d622b275.txt"
        p.write_bytes(p.read_bytes())  # new mtime, same bytes
        r = store.sync()
        assert (r.read, r.unchanged) == (0, 5)


def test_a_file_rewritten_in_place_at_the_same_size_is_read_again(corpus):
    with Store.for_corpus(corpus) as store:
        store.sync()
        p = corpus / "004_873eaca25918412c.txt"
        new = p.read_bytes().replace(b"$6.8 billion", b"$7.1 billion")
        with p.open("r+b") as fh:  # the same inode and size; only the mtime tells
            fh.write(new)
        assert p.stat().st_size == len(new)
        r = store.sync()
        assert (r.changed, r.unchanged) == (1, 4)
        texts = [f.text for f in store.facts(["KR"])]
        assert any("$7.1 billion" in t for t in texts) and not any("$6.8" in t for t in texts)


def test_a_renamed_file_is_seen_though_it_keeps_its_size_and_mtime(corpus):
    with Store.for_corpus(corpus) as store:
        store.sync()
        os.rename(corpus / "004_873eaca25918412c.txt", corpus / "renamed.txt")
        r = store.sync()
        assert (r.added, r.removed, r.unchanged) == (1, 1, 4)
        assert {f.source.path for f in store.facts(["KR"])} >= {"renamed.txt"}
        assert not any(f.source.path.startswith("004_") for f in store.facts())


def test_the_store_keeps_the_digest_of_the_listing_it_is_in_step_with(corpus):
    def kept(store: Store) -> str | None:
        row = store.db.execute("SELECT value FROM meta WHERE key='listing'").fetchone()
        return row[0] if row else None

    with Store.for_corpus(corpus) as store:
        store.sync()
        assert kept(store) == listing_digest(walk_corpus(corpus))
        (corpus / "new.md").write_text(article("Chips", WIRE, "Wire"), encoding="utf-8")
        os.utime(corpus / "new.md", ns=(10**18, 10**18))  # long before the sync: settled
        assert store.sync().added == 1
        assert kept(store) == listing_digest(walk_corpus(corpus))
        # A store made before digests were kept gets one from a sync that reads nothing.
        store.db.execute("DELETE FROM meta WHERE key='listing'")
        assert store.sync().read == 0
        assert kept(store) == listing_digest(walk_corpus(corpus))


def test_a_file_modified_just_before_a_sync_is_not_vouched_for_by_the_digest(corpus,
                                                                            monkeypatch):
    import briefing.store.sync as store_mod

    # "Just before": within ten minutes, so that a slow machine cannot make this one late.
    monkeypatch.setattr(store_mod, "RACY_NS", 600 * 10**9)
    # The other files are old. Their copies keep the seeds' mtimes, which are recent in a
    # fresh clone (CI checks out the repository minutes before the tests run).
    for other in corpus.iterdir():
        os.utime(other, (1_600_000_000, 1_600_000_000))
    with Store.for_corpus(corpus) as store:
        p = corpus / "004_873eaca25918412c.txt"
        p.write_bytes(p.read_bytes())
        store.sync()
        listed = [(rel, size, 0 if rel == p.name else mtime)
                  for rel, size, mtime in walk_corpus(corpus)]
        assert store.db.execute("SELECT value FROM meta WHERE key='listing'").fetchone() == (
            listing_digest(listed),)


def test_rebuild_and_extractor_change_reread_everything(corpus):
    with Store.for_corpus(corpus) as store:
        store.sync()
        assert store.sync(rebuild=True).read == 5
        store.db.execute("UPDATE meta SET value='old' WHERE key='extractor'")
        store.db.commit()
        assert store.sync().read == 5


def test_same_sentence_in_two_files_is_one_fact_with_two_citations(tmp_path):
    (tmp_path / "a.md").write_text(article("Korea chips plan", WIRE, "Wire Service"), encoding="utf-8")
    (tmp_path / "b.md").write_text(article("Seoul bets on chips", WIRE.replace("  ", " "), "Daily Paper", "2025-03-04"), encoding="utf-8")
    # A lightly edited copy: same figures, nearly the same words.
    edited = WIRE.replace("on Monday", "Monday")
    (tmp_path / "c.md").write_text(article("Chips", edited, "Another Paper", "2025-03-05"), encoding="utf-8")
    with Store.for_corpus(tmp_path) as store:
        store.sync()
        (fact,) = [f for f in store.facts(["KR"]) if "5.2 billion" in f.text]
        assert [c.source.path for c in fact.citations] == ["a.md", "b.md", "c.md"]
        assert fact.text == WIRE_TEXT  # the earliest report is the canonical wording
        assert fact.citations[2].text == edited.split(" - ", 1)[1]


def test_different_figures_are_not_merged(tmp_path):
    (tmp_path / "a.md").write_text(article("A", WIRE, "Wire"), encoding="utf-8")
    (tmp_path / "b.md").write_text(article("B", WIRE.replace("5.2", "6.1"), "Other"), encoding="utf-8")
    with Store.for_corpus(tmp_path) as store:
        store.sync()
        assert len([f for f in store.facts(["KR"]) if "billion" in f.text]) == 2


def test_queries_by_country_theme_and_text(corpus):
    with Store.for_corpus(corpus) as store:
        store.sync()
        kr = store.facts(["KR"])
        assert kr and all("KR" in f.countries for f in kr)
        both = store.facts(["KR"], ["compute"])
        assert both and all("KR" in f.countries and "compute" in f.themes for f in both)
        assert {f.id for f in both} < {f.id for f in kr}
        found = store.facts(query="GPUs Nvidia")
        assert [f.text for f in found] == [
            "The country has also secured a deal to procure 260,000 advanced GPUs from Nvidia, "
            "which will be used in government-led data centers and by local software giants."]
        assert store.facts(query='"; DROP TABLE statements; --') == []
        counts = store.country_counts()
        assert counts["KR"] == len(kr) and counts["CN"] > counts["KR"]
        assert store.theme_counts()["patents"] >= 1


def test_fts_query_quotes_user_words():
    # Words quoted (folded as the index folds them), FTS5's operators kept (tests/test_search.py).
    assert fts_query("GPU  chips") == '("gpu" AND "chips"*)'
    assert fts_query("NEAR(a b) OR") == '("near" AND ("a" AND "b"))'


def test_bad_files_are_reported_and_the_rest_still_works(corpus):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02PNG" * 100)
    (corpus / "bad-front.md").write_text("---\ntitle: [oops\n---\nText about Korea is here.\n")
    with Store.for_corpus(corpus) as store:
        report = store.sync()
        reasons = {s.path: s.reason for s in report.skipped}
        assert set(reasons) == {"empty.txt", "binary.txt", "bad-front.md"}
        assert "malformed front matter" in reasons["bad-front.md"]
        assert len(store.facts(["KR"])) > 5
        # Still reported on the next run, and fixed files are picked up.
        (corpus / "empty.txt").write_text("Title\n\nJapan will build three new AI supercomputers by 2026.\n")
        again = store.sync()
        assert {s.path for s in again.skipped} == {"binary.txt", "bad-front.md"}
        assert any("supercomputers" in f.text for f in store.facts(["JP"]))


def test_store_is_a_real_sqlite_file(corpus):
    with Store.for_corpus(corpus) as store:
        store.sync()
        path = store.path
    db = sqlite3.connect(path)
    n = db.execute("SELECT COUNT(*) FROM statements").fetchone()[0]
    assert n > 50
    assert db.execute("SELECT COUNT(*) FROM statements_fts WHERE statements_fts MATCH 'Nvidia'").fetchone()[0] == 1


def test_fingerprint_tracks_source_hashes(corpus):
    with Store.for_corpus(corpus) as store:
        store.sync()
        before = store.fingerprint()
        (corpus / "003_3c617abaaabd9cd6.txt").write_text("Title\n\nChanged text about Korea and chips.\n")
        store.sync()
        assert store.fingerprint() != before and len(before) == 64


def test_context_gives_the_paragraph_with_the_fact(corpus):
    with Store.for_corpus(corpus) as store:
        store.sync()
        fact = next(f for f in store.facts(["KR"]) if "260,000" in f.text)
        para, start, end = store.context(fact)
        assert para[start:end].startswith("The country has also secured")
        assert para.startswith("South Korea’s efforts are supported")


def test_big_corpus_uses_the_process_pool(tmp_path, monkeypatch):
    import briefing.store.sync as store_mod

    monkeypatch.setattr(store_mod, "POOL_THRESHOLD", 3)
    for n in range(6):
        (tmp_path / f"{n}.txt").write_text(f"Title {n}\n\nKorea will invest ${n + 1} billion in AI chips.\n")
    seen = []
    with Store.for_corpus(tmp_path) as store:
        report = store.sync(progress=lambda done, total: seen.append((done, total)))
        assert report.added == 6 and seen[-1] == (6, 6)
        assert len(store.facts(["KR"])) == 6


def test_path_of_unrelated_corpus_differs(tmp_path):
    a, b = tmp_path / "x" / "news", tmp_path / "y" / "news"
    assert store_path(a) != store_path(b)
    assert isinstance(store_path(Path("seeds")), Path)


def test_per_fact_counts_follow_every_change(tmp_path):
    for name, paper in (("a.md", "Wire"), ("b.md", "Daily"), ("c.md", "Weekly")):
        (tmp_path / name).write_text(article(name, WIRE, paper), encoding="utf-8")
    with Store.for_corpus(tmp_path) as store:
        store.sync()
        (fact,) = store.facts(["KR"], citations=1)
        assert (fact.sources, fact.publishers, len(fact.citations)) == (3, 3, 1)
        (tmp_path / "b.md").unlink()
        (tmp_path / "c.md").write_text(article("c", WIRE, "Wire", "2025-06-01"), encoding="utf-8")
        store.sync()
        (fact,) = store.facts(["KR"])
        assert (fact.sources, fact.publishers, fact.newest) == (2, 1, "2025-06-01")
        assert store.country_counts() == {"KR": 1}
        (tmp_path / "a.md").write_text(article("a", "Nothing about any country is said here at all."), encoding="utf-8")
        (tmp_path / "c.md").unlink()
        store.sync()
        assert store.facts(["KR"]) == [] and "KR" not in store.country_counts()


def test_statements_are_spans_of_the_article_text_kept_once(corpus):
    with Store.for_corpus(corpus) as store:
        store.sync()
        facts = store.facts()
        db = sqlite3.connect(store.path)
        # Every fact's text is read back from its article's stored text, not stored again.
        assert db.execute("SELECT COUNT(*) FROM statements WHERE text IS NOT NULL").fetchone() == (0,)
        bodies = {path: zlib.decompress(blob).decode() for path, blob in db.execute(
            "SELECT s.path, b.text FROM sources s JOIN bodies b ON b.id = s.body")}
        db.close()
    assert len(bodies) == len({f.source.path for f in facts} | set(bodies))
    for fact in facts:
        for c in fact.citations:
            text = (corpus / c.source.path).read_text(encoding="utf-8")
            assert bodies[c.source.path] == text
            assert c.text == " ".join(text[c.start:c.end].split())


def test_streamed_paged_and_listed_facts_agree(corpus, monkeypatch):
    import briefing.store.queries as store_mod

    # Streamed in rounds of at most 4 facts and 3 citations (one fact may go beyond).
    monkeypatch.setattr(store_mod, "LOAD_BATCH", 4)
    monkeypatch.setattr(store_mod, "LOAD_CITATIONS", 3)
    with Store.for_corpus(corpus) as store:
        store.sync()
        for citations in (None, 1):
            listed = store.facts(["KR"], citations=citations)
            assert list(store.iter_facts(["KR"], citations=citations)) == listed
            groups = store.fact_groups(["KR"])
            paged = [f for n in range(0, len(groups), 4)
                     for f in store.load_facts(groups[n:n + 4], citations=citations)]
            assert paged == listed and len(listed) > 8
        among = store.facts(among=[f.id for f in listed[::2]])
        assert [f.id for f in among] == [f.id for f in listed[::2]]


def test_digests_hold_what_a_brief_ranks_by(corpus):
    with Store.for_corpus(corpus) as store:
        store.sync()
        digests = {d.id: d for d in store.digests(["KR"])}
        for fact in store.facts(["KR"], citations=1):
            d = digests[fact.id]
            assert (d.countries, d.themes, d.sources, d.publishers, d.newest, d.source) == (
                fact.countries, fact.themes, fact.sources, fact.publishers, fact.newest,
                fact.source.key)
            years = sum(f.kind == "year" for f in fact.figures)
            assert (d.numeric, d.years) == (len(fact.figures) - years, years)


def test_a_store_of_an_older_schema_is_rebuilt(corpus):
    with Store.for_corpus(corpus) as store:
        store.sync()
        want = store.facts(["KR"])
        store.db.execute("UPDATE meta SET value='6' WHERE key='schema'")
    with Store.for_corpus(corpus) as store:
        assert store.facts() == []  # emptied: the old rows cannot be read as new ones
        assert store.sync().read == len(list(corpus.glob("*.txt")))
        assert store.facts(["KR"]) == want


def test_a_file_that_failed_is_read_again_though_its_bytes_hash_the_same(tmp_path, monkeypatch):
    """A file read while being rewritten fails ('empty file') but is hashed whole after:
    the next sync must read it again, not take the unchanged hash for unchanged facts."""
    import briefing.store.files as store_mod
    from briefing.errors import CorpusError

    (tmp_path / "a.txt").write_text("Title\n\nKorea will invest $5 billion in AI chips.\n")
    real = store_mod.read_document

    def mid_rewrite(root, path):
        raise CorpusError("empty file")

    monkeypatch.setattr(store_mod, "read_document", mid_rewrite)
    with Store.for_corpus(tmp_path) as store:
        assert [s.reason for s in store.sync().skipped] == ["empty file"]
        monkeypatch.setattr(store_mod, "read_document", real)
        report = store.sync()
        assert report.skipped == () and report.changed == 1
        assert len(store.facts(["KR"])) == 1


# --------------------------------------------------------------------------- read_fresh
# A command reads the store while a forked child checks the corpus (see read_fresh). These
# run in the test process: a thread left over by another test would turn the fork off, so
# that is checked first, and the forks are counted (the real os.fork, wrapped).


@pytest.fixture
def forks(monkeypatch):
    assert threading.active_count() == 1
    made = []
    real = os.fork

    def fork() -> int:
        pid = real()
        if pid:
            made.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    yield made
    # While the child walks, the parent's objects are frozen (its garbage collector would
    # otherwise copy every page they share); whatever happened, they are thawed after.
    assert gc.get_freeze_count() == 0

_ICELAND = ("Iceland approves national AI plan\n\nIceland's government approved a national AI "
            "plan on Monday that sets aside 4 billion kronur for public computing.\n")


def _brief_of(code: str):
    from briefing.brief.build import Options, brief_from_store
    from briefing.model import Selection

    def read(store: Store):
        read.calls += 1
        read.frozen.append(gc.get_freeze_count())
        return brief_from_store(store, Selection(countries=(code,)),
                                Options(as_of=date(2026, 11, 22)))
    read.calls = 0
    read.frozen = []
    return read


def test_a_read_runs_once_while_an_unchanged_corpus_is_checked(corpus, forks):
    with Store.for_corpus(corpus) as store:
        store.sync()
        expected = _brief_of("KR")(store)
    read = _brief_of("KR")
    store, report, brief = read_fresh(corpus, read)
    store.close()
    assert read.calls == 1 and report.unchanged == 5 and len(forks) == 1
    assert brief == expected and read.frozen[0] > 1_000


def test_a_read_of_a_corpus_changed_since_the_last_sync_is_made_again_after_it(corpus, forks):
    with Store.for_corpus(corpus) as store:
        store.sync()
    (corpus / "iceland.txt").write_text(_ICELAND, encoding="utf-8")
    # Nothing about Iceland in the store as it was: that first read fails, and only the
    # read after the sync counts.
    read = _brief_of("IS")
    store, report, brief = read_fresh(corpus, read)
    store.close()
    assert read.calls == 2 and (report.added, report.unchanged) == (1, 5) and len(forks) == 1
    assert [ref.source.path for ref in brief.sources] == ["iceland.txt"]


def test_a_read_error_stands_when_the_corpus_is_unchanged(corpus, forks):
    with Store.for_corpus(corpus) as store:
        store.sync()
    read = _brief_of("IS")
    with pytest.raises(NothingSelected):
        read_fresh(corpus, read)
    assert read.calls == 1 and len(forks) == 1


def _fact_rows(store: Store) -> list[tuple]:
    """The per-fact rows, with statement ids (which depend on the order files were read in)
    given as their files."""
    path = dict(store.db.execute(
        "SELECT s.id, src.path FROM statements s JOIN sources src ON src.id = s.source"))
    return [(*row[:4], [path[int(i)] for i in row[4].split()], path[row[5]], *row[6:])
            for row in store.db.execute(
                "SELECT id, sources, publishers, newest, cited, first, countries, first_date,"
                " first_key FROM facts ORDER BY id")]


def test_a_fact_quotes_its_earliest_report_and_cites_in_date_order_in_bulk_and_one_by_one(
        tmp_path, monkeypatch):
    # One wire sentence in five papers, written to disk out of date order: two undated
    # copies (cited last, by name), a copy from the same publisher as an earlier report.
    papers = [("e.md", "Echo Daily", None), ("a.md", "Alpha Times", "2025-03-05"),
              ("d.md", "Delta Post", None), ("b.md", "Bravo News", "2025-03-02"),
              ("c.md", "Bravo News", "2025-03-04")]
    folder = tmp_path / "wire"
    folder.mkdir()
    for name, publisher, day in papers:
        text = article(f"Chips story from {publisher}", WIRE, publisher, day or "")
        (folder / name).write_text(text.replace("date: \n", ""), encoding="utf-8")
    monkeypatch.setattr("briefing.store.sync.BULK_FILES", 2)  # five new files: the bulk path
    with Store(tmp_path / "bulk.sqlite3", folder) as store:
        store.sync()
        bulk = _fact_rows(store)
        (wire,) = store.facts(["KR"])
        (cited,) = store.facts(["KR"], citations=3)
    # Earliest dated report first, undated after, then file order.
    assert [c.source.path for c in wire.citations] == ["b.md", "c.md", "a.md", "d.md", "e.md"]
    # A brief cites one report per publisher first: Bravo's second copy comes after them.
    assert [c.source.path for c in cited.citations] == ["b.md", "a.md", "d.md"]
    assert (wire.sources, wire.publishers, wire.newest) == (5, 4, "2025-03-05")
    row = next(r for r in bulk if r[1] == 5)
    assert (row[4], row[5], row[7], row[8]) == (["b.md", "a.md", "d.md"], "b.md", "2025-03-02",
                                                "b.md")
    # The same store, built file by file (the incremental path), has the same rows.
    monkeypatch.setattr("briefing.store.sync.BULK_FILES", 10_000)
    other = tmp_path / "one-by-one"
    other.mkdir()
    with Store(tmp_path / "incremental.sqlite3", other) as store:
        for name, _, _ in reversed(papers):
            (other / name).write_bytes((folder / name).read_bytes())
            store.sync()
        assert _fact_rows(store) == bulk


def test_a_sync_that_waited_for_another_finds_its_work_done_and_walks_the_corpus_once(
        corpus, tmp_path, monkeypatch):
    import briefing.store.sync as store_module

    walks = []
    walk = store_module.walk_corpus

    def counted(root):
        walks.append(root)
        return walk(root)

    monkeypatch.setattr(store_module, "walk_corpus", counted)
    db = tmp_path / "store.sqlite3"
    with Store(db, corpus) as first, Store(db, corpus) as second:
        first.sync()
        (corpus / "new.md").write_text(article("Chips", WIRE, "Wire"), encoding="utf-8")
        walks.clear()
        waiting = second._sync_lock

        @contextmanager
        def after_another_sync():
            # `second` has checked the listing and planned (two walks); now `first` syncs
            # (two more) while `second` waits for the lock.
            report = first.sync()
            assert (report.added, len(walks)) == (1, 4)
            with waiting():
                yield

        monkeypatch.setattr(second, "_sync_lock", after_another_sync)
        report = second.sync()
        # The store changed under its plan: it looked again and found nothing to read.
        assert (report.added, report.changed, report.unchanged) == (0, 0, 6)
        assert len(walks) == 5
        # A sync nobody raced walks the corpus once to plan, after checking its listing.
        walks.clear()
        (corpus / "new.md").write_text(article("Chips", WIRE + " More.", "Wire"), "utf-8")
        assert first.sync().changed == 1 and len(walks) == 2


def test_a_facts_row_reads_its_statements_once_without_keeping_them():
    # A wire sentence stated 20,000 times by 20 sources (rows in citation order, as the
    # refresh's query gives them: a source's together): the rows are streamed (kept, they
    # would take over 20 MB), only a number or two for each source is.
    import json
    import tracemalloc

    from briefing.store.aggregate import fact_row

    def rows():
        for i in range(20_000):
            source = i // 1_000
            yield (7, 100 + i, 10, source, f"KR {'US' * (i % 2)}".strip(), "chips", "JP",
                   json.dumps([["$1 billion" + " " * 1_000 + str(i), "money", 1e9, "USD", 10]]),
                   "head", "tail", 3, f"2025-03-{1 + source:02d}",
                   source, None, None, "US" * (i % 2))

    tracemalloc.start()
    try:
        row = fact_row(7, rows(), lambda source: (f"key{source}", f"{source}.md"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2_000_000
    assert row[:4] == (7, 20, 20, "2025-03-20")  # sources, publishers, newest date
    assert row[5] == 100 and row[8] == "KR US" and row[10] == "JP"
    assert row[19] == "US"  # no statement leads on the US: only compared, in all of them
    # Cited: the first statement of each of the first MAX_CITED origins.
    assert row[4].split() == ["100", "1100", "2100"]


def test_a_fact_stated_by_many_sources_streams_its_citations_a_page_at_a_time(
        tmp_path, monkeypatch):
    # A wire sentence in nine papers (dated and undated, a publisher twice, files written
    # out of date order), read back in pages of two citations: the same fact, the same
    # citations in the same order, and the same JSON as when it is loaded whole.
    import briefing.store.queries as store_mod
    from briefing.brief.export import facts_json

    days = ["2025-03-05", "", "2025-03-02", "2025-03-04", "", "2025-03-02", "2025-03-09",
            "2025-03-01", "2025-03-04"]
    folder = tmp_path / "wire"
    folder.mkdir()
    for n, day in enumerate(days):
        text = article(f"Chips story {n}", WIRE, f"Paper {n % 7}", day)
        (folder / f"{8 - n}.md").write_text(text.replace("date: \n", ""), encoding="utf-8")
    monkeypatch.setattr(store_mod, "LOAD_CITATIONS", 3)
    monkeypatch.setattr(store_mod, "CITATION_PAGE", 2)
    with Store.for_corpus(folder) as store:
        store.sync()
        whole = store.facts(["KR"])
        streamed = list(store.iter_facts(["KR"]))
        wire = next(f for f in streamed if f.text == WIRE_TEXT)
        assert not isinstance(wire.citations, tuple)  # paged, not loaded whole
        assert len(wire.citations) == 9 and len(wire.citations.first) == 2  # of 5 pages
        assert streamed == whole
        assert [c.source.path for c in wire.citations] == [
            c.source.path for c in next(f for f in whole if f.text == WIRE_TEXT).citations]
        assert facts_json(store.iter_facts(["KR"])) == facts_json(whole)
