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
  pronoun, a demonstrative or a share of what came before ("It will ...", "Of this, ...",
  "Each team ...", "Together they ...", "About 40% of them ..."), or a definite noun for
  something the sentence before names ("Sarvam AI ... The company will ..."; "the bill"
  needs a bill there, not any law); a short one may point back from inside ("Critics say
  the plan is too small.", "Lawmakers said they will back it.").

Pure functions over plain text (see `facts.plain`); the cue words live in `briefing.extract.cues`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

from briefing.extract import cues
from briefing.extract.countries import Mention, find_countries, is_adjective, names_a_place

SUBJECT, MENTION = "subject", "mention"
# Focus weights: a headline or dateline names what a story is about far more surely than
# one sentence of the body does; a country named in passing hardly counts.
_TITLE_WEIGHT, _DATELINE_WEIGHT, _LEDE_WEIGHT, _BODY_WEIGHT, _MENTION_WEIGHT = 3, 3, 2, 1, 0.25
#: A soft mention (`Named.soft`) in the body, or a compound's parties in the headline, count
#: this share of a subject's weight towards the focus.
_SOFT_SHARE = 0.5
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
    soft: bool = False
    """Named as a place or an addressee (`cues.SOFT_CUES`: "travelled to New Delhi", "urged
    China"): never the sentence's actor, though a subject when the story is about it."""


def name_roles(text: str, mentions: Sequence[Mention] | None = None) -> list[Named]:
    """The countries `text` (one sentence, plain) names, each with its role."""
    found = find_countries(text) if mentions is None else mentions
    out: list[Named] = []
    for m in found:
        if text.startswith("$", m.end):
            continue  # "US$922 million" names a currency, not the country
        previous = out[-1] if out else None
        if previous is not None and _abbreviates(text, previous, m):
            # "Modelled on the European Union's (EU) AI Act": the initials in brackets repeat
            # the name before them, in its role.
            out.append(previous._replace(start=m.start, end=m.end))
        elif previous is not None and previous.role == MENTION and (cues.LISTED_WITH.fullmatch(
                text, previous.end, m.start) or _listed_with_figure(text, previous, m)) and not (
                _opens_after_comma(text, previous, m)):
            # "behind the United States and China": a list shares its role; also one going on
            # with figures ("behind the United Kingdom with 760 and France with 550").
            out.append(Named(m.code, m.start, m.end, MENTION, previous.modifier,
                             previous.soft))
        elif m.start > 2 and ((_after_cue(text, m.start, m.end)
                               and not _acts_jointly(text, m, out))
                              or _names_a_language(text, m) or _a_likeness(text, m, found)):
            soft = _after_soft_cue(text, m.start)
            out.append(Named(m.code, m.start, m.end, MENTION, soft, soft))
        elif (previous is not None and previous.role == SUBJECT
              and cues.POSSESSIVE_NAME.match(text, m.end) is not None
              and cues.LISTED_WITH.fullmatch(text, previous.end, m.start)
              and _opens_clause(text, previous.start)):
            # "Qatar and Singapore's GIC are taking stakes": listed with a country opening
            # the clause, a possessive maker acts with it.
            out.append(Named(m.code, m.start, m.end, SUBJECT))
        elif (_names_a_maker(text, m) or _names_a_home(text, m) or _spent_in(text, m, out)
              or (m.seat and not _opens_clause(text, m.start))):
            # (A government named by its seat or leader acts when it opens the clause: "The
            # Biden administration's rule caps ...", "The Knesset passed ..."; further in it
            # is mostly a time or a counterpart: "following President Trump's inauguration",
            # "talks between the UAE and the Trump administration".)
            out.append(Named(m.code, m.start, m.end, MENTION, modifier=True))
        else:
            out.append(_named_again(text, m, out) or Named(m.code, m.start, m.end, SUBJECT))
    return _quoted_objects(text, _described_mentions(text, out))


def _listed_with_figure(text: str, previous: Named, m: Mention) -> bool:
    """ "behind the United Kingdom with 760 and France with 550", "compared with Indonesia's
    target of 100,000 and Malaysia's 30,000": a list going on with the figures of a
    comparison (`cues.LISTED_WITH_FIGURE`)."""
    return (m.start - previous.end < 40 and any(c.isdigit() for c in text[previous.end:m.start])
            and cues.LISTED_WITH_FIGURE.fullmatch(text, previous.end, m.start) is not None)


def _named_again(text: str, m: Mention, before: list[Named]) -> Named | None:
    """A country named again further in its clause keeps the role it was first given there
    as a mention: "signed a deal with Estonia to adapt Estonia's e-government systems",
    "modelled on the European Union's AI Act, though it drops the Brussels law's heavier
    obligations" (not when it opens a clause of its own: "..., and Estonia will ...")."""
    first = next((x for x in before if x.code == m.code), None)
    if first is None or first.role != MENTION or (first.modifier and not first.soft):
        return None  # a maker first ("the Canadian Institute ..., the Alberta ...") is no cue
    if _opens_clause(text, m.start):
        return None
    return Named(m.code, m.start, m.end, MENTION, first.modifier, first.soft)


_QUOTED = re.compile(r"[\"“]([^\"“”]{8,})[\"”]")


def _quoted_objects(text: str, named: list[Named]) -> list[Named]:
    """A country inside a quotation, after a preposition (`cues.QUOTED_OBJECT_BEFORE`) past
    its first words, is what the speaker talks about, not who acts: Merz said Europe "cannot
    leave the future to Washington and Beijing" (soft: a subject when the story is about it;
    the quotation's own subject stays: "'China is ahead,' he said"; and so does a possessive:
    "align with the UK's national interests")."""
    if '"' not in text and "“" not in text:
        return named  # the common case
    for quote in _QUOTED.finditer(text):
        a, b = quote.span(1)
        if len(text[a:b].split()) < 4:
            continue  # a quoted name or title, not speech
        for n, x in enumerate(named):
            if not a <= x.start < b or x.role != SUBJECT:
                continue
            words = text[a:x.start].lower().split()
            if words and words[-1] in ("the", "a", "an"):
                words.pop()
            if (len(words) > 2 and words[-1] in cues.QUOTED_OBJECT_BEFORE
                    and not text.startswith(("'s", "’s"), x.end)):
                named[n] = Named(x.code, x.start, x.end, MENTION, True, True)
            elif n and named[n - 1].role == MENTION and named[n - 1].start >= a and (
                    cues.LISTED_WITH.fullmatch(text, named[n - 1].end, x.start)):
                named[n] = named[n - 1]._replace(start=x.start, end=x.end, code=x.code)
    return named


_COMMA_ONLY = re.compile(r"\s*,\s+(?:the\s+)?$")
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
_IN_BRACKETS = re.compile(r"(?:['’]s)?\s*\(\s*")


def _abbreviates(text: str, previous: Named, m: Mention) -> bool:
    """ "the European Union's (EU) AI Act", "the United Arab Emirates (UAE)": a country's
    initials in brackets right after its name."""
    return (m.code == previous.code and text.startswith(")", m.end)
            and _IN_BRACKETS.fullmatch(text, previous.end, m.start) is not None)


def _a_likeness(text: str, m: Mention, found: Sequence[Mention]) -> bool:
    """ "likening the region to the 'California of Germany'", "the Singapore of Africa": a
    place named as what another is like (`cues.LIKENESS_OF`), not one the sentence is about
    (not "the United Kingdom of Great Britain": the same country)."""
    if not text.startswith(" of ", m.end) or cues.LIKENESS_OF.match(text, m.end) is None:
        return False  # the common case
    if cues.LIKENESS_BEFORE.search(text, max(0, m.start - 6), m.start) is None:
        return False
    after = next((x for x in found if x.start > m.end), None)
    return after is None or after.code != m.code or after.start > m.end + 8


def _opens_after_comma(text: str, previous: Named, m: Mention) -> bool:
    """Whether a country after a comma is no list's next member but the subject of a new
    clause, a verb right after it: "Unlike China, Kenya has no chip plant", "Ahead of
    Nigeria, Kenya leads" (not "behind the US, China and Japan")."""
    return _COMMA_ONLY.fullmatch(text, previous.end, m.start) is not None and _verb_after(
        text, m.end)


def _verb_after(text: str, end: int) -> bool:
    """Whether a lowercase word that can be a verb follows a country ("Kenya has")."""
    verb = _NEXT_WORD.match(text, end)
    return verb is not None and verb[1] not in cues.NOT_LIST_VERB and verb[1] != "nor"


def _described_mentions(text: str, named: list[Named]) -> list[Named]:
    """What a "which" clause says of a country named in passing is said in passing too: in
    "competition from the UAE, which is building the Stargate campus in Abu Dhabi", Abu
    Dhabi is a mention."""
    for n, first in enumerate(named):
        if first.role != MENTION:
            continue
        clause = cues.RELATIVE_AFTER.match(text, first.end) or cues.THING_CLAUSE_AFTER.match(
            text, first.end)
        if clause is None and ", wh" in text[first.end:first.end + 60]:
            # "power from the French nuclear fleet, which supplies ...": the clause hangs off
            # the noun phrase the mention qualifies.
            clause = cues.PHRASE_THEN_RELATIVE.match(text, first.end)
        if clause is None:
            continue
        end = first.end + len(clause[0])
        named[n + 1:] = [Named(x.code, x.start, x.end, MENTION, x.modifier)
                         if x.start < end else x for x in named[n + 1:]]
    return named


_TAIL_WORDS = re.compile(r"[a-z][a-z.-]*", re.I)
_ARTICLES = frozenset({"the", "a", "an"})


def _after_cue(text: str, start: int, end: int = 0) -> bool:
    """Whether the words right before a country are a cue of MENTION_BEFORE (looked up, not
    searched: every country word of every sentence asks)."""
    near = text[max(0, start - 40):start].lower()
    if not any(w.strip(".,;:") in cues.MENTION_CUE_WORDS for w in near.rsplit(None, 3)[-3:]):
        # The common case, decided without a regex; but a relation in apposition may stand
        # between the cue and the country ("compared to its GCC allies the UAE"), or a time
        # measured from what the country did ("eight years before Qatar created ...").
        return _after_apposition(text, start, near) or (
            (" before " in near or " after " in near) and cues.TIME_YARDSTICK.search(
                near) is not None)
    words = _TAIL_WORDS.findall(near)[-5:]
    if words and words[-1] in _ARTICLES:
        words.pop()
    for filler in cues.CUE_FILLERS:  # "behind not only the United States"
        if len(words) > len(filler) and tuple(words[-len(filler):]) == filler:
            del words[-len(filler):]
            break
    if words and words[-1] in ("as", "like", "including") and (
            _examples_as_subject(text, start) or _examples_of_countries(text, start)):
        return False  # "nations such as Singapore and Switzerland have the highest ..."
    if words and words[-1] == "after" and cues.RANKED_AFTER.search(near):
        return True  # "third in Africa after Nigeria"
    if words and (words[-1] in ("before", "after", "behind", "than") or words[-2:] == [
            "ahead", "of"]) and cues.TIME_YARDSTICK.search(near):
        return True  # "eight years before Qatar created a comparable post"
    if words and words[-1] == "in" and _counterpart_in(text, start):
        return True  # "consulted regulators in Brussels and Madrid"
    if words and words[-1] == "as" and cues.AS_MUCH_AS.search(
            text[max(0, start - 80):start].lower()):
        return True  # "six times as many patents as the US"
    for skip in (0, 1):  # "behind leaders Nigeria": one word between the cue and the name
        tail = words[:len(words) - skip]
        if skip and (len(words) < 2 or not text[start - 1].isspace()
                     or _PUNCTUATED_BEFORE.search(near)):
            break  # "the following countries: Germany" has no cue one word before it
        if skip and tail and tail[-1] in _ARTICLES:  # "from the neighbouring UAE"
            tail.pop()
        for n in (1, 2, 3):
            cue = " ".join(tail[-n:])
            if (len(tail) >= n and cue in cues.MENTION_BEFORE
                    and not (skip and cue in cues.ADJACENT_CUES)):
                return not (cue in cues.NEIGHBOUR_CUES and _cue_opens_clause(text, start, near,
                                                                             cue))
    if words and words[-1] in _EXAMPLE_WORDS and _examples_of_a_mention(text, start):
        return True
    if words and words[-1] == "with" and _agreement_with(text, start):
        return True  # "four memoranda of understanding on digital technology with Italy"
    if words and words[-1] == "to" and (_linked_to(text, start) or _goods_to(text, start)):
        return True  # "linked via undersea cables to Singapore", "sales of chips to China"
    if words and words[-1] in ("by", "in", "of", "for") and _in_a_cue_phrase(text, start,
                                                                             words, end):
        return True  # "modelled on the approach taken by the Netherlands"
    listed = cues.LISTED_NAME_BEFORE.search(text, max(0, start - 40), start)
    if listed is not None and 2 < listed.start() < start and not (
            end and _COMMA_ONLY.search(text, listed.start(), start) and _verb_after(text, end)):
        # "markets in Africa and India" (not "Unlike China, Kenya has ...": a new clause)
        return _after_cue(text, listed.start())
    return _after_apposition(text, start, near)


def _cue_opens_clause(text: str, start: int, near: str, cue: str) -> bool:
    """Whether a cue right before a country opens its clause with it ("Neighbouring
    Tanzania has ..."), which makes it no cue."""
    at = near.rfind(cue)
    return at >= 0 and _opens_clause(text, start - len(near) + at)


def _in_a_cue_phrase(text: str, start: int, near_words: list[str], end: int) -> bool:
    """Whether a country after "by"/"in" belongs to a phrase a cue governs: the thing a cue
    is about, named by what the country did with it ("modelled on the approach taken by the
    Netherlands", `cues.AGENT_PARTICIPLES`); a price set against ("half the price paid by
    data centres in Germany", `cues.PRICE_YARDSTICK`); an alternative set aside ("rather than
    on rules in the United States", `cues.ALTERNATIVE_BEFORE`); the standard of a comparison
    ("more than the capacity available in Italy", "less than a tenth of China's":
    `cues.COMPARED_PHRASE`, `cues.FRACTION_THAN`). `near_words` are the last words before the
    country, its article aside; `end` is where the country ends (0: unknown)."""
    head = text[max(0, start - 100):start].lower()
    agent = (len(near_words) >= 2 and near_words[-2] in cues.AGENT_PARTICIPLES
             and near_words[-1] in ("by", "in"))
    unsaid = (end > 0 and text.startswith(("'s", "’s"), end)
              and cues.ELLIPTICAL_YARDSTICK.match(text, end) is not None)
    if not agent and not unsaid and " than " not in head and " instead of " not in head and (
            not any(w in head for w in _PRICE_WORDS)):
        return False  # the common case: "in China", "of Kenya"
    clause = re.split(r"[,;:()\"]", head)[-1]
    if (" than " in clause or " instead of " in clause) and cues.ALTERNATIVE_BEFORE.search(
            clause):
        return True
    if (" than " in clause and cues.COMPARED_PHRASE.search(clause)) or (
            unsaid and cues.FRACTION_THAN.search(clause)):
        return True
    words = _TAIL_WORDS.findall(clause)
    if words and words[-1] in _ARTICLES:
        words.pop()
    if agent and len(words) >= 3 and words[-2] in cues.AGENT_PARTICIPLES:
        # the cue, then at most AGENT_NOUN_WORDS words naming the thing, then the participle
        for k in range(len(words) - 3, len(words) - 4 - cues.AGENT_NOUN_WORDS, -1):
            for n in (1, 2, 3):
                if k + 1 - n >= 0 and " ".join(words[k + 1 - n:k + 1]) in cues.MENTION_BEFORE:
                    return True
    return any(w in clause for w in _PRICE_WORDS) and cues.PRICE_YARDSTICK.search(
        clause) is not None


_PRICE_WORDS = (" price", " cost", " rate", " tariff", " fee", " bill", " wage", " salar",
                " level")


def _after_apposition(text: str, start: int, near: str) -> bool:
    """ "compared to its GCC allies the UAE", "behind its neighbour Kenya": a cue, then a
    relation named by a possessive (`cues.APPOSITION_OWNERS`) in apposition to the country."""
    if not any(f" {w} " in near for w in cues.APPOSITION_OWNERS):
        return False  # the common case
    words = near.split()
    if words and words[-1] in _ARTICLES:
        words.pop()
    tail = words[-cues.APPOSITION_WORDS - 1:]
    owner = next((i for i, w in enumerate(tail) if w in cues.APPOSITION_OWNERS), None)
    if owner is None or any(not w.isalnum() for w in tail[owner:]):
        return False  # punctuation between: "compared to its 2020 level, Kenya ..."
    if tail[-1] in cues.NOT_LIST_VERB:
        return False  # no apposition but a phrase of its own: "from its base in Nairobi"
    cue_end = start - len(near) + near.rfind(f" {tail[owner]} ") + 1
    return _after_cue(text, cue_end) and not _after_soft_cue(text, cue_end)


def _agreement_with(text: str, start: int) -> bool:
    """ "four memoranda of understanding on digital technology with Italy": the party to an
    agreement (`cues.AGREEMENT_WITH`) in the clause before "with"."""
    return cues.AGREEMENT_WITH.search(
        cues.STRONG_BREAK.split(text[max(0, start - 100):start].lower())[-1]) is not None


def _linked_to(text: str, start: int) -> bool:
    """ "linked via undersea cables to Singapore": where a link leads (`cues.LINKED_TO`)."""
    return cues.LINKED_TO.search(
        cues.STRONG_BREAK.split(text[max(0, start - 70):start].lower())[-1]) is not None


def _counterpart_in(text: str, start: int) -> bool:
    """ "consulted regulators in Brussels" (`cues.COUNTERPART_IN`), "partnerships with
    universities in the United Kingdom" (`cues.PARTNER_IN`): a counterpart or a party named
    by where it is, checked only after "in"."""
    near = text[max(0, start - 100):start].lower()
    words = near.split()[-3:]
    if words and words[-1] == "the":
        words.pop()
    if len(words) < 2 or words[-2] not in cues.COUNTERPART_NOUNS:
        return False  # the common case: "in China"
    return (cues.COUNTERPART_IN.search(near) is not None
            or cues.PARTNER_IN.search(near) is not None)


def _goods_to(text: str, start: int) -> bool:
    """ "barring sales of the most powerful accelerators to China": where goods go
    (`cues.GOODS_TO`), a buyer named in passing, or a subject when the story is about it
    (soft: "approved sales of chips to Saudi Arabia's Humain" in a story on Saudi Arabia)."""
    return cues.GOODS_TO.search(
        cues.STRONG_BREAK.split(text[max(0, start - 90):start].lower())[-1]) is not None


def _after_soft_cue(text: str, start: int) -> bool:
    """Whether the cue right before a country names a place or an addressee
    (`cues.SOFT_CUES`: "visited Kenya", "a summit in Nairobi", "urged China"), which leaves
    the country a subject when the story is about it."""
    words = _TAIL_WORDS.findall(text[max(0, start - 30):start].lower())[-3:]
    if words and words[-1] in _ARTICLES:
        words.pop()
    if words and words[-1] == "with" and _agreement_with(text, start):
        return True  # "four memoranda of understanding on digital technology with Italy"
    if words and words[-1] == "to" and (_linked_to(text, start) or (
            " ".join(words[-2:]) not in cues.MENTION_BEFORE and _goods_to(text, start))):
        # "linked via undersea cables to Singapore", "sales of chips to China" (not "exports
        # to China", a cue of its own)
        return True
    if words and words[-1] == "in" and _counterpart_in(text, start):
        return True  # "consulted regulators in Brussels": a counterpart, a place
    return any(" ".join(words[-n:]) in cues.SOFT_CUES for n in (1, 2) if len(words) >= n)


_PUNCTUATED_BEFORE = re.compile(r"[,;:()\"]\s*(?:(?:the|a|an)\s+)?$")
_EXAMPLE_WORDS = frozenset(cue.split()[-1] for cue in cues.EXAMPLES_BEFORE)


def _names_a_home(text: str, m: Mention) -> bool:
    """ "OpenAI's European headquarters in Ireland": where a company is based
    (`cues.HOME_BEFORE`), checked only after " in " or " in the "; "European Union-based
    firms" (`cues.HOME_AFTER`); "the Mohammed bin Zayed University of Artificial Intelligence
    in Abu Dhabi" (`cues.INSTITUTION_IN`)."""
    if text.startswith(("-", "–"), m.end) and cues.HOME_AFTER.match(text, m.end):
        return True
    if text.endswith("of ", 0, m.start):
        # "technology licensed from IBM of the United States" (a source's home only)
        return " from " in text[max(0, m.start - 60):m.start] and cues.SOURCE_HOME_BEFORE.search(
            text, max(0, m.start - 60), m.start) is not None
    if not text.endswith(("in ", "the "), 0, m.start):
        return False
    return (cues.HOME_BEFORE.search(text, max(0, m.start - 40), m.start) is not None
            or cues.SOURCE_HOME_BEFORE.search(text, max(0, m.start - 60), m.start) is not None
            or cues.INSTITUTION_IN.search(text, max(0, m.start - 90), m.start) is not None)


def _spent_in(text: str, m: Mention, before: list[Named]) -> bool:
    """A country where the money of another opening the clause goes: "In return, the UAE
    committed to funding AI infrastructure in the U.S." (`cues.SPENDS_BEFORE_PLACE`)."""
    if not text.endswith(("in ", "in the "), 0, m.start):
        return False  # the common case
    opener = next((n for n in before if n.role == SUBJECT), None)
    return (opener is not None and opener.code != m.code and _opens_clause(text, opener.start)
            and cues.SPENDS_BEFORE_PLACE.search(text[opener.end:m.start].lower()) is not None)


def _acts_jointly(text: str, m: Mention, before: list[Named]) -> bool:
    """ "Germany partnered with France to build ...": the partner of a country opening the
    clause acts with it (`cues.JOINT_ACTION`)."""
    opener = before[-1] if before else None
    return (opener is not None and opener.role == SUBJECT
            and cues.JOINT_ACTION.fullmatch(text, opener.end, m.start) is not None
            and _opens_clause(text, opener.start))


_LIST_WORD = re.compile(r"[\w.'’-]+|,")


def _examples_as_subject(text: str, start: int) -> bool:
    """Whether the countries listed from `start` are examples of a noun opening the clause
    and the subject of the verb after the list: "nations such as Singapore, Switzerland, and
    the United Kingdom have ..." (`cues.EXAMPLES_OF_SUBJECT`)."""
    head = text[max(0, start - 80):start].lower()
    if cues.EXAMPLES_OF_SUBJECT.search(head) is None:
        return False
    for word in _LIST_WORD.findall(text, start, start + 160):
        if word == "," or word[0].isupper() or word in ("and", "the"):
            continue  # still the list: "Singapore, Switzerland, and the United Kingdom"
        return word not in cues.NOT_LIST_VERB
    return False


def _examples_of_countries(text: str, start: int) -> bool:
    """Whether the countries listed from `start` are examples of countries in general whose
    thing the clause is about: "the progress of countries such as Costa Rica, Ecuador and
    Guatemala" (`cues.EXAMPLES_OF_NOUN`; not "ahead of countries such as Rwanda": a cue
    before the noun makes the examples mentions)."""
    head = text[max(0, start - 70):start].lower()
    examples = cues.EXAMPLES_OF_NOUN.search(head)
    if examples is None:
        return False
    noun = start - len(head) + examples.start("noun")
    if _opens_clause(text, noun):
        return False  # `_examples_as_subject` reads those
    clause = cues.STRONG_BREAK.split(text[max(0, noun - 80):noun])[-1]
    # A cue up to EXAMPLES_NOUN_WORDS words before the noun ("partnered with nine other
    # countries, including Germany") makes them mentions.
    words = _TAIL_WORDS.findall(clause.lower())
    return not _cue_ends_near(words, len(words))


def _cue_ends_near(words: list[str], end: int) -> bool:
    """Whether a cue of MENTION_BEFORE ends at one of the last EXAMPLES_NOUN_WORDS words
    before `end` (an index into `words`)."""
    for k in range(end - 1, end - 1 - cues.EXAMPLES_NOUN_WORDS, -1):
        for n in (1, 2, 3):
            if k + 1 - n >= 0 and " ".join(words[k + 1 - n:k + 1]) in cues.MENTION_BEFORE:
                return True
    return False


def _examples_of_a_mention(text: str, start: int) -> bool:
    """Whether a country is an example of a noun its clause names after a cue: "the country
    partnered with nine others, including Germany" (not "Ten countries, including Germany,
    signed", where the noun is what the sentence is about)."""
    examples = cues.EXAMPLES_AFTER.search(text, max(0, start - 30), start)
    if examples is None:
        return False
    clause = cues.STRONG_BREAK.split(text[max(0, examples.start() - 80):examples.start()])[-1]
    words = _TAIL_WORDS.findall(clause.lower())
    # A cue, then the noun (one to EXAMPLES_NOUN_WORDS words) ending the clause.
    return _cue_ends_near(words, len(words) - 1)


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
        if cues.POSSESSIVE_NAME.match(text, m.end) is not None:
            # "Japan's SoftBank" is a company's home, in a list too ("OpenAI, Oracle and Abu
            # Dhabi's MGX"): the country only when it opens the sentence.
            return not _opens_clause(text, m.start, _SENTENCE_BREAK)
        return (cues.POSSESSIVE_RESTRICTION.match(text, m.end) is not None
                and not _opens_clause(text, m.start))
    if (after and after[0] in "-–" and after[1:2].isupper()) or (
            text[m.start - 1:m.start] in ("-", "–") and _NAME_THEN_HYPHEN.search(
                text, max(0, m.start - 30), m.start)):
        # "the UAE–US AI Campus", "Saudi-U.S. forum" (not a dash flattened to a hyphen:
        # "Southeast Asian countries-Indonesia, Malaysia ... -all scored below")
        return not _opens_clause(text, m.start)
    if not after or after[0] not in " -.":
        return False  # the common cases: "Korea,", "Korea)"
    if after[1:2].isupper() and cues.ORGANISATION_AFTER.match(text, m.end):
        return True  # "Singapore Management University"
    if after[1:2].isupper() and cues.LAW_NAME_AFTER.match(text, m.end):
        return not _opens_clause(text, m.start)  # "will supervise the EU AI Act in Germany"
    if after[0] == " " and cues.EVENT_NOUN_AFTER.match(text, m.end):
        return True  # "the Italy MoU", "the Iran conflict": the other party, the place
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


_SENTENCE_BREAK = re.compile(r"[;:]\s")
#: A name right before a hyphen, as in "Saudi-U.S." or "India-US" (a capitalised word).
_NAME_THEN_HYPHEN = re.compile(r"(?<![\w.])[A-Z][\w.]*[-–]$")


def _opens_clause(text: str, start: int, breaks: re.Pattern[str] = cues.STRONG_BREAK) -> bool:
    """Whether a country word stands at the head of its clause: nothing but an opener or two
    between it and the sentence start or a clause break ("; ", ", while"; with
    `_SENTENCE_BREAK`, only "; " and ": ")."""
    head = breaks.split(text[:start])[-1]
    words = [w.strip("\"'“”‘’").lower() for w in head.split()]
    if len(words) <= 3 and all(w in _OPENERS for w in words):
        return True
    fronted, comma, rest = head.partition(", ")
    if not comma or "," in rest:
        return False
    # "Last week, UK Prime Minister ...", "In return, the UAE ...": a short time or linking
    # phrase before the comma.
    phrase = fronted.split()
    words = [w.lower() for w in rest.split()]
    return (0 < len(phrase) <= 4 and phrase[0].lower() in cues.FRONTED_OPENERS
            and all(not w[0].isupper() or w.rstrip(".") in cues.DATE_NAMES
                    for w in phrase[1:])
            and len(words) <= 3 and all(w in _OPENERS for w in words))


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
    for a, b in pairwise(title_named):
        if a.modifier and b.modifier and b.start - a.end == 1 and a.code != b.code:
            # "Lammy hails new India-UK deal": the two parties to a joint thing (not any
            # maker: a headline's capitals make "US Greenlights Some ..." read as one).
            score[a.code] += _TITLE_WEIGHT * _SOFT_SHARE
            score[b.code] += _TITLE_WEIGHT * _SOFT_SHARE
    for code in dateline:
        score[code] += _DATELINE_WEIGHT
    for weight, sentences in ((_LEDE_WEIGHT, lede), (_BODY_WEIGHT, body)):
        for named in sentences:
            if not named:
                continue  # most sentences name no country: no sets to build
            subjects = {n.code for n in named if n.role == SUBJECT}
            for code in subjects:
                score[code] += weight
            # A place someone goes or a party addressed ("travelled to New Delhi") says more
            # of what the story is about than a comparator does, less than an actor.
            soft = {n.code for n in named if n.soft} - subjects
            for code in soft:
                score[code] += weight * _SOFT_SHARE
            for code in {n.code for n in named if n.role == MENTION} - subjects - soft:
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
    """The country each figure (by its span in `text`) belongs to, as the sentence states it:

    - the countries of "A and B ... X and Y respectively", in order;
    - a country named right after it ("the 44% of the United States", "7 trillion yen in the
      U.S."; but money a clause's own subject spends "in" another country is its own:
      "Saudi Arabia will spend $1 trillion in the U.S."), or right before it ("followed by
      China with 15%", "the UK's £4.5 billion", "and the US $200 million"), or as the
      adjective of what it pays for ("a $20 billion European fund");
    - none for a figure of the whole world ("the world's 30,000 AI firms");
    - else the country of its clause. A clause after "while", "followed by", "compared
      with" belongs to the country it names; a "which" clause to the country just before it;
      a clause naming none to the one before it. The first clause falls back to the
      sentence's subject."""
    if not named:
        # One clause's worth of owner: the sentence's subject, when it is one country. A
        # sentence about several it does not name ("both countries spent $500 million")
        # does not say whose share is whose.
        first = subjects[0] if len(subjects) == 1 else None
        return [None if _global(text, start, end) else first
                for start, end in zip(starts, ends, strict=True)]
    clauses = _clauses(text, named)
    bought = " from " in text and cues.BOUGHT_FROM.search(text) is not None
    owners: list[str | None] = []
    owner_of: list[str | None] = []
    placed: set[int] = set()  # clauses on a place named right before them
    for n, (a, b) in enumerate(clauses):
        # A yardstick ("one-quarter that of neighbouring Malaysia") owns nothing.
        inside = [x for x in named if a <= x.start < b and not cues.YARDSTICK_BEFORE.search(
            text, max(a, x.start - 30), x.start)]
        # A supplier ("imported $6 billion of chips from the US, and a further $2 billion
        # from Taiwan") holds no figure of its clause; without a purchase, money "from" a
        # country is its own ("while 30% comes from the US").
        if bought:
            inside = [x for x in inside if not cues.SUPPLIER_BEFORE.search(
                text, max(a, x.start - 10), x.start)]
        if n == 0:
            own = next((x.code for x in inside if x.code in subjects), None)
            own = own or _titled_actor(text, inside, a) or (subjects[0] if subjects else None)
        elif cues.PLACE_RELATIVE.match(text, a) and (
                place := _place_before(text, named, a)) is not None:
            own = place
            placed.add(n)
        elif cues.RELATIVE.match(text, a):
            before = [x for x in named if x.start < a]
            own = before[-1].code if before else owner_of[-1]
        else:
            own = inside[0].code if inside else (
                _relative_possessor(text, named, clauses[n - 1], a) or owner_of[-1])
        owner_of.append(own)
    paired = _respectively(text, named, starts, ends) or _versus(text, named, starts, ends)
    indexes = [next((n for n, (a, b) in enumerate(clauses) if a <= start < b), 0)
               for start in starts]
    besides = [paired.get(i) or _named_beside(text, named, subjects, clauses[index], start, end)
               or _estimated_at(text, named, clauses[index], start)
               for i, (start, end, index) in enumerate(zip(starts, ends, indexes, strict=True))]
    for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
        index = indexes[i]
        beside = besides[i]
        if beside is not None:
            owners.append(beside)
        elif owners and cues.CHANGED_FROM.search(text, max(0, start - 24), start):
            owners.append(owners[-1])  # "$1 trillion in the U.S., up from $600 billion"
        elif _global(text, start, end):
            owners.append(None)  # "30,000 AI companies in the world"
        elif _listed_subject(text, named, clauses[index], start):
            # "Japan and South Korea together accounted for 14%", "Korea and Japan each filed
            # fewer than 6,000": shared or each one's, it is not one country's figure.
            owners.append(None)
        else:
            # In the sentence's own clause, the subject named nearest before the figure: "In
            # Europe, the UK is sixth with 714 patent families" is the UK's.
            nearest = [x.code for x in named if index == 0 and x.end <= start
                       and x.code in subjects and x.role == SUBJECT]
            own = nearest[-1] if nearest else owner_of[index]
            if _joined_unnamed(text, named, clauses[index][0], start):
                # A sentence joined to the one it refers back to, naming no country before
                # its figure ("..., against Brazil's 12,000. The mission's budget of ₹10,372
                # crore ..."), is about what the statement is about, not the comparator its
                # clause named in the sentence before.
                own = owner_of[0]
            # (In a clause on a place, "the country" is that place: "in Korea, where the
            # country has ordered 50,000 GPUs".)
            story = None if index in placed else _story_country_acts(
                text, named, subjects, clauses[index], start)
            if story is not None:
                own = story
            elif own is not None and _agent_of_later(text, named, starts, ends, besides, i,
                                                     clauses[index], own):
                # "The kingdom's Humain plans to build 1.9 gigawatts ..., nearly twice the 1
                # gigawatt planned by the UAE": the UAE holds the later figure only.
                own = next((c for c in subjects if c != own), None)
            owners.append(own)
    return owners


def _estimated_at(text: str, named: Sequence[Named], clause: tuple[int, int],
                  start: int) -> str | None:
    """The country an estimate sets at the figure, in its clause (`cues.ESTIMATE_PUTS`):
    "which put Chinese government spending on AI at more than 700 billion yuan" is China's.
    The last such country before the figure; None when the figure does not follow "at"."""
    if not cues.SET_AT.search(text, max(clause[0], start - 24), start):
        return None
    set_at = [x for x in named if clause[0] <= x.start and x.end <= start
              and cues.ESTIMATE_PUTS.search(text, max(clause[0], x.start - 16), x.start)]
    return set_at[-1].code if set_at else None


def _joined_unnamed(text: str, named: Sequence[Named], clause_start: int, start: int) -> bool:
    """Whether a figure is in a later sentence of its statement than its clause's start
    (`cues.SENTENCE_BREAK`), and that sentence names no country before the figure."""
    breaks = [m.end() for m in cues.SENTENCE_BREAK.finditer(text, clause_start, start)]
    return bool(breaks) and not any(breaks[-1] <= x.start < start for x in named)


def _listed_subject(text: str, named: Sequence[Named], clause: tuple[int, int],
                   start: int) -> bool:
    """Whether the countries named last before a figure in its clause are a list of two or
    more (`cues.COORDINATED`) opening the clause as its subject: "while Japan and South Korea
    together accounted for 14%", "Between them, Canada and Germany filed 4,000 patents"."""
    inside = [x for x in named if clause[0] <= x.start and x.end <= start]
    if len(inside) < 2:
        return False
    run = [inside[-1]]
    for x in reversed(inside[:-1]):
        if not cues.COORDINATED.fullmatch(text, x.end, run[0].start):
            break
        run.insert(0, x)
    if len({x.code for x in run}) < 2 or any(x.role != SUBJECT for x in run):
        return False
    return run[0] is inside[0] and _heads_clause(text[clause[0]:run[0].start])


def _heads_clause(head: str) -> bool:
    """Whether what stands before a subject in its clause leaves it the clause's head: an
    opener or two ("while", "but the"), or a short phrase and its comma ("Together, ...",
    "In 2025, ...")."""
    words = [w.strip("\"'“”‘’").lower() for w in head.split()]
    if len(words) <= 3 and all(w in _OPENERS or w in ("while", "whereas") for w in words):
        return True
    fronted, comma, rest = head.partition(", ")
    phrase = fronted.split()
    return bool(comma and not rest.strip() and 0 < len(phrase) <= 4
                and phrase[0].lower() in (cues.FRONTED_OPENERS | cues.JOINT_OPENERS))


def _place_described(text: str, place: Named) -> bool:
    """Whether a clause on the place opens right after its name: "in South Korea, where
    ..." (`cues.PLACE_RELATIVE`)."""
    comma = cues.PLACE_THEN_RELATIVE.match(text, place.end)
    return comma is not None and cues.PLACE_RELATIVE.match(text, comma.end()) is not None


def _place_before(text: str, named: Sequence[Named], start: int) -> str | None:
    """The country of a place named right before the clause at `start` and its comma
    ("than in South Korea, where ..."), else None."""
    return next((x.code for x in reversed(named) if x.end <= start
                 and cues.PLACE_THEN_RELATIVE.fullmatch(text, x.end, start)), None)


def _story_country_acts(text: str, named: Sequence[Named], subjects: Sequence[str],
                        clause: tuple[int, int], start: int) -> str | None:
    """The story's own country, when a word for it acts in the figure's clause after the
    last country named before the figure (`cues.COUNTRY_WORD_ACTS`: "weeks after the kingdom
    agreed to buy 18,000 chips", "The kingdom's Humain plans to build 1.9 gigawatts"): a
    subject the sentence does not name, else the one it names first as its subject."""
    lo = max([clause[0], *(x.end for x in named if x.end <= start)])
    if "the " not in text[lo:start].lower() or not cues.COUNTRY_WORD_ACTS.search(
            text, lo, start):
        return None
    codes = {x.code for x in named}
    unnamed = [c for c in subjects if c not in codes]
    if unnamed:
        return unnamed[0]
    first = next((x for x in named if x.role == SUBJECT), None)
    return first.code if first is not None and first.code in subjects else None


def _agent_of_later(text: str, named: Sequence[Named], starts: Sequence[int],
                    ends: Sequence[int], besides: Sequence[str | None], i: int,
                    clause: tuple[int, int], code: str) -> bool:
    """Whether `code` is named in the figure's clause only as the one holding a later figure
    by a reduced relative clause ("the 1 gigawatt planned by the UAE", "the $25 billion
    Qatar has committed"), not as an actor of its own."""
    later = [j for j in range(i + 1, len(starts)) if besides[j] == code
             and clause[0] <= starts[j] < clause[1]]
    if not later:
        return False
    agents = [x for x in named if x.code == code and clause[0] <= x.start < clause[1]]
    return all(any(x.start >= ends[j] and _agent_after(text, ends[j], x) for j in later)
               for x in agents)


def _agent_after(text: str, end: int, x: Named) -> bool:
    """A country right after a figure that holds it by a reduced relative clause."""
    return bool(cues.FIGURE_BY_AGENT.fullmatch(text, end, x.start)
                or (cues.FIGURE_THEN_AGENT.fullmatch(text, end, x.start)
                    and cues.AGENT_VERB_AFTER.match(text, x.end)))


def _titled_actor(text: str, inside: Sequence[Named], start: int) -> str | None:
    """The country of a leader opening a clause that names no subject of its own: "Last
    week, UK Prime Minister Keir Starmer also announced funding of £1 billion" in a passage
    about Europe is the UK's."""
    for x in inside:
        if cues.PERSON_TITLE.match(text, x.end) and cues.PERSON_TITLE_OPENS.fullmatch(
                text, start, x.start):
            return x.code
    return None


def _relative_possessor(text: str, named: Sequence[Named], previous: tuple[int, int],
                        start: int) -> str | None:
    """The owner of a clause going on with a relative clause's verb ("Trump's Stargate
    announcement, a venture that includes ..., and plans to spend US$500 billion"): the
    country whose thing the relative clause is about, named as a possessive right before it."""
    if not cues.AND_VERB_S.match(text, start):
        return None
    relatives = list(cues.THAT_VERB_S.finditer(text, previous[0], previous[1]))
    if not relatives:
        return None
    relative = relatives[-1]
    owner = next((x for x in reversed(named) if previous[0] <= x.start
                  and x.end <= relative.start()), None)
    if owner is None or not text.startswith(("'s", "’s"), owner.end):
        return None
    return owner.code


def _versus(text: str, named: Sequence[Named], starts: Sequence[int],
            ends: Sequence[int]) -> dict[int, str]:
    """ "American patents are cited seven times more often than Chinese ones (13.18 vs 1.90
    average citations)": two figures set against each other by "vs" after a sentence naming
    two countries pair with them in order, as "respectively" does."""
    if "vs" not in text and "versus" not in text:
        return {}
    for i in range(len(starts) - 1):
        if cues.VERSUS_BETWEEN.fullmatch(text, ends[i], starts[i + 1]):
            codes = list(dict.fromkeys(x.code for x in named if x.end <= starts[i]))
            if len(codes) == 2:
                return {i: codes[0], i + 1: codes[1]}
    return {}


def _named_beside(text: str, named: Sequence[Named], subjects: Sequence[str],
                  clause: tuple[int, int], start: int, end: int) -> str | None:
    """The country a figure's own words give it: named right after it ("38,000 patents in
    China", "a $20 billion European fund"), or right before it ("followed by China with
    15%", "the UK's £4.5 billion", "and the US $200 million")."""
    after = next((x for x in named if x.start >= end and (
        cues.FIGURE_OF.fullmatch(text, end, x.start)
        or (cues.FIGURE_FOR_ADJECTIVE.fullmatch(text, end, x.start)
            and (is_adjective(text[x.start:x.end]) or _initials_qualify(text, x, start)))
        or (cues.FIGURE_SENT_TO.fullmatch(text, end, x.start)
            and cues.GOODS_SENT.search(text, clause[0], start))
        or (cues.SHARE_FROM.fullmatch(text, end, x.start)
            and _compared_share(text, clause, start, end))
        or _agent_after(text, end, x))), None)
    if after is not None and _share_of_anothers(text, named, subjects, clause, start, end,
                                                after):
        after = None
    if after is not None:
        if not cues.SPENT_IN.fullmatch(text, end, after.start) or _place_described(
                text, after):
            # (A place a "where" clause goes on to describe is the figure's topic: "will help
            # build 50,000 GPUs in South Korea, where the state has ordered more" is Korea's.)
            return after.code
        opener = _spender(text, named, clause, start)
        if opener is None and cues.COUNTRY_SPENDS.search(text, max(clause[0], start - 80),
                                                         start):
            # "where the Kingdom pledged to spend $1 trillion in the U.S.": the country the
            # sentence is about, by a word for it.
            opener = next((c for c in subjects if c != after.code), None)
        if opener is not None and opener != after.code:
            return opener  # "Saudi Arabia will spend $1 trillion in the U.S."
        return after.code
    before = next((x for x in reversed(named) if x.end <= start), None)
    if before is None:
        return None
    if cues.NAME_THEN_FIGURE.fullmatch(text, before.end, start):
        return before.code
    if (cues.NAME_THEN_GAPPED_FIGURE.fullmatch(text, before.end, start)
            and cues.GAPPED_NAME_BEFORE.search(text, max(0, before.start - 12), before.start)
            and not _names_a_dollar(text, before, start)):
        return before.code  # "with the UAE contributing $300 million and the US $200 million"
    return None


def _share_of_anothers(text: str, named: Sequence[Named], subjects: Sequence[str],
                       clause: tuple[int, int], start: int, end: int, after: Named) -> bool:
    """ "Canada has about 10% of the US's data centre capacity": a share of a thing another
    country owns (`cues.SHARE_OF_POSSESSOR`) is the share of the clause's subject named
    before it; the possessor is its yardstick."""
    return (cues.SHARE_OF_POSSESSOR.fullmatch(text, end, after.start) is not None
            and cues.POSSESSIVE_AFTER.match(text, after.end) is not None
            and any(x.code in subjects and x.code != after.code and x.start >= clause[0]
                    and x.end <= start for x in named))


def _compared_share(text: str, clause: tuple[int, int], start: int, end: int) -> bool:
    """ "compared to 20% from the US, 18% from Europe and 8% from India": a percentage in a
    clause of comparison, and no purchase in the sentence before it."""
    return (text[start:end].rstrip().endswith(("%", "percent", "per cent"))
            and cues.COMPARATOR_OPENS.match(text, clause[0]) is not None
            and cues.BOUGHT_FROM.search(text, 0, start) is None)


def _initials_qualify(text: str, name: Named, start: int) -> bool:
    """ "the $700 billion U.S. Stargate project": a country's initials after a figure opening
    a noun phrase qualify what the figure pays for, as an adjective would."""
    return bool(cues.COUNTRY_INITIALS.fullmatch(text, name.start, name.end)
                and cues.INITIALS_QUALIFY.match(text, name.end)
                and cues.FIGURE_OPENS_PHRASE.search(text, max(0, start - 8), start))


def _names_a_dollar(text: str, name: Named, start: int) -> bool:
    """ "and US $200 million": without "the", a "US" right before "$" writes US dollars."""
    return text.startswith("$", start) and not text[:name.start].rstrip().lower().endswith(
        "the")


def _spender(text: str, named: Sequence[Named], clause: tuple[int, int],
             start: int) -> str | None:
    """The country opening a figure's clause as its subject, before the figure, by its own
    name: not as the home of a company ("Japan's SoftBank will invest $3 billion in India"
    is SoftBank's money, placed in India) nor by its adjective ("Chinese firms")."""
    for x in named:
        if x.start >= start:
            break
        if (clause[0] <= x.start and x.role == SUBJECT and _opens_clause(text, x.start)
                and not is_adjective(text[x.start:x.end])
                and cues.POSSESSIVE_NAME.match(text, x.end) is None):
            return x.code
    return None


def _global(text: str, start: int, end: int) -> bool:
    """A figure of the whole world: "30,000 AI companies in the world", "the world's 30,000
    AI firms"."""
    return bool(cues.GLOBAL_AFTER.match(text, end)
                or cues.GLOBAL_BEFORE.search(text, max(0, start - 24), start))


def _respectively(text: str, named: Sequence[Named], starts: Sequence[int],
                  ends: Sequence[int]) -> dict[int, str]:
    """ "the 500 billion yen and 450 billion yen to be spent by the U.S. and Chinese
    governments respectively", "Japan and Korea spend 3% and 4% respectively": a list of
    figures and a list of as many countries before "respectively" pair up in order (figure
    index -> country)."""
    at = text.find("respectively")
    if at < 0 or len(starts) < 2:
        return {}
    figures = [i for i, e in enumerate(ends) if e <= at]
    group = figures[-1:]
    while len(group) < len(figures) and cues.FIGURES_LISTED.fullmatch(
            text, ends[group[0] - 1], starts[group[0]]):
        group.insert(0, group[0] - 1)
    listed = _listed_before(text, [x for x in named if x.end <= at])
    if len(group) < 2 or len(listed) != len(group):
        return {}
    return dict(zip(group, listed, strict=True))


def _listed_before(text: str, named: Sequence[Named]) -> list[str]:
    """The countries of the last list of names in `named` ("the U.S. and China", "Japan,
    Korea and India"), in order, each once."""
    if not named:
        return []
    run = [named[-1]]
    for x in reversed(named[:-1]):
        if not cues.LISTED_WITH.fullmatch(text, x.end, run[0].start):
            break
        run.insert(0, x)
    codes = [x.code for x in run]
    return codes if len(set(codes)) == len(codes) else []


def _clauses(text: str, named: Sequence[Named] = ()) -> list[tuple[int, int]]:
    """Where each clause of a sentence starts and ends: at CLAUSE_BREAK, and at a comma
    before a country opening a clause of its own ("the US developed 40 models, China
    produced 15": the verb after the name is lowercase, not a list's "and")."""
    breaks = [(m.start(), m.end()) for m in cues.CLAUSE_BREAK.finditer(text)]
    for x in named:
        opening = cues.COUNTRY_CLAUSE_BEFORE.search(text, max(0, x.start - 6), x.start)
        if opening is not None and cues.COUNTRY_CLAUSE_VERB.match(text, x.end):
            breaks.append((opening.start(), opening.start() + 1))
        elif text.startswith(("'s", "’s"), x.end) and cues.ELLIPTICAL_POSSESSIVE.match(
                text, x.end):
            # "while Taiwan's grew 35% and Japan's fell 4%": "Japan's" opens its own clause.
            opening = cues.ELLIPSIS_BEFORE.search(text, max(0, x.start - 9), x.start)
            if opening is not None:
                breaks.append((opening.start(), opening.start() + 1))
    if len(breaks) > 1:
        breaks.sort()
    spans, at = [], 0
    for a, b in breaks:
        if a > at:
            spans.append((at, a))
            at = b
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


#: How much a dependent sentence needs the one it leans on (`Leaning.need`): a definite noun
#: for something the sentence before names still says what kind of thing it is about ("The
#: company aims to ..."); an event noun says less ("The move ..."); a pronoun, a demonstrative
#: or a share says nothing of it ("It has ...", "Of this, ...", "About 40% of them ...").
NEEDS_NOUN, NEEDS_EVENT, NEEDS_POINTER = 1, 2, 3
#: A sentence of a quotation after its first, or the quoted paragraph after "X said:": cut
#: from the sentence opening the quotation or naming its speaker, it is not quoted at all.
NEEDS_QUOTE = 4


class Leaning(NamedTuple):
    """How a sentence leans on the one before it (`leans_on`)."""

    checked: bool
    """Its antecedent was found in the sentence before (a definite noun for something named
    there), so the two belong together even across a paragraph break; a pronoun or a
    demonstrative points at whatever came before ("This" after a paragraph: all of it)."""
    need: int = NEEDS_POINTER
    """How much it needs that antecedent: where a chain of dependents too long for one quote
    is cut, it is cut before the one that needs its antecedent least."""


def leans_on(sentence: str, before: str, before_named: Sequence[Named],
             same_subject: bool = False) -> Leaning | None:
    """Whether `sentence` (plain) cannot be read without `before`, the sentence right before
    it, and how; None when it stands alone. A definite noun leans only when `before` names
    its referent ("Sarvam AI was picked ... The company will ..."), and never when the
    sentence names it itself ("The company Infosys said ..."). `same_subject`: both are about
    the same country, which "The country's ..." needs."""
    definite = cues.DEFINITE_BACK.match(sentence)
    if definite is not None:
        if cues.NAMED_AFTER.match(sentence, definite.end()):
            return None
        return _on_referent(_noun(definite), before, before_named)
    if (cues.LEANS_BACK.match(sentence) or cues.EACH_BACK.match(sentence)
            or cues.PART_OF_BACK.match(sentence) or cues.SHARE_OF_BACK.match(sentence)
            or cues.PHRASE_BACK.match(sentence)):
        return Leaning(checked=False)
    if (_demonstrative_subject(sentence) or _one_of_the_n(sentence)
            or cues.OPENING_THEN_PRONOUN.match(sentence)):
        # "Forecasts suggest this could triple", "Sarvam AI, one of the four, ...", "With a
        # population of six million, it has ...": a pointer past the opening words.
        return Leaning(checked=False)
    short = len(sentence.split()) <= cues.SHORT_SENTENCE_WORDS
    if cues.COUNTRY_BACK.match(sentence):
        # A short one says too little to stand alone ("The country's weakness is
        # electricity."); a longer one is a statement of its own about the country its
        # discourse model finds ("The country's $300 billion wealth fund is backing ...").
        return Leaning(checked=True, need=NEEDS_NOUN) if same_subject and short else None
    inner = _inner_noun(sentence)
    if inner is not None:
        # Only a thing the sentence before names: "Growth in the figures ..." is no pointer.
        leaning = _on_referent(inner, before, before_named)
        if leaning is not None and leaning.checked:
            return leaning
    if short:
        leaning = _short_leaning(sentence, before, before_named)
        if leaning is not None:
            return leaning
    # "However, adoption has been slower.": a contrast with what the sentence before says,
    # read with it; needed least of all (a long chain is cut before it first).
    return Leaning(checked=False, need=NEEDS_NOUN) if cues.CONTRAST_OPENER.match(
        sentence) else None


# Every sentence asks whether it leans on the one before; these searches, word-bounded at
# their start, try the pattern at every character (6 us a sentence for ONE_OF_THE_N): a
# test for words each match holds rules most sentences out first (the words after the
# member in ONE_OF_THE_N, from a cased first letter, which lets `re` skip ahead in C).
_OF_THE_N = re.compile(
    r"[oO][fF]\s+[tT][hH][eE]\s+(?i:two|three|four|five|six|seven|eight|nine|ten|dozen|\d)")


def _demonstrative_subject(sentence: str) -> bool:
    """`cues.DEMONSTRATIVE_SUBJECT` ("forecasts suggest this could triple")."""
    return ("this" in sentence or "these" in sentence) and (
        cues.DEMONSTRATIVE_SUBJECT.search(sentence) is not None)


def _one_of_the_n(sentence: str) -> bool:
    """`cues.ONE_OF_THE_N` ("Sarvam AI, one of the four, ...")."""
    return _OF_THE_N.search(sentence) is not None and (
        cues.ONE_OF_THE_N.search(sentence) is not None)


def referent_noun(sentence: str) -> str | None:
    """The definite noun `sentence` (plain) needs a referent for, of a kind some earlier
    sentence must name ("The bill passed ...", "Critics say the plan is too small."); None
    when it has none, or one for whatever was just reported ("The move ...")."""
    definite = cues.DEFINITE_BACK.match(sentence)
    if definite is not None:
        noun: str | None = (None if cues.NAMED_AFTER.match(sentence, definite.end())
                            else _noun(definite))
    else:
        noun = _inner_noun(sentence)
        if noun is None and len(sentence.split()) <= cues.SHORT_SENTENCE_WORDS:
            noun = _inside_noun(sentence)
    return noun if noun is not None and cues.REFERENT_BEFORE[noun] is not None else None


def _noun(match: re.Match[str]) -> str:
    return " ".join(match["noun"].lower().split())


def _inner_noun(sentence: str) -> str | None:
    """ "Companies that join the programme ...", "Under the plan, ...": a definite noun in
    the subject phrase or an opening phrase (not a name: "from the Centre for ...")."""
    inner = cues.INNER_BACK.match(sentence)
    if (inner is None or not inner["noun"][0].islower()
            or cues.NAMED_AFTER.match(sentence, inner.end())):
        return None
    return _noun(inner)


def _inside_noun(sentence: str) -> str | None:
    """A definite noun anywhere in a short sentence that does not introduce one itself:
    "Critics say the plan is too small." (not "Kenya drew up a plan and the plan ...")."""
    inside = cues.INSIDE_BACK.search(sentence)
    if (inside is None or cues.NAMED_AFTER.match(sentence, inside.end())
            or cues.INDEFINITE.search(sentence, 0, inside.start())):
        return None
    return _noun(inside)


def _short_leaning(sentence: str, before: str, before_named: Sequence[Named]
                   ) -> Leaning | None:
    """How a short sentence leans back from inside: a definite noun for what the sentence
    before names ("Critics say the plan is too small."), a pronoun object ("Lawmakers said
    they will back it."), or a bare share going on with the sentence before's list of rates
    ("Small firms can claim up to 40%.")."""
    noun = _inside_noun(sentence)
    if noun is not None:
        leaning = _on_referent(noun, before, before_named)
        if leaning is not None:
            return leaning
    pronoun = cues.OBJECT_BACK.search(sentence)
    if pronoun is not None and not cues.INDEFINITE.search(sentence, 0, pronoun.start()):
        return Leaning(checked=False)
    if _points_with_a_demonstrative(sentence):
        return Leaning(checked=False)
    if (cues.BARE_SHARE_END.search(sentence) and len(cues.SHARE.findall(sentence)) == 1
            and cues.SHARE.search(before)):
        return Leaning(checked=False)
    return None


def _points_with_a_demonstrative(sentence: str) -> bool:
    """ "The government wants to bring that share below 50% by 2030.": a demonstrative
    determiner past the first word (an opening one is LEANS_BACK's), not "that" opening a
    clause ("said that prices rose") nor a time ("this year")."""
    for m in cues.DEMONSTRATIVE_INSIDE.finditer(sentence):
        if m["noun"] in cues.NOT_A_NOUN:
            continue
        if m["word"] == "that" and m["before"] not in cues.THAT_AFTER and not (
                cues.TO_VERB_BEFORE.search(sentence, 0, m.start("word"))):
            continue
        return True
    return False


_QUOTATION = re.compile(r"[\"“‘']")


def _on_referent(noun: str, before: str, before_named: Sequence[Named]) -> Leaning | None:
    """How a definite noun leans on `before`: on its referent there, or for an event ("The
    move", "The announcement"), on whatever `before` reported, unless that is a remark (a
    quotation reports no event: "The announcement comes a week after ..." after a quoted
    professor is about the announcement the story opened with)."""
    if cues.REFERENT_BEFORE[noun] is None:
        if _QUOTATION.match(before):
            return None
        return Leaning(checked=False, need=NEEDS_EVENT)
    if names_referent(noun, before, before_named):
        return Leaning(checked=True, need=NEEDS_NOUN)
    return None


def names_referent(noun: str, before: str, before_named: Sequence[Named],
                   nearby: bool = True) -> bool:
    """Whether `before` names something `noun` can point at: a word of its kind in the same
    number ("a start-up" for "the company", "a 2,000 crore rupee plan" for "the plan", not
    "their own AI strategies" for "the plan"), or for a company, product or a place's
    government, a proper name ("Sarvam AI", "Alberta"). A sentence further back than the one
    right before (not `nearby`) must name it more surely: by a word of its kind that is not
    a bare scale ("20 million people" is no sum of money) and not by any proper name."""
    kind = cues.REFERENT_BEFORE[noun]
    if kind is not None and any(
            _agrees(noun, m[0]) and (nearby or m[0].lower() not in cues.SCALE_WORDS)
            for m in kind.finditer(before)):
        return True
    if not nearby or noun not in cues.NAMED_BY_A_NAME:
        return False
    # A place goes by its bare name ("Alberta", "in Texas"); "the Ministry" is no place.
    return _has_a_name(before, before_named, bare=noun in cues.PLACE_GOVERNMENTS)


def _plural(word: str) -> bool:
    word = word.lower()
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _agrees(noun: str, found: str) -> bool:
    """A singular noun points at one thing: "the plan" not at "strategies" (a plural noun
    may sum up one thing or several)."""
    return _plural(noun) or not _plural(found.split()[-1])


_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][\w&'’.-]*")
_OPENING_NAME = re.compile(r"[\"“‘'(]?(?P<word>[A-Z][\w&'’.-]*)\s+(?P<next>[a-z]+)\b")


_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)


