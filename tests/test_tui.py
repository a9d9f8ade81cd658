"""The terminal app, driven with Pilot on a real store built from a copy of the seeds."""

from __future__ import annotations

import email
import email.policy
import gc
import io
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from smtp_server import RecordingHandler, ScriptedHandler, closing_server, running, scripted
from textual.binding import Binding
from textual.widgets import Checkbox, Input, Static, Tabs
from textual.widgets._tabs import Underline
from typer.testing import CliRunner

from briefing.cli import app as cli
from briefing.store import Store
from briefing.tui.app import FULL_PASS_AFTER, FULL_PASS_AT_REST, REST_S, BriefingApp, make_app
from briefing.tui.screens.email import EmailScreen
from briefing.tui.screens.fact import FactScreen
from briefing.tui.screens.help import HelpScreen
from briefing.tui.session import FactCache, Session
from briefing.tui.widgets.facts_table import EXCLUDED_MARK, INCLUDED_MARK, LEFT_OUT_MARK

AS_OF = date(2026, 11, 22)
STEM = "brief-kr-2026-11-22"


def app_for(corpus: Path, tmp_path: Path, **kwargs) -> BriefingApp:
    app = make_app(corpus, as_of=AS_OF, out_dir=tmp_path / "out", **kwargs)
    app.notes = []  # every notification, as (message, severity)
    notify = app.notify

    def recording(message: str, **kw) -> None:
        app.notes.append((message, kw.get("severity", "information")))
        notify(message, **kw)

    app.notify = recording
    return app


