"""Figures read from the second new user's trial shapes (issue 22), in our own words:

- a share "of <country>'s <thing>" after the clause's own subject is that subject's; the
  possessor is the yardstick ("Ghana has about 15% of Nigeria's ...");
- currency prefixes of African and Middle Eastern news ("KSh", "GH₵", "E£", "N5 billion");
- a currency name several countries share ("pesos", "shillings", "dinars") is the currency
  of the figure's owner or of the story's country when it uses it, else money not placed;
  never a count of "pesos".
"""

from __future__ import annotations

import pytest
from articles import owners, statement

from briefing.extract.facts import Statement
from briefing.extract.figures import find_figures

# ------------------------------------------------------------------ a share of another's


@pytest.mark.parametrize(
    ("title", "sentence", "figures"),
    [
        ("Ghana's solar build-out",
         "Solar farms are spreading quickly, and Ghana now has about 15% of Nigeria's "
         "installed solar capacity.",
         {"about 15%": "GH"}),
        ("Vietnam's chip workforce",
         "Vietnam employs roughly 8% of South Korea's chip engineers, the report found.",
         {"roughly 8%": "VN"}),
    ])
def test_a_share_of_another_countrys_thing_is_the_subjects(tmp_path, title, sentence,
                                                           figures):
    st = statement(tmp_path, title, sentence)
    assert owners(st) == figures


@pytest.mark.parametrize(
    ("title", "sentence", "figures"),
    [
        # No other subject before the share: the possessor's own share.
        ("Kenya's research budget",
         "About 30% of Kenya's research budget now goes to universities.",
         {"About 30%": "KE"}),
        # "of" without a possessive: the country after the figure owns it.
        ("Chile's lithium",
         "Argentina said its exports grew, while the 25% of Chile went mostly to Asia.",
         {"25%": "CL"}),
    ])
def test_a_share_of_a_countrys_own_thing_stays_its_own(tmp_path, title, sentence, figures):
    st = statement(tmp_path, title, sentence)
    assert owners(st) == figures


# ------------------------------------------------------------------ currency prefixes


@pytest.mark.parametrize(
    ("text", "figure", "unit", "value"),
    [
        ("The county will borrow KSh 4.5 billion for fibre.", "KSh 4.5 billion", "KES", 4.5e9),
        ("A grant of Ksh300 million was approved.", "Ksh300 million", "KES", 3e8),
        ("Accra set aside GH₵1.8 billion for the hub.", "GH₵1.8 billion", "GHS", 1.8e9),
        ("Cairo's plan costs E£2 billion.", "E£2 billion", "EGP", 2e9),
        ("Abuja approved N7.5 billion for the centre.", "N7.5 billion", "NGN", 7.5e9),
        ("The state gave N800m to start-ups.", "N800m", "NGN", 8e8),
    ])
def test_currency_prefixes_of_african_news(text, figure, unit, value):
    found = [(f.text, f.kind, f.unit, f.value) for f in find_figures(text)]
    assert found == [(figure, "money", unit, value)]


@pytest.mark.parametrize("text", [
    "Nurses asked for more N95 masks.",       # a mask, not naira
    "Drivers avoid Route N7 at night.",       # a road
    "The KSh weakened against the dollar.",   # no amount
])
def test_letters_before_a_number_without_a_scale_are_no_currency(text):
    assert [f for f in find_figures(text) if f.kind == "money"] == []


# ------------------------------------------------------------------ shared currency names


def money(st: Statement) -> list[tuple[str, str, str | None, str | None]]:
    return [(f.text, f.kind, f.unit, f.country) for f in st.figures if f.kind != "year"]


def test_pesos_in_a_story_about_argentina_are_argentine(tmp_path):
    st = statement(tmp_path, "Argentina funds AI labs",
                   "Argentina has set aside 900 million pesos for public AI laboratories.")
    assert money(st) == [("900 million pesos", "money", "ARS", "AR")]


def test_pesos_of_another_country_take_the_owners_currency(tmp_path):
    st = statement(tmp_path, "Brazil's AI plan",
                   "Brazil confirmed R$10 billion for its AI plan, compared with the 700 "
                   "million pesos that Mexico has budgeted.")
    assert money(st) == [("R$10 billion", "money", "BRL", "BR"),
                         ("700 million pesos", "money", "MXN", "MX")]


def test_shillings_of_a_country_not_using_them_stay_unplaced_money(tmp_path):
    # Nigeria pays no shillings: money whose currency the sentence does not say, not a count.
    st = statement(tmp_path, "Nigeria's regional fund",
                   "Nigeria joined a regional fund worth 600 million shillings.")
    assert money(st) == [("600 million shillings", "money", "shillings", "NG")]
    assert all(f.kind != "count" for f in st.figures)


# ------------------------------------------------------------------ counts and areas


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A number a change of "the number of <noun>" takes it to counts that noun.
        ("The grant took the number of shared graphics processing units open to "
         "universities to 12,000.", [("12,000", "count", "graphics processing units")]),
        ("Last year's budget, Rs 900 crore, is taking the number of district data labs to "
         "250.", [("Rs 900 crore", "money", "INR"), ("250", "count", "labs")]),
        # A goal as a bare number, what it counts said before.
        ("Thailand aims to certify 20,000 cloud engineers, against the Philippines' goal of "
         "35,000.", [("20,000 cloud engineers", "count", "cloud engineers"),
                     ("35,000", "count", "cloud engineers")]),
        # Land, in hectares whatever it is written in.
        ("The province offered 60 hectares of land beside the port.",
         [("60 hectares", "area", "ha")]),
        ("Plans show a 250-acre campus.", [("250-acre", "area", "ha")]),
        ("The zone covers 3 square kilometres.", [("3 square kilometres", "area", "ha")]),
    ])
def test_counts_by_their_target_and_areas(text, expected):
    assert [(f.text, f.kind, f.unit) for f in find_figures(text)
            if f.kind != "year"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "of" after anything but a goal reads no bare number.
        ("Kenya is one of 12 countries with 40 start-ups and a score of 7.",
         [("12 countries", "count", "countries"), ("40 start-ups", "count", "start-ups")]),
        # "to" without a change of "the number of": no count.
        ("The agency hired 40 engineers and moved its office to 11 Downing Road.",
         [("40 engineers", "count", "engineers")]),
        # "ha" alone is no unit; floor space is no land.
        ("Phase 5 ha begun.", []),
    ])
def test_no_count_or_area_without_its_shape(text, expected):
    assert [(f.text, f.kind, f.unit) for f in find_figures(text)
            if f.kind != "year"] == expected


def test_an_area_is_shown_in_hectares(tmp_path):
    st = statement(tmp_path, "Lagos data centres",
                   "Lagos has set aside 500 acres of land for a data centre cluster.")
    (area,) = [f for f in st.figures if f.kind == "area"]
    assert (area.unit, round(area.value, 2), area.country) == ("ha", 202.34, "NG")
