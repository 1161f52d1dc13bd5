"""The group stage: near-duplicate copies and stories, and the article similarity behind both.

    compute_features(article, analysis, embedder, settings) -> ArticleFeatures
    compute_features_batch(pairs, embedder, settings) -> list[ArticleFeatures]
    assign_copies(new, existing, existing_groups, settings) -> tuple[DupGroup, ...]
    assign_stories(new, existing_stories, features_of, dup_groups, settings) -> tuple[Story, ...]
    similarity(a, b, settings) -> SimilarityExplanation
    explain(a, b, article_a, article_b, settings) -> dict      (recoupe compare)
    score_pairs(rows, embedder, settings) -> Iterator[dict]    (recoupe similarity --pairs)
"""

from recoupe.group.copies import assign_copies, copy_verdict
from recoupe.group.embed import E5Embedder, Embedder, HashingEmbedder, embedding_text
from recoupe.group.features import ArticleFeatures, compute_features, compute_features_batch
from recoupe.group.similarity import SimilarityExplanation, explain, score_pairs, similarity
from recoupe.group.stories import assign_stories, story_label

__all__ = [
    "ArticleFeatures",
    "compute_features",
    "compute_features_batch",
    "Embedder",
    "E5Embedder",
    "HashingEmbedder",
    "embedding_text",
    "assign_copies",
    "copy_verdict",
    "assign_stories",
    "story_label",
    "SimilarityExplanation",
    "similarity",
    "explain",
    "score_pairs",
]
