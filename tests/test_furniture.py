"""Site furniture anywhere in an article's flow is never a fact, and a page's headline is its
title, never a fact.

Full-length pages and pasted articles, written for these tests in the shapes real news sites
and wire services use (header and navigation, a cookie banner, "Related" lines and captions
between paragraphs, a wire sign-off, the trust-principles line, a syndication disclaimer, an
author bio, a footer), are read by the real reader and extractor and by `briefing facts`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli import app
from briefing.corpus import document_text, is_boilerplate, is_tail_marker, read_document
from briefing.extract.facts import extract_statements
from briefing.formats.html import read_html
from briefing.store import open_store
from briefing.themes import load_taxonomy

TAXONOMY = load_taxonomy()

# --------------------------------------------------------------------------- a wire story page

CHILE_TITLE = "Chile offers tax breaks to draw AI data centres"
CHILE_REAL = (
    "Chile will cut corporate tax on new data centres by 15 percentage points for ten years, "
    "the finance ministry said on Tuesday.",
    "The government expects about $2.5 billion of investment in server farms by 2030, "
    "officials said.",
    "Operators must buy 40 percent of their power from renewable sources to qualify, the "
    "ministry added.",
    "Two operators have already filed plans for 4 campuses near Santiago and Antofagasta.",
)
# Furniture the page carries inside its article, where the page reader keeps it: the corpus
# must drop it.
CHILE_FURNITURE = (
    "We use cookies to improve your experience.",
    "By continuing to browse you agree to our cookie policy.",
    "Related: Peru weighs its own rules for cloud providers",
    "Also read: How Latin America competes for server farms",
    "Workers walk past a server hall near Santiago, Chile, January 5, 2026. "
    "REUTERS/Ana Perez/File Photo",
    "Advertisement",
    "Reporting by Ana Perez in Santiago; Additional reporting by Luis Gomez; Editing by Tom Hale",
    "Our Standards: The Thomson Reuters Trust Principles.",
    "(Only the headline and picture of this report may have been reworked by the Daily Ledger "
    "staff; the rest of the content is auto-generated from a syndicated feed.)",
    "Ana Perez is a technology correspondent for Example Wire based in Santiago.",
)
CHILE_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{CHILE_TITLE} | Example Wire</title>
<meta property="og:title" content="{CHILE_TITLE} | Example Wire">
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2026-03-03T09:00:00Z">
<link rel="canonical" href="https://wire.example.com/technology/chile-data-centres">
</head><body>
<div class="consent-banner"><p>This website uses cookies. Manage preferences</p></div>
<header><a href="/">Example Wire</a><nav><a href="/world">World</a> <a href="/tech">Technology</a></nav></header>
<main><article>
<h1>{CHILE_TITLE}</h1>
<p>{CHILE_FURNITURE[0]}</p>
<p>{CHILE_FURNITURE[1]}</p>
<p>SANTIAGO, March 3 (Example Wire) - {CHILE_REAL[0]}</p>
<p>{CHILE_FURNITURE[2]}</p>
<p>{CHILE_REAL[1]}</p>
<p>{CHILE_FURNITURE[4]}</p>
<p>{CHILE_FURNITURE[3]}</p>
<p>{CHILE_REAL[2]}</p>
<p>{CHILE_FURNITURE[5]}</p>
<h2>{CHILE_TITLE}</h2>
<p>{CHILE_REAL[3]}</p>
<p>{CHILE_FURNITURE[6]}</p>
<p>{CHILE_FURNITURE[7]}</p>
<p>{CHILE_FURNITURE[8]}</p>
<p>{CHILE_FURNITURE[9]}</p>
</article></main>
<footer><p>Copyright 2026 Example Wire. All rights reserved.</p></footer>
</body></html>
"""

# --------------------------------------------------------------------------- a pasted article

