"""Content-word keys for aligning statements across articles.

Stop words come from spaCy's lexical data for each language; the rest is
folded (case, accents), stripped of a plural "s" and cut to a short prefix, a crude stem
that lets "miniers"/"minières", "russes"/"russe" or "signé"/"signer" meet without a lemmatiser.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["fold", "stems", "jaccard"]

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
STEM_LENGTH = 6


@functools.lru_cache(maxsize=4)
def _stop_words(lang: str) -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.fr.stop_words import STOP_WORDS as FR

    words = set(FR) | set(EN)
    return frozenset(fold(w) for w in words)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stems(text: str, lang: str | None = None) -> frozenset[str]:
    stop = _stop_words(lang or "fr")
    out = set()
    for match in _WORD.finditer(fold(text)):
        word = match.group().split("'")[-1].split("’")[-1]
        if len(word) < 3 or word in stop:
            continue
        if len(word) > 4 and word.endswith("s"):
            word = word[:-1]  # plural: "russes"/"russe", "soldiers"/"soldier" share a stem
        out.add(word[:STEM_LENGTH])
    return frozenset(out)


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
