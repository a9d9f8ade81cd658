"""`briefing add` holds its limits against a hostile server and hostile input: a
compression bomb stops at the size limit without being expanded whole, a server that
trickles bytes is given up at the deadline for one link, a bad URL is one error line, and
the same URL added by three processes at once is stored once.

The server is a raw socket server built here, so that it can send what no well-behaved
server would (a byte every half second, a 3 kB body that expands to 1 GiB). `add` runs as a
real process where its memory or its wall-clock time is what is measured."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import socket
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from pages import ARTICLE, page_with
from processes import briefing as run_briefing
from typer.testing import CliRunner

import briefing.ingest.fetch as fetch
from briefing.cli.app import app
from briefing.ingest.fetch import LOCK_NAME, MAX_LINKS, add_links

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024
#: What the bomb tests allow `briefing add` in all (Python, typer, httpx, the index).
MAX_RSS_MB = 300
#: The deadline the trickle tests set (BRIEFING_FETCH_SECONDS), in seconds.
SHORT_DEADLINE = 3


def html_page(head: str = "", note: str = "") -> bytes:
    return page_with(f"<p>{ARTICLE[0]}</p><p>{ARTICLE[1]}{note}</p>", head).encode()


def response(body: bytes, *, status: str = "200 OK", headers: dict[str, str] | None = None,
             declared: bool = True) -> bytes:
    """A whole HTTP response; `declared=False` leaves out Content-Length (the body ends
    when the connection closes)."""
    length = {"Content-Length": str(len(body))} if declared else {}
    fields = {"Content-Type": "text/html; charset=utf-8", **length, "Connection": "close",
              **(headers or {})}
    head = "".join(f"{k}: {v}\r\n" for k, v in fields.items())
    return f"HTTP/1.1 {status}\r\n{head}\r\n".encode() + body


class RawServer:
    """A server on 127.0.0.1 that hands each request's socket to the route for its path."""

    def __init__(self):
        self.routes: dict[str, Callable[[socket.socket], None]] = {}
        self.hits: dict[str, int] = {}
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.base = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.threads: list[threading.Thread] = []
        self._start(self._accept)

    def _start(self, target, *args):
        thread = threading.Thread(target=target, args=args, daemon=True)
        self.threads.append(thread)
        thread.start()

    def _accept(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self._start(self._serve, conn)

    def _serve(self, conn: socket.socket):
        with conn:
            request = b""
            while b"\r\n\r\n" not in request and len(request) < 65536:
                got = conn.recv(4096)
                if not got:
                    return
                request += got
            path = request.split(b" ", 2)[1].decode()
            with self.lock:
                self.hits[path] = self.hits.get(path, 0) + 1
            route = self.routes.get(path)
            try:
                if route is None:
                    conn.sendall(response(b"no such page", status="404 Not Found"))
                else:
                    route(conn)
            except OSError:
                pass  # the client gave up: what the trickle tests want

    def trickle(self, conn: socket.socket, first: bytes, piece: bytes, every: float = 0.5):
        """Send `first`, then `piece` every `every` seconds until the client leaves."""
        conn.sendall(first)
        while not self.stop.wait(every):
            conn.sendall(piece)

    def close(self):
        """Stops serving and waits for every thread: a thread left running would turn off
        the forks that later tests of the store make (tests/test_store.py, read_fresh)."""
        self.stop.set()
        with contextlib.suppress(OSError):  # wakes the thread blocked in accept()
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for thread in self.threads:
            thread.join(timeout=10)


@pytest.fixture
def server():
    s = RawServer()
    yield s
    s.close()


@pytest.fixture(scope="session")
def brotli_bomb() -> bytes:
    """1 GiB of zeros, brotli-compressed a megabyte at a time (a few hundred bytes)."""
    import brotli

    packer = brotli.Compressor(quality=5)
    zeros = bytes(MB)
    return b"".join([packer.process(zeros) for _ in range(1024)] + [packer.finish()])


@pytest.fixture(scope="session")
def gzip_bomb() -> bytes:
    """128 MiB of zeros, gzipped (deflate tops out near 1000:1: about 130 kB)."""
    packer = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(MB)
    return b"".join([packer.compress(zeros) for _ in range(128)] + [packer.flush()])


def run_add(*args: str, env: dict[str, str] | None = None, tmp: Path
            ) -> tuple[int, str, str, float, float]:
    """`briefing add ARGS` as a process of its own (tests/processes.py): exit code, stdout,
    stderr, seconds it took, and its peak resident memory in MB (from the kernel, via a
    launcher's wait, so not pytest's inherited peak)."""
    run = run_briefing("add", *args, tmp=tmp, **(env or {}))
    return run.code, run.stdout, run.stderr, run.seconds, run.process_mb


def pages_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != LOCK_NAME)


