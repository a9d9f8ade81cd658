"""What the store keeps per fact, computed from the fact's statements at each sync: how
many sources and independent publishers state it, its newest date, its earliest report and
the statements a brief cites. Compiled with the extractor (a cold index runs this for every
statement), so it takes plain rows and a lookup, never the database.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from briefing.model import Figure, Source
from briefing.provenance import MAX_CITED, cited_order, independent_publishers


def figures_from_json(data: str | None) -> tuple[Figure, ...]:
    return tuple(Figure(*item) for item in json.loads(data)) if data else ()


def fact_row(fid: int, rows: list[tuple], source_of: Callable[[int], Source]) -> tuple:
    """The facts-table row of one fact from its statements: rows of the store's
    `_REFRESH_SQL`, in citation order; `source_of` gives a statement's source from its id."""
    if len(rows) == 1:  # most facts: one report, nothing to order or count
        first = rows[0]
        source = source_of(first[3])
        cited, date, n_sources, n_publishers = str(first[1]), source.date, 1, 1
        codes, slugs = set(first[4].split()), set(first[5].split())
        named = set(first[6].split()) - codes
    else:
        first_row: dict[str, int] = {}  # of each source, its first statement in citation order
        by_key: dict[str, Source] = {}
        for r in rows:
            s = source_of(r[3])
            if s.key not in first_row:
                first_row[s.key] = r[1]
                by_key[s.key] = s
        ordered = list(by_key.values())
        cited_sources = cited_order(ordered, MAX_CITED) if len(ordered) > 1 else ordered
        first, source = rows[0], ordered[0]
        cited = " ".join(str(first_row[s.key]) for s in cited_sources)
        date = max((s.date for s in ordered if s.date), default=None)
        n_sources = len(ordered)
        n_publishers = independent_publishers(ordered) if n_sources > 1 else 1
        # Copies of a sentence mostly share their labels: split each distinct string once.
        codes = {c for text in {r[4] for r in rows} for c in text.split()}
        slugs = {t for text in {r[5] for r in rows} for t in text.split()}
        named = {c for text in {r[6] for r in rows} for c in text.split()} - codes
    figures = figures_from_json(first[7])
    kinds = [f.kind for f in figures]
    numbers = json.dumps(sorted((f.kind, f.value) for f in figures)) if figures else None
    return (fid, n_sources, n_publishers, date, cited, first[1],
            sum(k != "year" for k in kinds), kinds.count("year"),
            " ".join(sorted(codes)), " ".join(sorted(slugs)), " ".join(sorted(named)),
            first[8], first[9], numbers, source.date, source.key, first[2], source.path,
            first[10])
