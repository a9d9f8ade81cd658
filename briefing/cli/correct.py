"""`briefing correct`: the user's corrections of a source's date, publisher or title and of a
fact's countries or themes, kept in `corrections.yaml` in the corpus folder and applied by
the store everywhere (facts, sources, briefs, the terminal app). See
`briefing.store.corrections` for the file and how a correction goes stale.

    briefing correct source wire/chip-plan.txt --date 2026-03-04
    briefing correct fact f1a2b3c4d5e --country KR          # sets its countries
    briefing correct fact f1a2b3c4d5e --add-theme patents   # changes its themes
    briefing correct --list
    briefing correct --remove 2

Registered by the main app (`app.add_typer(correct_app, name="correct")`), whose group turns
a BriefingError into one `error: …` line and its exit code.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from briefing.cli.corpus import corpus_path
from briefing.cli.options import parse_day, resolve_country, resolve_theme
from briefing.cli.printing import echo, echo_json
from briefing.errors import UsageError

if TYPE_CHECKING:
    from briefing.model import CorrectionNote
    from briefing.store import Store

correct_app = typer.Typer(
    name="correct",
    help="Correct a source's date, publisher or title, or a fact's countries or themes.\n\n"
         "Corrections are kept in corrections.yaml in the corpus folder (editable by hand), "
         "survive re-indexing and apply to facts, sources, briefs and the terminal app; a "
         "correction whose source file changed or whose fact is gone is reported as stale.\n\n"
         "Without a sub-command: list the corrections (or --remove one).\n\n"
         "Example: briefing correct source wire/chip-plan.txt --date 2026-03-04",
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

CorpusOpt = Annotated[Path | None, typer.Option(
    "--corpus", help="Folder of articles. Default: $BRIEFING_CORPUS or the bundled seeds.",
    show_default=False)]
Names = Annotated[list[str] | None, typer.Option(show_default=False)]


def _store(ctx: typer.Context, corpus: Path | None) -> Store:
    """The corpus's store, up to date (`--corpus` given to `correct` itself counts too).
    Its warnings are left out: the corrections are what this command shows."""
    from briefing.store import open_store

    parent = ctx.parent.params.get("corpus") if ctx.parent is not None else None
    store, _ = open_store(corpus_path(corpus or parent))
    return store


@correct_app.callback()
def correct(
    ctx: typer.Context,
    show: Annotated[bool, typer.Option("--list", help="List the corrections, numbered, each applied or stale (the default).")] = False,
    remove: Annotated[int | None, typer.Option("--remove", help="Remove correction N (as --list numbers it).", show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="List as JSON.")] = False,
    corpus: CorpusOpt = None,
) -> None:
    """Correct what a source or a fact says about itself; list or remove corrections.

    Example: briefing correct source wire/chip-plan.txt --date 2026-03-04
    """
    if ctx.invoked_subcommand is not None:
        if show or remove is not None or as_json:
            raise UsageError("--list, --remove and --json go without `source` or `fact`")
        return
    if show and remove is not None:
        raise UsageError("--list and --remove: choose one")
    store = _store(ctx, corpus)
    if remove is not None:
        from briefing.store.corrections import remove_correction

        note = remove_correction(store, remove)
        echo(f"removed correction {remove}: {_said(note)}")
        return
    _list(store, as_json)


def _list(store: Store, as_json: bool) -> None:
    from briefing.store.corrections import corrections_path, is_invalid, not_applied

    notes = store.corrections()
    if as_json:
        # `stale`: why it is not applied (None: applied); `invalid`: because its entry
        # cannot be read as written (fix it), not because its target changed (redo it).
        echo_json(json.dumps([{"number": n.number, "kind": n.kind, "target": n.target,
                               "change": n.change, "stale": n.stale, "invalid": is_invalid(n)}
                              for n in notes], ensure_ascii=False, indent=2))
        return
    if not notes:
        echo(f"no corrections ({corrections_path(store.corpus)} has none)")
        return
    for n in notes:  # each with how it stands: the user's data, never left unsaid
        echo(f"{n.number:>3}  {_said(n)}"
             + (f"  [{not_applied(n)}: {n.stale}]" if n.stale else "  [applied]"))
    invalid = sum(1 for n in notes if is_invalid(n))
    stale = sum(1 for n in notes if n.stale) - invalid
    unapplied = " and ".join(f"{count} {word}" for count, word in
                             ((stale, "stale"), (invalid, "invalid")) if count)
    echo(f"{len(notes)} correction{'s' if len(notes) != 1 else ''}"
         + (f", {unapplied} (not applied)" if unapplied else "")
         + f", in {corrections_path(store.corpus)}")


def _said(note: CorrectionNote) -> str:
    return f"{note.kind} {note.target}: {note.change}"


def _done(note: CorrectionNote) -> None:
    """The outcome of a correction: its number and what it changes, or why it is stale."""
    if note.number == 0:  # set back to the values read
        echo(f"{note.kind} {note.target}: {note.change}")
        return
    echo(f"correction {note.number}: {_said(note)}")
    if note.stale:  # the store could not apply it after all (the corpus changed meanwhile)
        raise UsageError(f"correction {note.number} is stale: {note.stale}")


@correct_app.command("source")
def correct_source_command(
    ctx: typer.Context,
    path: Annotated[str, typer.Argument(help="The source's path in the corpus, as `briefing sources` lists it.", show_default=False)],
    date: Annotated[str | None, typer.Option("--date", help="Its date, YYYY-MM-DD.", show_default=False)] = None,
    publisher: Annotated[str | None, typer.Option("--publisher", help="Its publisher.", show_default=False)] = None,
    title: Annotated[str | None, typer.Option("--title", help="Its title.", show_default=False)] = None,
    corpus: CorpusOpt = None,
) -> None:
    """Correct a source's date, publisher or title (a value equal to the one read removes
    that correction).

    Example: briefing correct source wire/chip-plan.txt --date 2026-03-04
    """
    from briefing.store.corrections import correct_source

    given = {"date": date, "publisher": publisher, "title": title}
    changes = {k: v for k, v in given.items() if v is not None}
    if not changes:
        raise UsageError("say what to correct: --date, --publisher or --title")
    day = parse_day(date, "--date")
    if day is not None:
        changes["date"] = day.isoformat()
    for name in ("publisher", "title"):
        if name in changes and not changes[name].strip():
            raise UsageError(f"--{name} needs a value")
    store = _store(ctx, corpus)
    _done(correct_source(store, _source_key(store, path), changes))


def _source_key(store: Store, given: str) -> str:
    """The key of the source the user named: its key or corpus path as `briefing sources`
    lists it, or a path to the file (absolute, or from the current folder)."""
    wanted = given.strip().replace("\\", "/").removeprefix("./")
    if store.original_source(wanted) is not None:
        return wanted
    path = Path(given).expanduser()
    try:
        rel = path.resolve().relative_to(store.corpus).as_posix()
    except (ValueError, OSError):
        rel = None
    if rel is not None and store.original_source(rel) is not None:
        return rel
    raise UsageError(f"no source {given!r} in the corpus {store.corpus}"
                     " (see `briefing sources` for their paths)")


@correct_app.command("fact")
def correct_fact_command(
    ctx: typer.Context,
    fact: Annotated[str, typer.Argument(help="The fact's id, as `briefing facts` shows it.", show_default=False)],
    country: Annotated[list[str] | None, typer.Option("--country", "-c", help="Set its countries to these (code, name or alias). Repeatable.", show_default=False)] = None,
    add_country: Annotated[list[str] | None, typer.Option("--add-country", help="Add a country. Repeatable.", show_default=False)] = None,
    remove_country: Annotated[list[str] | None, typer.Option("--remove-country", help="Remove a country. Repeatable.", show_default=False)] = None,
    theme: Annotated[list[str] | None, typer.Option("--theme", "-t", help="Set its themes to these (slug or name). Repeatable.", show_default=False)] = None,
    add_theme: Annotated[list[str] | None, typer.Option("--add-theme", help="Add a theme. Repeatable.", show_default=False)] = None,
    remove_theme: Annotated[list[str] | None, typer.Option("--remove-theme", help="Remove a theme. Repeatable.", show_default=False)] = None,
    corpus: CorpusOpt = None,
) -> None:
    """Correct the countries or themes a fact is about: set them (--country, --theme) or
    change them (--add-country, --remove-country, --add-theme, --remove-theme). Labels set
    back to those the fact was read with remove the correction.

    Example: briefing correct fact f1a2b3c4d5e --country KR
    """
    from briefing.store.corrections import FACT_ID, correct_fact

    fid = fact.strip().lower()
    if not FACT_ID.fullmatch(fid):
        raise UsageError(f"{fact!r} is not a fact id (f and 10 hex digits; see `briefing facts`)")
    for option, setting, changing in (("country", country, add_country or remove_country),
                                      ("theme", theme, add_theme or remove_theme)):
        if setting and changing:
            raise UsageError(f"--{option} sets them all: use it, or --add-{option} and"
                             f" --remove-{option}, not both")
    if not (country or add_country or remove_country or theme or add_theme or remove_theme):
        raise UsageError("say what to correct: --country, --add-country, --remove-country,"
                         " --theme, --add-theme or --remove-theme")
    store = _store(ctx, corpus)
    found = store.facts(among=[fid], citations=1)
    if not found:
        raise UsageError(f"unknown fact id {fid!r} (see `briefing facts` for ids)")
    now = found[0]

    # This writes the user's data: a name read as a guess at a typo is refused, not applied.
    def codes(names: list[str] | None) -> set[str]:
        return {resolve_country(n, strict=True) for n in names or ()}

    def slugs(names: list[str] | None) -> set[str]:
        return {resolve_theme(store.taxonomy, n, strict=True) for n in names or ()}

    countries = themes = None
    if country or add_country or remove_country:
        base = (codes(country) if country else set(now.countries)) | codes(add_country)
        _check_removed(fid, codes(remove_country), base, "is not about", "countries",
                       _country_words)
        countries = sorted(base - codes(remove_country))
    if theme or add_theme or remove_theme:
        base = (slugs(theme) if theme else set(now.themes)) | slugs(add_theme)
        _check_removed(fid, slugs(remove_theme), base, "has no theme", "themes",
                       lambda slug: f"{slug} ({store.taxonomy.name(slug)})")
        themes = sorted(base - slugs(remove_theme))
    _done(correct_fact(store, fid, countries=countries, themes=themes))


def _country_words(code: str) -> str:
    from briefing.extract.countries import country_name

    return f"{code} ({country_name(code)})"


def _check_removed(fid: str, removed: set[str], held: set[str], what: str, labels: str,
                   said: Callable[[str], str]) -> None:
    """A label to remove that the fact does not have is a mistake (a wrong fact id, a wrong
    country): one line saying so, and nothing written."""
    absent = sorted(removed - held)
    if absent:
        has = ", ".join(sorted(held)) or "none"
        raise UsageError(f"fact {fid} {what} {' or '.join(map(said, absent))}; its {labels}"
                         f" are {has}: nothing written")
