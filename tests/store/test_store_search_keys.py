"""The stories search: the article -> story map it walks follows regrouping, and a search
with more matches than the cap says so."""

from __future__ import annotations

from recoupe.model import Article, CleaningReport, PartialDate, Provenance, RawDocument, Span, Story
from recoupe.store import open_store
from recoupe.store import web_queries as wq


def _doc(text: str, day: int) -> tuple[RawDocument, Article]:
    raw = RawDocument(RawDocument.make_id(text), "text", text, Provenance(f"{day}.txt"), outlet="Sahel Hebdo")
    article = Article(Article.make_id(raw.id), raw.id, "Sahel Hebdo", None, text[:30], text, (Span(0, len(text)),),
                      "fr", 0.99, PartialDate(2024, 5, day), False, CleaningReport())
    return raw, article


def _story(story_id: str, *articles: Article) -> Story:
    return Story(story_id, story_id, tuple(a.id for a in articles), "2024-05-01", "2024-05-09")


def test_store_search_follows_articles_moved_between_stories(tmp_path):
    store = open_store(tmp_path / "s.db")
    docs = [_doc(f"Le convoi de ravitaillement est arrivé à Gao, jour {day}.", day) for day in (1, 2, 3)]
    arts = [article for _, article in docs]
    with store.transaction():
        for raw, article in docs:
            store.add_document(raw, article, None)
        store.save_stories([_story("s-a", arts[0], arts[1]), _story("s-b", arts[2])])
    assert {r.id for r in wq.page_stories(store, query="convoi").rows} == {"s-a", "s-b"}
    with store.transaction():  # regrouping moves every article into s-b; s-a is left empty and removed
        store.save_stories([_story("s-b", *arts)])
    page = wq.page_stories(store, query="ravitaillement Gao")
    assert [r.id for r in page.rows] == ["s-b"]
    assert page.capped is False
    keys = store.conn.execute("SELECT story_id, count(*) FROM article_story GROUP BY story_id").fetchall()
    assert [tuple(k) for k in keys] == [("s-b", 3)]


def test_store_search_reports_when_matches_exceed_the_cap(tmp_path):
    store = open_store(tmp_path / "s.db")
    docs = [_doc(f"Sommet de la Cédéao à Abuja, réunion numéro {day}.", day) for day in range(1, 6)]
    with store.transaction():
        for n, (raw, article) in enumerate(docs):
            store.add_document(raw, article, None)
            store.save_stories([_story(f"s-{n}", article)])
    capped = wq.page_stories(store, query="Cédéao", match_cap=2)
    assert capped.capped is True
    assert len(capped.rows) == 2  # only the two latest-stored matches are read
    whole = wq.page_stories(store, query="Cédéao", match_cap=10)
    assert whole.capped is False and len(whole.rows) == 5


def test_store_reads_only_the_copy_groups_of_the_articles_asked_for(tmp_path):
    from recoupe.model import DupGroup

    store = open_store(tmp_path / "s.db")
    docs = [_doc(f"Dépêche numéro {n} sur la crue du fleuve Niger à Niamey.", n + 1) for n in range(4)]
    ids = [article.id for _, article in docs]
    with store.transaction():
        for raw, article in docs:
            store.add_document(raw, article, None)
        store.save_dup_groups([DupGroup("g-1", ids[0], (ids[0], ids[1])), DupGroup("g-2", ids[2], (ids[2], ids[3]))])
    assert [g.id for g in store.dup_groups_of([ids[1]])] == ["g-1"]
    assert [g.id for g in store.dup_groups_of([ids[3], ids[0], ids[0]])] == ["g-1", "g-2"]
    assert store.dup_groups_of(["no-such-article"]) == []
