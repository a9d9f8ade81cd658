"""The user's corrections (`briefing correct`, `corrections.yaml` in the corpus folder): a
source's date, publisher or title and a fact's countries or themes, applied by the store
everywhere (facts, sources, briefs in Markdown and PDF), kept across re-indexing, reported
as stale when their target changed, listed in Method, and never changing a quote.

Every test runs the real CLI on a real SQLite store over a corpus written here."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli.app import app
from briefing.store import SCHEMA_VERSION, Store
from briefing.store.corrections import CORRECTIONS_FILE
from briefing.text import fact_id

DAY = "2026-04-01"
WIRE = "wire-chips.txt"
#: An undated wire copy: a `--since` brief leaves its fact out until its date is corrected.
WIRE_TEXT = """---
title: Seoul sets aside money for chip design start-ups
publisher: Harbour Wire
---
South Korea will spend 1.2 trillion won on 300 chip design start-ups by 2028, the industry \
ministry said on Tuesday.
"""
WIRE_FACT = ("South Korea will spend 1.2 trillion won on 300 chip design start-ups by 2028, the"
             " industry ministry said on Tuesday.")
DATED_TEXT = """---
title: Korea plans a national AI computing centre
publisher: Daily Meridian
date: 2026-03-10
---
South Korea will build a national AI computing centre with 10,000 GPUs by 2027, the science \
ministry said.
"""
TOKYO = "tokyo-subsidies.md"
#: A story about Japan whose second sentence is about a Korean programme it does not name as
#: such: read as Japan's (the story's focus), which the user corrects.
TOKYO_TEXT = """---
title: Japan widens its AI compute subsidies
publisher: Eastern Ledger
date: 2026-03-12
---
Japan will subsidise 60% of the cost of new AI data centres built outside Tokyo, the trade \
ministry said.

