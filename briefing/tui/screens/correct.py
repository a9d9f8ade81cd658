"""The "Correct" dialog (`e` in a fact's detail): the fact's countries and themes, and its
first source's date, publisher and title, as `briefing correct` sets them. The dialog collects
what changed and has it checked (`check`: the session's `check_correction`, the core's checks)
before it closes: a bad field is marked with its reason and the dialog stays open with what
the user typed; nothing is written until every field is good. The session then writes it
through the same core functions as the command (`briefing.store.corrections`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from briefing.model import Fact
from briefing.tui.widgets.inputs import InOrderInput

#: The dialog's fields: (name, label, what the field holds), the fact's then its source's.
FACT_FIELDS = (
    ("countries", "Countries", "codes or names, comma separated"),
    ("themes", "Themes", "names or slugs, comma separated"),
)
SOURCE_FIELDS = (
    ("date", "Date", "YYYY-MM-DD"),
    ("publisher", "Publisher", ""),
    ("title", "Title", ""),
)
FIELDS = FACT_FIELDS + SOURCE_FIELDS
#: Before a field's reason: marks it without colour.
BAD_MARK = "✗ "

Check = Callable[[dict[str, str]], dict[str, str]]


def current_values(fact: Fact, theme_name: Callable[[str], str] = str) -> dict[str, str]:
    """What the fields hold when the dialog opens: the fact as the store shows it now, its
    themes by name as the fact's view shows them."""
    source = fact.citations[0].source
    return {"countries": ", ".join(fact.countries),
            "themes": ", ".join(theme_name(t) for t in fact.themes),
            "date": source.date or "", "publisher": source.publisher or "",
            "title": source.title}


class CorrectScreen(ModalScreen[dict[str, str] | None]):
    """Dismissed with the fields the user changed (name to text as typed), once `check`
    finds nothing wrong with them, or None when cancelled or nothing changed."""

    AUTO_FOCUS = "#correct-countries"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="correct-cancel"),
        Binding("ctrl+s", "save", "Save", id="correct-save"),
    ]

    def __init__(self, fact: Fact, check: Check | None = None,
                 theme_name: Callable[[str], str] = str) -> None:
        super().__init__()
        self.fact = fact
        self.check = check
        self.before = current_values(fact, theme_name)
        self.reasons: dict[str, str] = {}
        """Why each field marked bad cannot be written (as the last save found)."""

    def compose(self) -> ComposeResult:
        source = self.fact.citations[0].source
        with Vertical(id="correct-dialog", classes="dialog form") as dialog:
            dialog.border_title = "Correct"
            dialog.border_subtitle = "ctrl+s saves · Esc cancels"
            yield Static("Kept in corrections.yaml, as `briefing correct` keeps them.",
                         id="correct-help", markup=False)
            yield Static(f"The fact ({self.fact.id})", classes="correct-part", markup=False)
            yield from self._fields(FACT_FIELDS)
            yield Static(f"Its source ({source.key})", classes="correct-part", markup=False)
            yield from self._fields(SOURCE_FIELDS)
            with Horizontal(classes="form-buttons"):
                yield Button("Save", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer()

    def _fields(self, fields: tuple[tuple[str, str, str], ...]) -> ComposeResult:
        for name, label, hint in fields:
            with Horizontal(classes="correct-field"):
                yield Label(label)
                yield InOrderInput(self.before[name], placeholder=hint, id=f"correct-{name}",
                                   compact=True)
            yield Static("", id=f"correct-{name}-error", classes="correct-error",
                         markup=False)

    def changes(self) -> dict[str, str]:
        """The fields whose text differs from what they opened with."""
        out = {}
        for name, _, _ in FIELDS:
            text = self.query_one(f"#correct-{name}", Input).value.strip()
            if text != self.before[name]:
                out[name] = text
        return out

    def show_reasons(self, reasons: dict[str, str]) -> None:
        """Mark each bad field with its reason (and clear the marks of good ones)."""
        self.reasons = reasons
        for name, _, _ in FIELDS:
            why = reasons.get(name)
            self.query_one(f"#correct-{name}", Input).set_class(why is not None, "-bad")
            line = self.query_one(f"#correct-{name}-error", Static)
            line.update(f"{BAD_MARK}{why}" if why else "")
            line.display = why is not None
        first = next((n for n, _, _ in FIELDS if n in reasons), None)
        if first is not None:
            self.query_one(f"#correct-{first}", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        changes = self.changes()
        if not changes:
            self.dismiss(None)
            return
        reasons = self.check(changes) if self.check is not None else {}
        self.show_reasons(reasons)
        if not reasons:
            self.dismiss(changes)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
