"""Lines that only date a story ("Posted: Jan. 21, 2026, 6:05 a.m. CT | Updated: ...",
"July 22, 2025 · 6:15 AM UTC"), which the corpus cuts from an article's head and the HTML
reader takes a page's date from. Below both, so that neither imports the other; the shapes
are cues (`cues.DATE_ONLY`), the days `briefing.dates`.
"""

from __future__ import annotations

import re

from briefing.dates import date_line, parse_date
from briefing.ingest import cues


def date_only(line: str) -> str | None:
    """The day a line that only dates the story gives ("Posted: Jan. 21, 2026, 6:05 a.m.
    CT | Updated: ..."), else None."""
    day = date_line(line)
    if day:
        return day
    stamp = date_only_match(line)
    return parse_date(stamp["date"]) if stamp else None


def date_only_match(line: str) -> re.Match[str] | None:
    """A line that only dates the story ("July 22, 2025 · 6:15 AM UTC"), also when the date
    reader takes no day from the whole line: its `date` group is the date."""
    if len(line) > cues.DATE_ONLY_MAX_CHARS or not line[:1].isalnum():
        return None
    return cues.DATE_ONLY.fullmatch(line)
