"""What's new in a saved brief: each render records the facts it included, and the next
render says what is new since and what dropped out, and why.

The record is a JSON file beside the brief file (`kr-weekly.yaml` keeps
`kr-weekly.history.json`): one entry per as-of date, holding each included fact's id, its
quote and the files it was cited from with their sha256 then. Rendering again on the same
date replaces that date's entry, so a brief made twice in a day is the same brief twice; a
render compares with the latest entry dated before it.

A fact the previous render had and this one has not dropped out because:

- `excluded by the user`: the brief file now excludes it;
- `ranked out`: the corpus still has it, but other facts ranked above it (or a cap left it
  out), or `no longer matches the selection` when its countries or themes no longer do;
- `source changed`: it is gone from the corpus and a file it was cited from now has other
  bytes (the sentence was edited or removed);
- `source removed`: it is gone, and so are the files it was cited from;
- `no longer extracted`: it is gone though its files are as they were (a newer extractor
  reads them differently).

A fact dropped out as `source changed` and a new fact quoted from that same file in
near-same wording are one sentence edited: listed once, as changed (`edit_pairs`, which
`briefing diff` shares), not as a new fact and a dropped one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from briefing.brief.saved import FactsById
from briefing.errors import BriefingError, UsageError
from briefing.model import (
    Brief,
    BriefItem,
    ChangedFact,
    DroppedFact,
    Fact,
    NewFact,
    WhatsNew,
)

SUFFIX = ".history.json"
FORMAT = 1
EXCLUDED = "excluded by the user"
RANKED_OUT = "ranked out"
UNSELECTED = "no longer matches the selection"
SOURCE_CHANGED = "source changed"
SOURCE_REMOVED = "source removed"
NOT_EXTRACTED = "no longer extracted"
#: Similarity (rapidfuzz Indel on `norm_key`s, 0-1) at or above which a new fact from a
#: changed file is an edit of a fact that dropped out of it. Lower than the store's
#: NEAR_SAME_WORDING (0.92, which makes two reports one fact whatever their files): here
#: both sentences must come from the same edited file, so a figure and a word or two may
#: change ("train 50,000 AI engineers by 2030" -> "train 60,000 AI specialists by 2030").
EDITED_WORDING = 0.8


@dataclass(frozen=True, slots=True)
class CitedFile:
    """A source a render cited a fact from, and its file's hash then."""

    key: str
    file: str
    """The corpus file, relative to the corpus (the carrying file of a related article)."""
    sha256: str


@dataclass(frozen=True, slots=True)
class RecordedFact:
    id: str
    text: str
    sources: tuple[CitedFile, ...]


@dataclass(frozen=True, slots=True)
class Render:
    """One render of a saved brief: its as-of date and the facts it included."""

    as_of: str
    facts: tuple[RecordedFact, ...]


def history_path(brief_file: Path) -> Path:
    """`kr-weekly.yaml` -> `kr-weekly.history.json`, beside it."""
    return brief_file.with_name(brief_file.stem + SUFFIX)


# --------------------------------------------------------------------------- the file


