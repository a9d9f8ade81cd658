"""URLs as sources give them: which are links we print, and whose host names the publisher.
A leaf the corpus, the format readers, `fetch` and `provenance` all import.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: A longer "URL" is no link we will print (as long as a front-matter field may be).
URL_MAX_CHARS = 4_000


def clean_url(value: str) -> str | None:
    """Only absolute http(s) URLs are kept: anything else (another scheme, a relative or
    malformed one such as "http://[::1" or a port past 65535, an absurdly long one) is not
    a link we will print. Never raises: a bad URL is an ignored field."""
    value = value.strip()
    if len(value) > URL_MAX_CHARS or re.search(r"\s", value):
        return None
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018  # raises ValueError for a port that is none
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return value
    return None


def url_host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:  # a URL that is no URL names no host
        return None
    return host.removeprefix("www.") or None