KENYA_TITLE = "Kenya plans a national AI compute centre worth $300 million"
KENYA_REAL = (
    "Kenya will build a national computing centre for artificial intelligence at a cost of "
    "$300 million, the ICT ministry said on Monday.",
    "The centre will host about 2,000 graphics processors and open to universities in 2027, "
    "officials said.",
    "Officials expect the project to create 4,500 jobs over five years.",
    "Regulators fined 12 websites a total of 4 million shillings last year for setting "
    "cookies without consent.",
    "Related spending on cooling systems rose 18 percent in 2025, the ministry said.",
)
KENYA_FURNITURE = (
    "Home > Technology > Artificial Intelligence",
    "We use cookies to improve your experience.",
    "By continuing to browse you agree to our cookie policy.",
    "Related: Uganda drafts data protection rules for cloud providers",
    "A technician checks servers in Nairobi, Kenya, February 2, 2026. "
    "REUTERS/John Mwangi/File Photo",
    "ALSO READ | Rwanda signs a chip supply deal with a European partner",
    "(Reporting by Jane Wanjiru; Editing by Peter Hall)",
    "Sign up for our newsletter",
    "Share this article",
    "Follow us on X",
    "Reporting by Jane Wanjiru in Nairobi; Writing by Tom Otieno; Editing by Peter Hall",
    "Our Standards: The Thomson Reuters Trust Principles.",
    "Jane Wanjiru is a technology correspondent for Example Wire based in Nairobi.",
)
KENYA_TXT = f"""{KENYA_FURNITURE[0]}

{KENYA_FURNITURE[1]}
{KENYA_FURNITURE[2]}

{KENYA_TITLE}

By Jane Wanjiru | March 3, 2026

NAIROBI, March 3 (Example Wire) - {KENYA_REAL[0]}

{KENYA_FURNITURE[3]}

{KENYA_REAL[1]}

{KENYA_FURNITURE[4]}

{KENYA_FURNITURE[5]}

{KENYA_REAL[2]} {KENYA_FURNITURE[6]}

{KENYA_REAL[3]}

{KENYA_FURNITURE[7]}

{KENYA_REAL[4]}

{KENYA_FURNITURE[8]}
{KENYA_FURNITURE[9]}

{KENYA_FURNITURE[10]}

{KENYA_FURNITURE[11]}

{KENYA_FURNITURE[12]}
"""

VIETNAM_TITLE = "Vietnam lifts its chip design budget to $1 billion"
VIETNAM_REAL = (
    "Vietnam will spend $1 billion on semiconductor design training by 2030, the planning "
    "ministry said.",
    "The plan aims to train 50,000 chip engineers, up from about 6,000 today.",
    "A photo released by the ministry showed 300 students at a new design lab in Hanoi.",
    "Maria Tran is a journalist who has reported on 40 chip plants across the region since "
    "2015.",
)
VIETNAM_FURNITURE = (
    "Advertisement",
    "Photo: Example Agency",
    "Read more: Thailand courts chip packaging plants with tax holidays",
    "(Photo by Minh Tran / Getty Images)",
    "Click here to get our weekly technology briefing.",
    "Writing by Lan Pham; Editing by Kim Ross",
    "This article was originally published on Example Asia.",
    "Copyright 2026 Example Asia. All rights reserved.",
    "The author is a senior fellow at the Example Institute.",
)
# Hard-wrapped at 72 columns as mail and some paste tools do; a wrapped line that opens with
# "subscribe" goes on with its sentence.
VIETNAM_MD = f"""---
title: {VIETNAM_TITLE}
date: 2026-02-10
---

# {VIETNAM_TITLE}

{VIETNAM_FURNITURE[0]}

Vietnam will spend $1 billion on semiconductor design training by
2030, the planning ministry said.

{VIETNAM_FURNITURE[1]}

{VIETNAM_FURNITURE[2]}

{VIETNAM_REAL[1]}

{VIETNAM_FURNITURE[3]}

{VIETNAM_REAL[3]}

{VIETNAM_FURNITURE[4]}

{VIETNAM_REAL[2]}

Universities and colleges that join the national scheme will have to
subscribe to a shared licence for 20 design tools, officials said.

{VIETNAM_FURNITURE[5]}

{VIETNAM_FURNITURE[6]}

{VIETNAM_FURNITURE[7]}

{VIETNAM_FURNITURE[8]}
"""
VIETNAM_WRAPPED = ("Universities and colleges that join the national scheme will have to subscribe "
                   "to a shared licence for 20 design tools, officials said.")

ALL_FURNITURE = (*CHILE_FURNITURE, *KENYA_FURNITURE, *VIETNAM_FURNITURE)
ALL_REAL = (*CHILE_REAL, *KENYA_REAL, *VIETNAM_REAL, VIETNAM_WRAPPED)
TITLES = {"chile.html": CHILE_TITLE, "kenya.txt": KENYA_TITLE, "vietnam.md": VIETNAM_TITLE}


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def news(tmp_path) -> Path:
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "chile.html").write_text(CHILE_PAGE, encoding="utf-8")
    (corpus / "kenya.txt").write_text(KENYA_TXT, encoding="utf-8")
    (corpus / "vietnam.md").write_text(VIETNAM_MD, encoding="utf-8")
    return corpus


def facts_json(corpus: Path) -> list[dict]:
    r = CliRunner().invoke(app, ["facts", "--json", "--corpus", str(corpus)])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


