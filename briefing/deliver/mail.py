"""Email a brief that was made: compose the message, then send it over SMTP or write an .eml.

One call does what the CLI, `briefing make --email` and the TUI need: `email_brief`. Its parts
(`compose`, `write_eml`, `render_text`, and `briefing.deliver.smtp.send`) are public for
callers that need only one.

Safety rules kept here and in `briefing.deliver.smtp`, not in the callers: certificates are always
verified (a caller may pass its own trusted `ssl_context`, never a non-verifying one is made
here); a password never goes over an unencrypted connection unless `insecure=True`; no error
text carries the password; a line break in an address, name or subject is refused before
anything is sent.
"""

from __future__ import annotations

import dataclasses
import re
import ssl
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email import policy
from email.errors import NonASCIILocalPartDefect
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import localtime, make_msgid
from pathlib import Path
from typing import TYPE_CHECKING

from email_validator import EmailNotValidError, validate_email

from briefing.brief.export import write_atomic
from briefing.deliver.config import ConfigError, SmtpSettings, config_path
from briefing.deliver.outbox import save
from briefing.deliver.smtp import (
    MailError,
    RetryHook,
    check_can_send,
    deliver,
    envelope,
    serialize,
)
from briefing.errors import UsageError
from briefing.model import Brief, Source

if TYPE_CHECKING:
    from markdown_it.token import Token

#: Above this an attachment gets a warning: many servers refuse messages past 10-25 MB.
LARGE_ATTACHMENT = 10 * 1024 * 1024
_WRAP = 76


class AddressError(UsageError):
    """An address, display name or subject that cannot go into a mail header."""


@dataclass(frozen=True, slots=True)
class BriefFiles:
    """The files of one made brief, found from the path the user gave."""

    pdf: Path | None
    """None when only the Markdown exists."""
    markdown: Path | None
    """The Markdown with the same stem, when it exists."""
    notes: tuple[str, ...] = ()
    """Things the user should be told (e.g. that the Markdown goes instead of a PDF)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What `email_brief` did."""

    recipients: tuple[str, ...]
    """Envelope addresses (To, Cc and Bcc): accepted by the server, or would be (dry run)."""
    attachments: tuple[Path, ...]
    server: str | None
    """`host:port` the message went through; None for a dry run."""
    eml: Path | None
    """The .eml written by a dry run."""
    warnings: tuple[str, ...]
    attempts: int = 1
    """Delivery attempts it took (more than one after a transient failure)."""


@dataclass(frozen=True, slots=True)
class BriefText:
    """What the mail body says about a brief, from the model or from its Markdown."""

    title: str | None
    as_of: str | None
    findings: tuple[str, ...]
    """Plain text, with citation markers such as `[1]`."""
    sources: tuple[str, ...]
    """Plain text, each starting with its number, e.g. `[1] Title. Publisher, 2025-03-01.`"""


# --------------------------------------------------------------------------- one call


def email_brief(
    path: Path,
    *,
    to: Sequence[str],
    cc: Sequence[str] = (),
    bcc: Sequence[str] = (),
    subject: str | None = None,
    body: str | None = None,
    brief: Brief | None = None,
    attach_markdown: bool = False,
    settings: SmtpSettings,
    dry_run: bool = False,
    insecure: bool = False,
    ssl_context: ssl.SSLContext | None = None,
    on_retry: RetryHook | None = None,
) -> Outcome:
    """Send the brief at `path` (its PDF, or its Markdown when there is no PDF).

    A dry run writes `<stem>.eml` next to the brief instead of connecting anywhere. A message
    that is not delivered (after retrying transient failures) goes to the outbox, and the
    MailError raised says where.
    """
    files = find_brief_files(path)
    markdown = files.markdown if (attach_markdown or files.pdf is None) else None
    notes = files.notes
    if attach_markdown and files.markdown is None:
        notes += (f"--attach-markdown: no {path.with_suffix('.md').name} next to the PDF",)
    sender: str | Address
    try:
        sender = sender_of(settings)
    except ConfigError:
        if not dry_run:
            raise  # sending needs a real From
        sender = UNSET_SENDER  # a dry run shows the message; the .eml says what is missing
        notes += ("no From address is set: the .eml shows a placeholder; to send, set "
                  "BRIEFING_SMTP_FROM, `from` in the [smtp] table of "
                  f"{config_path()}, or pass --from",)
    message = compose(files.pdf, to=to, cc=cc, bcc=bcc, subject=subject, body=body,
                      brief=brief, markdown=markdown, sender=sender)
    attached = tuple(p for p in (files.pdf, markdown) if p is not None)
    warnings = notes + attachment_warnings(message)
    if dry_run:
        eml = write_eml(message, (files.pdf or path).with_suffix(".eml"))
        return Outcome(envelope(message)[1], attached, None, eml, warnings)
    check_can_send(settings, insecure)
    try:
        accepted, attempts = deliver(message, settings, insecure=insecure,
                                     ssl_context=ssl_context, on_retry=on_retry)
    except MailError as err:
        saved = save(message, reason=str(err), server=settings.address)
        raise MailError(f"{err}; not sent: saved to {saved} (send it again with "
                        "`briefing email --outbox`)") from None
    return Outcome(tuple(accepted), attached, settings.address, None, warnings, attempts)


