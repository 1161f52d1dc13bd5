"""How a fact changed as it travelled: the first report, then each later change.

Evidence is ordered by publication date (undated last, then by article id); each
later report is compared with the first: its value (rounded, inflated, converted),
its modality (a conditional becoming an assertion), and its wording (a word swapped,
as "manganèse" becoming "magnésium").
"""

from __future__ import annotations

from collections.abc import Sequence

from recoupe.crosscheck.text import stems
from recoupe.model import DriftStep, Evidence, Figure

__all__ = ["order_evidence", "drift_steps"]

_STRONGER = {"conditional", "reported", "hedged", "quoted"}


def order_evidence(evidence: Sequence[Evidence]) -> list[Evidence]:
    return sorted(evidence, key=lambda e: (e.published or "9999", e.article_id, e.span.start))


def _value_change(first: Figure, later: Figure) -> str | None:
    if first.low is None or later.low is None:
        return None
    if first.currency and later.currency and first.currency != later.currency:
        return f"converted: {first.text} → {later.text}"
    a, b = first.low, later.low
    if a == b:
        if first.approx != later.approx:
            return f"{'approximated' if later.approx else 'made exact'}: {first.text} → {later.text}"
        return None
    ratio = b / a if a else float("inf")
    if 0.95 <= ratio <= 1.05:
        return f"rounded: {first.text} → {later.text}"
    return f"{'inflated' if ratio > 1 else 'deflated'}: {first.text} → {later.text}"


def _wording_change(first: Evidence, later: Evidence) -> str | None:
    a, b = stems(first.text), stems(later.text)
    gone, new = sorted(a - b), sorted(b - a)
    if 0 < len(gone) <= 2 and 0 < len(new) <= 2 and len(a & b) >= 3:
        return f"wording: {', '.join(gone)} → {', '.join(new)}"
    return None


def drift_steps(evidence: Sequence[Evidence]) -> tuple[DriftStep, ...]:
    ordered = order_evidence(evidence)
    if not ordered:
        return ()
    first = ordered[0]
    steps = [DriftStep(first.article_id, first.outlet, first.published, first.text, "first report")]
    for later in ordered[1:]:
        changes = []
        if first.value is not None and later.value is not None:
            change = _value_change(first.value, later.value)
            if change:
                changes.append(change)
        if later.modality != first.modality:
            if first.modality in _STRONGER and later.modality == "asserted":
                changes.append(f"modality: {first.modality} → asserted")
            else:
                changes.append(f"modality: {first.modality} → {later.modality}")
        wording = _wording_change(first, later)
        if wording and later.value is None:
            changes.append(wording)
        steps.append(DriftStep(later.article_id, later.outlet, later.published, later.text,
                               "; ".join(changes) or "same"))
    return tuple(steps)
