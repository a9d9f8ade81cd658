"""`make bench` and `make bench-scale`: speed, memory and store size on synthetic corpora.

The corpora are generated under `bench-data/` (never committed): each article is a seed with
its paragraphs shuffled, country names swapped and figures changed, so the extractor sees
realistic text that is not 20,000 copies of five files.

Every phase runs as its own process, as a user runs it; its peak memory is the resident
memory of that process and of every process it starts (the indexing workers), summed and
sampled every 20 ms (proportional set size: pages a worker shares with its parent count
once). Beside our cold index runs a rule-based spaCy peer on the same corpus
(`spacy_peer`) when spaCy is installed: `make bench` installs it into the venv; it is not a
dependency of briefing.

Run: python -m briefing.dev.bench [--sizes 2000 20000] [--root DIR] [--keep] [--charts-only]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from briefing.ingest.furniture import is_tail_marker
from briefing.resources import seeds_dir

AS_OF = "2026-11-22"
TARGETS = ("targets: peak <= 500 MB for index, sync, brief and TUI, flat from 20,000 to "
           "100,000 articles; store <= 1.5x the corpus; cold index >= 2.5x as fast as the "
           "spaCy peer; facts --json <= 300 MB; KR brief (new process) <= 0.8 s; no-change "
           "sync <= 1 s; TUI pick <= 100 ms; PDF render <= 1 s, PDF end to end <= 2.5 s; "
           "five-country PDF with charts end to end <= 1.5 s (seeds), <= 3 s (20,000)")
#: Five countries whose brief has charts: on the bundled seeds (where only these have dated
#: facts in two periods), and on the synthetic corpora (whose country names are swapped).
FIVE_SEEDS = ("KR", "US", "DE", "GB", "IN")
FIVE_SYNTHETIC = ("KR", "JP", "DE", "FR", "IN")


COUNTRIES = [
    "South Korea", "Japan", "Germany", "France", "India", "Brazil", "Canada", "Italy", "Spain",
    "Mexico", "Indonesia", "Vietnam", "Poland", "Sweden", "Norway", "Kenya", "Nigeria", "Egypt",
    "Turkey", "Australia", "Singapore", "Thailand", "Chile", "Argentina", "Israel", "Taiwan",
]
_NAMES = re.compile(r"\b(South Korea|China|United States|United Kingdom|Japan|Germany|France|"
                    r"India|Canada|Israel|Saudi Arabia)\b")
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+\.\d+|\d{2,3})(?![\w.])")


def synthesize(dest: Path, count: int, seed: int = 7) -> int:
    """Write `count` synthetic articles into `dest`; returns the bytes written."""
    rng = random.Random(seed)
    bodies = []
    for path in sorted(seeds_dir().glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            continue  # front-matter-only file: almost no body to shuffle
        paras = [p for p in re.split(r"\n\s*\n|\n(?=- )", text) if p.strip()]
        # Keep the footer ("Related", "Leave a Reply" ...) at the end, where real pages have it.
        tail = next((i for i, p in enumerate(paras) if is_tail_marker(p.splitlines()[0])),
                    len(paras))
        bodies.append((paras[:tail], paras[tail:]))
    dest.mkdir(parents=True, exist_ok=True)
    total = 0
    for n in range(count):
        paras, footer = rng.choice(bodies)
        head, rest = paras[:1], list(paras[1:])
        rng.shuffle(rest)
        rest += footer
        swap = dict(zip(["South Korea", "China", "United States", "Japan"],
                        rng.sample(COUNTRIES, 4), strict=False))
        body = "\n\n".join(head + rest)
        body = _NAMES.sub(lambda m, swap=swap: swap.get(m.group(1), m.group(1)), body)
        body = _NUMBER.sub(lambda m: _jitter(m.group(1), rng), body)
        day = date(2019 + rng.randrange(7), 1 + rng.randrange(12), 1 + rng.randrange(28))
        text = f"{day:%b %d, %Y}\n\n{body}\n"
        (dest / f"{n:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode())
    return total


def _jitter(number: str, rng: random.Random) -> str:
    value = float(number.replace(",", ""))
    new = value * rng.uniform(0.5, 1.5)
    if "." in number:
        return f"{new:.1f}"
    return f"{round(new):,}" if "," in number else str(round(new))


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


# --------------------------------------------------------------------------- measuring


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    peak_mb: float
    """Resident memory (PSS) of the process and of every process it started, summed, at
    its peak."""
    cpu_s: float
    """User and system time of the process and every process it waited for."""


def measured(cmd: list[str], env: dict[str, str] | None = None,
             stdout: Path | None = None) -> Run:
    """Run a command to its end, measuring it. Raises RuntimeError with its error output
    when it fails."""
    with tempfile.TemporaryFile() as err, open(stdout or os.devnull, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=err)
        peak = 0
        while True:
            # wait4, not poll: its usage counts the workers the process waited for too.
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.02)
        elapsed = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            err.seek(0)
            raise RuntimeError(f"{' '.join(cmd[:4])} failed: {err.read().decode()[-500:]}")
    return Run(elapsed, peak / 1024, usage.ru_utime + usage.ru_stime)


def _tree_rss_kb(pid: int) -> int:
    """Proportional resident memory (PSS) of a process and its descendants, in kB: forked
    workers share pages with their parent, which plain RSS would count once per process."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/smaps_rollup").read_text()
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue  # it has just ended
        match = re.search(r"^Pss:\s+(\d+)", status, re.M)
        total += int(match.group(1)) if match else 0
        todo.extend(int(c) for c in children)
    return total


