"""The terminal app: pick countries and themes, curate the facts, preview, export, email.

The App lays out widgets and routes events; what to show and what to write comes from
`Session` (the core's functions). Slow work runs in thread workers that post result
messages; one handler turns any worker error into a notification.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import (
    DataTable,
    Header,
    Input,
    LoadingIndicator,
    SelectionList,
    Static,
    TabbedContent,
    TabPane,
    Tabs,
    TextArea,
)
from textual.worker import Worker, WorkerState, get_current_worker

from briefing.errors import BriefingError, NothingSelected
from briefing.extract.countries import country_name
from briefing.model import Fact, Selection, WhatsNew
from briefing.tui.commands import BriefingCommands, PaletteCommand
from briefing.tui.messages import (
    ContextLoaded,
    Corrected,
    Emailed,
    Exported,
    FactsLoaded,
    Indexed,
    IndexProgress,
    LinksAdded,
    LinksProgress,
    PreviewReady,
)
from briefing.tui.screens.correct import CorrectScreen
from briefing.tui.screens.email import EmailScreen
from briefing.tui.screens.fact import FactScreen
from briefing.tui.screens.help import STOCK_KEYS, HelpScreen, binding_rows
from briefing.tui.screens.links import LinksScreen
from briefing.tui.screens.save import SaveScreen
from briefing.tui.session import (
    Choice,
    Context,
    EmailRequest,
    Preview,
    Session,
    filter_choices,
)
from briefing.tui.widgets.chart_view import ChartView
from briefing.tui.widgets.choice_list import ChoiceList
from briefing.tui.widgets.fact_view import fact_detail
from briefing.tui.widgets.facts_table import FactsTable
from briefing.tui.widgets.footer import FittingFooter
from briefing.tui.widgets.inputs import ReturningInput, focus_now
from briefing.tui.widgets.preview import BriefPreview

#: Preview waits this long after the last change, so a burst of keys renders once.
PREVIEW_DEBOUNCE_S = 0.3
#: A facts query still running after this long shows the busy spinner.
SLOW_FACTS_S = 0.15
#: A row of the country or theme list highlighted this long gets its facts fetched ahead.
PREFETCH_DELAY_S = 0.08
#: A full pass of the garbage collector over what the app holds for a big archive takes
#: 30-60 ms: it runs while the user rests (no key or click for REST_S, nothing loading) once
#: the middle generation has been collected FULL_PASS_AT_REST times since the last (Python's
#: own default is 10). FULL_PASS_AFTER such collections force one anyway, for a user who
#: never stops typing.
REST_S = 0.5
FULL_PASS_AT_REST = 10
FULL_PASS_AFTER = 1_000
START_HINT = "*Pick one or more countries or themes on the left: the brief appears here.*"
BUSY = (WorkerState.PENDING, WorkerState.RUNNING)
#: Worker groups whose running shows the busy indicator, with what the status line says.
SLOW_GROUPS = {"index": "Indexing the corpus", "export": "Writing the brief",
               "email": "Sending the brief", "links": "Fetching links"}
FAILED = {"index": "Indexing failed", "export": "Export failed", "email": "Email failed",
          "links": "Adding links failed"}
#: Keys the footer leaves out first when it is too narrow for all (at 80 columns): the help
#: screen and the command palette still list them. `/` goes before the tabs' keys: the
#: filter box says "/ filter countries" while it is empty.
FOOTER_DROPS = ("pin_fact", "email", "focus_search", "show_tab('facts')", "focus_filter",
                "show_tab('charts')", "show_tab('preview')", "save_brief", "export")
#: Before the title of the panel that has focus (a list's frame, a tab's label): focus must
#: read without colour (NO_COLOR, a monochrome terminal), not only as a brighter frame.
FOCUS_MARK = "▶ "
#: The tabs' labels, by pane id.
TAB_LABELS = {"facts": "Facts", "preview": "Preview", "charts": "Charts"}
#: A tab without the focus mark: as wide as one with it.
UNMARKED = " " * len(FOCUS_MARK)
#: The last session is written this long after the last change to it (and on quitting).
SAVE_SESSION_S = 1.0


class IndexingStopped(BriefingError):
    """Raised in the indexing worker when the app closes under it."""


class BriefingApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "briefing"
    #: Nothing is focused until the lists are filled (a loading widget cannot take focus).
    AUTO_FOCUS = None
    COMMANDS = App.COMMANDS | {BriefingCommands}
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (110, "-wide")]
    #: From this height the highlighted fact's detail shows under the table.
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (36, "-tall")]
    # Bindings that move focus are priority bindings: the App routes each key to the widget
    # focused when it reads it, so a binding of a widget would move focus only after the keys
    # typed right behind it had gone to the old widget. `check_action` makes plain-key ones
    # yield to a text box (so '/' and 'e' can be typed there) and to dialogs.
    MAIN_BINDINGS: ClassVar[list[Binding]] = [
        Binding("slash", "focus_filter", "Filter", id="filter", priority=True,
                tooltip="Filter the country list as you type (fuzzy: 'sout kor')."),
        Binding("ctrl+f", "focus_search", "Search", id="search", priority=True,
                tooltip="Full-text search in the facts of the selection."),
        Binding("e", "export", "Export", id="export", priority=True,
                tooltip="Write the brief (Markdown and PDF) into the out folder."),
        Binding("m", "email", "Email", id="email", priority=True,
                tooltip="Write the brief and email it."),
        Binding("ctrl+s", "save_brief", "Save", id="save", priority=True,
                tooltip="Write the picks, exclusions and pins to a brief file (make --brief)."),
        Binding("question_mark", "help", "Help", id="help", priority=True,
                tooltip="List every key."),
        Binding("f", "show_tab('facts')", "Facts", id="facts-tab", priority=True,
                tooltip="Show the facts table and move to it."),
        Binding("p", "show_tab('preview')", "Preview", id="preview-tab", priority=True,
                tooltip="Show the live preview of the brief."),
        Binding("c", "show_tab('charts')", "Charts", id="charts-tab", priority=True,
                tooltip="Show the brief's charts: figures by country, facts over time."),
        Binding("r", "toggle_raw", "Raw/rendered", id="raw", show=False, priority=True,
                tooltip="Preview the brief as raw Markdown or rendered."),
        Binding("ctrl+b", "toggle_sidebar", "Sidebar", id="sidebar", show=False,
                priority=True, tooltip="Hide or show the country and theme lists."),
        Binding("a", "add_links", "Add links", id="add-links", show=False, priority=True,
                tooltip="Add articles from links: web pages, PDF reports (uses the network)."),
        Binding("ctrl+r", "reindex", "Re-index", id="reindex", show=False,
                tooltip="Read the corpus folder again for new or changed articles."),
        Binding("f1", "help_key", "Help", id="help-f1", show=False, priority=True,
                tooltip="List every key."),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True,
                tooltip="Quit the app."),
    ]
    BOX_BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "leave_box", "Leave box", id="leave-box", priority=True,
                tooltip="Back to the list (filter) or the table (search)."),
        Binding("enter", "leave_box", "Go to list", id="enter-box", show=False,
                priority=True, tooltip="Same as Esc."),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [*MAIN_BINDINGS, *BOX_BINDINGS]
    #: Actions bound to keys that type a character: a focused text box gets the key instead.
    TYPED_ACTIONS = frozenset({"focus_filter", "export", "email", "show_tab", "toggle_raw",
                               "help", "add_links"})
    PALETTE_ONLY: ClassVar[tuple[PaletteCommand, ...]] = (
        PaletteCommand("Exclude/include the highlighted fact",
                       "Leave the highlighted fact out of the brief, or put it back (space).",
                       "toggle_highlighted"),
        PaletteCommand("Fact details", "Show the highlighted fact with its source and "
                       "paragraph (enter).", "show_detail"),
        PaletteCommand("Pin/unpin the highlighted fact", "Keep the highlighted fact in the "
                       "brief however it ranks, or stop (shift+p).", "pin_highlighted"),
        PaletteCommand("Include all facts", "Forget every exclusion.", "clear_exclusions"),
        PaletteCommand("Send the outbox", "Try again to send the emails that could not be "
                       "delivered (they wait in the outbox).", "send_outbox"),
        PaletteCommand("Clear the selection", "Unselect every country and theme.",
                       "clear_selection"),
    )

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.country_choices: list[Choice] = []
        self._gc_threshold: tuple[int, int, int] | None = None
        self._last_input = time.monotonic()
        self._facts_generation = 0
        self._facts_done = 0
        self._preview_generation = 0
        self._preview_done = 0
        self._preview_timer = None
        self._prefetch_timer = None
        self._waiting: dict[str, Callable[[], object]] = {}
        self._facts_summary = ""
        self._before_view: Widget | None = None
        """What had focus when the preview or the charts opened: escape goes back there."""
        self._restore_tried = False
        self._session_dirty = False
        """The user changed the selection, exclusions or pins since the session was saved
        (never set before the last session is reopened, so a quick quit cannot clobber it)."""
        self._save_timer = None
        self._news: WhatsNew | None = None
        """What is new in the previewed brief since its selection's last export."""
        self._titles: dict[Widget, str] = {}
        self._summary_shown = False
        """The status line shows the facts' summary (refitted when the screen resizes)."""

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        # Kept as attributes: App.query_one looks in the active screen, which is a dialog
        # while one is open.
        self.sidebar = Vertical(id="sidebar")
        self.country_filter = ReturningInput(placeholder="/ filter countries",
                                             id="country-filter", return_to="#countries",
                                             compact=True)
        self.countries = ChoiceList(id="countries", compact=True)
        self.themes = ChoiceList(id="themes", compact=True)
        self.tabs = TabbedContent(id="tabs", initial="facts")
        self.search = ReturningInput(placeholder="ctrl+f search the facts", id="search",
                                     return_to="#facts-table", compact=True)
        self.table = FactsTable(id="facts-table")
        self.peek = Static("", id="fact-peek")
        self.preview = BriefPreview(id="brief-preview", on_close=self.action_close_view)
        self.chart_view = ChartView(id="chart-view", on_close=self.action_close_view)
        #: The tabs that show the brief, by pane id: each has `set_active` and a `page`.
        self.views: dict[str, BriefPreview | ChartView] = {"preview": self.preview,
                                                           "charts": self.chart_view}
        self.footer = FittingFooter(compact=True, drop_order=FOOTER_DROPS)
        self.busy = LoadingIndicator(id="busy")
        self.status = Static("", id="status", markup=False)
        yield Header(icon="")
        with Horizontal(id="body"):
            with self.sidebar:
                yield self.country_filter
                yield self.countries
                yield self.themes
            with self.tabs:
                with TabPane(UNMARKED + TAB_LABELS["facts"], id="facts"):
                    yield self.search
                    yield self.table
                    with VerticalScroll(id="peek"):
                        yield self.peek
                with TabPane(UNMARKED + TAB_LABELS["preview"], id="preview"):
                    yield self.preview
                with TabPane(UNMARKED + TAB_LABELS["charts"], id="charts"):
                    yield self.chart_view
        with Horizontal(id="statusbar"):
            yield self.busy
            yield self.status
        yield self.footer

    def on_mount(self) -> None:
        self.sub_title = self.session.corpus.name
        # The lists' frame titles, without the focus mark.
        self._titles = {self.countries: "Countries", self.themes: "Themes"}
        self._mark_focus()
        for widget in (self.countries, self.themes):
            widget.loading = True
        self.preview.show(START_HINT)
        self.index_corpus()

    def _freeze_long_lived(self) -> None:
        """Leave what exists once the corpus is indexed (widgets, the taxonomy and
        gazetteer, the store's caches: it lives as long as the app) out of the garbage
        collector's full passes, and run those passes while the user rests. Each full pass
        over what the app holds stalled a frame by 60-100 ms every few picks on a big
        archive; with the caches filled, one at rest still takes 30-60 ms."""
        gc.collect()
        gc.freeze()
        if self._gc_threshold is None:
            self._gc_threshold = gc.get_threshold()
            gc.set_threshold(*self._gc_threshold[:2], FULL_PASS_AFTER)
            self.set_interval(REST_S, self._collect_at_rest)

    def _collect_at_rest(self) -> None:
        resting = time.monotonic() - self._last_input >= REST_S
        if resting and gc.get_count()[2] >= FULL_PASS_AT_REST and not any(
                w.is_running for w in self.workers):
            gc.collect()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self._last_input = time.monotonic()
        await super().on_event(event)

    def on_unmount(self) -> None:
        if self._session_dirty:
            self._save_session()
        self.session.close()
        # What the app made can go, and collecting is as it was (tests run many apps).
        gc.unfreeze()
        if self._gc_threshold is not None:
            gc.set_threshold(*self._gc_threshold)

    # ----------------------------------------------------------------- indexing

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def index_corpus(self) -> None:
        step = {"every": 1}
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:  # the app is closing: stop reading files
                raise IndexingStopped("indexing stopped")
            step["every"] = max(1, total // 50)  # about 50 updates, not one per file
            if done == total or done % step["every"] == 0:
                self.post_message(IndexProgress(done, total))

        report = self.session.index(progress)
        restored, missing, error = None, None, ""
        if not self._restore_tried:  # the first index reopens the last session
            self._restore_tried = True
            try:
                restored = self.session.restore()
                if restored is not None:
                    missing = self.session.missing(restored)
            except BriefingError as err:
                error = str(err)
        self.post_message(Indexed(report, self.session.country_choices(),
                                  self.session.theme_choices(), restored, missing, error))

    def on_index_progress(self, message: IndexProgress) -> None:
        self._set_status(f"Indexing {message.done}/{message.total} articles…")

    def on_indexed(self, message: Indexed) -> None:
        self.country_choices = message.countries
        self._show_countries()
        self.themes.show(
            [t for t in message.themes if t.count], self.session.themes)
        for widget in (self.countries, self.themes):
            widget.loading = False
        if self.focused is None:
            self.countries.focus()
        self._report_restored(message)
        report = message.report
        if report.skipped:
            names = ", ".join(s.path for s in report.skipped[:3])
            self.notify(f"{len(report.skipped)} files could not be read ({names}…); "
                        "see `briefing sources`", severity="warning", markup=False)
        self.refresh_selection()
        self.call_after_refresh(self._freeze_long_lived)

    # ----------------------------------------------------------------- selection

    def _show_countries(self, keep_highlight: bool = False) -> None:
        text = self.country_filter.value
        rows = filter_choices(self.country_choices, text)
        countries = self.countries
        countries.show(rows, self.session.countries, keep_highlight)
        shown = f" {len(rows)}/{len(self.country_choices)}" if text.strip() else ""
        self._titles[countries] = f"Countries{shown}"
        self._mark_focus()

    # ----------------------------------------------------------------- focus

    def on_descendant_focus(self) -> None:
        self._mark_focus()

    def on_descendant_blur(self) -> None:
        self._mark_focus()

    def _mark_focus(self) -> None:
        """Mark the panel that has focus in characters: ▶ before its list's title or its
        tab's label (its frame is drawn heavy too: app.tcss)."""
        if not self.table.is_attached:
            return
        focused = self.table.screen.focused  # the main screen's, under any dialog
        for widget, title in self._titles.items():
            widget.border_title = (FOCUS_MARK if focused is widget else "") + title
        within = set(focused.ancestors_with_self) if focused is not None else set()
        for pane_id, label in TAB_LABELS.items():
            pane = self.tabs.get_pane(pane_id)
            # Unmarked, a tab keeps the mark's width in spaces: a label that changed width
            # would move the tabs after it and leave the underline where the open tab was
            # (Textual places it from the old layout when a relabel and a tab change meet).
            mark = FOCUS_MARK if pane in within else UNMARKED
            tab = self.tabs.get_tab(pane_id)
            if str(tab.label) != mark + label:
                tab.label = mark + label

    def _focus_order(self) -> list[Widget]:
        """Tab's order on the main screen: the lists, what the open tab shows (the table),
        then the search and filter boxes (which `ctrl+f` and `/` reach at once)."""
        pane = self.tabs.active
        view = self.table if pane == "facts" else self.views[pane].page
        order = [self.countries, self.themes, view, self.search, self.country_filter]
        return [w for w in order if w.focusable and self._shows(w)]

    def action_focus_next(self) -> None:
        self._focus_step(1)

    def action_focus_previous(self) -> None:
        self._focus_step(-1)

    def _focus_step(self, step: int) -> None:
        if self.screen is not self.table.screen:  # a dialog: its own order
            (self.screen.focus_next if step > 0 else self.screen.focus_previous)()
            return
        order = self._focus_order()
        if not order:
            return
        focused = self.focused
        at = order.index(focused) if focused in order else (-1 if step > 0 else 0)
        focus_now(order[(at + step) % len(order)])

    @on(Input.Changed, "#country-filter")
    def _filter_changed(self) -> None:
        self._show_countries()

    @on(SelectionList.SelectionHighlighted)
    def _choice_highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        """Fetch the facts a press of space would show, while the user looks at the row."""
        value = event.selection.value
        if event.selection_list is self.countries:
            selection = self.session.selection_with(country=value)
        else:
            selection = self.session.selection_with(theme=value)
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()
        self._prefetch_timer = self.set_timer(PREFETCH_DELAY_S, lambda: self._run_latest(
            "prefetch", lambda: self.prefetch(selection, self.session.search)))

    @work(thread=True, group="prefetch", exit_on_error=False)
    def prefetch(self, selection: Selection, query: str) -> None:
        self.session.prefetch(selection, query)

    @on(SelectionList.SelectionToggled, "#countries")
    def _country_toggled(self, event: SelectionList.SelectionToggled) -> None:
        self.session.toggle_country(event.selection.value)
        self.refresh_selection()
        self._session_changed()

    @on(SelectionList.SelectionToggled, "#themes")
    def _theme_toggled(self, event: SelectionList.SelectionToggled) -> None:
        self.session.toggle_theme(event.selection.value)
        self.refresh_selection()
        self._session_changed()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.session.search = event.value
        self.reload_facts()

    def refresh_selection(self) -> None:
        # The row looked at is taken now: fetching ahead for it would only compete with the
        # real query for the CPU.
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()
        # What the last brief had says nothing of the next one's facts until it is built.
        self.table.mark_in_brief(None)
        self.reload_facts()
        self.schedule_preview()

    # ----------------------------------------------------------------- facts

    def reload_facts(self) -> None:
        self._facts_generation += 1
        self._run_latest("facts", lambda: self.load_facts(
            self._facts_generation, self.session.selection(), self.session.search))
        self.set_timer(SLOW_FACTS_S, self._update_busy)  # a long query shows the spinner

    @work(thread=True, group="facts", exit_on_error=False)
    def load_facts(self, generation: int, selection: Selection, query: str,
                   upto: int | None = None) -> None:
        listing = self.session.facts(selection, query, upto)
        if not get_current_worker().is_cancelled:
            self.post_message(FactsLoaded(generation, listing.facts, listing.total,
                                          more=upto is not None))

    def load_more_facts(self) -> None:
        """The next page of the table's facts, for a cursor on its last row."""
        upto = len(self.table.facts) + self.session.page
        self._run_latest("facts", lambda: self.load_facts(
            self._facts_generation, self.session.selection(), self.session.search, upto))

    def on_facts_loaded(self, message: FactsLoaded) -> None:
        self._facts_done = max(self._facts_done, message.generation)
        if message.generation != self._facts_generation:
            return  # an answer to a request the user has already changed
        if message.more:
            self.table.extend(message.facts, message.total)
        else:
            self.table.show(message.facts, self.session.excluded, message.total,
                            self.session.pinned)
        self._update_summary()

    def _update_summary(self) -> None:
        selection = self.session.selection()
        if not (selection.countries or selection.themes or self.session.search.strip()):
            self._facts_summary = "Pick countries or themes on the left (/ filters)"
            self._set_status(self._facts_summary)
            return
        forms = self._summary_forms()
        self._facts_summary = forms[0]
        # The longest wording that fits: at 80 columns shorter words, never lost counts.
        room = self.size.width - 2 - (self.busy.outer_size.width if self.busy.display else 0)
        fits = next((f for f in forms if cell_len(f) <= room), None)
        self._set_status(fits if fits is not None else self._query_cut(room))
        self._summary_shown = True

    def _query_cut(self, room: int) -> str:
        """The shortest wording with the search cut short (…) until the counts fit: a long
        query must not push them off the line."""
        query = self.session.search.strip()
        short = self._summary_forms()[-1]
        while query and cell_len(short) > room:
            query = query[:-1].rstrip()
            short = self._summary_forms(query + "…")[-1]
        return short

    def on_resize(self) -> None:
        if self._summary_shown:  # the wording that fits the new width
            self._update_summary()

    def _summary_forms(self, query: str | None = None) -> list[str]:
        """The status line's summary of the facts, longest wording first (`query`: the
        search as shown, if not as typed)."""
        table, session = self.table, self.session
        listed = len(table.facts)
        out = sum(1 for fid in table.facts if fid in session.excluded)
        everywhere = len(session.excluded)
        query = session.search.strip() if query is None else query
        facts = f"{table.total} fact{'' if table.total == 1 else 's'}"
        facts += f" matching {query!r}" if query else ""
        more = table.total > listed
        paged = f" ({listed} listed, more at the end)" if more else ""
        pinned = f" · {len(session.pinned)} pinned ★" if session.pinned else ""
        news = self._news
        new = f" · {len(news.new)} new since {news.since}" if news is not None and news.new \
            else ""
        return [
            f"{facts}{paged} · {out} excluded here · {everywhere} excluded in all{pinned}{new}",
            f"{facts}{paged} · {out} excluded here, {everywhere} in all{pinned}{new}",
            f"{facts}{f' ({listed} listed…)' if more else ''} · ✗ {out} here, {everywhere} in"
            f" all{pinned}{new.split(' since ')[0]}",
        ]

    def on_facts_table_exclusion_toggled(self, message: FactsTable.ExclusionToggled) -> None:
        was_pinned = message.fact_id in self.session.pinned
        self.session.toggle(message.fact_id, self._text_of(message.fact_id))
        self._marks_changed(message.fact_id)
        if was_pinned:  # an excluded fact cannot stay pinned: say so, the mark alone is quiet
            self.notify("Excluded, so no longer pinned (P pins it again)", markup=False)

    def on_facts_table_pin_toggled(self, message: FactsTable.PinToggled) -> None:
        self.session.toggle_pin(message.fact_id, self._text_of(message.fact_id))
        self._marks_changed(message.fact_id)

    def _text_of(self, fact_id: str) -> str | None:
        fact = self.table.facts.get(fact_id)
        if fact is None and isinstance(self.screen, FactScreen):
            fact = self.screen.fact
        return fact.text if fact is not None else None

    def _marks_changed(self, fact_id: str) -> None:
        session = self.session
        self.table.mark(fact_id, fact_id in session.excluded, fact_id in session.pinned)
        self._show_peek()
        if isinstance(self.screen, FactScreen):
            self.screen.refresh_body()
        self._update_summary()
        self.schedule_preview()
        self._session_changed()

    @on(DataTable.RowHighlighted, "#facts-table")
    def _row_highlighted(self) -> None:
        table = self.table
        if table.cursor_row == len(table.facts) - 1 and table.total > len(table.facts):
            self.load_more_facts()
        self._show_peek()

    def _show_peek(self) -> None:
        """The highlighted fact in full under the table, when the screen is tall enough.
        Its paragraph is read in a worker: on a big corpus the lookup takes a while."""
        # The table's own screen: the app's active one may be a dialog over it, or gone
        # while a row message is still on its way as the app closes.
        table = self.table
        if not table.is_attached or not table.screen.has_class("-tall"):
            return
        fact = self.table.highlighted_fact
        if fact is None:
            self.peek.update(Text())
        elif self.session.known_context(fact) is not None:
            self.peek.update(self._detail(fact))
        else:
            self._run_latest("context", lambda: self.load_context(fact, open_dialog=False))

    @work(thread=True, group="context", exit_on_error=False)
    def load_context(self, fact: Fact, *, open_dialog: bool) -> None:
        self.session.context(fact)
        self.post_message(ContextLoaded(fact, open_dialog))

    def on_context_loaded(self, message: ContextLoaded) -> None:
        if message.open_dialog:
            self.push_screen(FactScreen(message.fact, lambda: self._detail(message.fact),
                                        on_correct=self.open_correct))
        elif message.fact == self.table.highlighted_fact:
            self._show_peek()

    def _detail(self, fact: Fact) -> Text:
        context = self.session.known_context(fact) or Context(fact.text, 0, len(fact.text))
        in_brief = self.table.in_brief
        left_out = None
        if in_brief is not None and fact.id not in in_brief:
            left_out = self.session.left_out_why(fact)
        return fact_detail(fact, context, excluded=fact.id in self.session.excluded,
                           country_name=country_name, theme_name=self.session.taxonomy.name,
                           pinned=fact.id in self.session.pinned, known=in_brief is not None,
                           left_out=left_out,
                           corrections=self.session.corrections_of(fact))

    # ----------------------------------------------------------------- corrections

    def open_correct(self, fact: Fact) -> None:
        """The Correct dialog over the fact's detail; what it returns is written by a worker
        (writing applies it to the store, a sync)."""
        def corrected(changes: dict[str, str] | None) -> None:
            if changes:
                self._set_status("Correcting…")
                self.apply_correction(fact, changes)

        self.push_screen(CorrectScreen(fact, check=self.session.check_correction,
                                       theme_name=self.session.taxonomy.name), corrected)

    @work(thread=True, group="correct", exit_on_error=False)
    def apply_correction(self, fact: Fact, changes: dict[str, str]) -> None:
        try:
            notes = self.session.correct(fact, changes)
        except (BriefingError, ValueError) as err:  # ValueError: a date that names no day
            self.post_message(Corrected(fact, error=str(err)))
            return
        self.session.context(fact)
        # A fact's countries or themes changed the sidebar's counts: read them again.
        self.post_message(Corrected(self.session.fact_now(fact.id) or fact, notes,
                                    countries=self.session.country_choices(),
                                    themes=self.session.theme_choices()))

    def on_corrected(self, message: Corrected) -> None:
        if message.error is not None:
            self._set_status(f"Correction not made: {message.error}")
            self.notify(message.error, title="Correction not made", severity="error")
            return
        stale = [n for n in message.notes if n.stale]
        said = "; ".join(n.change for n in message.notes) or "nothing"
        self.notify(f"Corrected: {said}", title="Correction kept in corrections.yaml",
                    severity="warning" if stale else "information")
        if message.countries is not None:
            self.country_choices = message.countries
            self._show_countries(keep_highlight=True)
        if message.themes is not None:
            self.themes.show([t for t in message.themes if t.count], self.session.themes,
                             keep_highlight=True)
        fact = message.fact
        if isinstance(self.screen, FactScreen):
            self.screen.show_fact(fact, lambda: self._detail(fact))
        self.refresh_selection()

    @on(DataTable.RowSelected, "#facts-table")
    def _row_selected(self) -> None:
        self.action_show_detail()

    def action_show_detail(self) -> None:
        fact = self.table.highlighted_fact
        if fact is None:
            self.notify("No fact is highlighted", severity="warning")
            return
        self.load_context(fact, open_dialog=True)

    def action_toggle_highlighted(self) -> None:
        self.table.action_toggle_fact()

    def action_pin_highlighted(self) -> None:
        self.table.action_pin_fact()

    def action_clear_exclusions(self) -> None:
        table = self.table
        for fact_id in list(self.session.excluded):
            self.session.toggle(fact_id)
            table.mark(fact_id, False, fact_id in self.session.pinned)
        self._update_summary()
        self.schedule_preview()
        self._session_changed()

    def action_clear_selection(self) -> None:
        self.session.countries = ()
        self.session.themes = ()
        self._show_countries()
        self.themes.deselect_all()
        self.refresh_selection()
        self._session_changed()

    # ----------------------------------------------------------------- saved briefs

    def _report_restored(self, message: Indexed) -> None:
        """Say what of the last session came back, and what did not (never silently)."""
        if message.restore_error:
            self.notify(f"{message.restore_error}; starting afresh", title="Last session",
                        severity="warning", timeout=12, markup=False)
        saved = message.restored
        if saved is None:
            return
        names = [country_name(c) for c in saved.countries] + [
            self.session.taxonomy.name(t) for t in saved.themes]
        kept = [f"{len(saved.exclude)} excluded"] if saved.exclude else []
        kept += [f"{len(saved.pin)} pinned"] if saved.pin else []
        what = ", ".join(names) or "nothing picked"
        self.notify(f"{what}{' · ' if kept else ''}{' · '.join(kept)}",
                    title="Reopened the last session", markup=False)
        if message.missing:
            self.notify(message.missing.line("last session"), title="Facts gone",
                        severity="warning", timeout=15, markup=False)

    def _session_changed(self) -> None:
        """Keep the session for the next run, a moment after the last change."""
        self._session_dirty = True
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_SESSION_S, self._save_session)

    def _save_session(self) -> None:
        try:
            self.session.save_session()
            self._session_dirty = False
        except BriefingError as err:
            self.notify(str(err), title="Session not kept", severity="error", markup=False)

    def action_save_brief(self) -> None:
        selection = self._chosen()
        if selection is None:
            return
        from briefing.brief.export import brief_stem

        current = self.session.brief_file
        stem = brief_stem(selection, "x").removesuffix("-x")
        suggested = current or Path(f"{stem}.yaml")
        self.push_screen(SaveScreen(suggested=suggested, base=Path.cwd(), current=current),
                         self._save_to)

    def _save_to(self, path: Path | None) -> None:
        if path is None:
            return
        try:
            written = self.session.save(path)
        except BriefingError as err:
            self.notify(str(err), title="Brief not saved", severity="error", markup=False)
            return
        self.session.brief_file = written
        self.notify(f"`briefing make --brief {written}` renders it", title=f"Saved {written}",
                    markup=False)

    # ----------------------------------------------------------------- preview

    def schedule_preview(self) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_generation += 1
        generation = self._preview_generation
        self._preview_timer = self.set_timer(PREVIEW_DEBOUNCE_S, lambda: self._run_latest(
            "preview", lambda: self.build_preview(generation, self.session.selection())))

    @work(thread=True, group="preview", exit_on_error=False)
    def build_preview(self, generation: int, selection: Selection) -> None:
        if not (selection.countries or selection.themes):
            parts = Preview(START_HINT)
        else:
            try:
                parts = self.session.preview_parts(selection)
            except NothingSelected as err:  # every fact left out (or none matched)
                parts = Preview(f"*Nothing to brief: {err}.*", in_brief=frozenset())
        if not get_current_worker().is_cancelled:
            self.post_message(PreviewReady(generation, parts.markdown, parts.news,
                                           parts.charts, parts.sources, parts.in_brief))

    def on_preview_ready(self, message: PreviewReady) -> None:
        self._preview_done = max(self._preview_done, message.generation)
        if not self.screen_stack:  # it landed as the app closed: nothing left to show it on
            return
        if message.generation == self._preview_generation:
            self.preview.show(message.markdown)
            selection = self.session.selection()
            self.chart_view.show(message.charts,
                                 picked=bool(selection.countries or selection.themes),
                                 sources=message.sources)
            self._news = message.news
            self.table.mark_new({n.id for n in message.news.new} if message.news else ())
            # The marks and the fact's view say what this brief has: a correction (a date
            # after the brief's) or a pin changes it.
            self.table.mark_in_brief(message.in_brief)
            if isinstance(self.screen, FactScreen):
                self.screen.refresh_body()
            self._show_peek()
            self._update_summary()

    @property
    def facts_pending(self) -> bool:
        """The table does not show the current selection and search yet."""
        return self._facts_done < self._facts_generation

    @property
    def preview_pending(self) -> bool:
        """A change is not yet in the preview (its debounce or its worker is running)."""
        return self._preview_done < self._preview_generation

    @on(TabbedContent.TabActivated, "#tabs")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """Focus follows the tab the user opened, by key, click or the tab bar: a widget
        left focused in the hidden pane, or the tab bar itself, hands it over."""
        pane = event.pane.id or "facts"
        for name, view in self.views.items():
            view.set_active(name == pane)
        self.footer.skip = frozenset({f"show_tab('{pane}')"})
        self.refresh_bindings()  # the footer redraws its keys, once, with the focus change
        focused = self.focused
        if focused is None and not self.country_choices:
            return  # still starting: the lists take focus once they are filled
        handed_over = focused is None or isinstance(focused, Tabs) or not self._shows(focused)
        if pane in self.views:
            if self._before_view is None:
                self._before_view = self.table if handed_over else focused
            if handed_over:
                focus_now(self.views[pane].page)
        else:
            self._before_view = None
            if handed_over:
                focus_now(self.table)

    def _shows(self, widget: Widget) -> bool:
        """The widget is in view (it and every container above it displayed)."""
        return all(node.display for node in widget.ancestors_with_self
                   if isinstance(node, Widget))

    def action_show_tab(self, tab: str) -> None:
        focused = self.focused
        if tab in self.views and self.tabs.active not in self.views and focused is not None:
            self._before_view = focused
        # The footer's keys at once, with the focus change below: laid out once, not again
        # when the tab's message comes round.
        self.footer.skip = frozenset({f"show_tab('{tab}')"})
        self.tabs.active = tab
        if tab == "facts":
            focus_now(self.table)
        else:
            # At once, not when the tab's message comes round: keys typed right behind `p`
            # (a scroll) go to the view, and the preview holds them until its page is drawn.
            view = self.views[tab]
            view.set_active(True)
            focus_now(view.page)

    def action_close_view(self) -> None:
        """Back to the facts from the preview or the charts (escape), and focus back where
        it was when the first of them opened."""
        back = self._before_view
        self._before_view = None
        self.tabs.active = "facts"
        if back is None or not back.is_attached or any(
                view in back.ancestors_with_self for view in self.views.values()):
            back = self.table
        self.call_after_refresh(self._focus_if_shown, back)

    def _focus_if_shown(self, widget: Widget) -> None:
        focus_now(widget if self._shows(widget) and widget.focusable else self.table)

    def action_toggle_raw(self) -> None:
        preview = self.preview
        preview.raw = not preview.raw
        self.action_show_tab("preview")

    # ----------------------------------------------------------------- export and email

    def _chosen(self) -> Selection | None:
        selection = self.session.selection()
        if selection.countries or selection.themes:
            return selection
        self.notify("Pick at least one country or theme first", severity="warning")
        return None

    def action_export(self) -> None:
        selection = self._chosen()
        if selection is not None:
            self.export_brief(selection)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export_brief(self, selection: Selection) -> None:
        self.post_message(Exported(self.session.export(selection)))

    def on_exported(self, message: Exported) -> None:
        names = ", ".join(p.name for p in message.paths)
        folder = message.paths[0].parent if message.paths else self.session.out_dir
        self.notify(f"Wrote {names} in {folder}", title="Brief written", markup=False)

    def action_email(self) -> None:
        selection = self._chosen()
        if selection is None:
            return
        server, sender = self.session.mail_setup()
        self.push_screen(EmailScreen(title=self.session.title(selection), server=server,
                                     sender=sender),
                         lambda request: self._send(selection, request))

    def _send(self, selection: Selection, request: EmailRequest | None) -> None:
        if request is not None:
            self.email_brief(selection, request)

    @work(thread=True, exclusive=True, group="email", exit_on_error=False)
    def email_brief(self, selection: Selection, request: EmailRequest) -> None:
        outcome = self.session.email(selection, request, on_retry=self._retrying)
        who = ", ".join(outcome.recipients)
        if outcome.eml is not None:
            summary = f"Dry run: nothing sent; wrote {outcome.eml} (for {who})"
        else:
            tries = f" after {outcome.attempts} attempts" if outcome.attempts > 1 else ""
            summary = (f"Sent {outcome.attachments[0].name} to {who} via "
                       f"{outcome.server}{tries}")
        self.post_message(Emailed(summary, outcome.warnings))

    def _retrying(self, attempt: int, error: BriefingError, pause: float) -> None:
        """Told from the mail worker's thread before it tries again."""
        self.call_from_thread(self.notify, f"Attempt {attempt} failed ({error}); trying again "
                              f"in {pause:g} s", title="Email", severity="warning",
                              markup=False)

    def action_send_outbox(self) -> None:
        self.send_outbox()

    @work(thread=True, exclusive=True, group="email", exit_on_error=False)
    def send_outbox(self) -> None:
        results = self.session.send_outbox(on_retry=self._retrying)
        if not results:
            self.post_message(Emailed("The outbox is empty"))
            return
        sent = [r for r in results if r.sent]
        failed = [f"{r.queued.path.name}: {r.detail}" for r in results if not r.sent]
        summary = f"Sent {len(sent)} of {len(results)} waiting messages"
        self.post_message(Emailed(summary, tuple(failed)))

    def on_emailed(self, message: Emailed) -> None:
        for warning in message.warnings:
            self.notify(warning, severity="warning", markup=False)
        self.notify(message.summary, title="Email", markup=False)

    # ----------------------------------------------------------------- links

    def action_add_links(self) -> None:
        self.push_screen(LinksScreen(), self._add_links)

    def _add_links(self, urls: list[str] | None) -> None:
        if urls:
            self.fetch_links(urls)

    @work(thread=True, exclusive=True, group="links", exit_on_error=False)
    def fetch_links(self, urls: list[str]) -> None:
        outcomes = self.session.add_links(
            urls, lambda done, total: self.post_message(LinksProgress(done, total)))
        self.post_message(LinksAdded(outcomes))

    def on_links_progress(self, message: LinksProgress) -> None:
        self._set_status(f"Fetching {message.done}/{message.total} links…")

    def on_links_added(self, message: LinksAdded) -> None:
        from briefing.ingest.fetch import summary_line

        for o in message.outcomes:
            if o.failed:
                self.notify(f"{o.url}: {o.reason}", title="Link not added", severity="error",
                            timeout=12, markup=False)
        self.notify(summary_line(message.outcomes), title="Links", markup=False)
        self.index_corpus()  # new files: the country and theme lists are read again

    # ----------------------------------------------------------------- workers

    def _run_latest(self, group: str, start: Callable[[], object]) -> None:
        """Start a query now, or when the one running in its group ends. Only the latest
        request waits: a thread cannot be stopped, and a pile of slow queries on a big corpus
        would all share the CPU (and the GIL with the screen) until the last one ends."""
        if any(w.group == group and w.state in BUSY for w in self.workers):
            self._waiting[group] = start
        else:
            start()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state not in BUSY and worker.group in self._waiting:
            self._waiting.pop(worker.group)()
        if event.state is WorkerState.ERROR:
            self._report(worker)
        self._update_busy()

    def _report(self, worker: Worker) -> None:
        """The one place a failed worker becomes visible: a notification, never a crash."""
        if worker.group == "prefetch":
            return  # a guess ahead of the user; the real request reports its own error
        error = worker.error
        if isinstance(error, BriefingError):
            text = str(error)
        else:
            text = f"internal error ({type(error).__name__}: {error})"
        title = FAILED.get(worker.group, "Error")
        self.notify(text, title=title, severity="error", timeout=12, markup=False)
        if worker.group == "preview":
            self._preview_done = self._preview_generation
        if worker.group == "facts":
            self._facts_done = self._facts_generation
        if worker.group == "index":
            for widget in (self.countries, self.themes):
                widget.loading = False
            self._set_status("Indexing failed: ctrl+r tries again")

    def _update_busy(self) -> None:
        running = [w for w in self.workers if w.is_running and (
            w.group in SLOW_GROUPS or (w.group == "facts" and self.facts_pending))]
        self.busy.display = bool(running)
        if running and running[-1].group != "index":
            self._set_status(f"{SLOW_GROUPS.get(running[-1].group, 'Finding the facts')}…")
        elif not running and self._facts_summary:
            self._update_summary()  # the wording that fits, as the spinner frees its room

    def _set_status(self, text: str) -> None:
        self.status.update(text)
        self._summary_shown = False

    # ----------------------------------------------------------------- other actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_box":
            return isinstance(self.focused, ReturningInput)
        if action not in {b.action.split("(")[0] for b in self.MAIN_BINDINGS} or \
                action == "quit":
            return True
        if isinstance(self.screen, ModalScreen):
            return False  # a dialog has its own keys
        return not (action in self.TYPED_ACTIONS and self._typing())

    def _typing(self) -> bool:
        """A box that takes typed characters has focus."""
        focused = self.focused
        return isinstance(focused, Input) or (isinstance(focused, TextArea)
                                              and not focused.read_only)

    def action_leave_box(self) -> None:
        box = self.focused
        if isinstance(box, ReturningInput):
            focus_now(self.screen.query_one(box.return_to))

    def action_help_key(self) -> None:
        self.action_help()

    def action_focus_filter(self) -> None:
        self.sidebar.display = True
        focus_now(self.country_filter)

    def action_focus_search(self) -> None:
        self.action_show_tab("facts")
        focus_now(self.search)

    def action_toggle_sidebar(self) -> None:
        """Hide or show the lists; focus follows: into the country list when shown, out
        to the open tab when hidden with focus in them."""
        sidebar = self.sidebar
        sidebar.display = not sidebar.display
        focused = self.focused
        if sidebar.display:
            focus_now(self.countries)
        elif focused is None or sidebar in focused.ancestors_with_self:
            self.action_show_tab(self.tabs.active or "facts")

    def action_reindex(self) -> None:
        self.index_corpus()

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.key_rows()))

    def key_rows(self) -> list[tuple[str, str, str]]:
        """Every key of the app: (where it works, keys, what it does)."""
        return [
            *binding_rows(self, "anywhere", self.MAIN_BINDINGS),
            *STOCK_KEYS,
            *binding_rows(self, "facts table", FactsTable.BINDINGS),
            *binding_rows(self, "preview", BriefPreview.BINDINGS),
            *binding_rows(self, "charts", ChartView.BINDINGS),
            *binding_rows(self, "filter and search boxes", self.BOX_BINDINGS),
            *binding_rows(self, "fact details", FactScreen.BINDINGS),
            *binding_rows(self, "correct dialog", CorrectScreen.BINDINGS),
            *binding_rows(self, "email dialog", EmailScreen.BINDINGS),
            *binding_rows(self, "links dialog", LinksScreen.BINDINGS),
            *binding_rows(self, "save dialog", SaveScreen.BINDINGS),
            *binding_rows(self, "help", HelpScreen.BINDINGS),
        ]


def make_app(corpus: Path, *, as_of: date | None = None, out_dir: Path = Path("out"),
             formats: tuple[str, ...] | None = None) -> BriefingApp:
    """The app for a corpus folder. `as_of` fixes the brief date (tests); `out_dir` is where
    exports go (default `out/`, as for `briefing make`); `formats` default to Markdown and,
    when the PDF renderer is installed, PDF."""
    return BriefingApp(Session(corpus, as_of=as_of, out_dir=out_dir, formats=formats))
