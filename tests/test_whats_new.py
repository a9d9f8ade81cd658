"""What's new in a saved brief, through the real CLI on real files: each render is recorded
beside the brief file, the next opens with what is new since (marked where it appears, in
the Markdown and in the PDF as printed) and what dropped out and why; `briefing diff`
compares two rendered briefs, Markdown or PDF."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest
from isolation import isolated
from saved_corpus import LATER, id_of, run, write_corpus

D1, D2 = "2026-11-15", "2026-11-22"
ENGINEERS = "South Korea also plans to train 50,000 AI engineers by 2030, according to the ministry."
BUSAN = "South Korea will open a 40-megawatt public AI data centre in Busan in 2028."


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def saved(corpus, tmp_path) -> Path:
    file = tmp_path / "kr-weekly.yaml"
    r = run("save", file, "-c", "KR", "--name", "kr-weekly", "--corpus", corpus)
    assert r.exit_code == 0, r.stderr
    return file


def render(file: Path, day: str, fmt: str = "md") -> dict[str, Path]:
    r = run("make", "--brief", file, "--date", day, "--format", fmt)
    assert r.exit_code == 0, r.stderr
    return {Path(p).suffix[1:]: Path(p) for p in r.stdout.split()}


def add_later_article(corpus: Path) -> None:
    name, text = LATER
    (corpus / name).write_text(text, encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def whats_new(markdown: str) -> str:
    """The What's new section of a Markdown brief."""
    return markdown.split("## What's new since ", 1)[1].split("\n## ", 1)[0]


def test_the_first_render_is_recorded_and_says_nothing_new(corpus, saved, tmp_path):
    made = render(saved, D1)["md"]
    text = made.read_text(encoding="utf-8")
    assert "What's new" not in text and "*new*" not in text
    r = run("make", "-c", "KR", "--corpus", corpus, "--date", D1, "--format", "md", "--out",
            tmp_path / "plain")
    assert Path(r.stdout.strip()).read_bytes() == made.read_bytes()

    history = json.loads((tmp_path / "kr-weekly.history.json").read_text(encoding="utf-8"))
    (entry,) = history["renders"]
    assert entry["as_of"] == D1
    quoted = re.findall(r"“([^”]+)” \[", text)
    assert [f["text"] for f in entry["facts"]] == list(dict.fromkeys(quoted)) != []
    engineers = next(f for f in entry["facts"] if f["text"] == ENGINEERS)
    assert engineers["id"] == id_of(corpus, "50,000 AI engineers")
    assert engineers["sources"] == [{
        "key": "seoul-fund.txt", "file": "seoul-fund.txt",
        "sha256": hashlib.sha256((corpus / "seoul-fund.txt").read_bytes()).hexdigest()}]


def test_an_added_article_is_new_and_marked_where_it_appears(corpus, saved):
    render(saved, D1)
    add_later_article(corpus)
    made = render(saved, D2, "both")
    text = made["md"].read_text(encoding="utf-8")
    section = whats_new(text)
    assert section.startswith(f"{D1}\n\nSince the brief as of {D1}: 1 new fact (marked *new*"
                              " below), 0 dropped out, ")
    (where,) = re.findall(r"^- New \(([^)]+)\): “South Korea will open a 40-megawatt public AI",
                          section, re.M)
    # Marked in the body, and only there: a key finding by its number, else in its section.
    body = text.split("## Key findings", 1)[1].split("## Method", 1)[0]
    marked = [line for line in body.splitlines() if line.endswith(" *new*")]
    assert len(marked) == 1 and f"“{BUSAN}” [" in marked[0]
    number = re.fullmatch(r"key finding (\d+)", where)
    if number:
        assert marked[0].startswith(f"{number.group(1)}. ")
    else:
        assert marked[0] in body.split(f"\n## {where}\n", 1)[1].split("\n## ", 1)[0]

    printed = subprocess.run(["pdftotext", "-raw", str(made["pdf"]), "-"], capture_output=True,
                             text=True, check=True).stdout
    assert f"What's new since {D1}" in printed
    assert "New (" in printed and "“South Korea will open a 40-megawatt public AI" in printed
    flat = " ".join(printed.split())
    assert re.search(r"Busan in 2028\.” ?\[\d+\] new\b", flat), flat


