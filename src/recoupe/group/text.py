"""Text keys for grouping: normalised words, shingles, weighted terms, number keys.

Everything here is language-light on purpose: stories cross languages, so the
lexical keys are folded (lowercase, no accents, cut to a short prefix) until
"paramilitaires" and "paramilitaries", "Wagner" and "wagner" meet.
"""

from __future__ import annotations

import functools
import importlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping

__all__ = [
    "fold",
    "words",
    "shingles",
    "paragraph_shingles",
    "stop_words",
    "weighted_terms",
    "number_keys",
    "common_runs",
    "cosine_terms",
]

_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(r"\d[\d\s\u00a0\u202f.,]*\d|\d")
STEM_CHARS = 7  # prefix length that folds inflections and FR/EN cognates together


def fold(text: str) -> str:
    """Lowercase and strip accents ("Élysée" -> "elysee")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Folded word tokens, punctuation dropped."""
    return _WORD.findall(fold(text))


def shingles(tokens: list[str], size: int) -> set[str]:
    """Word n-grams; a text shorter than `size` gives one shingle of all its words."""
    if not tokens:
        return set()
    if len(tokens) < size:
        return {" ".join(tokens)}
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def paragraph_shingles(text: str, size: int, min_words: int) -> set[str]:
    """Word n-grams of the text's paragraphs (lines), none across a paragraph break, from the
    paragraphs of at least `min_words` words: page chrome ("Écouter l'article (2 min)", an
    outlet's section and time line) comes as short lines that copies of one dispatch do not
    share, and a shingle spanning a break differs wherever a reprint cut, added or reordered
    a paragraph. When no paragraph is that long, every paragraph counts."""
    paragraphs = [words(line) for line in text.splitlines()]
    paragraphs = [tokens for tokens in paragraphs if tokens]
    kept = [tokens for tokens in paragraphs if len(tokens) >= min_words] or paragraphs
    grams: set[str] = set()
    for tokens in kept:
        grams |= shingles(tokens, size)
    return grams


@functools.lru_cache(maxsize=32)
def stop_words(lang: str | None) -> frozenset[str]:
    """spaCy's stop list for `lang` (folded); French + English when the language is unknown."""
    langs = [lang] if lang else ["fr", "en"]
    found: set[str] = set()
    for code in langs:
        try:
            module = importlib.import_module(f"spacy.lang.{code}.stop_words")
        except ImportError:
            continue
        found.update(fold(w) for w in module.STOP_WORDS)
    if not found and lang:
        return stop_words(None)
    return frozenset(found)


def weighted_terms(text: str, lang: str | None, limit: int = 40) -> tuple[tuple[str, float], ...]:
    """The `limit` heaviest content terms, as (folded stem, weight) with unit L2 norm.

    Weight = (1 + log tf) x boost; capitalised words (names) and numbers count
    double because they carry meaning across languages. No corpus IDF: the
    features of one article must not depend on the others.
    """
    stops = stop_words(lang)
    counts: Counter[str] = Counter()
    boosts: dict[str, float] = {}
    for match in _WORD.finditer(text):
        raw = match.group()
        word = fold(raw)
        if len(word) < 3 and not word.isdigit() or word in stops:
            continue
        key = word[:STEM_CHARS]
        counts[key] += 1
        boost = 2.0 if raw[0].isupper() or word.isdigit() else 1.0
        boosts[key] = max(boosts.get(key, 1.0), boost)
    scored = {k: (1.0 + math.log(n)) * boosts[k] for k, n in counts.items()}
    top = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return tuple((k, round(w / norm, 5)) for k, w in top)


def number_keys(text: str) -> set[str]:
    """Numbers written in the text, digits only ("1 000" and "1,000" -> "1000")."""
    keys = set()
    for match in _NUMBER.finditer(text):
        digits = re.sub(r"[\s\u00a0\u202f.,]", "", match.group())
        if digits and not (len(digits) == 4 and digits.startswith(("19", "20"))):
            keys.add(digits)
    return keys


def common_runs(a: str, b: str, min_words: int = 6, limit: int = 5) -> list[str]:
    """Longest runs of words the two texts share (folded comparison, original words of `a`).

    difflib is character/sequence generic; this is a word-level greedy match on
    shared n-gram seeds, enough to show passages two articles have in common.
    """
    tokens_a = [(m.group(), fold(m.group())) for m in _WORD.finditer(a)]
    folded_b = words(b)
    seeds: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(folded_b) - min_words + 1):
        seeds.setdefault(tuple(folded_b[j : j + min_words]), []).append(j)
    runs: list[tuple[int, int]] = []  # (start in a, length)
    i = 0
    while i <= len(tokens_a) - min_words:
        key = tuple(t[1] for t in tokens_a[i : i + min_words])
        best = 0
        for j in seeds.get(key, []):
            n = min_words
            while i + n < len(tokens_a) and j + n < len(folded_b) and tokens_a[i + n][1] == folded_b[j + n]:
                n += 1
            best = max(best, n)
        if best:
            runs.append((i, best))
            i += best
        else:
            i += 1
    runs.sort(key=lambda r: -r[1])
    return [" ".join(t[0] for t in tokens_a[s : s + n]) for s, n in runs[:limit]]


def cosine_terms(
    a: Mapping[str, float] | Iterable[tuple[str, float]], b: Iterable[tuple[str, float]]
) -> float:
    """Cosine of two unit-normed weighted term lists (`a` may already be a dict)."""
    weights = a if isinstance(a, Mapping) else dict(a)
    return float(sum(w * weights.get(k, 0.0) for k, w in b))
