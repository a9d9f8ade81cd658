"""A filter or search box that knows which widget to hand focus back to."""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import Input


class InOrderInput(Input):
    """An Input whose editing keys (backspace, the arrows, delete, home ...) act in the order
    they were typed. Textual runs an Input's key bindings after the characters typed right
    behind them: a burst (a paste through the terminal, tmux, a fast typist) of backspace,
    backspace, "kor" after "pa" left "pak". Here the Input runs its own binding for a key as
    it reads the key, between the characters around it."""

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable:
            for binding in self._bindings.key_to_bindings.get(event.key, ()):
                if not binding.priority and await self.app.run_action(binding.action, self):
                    event.stop()
                    event.prevent_default()
                    return
        await super()._on_key(event)


class ReturningInput(InOrderInput):
    """Escape or Enter (the app's `leave_box` action) moves focus to `return_to`."""

    def __init__(self, *, return_to: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.return_to = return_to
        """CSS selector of the widget that gets focus when leaving the box."""


def focus_now(widget: Widget) -> None:
    """Focus at once. `Widget.focus` waits for the message queue, so keys typed right after
    the one that moved focus (a fast typist, a paste, tmux) would still go to the old widget."""
    widget.screen.set_focus(widget)
