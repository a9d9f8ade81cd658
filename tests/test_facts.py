"""Statements and their countries: heading scope, anaphora, several countries, asides."""

from __future__ import annotations

from pathlib import Path

from conftest import SEEDS

from briefing.extract.facts import extract_statements
from briefing.extract.themes import load_taxonomy
from briefing.ingest.document import read_document
from briefing.text import fact_id, norm_key

TAXONOMY = load_taxonomy()


def statements(tmp_path: Path, text: str):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    (article,) = read_document(tmp_path, path).articles
    return {s.text: s for s in extract_statements(article, TAXONOMY)}


def seed_statements(name: str):
    out = {}
    for article in read_document(SEEDS, SEEDS / name).articles:
        out.update({s.text: s for s in extract_statements(article, TAXONOMY)})
    return out


def test_heading_country_covers_sentences_naming_no_country():
    st = seed_statements("000_311d42b208cd9cf6.txt")
    assert st["Google, Microsoft, and OpenAI have stunning AI models in the world at the present moment."].countries == ("US",)
    assert st["Autonomous vehicles and automation is Germanies goal with AI."].countries == ("DE",)


def test_the_country_stays_with_the_country_last_named():
    st = seed_statements("004_873eaca25918412c.txt")
    budget = st["The government plans to triple its AI development budget to approximately $6.8 billion next year."]
    assert budget.countries == ("KR",)
    assert budget.figures[0].value == 6.8e9 and budget.figures[0].unit == "USD"
    assert "investment" in budget.themes


def test_a_fact_naming_several_countries_belongs_to_each():
    st = seed_statements("004_873eaca25918412c.txt")
    gulf = next(s for t, s in st.items() if t.startswith("In the Middle East"))
    # "... approval to purchase advanced AI chips from the U.S.": the supplier is a mention.
    assert gulf.countries == ("AE", "SA") and gulf.mentions == ("US",)
    eu = next(s for t, s in st.items() if t.startswith("France and Germany"))
    assert {"FR", "DE"} <= set(eu.countries) and "sovereign-ai" in eu.themes


def test_talk_of_countries_in_general_ends_the_heading_scope():
    st = seed_statements("000_311d42b208cd9cf6.txt")
    closing = next(s for t, s in st.items() if t.startswith("These countries exemplify"))
    assert closing.countries == ()


def test_headings_titles_asides_and_cut_off_teasers_are_not_facts():
    st = seed_statements("003_3c617abaaabd9cd6.txt")
    assert not any(t.startswith("China Dominates Global AI") for t in st)  # headline
    assert not any("let's take a look" in t for t in st)  # editorial aside
    assert not any(t.startswith("Is it joy") for t in st)  # question
    teaser = seed_statements("001_ecf4e2064239b7a9.txt")
    assert not any(t.endswith("human talent,") for t in teaser)  # excerpt cut mid-sentence
    assert any(t.startswith("The United States is leading rivals") for t in teaser)


def test_statement_spans_quote_the_file(tmp_path):
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        for article in read_document(SEEDS, path).articles:
            for s in extract_statements(article, TAXONOMY):
                assert " ".join(raw[s.start:s.end].split()) == s.text


def test_curly_quotes_and_nbsp_are_matched_as_plain(tmp_path):
    st = statements(tmp_path, "Seoul Daily\n\nKorea’s\u00a0government will spend $2 billion on AI chips next year.\n")
    (s,) = st.values()
    assert s.countries == ("KR",)
    assert s.text == "Korea’s government will spend $2 billion on AI chips next year."


def test_list_items_are_facts_and_keep_their_heading_scope(tmp_path):
    text = ("Report\n\nJapan: the plan\n\n- The budget for AI research rises to ¥100 billion in 2025.\n"
            "- Universities will train 50,000 AI engineers by 2030.\n")
    st = statements(tmp_path, text)
    assert [s.countries for s in st.values()] == [("JP",), ("JP",)]
    assert st["Universities will train 50,000 AI engineers by 2030."].figures[0].unit == "AI engineers"


def test_same_wording_same_id():
    a = "China has “poured” billions into AI research."
    b = 'China  has "poured" billions into AI research'
    assert norm_key(a) == norm_key(b) and fact_id(a) == fact_id(b)
    assert fact_id(a) != fact_id("China has poured millions into AI research.")
