"""Errors the user can cause and fix. The CLI prints them as one line with their exit code."""

from __future__ import annotations


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
