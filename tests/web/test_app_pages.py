"""Pages and their JSON twins against the real app and a real SQLite file."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

from fastapi.testclient import TestClient
from web_builders import Ids

from recoupe.settings import load_settings
from recoupe.web import create_app


def test_app_stories_page_lists_newest_first_with_status_counts(client: TestClient, ids: Ids) -> None:
    page = client.get("/")
    assert page.status_code == 200
    html = page.text
    assert html.index(f"/stories/{ids.story}") < html.index(f"/stories/{ids.story_big}")  # 2024-03 before 2024-02
    data = client.get("/api/stories").json()
    first = data["stories"][0]
    assert first["id"] == ids.story
    assert first["n_articles"] == 3
    assert first["status_counts"] == {"contradicted": 1, "corroborated": 1, "single-source": 1}
    assert "Dakar Matin" in first["outlets"]


def test_app_stories_keyset_pages_cover_every_story_once(client: TestClient) -> None:
    seen, cursor = [], None
    for _ in range(10):
        data = client.get("/api/stories", params={"limit": 3, **({"cursor": cursor} if cursor else {})}).json()
        seen += [s["id"] for s in data["stories"]]
        cursor = data["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 9  # 2 built stories + 7 extra


def test_app_search_matches_quotes_and_fact_labels(client: TestClient, ids: Ids) -> None:
    by_quote = client.get("/api/stories", params={"q": "céderons pression"}).json()
    assert [s["id"] for s in by_quote["stories"]] == [ids.story]
    assert by_quote["hits"]["quotes"][0]["speaker"] == "Abdoulaye Diop"
    by_fact = client.get("/api/search", params={"q": "nombre soldats"}).json()
    assert by_fact["facts"][0]["id"] == ids.figure_fact
    accents = client.get("/api/search", params={"q": "ceDerons"}).json()  # diacritics and case folded
    assert accents["quotes"]


def test_app_stories_filters(client: TestClient, ids: Ids) -> None:
    def found(**params: str) -> list[str]:
        return [s["id"] for s in client.get("/api/stories", params=params).json()["stories"]]

    assert found(has_contradictions="true") == [ids.story]
    assert found(outlet="Dakar Matin") == [ids.story]
    assert found(entity="groupe-wagner") == [ids.story]
    assert ids.story not in found(date_to="2024-02-15")
    assert ids.story_big in found(date_to="2024-02-15")
    assert found(date_from="2024-03-01") == [ids.story]
    assert found(language="en") == []


def test_app_dossier_shows_chips_matrix_plots_and_limit_note(client: TestClient, ids: Ids) -> None:
    html = client.get(f"/stories/{ids.story}").text
    assert "automatic statuses describe the coverage, not the truth" in html.lower()
    assert 'data-status="contradicted"' in html and "✖</span> contradicted" in html  # icon and word
    assert "✔</span> reports" in html and "contradicts" in html  # claims x outlets cells
    assert html.count("<svg") >= 2  # coverage timeline + figure drift
    assert f'href="/articles/{ids.courrier}?hl=' in html
    data = client.get(f"/api/stories/{ids.story}").json()
    assert data["matrix"][ids.figure_fact]["Dakar Matin"] == "contradicts"
    assert data["limit_note"].startswith("Automatic statuses")
    assert data["facts"][0]["fact"]["id"]


def test_app_article_highlights_every_kind_and_the_evidence(client: TestClient, ids: Ids) -> None:
    start, end = ids.quote_span
    html = client.get(f"/articles/{ids.courrier}", params={"hl": f"{start}-{end}"}).text
    for kind in ("entity", "figure", "quote", "attribution", "claim", "evidence"):
        assert f"k-{kind}" in html, kind
    assert f'id="span-{start}-{end}"' in html
    assert 'id="t-quote"' in html  # kind toggles
    assert "Le Courrier du Sahel" in html and "corpus-marker" in html  # provenance, how fields were found
    assert f"/articles/{ids.evil}" in html  # copy group member


def test_app_raw_text_marks_what_cleaning_removed_and_repaired(client: TestClient, ids: Ids) -> None:
    html = client.get(f"/articles/{ids.courrier}/raw").text
    assert 'class="hl k-removed"' in html and "boilerplate:reading-time" in html
    assert "k-repaired" in html and "mojibake: Mali" in html


def test_app_entity_and_outlet_pages(client: TestClient, ids: Ids) -> None:
    entity = client.get("/api/entities/abdoulaye-diop")
    assert entity.status_code == 404  # only speakers, never mentioned: no entity row
    mali = client.get("/api/entities/mali").json()
    assert mali["entity"]["n_articles"] == 4
    assert any(q["speaker"] == "Abdoulaye Diop" for q in mali["quotes_about"])
    assert client.get("/entities/mali").status_code == 200
    outlet = client.get("/api/outlets/Dakar Matin").json()
    assert outlet["origins"] == {"outlet:Dakar Matin": 2}
    assert client.get("/outlets/Dakar%20Matin").status_code == 200
    assert {"outlet": "Dakar Matin", "n_articles": 1} in client.get("/api/outlets").json()


def test_app_interface_speaks_french(client: TestClient, ids: Ids) -> None:
    by_param = client.get(f"/stories/{ids.story}", params={"lang": "fr"}).text
    assert "décrivent la couverture, pas la vérité" in by_param and "contredit" in by_param
    by_header = client.get("/", headers={"Accept-Language": "fr-FR,fr;q=0.9"}).text
    assert "Sujets" in by_header and 'lang="fr"' in by_header


def test_app_exports_jsonl_and_csv(client: TestClient, ids: Ids) -> None:
    lines = client.get("/api/stories.jsonl").text.splitlines()
    assert len(lines) == 9 and json.loads(lines[0])["id"] == ids.story
    rows = list(csv.DictReader(io.StringIO(client.get("/api/stories.csv", params={"outlet": "Dakar Matin"}).text)))
    assert [r["id"] for r in rows] == [ids.story]
    facts = list(csv.DictReader(io.StringIO(client.get(f"/api/stories/{ids.story}/facts.csv").text)))
    assert {r["status"] for r in facts} == {"contradicted", "corroborated", "single-source"}
    articles = client.get("/api/articles.jsonl", params={"story_id": ids.story}).text.splitlines()
    assert len(articles) == 3


def test_app_openapi_documents_every_api_route(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for route in ("/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/facts/{fact_id}",
                  "/api/facts/{fact_id}/review", "/api/entities/{entity_id}", "/api/outlets/{name}", "/api/search",
                  "/api/stories.csv", "/api/stories.jsonl"):
        assert route in paths, route


def test_app_unknown_ids_give_404(client: TestClient) -> None:
    assert client.get("/stories/nope").status_code == 404
    assert client.get("/api/articles/nope").json() == {"detail": "no article nope"}
    assert client.get("/facts/nope").status_code == 404


def test_app_stories_page_says_when_a_search_reached_the_match_cap(built, ids: Ids) -> None:
    settings = load_settings()
    settings = replace(settings, web=replace(settings.web, search_match_cap=1))
    with TestClient(create_app(built[0], settings)) as small_cap:
        capped = small_cap.get("/", params={"q": "Niger"}).text
        assert 'id="search-capped"' in capped
        narrow = small_cap.get("/", params={"q": "céderons"}).text
        assert 'id="search-capped"' not in narrow
