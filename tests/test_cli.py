"""The CLI as a user meets it: exit codes, one-line errors, files written, JSON shapes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from briefing.cli.app import app

runner = CliRunner()
DAY = "2026-11-22"


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_make_writes_the_brief_and_prints_its_path(corpus, tmp_path):
    out = tmp_path / "out"
    r = run("make", "--country", "KR", "--corpus", str(corpus), "--out", str(out), "--date", DAY, "--format", "md")
    assert r.exit_code == 0, r.output
    path = out / f"brief-kr-{DAY}.md"
    assert r.stdout.strip() == str(path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Policy brief: South Korea\n")
    assert "approximately $6.8 billion" in text
    assert [p.name for p in out.iterdir()] == [path.name]  # no temp files left behind


def test_make_is_byte_identical_across_runs(corpus, tmp_path):
    outs = []
    for n in range(2):
        out = tmp_path / f"out{n}"
        assert run("make", "-c", "KR", "-t", "compute", "--corpus", str(corpus), "--out", str(out), "--date", DAY, "--format", "md").exit_code == 0
        outs.append((out / f"brief-kr-compute-{DAY}.md").read_bytes())
    assert outs[0] == outs[1]


@pytest.mark.parametrize("args,needle", [
    (["--country", "Sout Korea"], "brief-kr-"),
    (["-c", "kor"], "brief-kr-"),
    (["-c", "south korea", "-c", "Japan"], "brief-kr-jp-"),
    (["-t", "patent"], "brief-patents-"),
    (["-t", "sovreign ai"], "brief-sovereign-ai-"),
])
def test_names_are_resolved_forgivingly(corpus, tmp_path, args, needle):
    r = run("make", *args, "--corpus", str(corpus), "--out", str(tmp_path), "--date", DAY, "--format", "md")
    assert r.exit_code == 0, r.output
    assert needle in r.stdout


def test_unknown_country_exits_2_with_suggestions(corpus, tmp_path):
    r = run("make", "-c", "Atlantis", "--corpus", str(corpus), "--out", str(tmp_path))
    assert r.exit_code == 2
    assert r.stderr.startswith("error: unknown country 'Atlantis'")
    assert len(r.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.glob("*.md"))


def test_unknown_theme_exits_2(corpus, tmp_path):
    r = run("make", "-t", "basket weaving", "--corpus", str(corpus), "--out", str(tmp_path))
    assert r.exit_code == 2 and "unknown theme" in r.stderr


def test_empty_selection_exits_1_and_writes_nothing(corpus, tmp_path):
    out = tmp_path / "out"
    r = run("make", "-c", "Brazil", "--corpus", str(corpus), "--out", str(out), "--format", "md")
    assert r.exit_code == 1
    assert r.stderr.strip() == "error: no facts about Brazil in the corpus"
    assert not out.exists()


@pytest.mark.parametrize("args,message", [
    (["--date", "22/11/2026"], "--date expects a date as YYYY-MM-DD"),
    (["--format", "docx"], "--format must be md, pdf or both"),
    (["--template", "/nonexistent/t.j2"], "template not found"),
])
def test_bad_options_exit_2_in_one_line(corpus, tmp_path, args, message):
    r = run("make", "-c", "KR", "--corpus", str(corpus), "--out", str(tmp_path), *args)
    assert r.exit_code == 2 and message in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_missing_corpus_folder(tmp_path):
    r = run("facts", "--corpus", str(tmp_path / "nope"))
    assert r.exit_code == 2 and "corpus folder not found" in r.stderr
    (tmp_path / "notes.txt").write_text("Korea will spend more on chips.", encoding="utf-8")
    r = run("facts", "--corpus", str(tmp_path / "notes.txt"))
    assert r.exit_code == 2 and r.stderr.endswith("is a file, not a folder\n"), r.stderr


def test_a_since_after_the_date_is_an_empty_window(corpus, tmp_path):
    r = run("make", "-c", "KR", "--since", "2026-09-01", "--date", "2026-08-01", "--corpus",
            str(corpus), "--out", str(tmp_path), "--format", "md")
    assert r.exit_code == 2
    assert r.stderr == "error: the window --since 2026-09-01 .. --date 2026-08-01 is empty\n"


def test_exclude_and_max_facts(corpus, tmp_path):
    facts = json.loads(run("facts", "-c", "KR", "--corpus", str(corpus), "--json").stdout)
    gpu = next(f for f in facts if "260,000" in f["text"])
    r = run("make", "-c", "KR", "--exclude", gpu["id"], "--max-facts", "3", "--corpus", str(corpus),
            "--out", str(tmp_path), "--date", DAY, "--format", "md")
    text = Path(r.stdout.strip()).read_text(encoding="utf-8")
    assert "260,000" not in text
    assert text.count("\n- “") == 0  # three facts: the key findings, not repeated below
    assert "3 facts from" in text
    assert "\n1 fact excluded by the user (`--exclude`).\n" in text
    two = next(f for f in facts if f["id"] != gpu["id"])
    r = run("make", "-c", "KR", "-x", gpu["id"], "-x", two["id"], "--corpus", str(corpus),
            "--out", str(tmp_path / "pdf"), "--date", DAY, "--format", "pdf")
    assert r.exit_code == 0, r.stderr
    printed = subprocess.run(["pdftotext", r.stdout.strip(), "-"], capture_output=True,
                             text=True, check=True).stdout
    assert "2 facts excluded by the user (--exclude)." in " ".join(printed.split())


def test_since_drops_older_and_undated_and_says_so(corpus, tmp_path):
    # The seeds' Korea facts come from 2024 sources and undated ones: none is left.
    r = run("make", "-c", "KR", "--since", "2025-01-01", "--corpus", str(corpus), "--out", str(tmp_path), "--date", DAY, "--format", "md")
    assert r.exit_code == 1
    assert re.fullmatch(r"error: all \d+ facts about South Korea were left out \(--since/--exclude\);"
                        r" \d+ of them undated, which --since leaves out\n", r.stderr)
    r = run("make", "--since", "2024-07-01", "--corpus", str(corpus), "--out", str(tmp_path), "--date", DAY, "--format", "md")
    text = Path(r.stdout.strip()).read_text(encoding="utf-8")
    assert "$6.8 billion" not in text  # undated source: nothing shows it is in the window
    assert "*As of 2026-11-22; facts reported since 2024-07-01.*" in text
    assert re.search(r"\n\nOnly facts reported by a source dated 2024-07-01 or later are "
                     r"included; \d+ facts whose sources give no date were left out\.\n", text)


def dated_article(folder: Path, name: str, day: str | None, outlet: str, *sentences: str) -> None:
    """An article of ours with front matter: its date (None: undated) and its outlet."""
    front = {"title": f"Story {name}", "provider": outlet, **({"date": day} if day else {})}
    head = "".join(f"{k}: {v}\n" for k, v in front.items())
    (folder / name).write_text(f"---\n{head}---\n\n" + "\n\n".join(sentences) + "\n",
                               encoding="utf-8")


EARLY = "South Korea will spend 1.2 trillion won on public computing centres over four years."
LATE = "South Korea will train 3,000 engineers to run its public computing centres by 2028."
UNDATED = "South Korea plans to connect 14 universities to its national research network."
WIRE = "South Korea will open a second public data centre in Gwangju with 9,000 processors."
BOTH = "South Korea raised its tax credit for chip plants to 25% for large companies."


def test_a_brief_as_of_a_date_leaves_out_what_was_reported_after_it(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    dated_article(corpus, "early.md", "2025-02-05", "Outlet A", EARLY, BOTH)
    dated_article(corpus, "late.md", "2025-11-12", "Outlet B", LATE, WIRE, BOTH)
    dated_article(corpus, "undated.md", None, "Outlet C", UNDATED, WIRE)
    r = run("make", "-c", "KR", "--corpus", str(corpus), "--out", str(tmp_path / "out"),
            "--date", "2025-06-01", "--format", "md")
    assert r.exit_code == 0, r.output
    text = Path(r.stdout.strip()).read_text(encoding="utf-8")
    # Only the later source reports LATE: left out. WIRE and BOTH are also reported by an
    # undated and an earlier source: kept, cited to those alone.
    assert LATE not in text
    for sentence in (EARLY, UNDATED, WIRE, BOTH):
        assert f"“{sentence}”" in text, sentence
    assert "late.md" not in text and "2025-11-12" not in text
    assert "*As of 2025-06-01.* 4 facts from 2 sources, dated 2025-02-05; 1 undated." in text
    assert ("\n\nThis brief is as of 2025-06-01: the 1 source dated after it is not cited, and 1 "
            "fact reported only by it was left out; undated sources are kept, since when they "
            "were written is unknown.\n") in text
    r = run("verify", r.stdout.strip(), "--corpus", str(corpus))
    assert r.exit_code == 0, r.output

    # Made as of a later day, the brief cites every source and says nothing of the kind.
    r = run("make", "-c", "KR", "--corpus", str(corpus), "--out", str(tmp_path / "now"),
            "--date", "2026-01-01", "--format", "md")
    text = Path(r.stdout.strip()).read_text(encoding="utf-8")
    assert LATE in text and "late.md" in text and "This brief is as of" not in text

    # As of a day before every dated source, only the undated facts are left.
    r = run("make", "-c", "KR", "--corpus", str(corpus), "--out", str(tmp_path / "out"),
            "--date", "2025-01-01", "--format", "md")
    text = Path(r.stdout.strip()).read_text(encoding="utf-8")
    assert [s for s in (EARLY, LATE, UNDATED, WIRE, BOTH) if s in text] == [UNDATED, WIRE]
    (corpus / "undated.md").unlink()
    r = run("make", "-c", "KR", "--corpus", str(corpus), "--out", str(tmp_path / "none"),
            "--date", "2025-01-01", "--format", "md")
    assert r.exit_code == 1
    assert r.stderr == ("error: all 4 facts about South Korea were left out "
                        "(--since/--date/--exclude); 4 of them reported only after 2025-01-01, "
                        "the brief's --date\n")
    assert not (tmp_path / "none").exists() or not any((tmp_path / "none").iterdir())


def test_sources_counts_a_page_in_several_versions_once(tmp_path):
    """The same front-matter URL saved on three days is one source in three versions."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    dated_article(corpus, "other.md", "2025-02-05", "Outlet A", EARLY)
    url = "url: https://news.example.org/2025/korea-compute\n"
    for name, day, said in (("plan.md", "2025-03-01", (LATE,)),
                            ("plan-later.md", "2025-03-04", (LATE, UNDATED))):
        dated_article(corpus, name, day, "Outlet B", *said)
        text = (corpus / name).read_text(encoding="utf-8")
        (corpus / name).write_text(text.replace("---\n", f"---\n{url}", 1), encoding="utf-8")
    r = run("sources", "--corpus", str(corpus))
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert "2 sources (1 also in an older version)" in lines
    assert [line for line in lines if line.startswith("older version ")] == [
        "older version plan.md: facts are taken from plan-later.md"
        " (updated 2025-03-04; first version 2025-03-01)"]

    dated_article(corpus, "plan-latest.md", "2025-03-09", "Outlet B", LATE, WIRE)
    text = (corpus / "plan-latest.md").read_text(encoding="utf-8")
    (corpus / "plan-latest.md").write_text(text.replace("---\n", f"---\n{url}", 1),
                                           encoding="utf-8")
    r = run("sources", "--corpus", str(corpus))
    assert "2 sources (1 also in older versions: 2 files)" in r.stdout.splitlines()
    listed = json.loads(run("sources", "--corpus", str(corpus), "--json").stdout)["sources"]
    assert len(listed) == 4  # every file is still listed, each with its newest version


