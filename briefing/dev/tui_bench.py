"""Speed of the terminal app: first paint, a filter keystroke, a change of selection.

Called by `python -m briefing.dev.bench` (after it has built and indexed the synthetic corpora)
as `main(root, size)`; runs on its own too:
`python -m briefing.dev.tui_bench [ROOT] [SIZE]`.
Targets: first paint <= 1 s on the bundled corpus; keystroke and selection <= 100 ms each on
the indexed synthetic corpus; the chart view's first draw <= 100 ms.

Latencies run from the key press to the first frame the app hands to the terminal after the
widget took the change (the filtered list; the first rows of the new facts table), so the
time Pilot spends waiting for the app to go idle is not counted.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from briefing.dev.bench import FIVE_SEEDS
from briefing.tui.session import PAGE

AS_OF = date(2026, 11, 22)
FILTER_TEXT = "sout kor"
#: How long a person rests on a row before pressing space (about a reaction time).
THINK_S = 0.3


def main(root: Path, size: int, *, paint: bool = True) -> None:
    """The figures on a corpus of `size` articles, after the first paint's (unless not
    `paint`: it is measured on the bundled corpus, the same whatever the size)."""
    root.mkdir(parents=True, exist_ok=True)
    if paint:
        seconds = statistics.median(first_paint(root / "cache-seeds") for _ in range(3))
        print(f"TUI first paint (bundled corpus, new process, median of 3): {seconds:.2f} s "
              "(target <= 1 s)")
        draws = asyncio.run(_chart_draws(root / "cache-seeds", root / "tui-out-charts"))
        print(f"TUI chart view (bundled corpus, -c {' -c '.join(FIVE_SEEDS)}, {draws['charts']} "
              f"charts; target <= 100 ms): first draw {_ms(draws['first'])}, again after the "
              f"brief changed median {_ms(draws['again'])}, max {_ms([max(draws['again'])])}")
    corpus = _indexed_corpus(root, size)
    t = asyncio.run(_interactive(corpus, root / f"tui-out-{size}"))
    print(f"TUI on {size} articles (targets <= 100 ms): filter keystroke median "
          f"{_ms(t['keys'])}, max {_ms([max(t['keys'])])} | pick a country: at once "
          f"median {_ms(t['cold'])}, max {_ms([max(t['cold'])])}; after resting "
          f"{THINK_S * 1000:.0f} ms on the row median {_ms(t['rested'])}, max "
          f"{_ms([max(t['rested'])])} | store query (uncached) median "
          f"{_ms([q for q in t['queries'] if q > 0.001] or [0.0])} | "
          f"{min(t['rows']):.0f}-{max(t['rows']):.0f} facts per country (the table loads "
          f"{PAGE} at a time) | pick a theme at once: median {_ms(t['themes'])}, max "
          f"{_ms([max(t['themes'])])} ({len(t['themes'])} themes, up to "
          f"{max(t['theme rows']):.0f} facts)")


async def _chart_draws(cache: Path, out: Path) -> dict:
    """From `c` to the first frame showing the charts of a five-country brief (its data
    already built with the preview): the first time in a new app, then again each time the
    brief has changed (the view draws what it shows anew)."""
    from briefing.resources import seeds_dir
    from briefing.tui.app import make_app

    os.environ["BRIEFING_CACHE_DIR"] = str(cache)
    app = make_app(seeds_dir(), as_of=AS_OF, out_dir=out, formats=("md",))
    frames = _record_frames(app)
    times: dict = {"first": [], "again": []}
    async with app.run_test(size=(120, 40)) as pilot:
        drawn = _stamped(app.chart_view.query_one("#charts-body"), "update")
        while not app.country_choices:
            await pilot.pause(0.05)
        app.session.countries = FIVE_SEEDS
        app.refresh_selection()
        while app.preview_pending or not app.chart_view.charts:
            await pilot.pause(0.02)
        charts = app.chart_view.charts
        times["charts"] = len(charts)
        # The brief changes between two openings (here: its charts' titles), so each opening
        # draws anew, as it does after the user picked another country.
        changed = tuple(replace(c, title=f"{c.title} (again)") for c in charts)
        for n in range(6):
            await pilot.press("f")
            await app.workers.wait_for_complete()
            app.chart_view.show(changed if n % 2 else charts, True)
            t0 = time.perf_counter()
            await pilot.press("c")
            while not (drawn and drawn[-1] > t0 and any(f > drawn[-1] for f in frames)):
                await pilot.pause(0.001)
            times["first" if n == 0 else "again"].append(
                min(f for f in frames if f > drawn[-1]) - t0)
    return times


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms"


def first_paint(cache: Path) -> float:
    """Seconds from starting a new Python process to the app's first frame (headless)."""
    env = dict(os.environ, BRIEFING_CACHE_DIR=str(cache))
    started = time.time()
    result = subprocess.run([sys.executable, "-m", "briefing.dev.tui_bench", "--paint"],
                            env=env, capture_output=True, text=True, check=True)
    return float(result.stdout.strip()) - started


