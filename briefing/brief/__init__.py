"""Making a brief from the store: choosing and ranking facts into the one `Brief` model
(`build`), rendering it as Markdown or PDF (`render/`), writing the files (`export`), and
checking a brief's quotes against their sources as fetched and as printed (`verify`,
`printed`). It may import the store, the ingest and extract stages and the shared modules
below them; never `deliver`, the CLI, the terminal app, Textual or typer (WeasyPrint only
inside the function that makes a PDF)."""
