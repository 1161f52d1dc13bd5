"""An amount takes its period from an adjective before it, and an amount without a period that
another article gives per kilo joins that slot."""

from __future__ import annotations

from types import SimpleNamespace

from recoupe.crosscheck.figures import _join_period_slots, _period_before


def test_a_period_adjective_before_an_amount_gives_its_slot():
    assert _period_before("pour un coût mensuel de ") == "money per month"
    assert _period_before("an annual fee of ") == "money per year"
    assert _period_before("selon Le Sahel Quotidien, ") is None


def _value(article: str, low: float, high: float) -> SimpleNamespace:
    return SimpleNamespace(ctx=SimpleNamespace(article=SimpleNamespace(id=article)), interval=(low, high))


def test_an_amount_without_period_joins_the_periodic_slot_it_agrees_with():
    per_kg = [_value("a", 2254, 2346), _value("b", 2156, 2244)]
    same, other_sum = _value("c", 2254, 2346), _value("c", 5.9e8, 6.1e8)
    slots = {"money per kg": list(per_kg), "money": [same, other_sum]}
    _join_period_slots(slots)  # type: ignore[arg-type]
    assert slots["money per kg"] == [*per_kg, same]
    assert slots["money"] == [other_sum]
