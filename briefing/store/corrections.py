"""The user's corrections: a source's date, publisher or title, a fact's countries or themes.

They live in `corrections.yaml` at the corpus root (written by `briefing correct`, fine to
edit by hand; never read as an article: the walk reads only article suffixes), so they
travel with the corpus and survive any re-index. Each entry names its target by a stable key
(a source by its key, which is its corpus path; a fact by its id) and what the target held
when it was corrected (the source file's sha256, the fact's quote) with the values it had
(`was`). The store lays them over what extraction read after every sync that changes the
corpus or the file (`Overlay._correct`): a corrected source's columns are rewritten (its own
values kept in `source_originals`, to put back when the correction goes), a corrected fact's
labels are set wherever its per-fact row is computed (`fact_overrides`), so every query (a
country's facts in SQL, briefs, the terminal app, charts) sees corrected values. A correction
whose target changed or disappeared is not applied and is reported as stale, never dropped.
Corrections change no quote: `verify` checks every quote against its source as before.

    corrections:
    - source: wire/chip-plan.txt
      sha256: 5f1c…          # the file when corrected: a rewritten file makes it stale
      date: '2026-03-04'
      was: {date: null}
    - fact: f1a2b3c4d5e
      quote: The ministry will fund 40 new chip design start-ups.
      countries: [KR]
      was: {countries: [JP]}
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol, TypeVar

from briefing.errors import BriefingError, UnknownName, UsageError
from briefing.extract.themes import Taxonomy
from briefing.model import CorrectionNote, Source
from briefing.store.base import store_errors
from briefing.store.protocol import SyncReport
from briefing.store.refresh import Refresh
from briefing.text import fact_id

#: The corrections file, at the corpus root.
CORRECTIONS_FILE = "corrections.yaml"
#: What a correction may change, by kind of target.
SOURCE_FIELDS = ("date", "publisher", "title")
FACT_FIELDS = ("countries", "themes")
#: A fact id as `briefing facts` shows it (`f` and 10 to 15 hex digits: fits 64 bits).
FACT_ID = re.compile(r"f[0-9a-f]{10,15}")

_HEADER = """\
# Corrections to what briefing read from this corpus: `briefing correct` writes them, and
# the file may be edited by hand. Each names its target (a source by its path, a fact by its
# id) and what the target held when corrected (the file's sha256, the fact's quote), with
# the values it had (`was`). A correction whose target has changed since is not applied and
# is reported as stale: correct it again, or remove it (`briefing correct --remove N`).
"""

#: What a note says an entry changes when the entry cannot be read as written: such an entry
#: is *invalid* (an unknown country, a date that names no day), not stale (see `is_invalid`).
UNREADABLE = "—"

Value = str | tuple[str, ...] | None
T = TypeVar("T")


@dataclass(frozen=True)
class Correction:
    """One entry of the corrections file."""

    kind: str
    """`source` or `fact`."""
    target: str
    """The source's key (its corpus path) or the fact's id."""
    held: str | None = None
    """What the target held when corrected: the source file's sha256, the fact's quote."""
    values: Mapping[str, Value] = field(default_factory=dict)
    """The corrected fields: date, publisher, title (str) or countries, themes (codes and
    slugs, sorted)."""
    was: Mapping[str, Value] = field(default_factory=dict)
    """The values those fields had when corrected, as read."""
    problem: str | None = None
    """Why the entry cannot be applied as written (an unknown field, a date that is none)."""

    @property
    def change(self) -> str:
        """In words: `date 2026-03-04 (was undated); publisher Yonhap (was none)`."""
        parts = []
        for name, value in self.values.items():
            said = f"{name} {_shown(name, value)}"
            if name in self.was and self.was[name] != value:
                said += f" (was {_shown(name, self.was[name])})"
            parts.append(said)
        return "; ".join(parts) or "nothing"

    @property
    def labels(self) -> tuple[str, ...]:
        """The countries and themes a fact's correction gives or takes away."""
        named: set[str] = set()
        for name in FACT_FIELDS:
            now, was = self.values.get(name), self.was.get(name)
            if isinstance(now, tuple):
                named |= set(now) ^ set(was) if isinstance(was, tuple) else set(now)
        return tuple(sorted(named))


