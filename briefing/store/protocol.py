"""The fact store as the layers above it see it: the seam another engine can stand behind.

The brief, the terminal app and the CLI use a store only through `FactStore`, and what a
sync reports (`SyncReport`); SQLite (`briefing.store.Store`) is the one implementation. A
shared archive on PostgreSQL would be a second class with these methods (see README, "Past
one machine"); nothing above changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from briefing.extract.themes import Taxonomy
from briefing.model import CorrectionNote, Fact, FactDigest, Skipped, Source

#: A merged fact as `fact_groups` hands it out, to be loaded later: opaque to callers.
FactGroup = tuple[int, ...]


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one pass over the corpus changed."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: tuple[Skipped, ...] = ()
    """Files that could not be read (reported every time, not only when first seen)."""
    warnings: tuple[Skipped, ...] = ()
    stale_corrections: tuple[CorrectionNote, ...] = ()
    """The user's corrections not applied because their target changed or is gone
    (reported every time, like skipped files)."""

    @property
    def read(self) -> int:
        return self.added + self.changed


class FactStore(Protocol):
    """Facts extracted from one corpus, kept in step with it."""

    taxonomy: Taxonomy

    def sync(self, *, rebuild: bool = False,
             progress: Callable[[int, int], None] | None = None) -> SyncReport:
        """Bring the store up to date with the corpus."""
        ...

    def facts(self, countries: Sequence[str] = (), themes: Sequence[str] = (),
              query: str | None = None, *, citations: int | None = None,
              among: Sequence[str] | None = None) -> list[Fact]:
        """Merged facts about any of `countries` and any of `themes`, in corpus order."""
        ...

    def iter_facts(self, countries: Sequence[str] = (), themes: Sequence[str] = (),
                   query: str | None = None, *, citations: int | None = None
                   ) -> Iterator[Fact]:
        """The same facts streamed in the same order, in constant memory."""
        ...

    def fact_groups(self, countries: Sequence[str] = (), themes: Sequence[str] = (),
                    query: str | None = None) -> Sequence[FactGroup]:
        """Handles to the same facts in the same order, to load a page at a time; a long
        list may find them as they are asked for."""
        ...

    def load_facts(self, groups: Sequence[FactGroup], *, citations: int | None = None
                   ) -> list[Fact]:
        ...

    def digests(self, countries: Sequence[str] = (), themes: Sequence[str] = (),
                query: str | None = None) -> Iterator[FactDigest]:
        """What a brief ranks the matching facts by, without their text, streamed."""
        ...

    def sources(self) -> list[tuple[Source, int]]: ...

    def country_counts(self) -> dict[str, int]: ...

    def theme_counts(self) -> dict[str, int]: ...

    def corrections(self) -> tuple[CorrectionNote, ...]:
        """The user's corrections (`corrections.yaml` in the corpus folder), in the file's
        order, as applied: each applied, or stale and why."""
        ...

    def fingerprint(self) -> str:
        """A hash over every source file's hash."""
        ...

    def context(self, fact: Fact) -> tuple[str, int, int]:
        """The paragraph a fact sits in and the fact's offsets in it."""
        ...

    def close(self) -> None: ...
