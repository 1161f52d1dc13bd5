"""The store: migrations, content-hash idempotence, FTS escaping, review audit log."""

from __future__ import annotations

import sqlite3

import pytest

from recoupe.errors import StoreError
from recoupe.model import (
    Analysis,
    Article,
    CleaningReport,
    Fact,
    PartialDate,
    Provenance,
    RawDocument,
    Review,
    Span,
    Story,
)
from recoupe.store import SCHEMA_VERSION, open_store


def _doc(text: str, outlet: str = "Bamako Matin") -> tuple[RawDocument, Article]:
    raw = RawDocument(RawDocument.make_id(text), "text", text, Provenance("x.txt"), outlet=outlet)
    article = Article(Article.make_id(raw.id), raw.id, outlet, None, "Titre", text, (Span(0, len(text)),), "fr",
                      0.99, PartialDate(2024, 5, 14), False, CleaningReport())
    return raw, article


def test_store_migrates_new_file_to_latest_version(tmp_path):
    store = open_store(tmp_path / "s.db")
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    store.close()


def test_store_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "s.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer"):
        open_store(path)


def test_store_same_document_twice_changes_nothing(tmp_path):
    store = open_store(tmp_path / "s.db")
    raw, article = _doc("Le convoi a été attaqué près de Boni.")
    with store.transaction():
        assert store.add_document(raw, article, Analysis(article.id, "fr"))
    with store.transaction():
        assert not store.add_document(raw, article, Analysis(article.id, "fr"))
    assert store.count("articles") == 1 and store.count("raw_documents") == 1
    assert store.article(article.id) == article


def test_store_failed_transaction_leaves_nothing(tmp_path):
    store = open_store(tmp_path / "s.db")
    raw, article = _doc("Texte.")
    with pytest.raises(RuntimeError), store.transaction():
        store.add_document(raw, article, None)
        raise RuntimeError("killed")
    assert store.count("articles") == 0


def test_store_search_input_cannot_inject_fts_or_sql(tmp_path):
    store = open_store(tmp_path / "s.db")
    raw, article = _doc("Les FAMa ont repoussé l'attaque.")
    with store.transaction():
        store.add_document(raw, article, None)
    for hostile in ['") OR 1=1 --', "NEAR(a b", "'; DROP TABLE articles; --", '"', "*"]:
        store.list_articles(query=hostile)
    assert store.count("articles") == 1
    assert [r.id for r in store.list_articles(query="FAMa")] == [article.id]


def test_store_reviews_survive_recomputed_facts(tmp_path):
    store = open_store(tmp_path / "s.db")
    raw, article = _doc("Texte.")
    story = Story("s1", "label", (article.id,), "2024-05-14", "2024-05-14")
    fact = Fact("f1", "s1", "claim", "label", (), ("o",), "single-source")
    with store.transaction():
        store.add_document(raw, article, None)
        store.save_stories([story])
        store.save_facts("s1", [fact])
        store.add_review(Review("f1", "corroborated", "checked by phone", "ana", "2024-05-15T10:00:00",
                                "single-source"))
    with store.transaction():
        store.save_facts("s1", [fact])
    assert [r.status for r in store.reviews("f1")] == ["corroborated"]
    assert store.fact("f1").status == "single-source"


def test_store_id_prefix_resolution(tmp_path):
    store = open_store(tmp_path / "s.db")
    raw, article = _doc("Texte.")
    with store.transaction():
        store.add_document(raw, article, None)
    assert store.resolve_id("articles", article.id[:6]) == article.id
    with pytest.raises(StoreError):
        store.resolve_id("articles", "zzz")