def test_an_edited_sentence_is_one_changed_fact_not_new_and_dropped(corpus, saved):
    render(saved, D1)
    old_id = id_of(corpus, "50,000 AI engineers")
    edit(corpus / "seoul-fund.txt", "50,000 AI engineers", "60,000 AI engineers")
    new_id = id_of(corpus, "60,000 AI engineers")
    made = render(saved, D2, "both")
    text = made["md"].read_text(encoding="utf-8")
    section = whats_new(text)
    assert section.startswith(f"{D1}\n\nSince the brief as of {D1}: 0 new facts, 1 changed"
                              " (marked *changed*), 0 dropped out, ")
    (line,) = [ln for ln in section.splitlines() if ln.startswith("- ")]
    assert re.fullmatch(
        r"- Changed \([^)]+\): “South Korea also plans to train 60,000 AI engineers by 2030[^”]*”"
        rf" `{new_id}`, was “South Korea also plans to train 50,000 AI engineers by 2030[^”]*”"
        rf" `{old_id}` — source edited: `seoul-fund.txt`\.", line), line
    # Marked where the brief quotes it, as changed, not new.
    body = text.split("## Key findings", 1)[1].split("## Method", 1)[0]
    marked = [ln for ln in body.splitlines() if ln.endswith((" *new*", " *changed*"))]
    assert len(marked) == 1 and "60,000 AI engineers" in marked[0]
    assert marked[0].endswith(" *changed*")
    printed = " ".join(subprocess.run(["pdftotext", "-raw", str(made["pdf"]), "-"],
                                      capture_output=True, text=True, check=True).stdout.split())
    assert "1 changed (marked changed)" in printed and "— source edited: seoul-fund.txt" in printed


def test_a_sentence_rewritten_beyond_an_edit_is_new_and_dropped(corpus, saved):
    render(saved, D1)
    old_id = id_of(corpus, "50,000 AI engineers")
    edit(corpus / "seoul-fund.txt", "South Korea also plans to train 50,000 AI engineers by 2030,"
         " according to the ministry.", "South Korea will add 3,000 places in university AI"
         " courses next spring, the ministry said.")
    section = whats_new(render(saved, D2)["md"].read_text(encoding="utf-8"))
    assert f"- Dropped out: “{ENGINEERS.split(', according')[0]}" in section
    assert f"`{old_id}` — source changed: `seoul-fund.txt`." in section
    assert "- New (" in section and "“South Korea will add 3,000 places" in section
    assert "Changed" not in section and ", 1 dropped out, " in section


def test_an_edit_pairs_only_with_a_sentence_of_the_same_file(corpus, saved):
    render(saved, D1)
    # The engineers' sentence leaves seoul-fund.txt; a near-same one appears in another
    # file: not an edit of the first (a different source says it).
    edit(corpus / "seoul-fund.txt", "South Korea also plans to train 50,000 AI engineers by"
         " 2030, according to the ministry.\n", "")
    (corpus / "other.txt").write_text(
        "---\ntitle: Training push\npublisher: Other Desk\ndate: 2026-11-01\n---\n"
        "Training push\n\nSouth Korea also plans to train 60,000 AI engineers by 2030,"
        " according to the ministry.\n", encoding="utf-8")
    section = whats_new(render(saved, D2)["md"].read_text(encoding="utf-8"))
    assert "Changed" not in section
    assert "- New (" in section and ", 1 dropped out, " in section


def test_why_facts_dropped_out_removed_excluded_ranked_out(corpus, saved):
    first = render(saved, D1)["md"].read_text(encoding="utf-8")
    analysts = id_of(corpus, "Analysts in Seoul")
    fund = id_of(corpus, "fund of 3 trillion won")
    assert "Analysts in Seoul" in first and "3 trillion won" in first
    (corpus / "korea-patents.txt").unlink()
    add_later_article(corpus)
    # The user edits the file by hand: one more exclusion, and a shorter brief.
    edit(saved, "exclude: []\n", f"exclude:\n  - id: {fund}\n    note: the fund\n")
    edit(saved, "formats:", "max_facts: 1\nformats:")
    section = whats_new(render(saved, D2)["md"].read_text(encoding="utf-8"))
    lines = section.splitlines()
    dropped = {re.search(r"`(f[0-9a-f]+)`", ln).group(1): ln.split("` — ", 1)[1]
               for ln in lines if ln.startswith("- Dropped out: ")}
    assert dropped[analysts] == "source removed: `korea-patents.txt`."
    assert dropped[fund] == "excluded by the user."
    # Of the two Korean facts left, the brief of one fact keeps the newer Busan one (dated,
    # and with a date of its own): the engineers' fact is still there, but ranked out.
    assert dropped[id_of(corpus, "50,000 AI engineers")] == "ranked out."
    assert len(dropped) == 4
    assert ": 1 new fact (marked *new* below), 4 dropped out, 0 kept." in section


