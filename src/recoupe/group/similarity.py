"""How alike two articles are: one score in [0, 1] and its explanation.

The score, in order:
1. content = logistic(bias + w_e * embedding cosine (of the language-centred vectors:
   embed.language_centred) + w_l * lexical cosine + w_x * cross-language,
   the lexical weight apart for same- and cross-language pairs: `model_inputs`), weights
   learned on the SemEval-2022 task 8 sample (target: "same story", Overall <= 2;
   cross-validated by eval/semeval.py; stored in data/group_similarity_weights.json)
   for the embedder that made both vectors. Without embeddings, or for an embedder
   with no fitted weights (the HashingEmbedder fake), the lexical-only model.
2. When both articles carry canonical entities, 15 % of the score is their overlap;
   shared figures (same kind, value, unit) add up to 0.1. Neither can be learned on
   SemEval (no analysis there); the weights are small on purpose: look-alike events
   share their actors.
3. The date gap damps the score: exp(-(gap - 2) / date_decay_days) beyond two days, 0
   beyond story_window_days. Unknown dates do not damp (and are reported as None).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from recoupe.group.embed import Embedder, embedding_text, load_weights
from recoupe.group.features import ArticleFeatures, body_text, features_from_text
from recoupe.group.text import common_runs, cosine_terms
from recoupe.model import Article, PartialDate
from recoupe.settings import GroupSettings

__all__ = [
    "SimilarityExplanation",
    "similarity",
    "explain",
    "score_pairs",
    "date_gap_days",
    "load_weights",
    "scored_pair",
    "model_inputs",
]

ENTITY_SHARE = 0.15
FIGURE_BONUS = 0.1
DATE_GRACE_DAYS = 2.0


@dataclass(frozen=True)
class SimilarityExplanation:
    score: float
    embedding: float | None  # cosine of the embeddings; None when one is missing
    lexical: float  # cosine of the weighted folded terms
    entities_shared: tuple[str, ...] = ()
    figures_shared: tuple[str, ...] = ()
    date_gap_days: float | None = None
    content: float = 0.0  # the score before the date damping
    passages: tuple[str, ...] = ()


@functools.lru_cache(maxsize=4096)
def _ordinal(iso: str) -> float:
    """Day number of an ISO partial date, taken at the middle of its month or year."""
    date = PartialDate.parse(iso)
    import datetime

    month = date.month or 7
    day = date.day or (15 if date.month else 1)
    return float(datetime.date(date.year, month, day).toordinal())


def date_gap_days(a: str | None, b: str | None) -> float | None:
    if not a or not b:
        return None
    return abs(_ordinal(a) - _ordinal(b))


def _logistic(model: Mapping[str, float], values: Mapping[str, float]) -> float:
    z = model["bias"] + sum(w * values[k] for k, w in model.items() if k != "bias")
    return 1.0 / (1.0 + math.exp(-z))


def model_inputs(embedding: float | None, lexical: float, cross_language: bool) -> dict[str, float]:
    """The regressors of step 1. Lexical overlap means less across languages (only names,
    numbers and cognates can match), so it has its own weight there, and cross-language
    pairs their own intercept (measured: +0.05 Pearson overall on SemEval, cross-validated)."""
    cross = 1.0 if cross_language else 0.0
    values = {"lexical_same": lexical * (1 - cross), "lexical_cross": lexical * cross, "cross": cross}
    if embedding is not None:
        values["embedding"] = embedding
    return values


def _content(
    embedding: float | None, lexical: float, cross_language: bool, embedder: str, settings: GroupSettings
) -> float:
    """Step 1: the model fitted for this embedder, else the lexical-only model."""
    weights = load_weights(settings.similarity_weights)
    model = weights["embedders"].get(embedder)
    if embedding is None or model is None:
        return _logistic(weights["lexical_only"]["coef"], model_inputs(None, lexical, cross_language))
    return _logistic(model["coef"], model_inputs(embedding, lexical, cross_language))


def _date_factor(gap: float | None, settings: GroupSettings) -> float:
    if gap is None:
        return 1.0
    if gap > settings.story_window_days:
        return 0.0
    return math.exp(-max(0.0, gap - DATE_GRACE_DAYS) / settings.date_decay_days)


def similarity(
    a: ArticleFeatures, b: ArticleFeatures, settings: GroupSettings | None = None
) -> SimilarityExplanation:
    """Score two articles (see the module docstring for the recipe)."""
    return scored_pair(a, b, settings or GroupSettings())


def scored_pair(
    a: ArticleFeatures,
    b: ArticleFeatures,
    settings: GroupSettings,
    vectors: tuple[np.ndarray, np.ndarray] | None = None,
    terms_a: Mapping[str, float] | None = None,
) -> SimilarityExplanation:
    """`similarity` with the embeddings as arrays and `a`'s terms as a dict, when the caller has them."""
    embedding = None
    if a.embedding and b.embedding and a.embedder == b.embedder and len(a.embedding) == len(b.embedding):
        va, vb = vectors if vectors is not None else (np.asarray(a.embedding), np.asarray(b.embedding))
        embedding = float(np.dot(va, vb))
    lexical = cosine_terms(terms_a if terms_a is not None else a.top_terms, b.top_terms)
    cross_language = bool(a.lang and b.lang and a.lang != b.lang)
    score = _content(embedding, lexical, cross_language, a.embedder, settings)
    shared_entities = tuple(sorted(set(a.entity_ids) & set(b.entity_ids)))
    if a.entity_ids and b.entity_ids:
        overlap = len(shared_entities) / min(len(a.entity_ids), len(b.entity_ids))
        score = (1 - ENTITY_SHARE) * score + ENTITY_SHARE * overlap
    shared_figures = tuple(sorted(set(a.figure_keys) & set(b.figure_keys)))
    if shared_figures:
        score += FIGURE_BONUS * len(shared_figures) / min(len(a.figure_keys), len(b.figure_keys))
    gap = date_gap_days(a.published, b.published)
    content = min(1.0, max(0.0, score))
    return SimilarityExplanation(
        score=round(content * _date_factor(gap, settings), 4),
        embedding=None if embedding is None else round(embedding, 4),
        lexical=round(lexical, 4),
        entities_shared=shared_entities,
        figures_shared=shared_figures,
        date_gap_days=gap,
        content=round(content, 4),
    )


