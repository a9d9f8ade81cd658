"""Turning article text into facts: sentences, and the figures, countries and themes they state."""
