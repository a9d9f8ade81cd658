"""The store's schema: its tables and indexes, creating them in a new file, and bringing a
store made by an earlier version up to date in place (or emptying one too old to upgrade).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator

from briefing.ingest.fetch import FetchRecord, fetch_record
from briefing.model import Source
from briefing.store.files import (
    FETCHED_SUFFIXES,
    SOURCE_COLUMNS,
    origin_keys,
    page_of,
    source_of_row,
)
from briefing.store.refresh import Refresh

SCHEMA_VERSION = 14
#: A store of this version or a later one is brought up to date in place (`Store._upgrade`);
#: an older one is emptied and read again.
UPGRADES_FROM = 10

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL, error TEXT, warnings TEXT,  -- JSON list, NULL for none
    -- A file's sources and statements get consecutive ids: these ranges find them
    -- without an index on the path.
    first_source INTEGER, last_source INTEGER, first_statement INTEGER, last_statement INTEGER
) WITHOUT ROWID;
-- Article text as the reader decoded it, zlib-compressed: kept once, statements are spans.
CREATE TABLE IF NOT EXISTS bodies (id INTEGER PRIMARY KEY, text BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL, path TEXT NOT NULL, title TEXT NOT NULL,
    publisher TEXT, date TEXT, url TEXT, sha256 TEXT NOT NULL, carrier TEXT,
    extractor TEXT, pages TEXT,  -- HTML/PDF: what extracted the text; a PDF's page offsets
    body INTEGER NOT NULL, headings TEXT,  -- JSON list of its section headings, NULL for none
    -- Its origin keys as numbers (`origin_hashes`; one to three): who counts as one outlet.
    o1 INTEGER, o2 INTEGER, o3 INTEGER,
    -- Versions of one page (`briefing.ingest.provenance.page_key`, NULL: not a page of its own)
    -- and when `briefing add` fetched it (its sidecar's time). A sync marks all but the
    -- newest version superseded: their statements state no fact. `versions` (JSON, NULL
    -- when the page is kept once) says which is the newest and when the first was seen.
    page INTEGER, fetched TEXT, superseded INTEGER NOT NULL DEFAULT 0, versions TEXT
);
CREATE TABLE IF NOT EXISTS statements (
    id INTEGER PRIMARY KEY, source INTEGER NOT NULL, fact INTEGER NOT NULL,
    position INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    block_start INTEGER NOT NULL, block_end INTEGER NOT NULL,
    text TEXT,  -- NULL: the span of the body with whitespace collapsed (nearly always)
    head INTEGER NOT NULL, tail INTEGER NOT NULL,  -- hashes of its first and last six words
    heading INTEGER,  -- index into its source's headings
    figures TEXT,  -- JSON, NULL for none
    countries TEXT NOT NULL, themes TEXT NOT NULL,  -- space-separated codes and slugs
    mentions TEXT NOT NULL,  -- countries named only in passing
    compared TEXT NOT NULL DEFAULT ''  -- of its countries, those only compared with
);
-- Per fact (statements with the same wording), kept up to date by every sync, so that
-- queries touch one row per fact instead of one per citation. The id is the fact id's hex.
CREATE TABLE IF NOT EXISTS facts (
    id INTEGER PRIMARY KEY, sources INTEGER NOT NULL, publishers INTEGER NOT NULL,
    newest TEXT, cited TEXT NOT NULL,  -- statement ids a brief cites, in order
    first INTEGER NOT NULL,  -- the earliest report: its wording is the fact's text
    numeric INTEGER NOT NULL, years INTEGER NOT NULL,  -- figures other than years; years
    countries TEXT NOT NULL, themes TEXT NOT NULL,  -- the union over its statements
    mentions TEXT NOT NULL,
    -- Of its earliest report, what merging near-same wordings and corpus order need, so
    -- that listing a country's facts reads this table alone: the head and tail hashes, the
    -- figures' kinds and values, and where it stands.
    head INTEGER NOT NULL, tail INTEGER NOT NULL, numbers TEXT,
    first_date TEXT, first_key TEXT NOT NULL, first_start INTEGER NOT NULL,
    first_path TEXT NOT NULL, first_position INTEGER NOT NULL,
    grp INTEGER,  -- its near-same wordings' smallest id (`store.wordings`); NULL: alone
    compared TEXT NOT NULL DEFAULT ''  -- of its countries, those no statement leads on
);
CREATE TABLE IF NOT EXISTS fact_countries (
    code TEXT NOT NULL, fact INTEGER NOT NULL, PRIMARY KEY (code, fact)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS fact_themes (
    slug TEXT NOT NULL, fact INTEGER NOT NULL, PRIMARY KEY (slug, fact)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts USING fts5(
    text, content='', columnsize=0, tokenize='unicode61 remove_diacritics 2',
    detail=none  -- searches are words and prefixes, never phrases: no positions to keep
);
"""
#: The user's corrections as the store lays them over what extraction read (see
#: `briefing.store.corrections`): a corrected source's own values, to put back when the
#: correction goes, and the labels each corrected fact takes, with those it was read with.
_CORRECTIONS = """
CREATE TABLE IF NOT EXISTS source_originals (
    id INTEGER PRIMARY KEY, title TEXT NOT NULL, publisher TEXT, date TEXT
);
CREATE TABLE IF NOT EXISTS fact_overrides (
    fact INTEGER PRIMARY KEY,
    countries TEXT, themes TEXT,  -- space-separated; NULL: not corrected
    was_countries TEXT, was_themes TEXT  -- as read, set when its row is refreshed
);
"""


