"""Web pages and PDF reports for the reader, `add` and verify tests, written for these
tests (no third-party text). PDFs are made by WeasyPrint at test time, never committed."""

from __future__ import annotations

from functools import cache

# The article's own sentences: the only text that may become facts.
ARTICLE = (
    "Norway will spend 1.2 billion kroner on a national computing cluster for artificial "
    "intelligence research, the digital ministry said on Tuesday.",
    "The cluster is meant to give universities and small companies access to graphics "
    "processors that they cannot afford on their own.",
    "Officials said about 40 percent of the capacity would be reserved for public research "
    "groups during the first three years.",
)
#: The facts of the page: "The cluster is meant …" leans on the sentence before, which names
#: the cluster, so the two are quoted together as one statement.
STATEMENTS = (f"{ARTICLE[0]} {ARTICLE[1]}", ARTICLE[2])
# Site furniture around it: none of it may become a fact.
FURNITURE = (
    "We use cookies to improve your experience on this website",
    "World news from every continent delivered daily",
    "Injected sentence written by a script that must never become a fact",
    "Chart label drawn by an inline graphic that is not article text",
    "Sweden opens a new data centre for public research purposes",
    "This is a reader comment saying the plan is far too expensive",
    "Copyright 2026 Example News",
)

NEWS_PAGE = f"""<!DOCTYPE html>
<!-- saved from url=(0050)https://news.example.org/2026/03/ai-compute-plan -->
<html lang="en"><head><meta charset="utf-8">
<title>Norway widens its public compute plan | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Norway widens its public compute plan">
<meta name="author" content="Kari Nordmann">
<meta property="article:published_time" content="2026-03-04T08:00:00Z">
<link rel="canonical" href="https://news.example.org/2026/03/ai-compute-plan">
<link rel="stylesheet" href="page_files/site.css">
<script src="page_files/app.js"></script>
<script>document.write("{FURNITURE[2]}.");</script>
<style>body {{ color: #222 }}</style>
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>{FURNITURE[0]}. Accept all cookies to continue reading.</p></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/tech">Technology</a></li><li><a href="/world">{FURNITURE[1]}</a></li></ul></nav>
<header><h1>Norway widens its public compute plan</h1><p class="byline">By Kari Nordmann</p></header>
<article>
<p>{ARTICLE[0]}</p>
<p>{ARTICLE[1]}</p>
<svg width="100" height="100"><text x="10" y="20">{FURNITURE[3]}.</text></svg>
<img src="data:image/png;base64,iVBORw0KGgo=" alt="A picture given as a data URI">
<img src="https://tracker.example.com/pixel.gif" alt="">
<iframe src="https://ads.example.com/frame"></iframe>
<h2>Who gets access</h2>
<p>{ARTICLE[2]}</p>
</article>
<aside class="related"><h3>Related articles</h3><ul><li><a href="/a">{FURNITURE[4]}</a></li><li><a href="/b">Denmark reviews its own artificial intelligence budget this spring</a></li></ul></aside>
<section id="comments"><h3>Comments</h3><div class="comment"><p>{FURNITURE[5]} for a small country.</p></div></section>
<footer><p>{FURNITURE[6]}. All rights reserved.</p></footer>
</body></html>
"""


def page_with(body: str, head: str = "") -> str:
    """A small article page around some paragraphs."""
    return (f"<!DOCTYPE html><html><head>{head}<title>A test page about compute</title></head>"
            f"<body><article><h1>A test page about compute</h1>{body}</article></body></html>")


# A report: two columns, a running header and footer with the page number, a title
# spanning the columns, and a second page. Each paragraph names its place in the reading
# order, so a test can check the order the text comes out in.
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
REPORT_HEADER = "Digital Sovereignty Outlook — Annual Report"


def report_paragraph(n: int) -> str:
    word = ORDINALS[n]
    return (f"The {word} finding of the outlook is that Estonia spent {11 + 7 * n} million "
            f"euros on public computing infrastructure, according to the {word} chapter of "
            f"the ministry's review of national infrastructure.")


@cache
def report_pdf(title: str = "Digital Sovereignty Outlook 2026", *, dated: bool = True) -> bytes:
    import weasyprint

    first = "".join(f"<p>{report_paragraph(n)}</p>" for n in range(4))
    second = "".join(f"<p>{report_paragraph(n)}</p>" for n in range(4, 8))
    created = '<meta name="dcterms.created" content="2026-02-10">' if dated else ""
    html = f"""<html lang="en"><head><title>{title}</title>{created}<style>
    @page {{ size: A5; margin: 2.2cm 1.5cm;
             @top-center {{ content: "{REPORT_HEADER}"; font-size: 8pt }}
             @bottom-center {{ content: "Page " counter(page); font-size: 8pt }} }}
    body {{ font-family: DejaVu Serif; font-size: 9.5pt; hyphens: auto; text-align: justify }}
    .cols {{ column-count: 2; column-gap: 0.8cm }}
    .next {{ page-break-before: always }}
    </style></head><body>
    <h1>{title}</h1>
    <div class="cols">{first}</div>
    <div class="cols next">{second}</div>
    </body></html>"""
    return weasyprint.HTML(string=html).write_pdf()
