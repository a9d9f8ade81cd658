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

from briefing.cli.app import app
from briefing.extract.facts import extract_statements
from briefing.extract.themes import load_taxonomy
from briefing.ingest.document import document_text, read_document
from briefing.ingest.formats.html import read_html, title_site
from briefing.ingest.furniture import is_boilerplate, is_tail_marker
from briefing.store import open_store

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


# --------------------------------------------------------------------------- appeals for money

HARBOUR_REAL = (
    "Portugal will spend 180 million euros on a public AI computing centre near Sines, the "
    "digital ministry said on Friday.",
    "The ministry will support 40 start-ups with grants worth 25 million euros from next "
    "year, officials said.",
    "The Sines institute receives funding from the EU and three national governments, its "
    "director said in 2025.",
    "About 3,000 graphics processors will be installed at Sines by 2027, officials said.",
)
HARBOUR_APPEAL = (
    "You've read 12 articles in the last year.",
    "... we have a small favour to ask.",
    "Readers like you keep our reporting open to everyone.",
    "Support us from as little as €2 – it only takes a minute.",
    "Thank you.",
)
HARBOUR_TITLE = "Portugal to build a 180 million euro AI computing centre"
HARBOUR_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{HARBOUR_TITLE} | Technology | The Harbour Times</title>
</head><body>
<header><a href="/" class="logo">The Harbour Times</a>
<a href="/support" class="support-link">Support the Harbour Times – from €2</a></header>
<main><article>
<h1>{HARBOUR_TITLE}</h1>
<div class="article-body">
<p class="standfirst">Lisbon wants researchers to stop renting foreign servers for their models</p>
<p>{HARBOUR_REAL[0]}</p>
<p>{HARBOUR_REAL[1]}</p>
<p>{HARBOUR_REAL[2]}</p>
<p>{HARBOUR_REAL[3]}</p>
</div>
<div class="contributions-epic">
<p>{HARBOUR_APPEAL[0]} {HARBOUR_APPEAL[1]}</p>
<p>{HARBOUR_APPEAL[2]}</p>
<p>{HARBOUR_APPEAL[3]} {HARBOUR_APPEAL[4]}</p>
</div>
</article></main>
</body></html>
"""

# The same kind of appeal pasted into a text file, one line a paragraph, after a story.
SINES_TXT = f"""{HARBOUR_TITLE}

{HARBOUR_REAL[0]}

{HARBOUR_REAL[3]}

Independent journalism like ours needs your support.

We have a small favour to ask.

Millions of readers rely on us every month, and we keep our reporting free.

Make a contribution

It only takes a minute. Thank you.
"""


def test_an_appeal_box_of_a_page_is_never_a_fact(tmp_path):
    (tmp_path / "harbour.html").write_text(HARBOUR_PAGE, encoding="utf-8")
    facts = facts_json(tmp_path)
    assert [f["text"] for f in facts] == list(HARBOUR_REAL)
    # The page names its site only in its <title>: the name after the headline and the
    # section is the publisher.
    assert {f["source"]["publisher"] for f in facts} == {"The Harbour Times"}
    assert {f["source"]["title"] for f in facts} == {HARBOUR_TITLE}


def test_the_page_reader_drops_an_appeal_box_but_not_a_story_in_a_paywall_box(tmp_path):
    reading = read_html(HARBOUR_PAGE.encode())
    assert not [a for a in HARBOUR_APPEAL if a in reading.text]
    assert all(r in reading.text for r in HARBOUR_REAL)
    # A site that wraps the story itself in a "paywall" element keeps its story: the box
    # is named as an appeal's but its text asks for nothing.
    walled = HARBOUR_PAGE.replace('<div class="article-body">', '<div class="paywall">')
    assert all(r in read_html(walled.encode()).text for r in HARBOUR_REAL)


def test_an_appeal_pasted_into_a_text_file_goes_with_its_short_lines(tmp_path):
    (tmp_path / "sines.txt").write_text(SINES_TXT, encoding="utf-8")
    assert [f["text"] for f in facts_json(tmp_path)] == [HARBOUR_REAL[0], HARBOUR_REAL[3]]


# --------------------------------------------------------------------------- republishing notes

TALK_REAL = (
    "Spain approved 2.1 billion euros for data centres in 2025, most of it near Madrid.",
    "The grid operator expects data centres to use 8% of the country's power by 2030.",
    "The report was republished in 2024 with 30 new case studies of grid connections.",
)
TALK_MD = f"""---
title: Spain's data centre rush tests its grid
date: 2026-01-20
---

