"""Honest delivery: a message is "sent" only when the server says 250 after its body.

Real aiosmtpd servers on 127.0.0.1 fail at each stage of the SMTP transaction in turn; the
CLI must then exit 1 with one line naming the stage and the server's words, keep the message
in the outbox, and deliver it exactly once when `briefing email --outbox` tries again.
"""

from __future__ import annotations

from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
import typer
from smtp_server import (
    PASSWORD,
    USER,
    ScriptedHandler,
    TlsFiles,
    authenticator,
    free_port,
    make_tls_files,
    running,
    scripted,
)
from typer.testing import CliRunner

PDF_BYTES = b"%PDF-1.7\n1 0 obj\n<< >>\nendobj\n%%EOF\n"
BRIEF_MD = "# Brief: South Korea\n\n*As of 2026-11-22*\n\n## Key findings\n\n1. A finding. [1]\n"


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No real config, a private outbox, and retries that do not wait for seconds."""
    monkeypatch.setenv("BRIEFING_CONFIG", str(tmp_path / "absent-config.toml"))
    for name in ("HOST", "PORT", "SECURITY", "USER", "PASSWORD", "FROM", "TIMEOUT"):
        monkeypatch.delenv(f"BRIEFING_SMTP_{name}", raising=False)
    monkeypatch.setenv("BRIEFING_SMTP_RETRY_DELAYS", "0.05,0.05")
    outbox = tmp_path / "outbox"
    monkeypatch.setenv("BRIEFING_OUTBOX", str(outbox))
    return outbox


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return make_tls_files(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    path = tmp_path / "out" / "brief-kr-2026-11-22.pdf"
    path.parent.mkdir()
    path.write_bytes(PDF_BYTES)
    path.with_suffix(".md").write_text(BRIEF_MD, encoding="utf-8")
    return path


def send(cli: typer.Typer, pdf: Path, port: int, *extra: str):
    return CliRunner().invoke(cli, ["email", str(pdf), "--to", "ana@example.com",
                                    "--bcc", "hidden@example.com", "--host", "127.0.0.1",
                                    "--port", str(port), "--from", "desk@example.com",
                                    "--security", "none", *extra])


def outbox_files(outbox: Path) -> list[Path]:
    return sorted(outbox.glob("*.eml")) if outbox.is_dir() else []


# (stage in the message, script for the server, the server's words in the message)
PERMANENT = [
    ("EHLO", {"EHLO": ["554 5.7.1 go away"], "HELO": ["554 5.7.1 go away"]}, "554 5.7.1 go away"),
    ("MAIL FROM", {"MAIL": ["550 5.1.0 sender rejected"]}, "550 5.1.0 sender rejected"),
    ("RCPT TO", {"RCPT": ["550 5.1.1 no such user"]}, "550 5.1.1 no such user"),
    ("DATA", {"DATA": ["554 5.3.4 no DATA now"]}, "554 5.3.4 no DATA now"),
]


@pytest.mark.parametrize(("stage", "script", "words"), PERMANENT)
def test_a_refusal_at_any_stage_is_a_failure_kept_in_the_outbox(
        cli: typer.Typer, pdf: Path, isolated: Path, stage: str, script: dict, words: str):
    handler = ScriptedHandler()
    with scripted(handler, script) as server:
        result = send(cli, pdf, server.port)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert f"at {stage}" in result.stderr and words in result.stderr
    assert "attempt" not in result.stderr  # a 5xx is not retried
    (saved,) = outbox_files(isolated)
    assert f"saved to {saved}" in result.stderr and "briefing email --outbox" in result.stderr
    assert handler.received == []


def test_a_spam_filter_refusing_the_body_is_not_sent(cli: typer.Typer, pdf: Path,
                                                     isolated: Path):
    """The reply after the body is the one that says whether the message was taken."""
    handler = ScriptedHandler(after_body=["554 5.7.1 Message rejected as spam"])
    with scripted(handler, {}) as server:
        result = send(cli, pdf, server.port)
    assert result.exit_code == 1
    assert "sent" not in result.stdout
    assert ("refused the message at after the message body: 554 5.7.1 Message rejected as spam"
            in result.stderr)
    assert len(outbox_files(isolated)) == 1 and handler.received == []


def test_a_size_limit_after_the_body_is_not_sent(cli: typer.Typer, pdf: Path, isolated: Path):
    handler = ScriptedHandler(after_body=["552 5.3.4 Message size exceeds fixed limit"])
    with scripted(handler, {}) as server:
        result = send(cli, pdf, server.port)
    assert result.exit_code == 1 and "552 5.3.4" in result.stderr
    assert len(outbox_files(isolated)) == 1


def test_connection_refused_is_kept_in_the_outbox(cli: typer.Typer, pdf: Path, isolated: Path):
    result = send(cli, pdf, free_port())
    assert result.exit_code == 1
    assert "connection refused" in result.stderr and result.stderr.count("\n") == 1
    assert len(outbox_files(isolated)) == 1


def test_a_refused_starttls_is_a_failure(cli: typer.Typer, pdf: Path, isolated: Path,
                                         tls: TlsFiles):
    handler = ScriptedHandler()
    with scripted(handler, {"STARTTLS": ["554 5.7.3 TLS not available"]},
                  tls_context=tls.server_context()) as server:
        result = send(cli, pdf, server.port, "--security", "starttls")
    assert result.exit_code == 1
    assert "554 5.7.3 TLS not available at STARTTLS" in result.stderr
    assert len(outbox_files(isolated)) == 1 and handler.received == []


def test_a_refused_login_is_a_failure(cli: typer.Typer, pdf: Path, isolated: Path,
                                      monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("BRIEFING_SMTP_PASSWORD", PASSWORD)
    handler = ScriptedHandler()
    # smtplib tries each mechanism the server offers: refuse them all.
    with scripted(handler, {"AUTH": ["535 5.7.8 authentication failed"] * 3},
                  authenticator=authenticator, auth_require_tls=False) as server:
        result = send(cli, pdf, server.port, "--user", USER, "--insecure")
    assert result.exit_code == 1
    assert "535 5.7.8 authentication failed" in result.stderr
    assert PASSWORD not in result.output + result.stderr
    (saved,) = outbox_files(isolated)
    assert PASSWORD.encode() not in saved.read_bytes() + saved.with_suffix(".json").read_bytes()


def test_a_failed_goodbye_after_acceptance_is_sent(cli: typer.Typer, pdf: Path, isolated: Path):
    handler = ScriptedHandler()
    with scripted(handler, {"QUIT": ["421 4.3.2 shutting down"]}) as server:
        result = send(cli, pdf, server.port)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"sent {pdf} to 2 recipients")
    assert len(handler.received) == 1 and outbox_files(isolated) == []


@pytest.mark.parametrize("script, after_body", [
    ({"MAIL": ["451 4.3.0 try again later"]}, []),
    ({}, ["451 4.7.1 greylisted, try again later"]),
])
def test_a_transient_failure_is_retried_and_delivered_once(
        cli: typer.Typer, pdf: Path, isolated: Path, script: dict, after_body: list[str]):
    handler = ScriptedHandler(after_body=after_body)
    with scripted(handler, script) as server:
        result = send(cli, pdf, server.port)
    assert result.exit_code == 0, result.output
    assert "attempt 1 failed" in result.stderr and "451 4." in result.stderr
    assert result.stdout.rstrip().endswith("after 2 attempts")
    assert len(handler.received) == 1  # exactly one copy in the mailbox
    assert handler.received[0].rcpt_tos == ["ana@example.com", "hidden@example.com"]
    assert outbox_files(isolated) == []


def test_a_lasting_transient_failure_gives_up_after_three_attempts(
        cli: typer.Typer, pdf: Path, isolated: Path):
    handler = ScriptedHandler()
    with scripted(handler, {"MAIL": ["451 4.3.0 busy"] * 5}) as server:
        result = send(cli, pdf, server.port)
    assert result.exit_code == 1
    assert result.stderr.count("warning: attempt") == 2
    assert "(after 3 attempts); not sent: saved to" in result.stderr
    assert len(outbox_files(isolated)) == 1 and handler.received == []


def test_the_outbox_is_listed_and_sent_again_exactly_once(cli: typer.Typer, pdf: Path,
                                                         isolated: Path):
    refusing = ScriptedHandler(after_body=["554 5.7.1 rejected"])
    with scripted(refusing, {}) as server:
        assert send(cli, pdf, server.port).exit_code == 1
    (saved,) = outbox_files(isolated)

    listed = CliRunner().invoke(cli, ["email", "--outbox", "--dry-run"])
    assert listed.exit_code == 0
    assert saved.name in listed.stdout and "554 5.7.1 rejected" in listed.stdout
    assert "ana@example.com, hidden@example.com" in listed.stdout

    # The server still refuses: the message stays, with the new reason; exit 1.
    still = ScriptedHandler(after_body=["554 5.7.1 still no"])
    with scripted(still, {}) as server:
        again = CliRunner().invoke(cli, ["email", "--outbox", "--host", "127.0.0.1", "--port",
                                         str(server.port), "--security", "none"])
    assert again.exit_code == 1 and "554 5.7.1 still no" in again.stderr
    assert outbox_files(isolated) == [saved]

    healthy = ScriptedHandler()
    with running(healthy) as server:
        sent = CliRunner().invoke(cli, ["email", "--outbox", "--host", "127.0.0.1", "--port",
                                        str(server.port), "--security", "none"])
    assert sent.exit_code == 0, sent.output
    assert sent.stdout.startswith(f"sent {saved.name} to 2 recipient(s)")
    assert len(healthy.received) == 1
    delivered = healthy.received[0]
    assert delivered.rcpt_tos == ["ana@example.com", "hidden@example.com"]
    message = BytesParser(policy=policy.default).parsebytes(delivered.data)
    assert message["Bcc"] is None  # the envelope carries Bcc, never a header
    assert message.get_payload()[1].get_payload(decode=True) == PDF_BYTES
    assert outbox_files(isolated) == []
    empty = CliRunner().invoke(cli, ["email", "--outbox"])
    assert empty.exit_code == 0 and "the outbox is empty" in empty.stderr


def test_outbox_and_a_file_are_a_usage_error(cli: typer.Typer, pdf: Path):
    result = CliRunner().invoke(cli, ["email", str(pdf), "--outbox"])
    assert result.exit_code == 2 and result.stderr.startswith("error: ")
    missing = CliRunner().invoke(cli, ["email", str(pdf)])
    assert missing.exit_code == 2 and "--to" in missing.stderr
