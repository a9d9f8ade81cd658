"""Results that worker threads post back to the app (posting a message is thread-safe)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from briefing.brief.saved import Missing, SavedBrief
from briefing.model import Chart, CorrectionNote, Fact, SourceRef, WhatsNew
from briefing.store import SyncReport
from briefing.tui.session import Choice


@dataclass
class IndexProgress(Message):
    done: int
    total: int


@dataclass
class Indexed(Message):
    report: SyncReport
    countries: list[Choice]
    themes: list[Choice]
    restored: SavedBrief | None = None
    """The last session, reopened with this first index (None: none, or not the first)."""
    missing: Missing | None = None
    """Its excluded and pinned facts the corpus no longer has."""
    restore_error: str = ""
    """Why the last session could not be reopened (a file spoilt by hand)."""


@dataclass
class FactsLoaded(Message):
    generation: int
    """Which request this answers: an answer to an older request is dropped."""
    facts: list[Fact]
    """The first facts of the selection (a page or more)."""
    total: int
    """How many facts the selection has in all."""
    more: bool = False
    """A further page for the same request: the table grows instead of starting over."""


@dataclass
class PreviewReady(Message):
    generation: int
    markdown: str
    news: WhatsNew | None = None
    """What the brief has that its last export (on an earlier day) had not."""
    charts: tuple[Chart, ...] = ()
    """The brief's charts (their data: the chart view draws them)."""
    sources: tuple[SourceRef, ...] = ()
    """The brief's numbered sources, which the charts cite."""
    in_brief: frozenset[str] | None = None
    """The ids of the facts the brief has (None: no brief, nothing picked)."""


@dataclass
class ContextLoaded(Message):
    """A fact's paragraph is now known to the session (for the detail under the table, or
    for the detail dialog when `open_dialog`)."""

    fact: Fact
    open_dialog: bool = False


@dataclass
class Exported(Message):
    paths: list[Path]


@dataclass
class Emailed(Message):
    summary: str
    warnings: tuple[str, ...] = ()


@dataclass
class LinksProgress(Message):
    done: int
    total: int


@dataclass
class LinksAdded(Message):
    """What `add` made of each link (`briefing.ingest.fetch.Added`)."""

    outcomes: list


@dataclass
class Corrected(Message):
    """A correction made from the fact's detail was written and applied (or refused)."""

    fact: Fact
    """The fact as the store has it now (the one corrected, when it is gone)."""
    notes: tuple[CorrectionNote, ...] = ()
    error: str | None = None
    countries: list[Choice] | None = None
    """The sidebar's countries and themes with their counts as the correction left them."""
    themes: list[Choice] | None = None
