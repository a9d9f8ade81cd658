"""Delivering one composed message over SMTP: connecting (TLS or STARTTLS, certificates
always verified), logging in, the SMTP transaction with every reply checked, retries of a
transient failure, and each failure as one line that names the stage and never the password.

Both `briefing.deliver.mail` (a brief's message) and `briefing.deliver.outbox` (messages kept
after a failed delivery) send through here; it imports neither.
"""

from __future__ import annotations

import base64
import copy
import os
import smtplib
import socket
import ssl
import time
from collections.abc import Callable, Sequence
from email.generator import BytesGenerator
from email.message import EmailMessage
from io import BytesIO

from briefing.deliver.config import ConfigError, SmtpSettings, config_path
from briefing.errors import BriefingError, UsageError


class MailError(BriefingError):
    """The message could not be sent: network, TLS, login or a refusal by the server."""


class DeliveryError(MailError):
    """One delivery attempt failed at a stage of the SMTP transaction."""

    def __init__(self, text: str, *, stage: str, transient: bool) -> None:
        super().__init__(text)
        self.stage = stage
        """`connect`, `EHLO`, `STARTTLS`, `AUTH`, `MAIL FROM`, `RCPT TO`, `DATA` or
        `after the message body`."""
        self.transient = transient
        """A 4xx reply, a timeout or a dropped connection: trying again later may work."""


#: Seconds to wait before each retry of a transient failure (so 1 + len attempts in all);
#: BRIEFING_SMTP_RETRY_DELAYS="2,8" overrides.
RETRY_DELAYS = (2.0, 8.0)


def envelope(message: EmailMessage) -> tuple[str, tuple[str, ...]]:
    """The envelope sender and recipients (To, Cc, Bcc; each once) of a message."""
    (sender,) = [a.addr_spec for a in message["From"].addresses]
    recipients: dict[str, str] = {}
    for field in ("To", "Cc", "Bcc"):
        header = message[field]
        for address in header.addresses if header is not None else ():
            recipients.setdefault(address.addr_spec.lower(), address.addr_spec)
    return sender, tuple(recipients.values())


RetryHook = Callable[[int, "DeliveryError", float], None]
"""Told (attempt number that failed, why, seconds until the next) before each retry."""


def deliver(message: EmailMessage, settings: SmtpSettings, *, insecure: bool = False,
            ssl_context: ssl.SSLContext | None = None, on_retry: RetryHook | None = None,
            delays: Sequence[float] | None = None) -> tuple[list[str], int]:
    """Send, trying again after a transient failure (a 4xx reply, a timeout, a dropped
    connection) with growing pauses; a permanent one (5xx, TLS, login) is not retried.
    Returns the accepted recipients and the attempts it took; raises the last
    DeliveryError (its text says how many attempts were made)."""
    pauses = list(retry_delays() if delays is None else delays)
    attempt = 1
    while True:
        try:
            return send(message, settings, insecure=insecure, ssl_context=ssl_context), attempt
        except DeliveryError as err:
            if not err.transient or not pauses:
                if attempt > 1:
                    raise DeliveryError(f"{err} (after {attempt} attempts)", stage=err.stage,
                                        transient=err.transient) from None
                raise
            pause = pauses.pop(0)
            if on_retry is not None:
                on_retry(attempt, err, pause)
            time.sleep(pause)
            attempt += 1


def retry_delays() -> tuple[float, ...]:
    raw = os.environ.get("BRIEFING_SMTP_RETRY_DELAYS")
    if not raw:
        return RETRY_DELAYS
    try:
        return tuple(float(part) for part in raw.split(",") if part.strip())
    except ValueError:
        raise ConfigError(f"BRIEFING_SMTP_RETRY_DELAYS must be seconds separated by commas, "
                          f"not {raw!r}") from None


