"""Reading what the user typed into option values: days (`--date`, `--since`), countries and
themes (`-c`, `-t`), with the one-line errors the commands give. Shared by the command
modules (`app`, `correct`, ...), which import it from here so that none imports another.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from briefing.errors import UnknownName, UsageError
from briefing.model import Selection

if TYPE_CHECKING:
    from briefing.extract.themes import Taxonomy


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        from briefing.dates import no_day_why

        why = no_day_why(value)
        if why is None:
            raise UsageError(f"{option} expects a date as YYYY-MM-DD, got {value!r}") from None
        raise UsageError(f"{option}: {value.strip()} is not a date ({why})") from None


def selection_from(store, countries: list[str] | None, themes: list[str] | None, **kw
                   ) -> Selection:
    codes = tuple(dict.fromkeys(resolve_country(c) for c in countries or ()))
    slugs = tuple(dict.fromkeys(resolve_theme(store.taxonomy, t) for t in themes or ()))
    return Selection(countries=codes, themes=slugs, **kw)


def resolve_country(query: str, *, strict: bool = False) -> str:
    """A country's code from what the user typed. A typo read as a country is said on
    stderr in one line ("note: Japn → Japan (JP)"): a guess the user did not see would
    make a brief on a country they did not ask for look like the one they did. `strict`
    (a command that writes the user's data): a guess is refused, as "unknown country
    'Japna'; did you mean Japan (JP)?", never applied."""
    from briefing.brief.saved import country_guessed

    try:
        code, guess = country_guessed(query)
    except UnknownName as err:
        if err.suggestions:
            raise
        raise UsageError(f"{err} (see `briefing countries` for those the corpus has facts "
                         "about)") from None
    if guess and strict:
        from briefing.extract.countries import country_name

        raise UnknownName("country", " ".join(query.split()), [f"{country_name(code)} ({code})"])
    _say_guess(guess)
    return code


def resolve_theme(taxonomy: Taxonomy, query: str, *, strict: bool = False) -> str:
    """A theme's slug from what the user typed (a typo read as a theme said as a country's
    is, or refused when `strict`). With nothing close to suggest, the error lists every
    theme: a taxonomy has a handful, and "unknown theme" alone leaves the user guessing."""
    from briefing.brief.saved import theme_guessed

    try:
        slug, guess = theme_guessed(taxonomy, query)
    except UnknownName as err:
        if err.suggestions:
            raise
        slugs = ", ".join(t.slug for t in taxonomy.themes)
        raise UsageError(f"{err}; the themes are {slugs} (see `briefing themes`)") from None
    if guess and strict:
        raise UnknownName("theme", " ".join(query.split()), [f"{taxonomy.name(slug)} ({slug})"])
    _say_guess(guess)
    return slug


def _say_guess(guess: str | None) -> None:
    if guess:
        from briefing.cli.printing import echo

        echo(f"note: {guess}", err=True)