def briefing_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "briefing", *args]


# --------------------------------------------------------------------------- the peer

#: Names pycountry lacks or spells otherwise, as news write them.
PEER_ALIASES = {
    "South Korea": "KR", "North Korea": "KP", "Korea": "KR", "United States": "US", "US": "US",
    "U.S.": "US", "America": "US", "UK": "GB", "Britain": "GB", "United Kingdom": "GB",
    "Russia": "RU", "Turkey": "TR", "Taiwan": "TW", "Vietnam": "VN", "Iran": "IR",
    "Ivory Coast": "CI", "Holland": "NL", "Burma": "MM", "Syria": "SY", "Laos": "LA",
}
_PEER_FIGURE = re.compile(r"[$€£¥₹]?\d[\d,.]*\d?\s*(?:%|percent|per cent|billion|million|"
                          r"trillion|crore|lakh)?")


def spacy_peer(corpus: Path, out: Path) -> int:
    """What a rule-based spaCy pipeline does for the same job, as a peer to measure against:
    spaCy's `blank("en")` with the `sentencizer`, a PhraseMatcher (attr LOWER) over pycountry
    names plus PEER_ALIASES, once per document, a figure regex; one process, one JSON line
    per sentence that names a country. Returns the lines written."""
    import pycountry
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    names: dict[str, set[str]] = {}
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None),
                     getattr(country, "official_name", None)):
            if name:
                names.setdefault(country.alpha_2, set()).add(name)
    for name, code in PEER_ALIASES.items():
        names.setdefault(code, set()).add(name)
    for code, spelled in names.items():
        matcher.add(code, [nlp.make_doc(n) for n in sorted(spelled)])
    lines = 0
    with out.open("w", encoding="utf-8") as fh:
        for path in sorted(corpus.glob("*.txt")):
            doc = nlp(path.read_text(encoding="utf-8"))
            sentences = list(doc.sents)
            starts = [s.start for s in sentences]
            found: dict[int, set[str]] = {}
            for match_id, start, _ in matcher(doc):
                found.setdefault(bisect_right(starts, start) - 1, set()).add(
                    nlp.vocab.strings[match_id])
            for n in sorted(found):
                sent = sentences[n]
                fh.write(json.dumps({"path": path.name, "span": [sent.start_char, sent.end_char],
                                     "text": sent.text, "countries": sorted(found[n]),
                                     "figures": _PEER_FIGURE.findall(sent.text)},
                                    ensure_ascii=False) + "\n")
                lines += 1
    return lines


