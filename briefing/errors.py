"""Errors the user can cause and fix. The CLI prints them as one line with their exit code."""

from __future__ import annotations

#: Why a brief that briefing wrote is not read as a source when it lies in the corpus
#: (`briefing make --corpus .` writes into `./out/`): quoting its own Method as facts, and
#: counting itself as a second source of every fact it cites.
OWN_BRIEF = "a brief made by briefing: its own output is never a source"


class BriefingError(Exception):
    """A problem reported to the user as one line, never as a traceback."""

    exit_code = 1


class UsageError(BriefingError):
    """The user asked for something that cannot be done as asked (bad option value)."""

    exit_code = 2


class UnknownName(UsageError):
    """A country or theme the user typed matches nothing, or matches several things."""

    def __init__(self, kind: str, query: str, suggestions: list[str] | tuple[str, ...] = ()):
        self.kind = kind
        self.query = query
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown {kind} {query!r}{hint}")


class NothingSelected(BriefingError):
    """The selection matched no facts: nothing is written."""

    exit_code = 1


class CorpusError(BriefingError):
    """A corpus file that cannot be read (empty, binary, bad front matter, ...)."""
