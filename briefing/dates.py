"""Dates in articles: where one is (our regexes), and which day it is (dateparser).

Our patterns find a date in text and give its span, so a date line or a wire dateline can
be cut off the article exactly; dateparser turns what they found into a day. Only the
shapes news English writes are found: `12 November 2025`, `Nov. 12, 2025`, `Sept. 3`,
`November 12th, 2025`, `2025-11-12`, `12/11/2025` and `12.11.2025` (day first, as most
of the world writes it), after an optional weekday. A line that is only a date may give the
time after it ("July 22, 2025 · 6:15 AM UTC", "Tue 22 Jul 2025 06.15 BST"), and a report's
cover line the kind of paper before it and who published it after ("Briefing paper, January
28, 2026. Centre for Eastern Studies.", "Published October 14, 2026 by the Pacific Policy
Institute": `date_line_publisher`). A date with no
year (`March 4` in a wire dateline) is a day only once the file's own date gives the year
(`in_year_of`).

A leaf module: it imports nothing from `briefing`, so the corpus and the format readers
both import it.
"""

from __future__ import annotations

import os
import re
import threading
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

# --------------------------------------------------------------------------- finding dates
# Pieces of pattern, written case-blind; `(?![a-z])` keeps a name from matching the start of
# a longer word ("Marching 4", "Mayor 12").

#: Month names and the abbreviations news uses, "Sept" included ("Sept. 3, 2025").
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
         r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])")
#: A weekday before a date: "Mon, Sep 2, 2024", "Tuesday 4 March 2025", "Thurs. Jan 9".
WEEKDAY = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
           r"|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)(?![a-z])\.?,?\s+")
# A day of the month, maybe with its ordinal ("12th"); never the start of a year ("March 2025").
_DAY = r"\d{1,2}(?!\d)(?:st|nd|rd|th)?(?![a-z])"
_YEAR = r"\d{4}(?!\d)"
# A dotted numeric date, day first as Europe writes it ("22.07.2025", "3.9.2025"); never
# part of a longer run of dotted numbers (a version "1.2.2025.4", an address).
_DOTTED = r"(?<![\d.])\d{1,2}\.\d{1,2}\.\d{4}(?!\d|\.\d)"

#: A date as an article prefix may write it, the year optional ("OSLO, March 4 (Reuters) -"):
#: `briefing.ingest.cues` builds its dateline and labelled-date patterns on it. No groups of its
#: own, so it can sit inside theirs.
DATE_WORDS = (
    rf"(?i:(?:{WEEKDAY})?"
    rf"(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}(?!\d)"
    rf"|{MONTH}\.?\s+{_DAY}(?:,?\s+{_YEAR})?"
    rf"|{_DAY}\s+{MONTH}\.?(?:,?\s+{_YEAR})?"
    rf"|\d{{1,2}}/\d{{1,2}}/{_YEAR}"
    rf"|{_DOTTED}))"
)

