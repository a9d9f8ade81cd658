"""`briefing save`, `briefing diff`, and what `briefing make --brief FILE` does with a saved
brief: thin wrappers over `briefing.brief.saved`, `briefing.brief.history` and
`briefing.brief.diff`.

Registered by the main app (`app.command("save")(save_command)`, and `diff`); the app's
group turns a BriefingError into one `error: …` line and its exit code.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from briefing.cli.options import parse_day
from briefing.cli.printing import echo
from briefing.errors import UsageError

if TYPE_CHECKING:
    from briefing.brief.saved import Missing, SavedBrief
    from briefing.model import Brief
    from briefing.store import Store


def save_command(
    file: Annotated[Path, typer.Argument(help="The brief file to write, e.g. kr-weekly.yaml.",
                                         show_default=False)],
    country: Annotated[list[str] | None, typer.Option(
        "--country", "-c", help="Country: code, name or alias. Repeatable.",
        show_default=False)] = None,
    theme: Annotated[list[str] | None, typer.Option(
        "--theme", "-t", help="Theme slug or name. Repeatable.", show_default=False)] = None,
    search: Annotated[str | None, typer.Option(
        "--search", "-s", help="Full-text filter.", show_default=False)] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="Keep only facts reported by a source dated YYYY-MM-DD or later.",
        show_default=False)] = None,
    max_facts: Annotated[int, typer.Option("--max-facts", min=1,
                                           help="Most facts in the brief.")] = 40,
    exclude: Annotated[list[str] | None, typer.Option(
        "--exclude", "-x", help="Fact id to leave out (see `briefing facts`). Repeatable.",
        show_default=False)] = None,
    pin: Annotated[list[str] | None, typer.Option(
        "--pin", help="Fact id always in the brief, however it ranks. Repeatable.",
        show_default=False)] = None,
    to: Annotated[list[str] | None, typer.Option(
        "--to", help="Email the PDF to this address at every `make --brief`. Repeatable.",
        show_default=False)] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="md, pdf or both.")] = "both",
    out: Annotated[str, typer.Option(
        "--out", "-o", help="Output folder, relative to the brief file's folder.")] = "out",
    name: Annotated[str | None, typer.Option(
        "--name", help="File name before the date (kr-weekly: kr-weekly-<date>.md). "
                       "Default: brief-<selection>-<date>.", show_default=False)] = None,
    title: Annotated[str | None, typer.Option(
        "--title", help="The brief's title (default: Policy brief: <selection>).",
        show_default=False)] = None,
    corpus: Annotated[Path | None, typer.Option(
        "--corpus", help="Folder of articles; recorded in the file when given. Default: "
                         "$BRIEFING_CORPUS or the bundled seeds.", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")
                     ] = False,
) -> None:
    """Save a brief's selection, exclusions, pins, formats and recipients to a YAML file
    that `briefing make --brief FILE` renders (and a person can edit).

    Example: briefing save kr-weekly.yaml -c KR -t patents --exclude f10c68209eb --to me@example.org
    """
    from briefing.brief.saved import SavedBrief, brief_text, noted_facts, parse_brief, save_brief

    if file.exists() and not force:
        raise UsageError(f"{file} exists: add --force to replace it")
    formats = {"md": ("md",), "pdf": ("pdf",), "both": ("md", "pdf")}.get(format)
    if formats is None:
        raise UsageError(f"--format must be md, pdf or both, not {format!r}")
    start = parse_day(since, "--since")
    draft = SavedBrief(
        title=title, search=search, since=start, max_facts=max_facts, formats=formats,
        recipients=tuple(to or ()), folder=out, name=name,
        corpus=None if corpus is None else _written(corpus, file))
    ids = [*(exclude or ()), *(pin or ())]
    if ids:
        from briefing.cli.corpus import corpus_path
        from briefing.store import open_store

        store, _ = open_store(corpus_path(corpus))
        try:
            taxonomy = store.taxonomy
            draft = replace(draft, exclude=noted_facts(store, exclude or (), "--exclude"),
                            pin=noted_facts(store, pin or (), "--pin"))
        finally:
            store.close()
    else:
        from briefing.extract.themes import load_taxonomy

        taxonomy = load_taxonomy()
    # The names as the file would hold them, resolved and checked as reading it does.
    draft = replace(draft, countries=tuple(country or ()), themes=tuple(theme or ()))
    checked = parse_brief(brief_text(draft, file.name), f"{file}", taxonomy)
    for guess in checked.guessed:  # "countries: Japn → Japan (JP)": the option says which
        echo(f"note: {guess.split(': ', 1)[1]}", err=True)
    echo(str(save_brief(replace(checked, path=file), file)))


def _written(corpus: Path, file: Path) -> str:
    """The corpus folder as the brief file records it: relative to the file's folder when
    it lies under it, else absolute."""
    folder = corpus.expanduser().resolve()
    base = file.expanduser().resolve().parent
    try:
        return folder.relative_to(base).as_posix() or "."
    except ValueError:
        return str(folder)


def diff_command(
    old: Annotated[Path, typer.Argument(help="A brief made by `briefing make` (.md or .pdf).",
                                        show_default=False)],
    new: Annotated[Path, typer.Argument(help="A later brief (.md or .pdf).", show_default=False)],
) -> None:
    """Compare two rendered briefs: facts added, removed, and changed (same fact, another
    quote or other sources; a sentence edited in its file is one changed fact, its old and
    new wording shown). A cited file that changed is named once, with how many facts
    quoted from it read as before. Markdown and PDF briefs compare alike.

    Example: briefing diff out/kr-weekly-2026-11-15.pdf out/kr-weekly-2026-11-22.pdf
    """
    from briefing.brief.diff import diff_briefs, diff_lines

    found = diff_briefs(old, new)
    for line in diff_lines(found):
        echo(line)
    echo(found.summary)


# --------------------------------------------------------------------------- make --brief


def load_for_make(file: Path) -> SavedBrief:
    from briefing.brief.saved import load_brief
    from briefing.extract.themes import load_taxonomy

    saved = load_brief(file, load_taxonomy())
    for guess in saved.guessed:  # a typo in the file: read, and said at every render
        echo(f"note: {file}: {guess}", err=True)
    return saved


def format_word(saved: SavedBrief) -> str:
    """The file's formats as `--format` takes them."""
    return "both" if len(saved.formats) == 2 else saved.formats[0]


