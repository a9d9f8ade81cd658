"""Whom a fact leads on, and whom it is about only as a comparator (issue 22, rule 1's
second half).

A country that owns a figure the sentence sets against its subject's is in the fact's
countries (`facts -c XX` lists it), but the fact is another country's: the extractor says so
(`Statement.compared`), the store keeps it, `facts --json` shows it, and a brief on that
country quotes the fact under "... compared with others", never as a key finding. Every
article here is written for these tests.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli.app import app
from briefing.extract.facts import Statement, extract_statements
from briefing.extract.themes import load_taxonomy
from briefing.ingest.document import read_document
from briefing.store import SCHEMA_VERSION, Store

TAXONOMY = load_taxonomy()

CHILE = """---
title: Chile trails its neighbours on research spending
date: 2026-03-02
publisher: Andes Ledger
---
Chile spends about 0.3% of GDP on research and development, compared with 0.8% in Argentina \
and 1.2% in Brazil.

The science ministry has promised a review of university funding before the end of the year.
"""
CHILE_FACT = ("Chile spends about 0.3% of GDP on research and development, compared with 0.8% "
              "in Argentina and 1.2% in Brazil.")

# The subject is "The fund" (Vietnam's, by the antecedent); the two countries named own
# only the figures it is measured against.
VIETNAM = """---
title: Vietnam sets up a semiconductor fund
date: 2026-03-04
publisher: Mekong Business Review
---
Vietnam approved a 12 trillion dong fund for chip design and packaging on Wednesday, the \
planning ministry said. Officials expect the first grants in the autumn.

