"""Linked-data exports: schema.org ClaimReview and NewsArticle JSON-LD, and PROV-JSON records.

Pure builders over records; the store side (which records, in which order, to which file)
lives in `recoupe.store.exports`.

PROV-JSON is written by hand: the `prov` package is not a dependency, and the format is
a plain JSON object of record maps (https://www.w3.org/Submission/prov-json/).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from recoupe import __version__
from recoupe.model import Article, Fact, Review

__all__ = [
    "SCHEMA_CONTEXT",
    "PROV_PREFIX",
    "PROV_SECTIONS",
    "claim_review",
    "news_article",
    "creative_work",
    "ProvRecord",
    "prov_article_records",
    "prov_fact_records",
    "prov_agent_records",
    "prov_outlet_record",
]

SCHEMA_CONTEXT = "https://schema.org"
PROV_PREFIX = {"rc": "urn:recoupe:", "schema": "https://schema.org/", "prov": "http://www.w3.org/ns/prov#"}
# The PROV-JSON record maps, in the order they are written.
PROV_SECTIONS = ("entity", "agent", "activity", "wasGeneratedBy", "wasAttributedTo", "wasAssociatedWith",
                 "wasDerivedFrom")


def _published(article: Article) -> str | None:
    return article.published.iso() if article.published else None


def _publisher(article: Article) -> dict[str, Any] | None:
    return {"@type": "Organization", "name": article.outlet} if article.outlet else None


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None and v != []}


def creative_work(article: Article) -> dict[str, Any]:
    """An article as the schema.org CreativeWork a claim appeared in."""
    return _drop_none({"@type": "NewsArticle", "identifier": article.id, "url": article.url,
                       "headline": article.title, "datePublished": _published(article),
                       "publisher": _publisher(article), "inLanguage": article.lang})


def claim_review(fact: Fact, review: Review, articles: Mapping[str, Article]) -> dict[str, Any]:
    """One ClaimReview for a fact a person reviewed: the human status is the rating's alternateName.

    itemReviewed.firstAppearance is the fact's first report; appearance lists the other
    articles carrying it (supporting evidence only).
    """
    first = articles.get(fact.first_report or "")
    others = list(dict.fromkeys(e.article_id for e in fact.evidence
                                if e.stance == "supports" and e.article_id != fact.first_report))
    item = _drop_none({
        "@type": "Claim",
        "firstAppearance": creative_work(first) if first else None,
        "appearance": [creative_work(articles[a]) for a in others if a in articles],
        "datePublished": _published(first) if first else None,
        "author": _drop_none({"@type": "Organization", "name": fact.evidence[0].source})
        if fact.evidence and fact.evidence[0].source else None,
    })
    return _drop_none({
        "@context": SCHEMA_CONTEXT,
        "@type": "ClaimReview",
        "identifier": fact.id,
        "claimReviewed": fact.label,
        "datePublished": review.at[:10],
        "author": {"@type": "Person", "name": review.reviewer},
        "reviewBody": review.note,
        "reviewRating": _drop_none({"@type": "Rating", "alternateName": review.status,
                                    "ratingExplanation": review.note}),
        "itemReviewed": item,
        "additionalProperty": [
            {"@type": "PropertyValue", "name": "automaticStatus", "value": fact.status},
            {"@type": "PropertyValue", "name": "independentOrigins", "value": fact.independent_origins},
            {"@type": "PropertyValue", "name": "storyId", "value": fact.story_id},
        ],
    })


def news_article(article: Article, *, story_id: str | None = None, copy_of: str | None = None) -> dict[str, Any]:
    """schema.org NewsArticle JSON-LD for a stored article (isBasedOn names the text it copies)."""
    data = creative_work(article)
    data.update(_drop_none({
        "@context": SCHEMA_CONTEXT,
        "@id": article.url or f"urn:recoupe:article:{article.id}",
        "articleBody": article.text,
        "wordCount": len(article.text.split()),
        "isBasedOn": f"urn:recoupe:article:{copy_of}" if copy_of else None,
        "isPartOf": {"@type": "CreativeWorkSeries", "identifier": story_id} if story_id else None,
    }))
    return {"@context": data.pop("@context"), **data}


# ------------------------------------------------------------------------ PROV


@dataclass(frozen=True)
class ProvRecord:
    section: str  # one of PROV_SECTIONS
    id: str
    body: dict[str, Any]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unknown"


def _relation(section: str, key: str, body: dict[str, Any]) -> ProvRecord:
    return ProvRecord(section, f"_:{key}", body)


def prov_agent_records() -> Iterator[ProvRecord]:
    yield ProvRecord("agent", "rc:recoupe", {"prov:type": "prov:SoftwareAgent", "prov:label": f"recoupe {__version__}"})


def prov_article_records(article: Article, *, source: str | None, copy_of: str | None,
                         story_id: str | None) -> Iterator[ProvRecord]:
    """An article, the raw document it was cleaned from, its outlet, and the text it copies."""
    aid = f"rc:article-{article.id}"
    yield ProvRecord("entity", aid, _drop_none({
        "prov:type": "schema:NewsArticle", "prov:label": article.title, "prov:location": article.url,
        "rc:outlet": article.outlet, "rc:published": _published(article), "rc:lang": article.lang,
        "rc:story": story_id}))
    raw = f"rc:raw-{article.raw_id}"
    yield ProvRecord("entity", raw, _drop_none({"prov:type": "rc:RawDocument", "prov:location": source}))
    yield _relation("wasDerivedFrom", f"clean-{article.id}", {"prov:generatedEntity": aid, "prov:usedEntity": raw})
    if article.outlet:
        yield _relation("wasAttributedTo", f"by-{article.id}",
                        {"prov:entity": aid, "prov:agent": f"rc:outlet-{_slug(article.outlet)}"})
    if copy_of:
        yield _relation("wasDerivedFrom", f"copy-{article.id}", {
            "prov:generatedEntity": aid, "prov:usedEntity": f"rc:article-{copy_of}", "prov:type": "rc:Reprint"})


def prov_outlet_record(outlet: str) -> ProvRecord:
    return ProvRecord("agent", f"rc:outlet-{_slug(outlet)}", {"prov:type": "prov:Organization", "prov:label": outlet})


def prov_fact_records(fact: Fact, reviews: Sequence[Review] = ()) -> Iterator[ProvRecord]:
    """A fact: generated by the story's cross-check, derived from (or quoted from) each article
    carrying it, with each independent origin as a primary source."""
    fid = f"rc:fact-{fact.id}"
    status = reviews[-1].status if reviews else fact.status
    yield ProvRecord("entity", fid, _drop_none({
        "prov:type": f"rc:{fact.kind}", "prov:label": fact.label, "rc:status": status,
        "rc:automaticStatus": fact.status, "rc:reviewedBy": reviews[-1].reviewer if reviews else None}))
    activity = f"rc:crosscheck-{fact.story_id}"
    yield ProvRecord("activity", activity, {"prov:type": "rc:CrossCheck", "rc:story": fact.story_id})
    yield _relation("wasAssociatedWith", f"run-{fact.story_id}", {"prov:activity": activity, "prov:agent": "rc:recoupe"})
    yield _relation("wasGeneratedBy", f"gen-{fact.id}", {"prov:entity": fid, "prov:activity": activity})
    kind = "prov:Quotation" if fact.kind == "quote" else None
    for n, article_id in enumerate(dict.fromkeys(e.article_id for e in fact.evidence)):
        yield _relation("wasDerivedFrom", f"ev-{fact.id}-{n}", _drop_none({
            "prov:generatedEntity": fid, "prov:usedEntity": f"rc:article-{article_id}", "prov:type": kind}))
    for origin in fact.origins:
        oid = f"rc:origin-{_slug(origin)}"
        yield ProvRecord("entity", oid, {"prov:type": "rc:Origin", "prov:label": origin})
        yield _relation("wasDerivedFrom", f"src-{fact.id}-{_slug(origin)}", {
            "prov:generatedEntity": fid, "prov:usedEntity": oid, "prov:type": "prov:PrimarySource"})
