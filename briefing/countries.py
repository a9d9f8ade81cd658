"""Countries: the mentions in article text, and the names users type.

Every country is an ISO 3166 alpha-2 code, plus `EU` for the European Union. pycountry gives
the full ISO list; `data/countries.yaml` adds what news writes (aliases, abbreviations,
demonyms, capitals) and the display names. Article text is matched with one compiled regex
(a trie of every surface form, longest first, word-bounded); user input goes through exact
codes, an alias table, then rapidfuzz.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

import pycountry
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from briefing.errors import UnknownName
from briefing.resources import data_dir
from briefing.yamlio import load_yaml

EU = "EU"

# Misspelt names in article text: a capitalised word of at least this many letters that scores
# this well (rapidfuzz ratio) against a country word, with no other country within the tie
# margin. Measured on ~12,000 capitalised words from English text: at 85 and five letters,
# real words such as "Portal", "Panorama" and "Javanese" were taken for countries.
_TYPO_MIN_LEN = 6
_TYPO_CUTOFF = 88.0
_TYPO_LEN_WINDOW = 2
# One swap of adjacent letters ("Isreal") scores at least this; such words are checked in full.
_SWAP_FLOOR = 60.0
# Capitalised words this long that name no country are checked for misspellings ("Chinas").
_CAPITALISED_MIN_LEN = 5
# User input: WRatio is only reliable from four characters ('UK' would hit 'Ukraine').
_QUERY_FUZZY_MIN_LEN = 4
_QUERY_CUTOFF = 80.0
_TIE_MARGIN = 2.0
# A suggestion for a name that matched nothing: only one as close as a typo ("Kenia" and
# Kenya, 80; STACK-NOTES: typos score 75-83), never a made-up name's nearest country
# ("Narnia" and Armenia 76.9, "Wakanda" and Rwanda 76.9, "Westeros" and Western Sahara
# 77.1), and only those within a few points of the best: "Korea North" suggests North
# Korea (95), not North Macedonia (82.9).
_SUGGESTION_FLOOR = 80.0
_SUGGESTION_MARGIN = 5.0
_OTHER_NAME_WEIGHT = 0.97

# Separators inside a multi-word name: any whitespace (NBSP included) or hyphen, so that
# "South\u00a0Korea" and "Guinea Bissau" match too.
_SEP_CHARS = "\\s\\-\u2010\u2011"
_SEP = f"[{_SEP_CHARS}]+"
_SEP_RUN = re.compile(_SEP)
_APOSTROPHES = "'\u2019"

# A country's adjective is also the name of its language; used as one it names no country.
# The language reading needs a shape of news English around it:
# - a word that only languages follow: "she speaks Dutch", "widely spoken Korean";
_SPOKEN_BEFORE = re.compile(r"\b(?i:speak|speaks|speaking|spoke|spoken)\s+$")
# - a word that languages follow, then nothing noun-like: "published in Portuguese.",
#   "translated into Japanese by", "answers in English and Korean", "in German, French and
#   Italian" (a list of capitalised words shares the reading), but not "in Portuguese firms";
_LANGUAGE_WORD = r"[A-Z][a-z]+"
_LIST_SEP = r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)"
_LANGUAGE_BEFORE = re.compile(
    r"\b(?i:in|into|from|speak|speaks|speaking|spoke|spoken|written|translated|read|reads)"
    rf"\s+(?:{_LANGUAGE_WORD}{_LIST_SEP})*$")
_LANGUAGE_AFTER = re.compile(
    rf"(?:{_LIST_SEP}{_LANGUAGE_WORD})*"
    r"\s*(?:$|[,.;:)!?\u201d\"]|(?:as|with|too|by|at|for|on|only|instead|rather|than)\b)")
# - a noun that makes it a language: "a Spanish-language model", "French-speaking Africa",
#   "Korean speakers", "a Japanese translation".
_LANGUAGE_NOUN_AFTER = re.compile(
    r"[\s\-\u2010\u2011](?:language|languages|speaking|speaker|speakers|translation"
    r"|translations|subtitles|dialect|dialects)\b", re.I)
# How far back a list of languages is read ("in English, French, German and Korean").
_LANGUAGE_LOOKBACK = 80
# - a list of capitalised words (one may take two: "Bahasa Indonesia") that the word
#   "languages" leads ("supports 11 languages, including Thai, Vietnamese, Bahasa Indonesia
#   and Tagalog", "languages such as Korean") or that holds a name only a language has
#   ("will add Khmer, Lao and Burmese"): every country adjective in it names a language.
_LIST_MEMBER = r"[A-Z][a-z]+(?:[ \u00a0][A-Z][a-z]+)?"
_LIST_BEFORE = re.compile(rf"(?:{_LIST_MEMBER}{_LIST_SEP})+$")
_LIST_AFTER = re.compile(rf"(?:{_LIST_SEP}{_LIST_MEMBER})+")
_LANGUAGES_LEAD = re.compile(
    r"\b(?i:languages?)\s*(?:[,:(\u2013\u2014-]\s*)?"
    r"(?:(?i:including|include|includes|such as|like|notably|namely|from|in)\s+)?$")
_MEMBER = re.compile(_LIST_MEMBER)
# Names that only ever name a language, never a state (the country adjectives that are also
# languages, "Thai", "Lao", "Burmese", are in the gazetteer): "Tagalog", "Khmer", "Mandarin",
# "Hindi", "Swahili"; "Bahasa" opens a language's own name ("Bahasa Indonesia", "Bahasa
# Melayu"), whose country word names no country either.
_LANGUAGE_ONLY = frozenset([
    "Bahasa", "Tagalog", "Cebuano", "Ilocano", "Khmer", "Malay", "Javanese", "Sundanese",
    "Tetum", "Mandarin", "Cantonese", "Hokkien", "Hakka", "Teochew", "Uyghur", "Tibetan",
    "Hindi", "Tamil", "Telugu", "Kannada", "Malayalam", "Marathi", "Gujarati", "Punjabi",
    "Bengali", "Bangla", "Urdu", "Sinhala", "Sinhalese", "Pashto", "Dari", "Farsi", "Persian",
    "Arabic", "Hebrew", "Kurdish", "Swahili", "Kiswahili", "Amharic", "Yoruba", "Igbo",
    "Hausa", "Zulu", "Xhosa", "Afrikaans", "Catalan", "Basque", "Galician", "Gaelic",
    "Esperanto", "Latin", "Quechua", "Guarani", "Maori", "Hmong", "Yiddish",
])
_BAHASA_BEFORE = re.compile(r"\bBahasa[ \u00a0]+$")

# A currency is named for its country but is no reference to it: "5 US cents per
# kilowatt-hour", "70 million Singapore dollars", "Hong Kong dollars", "Japanese yen",
# "Swiss francs", "Indian rupees". Words that are common English too ("won", "rand",
# "real", "pound") are a currency only after an amount ("5,000 Korean won", not "a Korean
# won the prize"; "Brazilian real estate" is no money).
_CURRENCY_AFTER = re.compile(
    r"[ \u00a0\-](?i:dollars?|cents?|euros?|francs?|yen|yuan|renminbi|rupees?|riyals?"
    r"|dirhams?|ringgits?|baht|rupiahs?|pesos?|reais|kron(?:a|or|e|er)|liras?|lire|shekels?"
    r"|nairas?|rubles?|roubles?|zloty|zlotys|forints?|korunas?|dinars?|shillings?|cedis?"
    r"|kwachas?|takas?|kyats?|rials?|tenge|hryvnias?|bolivars?|pence|sterling)(?![\w-])")
_AMBIGUOUS_CURRENCY_AFTER = re.compile(
    r"[ \u00a0](?i:won|rand|real|pounds?|dong|marks?)(?![\w-])")
_AMOUNT_BEFORE = re.compile(
    r"[0-9](?:[ \u00a0]?(?i:thousand|million|billion|trillion|mn|bn|tn|k|m|b))?[ \u00a0]+$")


class Mention(NamedTuple):
    """A place in a text where a country is named (a tuple: every sentence makes some)."""

    code: str
    """ISO 3166 alpha-2 code, or `EU`."""
    start: int
    end: int
    """`[start, end)` offsets into the text passed to `find_countries`."""
    text: str
    """The words as written, e.g. `Korea` in `Korea’s` (a possessive is not part of it)."""


# --------------------------------------------------------------------------- public API


def find_countries(text: str) -> list[Mention]:
    """Every country mention in a piece of article text, in order."""
    found: list[Mention] = []
    for m in _mention_pattern().finditer(text):
        start = m.start()
        if start and _is_word_char(text[start - 1]):
            continue  # inside a word: "McChina", "iPhone"
        written = m.group()
        code = _code_of(written)
        if code is None or names_a_currency(text, start, m.end()):
            continue
        if _BAHASA_BEFORE.search(text, max(0, start - 12), start):
            continue  # "Bahasa Indonesia" is a language
        if is_adjective(written) and names_a_language(text, start, m.end()):
            continue
        found.append(Mention(code, start, m.end(), written))
    return found


def names_a_currency(text: str, start: int, end: int) -> bool:
    """Whether the country word at `text[start:end]` is part of a currency's name ("US
    cents", "Singapore dollars", "5,000 Korean won"), which refers to no country."""
    if _CURRENCY_AFTER.match(text, end):
        return True
    return bool(_AMBIGUOUS_CURRENCY_AFTER.match(text, end)) and bool(
        _AMOUNT_BEFORE.search(text, max(0, start - 16), start))


