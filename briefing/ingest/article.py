"""What a corpus file yields: an `Article` (its `Source` and text blocks with their
character offsets, so every fact can be cited by its exact span) and the `Document` holding
the file's own article and any related ones it carries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from briefing.model import Source

BlockKind = Literal["heading", "paragraph", "item"]


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    start: int
    end: int
    """`[start, end)` in the decoded text of the file."""


@dataclass(frozen=True, slots=True)
class Article:
    """One article's source and its blocks; `text` is the whole decoded file."""

    source: Source
    text: str
    blocks: tuple[Block, ...]
    excerpt: bool = False
    """The text is a teaser (front-matter excerpt): its last sentence may be cut off."""
    place: str | None = None
    """The place of a wire dateline ("SEOUL, Feb 17 (Reuters) -"), a hint of the subject."""


@dataclass(frozen=True, slots=True)
class Document:
    """What one file yields: its own article (if it has text) and any related ones it carries."""

    path: str
    sha256: str
    articles: tuple[Article, ...]
    warnings: tuple[str, ...] = ()


#: The start of a warning that a file was read undated although it hints at a date (a month
#: alone, a front-matter date that names no day): moot once the user corrects the date.
UNDATED_WARNINGS = ("only a month dates it ", "front matter ")


def warns_undated(warning: str) -> bool:
    """A warning `UNDATED_WARNINGS` starts, about a date (not another front-matter field)."""
    return warning.startswith(UNDATED_WARNINGS[0]) or (
        warning.startswith(UNDATED_WARNINGS[1]) and "is not a date" in warning)


