"""Article dates, every day of every month: what `briefing.dates` reads from a string, and
what the corpus reader makes of the same date in a date line, a labelled prefix, front
matter and a wire dateline (with a year, or with the year of the file's own date).

The articles are written for these tests. The expected day always comes from Python's
`date`, never from the code under test.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from briefing.cli.app import app
from briefing.dates import date_line, in_year_of, parse_date
from briefing.ingest.document import read_document

# deadline=None: the first parse in a process loads dateparser's data (a few tenths of a s).
PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
#: The news agencies' style: short months with a full stop, "Sept." for September.
AP = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
      "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31))


def ordinal(n: int) -> str:
    return "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


#: How news writes a complete date.
WRITINGS = {
    "12 November 2025": lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    "Nov. 12, 2025": lambda d: f"{ABBR[d.month - 1]}. {d.day}, {d.year}",
    "Nov 12, 2025": lambda d: f"{ABBR[d.month - 1]} {d.day}, {d.year}",
    "November 12th, 2025": lambda d: f"{MONTHS[d.month - 1]} {d.day}{ordinal(d.day)}, {d.year}",
    "Sept. 3, 2025": lambda d: f"{AP[d.month - 1]} {d.day}, {d.year}",
    "12 Nov 2025": lambda d: f"{d.day:02} {ABBR[d.month - 1]} {d.year}",
    "2025-11-12": lambda d: d.isoformat(),
    "12/11/2025": lambda d: f"{d.day:02}/{d.month:02}/{d.year}",
    "3/9/2025": lambda d: f"{d.day}/{d.month}/{d.year}",
    "12.11.2025": lambda d: f"{d.day:02}.{d.month:02}.{d.year}",  # Europe's, day first
    "3.9.2025": lambda d: f"{d.day}.{d.month}.{d.year}",
}
#: What stands between a date and its time on a date line ("July 22, 2025 · 6:15 AM UTC").
TIME_SEPARATORS = [" · ", " | ", " • ", " — ", ", ", " at ", " "]
#: Time zones as pages write them after a time.
ZONES = ["", " UTC", " GMT", " GMT+9", " BST", " IST", " ET", " KST", " CET", " (UTC)",
         " UTC+05:30", " GMT -4", " +09:00"]
#: How a wire dateline writes a date with no year.
YEARLESS = {
    "Sept. 3": lambda d: f"{AP[d.month - 1]} {d.day}",
    "March 4": lambda d: f"{MONTHS[d.month - 1]} {d.day}",
    "Nov 12": lambda d: f"{ABBR[d.month - 1]} {d.day}",
    "4 March": lambda d: f"{d.day} {MONTHS[d.month - 1]}",
}
#: What may stand before a date on a line of its own.
LABELS = ["", "Published ", "Published: ", "Updated on ", "Posted ", "Date: "]

writing = st.sampled_from(sorted(WRITINGS))
yearless = st.sampled_from(sorted(YEARLESS))
label = st.sampled_from(LABELS)

BODY = ("The ministry said it would fund three new computing centres for public research, "
        "and that universities could apply for time on them from the spring.")
HEADLINE = "Ministry funds three computing centres"


def weekday(d: date, short: bool) -> str:
    name = WEEKDAYS[d.weekday()]
    return f"{name[:3]}, " if short else f"{name}, "


def read(folder: Path, text: str, name: str = "a.txt", fetched_at: str | None = None):
    """The one article the real reader makes of a file (and its `briefing add` sidecar)."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    if fetched_at is not None:
        sidecar = {"url": "https://news.example.org/story", "fetched_at": fetched_at,
                   "status": 200, "content_type": "text/html"}
        (folder / f"{name}.fetch.json").write_text(json.dumps(sidecar), encoding="utf-8")
    (article,) = read_document(folder, path).articles
    return article


def texts(article) -> list[str]:
    return [article.text[b.start:b.end] for b in article.blocks]


# --------------------------------------------------------------------------- the unit


