"""What the terminal app knows and asks the core, without Textual.

The app keeps its state here (the selection, the exclusions) and every call into the core
goes through here, so the App class only lays out widgets and routes events. Worker threads
each get their own store connection: an SQLite connection is not for two threads at once.
The facts table is paged: a country of a big archive has tens of thousands of facts, and
the table loads a page of them at a time, as the user scrolls.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from briefing.brief.build import Options, brief_from_store
from briefing.errors import BriefingError, UnknownName
from briefing.extract.countries import (
    country_codes,
    country_name,
    resolve_country,
    suggest_countries,
)
from briefing.extract.themes import Taxonomy, load_taxonomy
from briefing.ingest.provenance import MAX_CITED
from briefing.model import Brief, CorrectionNote, Fact, FactDigest, Selection
from briefing.store import FactGroup, FactStore, Store, SyncReport
from briefing.tui.state import history_file, session_file

if TYPE_CHECKING:
    from briefing.brief.saved import Missing, SavedBrief
    from briefing.deliver.mail import Outcome
    from briefing.deliver.outbox import Resent
    from briefing.deliver.smtp import RetryHook
    from briefing.model import Chart, SourceRef, WhatsNew

#: A country stays in the filtered list when its score (suggest_countries' 0-100 scale) is at
#: least FILTER_FLOOR and within FILTER_SPREAD of the best one: "germ" scores Germany 99 and
#: Hong Kong 75, "sout kor" South Korea 95 and North Korea 66, "korea" both Koreas 95-97.
FILTER_FLOOR = 60.0
FILTER_SPREAD = 20.0
#: Paragraphs remembered for the detail views.
CONTEXTS_KEPT = 256
T = TypeVar("T")
#: Facts the table loads at a time (a first screenful many times over).
PAGE = 100
#: Fact handles and facts the session remembers, and digests: a few countries' worth of a
#: big archive (a handle is about 90 bytes, a digest 250), many of a small one.
GROUPS_KEPT = 50_000
DIGESTS_KEPT = 30_000


@dataclass(frozen=True, slots=True)
class Listing:
    """The first facts of a selection, as many as the table has asked for, and how many
    there are in all."""

    facts: list[Fact]
    total: int


@dataclass(frozen=True, slots=True)
class Choice:
    """A row of the country or theme list."""

    value: str
    """Country code or theme slug."""
    name: str
    count: int
    """Facts about it in the whole corpus."""
    short: str = ""
    """A shorter name for a narrow list (a theme's `short`); empty when there is none."""


@dataclass(frozen=True, slots=True)
class Preview:
    """What the app shows of a selection's brief besides its facts."""

    markdown: str
    news: WhatsNew | None = None
    """What the brief has that its last export (on an earlier day) had not."""
    charts: tuple[Chart, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    """The brief's numbered sources, which the charts' citations point into."""
    in_brief: frozenset[str] | None = None
    """The ids of the facts the brief has (None: no brief was made)."""


@dataclass(frozen=True, slots=True)
class Context:
    """A fact's paragraph as its source file holds it, and where the fact sits in it."""

    paragraph: str
    start: int
    end: int


class Session:
    """One run of the app: a corpus, an as-of date, where briefs go, and the user's choices."""

    def __init__(self, corpus: Path, *, as_of: date | None = None,
                 out_dir: Path = Path("out"), formats: Sequence[str] | None = None):
        self.corpus = corpus
        self.as_of = as_of or date.today()
        self.out_dir = out_dir
        self.formats = tuple(formats) if formats else default_formats()
        self.countries: tuple[str, ...] = ()
        self.themes: tuple[str, ...] = ()
        self.excluded: set[str] = set()
        """Fact ids left out; kept across changes of selection."""
        self.pinned: set[str] = set()
        """Fact ids always in the brief however they rank (never also excluded)."""
        self.notes: dict[str, str] = {}
        """A few words of each excluded or pinned fact, for the saved brief's reader."""
        self.restored: SavedBrief | None = None
        """The last session as it was reopened (None: there was none)."""
        self.brief_file: Path | None = None
        """The brief file this run saved to (ctrl+s offers it again)."""
        self.search = ""
        self.page = PAGE
        """Facts the table loads at a time."""
        """Full-text search narrowing the facts list (not the brief: see `facts`)."""
        self._taxonomy: Taxonomy | None = None
        # Pages of facts (PAGE each) and the handles of whole selections (13,000 for a
        # country of 100,000 articles): the handles are bounded by their number.
        self._cache = FactCache(items=GROUPS_KEPT)
        # Digests (what a brief ranks by) are 13,000 small objects for a country of a big
        # archive, and the garbage collector walks every one kept: only the last few.
        self._digest_cache = FactCache(size=3, items=DIGESTS_KEPT)
        self._contexts: OrderedDict[str, Context] = OrderedDict()
        self._notes: tuple[CorrectionNote, ...] | None = None
        """The store's corrections, as last read (None: to read)."""
        self._local = threading.local()
        self._stores: list[tuple[threading.Thread, FactStore]] = []
        self._lock = threading.Lock()

    # ----------------------------------------------------------------- stores

    @property
    def taxonomy(self) -> Taxonomy:
        with self._lock:
            if self._taxonomy is None:
                self._taxonomy = load_taxonomy()
            return self._taxonomy

    def store(self) -> FactStore:
        """This thread's connection to the corpus's store (SQLite, the one implementation)."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store.for_corpus(self.corpus, self.taxonomy)
            self._local.store = store
            with self._lock:
                self._stores.append((threading.current_thread(), store))
        return store

    def close(self) -> None:
        """Close the connections no thread is using. A worker still inside a query keeps
        its own (closing it under the query would crash SQLite); it goes with the process."""
        me = threading.current_thread()
        with self._lock:
            idle = [(t, s) for t, s in self._stores if t is me or not t.is_alive()]
            self._stores = [pair for pair in self._stores if pair not in idle]
        for _, store in idle:
            store.close()

    def index(self, progress: Callable[[int, int], None] | None = None) -> SyncReport:
        report = self.store().sync(progress=progress)
        self._forget()
        return report

    # ----------------------------------------------------------------- corrections

    def correct(self, fact: Fact, changes: dict[str, str]) -> tuple[CorrectionNote, ...]:
        """Correct the fact's countries and themes and its first source's date, publisher
        and title (`changes`: the fields as typed; names as `-c` and `-t` take them), through
        the functions `briefing correct` uses: they check the values, write corrections.yaml
        and apply it. Returns their notes (source first). Nothing is written unless every
        field is good (BriefingError with the first reason; `check_correction` has them all)."""
        from briefing.store.corrections import checked_field, correct_fact, correct_source

        reasons = self.check_correction(changes)
        if reasons:
            raise BriefingError(next(iter(reasons.values())))
        store = self.store()
        labels = {name: list(checked_field(name, changes[name], self.taxonomy) or ())
                  for name in ("countries", "themes") if name in changes}
        source = {k: v for k, v in changes.items() if k in ("date", "publisher", "title")}
        notes = []
        try:
            if source:
                notes.append(correct_source(store, fact.citations[0].source.key, source))
            if labels:
                notes.append(correct_fact(store, fact.id, **labels))
        finally:
            self._forget()
        return tuple(notes)

    def check_correction(self, changes: dict[str, str]) -> dict[str, str]:
        """Why each field of `changes` cannot be written as typed, in one line, by field
        (empty: all good). The checks are those the corrections file's entries get, so a
        name read only as a guess at a typo is refused as `briefing correct` refuses it; a
        date that names no day says why, as the command line does."""
        from briefing.dates import no_day_why
        from briefing.store.corrections import checked_field

        reasons: dict[str, str] = {}
        for name, text in changes.items():
            try:
                checked_field(name, text, self.taxonomy)
            except UnknownName as err:
                reasons[name] = str(err)
                if name == "themes" and not err.suggestions:  # nothing close: list them
                    reasons[name] += "; the themes are " + ", ".join(
                        t.slug for t in self.taxonomy.themes)
            except ValueError as err:
                reasons[name] = str(err)
                if name == "date":
                    why = no_day_why(text) if text.strip() else None
                    reasons[name] = (f"{text.strip()} is not a date ({why})" if why else
                                     "a date as YYYY-MM-DD, e.g. 2026-03-04" if not text.strip()
                                     else f"{text.strip()!r} is not a date as YYYY-MM-DD")
        return reasons

    def corrections_of(self, fact: Fact) -> list[CorrectionNote]:
        """The corrections applied to the fact or to a source it cites (the store's notes)."""
        keys = {("fact", fact.id), *(("source", c.source.key) for c in fact.citations)}
        notes = self._notes
        if notes is None:  # asked for every fact shown: read once a change
            notes = self._notes = self.store().corrections()
        return [n for n in notes if (n.kind, n.target) in keys and n.stale is None]

    def fact_now(self, fact_id: str) -> Fact | None:
        """The fact as the store has it now (after a correction)."""
        found = self.store().facts(among=[fact_id], citations=MAX_CITED)
        return found[0] if found else None

    def _forget(self) -> None:
        """Drop what was read from the store: a correction changed it."""
        self._cache.clear()
        self._digest_cache.clear()
        self._notes = None
        with self._lock:
            self._contexts.clear()

    def add_links(self, urls: list[str], progress: Callable[[int, int], None] | None = None
                  ) -> list:
        """Fetch pages and reports into the corpus folder (the same function as `briefing
        add`); the caller indexes the corpus again afterwards."""
        from briefing.ingest.fetch import add_links

        return add_links(urls, self.corpus, progress=progress)

    # ----------------------------------------------------------------- lists

    def country_choices(self) -> list[Choice]:
        """Countries the corpus has facts about, most facts first."""
        counts = self.store().country_counts()
        rows = [Choice(code, country_name(code), n) for code, n in counts.items()]
        return sorted(rows, key=lambda c: (-c.count, c.name))

    def theme_choices(self) -> list[Choice]:
        """Every theme of the taxonomy in its own order, with its fact count (0 included)."""
        counts = self.store().theme_counts()
        return [Choice(t.slug, t.name, counts.get(t.slug, 0), t.short)
                for t in self.taxonomy.themes]

    # ----------------------------------------------------------------- selection

    def selection(self) -> Selection:
        """A snapshot of the user's choices, safe to hand to a worker thread."""
        return Selection(countries=self.countries, themes=self.themes,
                         excluded=frozenset(self.excluded), pinned=frozenset(self.pinned))

    def selection_with(self, *, country: str | None = None, theme: str | None = None
                       ) -> Selection:
        """The selection a toggle of this country or theme would make (without making it)."""
        countries = _toggled(self.countries, country) if country else self.countries
        themes = _toggled(self.themes, theme) if theme else self.themes
        return Selection(countries=countries, themes=themes, excluded=frozenset(self.excluded),
                         pinned=frozenset(self.pinned))

    def toggle_country(self, code: str) -> None:
        self.countries = _toggled(self.countries, code)

    def toggle_theme(self, slug: str) -> None:
        self.themes = _toggled(self.themes, slug)

    def toggle(self, fact_id: str, text: str | None = None) -> bool:
        """Include or exclude a fact (its `text` noted for the saved brief); returns True
        when it is now excluded. Excluding a pinned fact unpins it."""
        if fact_id in self.excluded:
            self.excluded.discard(fact_id)
            return False
        self.excluded.add(fact_id)
        self.pinned.discard(fact_id)
        self._note(fact_id, text)
        return True

    def toggle_pin(self, fact_id: str, text: str | None = None) -> bool:
        """Pin a fact (always in the brief) or unpin it; returns True when it is now pinned.
        Pinning an excluded fact includes it."""
        if fact_id in self.pinned:
            self.pinned.discard(fact_id)
            return False
        self.pinned.add(fact_id)
        self.excluded.discard(fact_id)
        self._note(fact_id, text)
        return True

    def _note(self, fact_id: str, text: str | None) -> None:
        if text:
            from briefing.brief.saved import note_for

            self.notes[fact_id] = note_for(text)

    # ----------------------------------------------------------------- sessions and files

    def saved_brief(self, path: Path) -> SavedBrief:
        """The selection, exclusions and pins as a brief file at `path` holds them: the out
        folder and the corpus written relative to the file's folder when under it."""
        from briefing.brief.saved import Noted, SavedBrief

        def noted(ids: set[str]) -> tuple[Noted, ...]:
            return tuple(Noted(i, self.notes.get(i, "")) for i in sorted(ids))

        formats = tuple(f for f in ("md", "pdf") if f in self.formats) or ("md",)
        return SavedBrief(countries=self.countries, themes=self.themes,
                          exclude=noted(self.excluded), pin=noted(self.pinned),
                          formats=formats, folder=_written(self.out_dir, path),
                          corpus=_written(self.corpus, path), path=path)

    def save(self, path: Path) -> Path:
        """Write the selection, exclusions and pins to a brief file (`briefing make --brief`
        renders it)."""
        from briefing.brief.saved import save_brief

        path.parent.mkdir(parents=True, exist_ok=True)
        return save_brief(self.saved_brief(path), path)

    def save_session(self) -> Path:
        """Keep this session for the next run on this corpus (the user's state folder)."""
        return self.save(session_file(self.corpus))

    def restore(self) -> SavedBrief | None:
        """Reopen the last session on this corpus: its countries, themes, exclusions and
        pins (a file made unreadable by hand raises UsageError; the app says so)."""
        from briefing.brief.saved import load_brief

        path = session_file(self.corpus)
        if not path.is_file():
            return None
        saved = load_brief(path, self.taxonomy)
        self.countries, self.themes = saved.countries, saved.themes
        self.excluded = {n.id for n in saved.exclude}
        self.pinned = {n.id for n in saved.pin} - self.excluded
        self.notes.update((n.id, n.note) for n in saved.exclude + saved.pin if n.note)
        self.restored = saved
        return saved

    def missing(self, saved: SavedBrief) -> Missing:
        """Excluded and pinned facts of a reopened session the corpus no longer has (kept:
        a fact that comes back is excluded again; the app reports them)."""
        from briefing.brief.saved import missing_facts

        return missing_facts(self.store(), saved)

    def facts(self, selection: Selection, query: str = "", upto: int | None = None
              ) -> Listing:
        """The first `upto` facts the selection covers (a page when None; rounded up to
        whole pages), narrowed
        by a full-text search when given, and how many it covers in all.

        The search only narrows this list, to find facts to judge: the brief is made from the
        whole selection, so an export stays what `briefing make` writes for it. Nothing chosen
        means nothing listed: listing a whole large corpus helps nobody.
        """
        if not (selection.countries or selection.themes or query.strip()):
            return Listing([], 0)
        key = (selection.countries, selection.themes, query.strip() or None)
        groups: Sequence[FactGroup] = self._cache.get(
            ("groups", *key), lambda: self.store().fact_groups(*key))
        facts: list[Fact] = []
        page = self.page
        for start in range(0, min(upto or page, len(groups)), page):
            # The citations a brief would cite, as `brief_from_store` asks.
            facts += self._cache.get(("page", *key, page, start), lambda s=start: self.store(
                ).load_facts(groups[s:s + page], citations=MAX_CITED))
        return Listing(facts, len(groups))

    def _facts(self, countries: Sequence[str], themes: Sequence[str], query: str | None,
               **options: object) -> list[Fact]:
        """The store's facts, remembered. `options` go to `Store.facts` as they are (and
        into the key)."""
        key = (tuple(countries), tuple(themes), query, tuple(sorted(options.items())))
        return self._cache.get(
            key, lambda: self.store().facts(countries, themes, query, **options))

    def prefetch(self, selection: Selection, query: str = "") -> None:
        """What showing this selection asks the store (its first page, and what its brief
        ranks by), asked ahead: a choice the user rests on costs nothing when taken."""
        self.facts(selection, query)
        if selection.countries or selection.themes:
            self._digests(selection.countries, selection.themes, None)

    def _digests(self, countries: Sequence[str], themes: Sequence[str], query: str | None
                 ) -> list[FactDigest]:
        return self._digest_cache.get(("digests", tuple(countries), tuple(themes), query),
                               lambda: list(self.store().digests(countries, themes, query)))

    def context(self, fact: Fact) -> Context:
        """The fact's paragraph (remembered: the detail view asks again on every change)."""
        with self._lock:
            known = self._contexts.get(fact.id)
        if known is None:
            known = Context(*self.store().context(fact))
            with self._lock:
                self._contexts[fact.id] = known
                while len(self._contexts) > CONTEXTS_KEPT:
                    self._contexts.popitem(last=False)
        return known

    def known_context(self, fact: Fact) -> Context | None:
        """The paragraph if it was looked up already (no store access: safe anywhere)."""
        with self._lock:
            return self._contexts.get(fact.id)

    # ----------------------------------------------------------------- the brief

    def brief(self, selection: Selection) -> Brief:
        """The brief `briefing make` would write for this selection (raises NothingSelected):
        the same function on the same facts."""
        return self._with_news(brief_from_store(_CachedFacts(self), selection,
                                                Options(self.as_of)))

    def _with_news(self, brief: Brief) -> Brief:
        """The brief with what is new since this selection's last export from the app on an
        earlier day (`briefing.brief.history`, as `make --brief` does for a brief file)."""
        from briefing.brief.history import load_history, previous_render, whats_new

        history = load_history(history_file(self.corpus, brief.selection))
        previous = previous_render(history, brief.as_of)
        if previous is None:
            return brief
        return replace(brief, whats_new=whats_new(previous, brief, self.store(), self.corpus))

    def title(self, selection: Selection) -> str:
        """The default email subject, as the mail core words it."""
        from briefing.brief.build import title_for

        return f"{title_for(selection, self.taxonomy)} (as of {self.as_of.isoformat()})"

    def mail_setup(self) -> tuple[str, str]:
        """For the email dialog: where mail would go (or what is missing) in words, and the
        configured From address ('' when none)."""
        from briefing.deliver.config import ConfigError, config_path, resolve_settings
        from briefing.deliver.mail import sender_of

        try:
            settings = resolve_settings().settings
        except ConfigError as err:
            return f"Mail settings: {err}", ""
        try:
            sender = sender_of(settings)
        except ConfigError:
            sender = ""
        if not settings.host:
            return (f"No SMTP server set (BRIEFING_SMTP_HOST or [smtp] in {config_path()}); "
                    "a dry run still works."), sender
        return f"Sends via {settings.address} ({settings.security}).", sender

    def preview(self, selection: Selection) -> str:
        return self.preview_parts(selection).markdown

    def preview_parts(self, selection: Selection) -> Preview:
        """The brief's Markdown, what is new in it since the last export, and its charts'
        data (drawn by the app's chart view)."""
        from briefing.brief.render.markdown import render_markdown

        brief = self.brief(selection)
        return Preview(render_markdown(brief), brief.whats_new, brief.charts, brief.sources,
                       frozenset(item.fact.id for item in brief.items))

    def left_out_why(self, fact: Fact) -> str:
        """Why a fact the selection matches is not in its brief, in a few words: reported
        only after the brief's date (the brief's own check says so), or ranked out."""
        from briefing.brief.build import known_by

        _, later, _ = known_by([fact], self.as_of)
        if later:
            return later[0].reason
        return "not among the facts the brief keeps (others rank higher)"

    def export(self, selection: Selection) -> list[Path]:
        """Write the brief's files into the out folder, exactly as `briefing make` does."""
        return self._write(self.brief(selection))

    def email(self, selection: Selection, request: EmailRequest,
              on_retry: RetryHook | None = None) -> Outcome:
        """Write the brief's files, then send them (or write an .eml for a dry run). A
        message not delivered goes to the outbox; the MailError raised says where."""
        from briefing.deliver.config import resolve_settings
        from briefing.deliver.mail import email_brief

        brief = self.brief(selection)
        paths = self._write(brief)
        settings = resolve_settings({"sender": request.sender}).settings
        return email_brief(paths[0], to=request.to, cc=request.cc, subject=request.subject,
                           brief=brief, settings=settings, dry_run=request.dry_run,
                           on_retry=on_retry)

    def send_outbox(self, on_retry: RetryHook | None = None) -> list[Resent]:
        """Try again every message the outbox holds, as `briefing email --outbox` does."""
        from briefing.deliver.config import resolve_settings
        from briefing.deliver.outbox import resend_all

        return list(resend_all(resolve_settings().settings, on_retry=on_retry))

    def _write(self, brief: Brief) -> list[Path]:
        """The written files, the PDF first (what an email attaches when there is one)."""
        from briefing.brief.export import RenderOptions, export_brief
        from briefing.brief.history import record_render

        paths = export_brief(brief, self.out_dir, RenderOptions(self.formats))
        # Recorded, so that a later day's run tells what is new since this brief.
        history = history_file(self.corpus, brief.selection)
        history.parent.mkdir(parents=True, exist_ok=True)
        record_render(history, brief)
        return sorted(paths, key=lambda p: p.suffix != ".pdf")


class _CachedFacts:
    """The store as `brief_from_store` sees it, with facts from the session's cache."""

    def __init__(self, session: Session):
        self.session = session
        self.taxonomy = session.taxonomy

    def facts(self, countries: Sequence[str] = (), themes: Sequence[str] = (),
              query: str | None = None, *, citations: int | None = None,
              among: Sequence[str] | None = None) -> list[Fact]:
        if among is None and citations == MAX_CITED:  # the table's pages, all of them
            selection = Selection(countries=tuple(countries), themes=tuple(themes))
            return self.session.facts(selection, query or "", upto=sys.maxsize).facts
        return self.session._facts(countries, themes, query, citations=citations,
                                   among=among)

    def digests(self, countries: Sequence[str] = (), themes: Sequence[str] = (),
                query: str | None = None) -> list[FactDigest]:
        return self.session._digests(countries, themes, query)

    def fingerprint(self) -> str:
        return self.session.store().fingerprint()

    def corrections(self) -> tuple[CorrectionNote, ...]:
        return self.session.store().corrections()


class FactCache:
    """Facts (or their handles, or digests) by (countries, themes, query), the most recent
    ones: at most `size` answers, and at most `items` things in all (a list counts its
    length) but the newest answer, so that a big archive's long lists keep fewer answers,
    not more memory. A query asked while the same one runs in another thread waits for it
    instead of running twice."""

    def __init__(self, size: int = 32, items: int | None = None):
        self.size = size
        self.items = items
        self._lock = threading.Lock()
        self._done: OrderedDict[tuple, Any] = OrderedDict()
        self._weight = 0
        self._running: dict[tuple, threading.Event] = {}

    def get(self, key: tuple, compute: Callable[[], T]) -> T:
        while True:
            with self._lock:
                if key in self._done:
                    self._done.move_to_end(key)
                    return self._done[key]
                running = self._running.get(key)
                if running is None:
                    running = self._running[key] = threading.Event()
                    break
            running.wait()  # then look again: done, or failed and ours to retry
        try:
            facts = compute()
            with self._lock:
                self._done[key] = facts
                self._weight += _weight(facts)
                while len(self._done) > 1 and (len(self._done) > self.size or (
                        self.items is not None and self._weight > self.items)):
                    self._weight -= _weight(self._done.popitem(last=False)[1])
            return facts
        finally:
            with self._lock:
                del self._running[key]
            running.set()

    def clear(self) -> None:
        with self._lock:
            self._done.clear()
            self._weight = 0


def _weight(answer: object) -> int:
    # A big selection's handles (`briefing.store.listing.Walk`) are found as its pages are shown,
    # and the pages count them.
    return len(answer) if isinstance(answer, list) else 1


@dataclass(frozen=True, slots=True)
class EmailRequest:
    """What the email dialog asks for."""

    to: tuple[str, ...]
    cc: tuple[str, ...] = ()
    subject: str | None = None
    """None: the brief's title and as-of date."""
    sender: str | None = None
    """The From address; None: the configured one."""
    dry_run: bool = False
    """Write an .eml next to the brief instead of sending."""


def _written(folder: Path, brief_file: Path) -> str:
    """A folder as a brief file records it: relative to the file's folder when under it
    (the file moves with its folder), else absolute."""
    folder = folder.expanduser().resolve()
    base = brief_file.expanduser().resolve().parent
    try:
        return folder.relative_to(base).as_posix() or "."
    except ValueError:
        return str(folder)


def _toggled(values: tuple[str, ...], value: str) -> tuple[str, ...]:
    """Remove `value`, or add it at the end: the order of choice is the brief's order."""
    if value in values:
        return tuple(v for v in values if v != value)
    return (*values, value)


def default_formats() -> tuple[str, ...]:
    """Markdown always; PDF when the PDF renderer is installed."""
    try:
        import briefing.brief.render.pdf  # noqa: F401  (cheap: WeasyPrint loads only when rendering)
    except ImportError:
        return ("md",)
    return ("md", "pdf")


def filter_choices(choices: Sequence[Choice], text: str) -> list[Choice]:
    """The countries a filter box keeps, best match first: fuzzy on names, aliases and codes
    through the core's `suggest_countries` ('germ' -> Germany, 'sout kor' -> South Korea), with
    an exact alias or code ('uk', 'USA') always first."""
    if not text.strip():
        return list(choices)
    by_code = {c.value: c for c in choices}
    ranked = [(code, score) for code, score in suggest_countries(text, limit=len(country_codes()))
              if code in by_code]
    exact = _exact_country(text)
    if exact in by_code:
        ranked.insert(0, (exact, 100.0))
    if not ranked:
        return []
    floor = max(FILTER_FLOOR, max(score for _, score in ranked) - FILTER_SPREAD)
    kept = dict.fromkeys(code for code, score in ranked if score >= floor)
    return [by_code[code] for code in kept]


def _exact_country(text: str) -> str | None:
    try:
        return resolve_country(text)
    except UnknownName:
        return None