# Spain's data centre rush tests its grid

*By Maria Lopez, Lecturer in Energy Policy, Example University*

{TALK_REAL[0]}

{TALK_REAL[1]}

**{TALK_REAL[2]}**

---

*This article is republished from Example Talk under a Creative Commons license. Read the original article.*

Disclosure statement

Maria Lopez does not work for, consult, own shares in or receive funding from any company or organisation that would benefit from this article, and has disclosed no relevant affiliations beyond her academic appointment.

Maria Lopez has received research funding from the national energy agency.

Example Talk Spain receives funding from its partner universities.
"""
SYNDICATED_TXT = """Brazil offers 12 years of tax breaks to data centres

Brazil will exempt new data centres from federal taxes for 12 years if they use renewable \
power, the finance ministry said on Monday.

Reporting by Ana Souza; Editing by Mark Hale

This story was syndicated from a news agency. It has not been edited by our staff and is \
published as received from the agency.
"""


def test_republishing_and_disclosure_notes_are_never_facts(tmp_path):
    (tmp_path / "talk.md").write_text(TALK_MD, encoding="utf-8")
    (tmp_path / "brazil.txt").write_text(SYNDICATED_TXT, encoding="utf-8")
    quoted = sorted(f["text"] for f in facts_json(tmp_path))
    assert quoted == sorted([*TALK_REAL, "Brazil will exempt new data centres from federal "
                             "taxes for 12 years if they use renewable power, the finance "
                             "ministry said on Monday."])


def test_emphasis_around_a_paragraph_is_not_quoted_and_the_span_still_verifies(tmp_path):
    """"**The report was republished ...**": the quote is the sentence, not its markers, and
    its span points at exactly that text, so `briefing verify` checks it."""
    (tmp_path / "talk.md").write_text(TALK_MD, encoding="utf-8")
    (article,) = read_document(tmp_path, tmp_path / "talk.md").articles
    found = extract_statements(article, TAXONOMY)
    assert [s.text for s in found] == list(TALK_REAL)
    assert all(article.text[s.start:s.end] == s.text for s in found)
    r = CliRunner().invoke(app, ["make", "-c", "ES", "--corpus", str(tmp_path), "--out",
                                 str(tmp_path / "out"), "--date", "2026-02-01", "--format",
                                 "md"])
    assert r.exit_code == 0, r.output
    brief = Path(r.stdout.strip())
    assert "republished in 2024" in brief.read_text(encoding="utf-8")
    assert "\\*" not in brief.read_text(encoding="utf-8")
    v = CliRunner().invoke(app, ["verify", str(brief), "--corpus", str(tmp_path)])
    assert v.exit_code == 0, v.output
    assert v.stdout.strip().splitlines()[-1].endswith(" ok")


def test_a_funding_sentence_inside_a_story_is_news(tmp_path):
    """"X receives funding from ..." is a disclosure only where a story ends."""
    (tmp_path / "harbour.html").write_text(HARBOUR_PAGE, encoding="utf-8")
    (article,) = read_document(tmp_path, tmp_path / "harbour.html").articles
    assert HARBOUR_REAL[2] in [s.text for s in extract_statements(article, TAXONOMY)]


# --------------------------------------------------------------------------- decks and labels

DECK_MD = """---
title: Chile backs a national GPU cluster
date: 2026-02-03
---

# Chile backs a national GPU cluster

Santiago wants its universities to share one machine instead of renting abroad

Chile will spend 60 billion pesos on a shared cluster of 1,500 graphics processors, the \
science ministry said.

## What the plan funds

The plan has three parts:

- Spend 40 billion pesos on the cluster itself by 2027
- Train 2,000 engineers a year in its use

The cluster will be built in Valparaiso. It should reach full use by 2029

