"""Figure comparison: ranges with approximation agree or disagree as the issue says."""

from __future__ import annotations

from recoupe.crosscheck.figures import compatible, interval, slot_of
from recoupe.model import Figure, PartialDate, Span


def fig(text, low, high, kind="count", unit="paramilitaires", approx=False, vague=False, **kw):
    return Figure(Span(0, len(text)), text, kind, low, high, approx=approx, vague=vague, unit=unit, **kw)


SEPT_2021 = PartialDate(2021, 9)


def test_figures_compare_thousand_forms_agree():
    millier = interval(fig("un millier", 1000, 1000, approx=True), SEPT_2021)
    about = interval(fig("about 1,000", 1000, 1000, unit="mercenaries", approx=True), SEPT_2021)
    more = interval(fig("plus de 1 000", 1000, None), SEPT_2021)
    at_least = interval(fig("au moins 1 000", 1000, None), SEPT_2021)
    for a in (millier, about, more, at_least):
        for b in (millier, about, more, at_least):
            assert compatible(a, b)


def test_figures_compare_thousands_and_a_thousand_disagree():
    millier = interval(fig("un millier", 1000, 1000, approx=True), SEPT_2021)
    milliers = interval(fig("des milliers", 2000, None, vague=True), SEPT_2021)
    assert not compatible(millier, milliers)


def test_figures_compare_durations_eight_years_against_more_than_a_decade():
    eight = interval(fig("depuis huit ans", 8, 8, kind="duration", unit="years"), SEPT_2021)
    decade = interval(fig("depuis plus d'une décennie", 10, None, kind="duration", unit="years", approx=True),
                      SEPT_2021)
    assert not compatible(eight, decade)


def test_figures_compare_money_in_two_currencies_meets_in_euros():
    cfa = interval(fig("six milliards de francs CFA", 6e9, 6e9, kind="money", unit=None, currency="XOF"), SEPT_2021)
    eur = interval(fig("9,15 millions d'euros", 9.15e6, 9.15e6, kind="money", unit=None, currency="EUR"), SEPT_2021)
    assert compatible(cfa, eur)


def test_figures_compare_slots_join_languages_and_ignore_meta_counts():
    assert slot_of(fig("a", 1, 1, unit="paramilitaires")) == slot_of(fig("b", 1, 1, unit="mercenaries"))
    assert slot_of(fig("quatre sources", 4, 4, unit="sources")) is None


def test_figures_compare_exact_prices_in_a_pegged_currency_disagree():
    a = interval(fig("2 300 francs CFA le kilo", 2300, 2300, kind="money", unit=None, currency="XOF"), SEPT_2021)
    b = interval(fig("2 200 francs CFA le kilo", 2200, 2200, kind="money", unit=None, currency="XOF"), SEPT_2021)
    assert not compatible(a, b)
    usd = interval(fig("$132 million", 132e6, 132e6, kind="money", unit=None, currency="USD"), SEPT_2021)
    cfa = interval(fig("80 milliards de francs CFA", 80e9, 80e9, kind="money", unit=None, currency="XOF"), SEPT_2021)
    assert compatible(usd, cfa)  # a floating rate: the outlet's rate may differ from the ECB's