def find_brief_files(path: Path) -> BriefFiles:
    """The PDF and Markdown of the brief at `path` (either one may be given)."""
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".md"):
        raise UsageError(f"{path} is not a brief: expected a .pdf or .md file")
    pdf, markdown = path.with_suffix(".pdf"), path.with_suffix(".md")
    markdown_found = markdown if markdown.is_file() else None
    if suffix == ".md" and not pdf.is_file():
        note = f"no PDF next to {path.name}; attaching the Markdown instead"
        return BriefFiles(None, path, (note,))
    pdf = path if suffix == ".pdf" else pdf
    with pdf.open("rb") as head:
        if head.read(5) != b"%PDF-":
            raise UsageError(f"{pdf} is not a PDF file")
    return BriefFiles(pdf, markdown_found)


#: The From of a dry run when none is configured: named with what to set, at a domain that
#: can never receive mail (RFC 2606 reserves `.invalid`), so the .eml cannot pass for ready.
UNSET_SENDER = Address("not set: set BRIEFING_SMTP_FROM or pass --from", "from-not-set",
                       "example.invalid")


def sender_of(settings: SmtpSettings) -> str:
    """The From address: the configured one, else the login name when it is an address."""
    if settings.sender:
        return settings.sender
    if settings.user and "@" in settings.user:
        return settings.user
    raise ConfigError("no From address: set BRIEFING_SMTP_FROM, `from` in the [smtp] table "
                      f"of {config_path()}, or pass --from")


# --------------------------------------------------------------------------- the message


def compose(
    pdf: Path | None,
    *,
    to: Sequence[str],
    cc: Sequence[str] = (),
    bcc: Sequence[str] = (),
    subject: str | None = None,
    body: str | None = None,
    brief: Brief | None = None,
    markdown: Path | None = None,
    sender: str | Address,
) -> EmailMessage:
    """The message for a brief: the PDF (and/or the Markdown) attached, a plain-text body.

    The body is `body` if given, else made from `brief`, else from the Markdown next to the
    PDF. Bcc is kept as a header on the returned object only so that `send` and `write_eml`
    know the envelope: both strip it, so serialise the message only through them.
    """
    attached = [p for p in (pdf, markdown) if p is not None]
    if not attached:
        raise UsageError("nothing to send: neither a PDF nor a Markdown file was given")
    recipients = {field: parse_addresses(values, field)
                  for field, values in (("To", to), ("Cc", cc), ("Bcc", bcc))}
    if not recipients["To"]:
        raise AddressError("at least one --to address is needed")
    # An Address is taken as it is (a dry run's placeholder); typed text is checked.
    from_ = sender if isinstance(sender, Address) else _one_address(sender)
    text = _brief_text(brief, pdf, markdown)
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = from_
    for field, addresses in recipients.items():
        if addresses:
            message[field] = addresses
    message["Subject"] = _subject(subject, text, attached[0])
    message["Date"] = localtime()
    message["Message-ID"] = make_msgid(domain=from_.domain)
    _set_body(message, body, text, attached)
    if pdf is not None:
        _attach(message, pdf, "application", "pdf")
    if markdown is not None:
        _attach(message, markdown, "text", "markdown", charset="utf-8")
    return message


def parse_addresses(values: Iterable[str], field: str) -> tuple[Address, ...]:
    """Addresses as typed (`a@x.org`, `Kim Min-jun <kim@x.kr>`, several split by commas).

    Refuses line breaks (header injection) and anything `email-validator` finds invalid.
    """
    found: list[Address] = []
    for value in values:
        _refuse_line_breaks(value, f"{field} address")
        header = policy.SMTP.header_factory(field, value)
        # A non-ASCII local part is fine (SMTPUTF8); email-validator judges it below.
        defects = [d for d in header.defects if not isinstance(d, NonASCIILocalPartDefect)]
        if defects or not header.addresses:
            raise AddressError(f"bad {field} address {value!r}")
        found.extend(_checked(address, value, field) for address in header.addresses)
    return tuple(found)


