"""The brief as it would be written: rendered Markdown, or the raw Markdown text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Container, VerticalScroll
from textual.reactive import reactive
from textual.widgets import ContentSwitcher, Markdown, TextArea


class BriefPreview(Container):
    """Holds the latest Markdown; renders it only while visible, so a hidden preview costs
    nothing while the user types elsewhere."""

    DEFAULT_CSS = """
    BriefPreview { height: 1fr; }
    BriefPreview ContentSwitcher { height: 1fr; }
    BriefPreview #rendered { height: 1fr; padding: 0 1; }
    BriefPreview #raw { height: 1fr; border: none; }
    """

    raw: reactive[bool] = reactive(False)
    """Show the Markdown source instead of the rendered page."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.markdown = ""
        """The latest brief text (what an export would write)."""
        self._shown: tuple[str, bool] | None = None
        self.active = False
        """Whether the preview is in view (set by whoever shows or hides it)."""

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="rendered"):
            with VerticalScroll(id="rendered"):
                yield Markdown()
            yield TextArea(id="raw", read_only=True, show_line_numbers=False,
                           soft_wrap=True)

    def show(self, markdown: str) -> None:
        self.markdown = markdown
        self.render_if_visible()

    def watch_raw(self) -> None:
        self.query_one(ContentSwitcher).current = "raw" if self.raw else "rendered"
        self.render_if_visible()

    def focus(self, scroll_visible: bool = True):
        return self.query_one("#raw" if self.raw else "#rendered").focus(scroll_visible)

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
            self.query_one(Markdown).update(self.markdown)
