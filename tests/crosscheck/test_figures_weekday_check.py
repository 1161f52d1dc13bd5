"""A date that names its weekday is checked: against the calendar when its day is written, else
against the report's date or the day other reports write out."""

from __future__ import annotations

from types import SimpleNamespace

from recoupe.crosscheck.conversion import check_stated_equivalent
from recoupe.crosscheck.figures import weekday_check
from recoupe.model import Figure, PartialDate, Span


def _value(text: str, day: PartialDate, article: str, published: PartialDate, before: str = "",
           figures: tuple[Figure, ...] = ()) -> SimpleNamespace:
    figure = Figure(span=Span(len(before), len(before) + len(text)), text=text, kind="date", low=None, high=None,
                    date=day)
    return SimpleNamespace(figure=figure, ctx=SimpleNamespace(
        article=SimpleNamespace(id=article, outlet=article, text=before + text),
        analysis=SimpleNamespace(figures=figures), when=published))


def test_a_weekday_opening_a_span_is_checked_against_the_days_it_lasted():
    four = Figure(span=Span(0, 1), text="en quatre jours", kind="duration", low=4, high=4, unit="days")
    two = Figure(span=Span(0, 1), text="en deux jours", kind="duration", low=2, high=2, unit="days")
    right = _value("jeudi", PartialDate(2025, 5, 1), "a", PartialDate(2025, 5, 5), "arrivés à Adré depuis ", (four,))
    wrong = _value("jeudi", PartialDate(2025, 5, 1), "a", PartialDate(2025, 5, 5), "arrivés à Adré depuis ", (two,))
    assert weekday_check(right, [right]).result == "consistent"  # type: ignore[arg-type, union-attr]
    assert weekday_check(wrong, [wrong]).result == "inconsistent"  # type: ignore[arg-type, union-attr]


def test_a_written_day_is_checked_against_the_calendar():
    right = _value("mercredi 3 avril", PartialDate(2024, 4, 3), "a", PartialDate(2024, 4, 4))
    wrong = _value("jeudi 3 avril", PartialDate(2024, 4, 3), "a", PartialDate(2024, 4, 4))
    assert weekday_check(right, [right]).result == "consistent"  # type: ignore[arg-type, union-attr]
    assert weekday_check(wrong, [wrong]).result == "inconsistent"  # type: ignore[arg-type, union-attr]


def test_a_bare_weekday_agrees_with_the_report_date_or_the_day_others_write():
    same_day = _value("on Wednesday", PartialDate(2024, 4, 3), "a", PartialDate(2024, 4, 3))
    assert weekday_check(same_day, [same_day]).result == "consistent"  # type: ignore[arg-type, union-attr]
    written = _value("le 2 avril", PartialDate(2024, 4, 2), "b", PartialDate(2024, 4, 3))
    before = _value("mardi", PartialDate(2024, 4, 2), "a", PartialDate(2024, 4, 4))
    other = _value("lundi", PartialDate(2024, 4, 1), "c", PartialDate(2024, 4, 4))
    assert weekday_check(before, [written, before]).result == "consistent"  # type: ignore[arg-type, union-attr]
    assert weekday_check(other, [written, other]).result == "inconsistent"  # type: ignore[arg-type, union-attr]
    alone = _value("lundi", PartialDate(2024, 4, 1), "c", PartialDate(2024, 4, 4))
    assert weekday_check(alone, [alone]) is None  # type: ignore[arg-type]


def test_a_conversion_through_a_floating_rate_allows_the_rate_of_another_day():
    dollars = Figure(span=Span(0, 1), text="$200 million", kind="money", low=200e6, high=200e6, currency="USD")
    francs = Figure(span=Span(0, 1), text="120 milliards de francs CFA", kind="money", low=120e9, high=120e9,
                    currency="XOF", stated_equivalent=dollars)
    check = check_stated_equivalent(francs, PartialDate(2025, 3, 3), 0.02)
    assert check is not None and check.result == "consistent"
    far = Figure(span=Span(0, 1), text="$250 million", kind="money", low=250e6, high=250e6, currency="USD")
    check = check_stated_equivalent(Figure(**{**francs.__dict__, "stated_equivalent": far}), PartialDate(2025, 3, 3),
                                    0.02)
    assert check is not None and check.result == "inconsistent"
