"""The email dialog: recipients and subject, checked before the dialog closes."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, Static

from briefing.errors import BriefingError
from briefing.tui.session import EmailRequest
from briefing.tui.widgets.inputs import InOrderInput


class EmailScreen(ModalScreen[EmailRequest | None]):
    """Dismissed with an EmailRequest, or None when cancelled."""

    AUTO_FOCUS = "#to"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="email-cancel"),
        Binding("ctrl+s", "send", "Send", id="email-send"),
    ]

    def __init__(self, *, title: str, server: str, sender: str = "") -> None:
        super().__init__()
        self.brief_title = title
        self.server = server
        """Where the mail would go, or what is missing, in words."""
        self.sender = sender

    def compose(self) -> ComposeResult:
        with Vertical(id="email-dialog", classes="dialog form") as dialog:
            dialog.border_title = "Email the brief"
            dialog.border_subtitle = "ctrl+s sends · Esc cancels"
            yield from _field("To", InOrderInput(
                placeholder="analyst@example.org, Kim <kim@x.kr>", id="to", compact=True))
            yield from _field("Cc", InOrderInput(id="cc", compact=True))
            yield from _field("Subject", InOrderInput(
                placeholder=self.brief_title, id="subject", compact=True))
            yield from _field("From", InOrderInput(
                self.sender, placeholder="Desk <desk@example.org>", id="from", compact=True))
            yield Checkbox("Dry run: write an .eml next to the brief, send nothing",
                           id="dry-run", compact=True)
            yield Static(self.server, id="email-server", markup=False)
            yield Static("", id="email-error", classes="form-error", markup=False)
            with Horizontal(id="email-buttons", classes="form-buttons"):
                yield Button("Send", variant="primary", id="send", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer()

    def request(self) -> EmailRequest:
        """What was typed, with the addresses checked by the mail core (raises AddressError)."""
        from briefing.deliver.mail import parse_addresses

        to = self.query_one("#to", Input).value.strip()
        cc = self.query_one("#cc", Input).value.strip()
        subject = self.query_one("#subject", Input).value.strip()
        sender = self.query_one("#from", Input).value.strip()
        if not to:
            raise BriefingError("at least one recipient is needed")
        parse_addresses([to], "To")
        if cc:
            parse_addresses([cc], "Cc")
        if not sender:
            raise BriefingError("a From address is needed")
        parse_addresses([sender], "From")
        return EmailRequest(to=(to,), cc=(cc,) if cc else (), subject=subject or None,
                            sender=sender, dry_run=self.query_one("#dry-run", Checkbox).value)

    @on(Button.Pressed, "#send")
    @on(Input.Submitted)
    def action_send(self) -> None:
        try:
            request = self.request()
        except BriefingError as err:
            self.query_one("#email-error", Static).update(f"✗ {err}")
            return
        self.dismiss(request)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _field(label: str, box: Input) -> ComposeResult:
    with Horizontal(classes="email-field"):
        yield Label(label)
        yield box
