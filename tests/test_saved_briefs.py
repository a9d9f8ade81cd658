"""Saved briefs through the real CLI: `briefing save` writes a YAML file a person can read,
`briefing make --brief FILE` renders it as the same options on the command line would, bad
files fail in one line, and excluded or pinned facts that left the corpus are reported."""

from __future__ import annotations

import email
import email.policy
import json
import re
from pathlib import Path

import pytest
from saved_corpus import id_of, run, write_corpus

from briefing.brief.saved import FORMATS, Noted, SavedBrief, brief_text, load_brief, save_brief
from briefing.extract.themes import load_taxonomy

DAY = "2026-11-22"


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus")


def test_save_then_make_brief_renders_what_the_same_flags_render(corpus, tmp_path):
    dropped = id_of(corpus, "Analysts in Seoul")
    pinned = id_of(corpus, "earmarked 200 billion yen")  # Japan's: outside a Korea brief
    file = tmp_path / "briefs" / "kr-weekly.yaml"
    file.parent.mkdir()
    r = run("save", file, "-c", "South Korea", "-t", "patents", "-t", "talent", "--exclude",
            dropped, "--pin", pinned, "--since", "2026-09-01", "--corpus", corpus)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.strip() == str(file)

    r = run("make", "--brief", file, "--date", DAY, "--format", "md")
    assert r.exit_code == 0, r.stderr
    from_file = Path(r.stdout.strip())
    # The file's relative paths are read from its own folder, whatever the working directory.
    assert from_file.parent == file.parent / "out"
    r = run("make", "-c", "KR", "-t", "patents", "-t", "talent", "--exclude", dropped, "--pin",
            pinned, "--since", "2026-09-01", "--corpus", corpus, "--date", DAY, "--format", "md",
            "--out", tmp_path / "flags")
    assert r.exit_code == 0, r.stderr
    from_flags = Path(r.stdout.strip())
    assert from_file.name == from_flags.name == f"brief-kr-patents-talent-since-2026-09-01-{DAY}.md"
    text = from_file.read_text(encoding="utf-8")
    assert text == from_flags.read_text(encoding="utf-8")
    # The pin held a Japanese fact in a brief on Korea; the exclusion held too.
    assert "The Japanese government has earmarked 200 billion yen" in text
    assert "Analysts in Seoul" not in text
    assert "1 fact pinned by the user (`--pin`) is in the brief however it ranks." in text
    assert "What's new" not in text  # a first render has nothing to compare with


def test_the_saved_file_is_readable_and_reads_back_the_same(corpus, tmp_path):
    fid = id_of(corpus, "Analysts in Seoul")
    file = tmp_path / "kr.yaml"
    r = run("save", file, "-c", "kor", "-t", "patent", "-x", fid.upper(), "--to",
            "desk@example.org", "--name", "kr-weekly", "--title", "Korea: weekly", "--format",
            "pdf", "--max-facts", "12", "--corpus", corpus)
    assert r.exit_code == 0, r.stderr
    text = file.read_text(encoding="utf-8")
    assert text == (
        "# A saved brief: render it with `briefing make --brief kr.yaml`.\n"
        "title: 'Korea: weekly'\n"
        "countries: [KR]\n"
        "themes: [patents]\n"
        "max_facts: 12\n"
        "exclude:\n"
        f"  - id: {fid}\n"
        "    note: Analysts in Seoul said South Korea is catching up with larger rivals…\n"
        "pin: []\n"
        "formats: [pdf]\n"
        "recipients: [desk@example.org]\n"
        "output:\n"
        "  folder: out\n"
        "  name: kr-weekly\n"
        "corpus: corpus\n")
    saved = load_brief(file, load_taxonomy())
    assert saved.countries == ("KR",) and saved.themes == ("patents",)
    assert saved.exclude == (Noted(fid, "Analysts in Seoul said South Korea is catching up "
                                        "with larger rivals…"),)
    assert saved.corpus_folder() == corpus and saved.output_folder() == tmp_path / "out"
    copy = tmp_path / "copy.yaml"
    save_brief(saved, copy)
    assert copy.read_text(encoding="utf-8") == text.replace("kr.yaml", "copy.yaml")


