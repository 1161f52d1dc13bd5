"""An approximate value is as loose as the digits it is written with."""

from __future__ import annotations

from recoupe.crosscheck.figures import approx_slack, compatible, interval
from recoupe.model import Figure, Span


def _money(text: str, value: float) -> Figure:
    return Figure(Span(0, len(text)), text, "money", value, value, approx=True, currency="EUR")


def test_approximation_follows_the_written_digits():
    assert approx_slack(_money("environ 200 millions d’euros", 200e6)) == 0.10
    assert approx_slack(_money("environ 146 millions d’euros", 146e6)) == 0.02
    assert 0.03 < approx_slack(_money("près de 160 millions d’euros", 160e6)) < 0.035


def test_two_equivalents_written_to_the_million_disagree():
    a = interval(_money("environ 146 millions d’euros", 146e6), None)
    b = interval(_money("près de 160 millions d’euros", 160e6), None)
    assert a is not None and b is not None and not compatible(a, b)
