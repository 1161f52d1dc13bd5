"""Fetching pages over HTTP: a small `Fetcher` interface, the httpx one, and an in-package fake.

`HttpxFetcher` is careful by default:
1. only http and https URLs;
2. the host is resolved first, and every address must be public (no private, loopback,
   link-local, reserved, multicast or unspecified address) unless private addresses are allowed;
3. redirects are followed by hand, up to `max_redirects`, checking rule 2 again at every hop;
4. the body is streamed and the fetch is refused once it passes `fetch_max_bytes`;
5. one timeout (`fetch_timeout_s`) bounds connect, read and write.
Every failure raises `errors.FetchError` naming the URL and the reason in plain words.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol, cast
from urllib.parse import urljoin, urlsplit

import httpx

from recoupe.errors import FetchError
from recoupe.settings import IngestSettings

__all__ = ["FetchedPage", "Fetcher", "HttpxFetcher", "StaticFetcher", "check_public_address", "check_scheme", "now_iso"]


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class FetchedPage:
    url: str  # the final URL, after redirects
    status: int
    content: bytes
    content_type: str | None
    fetched_at: str  # ISO timestamp


class Fetcher(Protocol):
    def fetch(self, url: str) -> FetchedPage:
        """The page at `url`; raises `FetchError` when it cannot be had."""
        ...


Resolver = Callable[[str], list[str]]


def _resolve(host: str) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise OSError(f"cannot resolve host {host!r} ({exc.strerror})") from exc
    return sorted({str(info[4][0]) for info in infos})


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
    )


def check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(url, f"only http and https URLs are fetched, not {parts.scheme or 'a bare path'!r}")
    if not parts.hostname:
        raise FetchError(url, "the URL has no host")


def check_public_address(url: str, resolve: Resolver = _resolve) -> None:
    """Raise FetchError unless every address the URL's host resolves to is public."""
    check_scheme(url)
    parts = urlsplit(url)
    try:
        addresses = resolve(cast(str, parts.hostname))  # check_scheme refused URLs without a host
    except OSError as exc:
        raise FetchError(url, str(exc)) from exc
    refused = [a for a in addresses if not _is_public(a)]
    if refused or not addresses:
        raise FetchError(
            url,
            f"refused: {parts.hostname} resolves to a private, loopback or reserved address "
            f"({', '.join(refused) or 'none'}); set allow_private_addresses to fetch it",
        )


class HttpxFetcher:
    """Fetches with an `httpx.Client`; `transport` and `resolve` can be swapped in tests."""

    def __init__(
        self,
        settings: IngestSettings,
        allow_private_addresses: bool | None = None,
        transport: httpx.BaseTransport | None = None,
        resolve: Resolver = _resolve,
    ) -> None:
        self.settings = settings
        self.allow_private = (
            settings.allow_private_addresses if allow_private_addresses is None else allow_private_addresses
        )
        self.resolve = resolve
        self.client = httpx.Client(
            timeout=httpx.Timeout(settings.fetch_timeout_s),
            headers={"User-Agent": settings.user_agent},
            follow_redirects=False,  # rule 3: we follow them ourselves, checking each hop
            transport=transport,
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> HttpxFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self, url: str) -> FetchedPage:
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            check_scheme(current)
            if not self.allow_private:
                check_public_address(current, self.resolve)
            page, location = self._fetch_once(current)
            if location is None:
                return page
            current = urljoin(current, location)
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects")

    def _fetch_once(self, url: str) -> tuple[FetchedPage, str | None]:
        try:
            with self.client.stream("GET", url) as response:
                if response.is_redirect and "location" in response.headers:
                    return self._page(url, response, b""), response.headers["location"]
                if response.status_code >= 400:
                    raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
                body = self._read_capped(url, response)
                return self._page(url, response, body), None
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out after {self.settings.fetch_timeout_s:g} s") from exc
        except httpx.HTTPError as exc:
            raise FetchError(url, f"request failed: {exc or type(exc).__name__}") from exc

    def _read_capped(self, url: str, response: httpx.Response) -> bytes:
        cap = self.settings.fetch_max_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > cap:
            raise FetchError(url, f"page is {int(declared)} bytes, above fetch_max_bytes ({cap})")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(url, f"page is larger than fetch_max_bytes ({cap} bytes)")
            chunks.append(chunk)
        return b"".join(chunks)

    @staticmethod
    def _page(url: str, response: httpx.Response, body: bytes) -> FetchedPage:
        return FetchedPage(
            url=url,
            status=response.status_code,
            content=body,
            content_type=response.headers.get("content-type"),
            fetched_at=now_iso(),
        )


class StaticFetcher:
    """A fake for tests: URL -> bytes, a FetchedPage, or an exception to raise."""

    def __init__(
        self,
        pages: Mapping[str, bytes | FetchedPage | Exception],
        content_type: str = "text/html; charset=utf-8",
        fetched_at: str = "2024-03-14T12:00:00+00:00",
    ) -> None:
        self.pages = dict(pages)
        self.content_type = content_type
        self.fetched_at = fetched_at
        self.requested: list[str] = []

    def fetch(self, url: str) -> FetchedPage:
        self.requested.append(url)
        if url not in self.pages:
            raise FetchError(url, "HTTP 404 Not Found")
        page = self.pages[url]
        if isinstance(page, Exception):
            raise page
        if isinstance(page, FetchedPage):
            return page
        return FetchedPage(url, 200, page, self.content_type, self.fetched_at)
