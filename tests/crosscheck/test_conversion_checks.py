from __future__ import annotations

from recoupe.crosscheck.conversion import check_stated_equivalent, convert
from recoupe.model import Figure, PartialDate, Span


def money(text, value, currency, approx=False, eq=None):
    return Figure(Span(0, 1), text, "money", value, value, approx=approx, currency=currency, stated_equivalent=eq)


def test_conversion_peg_xof_to_eur():
    value, how = convert(6e9, "XOF", "EUR")
    assert round(value) == 9_146_941
    assert "655.957" in how


def test_conversion_dated_ecb_rate_for_dollars():
    value, how = convert(100.0, "USD", "EUR", PartialDate(2021, 9, 14))
    assert 80 < value < 90 and "ECB" in how


def test_conversion_check_flags_a_wrong_stated_equivalent():
    right = money("six milliards de francs CFA", 6e9, "XOF", eq=money("9,15 millions d'euros", 9.15e6, "EUR", True))
    wrong = money("dix milliards de francs CFA", 10e9, "XOF", eq=money("21 millions d'euros", 21e6, "EUR", True))
    assert check_stated_equivalent(right, None, 0.02).result == "consistent"
    assert check_stated_equivalent(wrong, None, 0.02).result == "inconsistent"
