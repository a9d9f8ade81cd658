"""A big selection's facts listed a page at a time, by walking the store's corpus order.

Listing a selection the plain way sorts all of it: at 100,000 articles the `strategy` theme
selects 174,000 facts and took 270 ms before the first row could show. A page shows 50.
Here the facts come from the `facts_order` index (the corpus order a listing uses) a window
at a time, kept when the selection holds them, so a page costs about what it shows; how many
facts the selection lists in all is counted from the country and theme tables. Near-same
wordings (`briefing.store.wordings`) are merged as `Store._groups` merges them, so both give the
same handles in the same order; a test holds them to that.

A selection whose facts all sit late in the corpus would make a walk read most of the index
for its first page: past WALK_BUDGET entries for one page, the listing sorts the selection
instead, which costs what listing it always cost.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import overload

from briefing.store.protocol import FactGroup

#: Index entries the first window reads; each next window reads twice as many, up to
#: WALK_MAX_WINDOW: a dense selection fills its first page from the first window, and a
#: sparse one gets there in a few steps.
WALK_WINDOW = 512
WALK_MAX_WINDOW = 16_384
#: Index entries one page may read before the listing sorts the selection instead (about
#: 20 ms on this machine).
WALK_BUDGET = 65_536

_ORDER = "first_path, first_key, first_position, id"
#: A merged fact is quoted from its earliest report and listed where that report stands.
_EARLIEST = "coalesce(nullif(first_date, ''), '9999'), first_key, first_start"

Snapshot = Callable[[], AbstractContextManager[None]]


def membership(countries: Sequence[str], themes: Sequence[str], fact: str = "f.id"
               ) -> tuple[str, list[str]]:
    """The condition that `fact` is about any of `countries` and any of `themes`, tested
    one fact at a time (what a walk needs), and its parameters."""
    parts: list[str] = []
    params: list[str] = []
    for table, column, values in (("fact_countries", "code", countries),
                                  ("fact_themes", "slug", themes)):
        if values:
            parts.append(f"EXISTS (SELECT 1 FROM {table} WHERE {column} IN"
                         f" ({','.join('?' * len(values))}) AND fact = {fact})")
            params.extend(values)
    return " AND ".join(parts), params


def count_listed(db: sqlite3.Connection, countries: Sequence[str], themes: Sequence[str]) -> int:
    """How many facts a selection of countries and themes lists, near-same wordings merged.
    Read from the country and theme tables, not from the facts."""
    table, column, values = (("fact_countries", "code", countries) if countries
                             else ("fact_themes", "slug", themes))
    others, params = membership((), themes, "m.fact") if countries else ("", [])
    # One country or theme lists each fact once; several can list a fact twice.
    counted = "count(*)" if len(values) == 1 else "count(DISTINCT fact)"
    sql = (f"SELECT {counted} FROM {table} m WHERE {column} IN ({','.join('?' * len(values))})"
           + (" AND " + others if others else ""))
    (facts,) = db.execute(sql, [*values, *params]).fetchone()
    where, params = membership(countries, themes)
    # Each merged fact lists its selected wordings as one.
    (merged,) = db.execute("SELECT count(*) - count(DISTINCT grp) FROM facts f"
                           f" WHERE grp IS NOT NULL AND {where}", params).fetchone()
    return facts - merged


class Walk(Sequence[FactGroup]):
    """The handles `Store.fact_groups` lists for a selection of countries and themes, found
    as they are asked for. Its length is the count, known at once. Safe to share between
    threads; each step reads in one snapshot of the store."""

    def __init__(self, db: sqlite3.Connection, snapshot: Snapshot,
                 countries: Sequence[str], themes: Sequence[str], total: int,
                 sort: Callable[[], list[FactGroup]],
                 failure: Callable[[sqlite3.Error], Exception]):
        self._db, self._snapshot, self._sort, self._failure = db, snapshot, sort, failure
        self._where, self._params = membership(countries, themes)
        self._total = total
        self._groups: list[FactGroup] = []
        self._after: tuple | None = None  # the last index entry read
        self._window = WALK_WINDOW
        self._done = False
        #: A merged fact's selected wordings in corpus order, and the one it is listed at.
        self._merged: dict[int, tuple[FactGroup, int]] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self._total

    @overload
    def __getitem__(self, index: int) -> FactGroup: ...

    @overload
    def __getitem__(self, index: slice) -> list[FactGroup]: ...

    def __getitem__(self, index: int | slice) -> FactGroup | list[FactGroup]:
        if isinstance(index, slice):
            needed = (index.indices(self._total)[1] if index.step in (None, 1)
                      else self._total)
        else:
            needed = index + 1 if index >= 0 else self._total
        with self._lock:
            self._extend(needed)
            return self._groups[index]

    def _extend(self, needed: int) -> None:
        try:
            self._walk(needed)
        except sqlite3.Error as err:
            raise self._failure(err) from None

    def _walk(self, needed: int) -> None:
        read = 0
        while len(self._groups) < needed and not self._done:
            if read >= WALK_BUDGET:  # the selection sits late in the corpus: sort it
                self._groups, self._done = self._sort(), True
                return
            read += self._step()

    def _step(self) -> int:
        """Read the next window of the index; returns how many entries it read."""
        window = self._window
        self._window = min(window * 2, WALK_MAX_WINDOW)
        # The window: index entries past the last one read, up to its last entry (`end`;
        # None when the index ends first).
        after = "TRUE" if self._after is None else f"({_ORDER}) > (?, ?, ?, ?)"
        bound = list(self._after or ())
        with self._snapshot():
            end = self._db.execute(
                f"SELECT {_ORDER} FROM facts f WHERE {after} ORDER BY {_ORDER}"
                " LIMIT 1 OFFSET ?", [*bound, window - 1]).fetchone()
            upto = "TRUE" if end is None else f"({_ORDER}) <= (?, ?, ?, ?)"
            rows = self._db.execute(
                f"SELECT id, grp FROM facts f WHERE {after} AND {upto} AND {self._where}"
                f" ORDER BY {_ORDER}", [*bound, *(end or ()), *self._params]).fetchall()
            self._learn({grp for _, grp in rows if grp is not None} - self._merged.keys())
        for fid, grp in rows:
            if grp is None:
                self._groups.append((fid,))
                continue
            members, placed = self._merged[grp]
            if fid == placed:
                self._groups.append(members)
        if end is None:
            self._done = True
        self._after = end
        return window

    def _learn(self, groups: set[int]) -> None:
        """The selected wordings of these merged facts, and where each is listed."""
        if not groups:
            return
        found: dict[int, list[tuple[int, tuple]]] = {}
        for fid, grp, *earliest in self._db.execute(
                f"SELECT id, grp, {_EARLIEST} FROM facts f WHERE grp IS NOT NULL AND grp IN"
                f" (SELECT value FROM json_each(?)) AND {self._where} ORDER BY {_ORDER}",
                [json.dumps(sorted(groups)), *self._params]):
            found.setdefault(grp, []).append((fid, tuple(earliest)))
        for grp, members in found.items():
            # min keeps the first of equals, as Store._groups does: the earliest in order.
            placed = min(members, key=lambda m: m[1])[0]
            self._merged[grp] = (tuple(fid for fid, _ in members), placed)
