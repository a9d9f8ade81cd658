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
from typing import TYPE_CHECKING

from briefing.dates import MONTH_ABBREVIATIONS, parse_date
from briefing.errors import CorpusError
from briefing.ingest import cues
from briefing.ingest.date_stamps import date_only
from briefing.ingest.decoding import decode
from briefing.ingest.formats.normalise import TEXT_RULES, clean_text
from briefing.ingest.formats.reading import Reading
from briefing.ingest.urls import clean_url

if TYPE_CHECKING:
    from lxml.html import HtmlElement

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
    from trafilatura.utils import load_html

    page, warnings = decode_html(data)
    tree = load_html(page)
    raw_title = _one_line(tree.findtext(".//title")) if tree is not None else None
    stamp = page_date(tree) if tree is not None else None
    found = trafilatura.bare_extraction(
        page if tree is None else without_decks(without_appeals(tree)), with_metadata=True,
        include_comments=False, include_tables=True,
        include_images=False, include_links=False, include_formatting=False,
        deduplicate=False, date_extraction_params=dict(_DATE_PARAMS))
    text = _paragraphs(clean_text(getattr(found, "text", None) or ""))
    if found is None or isinstance(found, dict) or not text:
        raise CorpusError("no article text found in the page")
    url = _clean(found.url) or _saved_from(page)
    site = site_name(_one_line(found.sitename), raw_title, _one_line(found.title))
    title = _headline(_one_line(found.title), site, text)
    # No host here: a report's cover line ("Published ... by the Pacific Policy Institute")
    # names the publisher better, and the corpus reads it after this, then the host.
    day = _stated_day(page, found.date) or stamp
    # A date the page declares by its month alone: the month is known, the day is not.
    month = found.date[:7] if found.date and parse_date(found.date) and not day else None
    return Reading(
        text=text, extractor=f"trafilatura {trafilatura.__version__}; {TEXT_RULES}",
        title=title, publisher=site or title_site(raw_title, title), date=day, url=url,
        warnings=warnings, month=month)


def _stated_day(page: str, found: str | None) -> str | None:
    """The day trafilatura (htmldate) read from the page's metadata, when the page states
    that day. A date it declares by its month alone (`content="2026-09"`, "September 2026")
    comes back as a day made up by its parser (today's day of the month, or the 1st): such
    a page is undated, never dated by a day it does not give."""
    day = parse_date(found) if found else None
    if day is None:
        return None
    year, month, number = (int(part) for part in day.split("-"))
    name = MONTH_ABBREVIATIONS[month - 1]
    stated = re.compile(
        # numbers, year first or last: 2026-10-14, 2026/10/14, 20261014, 14.10.2026, 10/14/2026
        rf"(?<!\d){year}[-/.]0?{month}[-/.]0?{number}(?!\d)|(?<!\d){year}{month:02}{number:02}"
        rf"(?!\d)|(?<![\d/.-])0?(?:{number}[-/.]0?{month}|{month}[-/.]0?{number})[-/.]{year}"
        rf"(?!\d)"
        # words: 14 October 2026, 14-Oct-2026, Oct. 14th, 2026, Wed, 14 Oct 2026
        rf"|(?<!\d)0?{number}(?:st|nd|rd|th)?[\s-]+(?:of\s+)?{name}[a-z]*\.?,?[\s-]+{year}"
        rf"|{name}[a-z]*\.?[\s-]+0?{number}(?:st|nd|rd|th)?,?[\s-]+{year}"
        # East Asian pages: 2026年10月14日, 2026년 10월 14일
        rf"|{year}\s*[年년]\s*0?{month}\s*[月월]\s*0?{number}\s*[日일]",
        re.I)
    return day if stated.search(page) else None


def without_decks(tree: HtmlElement) -> HtmlElement:
    """The page less its deck (standfirst): the sentence or two under the headline that sum
    the story up ("Developers say the campus will bring 1,500 jobs. Neighbors worry about
    water."), which trafilatura keeps as the first paragraph, quoted as a fact though the
    story says it again. A deck is an element the page marks as one (`cues.DECK_CLASS`:
    p.standfirst, .dek, .subhead, p.intro, .lead, .summary), or a sentence in an <h2> right
    under the <h1>; it holds one paragraph at most and comes before the story's first long
    paragraph. A `lead`, `intro` or `summary` paragraph followed at once by the story's
    plain paragraphs is the story's lede, styled: it stays."""
    for element in tree.xpath("//*[@class or @id] | //h1/following-sibling::*[1][self::h2]"):
        if element.tag in _NEVER_A_BOX or not _is_deck(element):
            continue
        element.drop_tree()
    return tree


