"""The app `recoupe serve` hands to uvicorn's worker processes.

uvicorn starts several workers only from an import string, not from an app object: each worker
builds its own app here from the environment `serve` sets. Every worker reads the store with its
own connections and keeps its own response cache; `PRAGMA data_version` tells each of them when
any process has written, so a review written through one worker is seen by all."""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI

from recoupe.settings import load_settings
from recoupe.web.app import create_app

__all__ = ["ENV_DB", "ENV_SETTINGS", "ENV_TOKEN", "served_app"]

ENV_DB = "RECOUPE_SERVE_DB"
ENV_SETTINGS = "RECOUPE_SERVE_SETTINGS"
ENV_TOKEN = "RECOUPE_SERVE_TOKEN"


def served_app() -> FastAPI:
    """The app over the store named by RECOUPE_SERVE_DB (uvicorn `--factory` entry point)."""
    settings = load_settings(os.environ.get(ENV_SETTINGS) or None)
    return create_app(Path(os.environ[ENV_DB]), settings, token=os.environ.get(ENV_TOKEN, ""))
