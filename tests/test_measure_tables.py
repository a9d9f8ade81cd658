"""A comparison brief's "Key figures by measure" tables on a corpus written for them: a count
goes in the table of what its head noun counts, and a range is shown whole, never as its
lower end alone."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from briefing.cli.app import app

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
