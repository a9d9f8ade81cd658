"""A multi-select list of countries or themes, each with its fact count.

Picked rows read without colour: `[x]` and `[ ]`, not a coloured `X` (a stock SelectionList
draws the same `X` for both). Names shorten to fit the list's width: a theme's short name
("Investment" for "Investment & funding"), else the name cut before its count, never the
count.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import Selection

from briefing.tui.session import Choice

PICKED_MARK = "[x]"
UNPICKED_MARK = "[ ]"
#: Between a name and its count.
GAP = "  "


def short_count(count: int) -> str:
    """A count in at most 4 cells, so a big archive's counts leave room for the name:
    `12`, `9876`, `174k`, `1.2M`."""
    if count < 10_000:
        return str(count)
    if count < 1_000_000:
        return f"{count // 1000}k"
    return f"{count / 1_000_000:.1f}M"


def choice_label(choice: Choice, width: int | None = None) -> Text:
    """`South Korea  15` as plain text (names never go through markup). Given the cells it
    may take, the longest of the name and the short name that fits with its count, else the
    short name cut with an ellipsis: the count always shows."""
    count = short_count(choice.count)
    names = (choice.name, choice.short) if choice.short else (choice.name,)
    room = None if width is None else width - cell_len(GAP + count)
    name = next((n for n in names if room is None or cell_len(n) <= room), None)
    if name is None:
        name = _clip(names[-1], max(room or 0, 1))
    label = Text(name)
    label.append(f"{GAP}{count}", style="dim")
    return label


def _clip(name: str, cells: int) -> str:
    while cell_len(name) > cells - 1 and name:
        name = name[:-1]
    return name.rstrip() + "…"


class ChoiceList(SelectionList[str]):
    """Shows a (possibly filtered) list of choices; the selected values live elsewhere, so a
    filter that hides a selected row does not unselect it."""

    DEFAULT_CSS = """
    ChoiceList > .selection-list--button,
    ChoiceList > .selection-list--button-highlighted {
        color: $text-muted;
    }
    ChoiceList > .selection-list--button-selected,
    ChoiceList > .selection-list--button-selected-highlighted {
        color: $text-success;
        text-style: bold;
    }
    """
    #: Kept in step with the marks: the list measures its options by this gutter.
    MARK_CELLS: ClassVar[int] = len(PICKED_MARK) + 1

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.choices: list[Choice] = []
        self._label_width: int | None = None

    def show(self, choices: Sequence[Choice], selected: Collection[str],
             keep_highlight: bool = False) -> None:
        """List `choices`, the first highlighted (or, `keep_highlight`, the one that was:
        new counts must not move the user's place)."""
        was = self.highlighted
        value = self.get_option_at_index(was).value \
            if keep_highlight and was is not None and was < self.option_count else None
        self.choices = list(choices)
        width = self._label_width = self._room()
        with self.prevent(SelectionList.SelectedChanged):
            self.clear_options()
            self.add_options(
                Selection(choice_label(c, width), c.value, c.value in selected)
                for c in choices
            )
        if choices:
            values = [c.value for c in choices]
            self.highlighted = values.index(value) if value in values else 0

    def on_resize(self) -> None:
        width = self._room()
        if width == self._label_width:
            return
        self._label_width = width
        for index, choice in enumerate(self.choices):
            self.replace_option_prompt_at_index(index, choice_label(choice, width))

    def _room(self) -> int | None:
        """Cells for a label: the list's width less its border, marks and a scrollbar
        (kept aside whether shown or not, so a label never changes as the list scrolls);
        None before the list is laid out."""
        width = self.content_region.width
        if width <= 0:
            return None
        return width - self.styles.scrollbar_size_vertical - self.MARK_CELLS

    def _get_left_gutter_width(self) -> int:
        return self.MARK_CELLS

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)
        index = self.scroll_offset.y + y
        try:
            option = self.get_option_at_index(index)
        except OptionDoesNotExist:
            return line
        picked = option.value in self._selected
        component = "selection-list--button" + ("-selected" if picked else "") + (
            "-highlighted" if self.highlighted == index else "")
        button = self.get_component_rich_style(component)
        underlying = next(iter(line)).style or self.rich_style
        meta = Style(meta={"option": index})
        mark_style = underlying + Style(color=button.color, bold=button.bold) + meta
        return Strip([Segment(PICKED_MARK if picked else UNPICKED_MARK, mark_style),
                      Segment(" ", underlying + meta), *line])
