"""`recoupe serve`: the web UI and its JSON API over a store (uvicorn)."""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path
from typing import Annotated

import typer

from recoupe.cli.common import DbOption, SettingsOption, console, db_path, fail, get_settings

__all__ = ["register", "is_loopback"]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    db: DbOption = None,
    settings_file: SettingsOption = None,
    host: Annotated[str | None, typer.Option("--host", help="Address to bind (default: 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option("--port", help="Port (default: [web] port).")] = None,
    token: Annotated[str | None, typer.Option(
        "--token", help="Token that review writes must carry; generated when binding off loopback.")] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", help="Server processes (default: [web] workers).", min=1)] = None,
) -> None:
    """Serve the stories, dossiers and articles in a browser, with a JSON API beside every page."""
    import uvicorn

    from recoupe.web import create_app

    settings = get_settings(settings_file)
    host = host or settings.web.host
    port = port if port is not None else settings.web.port
    token = token if token is not None else settings.web.token
    if not is_loopback(host) and not token:
        token = secrets.token_urlsafe(18)
        console.print(f"Bound off loopback: review writes need the token [bold]{token}[/]", highlight=False)
    path: Path = db_path(db, settings)
    if not path.exists():
        fail(f"no store at {path}: run `recoupe ingest` first, or pass --db")
    shown = f"[{host}]" if ":" in host else host
    console.print(f"recoupe serving {path} at http://{shown}:{port}/  (API: /api/openapi.json)", highlight=False)
    workers = workers if workers is not None else settings.web.workers
    if workers == 1:
        uvicorn.run(create_app(path, settings, token=token), host=host, port=port, log_level="warning")
        return
    from recoupe.web.served import ENV_DB, ENV_SETTINGS, ENV_TOKEN

    os.environ[ENV_DB] = str(path.resolve())
    os.environ[ENV_SETTINGS] = str(Path(settings_file).resolve()) if settings_file else ""
    os.environ[ENV_TOKEN] = token
    uvicorn.run("recoupe.web.served:served_app", factory=True, workers=workers, host=host, port=port,
                log_level="warning")