# A complete date anywhere in a string; each shape has its own groups, read by `_key`.
_FULL_DATE = re.compile(
    rf"(?<!\d)(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{1,2}})-(?P<iso_d>\d{{1,2}})(?!\d)"
    rf"|(?<![a-z])(?P<mdy_m>{MONTH})\.?\s+(?P<mdy_d>{_DAY}),?\s+(?P<mdy_y>{_YEAR})"
    rf"|(?<![\d.])(?P<dmy_d>{_DAY})\s+(?:of\s+)?(?P<dmy_m>{MONTH})\.?,?\s+(?P<dmy_y>{_YEAR})"
    rf"|(?<![\d/])(?P<num_d>\d{{1,2}})/(?P<num_m>\d{{1,2}})/(?P<num_y>{_YEAR})"
    rf"|(?<![\d.])(?P<dot_d>\d{{1,2}})\.(?P<dot_m>\d{{1,2}})\.(?P<dot_y>\d{{4}})(?!\d|\.\d)",
    re.I,
)
# A month and day with no year after them ("March 4", "Jan. 9", "4 March").
_MONTH_DAY = re.compile(
    rf"(?<![a-z])(?P<mdy_m>{MONTH})\.?\s+(?P<mdy_d>{_DAY})(?!,?\s+\d)"
    rf"|(?<![\d.])(?P<dmy_d>{_DAY})\s+(?:of\s+)?(?P<dmy_m>{MONTH})(?!\.?,?\s+\d)",
    re.I,
)
# A time of day after a date: "6:15 AM", "10:30 am", "06.15" (the Guardian's), "14:30:05".
_TIME = r"\d{1,2}[:.]\d{2}(?![\d.])(?::\d{2})?(?:\s*[ap]\.?\s?m\b\.?)?"
# The zone after a time: an abbreviation in capitals ("UTC", "BST", "IST", "ET", "KST"),
# maybe with an offset ("GMT+9", "UTC+05:30", "GMT -4"), maybe in brackets ("(UTC)").
_ZONE = (r"\(?(?-i:[A-Z]{1,5})(?:\s?[+\-−]\s?\d{1,2}(?::?\d{2})?)?\)?"
         r"|[+\-−]\d{2}:?\d{2}")
# What separates the time from the date: "·", "|", "•", a dash, a comma, "at", or nothing.
_TIME_SEPARATOR = r"(?:\s*[·|•,–—-]\s*|\s+at\s+|\s+)"
# A complete date as a date line writes it: the shapes `_FULL_DATE` reads, with no groups.
_LINE_DATE = (
    rf"\d{{4}}-\d{{1,2}}-\d{{1,2}}(?!\d)"
    rf"|{MONTH}\.?\s+{_DAY},?\s+{_YEAR}"
    rf"|(?:the\s+)?{_DAY}\s+(?:of\s+)?{MONTH}\.?,?\s+{_YEAR}"
    rf"|\d{{1,2}}/\d{{1,2}}/{_YEAR}"
    rf"|{_DOTTED}"
)
# When the story was updated, after the date it was published: "| Updated: Jan. 22, 2026,
# 9:40 a.m. CT", ", updated at 11:12", " · Updated 14:05 GMT". The first date is the day.
_UPDATE = (rf"\s*[·|•,;–—-]?\s*(?:last\s+)?(?:updated|modified)\s*(?:on\b|:)?\s*"
           rf"(?:(?:{WEEKDAY})?(?:{_LINE_DATE})(?:{_TIME_SEPARATOR}{_TIME})?|(?:at\s+)?{_TIME})"
           rf"(?:\s*(?:{_ZONE}))?")