def _has_spacy() -> bool:
    try:
        import spacy  # noqa: F401
    except ImportError:
        return False
    return True


# --------------------------------------------------------------------------- one corpus


def bench_corpus(size: int, root: Path) -> dict[str, float]:
    """Every phase on a corpus of `size` articles, each in a new process."""
    from briefing.store import Store

    corpus = root / f"corpus-{size}"
    if not corpus.is_dir() or len(list(corpus.glob("*.txt"))) != size:
        shutil.rmtree(corpus, ignore_errors=True)
        synthesize(corpus, size)
    nbytes = sum(p.stat().st_size for p in corpus.glob("*.txt"))
    cache = root / f"cache-{size}"
    shutil.rmtree(cache, ignore_errors=True)
    env = dict(os.environ, BRIEFING_CACHE_DIR=str(cache))
    os.environ["BRIEFING_CACHE_DIR"] = str(cache)
    r: dict[str, float] = {"articles": size, "MB": nbytes / 1e6}
    cold = measured(briefing_cmd("index", "--corpus", str(corpus)), env)
    r["cold_s"], r["cold_mb"], r["cold_cpu_s"] = cold.seconds, cold.peak_mb, cold.cpu_s
    (store_file,) = cache.glob("*.sqlite3")
    r["store_mb"] = store_file.stat().st_size / 1e6
    with Store.for_corpus(corpus) as store:
        r["warm_s"] = min(timed(store.sync)[0] for _ in range(3))
    r["warm_mb"] = measured(briefing_cmd("index", "--corpus", str(corpus)), env).peak_mb
    victim = corpus / "00001.txt"
    original = victim.read_bytes()
    try:
        victim.write_bytes(original + b"\nJapan announced $2 billion for AI chips in a plan.\n")
        with Store.for_corpus(corpus) as store:
            r["one_changed_s"] = timed(store.sync)[0]
        victim.write_bytes(original + b"\nJapan announced $3 billion for AI chips in a plan.\n")
        r["one_changed_mb"] = measured(briefing_cmd("index", "--corpus", str(corpus)),
                                       env).peak_mb
    finally:
        victim.write_bytes(original)
    make = briefing_cmd("make", "--corpus", str(corpus), "-c", "KR", "--format", "md",
                        "--date", AS_OF, "--out", str(root / "out"))
    runs = [measured(make, env) for _ in range(3)]  # the first also syncs the restored file
    # That sync is "one changed" again (measured above): the brief is the other two runs.
    r["brief_s"] = min(run.seconds for run in runs[1:])
    r["brief_mb"] = max(run.peak_mb for run in runs[1:])
    out = root / "facts.json"
    facts = measured(briefing_cmd("facts", "--corpus", str(corpus), "-c", "DE", "--json"),
                     env, out)
    r["facts_s"], r["facts_mb"] = facts.seconds, facts.peak_mb
    r["facts_out_mb"] = out.stat().st_size / 1e6
    out.unlink()
    r.update(bench_five(corpus, FIVE_SYNTHETIC, env, root / "five"))
    if _has_spacy():
        peer_out = root / "peer.jsonl"
        peer = measured([sys.executable, "-m", "briefing.dev.bench", "--peer", str(corpus),
                         str(peer_out)])
        r["peer_s"], r["peer_mb"], r["peer_cpu_s"] = peer.seconds, peer.peak_mb, peer.cpu_s
        peer_out.unlink(missing_ok=True)
    return r


