"""A file's front matter (YAML between `---` lines) and what its fields say about the
source: title, date, publisher, URL."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from briefing.dates import parse_date
from briefing.errors import CorpusError
from briefing.ingest.formats.normalise import clean_text
from briefing.ingest.urls import clean_url, url_host
from briefing.yamlio import YAMLError, load_yaml

# --------------------------------------------------------------------------- front matter

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)---[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[dict[str, Any] | None, int]:
    """The parsed front matter (or None) and the offset where the body starts."""
    m = _FRONT.match(text)
    if not m:
        if text.startswith("---\n") or text.startswith("---\r\n"):
            raise CorpusError("malformed front matter: no closing '---' line")
        return None, 0
    block = m.group(1)
    items = block.count("\n") + block.count(",")
    if items > FRONT_MATTER_MAX_ITEMS:
        raise CorpusError(f"front matter too long to read: {items:,} lines and commas, over"
                          f" {FRONT_MATTER_MAX_ITEMS:,}")
    try:
        meta = _front_matter_fields(block)
    except YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(err, "problem", None) or "invalid YAML"
        raise CorpusError(f"malformed front matter{where}: {problem}") from None
    except RecursionError:
        raise CorpusError("malformed front matter: nested too deeply") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise CorpusError("malformed front matter: expected 'key: value' fields")
    return meta, m.end()


#: Lines and commas a front matter may have: YAML takes up to 40 µs a value, and a 9 MB
#: block of 400,000 short fields took 89 s and 1.5 GB (a long value costs little: a 5 MB
#: title reads in a tenth of a second). A real one has tens of lines.
FRONT_MATTER_MAX_ITEMS = 20_000


def _front_matter_fields(block: str) -> Any:
    """The YAML of a front matter. A value YAML reads as a date, time or number but that is
    none ("date: 2026-02-30", "!!int 0xZZ") stops the whole block: it is read again with
    every value as plain text, so that only that value is lost (no date is found in it)."""
    try:
        return load_yaml(block, untrusted=True)
    except (ValueError, OverflowError, TypeError):
        import yaml

        return yaml.load(block, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))


#: A front-matter value longer than this is no URL, date or publisher's name: it is ignored
#: as a malformed one is. A title is cut to TITLE_MAX_CHARS instead (a 5 MB title made every
#: `briefing sources` take two minutes to lay out).
FIELD_MAX_CHARS = 4_000
TITLE_MAX_CHARS = 300
#: Related articles read from one file's front matter, at most.
RELATED_MAX = 100


def _first(meta: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        value = meta.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _text(value: Any) -> str | None:
    """A field's value on one line; None for none, or one too long to be a field's."""
    if value in (None, ""):
        return None
    text = str(value)
    # A field reaches the brief, its facts.json and an email: never a control character.
    return " ".join(clean_text(text).split()) or None if len(text) <= FIELD_MAX_CHARS else None


def meta_title(value: Any) -> str | None:
    """A title field's value on one line, cut to TITLE_MAX_CHARS."""
    if value in (None, ""):
        return None
    return bounded_title(" ".join(clean_text(str(value)[:TITLE_MAX_CHARS * 4]).split())) or None


def bounded_title(title: str) -> str:
    """A title no longer than TITLE_MAX_CHARS: cut at a word, with an ellipsis."""
    if len(title) <= TITLE_MAX_CHARS:
        return title
    cut = title[:TITLE_MAX_CHARS - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > TITLE_MAX_CHARS // 2 else cut).rstrip() + "…"


#: The front-matter fields that give a source's date, the first one set winning.
DATE_KEYS = ("publishedDateTime", "published_at", "datePublished", "date", "pubDate",
             "published", "publishedAt", "created")


def meta_date(meta: dict[str, Any]) -> str | None:
    value = _first(meta, *DATE_KEYS)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and len(value) <= FIELD_MAX_CHARS:
        return parse_date(value)
    return None  # e.g. `published: false` is a flag, not a date


def meta_date_problem(meta: dict[str, Any]) -> str | None:
    """Why the date field a front matter gives names no day (`date: 2026-02-30`, `date:
    soon`), for a warning: the article is read without it. None when it gives a day, or
    gives no date field (a flag such as `published: false` is no date either)."""
    key = next((k for k in DATE_KEYS if meta.get(k) not in (None, "", [], {})), None)
    value = None if key is None else meta[key]
    if not isinstance(value, str) or len(value) > FIELD_MAX_CHARS or parse_date(value):
        return None
    shown = " ".join(clean_text(value).split())
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return f"front matter {key}: {shown!r} is not a date (read without it)"


def meta_publisher(meta: dict[str, Any], url: str | None) -> str | None:
    provider = meta.get("provider")
    if isinstance(provider, dict):
        name = _text(provider.get("name")) or _text(provider.get("domain"))
        if name:
            return name
    elif isinstance(provider, str) and provider.strip():
        return _text(provider)
    name = _first(meta, "publisher", "site_name", "siteName", "source", "outlet")
    if isinstance(name, dict):
        name = name.get("name")
    return (_text(name) if isinstance(name, str) else None) or url_host(url)


def meta_url(meta: dict[str, Any]) -> str | None:
    value = _first(meta, "originalUrl", "url", "webUrl", "canonical", "link", "source_url")
    return clean_url(value) if isinstance(value, str) else None


# --------------------------------------------------------------------------- dates
# Found and read in `briefing.dates` (a leaf the format readers import too); `parse_date`
# and `date_line` stay importable from here.

#: Front-matter fields that say when a file was saved, not published: no date for the
#: source, but the year of a wire dateline that gives none ("SEOUL, March 4 (Reuters) -").
#: `fetched_at` is what `briefing add` writes in its sidecar.
_SAVED_KEYS = ("fetched_at", "fetched", "retrieved", "accessed", "saved")


def meta_saved_day(meta: dict[str, Any]) -> str | None:
    """The day a page-saving tool wrote in the front matter (`fetched_at`, `retrieved`, ...),
    the reference year for a dateline that gives none."""
    saved = _text(_first(meta, *_SAVED_KEYS))
    return parse_date(saved) if saved else None
