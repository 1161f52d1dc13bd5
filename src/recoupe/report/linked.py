"""Linked-data exports: schema.org ClaimReview and NewsArticle JSON-LD.

Pure builders over records; the store side (which records, in which order, to which file)
lives in `recoupe.store.exports`. W3C PROV is built in `recoupe.report.provenance`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from recoupe.model import Article, Fact, Review

__all__ = [
    "SCHEMA_CONTEXT",
    "claim_review",
    "news_article",
    "creative_work",
]

SCHEMA_CONTEXT = "https://schema.org"



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
