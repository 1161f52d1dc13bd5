"""Figure slots: parts of a count are no alternative value, and a unit that names its slot keeps it."""

from __future__ import annotations

from recoupe.crosscheck.figures import is_subset, slot_of
from recoupe.model import Figure, Span


def _count(text: str, unit: str, value: float) -> Figure:
    return Figure(span=Span(0, len(text)), text=text, kind="count", low=value, high=value, unit=unit)


def test_figures_slots_part_of_a_toll_is_a_subset():
    assert is_subset("au moins 21 civils, dont ")
    assert is_subset("killed 21 civilians, including ")
    assert not is_subset("Le bilan s'établit à ")


def test_figures_slots_survivors_stay_survivors_beside_the_dead():
    assert slot_of(_count("neuf survivants", "survivants", 9), " et 89 morts") == "count: survivors"
    assert slot_of(_count("23 soldats", "soldats", 23), " tués dans l'embuscade") == "count: deaths"
    assert slot_of(_count("89 morts", "morts", 89), "") == "count: deaths"
