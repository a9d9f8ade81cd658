"""Saved briefs: a selection, its curation and where the brief goes, in a YAML file a person
can read and edit. `briefing save` writes one, `briefing make --brief FILE` renders it, and
the terminal app saves and reopens one.

```yaml
title: Korea weekly                 # optional: replaces "Policy brief: South Korea"
countries: [KR]                     # codes or names, as `-c` takes them
themes: [patents, compute]          # slugs or names, as `-t` takes them
search: semiconductor               # optional full-text filter
since: 2025-10-01                   # optional start date
max_facts: 40
exclude:                            # facts left out: the id, and a note to read it by
  - id: f10c68209eb
    note: The government plans to triple its AI development budget…
pin: []                             # facts always in the brief while the corpus has them
formats: [md, pdf]
recipients: [analyst@example.org]   # `make --brief` emails the PDF to them
output:
  folder: out                       # relative to this file's folder
  name: kr-weekly                   # files are kr-weekly-<date>.md and .pdf
corpus: ~/articles                  # optional; relative to this file's folder
```

Names are resolved when the file is read, as the command line resolves them, and saved as
codes and slugs. Every problem with a file is one line naming the file and what is wrong.
An excluded or pinned fact the corpus no longer has is not an error: the brief still
renders, and `missing_facts` says which (the CLI prints them on one line).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from briefing.dates import no_day_why
from briefing.errors import UnknownName, UsageError
from briefing.extract.themes import Taxonomy
from briefing.model import Fact, Selection, first_words

#: The keys of a brief file, in the order `save_brief` writes them.
KEYS = ("title", "countries", "themes", "search", "since", "max_facts", "exclude", "pin",
        "formats", "recipients", "output", "corpus")
OUTPUT_KEYS = ("folder", "name")
NOTED_KEYS = ("id", "note")
FORMATS = ("md", "pdf")
DEFAULT_MAX_FACTS = 40
DEFAULT_FOLDER = "out"
#: Words of a fact's quote kept as the note beside its id.
NOTE_WORDS = 12
#: A fact id as `briefing facts` shows it (see `briefing.cli.app.FACT_ID`).
FACT_ID = re.compile(r"f[0-9a-f]{10,15}")
_EMAIL = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+")
_NAME = re.compile(r"[\w][\w.-]*")
HEADER = "# A saved brief: render it with `briefing make --brief {file}`.\n"


@dataclass(frozen=True, slots=True)
class Noted:
    """A fact id with a few words of its quote, so a person reading the file knows which."""

    id: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class SavedBrief:
    """What a brief file holds. Countries are codes and themes slugs (resolved on reading);
    paths are as written, relative to the file's folder (see `output_folder`)."""

    countries: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    title: str | None = None
    search: str | None = None
    since: date | None = None
    max_facts: int = DEFAULT_MAX_FACTS
    exclude: tuple[Noted, ...] = ()
    pin: tuple[Noted, ...] = ()
    formats: tuple[str, ...] = FORMATS
    recipients: tuple[str, ...] = ()
    folder: str = DEFAULT_FOLDER
    name: str | None = None
    """The files' name before the date: `kr-weekly` gives `kr-weekly-2026-11-22.md`."""
    corpus: str | None = None
    path: Path | None = field(default=None, compare=False)
    """The file it was read from or saved to."""
    guessed: tuple[str, ...] = field(default=(), compare=False)
    """Names in the file read as a guess at a typo, each as the line that says so
    ("countries: Japn → Japan (JP)"): resolved, but worth a note to the user."""

    def selection(self) -> Selection:
        return Selection(countries=self.countries, themes=self.themes, since=self.since,
                         excluded=frozenset(n.id for n in self.exclude),
                         max_facts=self.max_facts, query=self.search,
                         pinned=frozenset(n.id for n in self.pin))

    def output_folder(self) -> Path:
        return _beside(self.path, self.folder)

    def corpus_folder(self) -> Path | None:
        return None if self.corpus is None else _beside(self.path, self.corpus)

    def stem(self, as_of: date) -> str | None:
        """The output files' name without extension, when the file names them."""
        return f"{self.name}-{as_of.isoformat()}" if self.name else None


def _beside(brief_file: Path | None, written: str) -> Path:
    """A path written in a brief file: `~` expanded, a relative one read from the file's
    folder, so the brief renders the same from any working directory."""
    path = Path(written).expanduser()
    if path.is_absolute() or brief_file is None:
        return path
    return brief_file.parent / path


# --------------------------------------------------------------------------- reading


