"""A real HTTP server on 127.0.0.1 for `briefing add` tests: pages, reports, redirects,
errors, slow and oversized answers, gzip, wrong types. Started and stopped by each test."""

from __future__ import annotations

import gzip
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from pages import ARTICLE, NEWS_PAGE, page_with, report_pdf


class Site:
    """What the test server serves, and what it saw."""

    def __init__(self):
        self.version = 1
        self.agents: list[str] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self.lock = threading.Lock()


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep the test output clean
            pass

        def do_GET(self):
            site.agents.append(self.headers.get("User-Agent", ""))
            with site.lock:
                site.in_flight += 1
                site.most_in_flight = max(site.most_in_flight, site.in_flight)
            try:
                self.route()
            finally:
                with site.lock:
                    site.in_flight -= 1

        def send(self, body: bytes, ctype="text/html; charset=utf-8", status=200, extra=()):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in extra:
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def route(self):
            path = self.path
            if path == "/news/compute-plan.html":
                self.send(NEWS_PAGE.encode())
            elif path.startswith("/hop/"):
                n = int(path.rsplit("/", 1)[1])
                target = "/news/compute-plan.html" if n == 0 else f"/hop/{n - 1}"
                self.send(b"", status=302, extra=[("Location", target)])
            elif path == "/to-file":
                self.send(b"", status=302, extra=[("Location", "file:///etc/hostname")])
            elif path == "/missing":
                self.send(b"<h1>Not here</h1>", status=404)
            elif path == "/slow":
                time.sleep(1.5)
                self.send(NEWS_PAGE.encode())
            elif path.startswith("/paced/"):
                time.sleep(0.3)
                self.send(page_with(f"<p>{ARTICLE[0]}</p><p>{ARTICLE[1]} {path}</p>").encode())
            elif path == "/declared-huge":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(50 * 1024 * 1024))
                self.end_headers()
                self.wfile.write(b"<html>" + b" " * 1024)
            elif path == "/endless":  # no length given: the body just keeps coming
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                try:
                    for _ in range(400):
                        self.wfile.write(b"<p>padding text</p>" * 200)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True
            elif path == "/zipped":
                self.send(gzip.compress(NEWS_PAGE.encode()), extra=[("Content-Encoding", "gzip")])
            elif path == "/picture.png":
                self.send(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, ctype="image/png")
            elif path == "/plain.txt":
                self.send(b"Just some plain text.", ctype="text/plain")
            elif path == "/outlook.pdf":
                self.send(report_pdf(), ctype="application/pdf")
            elif path == "/changing":
                self.send(page_with(f"<p>{ARTICLE[0]}</p><p>{ARTICLE[1]}</p>"
                                    f"<p>This is revision {site.version} of the page, with 3 edits.</p>").encode())
            else:
                self.send(b"no such page", status=404)

    return Handler


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A client that stops reading (a fetch refusing a content type or a size) closes the
        # connection under a handler still writing: its right, not a fault of the server's
        # to print into the stderr a CliRunner test captures. Any other error is printed.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture
def site():
    state = Site()
    server = _Server(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    # Polled every 50 ms, not the default 0.5 s: shutdown() waits for the next poll, and
    # that wait was half a second of every test that uses the site.
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    server.shutdown()
    server.server_close()
