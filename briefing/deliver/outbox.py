"""The outbox: messages that could not be delivered, kept so that nothing is lost.

Each is a `.eml` (the message as composed, Bcc kept so the envelope can be rebuilt; the
folder is the user's own) with a `.json` beside it saying why and when it failed. It lives in
`<user data dir>/briefing/outbox` (`BRIEFING_OUTBOX` overrides). `briefing email --outbox`
and the TUI's "Send the outbox" try each again with the current settings: a delivered one is
removed, a failed one stays with its new reason.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from briefing.brief.export import write_atomic
from briefing.deliver.config import SmtpSettings
from briefing.deliver.smtp import MailError, RetryHook, deliver, envelope, serialize
from briefing.errors import BriefingError


@dataclass(frozen=True, slots=True)
class Queued:
    """A message waiting in the outbox."""

    path: Path
    subject: str
    recipients: tuple[str, ...]
    reason: str
    failed_at: str


@dataclass(frozen=True, slots=True)
class Resent:
    """What one attempt to send a queued message did."""

    queued: Queued
    sent: bool
    detail: str
    """The server it went through, or why it failed again."""


def outbox_dir() -> Path:
    env = os.environ.get("BRIEFING_OUTBOX")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("briefing")) / "outbox"


def save(message: EmailMessage, *, reason: str, server: str) -> Path:
    """Keep an undelivered message; returns its path. Raises MailError when even that fails
    (the error then says the message is lost only from the outbox: its brief is on disk)."""
    folder = outbox_dir()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    subject = re.sub(r"[^\w.-]+", "-", str(message["Subject"] or "message"))[:60].strip("-")
    path = folder / f"{stamp}-{subject or 'message'}.eml"
    try:
        write_atomic(path, serialize(message, keep_bcc=True))
        _write_note(path, reason, server)
    except OSError as err:
        raise MailError(f"{reason}; and it could not be saved to the outbox {folder}: "
                        f"{err.strerror or err}") from None
    return path


def queued() -> list[Queued]:
    """The messages waiting, oldest first."""
    folder = outbox_dir()
    if not folder.is_dir():
        return []
    return [_queued(path) for path in sorted(folder.glob("*.eml"))]


def resend_all(settings: SmtpSettings, *, on_retry: RetryHook | None = None
               ) -> Iterator[Resent]:
    """Try every queued message again, in order; yields what happened to each."""
    for item in queued():
        try:
            deliver(_load(item.path), settings, on_retry=on_retry)
        except MailError as err:
            _write_note(item.path, str(err), settings.address)
            yield Resent(item, False, str(err))
            continue
        item.path.unlink(missing_ok=True)
        _note_path(item.path).unlink(missing_ok=True)
        yield Resent(item, True, settings.address)


def _load(path: Path) -> EmailMessage:
    try:
        message = BytesParser(policy=policy.SMTP).parsebytes(path.read_bytes())
    except OSError as err:
        raise MailError(f"cannot read {path}: {err.strerror or err}") from None
    if not isinstance(message, EmailMessage) or message["From"] is None:
        raise MailError(f"{path} is not a message briefing can send")
    return message


def _queued(path: Path) -> Queued:
    try:
        message = _load(path)
        subject = str(message["Subject"] or "")
        recipients = envelope(message)[1]
    except (BriefingError, ValueError) as err:
        subject, recipients = path.name, ()
        note = {"reason": str(err)}
    else:
        note = _read_note(path)
    return Queued(path, subject, recipients, str(note.get("reason", "")),
                  str(note.get("failed_at", "")))


def _note_path(path: Path) -> Path:
    return path.with_suffix(".json")


def _read_note(path: Path) -> dict:
    try:
        note = json.loads(_note_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return note if isinstance(note, dict) else {}


def _write_note(path: Path, reason: str, server: str) -> None:
    note = {"reason": reason, "server": server,
            "failed_at": datetime.now(UTC).isoformat(timespec="seconds")}
    write_atomic(_note_path(path), json.dumps(note, ensure_ascii=False) + "\n")
