"""A count without a unit takes the slot of what befell those counted ('trois ont été acquittés')."""

from __future__ import annotations

from recoupe.crosscheck.figures import slot_of
from recoupe.model import Figure, Span


def _bare(text: str, value: float) -> Figure:
    return Figure(span=Span(0, len(text)), text=text, kind="count", low=value, high=value)


def test_a_bare_count_is_named_by_its_verb_or_joins_no_slot():
    assert slot_of(_bare("quatre", 4), " ont été relaxés, selon la défense") == "count: acquitted"
    assert slot_of(_bare("three", 3), " were acquitted, lawyers said") == "count: acquitted"
    assert slot_of(_bare("douze", 12), " ont été tués dans l'attaque") == "count: deaths"
    assert slot_of(_bare("14", 14), " au 15 juillet, et non de Gambie") is None


def test_a_unit_with_its_own_slot_keeps_it_and_a_generic_one_takes_its_qualifier():
    executives = Figure(span=Span(0, 1), text="four executives", kind="count", low=4, high=4, unit="executives")
    assert slot_of(executives, " and a 72-hour deadline.") == "count: executives"
    passengers = Figure(span=Span(0, 1), text="dix passagers", kind="count", low=10, high=10, unit="passagers")
    assert slot_of(passengers, " ont péri en mer") == "count: deaths"
    assert slot_of(passengers, " ont survécu") == "count: survivors"
    assert slot_of(passengers, " à bord, selon les garde-côtes") == "count: on board"