A separate programme will fund 25 shared GPU clusters for universities on the southern \
peninsula by 2027, its organisers said.
"""
MISFILED = ("A separate programme will fund 25 shared GPU clusters for universities on the"
            " southern peninsula by 2027, its organisers said.")
MISFILED_ID = fact_id(MISFILED)


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ((WIRE, WIRE_TEXT), ("seoul-compute.txt", DATED_TEXT), (TOKYO, TOKYO_TEXT)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def ok(*args: str):
    r = run(*args)
    assert r.exit_code == 0, r.output
    return r


def facts_json(corpus: Path, *options: str) -> list[dict]:
    return json.loads(ok("facts", *options, "--json", "--corpus", str(corpus)).stdout)


def sources_json(corpus: Path) -> dict[str, dict]:
    listed = json.loads(ok("sources", "--json", "--corpus", str(corpus)).stdout)
    return {s["key"]: s for s in listed["sources"]}


def make_md(corpus: Path, out: Path, *options: str) -> str:
    r = ok("make", *options, "--corpus", str(corpus), "--out", str(out), "--date", DAY,
           "--format", "md")
    return Path(r.stdout.strip()).read_text(encoding="utf-8")


def method(brief: str) -> str:
    return brief.split("## Method", 1)[1].split("## Sources", 1)[0]


def sources_list(brief: str) -> str:
    return brief.split("## Sources", 1)[1]


# --------------------------------------------------------------------------- sources


def test_a_corrected_date_brings_a_wire_copy_into_a_since_brief(corpus, tmp_path):
    before = make_md(corpus, tmp_path / "before", "-c", "KR", "--since", "2026-03-01")
    assert WIRE_FACT not in before
    assert "1 fact whose sources give no date was left out" in method(before)

    r = ok("correct", "source", WIRE, "--date", "2026-03-04", "--corpus", str(corpus))
    assert r.stdout == f"correction 1: source {WIRE}: date 2026-03-04 (was undated)\n"

    after = make_md(corpus, tmp_path / "after", "-c", "KR", "--since", "2026-03-01")
    assert WIRE_FACT in after
    assert ("Harbour Wire, “Seoul sets aside money for chip design start-ups”, 2026-03-04"
            in sources_list(after))
    assert ("Corrections by the user (corrections.yaml in the corpus folder) applied here: 1"
            f" (source {WIRE}: date 2026-03-04 (was undated))") in method(after)
    assert "give no date" not in method(after)
    # Everywhere else too: the source list, and each fact's citations and newest date.
    assert sources_json(corpus)[WIRE]["date"] == "2026-03-04"
    (fact,) = [f for f in facts_json(corpus, "-c", "KR") if f["text"] == WIRE_FACT]
    assert [c["source"]["date"] for c in fact["citations"]] == ["2026-03-04"]


def test_a_corrected_publisher_and_title_show_in_the_sources_list(corpus, tmp_path):
    ok("correct", "source", str(corpus / WIRE), "--publisher", "Yonhap",
       "--title", "Chip start-up fund", "--corpus", str(corpus))
    listed = sources_json(corpus)[WIRE]
    assert (listed["publisher"], listed["title"], listed["date"]) == (
        "Yonhap", "Chip start-up fund", None)
    brief = make_md(corpus, tmp_path / "out", "-c", "KR")
    assert "Yonhap, “Chip start-up fund”, undated" in sources_list(brief)
    assert ("publisher Yonhap (was Harbour Wire); title “Chip start-up fund” (was “Seoul sets"
            " aside money for chip design start-ups”)") in method(brief)


def test_a_changed_source_file_makes_its_correction_stale(corpus, tmp_path):
    ok("correct", "source", WIRE, "--date", "2026-03-04", "--corpus", str(corpus))
    with (corpus / WIRE).open("a", encoding="utf-8") as fh:
        fh.write("\nThe ministry said applications open in May.\n")

    r = ok("facts", "-c", "KR", "--corpus", str(corpus))
    assert r.stderr.splitlines() == [
        f"warning: correction 1 (source {WIRE}) is stale, not applied: its file changed since"
        " the correction (correct it again, or remove it); see `briefing correct --list`"]
    assert sources_json(corpus)[WIRE]["date"] is None  # the file as it is now
    listed = ok("correct", "--list", "--corpus", str(corpus)).stdout
    assert f"source {WIRE}: date 2026-03-04 (was undated)  [stale: its file changed" in listed
    assert "1 correction, 1 stale (not applied)" in listed
    brief = make_md(corpus, tmp_path / "out", "-c", "KR")
    assert ("Corrections by the user not applied because their target changed or is gone: 1"
            f" (source {WIRE}: its file changed since the correction") in method(brief)
    assert "applied here" not in method(brief)

    # Corrected again, it holds the new file and applies.
    ok("correct", "source", WIRE, "--date", "2026-03-04", "--corpus", str(corpus))
    r = ok("facts", "-c", "KR", "--corpus", str(corpus))
    assert r.stderr == ""
    assert sources_json(corpus)[WIRE]["date"] == "2026-03-04"


# --------------------------------------------------------------------------- facts


def test_a_misfiled_fact_leaves_one_country_brief_and_joins_another(corpus, tmp_path):
    assert MISFILED in make_md(corpus, tmp_path / "jp0", "-c", "JP")
    (fact,) = [f for f in facts_json(corpus, "-c", "JP") if f["text"] == MISFILED]
    assert fact["countries"] == ["JP"] and fact["figures"][0]["country"] == "JP"

    r = ok("correct", "fact", MISFILED_ID, "--country", "South Korea", "--corpus", str(corpus))
    assert r.stdout == f"correction 1: fact {MISFILED_ID}: countries KR (was JP)\n"

    japan = make_md(corpus, tmp_path / "jp", "-c", "JP")
    korea = make_md(corpus, tmp_path / "kr", "-c", "KR")
    assert MISFILED not in japan and MISFILED in korea
    note = f"applied here: 1 (fact {MISFILED_ID}: countries KR (was JP))"
    assert note in method(japan) and note in method(korea)  # why it left, why it came
    assert MISFILED not in [f["text"] for f in facts_json(corpus, "-c", "JP")]
    (fact,) = [f for f in facts_json(corpus, "-c", "KR") if f["text"] == MISFILED]
    # Its figure belongs to its one country now: listed as Korea's, not Japan's.
    assert fact["countries"] == ["KR"] and fact["figures"][0]["country"] == "KR"
    counts = {c["code"]: c["facts"] for c in json.loads(
        ok("countries", "--json", "--corpus", str(corpus)).stdout)}
    assert counts == {"JP": 1, "KR": 3}
    # A brief on themes alone that does not quote it does not list it.
    assert "Corrections" not in method(make_md(corpus, tmp_path / "t", "-t", "industry"))


def test_countries_and_themes_are_added_removed_and_set_by_name(corpus):
    def labels() -> tuple[list[str], list[str]]:
        (fact,) = [f for f in facts_json(corpus) if f["text"] == MISFILED]
        return fact["countries"], fact["themes"]

    read_themes = labels()[1]
    where = ("--corpus", str(corpus))
    ok("correct", "fact", MISFILED_ID, "--add-country", "korea", *where)
    assert labels()[0] == ["JP", "KR"]
    ok("correct", "fact", MISFILED_ID.upper().replace("F", "f", 1), "--remove-country", "JP",
       *where)
    assert labels()[0] == ["KR"]
    ok("correct", "fact", MISFILED_ID, "-t", "Patents", "-t", "compute", *where)
    assert labels() == (["KR"], ["compute", "patents"])
    ok("correct", "fact", MISFILED_ID, "--remove-theme", "patents", "--add-theme", "talent",
       *where)
    assert labels() == (["KR"], ["compute", "talent"])
    assert [f["text"] for f in facts_json(corpus, "-t", "talent", "-c", "KR")] == [MISFILED]
    # One entry per fact, whatever number of commands made it.
    listed = ok("correct", "--list", *where).stdout
    assert listed.splitlines()[0] == (
        f"  1  fact {MISFILED_ID}: countries KR (was JP); themes compute, talent"
        f" (was {', '.join(read_themes)})  [applied]")
    # Set back to what was read, a label is no longer corrected; both: the entry goes.
    ok("correct", "fact", MISFILED_ID, "--country", "JP", *where)
    ok("correct", "fact", MISFILED_ID, "-t", ",".join(read_themes).split(",")[0],
       *[a for t in read_themes[1:] for a in ("-t", t)], *where)
    assert labels() == (["JP"], read_themes)
    assert "no corrections" in ok("correct", *where).stdout


def test_a_correction_of_a_fact_that_is_gone_is_stale(corpus, tmp_path):
    ok("correct", "fact", MISFILED_ID, "-c", "KR", "--corpus", str(corpus))
    (corpus / TOKYO).write_text(TOKYO_TEXT.replace(MISFILED, "").rstrip() + "\n",
                                encoding="utf-8")
    r = ok("countries", "--corpus", str(corpus))
    assert r.stderr.splitlines() == [
        f"warning: correction 1 (fact {MISFILED_ID}) is stale, not applied: no such fact in the"
        " corpus now (the sources that stated it changed or were removed); see"
        " `briefing correct --list`"]
    # Brought back, the fact takes the correction again: the id is its wording's.
    (corpus / TOKYO).write_text(TOKYO_TEXT, encoding="utf-8")
    assert ok("countries", "--corpus", str(corpus)).stderr == ""
    assert MISFILED in [f["text"] for f in facts_json(corpus, "-c", "KR")]


# --------------------------------------------------------------------------- lasting


def test_corrections_survive_a_rebuild_and_a_new_store(corpus, tmp_path, isolated_env):
    where = ("--corpus", str(corpus))
    ok("correct", "source", WIRE, "--date", "2026-03-04", *where)
    ok("correct", "fact", MISFILED_ID, "-c", "KR", *where)

    def corrected() -> bool:
        kr = {f["text"] for f in facts_json(corpus, "-c", "KR")}
        return sources_json(corpus)[WIRE]["date"] == "2026-03-04" and MISFILED in kr

    assert corrected()
    assert "3 added" in ok("index", "--rebuild", *where).stdout
    assert corrected()
    cache = isolated_env / "cache"
    for path in cache.iterdir():  # a new machine: the corrections travel with the corpus
        path.unlink()
    assert corrected()


def test_a_store_of_the_previous_schema_gets_the_corrections_tables(corpus):
    with Store.for_corpus(corpus) as store:
        store.sync()
        path = store.path
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("DROP TABLE source_originals")
    db.execute("DROP TABLE fact_overrides")
    db.execute("UPDATE meta SET value='13' WHERE key='schema'")
    db.close()
    ok("correct", "source", WIRE, "--date", "2026-03-04", "--corpus", str(corpus))
    with Store.for_corpus(corpus) as store:
        assert store._schema_version() == str(SCHEMA_VERSION)
        assert store.sync().read == 0  # upgraded in place, nothing read again
        assert [n.stale for n in store.corrections()] == [None]
    assert sources_json(corpus)[WIRE]["date"] == "2026-03-04"


def test_removing_a_correction_puts_back_what_was_read(corpus):
    where = ("--corpus", str(corpus))
    ok("correct", "source", WIRE, "--date", "2026-03-04", "--publisher", "Yonhap", *where)
    ok("correct", "fact", MISFILED_ID, "-c", "KR", *where)
    r = ok("correct", "--remove", "1", *where)
    assert r.stdout == (f"removed correction 1: source {WIRE}: date 2026-03-04 (was undated);"
                        " publisher Yonhap (was Harbour Wire)\n")
    listed = sources_json(corpus)[WIRE]
    assert (listed["date"], listed["publisher"]) == (None, "Harbour Wire")
    # The other is now number 1, and still applied.
    assert ok("correct", *where).stdout.splitlines()[0] == (
        f"  1  fact {MISFILED_ID}: countries KR (was JP)  [applied]")
    ok("correct", "--remove", "1", *where)
    assert MISFILED in [f["text"] for f in facts_json(corpus, "-c", "JP")]
    # Setting a field back to the value read removes just that field's correction.
    ok("correct", "source", WIRE, "--date", "2026-03-04", "--title", "Chips", *where)
    r = ok("correct", "source", WIRE, "--title", "Seoul sets aside money for chip design"
           " start-ups", *where)
    assert r.stdout == f"correction 1: source {WIRE}: date 2026-03-04 (was undated)\n"


# --------------------------------------------------------------------------- the file


def test_the_corrections_file_is_readable_and_never_an_article(corpus):
    where = ("--corpus", str(corpus))
    ok("correct", "source", WIRE, "--date", "2026-03-04", *where)
    ok("correct", "fact", MISFILED_ID, "-c", "KR", *where)
    text = (corpus / CORRECTIONS_FILE).read_text(encoding="utf-8")
    sha = __import__("hashlib").sha256((corpus / WIRE).read_bytes()).hexdigest()
    assert text.split("corrections:\n", 1)[1] == (
        f"- source: {WIRE}\n  sha256: {sha}\n  date: '2026-03-04'\n  was:\n    date: null\n"
        f"- fact: {MISFILED_ID}\n  quote: {MISFILED}\n  countries: [KR]\n  was:\n"
        "    countries: [JP]\n")
    listed = json.loads(ok("sources", "--json", *where).stdout)
    assert CORRECTIONS_FILE not in {s["path"] for s in listed["sources"]}
    assert listed["skipped"] == [] and listed["warnings"] == []
    assert "3 unchanged" in ok("index", *where).stdout


def test_a_hand_edited_file_applies_what_it_can_and_says_why_not_the_rest(corpus):
    (corpus / CORRECTIONS_FILE).write_text(
        "corrections:\n"
        f"- source: {WIRE}\n  date: 2026-03-04\n"  # no sha256: any version; a YAML date
        f"- fact: {MISFILED_ID}\n  countries: Korea, Japan\n"
        f"- source: {WIRE}\n  date: 2026-02-30\n"
        "- fact: f0000000000\n  countries: [KR]\n"
        f"- fact: {MISFILED_ID}\n  region: Asia\n"
        f"- source: {WIRE}\n  fact: {MISFILED_ID}\n", encoding="utf-8")
    r = ok("correct", "--json", "--corpus", str(corpus))
    notes = json.loads(r.stdout)
    assert [(n["number"], n["stale"]) for n in notes] == [
        (1, None), (2, None),
        (3, "date '2026-02-30' is not a day as YYYY-MM-DD"),
        (4, "no such fact in the corpus now (the sources that stated it changed or were"
            " removed)"),
        (5, "unknown field 'region' (a fact has countries, themes)"),
        (6, "an entry names one `source:` or one `fact:`")]
    assert notes[1]["change"] == "countries JP, KR"
    # An entry that cannot be read as written is invalid (the user's to fix); one whose
    # target is gone is stale (to redo).
    assert [n["invalid"] for n in notes] == [False, False, True, False, True, True]
    assert sources_json(corpus)[WIRE]["date"] == "2026-03-04"
    r = ok("themes", "--corpus", str(corpus))
    assert [line.split(": ")[1] for line in r.stderr.splitlines()] == [
        f"correction 3 (source {WIRE}) is invalid, not applied",
        "correction 4 (fact f0000000000) is stale, not applied",
        f"correction 5 (fact {MISFILED_ID}) is invalid, not applied",
        "correction 6 (entry ?) is invalid, not applied"]
    listed = ok("correct", "--corpus", str(corpus)).stdout.splitlines()
    assert listed[2] == (f"  3  source {WIRE}: —  [invalid: date '2026-02-30' is not a day as"
                         " YYYY-MM-DD]")
    assert listed[3].startswith("  4  fact f0000000000: countries KR  [stale: no such fact")
    assert listed[-1] == (f"6 corrections, 1 stale and 3 invalid (not applied), in"
                          f" {corpus / CORRECTIONS_FILE}")


@pytest.mark.parametrize(("written", "why"), [
    ("- fact: {fid}\n  countries: [ZZ]\n", "unknown country 'ZZ'"),
    ("- fact: {fid}\n  themes: [astrology]\n",
     "unknown theme 'astrology'; did you mean National strategy, Data & privacy?"),
    # A typo is not read as a guess: the entry is invalid until fixed, the guess suggested.
    ("- fact: {fid}\n  countries: [Japna]\n", "unknown country 'Japna'; did you mean Japan (JP)?"),
    ("- fact: {fid}\n  themes: [compyte]\n",
     "unknown theme 'compyte'; did you mean Compute & chips (compute)?"),
    ("- source: {wire}\n  date: 2026-13-01\n", "date '2026-13-01' is not a day as YYYY-MM-DD"),
    ("- source: {wire}\n  date: someday\n", "date 'someday' is not a day as YYYY-MM-DD"),
])
def test_an_invalid_value_written_by_hand_is_invalid_not_stale(corpus, written, why):
    (corpus / CORRECTIONS_FILE).write_text(
        "corrections:\n" + written.format(fid=MISFILED_ID, wire=WIRE), encoding="utf-8")
    r = ok("facts", "--json", "--corpus", str(corpus))
    assert r.stderr.startswith("warning: correction 1 (") and (
        f") is invalid, not applied: {why}") in r.stderr
    assert len(r.stderr.splitlines()) == 1
    (note,) = json.loads(ok("correct", "--json", "--corpus", str(corpus)).stdout)
    assert (note["stale"], note["invalid"]) == (why, True)


def test_a_brief_says_an_invalid_correction_is_invalid_not_stale(corpus, tmp_path):
    (corpus / CORRECTIONS_FILE).write_text(
        f"corrections:\n- source: {WIRE}\n  date: 2026-02-30\n", encoding="utf-8")
    said = method(make_md(corpus, tmp_path / "out", "-c", "KR"))
    assert ("Corrections by the user not applied because their entry in corrections.yaml is"
            f" invalid: 1 (source {WIRE}: date '2026-02-30' is not a day as YYYY-MM-DD).") in said
    assert "target changed or is gone" not in said


@pytest.mark.parametrize("text", ["corrections: [unclosed\n", "- just a list\n- of words\n",
                                  "corrections: 3\n"])
def test_a_corrections_file_that_is_no_list_of_corrections_is_one_error(corpus, text):
    (corpus / CORRECTIONS_FILE).write_text(text, encoding="utf-8")
    r = run("facts", "--corpus", str(corpus))
    assert r.exit_code == 1
    (line,) = r.stderr.splitlines()
    assert line.startswith(f"error: {corpus / CORRECTIONS_FILE}: ")


@pytest.mark.parametrize(("args", "said"), [
    (["source", "nowhere.txt", "--date", "2026-03-04"],
     "no source 'nowhere.txt' in the corpus"),
    (["source", WIRE], "say what to correct: --date, --publisher or --title"),
    (["source", WIRE, "--date", "2026-02-30"],
     "--date: 2026-02-30 is not a date (February has 28 days in 2026)"),
    (["source", WIRE, "--publisher", " "], "--publisher needs a value"),
    (["fact", "f0000000000", "-c", "KR"], "unknown fact id 'f0000000000'"),
    (["fact", "chips", "-c", "KR"], "'chips' is not a fact id"),
    (["fact", MISFILED_ID], "say what to correct: --country"),
    (["fact", MISFILED_ID, "-c", "Narnia"], "unknown country 'Narnia'"),
    (["fact", MISFILED_ID, "-t", "astrology"], "unknown theme 'astrology'"),
    (["fact", MISFILED_ID, "-c", "ZZ"], "unknown country 'ZZ'"),
    (["fact", MISFILED_ID, "--add-theme", "astrology"], "unknown theme 'astrology'"),
    (["source", WIRE, "--date", "2026-13-01"], "--date: 2026-13-01 is not a date (there is no"),
    (["source", WIRE, "--date", "someday"], "--date expects a date as YYYY-MM-DD"),
    (["fact", MISFILED_ID, "-c", "KR", "--add-country", "JP"], "--country sets them all"),
    (["--remove", "3"], "no correction 3 (the corrections are numbered none"),
    (["--list", "fact", MISFILED_ID, "-c", "KR"], "--list, --remove and --json go without"),
    # A command that writes the user's data applies no guess at a typo: it asks.
    (["fact", MISFILED_ID, "--country", "Japna"],
     "unknown country 'Japna'; did you mean Japan (JP)?"),
    (["fact", MISFILED_ID, "--add-country", "Sout Korea"],
     "unknown country 'Sout Korea'; did you mean South Korea (KR)?"),
    (["fact", MISFILED_ID, "--add-theme", "patnets"],
     "unknown theme 'patnets'; did you mean Patents & IP (patents)?"),
    (["fact", MISFILED_ID, "--remove-country", "US"],
     f"fact {MISFILED_ID} is not about US (United States); its countries are JP: nothing"
     " written"),
    (["fact", MISFILED_ID, "--remove-theme", "patents"],
     f"fact {MISFILED_ID} has no theme patents (Patents & IP); its themes are "),
])
def test_bad_input_is_one_line_and_exit_2(corpus, args, said):
    r = run("correct", *args, "--corpus", str(corpus)) if args[0] != "--list" else run(
        "correct", "--corpus", str(corpus), *args)
    assert r.exit_code == 2, r.output
    (line,) = r.stderr.splitlines()
    assert line.startswith(f"error: {said}"), line
    assert not (corpus / CORRECTIONS_FILE).exists()


def test_a_refused_correction_leaves_the_file_as_it_was(corpus):
    where = ("--corpus", str(corpus))
    ok("correct", "fact", MISFILED_ID, "--add-country", "KR", *where)
    written = (corpus / CORRECTIONS_FILE).read_bytes()
    for args in (("--country", "Japna"), ("--remove-country", "US"), ("-t", "compyte"),
                 ("--remove-country", "DE", "--add-country", "US")):
        r = run("correct", "fact", MISFILED_ID, *args, *where)
        assert r.exit_code == 2 and len(r.stderr.splitlines()) == 1, r.output
        assert r.stdout == ""
        assert (corpus / CORRECTIONS_FILE).read_bytes() == written
    # Removing a country the correction gave it is fine: it is about KR now.
    r = ok("correct", "fact", MISFILED_ID, "--remove-country", "KR", *where)
    assert r.stdout == f"fact {MISFILED_ID}: back to the values read: no correction kept\n"


def test_the_list_says_how_each_correction_stands(corpus):
    where = ("--corpus", str(corpus))
    ok("correct", "fact", MISFILED_ID, "-c", "KR", *where)
    ok("correct", "source", WIRE, "--date", "2026-03-04", *where)
    with (corpus / CORRECTIONS_FILE).open("a", encoding="utf-8") as fh:
        fh.write("- source: gone.txt\n  date: '2026-01-01'\n"
                 f"- fact: {MISFILED_ID}\n  region: Asia\n")
    assert ok("correct", "--list", *where).stdout.splitlines() == [
        f"  1  fact {MISFILED_ID}: countries KR (was JP)  [applied]",
        f"  2  source {WIRE}: date 2026-03-04 (was undated)  [applied]",
        "  3  source gone.txt: date 2026-01-01  [stale: no such source in the corpus now (its"
        " file was removed or renamed)]",
        f"  4  fact {MISFILED_ID}: —  [invalid: unknown field 'region' (a fact has countries,"
        " themes)]",
        f"4 corrections, 1 stale and 1 invalid (not applied), in {corpus / CORRECTIONS_FILE}"]


# --------------------------------------------------------------------------- the PDF


def test_a_brief_with_corrections_says_so_in_its_pdf_and_verifies(corpus, tmp_path):
    where = ("--corpus", str(corpus))
    ok("correct", "source", WIRE, "--date", "2026-03-04", *where)
    ok("correct", "fact", MISFILED_ID, "-c", "KR", *where)
    r = ok("make", "-c", "KR", "--since", "2026-03-01", *where, "--out", str(tmp_path),
           "--date", DAY)
    md, pdf = (Path(p) for p in r.stdout.split())
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())
    assert (f"Corrections by the user (corrections.yaml in the corpus folder) applied here: 2"
            f" (source {WIRE}: date 2026-03-04 (was undated); fact {MISFILED_ID}: countries KR"
            " (was JP))") in text
    assert "Harbour Wire, “Seoul sets aside money for chip design start-ups”, 2026-03-04" in text
    assert WIRE_FACT in md.read_text(encoding="utf-8")
    for made in (md, pdf):  # corrections change no quote: every citation still checks
        r = run("verify", str(made), *where)
        assert r.exit_code == 0, r.output
        assert "not found" not in r.stdout
        assert "3 citations: 3 ok" in r.stdout
