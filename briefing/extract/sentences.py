"""Split one block of article text (a paragraph or a list item) into sentence spans.

`?`, `!`, ellipses and CJK ends (。！？) are easy; the full stop is the hard case. The rules:

- A candidate end is a run of `.!?…` with any closing quotes/brackets attached (`."`, `.)`,
  `?”`, and `. ”` where a curly closing quote was set off by a space), followed by whitespace,
  by a capitalised word glued on (`2030.The`), or by CJK text. `3.5`, `openai.com`,
  `U.S.-China` are never candidates.
- Nothing after the candidate, or a lowercase word next: not an end (`"Why?" he asked`).
- CJK ends always split; `?`, `!` and ellipses split before anything but a lowercase word.
- A full stop after a known abbreviation (`Dr.`, `Inc.`, `etc.`, `Jan.`, `No.`), a dotted
  one (`U.S.`, `e.g.`, `a.m.`, `Ph.D.`) or a single initial (`J. R. R. Tolkien`) is an end
  only when the next word is a common sentence starter (`The`, `This`, `It`, `However`, ...).
  So `the U.S. President` and `Jan. 18` stay whole while `from the U.S. The talks...` splits;
  `from the U.S. Saudi Arabia said` does not split: that is the accepted ambiguity, chosen
  because a missed split only joins two true sentences while a wrong one cuts a fact in half.
- A lone list number (`1. The first...`) is not a sentence of its own.
- Newlines are plain whitespace: blocks may be hard-wrapped; the caller splits blocks.
"""

from __future__ import annotations

import re

from briefing.text import word_set

# Markdown emphasis closes with its sentence too ("… she said.** The policy …").
_CLOSERS = "\"'”’»)\\]}›」』）》〉】*_"
# Only closers that cannot open a quote may stand after a space (`said. ”`).
_SPACED_CLOSERS = "”»)\\]」』）》〉】"
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"

# One leading character class (not an alternation) lets `re` skip ahead fast: 3x quicker.
_CANDIDATE = re.compile(
    rf"(?<![.!?…。！？])[.!?…。！？]++[{_CLOSERS}]*+"  # whole runs only: linear on "....."
    rf"(?:(?<=[。！？])|(?<=[。！？][{_CLOSERS}])"  # CJK ends need nothing after them
    rf"|(?:[ \t\u00a0]+[{_SPACED_CLOSERS}]+)?(?=\s|$|[A-Z][a-z]|[{_CJK}]))"
)
# Whitespace and opening quotes/brackets between a candidate end and the next word.
_GAP = re.compile(r"[\s\"'“‘(\[{«¿¡「『（《]*")
_HAS_WORD = re.compile(r"\w")
_DOTTED = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")
_LIST_MARKER = re.compile(r"\(?(?:\d{1,3}|[ivxlIVXL]{1,5})\)?")

_ABBREVIATIONS = word_set(
    """
    mr mrs ms mx dr prof st jr sr rev hon gen sen rep gov pres lt col maj capt cmdr adm sgt cpl
    supt insp det messrs mme mlle fr mt ft ave blvd rd inc ltd co corp plc llc bhd pty dept univ
    assn bros vs etc al approx est ca cf ed eds vol vols no nos op fig figs pp para art sec ch
    min max avg jan feb mar apr jun jul aug sep sept oct nov dec
    """
)

