"""What the store keeps per fact, computed from the fact's statements at each sync: how
many sources and independent publishers state it, its newest date, its earliest report and
the statements a brief cites. Compiled with the extractor (a cold index runs this for every
statement), so it takes plain rows and a lookup, never the database.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from itertools import chain

from briefing.ingest.provenance import MAX_CITED, cited_indices, count_origins
from briefing.model import Figure


def figures_from_json(data: str | None) -> tuple[Figure, ...]:
    return tuple(Figure(*item) for item in json.loads(data)) if data else ()


def fact_row(fid: int, rows: Iterator[tuple], source_of: Callable[[int], tuple[str, str]]
             ) -> tuple:
    """The facts-table row of one fact from its statements: rows of the store's
    `_REFRESH_SQL`, in citation order, each with its source's date and origin keys (as
    numbers); `source_of` gives a source's key and path from its id. The rows are read
    once and not kept: a wire story's thousands of copies never sit in memory together,
    only a number or two for each source that states it."""
    first = next(rows)
    second = next(rows, None)
    if second is None:  # most facts: one report, nothing to order or count
        cited, n_sources, n_publishers = str(first[1]), 1, 1
        date = first[11] or None
        codes, slugs = set(first[4].split()), set(first[5].split())
        named = set(first[6].split()) - codes
        compared = set(first[15].split())
    else:
        firsts: dict[int, int] = {}  # source id -> its first statement, in citation order
        origins: list[tuple[int, ...]] = []
        dates: set[str] = set()
        # Copies of a sentence mostly share their labels: each distinct string is split once.
        code_texts: set[str] = set()
        slug_texts: set[str] = set()
        named_texts: set[str] = set()
        labels: set[tuple[str, str]] = set()  # (countries, those only compared)
        for r in chain((first, second), rows):
            if r[3] not in firsts:
                firsts[r[3]] = r[1]
                origins.append(tuple([o for o in r[12:15] if o is not None]))
            if r[11]:
                dates.add(r[11])
            code_texts.add(r[4])
            slug_texts.add(r[5])
            named_texts.add(r[6])
            labels.add((r[4], r[15]))
        statements = list(firsts.values())
        n_sources = len(statements)
        n_publishers = count_origins(origins) if n_sources > 1 else 1
        cited = " ".join(str(statements[i]) for i in cited_indices(origins, MAX_CITED))
        date = max(dates, default=None)
        codes = {c for text in code_texts for c in text.split()}
        slugs = {t for text in slug_texts for t in text.split()}
        named = {c for text in named_texts for c in text.split()} - codes
        compared = compared_only(labels)
    key, path = source_of(first[3])
    figures = figures_from_json(first[7])
    kinds = [f.kind for f in figures]
    numbers = json.dumps(sorted((f.kind, f.value) for f in figures)) if figures else None
    return (fid, n_sources, n_publishers, date, cited, first[1],
            sum(k != "year" for k in kinds), kinds.count("year"),
            " ".join(sorted(codes)), " ".join(sorted(slugs)), " ".join(sorted(named)),
            first[8], first[9], numbers, first[11], key, first[2], path, first[10],
            " ".join(sorted(compared)))


def compared_only(labels: Iterable[tuple[str, str]]) -> set[str]:
    """The countries several statements (or wordings) of a fact are about only as
    comparators: each pair is one's countries and those it only compares with, space-
    separated; a country one of them leads on is a lead of the fact."""
    pairs = [(set(codes.split()), set(only.split())) for codes, only in labels]
    leads = {c for codes, only in pairs for c in codes - only}
    return {c for _, only in pairs for c in only} - leads