async def wait_until(pilot, condition: Callable[[], bool], timeout: float = 15.0) -> None:
    """Let the app run (workers, timers) until `condition` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.02)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def listed(app: BriefingApp) -> list[str]:
    return [option.value for option in app.countries.options]


async def pick_korea(pilot) -> None:
    app = pilot.app
    await wait_until(pilot, lambda: bool(app.country_choices))
    await pilot.press("slash", *"sout kor", "enter", "space")
    await wait_until(pilot, lambda: app.table.row_count > 0)


async def preview_settled(pilot) -> str:
    """The preview for the current choices, once its debounce and worker are done."""
    app = pilot.app
    await wait_until(pilot, lambda: not app.preview_pending)
    return app.preview.markdown


def underline_in_place(app: BriefingApp) -> bool:
    """The tabs' underline has reached the open tab. It moves after a timer and an animation
    once a tab opens or its label changes (▶ marks focus), which a picture taken at once can
    catch half way."""
    tabs = app.query_one(Tabs)
    tab = tabs.active_tab
    if tab is None:
        return True
    start, end = tab.virtual_region.shrink(tab.styles.gutter).column_span
    line = tabs.query_one(Underline)
    return (line.highlight_start, line.highlight_end) == (start, end)

def marks(app: BriefingApp) -> dict[str, str]:
    return {fid: app.table.get_row(fid)[0].plain for fid in app.table.facts}


# --------------------------------------------------------------------------- main flow


async def test_pick_exclude_preview_export_equals_briefing_make(corpus, tmp_path):
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pick_korea(pilot)
        assert app.session.countries == ("KR",)
        facts = list(app.table.facts.values())
        assert facts and all("KR" in f.countries for f in facts)
        before = await preview_settled(pilot)
        assert before.startswith("# Policy brief: South Korea")
        # Exclude a fact the brief quotes: its text must leave the preview.
        index, target = next((i, f) for i, f in enumerate(facts) if f.text in before)
        await pilot.press("f", *["down"] * index, "space")
        assert marks(app)[target.id] == EXCLUDED_MARK
        assert app.table.get_row(target.id)[2].style == "strike dim"
        after = await preview_settled(pilot)
        assert after != before and target.text not in after
        await pilot.press("e")
        await wait_until(pilot, lambda: any("Wrote" in m for m, _ in app.notes))
        await settle(pilot)
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == [f"{STEM}.md", f"{STEM}.pdf"]
    assert (out / f"{STEM}.md").read_text(encoding="utf-8") == after
    result = CliRunner().invoke(cli.app, [
        "make", "--country", "KR", "--exclude", target.id, "--date", AS_OF.isoformat(),
        "--corpus", str(corpus), "--out", str(tmp_path / "cli")])
    assert result.exit_code == 0, result.output
    for name in (f"{STEM}.md", f"{STEM}.pdf"):
        assert (out / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name


async def test_filter_is_fuzzy_and_escape_leaves_it(corpus, tmp_path):
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: bool(app.country_choices))
        everything = listed(app)
        assert "DE" in everything and "KR" in everything
        await pilot.press("slash", *"germ")
        assert app.focused is app.country_filter
        assert listed(app) == ["DE"]
        assert app.countries.border_title == f"Countries 1/{len(everything)}"
        await pilot.press("escape")
        assert app.focused is app.countries
        await pilot.press("slash", *["backspace"] * 4, *"sout kor")
        assert listed(app) == ["KR"]
        await pilot.press(*["backspace"] * 8)
        assert listed(app) == everything
        # Typing never changes the selection: nothing is listed until something is picked.
        assert app.session.countries == () and app.table.row_count == 0


async def test_filtering_keeps_hidden_selections(corpus, tmp_path):
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pick_korea(pilot)
        await pilot.press("slash", *["backspace"] * 8, *"germany", "enter", "space")
        await wait_until(pilot, lambda: app.session.countries == ("KR", "DE"))
        await pilot.press("slash", *["backspace"] * 7)
        assert set(app.countries.selected) == {"KR", "DE"}
        await settle(pilot)
        assert any("DE" in f.countries for f in app.table.facts.values())
        assert any("KR" in f.countries for f in app.table.facts.values())


async def test_exclusions_survive_changes_of_selection(corpus, tmp_path):
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pick_korea(pilot)
        await pilot.press("f", "space")
        first = next(iter(app.table.facts))
        assert marks(app)[first] == EXCLUDED_MARK
        # Add China, then drop Korea and take it again: the fact stays excluded.
        await pilot.press("slash", *["backspace"] * 8, *"china", "enter", "space")
        await wait_until(pilot, lambda: app.session.countries == ("KR", "CN"))
        await settle(pilot)
        assert marks(app)[first] == EXCLUDED_MARK
        await pilot.press("slash", *["backspace"] * 5, *"korea", "enter", "space")
        await wait_until(pilot, lambda: app.session.countries == ("CN",))
        await settle(pilot)
        assert first not in app.table.facts or marks(app)[first] == EXCLUDED_MARK
        assert app.session.excluded == {first}
        assert app.session.selection().excluded == frozenset({first})
        await pilot.press("space")
        await wait_until(pilot, lambda: app.session.countries == ("CN", "KR"))
        await settle(pilot)
        assert marks(app)[first] == EXCLUDED_MARK
        # The others: ✓ those the brief as built has, · those it leaves out (58 facts, 40 kept).
        await preview_settled(pilot)
        await settle(pilot)
        kept = {i.fact.id for i in app.session.brief(app.session.selection()).items}
        rest = {fid: mark for fid, mark in marks(app).items() if fid != first}
        assert rest == {fid: INCLUDED_MARK if fid in kept else LEFT_OUT_MARK for fid in rest}
        assert INCLUDED_MARK in rest.values()


# --------------------------------------------------------------------------- detail and search


BRACKETS = """Mar 3, 2025

Seoul approves chip plan

South Korea's [bold]AI chips[/bold] budget of $5 billion and [link=x]data centres[/] were approved in 2025.

