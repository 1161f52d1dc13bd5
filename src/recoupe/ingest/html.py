"""HTML pages -> RawDocument: trafilatura's main text, and metadata with where each field was found.

trafilatura merges JSON-LD, OpenGraph and <title> without saying which one gave a field, so the
few tags that matter are read here first (to record the source), and trafilatura's metadata
fills what they leave empty. Field cascades (first hit wins):

title:  1. JSON-LD headline  2. og:title  3. <title>  4. trafilatura  5. the caller's fallback (feed item)
date:   1. JSON-LD datePublished  2. article:published_time  3. htmldate via trafilatura
        (original_date=True)  4. fallback.  date_modified is kept apart: JSON-LD dateModified,
        article:modified_time, else htmldate's latest date when it differs from the published one
outlet: 1. JSON-LD publisher.name  2. og:site_name  3. trafilatura sitename  4. (make_document) URL domain
author: 1. JSON-LD author  2. <meta name=author>  3. trafilatura author  4. fallback
url:    the URL it was fetched from, else <link rel=canonical>, og:url; canonical_url kept apart
lang:   1. <html lang>  2. og:locale
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import lxml.html
import trafilatura
from htmldate import find_date
from lxml import etree

from recoupe.ingest.options import IngestOptions, make_document
from recoupe.model import IngestError, Provenance, RawDocument
from recoupe.settings import IngestSettings

__all__ = ["html_document", "PageMeta", "read_page_meta"]

_NEWS_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
               "opinionnewsarticle", "backgroundnewsarticle", "webpage"}


@dataclass
class PageMeta:
    values: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def offer(self, key: str, value: Any, source: str) -> None:
        """Keep the first non-empty value offered for a field, with its source."""
        if isinstance(value, str):
            value = " ".join(value.split())
        if key not in self.values and value:
            self.values[key] = str(value)
            self.sources[key] = source


def _walk_jsonld(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _walk_jsonld(item)
    elif isinstance(data, dict):
        yield data
        yield from _walk_jsonld(data.get("@graph", []))


def _jsonld_article(tree: etree._Element) -> dict[str, Any]:
    """The first JSON-LD object of a news/article type (ill-formed blocks are skipped)."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for obj in _walk_jsonld(data):
            types = obj.get("@type", [])
            names = {t.lower() for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)}
            if names & _NEWS_TYPES:
                return obj
    return {}


def _name_of(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return value.get("name") if isinstance(value.get("name"), str) else None
    if isinstance(value, list):
        names = [n for n in (_name_of(v) for v in value) if n]
        return ", ".join(names) or None
    return None


def _meta(tree: etree._Element, attr: str, name: str) -> str | None:
    found = tree.xpath(f'//meta[@{attr}="{name}"]/@content')
    return str(found[0]) if found else None


def read_page_meta(tree: etree._Element, url: str | None) -> PageMeta:
    """Metadata from JSON-LD, OpenGraph, <meta>, <title>, <html lang> (see the module docstring)."""
    meta = PageMeta()
    ld = _jsonld_article(tree)
    meta.offer("title", ld.get("headline"), "jsonld")
    meta.offer("title", _meta(tree, "property", "og:title"), "meta:og:title")
    titles = tree.xpath("//title/text()")
    meta.offer("title", titles[0] if titles else None, "title-tag")
    meta.offer("date", ld.get("datePublished"), "jsonld")
    meta.offer("date", _meta(tree, "property", "article:published_time"), "meta:article:published_time")
    meta.offer("date_modified", ld.get("dateModified"), "jsonld")
    meta.offer("date_modified", _meta(tree, "property", "article:modified_time"), "meta:article:modified_time")
    meta.offer("outlet", _name_of(ld.get("publisher")), "jsonld")
    meta.offer("outlet", _meta(tree, "property", "og:site_name"), "meta:og:site_name")
    meta.offer("author", _name_of(ld.get("author")), "jsonld")
    meta.offer("author", _meta(tree, "name", "author"), "meta:author")
    meta.offer("url", url, "fetch")
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    meta.offer("canonical_url", canonical[0] if canonical else None, "link-canonical")
    meta.offer("canonical_url", _meta(tree, "property", "og:url"), "meta:og:url")
    meta.offer("url", meta.values.get("canonical_url"), meta.sources.get("canonical_url", ""))
    langs = tree.xpath("/html/@lang")
    meta.offer("lang", str(langs[0]).split("-")[0].lower() if langs else None, "html-lang")
    locale = _meta(tree, "property", "og:locale")
    meta.offer("lang", locale.split("_")[0].lower() if locale else None, "meta:og:locale")
    return meta


def _parse(html: str) -> etree._Element | None:
    try:
        # lxml refuses str input that carries an XML encoding declaration: give it bytes then.
        data: str | bytes = html.encode("utf-8") if html.lstrip().startswith("<?xml") else html
        return lxml.html.document_fromstring(data)
    except (etree.ParserError, ValueError):
        return None


def _paragraph_text(text: str | None) -> str | None:
    lines = [line.strip() for line in (text or "").splitlines()]
    joined = "\n".join(line for line in lines if line)
    return joined or None


def html_document(
    html: str,
    provenance: Provenance,
    options: IngestOptions,
    settings: IngestSettings,
    fallback: Mapping[str, str] | None = None,
    fallback_source: str = "feed",
    extra_meta: Mapping[str, str] | None = None,
    extra_sources: Mapping[str, str] | None = None,
) -> RawDocument | IngestError:
    """One HTML page as a RawDocument (content = the markup, extracted_text = the main text)."""
    tree = _parse(html)
    if tree is None:
        return IngestError(provenance.source, "not parseable as HTML", provenance.locator)
    meta = read_page_meta(tree, provenance.url)
    result = trafilatura.bare_extraction(
        html,
        url=provenance.url or meta.values.get("url"),
        include_comments=False,
        favor_precision=settings.html_favor_precision,
        with_metadata=True,
    )
    text = _paragraph_text(getattr(result, "text", None)) if result is not None else None
    words = len(text.split()) if text else 0
    if words < settings.html_min_words:
        reason = f"no article text found in the HTML (main text has {words} words, fewer than {settings.html_min_words})"
        return IngestError(provenance.source, reason, provenance.locator)
    _offer_trafilatura(meta, result)
    _offer_modified_date(meta, html)
    for key, value in (fallback or {}).items():
        meta.offer(key, value, fallback_source)
    meta.values.update(extra_meta or {})
    meta.sources.update(extra_sources or {})
    return make_document("html", html, provenance, options, meta.values, meta.sources, extracted_text=text)


def _offer_trafilatura(meta: PageMeta, result: Any) -> None:
    meta.offer("title", getattr(result, "title", None), "trafilatura")
    meta.offer("date", getattr(result, "date", None), "htmldate")
    sitename = getattr(result, "sitename", None)
    if sitename and sitename != getattr(result, "hostname", None):  # trafilatura falls back to the host
        meta.offer("outlet", sitename, "trafilatura")
    meta.offer("author", getattr(result, "author", None), "trafilatura")


def _offer_modified_date(meta: PageMeta, html: str) -> None:
    if "date_modified" in meta.values or meta.sources.get("date") != "htmldate":
        return
    latest = find_date(html, original_date=False)
    if latest and latest != meta.values.get("date"):
        meta.offer("date_modified", latest, "htmldate")
