"""Figures a sentence states that were not read, and the owners of a few more shapes (issue
22, round 2): spelled-out percents and fractions, rupee amounts in crores without the rupee,
a plural's possessive, rates and averages with their decimals, a count whose noun a parallel
sentence leaves out, goods sent to a country, a yardstick, a leader acting in a sentence
about others, and two figures set against each other by "vs".

Every sentence here is written for these tests, in the shapes news copy takes. Negatives:
years, versions, index scores, section and page numbers, ages and ranks stay out.
"""

from __future__ import annotations

import pytest
from articles import statement, statements

from briefing.extract.figures import find_figures


def read(sentence: str) -> list[tuple[str, str, float, str | None]]:
    return [(f.text, f.kind, f.value, f.unit) for f in find_figures(sentence)
            if f.kind != "year"]


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        # A percent spelled out, as news does at the start of a sentence.
        ("Sixty percent of Ohio's server farms would have opened without the tax break.",
         [("Sixty percent", "percent", 60.0, "%")]),
        ("Forty-five per cent of firms now use chatbots.",
         [("Forty-five per cent", "percent", 45.0, "%")]),
        # A fraction as a share.
        ("Three-quarters of provinces offer cheap land to chip plants.",
         [("Three-quarters", "percent", 75.0, "%")]),
        ("Its grid is only about one-fifth that of neighbouring Chile.",
         [("one-fifth", "percent", 20.0, "%")]),
        ("About two thirds of the engineers work in the capital.",
         [("two thirds", "percent", 66.6666666667, "%")]),
        # Rupees in crores with the rupee left out, hyphenated or not.
        ("The state has unveiled a 5,000-crore semiconductor mission.",
         [("5,000-crore", "money", 5e10, "INR")]),
        ("The cabinet set aside 1,200 crore for the scheme.",
         [("1,200 crore", "money", 1.2e10, "INR")]),
        # A plural's possessive still ends the counted noun.
        ("The fund buys 8,000 graphics processing units' worth of computing time.",
         [("8,000 graphics processing units", "count", 8000.0, "graphics processing units")]),
        # Rates and averages: a decimal before a plural "per" something, or an average.
        ("Its researchers publish 3.4 papers per year on average.",
         [("3.4 papers per year", "count", 3.4, "papers per year")]),
        ("Seoul has 1,012 robots per 10,000 workers.",
         [("1,012 robots per 10,000 workers", "count", 1012.0, "robots per 10,000 workers")]),
        ("Its start-ups file 2.75 average patents each.",
         [("2.75 average patents", "count", 2.75, "average patents")]),
        ("The country has a fertility rate of 0.81, the lowest on record.",
         [("0.81", "count", 0.81, "fertility rate")]),
        # The bare decimal set against a rate is the same measure.
        ("Danish firms get 4.1 citations per patent, compared to Norway's 2.9.",
         [("4.1 citations per patent", "count", 4.1, "citations per patent"),
          ("2.9", "count", 2.9, "citations per patent")]),
        ("Swiss patents are cited more often (8.5 vs 2.2 average citations).",
         [("8.5", "count", 8.5, "average citations"),
          ("2.2 average citations", "count", 2.2, "average citations")]),
        ("Its uptake is 30 vs 45 percent a year ago.",
         [("30", "percent", 30.0, "%"), ("45 percent", "percent", 45.0, "%")]),
        # A bare number with a relative clause after it, in a joined clause.
        ("Ohio has 40 data centres in service and another 95 that are planned.",
         [("40 data centres", "count", 40.0, "data centres"),
          ("95", "count", 95.0, "data centres")]),
    ],
)
def test_measures_a_sentence_states_are_read(sentence, figures):
    assert read(sentence) == figures


@pytest.mark.parametrize(
    "sentence",
    [
        "The lab released its Qwen 2.5 models and GPT-4.5 models last week.",
        "Section 3.2 rules apply to every provider.",
        "See page 12 for the full table of results.",
        "Singapore scored 70.1 on the index, ahead of Japan with 59.8.",
        "Japan placed 13th and Korea third in the ranking.",
        "The minister, 58, said the plan runs to 2030.",
        "Growth slowed for three quarters in a row.",
        "The law needs a two-thirds majority in parliament.",
        "It took a quarter of a century to build.",
        "The unemployment rate of 4.1 is the lowest in years.",
        "Version 2.5 vs 3.0 of the model differ in size.",
        "The model scored 2.5 vs 40 points.",
    ],
)
def test_years_versions_scores_ranks_labels_and_ages_are_no_measures(sentence):
    assert read(sentence) == []