@pytest.mark.parametrize("form,stdout", [([], ""), (["--json"], "[]\n"), (["--jsonl"], "")])
def test_facts_with_nothing_to_list_exits_1_with_one_line(corpus, form, stdout):
    """As `make` with no facts: exit 1 (nothing to do), one line on stderr; JSON stays JSON."""
    r = run("facts", "-c", "North Korea", "--corpus", str(corpus), *form)
    assert r.exit_code == 1
    assert r.stdout == stdout
    assert r.stderr == "error: no facts about North Korea in the corpus\n"
    r = run("facts", "-c", "KR", "-s", "xylophone", "--corpus", str(corpus), *form)
    assert (r.exit_code, r.stderr) == (
        1, "error: no facts about South Korea matching 'xylophone' in the corpus\n")
    r = run("facts", "-c", "KR", "--corpus", str(corpus), *form)
    assert r.exit_code == 0 and r.stderr == ""


@pytest.mark.parametrize("day,why", [
    ("2025-02-30", "February has 28 days in 2025"),
    ("2024-02-30", "February has 29 days in 2024"),
    ("2025-04-31", "April has 30 days"),
    ("2025-13-01", "there is no month 13"),
    ("2025-01-00", "days start at 1"),
])
def test_a_day_that_does_not_exist_is_named_as_such(corpus, tmp_path, day, why):
    for option in ("--since", "--date"):
        r = run("make", "-c", "KR", option, day, "--corpus", str(corpus), "--out", str(tmp_path))
        assert r.exit_code == 2
        assert r.stderr == f"error: {option}: {day} is not a date ({why})\n"
    r = run("make", "-c", "KR", "--since", "1 May", "--corpus", str(corpus), "--out",
            str(tmp_path))
    assert r.stderr == "error: --since expects a date as YYYY-MM-DD, got '1 May'\n"


