"""Cutting a body into blocks (headings, paragraphs, list items) with their offsets, from
plain text, Markdown, text flattened onto one line, and emphasis. Site furniture is dropped
here as the blocks are cut (`body_blocks`); what counts as furniture is `furniture`'s call."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from briefing.ingest.article import Block
from briefing.ingest.furniture import (
    EMPHASIS_EDGES,
    drop_appeals,
    drop_closing,
    ends_section,
    glued_note,
    glued_sign_off,
    is_appeal,
    is_boilerplate,
    is_story_end,
    is_tail_marker,
    opens_boilerplate_section,
)
from briefing.ingest.lines import TERMINAL, is_heading

# --------------------------------------------------------------------------- blocks

_ITEM = re.compile(r"^\s*(?:[-*•·▪●–—]|\d{1,3}[.)])\s+(?=\S)")
# A numbered line ("2. Talent and training") is a report's section heading when it reads as
# one (short, no full stop) and is not part of a numbered list: a list's next item carries
# the next number ("1. Compute" then "2. Talent"), so that makes the first an item again.
_NUMBERED = re.compile(r"\s*(\d{1,3})\.\s+")


def _line_spans(text: str, start: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of text[start:], without its line break."""
    pos = start
    for line in text[start:].splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield pos, pos + len(body)
        pos += len(line)


# A Markdown blockquote's marker at a line's start ("> **We will build ...**").
_QUOTE_MARK = re.compile(r">+[ \t]*(?=\S)")

# ---- Markdown that lost its line breaks: an article saved as one line, its block markers
# inline ("... said. ## Funding NIS 120 million is ... > **\"We will,\" she said.** * Compute
# for research * Talent"). Only markers no sentence writes are read: a heading's hashes, a
# blockquote's ">" after a sentence's end and before a capital, a quote or emphasis, and
# a bullet ("*", "•") before a word; never "-" (a dash) or "1." (a number).
_INLINE_MARK = re.compile(
    r"(?<=\S)[ \t]+(?P<heading>#{2,6}(?=[ \t]+[A-Z0-9\"“‘*_])|#(?=[ \t]+[A-Z\"“‘*_]))[ \t]+"
    r"|(?<=[.!?…:\"”’)*])[ \t]+(?P<quote>>)[ \t]+(?=[A-Z\"“‘*_])"
    r"|(?<=\S)[ \t]+(?P<item>\*|•)[ \t]+(?=\w)")
_FLAT_HASHES = re.compile(r"#{1,6}[ \t]+")
#: A line is cut at its quote and bullet markers only when it is at least this long (a
#: paragraph of several sentences, not an item of its own); a heading's marker inside a line
#: cuts it whatever its length ("# Title ## Overview Kenya approved ...").
FLAT_LINE_MIN_CHARS = 200
#: A flattened heading is at most this many words: past them, the text is prose.
FLAT_HEADING_MAX_WORDS = 12
_FLAT_WORD = re.compile(r"\S+")
# Bold that closes a flattened blockquote: "> **\"…,\" she said.** The policy …".
_BOLD_CLOSE = re.compile(r"(?<=[.!?…\"”’])\*\*(?=[ \t])")


def _line_pieces(text: str, start: int) -> Iterator[tuple[int, int, bool]]:
    """(start, end, fresh) of each line of text[start:], a flattened Markdown line cut into
    the blocks its inline markers start (`fresh`: a marker, or the end of a flattened
    heading or quote, starts it, so it never goes on the block before)."""
    for s, e in _line_spans(text, start):
        line = text[s:e]
        # The cheap test, four scans in C: most lines have none of the marker characters.
        if "#" not in line and ">" not in line and "*" not in line and "•" not in line:
            yield s, e, False
            continue
        marks = list(_INLINE_MARK.finditer(text, s, e))
        if not any(m["heading"] for m in marks) and (len(marks) < 2
                                                     or e - s < FLAT_LINE_MIN_CHARS):
            yield s, e, False  # one bullet or quote mark, or a short line: prose after all
            continue
        cuts = [s, *(m.start(m.lastgroup or 0) for m in marks), e]
        for n, (a, b) in enumerate(pairwise(cuts)):
            yield from _flat_piece(text, a, b, fresh=n > 0)