The fund is larger than Thailand's 8 billion baht scheme, but smaller than Malaysia's RM25 \
billion plan.
"""
VIETNAM_FACT = ("The fund is larger than Thailand's 8 billion baht scheme, but smaller than "
                "Malaysia's RM25 billion plan.")

ARGENTINA = """---
title: Argentina opens a national AI laboratory
date: 2026-03-06
publisher: Pampas Daily
---
Argentina will invest $400 million in a national artificial intelligence laboratory in \
Córdoba, the government said on Friday.
"""


def statements(tmp_path: Path, text: str) -> list[Statement]:
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    (article,) = read_document(tmp_path, path).articles
    return extract_statements(article, TAXONOMY)


def statement(tmp_path: Path, text: str, sentence: str) -> Statement:
    found = [s for s in statements(tmp_path, text) if s.text.endswith(sentence)]
    assert found, f"no statement for {sentence!r}"
    return found[0]


def one_sentence(title: str, sentence: str) -> str:
    return f"{title}\n\n{sentence}\n"


# ------------------------------------------------------------------------- extraction


def test_the_subject_leads_and_the_owners_of_the_figures_it_is_compared_with_do_not(tmp_path):
    st = statement(tmp_path, CHILE, CHILE_FACT)
    assert st.countries == ("AR", "BR", "CL")  # `facts -c AR` still finds it
    assert st.leads == ("CL",)
    assert st.compared == ("AR", "BR")
    assert {f.text: f.country for f in st.figures} == {"about 0.3%": "CL", "0.8%": "AR",
                                                       "1.2%": "BR"}


def test_comparators_named_as_subjects_no_longer_hide_the_antecedent(tmp_path):
    # Before, Thailand and Malaysia were the sentence's own subjects (each owns a figure), so
    # "The fund" was never read as Vietnam's and Vietnam was lost.
    st = statement(tmp_path, VIETNAM, VIETNAM_FACT)
    assert st.countries == ("MY", "TH", "VN")
    assert st.leads == ("VN",)
    assert st.compared == ("MY", "TH")


def test_a_second_standard_of_the_same_comparison_is_a_comparator_without_a_figure(tmp_path):
    text = ("Poland launches a grant for AI start-ups\n\nPoland will hand out 900 million "
            "zlotys in grants to artificial intelligence start-ups over three years, the "
            "digital affairs ministry said. Applications open in May.\n\nThe grant is well "
            "short of the $3 billion Germany spends each year, and of what France has promised "
            "its own start-ups.\n")
    st = statement(tmp_path, text, "promised its own start-ups.")
    assert st.leads == ("PL",)
    assert st.compared == ("DE", "FR")
    assert {f.text: f.country for f in st.figures} == {"$3 billion": "DE"}


@pytest.mark.parametrize(
    ("title", "sentence", "leads", "compared"),
    [
        # Its own figure before the comparison: the country leads, the standard does not.
        ("India's AI mission",
         "India's 10,000-crore AI mission is far ahead of Pakistan's $50 million plan.",
         ("IN",), ("PK",)),
        # Two clauses, each with its own subject and figure: no comparator.
        ("Brazil and Mexico cloud markets",
         "Brazil has 12% of the regional cloud market, while Mexico has 8%.",
         ("BR", "MX"), ()),
    ],
)
def test_who_leads_and_who_is_only_compared(tmp_path, title, sentence, leads, compared):
    st = statement(tmp_path, one_sentence(title, sentence), sentence)
    assert st.leads == leads
    assert st.compared == compared


@pytest.mark.parametrize(
    ("story", "sentence", "leads"),
    [
        # A quantity or a time after "than" is no standard: Kenya's own spending, though the
        # story is Uganda's (were Kenya a comparator, the sentence would be read as Uganda's).
        ("Uganda plans digital schools\n\nUganda will connect 2,000 rural schools to the "
         "internet by 2028, the ICT ministry said.",
         "Spending on rural broadband rose to more than $2 billion last year as Kenya expanded "
         "its network.", ("KE",)),
        ("Uganda plans digital schools\n\nUganda will connect 2,000 rural schools to the "
         "internet by 2028, the ICT ministry said.",
         "For more than a decade, Kenya has spent $300 million a year on rural broadband.",
         ("KE",)),
        # "behind" alone compares nothing: Germany is the subject in a story about France.
        ("France plans a battery plant\n\nFrance will build a battery plant near Dunkirk, "
         "the industry ministry said on Monday.",
         "Behind the rival project is Germany, which has pledged €2 billion in subsidies.",
         ("DE",)),
    ],
)
def test_a_country_named_after_no_comparison_leads_in_another_countrys_story(
        tmp_path, story, sentence, leads):
    st = statement(tmp_path, f"{story}\n\n{sentence}\n", sentence)
    assert st.leads == leads
    assert st.compared == ()


def test_a_sentence_about_its_subject_alone_has_no_comparator(tmp_path):
    st = statement(tmp_path, VIETNAM, "the planning ministry said.")
    assert (st.countries, st.compared) == (("VN",), ())


# ------------------------------------------------------------------------- store, JSON


def corpus_of(folder: Path, *texts: tuple[str, str]) -> Path:
    folder.mkdir()
    for name, text in texts:
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_store_keeps_the_comparators_and_upgrades_a_store_without_them(tmp_path):
    corpus = corpus_of(tmp_path / "corpus", ("chile.md", CHILE), ("vietnam.md", VIETNAM))
    store_file = tmp_path / "store.sqlite3"
    with Store(store_file, corpus) as store:
        store.sync()
    with Store(store_file, corpus) as store:  # read back from the file
        (fact,) = [f for f in store.facts(["AR"]) if f.text == CHILE_FACT]
        assert (fact.countries, fact.compared, fact.leads) == (("AR", "BR", "CL"), ("AR", "BR"),
                                                               ("CL",))
        (fund,) = [f for f in store.facts(["VN"]) if f.text == VIETNAM_FACT]
        assert fund.compared == ("MY", "TH")
        plain = [f for f in store.facts(["CL"]) if f.text != CHILE_FACT]
        assert plain and all(f.compared == () for f in plain)
    # A store of schema 12 has no such column: upgraded in place, every country a lead, as
    # such a store showed them, and nothing read again.
    db = sqlite3.connect(store_file, isolation_level=None)
    for table in ("statements", "facts"):
        db.execute(f"ALTER TABLE {table} DROP COLUMN compared")
    db.execute("UPDATE meta SET value='12' WHERE key='schema'")
    db.close()
    with Store(store_file, corpus) as store:
        assert store._schema_version() == str(SCHEMA_VERSION)
        (fact,) = [f for f in store.facts(["AR"]) if f.text == CHILE_FACT]
        assert (fact.countries, fact.compared) == (("AR", "BR", "CL"), ())
        assert store.sync().read == 0


def test_facts_json_says_which_countries_are_only_compared(tmp_path):
    corpus = corpus_of(tmp_path / "corpus", ("chile.md", CHILE))
    r = CliRunner().invoke(app, ["facts", "-c", "BR", "--json", "--corpus", str(corpus)])
    assert r.exit_code == 0, r.stderr
    (fact,) = json.loads(r.stdout)
    assert fact["text"] == CHILE_FACT
    assert fact["countries"] == ["AR", "BR", "CL"]
    assert fact["compared"] == ["AR", "BR"]
    assert list(fact)[:4] == ["id", "text", "countries", "compared"]


# ------------------------------------------------------------------------- the brief


def make(corpus: Path, out: Path, *args: str, fmt: str = "md") -> Path:
    r = CliRunner().invoke(app, ["make", *args, "--corpus", str(corpus), "--out", str(out),
                                 "--date", "2026-04-01", "--format", fmt])
    assert r.exit_code == 0, r.stderr
    (made,) = [Path(p) for p in r.stdout.split()]
    return made


def sections(text: str) -> dict[str, str]:
    """A Markdown brief's sections by heading."""
    parts = text.split("\n## ")
    return {p.split("\n", 1)[0]: p.split("\n", 1)[1] if "\n" in p else "" for p in parts[1:]}