def report_corpus(r: dict[str, float]) -> None:
    print(f"{r['articles']:>7,.0f} articles, {r['MB']:.1f} MB of text")
    print(f"  cold index    {r['cold_s']:7.2f} s ({r['MB'] / r['cold_s']:.2f} MB/s; CPU "
          f"{r['cold_cpu_s'] / r['articles'] * 1000:.2f} ms an article) | peak "
          f"{r['cold_mb']:.0f} MB")
    if "peer_s" in r:
        print(f"  spaCy peer    {r['peer_s']:7.2f} s, one process (CPU "
              f"{r['peer_cpu_s'] / r['articles'] * 1000:.2f} ms an article) | peak "
              f"{r['peer_mb']:.0f} MB | our cold index is {r['peer_s'] / r['cold_s']:.2f}x as "
              "fast")
    else:
        print("  spaCy peer    skipped: spaCy is not installed (pip install 'spacy>=3.8,<3.9')")
    print(f"  store         {r['store_mb']:7.1f} MB = {r['store_mb'] / r['MB']:.2f}x the corpus"
          f" ({r['store_mb'] * 1e6 / r['articles']:,.0f} bytes an article)")
    print(f"  no change     {r['warm_s']:7.3f} s in process | peak {r['warm_mb']:.0f} MB as "
          "`briefing index`")
    print(f"  one changed   {r['one_changed_s']:7.3f} s in process | peak "
          f"{r['one_changed_mb']:.0f} MB as `briefing index`")
    print(f"  KR brief      {r['brief_s']:7.3f} s as a new process (`briefing make -c KR "
          f"--format md`) | peak {r['brief_mb']:.0f} MB")
    print(f"  facts --json  {r['facts_s']:7.2f} s for DE, {r['facts_out_mb']:.0f} MB of JSON |"
          f" peak {r['facts_mb']:.0f} MB")
    print(f"  five, charts  {r['five_s']:7.3f} s as a new process (`briefing make -c "
          f"{' -c '.join(FIVE_SYNTHETIC)} --format pdf`) | {_charts(r['five_charts'])} | peak "
          f"{r['five_mb']:.0f} MB")


# --------------------------------------------------------------------------- charts


def bench_five(corpus: Path, countries: tuple[str, ...], env: dict[str, str], out: Path
               ) -> dict[str, float]:
    """A five-country PDF brief (with its charts) as a new process, end to end: the best of
    the second and third runs (the first may sync). How many charts it drew, from the PDF."""
    args = [a for c in countries for a in ("-c", c)]
    make = briefing_cmd("make", "--corpus", str(corpus), *args, "--format", "pdf", "--date",
                        AS_OF, "--out", str(out))
    runs = [measured(make, env) for _ in range(3)]
    (pdf,) = out.glob("*.pdf")
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                          text=True).stdout
    charts = len(re.findall(r"^Chart \d+, in ", text, re.M))
    return {"five_s": min(r.seconds for r in runs[1:]), "five_mb": max(r.peak_mb for r in runs),
            "five_charts": charts}


_IMPORT_MATPLOTLIB = """
import time
t = time.perf_counter()
import matplotlib
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
print(time.perf_counter() - t)
"""


