"""Builders for the group tests: fixture articles as Article + Analysis records."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from recoupe.group import ArticleFeatures, HashingEmbedder, compute_features_batch
from recoupe.model import Analysis, Article, CleaningReport, Entity, Figure, PartialDate, Span
from recoupe.settings import GroupSettings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "group" / "articles.json"


def make_article(spec: dict) -> Article:
    title = spec.get("title")
    parts = ([title] if title else []) + list(spec.get("paragraphs", []))
    text, spans, offset = "", [], 0
    for part in parts:
        if text:
            text += "\n\n"
            offset += 2
        spans.append(Span(offset, offset + len(part)))
        text += part
        offset += len(part)
    published = PartialDate.parse(spec["published"]) if spec.get("published") else None
    return Article(
        id=spec["id"],
        raw_id="r-" + spec["id"],
        outlet=spec.get("outlet"),
        url=None,
        title=title,
        text=text,
        paragraphs=tuple(spans),
        lang=spec.get("lang"),
        lang_confidence=0.99 if spec.get("lang") else 0.0,
        published=published,
        truncated=False,
        report=CleaningReport(),
        title_span=spans[0] if title else None,
    )


def make_analysis(spec: dict) -> Analysis:
    entities = tuple(Entity(id=e[0], name=e[1], kind=e[2]) for e in spec.get("entities", []))
    figures = tuple(
        Figure(span=Span(0, 1), text=str(f[1]), kind=f[0], low=f[1], high=f[1], unit=f[2] if f[0] != "money" else None,
               currency=f[2] if f[0] == "money" else None)
        for f in spec.get("figures", [])
    )
    return Analysis(article_id=spec["id"], lang=spec.get("lang"), entities=entities, figures=figures)


def load_specs() -> dict[str, dict]:
    data = json.loads(FIXTURES.read_text("utf-8"))
    return {a["id"]: a for a in data["articles"]}


def fixture_features(embedder=None, settings: GroupSettings | None = None) -> dict[str, ArticleFeatures]:
    specs = load_specs()
    pairs = [(make_article(s), make_analysis(s)) for s in specs.values()]
    feats = compute_features_batch(pairs, embedder or HashingEmbedder(), settings or GroupSettings())
    return {f.article_id: f for f in feats}


def fixture_articles() -> dict[str, Article]:
    return {k: make_article(s) for k, s in load_specs().items()}


def with_date(f: ArticleFeatures, iso: str | None) -> ArticleFeatures:
    return replace(f, published=iso)
