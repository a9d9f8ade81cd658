"""From an article's blocks to statements: sentences with their countries, themes, figures.

Pure functions, no I/O. A `Statement` is one sentence at one place in one source; the
store later merges statements with the same (or near-same) wording into one `Fact` with
several citations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from briefing.extract import cues
from briefing.extract.countries import (
    NO_PLACES,
    Mention,
    PlaceContext,
    article_places,
    find_countries,
)
from briefing.extract.discourse import (
    NEEDS_QUOTE,
    SUBJECT,
    Leaning,
    Named,
    article_focus,
    dominant,
    figure_owners,
    introduces_quote,
    leans_as_quote,
    leans_on,
    name_roles,
    names_referent,
    open_after,
    referent_noun,
    subjects_of,
)
from briefing.extract.figures import (
    SHARED_CURRENCIES,
    UNSPECIFIED_DOLLAR,
    dollar_currency,
    find_figures,
    has_number_words,
    shared_currency,
    with_qualifier,
)
from briefing.extract.measures import Said, measures
from briefing.extract.sentences import split_sentences
from briefing.extract.themes import Taxonomy
from briefing.ingest.article import Article
from briefing.ingest.lines import leads_a_list
from briefing.model import Figure
from briefing.text import collapse, norm_key, plain

# Editorial asides ("First, let's take a look ...") state nothing.
_ASIDE = re.compile(r"^(?:\w+,\s+)?(?:let's|let’s|let us)\b", re.I)
MIN_WORDS = 5
#: A quotation's opening sentence this short says nothing on its own.
QUOTE_FRAGMENT_WORDS = 10
#: A headline or heading says what its text is about as much as this many sentences do.
HEADLINE_WEIGHT = 3


# Not frozen: mypyc builds a frozen dataclass with its interpreted __init__ (3% of extraction).
@dataclass(slots=True)
class Statement:
    """A sentence (or list item) of an article, as found at one place in one file."""

    text: str
    """Whitespace-collapsed text of the file at [start, end)."""
    start: int
    end: int
    countries: tuple[str, ...]
    """What it is about (subjects), sorted."""
    themes: tuple[str, ...]
    figures: tuple[Figure, ...]
    heading: str | None
    position: int
    block_start: int
    block_end: int
    """The paragraph it sits in, shown as context in the TUI."""
    mentions: tuple[str, ...] = ()
    """Countries it names only in passing, sorted."""
    compared: tuple[str, ...] = ()
    """Those of `countries` it is about only as comparators, sorted: they own a figure it
    sets against its leads' ("compared with 1.1% in Singapore"); the rest are its leads."""

    @property
    def leads(self) -> tuple[str, ...]:
        """The countries it is about by the discourse model (its subjects, else the
        antecedent or focus), sorted."""
        return tuple(c for c in self.countries if c not in self.compared)

    @property
    def key(self) -> str:
        return norm_key(self.text)


def _opens_a_quote(text: str) -> bool:
    """A sentence that opens a quotation and does not close it."""
    flat = plain(text)
    return flat.startswith('"') and flat.count('"') % 2 == 1


def is_statement(text: str, kind: str, excerpt_end: bool, block_end: bool = False) -> bool:
    """Whether a sentence states something: long enough, not a question or a bare lead-in,
    and not the cut-off tail of a teaser. A lead-in that says something itself ("The policy
    is structured around six key pillars:", `leads_a_list`) is a statement; so is the last
    sentence of a block that another block follows (`block_end`) ending on a comma or
    semicolon: the layout cut it ("NIS 120 million is earmarked for this initiative," above
    a heading)."""
    stripped = text.rstrip("\"'”’)] ")
    if len(text.split()) < MIN_WORDS or stripped.endswith(("?", "？")):
        return False
    if stripped.endswith(":") and not leads_a_list(stripped):
        return False
    if _ASIDE.match(text):
        return False
    if _opens_a_quote(text) and len(text.split()) < QUOTE_FRAGMENT_WORDS:
        return False  # “Our ambition is very clear. …: the start of a quotation, alone
    if stripped.endswith(("-", "–", "—")) or (stripped.endswith((",", ";")) and not (
            block_end and not excerpt_end)):
        return False
    return not (excerpt_end and kind != "item" and not stripped.endswith((".", "!", "…", "。")))


#: The fewest words a short statement of a country's rank or figure has ("Japan ranks second.")
BRIEF_WORDS = 3


def states_briefly(text: str, named: list[Named]) -> bool:
    """A sentence too short for `is_statement` that still states something: a country it is
    about with a rank or a figure ("Japan ranks second.", "Kenya grew 5%.")."""
    words = len(text.split())
    if not BRIEF_WORDS <= words < MIN_WORDS or not text.rstrip("\"'”’)] ").endswith(
            (".", "!", "。")):
        return False
    if not any(n.role == SUBJECT for n in named):
        return False
    flat = plain(text)
    return bool(_ranks(flat.lower()) or find_figures(flat, True)
                or _country_then_verb(flat, named))


