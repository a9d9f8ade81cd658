"""The core never imports Textual (nor WeasyPrint until a PDF is made): checked in a fresh
interpreter, so an import anywhere in the chain is caught."""

from __future__ import annotations

import ast
import functools
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

CORE = ["briefing.model", "briefing.ingest.document", "briefing.extract.facts", "briefing.store",
        "briefing.brief.build", "briefing.brief.render.markdown", "briefing.brief.render.pdf",
        "briefing.brief.export", "briefing.brief.verify", "briefing.deliver.mail",
        "briefing.deliver.config", "briefing.extract.countries", "briefing.extract.themes",
        "briefing.cli.app",
        "briefing.ingest.formats", "briefing.ingest.formats.html", "briefing.ingest.formats.pdf",
        "briefing.ingest.fetch"]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual_or_weasyprint(module):
    code = (f"import sys, {module}; "
            "bad = [m for m in ('textual', 'weasyprint') if m in sys.modules]; "
            "print(','.join(bad))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == ""


def test_making_a_markdown_brief_loads_no_ui_pdf_or_mail_library(tmp_path):
    code = ("import sys; from briefing.cli.app import main\n"
            "try:\n    main(['make', '-c', 'KR', '--format', 'md', '--out', sys.argv[1]])\n"
            "except SystemExit:\n    pass\n"
            "print([m for m in ('textual', 'weasyprint', 'smtplib') if m in sys.modules])")
    r = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True)
    assert r.stdout.strip().splitlines()[-1] == "[]", r.stderr


def test_indexing_text_files_loads_no_page_report_or_network_library(tmp_path):
    """trafilatura, lxml, pdfminer and httpx cost their import time only where a page, a
    report or a link is read."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Japan announced a plan for 12 new data centres in 2026.\n")
    code = ("import sys; from briefing.cli.app import main\n"
            "try:\n    main(['index', '--corpus', sys.argv[1]])\n"
            "except SystemExit:\n    pass\n"
            "print([m for m in ('trafilatura', 'lxml', 'pdfminer', 'httpx') if m in sys.modules])")
    r = subprocess.run([sys.executable, "-c", code, str(corpus)], capture_output=True, text=True,
                       env={**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path / "cache")})
    assert r.stdout.strip().splitlines()[-1] == "[]", r.stderr


# --------------------------------------------------------------------------- the import graph
# Read from the source with `ast`: every `import` and `from ... import`, at module level, under
# `if TYPE_CHECKING:` and inside functions alike, since a lazy import is still a dependency.
# `from a import b` depends on the module `a.b` when there is one, else on `a`. Importing `a.b`
# runs `a/__init__.py` first, but a package importing its own submodules is how packages work,
# not a circle: that implicit edge is not drawn.

ROOT = Path(__file__).resolve().parent.parent

#: The floors of the package, lowest first: a module imports its own floor and the floors below,
#: never one above. A name stands for that module or package and everything under it; the
#: longest name that fits places a module. Every module is on a floor, so a new one must be
#: placed. Ingest sits below extract, as data flows: the extractor reads an `Article`, the reader
#: never asks the extractor anything (text helpers both use are shared).
FLOORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("shared", ("briefing", "briefing.errors", "briefing.model", "briefing.resources",
                "briefing.yamlio", "briefing.dates", "briefing.text", "briefing.userconfig")),
    ("ingest", ("briefing.ingest",)),
    ("extract", ("briefing.extract",)),
    ("store", ("briefing.store",)),
    ("brief", ("briefing.brief",)),
    ("deliver", ("briefing.deliver",)),
    ("cli and tui", ("briefing.cli", "briefing.tui", "briefing.__main__")),
    ("developer tools", ("briefing.dev", "briefing.extract.data")),
)
#: Only the floors from here up may import the UI libraries.
UI_FLOOR = "cli and tui"
UI_LIBRARIES = ("textual", "typer")

#: What the store must never import: the floors above it and the UI libraries.
ABOVE_THE_STORE = ("briefing.brief", "briefing.deliver", "briefing.cli", "briefing.tui",
                   "briefing.dev", "textual", "typer", "weasyprint")


def modules_of(root: Path, package: str) -> dict[str, Path]:
    """Every module of a package folder by dotted name (a package by its own name)."""
    found = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports_of(path: Path, module: str) -> Iterator[str]:
    """The dotted names a module imports anywhere in it (relative imports resolved), each
    `from a import b` as `a.b`."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in _nodes(path.read_text(encoding="utf-8")):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[:len(package) - node.level + 1], *filter(None, [base])])
            yield from (f"{base}.{alias.name}" for alias in node.names)