@PROPERTY
@given(day=days, how=writing, lead=label, named_day=st.sampled_from(["", "long", "short"]))
def test_every_day_in_every_writing(day, how, lead, named_day):
    written = WRITINGS[how](day)
    prefix = weekday(day, named_day == "short") if named_day else ""
    assert parse_date(written) == day.isoformat()
    assert parse_date(f"{lead}{prefix}{written}") == day.isoformat()
    assert date_line(f"{lead}{prefix}{written}") == day.isoformat()
    assert date_line(f"{lead}{prefix}{written} at 10:30 am") == day.isoformat()


def clock(hour: int, minute: int, style: str) -> str:
    """A time of day as pages write it: "6:15 AM", "6:15 a.m.", "18:15", "18.15"."""
    if style == "24h":
        return f"{hour:02}:{minute:02}"
    if style == "guardian":
        return f"{hour:02}.{minute:02}"
    half = "AM" if hour < 12 else "PM"
    marker = {"am": half, "a.m.": half.lower()[0] + ".m.", "lower": half.lower()}[style]
    return f"{(hour % 12) or 12}:{minute:02} {marker}"


@PROPERTY
@given(day=days, how=writing, lead=label, sep=st.sampled_from(TIME_SEPARATORS),
       hour=st.integers(0, 23), minute=st.integers(0, 59),
       style=st.sampled_from(["am", "a.m.", "lower", "24h", "guardian"]),
       zone=st.sampled_from(ZONES))
def test_a_date_line_with_its_time_and_zone(day, how, lead, sep, hour, minute, style, zone):
    line = f"{lead}{WRITINGS[how](day)}{sep}{clock(hour, minute, style)}{zone}"
    assert date_line(line) == day.isoformat(), line


@pytest.mark.parametrize("line", [
    "Seoul said on 12 May 2025 it would",  # a short sentence holding a date
    "12 May 2025 was the day the plan began",
    "By 12 May 2025 the fund had run dry",
    "22.07.2025.1",  # a dotted number longer than a date
    "1.22.07.2025",
    "31.02.2025",  # no such day
    "22.13.2025",
    "July 22, 2025 · 5 new centres",  # not a time after the separator
    "July 22, 2025 · 6:15 AM and rising",
])
def test_a_line_with_more_than_a_date_is_no_date_line(line):
    assert date_line(line) is None


@pytest.mark.parametrize(("written", "expected"), [
    # The days that the old month table read a month late (or not at all).
    ("Published 12 November 2025", "2025-11-12"),
    ("12 October 2025", "2025-10-12"),
    ("Oct. 12, 2025", "2025-10-12"),
    ("December 3, 2025", "2025-12-03"),
    ("Sept. 3, 2025", "2025-09-03"),
    ("September 30th, 2025", "2025-09-30"),
    ("By Jane Doe | Updated March 3, 2025", "2025-03-03"),
    ("2021-01-28T04:51:00Z", "2021-01-28"),
    ("the 12th of November, 2025", "2025-11-12"),
])
def test_dates_as_pages_write_them(written, expected):
    assert parse_date(written) == expected


@pytest.mark.parametrize("written", [
    "31 February 2025", "February 29, 2025", "April 31, 2025", "2025-02-30", "31/04/2025",
    "13/13/2025", "13.13.2025", "12.31.2025", "30.02.2024", "2025-13-01", "12/31/2025",
    "March 4", "Sept. 3", "July 2024", "March 2025", "2025",
    "yesterday", "3 days ago", "today", "Mayor 12, 2025", "The budget rose in 2024",
    "12 Octobre 2025",
])
def test_what_is_not_a_whole_date_stays_none(written):
    assert parse_date(written) is None
    assert date_line(written) is None


@PROPERTY
@given(year=st.integers(1990, 2035))
def test_the_29th_of_february_only_in_leap_years(year):
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    assert parse_date(f"29 February {year}") == (f"{year}-02-29" if leap else None)


@PROPERTY
@given(day=days, how=yearless, lag=st.integers(-1, 362))
def test_a_yearless_date_takes_the_year_of_the_reference(day, how, lag):
    """Dated up to a day after the file's own date (time zones) or up to a year before it."""
    reference = day + timedelta(days=lag)
    assert in_year_of(YEARLESS[how](day), reference.isoformat()) == day.isoformat()