def test_another_countrys_fact_is_quoted_under_compared_with_others_never_as_a_finding(
        tmp_path):
    corpus = corpus_of(tmp_path / "corpus", ("chile.md", CHILE), ("argentina.md", ARGENTINA))
    brief = sections(make(corpus, tmp_path / "out", "-c", "AR").read_text(encoding="utf-8"))
    assert "Argentina will invest $400 million" in brief["Key findings"]
    assert "Chile spends" not in brief["Key findings"]
    compared = brief["Argentina compared with others"]
    assert ("- *Another country's fact: Chile, compared with Argentina:* “" + CHILE_FACT
            in compared)
    # Argentina's own 0.8% is among its key figures; Chile's and Brazil's figures are not.
    figures = brief["Key figures"]
    assert "| 0.8% |" in figures and "| Argentina |" in figures
    assert "| 0.3% |" not in figures and "| 1.2% |" not in figures
    assert not any(CHILE_FACT in body for title, body in brief.items()
                   if title not in ("Argentina compared with others",))


def test_the_subjects_brief_still_has_its_comparison_as_a_key_finding(tmp_path):
    corpus = corpus_of(tmp_path / "corpus", ("chile.md", CHILE), ("argentina.md", ARGENTINA))
    brief = sections(make(corpus, tmp_path / "out", "-c", "CL").read_text(encoding="utf-8"))
    assert CHILE_FACT in brief["Key findings"]
    assert "Another country's fact" not in "".join(brief.values())


def test_a_brief_with_only_other_countries_facts_says_why_it_has_no_finding(tmp_path):
    corpus = corpus_of(tmp_path / "corpus", ("chile.md", CHILE))
    brief = sections(make(corpus, tmp_path / "out", "-c", "BR", "-c", "AR")
                     .read_text(encoding="utf-8"))
    assert brief["Key findings"].strip() == (
        "*None: every fact here is another country's, compared with Brazil and Argentina."
        " They are quoted below.*")
    assert any(CHILE_FACT in body for body in brief.values())


def test_the_pdf_shows_the_comparing_fact_under_compared_with_others(tmp_path):
    corpus = corpus_of(tmp_path / "corpus", ("chile.md", CHILE), ("argentina.md", ARGENTINA))
    pdf = make(corpus, tmp_path / "out", "-c", "AR", fmt="pdf")
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.split())
    findings = flat[flat.index("Key findings"):flat.index("Key figures")]
    assert "Argentina will invest $400 million" in findings
    assert "Chile spends" not in findings
    compared = flat[flat.index("Argentina compared with others"):flat.index("Method")]
    assert ("Another country's fact: Chile, compared with Argentina: “Chile spends about 0.3% "
            "of GDP") in compared
    assert flat.count("Chile spends about 0.3%") == 1  # quoted once, there
    # Argentina's own figure from it is among the key figures, Chile's is not.
    figures = flat[flat.index("Key figures"):flat.index("Argentina compared with others")]
    assert "0.8%" in figures and "0.3%" not in figures
