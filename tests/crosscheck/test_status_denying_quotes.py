"""A quote that is the words of a denial takes the denial's status."""

from __future__ import annotations

from recoupe.crosscheck import _denying_quotes
from recoupe.model import Evidence, Fact, Span


def _ev(article: str, start: int, end: int, origin: str) -> Evidence:
    return Evidence(article_id=article, outlet=None, span=Span(start, end), text="x", modality="quoted", origin=origin)


def test_a_single_source_quote_inside_a_denial_is_denied_and_others_keep_their_status():
    denial = Fact(id="d", story_id="s", kind="claim", label="Denial", evidence=(_ev("a", 100, 180, "o1"),),
                  origins=("o1",), status="denied", slot="denial")
    inside = Fact(id="q1", story_id="s", kind="quote", label="q", evidence=(_ev("a", 120, 170, "o1"),),
                  origins=("o1",), status="single-source")
    elsewhere = Fact(id="q2", story_id="s", kind="quote", label="q", evidence=(_ev("a", 300, 340, "o1"),),
                     origins=("o1",), status="single-source")
    other_article = Fact(id="q3", story_id="s", kind="quote", label="q", evidence=(_ev("b", 120, 170, "o2"),),
                         origins=("o2",), status="single-source")
    out = {f.id: f.status for f in _denying_quotes([denial, inside, elsewhere, other_article])}
    assert out == {"d": "denied", "q1": "denied", "q2": "single-source", "q3": "single-source"}