@pytest.mark.parametrize("name,said", [
    # Made-up places: their nearest countries (Armenia, Rwanda, Western Sahara at 76-77) are
    # no typos of them.
    ("Narnia", ""), ("Wakanda", ""), ("Westeros", ""),
    # Typos and ambiguous names: only those close to the best.
    ("Kenia", "; did you mean Kenya, Slovenia?"),
    ("Korea North", "; did you mean North Korea?"),
    ("Austrlia", "; did you mean Australia, Austria?"),
])
def test_unknown_countries_suggest_only_close_names(corpus, tmp_path, name, said):
    r = run("facts", "-c", name, "--corpus", str(corpus))
    assert r.exit_code == 2
    hint = "" if said else " (see `briefing countries` for those the corpus has facts about)"
    assert r.stderr == f"error: unknown country {name!r}{said}{hint}\n"


def test_a_brief_with_a_start_date_has_its_own_file_name(corpus, tmp_path):
    out = tmp_path / "out"
    made = []
    for extra in ([], ["--since", "2024-07-01"]):
        r = run("make", *extra, "--corpus", str(corpus), "--out", str(out), "--date", DAY,
                "--format", "md")
        assert r.exit_code == 0, r.output
        made.append(r.stdout.strip())
    assert made == [str(out / f"brief-all-{DAY}.md"),
                    str(out / f"brief-all-since-2024-07-01-{DAY}.md")]
    # Beside the briefs, only the charts a brief on every country draws, each linked from it.
    charts = {p.name for p in out.iterdir()} - {Path(p).name for p in made}
    linked = "".join(Path(p).read_text(encoding="utf-8") for p in made)
    assert all(name.endswith(".svg") and f"]({name})" in linked for name in charts)
    unfiltered = (out / f"brief-all-{DAY}.md").read_text(encoding="utf-8")
    assert "facts reported since" not in unfiltered


