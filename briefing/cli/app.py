"""The command line: a thin layer that turns options into a `Selection` and calls the core.

Every error a user can cause ends as one `error: …` line on stderr and an exit code
(1: nothing to do / failed, 2: bad usage), never a traceback.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from typer._click import ClickException  # typer >= 0.29 vendors click
from typer.core import TyperGroup

from briefing import __version__
from briefing.cli.corpus import corpus_path, given_corpus
from briefing.cli.options import parse_day, selection_from
from briefing.cli.printing import console, echo, echo_json, literal, printable
from briefing.errors import BriefingError, NothingSelected, UsageError
from briefing.model import Selection

if TYPE_CHECKING:
    from briefing.brief.saved import Missing
    from briefing.model import Brief, Fact, Skipped, Source
    from briefing.store import Store, SyncReport

T = TypeVar("T")


class _Group(TyperGroup):
    """Turns every error into one line and an exit code, for every command and sub-command."""

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, ClickException):
            raise
        except BriefingError as err:
            echo(f"error: {err}", err=True)
            ctx.exit(err.exit_code)
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # `briefing facts | head`: the reader left; say nothing more, like other tools.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(141)
        except Exception as err:
            if os.environ.get("BRIEFING_DEBUG"):
                raise
            echo(f"error: internal error ({type(err).__name__}: {err}); "
                 "run with BRIEFING_DEBUG=1 for details", err=True)
            ctx.exit(70)


app = typer.Typer(
    name="briefing",
    cls=_Group,
    help="Cited policy briefs from a local corpus of news articles.\n\n"
         "Run without a command to open the terminal app (on --corpus DIR if given).\n\n"
         "Example: briefing --corpus ~/articles",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

CorpusOpt = Annotated[Path | None, typer.Option(
    "--corpus", help="Folder of articles (.txt, .md, .html, .pdf). Default: $BRIEFING_CORPUS or the bundled seeds.",
    show_default=False)]
CountryOpt = Annotated[list[str] | None, typer.Option(
    "--country", "-c", help="Country: code, name or alias (KR, Korea, 'South Korea'). Repeatable.",
    show_default=False)]
ThemeOpt = Annotated[list[str] | None, typer.Option(
    "--theme", "-t", help="Theme slug or name (sovereign-ai, patents, …). Repeatable.",
    show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def warn(message: str) -> None:
    echo(f"warning: {message}", err=True)


@contextmanager
def _progress(label: str = "Indexing articles", minimum: int = 50
              ) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr, only for `minimum` steps or more and when stderr is a
    terminal."""
    state: dict = {}

    def update(done: int, total: int) -> None:
        if "bar" not in state:
            if total < minimum or not sys.stderr.isatty():
                state["bar"] = None
            else:
                bar = _progress_bar()
                bar.start()
                state["bar"], state["task"] = bar, bar.add_task(label, total=total)
        if state["bar"] is not None:
            state["bar"].update(state["task"], completed=done)

    try:
        yield update
    finally:
        if state.get("bar") is not None:
            state["bar"].stop()


def _progress_bar():
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    # Progress's default columns read the description as markup: this one shows it as text.
    return Progress(TextColumn("{task.description}", markup=False), BarColumn(),
                    TaskProgressColumn(), console=console(stderr=True), transient=True)


def open_corpus(corpus: Path | None, *, rebuild: bool = False, quiet: bool = False):
    """The up-to-date store for a corpus; skipped files are reported as warnings (not when
    `quiet`), and so are stale corrections (always: the user's own data)."""
    from briefing.store import open_store

    with _progress() as progress:
        store, report = open_store(corpus_path(corpus), progress=progress, rebuild=rebuild)
    if not quiet:
        _warn_skipped(report)
    _warn_stale(report)
    return store, report


def read_corpus(corpus: Path | None, read: Callable[[Store], T]) -> tuple[Store, T]:
    """`read` on the up-to-date store, overlapping the up-to-date check (`read_fresh`);
    skipped files are reported as warnings."""
    from briefing.store import read_fresh

    with _progress() as progress:
        store, report, result = read_fresh(corpus_path(corpus), read, progress=progress)
    _warn_skipped(report)
    _warn_stale(report)
    return store, result