def _checked(address: Address, typed: str, field: str) -> Address:
    try:
        valid = validate_email(address.addr_spec, check_deliverability=False)
    except EmailNotValidError as err:
        raise AddressError(f"bad {field} address {typed!r}: {err}") from None
    # An internationalised domain goes out in its ASCII (punycode) form; a non-ASCII local
    # part needs SMTPUTF8, which `send` asks the server for.
    return Address(address.display_name, valid.local_part, valid.ascii_domain)


def _one_address(typed: str) -> Address:
    addresses = parse_addresses([typed], "From")
    if len(addresses) != 1:
        raise AddressError(f"the From address must be one address, not {typed!r}")
    return addresses[0]


def _refuse_line_breaks(value: str, what: str) -> None:
    if any(c in value for c in "\r\n\0"):
        raise AddressError(f"{what} {value!r} contains a line break; refusing it")


def _subject(subject: str | None, text: BriefText | None, attached: Path) -> str:
    if subject is not None:
        _refuse_line_breaks(subject, "subject")
        if subject.strip():
            return subject.strip()
    if text and text.title:
        return f"{text.title} (as of {text.as_of})" if text.as_of else text.title
    return f"Brief: {attached.stem}"


def _set_body(message: EmailMessage, body: str | None, text: BriefText | None,
              attached: list[Path]) -> None:
    if body is None:
        names = ", ".join(p.name for p in attached)
        intro = _render(text) + "\n" if text else "Please find the brief attached.\n\n"
        body = f"{intro}Attached: {names}\n"
    body = body if body.endswith("\n") else body + "\n"
    # Quoted-printable keeps non-ASCII text readable and safe for servers without 8BITMIME.
    message.set_content(body, cte="7bit" if body.isascii() else "quoted-printable")


def _attach(message: EmailMessage, path: Path, maintype: str, subtype: str,
            charset: str | None = None) -> None:
    _refuse_line_breaks(path.name, "file name")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UsageError(f"cannot read {path}: {err.strerror or err}") from None
    # Bytes with base64 keep the file byte-identical, Markdown included.
    message.add_attachment(data, maintype=maintype, subtype=subtype, filename=path.name,
                           params={"charset": charset} if charset else None)


def attachment_warnings(message: EmailMessage) -> tuple[str, ...]:
    """A warning for each attachment over `LARGE_ATTACHMENT` (the message still goes)."""
    warnings = []
    for part in message.iter_attachments():
        size = len(part.get_payload(decode=True) or b"")
        if size > LARGE_ATTACHMENT:
            warnings.append(f"{part.get_filename()} is {size / 1024 / 1024:.1f} MB; many mail "
                            "servers refuse messages over 10 MB")
    return tuple(warnings)


# --------------------------------------------------------------------------- the body


def render_text(brief: Brief) -> str:
    """The plain-text body for a brief: title, as-of date, key findings, numbered sources."""
    return _render(_text_of_brief(brief))


def _text_of_brief(brief: Brief) -> BriefText:
    findings = tuple(
        f"{item.fact.text} {''.join(f'[{n}]' for n in item.refs)}".strip()
        for item in brief.key_findings
    )
    sources = tuple(f"[{ref.number}] {_source_line(ref.source)}" for ref in brief.sources)
    return BriefText(brief.title, brief.as_of.isoformat(), findings, sources)


def _source_line(source: Source) -> str:
    where = ", ".join(part for part in (source.publisher, source.date) if part)
    return ". ".join(part for part in (source.title, where, source.url) if part)


def _render(text: BriefText) -> str:
    lines = [text.title or "Brief"]
    if text.as_of:
        lines.append(f"As of {text.as_of}")
    if text.findings:
        lines += ["", "Key findings", ""]
        for n, finding in enumerate(text.findings, 1):
            lines.append(_wrap(f"{n}. {finding}", indent=" " * (len(str(n)) + 2)))
    if text.sources:
        lines += ["", "Sources", ""]
        lines += [_wrap(source, indent="    ") for source in text.sources]
    return "\n".join(lines) + "\n"


def _wrap(text: str, indent: str) -> str:
    # Long words (URLs) are never split, so links stay clickable.
    return textwrap.fill(text, _WRAP, subsequent_indent=indent, break_long_words=False,
                         break_on_hyphens=False)


