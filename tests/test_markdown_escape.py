"""Source text stays text: it can never become live Markdown or HTML in a brief."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from factories import make_brief, make_fact, make_source
from markdown_it import MarkdownIt

from briefing.brief.render.markdown import escape_md, figure_value, link, render_markdown
from briefing.model import Figure

HOSTILE = [
    '<script>alert("x")</script>',
    '<img src="file:///etc/passwd">',
    "[click me](javascript:alert(1))",
    "![pixel](http://tracker.example/p.gif)",
    "# Not a heading",
    "**bold** and _em_ and `code` and ~~strike~~",
    "1. not a list",
    "| a | b |",
    "&lt;script&gt; &#60;b&#62;",
    "<http://autolink.example>",
]


def rendered(md: str) -> str:
    # CommonMark with raw HTML enabled: the strictest check that nothing is live.
    return MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough").render(md)


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_itself(text):
    html = rendered(escape_md(text))
    for tag in ("<script", "<img", "<a ", "<h1", "<strong", "<em", "<code", "<s>", "<ol", "<table"):
        assert tag not in html
    # What a reader sees is exactly the source text.
    visible = html_lib.unescape(re.sub(r"</?p>", "", html)).strip()
    assert visible == text


def test_escaping_keeps_plain_text_readable():
    text = "The government plans to triple its AI budget to approximately $6.8 billion (36%)."
    assert escape_md(text) == text


def test_links_only_for_http_urls():
    assert link("https://example.com/a?b=1") == "<https://example.com/a?b=1>"
    assert "<" not in link("javascript:alert(1)").replace("\\<", "")
    assert link("https://example.com/<script>") == escape_md("https://example.com/<script>")


def test_hostile_fact_in_a_whole_brief_stays_text():
    src = make_source(1, title='<img src=x onerror=alert(1)>', url="javascript:alert(1)",
                      publisher="[Evil](http://evil.example)")
    facts = [make_fact(n, f"South Korea said {h} in a statement today.", src)
             for n, h in enumerate(HOSTILE, 1)]
    md = render_markdown(make_brief(facts))
    html = rendered(md)
    assert "<script" not in html and "<img" not in html
    assert 'href="javascript' not in html and "evil.example\"" not in html
    assert "South Korea said" in md


def test_figure_values():
    assert figure_value(Figure("$6.8 billion", "money", 6.8e9, "USD")) == "6.8 bn USD"
    assert figure_value(Figure("36%", "percent", 36.0, "%")) == "36%"
    assert figure_value(Figure("260,000 advanced GPUs", "count", 260000.0, "GPUs")) == "260,000 GPUs"