def test_a_file_written_by_hand_is_resolved_like_the_options(tmp_path):
    file = tmp_path / "hand.yaml"
    file.write_text("# mine\ncountries: South Korea\nthemes: [Sovereign AI, patents]\n"
                    "since: 2026-01-31\nexclude: [F3D1943E7B8]\nformats: md\n"
                    "output: {folder: /tmp/briefs}\n", encoding="utf-8")
    saved = load_brief(file, load_taxonomy())
    assert saved == SavedBrief(countries=("KR",), themes=("sovereign-ai", "patents"),
                               since=__import__("datetime").date(2026, 1, 31),
                               exclude=(Noted("f3d1943e7b8"),), formats=("md",),
                               folder="/tmp/briefs")
    assert saved.formats != FORMATS
    assert "exclude:\n  - id: f3d1943e7b8\n" in brief_text(saved, "hand.yaml")


@pytest.mark.parametrize("content,message", [
    ("countries: [KR\n", "not valid YAML at line 2"),
    ("contries: [KR]\n", "unknown key contries; did you mean countries?"),
    ("countries: [Atlantis]\n", "countries: unknown country 'Atlantis'"),
    ("themes: [basket weaving]\n", "themes: unknown theme 'basket weaving'; the themes are "),
    ("countries: [NO]\n", "countries: a yes/no value in the list (for Norway write 'NO'"),
    ("exclude: [f12]\n", "exclude: 'f12' is not a fact id"),
    ("exclude:\n  - id: f3d1943e7b8\n    nte: x\n", "exclude: unknown key nte; did you mean note?"),
    ("pin: [f3d1943e7b8]\nexclude: [f3d1943e7b8]\n", "pin: f3d1943e7b8 is also excluded"),
    ("output: {folder: x, nam: y}\n", "unknown key output.nam; did you mean output.name?"),
    ("output: {name: ../up}\n", "output.name '../up' must be a file name without folders"),
    ("formats: [docx]\n", "formats: must list md, pdf or both, not ['docx']"),
    ("formats: [md]\nrecipients: [a@example.org]\n", "the PDF is what is emailed"),
    ("recipients: [nobody]\n", "'nobody' is not an email address"),
    ("since: last week\n", "since: expects a date as YYYY-MM-DD"),
    # Worded as `--since 2026-02-30` on the command line says it.
    ("since: 2026-02-30\n", "since: 2026-02-30 is not a date (February has 28 days in 2026)"),
    ("since: '2026-13-01'\n", "since: 2026-13-01 is not a date (there is no month 13)"),
    ("max_facts: 0\n", "max_facts: must be a whole number of 1 or more"),
    ("- KR\n", "a brief file is a mapping of keys"),
])
def test_a_bad_brief_file_is_one_line_and_exit_2(corpus, tmp_path, content, message):
    file = tmp_path / "bad.yaml"
    file.write_text(content, encoding="utf-8")
    r = run("make", "--brief", file, "--corpus", corpus, "--out", tmp_path / "out")
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith(f"error: {file}: "), r.stderr
    assert message in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_a_day_that_is_none_is_said_alike_on_the_command_line_and_in_a_file(corpus, tmp_path):
    file = tmp_path / "kr.yaml"
    flag = run("make", "-c", "KR", "--since", "2026-02-30", "--corpus", corpus)
    saved = run("save", file, "-c", "KR", "--since", "2026-02-30")
    assert flag.exit_code == saved.exit_code == 2 and not file.exists()
    assert flag.stderr == saved.stderr == (
        "error: --since: 2026-02-30 is not a date (February has 28 days in 2026)\n")
    file.write_text("countries: [KR]\nsince: 2026-02-30\n", encoding="utf-8")
    r = run("make", "--brief", file, "--corpus", corpus, "--out", tmp_path / "out")
    assert r.exit_code == 2
    assert r.stderr == (f"error: {file}: since: 2026-02-30 is not a date (February has 28 days"
                        " in 2026)\n")


def test_a_missing_brief_file_is_a_usage_error(tmp_path):
    r = run("make", "--brief", tmp_path / "nowhere.yaml")
    assert r.exit_code == 2
    assert r.stderr.strip() == f"error: brief file not found: {tmp_path / 'nowhere.yaml'}"