Graphics processors bought, 2024-2027 (units)
"""


def test_a_deck_line_is_a_heading_and_list_items_stay_facts(tmp_path):
    (tmp_path / "chile.md").write_text(DECK_MD, encoding="utf-8")
    (article,) = read_document(tmp_path, tmp_path / "chile.md").articles
    kinds = {flat(article.text[b.start:b.end]): b.kind for b in article.blocks}
    assert kinds["Santiago wants its universities to share one machine instead of renting "
                 "abroad"] == "heading"
    assert kinds["Graphics processors bought, 2024-2027 (units)"] == "heading"
    assert kinds["## What the plan funds"] == "heading"  # a real heading stays one
    assert kinds["Spend 40 billion pesos on the cluster itself by 2027"] == "item"
    found = [s.text for s in extract_statements(article, TAXONOMY)]
    assert found == [
        "Chile will spend 60 billion pesos on a shared cluster of 1,500 graphics processors, "
        "the science ministry said.",
        # a lead-in that counts what it hands over to states something (issue 22)
        "The plan has three parts:",
        "Spend 40 billion pesos on the cluster itself by 2027",
        "Train 2,000 engineers a year in its use",
        # a paragraph of two sentences that lost its last stop is prose, not a label (its
        # second sentence leans on the first: one quote)
        "The cluster will be built in Valparaiso. It should reach full use by 2029",
    ]


def test_a_page_standfirst_is_not_a_fact(tmp_path):
    (tmp_path / "harbour.html").write_text(HARBOUR_PAGE, encoding="utf-8")
    (article,) = read_document(tmp_path, tmp_path / "harbour.html").articles
    deck = "Lisbon wants researchers to stop renting foreign servers for their models"
    # a p.standfirst is dropped before trafilatura reads the page: no block, no fact
    assert deck not in article.text
    assert deck not in [s.text for s in extract_statements(article, TAXONOMY)]


# --------------------------------------------------------------------------- date lines

@pytest.mark.parametrize("stamp, day", [
    ("July 22, 2025 · 6:15 AM UTC", "2025-07-22"),
    ("Tue 22 Jul 2025 06.15 BST", "2025-07-22"),
    ("17:50, 15.11.2025", "2025-11-15"),
    ("Tuesday, July 22 · 6:15 AM ET", None),  # no year: no day, and still no title
])
def test_a_date_line_is_never_the_title(tmp_path, stamp, day):
    (tmp_path / "s.txt").write_text(
        f"Singapore funds chatbots\n\n{stamp}\n\n"
        "Singapore will spend S$70 million on a regional language model, the authority said "
        "on Tuesday.\n\nThe model already supports 11 languages, including Thai and "
        "Tagalog.\n", encoding="utf-8")
    (article,) = read_document(tmp_path, tmp_path / "s.txt").articles
    assert article.source.title == "Singapore funds chatbots"
    assert article.source.date == day
    assert stamp not in [flat(article.text[b.start:b.end]) for b in article.blocks]


def test_a_headline_holding_a_date_is_still_the_title(tmp_path):
    (tmp_path / "b.txt").write_text(
        "Budget vote set for March 4, 2026\n\nMarch 1, 2026\n\n"
        "Parliament will vote on a 2 billion dollar AI budget on March 4, the speaker said.\n"
        "\nThe budget includes 400 million dollars for public computing.\n", encoding="utf-8")
    (article,) = read_document(tmp_path, tmp_path / "b.txt").articles
    assert article.source.title == "Budget vote set for March 4, 2026"
    assert article.source.date == "2026-03-01"


# --------------------------------------------------------------------------- site names


@pytest.mark.parametrize("title, headline, site", [
    ("UK backs Edinburgh supercomputer | The Northern Ledger",
     "UK backs Edinburgh supercomputer", "The Northern Ledger"),
    ("UAE clears chip imports - Gulf Business Wire", "UAE clears chip imports",
     "Gulf Business Wire"),
    ("UK backs supercomputer | Technology | The Northern Ledger", "UK backs supercomputer",
     "The Northern Ledger"),
    ("Example News | Kenya opens AI hub", "Kenya opens AI hub", "Example News"),
    ("Brazil's chip plan - what we know so far", "Brazil's chip plan", None),
    ("Brazil's chip plan", "Brazil's chip plan", None),
    ("Chile: a new plan for AI", "a new plan for AI", None),
])
def test_a_site_name_is_read_from_the_title_only_when_it_reads_as_one(title, headline, site):
    assert title_site(title, headline) == site


def test_the_site_name_a_page_gives_wins_over_its_title(tmp_path):
    page = HARBOUR_PAGE.replace(
        "</title>", '</title>\n<meta property="og:site_name" content="Harbour Media">')
    assert read_html(page.encode()).publisher == "Harbour Media"


# --------------------------------------------------------------------------- line shapes


@pytest.mark.parametrize("line", [
    "You've read 7 articles in the last year.",
    "You have read 3 of your 5 free articles this month",
    "... we have a small favour to ask.",
    "Support us from as little as £1 – it only takes a minute.",
    "Support the Harbour Times – from €2",
    "Become a member today",
    "Subscribe to continue reading",
    "To continue reading, log in or create a free account.",
    "Already a subscriber? Sign in",
    "This article is available to subscribers only.",
    "Make a contribution",
    "Donate now",
    "Independent journalism needs your support.",
    "Thank you for reading.",
    "*This article is republished from Example Talk under a Creative Commons license.*",
    "Republished with permission from Example Post.",
    "This story was syndicated from a wire service.",
    "It has not been edited by our staff and is published as received from the agency.",
    "Jane Roe does not work for, consult, own shares in or receive funding from any company "
    "or organisation that would benefit from this article.",
    "Disclosure statement",
    "---",
    "* * *",
])
def test_appeal_and_republishing_lines_are_furniture(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Support for the plan from $5 billion pension funds rose last year.",
    "The fund will support independent journalism in 12 countries.",
    "Britain will become a member of the consortium in 2027, the minister said.",
    "Each member state must make a contribution of 2% of its budget.",
    "Republished figures show exports rose 12% in 2025.",
    "The report was republished in 2024 with 30 new case studies.",
    "The institute receives funding from the EU and three governments.",
    "Donations to university labs rose 20% in 2025.",
    "Thanks to the subsidy, 400 firms now rent GPUs at half price.",
    "Subscribers to the service rose 20% to 4 million.",
])
def test_sentences_with_appeal_and_republishing_words_are_not_furniture(line):
    assert not is_boilerplate(line)


# --------------------------------------------------------------------------- second trial

@pytest.mark.parametrize("line", [
    "The Morning Ledger newsletter: Every weekday, the news that matters.",
    "Disclosure: Example Tech has received sponsorship from a cloud firm for an event.",
    "The sponsor had no role in this story.",
    "An earlier version of this story misspelled the name of the agency's director.",
    "Correction: An earlier version of this article gave the wrong year for the plan.",
    "This story has been corrected to show that the fund is worth 2 billion pesos.",
    "The interview has been edited for length and clarity.",
    "This interview has been condensed and edited.",
])
def test_notes_about_the_story_itself_are_furniture(line):
    """Promos, disclosures, corrections and editing notes speak of the article, not the
    world: a correction note was kept before the second trial; it is furniture now."""
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "The newsletter industry grew 12% in 2025, the survey found.",
    "The ministry corrected its 2025 growth figure to 4.1% on Monday.",
    "An earlier version of the plan set aside 3 billion dollars for chips.",
    "The sponsor, a Korean chipmaker, paid 40 million dollars for the lab.",
    "The bill was edited by the Senate before its final vote in May.",
])
def test_sentences_with_note_words_stay_news(line):
    assert not is_boilerplate(line)


RELEASE_REAL = (
    "The Ministry of Digital Economy today launched a national AI plan to train 20,000 "
    "engineers by 2030.",
    "Nigeria will build a public computing centre in Lagos for 50 billion naira by 2028.",
)
RELEASE_TXT = f"""PRESS RELEASE

