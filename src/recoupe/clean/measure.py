"""Measure the lost-character repair: damage clean text the way seed 000 was damaged, repair, score.

The damage: every character outside ISO-8859-1 (latin-1) becomes "?", as when a text is
encoded to latin-1 with errors="replace". Latin-1 keeps é à ç « » NBSP · but loses
’ ‘ “ ” … – — œ Œ € and NNBSP: exactly what seed 000 shows (’ and … lost, « » and é kept).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from recoupe.clean.repair import restore_question_marks

__all__ = ["RepairScore", "damage", "measure_repair", "DAMAGE_CHARSET"]

DAMAGE_CHARSET = "latin-1"


@dataclass(frozen=True)
class RepairScore:
    precision: float  # correct restorations / characters changed
    recall: float  # correct restorations / damaged characters
    f1: float
    genuine_question_marks: int  # "?" already in the clean text
    wrongly_changed: int  # of those, how many the repair changed
    n_damaged: int
    n_changed: int = 0
    n_correct: int = 0


def damage(text: str) -> str:
    """Every character the latin-1 charset lacks becomes '?' (one character for one)."""
    return text.encode(DAMAGE_CHARSET, errors="replace").decode(DAMAGE_CHARSET)


def measure_repair(texts: Sequence[str]) -> RepairScore:
    damaged_total = changed = correct = genuine = wrong_genuine = 0
    for original in texts:
        damaged = damage(original)
        assert len(damaged) == len(original)  # one-for-one: positions align
        lost = {k for k, ch in enumerate(original) if damaged[k] != ch}
        genuine_positions = {k for k, ch in enumerate(original) if ch == "?"}
        damaged_total += len(lost)
        genuine += len(genuine_positions)
        for start, end, replacement, _reason in restore_question_marks(damaged):
            for offset in range(end - start):
                k = start + offset
                new = replacement[offset] if len(replacement) == end - start else replacement
                changed += 1
                if k in genuine_positions:
                    wrong_genuine += 1
                elif k in lost and new == original[k]:
                    correct += 1
    precision = correct / changed if changed else 1.0
    recall = correct / damaged_total if damaged_total else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return RepairScore(precision, recall, f1, genuine, wrong_genuine, damaged_total, changed, correct)
