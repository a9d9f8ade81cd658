"""Screens pushed over the main view: fact detail, email dialog, help."""