def load_history(path: Path) -> list[Render]:
    """The renders recorded so far, oldest first; none when there is no file yet."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"cannot read {path}: {getattr(err, 'strerror', None) or err}"
                         ) from None
    try:
        data = json.loads(text)
        return [Render(r["as_of"], tuple(
            RecordedFact(f["id"], f["text"], tuple(
                CitedFile(s["key"], s["file"], s["sha256"]) for s in f["sources"]))
            for f in r["facts"])) for r in data["renders"]]
    except (ValueError, KeyError, TypeError) as err:
        raise UsageError(f"{path}: not a brief history file ({type(err).__name__}: {err});"
                         " move it aside to start a new history") from None


def history_json(renders: Sequence[Render]) -> str:
    return json.dumps({"format": FORMAT, "renders": [
        {"as_of": r.as_of, "facts": [
            {"id": f.id, "text": f.text, "sources": [
                {"key": s.key, "file": s.file, "sha256": s.sha256} for s in f.sources]}
            for f in r.facts]}
        for r in renders]}, ensure_ascii=False, indent=1) + "\n"


def record_render(path: Path, brief: Brief) -> Render:
    """Add this render to the history file (atomically: the file is whole, old or new),
    replacing an entry of the same as-of date."""
    from briefing.brief.export import write_atomic

    render = render_of(brief)
    renders = [r for r in load_history(path) if r.as_of != render.as_of] + [render]
    renders.sort(key=lambda r: r.as_of)
    try:
        write_atomic(path, history_json(renders))
    except OSError as err:
        raise BriefingError(f"cannot write {path}: {err.strerror or err}") from None
    return render


def render_of(brief: Brief) -> Render:
    return Render(brief.as_of.isoformat(), tuple(_recorded(i) for i in brief.items))


def _recorded(item: BriefItem) -> RecordedFact:
    files: dict[str, CitedFile] = {}
    for c in item.fact.citations:
        s = c.source
        files.setdefault(s.key, CitedFile(s.key, s.carrier or s.path, s.sha256))
    return RecordedFact(item.fact.id, item.fact.text, tuple(files.values()))


def previous_render(renders: Sequence[Render], as_of: date) -> Render | None:
    """The latest render dated before `as_of`."""
    earlier = [r for r in renders if r.as_of < as_of.isoformat()]
    return max(earlier, key=lambda r: r.as_of) if earlier else None


# --------------------------------------------------------------------------- what changed


def whats_new(previous: Render, brief: Brief, store: FactsById, corpus: Path) -> WhatsNew:
    """What `brief` has that `previous` had not (where the brief quotes each), and what
    `previous` had that `brief` has not, with why (see the module docstring). The files of
    facts the corpus no longer has are hashed again to tell a changed source from a
    removed one."""
    before = {f.id for f in previous.facts}
    now = {i.fact.id for i in brief.items}
    new = tuple(NewFact(item.fact.id, item.fact.text, where, _corrected(item, brief))
                for item, where in _reading_order(brief) if item.fact.id not in before)
    gone = [f for f in previous.facts if f.id not in now]
    still = {f.id: f for f in store.facts(among=[f.id for f in gone], citations=1)} if gone else {}
    hashes: dict[str, str | None] = {}
    dropped = tuple(DroppedFact(f.id, f.text, *_why_dropped(f, brief, still.get(f.id), corpus,
                                                            hashes))
                    for f in gone)
    changed = _edits(dropped, new, brief)
    if changed:
        paired = {c.id for c in changed} | {c.was_id for c in changed}
        new = tuple(f for f in new if f.id not in paired)
        dropped = tuple(f for f in dropped if f.id not in paired)
    return WhatsNew(previous.as_of, new, dropped, kept=len(before & now), changed=changed)


def _edits(dropped: Sequence[DroppedFact], new: Sequence[NewFact], brief: Brief
           ) -> tuple[ChangedFact, ...]:
    """The dropped facts whose source file changed that are edits of new facts
    (`edit_pairs`): one changed fact each rather than a new one and a dropped one."""
    edited = [d for d in dropped if d.reason == SOURCE_CHANGED]
    if not edited or not new:
        return ()
    files = {i.fact.id: tuple(dict.fromkeys(c.source.carrier or c.source.path
                                            for c in i.fact.citations))
             for i in brief.items}
    now = {n.id: n for n in new}
    pairs = edit_pairs([Wording(d.id, d.text, d.files) for d in edited],
                       [Wording(n.id, n.text, files.get(n.id, ())) for n in new])
    return tuple(ChangedFact(n.id, n.text, now[n.id].where, d.id, d.text, shared)
                 for d, n, shared in pairs)


@dataclass(frozen=True, slots=True)
class Wording:
    """A fact as `edit_pairs` weighs it: its id, its wording, and the files it is quoted
    from."""

    id: str
    text: str
    files: tuple[str, ...]


def edit_pairs(gone: Sequence[Wording], new: Sequence[Wording]
               ) -> list[tuple[Wording, Wording, tuple[str, ...]]]:
    """Pairs of a fact that is gone and a new fact quoted from one of its files in near-same
    wording (`EDITED_WORDING`): one sentence, edited (`50,000 engineers` now `60,000`), with
    the files they share. `gone`'s files should be only those that changed since (a file
    with the same bytes had no sentence edited). Each fact pairs at most once, the closest
    wordings first; the pairs come in the order of `new`. Shared by what's new and
    `briefing diff`, so both call the same sentences edits."""
    from rapidfuzz.distance import Indel

    from briefing.text import norm_key

    scored = []
    for d in gone:
        for n in new:
            shared = tuple(f for f in d.files if f in n.files)
            if not shared:
                continue
            score = Indel.normalized_similarity(norm_key(d.text), norm_key(n.text))
            if score >= EDITED_WORDING:
                scored.append((-score, d.id, n.id, d, n, shared))
    out: list[tuple[Wording, Wording, tuple[str, ...]]] = []
    taken: set[str] = set()
    for _, was, now, d, n, shared in sorted(scored, key=lambda s: s[:3]):
        if was not in taken and now not in taken:
            taken |= {was, now}
            out.append((d, n, shared))
    order = {n.id: k for k, n in enumerate(new)}  # as the reader meets them
    return sorted(out, key=lambda pair: order[pair[1].id])


def _corrected(item: BriefItem, brief: Brief) -> tuple[str, ...]:
    """The applied corrections of a fact or of a source the brief cites it from, in words
    (a re-dated wire copy's facts may rank into a brief they were left out of)."""
    paths = {ref.source.key for ref in brief.sources if ref.number in item.refs}
    return tuple(note.change for note in brief.corrections if note.stale is None and (
        note.target == item.fact.id if note.kind == "fact" else note.target in paths))


def _reading_order(brief: Brief) -> list[tuple[BriefItem, str]]:
    """Each fact of the brief once, where it is quoted, in the order a reader meets it."""
    placed = [(item, f"key finding {n}") for n, item in enumerate(brief.key_findings, 1)]
    if brief.compared and brief.selection.countries:
        one = brief.country_names.get(brief.selection.countries[0], "")
        placed += [(item, f"{one} compared with others") for item in brief.compared]
    placed += [(item, s.title) for s in brief.sections for item in s.items]
    seen: set[str] = set()
    out = []
    for item, where in placed + [(item, "") for item in brief.items]:
        if item.fact.id not in seen:
            seen.add(item.fact.id)
            out.append((item, where))
    return out


def _why_dropped(fact: RecordedFact, brief: Brief, still: Fact | None, corpus: Path,
                 hashes: dict[str, str | None]) -> tuple[str, tuple[str, ...]]:
    """Why a fact of the previous render is not in this one, and the files that says."""
    if fact.id in brief.selection.excluded:
        return EXCLUDED, ()
    if still is not None:
        return (RANKED_OUT if _matches(still, brief) else UNSELECTED), ()
    changed: list[str] = []
    removed: list[str] = []
    for s in fact.sources:
        if s.file not in hashes:
            hashes[s.file] = file_sha256(corpus / s.file)
        now = hashes[s.file]
        if now is None:
            removed.append(s.file)
        elif now != s.sha256:
            changed.append(s.file)
    if changed:
        return SOURCE_CHANGED, tuple(changed)
    if removed and len(removed) == len(fact.sources):
        return SOURCE_REMOVED, tuple(removed)
    return NOT_EXTRACTED, ()


def _matches(fact: Fact, brief: Brief) -> bool:
    """Whether a fact is about the brief's countries and themes (any, when none is set)."""
    sel = brief.selection
    return (not sel.countries or bool(set(fact.countries) & set(sel.countries))) and (
        not sel.themes or bool(set(fact.themes) & set(sel.themes)))


def file_sha256(path: Path) -> str | None:
    """The sha256 of a file's bytes, None when it is gone or unreadable."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()
