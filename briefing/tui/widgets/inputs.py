"""An input box that hands focus back to a chosen widget on Escape or Enter."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input


class ReturningInput(Input):
    """A filter or search box: Escape (or Enter) moves focus to `return_to`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Leave box", id="leave-box"),
        Binding("enter", "leave", "Go to list", show=False, id="enter-box"),
    ]

    def __init__(self, *, return_to: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.return_to = return_to
        """CSS selector of the widget that gets focus when leaving the box."""

    def action_leave(self) -> None:
        self.screen.query_one(self.return_to).focus()
