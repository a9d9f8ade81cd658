"""Who owns each figure of a comparison, and bare counts of coordinated clauses (issue 22,
kinds 1 and 2).

A country that owns a figure the sentence states is a subject of that fact, even when the
sentence names it as a comparator; a country merely named near a figure owns nothing. Every
article here is written for these tests, in the shapes comparisons take in news copy.
"""

from __future__ import annotations

import pytest
from articles import statement

from briefing.extract.facts import Statement


def owners(st: Statement) -> dict[str, str | None]:
    return {f.text: f.country for f in st.figures}


@pytest.mark.parametrize(
    ("title", "sentence", "figures", "subjects"),
    [
        # A relative clause after a comparator: its figure is the comparator's.
        ("China leads in battery patents",
         "China leads the world in battery patents, far ahead of the US, its closest rival, "
         "which has filed about 4,100 patents.",
         {"about 4,100 patents": "US"}, ("CN", "US")),
        # "respectively" pairs the listed figures with the listed countries, in order.
        ("Japan's chip subsidy",
         "Japan will spend 80 billion yen on chips, far short of the 400 billion yen and 350 "
         "billion yen to be spent by the U.S. and Chinese governments respectively.",
         {"80 billion yen": "JP", "400 billion yen": "US", "350 billion yen": "CN"},
         ("CN", "JP", "US")),
        ("Seoul and Tokyo budgets",
         "South Korea and Japan set aside 3% and 2% of their research budgets for AI "
         "respectively.",
         {"3%": "KR", "2%": "JP"}, ("JP", "KR")),
        # "compared to ... in the U.S.": the place after the figure owns it.
        ("Japan's AI investment lags",
         "Japan's private AI investment is 500 billion yen, compared to over 6 trillion yen in "
         "the U.S.",
         {"500 billion yen": "JP", "over 6 trillion yen": "US"}, ("JP", "US")),
        ("Brazil's research spending",
         "Brazil spends 12% of its budget on research, versus 8% in Mexico.",
         {"12%": "BR", "8%": "MX"}, ("BR", "MX")),
        # A possessive before the figure: "N times more than the UK's £4.5 billion".
        ("France's AI plan",
         "France will put €90 billion into AI, 20 times more than the UK's £4.5 billion.",
         {"€90 billion": "FR", "£4.5 billion": "GB"}, ("FR", "GB")),
        ("Taiwan's chip fund",
         "Taiwan's chip fund holds $5 billion, compared to South Korea's $3.1 billion.",
         {"$5 billion": "TW", "$3.1 billion": "KR"}, ("KR", "TW")),
        # A gapped verb: "X contributing $300 million and Y $200 million".
        ("Kenya's AI hub",
         "Kenya's new AI hub will cost $500 million, with the UAE contributing $300 million "
         "and the US $200 million.",
         {"$500 million": "KE", "$300 million": "AE", "$200 million": "US"},
         ("AE", "KE", "US")),
        # Ahead of / behind / trailing / far short of, with bare counts of the same noun.
        ("Germany's start-ups",
         "Germany has 500 AI start-ups, trailing France with 700 and far short of the 1,200 "
         "in the UK.",
         {"500 AI start-ups": "DE", "700": "FR", "1,200": "GB"}, ("DE", "FR", "GB")),
        ("Korea's AI spending",
         "South Korea ranks behind Japan, which spends $20 billion a year, and trails China "
         "with $50 billion.",
         {"$20 billion": "JP", "$50 billion": "CN"}, ("CN", "JP", "KR")),
        # A country spending "in" another: the spender, named as the clause's subject, owns
        # it; a change "up from" is the same owner's. The place the money goes is named in
        # passing in a story about the spender (tests/test_roles.py).
        ("Saudi pledge",
         "Saudi Arabia will spend $600 billion in the U.S., up from $400 billion last year.",
         {"$600 billion": "SA", "$400 billion": "SA"}, ("SA",)),
        ("Qatar's pledge to France",
         "Qatar's emir met the French president in Paris, where the emirate pledged to invest "
         "$10 billion in France over five years.",
         {"$10 billion": "QA"}, ("FR", "QA")),
        # Money paying for a country's thing, named by its adjective.
        ("Europe's AI gigafactories",
         "The Commission unveiled a €20 billion European fund for AI gigafactories.",
         {"€20 billion": "EU"}, ("EU",)),
    ],
)
def test_each_figure_of_a_comparison_has_its_owner_and_owners_are_subjects(
        tmp_path, title, sentence, figures, subjects):
    st = statement(tmp_path, title, sentence)
    assert owners(st) == figures
    assert st.countries == subjects
    assert not set(st.mentions) & set(figures.values())


