"""Find the figures a sentence states: percentages, money, physical quantities, counts of
things, and years.

One compiled pattern finds each number (with a currency prefix and a range partner, if any);
the words after it decide what it is, in this order:

- `percent`: `36%`, `44 %`, `3.5 percent`, `12 per cent`, `5pc`; unit `%`, or `pp` for
  percentage points.
- `money`: a currency symbol or code before (`$`, `US$`, `HK$`, `€`, `₩`, `Rs`, `RMB`, `USD`,
  and `R` for rand when a scale follows: `R5.4 billion`) or a currency word or code after
  (`yuan`, `won`, `rupees`, `dollars`, `kronor`, `EUR`; `kroner` is DKK or NOK by its adjective
  or the one of Denmark and Norway the sentence names), with a scale
  (`thousand`/`k`, `million`/`mn`/`m`, `billion`/`bn`/`b`, `trillion`/`tn`, `crore` 1e7,
  `lakh` 1e5, `lakh crore` 1e12; also hyphenated: `a $300-million fund`, `€2-billion`, `a
  300-million-dollar plan`); an amount in crores or lakhs that counts nothing is rupees though
  Indian news leaves the rupee out (`a 10,000-crore AI mission`). Unit is the ISO 4217
  code; `¥` is JPY unless the sentence speaks of yuan/RMB/CNY/renminbi. A bare `$` (or
  `dollars`) is `$`, a dollar the sentence alone does not place: `dollar_currency` tells which
  from whom the figure and its article are about (Canadian news writes its own dollars as
  `$`), while `US$`, `C$`, `A$`, `CAD` and `Canadian dollars` say it themselves.
- `power`, `energy`, `data`, `compute`: a number and a unit of power (`1.9 gigawatts`, `a
  5-gigawatt campus`, `620MW`), energy (`89 terawatt-hours`, `40 TWh`), data (`40 petabytes`,
  `2 EB`) or computing speed (`2 exaflops`, `90 PFLOPS`); value in the kind's base unit
  (`W`, `Wh`, `B`, `FLOPS`: 1.9e9 W), so figures compare like with like.
- `year`: a four-digit 1900-2100 number with nothing of the above (`by 2030`, `2017:`,
  `July 2024`, `between 2014 and 2023` gives two); not `2,030`, not in `GPT-4`.
- `count`: a number (with an optional scale word) and the compound noun it counts, adjectives
  kept in `text` but out of `unit` (`260,000 advanced GPUs` → unit `GPUs`, `two national data
  centres` → `data centres`, `18,693 graphics processing units` → `graphics processing
  units`; a brand or model before it qualifies it too: `6,128 Nvidia H200 graphics
  processing units` → `graphics processing units`), also after whose they are (`500,000 of
  Nvidia's most advanced AI chips` → `AI chips`); a small count of a generic noun (`three
  countries`) or of a method's parts (`three indicators`) and a vague quantity (`a dozen
  firms`) are bare counts (`is_bare_count`), no key figure; or a bare number
  after "the number of <noun> ... reached/exceeded/stood at" (unit that noun), or the
  target a change sets for it ("double the number of AI practitioners to 15,000"). A
  superlative after a number ranks, it does not count (`its two largest chipmakers`). Durations and
  measures (`10 years`, `6 times`, `5 km`) are not counts; a year-shaped number is a count
  only after a quantity word (`nearly 2000 engineers`). A rate's unit says what it is per
  (`151 robots per 10,000 workers`); a decimal counts only as a rate or an average (`6.26
  citations per patent`, `1.90 average citations`, `a citation rate of 6.12`), so versions
  (`Qwen 2.5 models`) and index scores stay out. A bare number is a figure of the kind and
  unit of the one before it in a joined clause (`40 models, China produced 15`; a decimal
  only after a rate: `compared to South Korea's 3.12`), of the one after it across "vs"
  (`13.18 vs 1.90 average citations`), and of the count of the sentence before when it
  repeats its shape (`Texas has 157 data centers under construction. Virginia has 141 under
  construction.`).

Ranges: `30-40%`, `$5-6 billion`, `$5 to $6 billion`, `between 30 and 40 percent` are one
figure whose `text` is the whole range and whose `value` is the lower bound; `from 20 to 30
percent` is a change, so it gives two figures that share the unit. Numbers glued to letters
(`GPT-4`, `A100`, `M6`, `5G`, `1st`), fractions (`1/3`), times (`9:30`), European decimals
(`6,8`) and bare numbers are not figures. Number words count things or are money when a noun
or currency follows (`nine companies`, `two dozen firms`, `two billion euros`), or are a
percent (`Seventy percent of ...`), unless a determiner points back (`the two countries`) or
they make a share (`seven in ten adults`); a fraction written out before "of" is a percent
(`Two-thirds of states`, `one-quarter that of ...`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from briefing.extract import cues
from briefing.extract.countries import country_of_word, find_countries
from briefing.model import Figure
from briefing.text import plain, word_set

# --------------------------------------------------------------------------- currencies

#: The unit of an amount in a bare "$" or "dollars": a dollar of a country the sentence does
#: not say (see `dollar_currency`). Never compared with USD: a measure label carries it.
UNSPECIFIED_DOLLAR = "$"

_SYMBOL_CURRENCY = {
    "$": UNSPECIFIED_DOLLAR, "US$": "USD", "U.S.$": "USD", "S$": "SGD", "C$": "CAD", "CA$": "CAD",
    "A$": "AUD", "AU$": "AUD", "HK$": "HKD", "NT$": "TWD", "NZ$": "NZD", "R$": "BRL",
    "MX$": "MXN", "€": "EUR", "£": "GBP", "¥": "JPY", "JP¥": "JPY", "CN¥": "CNY",
    "RMB¥": "CNY", "₩": "KRW", "₹": "INR", "₽": "RUB", "₺": "TRY", "₪": "ILS", "₫": "VND",
    "₱": "PHP", "฿": "THB", "₦": "NGN",
    # West African and Egyptian news: "GH₵2.5 billion" (Ghana's cedi, also "₵"), "E£1.2
    # billion" (the Egyptian pound).
    "GH₵": "GHS", "₵": "GHS", "E£": "EGP",
}  # fmt: skip
# Codes written before or after the number. SAR and PHP are left out: "Hong Kong SAR 2024",
# "PHP 8" are far more common in news than the currencies.
_CODES = sorted(
    word_set(
        "USD EUR GBP JPY CNY KRW INR SGD CAD AUD HKD TWD NZD BRL CHF SEK NOK DKK AED ZAR MXN "
        "RUB IDR MYR THB VND ILS NGN EGP PKR QAR KWD TRY"
    )
)
# East African news write the Kenyan shilling "KSh 12 billion", "Ksh500 million", "Kshs 2bn".
_CODE_ALIASES = {"RMB": "CNY", "NTD": "TWD", "Rs": "INR", "Rs.": "INR", "Rp": "IDR",
                 "Rp.": "IDR", "RM": "MYR", "KSh": "KES", "Ksh": "KES", "Kshs": "KES",
                 "KShs": "KES"}  # fmt: skip
# Any other ISO 4217 code (pycountry ships the list) is read before an amount only with a
# scale word, the way news write the currencies of smaller economies: "a COP 479 billion
# investment" (Colombian pesos), "KES 3.2 billion", "PLN 5 billion". A code that is also an
# acronym then stands before no such amount: "COP 29" (the climate conference), "PHP 8".
# Left out: codes that are words or names in capitals ("ALL", "TOP", "CUP", "AMD" the
# chipmaker, "SAR" as in "Hong Kong SAR"), and fund, metal and test codes. Israeli news write
# the shekel as "NIS 120 million".
_SCALED_CODE_ALIASES = {"NIS": "ILS"}
_NOT_SCALED_CODES = word_set(
    "ALL TOP CUP AMD SAR XXX XTS BOV CHE CHW CLF COU MXV USN UYI UYW XSU XUA XBA XBB XBC XBD "
    "XAG XAU XPD XPT"
)
_WORD_CURRENCY = {
    "dollar": UNSPECIFIED_DOLLAR, "euro": "EUR", "pound": "GBP", "sterling": "GBP", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "won": "KRW", "rupee": "INR",
    "riyal": "SAR", "dirham": "AED", "ringgit": "MYR", "baht": "THB", "rupiah": "IDR",
    "franc": "CHF", "ruble": "RUB", "rouble": "RUB", "lira": "TRY", "shekel": "ILS",
    "naira": "NGN", "rand": "ZAR", "reais": "BRL", "dong": "VND",
    "krona": "SEK", "kronor": "SEK",
}  # fmt: skip
# Currency names of other economies, from ISO 4217 (the names pycountry ships), read after
# an amount: "12 million lari" (Georgia), "40 billion drams", "500 billion tenge", "3
# billion zlotys"; a name several currencies share is read only in full ("Kenyan
# shillings", "Mexican pesos"). Left out: names that are common words or people
# (`_NOT_CURRENCY_NAMES`: "real", "mark", "sol", "sum", "gold", "Leone", "Afghani"), and
# funds, metals and test codes (`_FUND_CODES`, the X- codes).
_NOT_CURRENCY_NAMES = word_set(
    "real mark sol colon gold silver platinum palladium unit sucre leone afghani sum oro "
    "previsional soberano mvdol"
)
# Codes of funds and units of account, not currencies anyone is paid in (the supranational
# X- codes aside).
_FUND_CODES = word_set("BOV CHE CHW CLF COU MXV USN UYI UYW")
_CURRENCY_NAME_AFTER = re.compile(r"[ \u00a0\u202f]([A-Za-z][a-z]+)(?:[ \u00a0\u202f]([a-z]+))?")
# Danish and Norwegian crowns share a name: the adjective or the sentence's country tells.
_CROWN_ADJECTIVE = {"danish": "DKK", "norwegian": "NOK", "swedish": "SEK"}
_CROWNS = frozenset({"krone", "kroner"})
_CROWN_OF_COUNTRY = {"DK": "DKK", "NO": "NOK"}
_DOLLAR_ADJECTIVE = {
    "us": "USD", "u.s.": "USD", "american": "USD", "singapore": "SGD", "canadian": "CAD",
    "australian": "AUD", "hong kong": "HKD", "new taiwan": "TWD", "taiwan": "TWD",
    "taiwanese": "TWD", "new zealand": "NZD",
}  # fmt: skip
# Countries whose currency is a dollar, which their own press and governments write as a bare
# "$": "$2.4 billion" in a Canadian story is Canadian dollars, in an Australian white paper
# Australian dollars.
_DOLLAR_OF_COUNTRY = {"US": "USD", "CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD",
                      "HK": "HKD", "TW": "TWD"}  # fmt: skip
# Currency names several countries share, read after an amount ("1.2 billion pesos", "40
# million shillings", "300 million dinars"): money whose unit is the name (plural) until
# `shared_currency` places it, with the currency of the figure's owner or the article's
# country when that country uses it; never a count of "pesos". Name -> country -> ISO code.
SHARED_CURRENCIES = {
    "pesos": {"AR": "ARS", "MX": "MXN", "CL": "CLP", "CO": "COP", "PH": "PHP", "UY": "UYU",
              "DO": "DOP", "CU": "CUP"},
    "shillings": {"KE": "KES", "UG": "UGX", "TZ": "TZS", "SO": "SOS"},
    "dinars": {"IQ": "IQD", "KW": "KWD", "BH": "BHD", "JO": "JOD", "LY": "LYD", "TN": "TND",
               "DZ": "DZD", "RS": "RSD"},
}  # fmt: skip
_SHARED_NAME_AFTER = re.compile(r"[ \u00a0\u202f](pesos?|shillings?|dinars?)\b", re.IGNORECASE)
# Currency words that are also common English words: money only when clearly an amount.
_AMBIGUOUS_WORDS = frozenset({"won", "pound", "rand", "dong"})

#: Scale words and their values ("million", "bn", "crore"): a count's text carries them with
#: its number (`extract.measures` leaves them out of what the count counts).
SCALES = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6,
    "b": 1e9, "bn": 1e9, "bln": 1e9, "billion": 1e9, "tn": 1e12, "trn": 1e12,
    "trillion": 1e12, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}  # fmt: skip

# --------------------------------------------------------------------------- patterns

_NUM = (
    r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}|[0-9]+(?:\.[0-9]+)?"
)
_SYMBOLS = "|".join(re.escape(s) for s in sorted(_SYMBOL_CURRENCY, key=len, reverse=True))
_PREFIX_CODES = "|".join(
    re.escape(c) for c in sorted([*_CODES, *_CODE_ALIASES], key=len, reverse=True)
)
_SP = "[ \u00a0\u202f]"

# Physical quantities AI infrastructure news states, each kind in one base unit so that
# figures compare like with like whatever prefix they are written with: power ("1.9
# gigawatts of data centre capacity", "a 5-gigawatt campus", "620MW", "100 kW racks"),
# energy ("89 terawatt-hours of electricity", "40 TWh"), data ("a capacity of 40 petabytes",
# "2 EB") and computing speed ("2 exaflops", "90 PFLOPS"). Kind -> base unit.
PHYSICAL_UNITS = {"power": "W", "energy": "Wh", "data": "B", "compute": "FLOPS"}
_PREFIX_FACTOR = {
    "": 1.0, "kilo": 1e3, "mega": 1e6, "giga": 1e9, "tera": 1e12, "peta": 1e15, "exa": 1e18,
    "zetta": 1e21,
}  # fmt: skip
_LETTER_FACTOR = {"k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18,
                  "Z": 1e21}  # fmt: skip
# Abbreviations are read in the case written: "5 GW", "620MW", "40 TWh", "2 EB", "90 PFLOPS"
# (not "5 gw", and never a bare "W" or "B": "Route 5 W", "Plan B").
_PHYSICAL_AFTER = re.compile(
    rf"(?:{_SP}|[-\u2010\u2011\u2013])?"
    r"(?:(?i:(?P<prefix>kilo|mega|giga|tera|peta|exa|zetta)?(?P<base>watt|byte|flop)"
    r"(?P<hours>s?[-\u2010\u2011 ]hours?)?s?)"
    r"|(?P<abbr>[kKMGT]W(?P<abbr_hours>h)?|[MGTPEZ]B|[TPEZ]FLOPS?(?:/s)?))"
    r"(?![A-Za-z0-9])"
)
# Kind of a spelled-out unit and of an abbreviation by its unit letter ("GW", "TB"; any other
# is "FLOPS"); each kind's base unit is PHYSICAL_UNITS'.
_PHYSICAL_BASE = {"watt": "power", "byte": "data", "flop": "compute"}
_ABBR_KIND = {"W": "power", "B": "data"}
# Chinese computing-power news write petaflops and exaflops as a bare letter after the number
# ("the province's intelligent computing power exceeds 5,000P", "will hit 300E"): read so
# only when the sentence speaks of computing power before the number, never on its own
# ("Section 5P", "P2P", "Route 5E").
_COMPUTE_LETTER = re.compile(r"(?P<letter>[PE])(?![\w-])")  # glued: "5,000P", not "5 E-bikes"
_COMPUTING_POWER = re.compile(
    r"\bcomput(?:ing|ational|e)[ \u00a0]+(?:power|capacity)\b", re.IGNORECASE)

# South African news writes rand as "R5.4 billion", "R500m": an R glued to an amount with a
# scale (a bare "R5" is a road, a form or a model).
_RAND = rf"R(?=(?:{_NUM}){_SP}?(?i:thousand|million|billion|trillion|mn|bn|tn|m|k)\b)"
# Nigerian news writes naira the same way: "N5 billion", "N1.2trn", "N500m" (a bare "N95"
# is a mask, a road or a model).
_NAIRA = rf"N(?=(?:{_NUM}){_SP}?(?i:thousand|million|billion|trillion|mn|bn|tn|trn|m|k)\b)"

# A three-letter code before an amount with a scale word (checked against ISO 4217 once
# matched: `_scaled_code`).
_SCALED_CODE = (
    rf"(?P<iso>[A-Z]{{3}}){_SP}(?=(?:{_NUM}){_SP}?(?i:thousand|million|billion|trillion|mn|bn"
    rf"|tn)\b)"
)

_FIGURE = re.compile(
    rf"(?<![A-Za-z0-9_.,:/$])"
    rf"(?P<cur>(?:{_SYMBOLS}){_SP}?|(?:{_PREFIX_CODES}){_SP}?|{_RAND}|{_NAIRA}|{_SCALED_CODE})?"
    rf"(?P<num>{_NUM})"
    rf"(?:(?P<sep>{_SP}?[-–/]{_SP}?|{_SP}(?:to|and){_SP})(?P<cur2>(?:{_SYMBOLS}){_SP}?)?"
    rf"(?P<num2>{_NUM}))?"
)
_DIGIT = re.compile(r"[0-9]+")
_LEAD = re.compile(rf"(?:(?:{_SYMBOLS}|{_PREFIX_CODES}){_SP}?|R|N|(?<![A-Za-z])[A-Z]{{3}}{_SP})\Z")
# A scale word may be hyphenated to the number: "a $300-million fund", "€2-billion".
_SCALE_AFTER = re.compile(
    rf"(?:(?:{_SP}|[-\u2010\u2011])?(?i:(?P<word>thousand|million|billion|trillion|mln|mn|bln"
    rf"|bn|trn|tn|lakhs?|crores?))|(?P<letter>[kKmMbB]))\b"
    rf"(?:{_SP}(?i:(?P<crore>crores?))\b)?"
)
_PERCENT_AFTER = re.compile(
    rf"(?:{_SP}?[%％]|{_SP}?pc\b|{_SP}(?i:per{_SP}?cent|pct)\b)"
    rf"(?P<points>{_SP}points?\b)?"
    rf"|{_SP}(?i:percentage{_SP}points?|ppts?)\b(?P<pp>)"
)
# A currency word may be hyphenated to its amount: "a 300-million-dollar plan".
_CURRENCY_AFTER = re.compile(
    rf"(?:{_SP}|[-\u2010\u2011](?=[A-Za-z]))(?:(?i:(?P<adj>U\.S\.|US|American|Singapore|Canadian"
    rf"|Australian|Hong{_SP}Kong|New{_SP}Taiwan|Taiwanese|Taiwan|New{_SP}Zealand|Danish|Norwegian|Swedish)){_SP})?"
    rf"(?i:(?P<word>dollar|euro|pound|sterling|yen|yuan|renminbi|won|rupee|riyal|dirham"
    rf"|ringgit|baht|rupiah|franc|ruble|rouble|lira|shekel|naira|rand|reais|dong"
    rf"|kroner|krone|kronor|krona)s?)\b"
    rf"(?P<sterling>{_SP}sterling\b)?"
    rf"|{_SP}(?P<code>{'|'.join(_CODES)}|RMB)\b"
)
_GLUED = re.compile(r"[A-Za-z0-9_]|[.,][0-9]|/[0-9]|:[0-9]")
_YUAN_CONTEXT = re.compile(r"\b(?:yuan|renminbi|RMB|CNY)\b", re.IGNORECASE)
# Up to six words: a brand and a model name may come before a three-word compound noun
# ("6,128 Nvidia H200 graphics processing units").
_WORDS_AFTER = re.compile(r"(?:[ \u00a0]+[A-Za-z][\w'’&-]*){1,6}")
# "500,000 of Nvidia's most advanced AI chips", "18,000 of Nvidia’s GB300 chips": a number,
# then whose things they are, then what it counts.
_OF_OWNER = re.compile(r"[ \u00a0]+of[ \u00a0]+[A-Z][\w&.-]*['’]s?(?=[ \u00a0])")
_NEXT_WORD = re.compile(r"[ \u00a0]+([A-Za-z]+)")
# A count taken out of a named group counts that group's things: "starting with 18,000 of the
# latest Blackwell servers", "1,200 of its engineers" (a possessive after it, as in "3 of the
# world's largest", says which group, not what is counted).
_PARTITIVE = re.compile(
    r"[ \u00a0]+of[ \u00a0]+(?:the|its|their)(?=[ \u00a0]+[A-Za-z][\w-]*[ \u00a0,.;:)])")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[^A-Za-z0-9]{0,3}$")
_RATIO_BEFORE = re.compile(r"[0-9][ \u00a0]+(?:in|out of)[ \u00a0]+$")
_HYPHEN_PREFIX = re.compile(r"([A-Za-z]+)[-–]$")
_NUMBER_OF = re.compile(r"\bnumber of((?:[ \u00a0]+[A-Za-z][\w'’-]*){1,6})", re.IGNORECASE)
# A target the sentence sets for its "number of <noun>": "would double the number of AI
# practitioners in the city-state to 15,000 by 2028", "cut the number of agencies to 12".
_TO_BEFORE = re.compile(
    r"\bto(?:[ \u00a0]+(?:more than|over|nearly|almost|about|around|roughly|some|at least))?"
    r"[ \u00a0]+$", re.IGNORECASE)
_CHANGES_NUMBER_OF = re.compile(
    r"\b(?:doubl|tripl|quadrupl|increas|rais|boost|grow|grew|expand|lift|bring|brought|cut"
    r"|reduc|push|tak|took)\w*[ \u00a0]+(?:the[ \u00a0]+)?number of\b", re.IGNORECASE)
_TRIGGER = re.compile(
    r"\b(?:reached|reaches|reaching|exceeded|exceeds|exceeding|hit|hits|topped|tops|surpassed"
    r"|surpasses|totaled|totalled|totals|stood at|stands at|rose to|rises to|grew to|grows to"
    r"|increased to|jumped to|climbed to|fell to|dropped to|declined to|is|was|are|were|of)"
    r"(?:[ \u00a0]+(?:more than|less than|fewer than|over|nearly|almost|about|around|roughly"
    r"|approximately|some|just over|just under|close to|at least|up to))?[ \u00a0]+$",
    re.IGNORECASE,
)

_STOP_WORDS = word_set(
    """
    a an the of in on at to from by for with and or but than as per via into over under
    is was are were be been being has have had will would can could may might should must
    that which who whom whose this these those its their his her our your my it they we
    since until between among during after before about around each every all more less
    last next this year years said says say including include includes according
    """
)
#: Words joining two modifiers of one counted noun: "AI and data specialists" (also read by
#: `extract.measures`, which names what such a count measures).
JOINING_WORDS = frozenset({"and", "or", "&"})
# Plural words that measure rather than count.
_NOT_COUNTED = word_set(
    """
    years months weeks days hours minutes seconds decades centuries times folds percent points
    thousands millions billions trillions hundreds dozens tens lakhs crores
    km kms miles kilometres kilometers metres meters feet inches acres hectares litres liters
    gallons tons tonnes kilograms grams pounds ounces degrees watts kilowatts megawatts
    gigawatts terawatts volts bits bytes kilobytes megabytes gigabytes terabytes
    petabytes barrels cents pence basis levels quarters thirds halves fifths tenths
    year month week day hour minute second decade century time fold point
    kg mm cm nm mw gw kw tw kwh mwh gwh twh ghz mhz tb gb mb pb flops tflops petaflops
    exaflops mile kilometre kilometer metre meter foot inch acre hectare litre liter gallon
    ton tonne kilogram gram ounce degree watt kilowatt megawatt gigawatt barrel sq x
    """
)
_IRREGULAR_PLURALS = word_set(
    "people children men women staff personnel police cattle mice geese teeth"
)
# Words ending in -s that are not plurals (fields of study, mass nouns, adverbs).
_SINGULAR_IN_S = word_set(
    """
    gas news means series always perhaps whereas across afterwards towards upwards
    robotics electronics economics analytics physics politics ethics logistics genomics
    mathematics statistics
    """
)
# Words before a year-shaped number that say it is a quantity, not a year.
_QUANTITY_CUES = word_set(
    """
    about around nearly almost over than some approximately roughly least estimated only just
    hired hire hiring employs employ employing created create added add cut cuts laid lay
    """
)
# Words before a number that make it a label or a day, not a quantity ("Jan. 18", "top 10").
_LABELS = word_set(
    """
    jan january feb february mar march apr april may jun june jul july aug august sep sept
    september oct october nov november dec december article section chapter phase level top no
    number tier stage version model series class category item rule page figure table grade
    step part round room gate route line term generation
    """
)
_YEAR_HYPHEN_PREFIXES = frozenset({"mid", "pre", "post", "early", "late", "end", "fy"})

# What a count counts is a compound noun: the plural head and the nouns before it that say
# what kind ("18 data centres", "500 AI chips", "12 chip design firms"), not the adjectives
# before those ("5 new data centres" counts data centres; "260,000 advanced GPUs", GPUs).
# Plural-form nouns that modify a later noun rather than head the phrase: "18,693 graphics
# processing units", "40 sales teams", "3 arms makers", "2 savings banks".
_PLURAL_MODIFIERS = word_set(
    "graphics sales arms goods savings earnings customs sports communications operations"
)
# Adjectives and quantifiers without an adjective's ending: "5 new data centres", "3 major
# chip firms", "two other companies".
_ADJECTIVES = word_set(
    """
    new more most other additional extra further major minor large big small key top main few
    many several various own high low higher lower total current existing full entire such
    same different smart open free public private big-name
    """
)
# Endings that make a word an adjective ("advanced", "national", "innovative", "strategic",
# "largest"): such a word qualifies the compound noun, it is not part of it.
_ADJECTIVE_ENDINGS = (
    "ed", "al", "ive", "ous", "ful", "less", "able", "ible", "ic", "ary", "est", "ish", "ese",
    "ian", "ean", "ern",
)
# Present participles used as adjectives; any other -ing word before a noun is a gerund in
# a compound ("processing units", "manufacturing plants", "charging stations").
_PARTICIPLES = word_set(
    """
    leading existing emerging growing remaining competing participating upcoming rising
    booming struggling promising ongoing outstanding increasing declining developing
    """
)
# Nouns naming the actors of a story rather than a quantity: "three countries have offered",
# "2 teams competed", "two companies signed". A small count of one of them (with no noun
# saying which kind) names a group the story goes on to talk about, not a key figure;
# "1,200 companies applied" or "30,000 AI companies" still is one.
_GENERIC_NOUNS = word_set(
    """
    countries nations states governments economies regions cities companies firms
    businesses corporations teams groups organisations organizations institutions
    universities parties sides members partners players entities agencies ministries bodies
    people officials leaders
    """
)
# Nouns of a method's own structure, not of the world it measures: "the index combines
# three indicators", "scored on five pillars", "in four categories", "12 criteria", "seven
# dimensions". A small count of one says how a report is built, no key figure.
_METHOD_NOUNS = word_set(
    """
    indicators criteria pillars categories dimensions metrics subindices sub-indices
    sub-indicators components factors variables domains themes topics tiers stages phases
    steps sections chapters questions principles objectives priorities scenarios weightings
    """
)
# Vague quantities: "more than a dozen private companies", "dozens of start-ups", "a handful
# of labs", "several firms". They say "some", not how many.
_VAGUE_QUANTITIES = ("a dozen", "half a dozen", "dozens", "a handful", "several", "a few",
                     "a couple")
#: A count of a generic noun below this is a bare count (see `is_bare_count`).
BARE_COUNT_BELOW = 100

# Number words ("one" only inside "twenty-one" or before a scale word: "one of the" is no
# count, "one million people" is).
_WORD_VALUES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "dozen": 12,
}  # fmt: skip
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_NUMBER_WORD = re.compile(
    rf"(?<![\w-])(?:a\s+dozen|(?:{_TENS})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen"
    # "one" only before a scale word: "one million South Africans", "one billion dollars"
    r"|one(?=\s+(?:thousand|million|billion|trillion)\b))(?:\s+dozen)?(?![\w-])",
    re.IGNORECASE,
)
_ONE_SCALES = frozenset({"thousand", "million", "billion", "trillion"})
_NUMBER_TOKENS = frozenset([*(w for w in _WORD_VALUES if w != "one"), *(
    f"{tens}-{unit}" for tens in _TENS.split("|")
    for unit in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine"))])
# A fraction written out is a share of what follows it: "Two-thirds of states offer tax
# breaks", "one-quarter that of neighbouring Malaysia", "three quarters of firms" (a percent
# figure, value in percent). A number word must lead it ("a quarter of a century", "the third
# quarter" are no shares), and "of" or "that of" must follow.
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                 "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}  # fmt: skip
_FRACTION = re.compile(
    r"(?<![\w-])(?P<num>one|two|three|four|seven|nine)[-\u2010\u2011 ]"
    r"(?P<den>halves|half|thirds?|quarters?|fifths?|tenths?)"
    r"(?=[ \u00a0]+(?:of|that[ \u00a0]+of|those[ \u00a0]+of)\b)",
    re.IGNORECASE,
)
_FRACTION_TOKENS = frozenset(
    f"{n}-{d}" for n in ("one", "two", "three", "four", "seven", "nine") for d in _DENOMINATORS)
_WORD_RATIO = re.compile(r"\w+\s+(?:in|out\s+of)\s+$", re.IGNORECASE)
_DETERMINERS = word_set("the these those both its their our his her all first last other")
# A superlative right after a number ranks rather than counts: "South Korea's two largest
# chipmakers", "the five most powerful supercomputers", "its 10 biggest customers".
_SUPERLATIVES = word_set(
    """
    largest biggest greatest highest lowest fastest strongest richest poorest smallest best
    worst most least
    """
)


@dataclass(frozen=True, slots=True)
class _Reading:
    """What the words after a number make of it."""

    kind: str
    unit: str | None
    scale: float
    end: int


# What a number written as a word can be: "nine companies", "two billion euros", "two
# gigawatts", and a percent, which news spells out when it opens a sentence ("Seventy percent
# of the state's data centres ..."). Not a year.
_WORDED_KINDS = frozenset({"count", "money", "percent", *PHYSICAL_UNITS})


def find_figures(text: str, number_words: bool = True,
                 before: tuple[str, tuple[Figure, ...]] | None = None) -> tuple[Figure, ...]:
    """Figures a sentence states, in order; `start` is the offset of `text` in the sentence.
    `number_words=False` skips reading numbers written as words (a caller that knows the
    paragraph has none). `before` is the sentence before it and its figures, whose counted
    noun a parallel sentence may leave out (`_elided_figures`)."""
    figures: list[Figure] = []
    pos = 0
    # Jump from digit to digit rather than letting the big pattern try every position: most
    # sentences have no digit at all, and the rest only a few.
    while (digit := _DIGIT.search(text, pos)) is not None:
        at = digit.start()
        lead = _LEAD.search(text, max(pos, at - 8), at)
        match = _FIGURE.match(text, lead.start()) if lead else None
        if match is None or (match["iso"] and _scaled_code(match["iso"]) is None):
            match = _FIGURE.match(text, at)  # "COP 29", "GDP 5 trillion": no currency
        if match is None:
            pos = digit.end()
            continue
        found, pos = _read_match(text, match)
        figures.extend(found)
    if figures and (" to " in text or " and " in text or "-" in text or "–" in text):
        figures = _scaled_ranges(text, figures)
    worded = _worded_figures(text) if number_words else None
    if worded:
        figures = sorted([*figures, *worded], key=lambda f: f.start)
    if figures:
        figures = [f for f in figures if not _counts_sources(text, f)]
    if before is not None and before[1]:
        elided = _elided_figures(text, figures, *before)
        if elided is not None:
            figures = sorted([*figures, elided], key=lambda f: f.start)
    if figures and ("vs" in text or "versus" in text):
        paired = _paired_before(text, figures)
        if paired:
            figures = sorted([*figures, *paired], key=lambda f: f.start)
    if figures and (any(f.kind in _GAPPED_KINDS for f in figures) or " from " in text):
        gapped = _gapped_figures(text, figures, number_words)
        if gapped:
            figures = sorted([*figures, *gapped], key=lambda f: f.start)
    return tuple(figures)


# The lower end of a range that writes its scale twice, right before the figure of the upper
# end: "between 300 billion and 400 billion yen", "1.2 trillion to 1.5 trillion won" (one
# scale word, "5-6 billion yuan", is read whole by `_FIGURE`).
_SCALED_LOW = re.compile(
    rf"(?:\b(?P<word>between|from){_SP})?(?P<num>{_NUM}){_SP}?"
    rf"(?P<scale>thousand|million|billion|trillion|mn|bn|tn|crore|lakh)"
    rf"(?P<sep>{_SP}?[-–]{_SP}?|{_SP}(?:to|and){_SP})\Z",
    re.IGNORECASE,
)


def _scaled_ranges(text: str, figures: list[Figure]) -> list[Figure]:
    """`figures` with each range whose two ends both carry a scale word read as one: the
    lower end, which alone names no unit and so is no figure, takes the upper end's unit.
    A range is one figure, valued at its lower end (as "5-6 billion yuan" is); "from 20
    billion to 30 billion yen" is a change, so its start is a figure of its own."""
    out: list[Figure] = []
    for f in figures:
        low = None
        if f.kind in ("money", "count") and f.text[:1].isdigit():
            low = _SCALED_LOW.search(text, max(0, f.start - 40), f.start)
        taken = out and low is not None and out[-1].start + len(out[-1].text) > low.start("num")
        if low is None or taken or (low["sep"].strip() == "and" and low["word"] != "between"):
            out.append(f)
            continue
        scale, _ = _scale(text, low.end("num"), allow_letters=False)
        value = _scaled(_number(low["num"]), scale)
        start = low.start("num")
        if low["word"] and low["word"].lower() == "from" and low["sep"].strip() == "to":
            out.extend([Figure(text[start:low.end("scale")], f.kind, value, f.unit, start), f])
        elif value <= f.value:
            out.append(Figure(text[start:f.start + len(f.text)], f.kind, value, f.unit, start))
        else:
            out.append(f)
    return out