def _shown(name: str, value: Value) -> str:
    if isinstance(value, tuple):
        return ", ".join(value) or "none"
    if value is None:
        return "undated" if name == "date" else "none"
    return f"“{value}”" if name == "title" else value


# --------------------------------------------------------------------------- the file


def corrections_path(corpus: Path) -> Path:
    return corpus / CORRECTIONS_FILE


def corrections_stamp(corpus: Path) -> str:
    """What the store compares to see the file changed: a hash of its bytes ('' when there
    is none). Read by every command: a few hundred bytes, a few microseconds."""
    try:
        data = corrections_path(corpus).read_bytes()
    except FileNotFoundError:
        return ""
    except OSError as err:  # the sync then reads it and says why it cannot
        return f"unreadable: {err.strerror}"
    return hashlib.sha256(data).hexdigest()


def read_corrections(corpus: Path, taxonomy: Taxonomy) -> tuple[list[Correction], str]:
    """The entries of the corpus's corrections file, in order, and its stamp. An entry
    that cannot be applied as written comes with its `problem`; a file that is not a list
    of corrections at all is an error naming it."""
    from briefing.yamlio import YAMLError, load_yaml

    path = corrections_path(corpus)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], ""
    except OSError as err:
        raise BriefingError(f"cannot read {path}: {err.strerror or err}") from None
    try:
        loaded = load_yaml(data, plain_dates=True) if data.strip() else None
    except (YAMLError, UnicodeDecodeError) as err:
        where = getattr(err, "problem_mark", None)
        line = f" at line {where.line + 1}" if where is not None else ""
        raise BriefingError(f"{path}: not readable as YAML{line}: fix or remove it") from None
    entries = loaded.get("corrections") if isinstance(loaded, dict) else loaded
    if loaded is None or (isinstance(loaded, dict) and entries is None):
        entries = []
    if not isinstance(loaded, dict | None) or not isinstance(entries, list) or (
            isinstance(loaded, dict) and set(loaded) - {"corrections"}):
        raise BriefingError(f"{path}: expected `corrections:` and a list of entries under it")
    return [_entry(item, taxonomy) for item in entries], hashlib.sha256(data).hexdigest()


def _entry(item: object, taxonomy: Taxonomy) -> Correction:
    """One entry as written, checked; a bad one keeps what can be shown of it."""
    if not isinstance(item, dict) or ("source" in item) == ("fact" in item):
        return Correction("entry", "?", problem="an entry names one `source:` or one `fact:`")
    kind = "source" if "source" in item else "fact"
    target = str(item[kind]).strip()
    held_key = "sha256" if kind == "source" else "quote"
    fields = SOURCE_FIELDS if kind == "source" else FACT_FIELDS
    held = item.get(held_key)
    entry = Correction(kind, target, None if held is None else str(held))
    unknown = sorted(set(item) - {kind, held_key, "was", *fields}, key=str)
    try:
        if unknown:
            raise ValueError(f"unknown field {unknown[0]!r} (a {kind} has"
                             f" {', '.join(fields)})")
        if kind == "fact" and not FACT_ID.fullmatch(target):
            raise ValueError(f"{target!r} is not a fact id (f and 10 hex digits)")
        if kind == "fact" and entry.held and fact_id(entry.held) != target:
            raise ValueError("its quote is not the wording of that fact id")
        values = {name: _value(name, item[name], taxonomy) for name in fields if name in item}
        if not values:
            raise ValueError(f"it corrects nothing (a {kind} has {', '.join(fields)})")
        was = item.get("was") or {}
        if not isinstance(was, dict):
            raise ValueError("`was` holds the values as they were read")
        old = {name: _value(name, was[name], taxonomy, strict=False)
               for name in fields if name in was}
    except (ValueError, UnknownName) as err:
        return replace(entry, problem=str(err))
    return replace(entry, values=values, was=old)