def test_bare_counts_of_coordinated_clauses_are_figures_of_their_clause(tmp_path):
    st = statement(tmp_path, "Who builds AI models",
                   "Last year the US built 40 major AI models, China produced 15, while "
                   "Europe managed only three.")
    assert [(f.text, f.kind, f.unit, f.value, f.country) for f in st.figures] == [
        ("40 major AI models", "count", "AI models", 40.0, "US"),
        ("15", "count", "AI models", 15.0, "CN"),
        ("three", "count", "AI models", 3.0, "EU"),
    ]
    assert st.countries == ("CN", "EU", "US")


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        # A share of the noun counted before it.
        ("Of Chile's 1,500 tech firms, about 400 use generative AI.",
         [("1,500 tech firms", "count", "tech firms", 1500.0),
          ("about 400", "count", "tech firms", 400.0)]),
        # Money with its own scale, in the currency of the figure before it.
        ("Brazil will put 10 billion reais into research, while more than 4 billion will go "
         "to data centres.",
         [("10 billion reais", "money", "BRL", 1e10),
          ("more than 4 billion", "money", "BRL", 4e9)]),
        ("The model comes in two sizes: one with 7 billion parameters and another with 60 "
         "billion.",
         [("7 billion parameters", "count", "parameters", 7e9),
          ("60 billion", "count", "parameters", 6e10)]),
    ],
)
def test_a_gapped_number_takes_the_kind_and_unit_of_the_figure_before_it(tmp_path, sentence,
                                                                         figures):
    st = statement(tmp_path, "Latin American AI", sentence)
    assert [(f.text, f.kind, f.unit, f.value) for f in st.figures] == figures


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        # Ages, ranks, dates, parts and changes are no counts of the sentence's noun.
        ("Kenya trained 5,000 engineers last year, aged 18 to 35, and ranked 3 in Africa.",
         ["5,000 engineers"]),
        ("Kenya has 40 data centres, and 3 of them are in Nairobi.", ["40 data centres"]),
        ("Kenya opened 12 data centres, the last on March 15.", ["12 data centres"]),
        ("Kenya opened 12 data centres in 2023, up 4 on the year before.",
         ["12 data centres", "2023"]),
        # A money figure with a scale does not lend it to a bare number.
        ("Kenya raised $2 billion, and 15 banks took part.", ["$2 billion", "15 banks"]),
        ("Kenya raised $2 billion, while Ghana raised 15.", ["$2 billion"]),
        # Nor does a percentage: "15" after "12%" need not be a percent.
        ("Kenya's growth was 12% last year, and 15 firms joined.", ["12%", "15 firms"]),
    ],
)
def test_stray_numbers_are_not_read_as_gapped_figures(tmp_path, sentence, figures):
    st = statement(tmp_path, "Kenya's data centres", sentence)
    assert [f.text for f in st.figures] == figures


def test_one_before_a_scale_word_is_a_number(tmp_path):
    st = statement(tmp_path, "Ghana's skills drive",
                   "Ghana plans to train one million young people in digital skills by 2028.")
    assert [(f.text, f.kind, f.value, f.unit) for f in st.figures] == [
        ("one million young people", "count", 1e6, "young people"), ("2028", "year", 2028.0, None)]
    other = statement(tmp_path, "Ghana's skills drive",
                      "Ghana is one of the three countries in the new skills programme.")
    assert [f.text for f in other.figures] == []


def test_a_country_merely_named_near_a_figure_does_not_own_it(tmp_path):
    st = statement(tmp_path, "Kenya's AI hub",
                   "Kenya raised $300 million for its AI hub, a deal praised by officials from "
                   "Nigeria.")
    assert owners(st) == {"$300 million": "KE"}
    assert st.countries == ("KE",) and st.mentions == ("NG",)


def test_money_from_a_foreign_fund_is_not_that_country_s_figure(tmp_path):
    st = statement(tmp_path, "France's new data centre",
                   "The data centre will be built with $50 billion from Saudi Arabia's PIF "
                   "invested in France.")
    assert owners(st) == {"$50 billion": "FR"}
    assert st.countries == ("FR",) and st.mentions == ("SA",)


def test_a_company_investing_in_a_country_is_not_its_home_country_spending(tmp_path):
    st = statement(tmp_path, "India's AI investment",
                   "Japan's SoftBank will invest $3 billion in India.")
    assert owners(st) == {"$3 billion": "IN"}


