"""YAML reading through libyaml when PyYAML has it: about ten times faster than the pure
Python parser, which matters for front matter in every file and for the data tables."""

from __future__ import annotations

import re
from typing import Any

import yaml

YAMLError = yaml.YAMLError
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def _lenient_timestamp(loader: Any, node: Any) -> Any:
    """A value YAML reads as a date (`2026-02-30`, `2026-13-01` unquoted) but that names no
    day stays the text written: PyYAML would raise ValueError from deep inside the parse,
    which no reader can tell from a bug. Each reader then judges the text as it judges a
    quoted one ("since: expects a date as YYYY-MM-DD, not '2026-02-30'")."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (libyaml's when there is one), impossible dates kept as text."""


_Loader.add_constructor(_TIMESTAMP, _lenient_timestamp)
_LOADER = _Loader

#: What could be an anchor or an alias ("&a0", "*a0") in a YAML text. Only a text with one is
#: parsed by the slower loader that refuses aliases; "R&D" and "*bold*" in a value are not.
_MAY_ALIAS = re.compile(r"(?:^|[\s\[\]{},:-])[&*][^\s\[\]{},]")


class _NoAliasLoader(yaml.SafeLoader):
    """Refuses aliases: in an article's front matter they have no use but one, the "billion
    laughs" bomb, where 1.7 kB of nested aliases expand to gigabytes before any field can be
    looked at (a 30-level one took 15 GB)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.events.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases are not allowed in front matter", self.peek_event().start_mark)
        return super().compose_node(parent, index)


_NoAliasLoader.add_constructor(_TIMESTAMP, _lenient_timestamp)


class _PlainDatesLoader(_NoAliasLoader):
    """`_NoAliasLoader` that keeps a date as the text written (`2026-02-30` stays text for
    its reader to judge, where the default loader fails the whole file)."""


_PlainDatesLoader.add_constructor(_TIMESTAMP,
                                  lambda loader, node: loader.construct_scalar(node))


def load_yaml(text: str | bytes, *, untrusted: bool = False, plain_dates: bool = False
              ) -> Any:
    """Like `yaml.safe_load`: only plain data types, never arbitrary objects. `untrusted`
    (an article's front matter): aliases are refused, so a document cannot expand beyond
    its own size. `plain_dates`: dates stay text (and aliases are refused). Without it, a
    date that names no day (`2026-02-30`) stays text too, for the reader to reject."""
    if plain_dates:
        return yaml.load(text, Loader=_PlainDatesLoader)
    if untrusted and _MAY_ALIAS.search(text if isinstance(text, str) else text.decode(
            "utf-8", "replace")):
        return yaml.load(text, Loader=_NoAliasLoader)
    return yaml.load(text, Loader=_LOADER)