def test_a_yearless_date_after_the_reference_is_from_the_year_before():
    assert in_year_of("Dec. 30", "2026-01-03T10:00:00Z") == "2025-12-30"
    assert in_year_of("Jan. 9", "2026-01-03") == "2025-01-09"
    assert in_year_of("Jan. 4", "2026-01-03") == "2026-01-04"  # a day ahead: a time zone
    assert in_year_of("Feb. 29", "2025-01-10") == "2024-02-29"
    assert in_year_of("March 4", "no date here") is None
    assert in_year_of("March 4, 2025", "2026-01-03") is None  # not year-less: parse_date's


# --------------------------------------------------------------------------- the reader


@PROPERTY
@given(day=days, how=writing, lead=label, named=st.booleans())
def test_a_date_line_at_the_top_of_an_article(day, how, lead, named):
    line = f"{lead}{weekday(day, False) if named else ''}{WRITINGS[how](day)}"
    with tempfile.TemporaryDirectory() as folder:
        article = read(Path(folder), f"{HEADLINE}\n\n{line}\n\n{BODY}\n")
    assert article.source.date == day.isoformat()
    assert article.source.title == HEADLINE
    assert texts(article) == [BODY]  # the date line is metadata, not a fact


@PROPERTY
@given(day=days, how=writing, sep=st.sampled_from(TIME_SEPARATORS), zone=st.sampled_from(ZONES),
       hour=st.integers(0, 23), minute=st.integers(0, 59))
def test_a_date_line_with_a_time_at_the_top_of_an_article(day, how, sep, zone, hour, minute):
    """The trial's "July 22, 2025 · 6:15 AM UTC" above the story: the date is read, the line
    is metadata and the headline stays the title."""
    line = f"{WRITINGS[how](day)}{sep}{clock(hour, minute, '24h')}{zone}"
    with tempfile.TemporaryDirectory() as folder:
        article = read(Path(folder), f"{HEADLINE}\n\n{line}\n\n{BODY}\n")
    assert article.source.date == day.isoformat()
    assert article.source.title == HEADLINE
    assert texts(article) == [BODY]


@PROPERTY
@given(day=days, how=writing, lead=st.sampled_from(["Published: ", "Updated on ", "date "]))
def test_a_labelled_date_glued_to_the_first_paragraph(day, how, lead):
    with tempfile.TemporaryDirectory() as folder:
        article = read(Path(folder), f"{HEADLINE}\n\n{lead}{WRITINGS[how](day)} {BODY}\n")
    assert article.source.date == day.isoformat()
    assert texts(article) == [BODY]


@PROPERTY
@given(day=days, how=writing)
def test_front_matter_date(day, how):
    front = f"---\ntitle: {HEADLINE}\ndate: {WRITINGS[how](day)}\n---\n\n"
    with tempfile.TemporaryDirectory() as folder:
        article = read(Path(folder), f"{front}{BODY}\n")
    assert article.source.date == day.isoformat()


@PROPERTY
@given(day=days, how=writing, agency=st.sampled_from(["Reuters", "AP", "Xinhua", "Yonhap"]))
def test_a_wire_dateline_with_its_year(day, how, agency):
    with tempfile.TemporaryDirectory() as folder:
        article = read(Path(folder), f"{HEADLINE}\n\nSEOUL, {WRITINGS[how](day)} ({agency}) - "
                                     f"{BODY}\n")
    assert (article.source.date, article.place) == (day.isoformat(), "SEOUL")
    assert texts(article) == [BODY]


@PROPERTY
@given(day=days, how=yearless, lag=st.integers(0, 362),
       where=st.sampled_from(["sidecar", "front matter"]))