# A report's cover or a page's head may say what kind of document it is before its date:
# "Briefing paper, January 28, 2026.", "Policy brief | 3 March 2026", "Working paper No. 42,
# 12 May 2025", "Research note: 2026-02-01", "Report, 4 June 2026". A kind is a head noun
# with at most one word saying which kind, then a separator; never a word that only starts
# with one ("Reporting"). Kinds as think tanks, ministries and agencies name their papers.
DOCUMENT_KIND_MODIFIERS = (
    "briefing", "policy", "working", "discussion", "issue", "technical", "occasional",
    "research", "white", "background", "position", "consultation", "special", "annual",
    "staff", "country", "situation", "analytical", "evidence", "interim", "final",
)
DOCUMENT_KIND_HEADS = (
    "paper", "brief", "briefing", "note", "report", "memo", "memorandum", "commentary",
    "study", "analysis", "bulletin", "factsheet", r"fact\s+sheet", "review",
)
_DOCUMENT_KIND = (
    rf"(?P<kind>(?:(?:{'|'.join(DOCUMENT_KIND_MODIFIERS)})\s+)?"
    rf"(?:{'|'.join(DOCUMENT_KIND_HEADS)})"
    r"(?:\s+(?:no\.?|number|\#)\s*\d+(?:/\d+)?)?)"
    r"(?:\s*[,:|·•–—-]\s*|\s+)"
)
# A name after the date: the publisher ("Published October 14, 2026 by the Pacific Policy
# Institute", "Briefing paper, January 28, 2026. Centre for Eastern Studies."), a person
# ("by Jane Doe") or a place ("Warsaw"). Capitalised words with the small words names hold
# ("Centre for Eastern Studies", "Institute of International Affairs (RIIA)"), ending on a
# capitalised word, at most 12 of them; "the ministry" is no name, so "Published on
# October 14, 2026 by the ministry and ..." stays a sentence.
# A word of a name: atomic, and a dot only inside it ("U.S", "Post-Dispatch"), so that a
# full stop is never both the end of a word and a separator (which made a long line of
# names take a third of a second to refuse).
_NAME_WORD = r"(?>(?-i:[A-ZÀ-ÖØ-Þ])[\w&'’-]*(?:\.[\w&'’-]+)*)"
# Small words inside a name, in lower case only: a capitalised one is a word of the name,
# never both (each either way doubled the ways to read a long line).
_NAME_SMALL = r"(?-i:of|for|and|&|on|in|at|the|de|du|des|la|le|van|von|y|für)"
_NAME = (rf"(?:the\s+)?{_NAME_WORD}(?:\s+(?:{_NAME_SMALL}\s+)*{_NAME_WORD}){{0,11}}"
         r"(?:\s+\((?-i:[A-Z]{2,8})\))?")
_NAME_SEPARATOR = r"\s*[.,;|·•–—-]\s*"
_NAMED_TAIL = (rf"(?:(?P<by>\s+by\s+)|{_NAME_SEPARATOR}|\s+)(?P<named>{_NAME})"
               rf"(?:{_NAME_SEPARATOR}(?P<more>{_NAME}))?")
# A whole line that is a date, maybe labelled and with a time and zone: "Published:
# 2024-07-18", "Updated Mon, Sep 2, 2024 at 10:30 am", "July 22, 2025 · 6:15 AM UTC",
# "Updated: Tue 22 Jul 2025 06.15 BST", "22.07.2025", "Posted: Jan. 21, 2026, 6:05 a.m. CT
# | Updated: Jan. 22, 2026, 9:40 a.m. CT", "Published: 17/06/2026 at 06:30, updated at
# 11:12", "As of 12 March 2025" (a report's cover), "First published 3 May 2026", maybe
# after the document's kind and before who published it (`_NAMED_TAIL`, read by
# `date_line_publisher`). Nothing else may be on the line, so a short sentence that holds a
# date ("Seoul said on 12 May 2025 it would") is not a date line.
_DATE_LINE = re.compile(
    rf"^\s*(?:{_DOCUMENT_KIND})?"
    rf"(?:(?:(?:first\s+|last\s+)?(?:published|posted|updated|released|issued)|date|dated"
    rf"|as\s+of)\s*(?:on\b|:)?\s*)?"
    rf"(?:{WEEKDAY})?(?P<date>{_LINE_DATE})"
    rf"(?:{_TIME_SEPARATOR}{_TIME}(?:\s*(?:{_ZONE}))?)?"
    rf"(?:{_UPDATE})?(?:{_NAMED_TAIL})?\s*\.?\s*$",
    re.I,
)
#: A date line is no longer than this (a cover line with its publisher's long name).
DATE_LINE_MAX_CHARS = 200
#: Words that make a name an organisation's, so that it can publish: research bodies,
#: government offices and news outlets ("Pacific Policy Institute", "Centre for Eastern
#: Studies", "Ministry of Digital Affairs", "Southern Cross Times"). A name without one is
#: a person's ("by Jane Doe") or a place's ("Warsaw"): the line is still a date line when it
#: says by whom or what kind of paper it is, but names no publisher.
ORGANISATION_WORDS = frozenset((
    "Institute", "Institution", "Centre", "Center", "Council", "Foundation", "Ministry",
    "Department", "Office", "Agency", "Commission", "Bank", "University", "Forum", "Group",
    "Association", "Society", "Programme", "Program", "Network", "Initiative", "Studies",
    "Observatory", "Lab", "Labs", "Laboratory", "Trust", "Fund", "Organisation",
    "Organization", "Authority", "Board", "Committee", "Parliament", "Service", "Project",
    "School", "College", "Academy", "Endowment", "House", "Unit", "Secretariat", "Union",
    "Partnership", "Alliance", "Federation", "Chamber", "Consortium", "Corporation", "Tank",
    "Times", "News", "Post", "Herald", "Journal", "Tribune", "Gazette", "Review", "Wire",
    "Daily", "Monitor", "Observer", "Telegraph", "Press", "Media", "Magazine", "Bulletin",
))
#: A name that is an acronym alone names an organisation ("OECD", "CSIS", "IEA"), but not
#: the acronyms of countries a cover may name as its place.
_ACRONYM = re.compile(r"[A-Z]{3,8}")
_COUNTRY_ACRONYMS = frozenset(("USA", "UAE", "PRC", "DPRK", "ROK", "ROC", "KSA"))
#: A dateline may be up to this long after the file's own date and still be in its year: a
#: page fetched at 23:00 UTC on 3 January is already 4 January in Seoul.
DATELINE_SLACK = timedelta(days=1)


