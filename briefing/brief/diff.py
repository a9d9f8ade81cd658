"""Comparing two rendered briefs (`briefing diff OLD NEW`): which facts one quotes and the
other does not, which both quote differently, and which sentences were edited.

A brief is read back as `verify` reads it (`verify.read_brief`): a Markdown brief's quotes
and Sources list, or a PDF's attached facts JSON. A fact is known by its id, which is the
hash of its wording (`text.fact_id`), so a Markdown brief, which prints no ids, and a PDF
brief compare alike. A fact both quote is changed when its quote differs (case or
punctuation: the id ignores both) or it cites other files. A file cited by both briefs with
other bytes (its sha256, of which a Markdown brief records the first 16 hex digits) is said
once, with how many facts both quote from it as before: those are unchanged, not listed
one by one (an edit elsewhere in the file changed none of them).

A sentence edited in its file (`1.4 trillion won` now `1.6 trillion won`) has a new id, so
it would read as one fact removed and another added. As in a saved brief's What's new, a
removed fact and an added one are one edited sentence when a file the old one was quoted
from changed between the briefs (or a brief records no hash for it) and the new one is
quoted from that file in near-same wording (`history.edit_pairs`, the one rule both use).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from briefing.brief.history import Wording, edit_pairs
from briefing.brief.verify import CitedBrief, read_brief
from briefing.model import first_words
from briefing.text import fact_id


@dataclass(frozen=True, slots=True)
class QuotedFact:
    """A fact as a rendered brief quotes it."""

    id: str
    text: str
    files: tuple[tuple[str, str], ...]
    """(file, sha256 or a prefix of it, "" when not recorded) of each source it cites, as
    the brief names them (a source naming no file: its label)."""


@dataclass(frozen=True, slots=True)
class Change:
    old: QuotedFact
    new: QuotedFact
    """The same fact as `old`, or, for an edited sentence, the new fact it became."""
    what: tuple[str, ...]
    """What differs, in words: `quote reworded`, `cites x.txt`, `no longer cites y.txt`,
    or `edited in x.txt`."""

    @property
    def edited(self) -> bool:
        """A sentence edited in its file: the old fact and the new one it became."""
        return self.old.id != self.new.id


@dataclass(frozen=True, slots=True)
class BriefDiff:
    added: tuple[QuotedFact, ...]
    removed: tuple[QuotedFact, ...]
    changed: tuple[Change, ...]
    same: int
    old_count: int
    new_count: int
    files_changed: tuple[tuple[str, int], ...] = ()
    """Each file both briefs cite that changed between them, with how many of the facts
    both quote from it read as before."""

    @property
    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.removed)} removed, {len(self.changed)}"
                f" changed, {self.same} unchanged ({self.old_count} facts before,"
                f" {self.new_count} after)")


def quoted_facts(brief: CitedBrief) -> dict[str, QuotedFact]:
    """The facts a brief quotes, by id, in the order it first quotes them."""
    texts: dict[str, str] = {}
    files: dict[str, dict[tuple[str, str], None]] = {}
    for quote in brief.quotes:
        fid = fact_id(quote.fact)
        texts.setdefault(fid, quote.fact)
        source = brief.sources.get(quote.number)
        cited = ((source.path or source.label, source.sha256 or "") if source is not None
                 else (f"[{quote.number}]", ""))
        files.setdefault(fid, {})[cited] = None
    return {fid: QuotedFact(fid, text, tuple(sorted(files[fid]))) for fid, text in texts.items()}


def diff_briefs(old: Path, new: Path) -> BriefDiff:
    """The difference between two rendered briefs (each Markdown, PDF or facts JSON);
    UsageError for a file that is not a brief."""
    before, after = quoted_facts(read_brief(old)), quoted_facts(read_brief(new))
    changes = []
    for fid in before.keys() & after.keys():
        what = tuple(_changes(before[fid], after[fid]))
        if what:
            changes.append(Change(before[fid], after[fid], what))
    added = [f for fid, f in after.items() if fid not in before]
    removed = [f for fid, f in before.items() if fid not in after]
    edits = _edits(removed, added, before, after)
    changes += edits
    moved = _changed_files(before, after)
    unchanged = (before.keys() & after.keys()) - {c.new.id for c in changes}
    kept = {path: sum(path in dict(after[fid].files) for fid in unchanged) for path in moved}
    paired = {c.old.id for c in edits} | {c.new.id for c in edits}
    order = {fid: n for n, fid in enumerate(after)}
    changes.sort(key=lambda c: order[c.new.id])
    return BriefDiff(
        added=tuple(f for f in added if f.id not in paired),
        removed=tuple(f for f in removed if f.id not in paired),
        changed=tuple(changes),
        same=len(before.keys() & after.keys()) - (len(changes) - len(edits)),
        old_count=len(before), new_count=len(after),
        files_changed=tuple((path, kept[path]) for path in moved))


def _changed_files(before: dict[str, QuotedFact], after: dict[str, QuotedFact]
                   ) -> list[str]:
    """The files both briefs cite whose recorded hashes differ, sorted."""
    was, now = _file_hashes(before), _file_hashes(after)
    return sorted(path for path in was.keys() & now.keys() if _differ(was[path], now[path]))


def _differ(a: str, b: str) -> bool:
    """Two recorded hashes (or prefixes of them) of one file differ; unknown when either
    brief records none."""
    n = min(len(a), len(b))
    return bool(n) and a[:n] != b[:n]


def _edits(removed: list[QuotedFact], added: list[QuotedFact],
           before: dict[str, QuotedFact], after: dict[str, QuotedFact]) -> list[Change]:
    """The removed facts that are edits of added ones (`history.edit_pairs`): a removed
    fact's files are weighed only where the file changed between the two briefs, or where
    either brief records no hash for it (a sentence of a file with the same bytes was not
    edited)."""
    if not removed or not added:
        return []
    was, now = _file_hashes(before), _file_hashes(after)

    def changed(path: str) -> bool:
        a, b = was.get(path, ""), now.get(path, "")
        return path in now and (not min(len(a), len(b)) or _differ(a, b))

    gone = {f.id: f for f in removed}
    new = {f.id: f for f in added}
    pairs = edit_pairs(
        [Wording(f.id, f.text, tuple(p for p, _ in f.files if changed(p))) for f in removed],
        [Wording(f.id, f.text, tuple(p for p, _ in f.files)) for f in added])
    return [Change(gone[d.id], new[n.id], (f"edited in {', '.join(shared)}",))
            for d, n, shared in pairs]


def _file_hashes(facts: dict[str, QuotedFact]) -> dict[str, str]:
    """Each cited file's hash as a brief records it ("" when it records none)."""
    out: dict[str, str] = {}
    for f in facts.values():
        for path, sha in f.files:
            if sha or path not in out:
                out[path] = sha
    return out