def names_a_language(text: str, start: int, end: int) -> bool:
    """Whether the country adjective at `text[start:end]` is used as the name of a language
    ("in Portuguese", "a Spanish-language model", "Korean speakers"), which mentions no
    country."""
    if _LANGUAGE_NOUN_AFTER.match(text, end):
        return True
    before = text[max(0, start - _LANGUAGE_LOOKBACK):start]
    if _SPOKEN_BEFORE.search(before):
        return True
    if _LANGUAGE_BEFORE.search(before) and _LANGUAGE_AFTER.match(text, end):
        return True
    return _in_a_list_of_languages(text, before, end)


def _in_a_list_of_languages(text: str, before: str, end: int) -> bool:
    """Whether the word ending at `end` (with `before` the text before it) is one of a list
    that "languages" leads or that holds a name only a language has (`_LANGUAGE_ONLY`)."""
    earlier = _LIST_BEFORE.search(before)
    lead = before[:earlier.start()] if earlier else before
    if _LANGUAGES_LEAD.search(lead):
        return True
    later = _LIST_AFTER.match(text, end)
    members = (earlier[0] if earlier else "") + (later[0] if later else "")
    return any(_is_language_only(m[0]) for m in _MEMBER.finditer(members))


def _is_language_only(member: str) -> bool:
    """A list member that only a language is: "Tagalog", "Bahasa Indonesia" (not "Tamil
    Nadu", a state)."""
    words = member.split()
    return words[0] == "Bahasa" if len(words) > 1 else words[0] in _LANGUAGE_ONLY


