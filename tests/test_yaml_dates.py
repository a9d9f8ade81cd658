"""A date written unquoted that names no day (`2026-02-30`, `2026-13-01`) in any YAML the
program reads: YAML's own reader would raise ValueError in the middle of parsing, which
reached the user as "internal error". Every reader now gives the same one-line error as for
the quoted text, and an article whose front matter has one is still read, undated, with a
warning."""

from __future__ import annotations

import json

import pytest
from saved_corpus import run, write_corpus

from briefing.yamlio import load_yaml

IMPOSSIBLE = ("2026-02-30", "2026-13-01")
#: Why each names no day, as the command line's --since says it too.
WHY = {"2026-02-30": "February has 28 days in 2026", "2026-13-01": "there is no month 13"}


@pytest.mark.parametrize("day", IMPOSSIBLE)
def test_the_loader_keeps_an_impossible_date_as_its_text(day):
    read = load_yaml(f"since: {day}\nuntil: 2026-02-28\n")
    assert read["since"] == day
    assert str(read["until"]) == "2026-02-28"  # a real day is still a date
    assert load_yaml(f"date: {day}\n", untrusted=True)["date"] == day


@pytest.mark.parametrize("day", IMPOSSIBLE)
def test_a_brief_file_with_an_impossible_date_is_a_one_line_error(tmp_path, day):
    corpus = write_corpus(tmp_path / "corpus")
    file = tmp_path / "weekly.yaml"
    file.write_text(f"countries: [KR]\nsince: {day}\ncorpus: {corpus}\n", encoding="utf-8")
    r = run("make", "--brief", file, "--format", "md")
    assert r.exit_code == 2
    assert r.stderr == f"error: {file}: since: {day} is not a date ({WHY[day]})\n"
    # The same as the quoted form gives.
    file.write_text(f"countries: [KR]\nsince: '{day}'\ncorpus: {corpus}\n", encoding="utf-8")
    assert run("make", "--brief", file, "--format", "md").stderr == r.stderr


def test_an_article_whose_front_matter_date_names_no_day_is_read_undated(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "port.txt").write_text(
        "---\ntitle: Port automation plan\npublisher: Coast Ledger\ndate: 2026-02-30\n---\n"
        "Port automation plan\n\n"
        "South Korea will spend 4 trillion won on automated container terminals by 2029.\n",
        encoding="utf-8")
    why = "front matter date: '2026-02-30' is not a date (read without it)"
    r = run("sources", "--json", "--corpus", corpus)
    assert r.exit_code == 0, r.stderr
    listed = json.loads(r.stdout)
    assert listed["warnings"] == [{"path": "port.txt", "reason": why}]
    (source,) = listed["sources"]
    # The rest of its front matter is read as written: only the date is lost.
    assert (source["path"], source["date"], source["publisher"], source["title"]) == (
        "port.txt", None, "Coast Ledger", "Port automation plan")
    assert source["facts"] == 1
    r = run("facts", "-c", "KR", "--json", "--corpus", corpus)
    assert r.exit_code == 0, r.stderr
    assert [f["text"] for f in json.loads(r.stdout)] == [
        "South Korea will spend 4 trillion won on automated container terminals by 2029."]
    # Every command that reads the corpus says so on stderr (--json keeps it in the JSON).
    assert run("facts", "-c", "KR", "--corpus", corpus).stderr == f"warning: port.txt: {why}\n"
    # Once the user corrects the date, there is nothing left to warn about.
    assert run("correct", "source", "port.txt", "--date", "2026-02-28", "--corpus",
               corpus).exit_code == 0
    listed = json.loads(run("sources", "--json", "--corpus", corpus).stdout)
    assert listed["warnings"] == [] and listed["sources"][0]["date"] == "2026-02-28"
    assert run("facts", "-c", "KR", "--corpus", corpus).stderr == ""
    # Taken back, the date is lost again and the warning returns.
    assert run("correct", "--remove", "1", "--corpus", corpus).exit_code == 0
    assert run("facts", "-c", "KR", "--corpus", corpus).stderr == f"warning: port.txt: {why}\n"


def test_a_front_matter_date_that_is_a_day_gives_no_warning(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "port.txt").write_text(
        "---\ntitle: Port automation plan\ndate: 2026-02-28\n---\nPort automation plan\n\n"
        "South Korea will spend 4 trillion won on automated container terminals by 2029.\n",
        encoding="utf-8")
    r = run("sources", "--json", "--corpus", corpus)
    assert r.exit_code == 0, r.stderr
    listed = json.loads(r.stdout)
    assert listed["sources"][0]["date"] == "2026-02-28" and listed["warnings"] == []
    assert run("facts", "--corpus", corpus).stderr == ""


def test_a_yaml_config_with_an_impossible_rates_date_is_a_one_line_error(tmp_path,
                                                                        monkeypatch):
    corpus = write_corpus(tmp_path / "corpus")
    config = tmp_path / "config.yaml"
    config.write_text("rates:\n  into: USD\n  date: 2026-02-30\n  source: desk sheet\n"
                      "  JPY: 0.0064\n  KRW: 0.00072\n", encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CONFIG", str(config))
    r = run("make", "-c", "KR", "-c", "JP", "--format", "md", "--corpus", corpus, "--out",
            tmp_path / "out")
    assert r.exit_code == 2
    assert r.stderr == (f"error: config file {config}: [rates] date: expected the day the rates"
                        " are for, YYYY-MM-DD, not '2026-02-30'\n")

