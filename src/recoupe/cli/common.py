"""What every command shares: settings, the store, the console, progress, errors."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from recoupe.errors import RecoupeError
from recoupe.settings import Settings, load_settings
from recoupe.store import Store, open_store

__all__ = ["console", "err_console", "DbOption", "SettingsOption", "get_settings", "store_for", "fail"]

# Piped output is not cut to 80 columns: tables and one-line errors stay whole for scripts and logs.
console = Console(width=None if sys.stdout.isatty() else 200)
err_console = Console(stderr=True, width=None if sys.stderr.isatty() else 200)

DbOption = Annotated[
    Path | None, typer.Option("--db", help="SQLite store file (default: recoupe.db, or [store] path in settings).")
]
SettingsOption = Annotated[
    Path | None, typer.Option("--settings", help="TOML file overriding default_settings.toml.")
]


def get_settings(path: Path | None) -> Settings:
    try:
        return load_settings(path)
    except (OSError, ValueError) as exc:
        fail(f"settings {path or '(defaults)'}: {exc}")
        raise  # unreachable


def db_path(db: Path | None, settings: Settings) -> Path:
    return db if db is not None else Path(settings.store.path)


@contextmanager
def store_for(db: Path | None, settings: Settings, *, readonly: bool = False) -> Iterator[Store]:
    try:
        store = open_store(db_path(db, settings), readonly=readonly, busy_timeout_ms=settings.store.busy_timeout_ms)
    except RecoupeError as exc:
        fail(str(exc))
        raise
    try:
        yield store
    finally:
        store.close()


def fail(message: str, code: int = 1) -> NoReturn:
    err_console.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def is_terminal() -> bool:
    return sys.stderr.isatty()