#: A deck is no longer than this many words.
DECK_MAX_WORDS = 60
#: A paragraph of the story is at least this many words: a deck comes before the first one.
STORY_PARAGRAPH_WORDS = 25


def _is_deck(element: HtmlElement) -> bool:
    names = _class_names(element)
    marked = [m for name in names if (m := cues.DECK_CLASS.search(name))]
    if marked:
        styled_lede = all(m.group("name") in cues.DECK_OR_LEDE for m in marked)
    elif element.tag == "h2" and element.getprevious() is not None \
            and element.getprevious().tag == "h1":
        styled_lede = False
    else:
        return False
    words = element.text_content().split()
    if not words or len(words) > DECK_MAX_WORDS or len(element.xpath(".//p")) > 1:
        return False
    if element.tag == "h2" and not marked and not words[-1].endswith((".", "?", "!")):
        return False  # a heading under the headline, not a deck of sentences
    if styled_lede and _followed_by_story(element):
        return False
    return not any(len(p.text_content().split()) >= STORY_PARAGRAPH_WORDS
                   for p in element.xpath("preceding::p"))


def _followed_by_story(element: HtmlElement) -> bool:
    """The next element is a plain paragraph of the story (so this one is its lede)."""
    after = element.getnext()
    return (after is not None and after.tag == "p" and not after.get("class")
            and len(after.text_content().split()) >= LEDE_NEIGHBOUR_WORDS)


#: A plain paragraph of at least this many words right after a `p.lead` makes it the lede.
LEDE_NEIGHBOUR_WORDS = 10


#: Class tokens of the element a page gives its date in ("date", "published", "posted",
#: "dateline", "timestamp", "pubdate"), and <time>: read when the page declares no date
#: in its metadata ("Posted: Jan. 21, 2026, 6:05 a.m. CT").
_DATE_CLASS = re.compile(r"(?:^|[-_])(?:date|dateline|published|posted|timestamp|pubdate"
                         r"|publish-date|byline-date)(?:$|[-_])")
#: A date element's text is no longer than a date line.
DATE_ELEMENT_MAX_CHARS = 120


def page_date(tree: HtmlElement) -> str | None:
    """The day the page's own date element gives (its first that reads as a date line),
    before trafilatura leaves it out with the rest of the page's header."""
    for element in tree.xpath("//time | //*[@class]"):
        if element.tag != "time":
            names = (element.get("class") or "").lower().split()
            if not any(_DATE_CLASS.search(name) for name in names):
                continue
        words = " ".join(element.text_content().split())
        if not words or len(words) > DATE_ELEMENT_MAX_CHARS:
            continue
        day = date_only(words)
        if day:
            return day
    return None


def without_appeals(tree: HtmlElement) -> HtmlElement:
    """The page less its boxes of appeals for readers' money (a "contributions epic", a
    "support" banner, a paywall or membership prompt, a "donate" box), which trafilatura
    may keep as paragraphs of the story. A box goes only when its class or id names such a
    box (`cues.APPEAL_CLASS`) and its text asks as one does: a story that a page wraps in a
    "paywall" element stays."""
    for element in tree.xpath("//*[@class or @id]"):
        if element.tag in _NEVER_A_BOX or not _named_as_appeal(element):
            continue
        words = " ".join(element.text_content().split()).lower()
        if len(words) <= cues.APPEAL_BOX_MAX_CHARS and (
                cues.APPEAL.search(words) or (cues.READER_ADDRESS.search(words)
                                              and cues.APPEAL_BOX_WORDS.search(words))):
            element.drop_tree()
    return tree


def _class_names(element: HtmlElement) -> list[str]:
    """An element's class tokens and id, in lower case: what a deck or an appeal box is
    named by."""
    return f"{element.get('class') or ''} {element.get('id') or ''}".lower().split()


#: Elements that hold the page or the story itself, never an appeal box.
_NEVER_A_BOX = frozenset({"html", "head", "body", "main", "article"})


def _named_as_appeal(element: HtmlElement) -> bool:
    names = _class_names(element)
    return any(cues.APPEAL_CLASS.search(name) for name in names)


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


