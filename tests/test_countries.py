"""Country mentions in article text, and country names typed by users."""

from __future__ import annotations

import pycountry
import pytest
import yaml

from briefing.errors import UnknownName
from briefing.extract.countries import (
    country_codes,
    country_name,
    find_countries,
    resolve_country,
    suggest_countries,
)
from briefing.resources import data_dir


def codes(text: str) -> list[str]:
    return [m.code for m in find_countries(text)]


# --------------------------------------------------------------------------- article text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # From the bundled seeds.
        ("Autonomous vehicles and automation is Germanies goal with AI.", ["DE"]),
        (
            "As the competition between the U.S. and China for dominance in artificial "
            "intelligence intensifies, countries worldwide are striving to develop their own AI.",
            ["US", "CN"],
        ),
        ("Google, Microsoft, and OpenAI have stunning AI models in the world.", []),
        (
            "Additionally, Korean conglomerates such as Samsung, Hyundai, and SK are investing.",
            ["KR"],
        ),
        (
            "In the Middle East, Saudi Arabia and the UAE have received approval to purchase "
            "advanced AI chips from the U.S.",
            ["SA", "AE", "US"],
        ),
        ("China leapfrogs US in global market for ‘open’ AI models", ["CN", "US"]),
        ("France and Germany have collaborated to protect European data.", ["FR", "DE", "EU"]),
        ("The U.K. has established a sovereign AI unit to attract investments.", ["GB"]),
        # Other publishers, other countries.
        ("Nvidia’s H20 chips can no longer be shipped to Chinese customers.", ["CN"]),
        ("The European Commission unveiled its AI plan in Brussels on Wednesday.", ["EU", "EU"]),
        ("Emirati officials met their U.K. counterparts in Abu Dhabi.", ["AE", "GB", "AE"]),
        (
            "Japanese and South Korean chipmakers, alongside Taiwan’s TSMC, lead.",
            ["JP", "KR", "TW"],
        ),
        ("The Kremlin said Russian developers would build their own model.", ["RU", "RU"]),
        ("North Korea and the Republic of Korea held talks.", ["KP", "KR"]),
        ("Pyongyang test-fired a missile, Seoul said.", ["KP", "KR"]),
        ("Brazil’s President Lula announced a R$23 billion AI plan in Brasília.", ["BR", "BR"]),
        ("Kenya and Nigeria are drafting national AI strategies.", ["KE", "NG"]),
        ("Türkiye, also written Turkey or TURKEY in headlines, and Turkish drones.", ["TR"] * 4),
        ("The Netherlands’ ASML and Dutch regulators; Holland is informal.", ["NL"] * 3),
        ("Ivory Coast, Côte d’Ivoire and Cote d'Ivoire are one country.", ["CI"] * 3),
        ("Burma, now Myanmar; Czechia, or the Czech Republic.", ["MM", "MM", "CZ", "CZ"]),
        (
            "US-China rivalry and Sino-American ties; anti-American protests.",
            ["US", "CN", "CN", "US", "US"],
        ),
        (
            "Guinea-Bissau, Equatorial Guinea and Papua New Guinea are not Guinea.",
            ["GW", "GQ", "PG", "GN"],
        ),
        (
            "Britons and Germans, Koreans and Israelis, Saudis and Swedes.",
            ["GB", "DE", "KR", "IL", "SA", "SE"],
        ),
    ],
)
def test_find_countries(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please let us know what you think, and tell us more.", []),
        ("ABOUT US | CONTACT US | FOLLOW US", []),
        ("Indiana is not India; Romania is not Oman.", ["US", "IN", "RO", "OM"]),  # a US state
        ("Latin America and South America; North American and Latin American markets.", []),
        ("The Americas, Native American tribes and the Indian Ocean.", []),
        ("A turkey for Thanksgiving; fine china; a chile pepper.", []),
        ("OpenAI, USB drives, EUROPEANA and the USAID budget.", []),
        ("New Mexico, New Jersey and New England are in the US.", ["US", "US", "US"]),
        # (David Cameron, a former British prime minister, names the UK, not Cameroon.)
        ("Columbia University researchers and David Cameron met in Finish talks.", ["GB"]),
        ("Georgia Tech and the University of Georgia publish AI research.", []),
        ("Prices are quoted in US dollars, and US$5 billion was raised in the US.", ["US"]),
    ],
)
def test_no_false_countries(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


def test_mentions_carry_exact_offsets_and_skip_possessives() -> None:
    text = "South Korea’s plan and China's chips; the UK\u2019s unit"
    mentions = find_countries(text)
    assert [(m.code, m.text) for m in mentions] == [
        ("KR", "South Korea"),
        ("CN", "China"),
        ("GB", "UK"),
    ]
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_names_split_by_non_breaking_space_or_line_break() -> None:
    assert codes("South\u00a0Korea and United\nStates") == ["KR", "US"]


def test_abbreviations_are_case_sensitive() -> None:
    assert codes("the uk and the eu and the usa") == []
    assert codes("the UK and the EU and the USA") == ["GB", "EU", "US"]


def test_misspellings_need_a_close_unique_country() -> None:
    assert codes("Isreal and the Phillipines, Bejing and Singapour") == ["IL", "PH", "CN", "SG"]
    # Real words and names near a country name are left alone (Indiana is a US state).
    assert codes("Frances Haugen, Hollande, Delphi and a Samosa; Indiana; Javanese") == ["US"]


# --------------------------------------------------------------------------- user input


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("kr", "KR"),
        ("KOR", "KR"),
        ("south korea", "KR"),
        ("Sout Korea", "KR"),
        ("Korea", "KR"),
        ("UK", "GB"),
        ("U.S.", "US"),
        ("us", "US"),
        ("America", "US"),
        ("Deutschland", "DE"),
        ("germny", "DE"),
        ("Taiwan", "TW"),
        ("Guinea", "GN"),
        ("guinea bisau", "GW"),
        ("eu", "EU"),
        ("European Union", "EU"),
        ("Korea, Republic of", "KR"),
        ("turkey", "TR"),
        ("cote divoire", "CI"),
        ("Phillipines", "PH"),
        ("Columbia", "CO"),
        ("Seoul", "KR"),
        ("no", "NO"),
    ],
)
def test_resolve_country(query: str, code: str) -> None:
    assert resolve_country(query) == code


