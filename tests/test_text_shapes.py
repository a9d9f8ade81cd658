"""Text shapes that used to lose facts (issue 22, kind 6): a Markdown article saved as one
line, a sentence that leads in to a list, a short statement, and a sentence its layout cut
on a comma above a heading. Each article is written for these tests and read by the real
reader and extractor (and, where it matters, the CLI with `verify`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from articles import find
from typer.testing import CliRunner

from briefing.cli.app import app
from briefing.extract.facts import Statement, extract_statements
from briefing.extract.themes import load_taxonomy
from briefing.ingest.article import Article
from briefing.ingest.document import read_document
from briefing.text import collapse

TAXONOMY = load_taxonomy()
runner = CliRunner()


def read(tmp_path: Path, text: str, name: str = "a.txt") -> Article:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (article,) = read_document(tmp_path, path).articles
    return article


def statements(article: Article) -> list[Statement]:
    found = extract_statements(article, TAXONOMY)
    for st in found:  # every statement is the file's own text at its span
        assert collapse(article.text[st.start:st.end]) == st.text
    return found


def blocks(article: Article) -> list[tuple[str, str]]:
    return [(b.kind, collapse(article.text[b.start:b.end])) for b in article.blocks]


# --------------------------------------------------------------------------- one line

# A Markdown article whose line breaks were lost on the way: every block marker is inline.
ONE_LINE = (
    "# Lisbon Opens A Public Compute Centre ## Overview Portugal's government opened a public "
    "computing centre for universities in Lisbon on Monday, the science ministry said. "
    '> **"Our researchers will no longer queue abroad for machine time," the science minister '
    'said.** The programme is organised around three strands: * Shared graphics processors for '
    "university laboratories * Grants for doctoral students in machine learning * A register "
    "of public datasets ## Funding EUR 40 million is set aside for the first phase, ## Next "
    "steps The ministry will open applications in the autumn.\n"
)


def test_a_markdown_article_on_one_line_gives_its_sentences_and_headings(tmp_path):
    article = read(tmp_path, ONE_LINE, "lisbon.md")
    assert article.source.title == "Lisbon Opens A Public Compute Centre"
    assert blocks(article) == [
        ("heading", "## Overview"),
        ("paragraph", "Portugal's government opened a public computing centre for universities "
                      "in Lisbon on Monday, the science ministry said."),
        ("paragraph", '"Our researchers will no longer queue abroad for machine time," the '
                      "science minister said."),
        ("paragraph", "The programme is organised around three strands:"),
        ("item", "Shared graphics processors for university laboratories"),
        ("item", "Grants for doctoral students in machine learning"),
        ("item", "A register of public datasets"),
        ("heading", "## Funding"),
        ("paragraph", "EUR 40 million is set aside for the first phase,"),
        ("heading", "## Next steps"),
        ("paragraph", "The ministry will open applications in the autumn."),
    ]
    found = statements(article)
    assert [s.text for s in found] == [
        "Portugal's government opened a public computing centre for universities in Lisbon on "
        "Monday, the science ministry said.",
        '"Our researchers will no longer queue abroad for machine time," the science minister '
        "said.",
        "The programme is organised around three strands:",
        "Shared graphics processors for university laboratories",
        "Grants for doctoral students in machine learning",
        "A register of public datasets",
        "EUR 40 million is set aside for the first phase,",
        "The ministry will open applications in the autumn.",
    ]
    assert all(s.countries == ("PT",) for s in found)
    assert not any(mark in s.text for s in found for mark in (">", "**", "##", "* "))
    money = find(found, "EUR 40 million")
    assert [(f.text, f.country) for f in money.figures] == [("EUR 40 million", "PT")]
    assert find(found, "The ministry will open").heading == "Next steps"


def test_a_one_line_article_is_briefed_and_every_quote_verifies(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "lisbon.md").write_text(ONE_LINE, encoding="utf-8")
    r = runner.invoke(app, ["facts", "-c", "PT", "--json", "--corpus", str(corpus)])
    assert r.exit_code == 0, r.output
    texts = {f["text"] for f in json.loads(r.stdout)}
    assert "EUR 40 million is set aside for the first phase," in texts
    cited = len(json.loads(r.stdout))  # one citation each: the article is the only source
    assert '"Our researchers will no longer queue abroad for machine time," the science ' \
           "minister said." in texts
    out = tmp_path / "out"
    r = runner.invoke(app, ["make", "-c", "PT", "--corpus", str(corpus), "--out", str(out),
                            "--date", "2026-11-22", "--format", "md"])
    assert r.exit_code == 0, r.output
    brief = out / "brief-pt-2026-11-22.md"
    assert "EUR 40 million is set aside" in brief.read_text(encoding="utf-8")
    r = runner.invoke(app, ["verify", str(brief), "--corpus", str(corpus)])
    assert r.exit_code == 0, r.output
    assert f"{cited} citations: {cited} ok" in r.output


def test_a_short_one_line_article_with_a_heading_marker_is_read_too(tmp_path):
    article = read(tmp_path, "# Kenya Backs AI ## Overview Kenya approved a national AI "
                             "strategy on Monday, the ministry said.\n", "kenya.md")
    assert article.source.title == "Kenya Backs AI"
    (st,) = statements(article)
    assert (st.text, st.countries, st.heading) == (
        "Kenya approved a national AI strategy on Monday, the ministry said.", ("KE",),
        "Overview")


@pytest.mark.parametrize("line", [
    # one bullet-like star and a comparison sign in a long line of prose: not Markdown
    "Analysts at the bank put the odds of a rate cut at 3 * 10 to the power of minus two, "
    "while the ratio of demand to supply > 2 on most days this year, which the central bank "
    "of Chile says is still manageable for the economy as a whole and for its exporters.",
    # a C# developer, a hashtag and a spaced rank are no headings
    "Chile's new coding schools train C# developers and data engineers for local firms, and "
    "the campaign runs under #ChileDigital on social media, according to the economy "
    "ministry, which expects the first graduates to be hired by exporters next year.",
    "Chile was ranked # 1 in Latin America for AI readiness, ahead of Brazil and Uruguay, "
    "in a survey of 30 countries that the economy ministry published on Tuesday.",
])
def test_a_long_line_of_prose_is_not_cut_at_look_alike_markers(tmp_path, line):
    article = read(tmp_path, "Chile trains coders\n\n" + line + "\n")
    assert blocks(article) == [("paragraph", line)]


def test_a_blockquote_marker_and_bold_stay_out_of_the_quote_in_a_markdown_file(tmp_path):
    text = ("Seoul funds a sovereign model\n\n"
            "South Korea will fund a Korean-language model with 1 trillion won, the science "
            "ministry said on Tuesday.\n\n"
            '> **"Korea will not rent its intelligence from abroad," the minister said.**\n\n'
            "**The ministry named three consortia.** The winners will be chosen in June.\n")
    found = statements(read(tmp_path, text, "seoul.md"))
    quote = find(found, '"Korea will not rent')
    assert quote.text.endswith("the minister said.")
    assert quote.countries == ("KR",)
    assert find(found, "The ministry named three consortia.").text == (
        "The ministry named three consortia.")


WRAPPED_QUOTE = (
    "Seoul funds a sovereign model\n\n"
    "South Korea will fund a Korean-language model with 1 trillion won, the science ministry "
    "said on Tuesday.\n\n"
    '> "Korea will not rent its intelligence from abroad, and this model is how we\n'
    '> make sure of it," the minister told reporters in Seoul on Tuesday.\n\n'
    "The winners will be chosen in June by a panel of academics.\n"
)


def test_a_blockquote_wrapped_over_lines_is_quoted_without_its_markers_and_verifies(
        tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "seoul.md").write_text(WRAPPED_QUOTE, encoding="utf-8")
    (article,) = read_document(corpus, corpus / "seoul.md").articles
    quote = find(statements(article), '"Korea will not rent')
    assert "how we make sure of it," in quote.text and ">" not in quote.text
    assert quote.countries == ("KR",)
    out = tmp_path / "out"
    r = runner.invoke(app, ["make", "-c", "KR", "--corpus", str(corpus), "--out", str(out),
                            "--date", "2026-11-22", "--format", "md"])
    assert r.exit_code == 0, r.output
    brief = (out / "brief-kr-2026-11-22.md").read_text(encoding="utf-8")
    assert "how we make sure of it" in brief
    r = runner.invoke(app, ["verify", str(out / "brief-kr-2026-11-22.md"), "--corpus",
                            str(corpus)])
    assert r.exit_code == 0, r.output
    assert "3 citations: 3 ok" in r.output


# --------------------------------------------------------------------------- list lead-ins

LEAD_IN_MD = (
    "Estonia sets out its AI plan\n\n"
    "Estonia's cabinet approved a national AI plan on Thursday, the government office said.\n\n"
    "The policy is structured around four key pillars:\n\n"
    "- Public computing for schools and universities\n"
    "- Digital skills training for civil servants\n\n"
    "Key measures include:\n\n"
    "- A sandbox for start-ups in regulated sectors\n\n"
    "The minister said:\n\n"
    '"We want every ministry to use these tools by 2027."\n'
)


def test_a_sentence_that_leads_in_to_a_list_is_a_statement(tmp_path):
    article = read(tmp_path, LEAD_IN_MD, "estonia.md")
    kinds = dict((t, k) for k, t in blocks(article))
    assert kinds["The policy is structured around four key pillars:"] == "paragraph"
    found = statements(article)
    # it leans on the sentence before it ("The policy": the plan just named): quoted with it
    lead = find(found, "Estonia's cabinet approved")
    assert lead.text.endswith(" The policy is structured around four key pillars:")
    assert lead.countries == ("EE",)
    # the items after it keep their own facts
    assert find(found, "Public computing for schools").countries == ("EE",)
    # a lead-in that only hands over ("include:") or a speaker's ("said:") states nothing
    assert not any(s.text in ("Key measures include:", "The minister said:") for s in found)


def test_a_list_lead_in_in_a_web_page_is_a_statement(tmp_path):
    page = ("<html><head><title>Estonia sets out its AI plan</title></head><body><article>"
            "<h1>Estonia sets out its AI plan</h1>"
            "<p>Estonia's cabinet approved a national AI plan on Thursday, the government "
            "office said in a statement.</p>"
            "<p>The plan has five main objectives:</p>"
            "<ul><li>Public computing for schools and universities</li>"
            "<li>Digital skills training for civil servants</li></ul>"
            "<p>The objectives will be reviewed by parliament every two years.</p>"
            "</article></body></html>")
    found = statements(read(tmp_path, page, "estonia.html"))
    lead = [s for s in found if s.text.endswith("The plan has five main objectives:")]
    assert len(lead) == 1 and lead[0].countries == ("EE",)


# --------------------------------------------------------------------------- short statements

SHORT = (
    "Asia weighs how to govern AI\n\n"
    "By Jane Doe\n\n"
    "Governments across Asia are weighing how tightly to regulate artificial intelligence, "
    "officials and analysts said this week.\n\n"
    "Singapore uses voluntary frameworks.\n\n"
    "Read more.\n\n"
    "Share this article\n\n"
    "Photo: Reuters\n\n"
    "Kenya News Agency.\n\n"
    "China Daily.\n\n"
    "Germany and France.\n\n"
    "Vietnam drafts a binding law that would license high-risk systems from next year.\n"
)


def test_a_short_statement_naming_its_country_is_kept_and_furniture_is_not(tmp_path):
    found = statements(read(tmp_path, SHORT))
    short = find(found, "Singapore uses")
    assert (short.text, short.countries) == ("Singapore uses voluntary frameworks.", ("SG",))
    texts = [s.text for s in found]
    for furniture in ("Read more.", "Share this article", "Photo: Reuters", "Jane Doe",
                      "Kenya News Agency.", "China Daily.", "Germany and France."):
        assert not any(furniture in t for t in texts), furniture


# --------------------------------------------------------------------------- cut by layout

CUT = (
    "Israel opens an AI programme to ministries\n\n"
    "Israel launched the first stage of its national artificial intelligence programme on "
    "Monday, asking every ministry to submit plans for using it. Proposals are due by "
    "November 15. NIS 120 million is earmarked for the government track,\n"
    "How will the programme work?\n"
    "Small projects may cost no more than NIS 3 million and must be delivered within a year.\n"
)


def test_a_sentence_cut_on_a_comma_above_a_heading_is_kept_and_the_heading_is_not_glued(
        tmp_path):
    article = read(tmp_path, CUT)
    # the question is a block of its own, not the rest of the sentence the comma cut
    assert ("paragraph", "How will the programme work?") in blocks(article)
    found = statements(article)
    cut = [s for s in found if "NIS 120 million is earmarked" in s.text]
    assert len(cut) == 1 and cut[0].text.endswith("for the government track,")
    assert cut[0].countries == ("IL",)
    assert not any("How will" in s.text for s in found)
    assert find(found, "Small projects").countries == ("IL",)


def test_a_comma_inside_a_block_still_ends_no_statement(tmp_path):
    # an excerpt (teaser) cut off on a comma is still not a statement
    text = ("---\ntitle: Chile plans a cluster\nexcerpt: Chile will build a national computing "
            "cluster in Valparaiso for its universities, the ministry said, adding that the\n"
            "---\n")
    found = statements(read(tmp_path, text))
    assert found == []


# --------------------------------------------------------------------------- contrasts

CONTRAST = (
    "Kenya opens a national AI lab\n\n"
    "Kenya opened a national AI lab in Nairobi in March, the ministry said.\n\n"
    "But the lab has no computing cluster of its own yet, officials admitted.\n\n"
    "Uptake among large Kenyan banks has been fast, a central bank survey found in June. "
    "However, among small lenders adoption has been slower.\n\n"
    "The survey covered 40 lenders and was published by the central bank in Nairobi. "
    "The regulator plans a second round next year.\n\n"
    "Still, officials expect the lab to host its first projects by December.\n"
)


def test_a_sentence_opening_on_a_contrast_is_quoted_with_the_one_it_answers(tmp_path):
    found = statements(read(tmp_path, CONTRAST))
    texts = [s.text for s in found]
    # across a break, after a paragraph of one sentence, and inside a paragraph: one quote
    assert ("Kenya opened a national AI lab in Nairobi in March, the ministry said. But the "
            "lab has no computing cluster of its own yet, officials admitted.") in texts
    assert ("Uptake among large Kenyan banks has been fast, a central bank survey found in "
            "June. However, among small lenders adoption has been slower.") in texts
    assert not any(t.startswith(("But ", "However")) for t in texts)
    # after a paragraph of several sentences, a contrast does not reach back over the break
    assert "Still, officials expect the lab to host its first projects by December." in texts
    assert all(s.countries == ("KE",) for s in found)
