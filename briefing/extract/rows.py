"""A statement as the flat row the store writes, made where the statement is: in the worker
that reads the file, compiled with the extractor (a cold index makes one for every sentence).
The order of the fields is the store's (`briefing.store.Store._write`).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence

from briefing.extract.facts import Statement
from briefing.model import Figure
from briefing.text import collapse, fact_id, norm_key

#: Bits of the head/tail hashes used to find near-same wordings: 4 bytes on disk a column;
#: a collision only adds a candidate pair, which is then compared word by word.
WORDS_HASH_BITS = 31


def statement_row(source: int, body: str, headings: list[str], st: Statement) -> tuple:
    """`source`: the statement's article in its file; `headings`: that article's, so far."""
    key = norm_key(st.text)
    words = key.split()
    # The text is stored only where it is not simply the span: never seen, but cheap to allow
    # (most spans hold no line break or double space: the first test settles them).
    span = body[st.start:st.end]
    own = None if span == st.text or collapse(span) == st.text else st.text
    heading = None if st.heading is None else headings.index(st.heading)
    return (source, st.position, st.start, st.end, st.block_start, st.block_end, own,
            int(fact_id(st.text, key)[1:], 16), words_hash(words[:6]), words_hash(words[-6:]),
            heading, figures_json(st.figures), " ".join(st.countries), " ".join(st.themes),
            " ".join(st.mentions), " ".join(st.compared), st.text)


def words_hash(words: list[str]) -> int:
    """A small stable hash of some words (for finding near-same wordings)."""
    return zlib.crc32(" ".join(words).encode()) >> (32 - WORDS_HASH_BITS)


def figures_json(figures: Sequence[Figure]) -> str | None:
    if not figures:
        return None
    return json.dumps([[f.text, f.kind, f.value, f.unit, f.start, f.country, f.measure]
                       for f in figures], ensure_ascii=False, separators=(",", ":"))
