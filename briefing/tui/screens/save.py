"""The "Save brief" dialog (ctrl+s): where to write the brief file."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from briefing.tui.widgets.inputs import InOrderInput


class SaveScreen(ModalScreen[Path | None]):
    """Dismissed with the file to write (relative paths read from `base`), or None when
    cancelled. A file that exists is replaced only when asked twice."""

    AUTO_FOCUS = "#save-path"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="save-cancel"),
        Binding("ctrl+s", "save", "Save", id="save-confirm"),
    ]

    def __init__(self, *, suggested: Path, base: Path, current: Path | None = None) -> None:
        super().__init__()
        self.suggested = suggested
        self.base = base
        self.current = current
        """The file this session saved to already: replaced without asking."""
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="save-dialog", classes="dialog form") as dialog:
            dialog.border_title = "Save the brief"
            dialog.border_subtitle = "enter saves · Esc cancels"
            yield Static("The countries, themes, exclusions and pins, in a YAML file you can "
                         "edit; `briefing make --brief FILE` renders it.", id="save-help")
            yield InOrderInput(str(self.suggested), id="save-path", compact=True)
            yield Static("", id="save-error", classes="form-error", markup=False)
            with Horizontal(id="save-buttons", classes="form-buttons"):
                yield Button("Save", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer()

    def target(self) -> Path | None:
        text = self.query_one("#save-path", Input).value.strip()
        if not text:
            return None
        path = Path(text).expanduser()
        path = path if path.is_absolute() else self.base / path
        return path if path.suffix in (".yaml", ".yml") else path.with_name(path.name + ".yaml")

    def _error(self, text: str) -> None:
        self.query_one("#save-error", Static).update(text)

    @on(Input.Submitted, "#save-path")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        path = self.target()
        if path is None:
            self._error("✗ type a file name, e.g. kr-weekly.yaml")
            return
        if path.is_dir():
            self._error(f"✗ {path} is a folder: type a file name")
            return
        if path.exists() and path != self.current and path != self._confirmed:
            self._confirmed = path
            self._error(f"! {path.name} exists: save again to replace it")
            return
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