def _paint_once() -> None:
    """In the child: run the app until its first frame, print the wall time of that frame."""
    from briefing.resources import seeds_dir
    from briefing.tui.app import make_app

    app = make_app(seeds_dir(), as_of=AS_OF)
    frames = _record_frames(app)
    # perf_counter and time.time tick together; the parent only knows wall-clock time.
    offset = time.time() - time.perf_counter()

    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            while not frames:
                await pilot.pause(0.005)

    asyncio.run(run())
    print(frames[0] + offset)


def _indexed_corpus(root: Path, size: int) -> Path:
    from briefing.dev.bench import synthesize
    from briefing.store import Store

    corpus = root / f"corpus-{size}"
    os.environ["BRIEFING_CACHE_DIR"] = str(root / f"cache-{size}")
    if not corpus.is_dir() or len(list(corpus.glob("*.txt"))) != size:
        synthesize(corpus, size)
    with Store.for_corpus(corpus) as store:
        store.sync()
    return corpus


async def _interactive(corpus: Path, out: Path) -> dict[str, list[float]]:
    """Keystrokes in the country filter, then countries picked one at a time: straight
    after moving to them (the store is asked when space is pressed), and after resting on
    the row for THINK_S (time for the app to fetch ahead)."""
    from briefing.tui.app import make_app

    app = make_app(corpus, as_of=AS_OF, out_dir=out, formats=("md",))
    frames = _record_frames(app)
    times: dict[str, list[float]] = {"keys": [], "cold": [], "rested": [], "rows": [],
                                     "themes": [], "theme rows": []}

    async def timed(key: str, changed: list[float]) -> float:
        t0 = time.perf_counter()
        await pilot.press(key)
        while not (changed and changed[-1] > t0 and any(f > changed[-1] for f in frames)):
            await pilot.pause(0.001)
        return min(f for f in frames if f > changed[-1]) - t0

    async with app.run_test(size=(120, 40)) as pilot:
        while not app.country_choices:
            await pilot.pause(0.05)
        listed = _stamped(app.countries, "show")
        tabled = _stamped(app.table, "show")
        times["queries"] = _durations(app.session, "facts")
        await pilot.press("slash")
        for char in FILTER_TEXT:
            times["keys"].append(await timed("space" if char == " " else char, listed))
        await pilot.press(*["backspace"] * len(FILTER_TEXT), "escape")
        for n in range(min(12, len(app.country_choices) - 1)):
            await pilot.press("down")
            kind = "rested" if n % 2 else "cold"
            if kind == "rested":
                await pilot.pause(THINK_S)
            times[kind].append(await timed("space", tabled))
            times["rows"].append(app.table.total)
            await timed("space", tabled)  # unpick: one country at a time
        app.set_focus(app.themes)
        for _ in range(app.themes.option_count):  # each theme alone, as big as they come
            await pilot.press("down")
            times["themes"].append(await timed("space", tabled))
            times["theme rows"].append(app.table.total)
            await timed("space", tabled)
        await app.workers.wait_for_complete()
    return times


def _stamped(widget, method: str) -> list[float]:
    """Times at which `widget.method` returned (the widget then holds the new content)."""
    stamps: list[float] = []
    original = getattr(widget, method)

    def wrapper(*args, **kwargs):
        result = original(*args, **kwargs)
        stamps.append(time.perf_counter())
        return result

    setattr(widget, method, wrapper)
    return stamps


def _durations(obj, method: str) -> list[float]:
    """How long each call of `obj.method` took (called from worker threads too)."""
    durations: list[float] = []
    original = getattr(obj, method)

    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        result = original(*args, **kwargs)
        durations.append(time.perf_counter() - t0)
        return result

    setattr(obj, method, wrapper)
    return durations


def _record_frames(app) -> list[float]:
    """Times at which the app hands a frame to the terminal."""
    frames: list[float] = []
    display = app._display

    def record(screen, renderable) -> None:
        display(screen, renderable)
        if renderable is not None:
            frames.append(time.perf_counter())

    app._display = record  # the one place Textual hands a frame to the terminal
    return frames


if __name__ == "__main__":
    if sys.argv[1:] == ["--paint"]:
        _paint_once()
    else:
        args = [a for a in sys.argv[1:] if a != "--no-paint"]
        main(Path(args[0]) if args else Path("bench-data"),
             int(args[1]) if len(args) > 1 else 2000, paint="--no-paint" not in sys.argv)
