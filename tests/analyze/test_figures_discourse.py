"""What a figure takes from the text around it: prices per unit, elided currencies and numbers,
period adjectives, the CFA zone, date ranges and relative periods, weekdays that look ahead."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from figures_helpers import blank_parsed  # noqa: E402

from recoupe.analyze.figures import extract_figures  # noqa: E402
from recoupe.model import Figure, PartialDate  # noqa: E402

# a Thursday
PUBLISHED = PartialDate(2025, 3, 13)


def _figures(text: str, lang: str = "fr", published: PartialDate | None = PUBLISHED) -> list[Figure]:
    return list(extract_figures(blank_parsed(text, lang, published, with_doc=False)))


def _by_text(text: str, lang: str = "fr", published: PartialDate | None = PUBLISHED) -> dict[str, Figure]:
    return {f.text: f for f in _figures(text, lang, published)}


def test_figures_price_per_unit_named_before_the_amount() -> None:
    found = _by_text("À Kayes, le kilo de riz importé est passé de 450 à 520 francs CFA en un mois. "
                     "Le riz local reste vendu 400 francs CFA. La subvention coûte 30 milliards de francs CFA.")
    assert (found["de 450 à 520 francs CFA"].low, found["de 450 à 520 francs CFA"].high) == (450, 520)
    assert found["de 450 à 520 francs CFA"].period == "kg"
    assert found["400 francs CFA"].period == "kg"  # the same kind of price, one sentence later
    assert found["30 milliards de francs CFA"].period is None  # an amount of another magnitude


def test_figures_elided_currency_and_number_take_the_amount_before() -> None:
    found = _by_text("A sack of cement now costs 6,500 CFA francs, up from 5,900 francs, while iron bars "
                     "went up to 4,200 francs from 3,800, traders in Bamako said.", "en")
    assert found["5,900 francs"].currency == "XOF" and found["5,900 francs"].kind == "money"
    assert found["3,800"].kind == "money" and found["3,800"].currency == "XOF"
    millions = _by_text("Le port réclame 800 millions de nairas à l’armateur, qui n’en reconnaît que 300 millions.")
    assert millions["300 millions"].currency == "NGN" and millions["300 millions"].kind == "money"


def test_figures_french_scale_word_needs_de_before_a_noun() -> None:
    figure = _by_text("Le budget prévoit 12 milliards de francs CFA, puis 40 milliards annoncés en mars.")
    assert figure["40 milliards"].kind == "money" and figure["40 milliards"].unit is None
    assert figure["40 milliards"].currency == "XOF"


def test_figures_period_adjective_before_the_amount() -> None:
    assert _by_text("Le syndicat réclame une prime mensuelle de 25 000 francs CFA.")[
        "25 000 francs CFA"].period == "month"
    assert _by_text("The union wants a monthly bonus of $40.", "en")["$40"].period == "month"


def test_figures_range_with_the_unit_on_both_ends() -> None:
    share = _by_text("La part de l’État passe de 15 % à 35 %, selon le décret.")["de 15 % à 35 %"]
    assert (share.kind, share.low, share.high) == ("percent", 15, 35)


def test_figures_cfa_francs_in_the_central_african_zone_are_xaf() -> None:
    text = ("Yaoundé a débloqué 3 milliards de francs CFA pour les sinistrés de Garoua, a annoncé "
            "le gouvernement camerounais.")
    assert _figures(text)[0].currency == "XAF"
    assert _figures("Dakar a débloqué 3 milliards de francs CFA pour les sinistrés.")[0].currency == "XOF"


@pytest.mark.parametrize(("text", "lang", "surface", "expected"), [
    ("Les pluies sont tombées dans la nuit du 9 au 10 mars à Mopti.", "fr", "dans la nuit du 9 au 10 mars",
     PartialDate(2025, 3)),
    ("Flights resumed on March 9-10, officials said.", "en", "March 9-10", PartialDate(2025, 3)),
    ("Les exportations ont chuté entre janvier et février 2024.", "fr", "entre janvier et février 2024",
     PartialDate(2024)),
    ("Le marché a brûlé dans la nuit de lundi à mardi.", "fr", "dans la nuit de lundi à mardi", PartialDate(2025, 3)),
    ("La récolte a doublé l’an dernier.", "fr", "l’an dernier", PartialDate(2024)),
    ("Output fell last year.", "en", "last year", PartialDate(2024)),
    ("Le chantier sera livré d’ici la fin de l’année.", "fr", "d’ici la fin de l’année", PartialDate(2025, 12)),
    ("Les pêcheurs sont rentrés le 11 au matin.", "fr", "le 11 au matin", PartialDate(2025, 3, 11)),
    ("Le syndicat a appelé à une grève générale vendredi.", "fr", "vendredi", PartialDate(2025, 3, 14)),
    ("Le ministre a parlé vendredi devant les députés.", "fr", "vendredi", PartialDate(2025, 3, 7)),
    ("The opposition called for a general strike on Monday.", "en", "on Monday", PartialDate(2025, 3, 17)),
])
def test_figures_date_ranges_relative_periods_and_weekdays(text, lang, surface, expected) -> None:
    found = _by_text(text, lang)
    assert surface in found, found
    assert (found[surface].kind, found[surface].date) == ("date", expected)


def test_figures_habits_are_not_dates() -> None:
    assert not [f for f in _figures("Le marché se tient chaque mardi depuis des années.") if f.kind == "date"]


def test_figures_vague_durations_counts_and_fractions() -> None:
    found = _by_text("Depuis plusieurs mois, plusieurs villages manquent d’eau ; environ un tiers des puits "
                     "sont à sec et la trentaine de forages restants s’épuisent.")
    assert (found["Depuis plusieurs mois"].kind, found["Depuis plusieurs mois"].vague) == ("duration", True)
    assert found["Depuis plusieurs mois"].date is None  # a vague duration implies no start date
    assert (found["plusieurs villages"].unit, found["plusieurs villages"].low) == ("villages", 2)
    assert (found["environ un tiers"].kind, round(found["environ un tiers"].low or 0)) == ("percent", 33)
    assert (found["la trentaine de forages"].low, found["la trentaine de forages"].approx) == (30, True)
    assert "un quart d’heure" not in _by_text("Il a parlé un quart d’heure de la réforme.")
    assert [f.kind for f in _figures("Growth slowed in the second half of 2023.", "en")] == ["date"]


def test_figures_weeks_are_days_and_bounded_ago_is_a_duration() -> None:
    week = _by_text("Les écoles sont fermées depuis une semaine.")["depuis une semaine"]
    assert (week.kind, week.low, week.unit) == ("duration", 7, "days")
    ago = _by_text("Le chantier a commencé il y a plus d’un an.")["il y a plus d’un an"]
    assert (ago.kind, ago.low, ago.high, ago.date) == ("duration", 1, None, PartialDate(2024))


def test_figures_numbers_closing_a_name_and_bound_cues() -> None:
    assert _figures("Source : Radio Sahel 24") == []
    tonne = _by_text("Plus d’une tonne de riz a été distribuée.")["Plus d’une tonne"]
    assert (tonne.low, tonne.high, tonne.unit) == (1, None, "tonne")
    assert _by_text("The crowd could number more than 2,000.", "en")["more than 2,000"].low == 2000


def test_figures_measure_equivalent_in_parentheses_is_not_a_figure_of_its_own() -> None:
    figures = _figures("Le navire a été arraisonné à 120 kilomètres (65 milles nautiques) de la côte.")
    assert len(figures) == 1 and figures[0].stated_equivalent is not None
    assert (figures[0].low, figures[0].stated_equivalent.low) == (120, 65)
    assert len(_figures("Thirty soldiers (four officers) were wounded.", "en")) == 2  # a part, not an equivalent


@pytest.mark.parametrize(("text", "lang", "surface", "low", "high"), [
    ("Half a million people need food aid.", "en", "Half a million people", 500_000, 500_000),
    ("Un demi-million de personnes ont besoin d’aide.", "fr", "Un demi-million de personnes", 500_000, 500_000),
    ("Two dozen soldiers were wounded.", "en", "Two dozen soldiers", 24, 24),
    ("Hundreds of thousands more are at risk.", "en", "Hundreds of thousands", 200_000, None),
])
def test_figures_half_and_dozen_and_nested_collectives(text, lang, surface, low, high) -> None:
    figure = _by_text(text, lang)[surface]
    assert (figure.low, figure.high) == (low, high)


def test_figures_collective_durations_percentage_points_and_elided_counted_nouns() -> None:
    fortnight = _by_text("La grève a duré une quinzaine de jours.")["une quinzaine de jours"]
    assert (fortnight.kind, fortnight.low, fortnight.unit, fortnight.approx) == ("duration", 15, "days", True)
    assert _by_text("Le taux a reculé de 1,5 point de pourcentage.")["1,5 point de pourcentage"].kind == "percent"
    found = _by_text("Police detained 30 students on Monday and 12 more on Tuesday.", "en")
    assert found["12"].unit == "students"
    assert _by_text("Le scrutin est prévu pour dimanche.")["dimanche"].date == PartialDate(2025, 3, 16)
