"""A sentence that cannot be read alone is quoted with the sentence it leans on, and that
quote is the one row the statement gets: in the store, in `briefing facts`, in a brief.

Every article here is written for these tests. Saved news pages often give each sentence its
own paragraph, so most dependents below stand in a paragraph of their own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli import app
from briefing.corpus import read_document
from briefing.extract.facts import Statement, extract_statements
from briefing.extract.text import collapse
from briefing.themes import load_taxonomy

TAXONOMY = load_taxonomy()


def read_statements(tmp_path: Path, text: str) -> tuple[str, list[Statement]]:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    (article,) = read_document(tmp_path, path).articles
    return article.text, extract_statements(article, TAXONOMY)


def quoting(found: list[Statement], words: str) -> list[Statement]:
    return [s for s in found if words in s.text]


def assert_joined(tmp_path: Path, text: str, antecedent: str, dependent: str) -> Statement:
    """`dependent` is quoted once, right after `antecedent`, and neither stands alone."""
    body, found = read_statements(tmp_path, text)
    rows = quoting(found, dependent)
    assert len(rows) == 1, [s.text for s in found]
    (row,) = rows
    assert row.text.startswith(antecedent), row.text
    assert row.text.index(dependent) > len(antecedent)
    assert quoting(found, antecedent) == [row]  # the antecedent is not a row of its own
    assert collapse(body[row.start:row.end]) == row.text  # the span covers both sentences
    return row


@pytest.mark.parametrize(
    ("text", "antecedent", "dependent"),
    [
        # A definite noun for a company named just before, a paragraph before.
        ("Lagos start-ups get state GPUs\n\n"
         "Nigeria's digital ministry has picked Ori Labs, a young firm in Yaba, to train a "
         "Yoruba speech model.\n\n"
         "The company will get 1,500 graphics chips from the national cloud for a year.\n",
         "Nigeria's digital ministry has picked", "The company will get 1,500"),
        # The same within one paragraph, with the programme, the fund, the agency, the law.
        ("Rwanda opened a national programme for AI start-ups in Kigali on Monday. The "
         "programme offers free office space for two years.\n",
         "Rwanda opened a national programme", "The programme offers"),
        ("Chile's development agency set up a $200 million fund for machine learning "
         "research. The fund will back about 40 university labs by 2027.\n",
         "Chile's development agency set up", "The fund will back"),
        ("Japan set up an AI safety institute inside its trade ministry last spring.\n\n"
         "The agency has tested six large language models since then.\n",
         "Japan set up an AI safety institute", "The agency has tested"),
        ("Ghana's parliament passed a data protection bill for AI systems on Tuesday.\n\n"
         "The law takes effect in January 2027.\n",
         "Ghana's parliament passed", "The law takes effect"),
        # Members of a set just introduced.
        ("Kenya's innovation agency picked 30 university teams for its AI challenge.\n\n"
         "Each team will receive a grant of 5 million shillings over two years.\n",
         "Kenya's innovation agency picked", "Each team will receive"),
        # A share of an amount just given.
        ("Egypt has set aside 9 billion pounds for artificial intelligence research.\n\n"
         "Of this, 4 billion pounds will build new computing laboratories.\n",
         "Egypt has set aside 9 billion", "Of this, 4 billion"),
        # People defined by what the sentence before set up.
        ("Vietnam launched a national AI fellowship for young engineers in Hanoi. Those who "
         "join will spend a year at the national data centre.\n",
         "Vietnam launched a national AI fellowship", "Those who join"),
        # A definite noun inside the subject: "the programme" is the one just launched.
        ("Morocco launched an incubation programme for AI start-ups in Rabat.\n\n"
         "Companies that join the programme pay no rent for their first two years.\n",
         "Morocco launched an incubation programme", "Companies that join the programme"),
        # Pronouns and demonstratives.
        ("Peru's science council opened a computing centre in Lima on Friday. It holds 512 "
         "graphics chips.\n", "Peru's science council opened", "It holds 512"),
        ("Norway's two largest universities agreed to share their AI clusters. They will "
         "pool 2,000 chips from June.\n", "Norway's two largest universities",
         "They will pool"),
        ("Brazil's science minister visited the new Campinas supercomputer on Monday.\n\n"
         "She said it would double the country's research computing.\n",
         "Brazil's science minister visited", "She said it would double"),
        ("Poland counted 420 AI start-ups in 2024, up from 250 in 2021. These firms employ "
         "about 9,000 people.\n", "Poland counted 420 AI start-ups", "These firms employ"),
        # An event the sentence before reported.
        ("Colombia banned facial recognition by the police on Monday.\n\n"
         "The move follows a year of protests in Bogotá.\n",
         "Colombia banned facial recognition", "The move follows"),
        ("Malaysia approved tax breaks for AI data centres in Johor. The decision covers "
         "projects started before 2028.\n",
         "Malaysia approved tax breaks", "The decision covers"),
    ],
)
def test_a_dependent_sentence_is_quoted_with_its_antecedent(tmp_path, text, antecedent,
                                                           dependent):
    assert_joined(tmp_path, text, antecedent, dependent)


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        # It names its own subject in full.
        ("Infosys opened an AI lab in Pune with 300 engineers.\n\n"
         "The Indian government said it would fund ten more such labs by 2027.\n",
         "The Indian government said"),
        ("Wipro and Infosys both reported strong AI revenue this quarter.\n\n"
         "The company Infosys said its AI services grew by 40% in a year.\n",
         "The company Infosys said"),
        # The noun's referent is not in the sentence before: nothing to join it with.
        ("Officials in Nairobi met on Monday to discuss the national budget.\n\n"
         "The company will open a second office in Mombasa next year.\n",
         "The company will open"),
        ("Ghana's parliament met on Tuesday for the first time this year.\n\n"
         "The programme will train 5,000 teachers in data skills.\n",
         "The programme will train"),
        # Time, not a referent.
        ("Kenya trained 2,000 civil servants in AI tools last year. This year it plans to "
         "train 10,000 more across all counties.\n", None),
        ("Chile publishes its AI readiness index every spring. Each year the index ranks "
         "all 16 regions.\n", None),
        # A pointer after a paragraph of several sentences may point at all of them.
        ("Estonia runs its tax office on AI tools. Latvia uses them in courts. Lithuania "
         "uses them in hospitals.\n\n"
         "These uses grew quickly after 2020, when budgets for digital services doubled.\n",
         "These uses grew quickly"),
    ],
)
def test_a_self_contained_sentence_stands_alone(tmp_path, text, alone):
    body, found = read_statements(tmp_path, text)
    for st in found:
        assert collapse(body[st.start:st.end]) == st.text
    if alone is None:  # nothing in the article leans on anything
        assert len(found) == 2, [s.text for s in found]
    else:
        assert [s.text for s in found if alone in s.text] == [
            s.text for s in found if s.text.startswith(alone)], [s.text for s in found]
        assert any(s.text.startswith(alone) for s in found)


def test_a_chain_of_dependents_is_one_row(tmp_path):
    """ "A. It ... They ...": one quote of the chain, with neither A nor A+B left over."""
    _, found = read_statements(
        tmp_path, "Senegal opened a national AI lab in Dakar in May. It hosts 40 researchers. "
                  "They work on Wolof and Pulaar speech models.\n")
    assert [s.text for s in found] == [
        "Senegal opened a national AI lab in Dakar in May. It hosts 40 researchers. They work "
        "on Wolof and Pulaar speech models."]


def test_a_joined_quote_keeps_whom_each_sentence_is_about(tmp_path):
    # The second sentence talks of countries in general: the quote is still about Qatar.
    row = assert_joined(
        tmp_path, "Qatar invests in AI\n\nQatar's sovereign fund backed an Abu Dhabi chip "
                  "designer this month. The move is part of wider efforts by Gulf countries to "
                  "build AI hubs.\n",
        "Qatar's sovereign fund backed", "The move is part of")
    assert "QA" in row.countries


# --------------------------------------------------------------------------- one statement, one row

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Nigeria lends its GPU cloud to a Lagos start-up | Test Ledger</title></head>
<body><main><article>
<h1>Nigeria lends its GPU cloud to a Lagos start-up</h1>
<p>Nigeria's digital ministry has picked Ori Labs, a young firm in Yaba, to train a Yoruba
speech model under the national AI strategy.</p>
<p>The company will get 1,500 graphics processing units from the national cloud for a year.</p>
<p>Officials said 25 university teams had applied for the same cloud since March.</p>
<p>Each team will receive compute credits worth up to 80 million naira.</p>
<p>Nigeria's cabinet approved 12 billion naira for the national AI strategy in 2024.</p>
</article></main></body></html>
"""
ANTECEDENT = "Nigeria's digital ministry has picked Ori Labs"
DEPENDENT = "The company will get 1,500 graphics processing units"


