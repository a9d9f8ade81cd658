"""The command line: a thin layer that turns options into a `Selection` and calls the core.

Every error a user can cause ends as one `error: …` line on stderr and an exit code
(1: nothing to do / failed, 2: bad usage), never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from typer._click import ClickException  # typer >= 0.29 vendors click
from typer.core import TyperGroup

from briefing import __version__
from briefing.errors import BriefingError, UsageError
from briefing.model import Selection


class _Group(TyperGroup):
    """Turns every error into one line and an exit code, for every command and sub-command."""

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, ClickException):
            raise
        except BriefingError as err:
            typer.echo(f"error: {err}", err=True)
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
            typer.echo(f"error: internal error ({type(err).__name__}: {err}); "
                       "run with BRIEFING_DEBUG=1 for details", err=True)
            ctx.exit(70)


app = typer.Typer(
    name="briefing",
    cls=_Group,
    help="Cited policy briefs from a local corpus of news articles.\n\n"
         "Run without a command to open the terminal app.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

CorpusOpt = Annotated[Path | None, typer.Option(
    "--corpus", help="Folder of articles (.txt/.md). Default: $BRIEFING_CORPUS or the bundled seeds.",
    show_default=False)]
CountryOpt = Annotated[list[str] | None, typer.Option(
    "--country", "-c", help="Country: code, name or alias (KR, Korea, 'South Korea'). Repeatable.",
    show_default=False)]
ThemeOpt = Annotated[list[str] | None, typer.Option(
    "--theme", "-t", help="Theme slug or name (sovereign-ai, patents, …). Repeatable.",
    show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def warn(message: str) -> None:
    typer.echo(f"warning: {message}", err=True)


def corpus_path(corpus: Path | None) -> Path:
    from briefing.resources import seeds_dir

    path = corpus or (Path(os.environ["BRIEFING_CORPUS"]) if os.environ.get("BRIEFING_CORPUS")
                      else seeds_dir())
    if not path.is_dir():
        raise UsageError(f"corpus folder not found: {path}")
    return path


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} expects a date as YYYY-MM-DD, got {value!r}") from None


@contextmanager
def _progress() -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr, only when indexing is long and stderr is a terminal."""
    state: dict = {}

    def update(done: int, total: int) -> None:
        if "bar" not in state:
            if total < 50 or not sys.stderr.isatty():
                state["bar"] = None
            else:
                from rich.console import Console
                from rich.progress import Progress

                bar = Progress(console=Console(stderr=True), transient=True)
                bar.start()
                state["bar"], state["task"] = bar, bar.add_task("Indexing articles", total=total)
        if state["bar"] is not None:
            state["bar"].update(state["task"], completed=done)

    try:
        yield update
    finally:
        if state.get("bar") is not None:
            state["bar"].stop()


def open_corpus(corpus: Path | None, *, rebuild: bool = False, quiet: bool = False):
    """The up-to-date store for a corpus; skipped files are reported as warnings."""
    from briefing.store import open_store

    with _progress() as progress:
        store, report = open_store(corpus_path(corpus), progress=progress, rebuild=rebuild)
    if not quiet:
        for s in report.skipped:
            warn(f"skipped {s.path}: {s.reason}")
        for w in report.warnings:
            warn(f"{w.path}: {w.reason}")
    return store, report


def selection_from(store, countries: list[str] | None, themes: list[str] | None, **kw
                   ) -> Selection:
    from briefing.countries import resolve_country

    codes = tuple(dict.fromkeys(resolve_country(c) for c in countries or ()))
    slugs = tuple(dict.fromkeys(store.taxonomy.resolve(t) for t in themes or ()))
    return Selection(countries=codes, themes=slugs, **kw)


# --------------------------------------------------------------------------- commands


@app.callback()
def root(ctx: typer.Context,
         version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False
         ) -> None:
    if version:
        typer.echo(f"briefing {__version__}")
        raise typer.Exit()
    if ctx.invoked_subcommand is None:
        tui(corpus=None)


@app.command()
def make(
    country: CountryOpt = None,
    theme: ThemeOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="md, pdf or both.")] = "both",
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    corpus: CorpusOpt = None,
    as_of: Annotated[str | None, typer.Option("--date", help="As-of date YYYY-MM-DD (default: today).", show_default=False)] = None,
    since: Annotated[str | None, typer.Option("--since", help="Leave out facts whose sources are all older than YYYY-MM-DD.", show_default=False)] = None,
    max_facts: Annotated[int, typer.Option("--max-facts", min=1, help="Most facts in the brief.")] = 40,
    exclude: Annotated[list[str] | None, typer.Option("--exclude", "-x", help="Fact id to leave out (see `briefing facts`). Repeatable.", show_default=False)] = None,
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
    from briefing.brief import Options, brief_from_store
    from briefing.export import RenderOptions, export_brief

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
    store, _ = open_corpus(corpus)
    selection = selection_from(store, country, theme, since=parse_day(since, "--since"),
                               max_facts=max_facts, excluded=frozenset(exclude or ()))
    brief = brief_from_store(store, selection, Options(day, stale_after, audit))
    paths = export_brief(brief, out, RenderOptions(formats, template, html_template, paper,
                                                   pdf_variant))
    for path in paths:
        typer.echo(str(path))
    if email:
        from briefing.cli_mail import send_made_brief

        send_made_brief(brief, paths, list(email))


