"""The table of facts for the current selection, with the user's exclusions marked."""

from __future__ import annotations

import textwrap
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from briefing.extract.figures import compact
from briefing.model import Fact

INCLUDED_MARK = "✓"
EXCLUDED_MARK = "✗"
#: A pinned fact: in the brief however it ranks.
PINNED_MARK = "★"
#: Not excluded, but not in the brief as last built (reported after its date, ranked out).
LEFT_OUT_MARK = "·"
#: Before the text of a fact the brief has but its last export had not.
NEW_LABEL = "new · "


@dataclass(frozen=True, slots=True)
class Marks:
    """How a row is marked, in characters (never colour alone)."""

    excluded: bool = False
    pinned: bool = False
    new: bool = False
    left_out: bool = False
    """Not in the brief as last built, though not excluded."""


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str
    width: int


@dataclass(frozen=True, slots=True)
class Layout:
    """The columns shown, the cells left for the fact text, and the lines of a row."""

    columns: tuple[Column, ...] = ()
    text_width: int = 0
    lines: int = 1


MARK, DATE, FACT = Column("mark", " ", 1), Column("date", "Date", 10), Column("fact", "Fact", 0)
#: Always shown: a fact's figures are what a brief compares. Narrower (and on two lines) when
#: the fact text would have less than TEXT_MIN cells, as at 80 columns.
FIGURES, FIGURES_NARROW = Column("figures", "Figures", 14), Column("figures", "Figures", 10)
#: Shown, in this order, while the fact text keeps at least TEXT_MIN cells; the detail view
#: has them all whatever the width.
OPTIONAL = (Column("source", "Source", 16), Column("themes", "Themes", 18))
TEXT_MIN = 48
#: Lines of a row when the fact text has less than TEXT_MIN cells: two short lines read
#: better than one cut at twenty characters.
NARROW_LINES = 2
#: Rows added per frame.
CHUNK = 50
#: Pause between chunks, so the first screenful is drawn before the rest is measured.
CHUNK_PAUSE_S = 0.03
#: Longest fact text put in a cell: the detail view shows the rest.
TEXT_MAX = 400
#: Cells are padded by one on each side.
PADDING = 2


def layout(width: int, scrollbar: int = 2) -> Layout:
    """The columns that fit `width` cells (less a vertical scrollbar of `scrollbar`), and
    the width left for the fact text."""
    columns = [MARK, DATE, FIGURES]
    used = sum(c.width + PADDING for c in columns) + PADDING + scrollbar
    if width - used < TEXT_MIN:
        used -= FIGURES.width - FIGURES_NARROW.width
        return Layout((MARK, DATE, FACT, FIGURES_NARROW), max(width - used, TEXT_MIN // 4),
                      NARROW_LINES)
    for column in OPTIONAL:
        if width - used - column.width - PADDING >= TEXT_MIN:
            columns.append(column)
            used += column.width + PADDING
    columns.insert(2, FACT)
    return Layout(tuple(columns), min(TEXT_MAX, width - used))


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _fit(text: str, width: int, lines: int) -> str:
    """`text` in at most `lines` lines of `width` cells, broken between words; an ellipsis
    ends it when it is longer."""
    if lines == 1:
        return _clip(text, width)
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) > lines:
        rest = " ".join(wrapped[lines - 1:])
        wrapped = [*wrapped[:lines - 1], _clip(rest, width)]
    return "\n".join(wrapped)


def fact_cells(fact: Fact, marks: Marks, shape: Layout) -> list[Text]:
    """One row: a mark that reads without colour (✓ in the brief, ✗ excluded, ★ pinned,
    · left out of the brief as built), the excluded text struck out, and `new · ` before
    the text of a new fact."""
    excluded = marks.excluded
    strike = "strike dim" if excluded else ""
    source = fact.source
    values = {
        "date": source.date or "undated",
        "fact": fact.text,
        # A qualifier as its sign ("~$6.8 billion"): "approximately" fills a narrow column.
        "figures": ", ".join(compact(f.text) for f in fact.figures),
        "source": source.publisher or source.title,
        "themes": ", ".join(fact.themes),
    }
    cells = []
    for column in shape.columns:
        if column.key == "mark":
            cells.append(_mark(marks))
            continue
        width = shape.text_width if column.key == "fact" else column.width
        lines = shape.lines if column.key in ("fact", "figures") else 1
        if column.key == "fact" and marks.new:
            text = _fit(NEW_LABEL + values["fact"], width, lines)
            cell = Text(text, style=strike)
            cell.stylize("bold", 0, len(NEW_LABEL))
            cells.append(cell)
        else:
            cells.append(Text(_fit(values[column.key], width, lines), style=strike))
    return cells


def _mark(marks: Marks) -> Text:
    if marks.excluded:
        return Text(EXCLUDED_MARK, style="bold red")
    if marks.pinned:
        return Text(PINNED_MARK, style="bold yellow")
    if marks.left_out:
        return Text(LEFT_OUT_MARK, style="dim")
    return Text(INCLUDED_MARK, style="green")