def load_brief(path: Path, taxonomy: Taxonomy) -> SavedBrief:
    """A brief file, its names resolved against `taxonomy` and the country tables."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"brief file not found: {path}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not a brief file (not UTF-8 text)") from None
    except OSError as err:
        raise UsageError(f"cannot read {path}: {err.strerror or err}") from None
    return replace(parse_brief(text, str(path), taxonomy), path=path)


def parse_brief(text: str, name: str, taxonomy: Taxonomy) -> SavedBrief:
    """A brief file's text; `name` is how errors name the file."""
    from briefing.yamlio import YAMLError, load_yaml

    try:
        data = load_yaml(text, untrusted=True)
    except YAMLError as err:
        raise UsageError(f"{name}: not valid YAML{_where(err)}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise UsageError(f"{name}: a brief file is a mapping of keys (countries:, themes:, …),"
                         f" not {_kind(data)}")
    fields = _Fields(name, data)
    fields.only(KEYS, "")
    output = fields.mapping("output")
    _Fields(f"{name}: output", output).only(OUTPUT_KEYS, "output.")
    max_facts = fields.get("max_facts", DEFAULT_MAX_FACTS)
    if isinstance(max_facts, bool) or not isinstance(max_facts, int) or max_facts < 1:
        raise fields.error("max_facts", f"must be a whole number of 1 or more, not {max_facts!r}")
    formats = tuple(dict.fromkeys(f.lower() for f in fields.words("formats"))) if (
        data.get("formats") is not None) else FORMATS
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise fields.error("formats", f"must list md, pdf or both, not {bad or '[]'}")
    recipients = fields.words("recipients")
    for address in recipients:
        if not _EMAIL.fullmatch(address):
            raise fields.error("recipients", f"{address!r} is not an email address")
    if recipients and "pdf" not in formats:
        raise fields.error("recipients", "the PDF is what is emailed: add pdf to formats")
    exclude, pin = fields.noted("exclude"), fields.noted("pin")
    both = sorted({n.id for n in exclude} & {n.id for n in pin})
    if both:
        raise fields.error("pin", f"{', '.join(both)} is also excluded: keep it in one list")
    out_name = _Fields(f"{name}: output", output).text("name")
    if out_name is not None and not _NAME.fullmatch(out_name):
        raise UsageError(f"{name}: output.name {out_name!r} must be a file name without folders"
                         " (letters, digits, '-', '_', '.')")
    guessed: list[str] = []
    return SavedBrief(
        countries=tuple(dict.fromkeys(_country(fields, c, guessed)
                                      for c in fields.words("countries"))),
        themes=tuple(dict.fromkeys(_theme(fields, taxonomy, t, guessed)
                                   for t in fields.words("themes"))),
        title=fields.text("title"),
        search=fields.text("search"),
        since=fields.day("since"),
        max_facts=max_facts,
        exclude=exclude,
        pin=pin,
        formats=tuple(f for f in FORMATS if f in formats),
        recipients=tuple(dict.fromkeys(recipients)),
        folder=_Fields(f"{name}: output", output).text("folder") or DEFAULT_FOLDER,
        name=out_name,
        corpus=fields.text("corpus"),
        guessed=tuple(guessed),
    )


def _where(err: Exception) -> str:
    mark = getattr(err, "problem_mark", None)
    problem = getattr(err, "problem", None)
    at = f" at line {mark.line + 1}" if mark is not None else ""
    return f"{at}: {problem}" if problem else at


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "yes/no"
    return {str: "text", int: "a number", float: "a number", list: "a list", dict: "a mapping",
            date: "a date"}.get(type(value), type(value).__name__)