def test_a_world_figure_has_no_owner(tmp_path):
    st = statement(tmp_path, "Kenya's AI firms",
                   "Kenya's 120 AI firms are a small part of the world's 30,000 AI firms.")
    assert owners(st) == {"120 AI firms": "KE", "30,000 AI firms": None}
    assert st.countries == ("KE",)


# --------------------------------------------------------------------------- round 3

@pytest.mark.parametrize(
    ("title", "sentence", "figures"),
    [
        # Shares set against a first one, each by where it comes from.
        ("India's engineering talent",
         "India supplies 31% of the world's chip designers, compared with 22% from the US, "
         "12% from Japan and 6% from Brazil.",
         {"31%": "IN", "22%": "US", "12%": "JP", "6%": "BR"}),
        ("Kenya's research funding",
         "Kenya raises 40% of its research money at home, while 30% comes from the US and "
         "10% from Japan.",
         {"40%": "KE", "30%": "US", "10%": "JP"}),
        # A country's initials qualifying what the figure pays for, like an adjective.
        ("Korea's chip makers",
         "Korean memory makers joined the $500 billion U.S. Stargate project this year.",
         {"$500 billion": "US"}),
        ("Canada's AI funding",
         "Canada matched a $2 billion UK compute fund with its own.",
         {"$2 billion": "GB"}),
    ],
)
def test_shares_from_countries_and_initials_as_adjectives(tmp_path, title, sentence, figures):
    assert owners(statement(tmp_path, title, sentence)) == figures


@pytest.mark.parametrize(
    ("title", "sentence", "figure", "not_owner"),
    [
        # A supplier's share of what a country buys is not the supplier's own figure.
        ("Kenya's chip imports",
         "Kenya imports 40% of its chips from Taiwan, compared with 30% from China and 20% "
         "from Korea.",
         "20%", "KR"),
        # "from" outside a comparison: money from a country stays with its clause.
        ("Kenya's AI hub",
         "Kenya opened an AI hub with 30% from the US budget.",
         "30%", "US"),
        # Initials after a figure that opens no noun phrase, or before "and".
        ("Korea's bond sale",
         "Korea raised $5 billion U.S. and more from Japan.",
         "$5 billion", "US"),
        ("Korea's chip fund",
         "Korea's fund of $5 billion US in bonds was approved.",
         "$5 billion", "US"),
    ],
)
def test_suppliers_and_loose_initials_own_no_figure(tmp_path, title, sentence, figure,
                                                    not_owner):
    assert owners(statement(tmp_path, title, sentence))[figure] != not_owner


@pytest.mark.parametrize(
    ("title", "sentence", "figures"),
    [
        # The "which" clause's antecedent is an institute named after one country; the
        # estimate it makes sets another's quantity.
        ("A report on chip spending",
         "A report by the Korea Development Institute, which put Japanese spending on AI "
         "chips at more than 900 billion yen, was published on Monday.",
         {"more than 900 billion yen": "JP"}),
        ("Germany's compute budget",
         "Germany's compute budget is small, according to estimates that place French "
         "public spending on supercomputers at about 2 billion euros.",
         {"about 2 billion euros": "FR"}),
        ("India's AI market",
         "Brazil's largest bank said analysts value India's AI market at $8 billion.",
         {"$8 billion": "IN"}),
    ],
)
def test_an_estimate_that_puts_a_countrys_quantity_at_a_figure_gives_it_that_figure(
        tmp_path, title, sentence, figures):
    assert owners(statement(tmp_path, title, sentence)) == figures


def test_a_joined_sentence_that_names_no_country_is_about_what_the_statement_is_about(
        tmp_path):
    """A sentence joined to the one it refers back to ("The programme's budget ...") owns
    nothing of the comparator the sentence before ended on."""
    st = statement(tmp_path, "Kenya's compute programme",
                   "Kenya plans 8,000 GPUs for its universities by 2029, against Ghana's 3,000, "
                   "the largest such programme in East Africa. The programme's budget of 40 "
                   "billion shillings is spread over four years.")
    assert "budget of 40 billion shillings" in st.text  # one statement: the two are joined
    assert owners(st) == {"8,000 GPUs": "KE", "2029": "KE", "3,000": "GH",
                          "40 billion shillings": "KE"}


def test_a_share_of_a_possessive_that_ends_its_clause_is_the_subjects(tmp_path):
    """"One-fifth of Germany's," measures Poland's budget against Germany's: the fraction is
    Poland's, and Germany the yardstick, also when the possessive ends the clause."""
    st = statement(tmp_path, "Poland's AI budget",
                   "Poland's AI budget is about one-fifth of Germany's, the finance ministry "
                   "said on Monday.")
    assert owners(st) == {"about one-fifth": "PL"}
    assert st.compared == ("DE",)