# What may stand before a short statement's country ("The UK lags behind."), and the words
# after a country that carry on its name, not a verb ("Japan and Korea.", "Kenya of old.").
_BRIEF_OPENERS = ("", "the")
_NOT_A_VERB = frozenset(("and", "or", "of", "in", "on", "at", "for", "to", "from", "with", "by",
                         "as", "than", "the", "a", "an"))


def _country_then_verb(flat: str, named: list[Named]) -> bool:
    """A short sentence that opens on the country it is about and goes on with a lower-case
    word (its verb: "Singapore uses voluntary frameworks.", "India joins the race."). Site
    furniture never has that shape: "Read more." names no country, and a publisher's name
    ("Kenya News Agency.", "China Daily reported.") goes on with a capital."""
    first = next((n for n in named if n.role == SUBJECT), None)
    if first is None or flat[:first.start].strip().lower() not in _BRIEF_OPENERS:
        return False
    after = flat[first.end:].split(None, 1)
    word = after[0].rstrip(".,!") if after else ""
    return word.isalpha() and word.islower() and word not in _NOT_A_VERB


class _Sentence:
    """A sentence on its way to a statement: where it is and what it names. A plain class,
    not a dataclass: compiled, its constructor and fields are native (one is made per
    sentence of the corpus)."""

    __slots__ = ("_figures", "about", "before", "block", "end", "flat", "heading", "inside",
                 "leaning",
                 "matchable", "named", "number_words", "open", "question", "section", "standards",
                 "start", "states", "themes", "voiced")

    def __init__(self, block: int, start: int, end: int, flat: str, matchable: str,
                 named: list[Named], themes: tuple[str, ...] | None, section: int,
                 states: bool, number_words: bool = True) -> None:
        self.block = block
        self.start = start
        self.end = end
        self.flat = flat
        self.matchable = matchable
        self.named = named
        # None for a sentence that states nothing (not matched: it rarely counts).
        self.themes = themes
        self.section = section
        self.states = states  # a statement on its own (`is_statement`)
        # Its paragraph may hold numbers written as words ("nine companies").
        self.number_words = number_words
        # Whom it is about, once the discourse model has read it (subjects or antecedent).
        self.about: tuple[str, ...] = ()
        # Subjects it names only as the standard of a comparison (`_standards`).
        self.standards: tuple[str, ...] = ()
        # How it leans on the sentence before it (`_link`), once read; None: it stands alone.
        self.leaning: Leaning | None = None
        self.heading: str | None = None  # the heading it is under
        # A quotation is open when it starts (`inside`) and when it ends (`open`), counted
        # within its paragraph.
        self.inside = False
        self.open = False
        self.question = False  # in an interview's question (`_questions`): never a fact
        self.voiced = False  # in the paragraph a line such as "X said:" hands over to
        self._figures: tuple[Figure, ...] | None = None
        # The sentence right before it, whose counted noun it may leave out ("Texas has 157
        # data centers under construction. Virginia has 141 under construction.").
        self.before: _Sentence | None = None

    @property
    def figures(self) -> tuple[Figure, ...]:
        if self._figures is None:  # found once, though a sentence may be quoted twice
            # Sentences with numbers before it first, in order (a loop, not recursion: a
            # table's rows may run to thousands).
            run: list[_Sentence] = []
            at: _Sentence | None = self
            while at is not None and at._figures is None:
                run.append(at)
                at = at.before if _has_digit(at.flat) else None
            for u in reversed(run):
                b = u.before
                context = (b.flat, b._figures) if b is not None and b._figures else None
                u._figures = find_figures(u.flat, u.number_words, context)
        return self._figures or ()  # (set by the loop: the run ends on this sentence)


_A_DIGIT = re.compile(r"[0-9]")


def _has_digit(text: str) -> bool:
    return _A_DIGIT.search(text) is not None


class _Heading:
    __slots__ = ("named", "section", "text", "themes")

    def __init__(self, text: str, named: list[Named], section: int,
                 themes: tuple[str, ...] = ()) -> None:
        self.text = text
        self.named = named
        self.section = section
        self.themes: tuple[str, ...] | None = themes


