"""Corpus text on a terminal, exactly as the source has it.

Titles, sentences, file names and publisher names are data. Rich must not read
`[bold red]` as a style, `:x:` as an emoji or `[link=…]` as a hyperlink, and the terminal
must not receive the control characters a file can hold (an ESC in a title could recolour
the screen, move the cursor or open an OSC 8 link). Everything the CLI prints goes through
`echo`, `literal` or a `console()`; Rich is imported only when a table or bar is drawn.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:  # only for annotations: the plain-text commands never load Rich
    from rich.console import Console
    from rich.text import Text

# C0 and C1 controls and DEL (a terminal acts on them, and a newline would break a one-line
# message), and the bidi embeddings, overrides and isolates, which reorder what is shown
# without being shown. Tab is harmless and stays.
_ACTIVE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with every character a terminal would act on written as its escape (`\\x1b`)."""
    return _ACTIVE.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


def echo(text: str, *, err: bool = False) -> None:
    """One line to stdout (or stderr), shown as written."""
    typer.echo(printable(text), err=err)


def literal(text: str, style: str = "") -> Text:
    """A table cell Rich shows character for character (a `Text` is never parsed)."""
    from rich.text import Text

    return Text(printable(text), style=style)


def console(*, stderr: bool = False) -> Console:
    """A Console that prints strings as given: no markup, no emoji codes, no highlighting
    (which would only colour, but colours numbers and URLs as if they were links)."""
    from rich.console import Console

    return Console(stderr=stderr, markup=False, emoji=False, highlight=False)


# What json.dumps(ensure_ascii=False) leaves raw that a terminal would act on; C0 controls
# it already writes as escapes.
_ACTIVE_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def echo_json(text: str, *, nl: bool = True) -> None:
    """JSON with those characters as `\\u` escapes: the same data once parsed (they can only
    stand inside strings), and nothing a terminal would act on."""
    typer.echo(_ACTIVE_IN_JSON.sub(lambda m: f"\\u{ord(m[0]):04x}", text), nl=nl)