# --------------------------------------------------------------------------- through the CLI


def test_no_furniture_is_in_any_fact(news):
    quoted = [f["text"] for f in facts_json(news)]
    for furniture in ALL_FURNITURE:
        leaked = [t for t in quoted if flat(furniture) in t or t in flat(furniture)]
        assert not leaked, furniture


def test_every_real_sentence_with_a_figure_is_a_fact(news):
    quoted = [f["text"] for f in facts_json(news)]
    for sentence in ALL_REAL:
        assert quoted.count(flat(sentence)) == 1, sentence
    # Nothing but them: no furniture and no headline in another shape.
    assert sorted(quoted) == sorted(flat(s) for s in ALL_REAL)


def test_the_headline_is_the_title_and_never_a_fact(news):
    facts = facts_json(news)
    titles = {f["source"]["path"]: f["source"]["title"] for f in facts}
    assert titles == TITLES
    quoted = {f["text"] for f in facts}
    assert not quoted & set(TITLES.values())
    assert not [t for t in quoted if any(t.startswith(title) for title in TITLES.values())]


def test_no_fact_sits_in_a_furniture_section(news):
    facts_json(news)  # the CLI builds the store the terminal app reads
    store, _ = open_store(news)
    with store:
        facts = store.facts()
    assert len(facts) == len(ALL_REAL)
    headings = {f.heading for f in facts}
    # No page here has a real section heading: the only headings were the repeated headline
    # and the sign-offs, and neither is a section.
    assert headings == {None}


def test_spans_of_kept_text_point_at_it_after_furniture_is_dropped(news):
    for fact in facts_json(news):
        path = news / fact["source"]["path"]
        text, _ = document_text(fact["source"]["path"], path.read_bytes())
        start, end = fact["span"]
        assert flat(text[start:end]) == fact["text"]


# --------------------------------------------------------------------------- reader and extractor


def statements(corpus: Path, name: str):
    (article,) = read_document(corpus, corpus / name).articles
    return article, extract_statements(article, TAXONOMY)


def test_the_page_reader_keeps_the_furniture_and_the_corpus_drops_it(news):
    """The furniture reaches the corpus (the page reader does not take it out), so it is
    the corpus that keeps it out of the facts."""
    reading = read_html((news / "chile.html").read_bytes())
    for furniture in CHILE_FURNITURE:
        assert furniture in reading.text, furniture
    article, found = statements(news, "chile.html")
    blocks = [flat(article.text[b.start:b.end]) for b in article.blocks]
    assert not [b for b in blocks if b in CHILE_FURNITURE or b == CHILE_TITLE]
    assert [s.text for s in found] == [flat(s) for s in CHILE_REAL]


def test_a_page_title_loses_the_site_name_its_og_title_carries(news):
    assert read_html((news / "chile.html").read_bytes()).title == CHILE_TITLE


@pytest.mark.parametrize("name", ["kenya.txt", "vietnam.md"])
def test_pasted_articles_give_only_their_sentences(news, name):
    article, found = statements(news, name)
    assert article.source.title == TITLES[name]
    real = [flat(s) for s in ALL_REAL]
    assert [s.text for s in found if s.text not in real] == []
    assert all(s.heading is None for s in found)


def test_a_sign_off_glued_to_a_paragraph_is_cut_off_it(news):
    article, found = statements(news, "kenya.txt")
    jobs = next(s for s in found if "4,500 jobs" in s.text)
    block = next(b for b in article.blocks if b.start <= jobs.start < b.end)
    assert article.text[block.start:block.end] == KENYA_REAL[2]


def test_a_sign_off_on_its_own_line_is_never_a_section(tmp_path):
    """Before: "Reporting by ...; Editing by ..." read as a heading, and what followed it
    was shown in that section."""
    (tmp_path / "a.txt").write_text(
        "Spain sets aside 600 million euros for AI chips\n\n"
        "Spain will spend 600 million euros on chip design, the economy ministry said.\n\n"
        "Reporting by Elena Ruiz; Editing by Mark Dunn\n\n"
        "The programme will fund 25 start-ups in its first year, officials said.\n",
        encoding="utf-8")
    (article,) = read_document(tmp_path, tmp_path / "a.txt").articles
    assert [b.kind for b in article.blocks] == ["paragraph", "paragraph"]
    found = extract_statements(article, TAXONOMY)
    assert [s.heading for s in found] == [None, None]


def test_a_bio_shaped_sentence_inside_the_story_is_kept(news):
    _, found = statements(news, "vietnam.md")
    assert flat(VIETNAM_REAL[3]) in [s.text for s in found]


