"""Who each sentence of an article is about: a small, explicit discourse model.

News rarely repeats the country's name: "The government has approved 12,000 more GPUs" is
about the country the story is about. And a country a sentence does name may be only a
comparator or a supplier ("chips from the United States"). So, per article:

- every country a sentence names gets a role: **subject** (what it is about) or **mention**
  (named in passing: after "from", "than", "ahead of", as the maker of someone else's chips);
- the article has **focus** countries (as news geoparsers separate an article's focus from
  its mentions): from the headline, the dateline, the lede and how often each country is the
  subject of a sentence; a section under a heading naming a country has that one;
- a sentence naming no subject takes the nearest fitting antecedent: the country last talked
  about when it says "the government", "its", "here"; else the topic its paragraph opened
  with; else the focus;
- each figure belongs to the country of its own clause ("Brazil has 12%, while Mexico has 8%");
- a sentence that cannot be read alone leans on the one before (`leans_on`): it opens with a
  pronoun or demonstrative ("It will ...", "Of this, ...", "Each team ..."), or a definite
  noun for something the sentence before names ("Sarvam AI ... The company will ...").

Pure functions over plain text (see `facts.plain`); the cue words live in `briefing.cues`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from briefing import cues
from briefing.countries import Mention, find_countries, is_adjective

SUBJECT, MENTION = "subject", "mention"
# Focus weights: a headline or dateline names what a story is about far more surely than
# one sentence of the body does; a country named in passing hardly counts.
_TITLE_WEIGHT, _DATELINE_WEIGHT, _LEDE_WEIGHT, _BODY_WEIGHT, _MENTION_WEIGHT = 3, 3, 2, 1, 0.25
#: Countries scoring at least this share of the best one share the focus.
_FOCUS_SHARE = 0.75
_MAX_FOCUS = 3
# Words that may stand before a country opening its clause ("The new U.S. rule ...",
# "Major Chinese firms ...") without making it an object of someone else's verb.
_OPENERS = frozenset({
    "the", "a", "an", "new", "but", "and", "so", "while", "many", "some", "most", "other",
    "major", "leading", "top", "several", "all", "both", "big", "large", "rival", "its",
    "their", "his", "her", "our",
})


class Named(NamedTuple):
    """A country a sentence names, where, and in what role (a tuple: cheap to make, and
    every sentence makes some)."""

    code: str
    start: int
    end: int
    role: str
    modifier: bool = False
    """Named as the maker/owner of something ("Chinese firms"): a mention only when the
    country is not what the story is about."""


def name_roles(text: str, mentions: Sequence[Mention] | None = None) -> list[Named]:
    """The countries `text` (one sentence, plain) names, each with its role."""
    found = find_countries(text) if mentions is None else mentions
    out: list[Named] = []
    for m in found:
        if text.startswith("$", m.end):
            continue  # "US$922 million" names a currency, not the country
        previous = out[-1] if out else None
        if previous is not None and previous.role == MENTION and cues.LISTED_WITH.fullmatch(
                text, previous.end, m.start):
            # "behind the United States and China": a list shares its role.
            out.append(Named(m.code, m.start, m.end, MENTION, previous.modifier))
        elif m.start > 2 and (_after_cue(text, m.start) or _names_a_language(text, m)):
            out.append(Named(m.code, m.start, m.end, MENTION))
        elif _names_a_maker(text, m):
            out.append(Named(m.code, m.start, m.end, MENTION, modifier=True))
        else:
            out.append(Named(m.code, m.start, m.end, SUBJECT))
    return _described_mentions(text, out)


def _described_mentions(text: str, named: list[Named]) -> list[Named]:
    """What a "which" clause says of a country named in passing is said in passing too: in
    "competition from the UAE, which is building the Stargate campus in Abu Dhabi", Abu
    Dhabi is a mention."""
    for n, first in enumerate(named):
        if first.role != MENTION:
            continue
        clause = cues.RELATIVE_AFTER.match(text, first.end)
        if clause is None:
            continue
        end = first.end + len(clause[0])
        named[n + 1:] = [Named(x.code, x.start, x.end, MENTION, x.modifier)
                         if x.start < end else x for x in named[n + 1:]]
    return named


_TAIL_WORDS = re.compile(r"[a-z][a-z.-]*", re.I)
_ARTICLES = frozenset({"the", "a", "an"})


def _after_cue(text: str, start: int) -> bool:
    """Whether the words right before a country are a cue of MENTION_BEFORE (looked up, not
    searched: every country word of every sentence asks)."""
    near = text[max(0, start - 40):start].lower()
    if not any(w.strip(".,;:") in cues.MENTION_CUE_WORDS for w in near.rsplit(None, 3)[-3:]):
        return False  # the common case, decided without a regex
    words = _TAIL_WORDS.findall(near)[-5:]
    if words and words[-1] in _ARTICLES:
        words.pop()
    for skip in (0, 1):  # "behind leaders Nigeria": one word between the cue and the name
        tail = words[:len(words) - skip]
        if skip and (len(words) < 2 or not text[start - 1].isspace()):
            break
        if skip and tail and tail[-1] in _ARTICLES:  # "from the neighbouring UAE"
            tail.pop()
        for n in (1, 2, 3):
            if len(tail) >= n and " ".join(tail[-n:]) in cues.MENTION_BEFORE:
                return True
    listed = cues.LISTED_NAME_BEFORE.search(text, max(0, start - 40), start)
    if listed is not None and 2 < listed.start() < start:
        return _after_cue(text, listed.start())  # "markets in Africa and India"
    return False


def _names_a_language(text: str, m: Mention) -> bool:
    """ "Trained in Spanish and Portuguese", "answers in Korean": a language, not a country."""
    return (is_adjective(m.text)
            and cues.LANGUAGE_BEFORE.search(text, max(0, m.start - 24), m.start) is not None
            and cues.LANGUAGE_AFTER.match(text, m.end) is not None)


def _names_a_maker(text: str, m: Mention) -> bool:
    """A country word giving the nationality of a company, product or rule in the story:
    "the leading U.S. chip designer", "Japan's SoftBank", "Chinese firms" (the latter only
    when it does not open the sentence: "Chinese firms filed 38,000 patents" is about China);
    likewise any adjective form before a noun mid-sentence ("prioritise American students").
    Such a country is still a subject when the story is about it (`subjects_of`)."""
    after = text[m.end:m.end + 2]
    if after[:1] in "'’":
        return cues.POSSESSIVE_NAME.match(text, m.end) is not None and not _opens_clause(
            text, m.start)
    if (after and after[0] in "-–" and after[1:2].isupper()) or text[m.start - 1:m.start] in (
            "-", "–"):
        return not _opens_clause(text, m.start)  # "the UAE–US AI Campus", "Saudi-U.S. forum"
    if not after or after[0] not in " -.":
        return False  # the common cases: "Korea,", "Korea)"
    if (is_adjective(m.text) and after[0] == " " and after[1:].islower()
            and not _opens_clause(text, m.start)):
        return True  # "prioritise American students", "a broader European ambition"
    following = text[m.end:m.end + 60].lower().replace("’", "'").split()[:5]
    if cues.ENTITY_WORDS.isdisjoint(w.strip(".,;:()\"'").partition("'")[0] for w in following):
        return False  # no company, product, rule or title word follows: skip the pattern
    entity = cues.ENTITY_AFTER.match(text, m.end)
    if entity is None:
        return False
    noun = (entity["noun"] or "").lower()
    singular_thing = noun not in ("", "data") and not noun.endswith("s")
    return singular_thing or not _opens_clause(text, m.start)


def _opens_clause(text: str, start: int) -> bool:
    """Whether a country word stands at the head of its clause: nothing but an opener or two
    between it and the sentence start or a clause break ("; ", ", while")."""
    head = cues.STRONG_BREAK.split(text[:start])[-1]
    words = [w.strip("\"'“”‘’").lower() for w in head.split()]
    return len(words) <= 3 and all(w in _OPENERS for w in words)


def subjects_of(named: Sequence[Named], focus: Sequence[str]) -> tuple[str, ...]:
    """The countries a sentence is about, in order of first naming. A maker named in passing
    ("Chinese firms") is a subject after all when the story is about that country."""
    codes: list[str] = []
    for n in named:
        if (n.role == SUBJECT or (n.modifier and n.code in focus)) and n.code not in codes:
            codes.append(n.code)
    return tuple(codes)


def article_focus(title_named: Sequence[Named], dateline: Sequence[str],
                  lede: Sequence[Sequence[Named]], body: Sequence[Sequence[Named]]
                  ) -> tuple[str, ...]:
    """The countries an article is about, strongest first (at most three; none when no
    country stands out, as in a world round-up)."""
    score: dict[str, float] = defaultdict(float)
    for n in title_named:
        if n.role == SUBJECT:
            score[n.code] += _TITLE_WEIGHT
    for code in dateline:
        score[code] += _DATELINE_WEIGHT
    for weight, sentences in ((_LEDE_WEIGHT, lede), (_BODY_WEIGHT, body)):
        for named in sentences:
            for code in {n.code for n in named if n.role == SUBJECT}:
                score[code] += weight
            for code in {n.code for n in named if n.role == MENTION}:
                score[code] += _MENTION_WEIGHT
    if not score:
        return ()
    ranked = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))
    best = ranked[0][1]
    chosen = [code for code, s in ranked if s >= _FOCUS_SHARE * best]
    if len(chosen) > _MAX_FOCUS:
        return ()  # many countries, none leading: a round-up, not a story about one
    return tuple(chosen)


def figure_owners(text: str, named: Sequence[Named], subjects: Sequence[str],
                  starts: Sequence[int], ends: Sequence[int]) -> list[str | None]:
    """The country each figure (by its span in `text`) belongs to: a country named right
    after it ("the 44% of the United States"), else the country of its clause. A clause
    after "while", "followed by", "compared with" belongs to the country it names; a "which"
    clause to the country just before it; a clause naming none to the one before it. The
    first clause falls back to the sentence's subject."""
    if not named:  # one clause's worth of owner: the sentence's subject
        first = subjects[0] if subjects else None
        return [None if cues.GLOBAL_AFTER.match(text, end) else first for end in ends]
    clauses = _clauses(text)
    owners: list[str | None] = []
    owner_of: list[str | None] = []
    for n, (a, b) in enumerate(clauses):
        inside = [x for x in named if a <= x.start < b]
        if n == 0:
            own = next((x.code for x in inside if x.code in subjects), None)
            own = own or (subjects[0] if subjects else None)
        elif cues.RELATIVE.match(text, a):
            before = [x for x in named if x.start < a]
            own = before[-1].code if before else owner_of[-1]
        else:
            own = inside[0].code if inside else owner_of[-1]
        owner_of.append(own)
    for start, end in zip(starts, ends, strict=True):
        # "the 44% of the United States", "38,000 patents in China": named right after it;
        # "followed by China with 15%": right before it.
        beside = next((x for x in named if x.start >= end
                       and cues.FIGURE_OF.fullmatch(text, end, x.start)), None) or next(
            (x for x in named if x.end <= start
             and cues.NAME_THEN_FIGURE.fullmatch(text, x.end, start)), None)
        if beside is not None:
            owners.append(beside.code)
        elif cues.GLOBAL_AFTER.match(text, end):
            owners.append(None)  # "30,000 AI companies in the world"
        else:
            index = next((i for i, (a, b) in enumerate(clauses) if a <= start < b), 0)
            # In the sentence's own clause, the subject named nearest before the figure: "In
            # Europe, the UK is sixth with 714 patent families" is the UK's.
            nearest = [x.code for x in named if index == 0 and x.end <= start
                       and x.code in subjects and x.role == SUBJECT]
            owners.append(nearest[-1] if nearest else owner_of[index])
    return owners


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, at = [], 0
    for m in cues.CLAUSE_BREAK.finditer(text):
        if m.start() > at:
            spans.append((at, m.start()))
            at = m.end()
    spans.append((at, len(text) + 1))
    return spans


