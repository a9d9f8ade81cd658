"""The fact store: the SQLite file of sources and statements kept in step with a corpus.

This package owns everything below the brief that persists facts: the schema and its upgrades
(`schema`), syncing the store with the corpus folder and reading files in a process pool (`sync`,
`files`), the per-fact rows a sync refreshes (`refresh`, `aggregate`, `wordings` for near-same
wordings), and reading facts back (`queries`, `search` for what a full-text search means, `listing`
for a big selection a page at a time, `fresh`), behind one class, `Store` (`sqlite`, built on the
connection and caches in `base`), and the seam another engine would implement (`protocol`:
`FactStore`, `SyncReport`). It may import the model, the ingest stage (corpus walk, readers,
`fetch`'s sidecars, `provenance`), the extractor (facts, themes) and the shared modules; never the
brief, the renderers, mail, the CLI or the terminal app (nor textual or typer): tests/test_layers.py
checks it. Nothing outside this package writes SQL. `from briefing.store import Store` is the way
in."""

from briefing.store.files import FileResult, read_file, reader_versions
from briefing.store.fresh import read_fresh
from briefing.store.protocol import FactGroup, FactStore, SyncReport
from briefing.store.queries import CITATION_PAGE, LOAD_BATCH, LOAD_CITATIONS, WALK_FROM, fts_query
from briefing.store.schema import SCHEMA_VERSION, UPGRADES_FROM
from briefing.store.sqlite import BUSY_TIMEOUT_S, CACHE_KB, Store, open_store, store_path
from briefing.store.sync import (
    BULK_FILES,
    POOL_AHEAD,
    POOL_CHUNK,
    POOL_THRESHOLD,
    RACY_NS,
    WRITE_BATCH,
    Progress,
    listing_digest,
    walk_listing,
)

__all__ = [
    "BULK_FILES", "BUSY_TIMEOUT_S", "CACHE_KB", "CITATION_PAGE", "LOAD_BATCH", "LOAD_CITATIONS",
    "POOL_AHEAD", "POOL_CHUNK", "POOL_THRESHOLD", "RACY_NS", "SCHEMA_VERSION", "UPGRADES_FROM",
    "WALK_FROM", "WRITE_BATCH", "FactGroup", "FactStore", "FileResult", "Progress", "Store",
    "SyncReport", "fts_query", "listing_digest", "open_store", "read_file", "read_fresh",
    "reader_versions", "store_path", "walk_listing",
]