#: What parts a <title> into a headline and the names after or before it: "Headline |
#: Site", "Headline - Site", "Headline — Site", "Site » Headline", "Headline :: Site",
#: "Headline / Site", "Headline ~ Site" (no colon here: "Chile: a new plan for AI" is one
#: headline).
_TITLE_PARTS = re.compile(r"\s+(?:[|–—·•⁄~‹«›»/<>-]|::)\s+")
#: How alike (rapidfuzz's ratio, 0-100) the rest of a <title> must be to the page's
#: headline for its last (or first) part to be the site's name: a page's <h1> and its
#: <title> often word the headline a little differently ("$1.3bn" / "$1.3 billion", a word
#: dropped), and a part that is a section ("Technology") or the site is far below this.
TITLE_HEADLINE_LIKENESS = 80
#: Words a site's name may hold in lower case: "Journal of Commerce", "Le Monde de l'Info".
_NAME_SMALL_WORDS = frozenset(
    ("of", "the", "and", "&", "for", "on", "in", "at", "by", "de", "du", "des", "la", "le",
     "les", "el", "al", "der", "die", "das", "da", "do", "y", "e", "van", "von"))


def title_site(title: str | None, headline: str | None) -> str | None:
    """The site's name a page's <title> puts after or before its headline when the page
    names no site otherwise: "UK backs Edinburgh supercomputer | The Northern Ledger",
    "... a year - Gulf Business Wire", "Example News | Headline", "Headline | Technology |
    Example News" (the last part; a section comes between), also when the <title> words
    the headline a little differently from the page's <h1> (`_loose_title_site`). None when
    that part does not read as a name (short, in title case) or the title is the headline
    alone."""
    if not title or not headline:
        return None
    key, head = title.casefold(), headline.casefold()
    if key.startswith(head) and len(title) > len(headline):
        parts = _TITLE_PARTS.split(title[len(headline):])
        name = parts[-1] if len(parts) > 1 and not parts[0].strip() else None
    elif key.endswith(head) and len(title) > len(headline):
        parts = _TITLE_PARTS.split(title[:len(title) - len(headline)])
        name = parts[0] if len(parts) > 1 and not parts[-1].strip() else None
    else:
        name = _loose_title_site(title, headline)
    return name.strip() if name and _reads_as_name(name.strip()) else None


def _loose_title_site(title: str, headline: str) -> str | None:
    """The <title>'s last part after a separator when what comes before it is the headline
    as the <h1> words it, near enough ("Victoria opens $1.3bn AI precinct - Southern Cross
    Times" over "Victoria opens $1.3 billion AI precinct"); else its first part, when what
    follows is the headline ("Southern Cross Times | Victoria opens ...")."""
    cuts = list(_TITLE_PARTS.finditer(title))
    if not cuts:
        return None
    if _alike(title[:cuts[-1].start()], headline):
        return title[cuts[-1].end():]
    if _alike(title[cuts[0].end():], headline):
        return title[:cuts[0].start()]
    return None


def _alike(words: str, headline: str) -> bool:
    from rapidfuzz import fuzz, utils

    return fuzz.ratio(words, headline,
                      processor=utils.default_process) >= TITLE_HEADLINE_LIKENESS


def site_name(site: str | None, title: str | None, headline: str | None) -> str | None:
    """The site name trafilatura gives, unless it is a piece of the headline: with no
    og:site_name it takes the part of the <title> that holds a dot for a domain, and a
    headline's "$1.3 billion" holds one ("Victoria opens $1.3 billion AI precinct ... -
    Southern Cross Times" gave the headline as the site). Such a part is kept only when it
    reads as a name ("St. Louis Post-Dispatch") or a domain, and never when it is the
    headline."""
    if not site:
        return None
    if headline and _alike(site, headline):
        return None
    at_an_end = title is not None and title != site and (
        title.startswith(site) or title.endswith(site))
    return None if at_an_end and not _reads_as_name(site) else site


def _reads_as_name(name: str) -> bool:
    """A site's name: a few words in title case or capitals ("The Northern Observer", "BBC
    News"), or a domain ("example-news.com"); not a phrase of the headline ("What we know")."""
    words = name.split()
    if not 1 <= len(words) <= SITE_NAME_WORDS or name[-1] in ".!?:;,":
        return False
    if len(words) == 1 and re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", name):
        return True
    return (words[0][:1].isupper() or words[0][:1].isdigit()) and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _NAME_SMALL_WORDS for w in words)

