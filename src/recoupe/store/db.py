"""Opening the SQLite store and applying its migrations.

One file, WAL mode (readers never block the writer), a busy timeout, and the
schema version in `PRAGMA user_version`. Migrations are the numbered files in
`migrations/`, applied in order inside one transaction each.
"""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

from recoupe.errors import StoreError

__all__ = ["connect", "migrate", "SCHEMA_VERSION"]


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("recoupe.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            found.append((int(name[:3]), entry.read_text("utf-8")))
    return sorted(found)


SCHEMA_VERSION = max(number for number, _ in _migrations())


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to date; returns the version reached."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"the store has schema version {current}, newer than this recoupe ({SCHEMA_VERSION}): upgrade recoupe"
        )
    for number, script in _migrations():
        if number <= current:
            continue
        try:
            conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
        except sqlite3.Error as exc:
            conn.rollback()
            raise StoreError(f"migration {number:03d} failed: {exc}") from exc
    return SCHEMA_VERSION


def connect(path: str | Path, *, readonly: bool = False, busy_timeout_ms: int = 5000) -> sqlite3.Connection:
    """Open (and create or migrate, unless read-only) the store at `path`."""
    path = Path(path)
    if readonly:
        if not path.exists():
            raise StoreError(f"no store at {path}: run `recoupe ingest` first, or pass --db")
        with sqlite3.connect(path) as probe:
            older = probe.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION
        if older:  # a store written by an older recoupe: bring it up to date once, then read
            connect(path, busy_timeout_ms=busy_timeout_ms).close()
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn)
    else:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            raise StoreError(f"the store at {path} has schema version {version}; expected {SCHEMA_VERSION}")
    return conn