# Capitalised words that usually open a sentence, used after an abbreviation. `A` and `I`
# count only before a lowercase word (so `J. A. Smith` stays whole).
_STARTER = re.compile(
    r"(?:A|I)(?=\s+[a-z])|(?:"
    r"The|This|That|These|Those|There|Their|They|Then|It|Its|In|On|At|As|An|But|And|Or|So|Yet|"
    r"However|Meanwhile|Moreover|Furthermore|Additionally|Also|Still|Instead|Indeed|Overall|"
    r"Separately|Similarly|Nevertheless|Nonetheless|Thus|Therefore|Today|Yesterday|Now|Last|"
    r"Next|Earlier|Later|After|Before|While|When|Where|What|Why|How|Who|Which|If|Although|"
    r"Though|Since|Despite|Under|With|Without|For|From|By|According|Many|Most|Some|Several|"
    r"Other|Others|Such|Both|Each|Every|One|Another|He|She|We|You|His|Her|Our|My|Your|"
    r"Officials|Analysts|Experts|Critics|Not|No"
    r")\b"
)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans [s, e) within text[start:end], as offsets into `text`, trimmed of
    surrounding whitespace (and of nothing else: closing quotes/brackets stay with their
    sentence). Spans without a letter or digit (stray punctuation) are dropped."""
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cut = start
    for match in _CANDIDATE.finditer(text, start, stop):
        if _ends_sentence(text, cut, match.start(), match.end(), stop):
            _add_span(text, cut, match.end(), spans)
            cut = match.end()
    _add_span(text, cut, stop, spans)
    return spans


def _add_span(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
    piece = text[s:e]
    stripped = piece.strip()
    if stripped and _HAS_WORD.search(stripped):
        s += len(piece) - len(piece.lstrip())
        e = s + len(stripped)
        if stripped[0] in _EMPHASIS or stripped[-1] in _EMPHASIS:
            s, e = _outside_emphasis(text, s, e)
            # A marker set off by a space ("* 0", an inline bullet) leaves that space.
            inner = text[s:e]
            s += len(inner) - len(inner.lstrip())
            e = s + len(inner.strip())
            if s >= e or not _HAS_WORD.search(text, s, e):
                return
        spans.append((s, e))


_EMPHASIS = "*_"


def _outside_emphasis(text: str, s: int, e: int) -> tuple[int, int]:
    """A sentence's span less the Markdown emphasis at its edges that is not paired inside
    it: "**Seoul will spend more.**" wraps it (both go), "**Seoul will spend more." opens
    bold that a later sentence closes (it goes), "**Seoul** will spend more." keeps both."""
    piece = text[s:e]
    lead = piece[:len(piece) - len(piece.lstrip(_EMPHASIS))][:3]
    tail = piece[len(piece.rstrip(_EMPHASIS)):][-3:]
    if lead and lead == tail and piece.count(lead) == 2 and len(piece) > 2 * len(lead):
        return s + len(lead), e - len(tail)
    if lead and piece.count(lead) == 1:
        s += len(lead)
    if tail and piece.count(tail) == 1:
        e -= len(tail)
    return s, e


def _ends_sentence(text: str, cut: int, term: int, after: int, stop: int) -> bool:
    """Whether the candidate at text[term:after] ends the sentence that began at `cut`."""
    gap = _GAP.match(text, after, stop)  # a starred class: it always matches
    nxt = gap.end() if gap else after
    if nxt >= stop or text[nxt].islower():
        return False
    if text[term] in "。！？":
        # 「はい。」と言った: a quote closed and carried on by a particle is one sentence.
        return not (text[after - 1] in _CLOSERS and text[nxt] in "とっ、，")
    if text[term] != "." or text.startswith("..", term):
        return True  # ? ! … ...
    word = _word_before(text, cut, term)
    if not word:
        return True
    if _LIST_MARKER.fullmatch(text[cut:term].strip()):
        return False
    if _is_abbreviation(word):
        return _STARTER.match(text, nxt, stop) is not None
    return True


def _word_before(text: str, cut: int, term: int) -> str:
    tail = text[max(cut, term - 32) : term].rsplit(None, 1)
    return tail[-1].lstrip("\"'“‘([{«") if tail else ""


def _is_abbreviation(word: str) -> bool:
    word = word.rsplit("-", 1)[-1]  # "Saudi-U.S. Investment Forum", "post-Jan."
    if len(word) == 1:
        return word.isalpha()
    return word.lower() in _ABBREVIATIONS or _DOTTED.fullmatch(word) is not None




