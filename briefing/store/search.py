"""What a full-text search (`--search`, the terminal app's search box, a brief file's
`search:`) means, read with the operators of SQLite's FTS5 but never handed to it raw: the
user's text is parsed here and written out again as an FTS5 query of quoted terms, so no
text a person types is an SQLite error.

- words: a fact matches when it has every word (`chips export`), in any case and with or
  without accents; the last word also matches as the start of a word (`semicon` finds
  "semiconductor"), as does any word ending in `*` (`chip*`);
- `OR`, `AND`, `NOT` in capitals between two terms are operators (`chips OR GPUs`,
  `chips NOT Japan`), NOT binding closest, then AND, then OR, as in FTS5; parentheses group
  (`(chips OR GPUs) AND export`). Where an operator has nothing to act on (first, last,
  doubled) it is a word, as it is in lower case;
- `"quoted words"` are a phrase: the words next to each other, in that order. The index
  keeps no word positions (`detail=none`, a third of its size), so a phrase is looked up as
  all of its words and the texts found are then checked for the words in a row here.

Punctuation in or between words separates words (`AI-chips` is `AI chips`); an unclosed
quote or parenthesis ends at the end of the text, a stray `)` is ignored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Words as FTS5's unicode61 tokenizer cuts them: letters and digits (not `_`).
_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r'"[^"]*"?|\(|\)|[^\W_]+\*?|[^\w\s"()]+|_+')
OPERATORS = ("OR", "AND", "NOT")


@dataclass(frozen=True, slots=True)
class Term:
    words: tuple[str, ...]
    """One word, or a phrase's words in order (folded: lower case, accents removed)."""
    prefix: bool = False
    """The last word matches as the start of a word."""


@dataclass(frozen=True, slots=True)
class Op:
    op: str
    """AND, OR or NOT (left and not right)."""
    left: Node
    right: Node


Node = Term | Op


def fold(text: str) -> str:
    """Lower case without accents, as the index's tokenizer (remove_diacritics 2) reads.
    Composed again after the accents go: NFKD splits a Hangul syllable into letters (jamo)
    that are no combining marks, and the index keeps the syllable ("반도체")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare)


def words_of(text: str) -> list[str]:
    return _WORD.findall(fold(text))


# --------------------------------------------------------------------------- parsing


def parse(text: str) -> Node | None:
    """The search a text asks for; None when it has no word at all."""
    tokens = _tokens(text)
    node = _Parser(tokens).expression() if tokens else None
    if node is None and words_of(text):  # only operators ("OR"): they are the words
        node = _all(Term((w,)) for w in words_of(text))
    return node


def _tokens(text: str) -> list[str | Term]:
    """Operators and parentheses as strings, words and phrases as terms."""
    out: list[str | Term] = []
    bare = False  # whether the last token is a word typed without quotes
    for raw in _TOKEN.findall(text):
        bare = False
        if raw.startswith('"'):
            words = tuple(words_of(raw))
            if words:
                out.append(Term(words))
        elif raw in ("(", ")", *OPERATORS):
            out.append(raw)
        elif _WORD.match(raw):
            split = words_of(raw.rstrip("*"))  # folding may split one: "ﬁ" is "fi"
            out.extend(Term((w,)) for w in split[:-1])
            if split:
                out.append(Term((split[-1],), raw.endswith("*")))
                bare = True
    # As the user types, the last word is not finished: it matches as a word's start.
    last = out[-1] if out else None
    if bare and isinstance(last, Term):
        out[-1] = Term(last.words, True)
    return out


class _Parser:
    """Recursive descent with FTS5's precedence (NOT, then AND or terms side by side, then
    OR); an operator with nothing to act on is a word, or dropped when it ends the text
    (the user has not typed what follows yet)."""

    def __init__(self, tokens: Sequence[str | Term]) -> None:
        self.tokens, self.at, self.depth = list(tokens), 0, 0

    def peek(self) -> str | Term | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> None:
        self.at += 1

    def expression(self) -> Node | None:
        node = self.conjunction()
        while self.peek() == "OR":
            self.take()
            node = self.combine("OR", node, self.conjunction())
        return node

    def conjunction(self) -> Node | None:
        node = self.negation()
        while True:
            token = self.peek()
            if token == "AND":
                self.take()
                node = self.combine("AND", node, self.negation())
            elif isinstance(token, Term) or token == "(":
                node = _and(node, self.negation())
            elif token == ")" and self.depth == 0:
                self.take()  # a stray ")"
            else:
                return node

    def negation(self) -> Node | None:
        node = self.primary()
        while self.peek() == "NOT":
            self.take()
            node = self.combine("NOT", node, self.primary())
        return node

    def primary(self) -> Node | None:
        token = self.peek()
        if isinstance(token, Term):
            self.take()
            return token
        if token != "(":
            return None
        self.take()
        self.depth += 1
        inner = self.expression()
        self.depth -= 1
        if self.peek() == ")":
            self.take()
        return inner

    def combine(self, op: str, left: Node | None, right: Node | None) -> Node | None:
        if left is not None and right is not None:
            return Op(op, left, right)
        if right is None and self.peek() is None:
            return left  # "chips OR" as it is being typed
        return _and(_and(left, Term((op.lower(),))), right)


def _all(terms: Iterable[Term]) -> Node | None:
    node: Node | None = None
    for term in terms:
        node = _and(node, term)
    return node


def _and(left: Node | None, right: Node | None) -> Node | None:
    if left is None or right is None:
        return left if right is None else right
    return Op("AND", left, right)


# --------------------------------------------------------------------------- writing out


def fts5(node: Node) -> str:
    """An FTS5 query that finds at least what `node` asks for: every term quoted (no user
    text is FTS syntax), a phrase as all of its words (see the module docstring)."""
    if isinstance(node, Term):
        terms = [f'"{w}"' for w in node.words]
        if node.prefix:
            terms[-1] += "*"
        return terms[0] if len(terms) == 1 else "(" + " AND ".join(terms) + ")"
    return f"({fts5(node.left)} {node.op} {fts5(node.right)})"


def has_phrase(node: Node) -> bool:
    if isinstance(node, Term):
        return len(node.words) > 1
    return has_phrase(node.left) or has_phrase(node.right)


def matches(node: Node, words: Sequence[str]) -> bool:
    """Whether a text's words (`words_of`) satisfy the search, phrases in a row."""
    if isinstance(node, Op):
        left = matches(node.left, words)
        if node.op == "OR":
            return left or matches(node.right, words)
        right = matches(node.right, words)
        return left and (not right if node.op == "NOT" else right)
    n = len(node.words)
    for start in range(len(words) - n + 1):
        window = words[start:start + n]
        if window[:-1] == list(node.words[:-1]) and (
                window[-1].startswith(node.words[-1]) if node.prefix
                else window[-1] == node.words[-1]):
            return True
    return False
