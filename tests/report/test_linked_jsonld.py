"""ClaimReview and NewsArticle JSON-LD map our records onto schema.org."""

from __future__ import annotations

from report_fixtures import small_story

from recoupe.model import Review
from recoupe.report import claim_review, news_article


def test_claim_review_maps_status_first_appearance_and_appearances():
    data = small_story()
    fact = next(f for f in data.facts if f.id == "f-corroborated")
    review = Review(fact.id, "single-source", "Both outlets quote one video", "carla", "2024-08-07T12:00:00+00:00",
                    "corroborated")
    record = claim_review(fact, review, {a.id: a for a in data.articles})
    assert record["@type"] == "ClaimReview"
    assert record["claimReviewed"] == fact.label
    assert record["reviewRating"]["alternateName"] == "single-source"
    assert record["author"]["name"] == "carla"
    item = record["itemReviewed"]
    assert item["firstAppearance"]["identifier"] == "a1111111111111111"
    assert item["firstAppearance"]["publisher"]["name"] == "Le Courrier du Fleuve"
    assert [w["identifier"] for w in item["appearance"]] == ["a2222222222222222"]


def test_news_article_carries_outlet_and_copy_link():
    data = small_story()
    record = news_article(data.articles[1], story_id=data.story.id, copy_of=data.articles[0].id)
    assert record["@context"] == "https://schema.org" and record["@type"] == "NewsArticle"
    assert record["publisher"] == {"@type": "Organization", "name": "Sahel Matin"}
    assert record["datePublished"] == "2024-08-03"
    assert record["isBasedOn"] == "urn:recoupe:article:a1111111111111111"