@lru_cache(maxsize=1 << 16)
def _code_of(written: str) -> str | None:
    """The code a matched surface form stands for, cached: news repeats its names."""
    key = _key(written)
    surface = _gazetteer().surface
    return surface[key] if key in surface else _misspelt_country(written)


def is_adjective(word: str) -> bool:
    """Whether a country word is an adjective form ("Spanish"), which may name a language."""
    return word in _gazetteer().adjectives


def country_of_word(word: str) -> str | None:
    """The code one word or name stands for ('Korean', 'US', "China's"), by table lookup:
    no text scan, so callers that check a token need not build the mention pattern."""
    key = _key(word)
    surface = _gazetteer().surface
    for candidate in (key, re.sub(r"'s$", "", key)):
        code = surface.get(candidate)
        if code is not None:
            return code
    return None


def country_name(code: str) -> str:
    """Display name: 'South Korea', 'United States', 'European Union', 'Taiwan', ..."""
    display = _names().display
    try:
        return display[code.upper()]
    except KeyError:
        raise UnknownName("country", code, _suggestion_names(code)) from None


def country_codes() -> list[str]:
    """All known codes, `EU` included, sorted."""
    return sorted(_names().display)


def resolve_country(query: str) -> str:
    """User input (code, name, alias, demonym, any case, small typos) -> code.

    Raises UnknownName with up to three suggestions when nothing or several things match.
    """
    names = _names()
    cleaned = " ".join(query.split())
    upper = cleaned.upper()
    if upper in names.display:  # a code, as scripts pass it: no need for the full tables
        return upper
    if upper in names.alpha3:
        return names.alpha3[upper]
    exact = _gazetteer().lookup.get(_fold(cleaned))
    if exact is not None:
        return exact
    if len(cleaned) >= _QUERY_FUZZY_MIN_LEN:
        code = _fuzzy_query(cleaned)
        if code is not None:
            return code
    raise UnknownName("country", query, _suggestion_names(cleaned))


