"""Who a sentence is about (issue 22, a second user's own articles): a precedent named again
by its seat; a law named by its maker ("the EU Data Act"); counterparts consulted in a city;
partners, licensors and parties named by where they are; a time measured from what another
country did; countries a quotation speaks of; standards of a comparison by a multiple or a
fraction; a list going on with a comparison's figures; a sentence about a group of countries.

Every article here is written for these tests, in other words than the articles that showed
the errors; each rule has a negative case (the same words where the country really is what
the sentence is about).
"""

from __future__ import annotations

import pytest
from articles import find, statements, story

from briefing.extract.discourse import SUBJECT, name_roles


def subjects(sentence: str) -> set[str]:
    return {n.code for n in name_roles(sentence) if n.role == SUBJECT}


PERU = ("Peru drafts rules for artificial intelligence",
        "Peru's digital government office published a draft artificial intelligence law.")
POLAND = ("Poland names its AI supervisor",
          "Poland's cabinet named a new office to supervise artificial intelligence.")
GHANA = ("Ghana expands drone deliveries",
         "Ghana's health ministry will double the number of drone delivery hubs.")
VIETNAM = ("Vietnam's electronics exports grow",
           "Vietnam's electronics factories raised their output again this year.")
JORDAN = ("Jordan opens an AI research centre",
          "Jordan opened a national artificial intelligence research centre in Amman.")
ESTONIA = ("Estonia marks 25 years of digital tax returns",
           "Estonia's tax board said almost every return is now filed online.")
FRANCE = ("France sets out its AI plan",
          "France's government set out a national plan for artificial intelligence.")
KENYA = ("Kenya budgets for public compute",
         "Kenya's treasury set aside money for a public computing centre.")
ECUADOR = ("Ecuador's AI research budget",
           "Ecuador's science ministry published its research budget for the year.")
SERBIA = ("Serbia funds AI research",
          "Serbia's government approved a research fund for artificial intelligence.")
SPAIN = ("Spain's AI start-up count",
         "Spain's start-up association published its yearly count of AI companies.")


# 1. A precedent and its seat, a law's maker, counterparts consulted in a city.

def test_a_precedent_named_again_by_its_seat_stays_a_mention():
    sentence = ("Peru's data protection bill is modelled on the European Union's rules, "
                "although it softens the Brussels regime's fines for start-ups.")
    assert subjects(sentence) == {"PE"}


def test_a_country_named_again_keeps_a_partys_role_but_not_when_it_opens_a_clause():
    assert subjects("Ghana signed an accord with Rwanda to copy Rwanda's drone delivery "
                    "system.") == {"GH"}
    # Negative: a clause of its own, opened by the country.
    assert "RW" in subjects("Ghana signed an accord with Rwanda in March, and Rwanda's "
                            "cabinet approved it on Friday.")


def test_counterparts_consulted_in_a_city_are_no_subjects(tmp_path):
    st = story(tmp_path, *PERU, "The ministry said its lawyers had consulted officials in "
               "Brussels and Lisbon while writing the draft, which follows the model of the "
               "European Union.")
    assert st.countries == ("PE",)
    assert {"EU", "PT"} <= set(st.mentions)
    # Negative: a counterpart is still a subject when the story is about its country.
    st = story(tmp_path, "Portugal drafts AI rules",
               "Portugal's digital ministry published a draft artificial intelligence law.",
               "Its lawyers consulted officials in Lisbon and Madrid while writing the draft.")
    assert st.countries == ("PT",)
    assert st.mentions == ("ES",)


def test_a_law_named_by_its_maker_is_a_mention_unless_it_opens_the_sentence(tmp_path):
    st = story(tmp_path, *POLAND, "The new office will enforce the EU Cyber Resilience Act in "
               "Poland from next year, the digital ministry said.")
    assert st.countries == ("PL",)
    assert st.mentions == ("EU",)
    # Negative: the law opening the sentence is what it is about.
    assert subjects("The EU Cyber Resilience Act applies to connected devices from "
                    "September.") == {"EU"}


# 2. Partners, licensors, yardsticks in time, countries a quotation speaks of.

def test_partners_and_licensors_named_by_where_they_are(tmp_path):
    st = story(tmp_path, *VIETNAM, "Vietnamese plants will ship camera modules to partners "
               "in Japan and Germany, using designs licensed from Arm of the United Kingdom.")
    assert st.countries == ("VN",)
    assert set(st.mentions) == {"DE", "GB", "JP"}
    st = story(tmp_path, *JORDAN, "The centre has set up research partnerships with "
               "laboratories in France and Canada.")
    assert st.countries == ("JO",)
    # Negative: universities in a country opening the sentence act.
    assert subjects("Universities in France and Canada opened new AI institutes.") == {
        "FR", "CA"}