def test_user_template(corpus, tmp_path):
    t = tmp_path / "mine.md.j2"
    t.write_text("{{ b.title }} has {{ b.scope.facts }} facts; first: {{ b.items[0].fact.text }}\n")
    r = run("make", "-c", "KR", "--template", str(t), "--corpus", str(corpus), "--out", str(tmp_path), "--date", DAY, "--format", "md")
    assert r.exit_code == 0, r.stderr
    assert Path(r.stdout.strip()).read_text(encoding="utf-8").startswith("Policy brief: South Korea has ")


def test_broken_user_template_is_one_line(corpus, tmp_path):
    t = tmp_path / "bad.md.j2"
    t.write_text("{% for x in %}\n")
    r = run("make", "-c", "KR", "--template", str(t), "--corpus", str(corpus), "--out", str(tmp_path), "--format", "md")
    assert r.exit_code == 2 and r.stderr.startswith("error: template bad.md.j2")


def test_facts_json_shape_and_spans(corpus):
    r = run("facts", "--country", "KR", "--theme", "investment", "--corpus", str(corpus), "--json")
    facts = json.loads(r.stdout)
    assert facts
    for f in facts:
        assert set(f) >= {"id", "text", "countries", "themes", "figures", "source", "span", "citations"}
        assert "KR" in f["countries"] and "investment" in f["themes"]
        raw = (corpus / f["source"]["path"]).read_text(encoding="utf-8")
        start, end = f["span"]
        assert " ".join(raw[start:end].split()) == f["text"]
        assert set(f["source"]) >= {"path", "title", "publisher", "date", "url"}
    budget = next(f for f in facts if "6.8" in f["text"])
    assert budget["figures"] == [{"text": "approximately $6.8 billion", "kind": "money",
                                  "value": 6.8e9, "unit": "USD", "country": "KR"}]
    assert budget["countries"] == ["KR"] and budget["mentions"] == []


