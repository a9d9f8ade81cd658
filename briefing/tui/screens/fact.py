"""The detail of one fact, over the main view, so the user can judge it before keeping it."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from briefing.model import Fact
from briefing.tui.session import Context
from briefing.tui.widgets.fact_view import fact_detail
from briefing.tui.widgets.facts_table import FactsTable


class FactScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss", "Close", id="close-detail"),
        Binding("space", "toggle_fact", "Exclude/include", id="toggle-detail",
                tooltip="Leave this fact out of the brief, or put it back."),
    ]

    def __init__(self, fact: Fact, context: Context, *, excluded: bool,
                 country_name: Callable[[str], str], theme_name: Callable[[str], str]) -> None:
        super().__init__()
        self.fact = fact
        self.context = context
        self.excluded = excluded
        self._names = {"country_name": country_name, "theme_name": theme_name}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="fact-dialog") as dialog:
            dialog.border_title = "Fact"
            dialog.border_subtitle = "Esc closes"
            yield Static(self._body(), id="fact-body")
        yield Footer()

    def _body(self):
        return fact_detail(self.fact, self.context, excluded=self.excluded, **self._names)

    def set_excluded(self, excluded: bool) -> None:
        self.excluded = excluded
        self.query_one("#fact-body", Static).update(self._body())

    def action_toggle_fact(self) -> None:
        # The app owns the exclusions; it answers with set_excluded.
        self.post_message(FactsTable.ExclusionToggled(self.fact.id))