def _value(name: str, raw: object, taxonomy: Taxonomy, *, strict: bool = True) -> Value:
    """A field's value as the store applies it: a date as YYYY-MM-DD, codes and slugs
    resolved like the `-c` and `-t` options and sorted."""
    if name in FACT_FIELDS:
        items = raw if isinstance(raw, list) else re.split(r"[,\s]+", str(raw or ""))
        names = [str(i).strip() for i in items if str(i).strip()]
        if not strict:
            return tuple(sorted(set(names)))
        if name == "countries":
            return tuple(sorted({_country_as_written(n) for n in names}))
        return tuple(sorted({_theme_as_written(taxonomy, n) for n in names}))
    if raw is None:
        if strict:
            raise ValueError(f"{name} needs a value")
        return None
    if name == "date":
        text = raw.isoformat() if isinstance(raw, date) else str(raw).strip()
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            if strict:
                raise ValueError(f"date {text!r} is not a day as YYYY-MM-DD") from None
            return text
    text = " ".join(str(raw).split())
    if strict and not text:
        raise ValueError(f"{name} is empty")
    return text


def _country_as_written(query: str) -> str:
    """A country's code from a corrections entry: a code, name or alias, never a guess at a
    typo ('Japna'), which would change the user's data on a guess: that is an unknown
    country, with the guess as its suggestion (the entry is invalid until it is fixed)."""
    from briefing.extract import countries

    code = countries.resolve_country(query)
    cleaned = " ".join(query.split())
    if countries.exact_country(cleaned) is None:
        raise UnknownName("country", cleaned, [f"{countries.country_name(code)} ({code})"])
    return code


def _theme_as_written(taxonomy: Taxonomy, query: str) -> str:
    """A theme's slug from a corrections entry, never a guess at a typo (as countries)."""
    slug = taxonomy.resolve(query)
    cleaned = " ".join(query.split())
    if taxonomy.exact(cleaned) is None:
        raise UnknownName("theme", cleaned, [f"{taxonomy.name(slug)} ({slug})"])
    return slug


def checked_field(name: str, text: str, taxonomy: Taxonomy) -> Value:
    """One field of a correction as a form takes it (countries and themes comma separated),
    checked as an entry of the file is: a name read only as a guess at a typo ('Japna') is
    refused (UnknownName naming the guess), a date must name a day (ValueError). Lets a form
    report every bad field before anything is written."""
    raw: object = text.split(",") if name in FACT_FIELDS else text
    return _value(name, raw, taxonomy)


def write_corrections(corpus: Path, entries: Sequence[Correction]) -> Path:
    """Write the corrections file whole or not at all (a temp file renamed over it)."""
    import yaml

    class Dumper(yaml.SafeDumper):
        """Codes and slugs on one line (`countries: [KR, JP]`), a quote never folded."""

    Dumper.add_representer(tuple, lambda d, v: d.represent_sequence(
        "tag:yaml.org,2002:seq", v, flow_style=True))
    path = corrections_path(corpus)
    listed = [_written(c) for c in entries]
    text = _HEADER + yaml.dump({"corrections": listed}, Dumper=Dumper, sort_keys=False,
                               allow_unicode=True, width=1_000_000)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{CORRECTIONS_FILE}.", suffix=".tmp",
                                   dir=corpus)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as err:
        raise BriefingError(f"cannot write {path}: {err.strerror or err}") from None
    return path


def _written(c: Correction) -> dict[str, Any]:
    out: dict[str, Any] = {c.kind: c.target}
    if c.held is not None:
        out["sha256" if c.kind == "source" else "quote"] = c.held
    out.update(c.values)
    if c.was:
        out["was"] = dict(c.was)
    return out


# --------------------------------------------------------------------------- making them


class Correctable(Protocol):
    """What making a correction needs of a store (`briefing.store.Store` has it all)."""

    corpus: Path
    taxonomy: Taxonomy

    def sync(self) -> SyncReport: ...

    def corrections(self) -> tuple[CorrectionNote, ...]: ...

    def original_source(self, key: str) -> Source | None: ...

    def original_labels(self, fid: str
                        ) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None: ...

    def edit_corrections(self, edit: Callable[[list[Correction]], T]) -> T: ...