#: What a render's selection may differ from its brief file's in, and the option that does it.
_SELECTION_OPTIONS = (("countries", "-c"), ("themes", "-t"), ("query", "--search"),
                      ("since", "--since"), ("max_facts", "--max-facts"),
                      ("excluded", "--exclude"), ("pinned", "--pin"))


def overrides(saved: SavedBrief, brief: Brief) -> tuple[str, ...]:
    """The options by which this render's selection differs from the file's (none when the
    command line repeats the file's own values). Such a render is another brief: recording
    it in the file's history would make the next "What's new" compare the saved brief with
    it, so it is neither recorded nor compared."""
    held = saved.selection()
    return tuple(option for name, option in _SELECTION_OPTIONS
                 if getattr(brief.selection, name) != getattr(held, name))


def saved_render(store: Store, brief: Brief, saved: SavedBrief, corpus: Path
                 ) -> tuple[Brief, Missing]:
    """A saved brief's render: its title, what is new since its previous render (none the
    first time, nor when options override the file's selection), and its excluded and
    pinned facts the corpus no longer has."""
    from briefing.brief.history import history_path, load_history, previous_render, whats_new
    from briefing.brief.saved import missing_facts

    assert saved.path is not None
    if saved.title:
        brief = replace(brief, title=saved.title)
    if not overrides(saved, brief):
        last = previous_render(load_history(history_path(saved.path)), brief.as_of)
        if last is not None:
            brief = replace(brief, whats_new=whats_new(last, brief, store, corpus))
    return brief, missing_facts(store, saved)


def after_render(saved: SavedBrief, brief: Brief, missing: Missing) -> None:
    """Record the render in the brief's history, unless options overrode the file's
    selection (then say so, and under which name it was written, in one line on stderr),
    and say which of its excluded and pinned facts the corpus no longer has (one line on
    stderr)."""
    from briefing.brief.export import brief_stem
    from briefing.brief.history import history_path, record_render

    assert saved.path is not None
    history = history_path(saved.path)
    changed = overrides(saved, brief)
    if changed:
        which = (f"{changed[0]} changes" if len(changed) == 1 else
                 f"{', '.join(changed[:-1])} and {changed[-1]} change")
        day = brief.as_of.isoformat()
        written = brief_stem(brief.selection, day)  # as `make` named it (see app.make)
        own = saved.stem(brief.as_of) or brief_stem(saved.selection(), day)
        instead = f", not {own}" if own != written else ""
        echo(f"note: {which} the selection of {saved.path}: this render is not recorded in"
             f" {history.name}, has no What's new and is written under the name `make`"
             f" gives its selection, {written}{instead}", err=True)
    else:
        record_render(history, brief)
    if missing:
        echo(f"warning: {missing.line(str(saved.path))}", err=True)


def saved_stem(saved: SavedBrief | None, day: date) -> str | None:
    return saved.stem(day) if saved is not None else None
