"""The user's exchange rates: the only way a brief shows an amount in another currency.

A brief on several countries keeps each currency in its own table; with a `[rates]` table in
the config file (`briefing.userconfig`), each table in another currency gains a column of
amounts converted at those rates, marked as converted, and Method states the rates' date and
source. Nothing is looked up or assumed: a currency without a rate is not converted.

    [rates]
    into = "USD"                          # the currency amounts are converted to
    date = "2026-05-29"                   # the day the rates are for
    source = "ECB euro reference rates"   # where they come from
    JPY = 0.0064                          # what one unit is worth in `into`
    KRW = 0.00072

Every code is checked against ISO 4217 (pycountry's list): a line such as `YEN = 0.0066`
would otherwise never match an amount and be ignored without a word, so it is a one-line
error that suggests the code (`JPY`). The currency amounts are converted into needs no rate;
listed, its rate must be 1.

A rate is checked only for its order of magnitude: where both its currency and `into` are in
`REFERENCE_MAGNITUDES`, a rate more than `BAND` times off the ratio of the two (`KRW = 1470`,
won per dollar where the table wants dollars per won) is a one-line error that says what one
unit would be worth and suggests the inverse when that fits. The magnitudes are never used to
convert anything: a currency without the user's rate is not converted.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from briefing.model import RateTable
from briefing.userconfig import ConfigError, config_path, read_config

#: Keys of the table that are not currencies.
_META = ("into", "date", "source")
#: Names for a currency that analysts write in place of its ISO code, each with that code:
#: "RMB" (renminbi) for the yuan, "NTD" (New Taiwan dollar), "UKP" for the pound sterling.
_WRITTEN_FOR = {"RMB": "CNY", "NTD": "TWD", "UKP": "GBP"}

#: Roughly what one unit of a currency is worth in US dollars, to two figures: rounded from
#: the ECB's euro reference rates and the Federal Reserve's H.10 rates of 2024-2025. Only a
#: band check of the user's rates (`BAND`), never a rate: nothing is converted with them.
#: Currencies that lose much of their value within a year or two (TRY, ARS, EGP, NGN, ...)
#: are left out, so they are never judged; so is any currency not listed.
REFERENCE_MAGNITUDES: dict[str, float] = {
    "USD": 1.0, "EUR": 1.1, "GBP": 1.3, "CHF": 1.2, "JPY": 0.0068, "CNY": 0.14,
    "KRW": 0.00072, "INR": 0.012, "CAD": 0.72, "AUD": 0.65, "NZD": 0.59, "SGD": 0.76,
    "HKD": 0.13, "TWD": 0.032, "SEK": 0.099, "NOK": 0.095, "DKK": 0.15, "PLN": 0.26,
    "CZK": 0.044, "BRL": 0.18, "MXN": 0.053, "ZAR": 0.055, "SAR": 0.27, "AED": 0.27,
    "ILS": 0.28, "IDR": 0.000062, "VND": 0.000039, "THB": 0.030, "MYR": 0.23, "PHP": 0.017,
}
#: How far a rate may be from the reference ratio of its two currencies, either way, before it
#: is refused: a generous band (exchange rates of these currencies move far less in years),
#: narrow enough to catch a rate written the wrong way round (won per dollar is ~1,400 times
#: dollars per won) or in the wrong unit.
BAND = 20.0


def load_rates(path: Path | None = None) -> RateTable | None:
    """The `[rates]` table of the user's config file, or None when it has none. A table
    that cannot be right is a one-line ConfigError, never a guess."""
    where = path or config_path()
    table = read_config(where).get("rates")
    if table is None:
        return None
    return parse_rates(table, f"config file {where}: [rates]")


def parse_rates(table: Any, where: str) -> RateTable:
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table of settings")
    for key, example in (("into", '"USD" (the currency amounts are converted into)'),
                         ("date", "2026-05-29 (the day the rates are for)")):
        if table.get(key) is None:
            raise ConfigError(f"{where} needs {key} = {example}")
    into = _currency(table.get("into"), f"{where} into")
    day = _day(table.get("date"), f"{where} date")
    source = table.get("source")
    if not isinstance(source, str) or not source.strip() or "\n" in source:
        raise ConfigError(f"{where} needs source = \"where the rates come from\" (one line)")
    rates = sorted((_currency(code, f"{where} {code}", key=True), _rate(value, f"{where} {code}"))
                   for code, value in table.items() if code not in _META)
    # The currency converted into needs no rate; one the user lists anyway must be 1.
    if any(c == into and r != 1 for c, r in rates):
        raise ConfigError(f"{where} {into}: amounts are converted into {into} (into = "
                          f"\"{into}\"), so one {into} is worth 1 {into}; remove the line")
    rates = [(c, r) for c, r in rates if c != into]
    for code, rate in rates:
        _check_magnitude(code, rate, into, f"{where} {code} = {_written(rate)}")
    if not rates:
        raise ConfigError(f"{where} gives no rate: add lines such as JPY = 0.0064 (what one "
                          f"unit is worth in {into})")
    return RateTable(into, day, " ".join(source.split()), tuple(rates))


def _currency(value: Any, where: str, key: bool = False) -> str:
    """An ISO 4217 code as given; anything else a one-line error with the code meant."""
    if isinstance(value, str) and value in _codes():
        return value
    hint = _suggestion(value) if isinstance(value, str) else None
    problem = "not an ISO 4217 currency code" if key else (
        f"expected an ISO 4217 currency code such as USD, not {value!r}")
    raise ConfigError(f"{where}: {problem}" + (f"; did you mean {hint}?" if hint else ""))


@cache
def _codes() -> dict[str, str]:
    """ISO 4217 codes and their names (pycountry's list): `JPY` -> `Yen`."""
    import pycountry

    return {c.alpha_3: c.name for c in pycountry.currencies}


def _suggestion(written: str) -> str | None:
    """The code a user most likely meant, with its name ("JPY (Yen)"): the same code in
    other case (`jpy`), a name analysts write for it (`RMB`), the currency's own name or
    the only one it names a word of (`YEN`, `Euro`, `yuan`), else codes one typo away
    (`JYP`)."""
    from rapidfuzz.distance import OSA

    codes = _codes()
    key = " ".join(written.split()).casefold()
    found = [c for c in (written.strip().upper(), _WRITTEN_FOR.get(key.upper())) if c in codes]
    found = found or [c for c, name in codes.items() if name.casefold() == key]
    if not found and key:
        named = [c for c, name in codes.items() if key in name.casefold().split()]
        found = named if len(named) == 1 else []
    if not found and len(key) == 3:
        # One typo away, letters swapped first ("JYP": JPY); codes of funds, metals and
        # units of account (X..) only for a code that starts with X.
        typed = key.upper()
        near = [c for c in codes if OSA.distance(c, typed) == 1
                and (not c.startswith("X") or typed.startswith("X"))]
        found = sorted(c for c in near if sorted(c) == sorted(typed)) or sorted(near)[:3]
    return " or ".join(f"{c} ({codes[c]})" for c in found) or None


def _day(value: Any, where: str) -> str:
    # TOML reads a bare 2026-05-29 as a date, YAML too; a quoted one is text.
    if isinstance(value, date):
        return value.isoformat()[:10]
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ConfigError(f"{where}: expected the day the rates are for, YYYY-MM-DD, not "
                          f"{value!r}") from None


def _rate(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not (
            value > 0 and math.isfinite(value)):
        raise ConfigError(f"{where}: expected a positive number (what one unit is worth), "
                          f"not {value!r}")
    return float(value)


def reference_ratio(code: str, into: str) -> float | None:
    """Roughly what one `code` is worth in `into` (`REFERENCE_MAGNITUDES`); None when either
    currency is not in the table."""
    if code not in REFERENCE_MAGNITUDES or into not in REFERENCE_MAGNITUDES:
        return None
    return REFERENCE_MAGNITUDES[code] / REFERENCE_MAGNITUDES[into]


def _check_magnitude(code: str, rate: float, into: str, where: str) -> None:
    """A one-line ConfigError when the rate is more than `BAND` times off what one `code`
    is roughly worth in `into`; says the inverse when that is within the band."""
    expected = reference_ratio(code, into)
    if expected is None or 1 / BAND <= rate / expected <= BAND:
        return
    message = (f"{where}: 1 {code} would be worth {_written(rate, ',')} {into}, but 1 {code} is "
               f"roughly {_figures(expected, 1)} {into}")
    if 1 / BAND <= (1 / rate) / expected <= BAND:
        message += f"; is it inverted? (1/{_written(rate)} = {_figures(1 / rate)})"
    else:
        message += f"; check the rate (what 1 {code} is worth in {into})"
    raise ConfigError(message)


def _written(rate: float, grouping: str = "") -> str:
    """A rate as the user wrote it, never in exponent form: `1470`, `0.00072` (`1,470` with
    `grouping` ",")."""
    return format(Decimal(repr(rate)).normalize(), f"{grouping}f")


def _figures(value: float, digits: int = 2) -> str:
    """A number to `digits` significant figures, with thousands separators and never in
    exponent form: `1,470`, `0.00068`."""
    rounded = float(f"{value:.{digits}g}")
    return format(Decimal(repr(rounded)).normalize(), ",f")