Ministry launches AI plan to train 20,000 engineers

LAGOS, NIGERIA – 3 March 2026 – {RELEASE_REAL[0]}

{RELEASE_REAL[1]}

-ENDS-

Notes to Editors:

About the Ministry of Digital Economy
The Ministry sets policy on telecoms and the digital economy and employs 1,200 staff.

Media Contact:
Press Office, Ministry of Digital Economy
Tel: +234 800 000 0000
"""
NOTES_MD = """# Britain to fund 300 AI fellowships

Britain will spend 180 million pounds on 300 research fellowships, the science ministry said \
on Tuesday.

The first fellows will start work in 2027.

## Notes to editors

- The fellowships are paid from the 2 billion pounds set aside for AI in 2025.
- More details will be published on the funder's website in September.

## About the Research Council

The council funds 9,000 researchers a year.

## What the plan funds in Wales

Wales will host 40 of the fellows at two universities, officials said.
"""


def test_press_release_notes_and_about_sections_are_never_facts(tmp_path):
    (tmp_path / "release.txt").write_text(RELEASE_TXT, encoding="utf-8")
    (tmp_path / "notes.md").write_text(NOTES_MD, encoding="utf-8")
    quoted = {f["source"]["path"]: [] for f in facts_json(tmp_path)}
    for f in facts_json(tmp_path):
        quoted[f["source"]["path"]].append(f["text"])
    # the dateline is cut off whole: no "3 March 2026 –" left before the first fact
    assert quoted["release.txt"] == list(RELEASE_REAL)
    assert quoted["notes.md"] == [
        "Britain will spend 180 million pounds on 300 research fellowships, the science "
        "ministry said on Tuesday.",
        "The first fellows will start work in 2027.",
        # the next heading of the story ends the boilerplate section
        "Wales will host 40 of the fellows at two universities, officials said.",
    ]


def test_a_note_closing_an_interview_intro_is_cut_off_it(tmp_path):
    intro = ("Chile has committed 60 billion pesos to AI since 2024. We spoke to its science "
             "minister about chips and talent.")
    (tmp_path / "talk.md").write_text(
        f"# Chile's minister on chips\n\n{intro} This interview has been condensed and "
        "edited.\n\nHow much of the money went to compute? About 40%, or 24 billion pesos.\n",
        encoding="utf-8")
    (article,) = read_document(tmp_path, tmp_path / "talk.md").articles
    assert flat(article.text[article.blocks[0].start:article.blocks[0].end]) == intro
    quoted = [s.text for s in extract_statements(article, TAXONOMY)]
    assert not any("condensed" in q for q in quoted)


DECK_TXT = """France offers grid links to data centres

