"""The detail of one fact, over the main view, so the user can judge it before keeping it."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from briefing.model import Fact
from briefing.tui.widgets.facts_table import FactsTable


class FactScreen(ModalScreen[None]):
    AUTO_FOCUS = "#fact-dialog"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss", "Close", id="close-detail"),
        Binding("space", "toggle_fact", "Exclude/include", id="toggle-detail",
                tooltip="Leave this fact out of the brief, or put it back."),
        # "P" is what a terminal sends for shift+p (see FactsTable's binding).
        Binding("shift+p,P", "pin_fact", "Pin", id="pin-detail", key_display="P",
                tooltip="Keep this fact in the brief however it ranks, or stop."),
        Binding("e", "correct", "Correct", id="correct-detail",
                tooltip="Correct the fact's countries or themes, or its source's date, "
                        "publisher or title (kept in corrections.yaml)."),
    ]

    def __init__(self, fact: Fact, body: Callable[[], Text],
                 on_correct: Callable[[Fact], object] | None = None) -> None:
        super().__init__()
        self.fact = fact
        self.body = body
        """Makes the detail text (again after an exclusion changes)."""
        self.on_correct = on_correct

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="fact-dialog", classes="dialog") as dialog:
            dialog.border_title = "Fact"
            dialog.border_subtitle = "Esc closes"
            yield Static(self.body(), id="fact-body")
        yield Footer()

    def refresh_body(self) -> None:
        self.query_one("#fact-body", Static).update(self.body())

    def action_toggle_fact(self) -> None:
        # The app owns the exclusions; it answers with refresh_body.
        self.post_message(FactsTable.ExclusionToggled(self.fact.id))

    def action_pin_fact(self) -> None:
        self.post_message(FactsTable.PinToggled(self.fact.id))

    def action_correct(self) -> None:
        if self.on_correct is not None:
            self.on_correct(self.fact)

    def show_fact(self, fact: Fact, body: Callable[[], Text]) -> None:
        """The fact again, as a correction left it."""
        self.fact, self.body = fact, body
        self.refresh_body()