def _flat_piece(text: str, a: int, b: int, fresh: bool) -> Iterator[tuple[int, int, bool]]:
    """One piece of a flattened line: a heading's or a bold quote's text, then the prose
    that follows it on the same piece, as separate pieces."""
    hashes = _FLAT_HASHES.match(text, a, b)
    if hashes is not None:
        end = _flat_heading_end(text, hashes.end(), b)
        if end is None:  # no heading's end to be seen: the text after the marker is prose
            yield hashes.end(), b, True
            return
        yield a, end, fresh
        a, fresh = end, True
    elif (quoted := _QUOTE_MARK.match(text, a, b)) and text.startswith("**", quoted.end()):
        closing = _BOLD_CLOSE.search(text, quoted.end(), b)
        if closing is not None:
            yield a, closing.end(), fresh
            a, fresh = closing.end(), True
    if text[a:b].strip():
        yield a, b, fresh


def _flat_heading_end(text: str, start: int, end: int) -> int | None:
    """Where a flattened heading's text that starts at `start` ends: at the piece's end if
    the piece is short and ends as a heading does (no stop, comma or other lead-on: "## Key
    Pillars Of The Plan" before a list), else before the first capitalised word (after its
    first) that starts a sentence, its next word in lower case or a number ("## Next steps
    The ministry will", "## Funding NIS 120 million is"), or a quote."""
    words = [(m.start(), m.group()) for m in _FLAT_WORD.finditer(text, start, end)]
    last = words[-1][1][-1:] if words else ""
    if (len(words) <= FLAT_HEADING_MAX_WORDS and last not in _STOPS
            and last not in _LEADS_ON and not _INNER_STOP.search(text, start, end)):
        return end
    for n in range(1, min(len(words) - 1, FLAT_HEADING_MAX_WORDS + 1)):
        word = words[n][1]
        after = words[n + 1][1][:1]
        if word[:1] in "\"“‘" or (word[:1].isupper() and (after.islower() or after.isdigit())):
            return words[n - 1][0] + len(words[n - 1][1])
    return None




#: A hard-wrapped line is no longer than this (text wrapped at 72-120 columns, a PDF's printed
#: line). A longer line is a paragraph written on one line: when it ends on a comma ("NIS 120
#: million is earmarked for this initiative,") and a capitalised line follows ("How will the
#: program work?"), that line is a new block (a heading), not the rest of its sentence.
WRAPPED_LINE_MAX_CHARS = 200


def _continues(prev: str, line: str) -> bool:
    """A hard-wrapped paragraph: the previous line stops mid-sentence and this one goes on."""
    if not prev or prev.rstrip().endswith(TERMINAL) or _ITEM.match(line):
        return False
    first = line.lstrip()[:1]
    return first.islower() or (60 <= len(prev) <= WRAPPED_LINE_MAX_CHARS
                               and not is_heading(prev))


def body_blocks(text: str, start: int) -> list[Block]:
    """Blocks of the body from `start` (`read_header` then takes the metadata off the top)."""
    blocks: list[Block] = []
    prev_text = ""
    numbered: tuple[int, int, int] | None = None  # (block, its number, where its text starts)
    appeals: list[int] = []  # where an appeal line was dropped: before blocks[n]
    in_notes = False  # inside a boilerplate section ("Notes to editors", "About NITDA")
    for s, e, fresh in _line_pieces(text, start):
        line = text[s:e]
        if fresh or not line.strip():
            prev_text = ""  # a Markdown marker started this piece: it never goes on a block
        if not line.strip():
            continue
        if is_tail_marker(line):
            break
        if is_story_end(line) and any(b.kind != "heading" for b in blocks):
            break  # "-ENDS-": the rest is notes to editors and contacts
        if opens_boilerplate_section(line) and not _continues(prev_text, line):
            in_notes, prev_text = True, ""
            continue
        if in_notes:
            if not ends_section(line):
                continue
            in_notes = False
        # A lowercase line that goes on with a hard-wrapped sentence is never furniture.
        wrapped = line.lstrip()[:1].islower() and _continues(prev_text, line)
        if not wrapped and is_boilerplate(line):
            if is_appeal(line):
                appeals.append(len(blocks))
            prev_text = ""
            continue
        s += len(line) - len(line.lstrip())
        if quoted := _QUOTE_MARK.match(text, s, e):
            s, line = quoted.end(), text[quoted.end():e]  # "> " is Markdown, not the quote
        e = glued_sign_off(text, s, e - (len(line) - len(line.rstrip())))
        e = glued_note(text, s, e)
        # The body's first line is never wrapped onto by a capitalised one: it is a headline.
        if (blocks and blocks[-1].kind == "paragraph" and _continues(prev_text, line)
                and (len(blocks) > 1 or line.lstrip()[:1].islower())):
            blocks[-1] = Block("paragraph", blocks[-1].start, e)
        elif item := _ITEM.match(text[s:e]):
            number = _NUMBERED.match(text, s)
            if (numbered is not None and number is not None and numbered[0] == len(blocks) - 1
                    and int(number[1]) == numbered[1] + 1):
                blocks[-1] = Block("item", numbered[2], blocks[-1].end)  # a list after all
            if (number is not None and is_heading(text[number.end():e])
                    and not (blocks and blocks[-1].kind == "item")):
                numbered = (len(blocks), int(number[1]), number.end())
                blocks.append(Block("heading", s, e))
            else:
                blocks.append(Block("item", s + item.end(), e))
        elif is_heading(line):
            blocks.append(Block("heading", s, e))
        else:
            blocks.append(Block("paragraph", s, e))
        prev_text = line
    blocks = [_emphasis_off(text, b) for b in blocks]
    return drop_closing(text, drop_appeals(text, _labels_as_headings(text, blocks), appeals))


