"""Places inside countries and governments named by their seat or leader (issue 22, kinds 3
and 4): a state, province or city stands for its country, with the role the country's name
would get; a name two places share is read with the rest of the article; a place name that
is also a person's name, or that sits inside a longer name, is no country.

Every article here is written for these tests.
"""

from __future__ import annotations

import pytest
import yaml
from articles import find, statements

from briefing.extract.countries import article_places, country_codes, find_countries
from briefing.extract.facts import Statement
from briefing.resources import data_dir


def owners(st: Statement) -> dict[str, str | None]:
    return {f.text: f.country for f in st.figures}


def codes(text: str) -> list[str]:
    return [m.code for m in find_countries(text, article_places(text))]


# --------------------------------------------------------------------------- the matcher


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # First-level subdivisions of large countries, and major cities.
        ("Texas and Ontario court data centres.", ["US", "CA"]),
        ("Plants in Bavaria, Tamil Nadu and Guangdong.", ["DE", "IN", "CN"]),
        ("Queensland, Hokkaido and Gauteng expand their grids.", ["AU", "JP", "ZA"]),
        ("A campus in Chennai and a lab in Lagos.", ["IN", "NG"]),
        ("Talks in Paris on Monday; a lab in Oxford; Guizhou Province.", ["FR", "GB", "CN"]),
        # A longer name wins over the country inside it.
        ("A county in New Mexico, and a port in Papua New Guinea.", ["US", "PG"]),
        ("Equatorial Guinea and West Virginia.", ["GQ", "US"]),
        # Seats of government and leaders.
        ("The Kremlin and the Knesset replied.", ["RU", "IL"]),
        ("The Biden administration and the Modi government agreed.", ["US", "IN"]),
        ("President Macron met Xi Jinping.", ["FR", "CN"]),
    ],
)
def test_places_seats_and_leaders_name_their_country(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # People who share a place's or a leader's name.
        "Queen Victoria opened the exhibition.",
        "Victoria Beckham designed the dress.",
        "George Washington crossed the river.",
        "Trump Tower sold a floor to a fund.",
        "A colleague called Lee wrote the code; the Lee family agreed.",
        "Modi and Xi spoke briefly.",
        # Common words and names that GeoNames has as cities.
        "Reading the report, a Nice idea, a Split decision, a Mobile app.",
        # A shared name with nothing in the text to say which place it is.
        "Punjab and Victoria were mentioned.",
        # Cities opening the names of firms, papers and treaties.
        "Boston Consulting Group and Oxford Insights ranked the plans.",
        "Signatories of the Paris Agreement joined the Hiroshima AI Process.",
    ],
)
def test_people_and_words_are_no_place(text):
    assert codes(text) == []


def test_a_leader_after_his_own_country_is_one_reference():
    text = "U.S. President Donald Trump and India's Narendra Modi met Kenyan President William Ruto."
    assert [(m.code, m.text) for m in find_countries(text)] == [
        ("US", "U.S."), ("IN", "India"), ("KE", "Kenyan")]


def test_mentions_say_whether_a_place_named_the_country():
    marks = [(m.code, m.text, m.place) for m in find_countries("Canada and Alberta.")]
    assert marks == [("CA", "Canada", False), ("CA", "Alberta", True)]


# --------------------------------------------------------------------------- through the extractor


GEORGIA_STATE = (
    "Georgia's data centre tax break cost $310 million last year\n\n"
    "Georgia gave up $310 million in sales tax last year to attract data centres, state "
    "auditors said on Tuesday.\n\n"
    "Gov. Marian Holt vetoed a bill that would have paused the exemption, and a new plant "
    "near Atlanta will draw 600 megawatts.\n\n"
    "About 45% of the state's new electricity demand comes from data centres.\n"
)

GEORGIA_COUNTRY = (
    "Georgia sets up an AI office\n\n"
    "Georgia will spend $13 million on an AI office in Tbilisi, the economy ministry "
    "said.\n\n"
    "The office will train 2,000 civil servants by 2027.\n"
)


def test_georgia_the_us_state_in_an_article_about_atlanta_is_the_us(tmp_path):
    found = statements(tmp_path, GEORGIA_STATE)
    gave = find(found, "Georgia gave up")
    assert gave.countries == ("US",) and "GE" not in gave.mentions
    assert owners(gave) == {"$310 million": "US"}
    share = find(found, "About 45%")
    assert share.countries == ("US",)
    assert all("GE" not in s.countries + s.mentions for s in found)


