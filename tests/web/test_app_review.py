"""Reviewing a fact: the status changes, the automatic one is kept, the audit log grows."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from web_builders import Ids

from recoupe.settings import load_settings
from recoupe.store import open_store
from recoupe.web import create_app


def test_app_review_form_appends_to_the_audit_log(fresh: tuple[Path, Ids]) -> None:
    path, ids = fresh
    with TestClient(create_app(path, load_settings())) as client:
        first = client.post(f"/facts/{ids.figure_fact}/review",
                            data={"status": "inconsistent", "note": "1000 vs 2000", "reviewer": "awa"},
                            follow_redirects=False)
        assert first.status_code == 303 and first.headers["location"].endswith(f"/facts/{ids.figure_fact}#audit")
        second = client.post(f"/api/facts/{ids.figure_fact}/review",
                             json={"status": "corroborated", "note": "<b>confirmé</b> par téléphone"})
        assert second.json()["previous_status"] == "inconsistent"
        page = client.get(f"/facts/{ids.figure_fact}").text
        assert page.count('class="review-row"') == 2
        assert "&lt;b&gt;confirmé&lt;/b&gt;" in page and "1000 vs 2000" in page
        data = client.get(f"/api/facts/{ids.figure_fact}").json()
        assert data["status"] == "corroborated" and data["automatic_status"] == "contradicted"
        assert [r["previous_status"] for r in data["reviews"]] == ["contradicted", "inconsistent"]
        dossier = client.get(f"/api/stories/{ids.story}").json()
        view = next(v for v in dossier["facts"] if v["fact"]["id"] == ids.figure_fact)
        assert view["status"] == "corroborated" and view["automatic_status"] == "contradicted"
    with open_store(path, readonly=True) as store:
        assert [r.reviewer for r in store.reviews(ids.figure_fact)] == ["awa", "web"]


def test_app_review_rejects_unknown_statuses_and_facts(fresh: tuple[Path, Ids]) -> None:
    path, ids = fresh
    with TestClient(create_app(path, load_settings())) as client:
        assert client.post(f"/api/facts/{ids.claim_fact}/review", json={"status": "true"}).status_code == 422
        assert client.post(f"/facts/{ids.claim_fact}/review", data={"status": "verified"}).status_code == 422
        assert client.post("/api/facts/nope/review", json={"status": "denied"}).status_code == 404
        assert client.get(f"/api/facts/{ids.claim_fact}").json()["reviews"] == []


def test_store_quote_index_follows_reanalysis(fresh: tuple[Path, Ids]) -> None:
    from dataclasses import replace

    from recoupe.store import web_queries

    path, ids = fresh
    with open_store(path) as store:
        analysis = store.analysis(ids.courrier)
        assert analysis is not None
        with store.transaction():
            store.save_analysis(replace(analysis, quotes=()))  # INSERT OR REPLACE
        assert web_queries.search(store, "céderons").quotes == ()
        with store.transaction():
            store.save_analysis(analysis)
        assert len(web_queries.search(store, "céderons").quotes) == 1