def suggest_countries(query: str, limit: int = 8) -> list[tuple[str, float]]:
    """Codes ranked for a filter box as the user types: 'germ' -> DE, 'sout kor' -> KR."""
    gaz = _gazetteer()
    q = default_process(_ascii(query))
    if not q:
        by_name = sorted(gaz.display, key=lambda code: gaz.display[code])
        return [(code, 0.0) for code in by_name][:limit]
    best: dict[str, float] = {}
    if q.upper() in gaz.display:
        best[q.upper()] = 100.0
    exact = gaz.lookup.get(_fold(query))  # an alias typed in full ('uk', 'america') wins
    if exact is not None:
        best[exact] = 101.0
    words = q.split()
    scored = process.extract(
        q, gaz.choices, scorer=fuzz.WRatio, processor=None, limit=None, score_cutoff=40
    )
    for choice, score, index in scored:
        code = gaz.choice_codes[index]
        score = max(score, _prefix_score(words, choice)) * gaz.choice_weights[index]
        if score > best.get(code, 0.0):
            best[code] = score
    ranked = sorted(best.items(), key=lambda item: (-item[1], gaz.display[item[0]]))
    return [(code, round(score, 1)) for code, score in ranked[:limit]]


# --------------------------------------------------------------------------- user input


def _fuzzy_query(query: str) -> str | None:
    gaz = _gazetteer()
    processed = default_process(_ascii(query))
    scored = process.extract(
        processed,
        gaz.choices,
        scorer=fuzz.WRatio,
        processor=None,
        limit=20,
        score_cutoff=_QUERY_CUTOFF,
    )
    code = _unique_best((gaz.choice_codes[i], score) for _, score, i in scored)
    # Every word of "Virgin Islands" is in the names of two territories: that is ambiguous,
    # however WRatio happens to rank them.
    containing = process.extract(
        processed, gaz.choices, scorer=fuzz.token_set_ratio, limit=None, score_cutoff=100
    )
    if len({gaz.choice_codes[i] for _, _, i in containing}) > 1:
        return None
    return code


def _unique_best(scored: Iterable[tuple[str, float]]) -> str | None:
    """The best code, unless a different code scores within the tie margin."""
    per_code: dict[str, float] = {}
    for code, score in scored:
        per_code[code] = max(score, per_code.get(code, 0.0))
    if not per_code:
        return None
    ranked = sorted(per_code.items(), key=lambda item: -item[1])
    if len(ranked) > 1 and ranked[1][1] >= ranked[0][1] - _TIE_MARGIN:
        return None
    return ranked[0][0]


def _prefix_score(words: list[str], choice: str) -> float:
    # A filter box is typed left to right: "germ" and "sout kor" are prefixes of the words of
    # the name, which WRatio alone under-rates against short unrelated names. Just under 100,
    # which is kept for a code typed in full.
    if choice.startswith(" ".join(words)):
        return 99.0
    names = choice.split()
    if len(words) <= len(names) and all(any(n.startswith(w) for n in names) for w in words):
        return 95.0
    return 0.0


def _suggestion_names(query: str) -> list[str]:
    display = _gazetteer().display
    ranked = [(code, score) for code, score in suggest_countries(query, limit=3)
              if score >= _SUGGESTION_FLOOR]
    best = ranked[0][1] if ranked else 0.0
    return [display[code] for code, score in ranked if score >= best - _SUGGESTION_MARGIN]


