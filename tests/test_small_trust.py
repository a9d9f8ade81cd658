"""Small things users found that made them doubt a brief or the CLI: each is reproduced on a
real corpus through the real CLI (or the module a user meets) and pinned here."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from briefing.cli.app import app

runner = CliRunner()
DAY = "2026-11-22"


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def fact_ids(corpus: Path, country: str) -> list[str]:
    r = run("facts", "-c", country, "--corpus", str(corpus), "--json")
    assert r.exit_code == 0, r.output
    return [f["id"] for f in json.loads(r.stdout)]


# --------------------------------------------------------------------------- 1. --exclude


def test_exclude_of_unknown_fact_ids_is_a_usage_error_naming_them(corpus, tmp_path):
    known = fact_ids(corpus, "KR")[0]
    out = tmp_path / "out"
    r = run("make", "-c", "KR", "-x", "deadbeef", "-x", known, "-x", "f00000000ab",
            "--corpus", str(corpus), "--out", str(out), "--date", DAY, "--format", "md")
    assert r.exit_code == 2
    assert r.stderr.strip() == ("error: --exclude: unknown fact ids 'deadbeef', 'f00000000ab'"
                                " (see `briefing facts` for ids)")
    assert not out.exists()  # nothing written for a brief the user did not ask for


def test_exclude_of_a_known_id_works_in_any_case(corpus, tmp_path):
    known = fact_ids(corpus, "KR")[0]
    r = run("make", "-c", "KR", "-x", known.upper(), "--audit", "--corpus", str(corpus),
            "--out", str(tmp_path), "--date", DAY, "--format", "md")
    assert r.exit_code == 0, r.output
    text = Path(r.stdout.strip()).read_text(encoding="utf-8")
    assert "excluded by the user" in text


# --------------------------------------------------------------------------- a corpus of our own

# Articles written for these tests: file names and wording that the bundled seeds do not have.
VIETNAM = (
    "Vietnam's ministry of science said on Tuesday that the country will build two national "
    "data centres for artificial intelligence by 2027. The plan sets aside $1.2 billion for "
    "the first phase, according to the ministry.\n\n"
    "Officials expect 18,693 graphics processing units to be installed across both sites. "
    "Three countries have offered to supply Vietnam with equipment, the ministry added.\n"
)
VIETNAM_LATER = (
    "Vietnam raised its budget for sovereign AI models to $2.5 billion, the finance ministry "
    "said. The government said 40% of the money would go to training local engineers.\n"
)
VIETNAM_UNDATED = (
    "Vietnam has trained 5,000 engineers in chip design under its semiconductor programme, "
    "the programme's office said.\n"
)


def article(folder: Path, name: str, title: str, day: str | None, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    head = f"title: {title}\n" + (f"date: {day}\n" if day else "")
    path = folder / name
    path.write_text(f"---\n{head}---\n\n{body}", encoding="utf-8")
    return path


def own_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "vn-articles"
    article(folder, "vn-data-centres.md", "Vietnam plans AI data centres", "2025-03-10", VIETNAM)
    article(folder, "vn-budget.md", "Vietnam raises AI budget", "2025-09-02", VIETNAM_LATER)
    article(folder, "vn-engineers.md", "Vietnam trains chip engineers", None, VIETNAM_UNDATED)
    return folder


# --------------------------------------------------------------------------- 2. verify


def test_verify_against_the_wrong_corpus_says_the_brief_was_made_from_another(tmp_path):
    folder = own_corpus(tmp_path)
    made = run("make", "-c", "VN", "--corpus", str(folder), "--out", str(tmp_path / "out"),
               "--date", DAY, "--format", "pdf")
    assert made.exit_code == 0, made.output
    pdf = made.stdout.strip()

    r = run("verify", pdf)  # no --corpus: the bundled seeds, which hold none of its files
    assert r.exit_code == 1
    assert r.stdout.strip().splitlines()[-1].endswith("missing")
    hint = r.stderr.strip()
    assert hint.startswith("hint: none of the 3 files the brief cites is in the corpus ")
    assert "(the bundled seeds, used when no --corpus is given)" in hint
    assert hint.endswith("was it made from another corpus? Give that folder with --corpus DIR")
    assert len(hint.splitlines()) == 1

    as_json = run("verify", pdf, "--json")  # the hint is on stderr: stdout stays JSON
    assert json.loads(as_json.stdout)["passed"] is False
    assert "--corpus DIR" in as_json.stderr

    right = run("verify", pdf, "--corpus", str(folder))
    assert right.exit_code == 0, right.output
    assert right.stderr == ""


def test_verify_with_some_files_gone_gives_no_other_corpus_hint(tmp_path):
    folder = own_corpus(tmp_path)
    made = run("make", "-c", "VN", "--corpus", str(folder), "--out", str(tmp_path / "out"),
               "--date", DAY, "--format", "md")
    (folder / "vn-budget.md").unlink()  # one file deleted: the corpus is the right one
    r = run("verify", made.stdout.strip(), "--corpus", str(folder))
    assert r.exit_code == 1
    assert "missing" in r.stdout and r.stderr == ""


# --------------------------------------------------------------------------- 3. --since


def test_since_leaves_out_undated_sources_and_the_brief_states_its_window(tmp_path):
    from briefing.brief.verify import pdf_attachments

    folder = own_corpus(tmp_path)
    r = run("make", "-c", "VN", "--since", "2025-06-01", "--corpus", str(folder),
            "--out", str(tmp_path / "out"), "--date", DAY)
    assert r.exit_code == 0, r.output
    md_path, pdf_path = (Path(p) for p in r.stdout.split())
    md = md_path.read_text(encoding="utf-8")
    assert "$2.5 billion" in md  # dated 2025-09-02: in the window
    assert "$1.2 billion" not in md  # dated 2025-03-10: before it
    assert "5,000 engineers" not in md  # undated: nothing shows it is in the window
    assert "\n*As of 2026-11-22; facts reported since 2025-06-01.* " in md
    method = md.split("## Method", 1)[1].split("## Sources", 1)[0]
    assert ("Only facts reported by a source dated 2025-06-01 or later are included; "
            "1 fact whose sources give no date was left out.") in method

    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], check=True,
                          capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "As of 2026-11-22; facts reported since 2025-06-01" in flat
    assert ("Only facts reported by a source dated 2025-06-01 or later are included; 1 fact "
            "whose sources give no date was left out.") in flat
    # The Markdown the PDF carries says the same.
    carried = pdf_attachments(pdf_path, pdf_path.read_bytes())
    assert "facts reported since 2025-06-01" in carried["brief.md"].decode("utf-8")


def test_a_brief_without_since_keeps_undated_facts_and_states_no_window(tmp_path):
    folder = own_corpus(tmp_path)
    r = run("make", "-c", "VN", "--corpus", str(folder), "--out", str(tmp_path / "out"),
            "--date", DAY, "--format", "md")
    md = Path(r.stdout.strip()).read_text(encoding="utf-8")
    assert "5,000 engineers" in md and "*(undated)*" in md
    assert "since" not in md.split("## Key findings")[0]
    assert "Only facts reported by" not in md


def test_since_counts_undated_facts_left_out_when_a_brief_reads_only_the_strongest(
        tmp_path, monkeypatch):
    """A big archive's brief filters digests before reading facts: it counts too."""
    import briefing.brief.build as brief_module

    folder = own_corpus(tmp_path)
    article(folder, "vn-undated-2.md", "Vietnam courts chip firms", None,
            "Vietnam has signed agreements with 12 chip design firms, the ministry said.\n")
    monkeypatch.setattr(brief_module, "RANK_ALL_UP_TO", 1)  # any selection is "big"
    r = run("make", "-c", "VN", "--since", "2025-06-01", "--corpus", str(folder),
            "--out", str(tmp_path / "out"), "--date", DAY, "--format", "md")
    assert r.exit_code == 0, r.output
    md = Path(r.stdout.strip()).read_text(encoding="utf-8")
    assert "were read and ranked in full" in md  # the digest path was taken
    assert "; 2 facts whose sources give no date were left out." in md