Paris wants its spare nuclear power to draw AI firms. Germany is watching closely.

By Claire Martin
Published: 17/06/2026 at 06:30, updated at 11:12

France has found 63 sites where data centres could be connected to the grid within three \
years, the government said on Tuesday.

The sites could together host about 10 gigawatts of computing capacity.
"""


def test_a_text_deck_between_headline_and_byline_is_not_a_fact(tmp_path):
    (tmp_path / "france.txt").write_text(DECK_TXT, encoding="utf-8")
    (article,) = read_document(tmp_path, tmp_path / "france.txt").articles
    assert article.source.date == "2026-06-17"
    quoted = [s.text for s in extract_statements(article, TAXONOMY)]
    assert quoted[0].startswith("France has found 63 sites")  # the lede stays a fact
    assert not any("watching closely" in q or "spare nuclear" in q for q in quoted)


def page_with(deck: str, after: str = "") -> str:
    body = "".join(
        f"<p>Mexico will fund {n} new computing centres for public universities, the science "
        f"ministry said on Monday, adding that each would hold {n * 100} processors.</p>"
        for n in range(2, 6))
    return (f"<html><head><title>Mexico funds computing centres</title></head><body><article>"
            f"<h1>Mexico funds computing centres</h1>{deck}{after}{body}</article></body></html>")


@pytest.mark.parametrize("deck", [
    '<p class="standfirst">The plan costs 3 billion pesos. Critics call it too small.</p>',
    '<h2 class="subhead">Officials say 2,000 jobs will follow. Neighbours fear for water.</h2>',
    '<p class="intro"><strong>Leaders met in the capital. The plan is long on hope.</strong></p>',
    '<p class="gem-c-lead-paragraph">The plan funds 5 centres for universities.</p>',
    "<h2>The plan funds 5 centres. Universities applaud it.</h2>",
])
def test_a_page_deck_is_dropped_before_extraction(tmp_path, deck):
    (tmp_path / "m.html").write_text(page_with(deck, '<div class="meta">By Ana Ruiz</div>'),
                                     encoding="utf-8")
    (article,) = read_document(tmp_path, tmp_path / "m.html").articles
    assert "plan" not in article.text  # the deck is gone; only the story is read
    assert article.text.count("Mexico will fund") == 4


def test_a_styled_lede_is_kept(tmp_path):
    """A `p.lead` followed at once by the story's paragraphs is the lede: a fact."""
    lede = ('<p class="lead">Mexico will spend 3 billion pesos on AI over five years, the '
            "finance ministry said on Monday, with most of it going to public compute.</p>")
    (tmp_path / "m.html").write_text(page_with(lede), encoding="utf-8")
    (article,) = read_document(tmp_path, tmp_path / "m.html").articles
    assert "Mexico will spend 3 billion pesos" in article.text
