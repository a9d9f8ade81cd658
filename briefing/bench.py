"""`make bench`: speed and memory figures on synthetic corpora made from the seeds.

The corpora are generated at run time under `bench-data/` (never committed): each article
is a seed with its paragraphs shuffled, country names swapped and figures changed, so the
extractor sees realistic text that is not 20,000 copies of five files.

Run: python -m briefing.bench [--sizes 2000 20000] [--keep]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from briefing.corpus import is_tail_marker
from briefing.resources import seeds_dir

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


def peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def bench_corpus(size: int, root: Path) -> dict[str, float]:
    from briefing.brief import Options, brief_from_store
    from briefing.model import Selection
    from briefing.render.markdown import render_markdown
    from briefing.store import Store

    corpus = root / f"corpus-{size}"
    if not corpus.is_dir() or len(list(corpus.glob("*.txt"))) != size:
        shutil.rmtree(corpus, ignore_errors=True)
        synthesize(corpus, size)
    nbytes = sum(p.stat().st_size for p in corpus.glob("*.txt"))
    os.environ["BRIEFING_CACHE_DIR"] = str(root / f"cache-{size}")
    shutil.rmtree(root / f"cache-{size}", ignore_errors=True)
    store = Store.for_corpus(corpus)
    cold, _ = timed(store.sync)
    warm, _ = timed(store.sync)
    victim = corpus / "00001.txt"
    victim.write_text(victim.read_text(encoding="utf-8") + "\nJapan announced $2 billion for "
                      "AI chips in a new plan.\n", encoding="utf-8")
    one, _ = timed(store.sync)
    store.close()

    def make_kr():
        # What `briefing make --country KR --format md` does on a warm store.
        s = Store.for_corpus(corpus)
        s.sync()
        b = brief_from_store(s, Selection(countries=("KR",)), Options(date(2026, 11, 22)))
        text = render_markdown(b)
        s.close()
        return text

    brief_time = min(timed(make_kr)[0] for _ in range(3))
    return {"articles": size, "MB": nbytes / 1e6, "cold_s": cold, "MB_per_s": nbytes / 1e6 / cold,
            "warm_s": warm, "one_changed_s": one, "brief_kr_s": brief_time}


def bench_pdf(root: Path) -> dict[str, float]:
    """The KR brief from the bundled seeds as PDF: warm-process render and CLI end to end."""
    from briefing.brief import Options, brief_from_store
    from briefing.export import brief_facts_json
    from briefing.model import Selection
    from briefing.render.markdown import render_markdown
    from briefing.render.pdf import render_pdf
    from briefing.store import Store

    os.environ["BRIEFING_CACHE_DIR"] = str(root / "cache-seeds")
    store = Store.for_corpus(seeds_dir())
    store.sync()
    brief = brief_from_store(store, Selection(countries=("KR",)), Options(date(2026, 11, 22)))
    md = render_markdown(brief)
    render_pdf(brief, markdown=md, facts_json=brief_facts_json(brief))  # warm up: imports, fonts
    render_s, pdf = min((timed(lambda: render_pdf(brief, markdown=md,
                                                   facts_json=brief_facts_json(brief)))
                         for _ in range(3)), key=lambda r: r[0])
    out = root / "pdf-out"
    cmd = [sys.executable, "-m", "briefing", "make", "--country", "KR", "--format", "pdf",
           "--date", "2026-11-22", "--out", str(out)]
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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--root", type=Path, default=Path("bench-data"))
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora")
    args = parser.parse_args(argv)
    args.root.mkdir(parents=True, exist_ok=True)
    print("targets (20,000 articles): cold <= 30 s, no-change <= 1 s, KR brief <= 0.3 s, "
          "peak <= 500 MB; PDF render <= 1 s, PDF end to end <= 2.5 s")
    for size in args.sizes:
        r = bench_corpus(size, args.root)
        print(f"{r['articles']:>6} articles {r['MB']:6.1f} MB | cold index {r['cold_s']:6.2f} s "
              f"({r['MB_per_s']:.2f} MB/s) | no-change {r['warm_s']:.3f} s | "
              f"one changed {r['one_changed_s']:.3f} s | KR brief {r['brief_kr_s']:.3f} s")
    own, kids = peak_mb()
    print(f"peak memory: {own:.0f} MB (main process), {kids:.0f} MB (largest indexing worker)")
    for name, f in bench_formats(args.root).items():
        print(f"{name:>4} input: {f['files']} files, {f['pages']} pages, {f['MB']:.1f} MB | cold "
              f"index {f['s']:.2f} s | {f['MB_per_s']:.2f} MB/s | {f['pages_per_s']:.1f} pages/s"
              + (f" | {f['skipped']} skipped" if f["skipped"] else ""))
    p = bench_pdf(args.root)
    print(f"PDF (KR, seeds): render {p['pdf_render_s']:.3f} s warm | `briefing make --format pdf`"
          f" {p['pdf_cli_s']:.2f} s end to end | {p['pdf_pages']} pages | {p['pdf_kB']:.0f} kB")
    try:
        from briefing.tui.bench import main as tui_bench
    except ImportError:
        tui_bench = None
    if tui_bench is not None:
        tui_bench(args.root, max(args.sizes))
    if not args.keep:
        shutil.rmtree(args.root, ignore_errors=True)


if __name__ == "__main__":
    main()