# --------------------------------------------------------------------------- 9. float noise


def test_figure_values_in_json_carry_no_float_noise(tmp_path):
    folder = tmp_path / "corpus"
    # 4.07 * 1e9 is 4070000000.0000005 in binary floating point; 0.7 * 1e12 is fine.
    article(folder, "vn-fund.md", "Vietnam sets up a chip fund", "2025-05-05",
            "Vietnam's new chip fund will manage $4.07 billion, the central bank said. "
            "It also holds 1.15 million square metres of land for 3.3 thousand engineers.\n")
    r = run("facts", "-c", "VN", "--corpus", str(folder), "--json")
    assert r.exit_code == 0, r.output
    assert '"value": 4070000000,' in r.stdout
    assert "0000005" not in r.stdout and "9999999" not in r.stdout
    values = [g["value"] for f in json.loads(r.stdout) for g in f["figures"]]
    assert 4070000000 in values and 3300 in values


# --------------------------------------------------------------------------- 8. key figures


def test_key_figures_give_whole_compound_nouns_and_skip_counts_of_nothing(tmp_path):
    folder = own_corpus(tmp_path)
    r = run("make", "-c", "VN", "--corpus", str(folder), "--out", str(tmp_path / "out"),
            "--date", DAY, "--format", "md")
    assert r.exit_code == 0, r.output
    md = Path(r.stdout.strip()).read_text(encoding="utf-8")
    table = md.split("## Key figures", 1)[1].split("\n## ", 1)[0]
    figures = [row.split(" | ")[0].lstrip("| ") for row in table.strip().splitlines()[2:]]
    assert "18,693 graphics processing units" in figures  # as written: said once
    # The source's wording, then the value it normalises to ("two national data centres":
    # what, not which), as the PDF shows both.
    assert "two national data centres (2 data centres)" in figures
    assert "$1.2 billion (1.2 bn USD)" in figures
    # "Three countries have offered to supply Vietnam …": in the brief, not a key figure.
    assert "Three countries have offered" in md
    assert not [f for f in figures if "countries" in f]


