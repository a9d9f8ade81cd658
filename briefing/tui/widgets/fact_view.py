"""The full record of one fact: text, labels, figures, sources and its paragraph.

Built as rich `Text` from plain strings only: article text is never parsed as markup, so a
`[bold]` in an article shows as written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text

from briefing.model import CorrectionNote, Fact
from briefing.store.corrections import FACT_FIELDS, SOURCE_FIELDS
from briefing.tui.session import Context


def fact_detail(fact: Fact, context: Context, *, excluded: bool,
                country_name: Callable[[str], str], theme_name: Callable[[str], str],
                pinned: bool = False, corrections: Sequence[CorrectionNote] = (),
                known: bool = True, left_out: str | None = None) -> Text:
    """`corrections`: those applied to the fact or its sources (`Session.corrections_of`):
    each is listed, and the fields they set are marked "(corrected)". `left_out`: why the
    brief as built has not the fact though it is not excluded; `known`: whether the brief
    is built (after a change it is being built again)."""
    out = Text()
    if excluded:
        status = ("✗ EXCLUDED from the brief", "bold red")
    elif pinned and left_out:
        status = (f"★ PINNED, but left out of the brief: {left_out}", "bold yellow")
    elif pinned:
        status = ("★ PINNED: in the brief however it ranks", "bold yellow")
    elif left_out:
        status = (f"· NOT IN THE BRIEF: {left_out}", "bold")
    elif not known:
        status = ("✓ not excluded (the brief is being built)", "bold green")
    else:
        status = ("✓ included in the brief", "bold green")
    out.append(status[0], style=status[1])
    out.append("   (space to change)\n", style="dim")
    for note in corrections:
        out.append(f"✎ CORRECTED ({note.kind}): {note.change}", style="bold")
        out.append(f"   (correction {note.number}; e to change)\n", style="dim")
    out.append("\n")
    out.append(fact.text, style="bold")
    out.append("\n\n")
    fixed = {name for n in corrections for name in _fields_set(n)}
    _field(out, "Fact id", fact.id)
    _field(out, "Countries", ", ".join(country_name(c) for c in fact.countries) or "none",
           "fact countries" in fixed)
    _field(out, "Themes", ", ".join(theme_name(t) for t in fact.themes) or "none",
           "fact themes" in fixed)
    _field(out, "Figures", "; ".join(f.text for f in fact.figures) or "none")
    if fact.citations[0].page is not None:
        _field(out, "Page", f"p. {fact.citations[0].page}")
    if fact.heading:
        _field(out, "Section", fact.heading)
    out.append("\nSources\n", style="bold underline")
    for n, citation in enumerate(fact.citations, 1):
        s = citation.source
        out.append(f"{n}. ", style="bold")
        out.append(s.title)
        if any(c.kind == "source" and c.target == s.key for c in corrections):
            out.append("  ✎ corrected", style="bold")
        out.append("\n   ")
        # The page of a PDF report the source states it on, as a brief cites it: "p. 3".
        page = f"p. {citation.page}" if citation.page is not None else None
        out.append(" · ".join(p for p in (s.publisher, s.date or "undated", page) if p),
                   style="dim")
        out.append("\n   ")
        out.append(s.url or s.path, style="underline" if s.url else "dim")
        out.append("\n")
    more = fact.sources - len(fact.citations)
    if more > 0:
        out.append(f"   … and {more} more source{'s' if more > 1 else ''} "
                   "(`briefing facts --json` lists them all)\n", style="dim")
    out.append("\nIn its paragraph\n", style="bold underline")
    out.append_text(highlighted_context(context))
    return out


def highlighted_context(context: Context) -> Text:
    """The paragraph with the fact marked by reverse video and ▶…◀, readable without colour."""
    text = Text(context.paragraph[: context.start])
    text.append("▶", style="bold")
    text.append(context.paragraph[context.start: context.end], style="reverse bold")
    text.append("◀", style="bold")
    text.append(context.paragraph[context.end:])
    return text


def _fields_set(note: CorrectionNote) -> list[str]:
    """`fact countries`, `source date`: what a note's change sets (its text names them)."""
    names = FACT_FIELDS if note.kind == "fact" else SOURCE_FIELDS
    return [f"{note.kind} {part.split()[0]}" for part in note.change.split("; ")
            if part.split() and part.split()[0] in names]


def _field(out: Text, label: str, value: str, corrected: bool = False) -> None:
    out.append(f"{label}: ", style="bold")
    out.append(value)
    if corrected:
        out.append("  ✎ corrected", style="bold")
    out.append("\n")
