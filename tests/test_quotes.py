"""A remark is one statement with whoever made it: a quotation is never broken apart, never
shown with unbalanced quotation marks, never cut from the line naming its speaker; and an
interviewer's questions are no facts.

Every article here is written for these tests.
"""

from __future__ import annotations

from pathlib import Path

from briefing.extract.facts import Statement, extract_statements
from briefing.extract.themes import load_taxonomy
from briefing.ingest.document import read_document
from briefing.text import collapse, plain

TAXONOMY = load_taxonomy()


def read_statements(tmp_path: Path, text: str, name: str = "a.txt") -> list[Statement]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (article,) = read_document(tmp_path, path).articles
    found = extract_statements(article, TAXONOMY)
    for st in found:
        assert collapse(article.text[st.start:st.end]) == st.text  # spans stay exact
        assert plain(st.text).count('"') % 2 == 0, st.text  # never unbalanced
    return found


def texts(found: list[Statement]) -> list[str]:
    return [s.text for s in found]


def test_a_quotation_over_two_sentences_is_one_statement_with_its_speaker(tmp_path):
    found = read_statements(
        tmp_path,
        "Fiji joins the compute club\n\n"
        "Small island states left the Nairobi meeting with a new regional cloud agreement. "
        "\"Last year we asked for a seat. This year we signed the contract,\" said the digital "
        "minister of Fiji. \"Now the servers have to arrive before the cyclone season.\"\n")
    assert texts(found) == [
        "Small island states left the Nairobi meeting with a new regional cloud agreement.",
        "\"Last year we asked for a seat. This year we signed the contract,\" said the digital "
        "minister of Fiji. \"Now the servers have to arrive before the cyclone season.\""]


def test_a_quotation_after_its_attribution_keeps_both_sentences(tmp_path):
    found = read_statements(
        tmp_path,
        "Peru's AI plan\n\n"
        "The plan sets aside 900 million soles for research computing until 2030.\n\n"
        "“Peru has thousands of engineers who have never touched a modern GPU. Our job is to "
        "put one within their reach by next year,” Minister Rosa Quispe said.\n")
    assert texts(found)[1] == (
        "“Peru has thousands of engineers who have never touched a modern GPU. Our job is to "
        "put one within their reach by next year,” Minister Rosa Quispe said.")
    assert len(found) == 2


def test_a_paragraph_after_said_colon_is_quoted_with_that_line(tmp_path):
    page = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Ireland funds 50 AI chairs | Gov Test</title></head><body><main><article>
<h1>Ireland funds 50 AI chairs</h1>
<p>Ireland will fund 50 new professorships in artificial intelligence at its universities
over the next four years, the research ministry announced on Monday.</p>
<p>Research Minister Aoife Byrne said:</p>
<p>Our universities have always drawn the best minds in Europe. These chairs tell every
researcher that Ireland is the place to build a career in AI.</p>
<p>The first chairs will be advertised in the spring of 2027.</p>
</article></main></body></html>"""
    found = read_statements(tmp_path, page, "ireland.html")
    quoted = [t for t in texts(found) if "best minds" in t]
    assert quoted == [
        "Research Minister Aoife Byrne said: Our universities have always drawn the best minds "
        "in Europe. These chairs tell every researcher that Ireland is the place to build a "
        "career in AI."]
    assert any(t.startswith("The first chairs will be advertised") for t in texts(found))


def test_a_quotation_too_long_for_one_statement_is_not_quoted_in_pieces(tmp_path):
    words = " ".join(["the regional cloud will serve farmers and clinics"] * 9)
    found = read_statements(
        tmp_path,
        "Chad's cloud\n\n"
        "Chad opened a national data centre in N'Djamena on Monday.\n\n"
        f"\"We built this for our own people. In the first year {words}. After that, it will "
        f"serve schools,\" the minister said.\n")
    assert texts(found) == ["Chad opened a national data centre in N'Djamena on Monday."]


def test_an_interviewers_questions_are_not_facts(tmp_path):
    found = read_statements(
        tmp_path,
        "# \"We cannot wait for others\": Uruguay's science minister on AI\n\n"
        "Uruguay passed its second national AI strategy in March. We asked the science "
        "minister about computing, talent and regulation.\n\n"
        "**Your government has promised 40 million dollars for research computing. Where "
        "will it go?**\n\n"
        "Most of it will pay for a shared GPU cluster at the university in Montevideo.\n\n"
        "**Brazil has passed a strict AI law with heavy fines. Will Uruguay copy it?**\n\n"
        "We prefer sandboxes and voluntary standards for the next two years.\n", "int.md")
    joined = " ".join(texts(found))
    assert "40 million dollars" not in joined
    assert "Brazil has passed a strict AI law" not in joined
    assert "Most of it will pay for a shared GPU cluster" in joined
    assert "We prefer sandboxes" in joined


def test_q_and_a_labels_mark_the_questions(tmp_path):
    found = read_statements(
        tmp_path,
        "Talking chips with Ghana's digital minister\n\n"
        "Q: Ghana has spent 20 million cedis on GPUs this year. Is that enough?\n\n"
        "A: It is a start, and the cluster at Legon University is already fully booked.\n\n"
        "Q: Nigeria has a bigger cluster than Ghana. Does that worry you?\n\n"
        "A: We will add another 500 chips to the cluster before the end of 2027.\n")
    joined = " ".join(texts(found))
    assert "20 million cedis" not in joined and "Nigeria has a bigger" not in joined
    assert "We will add another 500 chips" in joined

