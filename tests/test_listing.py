"""A big selection listed a page at a time (`briefing.store.listing`): the same handles in the same
order as sorting the whole selection, however it is paged, and a count that matches."""

from __future__ import annotations

import itertools

import pytest

import briefing.store.listing as listing
import briefing.store.queries as store_mod
from briefing.dev.bench import synthesize
from briefing.store import UPGRADES_FROM, Store


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """A synthetic archive of 150 articles (reworded copies, so near-same wordings merge),
    indexed once for the module."""
    folder = tmp_path_factory.mktemp("archive")
    synthesize(folder / "corpus", 150)
    with open_store(folder) as store:
        store.sync()
    return folder


def open_store(archive) -> Store:
    # Its own path: each test gets a cache dir of its own (conftest), this store is shared.
    return Store(archive / "store.sqlite3", archive / "corpus")


def selections(store: Store) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    counts = store.country_counts()
    countries = sorted(counts, key=lambda c: (-counts[c], c))[:4]
    themes = sorted(t for t, n in store.theme_counts().items() if n)
    return ([((c,), ()) for c in countries] + [((), (t,)) for t in themes]
            + [(pair, ()) for pair in itertools.combinations(countries, 2)]
            + [((), tuple(themes[:2])), ((countries[0],), (themes[0],)),
               (tuple(countries[:2]), tuple(themes[-2:]))])


def test_a_walked_listing_lists_what_sorting_lists(archive, monkeypatch):
    monkeypatch.setattr(store_mod, "WALK_FROM", 1)
    monkeypatch.setattr(listing, "WALK_WINDOW", 4)  # many small steps, each its own read
    monkeypatch.setattr(listing, "WALK_MAX_WINDOW", 64)
    merged = 0
    with open_store(archive) as store:
        for countries, themes in selections(store):
            sorted_ = store._sorted(countries, themes)
            walked = store.fact_groups(countries, themes)
            assert isinstance(walked, listing.Walk)
            # Paged as the app pages it, then read whole: the same as the sorted list.
            assert [g for n in range(0, len(walked), 7) for g in walked[n:n + 7]] == sorted_
            assert len(walked) == len(sorted_) and list(walked) == sorted_
            merged += sum(len(g) > 1 for g in sorted_)
            facts = store.load_facts(walked[:5], citations=2)
            assert facts == store.facts(countries, themes, citations=2)[:5]
    assert merged > 20  # the archive's reworded copies are merged in these selections


def test_each_way_of_reading_a_walk_gives_the_same_groups(archive, monkeypatch):
    monkeypatch.setattr(store_mod, "WALK_FROM", 1)
    with open_store(archive) as store:
        want = store._sorted(["DE"], [])
        for read in (lambda w: w[-1], lambda w: w[3], lambda w: w[len(w) - 3:],
                     lambda w: w[::2], lambda w: w[:]):
            assert read(store.fact_groups(["DE"])) == read(want)


def test_a_walk_that_reads_too_far_for_a_page_sorts_the_selection(archive, monkeypatch):
    """A selection sitting late in the corpus: the walk stops after its budget and sorts."""
    monkeypatch.setattr(store_mod, "WALK_FROM", 1)
    monkeypatch.setattr(listing, "WALK_WINDOW", 2)
    monkeypatch.setattr(listing, "WALK_BUDGET", 8)
    sorts = []
    real = Store._sorted
    monkeypatch.setattr(Store, "_sorted", lambda self, *a: sorts.append(a) or real(self, *a))
    with open_store(archive) as store:
        want = real(store, ["KR"], [])
        walked = store.fact_groups(["KR"])
        assert walked[:50] == want[:50] and sorts == [(["KR"], ())]
        assert list(walked) == want and len(sorts) == 1


def test_small_selections_and_searches_are_sorted_at_once(archive):
    with open_store(archive) as store:
        small = min(store.country_counts().items(), key=lambda item: item[1])[0]
        assert isinstance(store.fact_groups([small]), list)
        assert isinstance(store.fact_groups([], [], "chips"), list)


#: The sources table as schema 10 made it, comments and all (SQLite edits this text).
V10_SOURCES = """CREATE TABLE old (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL, path TEXT NOT NULL, title TEXT NOT NULL,
    publisher TEXT, date TEXT, url TEXT, sha256 TEXT NOT NULL, carrier TEXT,
    extractor TEXT, pages TEXT,  -- HTML/PDF: what extracted the text; a PDF's page offsets
    body INTEGER NOT NULL, headings TEXT  -- JSON list of its section headings, NULL for none
)"""
V10_COLUMNS = ("id, key, path, title, publisher, date, url, sha256, carrier, extractor, pages,"
               " body, headings")


def test_a_store_of_the_previous_schema_is_upgraded_without_reading_again(archive):
    """Version 10 had no origin keys on sources and no listing indexes: both are added."""
    origins = "SELECT id, o1, o2, o3 FROM sources ORDER BY id"
    with open_store(archive) as store:
        want = (store.facts(["KR"]), store.db.execute(origins).fetchall())
        with store._transaction():
            for name in ("facts_order", "facts_grp"):
                store.db.execute(f"DROP INDEX {name}")
            store.db.execute(V10_SOURCES)
            store.db.execute(f"INSERT INTO old SELECT {V10_COLUMNS} FROM sources")
            store.db.execute("DROP TABLE sources")
            store.db.execute("ALTER TABLE old RENAME TO sources")
            store.db.execute("UPDATE meta SET value=? WHERE key='schema'",
                             (str(UPGRADES_FROM),))
    with open_store(archive) as store:
        indexes = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master")}
        assert {"facts_order", "facts_grp"} <= indexes
        assert (store.facts(["KR"]), store.db.execute(origins).fetchall()) == want
        assert any(len(f.citations) > 1 for f in want[0]) and want[1][0][1] is not None
        assert store.sync().read == 0