def extract_statements(article: Article, taxonomy: Taxonomy) -> list[Statement]:
    """Every statement of an article, each with its subjects and mentions (see
    `discourse`), its themes (the section's or article's main theme when it has none of its
    own), and its figures with their owners. A sentence that leans on the one before
    ("This data shows ...") is quoted with it, and every sentence is in one statement at
    most: a chain of dependents too long for one quote is cut into consecutive quotes
    (`_quotes`)."""
    # A name two places share ("Georgia", "Victoria") is read with the whole article.
    places = article_places(plain(article.text))
    units = _read_units(article, taxonomy, places)
    sentences = [u for u in units if isinstance(u, _Sentence)]
    title = [] if article.source.title == Path(article.source.path).stem else _roles(
        plain(article.source.title), places)
    dateline = [m.code for m in find_countries(plain(article.place or ""), places)]
    first_block = sentences[0].block if sentences else -1
    lede = [u.named for u in sentences if u.block == first_block][:2]
    body = [u.named for u in sentences if u.block != first_block]
    focus = article_focus(title, dateline, lede, body)
    main_theme = _MainThemes(units, taxonomy.match(plain(article.source.title)) if title else ())
    per_block: dict[int, int] = {}  # sentences per paragraph
    for u in sentences:
        per_block[u.block] = per_block.get(u.block, 0) + 1

    heading: str | None = None
    # The section's focus: the article's, or under a heading naming countries, theirs (a
    # report's section on Nigeria is not about the Kenya its title names).
    scope = last = topic = local = focus
    carried: tuple[str, ...] = ()  # a round-up's country a new paragraph may go on with
    general = False  # this paragraph has turned to countries in general
    previous: _Sentence | None = None
    said: list[_Sentence] = []  # the sentences of this section so far
    chains: list[list[_Sentence]] = []  # runs of sentences each leaning on the one before
    for unit in units:
        if isinstance(unit, _Heading):
            heading = unit.text
            local = scope = last = subjects_of(unit.named, focus) or focus
            previous = None
            said = []
            continue
        own = subjects_of(unit.named, local)  # whom it names as its subjects, read once
        lower = unit.matchable.lower()  # the sentence lowered once for every cue below
        # A subject only as the standard the sentence measures its own subject against ("The
        # package exceeds Japan's ¥3.9 trillion programme"): in the fact (it owns a figure)
        # but not whom it is about, so the antecedent or focus still applies.
        unit.standards = _standards(unit, own, lower) if own and (
            unit.figures or _multiple_standard(lower)
            or " times " in unit.matchable) else ()
        if unit.standards:
            own = tuple(c for c in own if c not in unit.standards)
        # A sentence naming a country as a place or an addressee (`Named.soft`: "Mr Lammy
        # travelled to New Delhi, where he met Prime Minister Narendra Modi") and none as its
        # actor (only makers and counterparts besides) is also about whom it would be about
        # without them: the traveller's country.
        placed: tuple[str, ...] = ()
        if own and any(n.soft for n in unit.named) and all(
                n.role != SUBJECT for n in unit.named):
            placed, own = own, ()
        spoken = last  # the countries the sentence before was about, past a paragraph break
        if previous is None or previous.block != unit.block:
            # A new paragraph: "the government" there is the section's country again, not
            # a comparator the paragraph before ended on; unless the section is about several
            # countries or none (a round-up going country by country: "The UK ranked third
            # ... ¶ The country is home to DeepMind"), where "the country" or "the
            # government" opening the paragraph is the one just talked about.
            topic = own or scope  # what the paragraph opens with
            general = False
            carried = last if len(scope) != 1 else ()
            last = scope
        countries = own
        if carried and not own and cues.COUNTRY_REFERENT.search(lower):
            last = carried
        carried = ()
        if countries and _refers_back(lower, unit.named, opening=True):
            # "The country's $300 billion wealth fund is backing chips made in Taiwan":
            # opening on the antecedent, the sentence is about it too.
            countries = tuple(dict.fromkeys([*_fitting(last, local), *countries]))
            last = countries
        elif countries:
            last = countries
        elif cues.GROUP_SUBJECT.match(lower):
            # "The six GCC states spent ...", "The Gulf states will remain dependent ...": about
            # the group its subject names, not the countries talked about before.
            countries = last = ()
        elif unit.named and _refers_back(lower, unit.named, opening=True):
            # "The country partnered with nine other countries, including Germany": opening
            # on the antecedent and naming others only in passing, it is about the antecedent
            # however it goes on about countries in general.
            countries = _fitting(last, local) or _fitting(topic, local)
        elif _sums_up(lower, last):
            # "these countries have all launched ...", "the two countries have declined ...":
            # the countries the sentence before was about.
            countries = last
        elif _sums_up(lower, local, counted=True):
            # "the two countries", "both nations" in a story about two: those two, though
            # the sentence before was about one of them.
            countries = local
        elif not own and _sums_up(lower, spoken, counted=True):
            # "The two governments plan a joint fund ..." opening a paragraph after one about
            # India and Brazil: those two, though the story's focus is one of them.
            countries = last = spoken
        elif _talks_of_countries(lower):
            # Talk turns to countries in general: not about the story's one.
            countries = last = ()
            scope = topic = local
            general = True
        elif _refers_back(lower, unit.named):
            # "the government", "its": the nearest antecedent, the story's own country when
            # that was one of several just named. In a paragraph about the world a bare "its"
            # ("shaping technology and its impact") points at no country; "the government"
            # still does.
            countries = _fitting(last, local) or (
                () if general and not cues.COUNTRY_REFERENT.search(lower)
                else _fitting(topic, local))
        elif general:
            # "These countries exemplify the global effort ... As AI continues to evolve,
            # international collaboration will ...": the paragraph goes on about the world
            # until a sentence names a country or points at one ("the government").
            countries = ()
        else:
            countries = _fitting(topic, local)
        if placed:
            countries = tuple(dict.fromkeys([*countries, *placed]))
        unit.about = countries
        unit.heading = heading
        unit.leaning = _link(article, unit, previous, per_block)
        if unit.leaning is None and not own and countries:
            # "The bill passed with 210 votes" two sentences after a sentence on another
            # country's law: not joined to that one, but about the country whose bill it is.
            unit.about = _referent_about(unit, said) or countries
        if unit.leaning is None:
            chains.append([unit])
        else:
            chains[-1].append(unit)
        said.append(unit)
        previous = unit

    out: list[Statement] = []
    for chain in chains:
        for part in _quotes(chain):
            while part and not part[-1].states and not _goes_on_quoting(part[-1]):
                part.pop()  # a fragment after the statement is no row ("It is big.")
            if not any(u.states for u in part) or not _whole_quotation(part):
                continue
            unit = part[-1]
            out.append(_statement(article, unit, part[:-1], unit.about, focus, taxonomy,
                                  unit.heading, main_theme, len(out)))
    return out