def _corpus(tmp_path: Path, monkeypatch) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ori-labs.html").write_text(PAGE, encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    return corpus


def test_facts_lists_a_joined_statement_once(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path, monkeypatch)
    result = CliRunner().invoke(app, ["facts", "-c", "NG", "--corpus", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)
    texts = [f["text"] for f in facts]
    with_antecedent = [t for t in texts if ANTECEDENT in t]
    assert len(with_antecedent) == 1 and DEPENDENT in with_antecedent[0], texts
    assert [t for t in texts if DEPENDENT in t] == with_antecedent
    teams = [t for t in texts if "Each team will receive" in t]
    assert len(teams) == 1 and teams[0].startswith("Officials said 25 university teams")
    assert not any(t.startswith("Officials said 25") and "Each team" not in t for t in texts)


def test_a_brief_quotes_a_joined_statement_once_and_it_verifies(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path, monkeypatch)
    out = tmp_path / "out"
    made = CliRunner().invoke(app, ["make", "-c", "NG", "--corpus", str(corpus), "--out",
                                    str(out), "--date", "2026-11-22", "--format", "md"])
    assert made.exit_code == 0, made.output
    brief = Path(made.stdout.strip())
    markdown = brief.read_text(encoding="utf-8")
    # Quoted in full once (the key figures table may show a window of it, marked "…").
    assert markdown.count(ANTECEDENT) == 1, markdown
    line = next(x for x in markdown.splitlines() if ANTECEDENT in x)
    assert DEPENDENT in line
    assert markdown.count(DEPENDENT) == sum(
        1 for x in markdown.splitlines() if DEPENDENT in x and (ANTECEDENT in x or "…" in x))
    checked = CliRunner().invoke(app, ["verify", str(brief), "--corpus", str(corpus)])
    assert checked.exit_code == 0, checked.output
