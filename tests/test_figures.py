"""Figure extraction on real sentences: the seeds, and news wording from varied publishers."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from briefing.extract.figures import PHYSICAL_UNITS, find_figures, is_bare_count
from briefing.model import Figure


def described(text: str) -> list[tuple[str, str, float, str | None]]:
    """(kind, text, value, unit) of each figure, after checking `start` points at `text`."""
    figures = find_figures(text)
    for figure in figures:
        assert text[figure.start : figure.start + len(figure.text)] == figure.text
    return [(f.kind, f.text, f.value, f.unit) for f in figures]


# --------------------------------------------------------------------------- seeds


def test_seed_budget_is_one_money_figure() -> None:
    text = (
        "The government plans to triple its AI development budget to approximately "
        "$6.8 billion next year."
    )
    start = text.index("$")
    assert find_figures(text) == (Figure("$6.8 billion", "money", 6.8e9, "$", start),)


def test_seed_gpu_deal_is_a_count_of_gpus() -> None:
    text = (
        "The country has also secured a deal to procure 260,000 advanced GPUs from Nvidia, "
        "which will be used in government-led data centers and by local software giants."
    )
    assert described(text) == [("count", "260,000 advanced GPUs", 260000.0, "GPUs")]


def test_seed_two_percentages() -> None:
    text = (
        "In terms of the number of global AI models, China ranks second with 36%, "
        "second only to United States with 44%."
    )
    assert described(text) == [("percent", "36%", 36.0, "%"), ("percent", "44%", 44.0, "%")]


def test_seed_list_item_years() -> None:
    text = (
        "2017: China unveiled its national AI development plan, setting a goal to become a "
        "global leader in AI by 2030."
    )
    assert described(text) == [("year", "2017", 2017.0, None), ("year", "2030", 2030.0, None)]


def test_seed_companies_count_with_a_compound_noun_and_shares() -> None:
    text = (
        "As of the first quarter of 2024, there are nearly 30,000 AI companies in the world, "
        "of which United States accounts for 34%, followed by China with 15%."
    )
    assert described(text) == [
        ("year", "2024", 2024.0, None),
        ("count", "30,000 AI companies", 30000.0, "AI companies"),
        ("percent", "34%", 34.0, "%"),
        ("percent", "15%", 15.0, "%"),
    ]


def test_seed_patents_number_of_pattern_and_year_pair() -> None:
    text = (
        "According to the Generative AI Patent Landscaping Report released by the World "
        "Intellectual Property Organization, between 2014 and 2023, the number of generative "
        "AI patents filed by Chinese inventors exceeded 38,000, six times that of United "
        "States, ranking first in the world."
    )
    assert described(text) == [
        ("year", "2014", 2014.0, None),
        ("year", "2023", 2023.0, None),
        ("count", "38,000", 38000.0, "patents"),
    ]


def test_seed_unicorns_number_of_pattern() -> None:
    text = (
        "The number of AI unicorns in China has reached 71, which not only represents the "
        "innovative vitality of China's AI industry."
    )
    assert described(text) == [("count", "71", 71.0, "unicorns")]


def test_seed_month_year() -> None:
    text = "France has a highly skilled AI community with new developments as recent as July 2024."
    assert described(text) == [("year", "2024", 2024.0, None)]


@pytest.mark.parametrize(
    "text",
    [
        "Home to leading tech companies like Google, Microsoft, and OpenAI, the U.S. has produced "
        "some of the most advanced AI models, such as GPT-3 and GPT-4 by OpenAI.",
        "China has a wide array of AI models present in the country, from M6 to ERNIE.",
        "China accounts for more than 1/3 of the global AI model field.",
        "Investment: China has poured billions into AI research.",
        "The patents filed exceeded those of the United States six times over.",
    ],
)
def test_seed_sentences_without_figures(text: str) -> None:
    assert find_figures(text) == ()


# --------------------------------------------------------------------------- percent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Exports grew 44 % in May.", ("44 %", 44.0, "%")),
        ("Chip output rose 3.5 percent from a year earlier.", ("3.5 percent", 3.5, "%")),
        ("Wages rose 12 per cent, the ONS said.", ("12 per cent", 12.0, "%")),
        ("The FTSE fell 2pc on the news.", ("2pc", 2.0, "%")),
        ("Adoption rose 4.1％ in Tokyo.", ("4.1％", 4.1, "%")),
        ("Unemployment fell 0.3 percentage points.", ("0.3 percentage points", 0.3, "pp")),
        ("The gap narrowed by 2% points.", ("2% points", 2.0, "pp")),
    ],
)
def test_percent_spellings(text: str, expected: tuple[str, float, str]) -> None:
    assert described(text) == [("percent", *expected)]


def test_percent_range_is_one_figure_valued_at_its_lower_bound() -> None:
    assert described("About 30-40% of firms use AI.") == [("percent", "30-40%", 30.0, "%")]
    assert described("Between 30 and 40 percent of firms use AI.") == [
        ("percent", "30 and 40 percent", 30.0, "%")
    ]


def test_percent_change_gives_both_values() -> None:
    assert described("The share rose from 20 to 30 percent.") == [
        ("percent", "20", 20.0, "%"),
        ("percent", "30 percent", 30.0, "%"),
    ]


# --------------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alphabet raised US$1.2bn for the unit.", ("US$1.2bn", 1.2e9, "USD")),
        ("Mistral secured €500 million in funding.", ("€500 million", 5e8, "EUR")),
        ("The start-up raised £2m from angels.", ("£2m", 2e6, "GBP")),
        ("SoftBank will spend ¥1 trillion on data centres.", ("¥1 trillion", 1e12, "JPY")),
        ("Samsung will invest ₩1.5 trillion in chips.", ("₩1.5 trillion", 1.5e12, "KRW")),
        ("SK plans 2.3 trillion won of spending.", ("2.3 trillion won", 2.3e12, "KRW")),
        ("The cabinet approved Rs 10,000 crore for AI.", ("Rs 10,000 crore", 1e11, "INR")),
        ("The mission gets ₹1 lakh crore.", ("₹1 lakh crore", 1e12, "INR")),
        ("Beijing set aside 10 billion yuan for chips.", ("10 billion yuan", 1e10, "CNY")),
        ("The fund holds RMB 10 billion.", ("RMB 10 billion", 1e10, "CNY")),
        ("The deal is worth USD 5 million.", ("USD 5 million", 5e6, "USD")),
        ("They paid 5 million dollars for it.", ("5 million dollars", 5e6, "$")),
        ("GovTech set aside S$300 million.", ("S$300 million", 3e8, "SGD")),
        ("Ottawa pledged C$2.4 billion for AI.", ("C$2.4 billion", 2.4e9, "CAD")),
        ("Canberra pledged A$1 billion.", ("A$1 billion", 1e9, "AUD")),
        ("The MTR spent HK$2 billion.", ("HK$2 billion", 2e9, "HKD")),
        ("TSMC earned NT$10bn more.", ("NT$10bn", 1e10, "TWD")),
        ("Brazil committed R$23 billion to AI.", ("R$23 billion", 2.3e10, "BRL")),
        ("A seed round of $500k closed.", ("$500k", 5e5, "$")),
        ("It raised 300 million euros.", ("300 million euros", 3e8, "EUR")),
        ("The grant is 2 billion Singapore dollars.", ("2 billion Singapore dollars", 2e9, "SGD")),
        ("A $3.5tn market is forecast.", ("$3.5tn", 3.5e12, "$")),
        ("The Treasury set aside R5.4 billion for AI.", ("R5.4 billion", 5.4e9, "ZAR")),
        ("The hub will cost R500m.", ("R500m", 5e8, "ZAR")),
        ("Stockholm adds 2 billion kronor.", ("2 billion kronor", 2e9, "SEK")),
        ("The fund holds 500 million Danish kroner.", ("500 million Danish kroner", 5e8, "DKK")),
        ("Norway will invest 1 billion kroner in AI.", ("1 billion kroner", 1e9, "NOK")),
        ("Copenhagen pays 700 million kroner for it.", ("700 million kroner", 7e8, "DKK")),
    ],
)
def test_money_currencies_and_scales(text: str, expected: tuple[str, float, str]) -> None:
    assert described(text) == [("money", *expected)]


def test_yen_sign_means_yuan_when_the_sentence_speaks_of_yuan() -> None:
    text = "Alibaba will invest ¥380 billion (380 billion yuan) in cloud and AI."
    assert described(text) == [
        ("money", "¥380 billion", 3.8e11, "CNY"),
        ("money", "380 billion yuan", 3.8e11, "CNY"),
    ]


def test_money_ranges() -> None:
    assert described("Spending of $5-6 billion is planned.") == [
        ("money", "$5-6 billion", 5e9, "$")
    ]
    assert described("It may cost $5 to $6 billion.") == [("money", "$5 to $6 billion", 5e9, "$")]


def test_money_number_is_not_also_a_count() -> None:
    assert described("Nvidia booked $30 billion sales of chips.") == [
        ("money", "$30 billion", 3e10, "$")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "South Korea won 5 gold medals.",  # "won" the verb
        "The crate weighs 50 pounds.",  # weight, not sterling
        "Investors poured billions into AI.",
        "Spending reached the billions last year.",
        "Form R5 applies to the filing.",  # an R before a number without a scale
        "Denmark and Norway each put 1 billion kroner in.",  # whose kroner: not said
    ],
)
def test_not_money(text: str) -> None:
    assert [f for f in find_figures(text) if f.kind == "money"] == []


# --------------------------------------------------------------------------- counts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The app now has 1.2 million users.", ("1.2 million users", 1.2e6, "users")),
        ("The model has 70 billion parameters.", ("70 billion parameters", 7e10, "parameters")),
        ("The firm employs 1,500 people in Seoul.", ("1,500 people", 1500.0, "people")),
        ("The survey covered 71 countries.", ("71 countries", 71.0, "countries")),
        ("It will build 5 new data centres.", ("5 new data centres", 5.0, "data centres")),
        ("The lab trained 12 LLMs last year.", ("12 LLMs", 12.0, "LLMs")),
        ("Meta hired nearly 2000 engineers.", ("2000 engineers", 2000.0, "engineers")),
        ("The scheme reaches 1.4 crore farmers.", ("1.4 crore farmers", 1.4e7, "farmers")),
        ("About 5,000-10,000 jobs are at risk.", ("5,000-10,000 jobs", 5000.0, "jobs")),
        ("Sales hit 1.5m units in Q2.", ("1.5m units", 1.5e6, "units")),
        ("The app passed 50k downloads.", ("50k downloads", 5e4, "downloads")),
    ],
)
def test_counts_take_the_plural_noun_as_unit(text: str, expected: tuple[str, float, str]) -> None:
    assert described(text) == [("count", *expected)]


def test_number_of_pattern_needs_a_linking_verb() -> None:
    assert described("The number of AI start-ups in Japan stood at 1,200.") == [
        ("count", "1,200", 1200.0, "start-ups")
    ]
    # A bare number with no "number of" phrase is not attached to anything.
    assert described("China's AI industry has reached 71, analysts said.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The firm was the first to ship, and ranked 1st in 2nd-quarter sales.",
        "OpenAI released GPT-4 and GPT-4.5; Alibaba launched M6 on Nvidia A100 chips.",
        "COVID-19 slowed 5G networks and 3D printing.",
        "The meeting starts at 9:30 in Room 4.",
        "Output rose over the past 10 years and is up 6 times on 2015 levels.",
        "It built 100 MW solar plants and 3 nm chips.",
        "The ministry ranked it among the top 10 companies.",
        "The court cited Article 5 provisions.",
        "The output rose 6,8 per day in Paris.",
        "About 1 in 4 workers face disruption.",
        "The 100m sprint and a 5m wall were built.",
        "Alibaba's Qwen 2.5 models were downloaded 40 million times.",
    ],
)
def test_not_counts(text: str) -> None:
    assert [f for f in find_figures(text) if f.kind == "count"] == []


# --------------------------------------------------------------------------- years


def test_years_in_context() -> None:
    assert described("By 2030 the plan, launched in 2017, should be complete.") == [
        ("year", "2030", 2030.0, None),
        ("year", "2017", 2017.0, None),
    ]


def test_year_pairs_fiscal_years_and_hyphenated_years() -> None:
    assert [f.text for f in find_figures("The plan runs 2020-2025, from mid-2024.")] == [
        "2020",
        "2025",
        "2024",
    ]
    assert described("Revenue for 2023-24 rose.") == [("year", "2023-24", 2023.0, None)]
    assert described("Its 2022/23 budget fell.") == [("year", "2022/23", 2022.0, None)]
    assert described("Published 2024-01-15 in Seoul.") == [("year", "2024", 2024.0, None)]


def test_date_gives_the_year_but_not_the_day() -> None:
    assert described("On Jan 18, 2024, the ministry published 3 reports.") == [
        ("year", "2024", 2024.0, None),
        ("count", "3 reports", 3.0, "reports"),
    ]


def test_year_after_a_quantity_word_without_a_counted_noun_is_a_year() -> None:
    assert described("Output rose 5% over 2019 levels.") == [
        ("percent", "5%", 5.0, "%"),
        ("year", "2019", 2019.0, None),
    ]


def test_year_before_a_percent_is_still_a_year() -> None:
    assert described("The rate rose in 2023 to 5%.") == [
        ("year", "2023", 2023.0, None),
        ("percent", "5%", 5.0, "%"),
    ]


def test_cjk_years_and_percent() -> None:
    assert described("中国计划到2030年占全球AI市场的36%。") == [
        ("year", "2030", 2030.0, None),
        ("percent", "36%", 36.0, "%"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The figure was 2,030 at the end of the month.",  # a thousands separator, not a year
        "It trails GPT-2030 style labels.",
        "The 1990s saw the first AI winter end.",  # a decade
        "Item 1850 sold for little.",  # outside 1900-2100 and no noun
    ],
)
def test_not_years(text: str) -> None:
    assert [f for f in find_figures(text) if f.kind == "year"] == []


# --------------------------------------------------------------------------- robustness


def test_no_digits_no_figures() -> None:
    assert find_figures("") == ()
    assert find_figures("Six times as many patents, and the two countries agreed.") == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nine companies signed the pledge.", [("Nine companies", "count", 9.0, "companies")]),
        ("Up to four sites are planned.", [("four sites", "count", 4.0, "sites")]),
        ("It hired two dozen engineers.", [("two dozen engineers", "count", 24.0, "engineers")]),
        ("It will build twenty-five new supercomputers.",
         [("twenty-five new supercomputers", "count", 25.0, "supercomputers")]),
        ("The ministry will spend two billion euros.",
         [("two billion euros", "money", 2e9, "EUR")]),
        ("Seven in ten adults use chatbots.", []),
        ("The three countries agreed on rules.", []),
    ],
)
def test_number_words(text: str, expected: list) -> None:
    assert [(f.text, f.kind, f.value, f.unit) for f in find_figures(text)] == expected


@pytest.mark.parametrize(
    "text",
    ["1," * 40_000, "$1 " * 20_000, "reached 5 " * 5_000 + "number of people", "9" * 100_000],
)
def test_pathological_sentences_take_linear_time(text: str) -> None:
    began = time.perf_counter()
    find_figures(text)
    assert time.perf_counter() - began < 1.0


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It raised $4.07 billion.", 4_070_000_000.0),  # 4.07 * 1e9 = 4070000000.0000005
        ("It hired 3.3 thousand engineers.", 3_300.0),  # 3.3 * 1e3 = 3299.9999999999995
        ("The scheme costs Rs 1.15 lakh crore.", 1_150_000_000_000.0),
        ("The fund holds 0.7 trillion won.", 700_000_000_000.0),
    ],
)
def test_scaled_values_carry_no_binary_float_noise(text: str, value: float) -> None:
    (figure,) = find_figures(text)
    assert repr(figure.value) == repr(value)


# --------------------------------------------------------------------------- compound nouns


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A plural-form modifier does not end the count: the noun it modifies does.
        ("Officials expect 18,693 graphics processing units.",
         ("18,693 graphics processing units", 18693.0, "graphics processing units")),
        ("The firm hired 40 sales teams.", ("40 sales teams", 40.0, "sales teams")),
        ("It ordered 500 AI chips.", ("500 AI chips", 500.0, "AI chips")),
        ("It signed with 12 chip design firms.", ("12 chip design firms", 12.0, "chip design firms")),
        ("It runs 4 manufacturing plants.", ("4 manufacturing plants", 4.0, "manufacturing plants")),
        # Adjectives, participles, country words and hyphenated words qualify the noun.
        ("It will open two national data centres.", ("two national data centres", 2.0, "data centres")),
        ("It met 5 leading chipmakers.", ("5 leading chipmakers", 5.0, "chipmakers")),
        ("It bought 10 high-end GPUs.", ("10 high-end GPUs", 10.0, "GPUs")),
        ("It courted 200 US firms.", ("200 US firms", 200.0, "firms")),
        # Without a noun after it, a plural-form modifier is what is counted.
        ("The studio sold 12 graphics.", ("12 graphics", 12.0, "graphics")),
    ],
)
def test_a_count_takes_the_whole_compound_noun(text: str, expected: tuple[str, float, str]) -> None:
    assert described(text) == [("count", *expected)]


def test_a_count_does_not_run_on_into_what_follows_its_noun() -> None:
    assert described("It found 12 companies building chips.") == [
        ("count", "12 companies", 12.0, "companies")]


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("Three countries have offered help.", True),
        ("2 teams competed for the prize.", True),
        ("Two companies signed the deal.", True),
        ("Five leading companies signed the deal.", True),  # still a count of actors
        ("It employs 1,500 people.", False),  # a workforce: large enough to be a figure
        ("There are 30,000 AI companies in the world.", False),
        ("Two AI companies signed the deal.", False),  # the noun says which kind
        ("It ordered 500 AI chips.", False),
        ("It raised $3 billion.", False),
    ],
)
def test_bare_counts_of_generic_nouns(text: str, bare: bool) -> None:
    (figure,) = find_figures(text)
    assert is_bare_count(figure) is bare


# --------------------------------------------------------------------------- brands and owners


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A brand and a model name qualify the compound noun; the count reaches its head.
        ("The cluster went live with 4,096 Nvidia B200 graphics processing units.",
         ("4,096 Nvidia B200 graphics processing units", 4096.0, "graphics processing units")),
        ("The lab will rent 2,000 AMD MI300X accelerators.",
         ("2,000 AMD MI300X accelerators", 2000.0, "accelerators")),
        ("Its operator bought 7,500 Nvidia chips last year.",
         ("7,500 Nvidia chips", 7500.0, "chips")),
        # "N of X's ... chips": whose things come between the number and what it counts.
        ("The deal lets the kingdom buy 300,000 of Nvidia's newest AI chips each year.",
         ("300,000 of Nvidia's newest AI chips", 300000.0, "AI chips")),
        ("The first site will run 12,000 of AMD’s MI355 processors.",
         ("12,000 of AMD’s MI355 processors", 12000.0, "processors")),
    ],
)
def test_brands_models_and_owners_qualify_what_is_counted(
        text: str, expected: tuple[str, float, str]) -> None:
    assert described(text) == [("count", *expected)]


def test_a_target_for_the_number_of_something_counts_it() -> None:
    text = "The agency plans to triple the number of data engineers in the civil service to 9,000."
    assert described(text) == [("count", "9,000", 9000.0, "engineers")]
    # "to" alone, or a year after it, is no target.
    assert described("The ministry wants to double the number of AI labs by 2030.") == [
        ("year", "2030", 2030.0, None)]
    assert described("Exports rose to 5,000 last year.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Taiwan's three biggest foundries supply most advanced chips.",
        "The index lists the 10 largest AI companies by revenue.",
        "Its two most powerful supercomputers sit in Kobe.",
    ],
)
def test_a_number_before_a_superlative_ranks_and_counts_nothing(text: str) -> None:
    assert [f for f in find_figures(text) if f.kind == "count"] == []


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        # The parts of a method are not facts about the world.
        ("The ranking weighs four pillars equally.", True),
        ("Countries are scored against 12 metrics.", True),
        ("The survey covers seven dimensions of readiness.", True),
        # Vague quantities say "some", whatever they count.
        ("Grants went to more than a dozen cloud operators.", True),
        ("Half a dozen labs signed up.", True),
        # A count of real things stays a figure.
        ("The ministry funds 12 supercomputers.", False),
    ],
)
def test_method_parts_and_vague_quantities_are_bare_counts(text: str, bare: bool) -> None:
    counts = [f for f in find_figures(text) if f.kind == "count"]
    assert counts and is_bare_count(counts[0]) is bare


# --------------------------------------------------------------------------- physical quantities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Power, in watts, however it is written.
        ("The operator will build 2.4 gigawatts of capacity.", ("2.4 gigawatts", "power", 2.4e9, "W")),
        ("Each hall draws 350 megawatts.", ("350 megawatts", "power", 3.5e8, "W")),
        ("A 3-gigawatt campus is planned near the coast.", ("3-gigawatt", "power", 3e9, "W")),
        ("Approved projects total 480MW.", ("480MW", "power", 4.8e8, "W")),
        ("The grid can spare 6 GW.", ("6 GW", "power", 6e9, "W")),
        ("Racks of 120 kW are now common.", ("120 kW", "power", 1.2e5, "W")),
        # Energy, in watt-hours.
        ("Data centres used 25 terawatt-hours last year.", ("25 terawatt-hours", "energy", 2.5e13, "Wh")),
        ("Demand may reach 60 TWh.", ("60 TWh", "energy", 6e13, "Wh")),
        # Data, in bytes; computing speed, in FLOPS.
        ("The archive holds 15 petabytes of records.", ("15 petabytes", "data", 1.5e16, "B")),
        ("Storage grows by 3 EB a year.", ("3 EB", "data", 3e18, "B")),
        ("The machine reaches 1.2 exaflops.", ("1.2 exaflops", "compute", 1.2e18, "FLOPS")),
        ("The upgrade adds 40 PFLOPS.", ("40 PFLOPS", "compute", 4e16, "FLOPS")),
    ],
)
def test_physical_quantities_are_figures_in_their_base_unit(
        text: str, expected: tuple[str, str, float, str]) -> None:
    text_, kind, value, unit = expected
    assert described(text) == [(kind, text_, value, unit)]


def test_physical_quantities_compare_like_with_like() -> None:
    (giga,) = find_figures("The region has 1.5 gigawatts of data centre capacity.")
    (mega,) = find_figures("The region has 1,500 megawatts of data centre capacity.")
    (short,) = find_figures("The region has 1.5 GW of data centre capacity.")
    assert (giga.kind, giga.value, giga.unit) == (mega.kind, mega.value, mega.unit) == (
        short.kind, short.value, short.unit)
    # A range and a change keep the kind.
    assert described("Plans range between 200 and 300 megawatts.") == [
        ("power", "200 and 300 megawatts", 2e8, "W")]
    assert described("Capacity rose from 2 to 3.5 gigawatts.") == [
        ("power", "2", 2e9, "W"), ("power", "3.5 gigawatts", 3.5e9, "W")]


@pytest.mark.parametrize(
    "text",
    [
        "The two flops cost the studio dearly.",
        "The firm kept a Plan B for 5 W Street.",
        "Power costs 9 US cents per kilowatt-hour.",
        "The 2 nm chips ship in 2027.",
    ],
)
def test_no_physical_figure_without_an_amount_and_a_unit(text: str) -> None:
    assert [f for f in find_figures(text) if f.kind in PHYSICAL_UNITS] == []


def test_a_physical_figure_has_a_measure_label_with_its_unit() -> None:
    from briefing.extract.measures import Said, measures

    text = "The firm plans to build 900 megawatts of data centre capacity by 2029."
    figures = find_figures(text)
    labels = measures(Said(text, ("SA",), figures, "2025-05-01"))
    assert labels[0] == "data centre capacity (W), 2029"


def test_key_figures_show_physical_units_and_leave_out_vague_and_method_counts(tmp_path):
    from typer.testing import CliRunner

    from briefing.cli.app import app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "gulf.txt").write_text(
        "---\ntitle: Gulf compute build-out\ndate: 2025-06-02\n---\n\n"
        "Qatar will build 1.2 gigawatts of data centre capacity by 2030, its digital ministry "
        "said on Monday.\n\n"
        "The first campus in Doha will hold 25 petabytes of public records.\n\n"
        "Qatar has given grants to more than a dozen cloud firms since 2023.\n\n"
        "The national scorecard for Qatar combines three indicators of readiness.\n\n"
        "Qatar's two largest telecom operators will run the halls.\n",
        encoding="utf-8")
    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["make", "-c", "QA", "--corpus", str(corpus), "--out", str(out),
                                 "--date", "2025-07-01", "--format", "md"])
    assert r.exit_code == 0, r.output
    brief = Path(r.stdout.strip()).read_text(encoding="utf-8")
    shown = [line.split("|")[1] for line in brief.splitlines() if line.startswith("| ")]
    assert any("1.2 GW" in cell for cell in shown) and any("25 PB" in cell for cell in shown)
    assert not any("dozen" in cell or "indicators" in cell or "operators" in cell
                   for cell in shown)
    # Compared with another country, each one's figures leave them out too.
    (corpus / "bahrain.txt").write_text(
        "---\ntitle: Bahrain data centre plan\ndate: 2025-06-03\n---\n\n"
        "Bahrain will add 300 megawatts of data centre capacity by 2028, the ministry said.\n",
        encoding="utf-8")
    r = CliRunner().invoke(app, ["make", "-c", "QA", "-c", "BH", "--corpus", str(corpus),
                                 "--out", str(out), "--date", "2025-07-01", "--format", "md"])
    assert r.exit_code == 0, r.output
    brief = Path(r.stdout.strip()).read_text(encoding="utf-8")
    measures = brief.split("## Key figures by measure", 1)[1].split("\n## ", 1)[0]
    qatar = [line.split("|")[2] for line in measures.splitlines()
             if line.startswith("| Qatar |")]
    assert any("1.2 gigawatts" in cell for cell in qatar)
    assert not any("dozen" in cell or "indicators" in cell or "operators" in cell
                   for cell in qatar)


# --------------------------------------------------------------------------- which dollar


def test_hyphenated_scales_and_currency_words_read_whole_amounts() -> None:
    assert described("Officials unveiled a $300-million research compute fund.") == [
        ("money", "$300-million", 3e8, "$")]
    assert described("Paris set up a €2-billion programme for chips.") == [
        ("money", "€2-billion", 2e9, "EUR")]
    assert described("The province backs a 300-million-dollar supercomputer.") == [
        ("money", "300-million-dollar", 3e8, "$")]
    # A number range and a hyphenated model name are still what they were.
    assert described("It may cost $5-6 billion.") == [("money", "$5-6 billion", 5e9, "$")]
    assert described("GPT-4 was trained on 25,000 GPUs.") == [("count", "25,000 GPUs", 25000, "GPUs")]


def _money_of(tmp_path: Path, text: str) -> dict[str, tuple[float, str | None, str | None]]:
    """Each money figure of an article, by its wording: value, currency and owner."""
    from briefing.extract.facts import extract_statements
    from briefing.extract.themes import load_taxonomy
    from briefing.ingest.document import read_document

    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    (article,) = read_document(tmp_path, path).articles
    return {f.text: (f.value, f.unit, f.country)
            for s in extract_statements(article, load_taxonomy())
            for f in s.figures if f.kind == "money"}


def test_a_bare_dollar_in_a_canadian_story_is_canadian(tmp_path: Path) -> None:
    money = _money_of(tmp_path, (
        "Ottawa names two sites for its public AI computers\n\n"
        "Canada will spend $2.4 billion on public computing for its researchers, the "
        "federal government said on Tuesday.\n\n"
        "The plan includes a $300-million fund that helps Canadian start-ups rent machines.\n"))
    assert money["$2.4 billion"] == (2.4e9, "CAD", "CA")
    assert money["$300-million"] == (3e8, "CAD", "CA")


def test_a_bare_dollar_in_an_australian_paper_is_australian(tmp_path: Path) -> None:
    money = _money_of(tmp_path, (
        "Australia sets out its national plan for artificial intelligence\n\n"
        "Australia will put $1.2 billion into sovereign AI capability over the next four "
        "years, the minister announced.\n\n"
        "A further $50 million goes to training programmes at Australian universities.\n"))
    assert money["$1.2 billion"][:2] == (1.2e9, "AUD")
    assert money["$50 million"][:2] == (5e7, "AUD")


def test_a_bare_dollar_in_an_american_story_is_usd(tmp_path: Path) -> None:
    money = _money_of(tmp_path, (
        "Washington widens its chip subsidies\n\n"
        "The United States will add $6 billion to its grants for chip factories, the "
        "Commerce Department said on Monday.\n"))
    assert money["$6 billion"][:2] == (6e9, "USD")


def test_explicit_dollar_prefixes_win_over_the_story_country(tmp_path: Path) -> None:
    money = _money_of(tmp_path, (
        "Canada and the United States compare their compute budgets\n\n"
        "Canada has budgeted C$2 billion for public computing, while the United States "
        "has set aside US$3 billion for its own programme.\n\n"
        "Observers note that both countries spent $500 million on planning studies.\n"))
    assert money["C$2 billion"][:2] == (2e9, "CAD")
    assert money["US$3 billion"][:2] == (3e9, "USD")
    # A story about two dollar countries: a bare "$" that neither owns is no known dollar,
    # so it never sits beside USD or CAD figures as the same currency.
    assert money["$500 million"][:2] == (5e8, "$")


def test_a_bare_dollar_in_a_story_about_japan_is_usd_by_convention(tmp_path: Path) -> None:
    money = _money_of(tmp_path, (
        "Tokyo tops up its chip foundry subsidies\n\n"
        "Japan will give the foundry another $5 billion, the trade ministry said on "
        "Friday.\n"))
    assert money["$5 billion"][:2] == (5e9, "USD")


def test_a_figure_two_subjects_have_each_belongs_to_both(tmp_path: Path) -> None:
    from briefing.extract.facts import extract_statements
    from briefing.extract.themes import load_taxonomy
    from briefing.ingest.document import read_document

    path = tmp_path / "story.txt"
    path.write_text(
        "Promises and spending on public AI computing\n\n"
        "Mexico and Canada have so far spent about 15 per cent each of what they pledged "
        "for public computing.\n", encoding="utf-8")
    (article,) = read_document(tmp_path, path).articles
    (fact,) = [s for s in extract_statements(article, load_taxonomy()) if s.figures]
    assert fact.countries == ("CA", "MX")
    assert [(f.text, f.country) for f in fact.figures] == [("about 15 per cent", None)]


@pytest.mark.parametrize(
    ("owner", "focus", "currency"),
    [
        ("NZ", ("AU",), "NZD"),  # the owner's own dollar first
        (None, ("SG",), "SGD"),
        ("JP", ("AU",), "AUD"),  # an Australian story converts a Japanese amount
        (None, ("CN", "US"), "USD"),
        ("DE", (), "USD"),
        (None, ("CA", "AU"), "$"),  # two dollar countries: which is not known
        (None, (), "$"),  # a round-up about no country
        (None, ("MX", "TW"), "$"),  # a non-dollar country leads, another's dollar follows
    ],
)
def test_dollar_currency_rule(owner: str | None, focus: tuple[str, ...], currency: str) -> None:
    from briefing.extract.figures import dollar_currency

    assert dollar_currency(owner, focus) == currency