def test_a_count_whose_noun_a_parallel_sentence_leaves_out(tmp_path):
    found = statements(tmp_path, (
        "Where the data centres go\n\n"
        "Ohio has 40 data centres in service and another 95 that are planned.\n"
        "Indiana has 22 in service and 61 that are planned.\n\n"))
    figures = {f.text: (f.unit, f.value, f.country) for s in found for f in s.figures}
    assert figures["22"] == ("data centres", 22.0, "US")
    assert figures["61"] == ("data centres", 61.0, "US")


@pytest.mark.parametrize(
    "body",
    [
        # Not the same shape: a year, an age, a different verb or word after the number.
        "Ohio has 40 data centres in service.\nIn 2024 it had 12 in service.",
        "Ohio has 40 data centres in service.\nIts governor is 61 and in his second term.",
        "Ohio has 40 data centres in service.\nIndiana opened 22 in March.",
        "Ohio has 40 data centres in service.\nIndiana has 22 percent of the jobs.",
        "Ohio has 40 data centres in service.\nSee page 22 in the report.",
    ],
)
def test_a_number_in_another_shape_takes_no_noun_from_the_sentence_before(tmp_path, body):
    found = statements(tmp_path, f"Where the data centres go\n\n{body}\n")
    counts = [f for s in found for f in s.figures if f.kind == "count"]
    assert [f.text for f in counts] == ["40 data centres"]


@pytest.mark.parametrize(
    ("title", "sentence", "figures", "subjects"),
    [
        # Goods exported, sold or shipped to a country are that country's.
        ("Chips for Saudi Arabia",
         "The US Commerce Department approved the sale of up to 40,000 AI chips a year to "
         "Saudi Arabia.",
         {"up to 40,000 AI chips": "SA"}, ("SA", "US")),
        # A yardstick a figure is a fraction of owns nothing.
        ("Vietnam's power grid",
         "Vietnam's grid is modern, and its power use per head is only one-third that of "
         "neighbouring Thailand.",
         {"one-third": "VN"}, ("VN",)),
        # "vs" pairs two figures with the two countries the sentence set against each other.
        ("Swiss patents",
         "Swiss patents are cited four times more often than Italian patents (8.5 vs 2.2 "
         "average citations).",
         {"8.5": "CH", "2.2 average citations": "IT"}, ("CH", "IT")),
        # A clause going on with the verb of a relative clause on a country's thing.
        ("Paris summit",
         "Macron compared the plan to Japan's Watt initiative, a venture that covers several "
         "utilities, and aims to spend $40 billion on grids.",
         {"$40 billion": "JP"}, ("FR", "JP")),
    ],
)
def test_owners_of_goods_sent_yardsticks_pairs_and_relative_verbs(tmp_path, title, sentence,
                                                                 figures, subjects):
    st = statement(tmp_path, title, sentence)
    assert {f.text: f.country for f in st.figures if f.kind != "year"} == figures
    assert st.countries == subjects


def test_a_leader_acting_in_a_passage_about_others_owns_the_figure(tmp_path):
    found = statements(tmp_path, (
        "Europe builds computing power\n\n"
        "The European Union is racing to build computing power for AI. Last week, UK Prime "
        "Minister Keir Starmer also announced funding of £2 billion for supercomputers.\n\n"))
    (st,) = [s for s in found if "£2 billion" in s.text]
    (figure,) = [f for f in st.figures if f.text == "£2 billion"]
    assert figure.country == "GB"
    assert "GB" in st.countries


def test_goods_and_money_without_a_sending_verb_keep_their_clause_owner(tmp_path):
    # "to" a country without an export, sale or shipment: the clause's own country.
    st = statement(tmp_path, "Japan's chip plan",
                   "Japan will raise its chip budget by 2,000 engineers to the US level.")
    assert {f.text: f.country for f in st.figures} == {"2,000 engineers": "JP"}
    # A clause that goes on with the main verb (past tense) stays the sentence's subject's.
    st = statement(tmp_path, "Paris summit",
                   "Macron compared the plan to Japan's Watt initiative, a venture that covers "
                   "several utilities, and pledged $40 billion for French grids.")
    assert {f.text: f.country for f in st.figures} == {"$40 billion": "FR"}


