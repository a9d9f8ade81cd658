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
# A kind with its number, if any: "Working paper No. 42", "Policy Brief 2026-08", "Issue brief
# 3/2026"; never the start of an ISO date ("Policy brief 2026-03-12" is a kind and a date).
_KIND_WORDS = (
    rf"(?:(?:{'|'.join(DOCUMENT_KIND_MODIFIERS)})\s+)?"
    rf"(?:{'|'.join(DOCUMENT_KIND_HEADS)})"
    r"(?:\s+(?:(?:no\.?|number|\#)\s*)?\d+(?:[/-]\d+)?(?![\d/-]))?"
)
_KIND_SEPARATOR = r"(?:\s*[,:|·•–—-]\s*|\s+)"
_DOCUMENT_KIND = rf"(?P<kind>{_KIND_WORDS}){_KIND_SEPARATOR}"
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
_NAMED_TAIL = (rf"(?:(?P<by>\s+by\s+)|{_NAME_SEPARATOR}|(?P<bare>\s+))(?P<named>{_NAME})"
               rf"(?:{_NAME_SEPARATOR}(?P<more>{_NAME}))?")
# A publication's name before the date, parted from it by a bar, a dot or a dash: "Tokyo
# Patent Digest — 12 March 2026", "Harbour Times | 3 May 2026"; a hyphen only with spaces
# around it (a name holds hyphens: "Post-Dispatch"), and never a comma or a space alone
# ("Seoul, 12 May 2026" opens a dateline).
_LEAD_SEPARATOR = r"(?:\s*[|·•–—]\s*|\s+-\s+)"
#: A name before a date line's date that is not an organisation's has at most this many
#: words: a person's ("Jane Doe | 12 March 2026") or a place's ("Seoul — 12 March 2026").
#: A longer one is a headline that holds a date ("Chipmakers Brace For New Export Rules —
#: 12 March 2026"), not a date line.
LEAD_MAX_WORDS = 3
# What a date line may say before its date: the document's kind ("Briefing paper,"), the
# name of who published it ("Tokyo Patent Digest —", maybe with its kind after: "Korea
# Institute for Digital Policy — Policy brief,"), a label ("Published", "As of").
_LINE_HEAD = (
    rf"^\s*(?:{_DOCUMENT_KIND})?"
    rf"(?:(?P<lead>{_NAME}){_LEAD_SEPARATOR}(?:(?P<kind2>{_KIND_WORDS}){_KIND_SEPARATOR})?)?"
    rf"(?:(?P<label>(?:first\s+|last\s+)?(?:published|posted|updated|released|issued)|date"
    rf"|dated|as\s+of)\s*(?:on\b|in\b|:)?\s*)?"
)
# A whole line that is a date, maybe labelled and with a time and zone: "Published:
# 2024-07-18", "Updated Mon, Sep 2, 2024 at 10:30 am", "July 22, 2025 · 6:15 AM UTC",
# "Updated: Tue 22 Jul 2025 06.15 BST", "22.07.2025", "Posted: Jan. 21, 2026, 6:05 a.m. CT
# | Updated: Jan. 22, 2026, 9:40 a.m. CT", "Published: 17/06/2026 at 06:30, updated at
# 11:12", "As of 12 March 2025" (a report's cover), "First published 3 May 2026", maybe
# after the document's kind or its publication's name (`_LINE_HEAD`) and before who
# published it (`_NAMED_TAIL`, read by `date_line_publisher`). Nothing else may be on the
# line, so a short sentence that holds a date ("Seoul said on 12 May 2025 it would") is not
# a date line.
_DATE_LINE = re.compile(
    rf"{_LINE_HEAD}(?:{WEEKDAY})?(?P<date>{_LINE_DATE})"
    rf"(?:{_TIME_SEPARATOR}{_TIME}(?:\s*(?:{_ZONE}))?)?"
    rf"(?:{_UPDATE})?(?:{_NAMED_TAIL})?\s*\.?\s*$",
    re.I,
)
# The same line with a month and year where the day would be: "September 2026", "Research
# report No. 14, Sept. 2026", "Riga Policy Lab · Working paper 3 · March 2026", "Published
# in May 2026 by the Andean Data Observatory" (`month_line`). A month is no day: such a
# line never dates a source (a date is a day), it only says the month is known.
_MONTH_LINE = re.compile(
    rf"{_LINE_HEAD}(?P<month>{MONTH})\.?,?\s+(?P<year>{_YEAR})(?:{_NAMED_TAIL})?\s*\.?\s*$",
    re.I,
)
# A cover line that names who published a paper with its kind, and no date: "Korea
# Institute for Digital Policy — Policy Brief 2026-08", "Policy brief | Andean Data
# Observatory", "Riga Policy Lab · Working paper 3".
_KIND_LINE = re.compile(
    rf"^\s*(?:(?P<lead>{_NAME}){_LEAD_SEPARATOR})?(?:{_KIND_WORDS})"
    rf"(?:{_NAME_SEPARATOR}(?P<named>{_NAME}))?\s*\.?\s*$",
    re.I,
)
# A copyright line with its year: "© 2026 Pacific Institute for Technology Policy",
# "Copyright © 2025-2026 Riga Policy Lab. All rights reserved.", "(c) Centre for Caspian
# Studies, 2026". The year is required: a photo's credit ("© AFP") names no publisher.
_COPYRIGHT_LINE = re.compile(
    rf"^\s*(?:copyright\s*)?(?:©|\(c\)|copyright)\s*"
    rf"(?:(?P<year>{_YEAR})(?:\s*[–-]\s*{_YEAR})?,?\s+(?P<named>{_NAME})"
    rf"|(?P<named2>{_NAME}),?\s+{_YEAR}(?:\s*[–-]\s*{_YEAR})?)"
    rf"\s*\.?(?:\s*all\s+rights\s+reserved\s*\.?)?\s*$",
    re.I,
)
# A line that is a name alone ("Pacific Institute for Technology Policy"), for a report's
# title page (`cover_publisher(..., alone=True)`).
_NAME_LINE = re.compile(rf"^\s*(?P<named>{_NAME})\s*\.?\s*$", re.I)
#: Words a title page opens a name with that make it someone else's than the publisher's:
#: "Prepared for the Ministry of Digital Affairs", "Commissioned by the Harbour Trust".
COVER_NOT_PUBLISHER = frozenset((
    "Prepared", "Commissioned", "Funded", "Supported", "Sponsored", "Submitted", "Presented",
    "Written", "Edited", "Translated", "Designed", "Printed", "Produced", "Delivered",
    "Requested", "With", "For", "To", "By", "In", "On", "At", "From", "About",
))
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
))
#: A publication's last word: "Harbour Times", "Tokyo Patent Digest", "Kansai Business
#: Ledger", "Coral Sea Courier", "Seoul Economic Daily". It names one only at the end: "Review
#: of the AI Act" and "Digest of New Rules" are a headline's words.
MASTHEAD_WORDS = frozenset((
    "Times", "News", "Post", "Herald", "Journal", "Tribune", "Gazette", "Review", "Wire",
    "Daily", "Monitor", "Observer", "Telegraph", "Press", "Media", "Magazine", "Bulletin",
    "Digest", "Ledger", "Chronicle", "Dispatch", "Courier", "Record", "Weekly", "Insider",
    "Standard", "Economist", "Register", "Reporter", "Sentinel", "Examiner", "Inquirer",
    "Broadcasting", "Radio",
))
#: The small words an organisation's name goes on with after its last ORGANISATION_WORDS
#: word ("Bank of Korea", "Institute for Digital Policy"): any other word after it makes
#: the name a headline's ("Central Bank Raises Rates").
_NAME_GOES_ON = frozenset(("of", "for", "on", "and", "&", "in", "at", "de", "du", "des",
                           "für", "y"))
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
    2024-07-18", "Briefing paper, January 28, 2026. Centre for Eastern Studies.", "Tokyo
    Patent Digest — 12 March 2026")."""
    read = _read_date_line(line)
    return read[0] if read else None


