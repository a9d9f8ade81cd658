"""A figure's time frame (a plan or target, or what is there now) read from its sentence, and
bar charts that never set one against the other: "Korea plans 30,000 GPUs against Japan's
50,000" is a comparison of plans, "Japan currently has about 20,000 GPUs, fewer than South
Korea's 25,000" one of counts. Sentences and articles written for these tests."""

from __future__ import annotations

import pytest

from briefing.extract.figures import PLANNED, REPORTED, find_figures, time_frame


def frames(sentence: str, year: int | None = 2026) -> list[tuple[str, str | None]]:
    return [(f.text, time_frame(sentence, f, year)) for f in find_figures(sentence)
            if f.kind != "year"]


@pytest.mark.parametrize(("sentence", "expected"), [
    # A plan set against another country's: both are plans.
    ("Vietnam intends to deploy 8,000 GPUs, against Thailand's 12,000.",
     [("8,000 GPUs", PLANNED), ("12,000", PLANNED)]),
    # A count set against another's: both are counts.
    ("Peru now runs 900 GPUs at its universities, fewer than Chile's 1,400.",
     [("900 GPUs", REPORTED), ("1,400", REPORTED)]),
    # One sentence, two frames: each figure takes its own clause's.
    ("Kenya has 300 GPUs today and wants 2,000 by 2029.",
     [("300 GPUs", REPORTED), ("2,000", PLANNED)]),
    # A target noun after the figure, a goal before a copula, a plan's past form.
    ("Norway has a goal of 5,000 GPUs.", [("5,000 GPUs", PLANNED)]),
    ("Norway counts 5,000 GPUs as its goal.", [("5,000 GPUs", PLANNED)]),
    ("The ministry's aim is 4,000 servers.", [("4,000 servers", PLANNED)]),
    ("Brazil expects to have installed 6,500 GPUs by 2028.", [("6,500 GPUs", PLANNED)]),
    # Past tense and "since": a count of what was done.
    ("Egypt trained 12,000 data scientists since 2021.", [("12,000 data scientists", REPORTED)]),
    ("Chile bought 700 GPUs last year, the agency said.", [("700 GPUs", REPORTED)]),
])
def test_a_figure_takes_the_time_frame_its_clause_gives(sentence, expected):
    assert frames(sentence) == expected


def test_a_year_after_the_sources_is_a_plan_and_one_before_it_a_count():
    assert frames("Ghana will reach 1,000 GPUs by 2030.") == [("1,000 GPUs", PLANNED)]
    # "by <year>" alone: a plan when the year is ahead of the source's, a count when behind.
    assert frames("Ghana with 1,000 GPUs by 2030 leads the region.") == [("1,000 GPUs",
                                                                          PLANNED)]
    assert frames("Ghana with 1,000 GPUs by 2024 leads the region.") == [("1,000 GPUs",
                                                                          REPORTED)]
    # No source year: the year says nothing either way.
    assert frames("Ghana with 1,000 GPUs by 2030 leads the region.", None) == [
        ("1,000 GPUs", None)]


def test_reporting_verbs_date_the_telling_not_the_figure():
    assert frames("Officials said 450 GPUs, the agency reported.") == [("450 GPUs", None)]
