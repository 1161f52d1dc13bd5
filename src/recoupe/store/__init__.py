"""The embedded SQLite store: schema, migrations and typed queries (the only SQL in recoupe)."""

from recoupe.store.db import SCHEMA_VERSION, connect, migrate
from recoupe.store.queries import ArticleRow, Store, StoryRow, fts_query, open_store

__all__ = ["SCHEMA_VERSION", "connect", "migrate", "Store", "ArticleRow", "StoryRow", "open_store", "fts_query"]
