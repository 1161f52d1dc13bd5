"""ArticleFeatures: the compact record that grouping works on, never the texts.

One per article: a MinHash signature of paragraph word shingles (copies), a normalised,
language-centred multilingual embedding of title + lead (stories across languages), weighted
folded terms, canonical entity ids and figure keys (what the article is about),
its date, outlet, language and length.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from recoupe.group.embed import Embedder, embedding_text, language_centred
from recoupe.group.text import fold, paragraph_shingles, shingles, weighted_terms, words
from recoupe.model import Analysis, Article, Figure
from recoupe.settings import GroupSettings

__all__ = [
    "ArticleFeatures",
    "compute_features",
    "compute_features_batch",
    "figure_key",
    "minhash_of",
    "copy_signature",
    "body_text",
]

MINHASH_SEED = 1  # fixed: signatures computed in different runs must be comparable


@dataclass(frozen=True)
class ArticleFeatures:
    article_id: str
    lang: str | None
    published: str | None  # ISO partial date
    outlet: str | None
    title: str | None
    n_words: int
    minhash: tuple[int, ...]
    embedding: tuple[float, ...]  # L2-normalised; empty when the article has no text
    entity_ids: tuple[str, ...] = ()
    figure_keys: tuple[str, ...] = ()
    top_terms: tuple[tuple[str, float], ...] = ()  # (folded stem, weight), unit norm
    embedder: str = ""
    notes: tuple[str, ...] = ()  # what was missing ("no text", "no date", "unknown language")
    n_shingles: int = 0  # shingles behind `minhash` (0 in records made before it was stored)


def body_text(article: Article) -> str:
    """The article text without its leading title paragraph (chrome differs there between copies)."""
    text = article.text
    if article.title_span is not None and article.title_span.start == 0:
        text = text[article.title_span.end :]
    return text.strip()


def minhash_of(tokens: list[str], settings: GroupSettings) -> tuple[int, ...]:
    """MinHash of the word shingles; an empty text gets an empty signature."""
    return _sketch(shingles(tokens, settings.shingle_size), settings)


def copy_signature(body: str, settings: GroupSettings) -> tuple[tuple[int, ...], int]:
    """The MinHash of the body's paragraph shingles (text.paragraph_shingles) and their number."""
    grams = paragraph_shingles(body, settings.shingle_size, settings.copy_min_paragraph_words)
    return _sketch(grams, settings), len(grams)


def _sketch(grams: set[str], settings: GroupSettings) -> tuple[int, ...]:
    if not grams:
        return ()
    sketch = MinHash(num_perm=settings.minhash_perm, seed=MINHASH_SEED)
    sketch.update_batch([g.encode("utf-8") for g in sorted(grams)])
    return tuple(int(v) for v in sketch.hashvalues)


def figure_key(figure: Figure) -> str:
    """"count:1000:paramilitaires", "money:2000000000:XOF": kind, value, unit or currency."""
    value = figure.low if figure.low is not None else figure.high
    number = "" if value is None else f"{value:g}"
    what = figure.currency or (fold(figure.unit) if figure.unit else "")
    if figure.kind == "date" and figure.date is not None:
        number = figure.date.iso()
    return f"{figure.kind}:{number}:{what}"


def _notes(article: Article, n_words: int) -> tuple[str, ...]:
    notes = []
    if n_words == 0:
        notes.append("no text: grouped on title and metadata only")
    if article.published is None:
        notes.append("no date: compared without a time window")
    if not article.lang:
        notes.append("unknown language: French and English stop words used")
    return tuple(notes)


def _partial(article: Article, analysis: Analysis | None, settings: GroupSettings) -> ArticleFeatures:
    body = body_text(article)
    tokens = words(body)
    signature, n_shingles = copy_signature(body, settings)
    entity_ids: tuple[str, ...] = ()
    figure_keys: tuple[str, ...] = ()
    if analysis is not None:
        entity_ids = tuple(sorted({e.id for e in analysis.entities}))
        figure_keys = tuple(sorted({figure_key(f) for f in analysis.figures}))
    lexical_source = f"{article.title or ''}\n{article.text}"
    return ArticleFeatures(
        article_id=article.id,
        lang=article.lang,
        published=article.published.iso() if article.published else None,
        outlet=article.outlet,
        title=article.title,
        n_words=len(tokens),
        minhash=signature,
        embedding=(),
        entity_ids=entity_ids,
        figure_keys=figure_keys,
        top_terms=weighted_terms(lexical_source, article.lang, settings.top_terms),
        notes=_notes(article, len(tokens)),
        n_shingles=n_shingles,
    )


def _with_embeddings(
    partials: list[ArticleFeatures], texts: list[str], embedder: Embedder, settings: GroupSettings
) -> list[ArticleFeatures]:
    todo = [i for i, t in enumerate(texts) if t.strip()]
    vectors: dict[int, tuple[float, ...]] = {}
    name = embedder.name
    batch = max(1, settings.embed_batch)
    for start in range(0, len(todo), batch):
        chunk = todo[start : start + batch]
        matrix = np.asarray(embedder.embed([texts[i] for i in chunk]), dtype=np.float64)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        langs = [partials[i].lang for i in chunk]
        matrix, name = language_centred(matrix / norms, langs, embedder.name, settings.similarity_weights)
        for i, row in zip(chunk, matrix, strict=True):
            vectors[i] = tuple(round(float(x), 6) for x in row)
    return [_replace_embedding(p, vectors.get(i, ()), name) for i, p in enumerate(partials)]


def _replace_embedding(features: ArticleFeatures, vector: tuple[float, ...], name: str) -> ArticleFeatures:
    from dataclasses import replace

    return replace(features, embedding=vector, embedder=name if vector else "")


def compute_features_batch(
    pairs: Iterable[tuple[Article, Analysis | None]], embedder: Embedder, settings: GroupSettings
) -> list[ArticleFeatures]:
    """Features of many articles; embeddings are computed `settings.embed_batch` texts at a time."""
    pairs = list(pairs)
    partials = [_partial(article, analysis, settings) for article, analysis in pairs]
    texts = [embedding_text(a.title, a.text, settings.embed_chars) for a, _ in pairs]
    return _with_embeddings(partials, texts, embedder, settings)


def compute_features(
    article: Article, analysis: Analysis | None, embedder: Embedder, settings: GroupSettings
) -> ArticleFeatures:
    """Features of one article (see `compute_features_batch`)."""
    return compute_features_batch([(article, analysis)], embedder, settings)[0]


def features_from_text(
    article_id: str,
    text: str,
    lang: str | None,
    embedder_vector: Sequence[float],
    settings: GroupSettings,
    embedder: str = "",
) -> ArticleFeatures:
    """Features of a bare text (similarity on pairs files: no title, date or analysis).

    `embedder_vector` is the embedder's raw output; it is language-centred here as in
    `compute_features_batch`.
    """
    tokens = words(text)
    signature, n_shingles = copy_signature(text, settings)
    vector: tuple[float, ...] = ()
    if len(embedder_vector):
        row = np.asarray(embedder_vector, dtype=np.float64)
        row = row / (float(np.linalg.norm(row)) or 1.0)
        centred, embedder = language_centred(row[None, :], [lang], embedder, settings.similarity_weights)
        vector = tuple(float(x) for x in centred[0])
    return ArticleFeatures(
        article_id=article_id,
        lang=lang,
        published=None,
        outlet=None,
        title=None,
        n_words=len(tokens),
        minhash=signature,
        embedding=vector,
        top_terms=weighted_terms(text, lang, settings.top_terms),
        embedder=embedder if vector else "",
        n_shingles=n_shingles,
    )
