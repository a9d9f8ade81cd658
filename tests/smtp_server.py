"""Real SMTP servers for the mail tests: aiosmtpd on 127.0.0.1, plain, STARTTLS, SMTPS, AUTH.

The TLS certificates are made at test time with `openssl`: a test CA and a server
certificate for 127.0.0.1 signed by it, so the client verifies for real against that CA.
"""

from __future__ import annotations

import functools
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

USER = "analyst"
PASSWORD = "s3cret-Passw0rd-do-not-leak"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes


@dataclass
class RecordingHandler:
    """Keeps every message it accepts; answers 550 for the addresses in `refuse`."""

    refuse: frozenset[str] = frozenset()
    received: list[Received] = field(default_factory=list)

    async def handle_RCPT(self, server: Any, session: Session, envelope: Envelope,
                          address: str, rcpt_options: list[str]) -> str:
        if address.lower() in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        data = envelope.original_content or envelope.content
        assert isinstance(data, bytes)
        self.received.append(Received(str(envelope.mail_from), list(envelope.rcpt_tos), data))
        return "250 Message accepted for delivery"


def authenticator(server: Any, session: Session, envelope: Envelope, mechanism: str,
                  auth_data: Any) -> AuthResult:
    """Accepts exactly USER / PASSWORD."""
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode()
          and auth_data.password == PASSWORD.encode())
    return AuthResult(success=ok, handled=False)


@dataclass(frozen=True)
class TlsFiles:
    ca_cert: Path
    server_cert: Path
    server_key: Path

    def client_context(self) -> ssl.SSLContext:
        """A normal verifying client context that trusts the test CA."""
        return ssl.create_default_context(cafile=str(self.ca_cert))

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.server_cert, self.server_key)
        return context


def make_tls_files(folder: Path) -> TlsFiles:
    """A CA and a server certificate for 127.0.0.1/localhost signed by it, via openssl."""
    ca_key, ca_cert = folder / "ca.key", folder / "ca.pem"
    key, csr, cert, ext = (folder / n for n in ("server.key", "server.csr", "server.pem",
                                                "server.ext"))
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-keyout", ca_key, "-out", ca_cert, "-subj", "/CN=briefing test CA",
             "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr,
             "-subj", "/CN=127.0.0.1")
    ext.write_text("basicConstraints=critical,CA:FALSE\n"
                   "keyUsage=critical,digitalSignature,keyEncipherment\n"
                   "extendedKeyUsage=serverAuth\n"
                   "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                   "authorityKeyIdentifier=keyid,issuer\n")
    _openssl("x509", "-req", "-in", csr, "-CA", ca_cert, "-CAkey", ca_key, "-CAcreateserial",
             "-days", "2", "-out", cert, "-extfile", ext)
    return TlsFiles(ca_cert, cert, key)


def _openssl(*args: object) -> None:
    subprocess.run(["openssl", *map(str, args)], check=True, capture_output=True)


def free_port() -> int:
    """A port nothing listens on that no other process is given for about a minute, for a
    server to bind (aiosmtpd's Controller cannot take port 0) or a client to be refused on.

    A port merely probed and closed could be handed to a test in another pytest-xdist worker
    before ours binds it. So a connection is made and closed from our side first: that leaves
    the port in TIME_WAIT, which the kernel skips when it picks a port for bind(0), while a
    server that sets SO_REUSEADDR (asyncio's, so the Controller's) may still bind it."""
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT inherits it
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port)):
            accepted, _ = listener.accept()
            accepted.close()  # the side that closes first holds the TIME_WAIT: ours
    return port


@contextmanager
def running(handler: RecordingHandler, **options: Any) -> Iterator[Controller]:
    """An aiosmtpd server on 127.0.0.1 with the given Controller/SMTP options."""
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()


@contextmanager
def silent_server() -> Iterator[int]:
    """A port that accepts connections (the kernel's backlog) but never says a word."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        yield listener.getsockname()[1]


@contextmanager
def closing_server() -> Iterator[int]:
    """A port whose server hangs up right after accepting, before any greeting."""
    stop = threading.Event()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(0.05)  # so the loop notices `stop` without a blocked accept()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


# --------------------------------------------------------------------------- failing servers


class ScriptedSMTP(SMTP):
    """aiosmtpd's server, except that a command named in `script` is answered with the next
    reply queued for it (shared by every connection), then handled normally once the queue
    is empty: "451 then 250" is `{"DATA": ["451 4.3.0 try later"]}`."""

    def __init__(self, handler: Any, script: dict[str, list[str]], **kwargs: Any) -> None:
        super().__init__(handler, **kwargs)
        self.script = script

    async def _scripted(self, command: str) -> bool:
        queue = self.script.get(command)
        if not queue:
            return False
        await self.push(queue.pop(0))
        return True


def _scripted_command(name: str) -> Any:
    """ScriptedSMTP's `smtp_<name>`: the scripted reply, else aiosmtpd's own command (whose
    attributes, e.g. when STARTTLS is offered, it keeps)."""
    original = getattr(SMTP, f"smtp_{name}")

    @functools.wraps(original)
    async def command(self: ScriptedSMTP, arg: Any) -> None:
        if not await self._scripted(name):
            await original(self, arg)

    return command


for _name in ("EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "QUIT"):
    setattr(ScriptedSMTP, f"smtp_{_name}", _scripted_command(_name))


@dataclass
class ScriptedHandler(RecordingHandler):
    """Also answers the end of the message body from a queue ("554 5.7.1 spam") before
    accepting it; only accepted messages are in `received`."""

    after_body: list[str] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        if self.after_body:
            return self.after_body.pop(0)
        return await super().handle_DATA(server, session, envelope)


class _ScriptedController(Controller):
    def __init__(self, handler: Any, script: dict[str, list[str]], **kwargs: Any) -> None:
        self.script = script
        super().__init__(handler, **kwargs)

    def factory(self) -> SMTP:
        return ScriptedSMTP(self.handler, self.script, **self.SMTP_kwargs)


@contextmanager
def scripted(handler: RecordingHandler, script: dict[str, list[str]], **options: Any
             ) -> Iterator[Controller]:
    """A real aiosmtpd server on 127.0.0.1 that fails the commands `script` names."""
    controller = _ScriptedController(handler, script, hostname="127.0.0.1", port=free_port(),
                                     **options)
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()
