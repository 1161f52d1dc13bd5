"""The stories search: the article -> story map it walks follows regrouping, and a search
with more matches than the cap says so."""

from __future__ import annotations

from recoupe.model import (
    Analysis,
    Article,
    CleaningReport,
    Fact,
    PartialDate,
    Provenance,
    Quote,
    RawDocument,
    Span,
    Speaker,
    Story,
)
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


def _quoted(text: str, day: int, quote: str) -> tuple[RawDocument, Article, Analysis]:
    raw, article = _doc(text, day)
    start = text.index(quote)
    analysis = Analysis(article.id, "fr", quotes=(
        Quote(Span(start, start + len(quote)), quote, True, Speaker("Moussa Keïta", "official")),))
    return raw, article, analysis


def test_store_search_finds_quotes_and_facts_through_their_story_maps(tmp_path):
    store = open_store(tmp_path / "s.db")
    quote = "Les greniers de Tombouctou sont pleins"
    docs = [_quoted(f"« {quote} », a affirmé Moussa Keïta le {day} mai.", day, quote) for day in (1, 2)]
    arts = [article for _, article, _ in docs]
    with store.transaction():
        for raw, article, analysis in docs:
            store.add_document(raw, article, analysis)
        store.save_stories([_story("s-a", arts[0]), _story("s-b", arts[1])])
        store.save_facts("s-a", [_fact("f-1", "s-a", "récolte de mil record")])
    assert {r.id for r in wq.page_stories(store, query="greniers").rows} == {"s-a", "s-b"}
    assert [r.id for r in wq.page_stories(store, query="mil record").rows] == ["s-a"]
    with store.transaction():  # regrouping: both articles into s-b; s-a and its fact are removed
        store.save_stories([_story("s-b", *arts)])
        store.save_facts("s-b", [_fact("f-2", "s-b", "récolte de sorgho")])
    assert [r.id for r in wq.page_stories(store, query="greniers Tombouctou").rows] == ["s-b"]
    assert wq.page_stories(store, query="mil record").rows == ()
    assert [r.id for r in wq.page_stories(store, query="sorgho").rows] == ["s-b"]
    with store.transaction():  # the same fact id written again (INSERT OR REPLACE under a new rowid)
        store.conn.execute("INSERT OR REPLACE INTO facts(id, story_id, kind, status, label, n_origins, record)"
                           " SELECT id, story_id, kind, status, label, n_origins, record FROM facts WHERE id = 'f-2'")
    maps = store.conn.execute("SELECT story_id, count(*) FROM fact_story GROUP BY story_id").fetchall()
    assert [tuple(m) for m in maps] == [("s-b", 1)]
    quotes = store.conn.execute("SELECT story_id, count(*) FROM quote_story GROUP BY story_id").fetchall()
    assert [tuple(q) for q in quotes] == [("s-b", 2)]


def _fact(fact_id: str, story_id: str, label: str) -> Fact:
    return Fact(fact_id, story_id, "claim", label, (), (), "single-source")


def test_store_search_pages_with_a_cursor_in_date_then_id_order(tmp_path):
    store = open_store(tmp_path / "s.db")
    docs = [_doc(f"Crue du fleuve à Mopti, relevé {n}.", 1 + n % 2) for n in range(5)]
    with store.transaction():
        for raw, article in docs:
            store.add_document(raw, article, None)
        store.save_stories([Story(f"s-{n}", f"s-{n}", (article.id,), "2024-05-01", f"2024-05-0{1 + n % 2}")
                            for n, (_, article) in enumerate(docs)])
    seen, cursor = [], None
    while True:
        page = wq.page_stories(store, limit=2, cursor=wq.StoryCursor.decode(cursor))
        seen += [r.id for r in page.rows]
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert seen == ["s-3", "s-1", "s-4", "s-2", "s-0"]  # last_seen 05-02 first, then id descending
