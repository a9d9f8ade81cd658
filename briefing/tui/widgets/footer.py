"""A footer that shows the keys that fit its width, whole, instead of cutting the last one.

At 80 columns the stock footer ran out mid-word ("? He"). This one leaves out the keys of
least use first (their actions in `drop_order`) until the rest fits; the help screen (`?`,
always kept) and the command palette list every key.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class FittingFooter(Footer):
    def __init__(self, *, drop_order: Iterable[str] = (), **kwargs) -> None:
        super().__init__(**kwargs)
        self.drop_order = tuple(drop_order)
        """Actions whose keys are left out when the footer is too narrow, first first."""
        self.skip: frozenset[str] = frozenset()
        """Actions never shown (e.g. the key of the tab already open)."""
        self.left_out: tuple[str, ...] = ()
        """Actions the last layout left out for want of room (for tests and the curious)."""
        self._width = 0
        self._pending = False
        self._composed: tuple | None = None
        """What the keys shown were laid out from (see `_layout_inputs`)."""

    def compose(self):
        widgets = [w for w in super().compose()
                   if not (isinstance(w, FooterKey) and w.action in self.skip)]
        keys = [w for w in widgets if isinstance(w, FooterKey)
                and not w.has_class("-command-palette")]
        room = (self.size.width or self.app.size.width) - sum(
            self._cells(w) for w in widgets if w not in keys)
        used = sum(self._cells(w) for w in keys)
        dropped: list[str] = []
        for action in self.drop_order:
            if used <= room:
                break
            for key in (k for k in keys if k.action == action):
                used -= self._cells(key)
                dropped.append(action)
        self.left_out = tuple(dict.fromkeys(dropped))
        yield from (w for w in widgets if not (isinstance(w, FooterKey)
                                               and w.action in self.left_out
                                               and not w.has_class("-command-palette")))

    def _cells(self, widget: Widget) -> int:
        """The cells a footer item takes, as Textual's footer styles lay it out."""
        if not isinstance(widget, FooterKey):
            return 0
        if widget.has_class("-command-palette"):
            # Docked right behind a one-cell rule; padded on the right unless compact.
            return 1 + cell_len(widget.key_display) + 1 + cell_len(widget.description) + (
                0 if self.compact else 1)
        if self.compact:  # "key description", a cell of margin after it
            return cell_len(widget.key_display) + 1 + cell_len(widget.description) + 1
        return cell_len(widget.key_display) + 2 + cell_len(widget.description) + 1

    def bindings_changed(self, screen) -> None:
        # A tab switch changes focus and the footer's skipped keys at once: each asks for
        # a recompose, and a recompose mounts a widget per key. One does for both.
        if self._pending:
            return
        self._pending = True
        super().bindings_changed(screen)
        self.call_after_refresh(self._recomposed)

    def _recomposed(self) -> None:
        self._pending = False

    async def recompose(self) -> None:
        # Mounting a widget per key costs about 20 ms: skip it when the keys would come out
        # the same (a tab switch asks twice, once for the focus and once for its tab).
        inputs = self._layout_inputs()
        if inputs is not None and inputs == self._composed:
            return
        self._composed = inputs
        await super().recompose()

    def _layout_inputs(self) -> tuple | None:
        """Everything `compose` lays the keys out from, or None before the screen has its
        bindings."""
        if not (self.is_attached and self._bindings_ready):
            return None
        shown = tuple((b.key, b.action, b.description, b.group, enabled, tooltip)
                      for _, b, enabled, tooltip in self.screen.active_bindings.values()
                      if b.show or b.key == self.app.COMMAND_PALETTE_BINDING)
        return shown, self.skip, self.size.width or self.app.size.width, self.compact

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self._width = self.size.width
            self.call_after_refresh(self.recompose)