# --------------------------------------------------------------------------- bombs


@pytest.mark.parametrize("coding", ["br", "gzip"])
def test_a_compression_bomb_stops_at_the_limit_in_little_memory(
        server, tmp_path, coding, brotli_bomb, gzip_bomb):
    bomb = brotli_bomb if coding == "br" else gzip_bomb
    assert len(bomb) < 200_000  # it is a bomb: far less than the 20 MB it would expand past
    server.routes["/bomb"] = lambda conn: conn.sendall(
        response(bomb, headers={"Content-Encoding": coding}))
    corpus = tmp_path / "corpus"
    code, out, err, _, rss = run_add(f"{server.base}/bomb", "--corpus", str(corpus), tmp=tmp_path)
    assert code == 1
    assert err.splitlines() == [
        f"error: {server.base}/bomb: too large (over 20 MB once decompressed)"]
    assert out.splitlines()[-1] == "1 failed"
    assert rss < MAX_RSS_MB, f"peak memory {rss:.0f} MB"
    assert pages_in(corpus) == []


def test_a_redirect_body_is_never_read(server, tmp_path, brotli_bomb):
    """httpx reads a redirect's body whole, decompressed, before it follows it: a bomb
    there would go off however the final body is read."""
    server.routes["/moved"] = lambda conn: conn.sendall(response(
        brotli_bomb, status="302 Found",
        headers={"Content-Encoding": "br", "Location": "/article"}))
    server.routes["/article"] = lambda conn: conn.sendall(response(html_page()))
    corpus = tmp_path / "corpus"
    code, out, err, _, rss = run_add(f"{server.base}/moved", "--corpus", str(corpus),
                                     tmp=tmp_path)
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "1 added"
    assert rss < MAX_RSS_MB, f"peak memory {rss:.0f} MB"
    record = json.loads((corpus / "127.0.0.1-moved.html.fetch.json").read_text())
    assert (record["url"], record["final_url"]) == (f"{server.base}/moved",
                                                    f"{server.base}/article")


def test_a_gzipped_page_reads_whole_across_many_pieces(server, tmp_path):
    """The bounded decoder hands a body back in pieces: joined, they are the page."""
    body = html_page(note=" " + "Padding words that repeat. " * 40_000)  # about 1 MB
    packed = gzip.compress(body)
    server.routes["/long"] = lambda conn: conn.sendall(
        response(packed, headers={"Content-Encoding": "gzip"}))
    (out,) = add_links([f"{server.base}/long"], tmp_path)
    assert out.status == "added"
    assert (tmp_path / out.path).read_bytes() == body


def test_a_body_larger_as_sent_than_the_limit_is_refused(server, tmp_path):
    """The bytes on the wire are counted too, not only what they decompress to."""
    noise = os.urandom(2 * MB)  # does not compress: gzip makes it a little larger
    packed = gzip.compress(noise)
    server.routes["/noise"] = lambda conn: conn.sendall(
        response(packed, headers={"Content-Encoding": "gzip"}, declared=False))
    (out,) = add_links([f"{server.base}/noise"], tmp_path, max_bytes=MB)
    assert (out.status, out.reason) == ("failed", "too large (over 1 MB as sent)")


# --------------------------------------------------------------------------- deadline


