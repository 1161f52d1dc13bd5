"""Feeds and fetching, against a real HTTP server on 127.0.0.1 (and httpx's MockTransport)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from recoupe.errors import FetchError
from recoupe.ingest import HttpxFetcher, IngestOptions, StaticFetcher, iter_documents
from recoupe.model import IngestError, RawDocument
from recoupe.settings import IngestSettings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
SETTINGS = IngestSettings(fetch_timeout_s=0.5, fetch_max_bytes=60_000, feed_summary_min_words=40)
LOCAL = IngestOptions(allow_private_addresses=True)


class _Handler(BaseHTTPRequestHandler):
    base = ""

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, body: bytes, content_type: str = "text/html; charset=utf-8", length: bool = True) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = self.path
        if path.startswith("/feeds/"):
            text = (FIXTURES / "feeds" / path.removeprefix("/feeds/")).read_text("utf-8")
            self._send(text.replace("{BASE}", self.base).encode("utf-8"), "application/rss+xml")
        elif path.startswith("/articles/"):
            self._send((FIXTURES / "html" / path.removeprefix("/articles/")).read_bytes())
        elif path.startswith("/slow/"):
            time.sleep(2.0)
            self._send(b"<html><body><p>trop tard</p></body></html>")
        elif path == "/big":
            self._send(b"<p>" + b"a" * 100_000 + b"</p>")
        elif path == "/big-stream":
            self._send(b"<p>" + b"a" * 100_000 + b"</p>", length=False)
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/articles/gazette_vallee_barrage.html")
            self.end_headers()
        else:
            self.send_error(404, "Not Found")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    _Handler.base = base
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


def _items(inputs: list[str], options: IngestOptions = LOCAL, settings: IngestSettings = SETTINGS) -> list:
    return list(iter_documents(inputs, options, settings))


def test_feeds_rss_url_items_become_html_documents(server: str) -> None:
    items = _items([f"{server}/feeds/courrier_une.rss"])
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["RawDocument", "RawDocument", "IngestError", "RawDocument", "IngestError"]
    ecoles, barrage, slow_error, summary, missing = items
    assert ecoles.format == "html" and ecoles.outlet == "Le Courrier du Plateau"
    assert ecoles.provenance.source == f"{server}/feeds/courrier_une.rss"
    assert ecoles.provenance.locator == "item 1"
    assert ecoles.provenance.url == f"{server}/articles/courrier_plateau_ecoles.html"
    assert ecoles.metadata_sources["title"] == "jsonld"  # the page wins over the feed item
    assert ecoles.metadata["feed_title"] == "Le Courrier du Plateau - À la une"
    assert barrage.metadata["title"] == "Barrage de la Sévène : les travaux reportés d'un an"
    # the page that times out: one error naming its URL, then the item's own text
    assert slow_error.source == f"{server}/slow/rocade.html"
    assert slow_error.reason == "could not fetch the page: timed out after 0.5 s"
    assert summary.format == "text" and summary.metadata["body"] == "feed-summary"
    assert summary.content.startswith("La rocade nord sera fermée à la circulation")
    assert summary.metadata["title"] == "Circulation : la rocade fermée trois nuits"
    assert (summary.metadata["date"], summary.metadata_sources["date"]) == ("2024-03-18T16:00:00+00:00", "feed")
    # a 404 with a teaser too short to be an article: the error only
    assert missing.source == f"{server}/missing.html" and "HTTP 404" in missing.reason


def test_feeds_item_metadata_fills_what_the_page_lacks(tmp_path: Path) -> None:
    rss = tmp_path / "une.rss"
    rss.write_text((FIXTURES / "feeds" / "courrier_une.rss").read_text("utf-8").replace("{BASE}", "https://news.example"))
    page = "<html><body><article><p>" + "Le conseil a voté le budget. " * 20 + "</p></article></body></html>"
    fetcher = StaticFetcher({"https://news.example/articles/courrier_plateau_ecoles.html": page.encode("utf-8")})
    items = list(iter_documents([str(rss)], IngestOptions(), SETTINGS, fetcher=fetcher))
    doc = items[0]
    assert isinstance(doc, RawDocument)
    assert (doc.metadata["title"], doc.metadata_sources["title"]) == ("Saint-Aubin rénove ses écoles", "feed")
    assert (doc.metadata["date"], doc.metadata_sources["date"]) == ("2024-03-14T07:30:00+00:00", "feed")
    assert doc.outlet == "news.example" and doc.metadata_sources["outlet"] == "url"
    assert doc.provenance.fetched_at == "2024-03-14T12:00:00+00:00"
    assert fetcher.requested[0] == "https://news.example/articles/courrier_plateau_ecoles.html"
    assert "HTTP 404" in items[1].reason  # StaticFetcher: unknown URLs are 404s


def test_feeds_atom_file_with_a_local_server(server: str, tmp_path: Path) -> None:
    atom = tmp_path / "gazette.atom"
    atom.write_text((FIXTURES / "feeds" / "gazette.atom").read_text("utf-8").replace("{BASE}", server), "utf-8")
    [doc] = _items([str(atom)])
    assert isinstance(doc, RawDocument) and doc.outlet == "La Gazette de la Vallée"
    assert doc.provenance.source == str(atom) and doc.provenance.locator == "item 1"


def test_feeds_loopback_is_refused_unless_allowed(server: str) -> None:
    [error] = _items([f"{server}/feeds/gazette.atom"], options=IngestOptions())
    assert isinstance(error, IngestError) and error.source == f"{server}/feeds/gazette.atom"
    assert "refused: 127.0.0.1 resolves to a private, loopback or reserved address" in error.reason


def test_feeds_malformed_feed_is_one_error(server: str) -> None:
    [error] = _items([str(FIXTURES / "feeds" / "casse.rss")])
    assert isinstance(error, IngestError) and error.reason.startswith("malformed feed")


def test_fetch_size_cap_with_and_without_content_length(server: str) -> None:
    fetcher = HttpxFetcher(SETTINGS, allow_private_addresses=True)
    for path in ("/big", "/big-stream"):
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(f"{server}{path}")
        assert "fetch_max_bytes (60000" in caught.value.reason
    fetcher.close()


def test_fetch_follows_redirects_and_sets_user_agent(server: str) -> None:
    with HttpxFetcher(SETTINGS, allow_private_addresses=True) as fetcher:
        page = fetcher.fetch(f"{server}/redirect")
    assert page.url == f"{server}/articles/gazette_vallee_barrage.html" and page.status == 200
    assert b"Barrage de la S" in page.content


def test_fetch_rechecks_the_address_at_every_redirect_hop() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(f"{request.url} {request.headers['user-agent']}")
        return httpx.Response(302, headers={"Location": "http://internal.example/admin"})

    addresses = {"news.example": ["93.184.215.14"], "internal.example": ["10.0.0.5"]}
    fetcher = HttpxFetcher(SETTINGS, transport=httpx.MockTransport(handler), resolve=addresses.__getitem__)
    with pytest.raises(FetchError) as caught:
        fetcher.fetch("http://news.example/article")
    assert seen == [f"http://news.example/article {SETTINGS.user_agent}"]
    assert caught.value.source == "http://internal.example/admin"
    assert "10.0.0.5" in caught.value.reason


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "192.168.0.9", "169.254.169.254", "::1", "0.0.0.0"])
def test_fetch_refuses_non_public_addresses(address: str) -> None:
    fetcher = HttpxFetcher(SETTINGS, resolve=lambda host: [address])
    with pytest.raises(FetchError):
        fetcher.fetch("http://somewhere.example/")


def test_fetch_refuses_other_schemes() -> None:
    with pytest.raises(FetchError) as caught:
        HttpxFetcher(replace(SETTINGS), allow_private_addresses=True).fetch("file:///etc/passwd")
    assert "only http and https" in caught.value.reason


def test_feeds_url_that_is_an_html_page_is_ingested_as_that_page(server: str) -> None:
    [doc] = _items([f"{server}/articles/gazette_vallee_barrage.html"])
    assert isinstance(doc, RawDocument) and doc.format == "html"
    assert doc.provenance.url == f"{server}/articles/gazette_vallee_barrage.html"
    assert doc.provenance.fetched_at


def test_feeds_xml_file_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "plan.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://x.fr/</loc></url></urlset>', "utf-8")
    [error] = _items([str(path)])
    assert isinstance(error, IngestError) and error.source == str(path)
    assert error.reason == "not an RSS or Atom feed"
