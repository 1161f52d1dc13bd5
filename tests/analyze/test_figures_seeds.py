"""Acceptance: every gold figure of the two seeds is found on the gold-clean text, with its kind and value."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from figures_helpers import blank_parsed  # noqa: E402

from recoupe.analyze.figures import extract_figures  # noqa: E402
from recoupe.model import Figure  # noqa: E402


def _gold(seeds_dir: Path) -> dict:
    return json.loads((seeds_dir / "gold.json").read_text(encoding="utf-8"))


def _clean_text(seeds_dir: Path, name: str, doc: dict) -> str:
    """The seed with the gold repairs applied (cleaning is another module) and its date marker dropped."""
    text = (seeds_dir / name).read_text(encoding="utf-8")
    if doc.get("date_raw") and text.startswith(doc["date_raw"]):
        text = text[len(doc["date_raw"]) :]
    for repair in doc.get("repairs", []):
        text = text.replace(repair["raw"], repair["clean"])
    return text


def _clean(raw: str, doc: dict) -> str:
    for repair in doc.get("repairs", []):
        raw = raw.replace(repair["raw"], repair["clean"])
    return raw


def _matches(figure: Figure, gold: dict) -> bool:
    if figure.kind != gold["kind"]:
        return False
    if gold["kind"] == "duration":
        if figure.unit != "years":
            return False
        if "value_years" in gold:
            return figure.low == gold["value_years"] == figure.high
        return figure.low == gold["value_years_min"] and figure.high is None
    if gold["kind"] == "date":
        return figure.date is not None and figure.date.iso() == gold["value"]
    if gold.get("value") is not None:
        value = gold["value"]
        if gold.get("approx"):
            if not figure.approx or figure.low is None or abs(figure.low - value) > 0.1 * value:
                return False
        elif not figure.low == value == figure.high:
            return False
    if "value_min" in gold and figure.low != gold["value_min"]:
        return False
    if gold.get("vague") and not figure.vague:
        return False
    if gold.get("unit") and figure.unit != gold["unit"]:
        return False
    if gold.get("currency") and figure.currency != gold["currency"]:
        return False
    if gold.get("per") and figure.period != gold["per"]:
        return False
    if "stated_equivalent" in gold:
        eq, want = figure.stated_equivalent, gold["stated_equivalent"]
        if eq is None or eq.currency != want["currency"] or eq.approx != want.get("approx", False):
            return False
        if eq.low is None or abs(eq.low - want["value"]) > 1e-6 * want["value"]:
            return False
    return True


def _cases(seeds_dir: Path) -> list[tuple[str, int]]:
    gold = _gold(seeds_dir)
    return [(name, i) for name, doc in gold["documents"].items() for i in range(len(doc["figures"]))]


SEED_FIGURES = [
    ("000_d110b3afd0e57c97.txt", 0), ("000_d110b3afd0e57c97.txt", 1), ("000_d110b3afd0e57c97.txt", 2),
    *[("001_bb610d7e4526959c.txt", i) for i in range(7)],
]


def test_figures_seed_list_covers_gold(seeds_dir: Path) -> None:
    assert sorted(_cases(seeds_dir)) == sorted(SEED_FIGURES)


@pytest.mark.parametrize(("name", "index"), SEED_FIGURES)
def test_figures_seed_gold_figure_found(seeds_dir: Path, name: str, index: int) -> None:
    doc = _gold(seeds_dir)["documents"][name]
    gold = doc["figures"][index]
    text = _clean_text(seeds_dir, name, doc)
    figures = extract_figures(blank_parsed(text, "fr"))
    raw = _clean(gold["raw"], doc)
    occurrences = [m.start() for m in re.finditer(re.escape(raw), text)]
    assert occurrences, f"gold raw {raw!r} not in the clean text"
    found = 0
    for start in occurrences:
        overlapping = [f for f in figures if f.span.start < start + len(raw) and start < f.span.end]
        assert any(_matches(f, gold) for f in overlapping), (raw, overlapping)
        found += 1
    assert found == gold.get("count_in_text", found)
    for figure in figures:
        assert text[figure.span.start : figure.span.end] == figure.text


def test_figures_seed_breakdown_is_not_separate(seeds_dir: Path) -> None:
    doc = _gold(seeds_dir)["documents"]["001_bb610d7e4526959c.txt"]
    text = _clean_text(seeds_dir, "001_bb610d7e4526959c.txt", doc)
    figures = extract_figures(blank_parsed(text, "fr"))
    assert not [f for f in figures if f.text.startswith(("deux d", "un de"))]
    counts = [f.text for f in figures if f.kind == "count"]
    assert counts == ["milliers de mercenaires", "un millier de mercenaires", "Quatre sources", "trois gisements miniers"]
