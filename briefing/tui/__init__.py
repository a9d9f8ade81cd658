"""The Textual terminal app (`briefing tui`). The only package that imports Textual."""
