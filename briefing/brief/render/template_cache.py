"""Compiled templates kept between runs, in the user cache dir.

Jinja compiles a template to Python on first use in each process: for the Markdown brief
that is about 30 ms, a noticeable part of a `briefing make` that answers in under a second.
Jinja's own bytecode cache keeps the compiled code by template name and checks it against
the template's source (and the Python version) before use, so an edited template is compiled
again. A cache that cannot be written only costs the compiling.
"""

from __future__ import annotations

import os
from contextlib import suppress

import jinja2
from jinja2.bccache import Bucket

from briefing.resources import cache_dir


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, in `<cache dir>/templates` as it is when a template is loaded."""

    def __init__(self) -> None:
        super().__init__(directory="")

    def _get_cache_filename(self, bucket: Bucket) -> str:
        return str(cache_dir() / "templates" / (self.pattern % (bucket.key,)))

    def load_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):  # not there, or unreadable: compiled afresh
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):  # a read-only or full cache dir: compiled again next time
            os.makedirs(os.path.dirname(self._get_cache_filename(bucket)), exist_ok=True)
            super().dump_bytecode(bucket)