#: Words that widen or soften a figure, written right before it: "fewer than 6,000
#: applications", "more than 50,000 GPUs", "about $7 billion", "up to 30%", "some 40
#: countries", "at least 1.5 billion yuan". A figure's text holds them (`with_qualifier`):
#: "6,000 applications" in a table where the source says "fewer than" misleads.
_QUALIFIER = re.compile(
    r"(?<![\w'’-])(?:(?:(?:just|well|slightly|far|much|no|not)[ \u00a0]+)?(?:more|less|fewer)"
    r"[ \u00a0]+than|(?:just[ \u00a0]+)?(?:over|under)|up[ \u00a0]+to|at[ \u00a0]+(?:least|most)"
    r"|about|around|roughly|approximately|nearly|almost|some|an[ \u00a0]+estimated"
    r"|close[ \u00a0]+to|as[ \u00a0]+(?:many|much)[ \u00a0]+as|upwards?[ \u00a0]+of"
    r"|in[ \u00a0]+excess[ \u00a0]+of|below|above)[ \u00a0]+$",
    re.IGNORECASE,
)
#: How far before a figure its qualifier is looked for (characters).
_QUALIFIER_REACH = 28
#: Qualifiers that are also prepositions, and the words they follow as prepositions, where
#: the figure is what something is built of or spread across, not an approximation: "is
#: structured around six pillars", "built around three goals", "spread over 12 sites"
#: ("invested around $5 billion" keeps its "around").
_PREPOSITIONAL = frozenset({"around", "about", "over", "under", "above", "below"})
_GOVERNS_PREPOSITION = frozenset({
    "built", "structured", "centred", "centered", "organised", "organized", "based",
    "revolves", "revolve", "revolving", "arranged", "grouped", "framed", "focused", "focussed",
    "spread", "split", "divided", "scattered", "distributed",
})