def test_a_time_measured_from_another_countrys_step_is_a_mention(tmp_path):
    st = story(tmp_path, *ESTONIA, "The board put tax returns online in 2000, nine years "
               "before Finland launched a comparable service.")
    assert st.countries == ("EE",)
    assert st.mentions == ("FI",)
    # Negative: "before" with no time span is no yardstick.
    assert "FI" in subjects("Before Finland launched its service, Estonia had already "
                            "moved every return online.")


def test_countries_a_quotation_speaks_of_are_no_subjects(tmp_path):
    st = story(tmp_path, *FRANCE, 'The president said France "will not hand its future to '
               'Silicon Valley or to the United States and China".')
    assert st.countries == ("FR",)
    assert set(st.mentions) == {"CN", "US"}
    # Negatives: a quotation's own subject, and a possessive inside it, stay.
    assert subjects('"The United States is ahead of everyone on chips," the minister '
                    'said.') == {"US"}
    assert "GB" in subjects('He said "we only sign deals that serve Britain\'s interests".')


# 3. Standards of a comparison by a multiple or a fraction.

@pytest.mark.parametrize(("title", "sentence", "countries", "compared"), [
    (KENYA, "The treasury will spend KSh 5 billion on the centre, about three times what "
            "Uganda has set aside.", ("KE", "UG"), ("UG",)),
    (ECUADOR, "Its spending on artificial intelligence research is a fraction of Peru's.",
     ("EC", "PE"), ("PE",)),
    (SERBIA, "The fund holds €20 million, about a tenth of what Hungary has committed.",
     ("HU", "RS"), ("HU",)),
    # A fraction with no article, or written with a hyphen.
    (ECUADOR, "Its public spending on AI research is about half of Peru's.",
     ("EC", "PE"), ("PE",)),
    (SERBIA, "Serbia's compute budget is roughly one-fifth of Hungary's, officials said.",
     ("HU", "RS"), ("HU",)),
])
def test_a_multiple_or_a_fraction_of_what_another_has_is_its_standard(
        tmp_path, title, sentence, countries, compared):
    st = story(tmp_path, *title, sentence)
    assert st.countries == countries
    assert st.compared == compared


def test_a_country_whose_quantity_is_only_a_multiple_of_anothers_is_compared(tmp_path):
    st = story(tmp_path, "Bolivia trains data scientists",
               "Bolivia's education ministry expanded its data science courses.",
               "Bolivia has about 900 trained data scientists, while Chile has nearly ten "
               "times more.")
    assert st.countries == ("BO", "CL")
    assert st.compared == ("CL",)
    # Negative: the multiple with its noun said is a statement about Chile of its own.
    st = story(tmp_path, "Bolivia trains data scientists",
               "Bolivia's education ministry expanded its data science courses.",
               "Chile has nearly ten times more data scientists than Bolivia, officials said.")
    assert "CL" in st.countries
    assert st.compared == ()


def test_a_fraction_of_the_storys_own_country_is_no_comparison(tmp_path):
    st = story(tmp_path, "Peru's graduates turn to computing",
               "Peru's universities report a shift in what students choose.",
               "A third of Peru's graduates now study computing or engineering.")
    assert st.countries == ("PE",)
    assert st.compared == ()


# 4. A list going on with the figures of a comparison.

def test_a_list_going_on_with_figures_shares_the_comparators_role(tmp_path):
    st = story(tmp_path, *SPAIN, "Spain has 210 AI start-ups with venture funding, behind "
               "Italy with 260 and the Netherlands with 300.")
    assert st.countries == ("ES", "IT", "NL")
    assert st.compared == ("IT", "NL")
    assert {f.text: f.country for f in st.figures if f.kind != "year"}["300"] == "NL"
    # Negative: two countries each with a figure of its own, no comparison.
    st = story(tmp_path, *SPAIN, "Spain has 210 AI start-ups with venture funding, and "
               "Italy has 260.")
    assert "IT" not in st.compared


# 5. A sentence about a group of countries.

GULF = """Saudi Arabia and Oman raise AI budgets

Saudi Arabia and Oman raised their budgets for artificial intelligence this year.

{sentence}
"""


@pytest.mark.parametrize("sentence", [
    "The GCC states will still rely on imported chips for years, analysts said.",
    "The six Gulf states spent about $8 billion on data centres last year.",
    "ASEAN members agreed a shared code of conduct for AI on Tuesday.",
])
def test_a_sentence_about_a_named_group_takes_no_antecedent(tmp_path, sentence):
    st = find(statements(tmp_path, GULF.format(sentence=sentence)), sentence[:30])
    assert st.countries == ()


def test_a_word_for_the_two_countries_still_takes_them(tmp_path):
    sentence = "The two countries will still rely on imported chips for years."
    st = find(statements(tmp_path, GULF.format(sentence=sentence)), sentence[:30])
    assert st.countries == ("OM", "SA")