# Secondary indexes: dropped during a bulk load and built once at the end, which is several
# times cheaper than keeping them up to date row by row. Everything else is found by
# primary key or by a file's id ranges.
INDEXES = """
-- With the source: counting a fact's sources reads the index alone.
CREATE INDEX IF NOT EXISTS statements_fact ON statements(fact, source);
-- Corpus order, as a listing shows facts: a big selection walks it a page at a time.
CREATE INDEX IF NOT EXISTS facts_order ON facts(first_path, first_key, first_position);
-- The few facts with near-same wordings, to merge a listing's page.
CREATE INDEX IF NOT EXISTS facts_grp ON facts(grp) WHERE grp IS NOT NULL;
-- The versions of a page, to settle which one is the newest when a sync changes one.
CREATE INDEX IF NOT EXISTS sources_page ON sources(page) WHERE page IS NOT NULL;
"""
INDEX_NAMES = re.findall(r"EXISTS (\w+)", INDEXES)


class Schema(Refresh):
    """Creating and upgrading a store's schema."""

    def _migrate(self) -> None:
        """Create the schema, or replace one of another version. An up-to-date store is
        only read here, so opening it never waits for a sync running elsewhere."""
        if self._schema_version() == str(SCHEMA_VERSION):
            return
        with self._sync_lock():  # two processes creating one store: the second waits
            # Both persistent in the file; not allowed inside a transaction. Big pages pack
            # the compressed article texts (about 2 kB each) with little left over; a file
            # made with other pages keeps them (the page size then changes only by VACUUM).
            self.db.execute("PRAGMA page_size=16384")
            self.db.execute("PRAGMA journal_mode=WAL")
            with self._transaction():
                version = self._schema_version()
                if version == str(SCHEMA_VERSION):  # made while this process waited
                    return
                if version is not None and version.isdigit() and (
                        UPGRADES_FROM <= int(version) < SCHEMA_VERSION):  # keep the facts
                    self._upgrade(int(version))
                    return
                if version is not None:
                    self._drop_all()
                for statement in sql_statements(_SCHEMA + _CORRECTIONS + INDEXES):
                    self.db.execute(statement)
                self._set_meta("schema", str(SCHEMA_VERSION))

    def _upgrade(self, version: int) -> None:
        """A store of `version` (UPGRADES_FROM or later) made current without reading the
        corpus again. 11: sources get their origin keys, facts the listing indexes. 12:
        sources learn which page they are a version of (from the URL they give, or their
        sidecar's, read again) and only each page's newest version states facts. 13:
        statements and facts say which of their countries are only comparators (empty in
        a store read before: each country a lead, as it was shown then, until the next
        change of EXTRACTOR_VERSION reads the corpus again). 14: the tables of the user's
        corrections (applied by the sync that follows)."""
        columns = [*(("o1 INTEGER", "o2 INTEGER", "o3 INTEGER") if version < 11 else ()),
                   *(("page INTEGER", "fetched TEXT", "superseded INTEGER NOT NULL DEFAULT 0",
                      "versions TEXT") if version < 12 else ())]
        for column in columns:  # added in the order a new store's table has them
            self.db.execute(f"ALTER TABLE sources ADD COLUMN {column}")
        if version < 13:
            for table in ("statements", "facts"):
                if "compared" not in {row[1] for row in self.db.execute(
                        f"PRAGMA table_info({table})")}:
                    self.db.execute(f"ALTER TABLE {table} ADD COLUMN"
                                    " compared TEXT NOT NULL DEFAULT ''")
        if version < 14:
            for statement in sql_statements(_CORRECTIONS):
                self.db.execute(statement)
        last = -1
        while rows := self.db.execute(f"SELECT id, {SOURCE_COLUMNS} FROM sources WHERE id > ?"
                                      " ORDER BY id LIMIT 5000", (last,)).fetchall():
            sources = [(row[0], source_of_row(row[1:])) for row in rows]
            if version < 11:
                self.db.executemany("UPDATE sources SET o1=?, o2=?, o3=? WHERE id=?",
                                    [(*origin_keys(s), sid) for sid, s in sources])
            if version < 12:
                self.db.executemany("UPDATE sources SET page=?, fetched=? WHERE id=?",
                                    [(*page_of(s, self._sidecar(s)), sid) for sid, s in sources])
            last = rows[-1][0]
        for statement in sql_statements(INDEXES):
            self.db.execute(statement)
        if version < 12:
            touched = self._facts_of(self._settle_versions(None))
            if touched:
                self._refresh_facts(touched)
        self._set_meta("schema", str(SCHEMA_VERSION))

    def _sidecar(self, source: Source) -> FetchRecord | None:
        """The sidecar of a source's file, read now (only pages and reports have one)."""
        if source.is_related or not source.path.lower().endswith(FETCHED_SUFFIXES):
            return None
        return fetch_record(self.corpus / source.path)

    def _schema_version(self) -> str | None:
        try:
            return self._meta("schema")
        except sqlite3.OperationalError as err:
            if "no such table" in str(err):  # a new, empty file
                return None
            raise

    def _drop_all(self) -> None:
        for table in ("statements_fts", "statement_countries", "statement_themes",
                      "statements", "sources", "bodies", "files", "meta", "facts",
                      "fact_countries", "fact_themes", "source_originals", "fact_overrides"):
            # statement_* are tables of schema 1-2
            self.db.execute(f"DROP TABLE IF EXISTS {table}")


def sql_statements(script: str) -> Iterator[str]:
    """SQL statements of a script one by one (executescript would commit the transaction)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