def send(message: EmailMessage, settings: SmtpSettings, *, insecure: bool = False,
         ssl_context: ssl.SSLContext | None = None) -> list[str]:
    """One delivery attempt; return the accepted recipients. Every reply of the transaction
    is checked, the one after the message body included: only a 250 there is "sent". All or
    nothing: when the server refuses any recipient, nobody gets the message and the error
    names the refused ones. Raises DeliveryError naming the stage and the server's words.

    `ssl_context` replaces the default verifying context (e.g. one that trusts a private CA);
    `insecure` only allows a login over `security = "none"`.
    """
    check_can_send(settings, insecure)
    sender, recipients = envelope(message)
    international = is_international(message)
    data = serialize(message)
    context = ssl_context or ssl.create_default_context()
    stage = ["connect"]  # where the transaction is, for the error
    try:
        smtp = _connect(settings, context, stage)
        try:
            _login(smtp, settings, stage)
            _transmit(smtp, sender, recipients, data, international, settings.address, stage)
            _quit(smtp)
        finally:
            smtp.close()
    except DeliveryError as err:
        raise DeliveryError(_scrub(str(err), settings.password), stage=err.stage,
                            transient=err.transient) from None
    except (smtplib.SMTPException, OSError) as err:
        raise DeliveryError(_scrub(_explain(err, settings, stage[0]), settings.password),
                            stage=stage[0], transient=_transient(err)) from None
    return list(recipients)


def _transient(err: BaseException) -> bool:
    """Worth another try later: a 4xx reply, a timeout, a connection dropped midway. A refused
    connection is not: it is nearly always a wrong host or port."""
    if isinstance(err, smtplib.SMTPResponseException):
        return 400 <= err.smtp_code < 500
    if isinstance(err, smtplib.SMTPServerDisconnected):
        return True
    return isinstance(err, TimeoutError | ConnectionResetError | ConnectionAbortedError
                      | BrokenPipeError)


def _refused(where: str, stage: str, code: int, reply: bytes | str, what: str
             ) -> DeliveryError:
    return DeliveryError(f"{where} refused {what} at {stage}: {_reply(code, reply)}",
                         stage=stage, transient=400 <= code < 500)


def check_can_send(settings: SmtpSettings, insecure: bool) -> None:
    if not settings.host:
        raise ConfigError("no SMTP server: set BRIEFING_SMTP_HOST, `host` in the [smtp] table "
                          f"of {config_path()}, or pass --host")
    if settings.password and not settings.user:
        raise ConfigError("a password is set but no user: set BRIEFING_SMTP_USER, `user` in "
                          "the config file, or pass --user")
    if settings.user and not settings.password:
        raise ConfigError(f"no password for user {settings.user!r}: set "
                          "BRIEFING_SMTP_PASSWORD or `password` in the config file")
    if settings.user and settings.security == "none" and not insecure:
        raise UsageError(f"refusing to send the password unencrypted to {settings.address} "
                         "(security none); use --security starttls or ssl, or --insecure")


def is_international(message: EmailMessage) -> bool:
    """Whether an envelope address is not ASCII (the message then needs SMTPUTF8)."""
    sender, recipients = envelope(message)
    return not all(a.isascii() for a in (sender, *recipients))


def serialize(message: EmailMessage, *, keep_bcc: bool = False) -> bytes:
    """The message's bytes as they go out (CRLF; UTF-8 headers when the envelope needs it).
    Bcc is left out unless `keep_bcc` (the outbox keeps it to rebuild the envelope)."""
    utf8 = is_international(message)
    outgoing = copy.copy(message)
    if not keep_bcc:  # the envelope carries Bcc; the header would show it to everyone
        del outgoing["Bcc"]
    buffer = BytesIO()
    chosen = message.policy.clone(utf8=True) if utf8 else message.policy
    BytesGenerator(buffer, policy=chosen).flatten(outgoing, linesep="\r\n")
    return buffer.getvalue()


def _connect(settings: SmtpSettings, context: ssl.SSLContext, stage: list[str]
             ) -> smtplib.SMTP:
    host, port, timeout = settings.host or "", settings.port, settings.timeout
    if settings.security == "ssl":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
    try:
        _ehlo(smtp, settings.address, stage)
        if settings.security == "starttls":
            if not smtp.has_extn("starttls"):
                raise DeliveryError(f"{settings.address} does not offer STARTTLS; try "
                                    "--security ssl (usually port 465)", stage="EHLO",
                                    transient=False)
            stage[0] = "STARTTLS"
            # smtplib hands back a refused STARTTLS instead of raising.
            code, reply = smtp.starttls(context=context)
            if code != 220:
                raise _refused(settings.address, "STARTTLS", code, reply, "TLS")
            _ehlo(smtp, settings.address, stage)
    except BaseException:
        smtp.close()
        raise
    return smtp


def _ehlo(smtp: smtplib.SMTP, where: str, stage: list[str]) -> None:
    stage[0] = "EHLO"
    code, reply = smtp.ehlo()  # a refusal is returned, not raised
    if code != 250:
        code, reply = smtp.helo()
        if code != 250:
            raise _refused(where, "EHLO", code, reply, "the greeting")


