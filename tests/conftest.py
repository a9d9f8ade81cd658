"""Every test runs with its own cache, config and corpus: never the user's real ones."""

from __future__ import annotations

import gc
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(TESTS))  # tests/factories.py, tests/smtp_server.py

from isolation import isolate, isolated  # noqa: E402
from web_server import site  # noqa: E402, F401  (a fixture: a real HTTP server on 127.0.0.1)

# --------------------------------------------------------------------------- pytest-xdist
# `make test` runs the suite on two workers with `--dist loadgroup` (see the Makefile). Every
# test is independent of the others and of their order: each has its own home, cache, config
# and corpus (isolated_env, corpus), its own servers on ports the kernel picks
# (tests/smtp_server.py, tests/web_server.py), and writes nowhere in the repository.

#: The longest tests (each 10-75 s of wall time on two busy cores; together about a fifth of
#: the suite's), started first so that none starts last and keeps one worker busy while the
#: other has nothing left to do. A name missing here only costs balance, never a test.
LONGEST_FIRST = (
    "test_store_faults.py::test_sync_killed_at_random_points_recovers_the_same_facts",
    "test_corpus_limits.py::test_a_one_line_text_file_under_the_limit_indexes_in_bounded_time",
    "test_tui.py::test_the_fact_view_of_a_report_gives_its_page_and_its_own_section",
    "test_store_faults.py::test_a_corpus_rewritten_while_other_processes_sync",
    "test_store_faults.py::test_a_reader_open_while_make_and_rebuilds_run",
    "test_store_faults.py::test_a_store_write_past_the_file_size_limit_changes_nothing",
    "test_store_faults.py::test_two_indexes_of_a_large_cold_corpus_run_one_after_the_other",
)


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In an xdist worker: the longest tests first, and the tests of a module that builds a
    module- or session-scoped fixture of its own (a rendered PDF, an indexed corpus) in one
    xdist group, so that one worker builds it once rather than each worker once."""
    if not hasattr(config, "workerinput"):
        return  # a plain run keeps the files' order
    rank = {name: n for n, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.removeprefix("tests/"), len(rank)))
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        info = getattr(item, "_fixtureinfo", None)
        fixtures = info.name2fixturedefs.values() if info else ()
        if any(defs[-1].scope in ("module", "session") and defs[-1].baseid == module
               for defs in fixtures):
            item.add_marker(pytest.mark.xdist_group(module))


def _one_command_tree() -> None:
    """typer's CliRunner builds the click command tree from the app's signatures on every
    invoke (23 ms: typer evaluates every annotation again), and the suite invokes the app
    some 1,500 times. The tree is the same each time, so a worker builds it once per app."""
    import functools

    import typer.testing

    typer.testing._get_command = functools.cache(typer.testing._get_command)


_one_command_tree()


#: Terminal-app tests between two full collections of the worker's heap (see `frozen_heap`).
COLLECT_EVERY = 10
_since_collect = 0


@pytest.fixture(autouse=True)
def frozen_heap(request):
    """In the terminal app's tests, what the worker holds before the test (every module it
    imported, what earlier tests left) is frozen: the app's one full collection once it has
    indexed (`BriefingApp._freeze_long_lived`) then passes over the test's own objects, not
    over a heap that grows test by test (0.2-0.5 s a test, a fifth of their time). Every
    test ends with nothing frozen, as it began (the app unfreezes when it ends, but a test
    may start no app, and the next test may count what is frozen); every COLLECT_EVERY
    tests the heap is collected before it is frozen, so the apps' garbage does not pile up."""
    global _since_collect
    if not request.module.__name__.startswith("test_tui"):
        yield
        return
    _since_collect += 1
    if _since_collect >= COLLECT_EVERY:
        _since_collect = 0
        gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
        # Textual caches `StylesCache.get_inner_outer` per instance (an lru_cache on a
        # method): it keeps the last 1,024 widgets' render caches alive after their app has
        # ended, some 125,000 objects that every later collection walks, test after test.
        from textual._styles_cache import StylesCache

        StylesCache.get_inner_outer.cache_clear()


#: Pilot's idle test, for the terminal app's tests (see `quick_idle`).
IDLE_WINDOW = 0.005