# Words every match of MULTIPLE_STANDARD holds, tested first: its search tries every
# character of the sentence (6 us a sentence), and most sentences hold none.
_MULTIPLE_WORDS = ("times", "twice", "double", "triple", "fraction", "half", "third",
                   "quarter", "fifth", "tenth", "twentieth", "hundredth")


def _multiple_standard(lower: str) -> bool:
    """`cues.MULTIPLE_STANDARD` in a sentence (lowercased): "four times what Germany has"."""
    return any(w in lower for w in _MULTIPLE_WORDS) and (
        cues.MULTIPLE_STANDARD.search(lower) is not None)


def _goes_on_quoting(unit: _Sentence) -> bool:
    """A sentence that goes on with a quotation (its closing words, its speaker: "In Delhi
    we were at the table," said a minister.): a quote ending before it would leave the
    quotation open or unattributed."""
    return unit.leaning is not None and unit.leaning.need == NEEDS_QUOTE


def _whole_quotation(part: list[_Sentence]) -> bool:
    """Whether a quote holds every quotation it shows whole: it does not start inside one or
    cut from its speaker (a long remark cut by MAX_JOINED_WORDS), nor end with one open. A
    statement never has unbalanced quotation marks."""
    return not (part[0].inside or _goes_on_quoting(part[0]) or part[-1].open)


#: How far back (in sentences of the same section) the referent of a definite noun that
#: leans on nothing is looked for, to know whom the sentence is about.
REFERENT_REACH = 6


def _referent_about(unit: _Sentence, earlier: list[_Sentence]) -> tuple[str, ...]:
    """Whom the sentence naming the referent of `unit`'s definite noun is about (the nearest
    within REFERENT_REACH sentences that names one of its kind: "passed a bill" for "The
    bill"), or () when there is none. A sentence pointing at the same noun itself ("The plan
    compares with Japan ...") is no referent: the search goes on past it."""
    noun = referent_noun(unit.matchable)
    if noun is None:
        return ()
    for before in reversed(earlier[-REFERENT_REACH:]):
        if referent_noun(before.matchable) == noun:
            continue
        if names_referent(noun, before.matchable, before.named, nearby=False):
            return before.about
    return ()