def test_unknown_country_raises_with_suggestions() -> None:
    with pytest.raises(UnknownName) as caught:
        resolve_country("Austrlia")  # as close to Austria as to Australia
    assert caught.value.kind == "country"
    assert set(caught.value.suggestions[:2]) == {"Australia", "Austria"}
    assert "\n" not in str(caught.value)


def test_ambiguous_country_is_not_guessed() -> None:
    with pytest.raises(UnknownName) as caught:
        resolve_country("Virgin Islands")
    assert {"British Virgin Islands", "U.S. Virgin Islands"} <= set(caught.value.suggestions)


@pytest.mark.parametrize("query", ["xyzzy", "", "qq"])
def test_garbage_country_raises(query: str) -> None:
    with pytest.raises(UnknownName) as caught:
        resolve_country(query)
    assert len(caught.value.suggestions) <= 3


def test_suggest_countries_ranks_prefixes_first() -> None:
    assert suggest_countries("germ")[0][0] == "DE"
    assert suggest_countries("sout kor")[0][0] == "KR"
    assert suggest_countries("ch")[0][0] == "CH"  # the code typed in full
    assert suggest_countries("uni", limit=3) == sorted(
        suggest_countries("uni", limit=3), key=lambda s: -s[1]
    )
    assert len(suggest_countries("", limit=5)) == 5


# --------------------------------------------------------------------------- names and data


def test_country_names_are_common_short_names() -> None:
    assert country_name("KR") == "South Korea"
    assert country_name("kp") == "North Korea"
    assert country_name("US") == "United States"
    assert country_name("GB") == "United Kingdom"
    assert country_name("EU") == "European Union"
    assert country_name("TW") == "Taiwan"
    assert country_name("RU") == "Russia"
    assert country_name("IR") == "Iran"
    assert country_name("VN") == "Vietnam"
    for code in country_codes():
        name = country_name(code)
        assert "," not in name and "(" not in name, (code, name)


