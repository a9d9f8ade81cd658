"""Writing briefs to disk: file names, the facts JSON, atomic writes. CLI and TUI share it."""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from briefing.errors import BriefingError
from briefing.model import Brief, Citation, Fact, Selection, Source

FORMATS = ("md", "pdf")


def write_atomic(path: Path, data: bytes | str) -> Path:
    """Write via a temp file in the same folder and rename: readers never see half a file."""
    with atomic_file(path) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A file to write bit by bit that appears at `path` whole, once the block ends, or not
    at all (an error, a kill): a temp file in the same folder, renamed over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())  # on disk before the rename: a crash leaves old or new
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def brief_stem(selection: Selection, as_of: str) -> str:
    """`brief-kr-2026-11-22`, `brief-kr-jp-sovereign-ai-2026-11-22`, `brief-all-…`; a brief
    with a start date or a search says so (`brief-kr-since-2025-10-01-2026-12-07`,
    `brief-kr-search-chips-2026-12-07`), so it never overwrites the brief on the same
    selection without one."""
    import hashlib

    parts = [c.lower() for c in selection.countries] + list(selection.themes)
    name = re.sub(r"[^a-z0-9-]+", "-", "-".join(parts)).strip("-") or "all"
    if len(name) > 60:
        name = name[:50].rstrip("-") + "-" + hashlib.sha1(name.encode()).hexdigest()[:8]
    since = f"-since-{selection.since.isoformat()}" if selection.since else ""
    search = f"-{search_slug(selection.query)}" if selection.query else ""
    return f"brief-{name}{since}{search}-{as_of}"


#: Most characters of a search's words kept in a file name (whole words only).
SEARCH_SLUG_CHARS = 40


def search_slug(query: str) -> str:
    """A search as a file name takes it: `search-chips` for `chips`. Only a search of plain
    lower-case ASCII words is named by its words alone; any other (capitals, which make
    `OR` an operator, punctuation, quotes, other scripts, words cut for length) adds a
    short hash of the text as typed, so two different searches never share a file; a search
    with no ASCII word to keep is `search-<hash>`. Deterministic: same text, same name."""
    import hashlib

    text = " ".join(query.split())
    words = re.findall(r"[a-z0-9]+", text.lower())
    kept: list[str] = []
    for word in words:
        if len("-".join([*kept, word])) > SEARCH_SLUG_CHARS:
            break
        kept.append(word)
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]
    if not kept:
        return f"search-{digest}"
    slug = "-".join(kept)
    if " ".join(kept) == text:  # the words are the whole search, as typed
        return f"search-{slug}"
    return f"search-{slug}-{digest}"


def source_record(s: Source) -> dict:
    record = {"path": s.path, "key": s.key, "title": s.title, "publisher": s.publisher,
              "date": s.date, "url": s.url, "sha256": s.sha256}
    if s.extractor:  # pages and reports: what made the text the spans point into
        record["extractor"] = s.extractor
    return record


def fact_record(fact: Fact) -> dict:
    """One fact in the `briefing facts --json` shape (also embedded in PDFs). `page` is
    the page of a PDF report the fact is on (null for other sources)."""
    return {**_fact_head(fact), "citations": [_citation_record(c) for c in fact.citations]}


def _fact_head(fact: Fact) -> dict:
    """`fact_record` but its citations (the last field)."""
    return {
        "id": fact.id,
        "text": fact.text,
        "countries": list(fact.countries),
        "compared": list(fact.compared),
        "mentions": list(fact.mentions),
        "themes": list(fact.themes),
        "figures": [{"text": f.text, "kind": f.kind, "value": json_value(f.value),
                     "unit": f.unit, "country": f.country} for f in fact.figures],
        "source": source_record(fact.source),
        "span": [fact.span[0], fact.span[1]],
        "page": fact.citations[0].page,
    }


def json_value(value: float) -> float | int:
    """A figure's value as JSON shows it: 12 significant digits (as extraction keeps them,
    so a store made before it did shows no `4070000000.0000005` either), and a whole
    number without `.0` (`4070000000`, not `4070000000.0`)."""
    rounded = float(f"{value:.12g}")
    return int(rounded) if rounded.is_integer() and abs(rounded) < 2 ** 53 else rounded


def _citation_record(c: Citation) -> dict:
    return {"source": source_record(c.source), "span": [c.start, c.end], "page": c.page,
            "text": c.text}


def _fact_json(fact: Fact, *, indent: int | None) -> Iterator[str]:
    """`json.dumps(fact_record(fact))` (indented by `indent`, or compact), in pieces: one
    citation at a time, so a wire story stated by 50,000 files is never one dict or one
    string in memory (it took 150 MB of the 260 MB `facts --json` needed at 100,000). A fact
    has one citation or more, as `fact_record` assumes too."""
    head = _dumps(_fact_head(fact), indent)
    if indent is None:
        yield head[:-1] + ',"citations":['
        for n, c in enumerate(fact.citations):
            yield ("," if n else "") + _dumps(_citation_record(c), None)
        yield "]}"
        return
    pad, item_pad = "\n" + " " * indent, "\n" + " " * (2 * indent)
    yield head[:-2] + f',{pad}"citations": ['  # the head ends "\n}"
    for n, c in enumerate(fact.citations):
        item = _dumps(_citation_record(c), indent).replace("\n", item_pad)
        yield ("," if n else "") + item_pad + item
    yield f"{pad}]\n}}"


