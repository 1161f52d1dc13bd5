"""Cleaning cost grows linearly with the text: a 2 MB text costs about 4x a 0.5 MB one, not 16x."""

from __future__ import annotations

import dataclasses
import time

from recoupe.clean import clean_document
from recoupe.model import Article, Provenance, RawDocument
from recoupe.settings import CleanSettings

# Every kind of work per paragraph: lost apostrophes and ellipses ("?"), mojibake, a genuine
# question, chrome lines (removed), a caption printed twice (removed) -- so repairs, removals and
# offset segments all grow with the text.
_PARAGRAPH = (
    "Le conseil municipal de Val-d?Orbe a voté le budget {k} par 21 voix contre 6, l?opposition "
    "dénonçant un texte ? trop timide ? sur les écoles?\n"
    "Le maire, Armand Terrasson, a rappelé que la dette avait baissé de 4,{d} % en un an. Pourquoi "
    "attendre encore ?\n"
    "Lire aussi : les travaux du pont de la Sévène repoussés\n"
    "La salle des {fetes} sera rénovée l?an prochain, pour un coût estimé à {k}00 000 euros.\n"
    "La salle des {fetes} sera rénovée l?an prochain, pour un coût estimé à {k}00 000 euros.\n"
)


def _text(chars: int) -> str:
    parts: list[str] = ["Budget 0 : la commune de Val-d?Orbe serre les dépenses\n"]
    size, k = len(parts[0]), 0
    while size < chars:
        k += 1
        paragraph = _PARAGRAPH.format(k=k, d=k % 10, fetes="fÃªtes" if k % 4 == 0 else "fêtes")  # mojibake 1 in 4
        parts.append(paragraph)
        size += len(paragraph)
    return "".join(parts)


def _clean(text: str) -> tuple[Article, float]:
    settings = dataclasses.replace(CleanSettings(), max_chars=10_000_000)
    doc = RawDocument("long", "text", text, Provenance("long.txt"))
    start = time.process_time()
    article = clean_document(doc, settings)
    return article, time.process_time() - start


def test_clean_long_text_cost_grows_linearly() -> None:
    small_text, large_text = _text(500_000), _text(2_000_000)
    _clean(small_text[:20_000])  # load the lexicons, patterns and language models first
    small, small_cpu = _clean(small_text)
    large, large_cpu = _clean(large_text)
    # the work really grew 4x: repairs, removals and segments scale with the text
    assert len(large.text) > 3.5 * len(small.text)
    assert len(large.report.repairs) > 3.5 * len(small.report.repairs) > 10_000
    assert len(large.report.removed) > 3.5 * len(small.report.removed) > 5_000
    assert len(large.report.offset_map.segments) > 3.5 * len(small.report.offset_map.segments)
    assert large.lang == "fr" and "l’opposition" in large.text and "fêtes" in large.text
    assert "Lire aussi" not in large.text and "?Orbe" not in large.text
    # a ratio of two CPU times of this process, not an absolute timing: ~4 when linear, ~16 when quadratic
    assert large_cpu / max(small_cpu, 1e-3) < 6, (small_cpu, large_cpu)


def test_clean_long_text_repairs_in_removed_lines_are_dropped() -> None:
    article, _ = _clean(_text(50_000))
    removed = article.report.removed
    duplicates = [r for r in removed if r.reason == "duplicate-line"]
    assert duplicates and all("La salle des f" in r.text for r in duplicates)
    for repair in article.report.repairs:
        assert not any(r.raw_start <= repair.raw_start < r.raw_end for r in removed)
    # the kept copy of each mangled line keeps its repair, the removed copy's is dropped
    mangled_copies = sum("fÃªtes" in r.text for r in duplicates)
    assert mangled_copies > 10
    assert sum(r.raw == "Ãª" for r in article.report.repairs) == mangled_copies
    assert article.text.count("La salle des fêtes") == len(duplicates)