def dominant(labels: Sequence[Sequence[str]], minimum: int = 2) -> str | None:
    """The label most sentences carry, when at least `minimum` carry it (ties: first seen)."""
    counts: dict[str, int] = {}
    for items in labels:  # a plain dict: Counter.update is Python code, called per sentence
        for label in set(items):
            counts[label] = counts.get(label, 0) + 1
    if not counts:
        return None
    label, n = max(sorted(counts.items()), key=lambda kv: kv[1])  # sorted: ties stable
    return label if n >= minimum else None


class Leaning(NamedTuple):
    """How a sentence leans on the one before it (`leans_on`)."""

    checked: bool
    """Its antecedent was found in the sentence before (a definite noun for something named
    there), so the two belong together even across a paragraph break; a pronoun or a
    demonstrative points at whatever came before ("This" after a paragraph: all of it)."""


def leans_on(sentence: str, before: str, before_named: Sequence[Named]) -> Leaning | None:
    """Whether `sentence` (plain) cannot be read without `before`, the sentence right before
    it, and how; None when it stands alone. A definite noun leans only when `before` names
    its referent ("Sarvam AI was picked ... The company will ..."), and never when the
    sentence names it itself ("The company Infosys said ...")."""
    definite = cues.DEFINITE_BACK.match(sentence)
    if definite is not None:
        noun = " ".join(definite["noun"].lower().split())
        if cues.NAMED_AFTER.match(sentence, definite.end()):
            return None
        if cues.REFERENT_BEFORE[noun] is None:
            return Leaning(checked=False)  # "The move": what was just reported
        if _names_referent(noun, before, before_named):
            return Leaning(checked=True)
        return None
    if cues.LEANS_BACK.match(sentence):
        return Leaning(checked=False)
    if cues.EACH_BACK.match(sentence) or cues.PART_OF_BACK.match(sentence):
        return Leaning(checked=False)
    inner = cues.INNER_BACK.match(sentence)
    if (inner is not None and inner["noun"][0].islower()  # "from the Centre for ...": a name
            and not cues.NAMED_AFTER.match(sentence, inner.end())):
        noun = " ".join(inner["noun"].lower().split())
        # Only a thing the sentence before names: "Growth in the figures ..." is no pointer.
        if cues.REFERENT_BEFORE[noun] is not None and _names_referent(noun, before,
                                                                      before_named):
            return Leaning(checked=True)
    return None


def _names_referent(noun: str, before: str, before_named: Sequence[Named]) -> bool:
    """Whether `before` names something `noun` can point at: a word of its kind ("a
    start-up" for "the company", "a 2,000 crore rupee plan" for "the plan"), or for a
    company or product, a proper name ("Sarvam AI")."""
    kind = cues.REFERENT_BEFORE[noun]
    if kind is not None and kind.search(before):
        return True
    return noun in cues.NAMED_BY_A_NAME and _has_a_name(before, before_named)


_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][\w&'’.-]*")


def _has_a_name(text: str, named: Sequence[Named]) -> bool:
    """Whether a sentence names an organisation or product: a capitalised word past its first
    that is no country, calendar word, title or common acronym."""
    for m in _CAPITALISED.finditer(text, 1):
        if m.start() <= 2 and not text[:m.start()].strip("\"“‘'( "):
            continue  # the sentence's own first word, after an opening quote
        word = m[0].rstrip(".").lower()
        for suffix in ("'s", "’s"):
            word = word.removesuffix(suffix)
        if word in cues.NOT_A_NAME or any(n.start <= m.start() < n.end for n in named):
            continue
        return True
    return False
