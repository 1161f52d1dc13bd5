"""A truncated aggregator preview of an agency dispatch, with the aggregator's own chrome
(byline, reading time, newsletter invitation), is found as a copy once cleaned."""

from __future__ import annotations

from pathlib import Path

from recoupe.clean import clean_document
from recoupe.group import copy_verdict
from recoupe.group.embed import HashingEmbedder
from recoupe.group.features import compute_features
from recoupe.model import Provenance, RawDocument
from recoupe.settings import CleanSettings, GroupSettings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "group"


def _features(name: str):
    content = (FIXTURES / name).read_text("utf-8")
    raw = RawDocument(RawDocument.make_id(content), "text", content, Provenance(name))
    article = clean_document(raw, CleanSettings())
    return article, compute_features(article, None, HashingEmbedder(), GroupSettings())


def test_copies_aggregator_preview_chrome_is_cleaned_and_the_preview_is_a_copy() -> None:
    preview_article, preview = _features("aggregator_preview.txt")
    _, dispatch = _features("dispatch_full.txt")
    assert "Publié par" not in preview_article.text
    assert "newsletter" not in preview_article.text
    assert preview_article.truncated
    verdict = copy_verdict(dispatch, preview, GroupSettings())
    assert verdict.is_copy
    assert verdict.jaccard < GroupSettings().copy_threshold  # found by containment, not by Jaccard
