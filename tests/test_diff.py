"""`briefing diff OLD NEW` through the real CLI on briefs rendered from a small corpus written
for these tests: a sentence edited in its file (another figure) is one changed line, paired
as a saved brief's What's new pairs it (`history.edit_pairs`), from a Markdown brief's Sources
list or a PDF's facts JSON alike; a sentence rewritten beyond the threshold, or said again in
another file, stays one fact added and one removed; facts of untouched files are untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from isolation import isolated
from rapidfuzz.distance import Indel
from saved_corpus import fact_ids, run

from briefing.brief.history import EDITED_WORDING
from briefing.model import first_words
from briefing.text import norm_key

D1, D2 = "2026-11-15", "2026-11-22"
GRANTS = ("South Korea will spend 1.4 trillion won on grants for semiconductor design schools"
          " next year, the industry ministry said on Tuesday.")
EDITED = GRANTS.replace("1.4 trillion", "1.6 trillion")
REACH = "The ministry expects the grants to reach 40 universities in the first round."
REWRITTEN = "Forty universities have already applied for the first round, regional offices said."
PLACES = "Officials added that the programme would fund 2,000 doctoral places in chip design by 2029."
SUBTITLES = ("South Korea's public broadcaster will test AI-generated subtitles on 12 regional"
             " channels from June 2027.")

ARTICLES = {
    "chip-grants.txt": f"""---
title: Seoul widens grants for chip design schools
publisher: Han River Bulletin
date: 2026-10-12
---
Seoul widens grants for chip design schools

{GRANTS}

{REACH}

{PLACES}
""",
    "broadcast-subtitles.txt": f"""---
title: Public broadcaster trials machine subtitles
publisher: Gyeonggi Media Review
date: 2026-10-20
---
Public broadcaster trials machine subtitles

