"""The "Add articles from links" dialog: URLs, one a line, fetched into the corpus folder."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static, TextArea


class LinksScreen(ModalScreen[list[str] | None]):
    """Dismissed with the URLs typed (one a line), or None when cancelled."""

    AUTO_FOCUS = "#links"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="links-cancel"),
        Binding("ctrl+s", "add", "Add", id="links-add"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="links-dialog", classes="dialog form") as dialog:
            dialog.border_title = "Add articles from links"
            dialog.border_subtitle = "ctrl+s adds · Esc cancels"
            yield Static("Web pages or PDF reports, one URL a line. Each is fetched once "
                         "over the network and kept in the corpus folder.", id="links-help")
            yield TextArea(id="links", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="links-error", classes="form-error", markup=False)
            with Horizontal(id="links-buttons", classes="form-buttons"):
                yield Button("Add", variant="primary", id="add", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer()

    def urls(self) -> list[str]:
        text = self.query_one("#links", TextArea).text
        return [line.strip() for line in text.splitlines() if line.strip()]

    @on(Button.Pressed, "#add")
    def action_add(self) -> None:
        urls = self.urls()
        if not urls:
            self.query_one("#links-error", Static).update("✗ type at least one URL")
            return
        self.dismiss(urls)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
