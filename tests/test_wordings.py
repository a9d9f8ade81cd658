"""Near-same wordings, merged when a sync changes facts: kept right across incremental syncs,
the same whatever selection lists them, bounded in the pairs they compare."""

from __future__ import annotations

import pytest

from briefing.store import Store, wordings

WIRE = ("Seoul, March 3 (Wire) - South Korea will spend $5.2 billion on AI chips by 2027, "
        "the science ministry said on Monday.")
#: Another paper's light edit: same figures, same country, a word fewer.
EDITED = WIRE.replace("said on Monday", "said Monday")
#: Same first words and figures, but another sentence (too far apart to be one fact).
OTHER = ("Seoul, March 3 (Wire) - South Korea will spend $5.2 billion on AI chips by 2027, "
         "a figure opposition lawmakers called far too small for a country of its size.")


def write(folder, name: str, body: str, publisher: str, day: str) -> None:
    (folder / name).write_text(
        f"---\ntitle: {name}\ndate: {day}\nprovider:\n  name: {publisher}\n---\n{body}\n",
        encoding="utf-8")


def chip_facts(store: Store, **selection) -> list[list[str]]:
    """The citing files of each listed fact about the $5.2 billion plan."""
    return [[c.source.path for c in f.citations] for f in store.facts(**selection)
            if "5.2 billion" in f.text]


def test_an_edited_copy_added_later_joins_the_fact_and_leaves_with_its_file(tmp_path):
    write(tmp_path, "a.md", WIRE, "Wire", "2025-03-03")
    write(tmp_path, "c.md", OTHER, "Third Paper", "2025-03-06")
    with Store.for_corpus(tmp_path) as store:
        store.sync()
        assert chip_facts(store, countries=["KR"]) == [["a.md"], ["c.md"]]
        write(tmp_path, "b.md", EDITED, "Daily Paper", "2025-03-04")
        store.sync()
        assert chip_facts(store, countries=["KR"]) == [["a.md", "b.md"], ["c.md"]]
        # The edit reworded past recognition: two facts again.
        write(tmp_path, "b.md", EDITED.replace("science ministry said Monday",
                                               "finance ministry's budget office estimated"),
              "Daily Paper", "2025-03-04")
        store.sync()
        assert chip_facts(store, countries=["KR"]) == [["a.md"], ["b.md"], ["c.md"]]
        (tmp_path / "b.md").unlink()
        store.sync()
        assert chip_facts(store, countries=["KR"]) == [["a.md"], ["c.md"]]
        assert store.db.execute("SELECT count(*) FROM facts WHERE grp IS NOT NULL"
                                ).fetchone() == (0,)


def test_a_merged_fact_is_the_same_whatever_selects_it(tmp_path, monkeypatch):
    # The stock-phrase bound counts alike facts with the same countries and figures: two
    # more facts opening with the same words but other figures (each a block of its own) do
    # not make the pair a stock phrase in a selection that lists all four.
    monkeypatch.setattr(wordings, "STOCK_PHRASE", 3)
    write(tmp_path, "b.md", EDITED, "Daily Paper", "2025-03-04")
    write(tmp_path, "a.md", WIRE, "Wire", "2025-03-03")
    write(tmp_path, "d.md", WIRE.replace("2027", "2028"), "Third Paper", "2025-03-05")
    write(tmp_path, "e.md", WIRE.replace("2027", "2029"), "Fourth Paper", "2025-03-06")
    with Store.for_corpus(tmp_path) as store:
        store.sync()
        # Cited from the earliest report, whichever file sorts first; the others alone.
        listed = [["a.md", "b.md"], ["d.md"], ["e.md"]]
        assert chip_facts(store, countries=["KR"]) == listed
        assert chip_facts(store, themes=["compute"]) == listed
        assert chip_facts(store, query="ministry") == listed
        assert chip_facts(store, countries=["KR", "JP"], themes=["compute"]) == listed
        assert chip_facts(store, query="2027") == [["a.md", "b.md"]]


@pytest.mark.parametrize("texts_per_round", [2, wordings.TEXTS_PER_ROUND])
def test_copies_past_the_stock_phrase_bound_are_not_compared(tmp_path, monkeypatch,
                                                             texts_per_round):
    monkeypatch.setattr(wordings, "TEXTS_PER_ROUND", texts_per_round)
    monkeypatch.setattr(wordings, "STOCK_PHRASE", 3)
    days = ["Monday", "Tuesday", "Wednesday", "Thursday"]
    for n, day in enumerate(days[:3]):
        write(tmp_path, f"{n}.md", WIRE.replace("Monday", day), f"Paper {n}", f"2025-03-0{n + 3}")
    with Store.for_corpus(tmp_path) as store:
        store.sync()
        assert chip_facts(store, countries=["KR"]) == [["0.md", "1.md", "2.md"]]
        write(tmp_path, "3.md", WIRE.replace("Monday", days[3]), "Paper 3", "2025-03-06")
        store.sync()  # four alike: a stock phrase, each a fact of its own
        assert chip_facts(store, countries=["KR"]) == [["0.md"], ["1.md"], ["2.md"], ["3.md"]]
