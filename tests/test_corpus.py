"""The loader on the real seeds and on the bad files people really have."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEEDS

from briefing.dates import date_line, parse_date
from briefing.errors import CorpusError
from briefing.ingest.decoding import decode
from briefing.ingest.document import read_document
from briefing.ingest.furniture import is_boilerplate
from briefing.ingest.walk import walk_corpus


def doc(name: str):
    return read_document(SEEDS, SEEDS / name)


def block_texts(article, kind=None):
    return [article.text[b.start:b.end] for b in article.blocks if kind in (None, b.kind)]


def test_seed_with_leading_date_line():
    d = doc("000_311d42b208cd9cf6.txt")
    (a,) = d.articles
    s = a.source
    assert s.title == "Global Pioneers in AI: Countries Leading the Development of Their Own AI Models"
    assert s.date == "2024-07-18"
    assert (s.publisher, s.url) == (None, None)
    assert len(s.sha256) == 64
    texts = block_texts(a)
    assert "Jul 18, 2024" not in texts and s.title not in texts  # metadata, not facts
    assert "United States: A Hub of AI Innovation" in block_texts(a, "heading")


def test_front_matter_only_file_with_related_article():
    d = doc("001_ecf4e2064239b7a9.txt")
    main, related = d.articles
    assert main.source.title == "Which country leads the innovation charge in AI research?"
    assert main.source.publisher == "techwireasia.com"
    assert main.source.date == "2021-01-28"
    assert main.source.url.startswith("https://techwireasia.com/2021/01/")
    assert block_texts(main)[0].startswith("New discoveries and understanding")
    r = related.source
    assert r.key == "001_ecf4e2064239b7a9.txt#related-1"
    assert r.carrier == "001_ecf4e2064239b7a9.txt"
    assert r.title == "US Leading Race In Artificial Intelligence, China Rising: Survey"
    assert (r.publisher, r.date) == ("International Business Times", "2021-01-25")
    assert r.url == "https://www.ibtimes.com/us-leading-race-artificial-intelligence-china-rising-survey-3130046"
    # The excerpt is located in the raw file, so its facts have real spans.
    assert block_texts(related)[0].startswith("The United States is leading rivals")
    assert "secured" not in " ".join(block_texts(main) + block_texts(related))


def test_list_items_and_footer_boilerplate():
    (a,) = doc("002_1d80a4c8d622b275.txt").articles
    assert a.source.title == "China leapfrogs US in global market for ‘open’ AI models"
    assert a.source.date is None  # never invented
    items = block_texts(a, "item")
    assert items[0].startswith("2017: China unveiled")  # the "- " marker is not in the span
    joined = " ".join(block_texts(a))
    for junk in ("Related", "Discover more from", "Subscribe to get", "Leave a Reply"):
        assert junk not in joined


def test_breadcrumbs_ads_and_comparison_widget_dropped():
    (a,) = doc("003_3c617abaaabd9cd6.txt").articles
    assert a.source.title == "China Dominates Global AI Large Models Cause for Celebration or Concern?"
    joined = " ".join(block_texts(a))
    for junk in ("Home >", "广告位", "Comparison Clear all", "Related news", "Figure:"):
        assert junk not in joined
    assert "nearly 30,000 AI companies" in joined


def test_spans_point_into_the_file():
    for rel, _, _ in walk_corpus(SEEDS):
        path = SEEDS / rel
        d = read_document(SEEDS, path)
        raw = decode(path.read_bytes())[0]
        for a in d.articles:
            for b in a.blocks:
                assert a.text[b.start:b.end] == raw[b.start:b.end]
                assert a.text[b.start:b.end].strip() == a.text[b.start:b.end]


@pytest.mark.parametrize("line,expected", [
    ("Jul 18, 2024", "2024-07-18"),
    ("July 4th, 2023", "2023-07-04"),
    ("18 July 2024", "2024-07-18"),
    ("Published: 2024-07-18", "2024-07-18"),
    ("Updated Mon, Sep 2, 2024 at 10:30 am", "2024-09-02"),
    ("The budget rose in 2024", None),
    ("Feb 30, 2024", None),
])
def test_date_lines(line, expected):
    assert date_line(line) == expected


def test_parse_date_rejects_partial_dates():
    assert parse_date("July 2024") is None
    assert parse_date("2021-01-28T04:51:00Z") == "2021-01-28"


@pytest.mark.parametrize("line", [
    "Home > All news > Industry news > Something", "Advertisement", "Subscribe to our newsletter",
    "Discover more from Gotmenow Media", "芯达茂F广告位 芯达茂F广告位", "Share this article",
    "Photo: Reuters", "Comparison Clear all", "© 2024 Example Media. All rights reserved.",
])
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "The government plans to triple its AI development budget.",
    "South Korea’s Strategic Push",
    "Home to leading tech companies like Google, the U.S. has produced advanced models.",
])
def test_article_lines_are_not_boilerplate(line):
    assert not is_boilerplate(line)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("data,reason", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    (b"---\ntitle: [unclosed\n---\nBody text here.\n", "malformed front matter"),
    (b"---\ntitle: x\nBody without a closing line.\n", "malformed front matter"),
    (b"---\n- just\n- a list\n---\nBody.\n", "malformed front matter"),
    (b"caf\x81 \x8d\x8f\x90\x9d", "not valid text"),
])
def test_bad_files_raise_one_line_reasons(tmp_path, data, reason):
    path = write(tmp_path, "bad.txt", data)
    with pytest.raises(CorpusError) as err:
        read_document(tmp_path, path)
    assert reason in str(err.value)
    assert "\n" not in str(err.value)


def test_cp1252_fallback_warns_and_keeps_text(tmp_path):
    text = "Café owners “welcome” the new AI budget of €5 million in France.\n"
    path = write(tmp_path, "cp.txt", ("Title line here\n\n" + text).encode("cp1252"))
    d = read_document(tmp_path, path)
    assert "cp1252" in d.warnings[0]
    a = d.articles[0]
    assert "“welcome”" in a.text and "€5 million" in a.text


def test_bom_crlf_and_nbsp(tmp_path):
    body = "Seoul Times\r\n\r\nSouth Korea will spend\u00a0$1\u00a0billion on chips.\r\nIt is big.\r\n"
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + body.encode())
    (a,) = read_document(tmp_path, path).articles
    assert a.source.title == "Seoul Times"
    assert not a.text.startswith("\ufeff")
    spans = [a.text[b.start:b.end] for b in a.blocks]
    assert spans == ["South Korea will spend\u00a0$1\u00a0billion on chips.", "It is big."]


def test_markdown_file_with_front_matter_body(tmp_path):
    md = (b"---\ntitle: Chips Act review\ndate: 2025-03-04\nurl: https://www.example.org/chips\n"
          b"---\n# Chips Act review\n\nThe United States has committed $52 billion to chips.\n")
    (a,) = read_document(tmp_path, write(tmp_path, "a.md", md)).articles
    assert (a.source.title, a.source.date, a.source.publisher) == (
        "Chips Act review", "2025-03-04", "example.org")
    # The "# Chips Act review" heading repeats the title: metadata, neither a fact nor a section.
    assert [b.kind for b in a.blocks] == ["paragraph"]


def test_unsafe_urls_are_not_kept(tmp_path):
    md = b"---\ntitle: T\nurl: javascript:alert(1)\n---\nSome article text is here for us.\n"
    (a,) = read_document(tmp_path, write(tmp_path, "a.md", md)).articles
    assert a.source.url is None


def test_scan_corpus_ignores_hidden_and_other_files(tmp_path):
    for name in ("b.txt", "a.md", "notes.docx", "r.pdf", "p.html", "p_files/frame.html",
                 "q_files/c.htm", ".hidden.txt", "sub/c.txt", ".git/x.txt", "p.html.fetch.json"):
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x")
    # `p_files/` is the folder a browser saved beside `p.html`: never a source. `q_files/`
    # has no page beside it: an ordinary folder.
    listed = {rel: (size, mtime) for rel, size, mtime in walk_corpus(tmp_path)}
    assert sorted(listed) == ["a.md", "b.txt", "p.html", "q_files/c.htm", "r.pdf", "sub/c.txt"]
    assert listed["a.md"][0] == 1  # (size, mtime_ns)


def test_walk_yields_as_it_reads_and_closes_the_folder_when_stopped(tmp_path):
    # A folder's files are yielded while it is open, never gathered first (100,000 of them
    # took 20 MB); a caller that stops early (a generator closed) leaves no descriptor open.
    for i in range(50):
        (tmp_path / f"{i:02d}.txt").write_text("x")
    fds = Path("/proc/self/fd")
    before = len(list(fds.iterdir()))
    walk = walk_corpus(tmp_path)
    first = next(walk)
    assert first[0].endswith(".txt")
    assert len(list(fds.iterdir())) > before  # the folder, open while it is read
    walk.close()
    assert len(list(fds.iterdir())) == before
    assert len(list(walk_corpus(tmp_path))) == 50
    assert len(list(fds.iterdir())) == before