class _Fields:
    """Typed access to a brief file's mapping, every problem one line naming the key."""

    def __init__(self, name: str, data: dict) -> None:
        self.name, self.data = name, data

    def error(self, key: str, problem: str) -> UsageError:
        return UsageError(f"{self.name}: {key}: {problem}")

    def only(self, keys: Sequence[str], prefix: str) -> None:
        for key in self.data:
            if key not in keys:
                close = difflib.get_close_matches(str(key), keys, n=1)
                hint = f"; did you mean {prefix}{close[0]}?" if close else (
                    f" (the keys are {', '.join(keys)})")
                raise UsageError(f"{self.name}: unknown key {prefix}{key!s}{hint}")

    def get(self, key: str, default: Any = None) -> Any:
        value = self.data.get(key)
        return default if value is None else value

    def text(self, key: str) -> str | None:
        value = self.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.error(key, f"must be text, not {_kind(value)}")
        return " ".join(str(value).split()) or None

    def words(self, key: str) -> list[str]:
        """A list of short texts (a single one is a list of one)."""
        value = self.get(key, [])
        items = value if isinstance(value, list) else [value]
        out = []
        for item in items:
            if isinstance(item, bool):
                # YAML 1.1 reads an unquoted NO (Norway) as false.
                raise self.error(key, "a yes/no value in the list (for Norway write 'NO' in "
                                      "quotes)")
            if not isinstance(item, str | int | float):
                raise self.error(key, f"must list names, not {_kind(item)}")
            if str(item).strip():
                out.append(str(item).strip())
        return out

    def day(self, key: str) -> date | None:
        value = self.get(key)
        if value is None or isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            why = no_day_why(str(value))  # worded as the command line's --since says it
            if why is not None:
                raise self.error(key, f"{str(value).strip()} is not a date ({why})") from None
            raise self.error(key, f"expects a date as YYYY-MM-DD, not {value!r}") from None

    def mapping(self, key: str) -> dict:
        value = self.get(key, {})
        if not isinstance(value, dict):
            raise self.error(key, f"must be a mapping (folder:, name:), not {_kind(value)}")
        return value

    def noted(self, key: str) -> tuple[Noted, ...]:
        """Fact ids, each `{id: f…, note: …}` or a bare id."""
        value = self.get(key, [])
        items = value if isinstance(value, list) else [value]
        out: dict[str, Noted] = {}
        for item in items:
            if isinstance(item, dict):
                _Fields(f"{self.name}: {key}", item).only(NOTED_KEYS, "")
                fid, note = item.get("id"), item.get("note")
            else:
                fid, note = item, None
            if not isinstance(fid, str) or not FACT_ID.fullmatch(fid.strip().lower()):
                raise self.error(key, f"{fid!r} is not a fact id (f and 10 or more hex digits,"
                                      " as `briefing facts` shows them)")
            fid = fid.strip().lower()
            out.setdefault(fid, Noted(fid, "" if note is None else " ".join(str(note).split())))
        return tuple(out.values())


def _country(fields: _Fields, query: str, guessed: list[str]) -> str:
    try:
        code, guess = country_guessed(query)
    except UnknownName as err:
        raise fields.error("countries", str(err)) from None
    if guess:
        guessed.append(f"countries: {guess}")
    return code


def _theme(fields: _Fields, taxonomy: Taxonomy, query: str, guessed: list[str]) -> str:
    try:
        slug, guess = theme_guessed(taxonomy, query)
    except UnknownName as err:
        if err.suggestions:
            raise fields.error("themes", str(err)) from None
        slugs = ", ".join(t.slug for t in taxonomy.themes)
        raise fields.error("themes", f"{err}; the themes are {slugs}") from None
    if guess:
        guessed.append(f"themes: {guess}")
    return slug


def country_guessed(query: str) -> tuple[str, str | None]:
    """A country's code from what the user typed, and, when it was a guess at a typo
    rather than a code, name or alias ('Japn'), the line that says what it was read as:
    "Japn → Japan (JP)". Raises UnknownName as `resolve_country` does."""
    from briefing.extract import countries

    code = countries.resolve_country(query)
    cleaned = " ".join(query.split())
    exact = countries.exact_country(cleaned) is not None
    return code, None if exact else f"{cleaned} → {countries.country_name(code)} ({code})"


def theme_guessed(taxonomy: Taxonomy, query: str) -> tuple[str, str | None]:
    """A theme's slug from what the user typed, and the line saying what a typo was read as
    ("patnets → Patents (patents)"), as `country_guessed`."""
    slug = taxonomy.resolve(query)
    cleaned = " ".join(query.split())
    exact = taxonomy.exact(cleaned) is not None
    return slug, None if exact else f"{cleaned} → {taxonomy.name(slug)} ({slug})"


# --------------------------------------------------------------------------- writing