@pytest.mark.parametrize("kind", ["headers", "body"])
def test_a_trickling_server_is_given_up_at_the_deadline(server, tmp_path, kind):
    """A header line, or a byte of the body, every half second: each read gets something
    well inside the 15 s read timeout, so only a deadline for the whole link ends it."""
    if kind == "headers":
        server.routes["/slow"] = lambda conn: server.trickle(
            conn, b"HTTP/1.1 200 OK\r\n", b"X-Padding: more to come\r\n")
    else:
        server.routes["/slow"] = lambda conn: server.trickle(
            conn, response(b"<html>", headers={"Content-Length": str(MB)}), b" ")
    corpus = tmp_path / "corpus"
    code, out, err, took, _ = run_add(
        f"{server.base}/slow", "--corpus", str(corpus), tmp=tmp_path,
        env={"BRIEFING_FETCH_SECONDS": str(SHORT_DEADLINE)})
    assert code == 1
    assert err.splitlines() == [
        f"error: {server.base}/slow: took longer than {SHORT_DEADLINE} s, the limit for one link"]
    assert out.splitlines()[-1] == "1 failed"
    # The trickle never ends by itself, so any bound proves the deadline; `took` counts the
    # process's start-up too, which a loaded machine can stretch by seconds.
    assert SHORT_DEADLINE <= took < SHORT_DEADLINE + 10, f"took {took:.1f} s"
    assert pages_in(corpus) == []


def test_the_deadline_is_per_link_not_per_add(server, tmp_path):
    """Two slow links side by side each get the whole deadline, and a fast one is kept."""
    server.routes["/slow"] = lambda conn: server.trickle(conn, b"HTTP/1.1 200 OK\r\n", b"X: y\r\n")
    server.routes["/other-slow"] = server.routes["/slow"]
    server.routes["/fine"] = lambda conn: conn.sendall(response(html_page()))
    started = time.monotonic()
    outcomes = add_links([f"{server.base}/slow", f"{server.base}/other-slow",
                          f"{server.base}/fine"], tmp_path, deadline=1.0)
    took = time.monotonic() - started
    assert [(o.status, o.reason) for o in outcomes] == [
        ("failed", "took longer than 1 s, the limit for one link")] * 2 + [("added", "")]
    assert 1.0 <= took < 2.0


# --------------------------------------------------------------------------- bad input


def test_a_malformed_url_is_one_line_and_the_good_ones_are_reported(server, tmp_path):
    server.routes["/one"] = lambda conn: conn.sendall(response(html_page(note=" One.")))
    server.routes["/two"] = lambda conn: conn.sendall(response(html_page(note=" Two.")))
    listing = tmp_path / "links.txt"
    listing.write_text(f"{server.base}/one\nhttp://[::1\nhttp://exa\x1b[31mmple.org/\n"
                       f"http://example.org:99999/\n{server.base}/two\n")
    corpus = tmp_path / "corpus"
    r = CliRunner().invoke(app, ["add", "--from", str(listing), "--corpus", str(corpus)])
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        "error: http://[::1: not a valid URL (Invalid IPv6 URL)",
        "error: http://exa\\x1b[31mmple.org/: not a valid URL "
        "(it holds the control character \\x1b)",
        "error: http://example.org:99999/: not a valid URL (Port out of range 0-65535)",
    ]
    assert "\x1b" not in r.stderr + r.stdout
    lines = r.stdout.splitlines()
    assert f"added      127.0.0.1-one.html  {server.base}/one" in lines
    assert f"added      127.0.0.1-two.html  {server.base}/two" in lines
    assert lines[-1] == "2 added, 3 failed"


def test_a_url_list_is_read_up_to_its_limits(tmp_path):
    corpus = tmp_path / "corpus"
    r = CliRunner().invoke(app, ["add", "--from", "/dev/zero", "--corpus", str(corpus)])
    assert r.exit_code == 2
    assert r.stderr.strip() == ("error: the URL list /dev/zero is larger than 1 MB, the most "
                                "one add reads: split it")
    many = tmp_path / "many.txt"
    many.write_text("".join(f"https://example.org/{n}\n" for n in range(MAX_LINKS + 1)))
    r = CliRunner().invoke(app, ["add", "--from", str(many), "--corpus", str(corpus)])
    assert r.exit_code == 2
    assert r.stderr.strip() == (f"error: the URL list {many} has 10,001 links, more than the "
                                "10,000 one add fetches: split it")


# --------------------------------------------------------------------------- storing