#: Skipped files (and file warnings) named one a line; more are one summary line each, so
#: a folder of 50,000 empty files does not bury the command's output.
WARNED_ONE_BY_ONE = 10


def _warn_skipped(report: SyncReport) -> None:
    _warn_each_or_sum(report.skipped, "skipped {path}: {reason}",
                      "files skipped ({reasons}); see `briefing sources`")
    _warn_each_or_sum(report.warnings, "{path}: {reason}",
                      "warnings about files ({reasons}); see `briefing sources --json`")


def _warn_stale(report: SyncReport) -> None:
    """A line per correction not applied: the user's own data, never dropped in silence."""
    from briefing.store.corrections import not_applied

    for note in report.stale_corrections:  # stale, or invalid as written (see is_invalid)
        warn(f"correction {note.number} ({note.kind} {note.target}) is {not_applied(note)},"
             f" not applied: {note.stale}; see `briefing correct --list`")


def _warn_each_or_sum(items, each: str, summed: str) -> None:
    """A line per item, or one line counting them by reason when there are many."""
    if len(items) <= WARNED_ONE_BY_ONE:
        for item in items:
            warn(each.format(path=item.path, reason=item.reason))
    else:
        warn(f"{len(items):,} " + summed.format(reasons=_by_reason(items)))


