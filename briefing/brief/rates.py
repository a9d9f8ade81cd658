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
"""

from __future__ import annotations

import math
import re
from datetime import date
from pathlib import Path
from typing import Any

from briefing.model import RateTable
from briefing.userconfig import ConfigError, config_path, read_config

#: Keys of the table that are not currencies.
_META = ("into", "date", "source")
_CURRENCY = re.compile(r"[A-Z]{3}")


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
    into = _currency(table.get("into"), f"{where} into")
    day = _day(table.get("date"), f"{where} date")
    source = table.get("source")
    if not isinstance(source, str) or not source.strip() or "\n" in source:
        raise ConfigError(f"{where} needs source = \"where the rates come from\" (one line)")
    rates = sorted((_currency(code, f"{where} key {code!r}"), _rate(value, f"{where} {code}"))
                   for code, value in table.items() if code not in _META)
    if not rates:
        raise ConfigError(f"{where} gives no rate: add lines such as JPY = 0.0064 (what one "
                          f"unit is worth in {into})")
    return RateTable(into, day, " ".join(source.split()),
                     tuple((c, r) for c, r in rates if c != into))


def _currency(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _CURRENCY.fullmatch(value):
        raise ConfigError(f"{where}: expected a currency code in capitals such as USD, not "
                          f"{value!r}")
    return value


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