class FactsTable(DataTable):
    """Facts by id; Space includes or excludes the highlighted one, Enter opens it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_fact", "✓/✗", id="toggle-fact",
                tooltip="Leave the highlighted fact out of the brief, or put it back."),
        # Both names: a terminal (and tmux) sends shift+p as "P", which Textual names "P";
        # "shift+p" is what the help and the palette say.
        Binding("shift+p,P", "pin_fact", "Pin", id="pin-fact", key_display="P",
                tooltip="Pin the highlighted fact (★): always in the brief however it "
                        "ranks; again to unpin."),
        # "Open", not "Details": at 80 columns the footer then has room for the tabs' keys.
        Binding("enter", "select_cursor", "Open", id="fact-detail",
                tooltip="Show the fact with its source and surrounding paragraph."),
    ]

    @dataclass
    class ExclusionToggled(Message):
        """The user asked to include or exclude a fact."""

        fact_id: str

    @dataclass
    class PinToggled(Message):
        """The user asked to pin or unpin a fact."""

        fact_id: str

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.facts: dict[str, Fact] = {}
        self.total = 0
        """Facts the selection has in all: the table holds the first pages of them."""
        self.excluded: set[str] = set()
        self.pinned: set[str] = set()
        self.new: frozenset[str] = frozenset()
        """Facts the brief has that its last export had not (marked `new`)."""
        self.in_brief: frozenset[str] | None = None
        """The facts of the brief as last built (None: not known: all marked ✓)."""
        self._layout = Layout()
        self._waiting: Iterator[Fact] = iter(())
        """Facts not yet added as rows (added a chunk per frame)."""
        self._cursor_on: str | None = None

    def _shape(self) -> Layout:
        return layout(self.size.width, self.styles.scrollbar_size_vertical)

    def on_resize(self) -> None:
        if self._shape() != self._layout:
            self.show(list(self.facts.values()), self.excluded, self.total, self.pinned)

    def show(self, facts: Sequence[Fact], excluded: Collection[str],
             total: int | None = None, pinned: Collection[str] = ()) -> None:
        """Replace the rows, keeping the cursor on the same fact when it is still listed.

        Rows go in CHUNK at a time, a short pause apart: DataTable measures every new cell,
        which for thousands of facts would hold the screen (and the keyboard) for a second.
        """
        current = self.highlighted_fact
        self.facts = {f.id: f for f in facts}
        self.total = len(facts) if total is None else total
        self.excluded = {fid for fid in excluded if fid in self.facts}
        self.pinned = {fid for fid in pinned if fid in self.facts}
        shape = self._layout = self._shape()
        self.clear(columns=True)
        for column in shape.columns:
            self.add_column(column.label, key=column.key,
                            width=shape.text_width if column.key == "fact" else column.width)
        self._cursor_on = current.id if current is not None else None
        self._waiting = iter(list(facts))
        self._add_chunk(self._waiting)

    def extend(self, facts: Sequence[Fact], total: int) -> None:
        """Add the facts not listed yet (the next page) after those that are."""
        new = [f for f in facts if f.id not in self.facts]
        self.facts.update((f.id, f) for f in new)
        self.total = total
        # Chained onto rows still waiting: the older chain stops, this one goes on from it.
        self._waiting = chain(self._waiting, new)
        self._add_chunk(self._waiting)

    def _add_chunk(self, waiting: Iterator[Fact]) -> None:
        if waiting is not self._waiting:
            return  # a newer `show` replaced these rows
        shape = self._layout
        added = 0
        for fact in islice(waiting, CHUNK):
            self.add_row(*fact_cells(fact, self.marks(fact.id), shape), key=fact.id,
                         height=shape.lines)
            added += 1
            if fact.id == self._cursor_on:
                self.move_cursor(row=self.row_count - 1, animate=False)
        if added == CHUNK:
            self.set_timer(CHUNK_PAUSE_S, lambda: self._add_chunk(waiting))

    def marks(self, fact_id: str) -> Marks:
        return Marks(fact_id in self.excluded, fact_id in self.pinned, fact_id in self.new,
                     self.in_brief is not None and fact_id not in self.in_brief)

    def mark(self, fact_id: str, excluded: bool, pinned: bool = False) -> None:
        if fact_id not in self.facts:
            return
        (self.excluded.add if excluded else self.excluded.discard)(fact_id)
        (self.pinned.add if pinned else self.pinned.discard)(fact_id)
        self._redraw(fact_id)

    def mark_new(self, new: Collection[str]) -> None:
        """Mark these facts new (and no others)."""
        new = frozenset(new)
        changed, self.new = self.new ^ new, new
        for fact_id in changed:
            self._redraw(fact_id)

    def mark_in_brief(self, in_brief: frozenset[str] | None) -> None:
        """Mark the facts the brief as built has (✓) and those it left out (·)."""
        before, self.in_brief = self.in_brief, in_brief
        for fact_id in self.facts:
            if (before is None or fact_id in before) != (in_brief is None or fact_id in in_brief):
                self._redraw(fact_id)

    def _redraw(self, fact_id: str) -> None:
        fact = self.facts.get(fact_id)
        if fact is None or fact_id not in self.rows:
            return  # not added yet: it will be, marked
        shape = self._layout
        cells = fact_cells(fact, self.marks(fact_id), shape)
        for column, cell in zip(shape.columns, cells, strict=True):
            self.update_cell(fact_id, column.key, cell)

    @property
    def highlighted_fact(self) -> Fact | None:
        if not self.facts or self.cursor_row < 0 or self.cursor_row >= self.row_count:
            return None
        row_key = self.coordinate_to_cell_key((self.cursor_row, 0)).row_key
        return self.facts.get(row_key.value or "")

    def action_toggle_fact(self) -> None:
        fact = self.highlighted_fact
        if fact is not None:
            self.post_message(self.ExclusionToggled(fact.id))

    def action_pin_fact(self) -> None:
        fact = self.highlighted_fact
        if fact is not None:
            self.post_message(self.PinToggled(fact.id))