def with_qualifier(text: str, figure: Figure) -> Figure:
    """The figure with the qualifier written right before it in `text` (its sentence) as
    part of its text and span: "fewer than 6,000 such applications" (`_QUALIFIER`); a year
    keeps none ("up to 2030" is a date)."""
    if figure.kind == "year":
        return figure
    found = _QUALIFIER.search(text, max(0, figure.start - _QUALIFIER_REACH), figure.start)
    if found is None or _governed(text, found.start(), found.group()):
        return figure
    start = found.start()
    return Figure(text[start:figure.start + len(figure.text)], figure.kind, figure.value,
                  figure.unit, start, figure.country, figure.measure)


def _governed(text: str, start: int, qualifier: str) -> bool:
    """Whether a one-word qualifier at `start` is the preposition of the word before it
    ("structured around six key pillars", `_GOVERNS_PREPOSITION`)."""
    if qualifier.split()[0].lower() not in _PREPOSITIONAL:
        return False
    before = text[:start].split()
    return bool(before) and before[-1].lower() in _GOVERNS_PREPOSITION


def unqualified(text: str) -> str:
    """A figure's text less a leading qualifier ("more than a dozen firms" -> "a dozen
    firms"); `with_qualifier` put it there."""
    found = _QUALIFIER_AT.match(text)
    return text[found.end():] if found is not None else text