# --------------------------------------------------------------------------- article text


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@lru_cache(maxsize=1 << 16)
def _misspelt_country(word: str) -> str | None:
    """The country a capitalised word misspells ("Germanies", "Isreal", "Phillipines"), if any.

    Most capitalised words are names of people, firms and places, so this is strict: a wrong
    plural of a name, one swap of adjacent letters, or a close score against a country word of
    the same first letter and about the same length, with no other country as close. Words
    naming other places (pycountry's subdivisions: "Indiana", "Columbia") and the near misses
    listed in the YAML ("Cameron", "Finish") never count. Answers are cached per word.
    """
    lowered = word.lower()
    if lowered in _not_typos():
        return None
    code = _wrong_plural(word)
    if code is not None or len(word) < _TYPO_MIN_LEN:
        return code
    forms, codes = _gazetteer().typo_forms.get((lowered[0], len(lowered)), ((), ()))
    scored = process.extract(
        lowered, forms, scorer=fuzz.ratio, processor=None, limit=None, score_cutoff=_SWAP_FLOOR
    )
    swapped = [(codes[i], 100.0) for form, _, i in scored if _one_swap(lowered, form)]
    close = [(codes[i], score) for _, score, i in scored if score >= _TYPO_CUTOFF]
    return _unique_best(swapped or close)


def _wrong_plural(word: str) -> str | None:
    # "Germanies" for "Germany's", "Chinas" for "China's": the name plus a stray plural.
    surface = _gazetteer().surface
    for suffix, stem_end in (("ies", "y"), ("s", "")):
        if word.endswith(suffix):
            code = surface.get(word[: -len(suffix)] + stem_end)
            if code is not None:
                return code
    return None


def _one_swap(word: str, form: str) -> bool:
    """True when `word` is `form` with two adjacent letters swapped ("isreal", "israel")."""
    if len(word) != len(form) or word == form:
        return False
    diffs = [i for i, (a, b) in enumerate(zip(word, form, strict=True)) if a != b]
    return (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and word[diffs[0]] == form[diffs[1]]
        and word[diffs[1]] == form[diffs[0]]
    )


# --------------------------------------------------------------------------- the gazetteer


@dataclass(frozen=True)
class _Gazetteer:
    """Everything built once from pycountry and the YAML."""

    display: dict[str, str]
    """Code -> display name, for every code."""
    alpha3: dict[str, str]
    surface: dict[str, str | None]
    """Normalised surface form as written in text -> code (None: a blocked phrase)."""
    typo_forms: dict[tuple[str, int], tuple[tuple[str, ...], ...]]
    """(first letter, length) -> (lowercased country words a misspelling is scored against,
    their codes)."""
    lookup: dict[str, str]
    """Case- and accent-folded form -> code, for user input."""
    choices: tuple[str, ...]
    """Processed names scored against user input; `choice_codes[i]` is the code of choice i."""
    choice_codes: tuple[str, ...]
    choice_weights: tuple[float, ...]
    """1 for a display name, a little less for other names, so "ch" lists Chile before Swiss."""
    not_misspellings: frozenset[str]
    """Lowercased words from the YAML that look like a country but are something else."""
    adjectives: frozenset[str] = frozenset()
    """Adjective forms ("Spanish", "Korean"), which also name languages."""


@cache
def _not_typos() -> frozenset[str]:
    """Lowercased words that are real names of other places or people, never misspellings."""
    gaz = _gazetteer()
    country_words = {k.lower() for k, code in gaz.surface.items() if code and " " not in k}
    place_words = {
        word.lower()
        for sub in pycountry.subdivisions
        for word in re.findall(r"[^\W\d_]+", sub.name)
    }
    return frozenset(place_words - country_words) | gaz.not_misspellings


@dataclass(frozen=True, slots=True)
class _Form:
    text: str
    code: str | None
    kind: str
    """`name` (names, aliases, demonyms), `place` (capitals, regions), `abbr` (exact case only),
    `adj` (gets a plural)."""


@cache
def _mention_pattern() -> re.Pattern[str]:
    # Built apart from the tables: resolving what a user typed never needs it (~0.3 s).
    return _trie_pattern(_gazetteer().surface)


class _Names(NamedTuple):
    display: dict[str, str]
    """Code -> display name, for every code."""
    alpha3: dict[str, str]


@cache
def _names() -> _Names:
    """Display names and alpha-3 codes: all a brief for given codes needs, without the
    tables for reading text and matching what people type (about 20 ms more)."""
    return _Names(_display_names(_country_data()["countries"]),
                  {c.alpha_3: c.alpha_2 for c in pycountry.countries})


@cache
def _country_data() -> dict:
    return load_yaml((data_dir() / "countries.yaml").read_text(encoding="utf-8"))