def brief_text(saved: SavedBrief, file_name: str) -> str:
    """The file's text: every key in `KEYS` order, optional ones only when set, lists in
    YAML's flow style (`[KR, JP]`), exclusions and pins one `id`/`note` pair each."""
    lines = [HEADER.format(file=file_name)]
    if saved.title:
        lines.append(f"title: {_scalar(saved.title)}\n")
    lines.append(f"countries: {_flow(saved.countries)}\n")
    lines.append(f"themes: {_flow(saved.themes)}\n")
    if saved.search:
        lines.append(f"search: {_scalar(saved.search)}\n")
    if saved.since:
        lines.append(f"since: {saved.since.isoformat()}\n")
    if saved.max_facts != DEFAULT_MAX_FACTS:
        lines.append(f"max_facts: {saved.max_facts}\n")
    for key, noted in (("exclude", saved.exclude), ("pin", saved.pin)):
        lines.append(f"{key}:{'' if noted else ' []'}\n")
        for n in noted:
            lines.append(f"  - id: {n.id}\n")
            if n.note:
                lines.append(f"    note: {_scalar(n.note)}\n")
    lines.append(f"formats: {_flow(saved.formats)}\n")
    lines.append(f"recipients: {_flow(saved.recipients)}\n")
    lines.append("output:\n")
    lines.append(f"  folder: {_scalar(saved.folder)}\n")
    if saved.name:
        lines.append(f"  name: {_scalar(saved.name)}\n")
    if saved.corpus:
        lines.append(f"corpus: {_scalar(saved.corpus)}\n")
    return "".join(lines)


def _flow(values: Iterable[str]) -> str:
    import yaml

    return yaml.safe_dump(list(values), default_flow_style=True, allow_unicode=True,
                          width=1 << 20).strip()


def _scalar(value: str) -> str:
    """A text as one YAML scalar on its line, quoted only when YAML needs it."""
    import yaml

    text = yaml.safe_dump(value, allow_unicode=True, width=1 << 20)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def save_brief(saved: SavedBrief, path: Path) -> Path:
    """Write a brief file whole or not at all (a temp file renamed over it)."""
    from briefing.brief.export import write_atomic
    from briefing.errors import BriefingError

    try:
        return write_atomic(path, brief_text(saved, path.name))
    except OSError as err:
        raise BriefingError(f"cannot write {path}: {err.strerror or err}") from None


# --------------------------------------------------------------------------- facts by id


class FactsById(Protocol):
    """What this module needs of a fact store (see `briefing.store.FactStore`)."""

    def facts(self, countries: Sequence[str] = (), themes: Sequence[str] = (),
              query: str | None = None, *, citations: int | None = None,
              among: Sequence[str] | None = None) -> list[Fact]: ...


def note_for(text: str) -> str:
    return first_words(text, NOTE_WORDS)


def noted_facts(store: FactsById, ids: Iterable[str], option: str) -> tuple[Noted, ...]:
    """The facts of `ids` with their notes; a usage error naming every id the corpus does not
    have (a typo would otherwise be saved and never match anything)."""
    wanted = list(dict.fromkeys(i.strip().lower() for i in ids))
    bad = [i for i in wanted if not FACT_ID.fullmatch(i)]
    found = {f.id: f for f in store.facts(among=[i for i in wanted if i not in bad],
                                          citations=1)} if len(bad) < len(wanted) else {}
    unknown = [i for i in wanted if i not in found]
    if unknown:
        label = "fact id" if len(unknown) == 1 else "fact ids"
        raise UsageError(f"{option}: unknown {label} {', '.join(map(repr, unknown))} "
                         "(see `briefing facts` for ids)")
    return tuple(Noted(i, note_for(found[i].text)) for i in wanted)


@dataclass(frozen=True, slots=True)
class Missing:
    """Excluded and pinned facts of a brief file that the corpus no longer has."""

    excluded: tuple[Noted, ...] = ()
    pinned: tuple[Noted, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.excluded or self.pinned)

    def line(self, name: str) -> str:
        """One line saying which: `kr-weekly.yaml: 2 facts no longer in the corpus: excluded
        f10c68209eb ("The government plans …"), pinned f2e0f…`."""
        parts = [f"{kind} {n.id}" + (f" (“{n.note}”)" if n.note else "")
                 for kind, noted in (("excluded", self.excluded), ("pinned", self.pinned))
                 for n in noted]
        count = len(parts)
        return (f"{name}: {count} fact{'s' if count != 1 else ''} no longer in the corpus: "
                + ", ".join(parts))


def missing_facts(store: FactsById, saved: SavedBrief) -> Missing:
    """The excluded and pinned facts the corpus no longer has (the file is left as it is:
    the fact may come back, and the user decides)."""
    ids = [n.id for n in saved.exclude + saved.pin]
    if not ids:
        return Missing()
    found = {f.id for f in store.facts(among=ids, citations=1)}
    return Missing(tuple(n for n in saved.exclude if n.id not in found),
                   tuple(n for n in saved.pin if n.id not in found))
