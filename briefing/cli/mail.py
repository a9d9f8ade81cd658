"""`briefing email` and `briefing config`: thin wrappers over `briefing.deliver.mail` and `briefing.deliver.config`.

Registered by the main app with `app.command("email")(email_command)` and
`app.add_typer(config_app, name="config")`. There is no --password flag on purpose: a flag
would sit in the shell history and the process list; it comes from the environment or the
config file only.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from briefing.cli.printing import echo
from briefing.deliver.config import describe, resolve_settings
from briefing.errors import BriefingError, UsageError
from briefing.model import Brief

if TYPE_CHECKING:
    from briefing.deliver.mail import Outcome

CONNECTION = "Connection (override the config file and BRIEFING_SMTP_* variables)"

config_app = typer.Typer(
    help="Where the mail settings live and what they are.\n\n"
         "Example: briefing config show",
    no_args_is_help=True,
)


@contextmanager
def _reported() -> Iterator[None]:
    """Turn a BriefingError into one `error: …` line on stderr and its exit code."""
    try:
        yield
    except BriefingError as err:
        echo(f"error: {err}", err=True)
        raise typer.Exit(err.exit_code) from None


def email_command(
    file: Annotated[Path | None, typer.Argument(
        help="The brief's PDF (out/brief-<selection>-<date>.pdf) or its .md.",
        show_default=False)] = None,
    to: Annotated[list[str] | None, typer.Option(
        "--to", help="Recipient, e.g. 'Kim <kim@example.kr>'; repeat for more.",
        show_default=False)] = None,
    cc: Annotated[list[str] | None, typer.Option("--cc", help="Copy to; repeatable.")] = None,
    bcc: Annotated[list[str] | None, typer.Option(
        "--bcc", help="Blind copy (envelope only, never a header); repeatable.")] = None,
    subject: Annotated[str | None, typer.Option(
        help="Default: the brief's title and as-of date.")] = None,
    body_file: Annotated[Path | None, typer.Option(
        "--body-file", help="UTF-8 text file to use as the whole body.")] = None,
    attach_markdown: Annotated[bool, typer.Option(
        "--attach-markdown", help="Attach the Markdown too.")] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Write <stem>.eml next to the brief instead of sending "
                          "(with --outbox: list the waiting messages only).")] = False,
    outbox: Annotated[bool, typer.Option(
        "--outbox", help="Send again the messages that could not be delivered before.")
    ] = False,
    host: Annotated[str | None, typer.Option(help="SMTP server.", rich_help_panel=CONNECTION)
                    ] = None,
    port: Annotated[int | None, typer.Option(
        help="Default 587 (starttls), 465 (ssl), 25 (none).", rich_help_panel=CONNECTION)
    ] = None,
    security: Annotated[str | None, typer.Option(
        help="starttls (default), ssl or none.", rich_help_panel=CONNECTION)] = None,
    user: Annotated[str | None, typer.Option(
        help="Login name; the password comes from BRIEFING_SMTP_PASSWORD or the config file.",
        rich_help_panel=CONNECTION)] = None,
    sender: Annotated[str | None, typer.Option(
        "--from", help="From address.", rich_help_panel=CONNECTION)] = None,
    insecure: Annotated[bool, typer.Option(
        "--insecure", help="Allow a login over --security none (password in clear text).",
        rich_help_panel=CONNECTION)] = False,
) -> None:
    """Email a brief that was made: the PDF attached, key findings and sources in the body.

    A message the server does not accept is retried when the failure is transient (4xx,
    timeout, dropped connection), then kept in the outbox; --outbox sends those again.

    Examples (the second writes out/brief-kr-2026-11-22.eml instead of sending):

    \b
      briefing email out/brief-kr-2026-11-22.pdf --to analyst@example.org --cc desk@example.org
      briefing email out/brief-kr-2026-11-22.pdf --to analyst@example.org --dry-run
      briefing email --outbox
    """
    from briefing.deliver.mail import email_brief  # smtplib, ssl, email-validator: ~90 ms

    with _reported():
        settings = resolve_settings({"host": host, "port": port, "security": security,
                                     "user": user, "sender": sender}).settings
        if outbox:
            if file is not None or to:
                raise UsageError("--outbox sends the waiting messages: give no file or --to")
            raise typer.Exit(_send_outbox(settings, list_only=dry_run))
        if file is None or not to:
            raise UsageError("give the brief's file and at least one --to (or --outbox)")
        outcome = email_brief(file, to=to, cc=cc or (), bcc=bcc or (), subject=subject,
                              body=_read_body(body_file), attach_markdown=attach_markdown,
                              settings=settings, dry_run=dry_run, insecure=insecure,
                              on_retry=_say_retry)
    _report(outcome)


def _say_retry(attempt: int, err: BriefingError, pause: float) -> None:
    echo(f"warning: attempt {attempt} failed ({err}); trying again in {pause:g} s",
               err=True)


def _send_outbox(settings, *, list_only: bool) -> int:
    """Send (or only list) the outbox; the exit code: 1 when any message failed again."""
    from briefing.deliver.outbox import outbox_dir, queued, resend_all

    waiting = queued()
    if not waiting:
        echo(f"the outbox is empty ({outbox_dir()})", err=True)
        return 0
    if list_only:
        for item in waiting:
            echo(f"{item.path.name}\t{', '.join(item.recipients)}\t{item.subject}"
                       f"\t{item.failed_at}\t{item.reason}")
        return 0
    failed = 0
    for result in resend_all(settings, on_retry=_say_retry):
        if result.sent:
            echo(f"sent {result.queued.path.name} to {len(result.queued.recipients)} "
                       f"recipient(s) via {result.detail}")
        else:
            failed += 1
            echo(f"error: {result.queued.path.name}: {result.detail}", err=True)
    return 1 if failed else 0


def send_made_brief(brief: Brief, paths: Sequence[Path], to: Sequence[str]) -> None:
    """`briefing make … --email ADDR`: send the PDF just written; the body comes from `brief`.

    Settings come from the config file and BRIEFING_SMTP_* variables (make has no
    connection flags).
    """
    from briefing.deliver.mail import email_brief

    with _reported():
        pdf = next((p for p in paths if p.suffix.lower() == ".pdf"), None)
        if pdf is None:
            raise UsageError("--email sends the PDF, and no PDF was written")
        outcome = email_brief(pdf, to=to, brief=brief, settings=resolve_settings().settings,
                              on_retry=_say_retry)
    _report(outcome)


def _read_body(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise UsageError(f"cannot read --body-file {path}: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise UsageError(f"cannot read --body-file {path}: not UTF-8 text") from None


def _report(outcome: Outcome) -> None:
    for warning in outcome.warnings:
        echo(f"warning: {warning}", err=True)
    count = len(outcome.recipients)
    recipients = f"{count} recipient{'s' if count != 1 else ''}"
    if outcome.eml is not None:
        echo(str(outcome.eml))
        echo(f"dry run: nothing sent; it would go to {recipients}: "
                   f"{', '.join(outcome.recipients)}", err=True)
        return
    tries = f" after {outcome.attempts} attempts" if outcome.attempts > 1 else ""
    echo(f"sent {outcome.attachments[0]} to {recipients} via {outcome.server}{tries}")


@config_app.command("path")
def config_path_command() -> None:
    """Print the config file's location (set BRIEFING_CONFIG to use another file).

    Example: briefing config path
    """
    with _reported():
        path = resolve_settings().path
    echo(str(path))
    if not path.is_file():
        echo("(no file there yet; see `briefing config show --help` for its format)",
                   err=True)


@config_app.command("show")
def config_show_command() -> None:
    """Print the effective mail settings (password masked) and where each one came from.

    Example: briefing config show

    Precedence, lowest first: the config file, the variables BRIEFING_SMTP_HOST, _PORT,
    _SECURITY, _USER, _PASSWORD, _FROM, then command-line flags. The config file is TOML
    (or YAML if named config.yaml) with a table named smtp, for example:

    \b
      [smtp]
      host = "smtp.example.com"
      port = 587
      security = "starttls"
      user = "me@example.com"
      from = "Policy Desk <me@example.com>"
      password = "…"
    """
    with _reported():
        resolved = resolve_settings()
    found = "" if resolved.path.is_file() else " (not found)"
    echo(f"config file: {resolved.path}{found}")
    rows = describe(resolved)
    width = max(len(value) for _, value, _ in rows)
    for name, value, origin in rows:
        echo(f"{name:<9} {value:<{width}}  ({origin})")
