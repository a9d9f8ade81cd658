"""The "Correct" dialog (`e` in a fact's detail): the fact's countries and themes, and its
first source's date, publisher and title, as `briefing correct` sets them. The dialog only
collects what changed; the session writes it through the same core functions as the
command (`briefing.store.corrections`), which check it and keep it in corrections.yaml."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from briefing.model import Fact

#: The dialog's fields: (name, label, what the field holds).
FIELDS = (
    ("countries", "Countries", "codes or names, comma separated"),
    ("themes", "Themes", "slugs or names, comma separated"),
    ("date", "Date", "YYYY-MM-DD"),
    ("publisher", "Publisher", ""),
    ("title", "Title", ""),
)


def current_values(fact: Fact) -> dict[str, str]:
    """What the fields hold when the dialog opens: the fact as the store shows it now."""
    source = fact.citations[0].source
    return {"countries": ", ".join(fact.countries), "themes": ", ".join(fact.themes),
            "date": source.date or "", "publisher": source.publisher or "",
            "title": source.title}


class CorrectScreen(ModalScreen[dict[str, str] | None]):
    """Dismissed with the fields the user changed (name to text as typed), or None when
    cancelled or nothing changed."""

    AUTO_FOCUS = "#correct-countries"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="correct-cancel"),
        Binding("ctrl+s", "save", "Save", id="correct-save"),
    ]

    def __init__(self, fact: Fact) -> None:
        super().__init__()
        self.fact = fact
        self.before = current_values(fact)

    def compose(self) -> ComposeResult:
        source = self.fact.citations[0].source
        with Vertical(id="correct-dialog", classes="dialog form") as dialog:
            dialog.border_title = "Correct"
            dialog.border_subtitle = "ctrl+s saves · Esc cancels"
            yield Static(f"Fact {self.fact.id}; its source {source.key}. Kept in "
                         "corrections.yaml, as `briefing correct` keeps them.",
                         id="correct-help", markup=False)
            for name, label, hint in FIELDS:
                with Horizontal(classes="email-field"):
                    yield Label(label)
                    yield Input(self.before[name], placeholder=hint, id=f"correct-{name}",
                                compact=True)
            with Horizontal(classes="form-buttons"):
                yield Button("Save", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer()

    def changes(self) -> dict[str, str]:
        """The fields whose text differs from what they opened with."""
        out = {}
        for name, _, _ in FIELDS:
            text = self.query_one(f"#correct-{name}", Input).value.strip()
            if text != self.before[name]:
                out[name] = text
        return out

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.dismiss(self.changes() or None)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