def _quotes(chain: list[_Sentence]) -> list[list[_Sentence]]:
    """A chain of sentences, each leaning on the one before, cut into consecutive quotes of
    at most MAX_JOINED_WORDS words (a longer sentence is a quote of its own): one sentence,
    one quote. As few quotes as fit, cut before the sentences that need their antecedent
    least (`Leaning.need`: "The company aims ..." over "It has ..."), and on a tie as late
    as possible (the story's opening sentence keeps its dependents)."""
    if len(chain) == 1:
        return [chain]
    words = [len(u.flat.split()) for u in chain]
    n = len(chain)
    # best[i]: the best cut of chain[i:] as (quotes, need of the sentences cut from their
    # antecedent, each quote's length negated in order): the smallest is best.
    best: list[tuple[int, int, tuple[int, ...]]] = [(0, 0, ())] * (n + 1)
    for i in range(n - 1, -1, -1):
        choice: tuple[int, int, tuple[int, ...]] | None = None
        size = 0
        for j in range(i + 1, n + 1):  # the first quote is chain[i:j]
            size += words[j - 1]
            if j > i + 1 and size > cues.MAX_JOINED_WORDS:
                break
            quotes, need, order = best[j]
            leaning = chain[j].leaning if j < n else None
            cut = 0 if leaning is None else leaning.need
            candidate = (quotes + 1, need + cut, (i - j, *order))
            if choice is None or candidate < choice:
                choice = candidate
        assert choice is not None
        best[i] = choice
    parts, at = [], 0
    for length in best[0][2]:
        parts.append(chain[at:at - length])
        at -= length
    return parts


class _MainThemes:
    """The theme most sentences of a section (else of the article) carry, its heading (else
    the headline) counting as HEADLINE_WEIGHT sentences."""

    def __init__(self, units: list[_Sentence | _Heading], title_themes: tuple[str, ...]
                 ) -> None:
        self.groups: dict[int, list[tuple[str, ...]]] = {}
        everything = [title_themes] * HEADLINE_WEIGHT
        for u in units:
            if u.themes is None:
                continue
            weight = HEADLINE_WEIGHT if isinstance(u, _Heading) else 1
            self.groups.setdefault(u.section, []).extend([u.themes] * weight)
            if isinstance(u, _Sentence):
                everything.append(u.themes)
        self.article = dominant(everything)
        self.found: dict[int, str | None] = {}

    def of(self, section: int) -> str | None:
        if section not in self.found:  # most sections never ask
            self.found[section] = dominant(self.groups.get(section, [])) or self.article
        return self.found[section]


def _refers_back(lower: str, named: list[Named], opening: bool = False) -> bool:
    """Whether a sentence (lowercased) points back at a country already talked about ("the
    government", "its", "the country's"; with `opening`, as its first words), not at one it
    names itself: "the Czech Republic", "the United Kingdom", "the European Union" read like
    "the republic", "the kingdom", "the union", yet a sentence naming them is about them."""
    found = cues.REFERRING.match(lower) if opening else cues.REFERRING.search(lower)
    while found is not None:
        a, b = found.span()
        if not any(n.start < b and a < n.end for n in named):
            return True
        if opening:
            return False
        found = cues.REFERRING.search(lower, b)
    return False


_PLURAL_NOUNS = ("countries", "nations", "economies", "governments")


def _talks_of_countries(lower: str) -> bool:
    """Whether a sentence (lowercased) turns to countries in general (`cues.GENERIC`): not
    as the destination of what its subject does ("sold to most countries")."""
    if not any(w in lower for w in _PLURAL_NOUNS):
        return False  # the common case, decided without a regex (GENERIC's words)
    return any(cues.GENERIC_OBJECT_BEFORE.search(lower, max(0, m.start() - 40), m.start())
               is None for m in cues.GENERIC.finditer(lower))


def _sums_up(lower: str, last: tuple[str, ...], counted: bool = False) -> bool:
    """Whether a sentence (lowercased) points back at several countries just talked about
    ("these countries", "both nations", "the two countries" after a sentence about two);
    with `counted`, only by words that say how many ("both", "the two", "the countries'"
    for two), not "these countries" (which may sum up a list named in passing)."""
    if len(last) < 2 or not any(w in lower for w in _PLURAL_NOUNS):
        return False  # the common case, decided without a regex
    found = cues.PLURAL_REFERENT.search(lower)
    if found is None:
        return False
    count = found["count"]
    if count is not None:
        return cues.REFERENT_COUNT[count] == len(last)
    if found[0].startswith(("these", "those")):
        return not counted
    return len(last) == 2


def _standards(unit: _Sentence, own: tuple[str, ...], lower: str) -> tuple[str, ...]:
    """The subjects a sentence names only as the standard of a comparison: every naming of
    each comes after a `cues.COMPARISON_STANDARD` word in its clause, and one of them owns
    a figure ("The fund is smaller than the $6 billion the United States spends"; not
    "Australia spends 0.4%, compared with 1.1% in Singapore", where Australia comes first).
    `lower` is the sentence's matchable text lowered."""
    if " times " in lower:
        # "..., while India has roughly 60 times more": after a country named first.
        later = [c for c in own[1:] if all(
            cues.ELLIPTICAL_MULTIPLE.match(lower, n.end) for n in unit.named if n.code == c)]
        if later and unit.named[0].code not in later:
            return tuple(later)
    multiple = cues.MULTIPLE_STANDARD.search(lower) is not None
    if not multiple and cues.COMPARISON_STANDARD.search(lower) is None:
        return ()
    figures = unit.figures
    owners = figure_owners(unit.matchable, unit.named, own, [f.start for f in figures],
                           [f.start + len(f.text) for f in figures])
    owning = {o for f, o in zip(figures, owners, strict=True) if o and f.kind != "year"}
    after = [c for c in own if all(_after_standard(lower, n.start, multiple)
                                   for n in unit.named if n.code == c)]
    if multiple and after:
        # "about four times what Germany has announced", "a fraction of Brazil's": a
        # multiple or a fraction of what another has is the standard, figure or none.
        return tuple(after)
    # Another standard of the same comparison, though it owns no figure the sentence reads:
    # "smaller than the $6 billion the United States spends, and about half of what the UK
    # has committed".
    return tuple(after) if any(c in owning for c in after) else ()