def test_unknown_code_raises() -> None:
    with pytest.raises(UnknownName):
        country_name("XX")


def test_country_codes_cover_iso_and_eu() -> None:
    known = country_codes()
    assert known == sorted(known)
    assert "EU" in known
    assert {c.alpha_2 for c in pycountry.countries} <= set(known)


def test_yaml_keys_are_real_codes() -> None:
    # A bare NO in YAML is the boolean false: every key must come through as a real code.
    data = yaml.safe_load((data_dir() / "countries.yaml").read_text(encoding="utf-8"))
    iso = {c.alpha_2 for c in pycountry.countries}
    assert all(
        isinstance(code, str) and (code in iso or code == "EU") for code in data["countries"]
    )


def test_an_alias_typed_in_full_comes_first_in_suggestions():
    assert suggest_countries("uk")[0][0] == "GB"
    assert suggest_countries("america")[0][0] == "US"


# --------------------------------------------------------------------------- languages


@pytest.mark.parametrize(
    "text",
    [
        "The ministry published the strategy in Portuguese.",
        "The chatbot answers in English and Korean, its maker said.",
        "The model works in German, French and Italian.",
        "The report was translated into Japanese by the agency.",
        "Most of its engineers speak Dutch at work.",
        "A Spanish-language model was released on Tuesday.",
        "Start-ups serving Arabic-speaking users raised funds.",
        "The lab hired 40 French speakers.",
        "It trained a Korean language model on public records.",
    ],
)
def test_a_language_name_is_no_country_mention(text: str) -> None:
    assert codes(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Funds flowed in Portuguese start-ups and Spanish banks.", ["PT", "ES"]),
        ("Portuguese firms invested in the plan.", ["PT"]),
        ("Chile trained its model in Spanish and Portuguese.", ["CL"]),
        ("Spanish speakers in Mexico use the app.", ["MX"]),
        ("The Chinese government backs the plan.", ["CN"]),
    ],
)
def test_a_country_adjective_before_a_noun_still_names_the_country(
        text: str, expected: list[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A list that "languages" leads is a list of languages.
        ("The assistant handles 9 languages, including Thai, Japanese and Bahasa Indonesia.",
         []),
        ("It will cover languages such as Korean and Vietnamese next year.", []),
        # A list holding a name only a language has is one too.
        ("The next release adds Khmer, Lao and Burmese.", []),
        ("Call centres will answer in Tagalog, Thai or Malaysian English.", []),
        ("Its tutors speak Mandarin, Cantonese and Japanese.", []),
        # "Bahasa" makes a country's name a language's.
        ("Most users write in Bahasa Indonesia.", []),
        # A list of country adjectives before a noun still names countries.
        ("Thai, Vietnamese and Indonesian regulators met in Hanoi.", ["TH", "VN", "ID", "VN"]),
        # A state's name inside a list is not a language ("Tamil Nadu").
        ("Plants in Tamil Nadu, Japanese suppliers and Korean banks.", ["IN", "JP", "KR"]),
    ],
)
def test_lists_of_languages_name_no_country(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Power in Chile costs about 9 US cents per kilowatt-hour.", ["CL"]),
        ("The grant is worth 40 million Singapore dollars.", []),
        ("Fees are paid in Hong Kong dollars or euro cents.", []),
        ("Prices are quoted in Japanese yen and Swiss francs.", []),
        ("Loans in US-dollar terms rose.", []),
        ("The firm paid 3,000 Korean won per share.", []),
        # Words that are currencies only after an amount.
        ("A Korean won the top prize in Tokyo.", ["KR", "JP"]),
        ("Brazilian real estate drew Canadian funds.", ["BR", "CA"]),
    ],
)
def test_a_currency_named_for_a_country_is_no_mention_of_it(text: str,
                                                            expected: list[str]) -> None:
    assert codes(text) == expected
