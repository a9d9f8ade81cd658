"""The brief as it would be written: rendered Markdown, or the raw Markdown text."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, VerticalScroll
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Markdown, TextArea

#: The scrolling actions a key can ask of the rendered page (VerticalScroll's bindings).
SCROLLS = ("scroll_up", "scroll_down", "scroll_left", "scroll_right", "scroll_home",
           "scroll_end", "page_up", "page_down", "page_left", "page_right")


class RenderedPage(VerticalScroll):
    """The rendered brief. While its Markdown is being laid out it has nothing to scroll, so
    scrolling keys wait and are played once it is: the preview opened on a brief it had not
    drawn yet used to drop the first keys ("it does not scroll until `p` again")."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.drawing = False
        self._held: list[str] = []
        self._draws = 0

    def hold(self) -> int:
        """A new Markdown is being drawn: scrolling waits. Returns the draw's number."""
        self.drawing = True
        self._draws += 1
        return self._draws

    def release(self, draw: int) -> None:
        """The Markdown of that draw is mounted: after its layout, play the keys that
        waited (unless a newer draw started meanwhile)."""
        self.call_after_refresh(self._play, draw)

    def _play(self, draw: int) -> None:
        if draw != self._draws:
            return
        if not self._held:
            self.drawing = False
            return
        # One a frame: scrolls asked in one go would each start from the same offset.
        getattr(super(), f"action_{self._held.pop(0)}")()
        self.call_after_refresh(self._play, draw)

    def _scroll_or_hold(self, action: str) -> None:
        if self.drawing:
            self._held.append(action)
        else:
            getattr(super(), f"action_{action}")()

    def action_scroll_up(self) -> None:
        self._scroll_or_hold("scroll_up")

    def action_scroll_down(self) -> None:
        self._scroll_or_hold("scroll_down")

    def action_scroll_left(self) -> None:
        self._scroll_or_hold("scroll_left")

    def action_scroll_right(self) -> None:
        self._scroll_or_hold("scroll_right")

    def action_scroll_home(self) -> None:
        self._scroll_or_hold("scroll_home")

    def action_scroll_end(self) -> None:
        self._scroll_or_hold("scroll_end")

    def action_page_up(self) -> None:
        self._scroll_or_hold("page_up")

    def action_page_down(self) -> None:
        self._scroll_or_hold("page_down")

    def action_page_left(self) -> None:
        self._scroll_or_hold("page_left")

    def action_page_right(self) -> None:
        self._scroll_or_hold("page_right")


class BriefPreview(Container):
    """Holds the latest Markdown; renders it only while visible, so a hidden preview costs
    nothing while the user types elsewhere."""

    DEFAULT_CSS = """
    BriefPreview { height: 1fr; }
    BriefPreview ContentSwitcher { height: 1fr; }
    BriefPreview #rendered { height: 1fr; padding: 0 1; }
    BriefPreview #raw { height: 1fr; border: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="close-preview",
                tooltip="Back to the facts, and to where you were before the preview."),
    ]

    raw: reactive[bool] = reactive(False)
    """Show the Markdown source instead of the rendered page."""

    def __init__(self, *, on_close: Callable[[], object] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.markdown = ""
        """The latest brief text (what an export would write)."""
        self._shown: tuple[str, bool] | None = None
        self.active = False
        """Whether the preview is in view (set by whoever shows or hides it)."""
        self.on_close = on_close
        """What escape does (the app goes back to the facts)."""

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="rendered"):
            with RenderedPage(id="rendered"):
                yield Markdown()
            yield TextArea(id="raw", read_only=True, show_line_numbers=False,
                           soft_wrap=True)

    def show(self, markdown: str) -> None:
        self.markdown = markdown
        self.render_if_visible()

    def watch_raw(self) -> None:
        self.query_one(ContentSwitcher).current = "raw" if self.raw else "rendered"
        self.render_if_visible()

    @property
    def page(self) -> Widget:
        """The widget showing the brief now (what takes focus)."""
        return self.query_one("#raw" if self.raw else "#rendered")

    def focus(self, scroll_visible: bool = True):
        return self.page.focus(scroll_visible)

    def set_active(self, active: bool) -> None:
        self.active = active
        self.render_if_visible()

    def render_if_visible(self) -> None:
        if not self.active or self._shown == (self.markdown, self.raw):
            return
        self._shown = (self.markdown, self.raw)
        if self.raw:
            self.query_one("#raw", TextArea).load_text(self.markdown)
        else:
            page = self.query_one(RenderedPage)
            # The work, not a coroutine made ahead: a draw the next one cancels before it
            # starts (exclusive) would leave a coroutine never awaited (a RuntimeWarning).
            self.run_worker(partial(self._draw, page, page.hold(), self.markdown),
                            group="preview-draw", exclusive=True, exit_on_error=False)

    async def _draw(self, page: RenderedPage, draw: int, markdown: str) -> None:
        try:
            await self.query_one(Markdown).update(markdown)
        finally:
            page.release(draw)

    def action_close(self) -> None:
        if self.on_close is not None:
            self.on_close()
