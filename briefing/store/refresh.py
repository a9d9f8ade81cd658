"""The per-fact rows a sync keeps up to date: after files are written or removed, which
version of each page states facts, and for each touched fact its labels, counts of sources
and independent publishers, newest date, earliest report, cited statements and near-same
wordings (`briefing.store.wordings`), computed from a sorted stream of statements.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from itertools import groupby

from briefing.ingest.provenance import ORIGINS_KEPT, version_order
from briefing.store.aggregate import fact_row
from briefing.store.base import StoreBase, batches, first_item
from briefing.store.wordings import regroup


class Refresh(StoreBase):
    """Keeping the facts table in step with the statements."""

    def _refresh_facts(self, touched: set[int] | None) -> None:
        """Recompute the per-fact rows for the facts a sync touched (None: all of them):
        their labels, how many sources and independent publishers state them, their newest
        date, their earliest report, the statements a brief cites for them and their
        near-same wordings. Statements come sorted by fact, so only one fact's rows are in
        memory at a time."""
        blocks: set[tuple[str, str | None]] | None = None
        if touched is None:
            for table in ("facts", "fact_countries", "fact_themes"):
                self.db.execute(f"DELETE FROM {table}")
            self._rank_sources("WHERE NOT superseded", ())
            rows = self.db.execute(_REFRESH_SQL.format(where=""))
        else:
            wanted = json.dumps(sorted(touched))
            old = self.db.execute("SELECT id, countries, themes, numbers FROM facts WHERE id IN"
                                  " (SELECT value FROM json_each(?))", (wanted,)).fetchall()
            # The blocks of near-same wordings (countries, figures) these facts were in;
            # those they are in now are added as they are written.
            blocks = {(r[1], r[3]) for r in old}
            self.db.executemany("DELETE FROM fact_countries WHERE code=? AND fact=?",
                                [(c, r[0]) for r in old for c in r[1].split()])
            self.db.executemany("DELETE FROM fact_themes WHERE slug=? AND fact=?",
                                [(t, r[0]) for r in old for t in r[2].split()])
            self.db.executemany("DELETE FROM facts WHERE id=?", [(r[0],) for r in old])
            self._rank_sources("WHERE NOT superseded AND id IN (SELECT source FROM statements"
                               " WHERE fact IN (SELECT value FROM json_each(?)))", (wanted,))
            rows = self.db.execute(_REFRESH_SQL.format(
                where="WHERE s.fact IN (SELECT value FROM json_each(?))"), (wanted,))
        # A fact's statements are read as they come (see `fact_row`); rows of facts go in
        # by the thousand.
        sources = _SourceCache(self.db)
        summaries: Iterator[tuple] = (fact_row(fid, members, sources.get)
                                      for fid, members in groupby(rows, key=first_item))
        # The user's corrections of facts' labels (`store.corrections`), laid over what the
        # statements say before anything reads them: country and theme tables, and the
        # blocks of near-same wordings, see the corrected labels.
        overrides = self._fact_overrides()
        read_as: list[tuple[str, str, int]] = []
        if overrides:
            summaries = (overridden(s, overrides.get(s[0]), read_as) for s in summaries)
        for batch in batches(summaries, 2_000):
            self.db.executemany(f"INSERT INTO facts VALUES ({', '.join('?' * 19)}, NULL, ?)",
                                batch)
            self.db.executemany("INSERT INTO fact_countries VALUES (?, ?)",
                                [(c, s[0]) for s in batch for c in s[8].split()])
            self.db.executemany("INSERT INTO fact_themes VALUES (?, ?)",
                                [(t, s[0]) for s in batch for t in s[9].split()])
            if blocks is not None:
                blocks.update((s[8], s[13]) for s in batch)
        self.db.executemany("UPDATE fact_overrides SET was_countries=?, was_themes=?"
                            " WHERE fact=?", read_as)
        regroup(self.db, blocks, self._texts)

    def _fact_overrides(self) -> dict[int, tuple[str | None, str | None]]:
        """The labels corrected facts take: (countries, themes), None where not corrected.
        A handful: the user makes them one by one."""
        return {row[0]: (row[1], row[2]) for row in self.db.execute(
            "SELECT fact, countries, themes FROM fact_overrides")}

    def _rank_sources(self, where: str, params: Sequence) -> None:
        """Rank the sources `where` selects in citation order, with their dates and origin
        keys, into the temporary table _REFRESH_SQL joins: a source left out (an older
        version of a page) states none of the facts refreshed."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS source_rank (id INTEGER PRIMARY KEY,"
                        " rank INTEGER NOT NULL, date TEXT, o1 INTEGER, o2 INTEGER, o3 INTEGER)")
        self.db.execute("DELETE FROM temp.source_rank")
        sources = self.db.execute(
            f"SELECT id, date, o1, o2, o3 FROM sources {where}"
            " ORDER BY coalesce(nullif(date, ''), '9999'), key, id", params)
        ranked = ((row[0], rank, *row[1:]) for rank, row in enumerate(sources))
        for batch in batches(ranked, 5_000):
            self.db.executemany("INSERT INTO temp.source_rank VALUES (?, ?, ?, ?, ?, ?)", batch)

    def _settle_versions(self, pages: set[int] | None) -> set[int]:
        """Work out which version of each page is the newest (`version_order`): the others
        are superseded, and each version learns the page's `versions`. `pages`: the pages a
        sync added or removed a version of (None: every page kept more than once). Returns
        the sources that became superseded, or current again: the facts they state change."""
        params: tuple[str, ...] = ()
        if pages is None:
            where = ("page IN (SELECT page FROM sources WHERE page IS NOT NULL"
                     " GROUP BY page HAVING count(*) > 1)")
        elif pages:
            where, params = "page IN (SELECT value FROM json_each(?))", (json.dumps(sorted(pages)),)
        else:
            return set()
        rows = self.db.execute(
            "SELECT page, id, path, coalesce(fetched, nullif(date, '')), fetched IS NOT NULL,"
            f" superseded, versions FROM sources WHERE {where} ORDER BY page", params).fetchall()
        flipped: set[int] = set()
        updates: list[tuple[int, str | None, int]] = []
        for _, group in groupby(rows, key=first_item):
            members = sorted(group, key=lambda r: version_order(r[3], r[2]))
            newest, first = members[-1], members[0]
            versions = None if len(members) == 1 else json.dumps(
                [newest[2], _day(newest[3]), _day(first[3]), bool(first[4]), len(members)],
                ensure_ascii=False)
            for r in members:
                superseded = int(r is not newest)
                if (superseded, versions) != (r[5], r[6]):
                    updates.append((superseded, versions, r[1]))
                if superseded != r[5]:
                    flipped.add(r[1])
        self.db.executemany("UPDATE sources SET superseded=?, versions=? WHERE id=?", updates)
        return flipped

    def _facts_of(self, source_ids: set[int]) -> set[int]:
        """The facts some sources state. A source's statements lie in its file's range of
        statement ids: no index on statements' sources is needed to find them."""
        if not source_ids:
            return set()
        return {fact for (fact,) in self.db.execute(
            "SELECT DISTINCT s.fact FROM sources src JOIN files f ON f.path = src.path"
            " JOIN statements s ON s.id BETWEEN f.first_statement AND f.last_statement"
            " WHERE src.id IN (SELECT value FROM json_each(?)) AND s.source = src.id",
            (json.dumps(sorted(source_ids)),))}