@cache
def _gazetteer() -> _Gazetteer:
    data = _country_data()
    entries: dict[str, dict] = data["countries"]
    forms = _explicit_forms(entries, data.get("blocked", ()))
    forms += _iso_forms({f.text for f in forms})
    surface = _surface_table(forms)
    display = _names().display
    choices, choice_codes, choice_weights = _query_choices(forms, display)
    return _Gazetteer(
        display=display,
        alpha3=_names().alpha3,
        surface=surface,
        typo_forms=_typo_forms(forms),
        lookup=_lookup_table(forms, display),
        choices=choices,
        choice_codes=choice_codes,
        choice_weights=choice_weights,
        not_misspellings=frozenset(w.lower() for w in data.get("not_misspellings", ())),
        adjectives=frozenset(f.text for f in forms if f.kind == "adj"),
    )


def _explicit_forms(entries: dict[str, dict], blocked: Iterable[str]) -> list[_Form]:
    forms: list[_Form] = []
    for code, entry in entries.items():
        entry = entry or {}
        names = [entry["name"]] if "name" in entry else []
        forms += [_Form(t, code, "name") for t in names + entry.get("aliases", [])]
        places = entry.get("capitals", []) + entry.get("regions", [])
        forms += [_Form(t, code, "place") for t in places]
        forms += [_Form(t, code, "abbr") for t in entry.get("abbreviations", [])]
        forms += [_Form(t, code, "adj") for t in entry.get("adjectives", [])]
        forms += [_Form(t, code, "name") for t in entry.get("demonyms", [])]
    forms += [_Form(t, None, "name") for t in blocked]
    owners: dict[str, str | None] = {}
    for form in forms:
        if owners.setdefault(form.text, form.code) != form.code:
            raise ValueError(f"countries.yaml gives {form.text!r} to two countries")
    return forms


def _iso_forms(taken: set[str]) -> list[_Form]:
    """pycountry's names, reordered where needed; a name shared by two codes is dropped."""
    owners: dict[str, set[str]] = {}
    for country in pycountry.countries:
        for raw in _iso_names(country):
            for text in _readable(raw):
                owners.setdefault(text, set()).add(country.alpha_2)
    return [
        _Form(text, codes.pop(), "name")
        for text, codes in owners.items()
        if len(codes) == 1 and text not in taken
    ]


def _iso_names(country: object) -> list[str]:
    return [
        getattr(country, attr)
        for attr in ("name", "official_name", "common_name")
        if getattr(country, attr, None)
    ]


def _readable(raw: str) -> list[str]:
    """ISO's inverted forms as prose: "Korea, Republic of" -> "Republic of Korea", "Korea"."""
    text = re.sub(r"\s*\([^)]*\)", "", raw).strip()
    if text.lower().startswith("the "):
        text = text[4:]
    if ", " not in text:
        return [text]
    head, tail = text.split(", ", 1)
    if re.search(r"\bof( the)?$", tail):
        tail = tail[4:] if tail.startswith("The ") else tail
        return [f"{tail} {head}", head]
    return [head]


def _surface_table(forms: list[_Form]) -> dict[str, str | None]:
    """Every way a form may be written in text -> its code. Explicit forms win."""
    table: dict[str, str | None] = {}
    for form in forms:
        table.setdefault(_key(form.text), form.code)
    for form in forms:
        for variant in _variants(form):
            table.setdefault(_key(variant), form.code)
    return table


def _variants(form: _Form) -> list[str]:
    if form.kind == "abbr":
        return []
    texts = [form.text]
    if form.kind == "adj" and not re.search(r"(sh|ch|ese|s|x|z|ic)$", form.text):
        texts.append(form.text + "s")
    texts += [_ascii(t) for t in texts]
    saints = [t for t in texts if t.startswith("Saint ")]
    texts += [abbr + t[5:] for t in saints for abbr in ("St.", "St")]
    titled = [" ".join(w[:1].upper() + w[1:] for w in t.split(" ")) for t in texts]
    upper = [t.upper() for t in texts if len(t) >= 4]
    return [v for v in dict.fromkeys(texts + titled + upper) if v != form.text]


def _key(written: str) -> str:
    """A surface form as the lookup tables store it: one space for any separator, straight '."""
    return _SEP_RUN.sub(" ", written).replace("\u2019", "'")


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _fold(text: str) -> str:
    return _key(_ascii(text)).casefold()