def date_line_publisher(line: str) -> str | None:
    """The organisation a date line names as the document's publisher ("Published October
    14, 2026 by the Pacific Policy Institute" -> "Pacific Policy Institute", "Tokyo Patent
    Digest — 12 March 2026" -> "Tokyo Patent Digest"), else None (no name, or a person's or
    a place's)."""
    read = _read_date_line(line)
    return read[1] if read else None


def month_line(line: str) -> str | None:
    """`YYYY-MM` when a whole line only dates the document by its month ("September 2026",
    "Research report No. 14, Sept. 2026"), else None. A month is not a day: no source is
    dated by it (`date_line` gives None for the line)."""
    read = _read_month_line(line)
    return read[0] if read else None


def cover_publisher(line: str, *, alone: bool = False) -> str | None:
    """The organisation a cover line names as the publisher: a date line's or a month
    line's ("Published 27 August 2026 by the Andean Data Observatory"), a paper's kind
    with its publisher ("Korea Institute for Digital Policy — Policy Brief 2026-08"), a
    copyright line with its year ("© 2026 Pacific Institute for Technology Policy"); and,
    when `alone` (a report's title page, above its prose), a line that is only an
    organisation's name ("Pacific Institute for Technology Policy"). Else None."""
    if len(line) > DATE_LINE_MAX_CHARS:
        return None
    read = _read_date_line(line) or _read_month_line(line)
    if read is not None:
        return read[1]
    kind = _KIND_LINE.match(line)
    if kind is not None:
        return next((n for n in _names(kind, "lead", "named") if _is_organisation(n)), None)
    held = _COPYRIGHT_LINE.match(line)
    if held is not None:
        return next((n for n in _names(held, "named", "named2") if _is_organisation(n)), None)
    bare = _NAME_LINE.match(line) if alone else None
    if bare is not None:
        name = _bare_name(bare.group("named"))
        if _is_organisation(name) and name.split()[0] not in COVER_NOT_PUBLISHER:
            return name
    return None