#: Every statement of the facts being refreshed, with its source, sorted by fact.
#: A fact's statements in citation order: undated after dated, then corpus order (the first
#: is the earliest report), each with its source's date and origin keys. Sorting by a rank of
#: the sources (`_rank_sources`), not their columns, keeps the sort narrow: 20 columns a
#: statement, most of them its source's, cost twice as much to sort.
_REFRESH_SQL = ("SELECT s.fact, s.id, s.start, s.source, s.countries, s.themes, s.mentions,"
                " s.figures, s.head, s.tail, s.position, r.date, r.o1, r.o2, r.o3, s.compared"
                " FROM statements s JOIN temp.source_rank r ON r.id = s.source {where}"
                " ORDER BY s.fact, r.rank, s.start")


def overridden(row: tuple, labels: tuple[str | None, str | None] | None,
               read_as: list[tuple[str, str, int]]) -> tuple:
    """A facts-table row (`fact_row`) with the labels the user gave it, if any; the labels
    it was read with go into `read_as`. Countries it is no longer about are neither
    comparators nor mentions of it: what it names in passing stays a mention."""
    if labels is None:
        return row
    read_as.append((row[8], row[9], row[0]))
    countries, themes = labels
    out = list(row)
    if countries is not None:
        codes = set(countries.split())
        out[8] = " ".join(sorted(codes))
        out[10] = " ".join(sorted(set(row[10].split()) - codes))
        out[19] = " ".join(sorted(set(row[19].split()) & codes))
    if themes is not None:
        out[9] = " ".join(sorted(set(themes.split())))
    return tuple(out)


def _day(when: str | None) -> str | None:
    """The day of a fetch time or a date (`2026-03-05T09:30:00Z` -> `2026-03-05`)."""
    return when[:10] if when else None


class _SourceCache:
    """Sources' keys and paths by id, for refreshing facts; forgotten past ORIGINS_KEPT,
    so memory stays bounded on any archive."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.known: dict[int, tuple[str, str]] = {}

    def get(self, source_id: int) -> tuple[str, str]:
        found = self.known.get(source_id)
        if found is None:
            if len(self.known) > ORIGINS_KEPT:
                self.known.clear()
            found = self.known[source_id] = self.db.execute(
                "SELECT key, path FROM sources WHERE id=?", (source_id,)).fetchone()
        return found
