"""Reading articles in: decoding files (`decoding`), the HTML and PDF readers with text
normalising and the PDF sandbox (`formats/`), date lines and bylines at the top of a page
(`date_lines`), URLs (`urls`), `briefing add`'s fetching (`fetch`), and who published a
source and which sources are versions or copies of one another (`provenance`). Walking a
corpus and cutting text into blocks is `briefing/corpus.py`, and reading dates is
`briefing/dates.py`: they belong here but stay at the top while the extraction modules that
import them (`extract/facts.py`, `cues.py`) are being worked on. This stage may import the
extract stage and the shared modules (`model`, `errors`, `resources`, `yamlio`); never the
store, the brief, delivery, the CLI, the terminal app, Textual or typer."""