def explain(
    a: ArticleFeatures,
    b: ArticleFeatures,
    article_a: Article | None = None,
    article_b: Article | None = None,
    settings: GroupSettings | None = None,
) -> dict[str, Any]:
    """What `recoupe compare A B` shows: the score, its parts, and the passages both share."""
    result = similarity(a, b, settings)
    passages: list[str] = []
    if article_a is not None and article_b is not None:
        passages = common_runs(body_text(article_a), body_text(article_b))
    return {
        "a": a.article_id,
        "b": b.article_id,
        "score": result.score,
        "content_score": result.content,
        "embedding": result.embedding,
        "lexical": result.lexical,
        "entities_shared": list(result.entities_shared),
        "figures_shared": list(result.figures_shared),
        "date_gap_days": result.date_gap_days,
        "terms_shared": sorted(set(dict(a.top_terms)) & set(dict(b.top_terms))),
        "passages": passages,
        "notes": sorted(set(a.notes) | set(b.notes)),
    }


def score_pairs(
    rows: Iterable[Mapping[str, Any]],
    embedder: Embedder,
    settings: GroupSettings | None = None,
    batch_size: int = 64,
) -> Iterator[dict[str, Any]]:
    """`{"id","text1","text2","lang1","lang2"}` rows in, `{"id","score"}` rows out, streamed by batch."""
    settings = settings or GroupSettings()
    batch: list[Mapping[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= batch_size:
            yield from _score_batch(batch, embedder, settings)
            batch = []
    if batch:
        yield from _score_batch(batch, embedder, settings)


def _score_batch(
    rows: list[Mapping[str, Any]], embedder: Embedder, settings: GroupSettings
) -> Iterator[dict[str, Any]]:
    texts = [str(r.get(k) or "") for r in rows for k in ("text1", "text2")]
    inputs = [embedding_text(None, t, settings.embed_chars) for t in texts]
    nonempty = [i for i, t in enumerate(inputs) if t.strip()]
    vectors: dict[int, Any] = {}
    if nonempty:
        matrix = embedder.embed([inputs[i] for i in nonempty])
        vectors = dict(zip(nonempty, matrix, strict=True))
    for n, row in enumerate(rows):
        feats = [
            features_from_text(
                f"{row.get('id')}:{side}",
                texts[2 * n + side],
                row.get(f"lang{side + 1}") or None,
                vectors.get(2 * n + side, ()),
                settings,
                embedder.name,
            )
            for side in (0, 1)
        ]
        yield {"id": row.get("id"), "score": similarity(feats[0], feats[1], settings).score}
