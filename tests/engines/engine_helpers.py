"""Comparing stores in the engine tests."""

from __future__ import annotations

from typing import Any

from recoupe.model import to_dict
from recoupe.store import Store

__all__ = ["snapshot"]


def snapshot(store: Store) -> dict[str, Any]:
    """Every stored record as JSON data, in a stable order (ingest timestamps left out)."""
    ids = sorted(store.article_ids())
    stories = sorted((to_dict(s) for s in store.stories()), key=lambda s: s["id"])
    return {
        "counts": {t: store.count(t) for t in ("raw_documents", "articles", "analyses", "stories", "facts",
                                                 "dup_groups", "features")},
        "raw": sorted((to_dict(store.raw_document(store.article(i).raw_id)) for i in ids), key=lambda r: r["id"]),
        "articles": [to_dict(store.article(i)) for i in ids],
        "analyses": [to_dict(store.analysis(i)) for i in ids],
        "stories": stories,
        "facts": {s["id"]: sorted((to_dict(f) for f in store.facts(s["id"])), key=lambda f: f["id"])
                  for s in stories},
        "groups": sorted((to_dict(g) for g in store.dup_groups()), key=lambda g: g["id"]),
        "errors": sorted((e.source, e.locator, e.reason) for e in store.errors()),
    }
