"""The shape of one line of a body: a heading, a headline-length line, a lead-in handing
over to a list. Both the block cutter and the furniture rules ask."""

from __future__ import annotations

import re

from briefing.ingest import cues

MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


def is_heading(line: str) -> bool:
    line = line.strip()
    if MD_HEADING.match(line):
        return True
    words = line.split()
    if line.endswith(":"):
        return len(words) <= 12 and not leads_a_list(line)
    if line.endswith(TERMINAL + CUT_BY_LAYOUT) or len(words) > 20:
        return False  # a line that ends on a comma is a sentence its layout cut, no heading
    # Short lines without a full stop read as headings; longer ones must look Title Case.
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return len(words) <= 8 or capitalised >= 0.6 * max(len(long_words), 1)


#: A headline has at least this many words (shorter top lines are section labels and names).
TITLE_MIN_WORDS = 4


def leads_a_list(text: str) -> bool:
    """A sentence that ends on a colon handing over to a list and states something itself
    ("The policy is structured around six key pillars:"): at least LIST_LEAD_MIN_WORDS
    words, a verb after its first word (`cues.LIST_LEAD_VERB`), and a last word that names
    what follows, not one that only hands over ("include:", "as follows:"). A speaker's
    lead-in ("the minister said:") has no such verb."""
    body = text.strip()  # positions below count from its first word
    if not body.endswith(":"):
        return False
    words = body[:-1].split()
    if len(words) < LIST_LEAD_MIN_WORDS or words[-1].lower() in cues.LIST_LEAD_HANDOVER:
        return False
    return cues.LIST_LEAD_VERB.search(body, len(words[0])) is not None


#: A list's lead-in sentence is at least this many words (the extractor's MIN_WORDS).
LIST_LEAD_MIN_WORDS = 5


TERMINAL = ('.', '!', '?', '…', '"', '”', '’', "'", ')', '»', '。', '！', '？')


#: How a line cut mid-sentence by its layout ends ("NIS 120 million is earmarked for this
#: initiative," above a heading).
CUT_BY_LAYOUT = (",", ";")