@pytest.fixture(autouse=True)
def quick_idle(request, monkeypatch):
    """After every key it presses, Textual's Pilot waits until the process is idle: it sleeps
    in windows of 20 ms until one passes with under 5% of a core used, twice a key. The tests
    never rely on that wait to be in step (they wait for what they assert: `wait_until`,
    `settle`, the app's workers), so its 20 ms window is only a floor on every key, half the
    time of the terminal-app tests. A 5 ms window asks the same 5%. The preview's debounce
    (a burst of keys renders once) is cut from 0.3 s to 0.05 s for the same reason: the
    tests wait for the preview it schedules, never for the pause itself."""
    if not request.module.__name__.startswith("test_tui"):
        return
    import textual._wait

    import briefing.tui.app

    monkeypatch.setattr(textual._wait, "SLEEP_GRANULARITY", IDLE_WINDOW)
    monkeypatch.setattr(textual._wait, "SLEEP_IDLE", IDLE_WINDOW / 20)
    monkeypatch.setattr(briefing.tui.app, "PREVIEW_DEBOUNCE_S", 0.05)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Before a worker ends, pytest collects its heap five times over to report exceptions
    raised in finalizers: 3.3 s on a worker's million objects, and past execnet's 5 s for a
    worker to end on a loaded machine (it then sends itself SIGINT). Two collections find
    what is garbage now and what its finalizers leave; the rest is frozen, so pytest's five
    walk only what is left after that."""
    if hasattr(config, "workerinput"):
        gc.collect()
        gc.collect()
        gc.freeze()


@pytest.fixture(scope="session")
def homes(tmp_path_factory) -> Path:
    """One folder for the tests' homes (per xdist worker: each has its own base temp)."""
    return tmp_path_factory.mktemp("homes")


@pytest.fixture(autouse=True)
def isolated_env(homes, monkeypatch):
    # mkdtemp, not tmp_path_factory.mktemp: that lists the whole base temp folder to number
    # the next one, every test, which grew with the square of the suite (seconds of it).
    home = Path(tempfile.mkdtemp(prefix="home-", dir=homes))
    isolate(monkeypatch, home, dropped=("BRIEFING_",))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "xdg-state"))
    # The terminal app's last session and history (a test never reopens another's).
    monkeypatch.setenv("BRIEFING_STATE_DIR", str(home / "state"))
    monkeypatch.setenv("BRIEFING_OUTBOX", str(home / "outbox"))
    # Retries of a failed delivery pause for seconds in real use; tests need not wait.
    monkeypatch.setenv("BRIEFING_SMTP_RETRY_DELAYS", "0.01,0.01")
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory) -> Path:
    """The bundled corpus indexed once per worker: a store file that `corpus` copies beside
    each test's copy of the seeds. Indexing them is the same work in every test that uses
    them (a second of a TUI test's five); a store is in step with a copy whose files keep
    their sizes, hashes and mtimes, wherever it lies, and `briefing index` then finds them
    unchanged, as it would on the second command a user runs."""
    from briefing.store import Store

    base = tmp_path_factory.mktemp("seeds-store")
    with isolated(base / "home"):
        shutil.copytree(SEEDS, base / "corpus")
        with Store(base / "seeds.sqlite3", base / "corpus") as store:
            store.sync()
    assert not (base / "seeds.sqlite3-wal").exists()  # the copy is the whole store
    return base / "seeds.sqlite3"


@pytest.fixture
def cold_corpus(tmp_path, isolated_env) -> Path:
    """A writable copy of the bundled seed corpus, never indexed: for the tests of indexing
    itself (what a first sync reports, the app's first paint while it indexes)."""
    dest = tmp_path / "corpus"
    shutil.copytree(SEEDS, dest)
    return dest


@pytest.fixture
def corpus(cold_corpus, seeds_store) -> Path:
    """A writable copy of the bundled seed corpus, its store already indexed (see
    `seeds_store`): what the CLI and the app find after a first command."""
    from briefing.store.sqlite import store_path

    target = store_path(cold_corpus)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(seeds_store, target)
    return cold_corpus


@pytest.fixture
def cli():
    """The real command-line app, as `briefing` runs it."""
    from briefing.cli.app import app

    return app

