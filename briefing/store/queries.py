"""Reading facts out of the store: selections by country, theme and full-text query, merged
near-same wordings, corpus order, citations (a page at a time for a fact stated by thousands
of sources), what a brief ranks by, sources and counts, and a fact's paragraph.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import overload

from briefing.errors import BriefingError, CorpusError
from briefing.ingest.provenance import count_origins
from briefing.model import Citation, Fact, FactDigest, Figure, Source
from briefing.store import search
from briefing.store.aggregate import compared_only, figures_from_json
from briefing.store.base import StoreBase, batches, hex_id, store_errors
from briefing.store.files import SOURCE_COLUMNS, source_of_row
from briefing.store.listing import Walk, count_listed
from briefing.store.protocol import FactGroup

#: A selection listing at least this many facts is listed a page at a time by walking the
#: corpus order (`briefing.store.listing`); a smaller one is sorted at once, in a few ms.
WALK_FROM = 2_000
#: Facts built per round of queries when facts are streamed, and most citations (sources
#: stating them) per round: what memory holds of the facts at once.
LOAD_BATCH = 500
LOAD_CITATIONS = 5_000
#: A fact stated by more sources than a round holds has its citations read this many at a
#: time, as they are iterated (a wire story in 14,000 files of the synthetic archive).
CITATION_PAGE = 1_000


class Queries(StoreBase):
    """Facts, sources and counts as the brief, the CLI and the TUI ask for them."""

    @store_errors
    def sources(self) -> list[tuple[Source, int]]:
        """Every source with the number of distinct facts it states, by key. An older
        version of a page is listed (it is in the corpus) but states none: its newer one
        does (`Source.versions`)."""
        with self._snapshot():
            counts = dict(self.db.execute(
                "SELECT source, COUNT(DISTINCT fact) FROM statements GROUP BY source"))
            rows = self.db.execute(
                f"SELECT id, superseded, {SOURCE_COLUMNS} FROM sources ORDER BY key")
            return [(source_of_row(row[2:]), 0 if row[1] else counts.get(row[0], 0))
                    for row in rows]

    @store_errors
    def source_hashes(self) -> Iterator[tuple[str, str]]:
        return iter(self.db.execute(
            "SELECT path, sha256 FROM files WHERE error IS NULL ORDER BY path").fetchall())

    @store_errors
    def fingerprint(self) -> str:
        """A hash over every source file's hash: two stores with it hold the same corpus.
        Kept in the store by each sync that changes something."""
        return self._meta("fingerprint") or self._fingerprint()

    @store_errors
    def country_counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT code, COUNT(*) FROM fact_countries GROUP BY code"))

    @store_errors
    def theme_counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT slug, COUNT(*) FROM fact_themes GROUP BY slug"))

    @store_errors
    def facts(self, countries: Sequence[str] = (), themes: Sequence[str] = (),
              query: str | None = None, *, citations: int | None = None,
              among: Sequence[str] | None = None) -> list[Fact]:
        """Merged facts about any of `countries` and any of `themes` (each empty = any),
        optionally matching a full-text query, in corpus order.

        `citations`: load only the first N sources a brief would cite for each fact (the
        fact's `sources`, `publishers` and `newest` still cover them all); None loads every
        citation. Briefs and the TUI need a few; `facts --json` and verification need all.
        `among`: these fact ids (merged among themselves) in place of a selection."""
        with self._snapshot():
            return self._load(self._select(countries, themes, query, among), citations)

    def iter_facts(self, countries: Sequence[str] = (), themes: Sequence[str] = (),
                   query: str | None = None, *, citations: int | None = None
                   ) -> Iterator[Fact]:
        """The facts of `facts`, in the same order, LOAD_BATCH at a time: memory holds a
        few numbers per matching fact and one batch of facts, whatever the corpus size."""
        try:
            with self._snapshot():
                for batch in batches(self._select(countries, themes, query, None),
                                      LOAD_BATCH):
                    for part, weight in self._by_citations(batch, citations):
                        if weight > LOAD_CITATIONS:  # one fact stated by thousands
                            yield self._load_paged(part[0])
                        else:
                            yield from self._load(part, citations)
        except sqlite3.Error as err:
            raise self.failure(err) from None

    def _by_citations(self, groups: list[FactGroup], citations: int | None
                      ) -> Iterator[tuple[list[FactGroup], int]]:
        """Groups in runs that cite at most LOAD_CITATIONS sources in all, with the sources
        they cite: a wire story in thousands of files is a run of its own."""
        if citations is not None:
            yield groups, 0  # at most `citations` each
            return
        counts = dict(self.db.execute(
            "SELECT id, sources FROM facts WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps([f for g in groups for f in g]),)))
        part: list[FactGroup] = []
        weight = 0
        for group in groups:
            cited = sum(counts.get(f, 0) for f in group)
            if part and weight + cited > LOAD_CITATIONS:
                yield part, weight
                part, weight = [], 0
            part.append(group)
            weight += cited
        if part:
            yield part, weight

    @store_errors
    def fact_groups(self, countries: Sequence[str] = (), themes: Sequence[str] = (),
                    query: str | None = None) -> Sequence[FactGroup]:
        """The facts of `facts` as handles, in the same order, without loading them: page
        through them with `load_facts`. A big selection's handles are found as they are
        asked for (its length is known at once)."""
        with self._snapshot():
            if (countries or themes) and not (query and query.strip()):
                total = count_listed(self.db, countries, themes)
                if total >= WALK_FROM:
                    return Walk(self.db, self._snapshot, countries, themes, total,
                                lambda: self._sorted(countries, themes), self.failure)
            return self._select(countries, themes, query, None)

    def _sorted(self, countries: Sequence[str], themes: Sequence[str]) -> list[FactGroup]:
        """A selection's handles, sorted at once (what a walk falls back to)."""
        with self._snapshot():
            return self._select(countries, themes, None, None)

    @store_errors
    def load_facts(self, groups: Sequence[FactGroup], *, citations: int | None = None
                   ) -> list[Fact]:
        """The facts behind handles from `fact_groups`, in their order."""
        with self._snapshot():
            return self._load(groups, citations)

    def _select(self, countries: Sequence[str], themes: Sequence[str], query: str | None,
                among: Sequence[str] | None) -> list[FactGroup]:
        if among is not None:
            ids = json.dumps([int(fid[1:], 16) for fid in among])
            return self._groups(" WHERE f.id IN (SELECT value FROM json_each(?))", [ids], None)
        return self._groups(*self._where(countries, themes, query), query)

    def digests(self, countries: Sequence[str] = (), themes: Sequence[str] = (),
                query: str | None = None) -> Iterator[FactDigest]:
        """What a brief ranks facts by, for every fact of `facts`, without their text or
        citations (a few numbers each), as they are read: a brief keeps only the strongest,
        so its memory does not grow with a country's facts."""
        where, params = self._where(countries, themes, query)
        # Copies of a label string are many; each distinct one is split once.
        labels: dict[str, tuple[str, ...]] = {}

        def split(text: str) -> tuple[str, ...]:
            found = labels.get(text)
            return found if found is not None else labels.setdefault(text, tuple(text.split()))

        try:
            for r in self._rows("SELECT id, countries, themes, sources, publishers, newest,"
                                " numeric, years, first_key FROM facts f" + where, params,
                                query):
                yield FactDigest(hex_id(r[0]), split(r[1]), split(r[2]), *r[3:])
        except sqlite3.Error as err:
            raise self.failure(err) from None

    def _where(self, countries: Sequence[str], themes: Sequence[str], query: str | None
               ) -> tuple[str, list[str]]:
        """The WHERE clause on `facts f` of a selection (empty for every fact), and its
        parameters."""
        where: list[str] = []
        params: list[str] = []
        if countries:
            where.append("f.id IN (SELECT fact FROM fact_countries WHERE code IN"
                         f" ({','.join('?' * len(countries))}))")
            params.extend(countries)
        if themes:
            where.append("f.id IN (SELECT fact FROM fact_themes WHERE slug IN"
                         f" ({','.join('?' * len(themes))}))")
            params.extend(themes)
        if query and query.strip():
            node = search.parse(query)
            if node is not None and search.has_phrase(node):
                where.append("f.id IN (SELECT s.fact FROM statements s WHERE s.id IN"
                             " (SELECT value FROM json_each(?)))")
                params.append(json.dumps(self._phrase_matches(node)))
            else:
                where.append("f.id IN (SELECT s.fact FROM statements s WHERE s.id IN"
                             " (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?))")
                params.append(search.fts5(node) if node is not None else '""')
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def _phrase_matches(self, node: search.Node) -> list[int]:
        """The statements a search with a phrase finds: those the index finds with all of
        the phrase's words, whose text has them in a row (the index keeps no positions)."""
        found = [rowid for (rowid,) in self._rows(
            "SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?",
            (search.fts5(node),), "a phrase")]
        texts = self._texts(found)
        return sorted(sid for sid, text in texts.items()
                      if search.matches(node, search.words_of(text)))

    def _rows(self, sql: str, params: Sequence, query: str | None) -> Iterator[tuple]:
        """The rows of a query as they come; a full-text search SQLite cannot run is the
        user's error."""
        try:
            yield from self.db.execute(sql, params)
        except sqlite3.OperationalError as err:
            if query:
                raise BriefingError(f"cannot search for {query!r}: {err}") from None
            raise

    def _groups(self, where: str, params: Sequence, query: str | None) -> list[FactGroup]:
        """The facts `where` selects, merged with those of their near-same wordings it also
        selects, in corpus order of their earliest report."""
        # Sorted by SQLite: several times faster than sorting a country's facts in Python.
        order: list[int] = []
        wordings: dict[int, list[int]] = defaultdict(list)
        for fid, grp in self._rows("SELECT id, grp FROM facts f" + where
                                   + " ORDER BY first_path, first_key, first_position, id",
                                   params, query):
            order.append(fid)
            if grp is not None:
                wordings[grp].append(fid)
        merged = [fids for fids in wordings.values() if len(fids) > 1]
        if not merged:
            return [(fid,) for fid in order]
        merging = {fid for fids in merged for fid in fids}
        # A merged fact is quoted from its earliest report: it sits where that one does.
        earliest = self._columns(
            "coalesce(nullif(first_date, ''), '9999'), first_key, first_start", merging)
        placed = {min(fids, key=earliest.__getitem__): tuple(fids) for fids in merged}
        return [placed.get(fid, (fid,)) for fid in order
                if fid in placed or fid not in merging]

    def _columns(self, columns: str, fids: Iterable[int]) -> dict[int, tuple]:
        """Columns of the facts table for some facts, by id."""
        return {row[0]: row[1:] for row in self.db.execute(
            f"SELECT id, {columns} FROM facts WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(fids)),))}

    def _load(self, groups: Sequence[FactGroup], citations: int | None) -> list[Fact]:
        fids = [fid for group in groups for fid in group]
        if not fids:
            return []
        summaries = self._summaries(fids)
        if citations is None:  # every citation of each fact, but an older version's
            rows = self._statement_rows("s.fact IN (SELECT value FROM json_each(?))"
                                        " AND NOT src.superseded", (json.dumps(fids),))
        else:
            cited = [int(i) for fid in fids for i in summaries[fid][3].split()[:citations]]
            rows = self._statement_rows("s.id IN (SELECT value FROM json_each(?))",
                                        (json.dumps(cited),))
        return self._built(groups, rows, summaries)

    def _summaries(self, fids: list[int]) -> dict[int, tuple]:
        return {row[0]: row[1:] for row in self.db.execute(
            "SELECT f.id, sources, publishers, newest, cited, f.countries, f.themes, mentions,"
            " compared, o.countries IS NOT NULL FROM facts f"
            " LEFT JOIN fact_overrides o ON o.fact = f.id"
            " WHERE f.id IN (SELECT value FROM json_each(?))", (json.dumps(fids),))}

    def _load_paged(self, group: FactGroup) -> Fact:
        """A fact with every citation, of which only a page is in memory at a time: its
        statements' ids are listed in citation order (8 bytes each), their citations read
        from the store a page at a time as they are iterated (in the read transaction of
        the `iter_facts` that gave it, while that is under way)."""
        ids = array("q", (row[0] for row in self.db.execute(
            "SELECT s.id FROM statements s JOIN sources src ON src.id = s.source"
            " WHERE s.fact IN (SELECT value FROM json_each(?)) AND NOT src.superseded"
            " ORDER BY coalesce(nullif(src.date, ''), '9999'), src.key, s.start, s.id",
            (json.dumps(list(group)),))))
        (fact,) = self._built([group], self._citation_rows(ids[:CITATION_PAGE]),
                              self._summaries(list(group)))
        return replace(fact, citations=_CitationPages(self, ids, fact.citations))

    def _citation_rows(self, ids: Sequence[int]) -> list[tuple]:
        """`_statement_rows` of statements, in the order of `ids`."""
        rank = {sid: n for n, sid in enumerate(ids)}
        return sorted(self._statement_rows("s.id IN (SELECT value FROM json_each(?))",
                                           (json.dumps(list(ids)),)), key=lambda r: rank[r[0]])

    def _built(self, groups: Sequence[FactGroup], rows: list[tuple],
               summaries: dict[int, tuple]) -> list[Fact]:
        """Facts from their statements' rows (`_statement_rows`) and per-fact rows."""
        by_fact: dict[int, list[tuple]] = defaultdict(list)
        for row in rows:
            by_fact[row[1]].append(row)
        facts = [_fact(group, by_fact, summaries) for group in groups]
        merged = [n for n, group in enumerate(groups) if len(group) > 1]
        for n, counts in zip(merged, self._recount([groups[n] for n in merged]), strict=True):
            facts[n] = replace(facts[n], sources=counts[0], publishers=counts[1],
                               newest=counts[2])
        return facts

    def _recount(self, groups: Sequence[FactGroup]) -> Iterator[tuple[int, int, str | None]]:
        """Exact (sources, independent publishers, newest date) of facts merged from near-same
        wordings, over all their sources: one query for them all, each source made once."""
        if not groups:
            return
        by_fact: dict[int, list[int]] = defaultdict(list)
        for fact, source in self.db.execute(
                "SELECT DISTINCT fact, source FROM statements WHERE fact IN"
                " (SELECT value FROM json_each(?))",
                (json.dumps([f for group in groups for f in group]),)):
            by_fact[fact].append(source)
        # Each source once (the wordings of a wire story share many): its key, its date and
        # its origin keys, which is what the per-fact rows are counted from.
        sources = {row[0]: (row[1], row[2], tuple(o for o in row[3:] if o is not None))
                   for row in self.db.execute(
                       "SELECT id, key, date, o1, o2, o3 FROM sources"
                       " WHERE id IN (SELECT value FROM json_each(?)) AND NOT superseded",
                       (json.dumps(sorted({i for ids in by_fact.values() for i in ids})),))}
        for group in groups:
            found = {sources[i][0]: sources[i] for f in group for i in by_fact[f]
                     if i in sources}.values()
            yield (len(found), count_origins([s[2] for s in found]),
                   max((s[1] for s in found if s[1]), default=None))

    @store_errors
    def context(self, fact: Fact) -> tuple[str, int, int]:
        """The paragraph a fact sits in (as the file holds it now) and the fact's offsets in it."""
        c = fact.citations[0]
        row = self.db.execute(
            "SELECT s.block_start, s.block_end FROM files f JOIN statements s"
            " ON s.id BETWEEN f.first_statement AND f.last_statement"
            " JOIN sources src ON src.id = s.source"
            " WHERE f.path=? AND src.key=? AND s.start=?",
            (c.source.path, c.source.key, c.start)).fetchone()
        try:
            from briefing.ingest.document import document_text

            text, _ = document_text(c.source.path, (self.corpus / c.source.path).read_bytes())
        except (OSError, CorpusError):
            return c.text, 0, len(c.text)
        b0, b1 = row if row else (c.start, c.end)
        return text[b0:b1], c.start - b0, c.end - b0


def fts_query(text: str) -> str:
    """What a user's search text asks FTS5 for (see `briefing.store.search`): operators
    kept, every word quoted, so nothing typed is FTS syntax or an SQLite error."""
    node = search.parse(text)
    return search.fts5(node) if node is not None else '""'


# --------------------------------------------------------------------------- facts


def _fact(fids: FactGroup, by_fact: dict[int, list[tuple]],
          summaries: dict[int, tuple]) -> Fact:
    # The earliest dated report first; undated after dated; then corpus order.
    members = sorted((row for f in fids for row in by_fact[f]),
                     key=lambda r: (r[8].date or "9999", r[8].key, r[3]))
    first = members[0]
    summary = summaries[fids[0]] if len(fids) == 1 else None
    counts = (summary[0], summary[1], summary[2]) if summary else (-1, 0, None)
    countries = {c for f in fids for c in summaries[f][4].split()}
    compared = compared_only((summaries[f][4], summaries[f][7]) for f in fids)
    figures = figures_from_json(first[7])
    if any(summaries[f][8] for f in fids):  # the user corrected its countries
        figures = _owned(figures, countries, compared)
    return Fact(
        id=hex_id(first[1]), text=first[2],
        countries=tuple(sorted(countries)),
        themes=tuple(sorted({t for f in fids for t in summaries[f][5].split()})),
        figures=figures,
        citations=tuple(Citation(r[8], r[3], r[4], r[2]) for r in members),
        heading=first[5], position=first[6],
        sources=counts[0], publishers=counts[1], newest=counts[2],
        mentions=tuple(sorted({c for f in fids for c in summaries[f][6].split()} - countries)),
        compared=tuple(sorted(compared)),
    )


def _owned(figures: tuple[Figure, ...], countries: set[str], compared: set[str]
           ) -> tuple[Figure, ...]:
    """Figures of a fact whose countries the user corrected: one owned by a country the
    fact is no longer about belongs to its one subject now (a misfiled fact's figures are
    its right country's), else to none of them in particular."""
    leads = sorted(countries - compared)
    owner = leads[0] if len(leads) == 1 else None
    return tuple(f if f.country is None or f.country in countries else replace(f, country=owner)
                 for f in figures)


class _CitationPages(Sequence[Citation]):
    """A fact's citations read a page at a time: the first page is kept, the others are
    read each time the citations are iterated past it (see `Store._load_paged`)."""

    def __init__(self, store: Queries, ids: Sequence[int], first: Sequence[Citation]
                 ) -> None:
        self.store, self.ids, self.first = store, ids, tuple(first)

    def __len__(self) -> int:
        return len(self.ids)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    @overload
    def __getitem__(self, index: int) -> Citation: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Citation]: ...

    def __getitem__(self, index: int | slice) -> Citation | Sequence[Citation]:
        if isinstance(index, int) and 0 <= index < len(self.first):
            return self.first[index]
        return tuple(self)[index]

    def __iter__(self) -> Iterator[Citation]:
        yield from self.first
        for start in range(len(self.first), len(self.ids), CITATION_PAGE):
            for r in self.store._citation_rows(self.ids[start:start + CITATION_PAGE]):
                yield Citation(r[8], r[3], r[4], r[2])