def test_a_rate_measures_itself_not_a_number_of_things(tmp_path):
    st = statement(tmp_path, "Danish patents",
                   "Danish firms get 4.1 citations per patent, compared to Norway's 2.9.")
    assert [(f.text, f.country, f.measure) for f in st.figures] == [
        ("4.1 citations per patent", "DK", "citations per patent"),
        ("2.9", "NO", "citations per patent"),
    ]
    st = statement(tmp_path, "Danish patents", "Danish firms filed 4,100 patents in 2024.")
    assert [f.measure for f in st.figures if f.kind == "count"] == ["number of patents, 2024"]


def test_a_bare_count_beside_a_figure_measures_what_that_figure_measures(tmp_path):
    """A chart compares what one sentence compares: the bare "50,000" counts the GPUs "in
    public computing centres" the figure it stands beside counts."""
    st = statement(tmp_path, "Compute race",
                   "Poland plans to install 9,000 GPUs in university computing centres by "
                   "2029, against Czechia's 4,000.")
    assert [(f.text, f.country, f.measure) for f in st.figures if f.kind == "count"] == [
        ("9,000 GPUs", "PL", "number of GPUs in university computing centres, 2029"),
        ("4,000", "CZ", "number of GPUs in university computing centres, 2029"),
    ]


def test_a_scale_word_is_part_of_the_number_not_a_kind_of_what_it_counts(tmp_path):
    st = statement(tmp_path, "Accelerators",
                   "Vietnamese data centres already run more than 1.5 million AI accelerators.")
    assert [f.measure for f in st.figures if f.kind == "count"] == ["number of AI accelerators"]


# --------------------------------------------------------------------------- round 3

@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Any ISO 4217 code before an amount with a scale word is that currency.
        ("Peru will spend PEN 1.2 billion on a national AI lab.",
         [("PEN 1.2 billion", "money", 1.2e9, "PEN")]),
        ("The ministry set aside a KES 3 billion fund (USD 23 million) for start-ups.",
         [("KES 3 billion", "money", 3e9, "KES"), ("USD 23 million", "money", 2.3e7, "USD")]),
        # Israeli news write the shekel as NIS.
        ("NIS 90 million is earmarked for the new compute centre,",
         [("NIS 90 million", "money", 9e7, "ILS")]),
        # Petaflops and exaflops written as a letter, in a sentence on computing power.
        ("The city's intelligent computing power is set to reach 12,000P by next year.",
         [("12,000P", "compute", 1.2e19, "FLOPS")]),
        ("Total computing capacity in the region now exceeds 30E across its hubs.",
         [("30E", "compute", 3e19, "FLOPS")]),
        # A count out of a named group: what the group holds is what is counted.
        ("The lab begins with 9,000 of the newest Rubin accelerators.",
         [("9,000 of the newest Rubin accelerators", "count", 9000.0, "accelerators")]),
        ("The ministry said 1,500 of its analysts use the tool.",
         [("1,500 of its analysts", "count", 1500.0, "analysts")]),
    ],
)
def test_iso_codes_compute_letters_and_partitive_counts(sentence, expected):
    assert read(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # A code that is also an acronym, with no scaled amount after it.
        "Delegates at COP 29 in Baku discussed the plan for 12 hours.",
        "The firm rewrote its site in PHP 8 last year.",
        # Capitalised words that are no currency, or codes left out as words and names.
        "GDP 5 trillion was the figure the IMF cited.",
        "AMD 2 billion was the rumoured size of the deal.",
        # A letter after a number elsewhere: a section, a loan type, a road.
        "Under Section 5P of the act, P2P lenders must register.",
        "The road runs along Route 9E to the data centre.",
        # A possessive after "of the" names the group, not what is counted.
        "Only 3 of the world's largest chipmakers attended.",
    ],
)
def test_acronyms_sections_and_group_names_are_not_figures(sentence):
    assert read(sentence) == []


def test_a_scaled_code_still_lets_the_number_after_an_acronym_be_read():
    # "COP 29" is not money, and the count after it is still a count.
    assert read("At COP 29, 40 countries signed.") == [("40 countries", "count", 40.0,
                                                        "countries")]


def test_a_letter_apart_from_the_number_is_no_computing_speed():
    found = read("Its computing power serves 300 E-commerce firms and 40 P-series robots.")
    assert [(text[:6], kind) for text, kind, _, _ in found] == [
        ("300 E-", "count"), ("40 P-s", "count")]