def bench_charts(root: Path) -> dict[str, float]:
    """What charts cost on the bundled seeds: matplotlib's import in a fresh process (what it
    adds to a command that draws), drawing the five-country brief's charts (the first chart
    in a process, and again warm), their SVG sizes, and that brief as PDF end to end."""
    from dataclasses import replace

    from briefing.brief.build import Options, brief_from_store
    from briefing.brief.charts import chart_svgs
    from briefing.brief.render.markdown import render_markdown
    from briefing.brief.render.pdf import render_pdf
    from briefing.model import Brief, Selection
    from briefing.store import Store

    cache = root / "cache-seeds"
    env = dict(os.environ, BRIEFING_CACHE_DIR=str(cache))
    os.environ["BRIEFING_CACHE_DIR"] = str(cache)
    imports = []
    for _ in range(4):  # the first builds matplotlib's font list when it has none: not counted
        done = subprocess.run([sys.executable, "-c", _IMPORT_MATPLOTLIB], capture_output=True,
                              text=True, check=True, env=env)
        imports.append(float(done.stdout))
    store = Store.for_corpus(seeds_dir())
    store.sync()
    brief = brief_from_store(store, Selection(countries=FIVE_SEEDS),
                             Options(date.fromisoformat(AS_OF)))
    first_s, svgs = timed(lambda: chart_svgs(brief.charts))
    warm_s = min(timed(lambda: chart_svgs(brief.charts))[0] for _ in range(3))
    # What the charts add to laying out the PDF: the same brief with and without them.
    bare = replace(brief, charts=())
    md = render_markdown(brief)
    render_pdf(bare, markdown=md, facts_json="{}")  # warm up: imports, fonts

    def pdf_s(b: Brief, charts: tuple[str, ...]) -> float:
        return min(timed(lambda: render_pdf(b, markdown=md, facts_json="{}", charts=charts))[0]
                   for _ in range(3))

    r = {"import_s": sorted(imports[1:])[1], "charts": len(svgs), "draw_first_s": first_s,
         "draw_warm_s": warm_s, "svg_kB": sum(len(s.encode()) for s in svgs) / 1024,
         "pdf_bare_s": pdf_s(bare, ()), "pdf_charts_s": pdf_s(brief, svgs)}
    r.update(bench_five(seeds_dir(), FIVE_SEEDS, env, root / "five-seeds"))
    return r


def _charts(n: float) -> str:
    return f"{n:.0f} chart{'s' if n != 1 else ''}"


def report_charts(c: dict[str, float]) -> None:
    print(f"charts: matplotlib import {c['import_s']:.3f} s in a fresh process (median of 3; "
          "only commands that draw a chart import it: `facts`, `sources`, `verify` and a "
          "one-country brief do not, tests/test_charts.py)")
    print(f"  five-country brief on the seeds ({', '.join(FIVE_SEEDS)}): "
          f"{_charts(c['charts'])}, drawn in {c['draw_first_s']:.3f} s first (import included), "
          f"{c['draw_warm_s']:.3f} s warm | SVG {c['svg_kB']:.1f} kB | its PDF laid out in "
          f"{c['pdf_charts_s']:.3f} s warm, {c['pdf_bare_s']:.3f} s without the charts")
    print(f"  five, charts  {c['five_s']:7.3f} s as a new process (`briefing make -c "
          f"{' -c '.join(FIVE_SEEDS)} --format pdf`, seeds) | {_charts(c['five_charts'])} | "
          f"peak {c['five_mb']:.0f} MB")


def bench_pdf(root: Path) -> dict[str, float]:
    """The KR brief from the bundled seeds as PDF: warm-process render and CLI end to end."""
    from briefing.brief.build import Options, brief_from_store
    from briefing.brief.export import brief_facts_json
    from briefing.brief.render.markdown import render_markdown
    from briefing.brief.render.pdf import render_pdf
    from briefing.model import Selection
    from briefing.store import Store

    os.environ["BRIEFING_CACHE_DIR"] = str(root / "cache-seeds")
    store = Store.for_corpus(seeds_dir())
    store.sync()
    brief = brief_from_store(store, Selection(countries=("KR",)),
                             Options(date.fromisoformat(AS_OF)))
    md = render_markdown(brief)
    render_pdf(brief, markdown=md, facts_json=brief_facts_json(brief))  # warm up: imports, fonts
    render_s, pdf = min((timed(lambda: render_pdf(brief, markdown=md,
                                                   facts_json=brief_facts_json(brief)))
                         for _ in range(3)), key=lambda r: r[0])
    out = root / "pdf-out"
    cmd = briefing_cmd("make", "--country", "KR", "--format", "pdf", "--date", AS_OF,
                       "--out", str(out))
    end_to_end = min(timed(lambda: subprocess.run(cmd, check=True, capture_output=True))[0]
                     for _ in range(3))
    pages = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True).stdout.decode()
    count = re.search(r"Pages:\s+(\d+)", pages)
    return {"pdf_render_s": render_s, "pdf_cli_s": end_to_end,
            "pdf_pages": int(count.group(1)) if count else -1, "pdf_kB": len(pdf) / 1024}


