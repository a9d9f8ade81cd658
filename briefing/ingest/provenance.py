"""Where a fact comes from: who published each source, which sources share an origin,
and which of them a brief cites. Used by the store (aggregates kept per fact) and the brief.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Hashable, Iterable, Sequence
from urllib.parse import urlsplit

from briefing.ingest.urls import url_host
from briefing.model import Source
from briefing.text import norm_key, word_set

#: Most sources cited for one fact in a brief (the count of all is still given).
MAX_CITED = 3


# Blog and hosting platforms: there the sub-domain, not the platform, is the publisher.
_PLATFORMS = word_set("""
    substack medium blogspot wordpress tumblr github wixsite weebly ghost livejournal typepad
    hashnode beehiiv
""")
# Second-level labels of country domains (`bbc.co.uk`, `abc.net.au`, `yna.co.kr`).
_SECOND_LEVEL = word_set("co com org net gov edu ac go or ne gob gouv nic mil")
_DOMAIN = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}")


def publisher_key(source: Source) -> str:
    """Who published a source, as a key: `The Korea Herald`, `koreaherald.com` and
    `www.koreaherald.com` give one key. Sources with the same key are not independent;
    a source whose publisher is unknown is only itself."""
    name = " ".join((source.publisher or "").lower().split()) or url_host(source.url)
    if not name:
        return source.key
    if _DOMAIN.fullmatch(name):
        name = _outlet_of_host(name)
    key = re.sub(r"[\W_]+", "", name)
    # `The Verge` and `theverge.com`: the article is dropped the same way from both forms.
    return (key[3:] if key.startswith("the") and len(key) > 6 else key) or source.key


def _outlet_of_host(host: str) -> str:
    """`news.bbc.co.uk` -> `bbc`, `edition.cnn.com` -> `cnn`, `kim.substack.com` -> `kimsubstack`:
    the registered name, without sub-domain or public suffix."""
    labels = host.removeprefix("www.").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        labels = labels[:-2]
    else:
        labels = labels[:-1]
    if len(labels) >= 2 and labels[-1] in _PLATFORMS:
        return labels[-2] + labels[-1]
    return labels[-1]


def independent_publishers(sources_: Iterable[Source]) -> int:
    """How many independent outlets a set of sources stands for: one per publisher, and a
    syndicated copy (the same headline, or the very same file, under another masthead)
    counts with its original. Grouping is transitive: the order does not matter. Linear in
    the sources: a wire story in hundreds of files stays cheap."""
    sources = list({s.key: s for s in sources_}.values())
    if len(sources) == 1:
        return 1
    return count_origins([_origin_keys(s) for s in sources])


def count_origins(origins: Sequence[Sequence[Hashable]]) -> int:
    """How many origins sources stand for, given each one's origin keys (`_origin_keys`,
    or their numbers, `origin_hashes`): sources sharing a key share an origin, transitively."""
    group = list(range(len(origins)))

    def root(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    first: dict[Hashable, int] = {}
    for i, keys in enumerate(origins):
        for key in keys:
            if key in first:
                group[root(i)] = root(first[key])
            else:
                first[key] = i
    return len({root(i) for i in range(len(origins))})


_ORIGINS: dict[str, tuple[Source, tuple[str, ...]]] = {}
#: Sources whose origin keys are remembered: enough for any one brief or sync batch, and a
#: bound on memory however many sources a big archive has.
ORIGINS_KEPT = 20_000


def _origin_keys(source: Source) -> tuple[str, ...]:
    # Cached by source key; a source whose metadata changed (a new file) is recomputed.
    # Comparing the cached Source by identity first keeps the common case to one lookup.
    hit = _ORIGINS.get(source.key)
    if hit is not None and (hit[0] is source or hit[0] == source):
        return hit[1]
    keys = _origin_keys_of(source)
    if len(_ORIGINS) >= ORIGINS_KEPT:
        _ORIGINS.clear()  # cheaper than keeping an LRU order on every hit
    _ORIGINS[source.key] = (source, keys)
    return keys


def _origin_keys_of(source: Source) -> tuple[str, ...]:
    """Two sources sharing any of these keys come from one origin: the same publisher,
    the same headline of four words or more ("Press release" under two mastheads says
    nothing), or the same bytes (a related article's hash is its carrier's: not comparable)."""
    # Strings, not (kind, value) pairs: a string keeps its hash, and grouping a wire story's
    # hundreds of sources is mostly looking these up. The first letter keeps kinds apart.
    keys = ["p " + publisher_key(source)]
    title = norm_key(source.title)
    if len(title.split()) >= 4:
        keys.append("t " + title)
    if not source.is_related and source.sha256:
        keys.append("b " + source.sha256)
    return tuple(keys)



def cited_order(sources_: Sequence[Source], limit: int | None = None) -> list[Source]:
    """Sources in the order a brief cites them: the earliest report of each independent
    origin first (sources come in citation order), then the others; at most `limit`. A wire
    story in 300 files is "reported by N sources" with three markers, not 300."""
    by_key: dict[str, Source] = {}
    for source in sources_:
        by_key.setdefault(source.key, source)
    sources = list(by_key.values())
    return [sources[i] for i in cited_indices(map(_origin_keys, sources), limit)]


def cited_indices(origins: Iterable[Sequence[Hashable]], limit: int | None = None
                  ) -> list[int]:
    """`cited_order` on the sources' origin keys (in citation order): their positions.
    Reads the keys only as far as it needs."""
    seen_origins: set[Hashable] = set()
    first: list[int] = []
    rest: list[int] = []
    for i, keys in enumerate(origins):
        if seen_origins.isdisjoint(keys):
            first.append(i)
            if len(first) == limit:
                break
        elif limit is None or len(rest) < limit:
            rest.append(i)
        seen_origins.update(keys)
    return (first + rest)[:limit]


def page_key(url: str | None) -> int | None:
    """Which page a URL is, as a stable 64-bit number: two files with the same key are
    versions of one page, and only the newest is a source. The scheme, `www.`, a fragment
    and a trailing slash do not make another page; the query does. A site's home page is
    no article's own address (scrapers put it in front matter for a whole site): None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    if not host or not (path or parts.query):
        return None
    try:
        port = f":{parts.port}" if parts.port not in (None, 80, 443) else ""
    except ValueError:  # `host:abc`: not a port, keep it as written
        port = parts.netloc.rpartition(":")[2]
    key = f"{host}{port}{path}" + (f"?{parts.query}" if parts.query else "")
    return _number(key)


_VERSION = re.compile(r"-v(\d+)\.\w+$")


def version_order(when: str | None, path: str) -> tuple[str, int, str]:
    """How versions of one page are ordered, oldest first: by when each was fetched (else
    the date it gives; none sorts first), then by its version number (`name-v2.html` is 2,
    `name.html` 1), then by path."""
    found = _VERSION.search(path)
    return (when or "", int(found.group(1)) if found else 1, path)


def _number(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little",
                          signed=True)


def origin_hashes(source: Source) -> tuple[int, ...]:
    """A source's origin keys as stable 64-bit numbers, for the store's per-fact rows: a
    sync compares millions of them, and a number is kept in a temporary table where a
    string would widen every row it sorts. Two keys colliding is a 1 in 10^19 chance a pair."""
    return tuple(_number(key) for key in _origin_keys_of(source))
