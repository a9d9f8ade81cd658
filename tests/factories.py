"""Hand-built domain objects for renderer and mail tests that must not depend on extraction.

The end-to-end tests use the real pipeline on the bundled seeds; these let a renderer be
tested on exactly the text it is given (hostile markup, Hangul, long tables).
"""

from __future__ import annotations

from datetime import date

from briefing.model import (
    Brief,
    BriefItem,
    Citation,
    Fact,
    Figure,
    FigureRow,
    Scope,
    Section,
    Selection,
    Source,
    SourceRef,
)


def make_source(n: int, *, publisher: str | None = "Example News", date_: str | None = "2025-03-01",
                title: str | None = None, url: str | None = "https://example.com/a") -> Source:
    return Source(
        key=f"{n:03d}.txt",
        path=f"{n:03d}.txt",
        title=title or f"Article number {n}",
        publisher=publisher,
        date=date_,
        url=url,
        sha256=f"{n:064x}",
    )


def make_fact(n: int, text: str, source: Source, *, countries=("KR",), themes=("investment",),
              figures: tuple[Figure, ...] = ()) -> Fact:
    return Fact(
        id=f"f{n:09x}",
        text=text,
        countries=tuple(countries),
        themes=tuple(themes),
        figures=figures,
        citations=(Citation(source, 10 * n, 10 * n + len(text), text),),
        heading=None,
        position=n,
    )


def make_brief(facts: list[Fact] | None = None, *, title: str = "Brief: South Korea",
               as_of: date = date(2026, 11, 22)) -> Brief:
    """A brief with every fact in one section, one key finding and one key figure."""
    if facts is None:
        src = make_source(1, title="Korea triples its AI budget", url="https://example.com/kr")
        money = Figure("$6.8 billion", "money", 6.8e9, "USD", 58)
        facts = [
            make_fact(1, "The government plans to triple its AI development budget to "
                         "approximately $6.8 billion next year.", src, figures=(money,)),
            make_fact(2, "South Korea has made investments in AI along with image recognition.",
                      src, themes=("research",)),
        ]
    numbers: dict[str, int] = {}
    for f in facts:
        numbers.setdefault(f.source.key, len(numbers) + 1)
    items = tuple(BriefItem(f, (numbers[f.source.key],)) for f in facts)
    sources = tuple(
        SourceRef(n, next(f.source for f in facts if f.source.key == key), undated=False)
        for key, n in numbers.items()
    )
    rows = tuple(FigureRow(fig, it, it.fact.countries) for it in items for fig in it.fact.figures)
    dates = sorted(s.source.date for s in sources if s.source.date)
    return Brief(
        title=title,
        as_of=as_of,
        selection=Selection(countries=("KR",)),
        country_names={"KR": "South Korea"},
        theme_names={"investment": "Investment & funding", "research": "Research"},
        scope=Scope(facts=len(items), sources=len(sources), earliest=dates[0] if dates else None,
                    latest=dates[-1] if dates else None,
                    undated=sum(1 for s in sources if not s.source.date)),
        key_findings=items[:1],
        key_figures=rows,
        sections=(Section("investment", "Investment & funding", items),),
        comparison=None,
        compared=(),
        conflicts=(),
        sources=sources,
        stale_after_years=2,
        version="0.1.0",
        corpus_fingerprint="0" * 64,
        items=items,
    )