def test_a_first_line_headline_of_a_text_file_is_its_title_even_when_repeated(tmp_path):
    title = "Ghana opens a 20 million dollar AI research hub in Accra"
    (tmp_path / "g.txt").write_text(
        f"{title}\n\n{title.upper()}\n\n"
        "Ghana has opened a research hub for artificial intelligence that cost 20 million "
        "dollars, the communications ministry said.\n", encoding="utf-8")
    (article,) = read_document(tmp_path, tmp_path / "g.txt").articles
    assert article.source.title == title
    found = [s.text for s in extract_statements(article, TAXONOMY)]
    assert found == ["Ghana has opened a research hub for artificial intelligence that cost 20 "
                     "million dollars, the communications ministry said."]


def test_a_report_drops_furniture_between_its_paragraphs(tmp_path):
    """A PDF report's blocks are cut by the same code as a page's."""
    import weasyprint

    real = ("Portugal spent 45 million euros on public computing in 2025, the review found.",
            "About 60 percent of that went to university clusters, according to the review.")
    furniture = ("Engineers at the new cluster in Lisbon, May 2025. (Photo by Rui Costa / "
                 "Example Images)",
                 "Also read: Spain publishes its own review of 30 public computing centres.",
                 "Compiled by the Example Ministry research desk",
                 "Copyright 2026 Example Ministry. All rights reserved.")
    html = ("<html><head><title>Computing review 2026</title></head><body>"
            f"<h1>Computing review 2026</h1><p>{real[0]}</p><p>{furniture[0]}</p>"
            f"<p>{furniture[1]}</p><p>{furniture[2]}</p><p>{real[1]}</p><p>{furniture[3]}</p>"
            "</body></html>")
    (tmp_path / "review.pdf").write_bytes(weasyprint.HTML(string=html).write_pdf())
    assert [f["text"] for f in facts_json(tmp_path)] == list(real)
    text, _ = document_text("review.pdf", (tmp_path / "review.pdf").read_bytes())
    assert all(f in text for f in furniture)  # the report reader keeps them: the corpus drops them
    _, found = statements(tmp_path, "review.pdf")
    assert [s.heading for s in found] == [None, None]


# --------------------------------------------------------------------------- the shape of a line


@pytest.mark.parametrize("line", [
    # real sentences that merely contain a furniture word
    "Regulators fined 12 websites for setting cookies without consent.",
    "Related spending on cooling systems rose 18 percent in 2025.",
    "A photo released by the ministry showed 300 students at a new lab.",
    "Photos of the plant published on Monday show 3,000 servers.",
    "Copyright law changes let AI firms train on 40 percent more public data.",
    "Privacy policy changes at the platform affect 2 billion users.",
    "Written by a team of 40 scientists, the report says AI could cut emissions by 5%.",
    "Students can sign up for free, the ministry said.",
    "The summit covered chip exports and tariffs between the US and China.",
    "By using AI, hospitals cut waiting times by 30 percent.",
    "More from the budget will go to 12 new research labs.",
    "The report was first published in 2023 and found 40% growth.",
    "Subscribers to the service rose 20% to 4 million.",
    "Follow-on investments reached $3 billion last year.",
    "The ministry's image: a nation of 40 million coders.",
])
def test_real_sentences_with_furniture_words_are_not_furniture(line):
    assert not is_boilerplate(line)
    assert not is_tail_marker(line)  # nor the end of the story


@pytest.mark.parametrize("line", [
    "This website uses cookies to ensure you get the best experience.",
    "Accept all cookies",
    "Cookie policy | Terms of use",
    "Recommended: Brazil bets on chip packaging",
    "More from Example News: Brazil bets on chip packaging",
    "See also: the full list of projects",
    "Subscribe to Example Weekly",
    "Follow Example News on Google News",
    "Share this article on WhatsApp, X or LinkedIn.",
    "Additional reporting by Ken Lee in Seoul",
    "Compiled by ET Bureau",
    "(Except for the headline, this story has not been edited by Example staff and is "
    "published from a syndicated feed.)",
    "FILE PHOTO: A worker at a chip plant in Hsinchu.",
    "Image credit: Example Ltd",
    "File photo",
    "© AFP",
    "Officials visit the new lab in Seoul. (AP Photo/Ahn Young-joon)",
    "The Tariff Watch newsletter is your daily guide to trade news. Sign up here.",
    "Read the full story",
    "A version of this story appeared in print on March 4, 2026.",
    "The views expressed in this article are the author's own.",
    "Story continues below advertisement",
])
def test_furniture_lines_are_furniture(line):
    assert is_boilerplate(line)