def _as_page(text: str, n: int) -> str:
    """A synthetic article as a saved web page, with the furniture real pages carry."""
    from html import escape

    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    body = "".join(f"<p>{escape(p)}</p>" for p in paras[1:])
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Article {n}</title>"
            "<script>var tracking = true;</script></head><body><nav><a href='/'>Home</a>"
            "<a href='/world'>World</a></nav><div class='cookie'>We use cookies.</div>"
            f"<article><h1>{escape(paras[0])}</h1>{body}</article><aside><h3>Related</h3>"
            "<ul><li><a href='/x'>Another story</a></li></ul></aside>"
            "<footer>Copyright Example</footer></body></html>")


def _as_report(texts: list[str], title: str) -> bytes:
    """Synthetic articles as one two-column report with running headers (WeasyPrint)."""
    from html import escape

    import weasyprint

    paras = "".join(f"<p>{escape(p.strip())}</p>" for t in texts
                    for p in re.split(r"\n\s*\n", t)[1:] if p.strip())
    html = (f"<html lang='en'><head><title>{title}</title><style>@page {{ size: A4; margin: 2cm;"
            f" @top-center {{ content: '{title}' }} @bottom-center {{ content: counter(page) }} }}"
            " body { font-family: DejaVu Serif; font-size: 10pt; hyphens: auto }"
            f" .c {{ column-count: 2 }}</style></head><body><h1>{title}</h1>"
            f"<div class='c'>{paras}</div></body></html>")
    return weasyprint.HTML(string=html).write_pdf()