def test_rendering_again_the_same_day_gives_the_same_brief(corpus, saved, tmp_path):
    render(saved, D1)
    add_later_article(corpus)
    once = render(saved, D2)["md"].read_bytes()
    again = render(saved, D2)["md"].read_bytes()
    assert once == again and b"What's new since " + D1.encode() in again
    history = json.loads((tmp_path / "kr-weekly.history.json").read_text(encoding="utf-8"))
    assert [r["as_of"] for r in history["renders"]] == [D1, D2]
    # A week on with nothing changed: nothing new, and it says so.
    section = whats_new(render(saved, "2026-11-29")["md"].read_text(encoding="utf-8"))
    assert section.startswith(f"{D2}\n\nNothing new since the brief as of {D2}: the same ")


def test_a_render_that_changes_the_selection_leaves_the_history_alone(corpus, saved,
                                                                       tmp_path):
    render(saved, D1)
    history = tmp_path / "kr-weekly.history.json"
    recorded = history.read_bytes()
    add_later_article(corpus)
    # A one-off render on Japan from the same file: another brief, neither recorded in the
    # file's history nor compared with it, and stderr says so in one line.
    r = run("make", "--brief", saved, "-c", "Japan", "--date", D2, "--format", "md")
    assert r.exit_code == 0, r.stderr
    assert r.stderr == (f"note: -c changes the selection of {saved}: this render is not"
                        " recorded in kr-weekly.history.json, has no What's new and is"
                        " written under the name `make` gives its selection,"
                        f" brief-jp-{D2}, not kr-weekly-{D2}\n")
    assert Path(r.stdout.strip()).name == f"brief-jp-{D2}.md"
    assert "What's new" not in Path(r.stdout.strip()).read_text(encoding="utf-8")
    assert history.read_bytes() == recorded
    r = run("make", "--brief", saved, "--max-facts", "1", "-x", id_of(corpus, "Analysts"),
            "--date", D2, "--format", "md")
    assert r.exit_code == 0 and r.stderr.startswith("note: --max-facts and --exclude change ")
    assert history.read_bytes() == recorded
    # The brief as saved then compares with its own last render, not with the one-offs.
    section = whats_new(render(saved, D2)["md"].read_text(encoding="utf-8"))
    assert section.startswith(f"{D1}\n\nSince the brief as of {D1}: 1 new fact ")
    # Repeating the file's own values, or changing only where and how it is written, is the
    # brief as saved: recorded as usual, no note.
    r = run("make", "--brief", saved, "-c", "KR", "--date", "2026-11-29", "--format", "both",
            "--out", tmp_path / "elsewhere")
    assert r.exit_code == 0 and r.stderr == ""
    assert [x["as_of"] for x in json.loads(history.read_text(encoding="utf-8"))["renders"]] == [
        D1, D2, "2026-11-29"]


def test_a_broken_history_file_is_one_line(saved, tmp_path):
    (tmp_path / "kr-weekly.history.json").write_text("{not json", encoding="utf-8")
    r = run("make", "--brief", saved, "--date", D1, "--format", "md")
    assert r.exit_code == 2
    assert r.stderr.startswith(f"error: {tmp_path / 'kr-weekly.history.json'}: not a brief "
                               "history file")
    assert len(r.stderr.strip().splitlines()) == 1


# --------------------------------------------------------------------------- briefing diff


@pytest.fixture(scope="module")
def two_briefs(tmp_path_factory) -> tuple[dict[str, Path], dict[str, Path], dict[str, str]]:
    """A brief on Korea, then the same a week on after one story changed and one was added;
    and the ids the diff should name. Made once for the module: its tests only read them."""
    root = tmp_path_factory.mktemp("two-briefs")
    with isolated(root / "home"):
        return _two_briefs(write_corpus(root / "corpus"), root)


