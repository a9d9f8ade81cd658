"""A comparison brief's "Key figures by measure" tables on a corpus written for them: a count
goes in the table of what its head noun counts, and a range is shown whole, never as its
lower end alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli.app import app
from briefing.extract.figures import find_figures

ARTICLE = """March 3, 2026

South Korea will train 20,000 semiconductor engineers by 2030, the labour ministry said.

Japan will install 8,000 AI chips in a new public cloud by 2027, officials said.

China will spend 5-6 billion yuan on AI compute centres by 2028, the ministry said.

Japan will spend between 30 and 40 billion yen on chip plants this year.

About 30-40% of Korean manufacturers already use AI tools, a ministry survey found.
"""


def tables(tmp_path: Path) -> dict[str, list[list[str]]]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "asia.txt").write_text(ARTICLE, encoding="utf-8")
    return tables_of(corpus, tmp_path)


def tables_of(corpus: Path, tmp_path: Path) -> dict[str, list[list[str]]]:
    """The rows (country, figure) of each table of a KR-JP-CN brief on `corpus`."""
    r = CliRunner().invoke(app, ["make", "-c", "KR", "-c", "JP", "-c", "CN", "--format", "md",
                                 "--date", "2026-12-01", "--corpus", str(corpus), "--out",
                                 str(tmp_path / "out")])
    assert r.exit_code == 0, r.output
    brief = Path(r.stdout.strip()).read_text(encoding="utf-8")
    part = brief.split("## Key figures by measure", 1)[1].split("\n## ", 1)[0]
    found: dict[str, list[list[str]]] = {}
    for section in part.split("\n### ")[1:]:
        title, _, body = section.partition("\n")
        found[title] = [[cell.strip() for cell in line.strip("|").split("|")][:2]
                        for line in body.splitlines()
                        if line.startswith("| ") and not line.startswith("| Country")]
    return found


def test_counts_go_by_head_noun_and_ranges_show_both_ends(tmp_path):
    found = tables(tmp_path)
    assert found["People"] == [["South Korea", "20,000 semiconductor engineers"]]
    assert found["GPUs and chips"] == [["Japan", "8,000 AI chips"]]
    assert found["Money in CNY"] == [["China", "5-6 billion yuan (5–6 bn CNY)"]]
    assert found["Money in JPY"] == [["Japan", "30 and 40 billion yen (30–40 bn JPY)"]]
    (share,) = found["Shares and other percentages (%)"]
    assert share[1].endswith("(30–40%)")


@pytest.mark.parametrize(("sentence", "read"), [
    # A range whose ends both carry a scale word is one figure, valued at its lower end.
    ("Japan will spend between 300 billion and 400 billion yen on chips.",
     [("300 billion and 400 billion yen", 300e9, "JPY")]),
    ("South Korea will invest 1.2 trillion to 1.5 trillion won in AI.",
     [("1.2 trillion to 1.5 trillion won", 1.2e12, "KRW")]),
    # A change from one amount to another is two figures of one unit.
    ("Spending rose from 20 billion to 30 billion yen.",
     [("20 billion", 20e9, "JPY"), ("30 billion yen", 30e9, "JPY")]),
    # Two amounts joined by "and" without "between" stay apart; one scale word stays whole.
    ("The funds hold 2 billion and 3 billion yen.", [("3 billion yen", 3e9, "JPY")]),
    ("China will spend 5-6 billion yuan.", [("5-6 billion yuan", 5e9, "CNY")]),
])
def test_a_range_that_writes_its_scale_twice_keeps_both_ends(sentence, read):
    assert [(f.text, f.value, f.unit) for f in find_figures(sentence)] == read


def test_a_range_with_two_scale_words_shows_both_ends_in_its_table(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plans.txt").write_text(
        "March 3, 2026\n\nJapan will spend between 300 billion and 400 billion yen on chips,"
        " the ministry said.\n\nSouth Korea will invest 1.2 trillion to 1.5 trillion won in"
        " AI by 2028.\n", encoding="utf-8")
    found = tables_of(corpus, tmp_path)
    assert found["Money in JPY"] == [["Japan", "300 billion and 400 billion yen (300–400 bn JPY)"]]
    assert found["Money in KRW"] == [
        ["South Korea", "1.2 trillion to 1.5 trillion won (1.2–1.5 tn KRW)"]]


def test_a_quote_is_labelled_with_the_countries_it_compares_with(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "asia.txt").write_text(
        "March 3, 2026\n\nSouth Korea plans to install 30,000 GPUs by 2028, against Japan's"
        " 50,000, the ministry said.\n\nChina graduates about 50,000 AI engineers a year,"
        " compared with about 6,000 in South Korea.\n\nJapan will spend 1 trillion yen on AI"
        " by 2030.\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["make", "-c", "KR", "-c", "JP", "-c", "CN", "--format", "md",
                                 "--date", "2026-12-01", "--corpus", str(corpus), "--out",
                                 str(tmp_path / "out")])
    assert r.exit_code == 0, r.output
    brief = Path(r.stdout.strip()).read_text(encoding="utf-8")
    labels = [line.split(":**")[0].split("**")[1] for line in brief.splitlines()
              if line[:1].isdigit() and ":**" in line]
    assert labels == ["South Korea, compared with Japan", "China, compared with South Korea",
                      "Japan"]


YARDSTICKS = """April 7, 2026

South Korea's AI compute budget is fewer than one-tenth of China's, a ministry report said.

Japan's spending on public AI research is about a third that of the United States.

South Korea now holds 12% of global AI patent filings, the patent office said.

About 45% of Japan's data centres are in the Tokyo region, according to the survey.

Japan's compute budget is roughly one-fifth of China's, according to figures from the Japan
Research Institute, which put Chinese state spending on computing at more than 500 billion yuan
a year.
"""


def test_a_percent_of_another_countrys_quantity_is_no_share_of_a_whole(tmp_path):
    """"One-tenth of China's" measures Korea against China: tabled with the shares it would
    read as Korea's own 10%. A country's share of its own whole stays in the table."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "yardsticks.txt").write_text(YARDSTICKS, encoding="utf-8")
    found = tables_of(corpus, tmp_path)
    rows = found["Shares and other percentages (%)"]
    assert sorted(country for country, _ in rows) == ["Japan", "South Korea"]
    assert not [f for _, f in rows if "tenth" in f or "third" in f or "fifth" in f]
    # The estimate the Japanese institute makes is of China's spending, not Japan's.
    assert found["Money in CNY"] == [["China", "more than 500 billion yuan (500 bn CNY)"]]
