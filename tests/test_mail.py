"""Emailing a brief, against real aiosmtpd servers on 127.0.0.1 (plain, STARTTLS, SMTPS, AUTH)."""

from __future__ import annotations

import subprocess
import sys
import traceback
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser, Parser
from pathlib import Path

import pytest
import typer
from factories import make_brief, make_fact, make_source
from smtp_server import (
    PASSWORD,
    USER,
    RecordingHandler,
    TlsFiles,
    authenticator,
    closing_server,
    free_port,
    make_tls_files,
    running,
    silent_server,
)
from typer.testing import CliRunner

from briefing.cli import mail as cli_mail
from briefing.deliver.config import SmtpSettings
from briefing.deliver.mail import (
    LARGE_ATTACHMENT,
    AddressError,
    MailError,
    compose,
    email_brief,
    envelope,
    render_text,
    text_from_markdown,
    write_eml,
)
from briefing.deliver.smtp import send
from briefing.errors import UsageError

#: Binary bytes that a careless transfer would damage: CR/LF, NUL, 8-bit, a lone dot line.
PDF_BYTES = b"%PDF-1.7\r\n%\xe2\xe3\xcf\xd3\n1 0 obj\n.\r\n..\x00\xff\r\n.\nendobj\n%%EOF\n"

BRIEF_MD = """\
# Brief: South Korea

*As of 2026-11-22* · 2 facts from 1 source

## Key findings

- The government plans to triple its AI development budget to approximately \
$6.8 billion next year. \\[1\\]
- South Korea's *AI Basic Act* takes effect in January 2026. [[2]](#source-2)
  - a nested note that is not a finding

## Key figures

- $6.8 billion — AI development budget \\[1\\]

## Sources

1. [Korea triples its AI budget](https://example.com/kr) — Example News, 2025-03-01
2. Basic Act explained — Seoul Daily, 2025-05-02
"""


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Never read the user's real config or SMTP variables."""
    monkeypatch.setenv("BRIEFING_CONFIG", str(tmp_path / "absent-config.toml"))
    monkeypatch.setenv("BRIEFING_OUTBOX", str(tmp_path / "outbox"))
    monkeypatch.setenv("BRIEFING_SMTP_RETRY_DELAYS", "0.01,0.01")
    for name in ("HOST", "PORT", "SECURITY", "USER", "PASSWORD", "FROM", "TIMEOUT"):
        monkeypatch.delenv(f"BRIEFING_SMTP_{name}", raising=False)


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return make_tls_files(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def pdf(out: Path) -> Path:
    """A made brief: PDF plus its Markdown sibling."""
    path = out / "brief-kr-2026-11-22.pdf"
    path.write_bytes(PDF_BYTES)
    path.with_suffix(".md").write_text(BRIEF_MD, encoding="utf-8")
    return path


def plain(port: int, **extra: object) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=port, security="none",
                        sender="Policy Desk <desk@example.com>", **extra)  # type: ignore[arg-type]


