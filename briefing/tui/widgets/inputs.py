"""A filter or search box that knows which widget to hand focus back to."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Input


class ReturningInput(Input):
    """Escape or Enter (the app's `leave_box` action) moves focus to `return_to`."""

    def __init__(self, *, return_to: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.return_to = return_to
        """CSS selector of the widget that gets focus when leaving the box."""


def focus_now(widget: Widget) -> None:
    """Focus at once. `Widget.focus` waits for the message queue, so keys typed right after
    the one that moved focus (a fast typist, a paste, tmux) would still go to the old widget."""
    widget.screen.set_focus(widget)
