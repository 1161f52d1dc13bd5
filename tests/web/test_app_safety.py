"""Hostile input stays text: escaping, CSP, URL schemes, FTS input, big texts, review tokens, loopback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner
from web_builders import EVIL_ATTR, EVIL_LINK, XSS, Ids

from recoupe.settings import load_settings
from recoupe.web import create_app


def _pages(ids: Ids) -> list[str]:
    return ["/", "/?q=alert", f"/stories/{ids.story}", f"/articles/{ids.evil}", f"/articles/{ids.evil}/raw",
            f"/facts/{ids.evil_fact}", "/entities/mali", "/outlets", f"/outlets/Le Pirate {EVIL_ATTR}"]


def test_app_safety_every_page_escapes_scripts_and_handlers(client: TestClient, ids: Ids) -> None:
    for path in _pages(ids):
        page = client.get(path)
        assert page.status_code == 200, path
        html = page.text
        assert XSS not in html, path
        assert "<img src=x" not in html and 'onerror="alert' not in html, path
        assert f'href="{EVIL_LINK}' not in html and 'href="javascript:' not in html, path
        # the only scripts are the static file
        assert html.count("<script") == 1 and '<script src="/static/recoupe.js" defer></script>' in html, path
    article = client.get(f"/articles/{ids.evil}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article  # shown as text, not dropped


def test_app_safety_headers_on_pages_api_and_errors(client: TestClient, ids: Ids) -> None:
    for path in ("/", f"/articles/{ids.evil}", "/api/stories", "/stories/missing", "/static/recoupe.css"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        for part in ("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'"):
            assert part in csp, (path, part)
        assert "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"


def test_app_safety_search_input_never_reaches_sql(client: TestClient, built: tuple[Path, Ids]) -> None:
    for query in ('"', "'; DROP TABLE stories; --", "NEAR(a b)", "title:x OR *", "a AND", "\\", "∅ \u0000"):
        assert client.get("/api/stories", params={"q": query}).status_code == 200, query
        assert client.get("/api/search", params={"q": query}).status_code == 200, query
        assert client.get("/", params={"q": query}).status_code == 200, query
    conn = sqlite3.connect(built[0])
    assert conn.execute("SELECT count(*) FROM stories").fetchone()[0] == 9
    conn.close()


def test_app_safety_ten_megabyte_line_is_cut_for_display(client: TestClient, ids: Ids) -> None:
    page = client.get(f"/articles/{ids.big}")
    assert page.status_code == 200
    assert len(page.content) < 1_000_000  # 10 MB of text, a page under 1 MB
    assert "showing the first 200000 of" in page.text
    assert len(client.get(f"/articles/{ids.big}/raw").content) < 1_000_000
    assert client.get(f"/stories/{ids.story_big}").status_code == 200


def test_app_safety_review_needs_the_token_when_configured(fresh: tuple[Path, Ids]) -> None:
    path, ids = fresh
    with TestClient(create_app(path, load_settings(), token="s3cret")) as client:
        body = {"status": "denied", "note": "checked"}
        assert client.post(f"/api/facts/{ids.claim_fact}/review", json=body).status_code == 403
        wrong = client.post(f"/api/facts/{ids.claim_fact}/review", json=body, headers={"X-Recoupe-Token": "nope"})
        assert wrong.status_code == 403
        assert client.post(f"/facts/{ids.claim_fact}/review", data=body).status_code == 403
        good = client.post(f"/api/facts/{ids.claim_fact}/review", json=body, headers={"X-Recoupe-Token": "s3cret"})
        assert good.status_code == 200
        form = client.post(f"/facts/{ids.claim_fact}/review", data={**body, "token": "s3cret"}, follow_redirects=False)
        assert form.status_code == 303
        assert len(client.get(f"/api/facts/{ids.claim_fact}").json()["reviews"]) == 2
        assert 'name="token"' in client.get(f"/facts/{ids.claim_fact}").text


def test_app_safety_cross_origin_writes_are_refused(fresh: tuple[Path, Ids]) -> None:
    path, ids = fresh
    with TestClient(create_app(path, load_settings())) as client:
        refused = client.post(f"/facts/{ids.claim_fact}/review", data={"status": "denied"},
                              headers={"Origin": "http://evil.example"})
        assert refused.status_code == 403
        assert client.get(f"/api/facts/{ids.claim_fact}").json()["reviews"] == []


def test_serve_binds_loopback_by_default_and_demands_a_token_elsewhere(
        fresh: tuple[Path, Ids], monkeypatch: pytest.MonkeyPatch) -> None:
    import typer
    import uvicorn

    from recoupe.cli import serve

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    app = typer.Typer()
    serve.register(app)
    app.command("noop")(lambda: None)  # a second command keeps `serve` a named subcommand
    runner = CliRunner()
    result = runner.invoke(app, ["serve", "--db", str(fresh[0]), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert calls[-1]["host"] == "127.0.0.1" and calls[-1]["port"] == load_settings().web.port
    assert "http://127.0.0.1:" in result.output
    result = runner.invoke(app, ["serve", "--db", str(fresh[0]), "--host", "0.0.0.0", "--port", "9001", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "review writes need the token" in result.output
    web_app = calls[-1]["app"]
    assert web_app.state.web.config.token  # type: ignore[attr-defined]


def test_serve_with_several_workers_hands_uvicorn_a_factory_that_rebuilds_the_same_app(
        fresh: tuple[Path, Ids], monkeypatch: pytest.MonkeyPatch) -> None:
    import typer
    import uvicorn

    from recoupe.cli import serve
    from recoupe.web.served import served_app

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    for name in ("RECOUPE_SERVE_DB", "RECOUPE_SERVE_SETTINGS", "RECOUPE_SERVE_TOKEN"):
        monkeypatch.setenv(name, "")  # recorded, so that undo removes what serve sets
    app = typer.Typer()
    serve.register(app)
    app.command("noop")(lambda: None)
    result = CliRunner().invoke(app, ["serve", "--db", str(fresh[0]), "--host", "0.0.0.0"])
    assert result.exit_code == 0, result.output
    assert calls[-1]["app"] == "recoupe.web.served:served_app"
    assert calls[-1]["factory"] is True and calls[-1]["workers"] == load_settings().web.workers > 1
    rebuilt = served_app()  # what each worker process runs
    assert rebuilt.state.web.config.db == fresh[0].resolve()
    assert rebuilt.state.web.config.token and rebuilt.state.web.config.token in result.output
    assert serve.is_loopback("::1") and serve.is_loopback("localhost") and not serve.is_loopback("0.0.0.0")
