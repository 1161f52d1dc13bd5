"""The seeds' dossier shows what gold.json's "crosscheck" section says, in every format.

Built by the real pipeline (spaCy) once per session; see tests/report/report_fixtures.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))
from report_fixtures import seed_article_ids, seed_store_copy  # noqa: E402

from recoupe.report import make_context, render_html, render_markdown  # noqa: E402
from recoupe.report.common import chip  # noqa: E402
from recoupe.store import open_store  # noqa: E402
from recoupe.views import load_dossier  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, seeds_dir):
    path = seed_store_copy(tmp_path_factory, seeds_dir, tmp_path_factory.mktemp("dossier") / "s.db")
    store = open_store(path, readonly=True)
    ids = seed_article_ids(store, seeds_dir)
    (story,) = [s for s in store.stories() if set(ids.values()) <= set(s.members)]
    dossier = load_dossier(store, story.id)
    ctx = make_context(store.articles(story.members))
    yield dossier, ids, ctx
    store.close()


def _articles(view) -> set[str]:
    return {e.article_id for e in view.fact.evidence}


def _values(view) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for e in view.fact.evidence:
        out.setdefault(e.article_id, []).append(e.value.text if e.value else e.text)
    return out


def test_dossier_seeds_corroborated_thousand_paramilitaries_in_both(seeded):
    dossier, ids, _ = seeded
    found = [v for v in dossier.facts if v.status == "corroborated" and {ids["000"], ids["001"]} <= _articles(v)
             and "millier" in v.fact.label]
    assert found, [v.fact.label for v in dossier.facts if v.status == "corroborated"]
    assert found[0].fact.independent_origins >= 2


def test_dossier_seeds_contradicted_duration_slot(seeded):
    dossier, ids, _ = seeded
    (view,) = [v for v in dossier.facts if v.status == "contradicted" and "duration" in (v.fact.slot or "")]
    values = _values(view)
    assert any("huit ans" in t for t in values[ids["000"]])
    assert any("décennie" in t for t in values[ids["001"]])
    assert dossier.matrix[view.fact.id] and "contradicts" in dossier.matrix[view.fact.id].values()


def test_dossier_seeds_inconsistent_personnel_count_in_001(seeded):
    dossier, ids, _ = seeded
    (view,) = [v for v in dossier.facts if v.status == "inconsistent"]
    assert _articles(view) == {ids["001"]}
    texts = [t.lower() for t in _values(view)[ids["001"]]]
    assert any(t.startswith("milliers") for t in texts) and any("un millier" in t for t in texts)


def test_dossier_seeds_currency_conversion_is_consistent(seeded):
    dossier, ids, _ = seeded
    checks = [(v, c) for v in dossier.figures for c in v.fact.checks if c.kind == "currency-conversion"]
    assert len(checks) == 1
    view, check = checks[0]
    assert check.result == "consistent"
    money = next(e.value for e in view.fact.evidence if e.value and e.value.currency == "XOF")
    assert money.low == pytest.approx(6e9)
    assert money.stated_equivalent is not None and money.stated_equivalent.low == pytest.approx(9.15e6)
    assert _articles(view) == {ids["001"]}


def test_dossier_seeds_single_source_payment_and_mining_deposits_of_001(seeded):
    dossier, ids, _ = seeded
    single = [v for v in dossier.facts if v.status == "single-source" and _articles(v) == {ids["001"]}]
    labels = " || ".join(v.fact.label for v in single)
    assert any("six milliards" in v.fact.label for v in single), labels
    assert any("gisements" in v.fact.label for v in single), labels


def test_dossier_seeds_formats_show_the_same_statuses(seeded):
    dossier, _, ctx = seeded
    md = render_markdown(dossier, ctx)
    html = render_html(dossier, ctx)
    for status in ("corroborated", "single-source", "contradicted", "inconsistent"):
        assert chip(status) in md and chip(status) in html
    (contradicted,) = [v for v in dossier.facts if v.status == "contradicted"]
    line = next(x for x in md.splitlines() if x.startswith("- ") and f"#fact-{contradicted.fact.id}" in x)
    assert line.startswith("- ✖ contradicted · 1 independent origin")
    assert f'id="fact-{contradicted.fact.id}"' in html
    for ev in contradicted.fact.evidence:
        assert f'id="ev-{ev.article_id}-{ev.span.start}-{ev.span.end}"' in html
    assert json.loads(json.dumps(dossier.status_counts))["inconsistent"] == 1