# Markdown emphasis wrapping a whole block: "*This article ...*", "**Key points**", "_A note._"
_EMPHASIS_OPEN = re.compile(r"(\*{1,3}|_{1,3})(?=[^\s*_])")
_EMPHASIS_CLOSE = re.compile(r"(?<=[^\s*_])(\*{1,3}|_{1,3})\Z")


def _emphasis_off(text: str, block: Block) -> Block:
    """The block less the emphasis markers that wrap it, so a quote of it shows none: its
    span starts after the opening marker and ends before the closing one (the same one)."""
    if text[block.start] not in EMPHASIS_EDGES:
        return block  # most blocks: no pattern is run
    opening = _EMPHASIS_OPEN.match(text, block.start, block.end)
    if opening is None:
        return block
    closing = _EMPHASIS_CLOSE.search(text, opening.end(), block.end)
    if closing is None or closing[1] != opening[1]:
        return block
    return Block(block.kind, opening.end(), closing.start())


# A sentence's end: its stop, then any closing quotes, brackets or emphasis.
_STOPS = frozenset(".!?…。！？")
_CLOSERS = "\"'”’)]»*_"
# A stop that ends one sentence and another that starts after it, inside a block.
_INNER_STOP = re.compile(r"[.!?…][\"'”’)\]»]*\s+[\"“‘(]?[A-Z0-9]")
# A block that ends like this is cut mid-sentence or leads in to what follows: no label.
_LEADS_ON = (":", ";", ",", "-", "–", "—", "(")


#: A label is at least this many words: a shorter line is never a statement anyway (the
#: extractor's MIN_WORDS) and stays what it was ("Mark Cooper (3280 articles)").
LABEL_MIN_WORDS = 5
#: A deck or caption is no longer than a headline may be: a longer block without a stop is
#: prose cut short (the last paragraph of a teaser cut mid-sentence), still read for facts.
LABEL_MAX_WORDS = 22


def _labels_as_headings(text: str, blocks: list[Block]) -> list[Block]:
    """Paragraphs with no sentence-final punctuation made headings: a standalone line of one
    sentence without a stop is a deck under a headline ("Seoul wants universities to stop
    queuing for chips"), a caption, a chart's title or a label, not a statement. List items
    keep facts without full stops; a block of several sentences is prose that lost its
    last stop, and so is a block longer than LABEL_MAX_WORDS."""
    return [Block("heading", b.start, b.end)
            if b.kind == "paragraph" and _is_label(text, b) else b
            for b in blocks]


def _is_label(text: str, block: Block) -> bool:
    ending = text[max(block.start, block.end - 12):block.end]
    last = ending.rstrip(_CLOSERS)[-1:]
    if last in _STOPS or ending.endswith(_LEADS_ON):
        return False  # most paragraphs: no pattern is run
    words = len(text[block.start:block.end].split())
    return (LABEL_MIN_WORDS <= words <= LABEL_MAX_WORDS
            and _INNER_STOP.search(text, block.start, block.end) is None)