_QUALIFIER_AT = re.compile(_QUALIFIER.pattern.removeprefix(r"(?<![\w'’-])").removesuffix("$"),
                           re.IGNORECASE)

#: A qualifier's sign, for a narrow cell where "approximately" would push the number out of
#: sight (the TUI's Figures column): the direction it widens the figure, as `brief.build`
#: reads it ("not less than 20" is at least 20; "nearly 500" is about 500).
_QUALIFIER_SIGNS = (
    (re.compile(r"^(?:not|no)\s+(?:less|fewer)\s+than\b|^at\s+least\b", re.I), "≥"),
    (re.compile(r"^(?:not|no)\s+more\s+than\b|^up\s+to\b|^at\s+most\b|^as\s+(?:many|much)"
                r"\s+as\b", re.I), "≤"),
    (re.compile(r"more\s+than\b|^(?:just\s+)?over\b|^above\b|^in\s+excess\s+of\b"
                r"|^upwards?\s+of\b", re.I), ">"),
    (re.compile(r"(?:less|fewer)\s+than\b|^(?:just\s+)?under\b|^below\b", re.I), "<"),
)


def compact(text: str) -> str:
    """A figure's text with its qualifier as a sign: "approximately $6.8 billion" ->
    "~$6.8 billion", "more than 9,000 patents" -> ">9,000 patents", "up to 30%" -> "≤30%"."""
    bare = unqualified(text)
    if bare == text:
        return text
    qualifier = text[:len(text) - len(bare)].strip()
    sign = next((s for pattern, s in _QUALIFIER_SIGNS if pattern.search(qualifier)), "~")
    return sign + bare


def _counts_sources(text: str, figure: Figure) -> bool:
    """A count of the story's own sources, no figure of what it reports: "according to
    estimates from two industry analysts", "three officials said", "a survey of 2,300
    companies", "1,000 firms polled" (see `cues.SOURCE_NOUNS`)."""
    if figure.kind != "count" or figure.unit is None:
        return False
    end = figure.start + len(figure.text)
    if (cues.SAMPLE_BEFORE.search(text, max(0, figure.start - 48), figure.start)
            or cues.SAMPLE_AFTER.match(text, end)):
        return True
    if figure.unit.lower().split()[-1] not in cues.SOURCE_NOUNS:
        return False
    return bool(cues.REPORTING_AFTER.match(text, end)
                or cues.REPORTING_BEFORE.search(text, max(0, figure.start - 48), figure.start))


# --------------------------------------------------------------------------- gapped figures

