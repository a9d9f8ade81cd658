"""Renderers of a `Brief`: Markdown (`markdown.py`) and print-ready PDF (`pdf.py`).

Both read the same model and the templates in `templates/`, so they hold the same facts and
citations; a user's template folder may override the packaged templates.
"""