def test_an_exclusion_whose_fact_left_the_corpus_is_reported_and_the_brief_renders(corpus,
                                                                                   tmp_path):
    gone = id_of(corpus, "Analysts in Seoul")
    kept = id_of(corpus, "train 50,000 AI engineers")
    file = tmp_path / "kr.yaml"
    assert run("save", file, "-c", "KR", "-x", gone, "--pin", kept, "--corpus", corpus
               ).exit_code == 0
    # The analysts' sentence is edited away: its fact no longer exists.
    story = corpus / "korea-patents.txt"
    story.write_text(story.read_text(encoding="utf-8").replace(
        "Analysts in Seoul said South Korea is catching up with larger rivals in AI patents.",
        "Observers expect the number to keep rising."), encoding="utf-8")
    r = run("make", "--brief", file, "--date", DAY, "--format", "md")
    assert r.exit_code == 0, r.stderr
    assert r.stderr.strip() == (
        f"warning: {file}: 1 fact no longer in the corpus: excluded {gone} (“Analysts in Seoul"
        " said South Korea is catching up with larger rivals…”)")
    brief = Path(r.stdout.strip()).read_text(encoding="utf-8")
    assert "train 50,000 AI engineers" in brief
    # The file is left as the user wrote it: the fact may come back.
    assert gone in file.read_text(encoding="utf-8")


def test_a_pin_whose_fact_left_the_corpus_is_reported_too(corpus, tmp_path):
    pinned = id_of(corpus, "earmarked 200 billion yen")
    file = tmp_path / "kr.yaml"
    assert run("save", file, "-c", "KR", "--pin", pinned, "--corpus", corpus).exit_code == 0
    (corpus / "tokyo-compute.txt").unlink()
    r = run("make", "--brief", file, "--date", DAY, "--format", "md")
    assert r.exit_code == 0, r.stderr
    assert f"1 fact no longer in the corpus: pinned {pinned} (“The Japanese government" in r.stderr
    assert "pinned by the user" not in Path(r.stdout.strip()).read_text(encoding="utf-8")


def test_a_pin_keeps_a_fact_the_cap_would_leave_out(corpus, tmp_path):
    weakest = id_of(corpus, "Analysts in Seoul")

    def brief(*extra: str) -> str:
        r = run("make", "-c", "KR", "--max-facts", "2", "--corpus", corpus, "--date", DAY,
                "--format", "md", "--out", tmp_path / "out", "--audit", *extra)
        assert r.exit_code == 0, r.stderr
        return Path(r.stdout.strip()).read_text(encoding="utf-8")

    plain, audit = brief().split("## Audit")
    assert "Analysts in Seoul" not in plain and "2 facts from" in plain
    assert f"`{weakest}` “Analysts in Seoul said" in audit
    pinned, audit = brief("--pin", weakest).split("## Audit")
    assert "“Analysts in Seoul said South Korea is catching up with larger rivals in AI patents.” [1]" in pinned
    assert weakest not in audit
    # Still two facts: the weaker of the two made room, and the audit says why.
    assert "2 facts from" in pinned
    quoted = [set(re.findall(r"“([^”]+)” \[", body)) for body in (plain, pinned)]
    (made_room,) = quoted[0] - quoted[1]
    assert f"“{made_room}” — over the cap of 2 facts" in audit


def test_options_on_the_command_line_override_the_file(corpus, tmp_path):
    file = tmp_path / "kr.yaml"
    assert run("save", file, "-c", "KR", "--name", "weekly", "--format", "md", "--corpus",
               corpus).exit_code == 0
    r = run("make", "--brief", file, "-c", "JP", "--date", DAY, "--out", tmp_path / "elsewhere")
    assert r.exit_code == 0, r.stderr
    (made,) = r.stdout.split()
    # md only, as saved; another selection than the file's is another brief: the name
    # `make -c JP` gives it, never the saved brief's own file (weekly-<date>.md).
    assert Path(made) == tmp_path / "elsewhere" / f"brief-jp-{DAY}.md"
    text = Path(made).read_text(encoding="utf-8")
    assert text.startswith("# Policy brief: Japan\n") and "South Korea announced" not in text


def test_save_does_not_overwrite_without_force_and_checks_ids(corpus, tmp_path):
    file = tmp_path / "kr.yaml"
    file.write_text("countries: [KR]\n", encoding="utf-8")
    r = run("save", file, "-c", "JP", "--corpus", corpus)
    assert r.exit_code == 2 and "exists: add --force to replace it" in r.stderr
    assert file.read_text(encoding="utf-8") == "countries: [KR]\n"
    r = run("save", file, "-c", "JP", "--force", "-x", "f0000000000", "--corpus", corpus)
    assert r.exit_code == 2
    assert r.stderr.strip() == ("error: --exclude: unknown fact id 'f0000000000' (see "
                                "`briefing facts` for ids)")
    assert run("save", file, "-c", "JP", "--force", "--corpus", corpus).exit_code == 0
    assert "countries: [JP]\n" in file.read_text(encoding="utf-8")