@app.command()
def facts(
    country: CountryOpt = None,
    theme: ThemeOpt = None,
    corpus: CorpusOpt = None,
    query: Annotated[str | None, typer.Option("--search", "-s", help="Full-text search.", show_default=False)] = None,
    as_json: JsonOpt = False,
) -> None:
    """List the facts about countries and themes (both given: facts matching a country and a theme).

    Example: briefing facts --country KR --json
    """
    from briefing.export import facts_json

    store, _ = open_corpus(corpus, quiet=as_json)
    selection = selection_from(store, country, theme)
    found = store.facts(selection.countries, selection.themes, query)
    if as_json:
        typer.echo(facts_json(found), nl=False)
        return
    table = _table(["id", "date", "countries", "themes", "fact"])
    for f in found:
        table.add_row(f.id, f.source.date or "undated", " ".join(f.countries),
                      ", ".join(f.themes), f.text)
    _print(table, f"{len(found)} facts")


@app.command()
def sources(corpus: CorpusOpt = None, as_json: JsonOpt = False) -> None:
    """List the sources with their fact counts, and every skipped file with its reason.

    Example: briefing sources --json
    """
    store, report = open_corpus(corpus, quiet=True)
    rows = store.sources()
    if as_json:
        typer.echo(json.dumps({
            "sources": [{"key": s.key, "path": s.path, "title": s.title,
                         "publisher": s.publisher, "date": s.date, "url": s.url,
                         "sha256": s.sha256, "carrier": s.carrier, "facts": n}
                        for s, n in rows],
            "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
            "warnings": [{"path": s.path, "reason": s.reason} for s in report.warnings],
        }, ensure_ascii=False, indent=2))
        return
    table = _table(["source", "date", "publisher", "title", "facts"])
    for s, n in rows:
        table.add_row(s.key, s.date or "undated", s.publisher or "—", s.title, str(n))
    _print(table, f"{len(rows)} sources")
    for s in report.skipped:
        typer.echo(f"skipped {s.path}: {s.reason}")


@app.command()
def countries(corpus: CorpusOpt = None, as_json: JsonOpt = False) -> None:
    """List the countries the corpus has facts about, with fact counts.

    Example: briefing countries
    """
    from briefing.countries import country_name

    store, _ = open_corpus(corpus, quiet=as_json)
    counts = sorted(store.country_counts().items(), key=lambda kv: (-kv[1], kv[0]))
    if as_json:
        typer.echo(json.dumps([{"code": c, "name": country_name(c), "facts": n}
                               for c, n in counts], ensure_ascii=False, indent=2))
        return
    table = _table(["code", "country", "facts"])
    for code, n in counts:
        table.add_row(code, country_name(code), str(n))
    _print(table, f"{len(counts)} countries")


@app.command()
def themes(corpus: CorpusOpt = None, as_json: JsonOpt = False) -> None:
    """List the themes of the taxonomy, with fact counts.

    Example: briefing themes
    """
    store, _ = open_corpus(corpus, quiet=as_json)
    counts = store.theme_counts()
    rows = [(t.slug, t.name, counts.get(t.slug, 0)) for t in store.taxonomy.themes]
    if as_json:
        typer.echo(json.dumps([{"slug": s, "name": n, "facts": c} for s, n, c in rows],
                              ensure_ascii=False, indent=2))
        return
    table = _table(["slug", "theme", "facts"])
    for slug, name, n in rows:
        table.add_row(slug, name, str(n))
    _print(table, f"{len(rows)} themes")


@app.command()
def index(corpus: CorpusOpt = None,
          rebuild: Annotated[bool, typer.Option("--rebuild", help="Forget everything and re-read every file.")] = False
          ) -> None:
    """Bring the fact store up to date with the corpus (every command does this by itself).

    Example: briefing index --rebuild
    """
    store, r = open_corpus(corpus, rebuild=rebuild)
    typer.echo(f"{store.path}: {r.added} added, {r.changed} changed, {r.removed} removed, "
               f"{r.unchanged} unchanged, {len(r.skipped)} skipped")


@app.command()
def tui(corpus: CorpusOpt = None) -> None:
    """Open the terminal app to pick, curate, preview, export and email briefs.

    Example: briefing tui --corpus ~/articles
    """
    from briefing.tui.app import make_app

    make_app(corpus_path(corpus)).run()


def _table(columns: list[str]):
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for n, c in enumerate(columns):
        # The first column is a key (path, id, code): never broken across lines.
        table.add_column(c, overflow="fold", no_wrap=n == 0)
    return table


def _print(table, summary: str) -> None:
    from rich.console import Console

    console = Console()
    console.print(table)
    console.print(summary, style="dim")


# --------------------------------------------------------------------------- entry point


def _register_optional() -> None:
    """Commands that live in their own modules (mail, verify)."""
    from briefing import cli_verify
    app.command("verify")(cli_verify.verify_command)
    try:
        from briefing import cli_mail
    except ImportError:
        return
    app.command("email")(cli_mail.email_command)
    app.add_typer(cli_mail.config_app, name="config")


_register_optional()


def main(argv: list[str] | None = None) -> None:
    app(args=argv)