@lru_cache(maxsize=4096)
def _read_date_line(line: str) -> tuple[str, str | None] | None:
    """A date line's day and publisher."""
    if len(line) > DATE_LINE_MAX_CHARS:
        return None
    m = _DATE_LINE.match(line)
    day = parse_date(m.group("date")) if m else None
    if m is None or day is None:
        return None
    return _named_line(m, day)


@lru_cache(maxsize=4096)
def _read_month_line(line: str) -> tuple[str, str | None] | None:
    """A month line's month (`YYYY-MM`) and publisher."""
    if len(line) > DATE_LINE_MAX_CHARS:
        return None
    m = _MONTH_LINE.match(line)
    if m is None:
        return None
    number = MONTH_ABBREVIATIONS.index(m.group("month")[:3].lower()) + 1
    return _named_line(m, f"{m.group('year')}-{number:02}")


#: The months by their first three letters, January first: how `MONTH` may be written short.
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                       "nov", "dec")


def _named_line(m: re.Match[str], when: str) -> tuple[str, str | None] | None:
    """A date or month line's `when` and the organisation it names, or None when its names
    make it no date line. A name after the date makes a date line only when the line says
    by whom ("by ..."), or what kind of document it is, or the name is an organisation's:
    "12 May 2025, Warsaw" may be the start of a story's dateline; parted from the date by a
    space alone, only on a line that says more (a label, a kind, a masthead): "22 December
    2026 Budget Review" is a headline. A name before the date is the publication's when it
    is an organisation's ("Tokyo Patent Digest — 12 March 2026"), else a person's or a
    place's of at most LEAD_MAX_WORDS words."""
    lead = _names(m, "lead")
    masthead = bool(lead) and _is_organisation(lead[0])
    if lead and not masthead and len(lead[0].split()) > LEAD_MAX_WORDS:
        return None
    told = masthead or any(m.group(g) for g in ("by", "kind", "kind2", "label"))
    if m.group("bare") and not told:
        return None  # "22 December 2026 Budget Review" is a headline, not a cover line
    names = _names(m, "named", "more")
    publisher = next((name for name in (*lead, *names) if _is_organisation(name)), None)
    if names and not any(map(_is_organisation, names)) and not told:
        return None
    return when, publisher


def _names(m: re.Match[str], *groups: str) -> list[str]:
    """The names a match's groups hold, as publishers are written."""
    return [_bare_name(name) for name in (m.group(g) for g in groups) if name]


def _bare_name(name: str) -> str:
    """A name as a source's publisher: without the full stop that ends the line or the
    lower-case article before it ("the Pacific Policy Institute")."""
    name = name.rstrip(".").strip()
    return name[4:] if name.startswith("the ") else name


def _is_organisation(name: str) -> bool:
    """A name an organisation goes by: a publication's, ending on one of MASTHEAD_WORDS
    ("Tokyo Patent Digest"); an institution's, with one of ORGANISATION_WORDS that ends the
    name or is followed by a small word ("Bank of Korea"); an acronym alone ("OECD"). Such
    a word alone names no one ("News — 12 March 2026" is a section's head)."""
    words = [w.strip("().,") for w in name.split()]
    if len(words) == 1 and words[0] in ORGANISATION_WORDS | MASTHEAD_WORDS:
        return False
    if words[-1] in MASTHEAD_WORDS:
        return True
    marks = [n for n, w in enumerate(words) if w in ORGANISATION_WORDS]
    if marks:
        after = words[marks[-1] + 1:]
        return not after or after[0] in _NAME_GOES_ON or (
            len(after) == 1 and bool(_ACRONYM.fullmatch(after[0])))
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


_DAY_SHAPE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def no_day_why(value: str) -> str | None:
    """Why a date written as YYYY-MM-DD names no day ("February has 28 days in 2026"); None
    when it is not written in that shape at all. The command line's options and a brief
    file's `since:`, a correction and the terminal app's forms say it alike."""
    import calendar

    shape = _DAY_SHAPE.fullmatch(value.strip())
    if shape is None:
        return None
    year, month, day = map(int, shape.groups())
    if year == 0:
        return "there is no year 0"
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if day == 0:
        return "days start at 1"
    days = calendar.monthrange(year, month)[1]
    return f"{calendar.month_name[month]} has {days} days" + (
        f" in {year}" if month == 2 else "")