def parsed(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def attachments(message: EmailMessage) -> dict[str, tuple[str, bytes]]:
    return {part.get_filename(): (part.get_content_type(), part.get_payload(decode=True))
            for part in message.iter_attachments()}


def assert_one_line(err: BaseException, *absent: str) -> None:
    text = str(err)
    assert text and "\n" not in text
    shown = "".join(traceback.format_exception(err))
    for secret in absent:
        assert secret not in shown


# --------------------------------------------------------------------------- round trips


def test_plain_smtp_delivers_pdf_byte_identical_with_body_from_markdown(pdf: Path) -> None:
    handler = RecordingHandler()
    with running(handler) as server:
        outcome = email_brief(pdf, to=["Ana <ana@example.com>", "bo@example.org"],
                              cc=["cc@example.net"], bcc=["hidden@example.com"],
                              settings=plain(server.port))
    assert outcome.server == f"127.0.0.1:{server.port}"
    assert set(outcome.recipients) == {"ana@example.com", "bo@example.org", "cc@example.net",
                                       "hidden@example.com"}
    (got,) = handler.received
    assert got.mail_from == "desk@example.com"
    assert "hidden@example.com" in got.rcpt_tos
    assert b"hidden@example.com" not in got.data
    message = parsed(got.data)
    assert message["Bcc"] is None
    assert message["To"].addresses[0].display_name == "Ana"
    assert message["Cc"] == "cc@example.net"
    assert message["Subject"] == "Brief: South Korea (as of 2026-11-22)"
    assert message["Message-ID"].endswith("@example.com>")
    assert message["Date"].datetime is not None
    assert attachments(message) == {pdf.name: ("application/pdf", PDF_BYTES)}
    body = message.get_body(("plain",)).get_content()
    assert "1. The government plans to triple" in body
    assert "$6.8 billion next year. [1]" in body and "\\[" not in body
    assert "Act takes effect in January 2026. [2]" in body and "#source-2" not in body
    assert "nested note" not in body and "AI development budget [1]" not in body
    assert "[1] Korea triples its AI budget <https://example.com/kr> — Example News" in body
    assert "[2] Basic Act explained — Seoul Daily, 2025-05-02" in body
    assert f"Attached: {pdf.name}" in body


def test_starttls_round_trips_korean_subject_names_and_file_name(out: Path, tls: TlsFiles
                                                                  ) -> None:
    pdf = out / "브리핑-한국-2026-11-22.pdf"
    pdf.write_bytes(PDF_BYTES)
    handler = RecordingHandler()
    with running(handler, tls_context=tls.server_context(), require_starttls=True) as server:
        settings = SmtpSettings(host="127.0.0.1", port=server.port, security="starttls",
                                sender="정책팀 <desk@example.com>")
        email_brief(pdf, to=["김민준 <minjun@example.kr>"], subject="브리핑: 대한민국 인공지능",
                    settings=settings, ssl_context=tls.client_context())
    message = parsed(handler.received[0].data)
    assert message["Subject"] == "브리핑: 대한민국 인공지능"
    assert message["From"].addresses[0].display_name == "정책팀"
    assert message["To"].addresses[0].display_name == "김민준"
    assert attachments(message) == {pdf.name: ("application/pdf", PDF_BYTES)}
    assert handler.received[0].data.isascii()  # encoded per RFC 2047/2231, not raw UTF-8


def test_implicit_ssl_delivers(pdf: Path, tls: TlsFiles) -> None:
    handler = RecordingHandler()
    with running(handler, ssl_context=tls.server_context()) as server:
        settings = SmtpSettings(host="127.0.0.1", port=server.port, security="ssl",
                                sender="desk@example.com")
        accepted = send(compose(pdf, to=["ana@example.com"], sender=settings.sender or ""),
                        settings, ssl_context=tls.client_context())
    assert accepted == ["ana@example.com"]
    assert attachments(parsed(handler.received[0].data))[pdf.name][1] == PDF_BYTES


def test_login_over_starttls(pdf: Path, tls: TlsFiles) -> None:
    handler = RecordingHandler()
    with running(handler, tls_context=tls.server_context(), require_starttls=True,
                 authenticator=authenticator, auth_require_tls=True, auth_required=True
                 ) as server:
        settings = SmtpSettings(host="127.0.0.1", port=server.port, user=USER,
                                password=PASSWORD, sender="desk@example.com")
        email_brief(pdf, to=["ana@example.com"], settings=settings,
                    ssl_context=tls.client_context())
    assert len(handler.received) == 1


def test_non_ascii_address_goes_out_with_smtputf8(pdf: Path) -> None:
    handler = RecordingHandler()
    with running(handler) as server:
        email_brief(pdf, to=["민준@example.kr"], settings=plain(server.port))
    assert handler.received[0].rcpt_tos == ["민준@example.kr"]
    # Sent as raw UTF-8 (RFC 6531), so read it as text, not through the ASCII byte parser.
    message = Parser(policy=policy.default).parsestr(handler.received[0].data.decode("utf-8"))
    assert message["To"].addresses[0].username == "민준"


# --------------------------------------------------------------------------- failures


def test_untrusted_certificate_is_refused(pdf: Path, tls: TlsFiles) -> None:
    handler = RecordingHandler()
    with running(handler, tls_context=tls.server_context(), require_starttls=True) as server:
        settings = SmtpSettings(host="127.0.0.1", port=server.port, sender="desk@example.com")
        with pytest.raises(MailError, match="certificate not trusted") as caught:
            email_brief(pdf, to=["ana@example.com"], settings=settings)  # default context
    assert_one_line(caught.value)
    assert handler.received == []


def test_ssl_to_a_plain_server_fails_with_tls_error(pdf: Path) -> None:
    with running(RecordingHandler()) as server:
        settings = SmtpSettings(host="127.0.0.1", port=server.port, security="ssl",
                                sender="desk@example.com", timeout=5)
        with pytest.raises(MailError, match=r"^TLS with 127\.0\.0\.1:\d+ failed") as caught:
            email_brief(pdf, to=["ana@example.com"], settings=settings)
    assert_one_line(caught.value)


def test_bad_password_names_the_failure_not_the_password(pdf: Path, tls: TlsFiles) -> None:
    wrong = "Wr0ng-Secret-xyzzy"
    with running(RecordingHandler(), tls_context=tls.server_context(),
                 authenticator=authenticator, auth_require_tls=True) as server:
        settings = SmtpSettings(host="127.0.0.1", port=server.port, user=USER, password=wrong,
                                sender="desk@example.com")
        with pytest.raises(MailError, match=r"refused the login for user 'analyst': 535") as c:
            email_brief(pdf, to=["ana@example.com"], settings=settings,
                        ssl_context=tls.client_context())
    assert_one_line(c.value, wrong)
    assert wrong not in repr(settings)


def test_connection_refused(pdf: Path) -> None:
    port = free_port()  # nothing listens there
    with pytest.raises(MailError) as caught:
        email_brief(pdf, to=["ana@example.com"], settings=plain(port))
    assert str(caught.value).startswith(
        f"cannot connect to 127.0.0.1:{port}: connection refused; not sent: saved to ")
    assert_one_line(caught.value)


def test_silent_server_times_out(pdf: Path) -> None:
    with silent_server() as port, pytest.raises(MailError) as caught:
        email_brief(pdf, to=["ana@example.com"], settings=plain(port, timeout=0.3))
    assert str(caught.value).startswith(
        f"127.0.0.1:{port} did not answer within 0.3 s (at connect) (after 3 attempts); not sent")


def test_server_that_hangs_up(pdf: Path) -> None:
    with closing_server() as port, pytest.raises(MailError) as caught:
        email_brief(pdf, to=["ana@example.com"], settings=plain(port, timeout=5))
    assert str(caught.value).startswith(
        f"127.0.0.1:{port} closed the connection unexpectedly (at connect) (after 3 attempts)")


def test_refused_recipient_means_nobody_gets_it(pdf: Path) -> None:
    handler = RecordingHandler(refuse=frozenset({"gone@example.com"}))
    with running(handler) as server, pytest.raises(MailError) as caught:
        email_brief(pdf, to=["ana@example.com", "gone@example.com"],
                    settings=plain(server.port))
    assert str(caught.value).startswith(
        f"127.0.0.1:{server.port} refused gone@example.com (550 5.1.1 mailbox unavailable) "
        "at RCPT TO; nothing was sent; not sent: saved to ")
    assert handler.received == []


@pytest.mark.parametrize("field, value", [
    ("to", "a@b.c\r\nBcc: evil@x.com"),
    ("to", "Evil\n <a@example.com>"),
    ("cc", "a@example.com\nX-Injected: 1"),
    ("bcc", "a@example.com\r"),
    ("subject", "Brief\nBcc: evil@x.com"),
])
def test_line_breaks_are_refused_before_connecting(pdf: Path, field: str, value: str) -> None:
    fields: dict[str, object] = {"to": ["ana@example.com"], field: value if field == "subject"
                                 else [value]}
    # The port is closed: reaching the network would raise MailError, not AddressError.
    with pytest.raises(AddressError, match="line break"):
        email_brief(pdf, settings=plain(free_port()), **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("address", ["not an address", "a@localhost", "a@@example.com",
                                     "a@example.com, ", "two@example.com three@example.com"])
def test_bad_addresses_are_usage_errors(pdf: Path, address: str) -> None:
    with pytest.raises(AddressError, match="bad To address") as caught:
        email_brief(pdf, to=[address], settings=plain(free_port()))
    assert caught.value.exit_code == 2


def test_password_over_plain_needs_insecure(pdf: Path) -> None:
    handler = RecordingHandler()
    with running(handler, authenticator=authenticator, auth_require_tls=False) as server:
        settings = plain(server.port, user=USER, password=PASSWORD)
        with pytest.raises(UsageError, match="refusing to send the password unencrypted") as c:
            email_brief(pdf, to=["ana@example.com"], settings=settings)
        assert handler.received == []
        assert_one_line(c.value, PASSWORD)
        email_brief(pdf, to=["ana@example.com"], settings=settings, insecure=True)
    assert len(handler.received) == 1


def test_server_without_starttls_or_auth_is_explained(pdf: Path) -> None:
    with running(RecordingHandler()) as server:
        starttls = SmtpSettings(host="127.0.0.1", port=server.port, sender="d@example.com")
        with pytest.raises(MailError, match=r"does not offer STARTTLS; try --security ssl"):
            email_brief(pdf, to=["a@example.com"], settings=starttls)
        login = plain(server.port, user=USER, password=PASSWORD)
        with pytest.raises(MailError, match=r"does not offer a login \(AUTH\)") as caught:
            email_brief(pdf, to=["a@example.com"], settings=login, insecure=True)
    assert_one_line(caught.value, PASSWORD)


def test_missing_host_and_sender_are_explained(pdf: Path) -> None:
    with pytest.raises(UsageError, match="no SMTP server: set BRIEFING_SMTP_HOST"):
        email_brief(pdf, to=["a@example.com"], settings=SmtpSettings(sender="d@example.com"))
    with pytest.raises(UsageError, match="no From address"):
        email_brief(pdf, to=["a@example.com"], settings=SmtpSettings(host="127.0.0.1"))


# --------------------------------------------------------------------------- files and body


def test_dry_run_writes_a_parseable_eml_without_bcc(pdf: Path) -> None:
    outcome = email_brief(pdf, to=["ana@example.com"], bcc=["hidden@example.com"],
                          settings=plain(free_port()), dry_run=True)
    assert outcome.eml == pdf.with_suffix(".eml") and outcome.server is None
    assert outcome.recipients == ("ana@example.com", "hidden@example.com")
    data = outcome.eml.read_bytes()
    assert b"hidden@example.com" not in data
    message = parsed(data)
    assert message["To"] == "ana@example.com"
    assert attachments(message) == {pdf.name: ("application/pdf", PDF_BYTES)}
    assert [p.name for p in pdf.parent.iterdir() if p.name.startswith(".")] == []


def test_markdown_path_sends_the_pdf_sibling(pdf: Path) -> None:
    outcome = email_brief(pdf.with_suffix(".md"), to=["a@example.com"],
                          settings=plain(1), dry_run=True)
    assert outcome.attachments == (pdf,)
    assert outcome.warnings == ()


def test_markdown_only_brief_attaches_the_markdown_and_says_so(out: Path) -> None:
    md = out / "brief-eu-2026-11-22.md"
    md.write_text(BRIEF_MD, encoding="utf-8")
    outcome = email_brief(md, to=["a@example.com"], settings=plain(1), dry_run=True)
    assert outcome.attachments == (md,)
    assert outcome.warnings == (f"no PDF next to {md.name}; attaching the Markdown instead",)
    assert outcome.eml is not None
    message = parsed(outcome.eml.read_bytes())
    (part,) = message.iter_attachments()
    assert part.get_content_type() == "text/markdown"
    assert part.get_content_charset() == "utf-8"
    assert part.get_payload(decode=True) == BRIEF_MD.encode()


def test_attach_markdown_adds_it_next_to_the_pdf(pdf: Path) -> None:
    outcome = email_brief(pdf, to=["a@example.com"], attach_markdown=True,
                          settings=plain(1), dry_run=True)
    assert outcome.eml is not None
    found = attachments(parsed(outcome.eml.read_bytes()))
    assert found == {pdf.name: ("application/pdf", PDF_BYTES),
                     pdf.with_suffix(".md").name: ("text/markdown", BRIEF_MD.encode())}


def test_without_markdown_the_body_names_the_file(out: Path) -> None:
    pdf = out / "brief-de-2026-01-02.pdf"
    pdf.write_bytes(PDF_BYTES)
    outcome = email_brief(pdf, to=["a@example.com"], attach_markdown=True, settings=plain(1),
                          dry_run=True)
    assert outcome.warnings == ("--attach-markdown: no brief-de-2026-01-02.md next to the PDF",)
    assert outcome.attachments == (pdf,)
    message = compose(pdf, to=["a@example.com"], sender="d@example.com")
    assert message["Subject"] == "Brief: brief-de-2026-01-02"
    body = message.get_body(("plain",)).get_content()
    assert "brief attached" in body and pdf.name in body


def test_body_file_text_replaces_the_body(pdf: Path) -> None:
    message = compose(pdf, to=["a@example.com"], sender="d@example.com",
                      body="안녕하세요,\nsee attached.")
    assert message.get_body(("plain",)).get_content() == "안녕하세요,\nsee attached.\n"


def test_body_from_the_brief_model(pdf: Path) -> None:
    brief = make_brief()
    message = compose(pdf, to=["a@example.com"], sender="d@example.com", brief=brief)
    assert message["Subject"] == "Brief: South Korea (as of 2026-11-22)"
    assert message.get_body(("plain",)).get_content().startswith(render_text(brief))


def test_render_text_lists_findings_and_numbered_sources() -> None:
    text = render_text(make_brief())
    assert text.splitlines()[:2] == ["Brief: South Korea", "As of 2026-11-22"]
    assert "1. The government plans to triple its AI development budget to" in text
    assert "next year. [1]" in text
    assert ("[1] Korea triples its AI budget. Example News, 2025-03-01.\n"
            "    https://example.com/kr") in text
    assert max(len(line) for line in text.splitlines()) <= 76


def test_text_from_markdown_reads_title_date_and_sections() -> None:
    text = text_from_markdown("---\ntitle: x\n---\n" + BRIEF_MD.replace("1. [Korea", "7. [Korea"))
    assert text.title == "Brief: South Korea"
    assert text.as_of == "2026-11-22"
    assert len(text.findings) == 2
    assert text.findings[1] == "South Korea's AI Basic Act takes effect in January 2026. [2]"
    assert text.sources[0].startswith("[7] Korea triples its AI budget")
    assert text.sources[1].startswith("[8] Basic Act explained")


def test_body_from_the_real_markdown_renderer(out: Path) -> None:
    from briefing.brief.render.markdown import render_markdown

    hostile = make_source(1, title="Rules *for* [AI] & <tags> under_score", publisher="Pub_co",
                          url="https://example.com/a_(b)?q=1&r=*")
    brief = make_brief([
        make_fact(1, "Seoul will spend $6.8 billion on AI chips by 2027.", hostile),
        make_fact(2, "한국의 인공지능 예산은 세 배로 늘어난다.", make_source(2, date_=None, url=None)),
    ])
    pdf = out / "brief-kr-2026-11-22.pdf"
    pdf.write_bytes(PDF_BYTES)
    pdf.with_suffix(".md").write_text(render_markdown(brief), encoding="utf-8")
    body = compose(pdf, to=["a@example.com"], sender="d@example.com").get_body(
        ("plain",)).get_content()
    from_model = compose(pdf, to=["a@example.com"], sender="d@example.com", brief=brief)
    assert from_model["Subject"] == "Brief: South Korea (as of 2026-11-22)"
    assert body.startswith("Brief: South Korea\nAs of 2026-11-22\n")
    assert "Seoul will spend $6.8 billion on AI chips by 2027." in body
    assert "[1] Pub_co, “Rules *for* [AI] & <tags> under_score”, 2025-03-01," in body
    assert "https://example.com/a_(b)?q=1&r=*" in body
    assert "[2] Example News, “Article number 2”" in body
    assert "\\" not in body


def test_text_from_markdown_keeps_bullet_sources_own_markers() -> None:
    md = "# T\n\n## Sources\n\n- \\[4\\] One\n- Two\n\n## Notes\n\n- not a source\n"
    assert text_from_markdown(md).sources == ("[4] One", "[2] Two")


def test_large_attachment_warns_but_still_goes(out: Path) -> None:
    pdf = out / "big.pdf"
    pdf.write_bytes(b"%PDF-" + b"0" * LARGE_ATTACHMENT)
    handler = RecordingHandler()
    with running(handler, data_size_limit=0) as server:
        outcome = email_brief(pdf, to=["a@example.com"], settings=plain(server.port))
    assert outcome.warnings == ("big.pdf is 10.0 MB; many mail servers refuse messages "
                                "over 10 MB",)
    assert len(handler.received) == 1


def test_not_a_brief_is_a_usage_error(out: Path) -> None:
    (out / "notes.txt").write_text("x")
    (out / "fake.pdf").write_text("hello")
    with pytest.raises(UsageError, match=r"expected a \.pdf or \.md"):
        email_brief(out / "notes.txt", to=["a@example.com"], settings=plain(1))
    with pytest.raises(UsageError, match="is not a PDF"):
        email_brief(out / "fake.pdf", to=["a@example.com"], settings=plain(1))
    with pytest.raises(UsageError, match="no such file"):
        email_brief(out / "gone.pdf", to=["a@example.com"], settings=plain(1))


def test_write_eml_is_atomic_over_an_existing_file(pdf: Path) -> None:
    target = pdf.with_suffix(".eml")
    target.write_text("old")
    message = compose(pdf, to=["a@example.com"], bcc=["b@example.com"], sender="d@example.com")
    write_eml(message, target)
    assert parsed(target.read_bytes())["Bcc"] is None
    assert envelope(message) == ("d@example.com", ("a@example.com", "b@example.com"))


def test_core_does_not_import_textual_or_typer() -> None:
    code = ("import sys, briefing.deliver.mail, briefing.deliver.config; "
            "print(sorted(m for m in ('textual', 'typer', 'weasyprint') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


# --------------------------------------------------------------------------- the CLI


def test_cli_sends_and_reports(cli: typer.Typer, pdf: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    handler = RecordingHandler()
    with running(handler) as server:
        monkeypatch.setenv("BRIEFING_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("BRIEFING_SMTP_PORT", str(server.port))
        result = CliRunner().invoke(cli, ["email", str(pdf), "--to", "a@example.com", "--to",
                                          "b@example.com", "--bcc", "c@example.com",
                                          "--security", "none", "--from", "d@example.com"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"sent {pdf} to 3 recipients via 127.0.0.1:{server.port}\n"
    assert handler.received[0].rcpt_tos == ["a@example.com", "b@example.com", "c@example.com"]


def test_cli_dry_run_prints_the_eml_path(cli: typer.Typer, pdf: Path) -> None:
    result = CliRunner().invoke(cli, ["email", str(pdf), "--to", "a@example.com",
                                      "--from", "d@example.com", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{pdf.with_suffix('.eml')}\n"
    assert "nothing sent" in result.stderr
    assert pdf.with_suffix(".eml").is_file()


def test_a_dry_run_needs_no_from_address_but_sending_does(cli: typer.Typer, pdf: Path) -> None:
    # No From anywhere: no config file, no BRIEFING_SMTP_FROM, no --from, no login name.
    result = CliRunner().invoke(cli, ["email", str(pdf), "--to", "a@example.com", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{pdf.with_suffix('.eml')}\n"
    assert "warning: no From address is set: the .eml shows a placeholder; to send, set " \
           "BRIEFING_SMTP_FROM" in result.stderr
    message = parsed(pdf.with_suffix(".eml").read_bytes())
    assert str(message["From"]) == ('"not set: set BRIEFING_SMTP_FROM or pass --from" '
                                    "<from-not-set@example.invalid>")
    assert message["To"] == "a@example.com" and attachments(message)
    # Sending still refuses, before connecting anywhere.
    sent = CliRunner().invoke(cli, ["email", str(pdf), "--to", "a@example.com",
                                    "--host", "127.0.0.1", "--port", "9"])
    assert sent.exit_code == 2
    assert sent.stderr.startswith("error: no From address: set BRIEFING_SMTP_FROM")


def test_cli_login_failure_never_shows_the_password(cli: typer.Typer, pdf: Path, tls: TlsFiles,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    wrong = "Wr0ng-Secret-plugh"
    monkeypatch.setenv("BRIEFING_SMTP_PASSWORD", wrong)
    # A private CA is trusted the standard OpenSSL way, with verification left on.
    monkeypatch.setenv("SSL_CERT_FILE", str(tls.ca_cert))
    with running(RecordingHandler(), tls_context=tls.server_context(),
                 authenticator=authenticator) as server:
        result = CliRunner().invoke(cli, [
            "email", str(pdf), "--to", "a@example.com", "--host", "127.0.0.1",
            "--port", str(server.port), "--user", USER, "--from", "d@example.com"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "refused the login" in result.stderr
    assert wrong not in result.output + result.stderr + repr(result.exception)
    shown = CliRunner().invoke(cli, ["config", "show"])
    assert shown.exit_code == 0
    assert "********" in shown.stdout and wrong not in shown.output + shown.stderr


@pytest.mark.parametrize("args, code, message", [
    (["--to", "a@b.c\r\nBcc: evil@x.com"], 2, "contains a line break"),
    (["--to", "nobody"], 2, "bad To address"),
    (["--to", "a@example.com", "--security", "tls"], 2, "is not one of starttls, ssl, none"),
    (["--to", "a@example.com", "--security", "none", "--user", "u"], 2, "no password"),
    (["--to", "a@example.com", "--port", "{closed}", "--security", "none"], 1,
     "connection refused"),
])
def test_cli_errors_are_one_line_with_exit_code(cli: typer.Typer, pdf: Path, args: list[str],
                                                code: int, message: str) -> None:
    args = [a.replace("{closed}", str(free_port())) for a in args]
    result = CliRunner().invoke(cli, ["email", str(pdf), "--host", "127.0.0.1",
                                      "--from", "d@example.com", *args])
    assert result.exit_code == code
    assert result.stdout == ""
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr


def test_cli_body_file_replaces_the_body(cli: typer.Typer, pdf: Path, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Dear team,\nthe brief you asked for.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["email", str(pdf), "--to", "a@example.com", "--from",
                                      "d@example.com", "--body-file", str(note), "--dry-run",
                                      "--subject", "Weekly brief"])
    assert result.exit_code == 0, result.output
    message = parsed(pdf.with_suffix(".eml").read_bytes())
    assert message["Subject"] == "Weekly brief"
    assert message.get_body(("plain",)).get_content().replace("\r\n", "\n") == note.read_text()
    missing = CliRunner().invoke(cli, ["email", str(pdf), "--to", "a@example.com", "--from",
                                       "d@example.com", "--body-file", str(tmp_path / "x")])
    assert missing.exit_code == 2 and missing.stderr.startswith("error: cannot read --body-file")


def test_make_email_sends_the_written_pdf_with_the_model_body(
        pdf: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    handler = RecordingHandler()
    with running(handler) as server:
        for name, value in (("HOST", "127.0.0.1"), ("PORT", str(server.port)),
                            ("SECURITY", "none"), ("FROM", "d@example.com")):
            monkeypatch.setenv(f"BRIEFING_SMTP_{name}", value)
        cli_mail.send_made_brief(make_brief(), [pdf.with_suffix(".md"), pdf], ["a@example.com"])
    assert capsys.readouterr().out == f"sent {pdf} to 1 recipient via 127.0.0.1:{server.port}\n"
    body = parsed(handler.received[0].data).get_body(("plain",)).get_content()
    # From the model, not from the sibling Markdown (which has another finding and format).
    assert "1. The government plans to triple its AI development budget" in body
    assert "AI Basic Act" not in body
    assert "[1] Korea triples its AI budget. Example News, 2025-03-01." in body
    with pytest.raises(typer.Exit) as caught:
        cli_mail.send_made_brief(make_brief(), [pdf.with_suffix(".md")], ["a@example.com"])
    assert caught.value.exit_code == 2
    assert capsys.readouterr().err == "error: --email sends the PDF, and no PDF was written\n"


def test_cli_help_shows_an_example(cli: typer.Typer) -> None:
    examples = {("email",): " briefing email out/brief-kr-2026-11-22.pdf --to analyst@example.org"
                            " --dry-run\n",
                ("config", "show"): "Example: briefing config show\n",
                ("config", "path"): "Example: briefing config path\n"}
    for command, example in examples.items():
        result = CliRunner().invoke(cli, [*command, "--help"], terminal_width=100)
        assert result.exit_code == 0
        assert example in result.stdout
    assert "--password" not in CliRunner().invoke(cli, ["email", "--help"]).stdout