def parse_date(value: str) -> str | None:
    """The first complete, valid date in `value` as ISO `YYYY-MM-DD`, else None
    ("July 2024", "March 4" and "31 February 2025" are not dates)."""
    for m in _FULL_DATE.finditer(value):
        day = _day(_key(m))
        if day is not None:
            return day.isoformat()
    return None


def date_line(line: str) -> str | None:
    """The date when a whole line only dates the document ("Jul 18, 2024", "Published:
    2024-07-18", "Briefing paper, January 28, 2026. Centre for Eastern Studies.")."""
    read = _read_date_line(line)
    return read[0] if read else None


def date_line_publisher(line: str) -> str | None:
    """The organisation a date line names as the document's publisher ("Published October
    14, 2026 by the Pacific Policy Institute" -> "Pacific Policy Institute"), else None (no
    name, or a person's or a place's)."""
    read = _read_date_line(line)
    return read[1] if read else None


@lru_cache(maxsize=4096)
def _read_date_line(line: str) -> tuple[str, str | None] | None:
    """A date line's day and publisher. A name after the date makes a date line only when
    the line says by whom ("by ..."), or what kind of document it is, or the name is an
    organisation's: "12 May 2025, Warsaw" may be the start of a story's dateline."""
    if len(line) > DATE_LINE_MAX_CHARS:
        return None
    m = _DATE_LINE.match(line)
    day = parse_date(m.group("date")) if m else None
    if m is None or day is None:
        return None
    names = [_bare_name(name) for name in (m.group("named"), m.group("more")) if name]
    publisher = next((name for name in names if _is_organisation(name)), None)
    if names and publisher is None and not (m.group("by") or m.group("kind")):
        return None
    return day, publisher


def _bare_name(name: str) -> str:
    """A name as a source's publisher: without the full stop that ends the line or the
    lower-case article before it ("the Pacific Policy Institute")."""
    name = name.rstrip(".").strip()
    return name[4:] if name.startswith("the ") else name


def _is_organisation(name: str) -> bool:
    words = [w.strip("().,") for w in name.split()]
    if any(w in ORGANISATION_WORDS for w in words):
        return True
    return len(words) == 1 and bool(_ACRONYM.fullmatch(words[0])) \
        and words[0] not in _COUNTRY_ACRONYMS


