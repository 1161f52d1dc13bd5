"""A stated equivalent in another unit of measure is checked; one in an unconvertible currency is
unverifiable, never consistent."""

from __future__ import annotations

from recoupe.crosscheck.conversion import check_stated_change, check_stated_equivalent
from recoupe.model import Figure, Span


def _count(text: str, value: float, unit: str, eq: Figure | None = None) -> Figure:
    return Figure(Span(0, 1), text, "count", value, value, unit=unit, stated_equivalent=eq)


def test_kilometres_stated_in_miles_are_checked():
    right = _count("150 km", 150, "km", _count("93 miles", 93, "miles"))
    wrong = _count("150 km", 150, "km", _count("150 miles", 150, "miles"))
    assert check_stated_equivalent(right, None, 0.02).result == "consistent"
    assert check_stated_equivalent(wrong, None, 0.02).result == "inconsistent"


def test_an_amount_in_guinean_francs_is_unverifiable():
    usd = Figure(Span(0, 1), "139 millions de dollars", "money", 139e6, 139e6, approx=True, currency="USD")
    gnf = Figure(Span(0, 1), "1 200 milliards de francs guinéens", "money", 1.2e12, 1.2e12, currency="GNF",
                 stated_equivalent=usd)
    assert check_stated_equivalent(gnf, None, 0.02).result == "unverifiable"


def test_a_stated_change_against_the_reported_prices():
    changes = [(680.0, 750.0), (675.0, 740.0)]
    assert check_stated_change("10,3 %", 10.3, 10.3, 0.0, changes, "X").result == "consistent"
    assert check_stated_change("près de 15 %", 15, 15, 0.033, changes, "X").result == "inconsistent"
