"""RSS and Atom feeds -> one HTML RawDocument per item, its page fetched through a `Fetcher`.

feedparser is only ever given bytes (given a URL it can hang). Per item:
1. fetch the item's link and extract it as HTML; the item's title, date and author fill what the
   page does not give (metadata source "feed");
2. if the fetch fails (or the page has no text): one IngestError naming the item's URL and the
   reason, then, when the item's own content/summary has at least `feed_summary_min_words` words,
   a text document made of it (metadata "body": "feed-summary").
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser
import lxml.html
from lxml import etree

from recoupe.errors import FetchError
from recoupe.ingest.decode import declared_charset, decode_bytes
from recoupe.ingest.fetch import FetchedPage, Fetcher
from recoupe.ingest.html import html_document
from recoupe.ingest.options import IngestOptions, make_document
from recoupe.model import IngestError, Provenance, RawDocument
from recoupe.settings import IngestSettings

__all__ = ["read_feed", "is_feed"]


def is_feed(data: bytes) -> bool:
    parsed = feedparser.parse(data)
    return bool(parsed.get("version")) or bool(parsed.entries)


def _iso(struct: Any) -> str | None:
    if not struct:
        return None
    return datetime.fromtimestamp(calendar.timegm(struct), UTC).isoformat()


def _item_meta(entry: Any, feed_title: str | None) -> dict[str, str]:
    meta = {
        "title": entry.get("title"),
        "date": _iso(entry.get("published_parsed") or entry.get("updated_parsed")),
        "author": entry.get("author"),
        "url": entry.get("link"),
        "feed_title": feed_title,
    }
    return {k: " ".join(v.split()) for k, v in meta.items() if v}


def _plain(html_fragment: str) -> str:
    try:
        root = lxml.html.fragment_fromstring(html_fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return html_fragment.strip()
    for br in root.iter("br", "p", "div", "li"):
        br.tail = "\n" + (br.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _item_body(entry: Any) -> str:
    contents = entry.get("content") or []
    candidates = [c.get("value", "") for c in contents] + [entry.get("summary", "")]
    texts = [_plain(c) for c in candidates if c]
    return max(texts, key=len, default="")


def read_feed(
    data: bytes, source: str, options: IngestOptions, settings: IngestSettings, fetcher: Fetcher
) -> Iterator[RawDocument | IngestError]:
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.bozo:
            yield IngestError(source, f"malformed feed ({parsed.get('bozo_exception', 'unreadable XML')})")
        elif not parsed.get("version"):
            yield IngestError(source, "not an RSS or Atom feed")
        else:
            yield IngestError(source, "feed has no items")
        return
    feed_title = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, 1):
        yield from _read_item(entry, number, source, feed_title, options, settings, fetcher)


def _read_item(
    entry: Any, number: int, source: str, feed_title: str | None,
    options: IngestOptions, settings: IngestSettings, fetcher: Fetcher,
) -> Iterator[RawDocument | IngestError]:
    locator = f"item {number}"
    meta = _item_meta(entry, feed_title)
    link = meta.get("url")
    if not link:
        failure = IngestError(source, "feed item has no link", locator)
    else:
        try:
            page = fetcher.fetch(link)
        except FetchError as exc:
            failure = IngestError(link, f"could not fetch the page: {exc.reason}", f"{locator} of {source}")
        else:
            result = _page_document(page, source, locator, meta, options, settings)
            if isinstance(result, RawDocument):
                yield result
                return
            failure = result
    yield failure
    body = _item_body(entry)
    if len(body.split()) >= settings.feed_summary_min_words:
        provenance = Provenance(source, locator, url=link)
        sources = dict.fromkeys(meta, "feed") | {"body": "feed"}
        yield make_document("text", body, provenance, options, meta | {"body": "feed-summary"}, sources)


def _page_document(
    page: FetchedPage, source: str, locator: str, meta: dict[str, str],
    options: IngestOptions, settings: IngestSettings,
) -> RawDocument | IngestError:
    content_type = (page.content_type or "").lower()
    if content_type and "html" not in content_type:
        return IngestError(page.url, f"the page is not HTML ({content_type})", f"{locator} of {source}")
    decoded = decode_bytes(page.content, declared_charset(page.content, page.content_type))
    provenance = Provenance(source, locator, url=page.url, fetched_at=page.fetched_at, extra={"feed": source})
    fallback = {k: v for k, v in meta.items() if k != "url"}
    result = html_document(
        decoded.text, provenance, options, settings, fallback=fallback, fallback_source="feed",
        extra_meta={"encoding": decoded.encoding}, extra_sources={"encoding": decoded.how},
    )
    if isinstance(result, IngestError):
        return IngestError(page.url, result.reason, f"{locator} of {source}")
    return result
