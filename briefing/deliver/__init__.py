"""Delivering a brief: mail settings (`config`: file, environment, flags), the message and
its sending (`mail`), the SMTP conversation with retries (`smtp`) and the outbox of mails not
yet sent (`outbox`). It may import the brief (to export the file it attaches) and everything
below it; never the CLI, the terminal app, Textual or typer."""