def _two_briefs(corpus: Path, tmp_path: Path):
    def make(day: str, out: str) -> dict[str, Path]:
        r = run("make", "-c", "KR", "--corpus", corpus, "--date", day, "--out", tmp_path / out)
        assert r.exit_code == 0, r.stderr
        return {Path(p).suffix[1:]: Path(p) for p in r.stdout.split()}

    old = make(D1, "old")
    ids = {"gone": id_of(corpus, "50,000 AI engineers"),
           "touched": id_of(corpus, "fund of 3 trillion won"),
           "same": id_of(corpus, "12,000 AI patent applications")}
    edit(corpus / "seoul-fund.txt", "50,000 AI engineers", "60,000 AI engineers")
    add_later_article(corpus)
    ids["busan"] = id_of(corpus, "40-megawatt")
    ids["sixty"] = id_of(corpus, "60,000 AI engineers")
    return old, make(D2, "new"), ids


@pytest.mark.parametrize("old_form,new_form", [("md", "md"), ("pdf", "pdf"), ("md", "pdf")])
def test_diff_names_facts_added_removed_and_changed(two_briefs, old_form, new_form):
    old, new, ids = two_briefs
    r = run("diff", old[old_form], new[new_form])
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    plus = {ln.split()[1] for ln in lines if ln.startswith("+ ")}
    minus = {ln.split()[1] for ln in lines if ln.startswith("- ")}
    changed = {ln.split()[1]: ln for ln in lines if ln.startswith("~ ")}
    assert plus == {ids["busan"]}
    assert minus == set()
    # The engineers' sentence was edited in its file (50,000 now 60,000): one changed line,
    # as What's new says it (tests/test_diff.py has more).
    assert changed.pop(ids["gone"]).startswith(f"~ {ids['gone']} → {ids['sixty']} “")
    # The fund's sentence is the same, though the file it is quoted from changed: it is
    # unchanged, and the file is said once, with the facts quoted from it as before.
    assert changed == {}
    files = [ln for ln in lines if ln.startswith("* ")]
    assert len(files) == 1 and files[0].startswith("* seoul-fund.txt changed between the briefs; ")
    kept = int(files[0].split("; ")[1].split()[0])
    assert kept >= 1  # the fund's sentence at least
    assert lines[-1].startswith("1 added, 0 removed, 1 changed, ")


def test_diff_of_a_brief_with_itself_is_empty(two_briefs):
    old, _, _ = two_briefs
    r = run("diff", old["md"], old["pdf"])
    assert r.exit_code == 0, r.stderr
    (line,) = r.stdout.splitlines()
    assert re.fullmatch(r"0 added, 0 removed, 0 changed, (\d+) unchanged \(\1 facts before, "
                        r"\1 after\)", line)


def test_diff_of_a_file_that_is_not_a_brief_is_a_usage_error(two_briefs, saved):
    old, _, _ = two_briefs
    r = run("diff", saved, old["md"])
    assert r.exit_code == 2
    assert r.stderr.strip() == f"error: {saved} is not a brief: it quotes no cited facts"


WIRE = ("wire-busan.txt", "Busan picks a site for a public AI centre\n\n"
        "South Korea will build a public AI computing centre in Busan with 2,000 GPUs.\n")


def test_a_fact_a_correction_brings_in_says_so(corpus, tmp_path):
    """An undated wire copy is left out of a brief kept to recent sources; once the user
    dates it, its fact is new in the next render, and What's new says why: its words were
    in the corpus all along."""
    (corpus / WIRE[0]).write_text(WIRE[1], encoding="utf-8")
    file = tmp_path / "kr-recent.yaml"
    r = run("save", file, "-c", "KR", "--since", "2026-09-01", "--corpus", corpus)
    assert r.exit_code == 0, r.stderr
    first = render(file, D1)["md"].read_text(encoding="utf-8")
    assert "2,000 GPUs" not in first
    r = run("correct", "source", WIRE[0], "--date", "2026-11-18", "--corpus", corpus)
    assert r.exit_code == 0, r.stderr
    section = whats_new(render(file, D2)["md"].read_text(encoding="utf-8"))
    (line,) = [ln for ln in section.splitlines() if "2,000 GPUs" in ln]
    assert line.startswith("- New (")
    assert line.endswith(" — after your correction: date 2026-11-18 (was undated)")
    # A fact that came in with no correction of its own says nothing of the kind.
    assert sum("after your correction" in ln for ln in section.splitlines()) == 1
