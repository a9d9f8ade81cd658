"""Turning an article's text into facts: sentences (`sentences`), the figures they state and
their measures (`figures`, `measures`), the countries and places they name (`countries`, with
its tables in `data/`), themes (`themes`, `data/themes.yaml`), cue words (`cues`), the
discourse model that decides whom a sentence is about and who owns each figure
(`discourse`), and the statements with their store rows (`facts`, `rows`). Pure functions of
an ingest `Article`: no I/O beyond reading its own data tables, no SQLite. It may import
ingest (for `Article` and a list's lead-in) and the shared modules; never the store, the
brief, delivery, the CLI, the terminal app, Textual or typer."""
