"""Facts that hold on real news wording: article structure, what an article is about, who each
fact and figure belongs to, and quotes that make sense on their own.

Every article here is written for these tests, in the shapes real pages take (wire datelines,
site prefixes, no headings, comparators and suppliers, British and Indian numbers).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli.app import app
from briefing.extract.facts import Statement, extract_statements
from briefing.extract.themes import load_taxonomy
from briefing.ingest.document import read_document

TAXONOMY = load_taxonomy()


def read(tmp_path: Path, text: str, name: str = "a.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (article,) = read_document(tmp_path, path).articles
    return article


def statements(tmp_path: Path, text: str) -> list[Statement]:
    return extract_statements(read(tmp_path, text), TAXONOMY)


def find(found: list[Statement], start: str) -> Statement:
    hits = [s for s in found if s.text.startswith(start)]
    assert hits, f"no statement starts with {start!r}: {[s.text for s in found]}"
    return hits[0]


def owners(st: Statement) -> dict[str, str | None]:
    return {f.text: f.country for f in st.figures}


# --------------------------------------------------------------------------- structure

WIRE = (
    "Norway bets on a national language model\n\n"
    "OSLO, March 4, 2025 (Reuters) - The government will spend 2 billion crowns on a "
    "Norwegian-language model, the digital ministry said on Tuesday.\n\n"
    "Up to four sites are planned, each costing about 500 million crowns.\n"
)


def test_wire_dateline_gives_date_place_and_agency_and_stays_out_of_the_quote(tmp_path):
    article = read(tmp_path, WIRE)
    assert article.source.title == "Norway bets on a national language model"
    assert (article.source.date, article.place, article.source.publisher) == (
        "2025-03-04", "OSLO", "Reuters")
    found = extract_statements(article, TAXONOMY)
    lede = find(found, "The government will spend")
    assert article.text[lede.start:lede.end] == lede.text  # the span is exact
    # Named nowhere but in the dateline and the headline: the story is about Norway.
    assert lede.countries == ("NO",)
    assert find(found, "Up to four sites").countries == ("NO",)


@pytest.mark.parametrize(
    ("top", "date", "publisher", "first"),
    [
        ("NAIROBI, Jan. 9, 2025 (Xinhua) — Kenya opened a national AI lab",
         "2025-01-09", "Xinhua", "Kenya opened"),
        ("example-news.com Reported - Kenya opened a national AI lab",
         None, "example-news.com", "Kenya opened"),
        ("date 2025-03-02 Kenya opened a national AI lab", "2025-03-02", None, "Kenya opened"),
        ("Published: 12 May 2025 Kenya opened a national AI lab", "2025-05-12", None,
         "Kenya opened"),
    ],
)
def test_site_and_date_prefixes_are_metadata(tmp_path, top, date, publisher, first):
    article = read(tmp_path, f"{top} in Nairobi on Monday, with 300 researchers.\n")
    assert (article.source.date, article.source.publisher) == (date, publisher)
    (st,) = extract_statements(article, TAXONOMY)
    assert st.text.startswith(first) and article.text[st.start:st.end] == st.text
    assert st.countries == ("KE",)


def test_byline_and_date_lines_are_not_facts(tmp_path):
    article = read(tmp_path, "Kenya opens an AI lab\n\nBy Jane Doe | Updated March 3, 2025\n\n"
                             "Kenya opened a national AI lab in Nairobi with 300 researchers.\n")
    assert article.source.date == "2025-03-03"
    assert [s.text for s in extract_statements(article, TAXONOMY)] == [
        "Kenya opened a national AI lab in Nairobi with 300 researchers."]


def test_a_long_first_paragraph_is_the_lede_not_the_headline(tmp_path):
    text = ("Chile launched a national AI policy on Monday that commits $50 million to "
            "computing for universities. The plan names health and mining as priorities.\n\n"
            "Officials said the first grants would be paid this year.\n")
    article = read(tmp_path, text, "chile.txt")
    assert article.source.title == "chile"  # no title from the body
    found = extract_statements(article, TAXONOMY)
    assert find(found, "Chile launched a national AI policy").countries == ("CL",)


@pytest.mark.parametrize("text", [
    "Chile launched a national AI policy on Monday that commits $50 million to computing.",
    "Chile launched a national AI policy on Monday. It commits $50 million to computing "
    "for universities across the country, the ministry said.",
])
def test_one_paragraph_and_one_sentence_files_are_articles(tmp_path, text):
    found = statements(tmp_path, text + "\n")
    assert found and all(s.countries == ("CL",) for s in found)


# --------------------------------------------------------------------------- focus and antecedents

NO_HEADINGS = (
    "Kenya unveils AI push\n\n"
    "Kenya on Monday unveiled a plan to train 50,000 AI engineers by 2030.\n\n"
    "The government has approved 12,000 more GPUs for university labs. The new scholarships aim "
    "to grow the AI talent pool here. Up to four sites are planned, each costing about "
    "$20 million.\n\n"
    "Rwanda and Ghana have similar plans, and Nigeria has spent $40 million on chips from the "
    "United States.\n\n"
    "The ministry said the first site would open in Mombasa.\n"
)


def test_sentences_naming_no_country_belong_to_the_story(tmp_path):
    found = statements(tmp_path, NO_HEADINGS)
    for start in ("The government has approved", "The new scholarships", "Up to four sites",
                  "The ministry said"):
        assert find(found, start).countries == ("KE",), start
    assert owners(find(found, "Up to four sites"))["about $20 million"] == "KE"


def test_a_supplier_is_a_mention_and_a_comparator_keeps_its_own_figure(tmp_path):
    found = statements(tmp_path, NO_HEADINGS)
    chips = find(found, "Rwanda and Ghana")
    assert chips.countries == ("GH", "NG", "RW") and chips.mentions == ("US",)
    assert owners(chips)["$40 million"] == "NG"


QATAR = (
    "Qatar's fund turns to data centres\n\n"
    "Qatar's sovereign fund plans a $3 billion data-centre platform, officials said.\n\n"
    "The fund sold its stakes in Chinese firms before a $900 million investment from a US "
    "cloud provider. The country's $300 billion wealth fund is also backing chips made in "
    "Taiwan, though the chips still come from the United States.\n"
)


def test_comparators_suppliers_and_rivals_are_mentions(tmp_path):
    found = statements(tmp_path, QATAR)
    # "The fund" is the one the paragraph before names: the two are quoted together.
    sold = find(found, "Qatar's sovereign fund plans")
    assert "The fund sold its stakes" in sold.text
    assert sold.countries == ("QA",) and sold.mentions == ("CN", "US")
    assert owners(sold) == {"$3 billion": "QA", "$900 million": "QA"}
    wealth = find(found, "The country's $300 billion")
    assert "QA" in wealth.countries and "US" not in wealth.countries
    assert owners(wealth)["$300 billion"] == "QA"


@pytest.mark.parametrize(
    ("sentence", "subjects", "mentions", "figures"),
    [
        ("Brazil accounts for 12% of regional spending, while Mexico accounts for 8%.",
         ("BR", "MX"), (), {"12%": "BR", "8%": "MX"}),
        # A comparator that owns a figure the sentence states is a subject of it too.
        ("Kenya is far ahead of Nigeria, which has 40 start-ups.",
         ("KE", "NG"), (), {"40 start-ups": "NG"}),
        ("The United States accounts for 34%, followed by China with 15%.",
         ("CN", "US"), (), {"34%": "US", "15%": "CN"}),
        ("Norway's model avoids the data-sharing rules that apply to Chinese services.",
         ("NO",), ("CN",), {}),
        ("Germany filed 9,000 patents, behind the United States and Japan.",
         ("DE",), ("JP", "US"), {"9,000 patents": "DE"}),
        # What a "which" clause says of a rival is said in passing too.
        ("Oman faces competition from Qatar, which is building a campus in Doha.",
         ("OM",), ("QA",), {}),
        # A language is no country: Spain and Portugal are not even mentioned.
        ("Chile trained its model in Spanish and Portuguese.", ("CL",), (), {}),
        ("Peru's market is far from the scale of the U.S. market.", ("PE",), ("US",), {}),
        ("Vietnam will prioritise American investors and Korean chipmakers.",
         ("VN",), ("KR", "US"), {}),
        ("Peru has far to go before the scale of the U.S. market, currently valued at "
         "$200 billion.", ("PE", "US"), (), {"$200 billion": "US"}),
        # A country listed after a region that follows the cue shares the cue.
        ("Egypt will sell cloud capacity to customers in Africa and India from next year.",
         ("EG",), ("IN",), {}),
        ("France built the new supercomputer in co-investment with the European Union.",
         ("FR",), ("EU",), {}),
    ],
)
def test_who_each_fact_and_figure_belongs_to(tmp_path, sentence, subjects, mentions, figures):
    (st,) = statements(tmp_path, sentence + "\n")
    assert (st.countries, st.mentions) == (subjects, mentions)
    assert owners(st) == figures


def test_a_world_figure_has_no_owner(tmp_path):
    (st,) = statements(tmp_path, "There are 30,000 AI companies in the world, of which the "
                                 "United States accounts for 34%.\n")
    assert owners(st) == {"30,000 AI companies": None, "34%": "US"}


# --------------------------------------------------------------------------- self-contained quotes


def test_a_sentence_leaning_on_the_one_before_is_quoted_with_it(tmp_path):
    text = ("Ghana's AI law\n\nParliament in Ghana passed an AI safety law on Tuesday after a "
            "year of debate. The law takes effect in 2027. That alone gives firms a year to "
            "prepare.\n")
    article = read(tmp_path, text)
    found = extract_statements(article, TAXONOMY)
    law = find(found, "Parliament in Ghana passed")
    joined = [s for s in found if "The law takes effect in 2027." in s.text]
    assert joined and all(s.text.startswith("Parliament in Ghana") for s in joined)
    for st in (law, *joined):
        assert article.text[st.start:st.end].replace("\n", " ") == st.text
        assert st.countries == ("GH",)
    assert not any(s.text.startswith(("The law", "That alone")) for s in found)


def test_the_short_opening_of_a_quotation_stays_with_the_rest_of_it(tmp_path):
    # Alone it says nothing, and the rest alone would show a closing mark with no opening.
    found = statements(tmp_path, "“Our ambition is very clear. We want Oman to be the third "
                                 "AI hub of the region,” the minister said.\n")
    assert [s.text for s in found] == [
        "“Our ambition is very clear. We want Oman to be the third AI hub of the region,” the "
        "minister said."]


def test_questions_and_cut_off_teasers_stay_out(tmp_path):
    found = statements(tmp_path, "Will Ghana pass its AI law this year? Ghana's parliament "
                                 "debates the AI bill on Monday.\n")
    assert [s.text for s in found] == ["Ghana's parliament debates the AI bill on Monday."]


# --------------------------------------------------------------------------- themes and figures


def test_a_ranking_takes_its_sections_theme(tmp_path):
    text = ("Who leads on AI patents\n\nChina filed 38,000 generative AI patents last year, "
            "the most of any country. The United States filed 6,300 patents. Germany and "
            "France filled out the top five.\n")
    top = find(statements(tmp_path, text), "Germany and France")
    assert "patents" in top.themes and top.countries == ("DE", "FR")


def test_money_is_funding_whatever_the_words(tmp_path):
    (st,) = statements(tmp_path, "Taiwan will allocate NT$30 billion a year to AI.\n")
    assert "investment" in st.themes and owners(st) == {"NT$30 billion": "TW"}


def test_british_and_indian_number_formats(tmp_path):
    text = ("India's AI mission has a budget of ₹10,372 crore and will train 1.2 lakh "
            "students. Britain's share of AI start-ups rose to 56pc, with £2bn of new funding.\n")
    figures = {f.text: (f.kind, f.value, f.unit, f.country)
               for s in statements(tmp_path, text) for f in s.figures}
    assert figures["₹10,372 crore"] == ("money", 1.0372e11, "INR", "IN")
    assert figures["1.2 lakh students"] == ("count", 1.2e5, "students", "IN")
    assert figures["56pc"] == ("percent", 56.0, "%", "GB")
    assert figures["£2bn"] == ("money", 2e9, "GBP", "GB")


# --------------------------------------------------------------------------- through the store


def test_facts_json_has_subjects_mentions_and_figure_owners(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "qatar.txt").write_text(QATAR, encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(app, ["facts", "-c", "QA", "--corpus", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    sold = next(f for f in json.loads(result.stdout) if "The fund sold" in f["text"])
    assert sold["countries"] == ["QA"] and sold["mentions"] == ["CN", "US"]
    assert [(f["text"], f["country"]) for f in sold["figures"]] == [
        ("$3 billion", "QA"), ("$900 million", "QA")]
    us = CliRunner().invoke(app, ["facts", "-c", "US", "--corpus", str(corpus), "--json"])
    # The US supplies chips and cloud: no fact here is about it (nothing to list: exit 1).
    assert us.exit_code == 1 and json.loads(us.stdout) == []


def test_a_brief_lists_each_figure_under_its_owner_and_leaves_suppliers_out(tmp_path,
                                                                           monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "qatar.txt").write_text(QATAR, encoding="utf-8")
    (corpus / "compare.txt").write_text(
        "Regional AI spending\n\nBrazil accounts for 12% of regional AI spending, while Mexico "
        "accounts for 8%.\n", encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "out"

    def make(*args: str) -> str:
        r = CliRunner().invoke(app, ["make", *args, "--corpus", str(corpus), "--out", str(out),
                                     "--date", "2026-11-22", "--format", "md"])
        assert r.exit_code == 0, r.output
        return next(out.glob(f"brief-{args[1].lower()}-*.md")).read_text(encoding="utf-8")

    mx = make("-c", "MX")
    rows = [line for line in mx.splitlines() if line.startswith("| 8%") or line.startswith("| 12%")]
    assert any(r.startswith("| 8%") and "| Mexico |" in r for r in rows), rows
    assert any(r.startswith("| 12%") and "| Brazil |" in r for r in rows), rows
    us = CliRunner().invoke(app, ["make", "-c", "US", "--corpus", str(corpus), "--out", str(out),
                                  "--date", "2026-11-22", "--format", "md"])
    assert us.exit_code == 1 and "no facts" in us.output  # a supplier has no brief here