def test_a_yearless_dateline_takes_the_year_of_the_file(day, how, lag, where):
    """The year of when the file was fetched (its sidecar) or saved (its front matter)."""
    saved = day + timedelta(days=lag)
    story = f"NAIROBI, {YEARLESS[how](day)} (Xinhua) — {BODY}\n"
    with tempfile.TemporaryDirectory() as folder:
        if where == "sidecar":
            article = read(Path(folder), f"{HEADLINE}\n\n{story}",
                           fetched_at=f"{saved.isoformat()}T10:00:00Z")
        else:
            article = read(Path(folder), f"---\ntitle: {HEADLINE}\nretrieved: {saved}\n---\n\n"
                                         f"{story}")
    assert (article.source.date, article.place) == (day.isoformat(), "NAIROBI")
    assert texts(article) == [BODY]


@PROPERTY
@given(day=days, how=yearless)
def test_a_yearless_dateline_alone_leaves_the_article_undated(day, how):
    with tempfile.TemporaryDirectory() as folder:
        article = read(Path(folder), f"{HEADLINE}\n\nSEOUL, {YEARLESS[how](day)} (Reuters) - "
                                     f"{BODY}\n")
    assert (article.source.date, article.place) == (None, "SEOUL")
    assert texts(article) == [BODY]  # cut off all the same


def test_the_front_matter_date_wins_over_a_yearless_dateline(tmp_path):
    article = read(tmp_path, f"---\ntitle: {HEADLINE}\ndate: 12 October 2025\n---\n\n"
                             f"SEOUL, Oct. 11 (Reuters) - {BODY}\n")
    assert article.source.date == "2025-10-12"


def test_an_invalid_date_line_leaves_the_article_undated(tmp_path):
    assert read(tmp_path, f"{HEADLINE}\n\nPublished 31 February 2025\n\n{BODY}\n"
                ).source.date is None


def test_a_saved_page_dated_by_its_dateline_and_its_sidecar(tmp_path):
    """A page `briefing add` fetched on 3 January whose only date is "Dec. 30"."""
    page = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{HEADLINE}</title></head><body><article><h1>{HEADLINE}</h1>"
            f"<p>SEOUL, Dec. 30 (Reuters) - {BODY}</p>"
            "<p>Officials expect the first centre to open before the end of next year.</p>"
            "</article></body></html>")
    article = read(tmp_path, page, name="story.html", fetched_at="2026-01-03T10:00:00Z")
    assert (article.source.date, article.place) == ("2025-12-30", "SEOUL")
    (tmp_path / "story.html.fetch.json").unlink()
    assert read(tmp_path, page, name="story.html").source.date is None


# --------------------------------------------------------------------------- the CLI