# --------------------------------------------------------------------------- 4. themes


def test_an_unknown_theme_with_nothing_close_lists_the_themes(tmp_path):
    folder = own_corpus(tmp_path)
    r = run("make", "-t", "basket weaving", "--corpus", str(folder), "--out", str(tmp_path))
    assert r.exit_code == 2
    line = r.stderr.strip()
    assert len(line.splitlines()) == 1
    assert line.startswith("error: unknown theme 'basket weaving'; the themes are ")
    assert line.endswith(" (see `briefing themes`)")
    listed = line.split("the themes are ", 1)[1].removesuffix(" (see `briefing themes`)")
    themes = json.loads(run("themes", "--corpus", str(folder), "--json").stdout)
    assert listed.split(", ") == [t["slug"] for t in themes]


def test_an_unknown_theme_close_to_some_suggests_them(tmp_path):
    folder = own_corpus(tmp_path)
    r = run("facts", "-t", "chipz", "--corpus", str(folder))
    assert r.exit_code == 2
    assert r.stderr.startswith("error: unknown theme 'chipz'; did you mean Compute & chips")


# --------------------------------------------------------------------------- 5. add


def test_add_creates_the_corpus_folder_it_is_told_to_write_to(site, tmp_path):
    folder = tmp_path / "new" / "corpus"  # neither exists yet
    r = run("add", f"{site.base}/news/compute-plan.html", "--corpus", str(folder))
    assert r.exit_code == 0, r.output
    assert (folder / "127.0.0.1-news-compute-plan.html").is_file()
    assert (folder / "127.0.0.1-news-compute-plan.html.fetch.json").is_file()
    facts = json.loads(run("facts", "--corpus", str(folder), "--json").stdout)
    assert facts  # indexed like any corpus