def test_georgia_the_country_in_an_article_about_tbilisi_stays_georgia(tmp_path):
    found = statements(tmp_path, GEORGIA_COUNTRY)
    spend = find(found, "Georgia will spend")
    assert spend.countries == ("GE",)
    assert owners(spend)["$13 million"] == "GE"
    assert all(s.countries == ("GE",) and "US" not in s.mentions for s in found)


def test_victoria_the_state_is_australia_with_sydney_nearby(tmp_path):
    found = statements(tmp_path, (
        "Victoria wants more data centres\n\n"
        "Victoria will offer A$90 million to data centre builders, the state's Premier said, "
        "as operators crowd into Sydney instead.\n\n"
        "The state hosts 35 facilities today.\n"))
    offer = find(found, "Victoria will offer")
    assert offer.countries == ("AU",)
    assert owners(offer) == {"A$90 million": "AU"}
    assert find(found, "The state hosts").countries == ("AU",)


def test_victoria_a_person_is_no_country(tmp_path):
    found = statements(tmp_path, (
        "Chile's AI plan gets a new director\n\n"
        "Chile named Victoria Salas to run its national AI plan, which has a budget of "
        "$50 million.\n"))
    named = find(found, "Chile named")
    assert named.countries == ("CL",) and "AU" not in named.mentions
    assert owners(named) == {"$50 million": "CL"}


def test_a_state_makes_its_country_the_subject_and_a_foreign_city_a_mention(tmp_path):
    found = statements(tmp_path, (
        "Texas approves a chip plant\n\n"
        "Texas approved a $4 billion chip plant that will use tools from Bavaria.\n"))
    (plant,) = found
    assert plant.countries == ("US",)
    assert plant.mentions == ("DE",)
    assert owners(plant) == {"$4 billion": "US"}


def test_new_mexico_is_not_mexico(tmp_path):
    found = statements(tmp_path, (
        "A county in New Mexico, United States, approved a $165 billion data centre campus "
        "on Monday.\n"))
    (campus,) = found
    assert campus.countries == ("US",) and "MX" not in campus.mentions
    assert owners(campus) == {"$165 billion": "US"}


def test_papua_new_guinea_is_not_guinea(tmp_path):
    (st,) = statements(tmp_path, "Papua New Guinea set aside 20 million kina for rural "
                                 "broadband this year.\n")
    assert st.countries == ("PG",) and "GN" not in st.mentions


def test_a_government_named_by_its_seat_or_leader_is_the_subject(tmp_path):
    found = statements(tmp_path, (
        "Chip rules tightened\n\n"
        "The Biden administration's rule caps exports of AI chips at 50,000 units per "
        "country.\n\n"
        "The Kremlin said it would spend 10 billion roubles on domestic chips.\n"))
    rule = find(found, "The Biden administration")
    assert rule.countries == ("US",)
    kremlin = find(found, "The Kremlin said")
    assert kremlin.countries == ("RU",)
    assert owners(kremlin) == {"10 billion roubles": "RU"}


def test_a_capital_as_an_actor_names_its_country(tmp_path):
    (st,) = statements(tmp_path, "Beijing has ordered state firms to buy 30% of their AI "
                                 "chips at home by 2027.\n")
    assert st.countries == ("CN",)
    assert owners(st)["30%"] == "CN"


def test_a_leader_named_in_passing_is_a_mention(tmp_path):
    found = statements(tmp_path, (
        "Qatar gets its chips\n\n"
        "Qatar received a licence to import 20,000 AI chips after talks with the Biden "
        "administration.\n\n"
        "The first shipment arrived following President Joe Biden's visit to the region.\n"))
    licence = find(found, "Qatar received")
    assert licence.countries == ("QA",) and licence.mentions == ("US",)
    assert owners(licence)["20,000 AI chips"] == "QA"
    shipment = find(found, "The first shipment")
    assert shipment.countries == ("QA",) and shipment.mentions == ("US",)


def test_every_code_in_the_place_tables_is_a_country_code() -> None:
    """YAML reads a bare `NO` (Norway) as false: a key of the wrong type made the compiled
    matcher raise and the interpreted one credit "Oslo" to `False`."""
    known = set(country_codes())
    # Each file's tables by name: one renamed must fail here, not leave a loop with nothing.
    keyed = {"places.yaml": ("places", "cues", "ambiguous"),
             "governments.yaml": ("seats", "leaders")}
    for name, sections in keyed.items():
        tables = yaml.safe_load((data_dir() / name).read_text(encoding="utf-8"))
        for section in sections:
            assert tables[section], (name, section)
            if section == "ambiguous":  # a name -> the countries it may stand for
                for readings in tables[section].values():
                    assert all(r is None or (isinstance(r, str) and r in known)
                               for r in readings), readings
                continue
            for code in tables[section]:
                assert isinstance(code, str) and code in known, (name, section, code)