# A bare number in a later clause of a sentence that has already said what it counts or
# pays: "the US developed 40 major AI models, China produced 15, while Europe managed only
# three", "Of Israel's 9,000 startups, over 2,200 use AI", "14 billion reais will go to
# business, while more than 5 billion will be invested in infrastructure", "one with 8
# billion parameters and another with 70 billion", "40 facilities in Victoria versus 90 in
# Sydney". It is a figure of the same kind and unit as the nearest figure before it, when
# the clauses are joined (a comma, "and", "while", "versus", ...) and the number stands
# where a figure would, not as a year, rank, age, date or label. Not after a percentage
# ("12% in 2020 and 15 in 2023" need not be percent).
_GAPPED_KINDS = frozenset({"count", "money", *PHYSICAL_UNITS})
_BARE_NUMBER = re.compile(
    rf"(?<![\w.,:/$€£¥₹%+#-])(?P<num>{_NUM})"
    rf"(?:{_SP}?(?P<scale>(?i:thousand|million|billion|trillion|mn|bn|tn)))?(?![\w%％-])"
)
_GAP_JOINS = re.compile(
    r"[,;–—]|\b(?:and|while|whereas|but|versus|vs|compared|than|against|another)\b", re.I)
# What may follow a gapped number: the end of its clause, or a verb, conjunction or
# preposition ("China produced 15, while", "over 2,200 use AI", "more than 5 billion will
# be invested", "90 in Sydney").
_GAP_AFTER = re.compile(
    r"[ \u00a0]*(?:$|[,.;:)–—!]|(?:and|or|while|whereas|but|in|for|by|at|respectively|each"
    r"|apiece|were|was|are|is|will|would|could|can|have|has|had|use|used|did|last|this"
    # "another 651 that have been announced"
    r"|that|which|who)\b)",
    re.I,
)
# Words before a number that make it no figure of the sentence's noun: a place in time or a
# ranking ("in 15", "since 2019", "aged 18", "ranked 3"), a change rather than a count ("up
# 5", "rose by 3"), a label or a day (`_LABELS`).
_THE_N_IN = re.compile(r"[ \u00a0]+(?:in|of|by)[ \u00a0]")
# A goal stated as a bare number, what it counts said before: "train 50,000 AI engineers
# by 2030, compared with Indonesia's target of 100,000", "a goal of 2 million" (after "of",
# otherwise no gapped number: "one of 12", "a score of 7").
_GOAL_OF = re.compile(
    r"\b(?:target|goal|ambition|aim|pledge|objective)s?[ \u00a0]+of[ \u00a0]+$", re.IGNORECASE)
_NOT_GAPPED_AFTER = word_set(
    """
    in on at since by from to until till of aged age ages rank ranked ranks ranking place
    placed up down plus minus rose fell grew increased decreased jumped climbed dropped
    score scored scores index rated times day days week weeks month months year years
    """
)


def _gapped_figures(text: str, figures: list[Figure], number_words: bool) -> list[Figure]:
    """Bare numbers of later coordinated clauses, read as the kind and unit of the figure
    before them (see `_BARE_NUMBER`)."""
    taken = [(f.start, f.start + len(f.text)) for f in figures]
    spans = [(m.start(), m.end(), m["num"], m["scale"]) for m in _BARE_NUMBER.finditer(text)]
    if number_words and has_number_words(text):
        spans += [(m.start(), m.end(), m[0], None) for m in _NUMBER_WORD.finditer(text)
                  if "dozen" not in m[0].lower()]
    out: list[Figure] = []
    for start, end, num, scale_word in sorted(spans):
        if any(a <= start < b for a, b in taken):
            continue
        before = [f for f in figures if f.start + len(f.text) <= start and f.kind != "year"]
        # "up from 18,000 announced last year": the number a change starts from is the
        # measure of the figure before it, whatever follows (a percentage too).
        changed = bool(before) and cues.CHANGED_FROM.search(text, max(0, start - 24),
                                                            start) is not None
        if not before or (before[-1].kind not in _GAPPED_KINDS and not (
                changed and before[-1].kind == "percent")):
            continue
        model = _head_of(text, before)
        if not _GAP_JOINS.search(text, model.start + len(model.text), start):
            continue
        previous = _previous_word(text, start)
        if not changed and (previous in _NOT_GAPPED_AFTER or previous in _LABELS) and not (
                previous == "of" and _GOAL_OF.search(text, max(0, start - 24), start)):
            continue
        if previous in _DETERMINERS and not (previous == "the" and _THE_N_IN.match(text, end)):
            continue  # "the 15 that ..." points back; "the 1,200 in the UK" compares
        if not changed and not _GAP_AFTER.match(text, end):
            continue
        value = _word_value(num) if num[0].isalpha() else _number(num)
        if scale_word is None and (("." in num and not _is_rate(model) and not changed) or (
                num.isdigit() and _is_year_shaped(num))):
            continue  # "3.12" is a score unless it pairs with a rate; "2024" is a year
        if scale_word is None and model.kind == "money" and _SCALE_AFTER.search(model.text):
            continue  # "$5 billion ... 15": fifteen what, the text does not say
        scale = SCALES[scale_word.lower()] if scale_word else 1.0
        out.append(Figure(text[start:end], model.kind, _scaled(value, scale), model.unit, start))
    return out


def _head_of(text: str, before: Sequence[Figure]) -> Figure:
    """The figure a later bare number borrows its measure from: the last one before it, but
    the count a threshold qualifies rather than the threshold ("35 data centres above 50
    megawatts, compared with 61 in Germany": 61 data centres; `cues.THRESHOLD_BETWEEN`)."""
    last = before[-1]
    if len(before) > 1 and before[-2].kind == "count" and before[-2].unit:
        head = before[-2]
        if cues.THRESHOLD_BETWEEN.fullmatch(text, head.start + len(head.text), last.start):
            return head
    return last


# A count whose noun the sentence leaves out because the one before said it, in the same
# shape: "Texas has 157 data centers under construction. Virginia has 141 under
# construction." The bare number stands after the same word as the count before it (its
# verb) and before the same word, and is the sentence's first number; not a year, a label's
# number or a decimal.
_TOKEN_AFTER = re.compile(rf"{_SP}*([A-Za-z]+|[^\sA-Za-z0-9]|$)")


def _elided_figures(text: str, figures: Sequence[Figure], previous: str,
                    previous_figures: Sequence[Figure]) -> Figure | None:
    """The bare number of a sentence that repeats the shape of the count in the sentence
    before it, read as that count (see `_TOKEN_AFTER`)."""
    models = [f for f in previous_figures if f.kind == "count" and f.unit]
    if not models:
        return None  # the common case: the sentence before counted nothing
    first = _BARE_NUMBER.search(text)
    if first is None or first["scale"] or any(f.start <= first.start() for f in figures):
        return None
    num = first["num"]
    if "." in num or _is_year_shaped(num):
        return None
    word = _previous_word(text, first.start())
    if not word or word in _NOT_GAPPED_AFTER or word in _LABELS or word in _DETERMINERS or (
            word in _STOP_WORDS and word not in _VERBS):
        return None
    after = _TOKEN_AFTER.match(text, first.end())
    for model in models:
        if _SCALE_WORD.search(model.text):
            continue
        end = model.start + len(model.text)
        their = _TOKEN_AFTER.match(previous, end)
        if (_previous_word(previous, model.start) == word and after is not None
                and their is not None and after[1].lower() == their[1].lower()):
            return Figure(num, "count", _number(num), model.unit, first.start())
    return None


# Verbs among the stop words that may stand before an elided count ("Virginia has 141").
_VERBS = word_set("has have had is are was were")


def _is_rate(figure: Figure) -> bool:
    """A count with a fraction: a rate or an average ("6.26 citations per patent"), whose
    comparator may be a bare decimal ("compared to South Korea's 3.12")."""
    return figure.kind == "count" and not figure.value.is_integer()


# A bare number right before "vs" and a figure is that figure's pair: "(13.18 vs 1.90 average
# citations)", "30 vs 45 percent".
_VERSUS_BEFORE = re.compile(
    rf"(?<![\w.,:/$€£¥₹%+#-])(?P<num>{_NUM}){_SP}*(?:vs\.?|versus){_SP}+$", re.IGNORECASE)


def _paired_before(text: str, figures: list[Figure]) -> list[Figure]:
    """Bare numbers set against a count or percent by "vs" before it, read as its kind and
    unit (not against money or a scaled count: "5 vs 6 billion" does not say 5 what)."""
    out: list[Figure] = []
    for f in figures:
        if f.kind not in ("count", "percent") or _SCALE_WORD.search(f.text):
            continue
        m = _VERSUS_BEFORE.search(text, max(0, f.start - 30), f.start)
        if m is None or _is_year_shaped(m["num"]) or _previous_word(text, m.start()) in (
                _LABELS | _NOT_GAPPED_AFTER):
            continue
        if "." in m["num"] and f.kind == "count" and not _is_rate(f):
            continue  # "2.5 vs 3 models": versions
        if any(g.start <= m.start() < g.start + len(g.text) for g in figures):
            continue
        out.append(Figure(m["num"], f.kind, _number(m["num"]), f.unit, m.start()))
    return out


_SCALE_WORD = re.compile(r"(?i:thousand|million|billion|trillion|lakh|crore)")


def _word_value(word: str) -> float:
    return float(sum(_WORD_VALUES.get(w, 0) for w in word.lower().replace("-", " ").split()))


def has_number_words(text: str) -> bool:
    """Whether a text may hold a number written as a word: a set lookup, as the pattern is
    slow to scan and most text has none."""
    # Words split on spaces and the punctuation that may end a clause after one (chained
    # replaces: str.translate is several times slower on news-length text).
    lower = text.lower()
    for mark in _CLAUSE_END:
        lower = lower.replace(mark, " ")
    words = lower.split()
    return not _WORDED_TOKENS.isdisjoint(words) or (
        "one" in words and not _AFTER_ONE.isdisjoint(words))


# Tokens that make a text worth scanning for number words and written-out fractions ("nine",
# "two-thirds"), and what "one" must come with ("one million", "one third").
_WORDED_TOKENS = _NUMBER_TOKENS | _FRACTION_TOKENS
_AFTER_ONE = _ONE_SCALES | frozenset(_DENOMINATORS)


# A number word may end a clause ("while Europe managed only three."): a gapped figure.
_CLAUSE_END = (",", ".", ";", ":", ")", "!")


