"""Seed acceptance: every gold quote, speaker and attribution of the two seeds.

Cleaning is another module: the gold-clean text is rebuilt here from gold.json (repairs
applied, boilerplate, the corpus marker and one copy of the duplicated line removed).
Gold quotes are all direct; the extractor also reports indirect quotes the gold does not
annotate ("X a affirmé à l'AFP que …"), so "no extra quote" is checked on direct ones.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from recoupe.analyze.attribution import extract_attributions
from recoupe.analyze.nlp import Parsed, _sentences, get_nlp
from recoupe.analyze.quotes import extract_quotes

SEEDS = ["000_d110b3afd0e57c97.txt", "001_bb610d7e4526959c.txt"]


def gold_clean(seeds_dir: Path, name: str) -> tuple[str, dict]:
    gold = json.loads((seeds_dir / "gold.json").read_text("utf-8"))["documents"][name]
    text = (seeds_dir / name).read_text("utf-8")
    for boilerplate in gold.get("boilerplate_raw") or []:
        text = text.replace(boilerplate, "")
    for repair in gold.get("repairs") or []:
        text = text.replace(repair["raw"], repair["clean"])
    for line in gold.get("duplicate_lines_raw") or []:
        text = text.replace(line + "\n", "", 1)
    return text.replace(" date 2021-09 ", "").strip(), gold


def parse(text: str, model: str) -> Parsed:
    nlp = get_nlp("fr", model)
    doc = nlp(text)
    return Parsed("seed", text, "fr", doc, _sentences(doc, text), None, "parser" in nlp.pipe_names)


def norm(text: str) -> str:
    return " ".join(text.split())


def matches(gold_text: str, found: str) -> bool:
    a, b = norm(gold_text), norm(found)
    if a == b:
        return True
    common = len(set(a.split()) & set(b.split()))
    return common >= 0.8 * len(set(a.split()))


@pytest.fixture(scope="module", params=["fr_core_news_md", "blank"])
def pipeline(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.mark.slow
@pytest.mark.parametrize("name", SEEDS)
def test_seed_quotes_and_speakers(seeds_dir: Path, pipeline: str, name: str) -> None:
    text, gold = gold_clean(seeds_dir, name)
    quotes = extract_quotes(parse(text, pipeline))
    direct = [q for q in quotes if q.direct]
    for expected in gold["quotes"]:
        found = [q for q in direct if matches(expected["text"], q.text)]
        assert found, f"missing quote {expected['text']!r}"
        speaker = found[0].speaker
        assert speaker is not None
        assert speaker.name.lower() == expected["speaker"].lower()
        assert speaker.kind == expected["speaker_kind"]
        if "speaker_role" in expected:
            assert speaker.role == expected["speaker_role"]
    assert len(direct) == len(gold["quotes"])
    assert all(q.text == q.span.of(text) for q in quotes)


@pytest.mark.slow
@pytest.mark.parametrize("name", SEEDS)
def test_seed_attributions(seeds_dir: Path, pipeline: str, name: str) -> None:
    text, gold = gold_clean(seeds_dir, name)
    found = extract_attributions(parse(text, pipeline))
    for expected in gold["attributions"]:
        hits = [
            a for a in found
            if expected["source"].lower() in a.source.lower() and a.kind == expected["kind"]
            and (a.via or None) == expected.get("via")
        ]
        assert hits, f"missing attribution {expected['raw']!r} in {[(a.source, a.kind, a.via) for a in found]}"
        raw = re.sub(r"\?", "’", expected["raw"])
        assert norm(hits[0].span.of(text)) == norm(raw)
    assert len(found) == len(gold["attributions"])


@pytest.mark.slow
def test_seed_origins_count_relays_once(seeds_dir: Path) -> None:
    text, _ = gold_clean(seeds_dir, SEEDS[1])
    origins = {a.source: a.origin_id for a in extract_attributions(parse(text, "blank"))}
    assert origins["Reuters"] == "reuters"
    assert origins["sources diplomatiques"] == "reuters"
    assert origins["une des sources"] == "reuters"
    assert origins["Baba Cissé"] == "baba cissé"
    assert origins["une source française"] is None