def test_facts_json_streams_the_layout_of_one_dump_and_jsonl_the_same_records(corpus, tmp_path):
    out = run("facts", "--corpus", str(corpus), "--json").stdout
    records = json.loads(out)
    assert len(records) > 50
    assert out == json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    lines = run("facts", "--corpus", str(corpus), "--jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == records
    assert run("facts", "-c", "KR", "-t", "patents", "-s", "nothing-like-this", "--corpus", str(corpus),
               "--json").stdout == "[]\n"
    target = tmp_path / "deep" / "kr.jsonl"
    r = run("facts", "-c", "KR", "--corpus", str(corpus), "--jsonl", "-o", str(target))
    assert r.exit_code == 0 and r.stdout.strip() == str(target)
    assert [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()] == [
        f for f in records if "KR" in f["countries"]]
    assert [p.name for p in target.parent.iterdir()] == ["kr.jsonl"]  # no temp file left


def test_facts_json_options_that_do_not_fit_are_one_line_errors(corpus, tmp_path):
    r = run("facts", "--corpus", str(corpus), "--json", "--jsonl")
    assert r.exit_code == 2 and r.stderr.startswith("error: --json and --jsonl")
    r = run("facts", "--corpus", str(corpus), "-o", str(tmp_path / "x.json"))
    assert r.exit_code == 2 and r.stderr.startswith("error: --output writes JSON")
    (tmp_path / "a-file").write_text("not a folder")
    r = run("facts", "--corpus", str(corpus), "--json", "-o", str(tmp_path / "a-file" / "x.json"))
    assert r.exit_code == 1 and r.stderr.startswith("error: cannot write") and len(r.stderr.splitlines()) == 1


def test_sources_lists_skipped_files(corpus):
    (corpus / "broken.md").write_text("---\ntitle: [x\n---\nbody\n")
    r = run("sources", "--corpus", str(corpus), "--json")
    data = json.loads(r.stdout)
    assert len(data["sources"]) == 6  # five files, one carrying a related article
    assert data["skipped"][0]["path"] == "broken.md"
    related = next(s for s in data["sources"] if s["carrier"])
    assert related["publisher"] == "International Business Times"
    human = run("sources", "--corpus", str(corpus))
    assert "skipped broken.md: malformed front matter" in human.stdout


def test_broken_file_is_a_warning_on_make(corpus, tmp_path):
    (corpus / "bin.txt").write_bytes(b"\x00" * 100)
    r = run("make", "-c", "KR", "--corpus", str(corpus), "--out", str(tmp_path), "--format", "md")
    assert r.exit_code == 0
    assert "warning: skipped bin.txt: binary file" in r.stderr


def test_countries_and_themes_with_counts(corpus):
    countries = json.loads(run("countries", "--corpus", str(corpus), "--json").stdout)
    kr = next(c for c in countries if c["code"] == "KR")
    assert kr["name"] == "South Korea" and kr["facts"] > 5
    themes = {t["slug"]: t["facts"] for t in json.loads(run("themes", "--corpus", str(corpus), "--json").stdout)}
    assert {"sovereign-ai", "open-models", "patents"} <= set(themes)
    assert themes["open-models"] > 3


def test_index_reports_what_changed(cold_corpus):
    corpus = cold_corpus
    r = run("index", "--corpus", str(corpus))
    assert "5 added" in r.stdout
    assert "5 unchanged" in run("index", "--corpus", str(corpus)).stdout
    assert "5 added" in run("index", "--rebuild", "--corpus", str(corpus)).stdout  # re-read all


def test_every_command_help_shows_an_example():
    import typer

    group = typer.main.get_command(app)
    names = set(group.commands)
    assert {"make", "facts", "sources", "countries", "themes", "index", "tui", "email", "config"} <= names
    for name in sorted(names):
        r = runner.invoke(app, [name, "--help"])
        assert r.exit_code == 0
        assert "Example" in r.stdout, name


def test_bundled_corpus_is_the_default(tmp_path):
    r = run("make", "-c", "KR", "--out", str(tmp_path), "--date", DAY, "--format", "md")
    assert r.exit_code == 0, r.stderr


def test_console_script_runs_as_a_real_process(tmp_path):
    exe = Path(sys.executable).parent / "briefing"
    r = subprocess.run([str(exe), "make", "-c", "Atlantis"], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.startswith("error: unknown country") and "Traceback" not in r.stderr
    assert (ROOT / "seeds").is_dir()


def test_make_sees_a_file_rewritten_in_place_since_the_last_command(corpus, tmp_path):
    """Each new process checks the corpus before it briefs: a file rewritten in place at the
    same size (only its mtime tells) is read again, one removed is left out."""
    exe = Path(sys.executable).parent / "briefing"
    make = [str(exe), "make", "-c", "KR", "-f", "md", "--date", DAY, "--corpus", str(corpus),
            "--out", str(tmp_path / "out")]
    brief = Path(subprocess.run(make, capture_output=True, text=True, check=True).stdout.strip())
    assert "$6.8 billion" in brief.read_text(encoding="utf-8")
    p = corpus / "004_873eaca25918412c.txt"
    new = p.read_bytes().replace(b"$6.8 billion", b"$7.1 billion")
    with p.open("r+b") as fh:
        fh.write(new)
    subprocess.run(make, capture_output=True, check=True)
    text = brief.read_text(encoding="utf-8")
    assert "$7.1 billion" in text and "$6.8 billion" not in text
    p.unlink()
    subprocess.run(make, capture_output=True, check=True)
    assert "$7.1 billion" not in brief.read_text(encoding="utf-8")


def test_compiled_templates_are_kept_and_an_edited_template_is_compiled_again(
        corpus, tmp_path, isolated_env):
    exe = Path(sys.executable).parent / "briefing"
    template = tmp_path / "mine.md.j2"
    make = [str(exe), "make", "-c", "KR", "-f", "md", "--date", DAY, "--corpus", str(corpus),
            "--out", str(tmp_path / "out"), "--template", str(template)]
    template.write_text("First {{ b.title | md }}\n", encoding="utf-8")
    brief = Path(subprocess.run(make, capture_output=True, text=True, check=True).stdout.strip())
    assert brief.read_text(encoding="utf-8").startswith("First Policy brief")
    kept = isolated_env / "cache" / "templates"
    assert len(list(kept.iterdir())) == 1  # the user's template, compiled
    template.write_text("Second {{ b.title | md }}\n", encoding="utf-8")
    subprocess.run(make, capture_output=True, check=True)
    assert brief.read_text(encoding="utf-8").startswith("Second Policy brief")


def test_a_cache_dir_that_cannot_keep_compiled_templates_still_briefs(corpus, tmp_path,
                                                                      isolated_env):
    exe = Path(sys.executable).parent / "briefing"
    make = [str(exe), "make", "-c", "KR", "-f", "md", "--date", DAY, "--corpus", str(corpus),
            "--out", str(tmp_path / "out")]
    want = Path(subprocess.run(make, capture_output=True, text=True, check=True).stdout.strip())
    expected = want.read_bytes()
    shutil.rmtree(isolated_env / "cache" / "templates")
    (isolated_env / "cache" / "templates").write_text("not a folder", encoding="utf-8")
    made = subprocess.run(make, capture_output=True, text=True)
    assert made.returncode == 0 and made.stderr == "", made.stderr
    assert want.read_bytes() == expected


def test_output_piped_into_head_ends_quietly():
    exe = Path(sys.executable).parent / "briefing"
    proc = subprocess.Popen([str(exe), "facts", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    proc.wait(timeout=60)
    err = proc.stderr.read().decode()
    assert "Traceback" not in err and "internal error" not in err


def test_a_wire_story_in_many_papers_is_cited_three_times_and_verifies(tmp_path):
    corpus = tmp_path / "wire"
    corpus.mkdir()
    sentence = "Vietnam will train 50,000 semiconductor engineers by 2030, the ministry said on Monday."
    for n in range(5):
        (corpus / f"{n}.md").write_text(
            f"---\ntitle: Chip talent push {n}\ndate: 2026-0{n + 1}-10\nprovider:\n  name: Paper {n}\n---\n"
            f"{sentence}\n\nThe plan also covers {n + 2} new design centres in Hanoi this year.\n",
            encoding="utf-8")
    out = tmp_path / "out"
    r = run("make", "-c", "VN", "--corpus", str(corpus), "--out", str(out), "--date", DAY)
    assert r.exit_code == 0, r.stderr
    md = (out / f"brief-vn-{DAY}.md").read_text(encoding="utf-8")
    line = next(x for x in md.splitlines() if x.startswith("1. “Vietnam will train"))
    assert "[1][2][3] — reported by 5 sources" in line
    out_json = run("facts", "-c", "VN", "--corpus", str(corpus), "--json").stdout
    facts = json.loads(out_json)
    assert len(next(f for f in facts if f["text"] == sentence)["citations"]) == 5
    # Written a citation at a time, yet the very text one dump gives, and the same records
    # as JSON Lines.
    assert out_json == json.dumps(facts, ensure_ascii=False, indent=2) + "\n"
    lines = run("facts", "-c", "VN", "--corpus", str(corpus), "--jsonl").stdout.splitlines()
    assert lines == [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in facts]
    for brief in sorted(out.iterdir()):
        v = run("verify", str(brief), "--corpus", str(corpus))
        assert v.exit_code == 0, v.stdout + v.stderr


def test_unwritable_output_folder_is_one_line(corpus, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    r = run("make", "-c", "KR", "--corpus", str(corpus), "--out", str(blocker / "out"), "--format", "md")
    assert r.exit_code == 1
    assert r.stderr.startswith("error: cannot write the brief into ") and "internal error" not in r.stderr


# --------------------------------------------------------------------------- tables at 80 columns


def table_rows(output: str, column: str, until: str | None = None) -> list[tuple[str, str]]:
    """(first cell, the text of `column` joined across its lines) for each row of a table
    `briefing` printed: a row starts on a line whose first cell is not blank."""
    lines = output.splitlines()
    header, body = lines[0], lines[1:-1]  # the last line is the count
    start = header.index(column)
    end = header.index(until) if until else None
    rows: list[tuple[str, list[str]]] = []
    for line in body:
        if line[:1].strip():
            rows.append((line.split()[0], []))
        rows[-1][1].append(line[start:end].strip())
    return [(key, " ".join(part for part in parts if part)) for key, parts in rows]


def test_facts_and_sources_at_80_columns_wrap_text_between_words(corpus):
    env = {"COLUMNS": "80"}
    facts = {f["id"]: f for f in json.loads(run("facts", "--json", "--corpus", str(corpus)).stdout)}
    table = runner.invoke(app, ["facts", "--corpus", str(corpus)], env=env).stdout
    assert max(len(line) for line in table.splitlines()) <= 80
    rows = table_rows(table, "fact")
    assert len(rows) == len(facts) > 50
    for fact_id, text in rows:
        # The text is cut only at spaces: joined back with spaces it is the fact itself
        # ("Intelligenc e" would not be), and its id and date stayed whole on one line.
        assert text == facts[fact_id]["text"]
        line = next(x for x in table.splitlines() if x.startswith(fact_id + " "))
        assert (facts[fact_id]["source"]["date"] or "undated") in line
    header = table.splitlines()[0]
    starts = [header.index(c) for c in ("id", "date", "countries", "themes", "fact")] + [80]
    widths = [b - a for a, b in pairwise(starts)]
    assert widths[-1] > max(widths[:-1])  # the fact text has the width

    sources = json.loads(run("sources", "--json", "--corpus", str(corpus)).stdout)["sources"]
    table = runner.invoke(app, ["sources", "--corpus", str(corpus)], env=env).stdout
    assert max(len(line) for line in table.splitlines()) <= 80
    rows = dict(table_rows(table, "publisher, title", until="facts"))
    assert len(rows) == len(sources) == 6
    for s in sources:
        expected = f"“{s['title']}”" if not s["publisher"] else f"{s['publisher']}, “{s['title']}”"
        assert rows[s["key"]] == expected  # `US Leading Race In Artificial Intelligence, …` whole


# --------------------------------------------------------------------------- --corpus before the command


def test_corpus_before_the_command_applies_to_it(corpus, tmp_path):
    only = tmp_path / "only"
    only.mkdir()
    (only / "vn.md").write_text("---\ntitle: Chips\ndate: 2026-01-10\n---\nVietnam will train "
                                "50,000 semiconductor engineers by 2030, the ministry said.\n",
                                encoding="utf-8")
    facts = json.loads(run("--corpus", str(only), "facts", "--json").stdout)
    assert [f["countries"] for f in facts] == [["VN"]]
    # Given again after the command, the command's own option wins.
    again = json.loads(run("--corpus", str(only), "facts", "--json", "--corpus", str(corpus)).stdout)
    assert len(again) > 50


def test_corpus_without_a_command_checks_the_folder_before_opening_the_app(tmp_path):
    r = run("--corpus", str(tmp_path / "nope"))
    assert r.exit_code == 2
    assert r.stderr == f"error: corpus folder not found: {tmp_path / 'nope'}\n"
