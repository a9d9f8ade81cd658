"""briefing: cited, extractive policy briefs from a local corpus of news articles."""

__version__ = "0.1.0"