def test_three_adds_of_one_url_at_once_store_it_once(server, tmp_path):
    """Three processes fetch the same page at the same moment (the server answers none
    until all three have asked): one stores it, the other two find it stored."""
    arrived = threading.Barrier(3, timeout=30)

    def together(conn):
        arrived.wait()
        conn.sendall(response(html_page()))

    server.routes["/news/plan"] = together
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    url = f"{server.base}/news/plan"
    procs = []
    for n in range(3):
        log = (tmp_path / f"out{n}").open("wb")
        procs.append((subprocess.Popen([sys.executable, "-m", "briefing", "add", url,
                                        "--corpus", str(corpus)], cwd=ROOT, stdout=log,
                                       stderr=subprocess.STDOUT), log))
    for proc, log in procs:
        assert proc.wait(timeout=120) == 0
        log.close()
    assert server.hits["/news/plan"] == 3  # all three really fetched it
    outs = sorted((tmp_path / f"out{n}").read_text().splitlines()[0].split()[0]
                  for n in range(3))
    assert outs == ["added", "already", "already"]
    assert pages_in(corpus) == ["127.0.0.1-news-plan.html", "127.0.0.1-news-plan.html.fetch.json"]
    s = CliRunner().invoke(app, ["sources", "--corpus", str(corpus), "--json"])
    assert [x["url"] for x in json.loads(s.stdout)["sources"]] == [url]


def test_the_fetched_url_is_the_citation_not_the_base_href(server, tmp_path):
    server.routes["/report"] = lambda conn: conn.sendall(response(
        html_page('<base href="https://elsewhere.example/mirror/">')))
    (out,) = add_links([f"{server.base}/report"], tmp_path)
    assert out.status == "added"
    r = CliRunner().invoke(app, ["facts", "--corpus", str(tmp_path), "--json"])
    assert {f["source"]["url"] for f in json.loads(r.stdout)} == {f"{server.base}/report"}


def test_a_killed_adds_leftovers_are_removed_by_the_next(server, tmp_path):
    server.routes["/fresh"] = lambda conn: conn.sendall(response(html_page()))
    hour_ago = time.time() - 2 * 3600
    old_temp = tmp_path / ".127.0.0.1-fresh.html.k3j9x_2a.tmp"
    new_temp = tmp_path / ".127.0.0.1-other.html.a8s7d6f5.tmp"  # an add at work right now
    lone = tmp_path / "127.0.0.1-gone.html.fetch.json"  # its page never arrived
    hand = tmp_path / "notes.md.fetch.json"  # not one `add` wrote: kept
    for path in (old_temp, new_temp):
        path.write_bytes(b"<html>half a page")
    lone.write_text(json.dumps({"url": f"{server.base}/gone", "user_agent": fetch.USER_AGENT}))
    hand.write_text(json.dumps({"url": "https://example.org/notes"}))
    for path in (old_temp, lone, hand):
        os.utime(path, (hour_ago, hour_ago))
    (out,) = add_links([f"{server.base}/fresh"], tmp_path)
    assert out.status == "added"
    left = {p.name for p in tmp_path.iterdir()}
    assert old_temp.name not in left and lone.name not in left
    assert {new_temp.name, hand.name} <= left


def test_a_page_and_its_sidecar_are_stored_together_or_not_at_all(server, tmp_path,
                                                                   monkeypatch):
    server.routes["/page"] = lambda conn: conn.sendall(response(html_page()))
    real_replace = os.replace

    def page_rename_fails(src, dst):
        if not str(dst).endswith(".fetch.json"):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(fetch.os, "replace", page_rename_fails)
    (out,) = add_links([f"{server.base}/page"], tmp_path)
    assert (out.status, out.reason) == (
        "failed", "cannot write 127.0.0.1-page.html: No space left on device")
    assert pages_in(tmp_path) == []  # no sidecar alone, no temp file
    monkeypatch.setattr(fetch.os, "replace", real_replace)
    (out,) = add_links([f"{server.base}/page"], tmp_path)
    assert out.status == "added"
    assert pages_in(tmp_path) == ["127.0.0.1-page.html", "127.0.0.1-page.html.fetch.json"]