def bench_formats(root: Path, files: int = 300, reports: int = 6) -> dict[str, dict]:
    """Cold indexing of the same synthetic articles as text files, as saved web pages and
    as two-column PDF reports: MB/s of input, files/s and (PDF) pages/s."""
    import pypdf

    from briefing.store import Store

    texts_dir = root / "formats-txt"
    synthesize(texts_dir, files)
    texts = [p.read_text(encoding="utf-8") for p in sorted(texts_dir.glob("*.txt"))]
    pages_dir, pdf_dir = root / "formats-html", root / "formats-pdf"
    pages_dir.mkdir(parents=True, exist_ok=True)
    pdf_dir.mkdir(parents=True, exist_ok=True)
    for n, text in enumerate(texts):
        (pages_dir / f"{n:05d}.html").write_text(_as_page(text, n), encoding="utf-8")
    per = max(len(texts) // reports, 1)
    for k in range(reports):
        pdf = _as_report(texts[k * per:(k + 1) * per], f"Synthetic report {k + 1}")
        (pdf_dir / f"report-{k + 1}.pdf").write_bytes(pdf)
    out = {}
    for name, folder in (("text", texts_dir), ("HTML", pages_dir), ("PDF", pdf_dir)):
        paths = [p for p in folder.iterdir() if p.is_file()]
        nbytes = sum(p.stat().st_size for p in paths)
        pages = sum(len(pypdf.PdfReader(p).pages) for p in paths) if name == "PDF" else len(paths)
        os.environ["BRIEFING_CACHE_DIR"] = str(root / f"cache-{name}")
        shutil.rmtree(root / f"cache-{name}", ignore_errors=True)
        with Store.for_corpus(folder) as store:
            seconds, report = timed(store.sync)
        out[name] = {"files": len(paths), "MB": nbytes / 1e6, "s": seconds,
                     "MB_per_s": nbytes / 1e6 / seconds, "pages_per_s": pages / seconds,
                     "pages": pages, "skipped": len(report.skipped)}
    return out


def bench_tui(root: Path, size: int, *, paint: bool = True) -> float | None:
    """The terminal app's figures (briefing.dev.tui_bench), in a process of its own, with its
    first paint's when `paint`; returns its peak memory (MB), None when it failed."""
    out = root / "tui.txt"
    flags = [] if paint else ["--no-paint"]
    try:
        peak = measured([sys.executable, "-m", "briefing.dev.tui_bench", str(root), str(size),
                         *flags],
                        dict(os.environ, BRIEFING_CACHE_DIR=str(root / f"cache-{size}")),
                        out).peak_mb
    except RuntimeError as err:
        print(f"TUI bench failed: {err}")
        return None
    print(out.read_text(encoding="utf-8").rstrip())
    print(f"TUI on {size:,} articles: peak {peak:.0f} MB")
    out.unlink()
    return peak


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--root", type=Path, default=Path("bench-data"))
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora")
    parser.add_argument("--peer", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--charts-only", action="store_true",
                        help="only the charts' figures: on the seeds, and the five-country "
                             "brief on corpora of --sizes")
    args = parser.parse_args(argv)
    if args.peer:
        spacy_peer(*args.peer)
        return
    args.root.mkdir(parents=True, exist_ok=True)
    print(TARGETS)
    if args.charts_only:
        report_charts(bench_charts(args.root))
        for size in args.sizes:
            corpus = args.root / f"corpus-{size}"
            if not corpus.is_dir() or len(list(corpus.glob("*.txt"))) != size:
                shutil.rmtree(corpus, ignore_errors=True)
                synthesize(corpus, size)
            env = dict(os.environ, BRIEFING_CACHE_DIR=str(args.root / f"cache-{size}"))
            f = bench_five(corpus, FIVE_SYNTHETIC, env, args.root / "five")
            print(f"{size:>7,} articles: five, charts {f['five_s']:.3f} s as a new process "
                  f"(the first run indexed) | {_charts(f['five_charts'])} | peak "
                  f"{f['five_mb']:.0f} MB")
        if not args.keep:
            shutil.rmtree(args.root, ignore_errors=True)
        return
    results = []
    for size in args.sizes:
        results.append(bench_corpus(size, args.root))
        report_corpus(results[-1])
    for name, f in bench_formats(args.root).items():
        print(f"{name:>4} input: {f['files']} files, {f['pages']} pages, {f['MB']:.1f} MB | cold "
              f"index {f['s']:.2f} s | {f['MB_per_s']:.2f} MB/s | {f['pages_per_s']:.1f} pages/s"
              + (f" | {f['skipped']} skipped" if f["skipped"] else ""))
    p = bench_pdf(args.root)
    print(f"PDF (KR, seeds): render {p['pdf_render_s']:.3f} s warm | `briefing make --format pdf`"
          f" {p['pdf_cli_s']:.2f} s end to end | {p['pdf_pages']} pages | {p['pdf_kB']:.0f} kB")
    report_charts(bench_charts(args.root))
    # The app on the two largest corpora: its memory is one of those that must stay flat.
    for r in results[-2:]:
        r["tui_mb"] = bench_tui(args.root, int(r["articles"]),
                                paint=r is results[-1]) or float("nan")
    if len(results) > 1:
        first, last = results[-2], results[-1]
        print(f"peak memory from {first['articles']:,.0f} to {last['articles']:,.0f} articles: "
              + ", ".join(f"{name} {first[key]:.0f} -> {last[key]:.0f} MB" for name, key in (
                  ("cold index", "cold_mb"), ("one changed", "one_changed_mb"),
                  ("brief", "brief_mb"), ("facts --json", "facts_mb"), ("TUI", "tui_mb"))))
    if not args.keep:
        shutil.rmtree(args.root, ignore_errors=True)


if __name__ == "__main__":
    main()