def _changes(old: QuotedFact, new: QuotedFact) -> Iterator[str]:
    if old.text != new.text:
        yield "quote reworded"
    was = {path: sha for path, sha in old.files}
    now = {path: sha for path, sha in new.files}
    for path in sorted(now.keys() - was.keys()):
        yield f"cites {path}"
    for path in sorted(was.keys() - now.keys()):
        yield f"no longer cites {path}"


def diff_lines(diff: BriefDiff) -> Iterator[str]:
    """The difference as lines: `+ f… “quote…”`, `- …`, `~ … (what changed)`; an edited
    sentence as `~ OLD → NEW “old wording” → “new wording” (edited in x.txt)`, each wording
    whole, since the edit may be anywhere in it."""
    for mark, facts in (("+", diff.added), ("-", diff.removed)):
        for f in facts:
            yield f"{mark} {f.id} “{first_words(f.text)}”"
    for c in diff.changed:
        if c.edited:
            yield (f"~ {c.old.id} → {c.new.id} “{c.old.text}” → “{c.new.text}”"
                   f" ({'; '.join(c.what)})")
        else:
            yield f"~ {c.new.id} “{first_words(c.new.text)}” ({'; '.join(c.what)})"
    for path, kept in diff.files_changed:
        facts = "fact" if kept == 1 else "facts"
        yield f"* {path} changed between the briefs; {kept} {facts} quoted from it read as before"