def _after_standard(lower: str, at: int, multiple: bool = False) -> bool:
    """Whether a comparison's standard word (with `multiple`, also a multiple or a fraction:
    `cues.MULTIPLE_STANDARD`) comes before `at` in its clause."""
    opens = 0
    for m in cues.COMPARISON_CLAUSE_BREAK.finditer(lower, 0, at):
        opens = m.end()
    return cues.COMPARISON_STANDARD.search(lower, opens, at) is not None or (
        multiple and cues.MULTIPLE_STANDARD.search(lower, opens, at) is not None)


def _fitting(antecedent: tuple[str, ...], focus: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c for c in antecedent if c in focus) or antecedent


def _roles(text: str, places: PlaceContext) -> list[Named]:
    """`name_roles` of a plain text, shared place names read with the article (`places`)."""
    return name_roles(text, find_countries(text, places))


def _read_units(article: Article, taxonomy: Taxonomy,
                places: PlaceContext = NO_PLACES) -> list[_Sentence | _Heading]:
    """Headings and sentences in order, with the countries each names and their roles."""
    text = article.text
    units: list[_Sentence | _Heading] = []
    section = 0
    blocks = article.blocks
    questions = _questions(article)
    for b_index, block in enumerate(blocks):
        if b_index == 0 and _kicker(article):
            continue  # "UK" printed above the headline: the site's section, not the story's
        if block.kind == "heading" and not introduces_quote(plain(text[block.start:block.end])):
            # (A line such as "Technology Secretary Liz Kendall said:" may have been read as
            # a label: it is the first sentence of the quotation it hands over to.)
            heading = collapse(text[block.start:block.end]).lstrip("# ").strip()
            section += 1
            units.append(_Heading(heading, _roles(plain(heading), places), section,
                                  taxonomy.match(plain(heading))))
            continue
        spans = split_sentences(text, block.start, block.end)
        # One scan of the paragraph tells which sentences name a country at all.
        paragraph = text[block.start:block.end]
        mentions = find_countries(plain(paragraph), places)
        worded = has_number_words(paragraph)
        inside = False  # within a quotation, counted from the paragraph's start
        asked = b_index in questions
        for n, (s, e) in enumerate(spans):
            flat = collapse(text[s:e])
            matchable = plain(flat)
            lo, hi = s - block.start, e - block.start
            own = [m for m in mentions if lo <= m.start and m.end <= hi]
            if own and len(flat) == e - s:  # same offsets: no need to scan again
                # (The constructor: NamedTuple._replace goes through a dict, 5x slower.)
                own = [Mention(m.code, m.start - lo, m.end - lo, m.text, m.place, m.seat)
                       for m in own]
                named = name_roles(matchable, own)
            else:
                named = _roles(matchable, places) if own else []
            is_last = article.excerpt and b_index == len(blocks) - 1 and n == len(spans) - 1
            # A block's last sentence ends where its layout cut it, unless the text ends
            # there too (an excerpt cut off mid-sentence).
            cut = n == len(spans) - 1 and b_index < len(blocks) - 1
            states = not asked and (is_statement(flat, block.kind, is_last, cut)
                                    or states_briefly(flat, named))
            unit = _Sentence(b_index, s, e, flat, matchable, named,
                             taxonomy.match(matchable) if states else None, section, states,
                             worded)
            unit.inside, unit.question = inside, asked
            inside = unit.open = open_after(matchable, inside)
            if units and isinstance(units[-1], _Sentence):
                unit.before = units[-1]
            units.append(unit)
    return units


#: The most words a section label above a headline has ("UK", "World news", "Tech").
KICKER_WORDS = 3


def _kicker(article: Article) -> bool:
    """Whether the article's first block is a news site's section label printed above the
    headline ("UK" / "Lammy hails new India-UK deal ..."): a short heading that the headline
    follows. It names no section of the story (a story about the UK and India is not under
    a heading about the UK)."""
    blocks, title = article.blocks, article.source.title
    if not blocks or blocks[0].kind != "heading" or not title:
        return False
    first = blocks[0]
    if len(article.text[first.start:first.end].split()) > KICKER_WORDS:
        return False
    after = article.text[first.end:blocks[1].start if len(blocks) > 1 else len(article.text)]
    return collapse(after).strip().startswith(collapse(title).strip()[:60])


