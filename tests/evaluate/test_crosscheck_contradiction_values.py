"""The strict contradiction scorer: a reported contradiction is right only when it shows the gold
item's disagreement (two different gold values, each in the article the gold credits it to)."""

from __future__ import annotations

from recoupe.evaluate.extra import contradiction_shown
from recoupe.evaluate.gold import GoldStory
from recoupe.model import Evidence, Fact, Figure, Span

STORY = GoldStory(id="s", members=("s/a.txt", "s/b.txt", "s/c.txt"), lookalike_of=None, copies=())
KEYS = {"s/a.txt": "A", "s/b.txt": "B", "s/c.txt": "C"}


def _figure_ev(aid: str, text: str, low: float) -> Evidence:
    value = Figure(span=Span(0, len(text)), text=text, kind="count", low=low, high=low)
    return Evidence(article_id=aid, outlet=None, span=Span(0, 1), text=f"Il y a eu {text}.", modality="asserted",
                    value=value)


def _fact(evidence: list[Evidence]) -> Fact:
    return Fact(id="f", story_id="s", kind="figure", label="x", evidence=tuple(evidence), origins=(),
                status="contradicted")


def test_a_contradiction_on_another_slot_of_the_same_articles_is_not_the_gold_one():
    item = {"slot": "people on board", "values": {"a.txt": "about 170", "b.txt": "more than 200"}}
    on_board = _fact([_figure_ev("A", "environ 170 passagers", 170), _figure_ev("B", "plus de 200 personnes", 200)])
    dead = _fact([_figure_ev("A", "89 corps", 89), _figure_ev("B", "au moins 105 morts", 105)])
    assert contradiction_shown(item, STORY, on_board, KEYS)
    assert not contradiction_shown(item, STORY, dead, KEYS)


def test_both_sides_must_be_shown_and_numbers_match_with_tolerance():
    item = {"slot": "stake", "values": {"a.txt": "15 %", "b.txt": "20 %", "c.txt": "15%"}}
    one_side = _fact([_figure_ev("A", "15 %", 15), _figure_ev("C", "15 %", 15), _figure_ev("B", "18 %", 18)])
    assert not contradiction_shown(item, STORY, one_side, KEYS)
    near = {"slot": "sum", "values": {"a.txt": "about 183 million", "b.txt": "150 million"}}
    fact = _fact([_figure_ev("A", "182,9 millions", 182.9e6), _figure_ev("B", "150 millions", 150e6)])
    assert contradiction_shown(near, STORY, fact, KEYS)


def test_a_text_value_is_found_by_its_words_in_the_credited_article():
    item = {"slot": "departure point", "values": {"a.txt": "Gambia", "b.txt": "Mbour (Senegal), not Gambia"}}
    claim = Fact(id="f", story_id="s", kind="claim", label="x", origins=(), status="contradicted", evidence=(
        Evidence(article_id="A", outlet=None, span=Span(0, 1), text="The boat left from Gambia.", modality="asserted"),
        Evidence(article_id="B", outlet=None, span=Span(0, 1), text="La pirogue est partie de Mbour, au Sénégal.",
                 modality="asserted")))
    assert contradiction_shown(item, STORY, claim, KEYS)
    swapped = {"slot": "departure point", "values": {"b.txt": "Gambia", "a.txt": "Mbour (Senegal)"}}
    assert not contradiction_shown(swapped, STORY, claim, KEYS)


def test_a_figure_offers_its_value_when_its_text_has_no_digits():
    item = {"slot": "how long", "values": {"a.txt": "8 years", "b.txt": "more than 10 years"}}
    decade = Figure(span=Span(0, 1), text="depuis plus d’une décennie", kind="duration", low=10, high=None)
    fact = _fact([_figure_ev("A", "depuis huit ans", 8),
                  Evidence(article_id="B", outlet=None, span=Span(0, 1), text="x", modality="asserted", value=decade)])
    assert contradiction_shown(item, STORY, fact, KEYS)


def test_a_weekday_offers_the_day_it_stands_for():
    from recoupe.model import PartialDate

    item = {"slot": "date of the strike", "values": {"a.txt": "Sunday (17 March)", "b.txt": "Saturday 16 March"}}
    sunday = Figure(span=Span(0, 1), text="on Sunday", kind="date", low=None, high=None, date=PartialDate(2024, 3, 17))
    saturday = Figure(span=Span(0, 1), text="Saturday, March 16", kind="date", low=None, high=None,
                      date=PartialDate(2024, 3, 16))
    fact = _fact([Evidence(article_id="A", outlet=None, span=Span(0, 1), text="x", modality="asserted", value=sunday),
                  Evidence(article_id="B", outlet=None, span=Span(0, 1), text="y", modality="asserted", value=saturday)])
    assert contradiction_shown(item, STORY, fact, KEYS)