Officials said the plan would be reviewed each year.
"""


async def test_fact_detail_shows_source_and_paragraph_as_plain_text(corpus, tmp_path):
    (corpus / "999_brackets.txt").write_text(BRACKETS, encoding="utf-8")
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pick_korea(pilot)
        await pilot.press("ctrl+f", *"approved budget", "escape")
        await wait_until(pilot, lambda: app.table.row_count == 1)
        fact = app.table.highlighted_fact
        assert "[bold]AI chips[/bold]" in fact.text
        assert "[bold]AI chips[/bold]" in app.table.get_row(fact.id)[2].plain
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, FactScreen))
        body = app.screen.query_one("#fact-body", Static).visual.plain
        # Shown as written: the brackets are text, not markup.
        assert "[bold]AI chips[/bold] budget of $5 billion and [link=x]data centres[/]" in body
        assert "Seoul approves chip plan" in body and "2025-03-03" in body
        assert "999_brackets.txt" in body
        assert "South Korea" in body and "$5 billion" in body
        assert "▶South Korea's [bold]" in body and "in 2025.◀" in body
        assert "✓ included" in body
        await pilot.press("space")
        assert "✗ EXCLUDED" in app.screen.query_one("#fact-body", Static).visual.plain
        await pilot.press("escape")
        assert not isinstance(app.screen, FactScreen)
        assert marks(app)[fact.id] == EXCLUDED_MARK and fact.id in app.session.excluded


def report_with_numbered_sections() -> bytes:
    """A three-page report written for this test: an unnumbered summary on page 1, then
    numbered sections ("1. Compute investment") on pages 2 and 3, as reports lay them out."""
    import weasyprint

    html = """<html lang="en"><head><title>Vietnam Compute Outlook 2026</title>
    <meta name="dcterms.created" content="2026-02-10"><style>
    @page { size: A5; margin: 2cm 1.5cm;
            @bottom-center { content: "Page " counter(page); font-size: 8pt } }
    body { font-family: DejaVu Serif; font-size: 10pt } .next { page-break-before: always }
    </style></head><body>
    <h1>Vietnam Compute Outlook 2026</h1>
    <h2>Executive summary</h2>
    <p>Vietnam will spend $1.2 billion on national computing capacity by 2028.</p>
    <div class="next"><h2>1. Compute investment</h2>
    <p>The ministry expects Vietnam to install 18,693 graphics processing units.</p></div>
    <div class="next"><h2>2. Talent and training</h2>
    <p>Vietnam aims to train 50,000 engineers in chip design before 2030.</p></div>
    </body></html>"""
    return weasyprint.HTML(string=html).write_pdf()


async def test_the_fact_view_of_a_report_gives_its_page_and_its_own_section(tmp_path):
    corpus = tmp_path / "reports"
    corpus.mkdir()
    (corpus / "vn-outlook.pdf").write_bytes(report_with_numbered_sections())
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_until(pilot, lambda: bool(app.country_choices))
        await pilot.press("slash", *"vietnam", "enter", "space")
        await wait_until(pilot, lambda: app.table.row_count == 3)
        for search, page, section in (("graphics processing", 2, "1. Compute investment"),
                                      ("50,000 engineers", 3, "2. Talent and training"),
                                      ("computing capacity", 1, "Executive summary")):
            await pilot.press("ctrl+f", *search, "escape")
            await wait_until(pilot, lambda: app.table.row_count == 1)
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, FactScreen))
            body = app.screen.query_one("#fact-body", Static).visual.plain
            assert f"Page: p. {page}\n" in body
            assert f"Section: {section}\n" in body  # not the summary's, carried over
            assert f"2026-02-10 · p. {page}\n" in body  # the source line, as a brief cites it
            await pilot.press("escape")
            await pilot.press("ctrl+f", *["backspace"] * len(search), "escape")
            await wait_until(pilot, lambda: app.table.row_count == 3)


async def test_search_narrows_the_list_but_not_the_brief(corpus, tmp_path):
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pick_korea(pilot)
        everything = dict(app.table.facts)
        brief = await preview_settled(pilot)
        await pilot.press("ctrl+f", *"budget")
        assert app.focused is app.search
        await wait_until(pilot, lambda: 0 < app.table.row_count < len(everything))
        assert all("budget" in f.text.lower() for f in app.table.facts.values())
        assert set(app.table.facts) <= set(everything)
        assert await preview_settled(pilot) == brief
        await pilot.press("escape")
        assert app.focused is app.table
        await pilot.press("ctrl+f", *["backspace"] * 6)
        await wait_until(pilot, lambda: app.table.row_count == len(everything))


# --------------------------------------------------------------------------- keys and palette


async def test_help_lists_every_key(corpus, tmp_path):
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(app.screen.query_one("#help-body", Static).content)
        text = console.export_text()
        for binding in app.BINDINGS:
            assert binding.id, binding
            for key in binding.key.split(","):
                assert app.get_key_display(Binding(key, binding.action)) in text, key
            assert binding.tooltip in text
        for phrase in ("Exclude", "surrounding paragraph", "Command palette", "Esc"):
            assert phrase.lower() in text.lower(), phrase
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_command_palette_runs_actions(corpus, tmp_path):
    app = app_for(corpus, tmp_path, formats=("md",))
    async with app.run_test(size=(120, 40)) as pilot:
        await pick_korea(pilot)
        await pilot.press("ctrl+p", *"Export")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_until(pilot, lambda: (tmp_path / "out" / f"{STEM}.md").is_file())
        await pilot.press("ctrl+p", *"Preview")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.tabs.active == "preview")


# --------------------------------------------------------------------------- loading and errors


async def test_first_paint_does_not_wait_for_indexing(cold_corpus, tmp_path, monkeypatch):
    corpus = cold_corpus
    gate = threading.Event()
    index = Session.index

    def slow_index(self, progress=None):
        gate.wait(10)
        return index(self, progress)

    monkeypatch.setattr(Session, "index", slow_index)
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.countries.loading and app.themes.loading
        assert app.busy.display
        await pilot.press("slash", *"ko")  # typing works while indexing
        assert app.country_filter.value == "ko"
        gate.set()
        await wait_until(pilot, lambda: not app.countries.loading)
        assert listed(app)[0] == "KR"
        await wait_until(pilot, lambda: not app.busy.display)


async def test_what_lives_as_long_as_the_app_is_left_out_of_full_collections(corpus, tmp_path):
    # A full pass of the garbage collector over everything the app holds stalled a frame
    # by 60-100 ms every few picks on a big archive: once indexed, it is frozen and full
    # passes are rarer; both are undone when the app ends (so what it made can go).
    before = gc.get_freeze_count()  # the worker's own heap (conftest's frozen_heap)
    threshold = gc.get_threshold()
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: not app.countries.loading)
        await wait_until(pilot, lambda: gc.get_freeze_count() > before + 10_000)
        assert gc.get_threshold() == (*threshold[:2], FULL_PASS_AFTER)  # and rarer
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == threshold


async def test_full_collections_wait_for_the_user_to_rest(corpus, tmp_path):
    full_passes: list[float] = []

    def count(phase: str, info: dict) -> None:
        if phase == "stop" and info["generation"] == 2:
            full_passes.append(time.monotonic())

    before = gc.get_freeze_count()  # the worker's own heap (conftest's frozen_heap)
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: gc.get_freeze_count() > before + 10_000)
        gc.callbacks.append(count)
        try:
            # Objects enough for a full pass at rest, made while keys keep coming (each
            # a little after the last, as a person types).
            kept = []
            for _ in range(5):
                await pilot.press("down")
                await pilot.pause(REST_S / 5)
            while gc.get_count()[2] < FULL_PASS_AT_REST:
                kept.append([[n] for n in range(2_000)])
                last_key = time.monotonic()
                await pilot.press("down")
                await pilot.pause(REST_S / 5)
            assert not full_passes
            await wait_until(pilot, lambda: bool(full_passes), timeout=4 * REST_S)
            assert full_passes[0] - last_key >= REST_S
        finally:
            gc.callbacks.remove(count)


async def test_unreadable_file_is_a_warning(corpus, tmp_path):
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: bool(app.country_choices))
        assert any("broken.txt" in m and s == "warning" for m, s in app.notes)


async def test_export_errors_are_notifications(corpus, tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("a file where the out folder should be")
    app = app_for(corpus, tmp_path, formats=("md",))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        assert app.notes[-1] == ("Pick at least one country or theme first", "warning")
        await pick_korea(pilot)
        await pilot.press("e")
        await wait_until(pilot, lambda: any(s == "error" for _, s in app.notes))
        await settle(pilot)
        message = next(m for m, s in app.notes if s == "error")
        assert message.startswith(f"cannot write the brief into {blocker}")
        assert app.is_running and not app.busy.display


# --------------------------------------------------------------------------- email


def smtp_env(monkeypatch, port: int) -> None:
    monkeypatch.setenv("BRIEFING_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("BRIEFING_SMTP_PORT", str(port))
    monkeypatch.setenv("BRIEFING_SMTP_SECURITY", "none")
    monkeypatch.setenv("BRIEFING_SMTP_FROM", "Policy Desk <desk@example.org>")


async def open_email(pilot, to: str) -> EmailScreen:
    await pick_korea(pilot)
    await pilot.press("m")
    screen = pilot.app.screen
    assert isinstance(screen, EmailScreen)
    screen.query_one("#to", Input).focus()
    await pilot.press(*to)
    return screen


async def test_email_sends_the_pdf_over_smtp(corpus, tmp_path, monkeypatch):
    handler = RecordingHandler()
    with running(handler) as server:
        smtp_env(monkeypatch, server.port)
        app = app_for(corpus, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await open_email(pilot, "analyst@example.org")
            assert "127.0.0.1" in screen.query_one("#email-server", Static).visual.plain
            assert screen.query_one("#from", Input).value == "Policy Desk <desk@example.org>"
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: any(m.startswith("Sent") for m, _ in app.notes))
            await settle(pilot)
    assert len(handler.received) == 1
    received = handler.received[0]
    assert received.rcpt_tos == ["analyst@example.org"]
    message = email.message_from_bytes(received.data, policy=email.policy.default)
    assert message["Subject"] == "Policy brief: South Korea (as of 2026-11-22)"
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == f"{STEM}.pdf"
    assert attachment.get_content() == (tmp_path / "out" / f"{STEM}.pdf").read_bytes()
    assert (f"Sent {STEM}.pdf to analyst@example.org via 127.0.0.1:{server.port}",
            "information") in app.notes


async def test_email_failure_is_a_notification(corpus, tmp_path, monkeypatch):
    with closing_server() as port:
        smtp_env(monkeypatch, port)
        app = app_for(corpus, tmp_path, formats=("md",))
        async with app.run_test(size=(100, 30)) as pilot:
            await open_email(pilot, "analyst@example.org")
            await pilot.press("enter")
            await wait_until(pilot, lambda: any(s == "error" for _, s in app.notes))
            await settle(pilot)
            assert app.is_running and not isinstance(app.screen, EmailScreen)
    message = next(m for m, s in app.notes if s == "error")
    assert f"127.0.0.1:{port}" in message and "closed the connection" in message


async def test_an_undelivered_email_waits_in_the_outbox_and_is_sent_again(
        corpus, tmp_path, monkeypatch, isolated_env):
    refusing = ScriptedHandler(after_body=["554 5.7.1 rejected as spam"])
    healthy = RecordingHandler()
    with scripted(refusing, {}) as bad, running(healthy) as good:
        smtp_env(monkeypatch, bad.port)
        app = app_for(corpus, tmp_path, formats=("md",))
        async with app.run_test(size=(100, 30)) as pilot:
            await open_email(pilot, "analyst@example.org")
            await pilot.press("enter")
            await wait_until(pilot, lambda: any(s == "error" for _, s in app.notes))
            error = next(m for m, s in app.notes if s == "error")
            assert "554 5.7.1 rejected as spam" in error and "saved to" in error
            assert len(list((isolated_env / "outbox").glob("*.eml"))) == 1
            smtp_env(monkeypatch, good.port)  # the server is fixed: try the outbox again
            await app.run_action("send_outbox")
            await wait_until(pilot, lambda: any(m.startswith("Sent 1 of 1") for m, _ in app.notes))
            await settle(pilot)
    assert refusing.received == [] and len(healthy.received) == 1
    assert list((isolated_env / "outbox").glob("*.eml")) == []


async def test_email_dialog_checks_addresses_and_dry_run_writes_eml(corpus, tmp_path):
    app = app_for(corpus, tmp_path, formats=("md",))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_email(pilot, "not an address")
        assert "No SMTP server set" in screen.query_one("#email-server", Static).visual.plain
        await pilot.press("ctrl+s")
        assert app.screen is screen
        assert "bad To address" in screen.query_one("#email-error", Static).visual.plain
        screen.query_one("#to", Input).value = "Kim <kim@example.kr>, lee@example.kr"
        await pilot.press("ctrl+s")
        assert app.screen is screen
        assert "From address is needed" in screen.query_one("#email-error", Static).visual.plain
        screen.query_one("#from", Input).value = "Desk <desk@example.org>"
        screen.query_one("#subject", Input).value = "KR brief [draft]"
        screen.query_one("#dry-run", Checkbox).value = True
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: any(m.startswith("Dry run") for m, _ in app.notes))
        await settle(pilot)
    eml = tmp_path / "out" / f"{STEM}.eml"
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "KR brief [draft]"
    assert message["To"] == "Kim <kim@example.kr>, lee@example.kr"
    assert message["From"] == "Desk <desk@example.org>"
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == f"{STEM}.md"


async def test_email_dialog_cancel_sends_nothing(corpus, tmp_path):
    app = app_for(corpus, tmp_path, formats=("md",))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_email(pilot, "analyst@example.org")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, EmailScreen)
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- speed


def test_fact_cache_runs_each_query_once_across_threads():
    calls: list[int] = []
    started = threading.Event()
    release = threading.Event()

    def compute():
        calls.append(1)
        started.set()
        release.wait(5)
        return ["facts"]

    cache = FactCache(size=2)
    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get(("KR",), compute)))
               for _ in range(3)]
    threads[0].start()
    started.wait(5)
    for t in threads[1:]:
        t.start()
    release.set()
    for t in threads:
        t.join(5)
    assert calls == [1] and results == [["facts"]] * 3
    cache.get(("JP",), lambda: ["jp"])
    cache.get(("CN",), lambda: ["cn"])
    assert cache.get(("KR",), lambda: ["again"]) == ["again"]  # the oldest was dropped


def test_the_cache_keeps_fewer_long_answers_but_always_the_newest():
    # A country of a big archive is 13,000 handles: an item budget, not a count of answers,
    # bounds what the app keeps.
    cache = FactCache(size=10, items=100)
    for code in ("KR", "JP", "CN"):
        cache.get((code,), lambda: [0] * 40)
    assert cache.get(("KR",), lambda: ["again"]) == ["again"]  # 120 > 100: KR went first
    assert cache.get(("CN",), lambda: ["again"]) == [0] * 40
    cache.get(("US",), lambda: [0] * 500)  # over the budget alone: kept, the rest dropped
    assert cache.get(("US",), lambda: ["again"]) == [0] * 500
    assert cache.get(("CN",), lambda: ["again"]) == ["again"]


async def test_the_facts_table_loads_a_page_at_a_time_as_the_cursor_reaches_its_end(corpus, tmp_path):
    app = app_for(corpus, tmp_path)
    app.session.page = 5
    with Store.for_corpus(corpus) as store:
        store.sync()
        want = [f.id for f in store.facts(["KR"], citations=3)]
    assert len(want) > 10
    async with app.run_test(size=(120, 40)) as pilot:
        await pick_korea(pilot)
        await wait_until(pilot, lambda: app.table.row_count == 5)
        assert list(app.table.facts) == want[:5] and app.table.total == len(want)
        assert f"{len(want)} facts (5 listed, more at the end)" in app._facts_summary
        await pilot.press("f")
        for n in range(len(want)):
            await wait_until(pilot, lambda n=n: app.table.row_count > n)
            await pilot.press("down")
        await wait_until(pilot, lambda: app.table.row_count == len(want))
        await settle(pilot)
        assert list(app.table.facts) == want
        assert app._facts_summary.startswith(f"{len(want)} facts ·")


async def test_resting_on_a_country_fetches_its_facts_ahead(corpus, tmp_path, monkeypatch):
    asked: list[tuple] = []
    groups, digests = Store.fact_groups, Store.digests

    def counting(method):
        def counted(self, countries=(), themes=(), query=None, **options):
            asked.append((tuple(countries), tuple(themes), query))
            return method(self, countries, themes, query, **options)
        return counted

    monkeypatch.setattr(Store, "fact_groups", counting(groups))
    monkeypatch.setattr(Store, "digests", counting(digests))
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(app.country_choices))
        second = app.country_choices[1].value
        await pilot.press("down")
        await wait_until(pilot, lambda: ((second,), (), None) in asked)
        await settle(pilot)
        before = len(asked)
        await pilot.press("space")
        await wait_until(pilot, lambda: app.table.row_count > 0)
        await preview_settled(pilot)
        # The table and the preview both came from the facts fetched ahead.
        assert len(asked) == before
        assert all(second in f.countries for f in app.table.facts.values())


async def test_taking_a_country_at_once_does_not_also_fetch_it_ahead(corpus, tmp_path,
                                                                      monkeypatch):
    """Space pressed before the row was rested on: the table's query runs alone, with no
    fetch ahead for the same row competing with it for the CPU."""
    import briefing.tui.app as app_module

    delay = 0.5  # "at once" whatever the machine's load: well before this
    monkeypatch.setattr(app_module, "PREFETCH_DELAY_S", delay)
    ahead: list[tuple] = []
    prefetch = Session.prefetch

    def counted(self, selection, query=""):
        ahead.append(selection.countries)
        return prefetch(self, selection, query)

    monkeypatch.setattr(Session, "prefetch", counted)
    app = app_for(corpus, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(app.country_choices))
        await wait_until(pilot, lambda: bool(ahead))  # the first row, highlighted on its own
        await settle(pilot)
        await pilot.press("down", "space")
        await wait_until(pilot, lambda: app.table.row_count > 0)
        await pilot.pause(delay * 1.5)
        await settle(pilot)
        taken = (app.country_choices[1].value,)
        assert app.session.countries == taken
        assert taken not in ahead
        await pilot.press("down")  # resting on the next row still fetches it ahead
        await wait_until(pilot, lambda: (*taken, app.country_choices[2].value) in ahead)


# --------------------------------------------------------------------------- a real terminal


def tmux(socket: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", *args],
                          capture_output=True, text=True, check=False)


def wait_for_screen(socket: str, predicate: Callable[[str], bool], timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while True:
        screen = tmux(socket, "capture-pane", "-p", "-t", "tui").stdout
        if predicate(screen):
            return screen
        if time.monotonic() > deadline:
            raise AssertionError(f"screen never matched; last screen:\n{screen}")
        time.sleep(0.1)


def test_runs_in_a_real_terminal_without_colour(corpus, tmp_path):
    """`briefing tui` in tmux at 80×24 with NO_COLOR: pick, exclude (✗ shows), export, quit."""
    assert shutil.which("tmux"), "tmux is needed (installed by `make system`)"
    socket = f"briefing-test-{os.getpid()}"
    env = {k: v for k, v in os.environ.items() if k.startswith(("BRIEFING_", "XDG_"))}
    env |= {"NO_COLOR": "1", "LANG": "C.UTF-8", "TERM": "xterm-256color"}
    command = [sys.executable, "-m", "briefing", "tui", "--corpus", str(corpus)]
    start = ["new-session", "-d", "-s", "tui", "-x", "80", "-y", "24", "-c", str(tmp_path)]
    for key, value in env.items():
        start += ["-e", f"{key}={value}"]
    try:
        result = tmux(socket, "-u", *start, *command)
        assert result.returncode == 0, result.stderr
        wait_for_screen(socket, lambda s: "South Korea" in s and "Countries" in s)
        tmux(socket, "send-keys", "-t", "tui", "/")
        tmux(socket, "send-keys", "-t", "tui", "-l", "sout kor")
        wait_for_screen(socket, lambda s: "sout kor" in s and "Countries 1/" in s)
        tmux(socket, "send-keys", "-t", "tui", "Enter", "Space")
        wait_for_screen(socket, lambda s: "facts ·" in s and INCLUDED_MARK in s)
        tmux(socket, "send-keys", "-t", "tui", "f", "Space")
        screen = wait_for_screen(socket, lambda s: "1 excluded here" in s)
        assert EXCLUDED_MARK in screen
        tmux(socket, "send-keys", "-t", "tui", "e")
        out = tmp_path / "out" / f"brief-kr-{date.today().isoformat()}.md"
        deadline = time.monotonic() + 30
        while not out.is_file() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert out.is_file()
        quit_with_ctrl_q(socket)
    finally:
        tmux(socket, "kill-server")


def quit_with_ctrl_q(socket: str) -> None:
    tmux(socket, "send-keys", "-t", "tui", "C-q")
    deadline = time.monotonic() + 10
    while tmux(socket, "has-session", "-t", "tui").returncode == 0:
        assert time.monotonic() < deadline, "the app did not quit on ctrl+q"
        time.sleep(0.1)


@pytest.mark.parametrize("module", ["briefing.tui.session"])
def test_session_does_not_import_textual(module):
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_briefing_with_only_a_corpus_opens_the_app_on_it(tmp_path):
    """`briefing --corpus DIR`, no command, in tmux: the app opens on DIR, not the seeds."""
    assert shutil.which("tmux"), "tmux is needed (installed by `make system`)"
    corpus = tmp_path / "my-articles"
    corpus.mkdir()
    (corpus / "vn.md").write_text(
        "---\ntitle: Chip talent push\ndate: 2026-01-10\n---\nVietnam will train 50,000 "
        "semiconductor engineers by 2030, the ministry said on Monday.\n", encoding="utf-8")
    socket = f"briefing-corpus-test-{os.getpid()}"
    env = {k: v for k, v in os.environ.items() if k.startswith(("BRIEFING_", "XDG_"))}
    env |= {"LANG": "C.UTF-8", "TERM": "xterm-256color"}
    start = ["new-session", "-d", "-s", "tui", "-x", "100", "-y", "30", "-c", str(tmp_path)]
    for key, value in env.items():
        start += ["-e", f"{key}={value}"]
    command = [sys.executable, "-m", "briefing", "--corpus", str(corpus)]
    try:
        result = tmux(socket, "-u", *start, *command)
        assert result.returncode == 0, result.stderr
        screen = wait_for_screen(socket, lambda s: "my-articles" in s and "Vietnam" in s)
        assert "China" not in screen and "South Korea" not in screen  # not the seeds
        quit_with_ctrl_q(socket)
    finally:
        tmux(socket, "kill-server")


# --------------------------------------------------------------------------- links


async def test_adding_links_fetches_indexes_and_refreshes_the_lists(tmp_path, site):
    from conftest import SEEDS

    from briefing.tui.screens.links import LinksScreen

    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    app = app_for(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(app.country_choices))
        assert "NO" not in listed(app)
        await pilot.press("ctrl+p", *"Add articles from links")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, LinksScreen))
        await pilot.press(*f"{site.base}/news/compute-plan.html", "enter", *f"{site.base}/missing")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "NO" in listed(app))
        assert (folder / "127.0.0.1-news-compute-plan.html").is_file()
        notes = [m for m, _ in app.notes]
        assert f"{site.base}/missing: HTTP 404 Not Found" in notes
        assert "1 added, 1 failed" in notes
        # The key does the same; Esc leaves without fetching anything.
        await pilot.press("escape")
        await settle(pilot)
        app.countries.focus()
        await pilot.press("a")
        assert isinstance(app.screen, LinksScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, LinksScreen)
