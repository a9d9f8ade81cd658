"""Every key of the app on one page (`?` or F1)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

#: Keys of stock widgets (no BINDINGS of ours to read them from), as (where, keys, what).
STOCK_KEYS: tuple[tuple[str, str, str], ...] = (
    ("anywhere", "ctrl+p", "Command palette: every action by name, and the colour themes."),
    ("anywhere", "tab / shift+tab", "Move between the panels."),
    ("country and theme lists", "space / enter", "Select or unselect the highlighted row."),
    ("lists and tables", "↑ ↓ pgup pgdn", "Move the cursor."),
)


def binding_rows(app: App, where: str, bindings: Iterable[BindingType]
                 ) -> list[tuple[str, str, str]]:
    """(where, keys as the footer shows them, what they do) for each binding."""
    rows = []
    for binding in bindings:
        if not isinstance(binding, Binding) or binding.system:
            continue
        keys = " / ".join(app.get_key_display(Binding(k.strip(), binding.action))
                          for k in binding.key.split(","))
        what = f"{binding.description}: {binding.tooltip}" if binding.tooltip \
            else binding.description
        rows.append((where, keys, what))
    return rows


def help_table(rows: Iterable[tuple[str, str, str]]) -> Group:
    """The rows grouped under their place: keys in one column, what they do wrapping in the
    other. Plain `Text` everywhere: nothing here is parsed as markup."""
    rows = list(rows)
    width = max((len(keys) for _, keys, _ in rows), default=1)
    parts: list[Text | Table] = []
    for where in dict.fromkeys(where for where, _, _ in rows):
        parts.append(Text(("\n" if parts else "") + where.capitalize(), style="bold underline"))
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, width=width)
        table.add_column(ratio=1)
        for _, keys, what in (row for row in rows if row[0] == where):
            table.add_row(Text(keys, style="bold"), Text(what))
        parts.append(table)
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    AUTO_FOCUS = "#help-dialog"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="close-help"),
    ]

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog", classes="dialog") as dialog:
            dialog.border_title = "Keys"
            dialog.border_subtitle = "Esc closes"
            yield Static(help_table(self.rows), id="help-body")
        yield Footer()