def _has_a_name(text: str, named: Sequence[Named], bare: bool = False) -> bool:
    """Whether a sentence names an organisation, product or place: a capitalised word that
    is no country, calendar word, title or common acronym, past its first word or as its
    first word when that reads as a name (`_opens_on_a_name`); with `bare`, one without
    "the" before it."""
    if bare:  # a place inside a country is a place's name all the same ("Quebec", "Texas")
        named = [n for n in named if not names_a_place(text[n.start:n.end])]
    for m in _CAPITALISED.finditer(text, 1):
        if m.start() <= 2 and not text[:m.start()].strip("\"“‘'( "):
            continue  # the sentence's own first word, after an opening quote
        if bare and _THE_BEFORE.search(text, max(0, m.start() - 4), m.start()):
            continue
        if _is_a_name(m[0], m.start(), named):
            return True
    return _opens_on_a_name(text, named)


def _is_a_name(word: str, start: int, named: Sequence[Named]) -> bool:
    bare = word.rstrip(".").lower()
    for suffix in ("'s", "’s"):
        bare = bare.removesuffix(suffix)
    return bare not in cues.NOT_A_NAME and not any(n.start <= start < n.end for n in named)


def _opens_on_a_name(text: str, named: Sequence[Named]) -> bool:
    """A capitalised first word is a name when it is written like one ("OpenAI", "TSMC",
    "G42") or acts like one: a singular word doing what organisations and places do
    ("Samsung said ...", "Alberta has also pitched itself ..."; not "Officials said ...")."""
    m = _OPENING_NAME.match(text)
    if m is None or not _is_a_name(m["word"], m.start("word"), named):
        return False
    word = m["word"].rstrip(".")
    if any(c.isupper() or c.isdigit() for c in word[1:]):
        return True
    return not _plural(word) and m["next"] in cues.ACTS_AFTER_A_NAME


