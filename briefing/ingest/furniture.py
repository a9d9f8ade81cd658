"""Site furniture: the lines of a page that are not its story (breadcrumbs, ads, "Related",
appeals, disclosures, sign-offs, a repeated headline). Dropped here, once, so extraction only
sees article text; the cue words are in `briefing.ingest.cues`."""

from __future__ import annotations

import re

from briefing.ingest import cues
from briefing.ingest.article import Block
from briefing.ingest.lines import MD_HEADING, TITLE_MIN_WORDS, is_heading
from briefing.text import collapse

# --------------------------------------------------------------------------- boilerplate
# What site furniture looks like is data in `cues` (FURNITURE and its neighbours); here it
# is applied to every line of a body, wherever the line sits: at the top, between two
# paragraphs or at the end. A dropped line never shifts the spans of what is kept.


def is_boilerplate(line: str) -> bool:
    """A whole line of site furniture: a cookie notice, a "Related: ..." link, a caption,
    a wire sign-off, a newsletter pitch, an appeal for readers' money, an author's
    disclosure ... (see `cues.FURNITURE`), also in Markdown emphasis ("*This article is
    republished from ...*"); a rule of symbols ("---", "* * *")."""
    stripped = _unemphasised(line.strip())
    size = len(stripped)
    if size > cues.FURNITURE_MAX_CHARS:
        return False  # a paragraph, not a widget: skip the regexes on long lines
    if not stripped[:1].isalnum() and not any(ch.isalnum() for ch in stripped):
        return bool(line.strip())  # a thematic break says nothing
    opener = _opener(stripped)
    if (opener is None or opener in cues.FURNITURE_OPENERS) and cues.FURNITURE.match(stripped):
        return True
    if (opener is None or opener in cues.NOTICE_OPENERS) and cues.NOTICE.match(stripped):
        return True
    if _ends_in_furniture(stripped) or _discloses(stripped) or _notes_the_story(stripped):
        return True
    if size > WIDGET_MAX_CHARS:
        return False  # only a disclaimer, a pitch or a caption is this long
    crumbs = stripped.count(" > ") + stripped.count(" » ") + stripped.count(" › ")
    if crumbs >= 2 or (not stripped.isascii() and cues.AD_SLOT.search(stripped)):
        return True
    words = stripped.split()
    # A token repeated to fill a slot ("X X X") is a placeholder, not text.
    return len(words) > 1 and len(set(words)) == 1


#: Breadcrumbs, ad slots and placeholders are no longer than this.
WIDGET_MAX_CHARS = 200


_FIRST_WORD = re.compile(r"[^\W\d_]+")


def _opener(line: str) -> str | None:
    """A line's first word, lowercased, to tell whether it opens as some furniture does
    (`cues.FURNITURE_OPENERS`, `cues.NOTICE_OPENERS`): about half the lines of news pages
    do not, and skip the patterns (each takes five times as long as this test). None for
    a line opening with no letter, which is always matched against them."""
    if not line[0].isalpha():
        return None
    m = _FIRST_WORD.match(line)
    return m.group().lower() if m is not None else ""


#: Markdown emphasis around a line or paragraph: "*This article ...*", "**Note:** ...",
#: "_Views are personal._". Only for matching: a block's span is trimmed by `_emphasis_off`.
EMPHASIS_EDGES = "*_"


def _unemphasised(line: str) -> str:
    """The line without the emphasis markers at its edges (for matching it)."""
    if line and (line[0] in EMPHASIS_EDGES or line[-1] in EMPHASIS_EDGES):
        return line.strip(EMPHASIS_EDGES).strip()
    return line


def _discloses(line: str) -> bool:
    """An author's disclosure ("... does not work for, consult, own shares in ...")."""
    return any(hint in line for hint in cues.DISCLOSURE_HINTS) and bool(
        cues.DISCLOSURE.search(line))


def _notes_the_story(line: str) -> bool:
    """A newsroom's note about the story itself: a newsletter promo, a sponsorship
    disclosure, a correction, an interview's editing note (`cues.NOTE_LINE`)."""
    lower = line.lower()
    return any(hint in lower for hint in cues.NOTE_LINE_HINTS) and bool(
        cues.NOTE_LINE.match(line))


