"""Properties of the corpus reader, sentence splitter, figure parser and Markdown escaping on
arbitrary input (Hypothesis): nothing but the documented CorpusError is ever raised, every
span points at the text it claims, and source text never renders as live Markdown or HTML.
"""

from __future__ import annotations

import html as html_lib
import math
import re
import tempfile
from pathlib import Path

from factories import make_brief, make_fact, make_source
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from briefing.brief.render.markdown import escape_md, render_markdown, visible_controls
from briefing.errors import CorpusError
from briefing.extract.facts import extract_statements
from briefing.extract.figures import find_figures
from briefing.extract.sentences import split_sentences
from briefing.extract.themes import load_taxonomy
from briefing.ingest.decoding import decode
from briefing.ingest.document import read_document

# The autouse `isolated_env` fixture only points the cache and config at a temp folder:
# sharing it across the examples of one test is what we want.
PROPERTY = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
TAXONOMY = load_taxonomy()
FIGURE_KINDS = {"percent", "money", "count", "year"}

#: Pieces of real articles that the extractor treats specially, mixed with random text so
#: examples reach the interesting paths (front matter, datelines, figures, abbreviations).
FRAGMENTS = [
    "---\n", "title: Korea plans\n", "date: 2025-03-03\n", "related:\n  - title: x\n",
    "\n\n", "\n", "\r\n", ". ", "? ", "! ", "; ", " - ", "\u2028", "\u00a0", "\t",
    "OSLO, March 4 (Reuters) - ", "example-news.com Reported - ", "By Jane Doe\n",
    "# ", "## Heading\n", "- ", "1. ", "> ", "Mr. ", "U.S. ", "e.g. ", "No. 5 ", "...",
    "South Korea", "the government", "its", "Japan's", "Nigeria", "EU", "here",
    "$6.8 billion", "36%", "56pc", "₹10,372 crore", "1.2 lakh", "nine companies", "2027",
    "between 5 and 10", "US$3bn", "€400m", "1,000,000", "9" * 40, "0.5", "-3%",
    "«", "»", "“quoted.”", "(", ")", "[", "]", "*", "_", "`", "<", ">", "&", "#", "|",
    "<script>alert(1)</script>", "[x](javascript:alert(1))", "![p](http://e.x/p.gif)",
    "**bold**", "&amp;", "&#60;", ":x:", "[bold red]", "Related", "Leave a Reply",
    "한국은 AI에 투자한다.", "日本は5兆円を投資する。", "نص عربي.", "\u200b", "\ufeff",
]
WORDS = ["The", "ministry", "said", "will", "spend", "on", "AI", "chips", "by", "in",
         "government", "plans", "to", "invest", "data", "centres", "This", "shows", "while",
         "has", "Brazil", "Mexico", "from", "the", "United States", "of", "GPUs", "budget"]
sentence = st.tuples(
    st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS),
                       st.sampled_from(FRAGMENTS), st.text(max_size=8)), min_size=2, max_size=16),
    st.sampled_from([".", "!", "?", "", ".\u201d", "。"]),
).map(lambda t: " ".join(t[0]) + t[1])
paragraphs = st.lists(st.lists(sentence, min_size=1, max_size=4).map(" ".join),
                      min_size=1, max_size=5).map("\n\n".join)
front = st.sampled_from(["", "---\ntitle: Chips\ndate: 2025-03-03\n---\n", "Mar 3, 2025\n\n",
                         "# Korea bets on chips\n\n", "---\ntitle: [x\n---\n"])
articles = st.one_of(
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)),
             max_size=40).map("".join),
    st.tuples(front, paragraphs).map("".join),
)
arbitrary_text = st.one_of(st.text(max_size=400), articles)


def collapse(text: str) -> str:
    return " ".join(text.split())


def read_bytes_as_corpus_file(data: bytes):
    """read_document on a real file holding `data`; None when it is a CorpusError."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "article.md").write_bytes(data)
        try:
            return read_document(root, root / "article.md")
        except CorpusError:
            return None


@PROPERTY
@given(st.binary(max_size=3000))
def test_decode_gives_text_or_a_corpus_error(data):
    try:
        text, warnings = decode(data)
    except CorpusError as err:
        assert str(err)
        return
    assert isinstance(text, str) and all(isinstance(w, str) for w in warnings)


@PROPERTY
@given(st.one_of(st.binary(max_size=3000), articles.map(lambda t: t.encode("utf-8")),
                 articles.map(lambda t: t.encode("cp1252", "ignore"))))
def test_reading_any_file_gives_a_document_or_a_corpus_error(data):
    doc = read_bytes_as_corpus_file(data)
    if doc is None:
        return
    assert doc.articles
    for article in doc.articles:
        for block in article.blocks:
            assert 0 <= block.start <= block.end <= len(article.text)


@PROPERTY
@given(arbitrary_text)
def test_every_statement_span_maps_back_to_its_text(text):
    doc = read_bytes_as_corpus_file(text.encode("utf-8"))
    if doc is None:
        return
    for article in doc.articles:
        statements = extract_statements(article, TAXONOMY)
        event("statements" if statements else "no statement")
        for s in statements:
            assert 0 <= s.block_start <= s.start < s.end <= s.block_end <= len(article.text)
            assert collapse(article.text[s.start:s.end]) == s.text
            for f in s.figures:
                assert s.text[f.start:f.start + len(f.text)] == f.text


@PROPERTY
@given(arbitrary_text, st.data())
def test_sentence_spans_are_ordered_trimmed_and_inside(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.one_of(st.none(), st.integers(start, len(text))))
    spans = split_sentences(text, start, end)
    stop = len(text) if end is None else end
    last = start
    for s, e in spans:
        assert last <= s < e <= stop
        piece = text[s:e]
        assert piece == piece.strip() and re.search(r"\w", piece)
        last = e


@PROPERTY
@given(arbitrary_text, st.booleans())
def test_every_figure_is_found_where_it_says(text, number_words):
    for f in find_figures(text, number_words):
        assert f.text and text[f.start:f.start + len(f.text)] == f.text
        assert f.kind in FIGURE_KINDS
        assert isinstance(f.value, float) and not math.isnan(f.value)


def rendered(md: str) -> str:
    # CommonMark with raw HTML on: the strictest reading of what would be live.
    return MarkdownIt("commonmark", {"html": True}).enable("table").enable(
        "strikethrough").render(md)


def visible(html: str) -> str:
    return collapse(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)))


@PROPERTY
@given(arbitrary_text)
def test_escaped_text_renders_as_itself_and_nothing_more(text):
    html = rendered(escape_md(text))
    assert set(re.findall(r"<(\w+)", html)) <= {"p"}, html
    # Control characters are shown as their pictures (␛ for ESC), never raw.
    assert visible(html) == collapse(visible_controls(collapse(text)))


@PROPERTY
@given(articles)
def test_a_statement_in_a_brief_is_never_live_markup(text):
    doc = read_bytes_as_corpus_file(text.encode("utf-8"))
    statements = [s for a in doc.articles for s in extract_statements(a, TAXONOMY)] if doc else []
    event("statements" if statements else "no statement")
    if not statements:
        return
    source = make_source(1, title=collapse(text)[:80] or None, url=None)
    facts = [make_fact(n, s.text, source) for n, s in enumerate(statements[:5], 1)]
    html = rendered(render_markdown(make_brief(facts)))
    assert "<script" not in html and "<img" not in html
    assert 'href="javascript' not in html.lower()  # the words may show, never as a link
    shown = visible(html)
    for fact in facts:
        assert collapse(fact.text.replace("\0", "\ufffd")) in shown