def _worded_figures(text: str) -> list[Figure]:
    """Numbers written as words that count something or are money: "nine companies",
    "a dozen labs", "two billion euros". Not after a determiner ("the two countries" points
    back at countries already named, it does not count them)."""
    if not has_number_words(text):
        return []
    out = []
    for m in _NUMBER_WORD.finditer(text):
        if _previous_word(text, m.start()) in _DETERMINERS or _WORD_RATIO.search(
                text, max(0, m.start() - 24), m.start()):
            continue  # "the two countries"; "seven in ten adults" is a share
        words = m[0].lower().replace("-", " ").split()
        value = sum(_WORD_VALUES[w] for w in words if w in _WORD_VALUES and w != "dozen")
        if words[-1] == "dozen":
            value = max(value, 1) * 12  # "a dozen", "two dozen"
        reading = _reading(text, m.start(), m.end(), None, str(value))
        if reading is not None and reading.kind in _WORDED_KINDS:
            out.append(Figure(text[m.start():reading.end], reading.kind,
                              _scaled(value, reading.scale), reading.unit, m.start()))
    for m in _FRACTION.finditer(text):
        if _previous_word(text, m.start()) in _DETERMINERS:
            continue  # "the two thirds" points back
        share = _WORD_VALUES[m["num"].lower()] / _DENOMINATORS[m["den"].lower()] * 100
        out.append(Figure(m[0], "percent", _scaled(share, 1.0), "%", m.start()))
    if len(out) > 1:
        out.sort(key=lambda f: f.start)
    return out


def _read_match(text: str, m: re.Match[str]) -> tuple[list[Figure], int]:
    """Figures of one pattern match, and where to resume the search."""
    if not m["cur"] and _is_model_name(text, m.start()):
        return [], m.end()
    if m["num2"] is None or not _is_range(text, m):
        after = m.end("num")
        reading = _reading(text, m.start(), after, m["cur"], m["num"])
        resume = m.start("sep") if m["num2"] is not None else after
        return _figures(text, m.start(), m["num"], reading), max(
            resume, reading.end if reading else after
        )
    reading = _reading(text, m.start(), m.end(), m["cur"] or m["cur2"], m["num"])
    if reading is None:
        return [], m.end()
    if reading.kind == "year":
        first = Figure(m["num"], "year", float(m["num"]), None, m.start("num"))
        if len(m["num2"]) != 4:  # a fiscal year: 2023-24
            return [Figure(m[0], "year", float(m["num"]), None, m.start())], reading.end
        second = Figure(m["num2"], "year", float(m["num2"]), None, m.start("num2"))
        return [first, second], reading.end
    if _is_change(text, m):
        own = _Reading(reading.kind, reading.unit, reading.scale, m.end("num"))
        return [
            *_figures(text, m.start(), m["num"], own),
            *_figures(text, m.start("cur2") if m["cur2"] else m.start("num2"), m["num2"], reading),
        ], reading.end
    value = _scaled(_number(m["num"]), reading.scale)
    return [Figure(text[m.start() : reading.end], reading.kind, value, reading.unit, m.start())], (
        reading.end
    )


def _figures(text: str, start: int, num: str, reading: _Reading | None) -> list[Figure]:
    """The figure from `start` (its currency prefix or its number) to the reading's end."""
    if reading is None:
        return []
    value = _scaled(_number(num), reading.scale)
    return [Figure(text[start : reading.end], reading.kind, value, reading.unit, start)]


def _is_model_name(text: str, start: int) -> bool:
    """`GPT-4`, `COVID-19`, `Llama-3`: a number hyphenated to a word (but `mid-2024` is not)."""
    glued = _HYPHEN_PREFIX.search(text, max(0, start - 12), start)
    return glued is not None and glued[1].lower() not in _YEAR_HYPHEN_PREFIXES


def _is_range(text: str, m: re.Match[str]) -> bool:
    """Whether `num sep num2` is one range (or a year pair), not two unrelated numbers."""
    first, second, sep = m["num"], m["num2"], m["sep"].strip()
    if _is_year_shaped(first) != _is_year_shaped(second):
        # A fiscal year (2023-24, 2022/23) names the next year; 2024-01-15 is a date.
        fiscal = len(second) == 2 and int(second) == (int(first[-2:]) + 1) % 100
        return _is_year_shaped(first) and fiscal and sep in ("-", "–", "/")
    if sep == "/":  # 2022/2023 is a pair of years; 1/3 is a fraction
        return _is_year_shaped(first)
    if sep == "and":
        return _is_year_shaped(first) or _previous_word(text, m.start()) == "between"
    return _number(second) >= _number(first) or _is_year_shaped(first)


def _is_change(text: str, m: re.Match[str]) -> bool:
    """`from 20 to 30 percent` is a change between two values, not a range."""
    return m["sep"].strip() == "to" and _previous_word(text, m.start()) == "from"


def _reading(text: str, start: int, after: int, cur: str | None, num: str) -> _Reading | None:
    """Decide what the number ending at `after` is, from its currency and the words after."""
    scale, pos = _scale(text, after, allow_letters=cur is not None)
    percent = _PERCENT_AFTER.match(text, pos) if cur is None else None
    if percent is not None:
        unit = "pp" if percent["points"] or percent["pp"] is not None else "%"
        return _unglued(text, _Reading("percent", unit, scale, percent.end()))
    money = _money(text, pos, cur, num, scale)
    if money is not None:
        return _unglued(text, money)
    physical = _physical(text, pos, scale) if cur is None else None
    if physical is None and cur is None:
        physical = _compute_letter(text, start, pos, scale) or _area(text, pos, scale)
    if physical is not None:
        return physical
    if _GLUED.match(text, pos):
        return _abbreviated_count(text, start, after, num) if cur is None else None
    if scale == 1 and _is_year_shaped(num):
        return _year_or_count(text, start, pos, num)
    count = _count(text, start, pos, num, scale)
    if count is None and _in_crores(text, after):
        # Indian news leaves the rupee out of an amount in crores or lakhs ("a 10,000-crore
        # AI mission", "allocated 2,000 crore to the scheme"): counting nothing, it is money.
        return _unglued(text, _Reading("money", "INR", scale, pos))
    return count


def _in_crores(text: str, after: int) -> bool:
    """Whether the scale word after a number is an Indian one (crore, lakh)."""
    m = _SCALE_AFTER.match(text, after)
    return m is not None and (m["word"] or "").lower().startswith(("crore", "lakh"))


def _year_or_count(text: str, start: int, pos: int, num: str) -> _Reading:
    """A year, unless a quantity word comes before a counted noun ("nearly 2000 engineers")
    or the sentence's "number of <noun>" reached it."""
    if _previous_word(text, start) in _QUANTITY_CUES:
        count = _count(text, start, pos, num, 1.0)
        if count is not None:
            return count
    noun = _counted_noun(text, start, targets=False)
    return _Reading("count", noun, 1.0, pos) if noun else _Reading("year", None, 1.0, pos)


def _abbreviated_count(text: str, start: int, after: int, num: str) -> _Reading | None:
    """`1.5m units`, `50k users`: a one-letter scale without a currency could be metres or a
    model name, so it counts only when a plural noun follows."""
    scale, pos = _scale(text, after, allow_letters=True)
    if pos == after or _GLUED.match(text, pos):
        return None
    reading = _count(text, start, pos, num, scale)
    return reading if reading is not None and reading.end > pos else None


def _unglued(text: str, reading: _Reading) -> _Reading | None:
    return None if _GLUED.match(text, reading.end) else reading


def _scale(text: str, pos: int, allow_letters: bool) -> tuple[float, int]:
    m = _SCALE_AFTER.match(text, pos)
    if m is None or (m["letter"] and not allow_letters):
        return 1.0, pos
    scale = SCALES[(m["word"] or m["letter"]).lower()]
    if m["crore"]:
        scale *= SCALES["crore"]
    return scale, m.end()


def _money(text: str, pos: int, cur: str | None, num: str, scale: float) -> _Reading | None:
    after = _CURRENCY_AFTER.match(text, pos)
    if cur is not None:
        code = _prefix_currency(text, cur.strip())
        return _Reading("money", code, scale, pos)
    if after is None:
        named = _named_currency(text, pos)
        if named is not None:
            return _Reading("money", named[0], scale, named[1])
        shared = _SHARED_NAME_AFTER.match(text, pos)
        if shared is None:
            return None
        name = shared[1].lower()
        return _Reading("money", name if name.endswith("s") else f"{name}s", scale, shared.end())
    if after["code"]:
        return _Reading(
            "money", _CODE_ALIASES.get(after["code"], after["code"]), scale, after.end()
        )
    word = after["word"].lower()
    if word in _AMBIGUOUS_WORDS and scale == 1 and _number(num) < 1000 and not after["sterling"]:
        return None
    adjective = " ".join(after["adj"].lower().split()) if after["adj"] else None
    if word in _CROWNS:
        crown = _crown(text, adjective)
        return None if crown is None else _Reading("money", crown, scale, after.end())
    code = _WORD_CURRENCY[word]
    if word == "dollar" and adjective in _DOLLAR_ADJECTIVE:
        code = _DOLLAR_ADJECTIVE[adjective]
    return _Reading("money", code, scale, after.end())


def _physical(text: str, pos: int, scale: float) -> _Reading | None:
    """Power, energy, data or computing speed after a number ("1.9 gigawatts", "-gigawatt",
    "620MW", "89 terawatt-hours", "40 petabytes", "2 exaflops"), in its kind's base unit."""
    m = _PHYSICAL_AFTER.match(text, pos)
    if m is None:
        return None
    if m["abbr"]:
        abbr = m["abbr"]
        factor = _LETTER_FACTOR[abbr[0]]
        kind = _ABBR_KIND.get(abbr[1], "compute")
        if m["abbr_hours"]:
            kind = "energy"
    else:
        base, prefix = m["base"].lower(), (m["prefix"] or "").lower()
        if base == "flop" and not prefix:
            return None  # "two flops" failed; nobody counts single operations
        kind = _PHYSICAL_BASE[base]
        if m["hours"]:
            if base != "watt":
                return None
            kind = "energy"
        factor = _PREFIX_FACTOR[prefix]
    return _Reading(kind, PHYSICAL_UNITS[kind], scale * factor, m.end())