def test_a_saved_brief_with_recipients_needs_a_pdf(corpus, tmp_path):
    r = run("save", tmp_path / "x.yaml", "-c", "KR", "--format", "md", "--to", "a@example.org")
    assert r.exit_code == 2 and "the PDF is what is emailed: add pdf to formats" in r.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_make_brief_emails_the_pdf_to_the_files_recipients(corpus, tmp_path, monkeypatch):
    from smtp_server import RecordingHandler, running

    file = tmp_path / "kr.yaml"
    assert run("save", file, "-c", "KR", "--to", "desk@example.org", "--corpus", corpus
               ).exit_code == 0
    handler = RecordingHandler()
    with running(handler) as server:
        for name, value in (("HOST", "127.0.0.1"), ("PORT", str(server.port)),
                            ("SECURITY", "none"), ("FROM", "briefs@example.org")):
            monkeypatch.setenv(f"BRIEFING_SMTP_{name}", value)
        quiet = run("make", "--brief", file, "--date", DAY, "--no-email")
        assert quiet.exit_code == 0, quiet.stderr
        assert handler.received == []
        r = run("make", "--brief", file, "--date", DAY, "--email", "boss@example.org")
    assert r.exit_code == 0, r.stderr
    (sent,) = handler.received
    assert sent.rcpt_tos == ["desk@example.org", "boss@example.org"]
    message = email.message_from_bytes(sent.data, policy=email.policy.default)
    (attached,) = [part for part in message.iter_attachments()]
    assert attached.get_content() == (tmp_path / "out" / f"brief-kr-{DAY}.pdf").read_bytes()


def test_a_typo_read_as_a_name_is_said_in_one_line(corpus, tmp_path):
    # On the command line: the guess is said on stderr; what it resolved to is used.
    r = run("facts", "-c", "Japn", "-t", "compte", "--json", "--corpus", corpus)
    assert r.exit_code == 0, r.stderr
    assert r.stderr == "note: Japn → Japan (JP)\nnote: compte → Compute & chips (compute)\n"
    assert all("JP" in f["countries"] for f in json.loads(r.stdout)) and r.stdout != "[]\n"
    r = run("make", "-c", "Japn", "--date", DAY, "--format", "md", "--corpus", corpus, "--out",
            tmp_path / "out")
    assert r.exit_code == 0 and r.stderr == "note: Japn → Japan (JP)\n"
    # A code, a name, an alias or a theme's word is no guess: nothing said.
    for name in ("JP", "jpn", "Japan", "korea", "South Korean"):
        r = run("facts", "-c", name, "--json", "--corpus", corpus)
        assert (r.exit_code, r.stderr) == (0, ""), name
    r = run("facts", "-t", "patents", "-t", "chips", "--json", "--corpus", corpus)
    assert (r.exit_code, r.stderr) == (0, "")
    # Ambiguous or unknown: one line, exit 2, as before.
    r = run("facts", "-c", "Austr", "--corpus", corpus)
    assert (r.exit_code, r.stderr) == (
        2, "error: unknown country 'Austr'; did you mean Australia, Austria?\n")
    r = run("facts", "-t", "zzzzqq", "--corpus", corpus)
    assert r.exit_code == 2 and len(r.stderr.splitlines()) == 1
    assert r.stderr.startswith("error: unknown theme 'zzzzqq'")


def test_a_typo_in_a_saved_brief_is_said_when_saved_and_when_read(corpus, tmp_path):
    file = tmp_path / "jp.yaml"
    r = run("save", file, "-c", "Japn", "--format", "md", "--corpus", corpus)
    assert r.exit_code == 0 and r.stderr == "note: Japn → Japan (JP)\n"
    assert "countries: [JP]\n" in file.read_text(encoding="utf-8")  # saved as the code
    hand = tmp_path / "hand.yaml"
    hand.write_text(f"countries: [Japn]\nthemes: [compte]\ncorpus: {corpus}\nformats: [md]\n",
                    encoding="utf-8")
    r = run("make", "--brief", hand, "--date", DAY)
    assert r.exit_code == 0, r.stderr
    assert r.stderr == (f"note: {hand}: countries: Japn → Japan (JP)\n"
                        f"note: {hand}: themes: compte → Compute & chips (compute)\n")
    assert Path(r.stdout.strip()).read_text(encoding="utf-8").startswith(
        "# Policy brief: Japan — Compute & chips\n")