def is_story_end(line: str) -> bool:
    """A press release's end mark ("ENDS", "-ENDS-", "###"): notes and contacts follow."""
    return len(line) <= 20 and bool(cues.STORY_END.match(line))


def opens_boilerplate_section(line: str) -> bool:
    """A heading that opens a press release's boilerplate ("Notes to editors", "About
    NITDA", "Media contact"): what follows it, to the next heading of the story, describes
    the organisation or says whom to call."""
    stripped = _unemphasised(MD_HEADING.sub("", line.strip()))
    return (len(stripped) <= cues.FURNITURE_MAX_CHARS and is_heading(line)
            and bool(cues.BOILERPLATE_SECTION.match(stripped)))


#: A heading that ends a boilerplate section names a part of the story: at least this many
#: words ("DSIT press office", "Tel: 020 7215 3000" are the section's own lines).
SECTION_HEADING_MIN_WORDS = 4
_CONTACT_BITS = re.compile(r"@|\d{3}|www\.|https?://|:")


def ends_section(line: str) -> bool:
    """A heading of the story after a boilerplate section: a Markdown heading, or a
    heading-like line of some words that holds no contact details."""
    if MD_HEADING.match(line):
        return True
    stripped = line.strip()
    return (is_heading(stripped) and len(stripped.split()) >= SECTION_HEADING_MIN_WORDS
            and _CONTACT_BITS.search(stripped) is None)


def _ends_in_furniture(line: str) -> bool:
    """A line closed by a photo credit or a sign-up prompt is a caption or a pitch."""
    tail = line[-cues.FURNITURE_ENDING_CHARS:]
    lower = tail.lower()
    for hint in cues.FURNITURE_ENDING_HINTS:
        if hint in lower:  # most lines hold none: no regex run at all
            return cues.FURNITURE_ENDING.search(tail) is not None
    return False


def is_tail_marker(line: str) -> bool:
    return bool(cues.FURNITURE_TAIL.match(_unemphasised(line.strip())))


def is_closing_furniture(line: str) -> bool:
    """A note about the writer ("Jane Doe is a reporter covering ...", "Jane Doe receives
    funding from ...", "About the author: ..."): furniture where a story ends, so only
    trailing blocks are tested with it."""
    stripped = _unemphasised(line.strip())
    if len(stripped) <= cues.ABOUT_NOTE_MAX_CHARS and stripped[:6].lower() == "about " and (
            cues.ABOUT_NOTE_CLOSING.match(stripped)):
        return True
    return len(stripped) <= cues.FURNITURE_MAX_CHARS and bool(
        cues.FURNITURE_CLOSING.match(stripped))


def glued_sign_off(text: str, start: int, end: int) -> int:
    """Where a sign-off glued to the end of a paragraph begins ("... on Tuesday. (Reporting
    by Ana Perez; Editing by Tom Smith)"), else `end`: the block then ends before it."""
    if end <= start or text[end - 1] not in ").]":
        return end
    at = max(text.rfind("(", start, end), text.rfind("[", start, end))
    if at <= start or not cues.GLUED_SIGN_OFF.fullmatch(text, at, end):
        return end
    while at > start and text[at - 1].isspace():
        at -= 1
    return at


#: A note glued to the end of a paragraph is its last sentence, no longer than this.
GLUED_NOTE_MAX_CHARS = 200
_SENTENCE_START = re.compile(r"[.!?…][\"'”’)\]»]*\s+(?=[\"“‘(]?[A-Z])")


def glued_note(text: str, start: int, end: int) -> int:
    """Where a newsroom's note closing a paragraph begins ("... building its own models. The
    interview has been edited for length and clarity."), else `end`: the block then ends
    before it, and the rest keeps its exact span."""
    tail = text[max(start, end - GLUED_NOTE_MAX_CHARS):end].lower()
    if not any(hint in tail for hint in cues.NOTE_LINE_HINTS):
        return end  # most paragraphs: no pattern is run
    last = None
    for m in _SENTENCE_START.finditer(text, max(start, end - GLUED_NOTE_MAX_CHARS), end):
        last = m
    if last is None or not _notes_the_story(text[last.end():end]):
        return end
    return _stop_end(last)


def _stop_end(m: re.Match[str]) -> int:
    """Where the sentence a `_SENTENCE_START` match closes ends: after its stop and closers."""
    return m.start() + len(m.group().rstrip())


