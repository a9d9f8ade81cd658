"""Which of the user's corrections a brief's Method lists: those that touch the brief (a
source it cites, a fact it quotes, a fact a correction moved into or out of its selection),
and every stale one, since a correction not applied may be why the brief says what it says.
"""

from __future__ import annotations

from collections.abc import Iterable

from briefing.model import Brief, CorrectionNote


def corrections_in(brief: Brief, notes: Iterable[CorrectionNote]) -> tuple[CorrectionNote, ...]:
    """The notes a brief's Method lists, in the corrections file's order."""
    cited = {ref.source.key for ref in brief.sources}
    quoted = {item.fact.id for item in brief.items}
    selected = set(brief.selection.countries) | set(brief.selection.themes)
    return tuple(n for n in notes if n.stale
                 or (n.kind == "source" and n.target in cited)
                 or (n.kind == "fact" and (n.target in quoted or selected & set(n.labels))))