def _dumps(record: dict, indent: int | None) -> str:
    if indent is None:
        return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(record, ensure_ascii=False, indent=indent)


def facts_json(facts: Iterable[Fact]) -> str:
    parts: list[str] = []
    write_facts_json(facts, parts.append)
    return "".join(parts)


def write_facts_json(facts: Iterable[Fact], write: Callable[[str], object]) -> None:
    """The facts as one JSON list (the text `json.dumps(records, indent=2)` gives), written
    a citation at a time: a country of a big archive never sits in memory whole."""
    first = True
    for fact in facts:
        write("[\n  " if first else ",\n  ")
        # Newlines inside strings are escaped: every one in a piece is the layout's.
        for piece in _fact_json(fact, indent=2):
            write(piece.replace("\n", "\n  "))
        first = False
    write("[]\n" if first else "\n]\n")


def write_facts_jsonl(facts: Iterable[Fact], write: Callable[[str], object]) -> None:
    """The facts as JSON Lines: one compact record a line, for pipelines."""
    for fact in facts:
        for piece in _fact_json(fact, indent=None):
            write(piece)
        write("\n")


def brief_facts_json(brief: Brief) -> str:
    """The brief's facts with the citation numbers they carry in it: each record lists the
    citations of the sources the brief cites, in the order of its `refs`."""
    keys = {s.number: s.source.key for s in brief.sources}
    records = []
    for item in brief.items:
        record = fact_record(item.fact)
        by_key = {c["source"]["key"]: c for c in reversed(record["citations"])}
        record["citations"] = [by_key[keys[n]] for n in item.refs]
        record["refs"] = list(item.refs)
        record["sources"] = item.fact.sources or len(by_key)
        record["publishers"] = item.publishers
        records.append(record)
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True, slots=True)
class RenderOptions:
    formats: Sequence[str] = FORMATS
    template: Path | None = None
    """A user Markdown template file."""
    html_template_dir: Path | None = None
    """A user folder overriding brief.html.j2 / brief.css."""
    paper: str = "a4"
    pdf_variant: str | None = None
    stem: str | None = None
    """The files' name without extension (a saved brief's `kr-weekly-2026-11-22`);
    default `brief_stem`."""


def export_brief(brief: Brief, out_dir: Path, options: RenderOptions = RenderOptions()
                 ) -> list[Path]:
    """Render the brief in the asked formats into `out_dir`; returns the written paths (the
    Markdown and the PDF; a Markdown brief's chart files are written beside it, see
    `chart_file_names`). Everything is rendered before anything is written, so a failure
    leaves no half set, and the charts are written before the Markdown that links them."""
    from briefing.brief.render.markdown import render_markdown

    stem = options.stem or brief_stem(brief.selection, brief.as_of.isoformat())
    svgs: tuple[str, ...] = ()
    if brief.charts:  # drawn once, for the Markdown's files and the PDF alike
        from briefing.brief.charts import chart_svgs

        svgs = chart_svgs(brief.charts)
    files = chart_file_names(stem, len(svgs)) if "md" in options.formats else ()
    # The copy attached to a PDF alone links no file: none is written beside it.
    markdown = render_markdown(brief, template=options.template, chart_files=files)
    charts = [(out_dir / name, svg) for name, svg in zip(files, svgs, strict=True)
              ] if files else []
    outputs: list[tuple[Path, bytes | str]] = []
    if "md" in options.formats:
        outputs.append((out_dir / f"{stem}.md", markdown))
    if "pdf" in options.formats:
        from briefing.brief.render.pdf import render_pdf

        pdf = render_pdf(brief, markdown=markdown, facts_json=brief_facts_json(brief),
                         paper=options.paper, variant=options.pdf_variant,
                         template_dir=options.html_template_dir, charts=svgs)
        outputs.append((out_dir / f"{stem}.pdf", pdf))
    try:
        for path, svg in charts:
            write_atomic(path, svg)
        written = [write_atomic(path, data) for path, data in outputs]
        if "md" in options.formats:
            _drop_stale_charts(out_dir, stem, len(files))
        return written
    except OSError as err:
        raise BriefingError(f"cannot write the brief into {out_dir}: {err.strerror or err}"
                            ) from None


def chart_file_names(stem: str, count: int) -> tuple[str, ...]:
    """The SVG files of a Markdown brief's charts, beside it: `<stem>-chart-1.svg`, ...
    (a stem ends with the brief's date, so no other brief's files share the prefix)."""
    return tuple(f"{stem}-chart-{n}.svg" for n in range(1, count + 1))


def _drop_stale_charts(out_dir: Path, stem: str, count: int) -> None:
    """Remove the chart files an earlier run of the same brief wrote beyond `count` (it had
    more charts): the folder then holds this brief's charts and no other."""
    pattern = re.compile(re.escape(stem) + r"-chart-(\d+)\.svg")
    for path in out_dir.glob(f"{stem}-chart-*.svg"):
        m = pattern.fullmatch(path.name)
        if m and int(m.group(1)) > count:
            path.unlink(missing_ok=True)