def correct_source(store: Correctable, key: str, changes: Mapping[str, str]) -> CorrectionNote:
    """Correct a source's date, publisher or title (`changes`, checked: a date as
    YYYY-MM-DD), write the corrections file and apply it; the note says how it stands.
    A field set back to the value the source was read with is no longer corrected."""
    found = store.original_source(key)
    if found is None:
        raise UsageError(f"no source {key!r} in the corpus (see `briefing sources` for keys)")
    wrong = sorted(set(changes) - set(SOURCE_FIELDS))
    if wrong:
        raise UsageError(f"a source's {wrong[0]} cannot be corrected (only date, publisher,"
                         " title)")
    values = {k: _value(k, v, store.taxonomy) for k, v in changes.items()}
    read: dict[str, Value] = {"date": found.date, "publisher": found.publisher,
                              "title": found.title}
    return _save(store, Correction("source", key, found.sha256, values,
                                   {k: read[k] for k in values}))


def correct_fact(store: Correctable, fid: str, *, countries: Sequence[str] | None = None,
                 themes: Sequence[str] | None = None) -> CorrectionNote:
    """Set a fact's countries (codes) or themes (slugs), write the corrections file and
    apply it; the note says how it stands. Labels set back to those the fact was read with
    are no longer corrected."""
    found = store.original_labels(fid)
    if found is None:
        raise UsageError(f"unknown fact id {fid!r} (see `briefing facts` for ids)")
    text, read_countries, read_themes = found
    values: dict[str, Value] = {}
    if countries is not None:
        values["countries"] = tuple(sorted(set(countries)))
    if themes is not None:
        unknown = sorted(set(themes) - {t.slug for t in store.taxonomy.themes})
        if unknown:
            raise UsageError(f"unknown theme {unknown[0]!r}")
        values["themes"] = tuple(sorted(set(themes)))
    read: dict[str, Value] = {"countries": read_countries, "themes": read_themes}
    return _save(store, Correction("fact", fid, text, values, {k: read[k] for k in values}))


def _save(store: Correctable, new: Correction) -> CorrectionNote:
    """Merge a correction into the file's entry for its target (or add one), write, apply."""

    def merge(entries: list[Correction]) -> int | None:
        at = next((n for n, c in enumerate(entries)
                   if (c.kind, c.target) == (new.kind, new.target)), None)
        old = entries[at] if at is not None and not entries[at].problem else None
        values = {**(old.values if old else {}), **new.values}
        was = {**(old.was if old else {}), **new.was}
        # A value set back to what was read corrects nothing: that field's correction goes.
        kept = {k: v for k, v in values.items() if k not in was or v != was[k]}
        merged = replace(new, values=kept, was={k: was[k] for k in kept if k in was})
        if at is None:
            entries.append(merged)
            at = len(entries) - 1
        else:
            entries[at] = merged
        if not kept:
            del entries[at]
            return None
        return at

    at = store.edit_corrections(merge)
    store.sync()
    if at is None:
        return CorrectionNote(0, new.kind, new.target, "back to the values read: no"
                              " correction kept")
    return store.corrections()[at]


def remove_correction(store: Correctable, number: int) -> CorrectionNote:
    """Remove the `number`th correction (1-based, as listed) and apply the file without it;
    returns what it was."""

    def remove(entries: list[Correction]) -> CorrectionNote:
        if not 1 <= number <= len(entries):
            have = f"1 to {len(entries)}" if entries else "none"
            raise UsageError(f"no correction {number} (the corrections are numbered {have};"
                             " see `briefing correct --list`)")
        gone = entries.pop(number - 1)
        return CorrectionNote(number, gone.kind, gone.target,
                              gone.change if not gone.problem else UNREADABLE, gone.problem)

    note = store.edit_corrections(remove)
    store.sync()
    return note


def is_invalid(note: CorrectionNote) -> bool:
    """Whether a correction is not applied because its entry cannot be read as written (an
    unknown country or theme, a date that names no day, an unknown field: the user's typo,
    to fix), rather than stale (its source changed or its fact is gone since: to redo)."""
    return note.stale is not None and note.change == UNREADABLE