# Land a project takes, in hectares ("40 hectares of land in Lekki", "a 500-acre campus",
# "12 square kilometres"): the one area unit kept, so areas compare whatever they are written
# in. Not "ha" alone (a word in many languages) nor "sq ft" (floor space, not land).
AREA_UNIT = "ha"
_AREA_AFTER = re.compile(
    rf"(?:{_SP}|[-\u2010\u2011])(?i:(?P<unit>hectares?|acres?|square{_SP}kilomet(?:re|er)s?"
    rf"|sq{_SP}?km|square{_SP}miles?))(?![A-Za-z0-9])|{_SP}?(?P<km2>km²|km2)(?![A-Za-z0-9])")
_HECTARES_PER = {"hectare": 1.0, "acre": 0.40468564224, "square kilometre": 100.0,
                 "square kilometer": 100.0, "sq km": 100.0, "sqkm": 100.0,
                 "square mile": 258.9988110336}  # fmt: skip


def _area(text: str, pos: int, scale: float) -> _Reading | None:
    """An area after a number, in hectares (`AREA_UNIT`)."""
    m = _AREA_AFTER.match(text, pos)
    if m is None:
        return None
    unit = " ".join(m["unit"].lower().split()) if m["unit"] else "square kilometre"
    unit = unit[:-1] if unit.endswith("s") else unit
    return _Reading("area", AREA_UNIT, scale * _HECTARES_PER[unit], m.end())


def _compute_letter(text: str, start: int, pos: int, scale: float) -> _Reading | None:
    """ "14,000P", "300E": petaflops or exaflops by their letter, after "computing power"."""
    m = _COMPUTE_LETTER.match(text, pos)
    if m is None or _COMPUTING_POWER.search(text, 0, start) is None:
        return None
    factor = _LETTER_FACTOR[m["letter"]]
    return _Reading("compute", PHYSICAL_UNITS["compute"], scale * factor, m.end())


def _crown(text: str, adjective: str | None) -> str | None:
    """DKK or NOK for "kroner", by its adjective, else by the one of the two countries the
    sentence names; None when it does not say."""
    if adjective in _CROWN_ADJECTIVE:
        return _CROWN_ADJECTIVE[adjective]
    named = {_CROWN_OF_COUNTRY[m.code] for m in find_countries(plain(text))
             if m.code in _CROWN_OF_COUNTRY}
    return named.pop() if len(named) == 1 else None


@lru_cache(maxsize=1)
def _iso_codes() -> frozenset[str]:
    import pycountry  # only once a sentence has a capitalised code before a scaled amount

    return frozenset(c.alpha_3 for c in pycountry.currencies) - _NOT_SCALED_CODES


@lru_cache(maxsize=1)
def _currency_names() -> dict[str, str]:
    """ISO 4217 currency names (lowercase, singular) -> code: each two-word name in full
    ("kenyan shilling"), and its last word alone when no other currency has it ("lari",
    "dram", "tenge"); the words `_WORD_CURRENCY` reads are its own."""
    import pycountry  # only once an amount is followed by a word no other reading took

    full: dict[str, str] = {}
    nouns: dict[str, set[str]] = defaultdict(set)
    names = [currency.name.lower().split() for currency in pycountry.currencies]
    for words, currency in zip(names, pycountry.currencies, strict=True):
        code = currency.alpha_3
        if (len(words) <= 3 and code[0] != "X" and code not in _FUND_CODES
                and all(w.isascii() and w.isalpha() for w in words)):
            nouns[words[-1]].add(code)  # "Turkmenistan New Manat" shares "manat"
            if len(words) == 2:
                full[" ".join(words)] = code
    # A name whose noun comes first ("Rial Omani", "Peso Uruguayo") ends on no noun.
    first_nouns = {w[0] for w in names if len(w) == 2 and (w[0] in nouns or w[0] in
                                                           _WORD_CURRENCY)}
    for noun, codes in nouns.items():
        if (len(codes) == 1 and noun not in _NOT_CURRENCY_NAMES and noun not in _WORD_CURRENCY
                and not any(f"{first} {noun}" in full for first in first_nouns)):
            full[noun] = next(iter(codes))
    return full


def _named_currency(text: str, pos: int) -> tuple[str, int] | None:
    """The ISO code and end of a currency name right after an amount (see
    `_NOT_CURRENCY_NAMES`): "12 million lari", "5 billion Kenyan shillings"."""
    m = _CURRENCY_NAME_AFTER.match(text, pos)
    if m is None:
        return None
    names = _currency_names()
    first = m[1].lower()
    if m[2]:
        code = names.get(f"{first} {_singular(m[2])}")
        if code is not None:
            return code, m.end()
    code = names.get(_singular(first))
    return None if code is None else (code, m.end(1))


def _singular(word: str) -> str:
    """ "zlotys" -> "zloty", "drams" -> "dram" (currency names take a plain -s)."""
    return word[:-1] if word.endswith("s") else word


def _scaled_code(word: str) -> str | None:
    """The ISO 4217 code a capitalised word before a scaled amount stands for, if any."""
    if word in _SCALED_CODE_ALIASES:
        return _SCALED_CODE_ALIASES[word]
    return word if word in _iso_codes() else None


def _prefix_currency(text: str, cur: str) -> str:
    if cur in _SCALED_CODE_ALIASES:
        return _SCALED_CODE_ALIASES[cur]
    if cur == "R":
        return "ZAR"
    if cur == "N":
        return "NGN"
    if cur == "¥" and _YUAN_CONTEXT.search(text):
        return "CNY"
    if cur in _SYMBOL_CURRENCY:
        return _SYMBOL_CURRENCY[cur]
    return _CODE_ALIASES.get(cur, cur)


def shared_currency(unit: str | None, owner: str | None, focus: Sequence[str]) -> str | None:
    """The ISO code of a currency name several countries share (`SHARED_CURRENCIES`: "1.2
    billion pesos" in a story about Argentina is ARS): the owner's, else the article's main
    country's when it uses that currency; else the name stays (money, not placed)."""
    users = SHARED_CURRENCIES.get(unit or "")
    if users is None:
        return unit
    for country in (owner, focus[0] if focus else None):
        if country in users:
            return users[country]
    return unit


def dollar_currency(owner: str | None, focus: Sequence[str]) -> str:
    """The currency of a bare "$" (or "dollars") whose figure belongs to `owner` in an
    article about `focus` (its countries, strongest first):

    - the owner's dollar when its currency is one;
    - else the dollar of the one dollar country the article is mainly about ("$2.4 billion"
      in a story about Canada is CAD, in Australia's white paper AUD, also when the figure is
      another country's: such press converts);
    - USD when neither the owner nor the article is about a dollar country, or only the US is
      one ("$" is the US dollar by convention in international news, as in a story about
      Japan);
    - `UNSPECIFIED_DOLLAR` when which dollar is not known: the article is about several dollar
      countries, or about none at all (a round-up), or a non-dollar country leads it and
      another's dollar comes after (convention and that country disagree)."""
    if owner in _DOLLAR_OF_COUNTRY:
        return _DOLLAR_OF_COUNTRY[owner]
    dollars = {_DOLLAR_OF_COUNTRY[c] for c in focus if c in _DOLLAR_OF_COUNTRY}
    if not dollars:
        return "USD" if owner or focus else UNSPECIFIED_DOLLAR
    if len(dollars) > 1:
        return UNSPECIFIED_DOLLAR
    only = dollars.pop()
    return only if only == "USD" or focus[0] in _DOLLAR_OF_COUNTRY else UNSPECIFIED_DOLLAR


def _count(text: str, start: int, pos: int, num: str, scale: float) -> _Reading | None:
    """A number followed by what it counts (`260,000 advanced GPUs`), or the number closing
    a "number of <noun> ... reached N" sentence."""
    if _previous_word(text, start) in _LABELS:
        return None
    # A decimal counts nothing ("Qwen 2.5 models" is a version) unless it is a rate or an
    # average: "6.26 citations per patent", "1.90 average citations", "a citation rate of 6.12".
    decimal = scale == 1 and "." in num
    if _RATIO_BEFORE.search(text, max(0, start - 12), start):
        return None  # "1 in 4 workers" is a share
    if _next_word(text, pos) in _SUPERLATIVES:
        return None  # "its two largest chipmakers" says which, not how many
    owner = _OF_OWNER.match(text, pos) or _PARTITIVE.match(text, pos)
    words = _WORDS_AFTER.match(text, owner.end() if owner else pos)
    if owner is not None and words is not None and ("'" in words[0] or "’" in words[0]):
        words = None  # "3 of the world's largest"
    if words is not None:
        end = pos
        seen: list[str] = []
        head = 0  # words up to the counted noun, once one is found
        joined = False  # right after a conjunction joining two modifiers
        for word in words[0].split():
            end = text.index(word, end) + len(word)
            lower = word.lower()
            if lower in JOINING_WORDS and seen and not joined:
                # "4,000 AI master's and doctoral graduates", "9,000 AI and data specialists",
                # "12 research and development centres": modifiers joined before one head.
                seen.append(word)
                joined = True
                continue
            if lower in _STOP_WORDS or lower in _NOT_COUNTED or (joined and not word[0].isalpha()):
                break  # (not "5,000 direct and 10,000 indirect jobs": two counts)
            joined = False
            if word[-1] in "'’" and _is_plural(word[:-1]):
                # A plural's possessive: "10,000 graphics processing units' worth of compute"
                seen.append(word[:-1])
                head, head_end = len(seen), end - 1
                break
            seen.append(word)
            if _is_plural(word):
                head, head_end = len(seen), end
                if lower not in _PLURAL_MODIFIERS:
                    break  # the head; a modifier ("graphics") may come before one
        if head:
            unit = _compound(seen[:head])
            per = _PER_AFTER.match(text, head_end)
            if per is not None:  # a rate: "6.26 citations per patent", "151 robots per 10,000"
                return _Reading("count", f"{unit} per {' '.join(per[1].split())}", scale,
                                per.end())
            if not decimal or seen[0].lower() in _AVERAGES:
                return _Reading("count", unit, scale, head_end)
            return None
    if decimal:
        return _rate_of(text, start, pos, scale)
    noun = _counted_noun(text, start)
    if noun:
        return _Reading("count", noun, scale, pos)
    return _rate_of(text, start, pos, scale)