def test_sources_lists_the_dates_the_reader_found(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = {
        "line.txt": (f"{HEADLINE}\n\nPublished 12 November 2025\n\n{BODY}\n", "2025-11-12"),
        "front.md": (f"---\ntitle: {HEADLINE}\ndate: 12 October 2025\n---\n\n{BODY}\n",
                     "2025-10-12"),
        "wire.txt": (f"{HEADLINE}\n\nWASHINGTON, Dec. 3, 2025 (AP) — {BODY}\n", "2025-12-03"),
        "fetched.txt": (f"{HEADLINE}\n\nSEOUL, Dec. 30 (Reuters) - {BODY}\n", "2025-12-30"),
        "undated.txt": (f"{HEADLINE}\n\nSEOUL, March 4 (Reuters) - {BODY}\n", None),
        "timed.txt": (f"{HEADLINE}\n\nJuly 22, 2025 · 6:15 AM UTC\n\n{BODY}\n", "2025-07-22"),
        "dotted.txt": (f"{HEADLINE}\n\n22.07.2025\n\n{BODY}\n", "2025-07-22"),
    }
    for name, (text, _) in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    (corpus / "fetched.txt.fetch.json").write_text(
        json.dumps({"url": "https://news.example.org/a", "fetched_at": "2026-01-03T10:00:00Z"}),
        encoding="utf-8")
    r = CliRunner().invoke(app, ["sources", "--corpus", str(corpus), "--json"])
    assert r.exit_code == 0, r.stderr
    found = {s["path"]: s["date"] for s in json.loads(r.stdout)["sources"]}
    assert found == {name: day for name, (_, day) in files.items()}


def test_dateparser_is_not_loaded_until_a_date_is_read():
    """CLI start-up and importing the reader stay free of dateparser's import."""
    code = ("import sys, briefing.cli.app, briefing.ingest.document, briefing.extract.cues\n"
            "print('dateparser' in sys.modules)\n"
            "briefing.ingest.document.parse_date('12 November 2025')\n"
            "print('dateparser' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "True"]


# --------------------------------------------------------------------------- second trial


#: How a page follows the published date with when it was updated.
UPDATES = [
    lambda d: f" | Updated: {AP[d.month - 1]} {d.day}, {d.year}, 9:40 a.m. CT",
    lambda d: ", updated at 11:12",
    lambda d: " · Updated 14:05 GMT",
    lambda d: f" | Last updated {d.day} {MONTHS[d.month - 1]} {d.year}",
]


@PROPERTY
@given(day=days, how=writing, lead=st.sampled_from(["Posted: ", "Published: ", "Published "]),
       sep=st.sampled_from([", ", " at "]), hour=st.integers(1, 12), minute=st.integers(0, 59),
       zone=st.sampled_from(["", " CT", " ET", " BST"]), update=st.sampled_from(UPDATES))
def test_a_labelled_date_with_its_time_and_an_update(day, how, lead, sep, hour, minute, zone,
                                                     update):
    """"Posted: Jan. 21, 2026, 6:05 a.m. CT | Updated: ..." and "Published: 17/06/2026 at
    06:30, updated at 11:12": the first date is the day, the line is metadata."""
    line = (f"{lead}{WRITINGS[how](day)}{sep}{hour}:{minute:02} a.m.{zone}"
            f"{update(day + timedelta(days=1))}")
    assert date_line(line) == day.isoformat()
    with tempfile.TemporaryDirectory() as folder:
        article = read(Path(folder), f"{HEADLINE}\n\nBy Ana Ruiz\n\n{line}\n\n{BODY}\n")
    assert article.source.date == day.isoformat()
    assert article.source.title == HEADLINE
    assert texts(article) == [BODY]


@PROPERTY
@given(day=days, how=writing, dash=st.sampled_from(["–", "—", "-"]),
       place=st.sampled_from(["ABUJA, NIGERIA", "NAIROBI", "SAN JOSE, Costa Rica"]))
def test_a_press_release_dateline_is_read_and_cut_off(day, how, dash, place):
    """"ABUJA, NIGERIA – 19 August 2026 – The ministry ...": place, dash, date, dash. The
    date dates the release and no piece of it is left at the start of the fact."""
    with tempfile.TemporaryDirectory() as folder:
        article = read(Path(folder), f"PRESS RELEASE\n\n{HEADLINE}\n\n"
                                     f"{place} {dash} {WRITINGS[how](day)} {dash} {BODY}\n")
    assert article.source.date == day.isoformat()
    assert article.place == place
    assert [article.text[b.start:b.end] for b in article.blocks if b.kind != "heading"] == [BODY]


@pytest.mark.parametrize("line", [
    "Seoul said on 12 May 2025 it would fund 3 labs, updated at 11:12",
    "Published: 12 May 2025 at 06:30, and the ministry updated its plan",
    "Updated: the plan now covers 12 labs",
])
def test_a_sentence_with_a_date_and_an_update_word_is_no_date_line(line):
    assert date_line(line) is None


def test_a_page_dated_only_by_its_posted_element(tmp_path):
    """A page whose metadata gives no date, dated by its "Posted:" element, which the page
    reader leaves out with the rest of the page's header."""
    paragraphs = "".join(f"<p>{BODY} It named {n} sites.</p>" for n in range(3, 7))
    (tmp_path / "p.html").write_text(
        f"<html><head><title>{HEADLINE}</title></head><body><article><h1>{HEADLINE}</h1>"
        '<div class="meta"><span class="date">Posted: Jan. 21, 2026, 6:05 a.m. CT</span> | '
        '<span class="updated">Updated: Jan. 22, 2026, 9:40 a.m. CT</span></div>'
        f"{paragraphs}</article></body></html>", encoding="utf-8")
    (article,) = read_document(tmp_path, tmp_path / "p.html").articles
    assert article.source.date == "2026-01-21"