def _login(smtp: smtplib.SMTP, settings: SmtpSettings, stage: list[str]) -> None:
    if not settings.user:
        return
    stage[0] = "AUTH"
    if not smtp.has_extn("auth"):
        raise DeliveryError(f"{settings.address} does not offer a login (AUTH); "
                            "check --security and --port", stage="AUTH", transient=False)
    smtp.login(settings.user, settings.password or "")


def _transmit(smtp: smtplib.SMTP, sender: str, recipients: tuple[str, ...], data: bytes,
              international: bool, where: str, stage: list[str]) -> None:
    options = [f"SIZE={len(data)}"] if smtp.has_extn("size") else []
    if international:
        if not smtp.has_extn("smtputf8"):
            raise DeliveryError(f"{where} does not accept non-ASCII addresses (no SMTPUTF8)",
                                stage="MAIL FROM", transient=False)
        options += ["SMTPUTF8", "BODY=8BITMIME"]
    stage[0] = "MAIL FROM"
    code, reply = smtp.mail(sender, options)
    if code != 250:
        smtp.rset()
        raise _refused(where, "MAIL FROM", code, reply, f"the sender {sender}")
    stage[0] = "RCPT TO"
    refused: dict[str, tuple[int, str]] = {}
    for recipient in recipients:
        code, reply = smtp.rcpt(recipient)
        if code not in (250, 251):
            refused[recipient] = (code, _reply(code, reply))
    if refused:
        smtp.rset()
        listed = "; ".join(f"{r} ({why})" for r, (_, why) in refused.items())
        raise DeliveryError(f"{where} refused {listed} at RCPT TO; nothing was sent",
                            stage="RCPT TO",
                            transient=all(400 <= c < 500 for c, _ in refused.values()))
    stage[0] = "DATA"  # smtplib raises when DATA itself is refused (not 354)
    code, reply = smtp.data(data)
    stage[0] = "after the message body"
    if code != 250:  # ...but hands back the reply after the body: a spam filter's 554
        raise _refused(where, "after the message body", code, reply, "the message")


def _quit(smtp: smtplib.SMTP) -> None:
    # The server has accepted the message at this point: a failed goodbye is not a failure.
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def _explain(err: BaseException, settings: SmtpSettings, stage: str) -> str:
    where = settings.address
    match err:
        case smtplib.SMTPAuthenticationError():
            return f"{where} refused the login for user {settings.user!r}: {_reply_of(err)}"
        case smtplib.SMTPServerDisconnected() if "timed out" in str(err):
            # smtplib reports a read timeout as a disconnection.
            return f"{where} did not answer within {settings.timeout:g} s (at {stage})"
        case smtplib.SMTPServerDisconnected():
            return f"{where} closed the connection unexpectedly (at {stage})"
        case smtplib.SMTPDataError():
            return f"{where} refused the message at {stage}: {_reply_of(err)}"
        case smtplib.SMTPResponseException():
            return f"{where} answered {_reply_of(err)} at {stage}"
        case smtplib.SMTPException():
            return f"SMTP error with {where}: {_one_line(str(err))}"
        case ssl.SSLCertVerificationError():
            return (f"TLS with {where} failed: certificate not trusted "
                    f"({err.verify_message or err.reason})")
        case ssl.SSLError():
            hint = "; is it a STARTTLS port? try --security starttls" \
                if err.reason == "WRONG_VERSION_NUMBER" else ""
            return f"TLS with {where} failed: {err.reason or _one_line(str(err))}{hint}"
        case ConnectionRefusedError():
            return f"cannot connect to {where}: connection refused"
        case TimeoutError():
            return f"{where} did not answer within {settings.timeout:g} s (at {stage})"
        case socket.gaierror():
            return f"cannot connect to {where}: unknown host"
        case OSError():
            return f"connection to {where} failed: {err.strerror or _one_line(str(err))}"
    return _one_line(str(err))


def _reply_of(err: smtplib.SMTPResponseException) -> str:
    return _reply(err.smtp_code, err.smtp_error)


def _reply(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return _one_line(f"{code} {text}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _scrub(text: str, password: str | None) -> str:
    """Remove the password, and the base64 forms AUTH sends it in, from a message."""
    if not password:
        return text
    for secret in (password, base64.b64encode(password.encode()).decode()):
        text = text.replace(secret, "********")
    return text