# What a rate is per: "6.26 citations per patent", "151 robots per 10,000 workers".
_PER_AFTER = re.compile(rf"{_SP}+per{_SP}+((?:[0-9][0-9,]*{_SP}+)?[A-Za-z][\w-]*)")
# Words that make a decimal before a plural an average, not a version ("1.90 average
# citations", "a mean 2.4 children" aside).
_AVERAGES = word_set("average mean median")
# "an average citation rate of 6.12", "a fertility rate of 1.2": the number a rate is, when
# nothing after it says what it counts (a percent sign would have made it a percent).
_RATE_OF = re.compile(rf"(?:\b([A-Za-z][\w-]*){_SP}+)?rate{_SP}+of{_SP}+$", re.IGNORECASE)
_RATE_ENDS = re.compile(rf"{_SP}*(?:$|[,.;:()–—])")


def _rate_of(text: str, start: int, pos: int, scale: float) -> _Reading | None:
    """The number of "a citation rate of 6.12": a count whose unit is the rate's name."""
    rate = _RATE_OF.search(text, max(0, start - 40), start)
    if rate is None or not _RATE_ENDS.match(text, pos):
        return None
    what = rate[1] if rate[1] and rate[1].lower() not in _STOP_WORDS else ""
    return _Reading("count", f"{what} rate".strip(), scale, pos)


def _compound(words: list[str]) -> str:
    """The compound noun a count counts, from the words between the number and its plural
    head: the head and the nouns right before it ("new data centres" -> "data centres"),
    nouns joined by a conjunction too ("AI and data specialists"; "master's and doctoral
    graduates" -> "graduates")."""
    kept = len(words) - 1
    while kept > 0:
        word = words[kept - 1]
        if word.lower() in JOINING_WORDS:
            if kept > 1 and _is_noun_modifier(words[kept - 2]):
                kept -= 2
                continue
            break
        if not _is_noun_modifier(word):
            break
        kept -= 1
    return " ".join(words[kept:])


def _is_noun_modifier(word: str) -> bool:
    """Whether a word before a counted noun is a noun compounding it ("data", "AI", "chip
    design", "processing"), not an adjective ("new", "advanced", "Korean", "high-end")."""
    lower = word.lower()
    if lower in _PLURAL_MODIFIERS:
        return True
    if lower in _ADJECTIVES or lower in _PARTICIPLES or "-" in word:
        return False
    if country_of_word(word) is not None:
        return False  # "200 US firms", "Korean chipmakers": whose, not what
    if any(ch.isdigit() for ch in word):
        return False  # a model: "6,128 Nvidia H200 graphics processing units", "GB300 chips"
    if word.isupper():
        return True  # "AI chips", "EV batteries"
    if word[:1].isupper():
        return False  # a brand or a name: "18,000 Nvidia chips" counts chips
    return not lower.endswith(_ADJECTIVE_ENDINGS) and not _is_plural(word)


def is_bare_count(figure: Figure) -> bool:
    """A count of nothing in particular: a small number of a generic noun ("three
    countries", "2 teams", "two companies") or of the parts of a method ("three
    indicators", "five pillars"), or a vague quantity of anything ("a dozen private
    companies"). It is extracted (a fact may be ranked by it), but it is no key figure."""
    if figure.kind != "count" or figure.unit is None:
        return False
    if unqualified(figure.text).lower().startswith(_VAGUE_QUANTITIES):
        return True
    noun = figure.unit.lower().split()[-1]
    return figure.value < BARE_COUNT_BELOW and (
        figure.unit.lower() in _GENERIC_NOUNS or noun in _METHOD_NOUNS)


def _counted_noun(text: str, start: int, targets: bool = True) -> str | None:
    """In "the number of AI unicorns in China has reached 71", the noun for 71; with
    `targets`, also in "double the number of AI practitioners to 15,000" (not for a
    year-shaped number: "to 2030" is a year)."""
    if _TRIGGER.search(text, max(0, start - 40), start) is None and not (
            targets and _is_target(text, start)):
        return None
    phrase = _number_of_phrase(text)
    return phrase[1] if phrase is not None and phrase[0] < start else None


def _is_target(text: str, start: int) -> bool:
    """Whether the number at `start` is what a sentence changes its "number of <noun>" to:
    "to" right before it, a verb of change before "the number of", and no other number
    between them."""
    if _TO_BEFORE.search(text, max(0, start - 24), start) is None:
        return False
    change = _CHANGES_NUMBER_OF.search(text, 0, start)
    return change is not None and _DIGIT.search(text, change.end(), start) is None


@lru_cache(maxsize=64)
def _number_of_phrase(text: str) -> tuple[int, str] | None:
    """Where "number of <noun>" ends and its noun; cached so a sentence is searched once."""
    phrase = _NUMBER_OF.search(text)
    if phrase is None:
        return None
    words = phrase[1].split()
    modifier = None  # "the number of graphics processing units": "graphics" is no head
    for n, word in enumerate(words):
        if word.lower() in _STOP_WORDS:
            return None
        if word.lower() in _PLURAL_MODIFIERS:
            modifier = n if modifier is None else modifier
            continue
        if _is_plural(word) and word.lower() not in _NOT_COUNTED:
            return phrase.end(), " ".join(words[n if modifier is None else modifier:n + 1])
    return None


def _is_plural(word: str) -> bool:
    lower = word.lower()
    if lower in _IRREGULAR_PLURALS:
        return True
    if len(word) < 3 or not word.endswith("s") or "'" in word or "’" in word:
        return False
    if word[:-1].isupper():  # GPUs, LLMs, SMEs
        return True
    if lower in _SINGULAR_IN_S or not word[:-1].replace("-", "").isalpha():
        return False
    return lower[-2] not in "sui" or lower.endswith("ies")


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos)
    return m[1].lower() if m else ""


def _previous_word(text: str, start: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, start - 24), start)
    return m[1].lower() if m else ""


def _is_year_shaped(num: str) -> bool:
    return len(num) == 4 and num.isdigit() and 1900 <= int(num) <= 2100


def _number(num: str) -> float:
    return float(num.replace(",", ""))


#: Significant digits a figure's value keeps: more than any figure in news is written with,
#: fewer than a binary float's 15-17, so `$4.07 billion` is 4070000000, not the
#: 4070000000.0000005 that 4.07 * 1e9 gives (and JSON would show).
SIGNIFICANT_DIGITS = 12


def _scaled(number: float, scale: float) -> float:
    """`number` times its scale word, rounded to the digits the text can have given."""
    return float(f"{number * scale:.{SIGNIFICANT_DIGITS}g}")


# --------------------------------------------------------------------------- time frame

#: A figure's time frame: a plan or target, or what is (or was) there.
PLANNED = "planned"
REPORTED = "reported"


def time_frame(text: str, figure: Figure, year: int | None = None) -> str | None:
    """Whether a figure is a plan or target (`planned`: "Korea plans 30,000 GPUs", "will
    spend", "a target of", "by 2030") or a count of what is there (`reported`: "Japan
    currently has 20,000 GPUs", "reached", past tense); None when its sentence says neither.

    The nearest cue before the figure in its clause decides, else the nearest after it
    there, else the nearest before and then after it in the rest of the sentence: "Japan has
    20,000 GPUs and plans 50,000" gives each its own. A comparator takes its clause's frame
    ("Korea plans 30,000 GPUs against Japan's 50,000": Japan's is a plan too). `year`: the
    source's, so "by 2030" is a plan and "by 2024" a count (no year: a year says nothing)."""
    lowered = text.lower()
    start, end = figure.start, figure.start + len(figure.text)
    lo, hi = _frame_clause(lowered, start, end)
    cues_found = _frame_cues(lowered, year)
    before = [c for c in cues_found if c[1] <= start]
    after = [c for c in cues_found if c[0] >= end]
    in_clause = [c for c in before if c[0] >= lo]
    if in_clause:
        return _nearest_before(lowered, in_clause)
    after_in_clause = [c for c in after if c[1] <= hi]
    if after_in_clause:
        return after_in_clause[0][2]
    if before:
        return _nearest_before(lowered, before)
    return after[0][2] if after else None


def _frame_clause(lowered: str, start: int, end: int) -> tuple[int, int]:
    """The span of the clause a figure stands in (see `cues.FRAME_CLAUSE_BREAK`)."""
    lo, hi = 0, len(lowered)
    for m in cues.FRAME_CLAUSE_BREAK.finditer(lowered):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


def _frame_cues(lowered: str, year: int | None) -> list[tuple[int, int, str]]:
    """Every time-frame cue of a sentence, in order: (start, end, frame)."""
    found = [(m.start(), m.end(), PLANNED) for m in cues.PLANNED_FRAME.finditer(lowered)]
    taken = [(s, e) for s, e, _ in found]
    found += [(m.start(), m.end(), REPORTED) for m in cues.REPORTED_FRAME.finditer(lowered)
              if not any(s < m.end() and m.start() < e for s, e in taken)]
    if year is not None:
        for m in cues.BY_YEAR.finditer(lowered):
            said = int(m.group("year"))
            if said != year:
                found.append((m.start(), m.end(), PLANNED if said > year else REPORTED))
    return sorted(found)


def _nearest_before(lowered: str, before: list[tuple[int, int, str]]) -> str:
    """The frame of the nearest cue before a figure; a past form a plan's word governs is the
    plan's ("aims to have reached", "will hit", "the goal is")."""
    start, _, frame = before[-1]
    if frame == REPORTED and len(before) > 1:
        _, prev_end, prev_frame = before[-2]
        if prev_frame == PLANNED and cues.FRAME_GOVERNED_GAP.match(lowered[prev_end:start]):
            return PLANNED
    return frame
