"""`briefing add` against a real HTTP server on 127.0.0.1: pages and reports are fetched
once, stored with a sidecar and indexed; every kind of failure is one line, the rest kept."""

from __future__ import annotations

import json
import time

import pytest
from pages import NEWS_PAGE, STATEMENTS
from typer.testing import CliRunner

from briefing.cli.app import app
from briefing.ingest.fetch import LOCK_NAME, PARALLEL, add_links, readable_name


def stored(folder):
    """The files in a corpus folder besides `add`'s lock file."""
    return sorted(p.name for p in folder.iterdir() if p.name != LOCK_NAME)


def test_a_page_is_stored_with_its_sidecar_and_indexed(site, tmp_path):
    url = f"{site.base}/news/compute-plan.html"
    (out,) = add_links([url], tmp_path)
    assert (out.status, out.path) == ("added", "127.0.0.1-news-compute-plan.html")
    assert (tmp_path / out.path).read_bytes() == NEWS_PAGE.encode()
    sidecar = json.loads((tmp_path / f"{out.path}.fetch.json").read_text())
    assert sidecar["url"] == url and sidecar["status"] == 200
    assert sidecar["content_type"] == "text/html" and sidecar["fetched_at"].endswith("Z")
    assert site.agents[0].startswith("briefing/")
    r = CliRunner().invoke(app, ["facts", "--corpus", str(tmp_path), "--json"])
    assert sorted(f["text"] for f in json.loads(r.stdout)) == sorted(STATEMENTS)


def test_the_same_url_twice_does_nothing_new_and_refresh_keeps_versions(site, tmp_path):
    url = f"{site.base}/changing"
    assert add_links([url, url], tmp_path)[0].status == "added"
    assert [o.status for o in add_links([url], tmp_path)] == ["already"]
    assert len(site.agents) == 1  # not fetched again
    assert [o.status for o in add_links([url], tmp_path, refresh=True)] == ["unchanged"]
    site.version = 2
    (new,) = add_links([url], tmp_path, refresh=True)
    assert (new.status, new.path) == ("added", "127.0.0.1-changing-v2.html")
    assert b"revision 1" in (tmp_path / "127.0.0.1-changing.html").read_bytes()
    assert b"revision 2" in (tmp_path / new.path).read_bytes()
    assert add_links([url], tmp_path)[0].path == new.path  # the newest version


def test_a_report_is_stored_as_pdf_and_cited_by_page(site, tmp_path):
    (out,) = add_links([f"{site.base}/outlook.pdf"], tmp_path)
    assert out.path == "127.0.0.1-outlook.pdf"
    r = CliRunner().invoke(app, ["facts", "--corpus", str(tmp_path), "--json"])
    facts = json.loads(r.stdout)
    assert {f["page"] for f in facts} == {1, 2}
    assert {f["source"]["url"] for f in facts} == {f"{site.base}/outlook.pdf"}


def test_redirects_are_followed_up_to_five(site, tmp_path):
    ok, too_many, to_file = add_links([f"{site.base}/hop/4", f"{site.base}/hop/5",
                                       f"{site.base}/to-file"], tmp_path)
    assert ok.status == "added"
    assert (too_many.status, too_many.reason) == ("failed", "more than 5 redirects")
    assert (to_file.status, to_file.reason) == ("failed", "redirected to a URL that is not http(s)")


@pytest.mark.parametrize("path, reason", [
    ("/missing", "HTTP 404 Not Found"),
    ("/picture.png", "not HTML or PDF (content type image/png)"),
    ("/plain.txt", "not HTML or PDF (content type text/plain)"),
    ("/declared-huge", "too large (50 MB, limit 20 MB)"),
])
def test_failures_are_one_line_and_store_nothing(site, tmp_path, path, reason):
    (out,) = add_links([f"{site.base}{path}"], tmp_path)
    assert (out.status, out.reason) == ("failed", reason)
    assert stored(tmp_path) == []


def test_a_body_past_the_cap_is_refused_while_it_streams(site, tmp_path):
    (out,) = add_links([f"{site.base}/endless"], tmp_path, max_bytes=1024 * 1024)
    assert (out.status, out.reason) == ("failed", "too large (over 1 MB)")
    assert stored(tmp_path) == []


def test_a_slow_server_times_out(site, tmp_path):
    started = time.monotonic()
    (out,) = add_links([f"{site.base}/slow"], tmp_path, timeout=0.3)
    assert (out.status, out.reason) == ("failed", "timed out: nothing received for 0.3 s")
    assert time.monotonic() - started < 1.4


def test_a_gzipped_page_is_stored_decoded(site, tmp_path):
    (out,) = add_links([f"{site.base}/zipped"], tmp_path)
    assert (tmp_path / out.path).read_bytes() == NEWS_PAGE.encode()


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)",
                                 "example.org/no-scheme"])
def test_only_http_urls_are_fetched(tmp_path, url):
    (out,) = add_links([url], tmp_path)
    assert (out.status, out.reason) == ("failed", "not an http(s) URL")


def test_a_few_requests_at_a_time(site, tmp_path):
    urls = [f"{site.base}/paced/{n}" for n in range(10)]
    outcomes = add_links(urls, tmp_path)
    assert [o.status for o in outcomes] == ["added"] * 10
    assert 1 < site.most_in_flight <= PARALLEL


def test_the_cli_keeps_the_good_ones_and_exits_1_with_one_line_per_failure(site, tmp_path):
    listing = tmp_path / "links.txt"
    listing.write_text(f"# reading list\n{site.base}/outlook.pdf\n\n{site.base}/picture.png\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    r = CliRunner().invoke(app, ["add", f"{site.base}/news/compute-plan.html", f"{site.base}/missing",
                                 "--from", str(listing), "--corpus", str(corpus)])
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        f"error: {site.base}/missing: HTTP 404 Not Found",
        f"error: {site.base}/picture.png: not HTML or PDF (content type image/png)",
    ]
    assert "added      127.0.0.1-news-compute-plan.html" in r.stdout
    assert r.stdout.splitlines()[-1] == "2 added, 2 failed"
    s = CliRunner().invoke(app, ["sources", "--corpus", str(corpus), "--json"])
    assert {x["path"] for x in json.loads(s.stdout)["sources"]} == {
        "127.0.0.1-news-compute-plan.html", "127.0.0.1-outlook.pdf"}


def test_the_cli_needs_a_url(tmp_path):
    r = CliRunner().invoke(app, ["add", "--corpus", str(tmp_path)])
    assert r.exit_code == 2
    assert r.stderr.strip() == "error: give at least one URL, or --from FILE"


def test_readable_names():
    assert readable_name("https://www.example.org/news/2026/ai-plan.html?id=3") == \
        "example.org-news-2026-ai-plan-id-3"
    long = readable_name("https://example.org/" + "word-" * 40)
    assert len(long) <= 80 and long.startswith("example.org-word-word")