@functools.cache
def _nodes(source: str) -> tuple[ast.AST, ...]:
    """A module's syntax nodes, parsed once per text: five tests read the whole package."""
    return tuple(ast.walk(ast.parse(source)))


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Module -> the modules of the package it imports."""
    modules = modules_of(root, package)

    def module_named(name: str) -> str | None:  # `a.b.c` is in the module a.b if not a module
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    return {module: {m for name in imports_of(path, module)
                     if (m := module_named(name)) is not None and m != module}
            for module, path in modules.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles of a graph: its strongly connected parts of two modules or more
    (Tarjan's algorithm, iterative), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            step = next(edges, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(graph.get(step, ())))))
                elif step in on_stack:
                    low[node] = min(low[node], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                part = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    part.append(member)
                    if member == node:
                        break
                if len(part) > 1:
                    found.append(sorted(part))
    return found


def test_no_import_circle_among_briefings_modules():
    graph = import_graph(ROOT, "briefing")
    assert len(graph) > 50 and "briefing.store.sqlite" in graph["briefing.store"]
    found = circles(graph)
    assert found == [], "\n".join(
        " <-> ".join(part) + ": " + "; ".join(f"{m} imports {sorted(graph[m] & set(part))}"
                                              for m in part) for part in found)


def test_the_circle_check_sees_lazy_relative_and_type_checking_imports(tmp_path):
    """The check itself, on a package with one circle of each kind and a package that
    imports its own submodule (not a circle)."""
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from pkg.sub import leaf\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "leaf.py").write_text("import os\n")
    (pkg / "lazy_a.py").write_text("def f():\n    from pkg import lazy_b\n")
    (pkg / "lazy_b.py").write_text("from pkg.lazy_a import f\n")
    (pkg / "typed_a.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                    "    from .typed_b import X\n")
    (pkg / "typed_b.py").write_text("from . import typed_a\nX = 1\n")
    graph = import_graph(tmp_path, "pkg")
    assert graph["pkg"] == {"pkg.sub.leaf"}
    assert circles(graph) == [["pkg.lazy_a", "pkg.lazy_b"], ["pkg.typed_a", "pkg.typed_b"]]


def test_the_store_package_never_imports_the_layers_above_it():
    """Read from its source (every import, lazy ones too), and in a fresh interpreter
    (what importing it loads, however indirectly)."""
    store = {m: p for m, p in modules_of(ROOT, "briefing").items()
             if m == "briefing.store" or m.startswith("briefing.store.")}
    assert len(store) >= 8
    upward = {f"{m} imports {name}" for m, path in store.items()
              for name in imports_of(path, m)
              if any(name == above or name.startswith(above + ".") for above in ABOVE_THE_STORE)}
    assert upward == set()
    code = ("import sys, briefing.store; print(sorted(m for m in sys.modules if any("
            f"m == a or m.startswith(a + '.') for a in {ABOVE_THE_STORE!r})))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "[]"


def floor_of(module: str) -> int | None:
    """The index in FLOORS of a module's floor (None: not a module of the package)."""
    best: tuple[int, int] | None = None
    for level, (_, names) in enumerate(FLOORS):
        for name in names:
            fits = module == name or (name != "briefing" and module.startswith(name + "."))
            if fits and (best is None or len(name) > best[1]):
                best = (level, len(name))
    return None if best is None else best[0]


def test_every_module_is_on_a_floor():
    graph = import_graph(ROOT, "briefing")
    assert [m for m in sorted(graph) if floor_of(m) is None] == []


def test_no_floor_imports_a_floor_above_it():
    """ingest and extract below the store, the store below the brief, the brief below
    delivery, the CLI and the terminal app on top: read from the source, lazy imports too."""
    graph = import_graph(ROOT, "briefing")
    floors = {m: floor_of(m) for m in graph}
    assert floors["briefing.store.sync"] > floors["briefing.ingest.fetch"]
    upward = sorted(f"{m} ({FLOORS[floors[m]][0]}) imports {n} ({FLOORS[floors[n]][0]})"
                    for m, names in graph.items() for n in names if floors[n] > floors[m])
    assert upward == [], "\n".join(upward)


def test_only_the_cli_and_the_terminal_app_import_textual_or_typer():
    """The core (every floor below the CLI's) never names Textual or typer, however lazily."""
    ui = [name for name, _ in FLOORS].index(UI_FLOOR)
    found = [(m, name) for m, path in modules_of(ROOT, "briefing").items()
             for name in imports_of(path, m)
             if any(name == lib or name.startswith(lib + ".") for lib in UI_LIBRARIES)]
    # The scan sees both libraries where they belong, so an empty core list means something.
    assert {name.split(".")[0] for m, name in found if floor_of(m) == ui} == set(UI_LIBRARIES)
    assert sorted(f"{m} imports {name}" for m, name in found if (floor_of(m) or 0) < ui) == []


def test_the_floor_check_sees_an_upward_import(tmp_path):
    """The check itself: a store module that reaches up into the brief is reported."""
    pkg = tmp_path / "briefing"
    for sub in ("store", "brief"):
        (pkg / sub).mkdir(parents=True)
        (pkg / sub / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "brief" / "build.py").write_text("X = 1\n")
    (pkg / "store" / "sync.py").write_text("def f():\n    from briefing.brief.build import X\n")
    graph = import_graph(tmp_path, "briefing")
    assert graph["briefing.store.sync"] == {"briefing.brief.build"}
    assert floor_of("briefing.store.sync") < floor_of("briefing.brief.build")
    assert floor_of("briefing.storefront") is None  # a prefix is not a package