def drop_closing(text: str, blocks: list[Block]) -> list[Block]:
    """The blocks less the notes about the writer that end them."""
    while blocks and is_closing_furniture(collapse(text[blocks[-1].start:blocks[-1].end])):
        blocks.pop()
    return blocks


def is_appeal(line: str) -> bool:
    """A line of an appeal for readers' money ("Support us from as little as £1", "... we
    have a small favour to ask"): furniture that marks a box of them."""
    stripped = _unemphasised(line.strip())
    return bool(cues.APPEAL_LINE.match(stripped) or cues.APPEAL.search(stripped.lower()))


def drop_appeals(text: str, blocks: list[Block], dropped: list[int]) -> list[Block]:
    """The blocks less any appeal for readers' money: a paragraph that says one of
    `cues.APPEAL` ("You've read 7 articles ...", "... we have a small favour to ask"),
    and the short lines around it, or around an appeal line already dropped as furniture
    (before `blocks[n]` for each n of `dropped`), that speak to the reader ("Millions turn
    to us every day.", "It only takes a minute. Thank you."): they come in the same box."""
    appeals = {n for n, b in enumerate(blocks) if b.kind != "heading" and _says_appeal(text, b)}
    if not appeals and not dropped:
        return blocks
    # (first block before, first block after) each appeal
    edges = [(n - 1, n + 1) for n in sorted(appeals)] + [(n - 1, n) for n in dropped]
    for before, after in edges:
        for n, step in ((before, -1), (after, 1)):
            while (0 <= n < len(blocks) and n not in appeals
                   and _speaks_to_reader(text[blocks[n].start:blocks[n].end])):
                appeals.add(n)
                n += step
    return [b for n, b in enumerate(blocks) if n not in appeals]


def _says_appeal(text: str, block: Block) -> bool:
    """A paragraph holding a sentence of `cues.APPEAL`; most hold none of its hints."""
    if block.end - block.start > cues.APPEAL_MAX_CHARS:
        return False
    lower = text[block.start:block.end].lower()
    return any(hint in lower for hint in cues.APPEAL_HINTS) and bool(
        cues.APPEAL.search(collapse(lower)))


def _speaks_to_reader(chunk: str) -> bool:
    """A short line addressed to the reader, quoting no one: an appeal's neighbour."""
    return (len(chunk) <= cues.APPEAL_NEIGHBOUR_MAX_CHARS
            and not any(q in chunk for q in '"“”«»')
            and bool(cues.APPEAL_NEIGHBOUR.search(chunk.lower())))


# --------------------------------------------------------------------------- the headline
# A page's headline is its title, never a fact: trafilatura may return the title again as
# the first line, a page may repeat it as an <h1>/<h2> inside the article, and a text file
# with front matter may start with it too.

_NOT_WORD = re.compile(r"[\W_]+")
#: How alike (0-1, Indel) a block must be to the title to be the title again
#: ("data centres" and "data centers", a dropped "the").
HEADLINE_SIMILARITY = 0.9
#: Words a page may add after its headline in a <title>: " | Example News - Technology".
SITE_SUFFIX_WORDS = 6


def _headline_key(line: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", line.casefold()).split())


def same_headline(line: str, title: str) -> bool:
    """`line` is `title` again: the same words once case and punctuation are set aside,
    nearly so, or the title is the line followed by a site name ("Title | Site")."""
    a, b = _headline_key(line), _headline_key(title)
    if not a or not b:
        return False
    if a == b:
        return True
    words = a.count(" ") + 1
    if words < TITLE_MIN_WORDS:
        return False
    if b.startswith(a + " ") and b.count(" ") + 1 - words <= SITE_SUFFIX_WORDS:
        return True
    from rapidfuzz.distance import Indel

    return bool(Indel.normalized_similarity(a, b) >= HEADLINE_SIMILARITY)


def without_title(text: str, blocks: list[Block], title: str | None) -> list[Block]:
    """The blocks less those that repeat the source's title: it is metadata, not a fact,
    and not a section either."""
    if not title:
        return blocks
    size, slack = len(title), max(24, len(title) // 3)
    return [b for b in blocks
            if abs(b.end - b.start - size) > slack
            or not same_headline(text[b.start:b.end], title)]


