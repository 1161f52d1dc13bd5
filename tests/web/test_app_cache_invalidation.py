"""The response cache: a repeated GET is answered from memory with the same body and headers,
and never outlives a change to the store (another process's commit or a review)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from fastapi.testclient import TestClient
from web_builders import Ids

from recoupe.settings import load_settings
from recoupe.store import open_store
from recoupe.web import create_app
from recoupe.web.app import CSP
from recoupe.web.cache import CachedResponse, ResponseCache


def test_app_cache_answers_a_repeated_page_with_the_same_body_and_headers(fresh: tuple[Path, Ids]) -> None:
    path, ids = fresh
    app = create_app(path, load_settings())
    cache = app.state.web.cache
    with TestClient(app) as client:
        first = client.get(f"/stories/{ids.story}")
        hits = cache.hits
        second = client.get(f"/stories/{ids.story}")
        assert cache.hits == hits + 1
        assert second.text == first.text and second.status_code == 200
        assert second.headers["content-security-policy"] == CSP
        assert second.headers["x-frame-options"] == "DENY"
        french = client.get(f"/stories/{ids.story}", headers={"accept-language": "fr-FR,fr;q=0.9"})
        assert french.text != first.text  # the interface language is part of the key
        client.get("/api/stories.jsonl")
        client.get("/api/stories.jsonl")
        assert not any(key[1] == "/api/stories.jsonl" for key in cache._entries)  # exports stream, never kept
        assert client.get("/stories/no-such-story").status_code == 404
        assert not any(key[1] == "/stories/no-such-story" for key in cache._entries)


def test_app_cache_drops_pages_when_another_connection_commits(fresh: tuple[Path, Ids]) -> None:
    path, ids = fresh
    with TestClient(create_app(path, load_settings())) as client:
        before = client.get("/").text
        assert client.get("/").text == before
        with open_store(path) as store, store.transaction():
            story = store.story(ids.story)
            store.save_stories([dataclasses.replace(story, label="Relabelled by the pipeline")])
        assert "Relabelled by the pipeline" in client.get("/").text
        assert "Relabelled by the pipeline" in client.get("/api/stories").text


def test_app_cache_drops_a_fact_page_after_a_review(fresh: tuple[Path, Ids]) -> None:
    path, ids = fresh
    with TestClient(create_app(path, load_settings())) as client:
        assert client.get(f"/api/facts/{ids.figure_fact}").json()["status"] == "contradicted"
        client.get(f"/api/facts/{ids.figure_fact}")  # now kept
        client.post(f"/api/facts/{ids.figure_fact}/review", json={"status": "corroborated", "note": "vu"})
        assert client.get(f"/api/facts/{ids.figure_fact}").json()["status"] == "corroborated"


def test_app_cache_off_keeps_nothing(fresh: tuple[Path, Ids]) -> None:
    path, ids = fresh
    settings = load_settings()
    settings = dataclasses.replace(settings, web=dataclasses.replace(settings.web, cache_entries=0))
    app = create_app(path, settings)
    with TestClient(app) as client:
        assert client.get("/").status_code == 200 and client.get("/").status_code == 200
        assert len(app.state.web.cache) == 0 and app.state.web.cache.hits == 0


def test_response_cache_stays_within_its_count_and_bytes() -> None:
    cache = ResponseCache(max_entries=3, max_bytes=100, max_entry_bytes=60)
    for n in range(5):
        cache.put((n,), CachedResponse(200, (), b"x" * 30))
    assert len(cache) == 3 and cache.get((0,)) is None and cache.get((4,)) is not None
    cache.put(("big",), CachedResponse(200, (), b"x" * 61))
    assert cache.get(("big",)) is None
    cache.put(("wide",), CachedResponse(200, (), b"x" * 60))
    assert cache.get(("wide",)) is not None and cache.get((3,)) is None  # 30 + 60 <= 100: the oldest went