def _questions(article: Article) -> set[int]:
    """The blocks that put an interview's questions (indices): in an article with at least
    MIN_QUESTIONS of them, a paragraph labelled "Q:" or "Question:", or one wholly in bold or
    italic that ends on a question mark ("**You've committed more than S$1 billion to AI.
    What has that bought so far?**"). Its premise is the interviewer's, not a fact of the
    source. A bold question read as a heading counts towards the shape."""
    text = article.text
    found: set[int] = set()
    shape = 0
    for n, block in enumerate(article.blocks):
        body = plain(text[block.start:block.end]).strip()
        label = cues.QA_LABEL.match(body)
        if label is not None:
            if label["label"].lower() in ("q", "question"):
                found.add(n)
                shape += 1
            continue
        if not body.rstrip(_CLOSING).endswith(("?", "？")):
            continue
        # Its emphasis markers lie just outside its span (`corpus._emphasis_off`).
        if block.start and text[block.start - 1] in "*_" and text[block.end:block.end + 1] in (
                "*", "_"):
            shape += 1
            if block.kind == "paragraph":
                found.add(n)
    return found if shape >= cues.MIN_QUESTIONS else set()


#: How the sentence before a dependent one must end to be its antecedent: as a statement.
_SENTENCE_ENDS = (".", "!", "…", "。")
_CLOSING = "\"'”’)] "


def _link(article: Article, unit: _Sentence, previous: _Sentence | None,
          per_block: dict[int, int]) -> Leaning | None:
    """How this sentence leans on the one right before it (`discourse.leans_on`), if it only
    makes sense with it: it opens with a pronoun or demonstrative ("This data shows ...",
    "It will ...", "Of this, ...", "Each team ...", "Together they ..."), a definite noun for
    something just named ("The law takes effect in 2027"), or is short and points back from
    inside ("Lawmakers said they will back it."). Across a paragraph break, a pointer leans
    back only on a paragraph of one sentence, as on news pages that give each sentence its
    own ("This" after a longer paragraph points at all of it; "These countries ..." opening a
    longer one may sum up the whole story); a definite noun leans on the sentence that names
    its referent wherever it stands."""
    if previous is None:
        return None
    if not article.text[previous.end:unit.start].isspace():
        return None  # something was left out between them: not one quote
    if previous.question != unit.question:
        return None  # an interview's question and its answer are never one statement
    same_block = previous.block == unit.block
    quoted = leans_as_quote(unit.matchable, unit.inside, previous.matchable, previous.inside,
                            previous.open, same_block)
    if quoted is None and same_block and previous.voiced:
        quoted = Leaning(checked=True, need=NEEDS_QUOTE)  # the rest of the quoted paragraph
    if quoted is not None:
        unit.voiced = previous.voiced if same_block else introduces_quote(previous.matchable)
        return quoted
    if not previous.matchable.rstrip(_CLOSING).endswith(_SENTENCE_ENDS):
        return None  # a question, a lead-in ("as follows:"), a label or caption: no antecedent
    same_subject = bool(unit.about) and unit.about == previous.about
    leaning = leans_on(unit.matchable, previous.matchable, previous.named, same_subject)
    if leaning is None or previous.block == unit.block:
        return leaning
    blocks = article.blocks
    if blocks[previous.block].kind != "paragraph" or blocks[unit.block].kind != "paragraph":
        return None  # a list item leans on its list's lead-in, not on one sentence
    if not leaning.checked and (per_block.get(previous.block, 0) > 1 or (
            per_block.get(unit.block, 0) > 1 and cues.PLURAL_BACK.match(unit.matchable))):
        # A pointer reaches back over a break only to a paragraph of one sentence, and one
        # to several things only from a paragraph of one sentence too (as on pages giving
        # each sentence its own): otherwise "These countries ..." may sum up more than one.
        return None
    return leaning


# A figure followed by "each" or "apiece" is every subject's: "Brazil and Canada have spent
# about 12 per cent each" is no more Canada's than Brazil's.
_EACH_AFTER = re.compile(r"[ ,]*(?:each|apiece)\b", re.I)


# A word each `cues.RANKING` match holds: most sentences are ruled out without its search,
# which tries every character.
_RANKING_WORDS = ("rank", "place", "top", "followed", "ahead", "behind", "share", "lead",
                  "trail")


def _ranks(lower: str) -> bool:
    """Whether a sentence (lowercased) ranks or compares ("the top five", "behind")."""
    return any(w in lower for w in _RANKING_WORDS) and cues.RANKING.search(lower) is not None


