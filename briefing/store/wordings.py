"""Near-same wordings: facts whose earliest reports differ by a word or two ("said on
Monday" / "said Monday") and state the same figures about the same countries are one fact in
every listing.

They are found when a sync changes facts, not when a listing is asked for: a country of a
100,000-article archive then lists from one column (`facts.grp`, the smallest fact id of the
group) instead of comparing its 13,000 facts' wordings on every pick.

Two facts can be near-same wordings only if they have the same countries and figures (a
"block") and the same first or last six words (a "bucket" within the block). A group never
leaves its block, so a sync recomputes only the blocks its changed facts were or are in, and
what a group is does not depend on the selection it is listed in.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from itertools import combinations, groupby, islice

from rapidfuzz.distance import Indel

from briefing.text import NEAR_SAME_WORDING

#: A bucket larger than this is a stock phrase ("The ministry said on Monday that ..."), not
#: copies of one sentence: its pairs are not compared (there would be its size squared).
STOCK_PHRASE = 50
#: Statement texts read per round of comparisons: memory stays flat however big the corpus.
TEXTS_PER_ROUND = 4_000

#: Facts in the blocks being regrouped; `blocks` fills the temporary table it reads.
_IN_BLOCKS = ("(countries, coalesce(numbers, '')) IN"
              " (SELECT countries, numbers FROM temp.regroup_blocks)")

Pair = tuple[int, int, int, int]
"""Two facts, then the statement ids of their earliest reports (whose texts are compared)."""


def regroup(db: sqlite3.Connection, blocks: Iterable[tuple[str, str | None]] | None,
            texts: Callable[[Iterable[int]], dict[int, str]]) -> None:
    """Recompute `facts.grp` for the facts in `blocks` ((countries, numbers) as the facts
    table has them; None: every fact). `texts` reads statements' texts by id."""
    where = ""
    if blocks is not None:
        db.execute("CREATE TEMP TABLE IF NOT EXISTS regroup_blocks"
                   " (countries TEXT NOT NULL, numbers TEXT NOT NULL)")
        db.execute("DELETE FROM temp.regroup_blocks")
        db.executemany("INSERT INTO temp.regroup_blocks VALUES (?, ?)",
                       {(countries, numbers or "") for countries, numbers in blocks})
        where = " WHERE " + _IN_BLOCKS
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while x in parent:
            x = parent[x]
        return x

    for column in ("head", "tail"):
        for pairs in _rounds(_candidates(db, column, where)):
            # A pair already joined through others needs no comparing (most that share
            # their last words share their first words too).
            pairs = [p for p in pairs if root(p[0]) != root(p[1])]
            known = texts({s for p in pairs for s in p[2:]})
            for a, b, first_a, first_b in pairs:
                ra, rb = root(a), root(b)
                if ra != rb and Indel.normalized_similarity(
                        known[first_a], known[first_b]) >= NEAR_SAME_WORDING:
                    parent[max(ra, rb)] = min(ra, rb)
    db.execute("UPDATE facts SET grp = NULL WHERE grp IS NOT NULL"
               + (" AND " + _IN_BLOCKS if where else ""))
    members = parent.keys() | parent.values()
    db.executemany("UPDATE facts SET grp = ? WHERE id = ?",
                   ((root(fid), fid) for fid in sorted(members)))


def _candidates(db: sqlite3.Connection, column: str, where: str) -> Iterator[Pair]:
    """Pairs of facts in one bucket of `column` (head or tail), streamed from a sort SQLite
    runs (bounded by its cache), a bucket at a time."""
    rows = db.execute(f"SELECT {column}, countries, numbers, id, first FROM facts{where}"
                      f" ORDER BY {column}, countries, numbers")
    for _, bucket in groupby(rows, key=lambda r: r[:3]):
        members = list(islice(bucket, STOCK_PHRASE + 1))
        if 2 <= len(members) <= STOCK_PHRASE:
            for a, b in combinations(members, 2):
                yield a[3], b[3], a[4], b[4]
        # else: one fact alone, or a stock phrase: what is left of it is skipped by groupby


def _rounds(pairs: Iterator[Pair]) -> Iterator[list[Pair]]:
    """The pairs in runs needing at most about TEXTS_PER_ROUND texts each."""
    run: list[Pair] = []
    needed: set[int] = set()
    for pair in pairs:
        run.append(pair)
        needed.update(pair[2:])
        if len(needed) >= TEXTS_PER_ROUND:
            yield run
            run, needed = [], set()
    if run:
        yield run