# --------------------------------------------------------------------------- the text regex


def _trie_pattern(surface: dict[str, str | None]) -> re.Pattern[str]:
    """One regex for every surface form: a trie, so each position costs a few char tests.

    The first level is a branch of literals, which lets `re` skip in C to the next position
    that starts some name. Each first letter also gets a last-resort branch for any other
    capitalised word of five letters or more: those go to the misspelling check.
    """
    trie: dict = {}
    for form in surface:
        node = trie
        for unit in _units(form):
            node = node.setdefault(unit, {})
        node[""] = _end(form)
    branches = []
    for unit in sorted(trie, key=_unit_order):
        body = _emit(trie[unit])
        if unit.isupper() and unit.isascii():
            body = f"(?:{body}|[a-z]{{{_CAPITALISED_MIN_LEN - 1},}}(?!\\w))"
        branches.append(unit + body)
    return re.compile("|".join(branches))


def _units(form: str) -> Iterator[str]:
    for token in re.split(r"( )", form):
        if token == " ":
            yield _SEP
            continue
        for ch in token:
            yield f"[{_APOSTROPHES}]" if ch in _APOSTROPHES else re.escape(ch)


def _end(form: str) -> str:
    # After a word character the next must not be one ("India" in "Indiana"); after a dot or
    # "$" no letter may follow ("U.S." in "U.S.S.R.") but digits may ("US$5").
    return r"(?!\w)" if _is_word_char(form[-1]) else r"(?![^\W\d_])"


def _emit(node: dict) -> str:
    alternatives = [unit + _emit(node[unit]) for unit in sorted(node, key=_unit_order) if unit]
    if "" in node:
        alternatives.append(node[""])  # last: longer names are tried first
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


def _unit_order(unit: str) -> tuple[bool, str]:
    return (unit == "", unit)


# --------------------------------------------------------------------------- lookup tables


def _display_names(entries: dict[str, dict]) -> dict[str, str]:
    display = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    for code, entry in entries.items():
        if entry and "name" in entry:
            display[code] = entry["name"]
    return display


def _typo_forms(forms: list[_Form]) -> dict[tuple[str, int], tuple[tuple[str, ...], ...]]:
    """(first letter, word length) -> (country words of about that length, their codes)."""
    words: dict[str, str] = {}
    for form in forms:
        if form.code is None or form.kind == "abbr":
            continue
        for text in [form.text, *_variants(form)]:
            if " " not in text and not text.isupper():
                words.setdefault(text.lower(), form.code)
    table: dict[tuple[str, int], list[tuple[str, str]]] = {}
    for word, code in words.items():
        for length in range(len(word) - _TYPO_LEN_WINDOW, len(word) + _TYPO_LEN_WINDOW + 1):
            if length >= _TYPO_MIN_LEN:
                table.setdefault((word[0], length), []).append((word, code))
    return {key: tuple(zip(*pairs, strict=True)) for key, pairs in table.items()}


def _lookup_table(forms: list[_Form], display: dict[str, str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for form in forms:
        if form.code is not None:
            for text in [form.text, *_variants(form)]:
                table.setdefault(_fold(text), form.code)
    iso = [(name, c.alpha_2) for c in pycountry.countries for name in _iso_names(c)]
    for name, code in [*iso, *((name, code) for code, name in display.items())]:
        table.setdefault(_fold(name), code)  # "Korea, Republic of" as ISO writes it
    return table


def _query_choices(
    forms: list[_Form], display: dict[str, str]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[float, ...]]:
    """Names user input is scored against: display names first, then other names and
    demonyms. Abbreviations and places resolve only when typed exactly."""
    weighted = {(default_process(_ascii(name)), code): 1.0 for code, name in display.items()}
    for form in forms:
        if form.code is not None and form.kind in ("name", "adj"):
            weighted.setdefault((default_process(_ascii(form.text)), form.code), _OTHER_NAME_WEIGHT)
    ordered = sorted(item for item in weighted.items() if item[0][0])
    return (
        tuple(text for (text, _), _ in ordered),
        tuple(code for (_, code), _ in ordered),
        tuple(weight for _, weight in ordered),
    )