def _in_currency(figure: Figure, owner: str | None, focus: tuple[str, ...]) -> Figure:
    """A figure in a bare "$" in the currency of whom it and its article are about
    (`dollar_currency`: "$2.4 billion" in a story about Canada is CAD), and a currency name
    several countries share likewise (`shared_currency`: "1.2 billion pesos" of Argentina)."""
    if figure.unit in SHARED_CURRENCIES:
        return Figure(figure.text, figure.kind, figure.value,
                      shared_currency(figure.unit, owner, focus), figure.start)
    if figure.unit != UNSPECIFIED_DOLLAR:
        return figure
    return Figure(figure.text, figure.kind, figure.value, dollar_currency(owner, focus),
                  figure.start)


def _statement(article: Article, unit: _Sentence, joined: list[_Sentence],
               countries: tuple[str, ...], focus: tuple[str, ...], taxonomy: Taxonomy,
               heading: str | None, main_theme: _MainThemes, position: int) -> Statement:
    start, named, themes, figures = unit.start, unit.named, unit.themes or (), unit.figures
    flat, matchable = unit.flat, unit.matchable
    if joined:
        # One quote of several sentences: their texts joined by the one space between them
        # (checked in _link), each one's names and figures shifted into place.
        start = joined[0].start
        parts = [*joined, unit]
        flat, matchable = " ".join(u.flat for u in parts), " ".join(u.matchable for u in parts)
        named, shifted, shift = [], [], 0
        for u in parts:
            named += [Named(n.code, n.start + shift, n.end + shift, n.role, n.modifier)
                      for n in u.named]
            shifted += [Figure(f.text, f.kind, f.value, f.unit, f.start + shift)
                        for f in u.figures]
            shift += len(u.flat) + 1
        figures = tuple(shifted)
        themes = tuple(sorted({t for u in parts for t in (
            taxonomy.match(u.matchable) if u.themes is None else u.themes)}))
        # Whom each sentence is about, as the discourse model read it alone: "QIA backed
        # Anthropic. The move is part of wider efforts by Gulf countries." is about Qatar.
        countries = tuple(dict.fromkeys([*(c for u in joined for c in u.about), *countries]))
    # Whom the fact leads on, as the discourse model read it; the standards of its
    # comparisons and (below) the owners of its figures are in it too, as comparators.
    leads = set(countries)
    standards = [c for u in (*joined, unit) for c in u.standards if c not in leads]
    if standards:
        countries = tuple(dict.fromkeys([*countries, *standards]))
    kinds = {f.kind for f in figures}
    extra = set(taxonomy.for_figures(kinds, matchable)) if kinds else set()
    main = main_theme.of(unit.section)
    if main and main not in themes and (
            (not themes and (countries or kinds - {"year"})) or _ranks(matchable.lower())):
        extra.add(main)  # "Germany and France filled out the top five": its section's theme
    if extra - set(themes):
        themes = tuple(sorted({*themes, *extra}))
    if figures:
        owners = figure_owners(matchable, named, countries, [f.start for f in figures],
                               [f.start + len(f.text) for f in figures])
        owners = [None if len(countries) > 1 and _EACH_AFTER.match(matchable, f.start + len(
            f.text)) else o for f, o in zip(figures, owners, strict=True)]
        # A country that owns a figure the sentence states is a subject of the fact, though
        # it is named as a comparator: "far ahead of the US, its closest rival, which has
        # filed about 6,300 patents" is about the US too (its mention goes). A year is no
        # country's figure ("funded by France 2030", "between 2021 and 2022").
        owning = {n.code for n in named} & {o for f, o in zip(figures, owners, strict=True)
                                            if o is not None and f.kind != "year"}
        if not owning <= set(countries):
            countries = tuple(dict.fromkeys([*countries, *sorted(owning)]))
        figures = tuple(_in_currency(f, o, focus) for f, o in zip(figures, owners, strict=True))
        said = Said(flat, tuple(sorted(countries)), tuple(figures), article.source.date)
        # Read as the number alone, each is shown with its qualifier ("fewer than 6,000
        # applications"): a table that drops it says something the source does not.
        figures = tuple(with_qualifier(flat, Figure(f.text, f.kind, f.value, f.unit, f.start, o, m))
                        for f, o, m in zip(figures, owners, measures(said), strict=True))
    block = article.blocks[unit.block]
    return Statement(
        text=flat, start=start, end=unit.end, countries=tuple(sorted(countries)),
        themes=themes, figures=figures, heading=heading, position=position,
        block_start=min(block.start, start), block_end=block.end,
        mentions=tuple(sorted({n.code for n in named} - set(countries))),
        compared=tuple(sorted(set(countries) - leads)),
    )
