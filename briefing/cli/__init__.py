"""The command line, on top of every stage: the typer app with its core commands (`app`),
one module per command group (`verify`, `mail` for `email` and `config`), the corpus folder
a command works on (`corpus`), and printing corpus text safely to a terminal (`terminal`). It
may import every stage below it (ingest, extract, store, brief, deliver) and the terminal
app it launches; nothing below it imports it, and only this package and `tui` import typer
or Textual."""

from __future__ import annotations


def main(argv: list[str] | None = None) -> None:
    """The `briefing` command (the console script and `python -m briefing`). The app is
    imported here, not at the package's top, so `briefing.cli.corpus` alone loads no typer."""
    from briefing.cli.app import main as run_app

    run_app(argv)
