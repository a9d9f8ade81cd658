"""Reading articles in: decoding files (`decoding`), the HTML and PDF readers with text normalising
and the PDF sandbox (`formats/`), lines that only date a story ("Posted: Jan. 21, 2026 |
Updated: ...": `date_stamps`), URLs (`urls`), `briefing add`'s fetching (`fetch`), and who
published a source and which sources are versions or copies of one another (`provenance`).

One file becomes a `Document` (`document`): walking the corpus and its limits (`walk`), front
matter (`front_matter`), the headline, date lines and bylines at the top (`header`; the date in
a date line is read by the shared `briefing.dates`), cutting the body into blocks with their
offsets and dropping site furniture as they are cut (`blocks`, `lines`; what is furniture is
decided in `furniture`, with its cue words in `cues`). What it yields, an `Article` of blocks,
is in `article`.

This stage imports only the shared modules (`model`, `errors`, `dates`, `text`, `resources`,
`yamlio`): never the extractor, the store, the brief, delivery, the CLI, the terminal app,
Textual or typer."""
