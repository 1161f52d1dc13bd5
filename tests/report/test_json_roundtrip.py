"""The JSON dossier round-trips to the same Dossier, reviews included."""

from __future__ import annotations

import json

from report_fixtures import small_story

from recoupe.crosscheck.dossier import build_dossier
from recoupe.model import Review
from recoupe.report import dossier_from_dict, dossier_json, make_context


def test_json_dossier_round_trips():
    data = small_story()
    reviews = {"f-denied": [Review("f-denied", "contradicted", "Seen the convoy logs", "bob", "2024-08-06T09:00:00+00:00",
                                   "denied")]}
    dossier = build_dossier(data.story, data.articles, data.analyses, data.facts, data.groups, reviews)
    document = json.loads(dossier_json(dossier, make_context(data.articles)))
    assert document["produced_by"]["tool"] == "recoupe"
    assert {a["id"] for a in document["articles"]} == set(data.story.members)
    again = dossier_from_dict(document["dossier"])
    assert again == dossier
    assert again.facts[0].fact.evidence[0].span == dossier.facts[0].fact.evidence[0].span