# --------------------------------------------------------------------------- quotations

def open_after(sentence: str, inside: bool) -> bool:
    """Whether a quotation is still open after `sentence` (plain: curly quotes read as '"'),
    given whether one was open before it."""
    return inside != (sentence.count('"') % 2 == 1)


def _outside_quotes(sentence: str, inside: bool) -> str:
    """The words of `sentence` outside its quotation marks (its attribution, if any)."""
    parts = sentence.split('"')
    return " ".join(parts[1 if inside else 0::2])


def attributes(sentence: str, inside: bool = False) -> bool:
    """Whether `sentence` quotes someone and says who: a quotation mark and a verb of saying
    outside the quotation ("…," said a minister from Ghana. / Dr Tijani said: "…")."""
    return '"' in sentence and cues.SPEECH_VERB.search(
        _outside_quotes(sentence, inside)) is not None


def wholly_quoted(sentence: str) -> bool:
    """A sentence that is all quotation, with no one named as saying it: "The next step is
    to leave with a cheque." """
    body = sentence.strip()
    return (body.startswith('"') and body.rstrip(")]").endswith('"') and body.count('"') == 2)


def introduces_quote(sentence: str) -> bool:
    """ "Technology Secretary Liz Kendall said:": a line that hands over to the quotation in
    the paragraph after it."""
    lead = sentence.rstrip()
    # (It ends on the colon: decided without the search, 8 us a sentence, for most.)
    return lead.endswith(":") and cues.SPEECH_LEAD.search(lead) is not None and (
        '"' not in sentence)


def leans_as_quote(sentence: str, inside: bool, before: str, before_inside: bool,
                   before_open: bool, same_block: bool) -> Leaning | None:
    """Whether `sentence` goes on with a quotation `before` opened or attributed: it starts
    inside a quotation still open (in its paragraph, or reopened by the mark that opens the
    next paragraph of a long quotation), it is all quotation right after a sentence that
    attributed one, or it is the paragraph after "X said:"."""
    if inside and same_block:
        return Leaning(checked=True, need=NEEDS_QUOTE)
    if before_open and not same_block and sentence.startswith('"'):
        return Leaning(checked=True, need=NEEDS_QUOTE)
    if not before_open and wholly_quoted(sentence) and attributes(before, before_inside):
        return Leaning(checked=True, need=NEEDS_QUOTE)
    if not same_block and introduces_quote(before):
        return Leaning(checked=True, need=NEEDS_QUOTE)
    return None
