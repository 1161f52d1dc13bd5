"""What figures mean: years are dates, durations imply dates, equivalents nest, non-figures stay out."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from figures_helpers import STORY_DATE, blank_parsed  # noqa: E402

from recoupe.analyze.figures import extract_figures  # noqa: E402
from recoupe.analyze.numbers import peg_rate  # noqa: E402
from recoupe.model import PartialDate  # noqa: E402


def _one(text: str, lang: str = "fr", published: PartialDate | None = STORY_DATE):
    figures = extract_figures(blank_parsed(text, lang, published))
    assert len(figures) == 1, figures
    return figures[0]


def test_figures_year_alone_is_a_date_not_a_count() -> None:
    figure = _one("Bamako a signé en 2019 un accord.")
    assert figure.kind == "date" and figure.date == PartialDate(2019)
    assert _one("Il y avait 2000 soldats.").kind == "count"


def test_figures_duration_implies_start_date_from_publication() -> None:
    figure = _one("Ils combattent depuis huit ans.")
    assert (figure.kind, figure.low, figure.unit, figure.date) == ("duration", 8, "years", PartialDate(2013))
    assert _one("Ils combattent depuis huit ans.", published=None).date is None


def test_figures_since_year_is_a_duration_with_its_start() -> None:
    figure = _one("La force est là depuis 2013.")
    assert (figure.kind, figure.low, figure.date) == ("duration", 8, PartialDate(2013))
    unknown = _one("La force est là depuis 2013.", published=None)
    assert (unknown.kind, unknown.low, unknown.date) == ("duration", None, PartialDate(2013))


def test_figures_stated_equivalent_nests_with_its_own_span() -> None:
    text = "Il serait payé six milliards de francs CFA (environ 9,15 millions d’euros) par mois."
    figure = _one(text)
    eq = figure.stated_equivalent
    assert eq is not None and text[eq.span.start : eq.span.end] == "environ 9,15 millions d’euros"
    anchor, rate = peg_rate(figure.currency)
    assert anchor == eq.currency == "EUR"
    assert abs(figure.low / rate - eq.low) / eq.low < 0.01  # the cross-check this enables


def test_figures_dates_need_a_year_or_a_publication_date() -> None:
    assert _one("le 14 septembre", published=None).date is None
    assert _one("le 14 septembre").date == PartialDate(2021, 9, 14)
    assert _one("il y a trois semaines").date == PartialDate(2021, 8)


def test_figures_not_figures() -> None:
    for text in ("Rendez-vous à 14h30.", "Appelez le 01 23 45 67 89.", "Selon l’article 12 de la loi.",
                 "Le 3e bataillon.", "Une source l’a dit.", "la pandémie de COVID-19"):
        assert extract_figures(blank_parsed(text, "fr")) == (), text
    for text in ("At 10 a.m. sharp.", "Call (212) 555-0100.", "Under Article 12.", "One of them said."):
        assert extract_figures(blank_parsed(text, "en")) == (), text


def test_figures_pegs_table() -> None:
    assert peg_rate("XOF") == ("EUR", 655.957) and peg_rate("XAF") == ("EUR", 655.957)
    assert peg_rate("KMF") == ("EUR", 491.96775) and peg_rate("CVE") == ("EUR", 110.265)
    assert peg_rate("USD") is None


def test_figures_month_and_year_is_a_month_date() -> None:
    assert _one("Arrivée en janvier 2013.").date == PartialDate(2013, 1)
    assert _one("It has been there since January 2013.", "en").date == PartialDate(2013, 1)
    assert _one("neuf soldats ont été tués").low == 9
    assert extract_figures(blank_parsed("un bâtiment neuf", "fr")) == ()
