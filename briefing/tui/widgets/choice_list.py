"""A multi-select list of countries or themes, each with its fact count."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rich.text import Text
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from briefing.tui.session import Choice


def choice_label(choice: Choice) -> Text:
    """`South Korea  15` as plain text (names never go through markup)."""
    label = Text(choice.name)
    label.append(f"  {choice.count}", style="dim")
    return label


class ChoiceList(SelectionList[str]):
    """Shows a (possibly filtered) list of choices; the selected values live elsewhere, so a
    filter that hides a selected row does not unselect it."""

    def show(self, choices: Sequence[Choice], selected: Collection[str]) -> None:
        with self.prevent(SelectionList.SelectedChanged):
            self.clear_options()
            self.add_options(
                Selection(choice_label(c), c.value, c.value in selected) for c in choices
            )
        if choices:
            self.highlighted = 0