def _brief_text(brief: Brief | None, pdf: Path | None, markdown: Path | None) -> BriefText | None:
    if brief is not None:
        return _text_of_brief(brief)
    source = markdown or (pdf.with_suffix(".md") if pdf else None)
    if source is None or not source.is_file():
        return None
    try:
        return text_from_markdown(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"cannot read {source}: {err}") from None


_AS_OF = re.compile(r"\bas of:?\s*(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
_NUMBERED = re.compile(r"^\[\d+\]")
_SECTIONS = ("key findings", "sources")


def text_from_markdown(markdown: str) -> BriefText:
    """Title, as-of date, key findings and sources of a brief's Markdown, as plain text.

    Reads the `# ` title, the `As of YYYY-MM-DD` line and the list items under the
    `## Key findings` and `## Sources` headings; escapes and link syntax are removed.
    """
    from markdown_it import MarkdownIt  # the safe preset: raw HTML stays text

    reading = _Reading()
    for token in MarkdownIt("js-default").parse(_without_front_matter(markdown)):
        reading.feed(token)
    findings = tuple(text for _, text in reading.items["key findings"] if text)
    listed = [item for item in reading.items["sources"] if item[1]]
    sources = tuple(_numbered(text, number or str(position))
                    for position, (number, text) in enumerate(listed, 1))
    return BriefText(reading.title, reading.as_of, findings, sources)


@dataclass
class _Reading:
    """State while walking a brief's Markdown tokens once, top to bottom."""

    title: str | None = None
    as_of: str | None = None
    items: dict[str, list[tuple[str, str]]] = dataclasses.field(
        default_factory=lambda: {name: [] for name in _SECTIONS})
    """Per wanted section: (number of an ordered-list item or "", its plain text)."""
    section: str | None = None
    section_level: int = 0
    depth: int = 0
    """How deep in lists we are; only top-level items of a section count."""
    heading: int | None = None

    def feed(self, token: Token) -> None:
        if token.type in ("heading_open", "heading_close"):
            self.heading = int(token.tag[1:]) if token.type == "heading_open" else None
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            self.depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            self.depth -= 1
        elif token.type == "list_item_open" and self.depth == 1 and self.section:
            wanted = self.items[self.section]
            wanted.append((_item_number(token.info, wanted), ""))
        elif token.type == "inline" and self.heading is not None:
            self._heading(_plain(token), self.heading)
        elif token.type == "inline":
            self._text(_plain(token))

    def _heading(self, text: str, level: int) -> None:
        if level == 1 and self.title is None:
            self.title = text
        if self.section and level <= self.section_level:
            self.section = None
        name = text.casefold().rstrip(" :")
        if name in _SECTIONS:
            self.section, self.section_level = name, level

    def _text(self, text: str) -> None:
        found = _AS_OF.search(text)
        if found and self.as_of is None:
            self.as_of = found.group(1)
        if self.section and self.depth == 1 and self.items[self.section]:
            number, before = self.items[self.section][-1]
            self.items[self.section][-1] = (number, f"{before} {text}".strip())


def _without_front_matter(markdown: str) -> str:
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end != -1:
            return markdown[end + 5:]
    return markdown


def _plain(inline: Token) -> str:
    out: list[str] = []
    links: list[tuple[str, int]] = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image":
            out.append(child.content)
        elif child.type == "link_open":
            links.append((str(child.attrs.get("href", "")), len(out)))
        elif child.type == "link_close" and links:
            href, start = links.pop()
            # Anchors inside the document (citation markers) mean nothing in a mail.
            if href and not href.startswith("#") and href != "".join(out[start:]):
                out.append(f" <{href}>")
    return " ".join("".join(out).split())


def _item_number(written: str, before: list[tuple[str, str]]) -> str:
    # Readers see an ordered list numbered from its first item up (`1. 1. 1.` shows 1, 2, 3).
    if not written:
        return ""
    return str(int(before[0][0]) + len(before)) if before and before[0][0] else written


def _numbered(item: str, number: str) -> str:
    # A source line that carries its own marker (`[3] Title`) keeps it.
    return item if _NUMBERED.match(item) else f"[{number}] {item}"


# --------------------------------------------------------------------------- .eml


def write_eml(message: EmailMessage, path: Path) -> Path:
    """Write the message as it would be sent (no Bcc header) to `path`, atomically."""
    try:
        write_atomic(path, serialize(message))
    except OSError as err:
        raise MailError(f"cannot write {path}: {err.strerror or err}") from None
    return path