def _by_reason(problems: Sequence[Skipped]) -> str:
    """'empty file: 50,000, too large: 2': how many files each kind of reason has (its
    words before any detail), most first; past four kinds, the rest as one count."""
    counts: dict[str, int] = {}
    for p in problems:
        kind = re.sub(r" at line \d+$", "", re.split(r"[:;(]", p.reason, maxsplit=1)[0].strip())
        counts[kind] = counts.get(kind, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = [f"{kind}: {n:,}" for kind, n in ranked[:4]]
    if len(ranked) > 4:
        shown.append(f"{len(ranked) - 4} other reasons: {sum(n for _, n in ranked[4:]):,}")
    return ", ".join(shown)


#: A fact id as `briefing facts` shows it (`f` and the stored number in hex, 10 digits at
#: least); at most 15 digits, so any id that matches fits SQLite's 64-bit integers.
FACT_ID = re.compile(r"f[0-9a-f]{10,15}")


def check_fact_ids(store: Store, ids: Sequence[str], option: str) -> None:
    """Raise a usage error naming every id in `ids` that is no fact of the corpus: a typo
    in `--exclude` would otherwise leave the fact in the brief without a word."""
    wanted = [i for i in dict.fromkeys(ids) if FACT_ID.fullmatch(i)]
    found = {f.id for f in store.facts(among=wanted)} if wanted else set()
    unknown = [i for i in dict.fromkeys(ids) if i not in found]
    if unknown:
        label = "fact id" if len(unknown) == 1 else "fact ids"
        raise UsageError(f"{option}: unknown {label} {', '.join(map(repr, unknown))} "
                         "(see `briefing facts` for ids)")


# --------------------------------------------------------------------------- commands


@app.callback()
def root(ctx: typer.Context,
         corpus: CorpusOpt = None,
         version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False
         ) -> None:
    if version:
        typer.echo(f"briefing {__version__}")
        raise typer.Exit()
    if ctx.invoked_subcommand is None:
        tui(corpus=corpus)
    elif corpus is not None:
        # `briefing --corpus DIR facts` means the command's own --corpus DIR; given after
        # the command too, that one wins (an explicit option beats a default).
        ctx.default_map = {ctx.invoked_subcommand: {"corpus": str(corpus)}}


@app.command()
def make(
    country: CountryOpt = None,
    theme: ThemeOpt = None,
    format: Annotated[str | None, typer.Option("--format", "-f", help="md, pdf or both (default: both).", show_default=False)] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output folder (default: out).", show_default=False)] = None,
    corpus: CorpusOpt = None,
    as_of: Annotated[str | None, typer.Option("--date", help="As-of date YYYY-MM-DD (default: today): sources dated after it are not cited, and facts only they report are left out (undated sources stay; Method says so).", show_default=False)] = None,
    since: Annotated[str | None, typer.Option("--since", help="Keep only facts reported by a source dated YYYY-MM-DD or later (undated ones are left out); the file name says it: brief-kr-since-2025-10-01-<date>.md.", show_default=False)] = None,
    max_facts: Annotated[int | None, typer.Option("--max-facts", min=1, help="Most facts in the brief (default: 40).", show_default=False)] = None,
    exclude: Annotated[list[str] | None, typer.Option("--exclude", "-x", help="Fact id to leave out (see `briefing facts`). Repeatable.", show_default=False)] = None,
    pin: Annotated[list[str] | None, typer.Option("--pin", help="Fact id always in the brief, however it ranks. Repeatable.", show_default=False)] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Only facts matching this full-text search.", show_default=False)] = None,
    saved_file: Annotated[Path | None, typer.Option("--brief", help="Render a saved brief (see `briefing save`), record the render beside it and open with what is new since the last one. Options given here override the file: -c, -t, --search, --since, --max-facts, --format, --out and --corpus replace its values; --exclude, --pin and --email add to its lists.", show_default=False)] = None,
    no_email: Annotated[bool, typer.Option("--no-email", help="With --brief: do not email the file's recipients.")] = False,
    template: Annotated[Path | None, typer.Option("--template", help="Your own Markdown template (Jinja2).", show_default=False)] = None,
    html_template: Annotated[Path | None, typer.Option("--html-template-dir", help="Folder with your brief.html.j2 / brief.css for the PDF.", show_default=False)] = None,
    paper: Annotated[str, typer.Option("--paper", help="PDF paper size: a4 or letter.")] = "a4",
    pdf_variant: Annotated[str | None, typer.Option("--pdf-variant", help="pdf/a-3b or pdf/ua-1.", show_default=False)] = None,
    stale_after: Annotated[int, typer.Option("--stale-after", min=0, help="Years after which a source counts as stale.")] = 2,
    audit: Annotated[bool, typer.Option("--audit", help="Add an appendix of left-out facts and the corpus fingerprint.")] = False,
    email: Annotated[list[str] | None, typer.Option("--email", help="Also email the brief to this address. Repeatable.", show_default=False)] = None,
) -> None:
    """Make a cited brief and print the paths written.

    Example: briefing make --country KR --theme sovereign-ai --date 2026-11-22
    """
    from briefing.brief.build import Options, brief_from_store
    from briefing.brief.export import RenderOptions, export_brief

    saved = None
    if saved_file is not None:
        from briefing.cli import saved as cli_saved

        saved = cli_saved.load_for_make(saved_file)
        country, theme = country or list(saved.countries), theme or list(saved.themes)
        search = saved.search if search is None else search
        since = since or (saved.since.isoformat() if saved.since else None)
        max_facts, format = max_facts or saved.max_facts, format or cli_saved.format_word(saved)
        out, corpus = out or saved.output_folder(), corpus or saved.corpus_folder()
        email = None if no_email else [*saved.recipients, *(email or ())]
    format, out, max_facts = format or "both", out or Path("out"), max_facts or 40
    formats = {"md": ("md",), "pdf": ("pdf",), "both": ("md", "pdf")}.get(format)
    if formats is None:
        raise UsageError(f"--format must be md, pdf or both, not {format!r}")
    if paper not in ("a4", "letter"):
        raise UsageError(f"--paper must be a4 or letter, not {paper!r}")
    if template is not None and not template.is_file():
        raise UsageError(f"template not found: {template}")
    if email and "pdf" not in formats:
        raise UsageError("--email sends the PDF: use --format pdf or both")
    day = parse_day(as_of, "--date") or date.today()
    # Ids are shown in lower case; one copied from elsewhere in upper case is the same id.
    excluded = [fid.strip().lower() for fid in exclude or ()]
    pinned = [fid.strip().lower() for fid in pin or ()]

    start = parse_day(since, "--since")
    if start is not None and start > day:
        raise UsageError(f"the window --since {start.isoformat()} .. --date {day.isoformat()}"
                         " is empty")

    chosen: list[Selection] = []  # `read` may run twice (before and after a sync)

    def read(store: Store) -> tuple[Brief, Missing | None]:
        # A saved brief's own ids may have left the corpus: reported, not an error.
        held = saved.selection() if saved else Selection()
        if not chosen:  # names resolved (and a guess said) once
            chosen.append(selection_from(
                store, country, theme, since=start, max_facts=max_facts,
                excluded=frozenset(excluded) | held.excluded,
                pinned=frozenset(pinned) | held.pinned, query=search))
        selection = chosen[0]
        check_fact_ids(store, excluded, "--exclude")
        check_fact_ids(store, pinned, "--pin")
        brief = brief_from_store(store, selection, Options(day, stale_after, audit))
        if saved is None:
            return brief, None
        return cli_saved.saved_render(store, brief, saved, corpus_path(corpus))

    _, (brief, missing) = read_corpus(corpus, read)
    # A render whose options change the saved brief's selection is another brief: it gets
    # the name plain `make` gives its selection, never the saved brief's own files.
    stem = saved.stem(day) if saved and not cli_saved.overrides(saved, brief) else None
    paths = export_brief(brief, out, RenderOptions(formats, template, html_template, paper,
                                                   pdf_variant, stem=stem))
    for path in paths:
        echo(str(path))
    if saved is not None and missing is not None:
        cli_saved.after_render(saved, brief, missing)
    if email:
        from briefing.cli.mail import send_made_brief

        send_made_brief(brief, paths, list(email))


@app.command()
def facts(
    country: CountryOpt = None,
    theme: ThemeOpt = None,
    corpus: CorpusOpt = None,
    query: Annotated[str | None, typer.Option("--search", "-s", help="Full-text search.", show_default=False)] = None,
    as_json: JsonOpt = False,
    as_jsonl: Annotated[bool, typer.Option("--jsonl", help="Print JSON Lines (one fact a line) instead of a table.")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the JSON to this file (whole or not at all) instead of printing it.", show_default=False)] = None,
) -> None:
    """List the facts about countries and themes (both given: facts matching a country and a theme).

    JSON is written as it is read, so any corpus size takes the same memory. With no fact
    to list, exit 1 with one line on stderr (`--json` still prints `[]`).

    Example: briefing facts --country KR --json
    """
    from briefing.brief.export import atomic_file, write_facts_json, write_facts_jsonl

    if as_json and as_jsonl:
        raise UsageError("--json and --jsonl: choose one")
    if output is not None and not (as_json or as_jsonl):
        raise UsageError("--output writes JSON: add --json or --jsonl")
    store, _ = open_corpus(corpus, quiet=as_json or as_jsonl)
    selection = selection_from(store, country, theme)
    if as_json or as_jsonl:
        counted = [0]

        def found() -> Iterator[Fact]:
            for fact in store.iter_facts(selection.countries, selection.themes, query):
                counted[0] += 1
                yield fact

        write = write_facts_jsonl if as_jsonl else write_facts_json
        if output is None:
            write(found(), lambda text: echo_json(text, nl=False))
        else:
            try:
                with atomic_file(output) as fh:
                    write(found(), lambda text: fh.write(text.encode("utf-8")))
            except OSError as err:
                raise BriefingError(f"cannot write {output}: {err.strerror or err}") from None
            echo(str(output))
        if not counted[0]:  # `[]` is written all the same: the output stays JSON
            _no_facts(store, selection, query)
        return
    facts = store.facts(selection.countries, selection.themes, query)
    if not facts:
        _no_facts(store, selection, query)
    columns = [("id", KEY), ("date", KEY), ("countries", SHORT), ("themes", SHORT),
               ("fact", TEXT)]
    rows = [(f.id, f.source.date or "undated", " ".join(f.countries), ", ".join(f.themes),
             f.text) for f in facts]
    _print_table(columns, rows, f"{len(facts)} fact{'s' if len(facts) != 1 else ''}")


def _no_facts(store: Store, selection: Selection, query: str | None) -> None:
    """Nothing to list is nothing to do (exit 1, as `make` with no facts): one line."""
    from briefing.brief.build import describe

    what = describe(selection, store.taxonomy)
    matching = f" matching {query!r}" if query else ""
    raise NothingSelected(f"no facts about {what}{matching} in the corpus")


@app.command()
def sources(corpus: CorpusOpt = None, as_json: JsonOpt = False) -> None:
    """List the sources with their fact counts, and every skipped file with its reason.

    Every file is listed; a page kept in several versions counts as one source, and its
    older versions say which file the facts are taken from.

    Example: briefing sources --json
    """
    store, report = open_corpus(corpus, quiet=True)
    rows = store.sources()
    if as_json:
        echo_json(json.dumps({
            "sources": [{"key": s.key, "path": s.path, "title": s.title,
                         "publisher": s.publisher, "date": s.date, "url": s.url,
                         "sha256": s.sha256, "carrier": s.carrier, "facts": n,
                         "newest_version": s.versions.newest if s.versions else None}
                        for s, n in rows],
            "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
            "warnings": [{"path": s.path, "reason": s.reason} for s in report.warnings],
        }, ensure_ascii=False, indent=2))
        return
    # Publisher and title share the wide column, written as the brief's source list has
    # them: a path key and a date leave too little of 80 columns for two text columns.
    columns = [("source", PATH), ("date", KEY), ("publisher, title", TEXT), ("facts", COUNT)]
    cells = [(s.key, s.date or "undated",
              f"{s.publisher}, “{s.title}”" if s.publisher else f"“{s.title}”", str(n))
             for s, n in rows]
    _print_table(columns, cells, sources_summary([s for s, _ in rows]))
    for s, _ in rows:
        if s.superseded and s.versions:  # listed, but its newer version states the facts
            echo(f"older version {s.key}: facts are taken from {s.versions.newest}"
                 f" ({s.versions.note})")
    for s in report.skipped:
        echo(f"skipped {s.path}: {s.reason}")
    for s in report.warnings:  # read, with a note: "only a month dates it (September 2026) …"
        echo(f"{s.path}: {s.reason}")


def sources_summary(listed: Sequence[Source]) -> str:
    """How many sources the corpus has, counting a page kept in several versions once:
    "15 sources (1 also in an older version)"."""
    older = [s for s in listed if s.superseded and s.versions]
    pages = len(listed) - len(older)
    summary = f"{pages} source{'s' if pages != 1 else ''}"
    if not older:
        return summary
    paged = len({s.versions.newest for s in older if s.versions})
    if paged == len(older):
        return f"{summary} ({paged} also in an older version)"
    return f"{summary} ({paged} also in older versions: {len(older)} files)"


@app.command()
def countries(corpus: CorpusOpt = None, as_json: JsonOpt = False) -> None:
    """List the countries the corpus has facts about, with fact counts.

    Example: briefing countries
    """
    from briefing.extract.countries import country_name

    store, _ = open_corpus(corpus, quiet=as_json)
    counts = sorted(store.country_counts().items(), key=lambda kv: (-kv[1], kv[0]))
    if as_json:
        echo_json(json.dumps([{"code": c, "name": country_name(c), "facts": n}
                              for c, n in counts], ensure_ascii=False, indent=2))
        return
    rows = [(code, country_name(code), str(n)) for code, n in counts]
    _print_table([("code", KEY), ("country", WORDS), ("facts", COUNT)], rows,
                 f"{len(counts)} countries")


@app.command()
def themes(corpus: CorpusOpt = None, as_json: JsonOpt = False) -> None:
    """List the themes of the taxonomy, with fact counts.

    Example: briefing themes
    """
    store, _ = open_corpus(corpus, quiet=as_json)
    counts = store.theme_counts()
    rows = [(t.slug, t.name, counts.get(t.slug, 0)) for t in store.taxonomy.themes]
    if as_json:
        echo_json(json.dumps([{"slug": s, "name": n, "facts": c} for s, n, c in rows],
                             ensure_ascii=False, indent=2))
        return
    _print_table([("slug", KEY), ("theme", WORDS), ("facts", COUNT)],
                 [(slug, name, str(n)) for slug, name, n in rows], f"{len(rows)} themes")


@app.command()
def index(corpus: CorpusOpt = None,
          rebuild: Annotated[bool, typer.Option("--rebuild", help="Forget everything and re-read every file.")] = False
          ) -> None:
    """Bring the fact store up to date with the corpus (every command does this by itself).

    Example: briefing index --rebuild
    """
    store, r = open_corpus(corpus, rebuild=rebuild)
    echo(f"{store.path}: {r.added} added, {r.changed} changed, {r.removed} removed, "
         f"{r.unchanged} unchanged, {len(r.skipped)} skipped")


@app.command()
def add(
    urls: Annotated[list[str] | None, typer.Argument(help="Web pages or PDF reports (http or https).", show_default=False)] = None,
    corpus: CorpusOpt = None,
    from_file: Annotated[Path | None, typer.Option("--from", help="A file of URLs, one a line ('#' starts a comment).", show_default=False)] = None,
    refresh: Annotated[bool, typer.Option("--refresh", help="Fetch URLs already in the corpus again; a changed page is kept as a new version.")] = False,
) -> None:
    """Fetch web pages and PDF reports into the corpus folder and index them. The only
    command that uses the network: each URL is fetched once and stored with a sidecar
    (URL, time, HTTP status, content type).

    Example: briefing add https://example.org/ai-strategy.pdf --corpus ~/articles
    """
    from briefing.ingest.fetch import add_links, read_url_list, summary_line

    wanted = list(urls or []) + (read_url_list(from_file) if from_file else [])
    if not wanted:
        raise UsageError("give at least one URL, or --from FILE")
    folder = corpus_path(_made_folder(corpus))
    with _progress("Fetching links", minimum=2) as progress:
        outcomes = add_links(wanted, folder, refresh=refresh, progress=progress)
    for o in outcomes:
        if o.failed:
            echo(f"error: {o.url}: {o.reason}", err=True)
        else:
            echo(f"{o.status:<9}  {o.path}  {o.url}")
    _, report = open_corpus(folder, quiet=True)
    added = {o.path for o in outcomes if o.status == "added"}
    for s in report.skipped:
        if s.path in added:
            warn(f"{s.path} is kept but gives no facts: {s.reason}")
    echo(summary_line(outcomes))
    if any(o.failed for o in outcomes):
        raise typer.Exit(1)


def _made_folder(corpus: Path | None) -> Path | None:
    """The corpus folder `add` is told to write to (--corpus, else $BRIEFING_CORPUS),
    created with its parents if it is not there yet: adding the first links to a new
    corpus should not need a mkdir first."""
    path = given_corpus(corpus)
    if path is None:
        return None  # the bundled seeds: always there
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UsageError(f"corpus folder is a file, not a folder: {path}") from None
    except OSError as err:
        raise UsageError(f"cannot create corpus folder {path}: {err.strerror or err}") from None
    return path


@app.command()
def tui(corpus: CorpusOpt = None) -> None:
    """Open the terminal app to pick, curate, preview, export and email briefs.

    Example: briefing tui --corpus ~/articles
    """
    from briefing.tui.app import make_app

    make_app(corpus_path(corpus)).run()


# How a table column fits the terminal: KEY and COUNT (ids, codes, dates, numbers) stay
# whole on one line, never cut ("2025-12-1" for 2025-12-15 would be a wrong date); PATH (a
# source's file path) too when it fits, else it folds onto more lines; SHORT (codes, theme
# slugs) wraps between words within SHORT_WIDTH; WORDS wraps between words; TEXT (fact,
# title) takes all the width left and wraps too.
KEY, COUNT, PATH, SHORT, WORDS, TEXT = "key", "count", "path", "short", "words", "text"
SHORT_WIDTH = 12  # the longest bundled theme slug, `sovereign-ai`
TEXT_MIN = 24  # below this the terminal is too narrow for a table: Rich squeezes it all
PATH_MIN = 16  # a long path folds at this width rather than leave TEXT_MIN to the text
GAP = 2  # between two columns


def _print_table(columns: list[tuple[str, str]], rows: list[tuple[str, ...]],
                 summary: str) -> None:
    out = console()
    out.print(_table(columns, rows, out.width))
    out.print(summary, style="dim")


def _table(columns: list[tuple[str, str]], rows: list[tuple[str, ...]], width: int):
    """A borderless table of corpus text shown literally (every cell a `Text`), `width`
    wide at most. Widths are set here: Rich shrinks the widest wrapping columns to equal
    widths, folding a short title column mid-word before it narrows a long one."""
    from rich.table import Table

    widths = _widths(columns, rows, width)
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False,
                  padding=(0, GAP // 2))
    for (header, kind), size in zip(columns, widths, strict=True):
        whole = kind in (KEY, COUNT)  # Rich must not squeeze these below their width
        table.add_column(header, width=size, min_width=size if whole else None,
                         no_wrap=whole, overflow="fold",
                         justify="right" if kind == COUNT else "left")
    for row in rows:
        table.add_row(*(literal(cell) for cell in row))
    return table


def _widths(columns: list[tuple[str, str]], rows: list[tuple[str, ...]], width: int
            ) -> list[int]:
    """Each column's width: all as wide as they need when that fits; else every column but
    TEXT as wide as it needs (a SHORT one no wider than SHORT_WIDTH unless a word is longer:
    a word is never split) and TEXT the rest, at least TEXT_MIN; a PATH column gives up
    what that leaves too wide, down to PATH_MIN."""
    cells = [[header, *(row[n] for row in rows)] for n, (header, _) in enumerate(columns)]
    natural = [max(_cells(c) for c in column) for column in cells]
    if sum(natural) + GAP * (len(natural) - 1) <= width:
        return natural
    sizes = [max(min(size, SHORT_WIDTH), max(_longest_word(c) for c in column))
             if kind == SHORT else size
             for (_, kind), size, column in zip(columns, natural, cells, strict=True)]
    for n, (_, kind) in enumerate(columns):
        if kind == TEXT:
            rest = width - sum(s for m, s in enumerate(sizes) if m != n) - GAP * (len(sizes) - 1)
            sizes[n] = min(sizes[n], max(rest, TEXT_MIN))
    for n, (_, kind) in enumerate(columns):
        over = sum(sizes) + GAP * (len(sizes) - 1) - width
        if kind == PATH and over > 0:
            sizes[n] = max(sizes[n] - over, min(sizes[n], PATH_MIN))
    return sizes


def _cells(text: str) -> int:
    from rich.cells import cell_len  # a CJK character is two columns wide

    return cell_len(printable(text))


def _longest_word(text: str) -> int:
    return max((_cells(word) for word in text.split()), default=0)


# --------------------------------------------------------------------------- entry point


def _register_optional() -> None:
    """Commands that live in their own modules (mail, verify, correct)."""
    from briefing.cli import correct as cli_correct
    from briefing.cli import verify as cli_verify
    app.command("verify")(cli_verify.verify_command)
    from briefing.cli import saved as cli_saved
    app.command("save")(cli_saved.save_command)
    app.command("diff")(cli_saved.diff_command)
    app.add_typer(cli_correct.correct_app, name="correct")
    try:
        from briefing.cli import mail as cli_mail
    except ImportError:
        return
    app.command("email")(cli_mail.email_command)
    app.add_typer(cli_mail.config_app, name="config")


_register_optional()


def main(argv: list[str] | None = None) -> None:
    app(args=argv)