def not_applied(note: CorrectionNote) -> str:
    """`stale` or `invalid`, as a correction not applied is reported."""
    return "invalid" if is_invalid(note) else "stale"


# --------------------------------------------------------------------------- the store


def _note(item: list) -> CorrectionNote:
    """A note as the store keeps it (a JSON list), back."""
    number, kind, target, change, stale = item[:5]
    return CorrectionNote(number, kind, target, change, stale,
                          tuple(item[5]) if len(item) > 5 else ())


class Overlay(Refresh):
    """Laying the user's corrections over what the store read (see the module)."""

    @store_errors
    def corrections(self) -> tuple[CorrectionNote, ...]:
        """Every correction of the corpus's file as the last sync applied it, in order:
        applied, or stale and why."""
        kept = self._meta("corrections_notes")
        return tuple(_note(item) for item in json.loads(kept)) if kept else ()

    def edit_corrections(self, edit: Callable[[list[Correction]], T]) -> T:
        """Read the corrections file, let `edit` change its entries in place, and write it
        back, as one step among processes (the store's sync lock: two `briefing correct`
        at once both land). The next sync applies it. An error `edit` raises writes
        nothing."""
        with self._sync_lock():
            entries, _ = read_corrections(self.corpus, self.taxonomy)
            result = edit(entries)
            write_corrections(self.corpus, entries)
        return result

    def stale_corrections(self) -> tuple[CorrectionNote, ...]:
        return tuple(n for n in self.corrections() if n.stale)

    @store_errors
    def original_source(self, key: str) -> Source | None:
        """A source as its file gives it, before any correction (None: no such source)."""
        from briefing.store.files import SOURCE_COLUMNS, source_of_row

        row = self.db.execute(f"SELECT id, {SOURCE_COLUMNS} FROM sources WHERE key=?",
                              (key,)).fetchone()
        if row is None:
            return None
        source = source_of_row(row[1:])
        read = self.db.execute("SELECT title, publisher, date FROM source_originals"
                               " WHERE id=?", (row[0],)).fetchone()
        if read is not None:
            source = replace(source, title=read[0], publisher=read[1], date=read[2])
        return source

    @store_errors
    def original_labels(self, fid: str) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
        """A fact's quote and the countries and themes it was read with, before any
        correction (None: no such fact)."""
        if not FACT_ID.fullmatch(fid):
            return None
        number = int(fid[1:], 16)
        row = self.db.execute(
            "SELECT f.first, coalesce(o.was_countries, f.countries),"
            " coalesce(o.was_themes, f.themes) FROM facts f"
            " LEFT JOIN fact_overrides o ON o.fact = f.id WHERE f.id=?", (number,)).fetchone()
        if row is None:
            return None
        text = self._texts([row[0]])[row[0]]
        return text, tuple(row[1].split()), tuple(row[2].split())

    def _corrections_current(self) -> bool:
        """Whether the corrections file is as the store last applied it."""
        return self._meta("corrections") == corrections_stamp(self.corpus)

    def _correct(self) -> None:
        """Apply the corrections file as it is now, inside a sync's transaction: put back
        what corrections no longer in force changed, set what those in force say, refresh
        the facts either touches, and keep a note of each (applied or stale)."""
        entries, stamp = read_corrections(self.corpus, self.taxonomy)
        notes: list[CorrectionNote] = []
        sources: dict[int, dict[str, Value]] = {}
        facts: dict[int, tuple[str | None, str | None]] = {}
        for n, entry in enumerate(entries, 1):
            stale = entry.problem or (self._source_wanted(entry, sources)
                                      if entry.kind == "source"
                                      else self._fact_wanted(entry, facts))
            notes.append(CorrectionNote(n, entry.kind, entry.target,
                                        entry.change if not entry.problem else UNREADABLE,
                                        stale,
                                        entry.labels))
        changed = self._set_sources(sources)
        touched = self._set_overrides(facts)
        pages = {page for (page,) in self.db.execute(
            "SELECT page FROM sources WHERE id IN (SELECT value FROM json_each(?))"
            " AND page IS NOT NULL", (json.dumps(sorted(changed)),))}
        touched |= self._facts_of(changed | self._settle_versions(pages))
        if touched:
            self._refresh_facts(touched)
        self._set_meta("corrections", stamp)
        self._set_meta("corrections_notes", json.dumps(
            [[n.number, n.kind, n.target, n.change, n.stale, list(n.labels)] for n in notes],
            ensure_ascii=False))

    def _source_wanted(self, entry: Correction, wanted: dict[int, dict[str, Value]]
                       ) -> str | None:
        """Add a source correction to `wanted` (by source id), or say why it is stale."""
        row = self.db.execute("SELECT id, sha256 FROM sources WHERE key=?",
                              (entry.target,)).fetchone()
        if row is None:
            return "no such source in the corpus now (its file was removed or renamed)"
        if entry.held and row[1] != entry.held:
            return "its file changed since the correction (correct it again, or remove it)"
        wanted.setdefault(row[0], {}).update(entry.values)
        return None

    def _fact_wanted(self, entry: Correction,
                     wanted: dict[int, tuple[str | None, str | None]]) -> str | None:
        """Add a fact correction to `wanted` (by stored fact number, for the fact and its
        near-same wordings, which are listed as one fact), or say why it is stale."""
        number = int(entry.target[1:], 16)
        row = self.db.execute("SELECT grp FROM facts WHERE id=?", (number,)).fetchone()
        if row is None:
            return ("no such fact in the corpus now (the sources that stated it changed or"
                    " were removed)")
        members = [number] if row[0] is None else [fid for (fid,) in self.db.execute(
            "SELECT id FROM facts WHERE grp=?", (row[0],))]
        countries, themes = entry.values.get("countries"), entry.values.get("themes")
        for fid in members:
            was = wanted.get(fid, (None, None))
            wanted[fid] = (was[0] if countries is None else " ".join(countries),
                           was[1] if themes is None else " ".join(themes))
        return None

    def _set_sources(self, wanted: dict[int, dict[str, Value]]) -> set[int]:
        """Give sources the values `wanted` says (their own for the others); returns the
        ids of those whose values changed."""
        read = {row[0]: row[1:] for row in self.db.execute(
            "SELECT id, title, publisher, date FROM source_originals")}
        ids = sorted(set(read) | set(wanted))
        now = {row[0]: row[1:] for row in self.db.execute(
            "SELECT id, title, publisher, date FROM sources WHERE id IN"
            " (SELECT value FROM json_each(?))", (json.dumps(ids),))}
        changed: set[int] = set()
        for sid in ids:
            if sid not in now:  # forgotten with its file
                continue
            own = read.get(sid, now[sid])
            values = wanted.get(sid, {})
            target = tuple(values.get(name, own[n]) for n, name in
                           enumerate(("title", "publisher", "date")))
            if sid in wanted and sid not in read:
                self.db.execute("INSERT INTO source_originals VALUES (?, ?, ?, ?)",
                                (sid, *own))
            elif sid not in wanted:
                self.db.execute("DELETE FROM source_originals WHERE id=?", (sid,))
            if target != now[sid]:
                self.db.execute("UPDATE sources SET title=?, publisher=?, date=? WHERE id=?",
                                (*target, sid))
                changed.add(sid)
        self.db.execute("DELETE FROM source_originals WHERE id NOT IN (SELECT id FROM sources)")
        return changed

    def _set_overrides(self, wanted: dict[int, tuple[str | None, str | None]]) -> set[int]:
        """Make `fact_overrides` say `wanted`; returns the facts whose labels change."""
        old = self._fact_overrides()
        if old == wanted:
            return set()
        self.db.execute("DELETE FROM fact_overrides")
        self.db.executemany("INSERT INTO fact_overrides (fact, countries, themes)"
                            " VALUES (?, ?, ?)",
                            [(fid, *labels) for fid, labels in sorted(wanted.items())])
        return {fid for fid in set(old) | set(wanted) if old.get(fid) != wanted.get(fid)}