def test_add_to_a_path_that_is_a_file_is_a_one_line_error(site, tmp_path):
    taken = tmp_path / "notes.txt"
    taken.write_text("not a folder\n")
    r = run("add", f"{site.base}/news/compute-plan.html", "--corpus", str(taken))
    assert r.exit_code == 2
    assert r.stderr == f"error: corpus folder is a file, not a folder: {taken}\n"
    assert site.agents == []  # nothing fetched


# --------------------------------------------------------------------------- 6. sources table


def long_named_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "long-names"
    for n, day in enumerate(("2025-12-15", "2025-11-30", "2025-10-01"), start=1):
        article(folder, f"vietnam-semiconductor-strategy-national-compute-plan-{n}-analysis.md",
                f"Vietnam chip plan, part {n}, with a title long enough to wrap", day,
                f"Vietnam will build {n + 1} data centres for AI research by 2027, the "
                "ministry said.\n")
    return folder


def test_sources_at_80_columns_never_cut_a_date(tmp_path):
    folder = long_named_corpus(tmp_path)
    r = runner.invoke(app, ["sources", "--corpus", str(folder)], env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[0].split() == ["source", "date", "publisher,", "title", "facts"]
    for day in ("2025-12-15", "2025-11-30", "2025-10-01"):
        assert f"  {day}  " in r.stdout  # whole, on one line
    # A path too long for its column folds onto the next lines: joined, it is whole.
    date_at = lines[0].index("date")
    column = "".join(line[:date_at].strip() for line in lines[1:-1])
    for n in (1, 2, 3):
        assert f"vietnam-semiconductor-strategy-national-compute-plan-{n}-analysis.md" in column


def test_a_date_column_keeps_its_width_whatever_the_other_cells():
    from rich.console import Console

    from briefing.cli.app import COUNT, KEY, PATH, TEXT, _table

    rows = [("a-source-key-far-too-long-for-any-eighty-column-terminal-to-show-whole.md",
             "2025-12-15", "Publisher, “A title that goes on and on for many words”", "12")]
    screen = Console(width=80, record=True, markup=False, emoji=False, highlight=False)
    screen.print(_table([("source", PATH), ("date", KEY), ("publisher, title", TEXT),
                         ("facts", COUNT)], rows, 80))
    text = screen.export_text()
    assert "2025-12-15" in text and max(len(line) for line in text.splitlines()) <= 80
    assert " 12\n" in text


# --------------------------------------------------------------------------- 11. sections


def blocks_of(text: str) -> list[tuple[str, str]]:
    from briefing.ingest.blocks import body_blocks

    return [(b.kind, text[b.start:b.end]) for b in body_blocks(text, 0)]


def test_a_numbered_section_heading_is_a_heading():
    text = ("Executive summary\n\nThe plan costs $1 billion.\n\n"
            "2. Talent and training\n\nVietnam trains engineers.\n")
    assert blocks_of(text) == [
        ("heading", "Executive summary"), ("paragraph", "The plan costs $1 billion."),
        ("heading", "2. Talent and training"), ("paragraph", "Vietnam trains engineers.")]


def test_a_numbered_list_stays_a_list():
    # Short items without full stops read like headings: the next number makes them a list.
    assert blocks_of("The plan has three parts.\n\n1. Compute\n2. Talent\n3. Data\n") == [
        ("paragraph", "The plan has three parts."),
        ("item", "Compute"), ("item", "Talent"), ("item", "Data")]
    assert blocks_of("Steps:\n\n1. Fund the labs.\n2. Offer grants.\n") == [
        ("heading", "Steps:"), ("item", "Fund the labs."), ("item", "Offer grants.")]
    # A numbered heading over a list of its own keeps its place.
    assert blocks_of("3. Next steps\n\n1. Fund the labs.\n2. Offer grants.\n") == [
        ("heading", "3. Next steps"), ("item", "Fund the labs."), ("item", "Offer grants.")]
