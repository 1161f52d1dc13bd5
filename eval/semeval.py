"""Score recoupe's article similarity on the SemEval-2022 task 8 sample.

    python eval/semeval.py [PATH/pairs.csv] [--fit] [--chars N] [--cache DIR]

Reports the Pearson correlation of our score with the human judgement
(similarity = (4 - Overall) / 3, so 1 = same story) overall, on fr-fr, en-en and
cross-language pairs, next to a plain word TF-IDF cosine computed on the same
texts. The weights of the score are fitted by logistic regression on
"same story" (Overall <= 2); the numbers reported as `cv` come from 10-fold
cross-validation (each pair scored by a model that never saw it); `shipped` uses
the weights file in the package (fitted on all pairs: in-sample). `--fit` rewrites
that file. Embeddings are cached (one .npy per embedder and input length).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from recoupe.group.embed import E5Embedder, Embedder, embedding_text
from recoupe.group.features import features_from_text
from recoupe.group.similarity import model_inputs, similarity
from recoupe.group.text import cosine_terms, stop_words, words
from recoupe.settings import GroupSettings

__all__ = ["run_semeval", "load_pairs", "fit_logistic"]

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "shared/data/semeval2022-task8-sample/pairs.csv"
WEIGHTS_PATH = Path(__file__).resolve().parents[1] / "src/recoupe/data/group_similarity_weights.json"
SAME_STORY_MAX_OVERALL = 2.0
FOLDS = 10
NAMES = {
    "with_embedding": ["embedding", "lexical_same", "lexical_cross", "cross"],
    "lexical_only": ["lexical_same", "lexical_cross", "cross"],
}


def load_pairs(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _embeddings(texts: list[str], embedder: Embedder, chars: int, cache: Path) -> tuple[np.ndarray, float]:
    cache.mkdir(parents=True, exist_ok=True)
    file = cache / f"semeval_{embedder.name}_{chars}_{len(texts)}.npy"
    if file.exists():
        return np.load(file), 0.0
    start = time.perf_counter()
    inputs = [embedding_text(None, t, chars) for t in texts]
    matrix = np.vstack([embedder.embed(inputs[i : i + 64]) for i in range(0, len(inputs), 64)])
    elapsed = time.perf_counter() - start
    np.save(file, matrix)
    return matrix, elapsed


def _tfidf_cosines(pairs: list[dict[str, str]]) -> np.ndarray:
    """Baseline: word TF-IDF (log tf, smooth idf over the 2x pairs texts, stop words kept) cosine."""
    docs = [Counter(words(p[k])) for p in pairs for k in ("text1", "text2")]
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(doc.keys())
    n = len(docs)
    vecs = []
    for doc in docs:
        vec = {w: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[w])) + 1) for w, c in doc.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vecs.append({w: v / norm for w, v in vec.items()})
    out = []
    for i in range(0, n, 2):
        a, b = vecs[i], vecs[i + 1]
        out.append(sum(v * b.get(w, 0.0) for w, v in a.items()))
    return np.array(out)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-2, steps: int = 50) -> np.ndarray:
    """Newton-IRLS logistic regression with a small ridge (numpy only: no sklearn here)."""
    design = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(design.shape[1])
    ridge = l2 * np.eye(design.shape[1])
    ridge[0, 0] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-design @ w))
        grad = design.T @ (p - y) + ridge @ w
        hess = design.T @ (design * (p * (1 - p))[:, None]) + ridge
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def _predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(w[0] + x @ w[1:])))


def _cross_validated(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    order = np.random.default_rng(8).permutation(len(x))
    out = np.zeros(len(x))
    for fold in range(FOLDS):
        test = order[fold::FOLDS]
        train = np.setdiff1d(order, test)
        out[test] = _predict(fit_logistic(x[train], y[train]), x[test])
    return out


def _pearson(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1]) if len(a) > 2 else float("nan")


def _subsets(pairs: list[dict[str, str]]) -> dict[str, np.ndarray]:
    l1 = np.array([p["lang1"] for p in pairs])
    l2 = np.array([p["lang2"] for p in pairs])
    return {
        "overall": np.ones(len(pairs), bool),
        "fr-fr": (l1 == "fr") & (l2 == "fr"),
        "en-en": (l1 == "en") & (l2 == "en"),
        "cross": l1 != l2,
        "same-language": l1 == l2,
    }


def _table(human: np.ndarray, scores: dict[str, np.ndarray], subsets: dict[str, np.ndarray]) -> dict:
    return {
        name: {sub: round(_pearson(s[mask], human[mask]), 4) for sub, mask in subsets.items()}
        for name, s in scores.items()
    }


def run_semeval(
    path: str | Path = DEFAULT_PATH,
    embedder: Embedder | None = None,
    chars: int | None = None,
    cache: str | Path = "/tmp/recoupe-semeval-cache",
    fit: bool = False,
) -> dict[str, Any]:
    """Pearson correlations (human similarity vs ours, TF-IDF, parts), cross-validated and shipped."""
    settings = GroupSettings()
    chars = chars or settings.embed_chars
    embedder = embedder or E5Embedder()
    pairs = load_pairs(Path(path))
    texts = [p[k] for p in pairs for k in ("text1", "text2")]
    matrix, embed_seconds = _embeddings(texts, embedder, chars, Path(cache))
    stop_words.cache_clear()
    feats = [
        features_from_text(str(i), t, pairs[i // 2][f"lang{i % 2 + 1}"], matrix[i], settings, embedder.name)
        for i, t in enumerate(texts)
    ]
    emb = np.array([float(np.dot(matrix[i], matrix[i + 1])) for i in range(0, len(texts), 2)])
    lex = np.array([cosine_terms(feats[i].top_terms, feats[i + 1].top_terms) for i in range(0, len(texts), 2)])
    overall = np.array([float(p["Overall"]) for p in pairs])
    human = (4 - overall) / 3
    same = (overall <= SAME_STORY_MAX_OVERALL).astype(float)
    cross = [p["lang1"] != p["lang2"] for p in pairs]
    rows = [model_inputs(e, x, c) for e, x, c in zip(emb, lex, cross, strict=True)]
    rows_lex = [model_inputs(None, x, c) for x, c in zip(lex, cross, strict=True)]
    both = np.array([[r[k] for k in NAMES["with_embedding"]] for r in rows])
    lexical_only = np.array([[r[k] for k in NAMES["lexical_only"]] for r in rows_lex])
    cv = _cross_validated(both, same)
    cv_lex = _cross_validated(lexical_only, same)
    weights = {
        "with_embedding": fit_logistic(both, same),
        "lexical_only": fit_logistic(lexical_only, same),
    }
    if fit:
        _write_weights(weights, embedder.name, chars, len(pairs))
    shipped = np.array([similarity(feats[i], feats[i + 1], settings).score for i in range(0, len(texts), 2)])
    subsets = _subsets(pairs)
    return {
        "pairs": len(pairs),
        "counts": {k: int(v.sum()) for k, v in subsets.items()},
        "embedder": embedder.name,
        "embed_chars": chars,
        "embed_seconds": round(embed_seconds, 1),
        "embed_texts_per_s": round(len(texts) / embed_seconds, 2) if embed_seconds else None,
        "pearson": _table(
            human,
            {
                "recoupe_cv": cv,
                "recoupe_lexical_only_cv": cv_lex,
                "recoupe_shipped_weights": shipped,
                "embedding_cosine": emb,
                "lexical_cosine": lex,
                "tfidf_baseline": _tfidf_cosines(pairs),
            },
            subsets,
        ),
    }


def _write_weights(weights: dict[str, np.ndarray], embedder: str, chars: int, n: int) -> None:
    names = NAMES
    data = {
        "about": "Logistic weights of recoupe.group.similarity, fitted by eval/semeval.py --fit on the "
        f"SemEval-2022 task 8 sample ({n} pairs), target Overall <= {SAME_STORY_MAX_OVERALL}.",
    }
    coefs = {
        key: {"coef": {"bias": round(float(w[0]), 4)}
              | {name: round(float(v), 4) for name, v in zip(names[key], w[1:], strict=True)}}
        for key, w in weights.items()
    }
    old = json.loads(WEIGHTS_PATH.read_text("utf-8")) if WEIGHTS_PATH.exists() else {}
    data["embedders"] = old.get("embedders", {}) | {embedder: coefs["with_embedding"] | {"embed_chars": chars}}
    data["lexical_only"] = coefs["lexical_only"]
    WEIGHTS_PATH.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
    parser.add_argument("--fit", action="store_true", help="rewrite the shipped weights file")
    parser.add_argument("--chars", type=int, default=None, help="embedding input length (characters)")
    parser.add_argument("--cache", default="/tmp/recoupe-semeval-cache")
    args = parser.parse_args()
    print(json.dumps(run_semeval(args.path, chars=args.chars, cache=args.cache, fit=args.fit), indent=2))


if __name__ == "__main__":
    main()