def in_year_of(value: str, reference: str) -> str | None:
    """A year-less date ("March 4") in the year of `reference`, the ISO date the file itself
    gives (its front matter, or when `briefing add` fetched it); the year before when the
    day would fall after it ("Dec 30" in a page fetched on 2026-01-03 is 2025-12-30).
    None when `value` holds no month and day, or `reference` no date."""
    m = _MONTH_DAY.search(value)
    known = parse_date(reference)
    if m is None or known is None:
        return None
    latest = date.fromisoformat(known) + DATELINE_SLACK
    for year in (latest.year, latest.year - 1):
        day = _day(f"{_key(m)} {year}")
        if day is not None and day <= latest:
            return day.isoformat()
    return None


# --------------------------------------------------------------------------- reading them


def _key(m: re.Match[str]) -> str:
    """What a match says, in one spelling per day and shape: numbers zero-padded, the month
    name cut to the three letters every English abbreviation starts with ("Sept. 12th" and
    "12 September" are both `12 sep`). A 100,000-article corpus writes each day many ways,
    and the parser (about 1.4 ms) runs once per key."""
    groups = m.groupdict()
    if groups.get("iso_y"):
        return f"{groups['iso_y']}-{int(groups['iso_m']):02}-{int(groups['iso_d']):02}"
    if groups.get("num_y"):
        return f"{int(groups['num_d']):02}/{int(groups['num_m']):02}/{groups['num_y']}"
    if groups.get("dot_y"):  # "22.07.2025" is the day "22/07/2025" names
        return f"{int(groups['dot_d']):02}/{int(groups['dot_m']):02}/{groups['dot_y']}"
    shape = "mdy" if groups.get("mdy_m") else "dmy"
    day = int(re.sub(r"\D", "", groups[f"{shape}_d"]))
    parts = [str(day), groups[f"{shape}_m"][:3].lower()]
    if groups.get(f"{shape}_y"):
        parts.append(groups[f"{shape}_y"])
    return " ".join(parts)


#: dateparser's settings, pinned: English only (the month names our patterns find), no
#: relative dates ("yesterday", "3 days ago": a brief must not depend on today), every part
#: required (no day or year guessed from the current date), and numbers read day first
#: (`12/11/2025` is 12 November, as most of the world writes it) whatever the locale says,
#: never swapped when they do not fit (`12/31/2025` and `2025-13-01` are no dates; a date
#: that starts with its year is year, month, day).
PARSER_LANGUAGES = ["en"]
PARSER_SETTINGS: dict[str, Any] = {
    "PARSERS": ["absolute-time"],
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "DATE_ORDER": "DMY",
    "STRICT_DATE_ORDER": "all",
    "PREFER_LOCALE_DATE_ORDER": False,
    "TIMEZONE": "UTC",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_PARSER: Any = None
# dateparser shares settings between calls (scrapinghub/dateparser#441): one parse at a
# time, as the terminal app may read an article in a worker thread while another indexes.
_PARSER_LOCK = threading.Lock()
# A process forked while another thread parses would find the lock held for ever (and
# dateparser's own locks with it): a fork waits for the parse to end. PDF reports are read
# in a forked child (`formats/sandbox.py`), from a thread of the terminal app too.
if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_PARSER_LOCK.acquire, after_in_parent=_PARSER_LOCK.release,
                        after_in_child=_PARSER_LOCK.release)


@lru_cache(maxsize=16384)
def _day(key: str) -> date | None:
    """The day a found date names, or None when it is not one (31 February)."""
    global _PARSER
    with _PARSER_LOCK:
        if _PARSER is None:
            from dateparser.date import DateDataParser  # about 0.1 s: only when dates are read

            _PARSER = DateDataParser(languages=PARSER_LANGUAGES, try_previous_locales=False,
                                     use_given_order=True, settings=dict(PARSER_SETTINGS))
        found = _PARSER.get_date_data(key)
    when = found.date_obj
    return when.date() if when is not None and found.period == "day" else None