{SUBTITLES}
""",
}


def make(corpus: Path, day: str, out: Path) -> dict[str, Path]:
    r = run("make", "-c", "KR", "--corpus", corpus, "--date", day, "--out", out)
    assert r.exit_code == 0, r.stderr
    return {Path(p).suffix[1:]: Path(p) for p in r.stdout.split()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def write_articles(folder: Path) -> Path:
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_articles(tmp_path / "corpus")


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> tuple[dict[str, Path], dict[str, Path], dict[str, str]]:
    """A brief, then another after its chip-grants story was edited: one figure changed
    (1.4 -> 1.6 trillion won), one sentence rewritten; the subtitles story untouched. Made
    once for the module: its tests only read the two briefs."""
    root = tmp_path_factory.mktemp("edited")
    with isolated(root / "home"):
        return _edited(write_articles(root / "corpus"), root)


def _edited(corpus: Path, tmp_path: Path):
    old = make(corpus, D1, tmp_path / "old")
    before = fact_ids(corpus)
    edit(corpus / "chip-grants.txt", GRANTS, EDITED)
    edit(corpus / "chip-grants.txt", REACH, REWRITTEN)
    new = make(corpus, D2, tmp_path / "new")
    after = fact_ids(corpus)
    ids = {"grants": before[GRANTS], "edited": after[EDITED], "reach": before[REACH],
           "rewritten": after[REWRITTEN], "places": after[PLACES], "subtitles": after[SUBTITLES]}
    assert before[PLACES] == ids["places"] and before[SUBTITLES] == ids["subtitles"]
    return old, new, ids


def diff(old: Path, new: Path) -> list[str]:
    r = run("diff", old, new)
    assert r.exit_code == 0, r.stderr
    return r.stdout.splitlines()


FORMS = [("md", "md"), ("pdf", "pdf"), ("md", "pdf"), ("pdf", "md")]


@pytest.mark.parametrize("old_form,new_form", FORMS)
def test_an_edited_sentence_is_one_changed_line(edited, old_form, new_form):
    old, new, ids = edited
    lines = diff(old[old_form], new[new_form])
    edits = [ln for ln in lines if ln.startswith(f"~ {ids['grants']} → ")]
    assert edits == [f"~ {ids['grants']} → {ids['edited']} “{GRANTS}” → “{EDITED}”"
                     " (edited in chip-grants.txt)"]
    # Neither wording is listed again as added or removed.
    assert not [ln for ln in lines if ln[:1] in "+-" and
                (ids["grants"] in ln or ids["edited"] in ln)]


@pytest.mark.parametrize("old_form,new_form", FORMS)
def test_a_rewritten_sentence_stays_added_and_removed_and_others_are_untouched(
        edited, old_form, new_form):
    old, new, ids = edited
    # Beyond the threshold: the same file, but not near-same wording.
    assert Indel.normalized_similarity(norm_key(REACH), norm_key(REWRITTEN)) < EDITED_WORDING
    lines = diff(old[old_form], new[new_form])
    assert [ln.split()[1] for ln in lines if ln.startswith("+ ")] == [ids["rewritten"]]
    assert [ln.split()[1] for ln in lines if ln.startswith("- ")] == [ids["reach"]]
    # The sentence left as it was in the edited file is unchanged: not listed as a change,
    # but the file is named once, with how many of its facts read as before.
    assert not [ln for ln in lines if ids["places"] in ln]
    assert ("* chip-grants.txt changed between the briefs; 1 fact quoted from it read as"
            " before") in lines
    # The other story's fact is in both briefs, unchanged, and named nowhere.
    assert not [ln for ln in lines if ids["subtitles"] in ln]
    assert lines[-1] == "1 added, 1 removed, 1 changed, 2 unchanged (4 facts before, 4 after)"


@pytest.mark.parametrize("form", ["md", "pdf"])
def test_near_same_wording_in_another_file_is_no_edit(corpus, tmp_path, form):
    """An edit is of a sentence in its own file: the figure removed from one story and a
    near-same sentence in another story are two facts, as What's new counts them."""
    old = make(corpus, D1, tmp_path / "old")
    grants = fact_ids(corpus)[GRANTS]
    edit(corpus / "chip-grants.txt", GRANTS + "\n", "")
    (corpus / "wire-grants.txt").write_text(
        "---\ntitle: Chip school grants raised\npublisher: Daejeon Wire\ndate: 2026-11-02\n---\n"
        f"Chip school grants raised\n\n{EDITED}\n", encoding="utf-8")
    new = make(corpus, D2, tmp_path / "new")
    lines = diff(old[form], new[form])
    # (The story's other sentences lose South Korea with its first one, so they go too.)
    assert grants in [ln.split()[1] for ln in lines if ln.startswith("- ")]
    assert [ln.split()[1] for ln in lines if ln.startswith("+ ")] == [fact_ids(corpus)[EDITED]]
    assert not [ln for ln in lines if " → " in ln]


def test_near_same_sentences_of_an_unchanged_file_are_no_edit(tmp_path):
    """Two briefs that quote one and then the other of two near-same sentences of a file
    with the same bytes: nothing was edited, so they stay one fact added and one removed."""
    chips = "South Korea will train 3,000 chip designers at 12 universities by 2028, the ministry said."
    batteries = chips.replace("chip designers", "battery engineers")
    assert Indel.normalized_similarity(norm_key(chips), norm_key(batteries)) >= EDITED_WORDING
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "skills.txt").write_text(
        "---\ntitle: Two training drives\npublisher: Han River Bulletin\ndate: 2026-10-02\n---\n"
        f"Two training drives\n\n{chips}\n\n{batteries}\n", encoding="utf-8")
    ids = fact_ids(corpus)
    briefs = {}
    for leave_out, day in ((batteries, D1), (chips, D2)):
        r = run("make", "-c", "KR", "--corpus", corpus, "--date", day, "-x", ids[leave_out],
                "--format", "md", "--out", tmp_path / day)
        assert r.exit_code == 0, r.stderr
        briefs[day] = Path(r.stdout.split()[0])
    lines = diff(briefs[D1], briefs[D2])
    assert lines == [f"+ {ids[batteries]} “{first_words(batteries)}”",
                     f"- {ids[chips]} “{first_words(chips)}”",
                     "1 added, 1 removed, 0 changed, 0 unchanged (1 facts before, 1 after)"]
