"""Saved web pages: main text and metadata by trafilatura, nothing executed or fetched.

trafilatura parses the page with lxml's HTML parser (no DTD, no entities resolved, no
network) and returns only the article's paragraphs, headings and list items: navigation,
cookie banners, scripts, inline SVG, comments and related-article lists are left out. We
give it a string we decoded ourselves, so the page's declared encoding is respected and a
page with none gets the same UTF-8/cp1252 reading as a text file.
"""

from __future__ import annotations

import codecs
import re

from briefing.corpus import clean_url, decode, url_host
from briefing.dates import parse_date
from briefing.errors import CorpusError
from briefing.formats import Reading
from briefing.formats.normalise import TEXT_RULES, clean_text

#: How far into the page a charset declaration is looked for (HTML5 says 1024 bytes;
#: saved pages often put a long comment or script first).
SNIFF_BYTES = 4096
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']""")
# Browsers write where a saved page came from in this comment ("Mark of the Web").
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)
# Labels that browsers read as Windows-1252 (WHATWG Encoding): a page saying "latin-1"
# almost always holds cp1252 curly quotes.
_CP1252_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii",
                  "windows-1252", "cp1252"}
# htmldate: dates the page declares (meta tags, JSON-LD, time elements), never ones
# guessed from its text, and a fixed upper bound so the result does not depend on today.
_DATE_PARAMS = {"extensive_search": False, "original_date": True,
                "outputformat": "%Y-%m-%d", "max_date": "2100-12-31"}


def read_html(data: bytes) -> Reading:
    """A page's main text and metadata. CorpusError when it holds no article text."""
    import trafilatura  # about 0.2 s with lxml: only pages need it

    page, warnings = decode_html(data)
    found = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, include_links=False, include_formatting=False,
        deduplicate=False, date_extraction_params=dict(_DATE_PARAMS))
    text = _paragraphs(clean_text(getattr(found, "text", None) or ""))
    if found is None or isinstance(found, dict) or not text:
        raise CorpusError("no article text found in the page")
    url = _clean(found.url) or _saved_from(page)
    return Reading(
        text=text, extractor=f"trafilatura {trafilatura.__version__}; {TEXT_RULES}",
        title=_headline(_one_line(found.title), _one_line(found.sitename), text),
        publisher=_one_line(found.sitename) or url_host(url),
        date=parse_date(found.date) if found.date else None, url=url, warnings=warnings)


def decode_html(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Bytes -> text: a BOM first, then a declared charset, else as a text file is read."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _decode_as(data, codec)
    declared = _declared(data[:SNIFF_BYTES])
    if declared is None:
        return decode(data)
    return _decode_as(data, declared)


def _declared(head: bytes) -> str | None:
    m = _XML_DECL.match(head) or _CHARSET.search(head)
    if not m:
        return None
    label = m.group(1).decode("ascii", "replace").lower()
    if label in _CP1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None  # an unknown label: read the bytes as if none were declared


def _decode_as(data: bytes, codec: str) -> tuple[str, tuple[str, ...]]:
    try:
        return data.decode(codec), ()
    except UnicodeDecodeError:
        text, warnings = decode(data)
        return text, (f"declares {codec} but is not valid {codec}", *warnings)


def _paragraphs(text: str) -> str:
    """trafilatura's lines (one per paragraph, heading or item) with blank lines between,
    so the corpus never reads two of them as one hard-wrapped paragraph."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _saved_from(page: str) -> str | None:
    m = _SAVED_FROM.search(page[:SNIFF_BYTES])
    return _clean(m.group(1)) if m else None


def _clean(url: str | None) -> str | None:
    return clean_url(url) if url else None


def _one_line(value: str | None) -> str | None:
    return " ".join(clean_text(value).split()) or None if value else None


#: What joins a headline and a site name in a page's title: "Headline | Site", "Site - Headline".
_TITLE_SEPARATOR = r"\s+[|–—·•-]\s+|:\s+"
#: A site name in a title is no longer than this many words.
SITE_NAME_WORDS = 6
#: A first line this short is a kicker or a section label, not the headline.
HEADLINE_MIN_WORDS = 4


def _headline(title: str | None, site: str | None, text: str) -> str | None:
    """The page's headline: its title less the site name that trafilatura keeps from an
    og:title or twitter:title ("Headline | Example News"). The name is the page's site
    name, or words after the headline the text opens with (its <h1>)."""
    if not title:
        return title
    if site:
        escaped = re.escape(site)
        for shape in (rf"^(?P<h>.+?)(?:{_TITLE_SEPARATOR}){escaped}$",
                      rf"^{escaped}(?:{_TITLE_SEPARATOR})(?P<h>.+)$"):
            m = re.match(shape, title, re.I)
            if m:
                return m.group("h").strip()
    first = text.split("\n", 1)[0].strip()
    if len(first.split()) < HEADLINE_MIN_WORDS or not title.startswith(first):
        return title
    # Not a colon: "Chile: a new plan for AI" is one headline.
    m = re.match(r"\s+[|–—·•-]\s+(?P<site>.+)$", title[len(first):])
    if m and len(m.group("site").split()) <= SITE_NAME_WORDS:
        return first
    return title
