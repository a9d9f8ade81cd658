"""Comparison briefs (issue 23, item 1): a brief on South Korea, Japan and China made by the
real CLI from a corpus written for these tests, read as Markdown and as the PDF's text.

- At a glance: themes by country, each cell the strongest fact on both with its figure and
  citation (the number points at the right source), "—" where the brief has none.
- Every quote says whose fact it is ("Japan:"), several countries when it is about several,
  and another country's fact compared with one of the brief's says so.
- Key figures by measure: a table per currency and per counted thing, newest first; yen and
  won never share a table, and nothing is converted unless the user's config gives rates.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest
from isolation import isolated
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from briefing.cli.app import app

DAY = "2026-06-01"
SELECTION = ("-c", "KR", "-c", "JP", "-c", "CN")
NAMES = ("South Korea", "Japan", "China")

#: The corpus, in our own words: (file, title, date, body). Japan has money in yen at two
#: dates, Korea in won, China in yuan; GPUs, patents and engineers are counted; one fact is
#: about Japan and Korea together, one is Taiwan's compared with China, one names its
#: country only as "the government", and one carries Markdown and HTML that must stay text.
ARTICLES = (
    ("jp-compute.md", "Tokyo widens its compute subsidy", "2026-03-10",
     "Japan will spend 1.2 trillion yen on domestic AI computing over the next three years, "
     "the trade ministry said on Tuesday.\n\n"
     "The ministry also expects Japanese operators to install 12,000 GPUs at new data centres "
     "in Hokkaido by 2027.\n\n"
     "Japan registered 9,400 AI patents last year, according to the patent office.\n\n"
     "The government has also set aside 80 billion yen to train AI researchers at national "
     "universities."),
    ("jp-older.md", "Japan's first AI compute fund", "2025-05-02",
     "Japan set aside 300 billion yen for AI supercomputers in its first compute fund, "
     "officials said."),
    ("kr-budget.md", "Seoul lifts AI budget", "2026-04-20",
     "South Korea will invest 2.4 trillion won in AI semiconductors next year, the science "
     "ministry announced.\n\n"
     "The government said South Korea will train 5,000 AI engineers by 2028 under the plan."),
    ("cn-chips.md", "Beijing backs chip makers", "2026-02-14",
     "China has earmarked 50 billion yuan for AI chip research, the finance ministry said.\n\n"
     "Chinese companies filed 38,000 generative AI patents over the decade, the patent office "
     "reported.\n\n"
     "China holds 36% of the world's AI models, the academy's report found."),
    ("kr-jp.md", "Neighbours pool supercomputers", "2026-01-08",
     "Japan and South Korea agreed to pool their national supercomputers for joint research "
     "on language models, the two governments said."),
    ("tw.md", "Foundries and their rivals", "2026-05-05",
     "Taiwan makes 60% of the world's advanced chips, compared with 8% in China, the "
     "industry group said."),
    ("jp-robots.md", "Robotics fund draws scrutiny", "2025-01-15",
     "Japan's ministry listed <script>alert(1)</script> and **bold** and "
     "[a link](http://evil.example) beside its 40 billion yen fund for factory robots."),
)
RATES = """
[rates]
into = "USD"
date = 2026-05-29
source = "Test desk rate sheet"
JPY = 0.0064
KRW = 0.00072
"""


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, title, day, body in ARTICLES:
        (folder / name).write_text(f"---\ntitle: {title}\ndate: {day}\n---\n\n{body}\n",
                                   encoding="utf-8")
    return folder


def make(corpus: Path, out: Path, fmt: str = "both", *extra: str) -> list[Path]:
    result = CliRunner().invoke(app, ["make", *SELECTION, *extra, "--date", DAY, "--format",
                                      fmt, "--corpus", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return [Path(line) for line in result.stdout.split()]


@dataclass(frozen=True)
class Made:
    corpus: Path
    markdown: str
    pdf: Path
    cache: Path


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Made:
    root = tmp_path_factory.mktemp("compare")
    corpus = write_corpus(root / "corpus")
    with isolated(root):
        md, pdf = make(corpus, root / "out")
    return Made(corpus, md.read_text(encoding="utf-8"), pdf, root / "cache")


# --------------------------------------------------------------------------- reading a brief


def section(markdown: str, heading: str) -> str:
    """The Markdown of one `## ` section, without its heading."""
    start = markdown.index(f"\n## {heading}\n") + len(heading) + 5
    end = markdown.find("\n## ", start)
    return markdown[start:end if end >= 0 else None]


def table(markdown: str) -> list[list[str]]:
    """The rows of the first Markdown table in `markdown` (header first), cells stripped."""
    lines = [ln for ln in markdown.splitlines() if ln.startswith("|")]
    rows = [re.split(r"(?<!\\)\|", ln)[1:-1] for ln in lines if not ln.startswith("|---")]
    return [[c.strip() for c in row] for row in rows]


def glance(markdown: str) -> dict[tuple[str, str], str]:
    """At a glance, by (theme, country)."""
    header, *rows = table(section(markdown, "At a glance"))
    assert header == ["Theme", *NAMES]
    return {(row[0], country): cell for row in rows for country, cell in zip(header[1:], row[1:],
                                                                            strict=True)}


def sources(markdown: str) -> dict[int, str]:
    """Source number -> title, from the Sources list."""
    return {int(n): title for n, title in
            re.findall(r"^(\d+)\. [^“\n]*“([^”]+)”", section(markdown, "Sources"), re.M)}


def cited(cell: str) -> list[str]:
    """The numbers of the sources a cell cites."""
    return [int(n) for n in re.findall(r"\[(\d+)\]", cell)]


def measure_tables(markdown: str) -> dict[str, list[list[str]]]:
    """Key figures by measure: title -> rows (header first)."""
    part = section(markdown, "Key figures by measure")
    blocks = re.split(r"^### (.+)$", part, flags=re.M)[1:]
    return {title: table(body) for title, body in zip(blocks[::2], blocks[1::2], strict=True)}


def quoted_items(markdown: str) -> list[str]:
    """Every list item of the key findings and the theme sections (the quoted facts)."""
    body = markdown[markdown.index("\n## Key findings\n"):markdown.index("\n## Method\n")]
    return [ln for ln in body.splitlines() if re.match(r"(- |\d+\. )", ln) and "“" in ln]


def pdf_layout(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def layout_columns(text: str, start: str, end: str, header: tuple[str, ...]
                   ) -> dict[str, dict[str, str]]:
    """A table of the PDF read back by columns: the `-layout` lines from `start` to `end`,
    cut where the header line places each column; rows are the blocks between blank
    lines, keyed by their first column. The header repeats on every page the table spans."""
    lines = text[text.index(start):text.index(end)].splitlines()[1:]
    head = next(ln for ln in lines if all(h in ln for h in header))
    cuts = [head.index(h) for h in header] + [10_000]
    rows: dict[str, dict[str, str]] = {}
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip() and not all(h in line for h in header) and "page " not in line and (
                "Policy brief" not in line):
            block.append(line)
            continue
        if block:
            columns = [" ".join(ln[a:b].strip() for ln in block).strip()
                       for a, b in pairwise(cuts)]
            rows[columns[0]] = dict(zip(header[1:], columns[1:], strict=True))
            block = []
    return rows


# --------------------------------------------------------------------------- at a glance


def test_at_a_glance_cells_hold_the_strongest_fact_and_cite_its_source(made):
    cells, titles = glance(made.markdown), sources(made.markdown)
    expected = {
        ("Investment & funding", "South Korea"): ("**2.4 trillion won**", "Seoul lifts AI budget"),
        # Japan's 1.2 trillion yen for "domestic AI computing" is mainly a Sovereign AI fact
        # (its section) and that row's only one; the 80 billion yen is Talent's only one.
        # Investment shows the fund no other cell shows, mainly on funding like those two.
        ("Sovereign AI", "Japan"): ("**1.2 trillion yen**", "Tokyo widens its compute subsidy"),
        ("Investment & funding", "Japan"): ("**300 billion yen**",
                                            "Japan's first AI compute fund"),
        ("Talent & skills", "Japan"): ("**80 billion yen**", "Tokyo widens its compute subsidy"),
        ("Investment & funding", "China"): ("**50 billion yuan**", "Beijing backs chip makers"),
        ("Patents & IP", "Japan"): ("**9,400 AI patents**", "Tokyo widens its compute subsidy"),
        ("Patents & IP", "China"): ("**38,000 generative AI patents**",
                                    "Beijing backs chip makers"),
        ("Compute & chips", "Japan"): ("**12,000 GPUs**", "Tokyo widens its compute subsidy"),
        ("Talent & skills", "South Korea"): ("**5,000 AI engineers**", "Seoul lifts AI budget"),
    }
    for (theme, country), (figure, title) in expected.items():
        cell = cells[theme, country]
        assert figure in cell, (theme, country, cell)
        assert [titles[n] for n in cited(cell)] == [title], (theme, country, cell)
    # Korea's 2.4 trillion won is Investment's only fact; Compute, which has the shared
    # supercomputer pact too, shows that rather than the won again.
    assert cells["Compute & chips", "South Korea"].startswith("“Japan and South Korea agreed")
    # Each country's column shows every fact it can: a fact repeats only where a cell
    # has no other left (Korea has 3 facts for 5 cells, Japan 7 for 8, China 3 for 6).
    for country, facts in (("South Korea", 3), ("Japan", 7), ("China", 3)):
        shown = {cell.split("”")[0] for (_, c), cell in cells.items() if c == country}
        assert len(shown - {"—"}) == facts, (country, shown)
    # No fact: said so, never a blank or a zero.
    assert cells["Talent & skills", "China"] == "—"
    assert cells["Patents & IP", "South Korea"] == "—"
    # A fact without a figure of the country's is shortened from its start, not bolded.
    together = cells["AI models", "South Korea"]
    assert together.startswith("“Japan and South Korea agreed to pool") and "**" not in together
    assert [titles[n] for n in cited(together)] == ["Neighbours pool supercomputers"]
    # Counts are gone; the note says how many facts each country has.
    assert "Facts per country: South Korea 3, Japan 7, China 3." in section(made.markdown,
                                                                           "At a glance")
    assert "## Comparison" not in made.markdown


def test_at_a_glance_in_the_pdf_puts_each_fact_in_its_countrys_column(made):
    text = pdf_layout(made.pdf)
    rows = layout_columns(text, "At a glance", "Each cell is the strongest", ("Theme", *NAMES))
    investment = next(v for k, v in rows.items() if k.startswith("Investment"))
    assert squash("2.4 trillion won") in squash(investment["South Korea"])
    assert squash("300 billion yen") in squash(investment["Japan"])
    assert squash("50 billion yuan") in squash(investment["China"])
    talent = next(v for k, v in rows.items() if k.startswith("Talent"))
    assert talent["China"] == "—" and squash("5,000 AI engineers") in squash(
        talent["South Korea"])
    # The citation numbers are the Markdown's.
    cells = glance(made.markdown)
    for country in NAMES:
        assert re.findall(r"\[\d+\]", investment[country]) == re.findall(
            r"\[\d+\]", cells["Investment & funding", country])


#: A second corpus, in our own words, for how cells are chosen: one sentence gives Korea's
#: and Japan's targets side by side; Korea has a funding fact also tagged Research, and a
#: figureless fact on research and skills that a cell would never show if the funding
#: fact, the stronger, filled every cell it is tagged with.
CELL_ARTICLES = (
    ("kr-jp-talent.md", "Racing to train AI talent", "2026-04-02",
     "South Korea will train 30,000 AI specialists and Japan 50,000 by 2030, the labour "
     "ministries said."),
    ("kr-labs.md", "Seoul funds research labs", "2026-03-18",
     "South Korea will invest 3 trillion won in AI research laboratories over five years, the "
     "science ministry said.\n\n"
     "Korean universities opened new AI research institutes in Daejeon and Busan this spring, "
     "the education ministry said."),
    ("cn-fund.md", "Beijing's chip fund grows", "2026-02-20",
     "China has put 60 billion yuan into AI chip plants this year, the industry ministry said."),
)


def test_cells_show_each_countrys_own_figure_and_do_not_repeat_a_fact_needlessly(
        tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, title, day, body in CELL_ARTICLES:
        (corpus / name).write_text(f"---\ntitle: {title}\ndate: {day}\n---\n\n{body}\n",
                                   encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    md_path, pdf = make(corpus, tmp_path / "out")
    cells = glance(md_path.read_text(encoding="utf-8"))
    korea = {theme: cell for (theme, c), cell in cells.items() if c == "South Korea"}
    japan = {theme: cell for (theme, c), cell in cells.items() if c == "Japan"}
    # The shared sentence: Korea's cell quotes Korea's 30,000 and stops short of Japan's
    # 50,000 (three words on would reach it); Japan's quotes its 50,000, never Korea's.
    assert any("**30,000 AI specialists** and Japan…" in cell for cell in korea.values())
    for cell in korea.values():
        assert "50,000" not in cell, cell
    assert "**50,000**" in japan["Talent & skills"]
    for cell in japan.values():
        assert cell == "—" or ("30,000" not in cell and "**50,000**" in cell), cell
    # All three of Korea's facts are shown: the figureless one about the new institutes
    # has a cell of its own rather than the won or the 30,000 filling it a second time.
    shown = {cell.split("”")[0] for cell in korea.values()} - {"—"}
    assert len(shown) == 3, shown
    assert any(cell.startswith("“Korean universities opened new AI research institutes")
               for cell in korea.values())
    # The PDF's table says the same in the same columns.
    rows = layout_columns(pdf_layout(pdf), "At a glance", "Each cell is the strongest",
                          ("Theme", *NAMES))
    talent = next(v for k, v in rows.items() if k.startswith("Talent"))
    assert squash("50,000") in squash(talent["Japan"]) and "30,000" not in talent["Japan"]
    assert "50,000" not in squash(" ".join(r["South Korea"] for r in rows.values()))
    assert squash("Korean universities opened") in squash(
        " ".join(r["South Korea"] for r in rows.values()))


# --------------------------------------------------------------------------- whose fact


def test_every_quoted_fact_says_whose_it_is(made):
    items = quoted_items(made.markdown)
    assert len(items) >= 10
    unlabelled = [ln for ln in items if not re.match(r"(- |\d+\. )\*\*[^*]+:\*\* “", ln)]
    assert unlabelled == []
    md = made.markdown
    # "The government" is Japan's: the label says whose government.
    assert "- **Japan:** “The government has also set aside 80 billion yen" in md
    # A fact about two of the brief's countries names both, in the brief's order.
    assert "- **South Korea and Japan:** “Japan and South Korea agreed to pool" in md
    # Another country's fact that only compares with China is labelled so.
    assert "- **Taiwan, compared with China:** “Taiwan makes 60%" in md
    assert re.search(r"^\d+\. \*\*South Korea:\*\* “South Korea will invest 2\.4 trillion won",
                     md, re.M)


def test_the_pdf_labels_the_quotes_as_the_markdown_does(made):
    text = squash(pdf_layout(made.pdf))
    for label, quote in (("Japan:", "“The government has also set aside 80 billion yen"),
                         ("South Korea and Japan:", "“Japan and South Korea agreed to pool"),
                         ("Taiwan, compared with China:", "“Taiwan makes 60%"),
                         ("China:", "“China holds 36% of the world's AI models")):
        assert squash(label + quote) in text, label


def test_a_one_country_brief_has_no_labels_and_no_comparison(made, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(made.cache))
    result = CliRunner().invoke(app, ["make", "-c", "JP", "--date", DAY, "--format", "md",
                                      "--corpus", str(made.corpus), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    md = Path(result.stdout.strip()).read_text(encoding="utf-8")
    assert "**Japan:**" not in md and "## At a glance" not in md
    assert "## Key figures by measure" not in md and "## Key figures\n" in md
    assert re.search(r"^(- |\d+\. )“The government has also set aside 80 billion yen", md, re.M)


# --------------------------------------------------------------------------- by measure


def test_key_figures_are_compared_like_with_like_newest_first(made):
    tables = measure_tables(made.markdown)
    assert list(tables)[:3] == ["Money in CNY", "Money in JPY", "Money in KRW"]
    for title, (header, *rows) in tables.items():
        assert header == ["Country", "Figure", "In context", "Date", "Source"], title
        dates = [r[3] for r in rows]
        assert dates == sorted(dates, reverse=True), title  # newest first
    yen = tables["Money in JPY"][1:]
    assert [r[1].split(" (")[0] for r in yen] == [
        "1.2 trillion yen", "80 billion yen", "300 billion yen", "40 billion yen"]
    assert {r[0] for r in yen} == {"Japan"} and yen[0][3] == "2026-03-10"
    assert [r[1] for r in tables["Money in KRW"][1:]] == ["2.4 trillion won (2.4 tn KRW)"]
    # No table mixes currencies: every figure of a money table is in its own currency.
    words = {"CNY": "yuan", "JPY": "yen", "KRW": "won"}
    for code, word in words.items():
        for row in tables[f"Money in {code}"][1:]:
            assert word in row[1] and not any(w in row[1] for w in words.values() if w != word)
    patents = tables["Patents"][1:]
    assert [(r[0], r[3]) for r in patents] == [("Japan", "2026-03-10"), ("China", "2026-02-14")]
    assert [r[0] for r in tables["GPUs and chips"][1:]] == ["Japan"]
    assert [r[1] for r in tables["People"][1:]] == ["5,000 AI engineers"]
    titles = sources(made.markdown)
    assert [titles[n] for n in cited(tables["Money in JPY"][3][4])] == [
        "Japan's first AI compute fund"]
    # Nothing is converted without a rate table, and Method says why.
    assert "≈" not in made.markdown
    assert "neither converted nor ranked together: no rate table is configured" in (
        section(made.markdown, "Method"))


def test_the_pdf_has_a_table_per_currency(made):
    text = pdf_layout(made.pdf)
    part = text[text.index("Key figures by measure"):]
    blocks = re.split(r"^(Money in \w+|GPUs and chips)$", part, flags=re.M)
    money = {blocks[i]: squash(blocks[i + 1]) for i in range(1, len(blocks) - 1, 2)}
    assert set(money) >= {"Money in CNY", "Money in JPY", "Money in KRW"}
    assert "yen" in money["Money in JPY"] and "won" not in money["Money in JPY"]
    assert "won" in money["Money in KRW"] and "yen" not in money["Money in KRW"]
    jpy = money["Money in JPY"]
    assert jpy.index("1.2trillion") < jpy.index("300billion") < jpy.index("40billion")
    assert "≈" not in text


# --------------------------------------------------------------------------- rates


def test_rates_in_the_config_add_a_marked_converted_column_and_a_method_line(
        made, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text(RATES, encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CONFIG", str(config))
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(made.cache))
    md_path, pdf = make(made.corpus, tmp_path / "out")
    md = md_path.read_text(encoding="utf-8")
    tables = measure_tables(md)
    yen = tables["Money in JPY"]
    assert yen[0][-1] == "≈ USD, converted"
    assert [r[-1] for r in yen[1:]] == ["≈ 7.68 bn USD", "≈ 512 m USD", "≈ 1.92 bn USD",
                                        "≈ 256 m USD"]
    assert tables["Money in KRW"][1][-1] == "≈ 1.73 bn USD"
    # No rate for the yuan: its table has no converted column.
    assert tables["Money in CNY"][0] == ["Country", "Figure", "In context", "Date", "Source"]
    method = section(md, "Method")
    line = ("Amounts in other currencies are also shown converted to USD (marked ≈) at the "
            "user's rate table of 2026-05-29, from Test desk rate sheet: 1 JPY = 0.0064 USD; "
            "1 KRW = 0.00072 USD.")
    assert line in method
    assert "Amounts in CNY are not converted: the rate table gives no rate for it." in method
    # A paragraph of its own (it once ran into the next one), and rates dated before the
    # brief's as-of date need no warning.
    rates_paragraph = next(p for p in paragraphs(method) if p.startswith("Amounts in other"))
    assert rates_paragraph.startswith(line) and rates_paragraph.endswith("rate for it.")
    assert "dated after this brief" not in md
    text = squash(pdf_layout(pdf))
    assert squash(line) in text and squash("≈ 7.68 bn USD") in text
    # The column's heading, set on two lines around the others' in the PDF's layout.
    assert re.search(r"≈ USD,\n.*Country.*Source\n\s+converted\n", pdf_layout(pdf))


def test_rates_into_one_of_the_briefs_currencies_dated_after_the_brief(made, tmp_path,
                                                                      monkeypatch):
    # A desk that works in won, with a sheet dated after the brief's as-of date (2026-06-01).
    config = tmp_path / "config.toml"
    config.write_text('[rates]\ninto = "KRW"\ndate = 2026-06-05\nsource = "Seoul desk sheet"\n'
                      "KRW = 1\nJPY = 9.25\n", encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CONFIG", str(config))
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(made.cache))
    md_path, pdf = make(made.corpus, tmp_path / "out")
    md = md_path.read_text(encoding="utf-8")
    tables = measure_tables(md)
    assert tables["Money in JPY"][0][-1] == "≈ KRW, converted"
    assert tables["Money in JPY"][1][-1] == "≈ 11.1 tn KRW"  # 1.2 trillion yen at 9.25
    # Won are not converted into won, nor said to be left unconverted.
    assert tables["Money in KRW"][0] == ["Country", "Figure", "In context", "Date", "Source"]
    method = section(md, "Method")
    rates_paragraph = next(p for p in paragraphs(method) if p.startswith("Amounts in other"))
    assert rates_paragraph == (
        "Amounts in other currencies are also shown converted to KRW (marked ≈) at the user's "
        "rate table of 2026-06-05, from Seoul desk sheet: 1 JPY = 9.25 KRW. Converted amounts "
        "are approximate, to three significant figures, and are not the sources' own figures. "
        "The rates are dated after this brief, which is as of 2026-06-01. Amounts in CNY are not converted: the rate table "
        "gives no rate for it.")
    text = squash(pdf_layout(pdf))
    assert squash("The rates are dated after this brief, which is as of 2026-06-01.") in text
    assert squash("Amounts in CNY are not converted") in text
    assert "AmountsinKRW" not in text and "KRW,KRW" not in text


def paragraphs(markdown: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", markdown) if p.strip()]


@pytest.mark.parametrize(("rates", "message"), [
    ('[rates]\ninto = "USD"\ndate = 2026-05-29\nsource = "x"\nJPY = "cheap"\n',
     "[rates] JPY: expected a positive number"),
    ('[rates]\ninto = "USD"\ndate = 2026-05-29\nsource = "x"\nJPY = 0\n',
     "[rates] JPY: expected a positive number (what one unit is worth), not 0"),
    ('[rates]\ninto = "USD"\ndate = 2026-05-29\nsource = "x"\nKRW = -0.00072\n',
     "[rates] KRW: expected a positive number (what one unit is worth), not -0.00072"),
    # A name for a currency in place of its code would match no amount: never ignored.
    ('[rates]\ninto = "USD"\ndate = 2026-05-29\nsource = "x"\nYEN = 0.0064\nKRW = 0.00072\n',
     "[rates] YEN: not an ISO 4217 currency code; did you mean JPY (Yen)?"),
    ('[rates]\ninto = "USD"\ndate = 2026-05-29\nsource = "x"\nRMB = 0.14\n',
     "[rates] RMB: not an ISO 4217 currency code; did you mean CNY (Yuan Renminbi)?"),
    ('[rates]\ninto = "USD"\ndate = 2026-05-29\nsource = "x"\nJYP = 0.0064\n',
     "did you mean JPY (Yen)?"),
    ('[rates]\ninto = "USD"\ndate = 2026-05-29\nsource = "x"\nUSD = 1.1\nJPY = 0.0064\n',
     "[rates] USD: amounts are converted into USD"),
    ('[rates]\ninto = "USD"\nsource = "x"\nJPY = 0.0064\n', "[rates] needs date = "),
    ('[rates]\ninto = "USD"\ndate = "29 May"\nsource = "x"\nJPY = 0.0064\n',
     "[rates] date: expected the day the rates are for, YYYY-MM-DD, not '29 May'"),
    ('[rates]\ndate = 2026-05-29\nsource = "x"\nJPY = 0.0064\n', "[rates] needs into = "),
    ('[rates]\ninto = "USD"\ndate = 2026-05-29\nsource = "x"\n', "[rates] gives no rate"),
    ('[rates]\ninto = "dollars"\ndate = 2026-05-29\nsource = "x"\nJPY = 0.0064\n',
     "[rates] into: expected an ISO 4217 currency code such as USD, not 'dollars'"),
    ('[rates]\ninto = "USD"\ndate = 2026-05-29\nJPY = 0.0064\n', "[rates] needs source"),
    # Won per dollar where the table wants dollars per won: the inverse is suggested.
    ('[rates]\ninto = "USD"\ndate = 2026-05-29\nsource = "x"\nJPY = 0.0064\nKRW = 1470\n',
     "[rates] KRW = 1470: 1 KRW would be worth 1,470 USD, but 1 KRW is roughly 0.0007 USD; "
     "is it inverted? (1/1470 = 0.00068)"),
    ('[rates]\ninto = "KRW"\ndate = 2026-05-29\nsource = "x"\nJPY = 0.108\n',
     "[rates] JPY = 0.108: 1 JPY would be worth 0.108 KRW, but 1 JPY is roughly 9 KRW; "
     "is it inverted? (1/0.108 = 9.3)"),
    # A hundred times off (yen per hundred): no inverse fits, so none is suggested.
    ('[rates]\ninto = "USD"\ndate = 2026-05-29\nsource = "x"\nJPY = 0.64\n',
     "[rates] JPY = 0.64: 1 JPY would be worth 0.64 USD, but 1 JPY is roughly 0.007 USD; "
     "check the rate (what 1 JPY is worth in USD)"),
])
def test_a_rate_table_that_cannot_be_right_is_one_line_and_exit_2(made, tmp_path, monkeypatch,
                                                                   rates, message):
    assert_config_refused(made, tmp_path, monkeypatch, "config.toml", rates, message)


@pytest.mark.parametrize(("rates", "message"), [
    ("rates:\n  into: USD\n  date: 2026-05-29\n  source: x\n  YEN: 0.0064\n",
     "[rates] YEN: not an ISO 4217 currency code; did you mean JPY (Yen)?"),
    ("rates:\n  into: USD\n  date: 2026-05-29\n  source: x\n  JPY: -1\n",
     "[rates] JPY: expected a positive number"),
    # A day no calendar has, unquoted: still one line, never a traceback.
    ("rates:\n  into: USD\n  date: 2026-02-30\n  source: x\n  JPY: 0.0064\n", ""),
])
def test_a_yaml_rate_table_is_checked_the_same(made, tmp_path, monkeypatch, rates, message):
    assert_config_refused(made, tmp_path, monkeypatch, "config.yaml", rates, message)


def assert_config_refused(made, tmp_path, monkeypatch, name, rates, message):
    config = tmp_path / name
    config.write_text(rates, encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CONFIG", str(config))
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(made.cache))
    result = CliRunner().invoke(app, ["make", *SELECTION, "--date", DAY, "--format", "md",
                                      "--corpus", str(made.corpus), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: config file ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not list(tmp_path.glob("*.md"))


# --------------------------------------------------------------------------- safety, determinism


def test_source_text_in_cells_labels_and_tables_stays_text(made):
    md = made.markdown
    assert "<script>" not in md and "\\<script\\>" in md
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    assert "<script" not in html and 'href="http://evil.example"' not in html
    assert "<strong>bold</strong>" not in html
    # The fact still reads as its source wrote it, labelled.
    assert "- **Japan:** “Japan's ministry listed \\<script\\>alert(1)\\</script\\> and " in md


def test_same_inputs_and_date_give_byte_identical_files(made, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(made.cache))
    md, pdf = make(made.corpus, tmp_path / "again")
    assert md.read_text(encoding="utf-8") == made.markdown
    assert pdf.read_bytes() == made.pdf.read_bytes()


#: A second corpus, in our own words, of amounts written with qualifiers and as a range.
QUALIFIED = (
    ("cn-fund.md", "Beijing widens its chip fund", "2026-04-02",
     "China will put more than 200 billion yuan into AI chip plants, the finance ministry "
     "said.\n\n"
     "Each Chinese start-up in the programme can claim up to 100,000 yuan in compute "
     "vouchers, the ministry added.\n\n"
     "China expects provinces to spend 5-6 billion yuan on AI training centres, officials "
     "said."),
    ("cn-older.md", "Shanghai's AI fund", "2026-01-20",
     "China set aside about 20 billion yuan for AI research labs, the city said."),
    ("kr-plan.md", "Seoul's compute plan", "2026-03-15",
     "South Korea will invest 500 billion won in national AI data centres, the science "
     "ministry said."),
    ("jp-plan.md", "Tokyo's compute plan", "2026-02-11",
     "Japan will spend 1.25 trillion yen on AI supercomputers, the trade ministry said.\n\n"
     "Each Japanese university lab can receive 3,456,789 yen a year in compute credits, "
     "the ministry added."),
)


def make_qualified(tmp_path: Path, monkeypatch, rates: str) -> tuple[str, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, title, day, body in QUALIFIED:
        (corpus / name).write_text(f"---\ntitle: {title}\ndate: {day}\n---\n\n{body}\n",
                                   encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(rates, encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CONFIG", str(config))
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    md, pdf = make(corpus, tmp_path / "out")
    return md.read_text(encoding="utf-8"), pdf


def converted_column(markdown: str) -> dict[str, list[str]]:
    return {title: [row[-1] for row in rows[1:]] for title, rows in measure_tables(markdown).items()
            if rows[0][-1].endswith(", converted")}


def test_converted_amounts_keep_the_qualifier_and_the_range_to_three_figures(tmp_path,
                                                                            monkeypatch):
    md, pdf = make_qualified(tmp_path, monkeypatch, (
        '[rates]\ninto = "USD"\ndate = 2026-05-29\nsource = "Desk sheet"\n'
        "CNY = 0.14\nKRW = 0.00072\nJPY = 0.0064\n"))
    converted = converted_column(md)
    # "more than" and "up to" bound the amount, so they are carried into it; "about" is
    # said by the ≈ already; a range stays a range (5 to 6 billion yuan at 0.14).
    assert converted["Money in CNY"] == ["more than ≈ 28 bn USD", "up to ≈ 14,000 USD",
                                         "≈ 700–840 m USD", "≈ 2.8 bn USD"]
    # Three significant figures, thousands separators, no trailing zeros: 1.25 trillion yen
    # is 8 bn (not 8.00 bn), 3,456,789 yen is 22,100 (not 22,123.45).
    assert sorted(converted["Money in JPY"]) == ["≈ 22,100 USD", "≈ 8 bn USD"]
    assert converted["Money in KRW"] == ["≈ 360 m USD"]
    shape = re.compile(r"(?:(?:more than|up to) )?≈ (?P<n>[\d,.]+)(?:–(?P<m>[\d,.]+))?"
                       r"(?: (?:m|bn|tn))? USD")
    for cell in (c for column in converted.values() for c in column):
        found = shape.fullmatch(cell)
        assert found, cell
        for number in filter(None, (found["n"], found["m"])):
            assert len(number.replace(",", "").replace(".", "").strip("0")) <= 3, cell
            assert not number.endswith((".0", ".00")), cell
    text = squash(pdf_layout(pdf))
    for cell in ("more than ≈ 28 bn USD", "up to ≈ 14,000 USD", "≈ 700–840 m USD",
                 "≈ 22,100 USD"):
        assert squash(cell) in text, cell
    assert not re.search(r"\.00(?!\d)", text)  # the rates' 0.0064 are no "14,000.00"


def test_a_currency_outside_the_reference_magnitudes_is_never_judged(tmp_path, monkeypatch):
    # The peso is left out of the band check (it loses value fast), so a desk converting
    # into pesos is taken at its word, however the rates compare with today's.
    md, _ = make_qualified(tmp_path, monkeypatch, (
        '[rates]\ninto = "ARS"\ndate = 2026-05-29\nsource = "Buenos Aires desk"\n'
        "JPY = 1.2\nCNY = 0.5\n"))
    converted = converted_column(md)
    assert "≈ 1.5 tn ARS" in converted["Money in JPY"]
    assert converted["Money in CNY"][0] == "more than ≈ 100 bn ARS"
    assert "1 CNY = 0.5 ARS; 1 JPY = 1.2 ARS." in " ".join(section(md, "Method").split())
