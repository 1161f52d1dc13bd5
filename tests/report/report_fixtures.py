"""Records and stores for the report, dossier and export tests.

`small_story()` hand-builds a story of two invented outlets with one fact of every status (fast).
`seed_store_copy()` runs the real pipeline on the two seeds once per session (spaCy, ~10 s) and
hands each caller its own copy of the SQLite file, so tests that write reviews stay apart.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from recoupe.model import (
    Analysis,
    Article,
    Check,
    CleaningReport,
    DriftStep,
    DupGroup,
    Evidence,
    Fact,
    Figure,
    PartialDate,
    Provenance,
    Quote,
    RawDocument,
    Review,
    Span,
    Speaker,
    Story,
)

__all__ = ["SmallStory", "small_story", "small_store", "seed_store_copy", "seed_article_ids"]

TEXT_A = (
    "Inondations à Kayes : au moins 40 morts\n\n"
    "Selon l'agence Afrique Dépêches, les crues ont fait au moins 40 morts dans la région de Kayes. "
    "« Nous avons perdu nos maisons », a déclaré Aminata Traoré, une habitante. "
    "Le gouvernement dément tout retard des secours. <script>alert('x')</script> | pipe"
)
TEXT_B = (
    "Crues meurtrières dans l'ouest du Mali\n\n"
    "Les crues ont fait 25 morts dans la région de Kayes, d'après la protection civile. "
    "« Nous avons perdu nos maisons », a déclaré Aminata Traoré. "
    "L'aide d'urgence, 2 milliards de francs CFA (environ 3 millions d'euros), arrive depuis deux semaines."
)


def _span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle))


def _article(aid: str, outlet: str, text: str, day: int) -> Article:
    title = text.split("\n\n")[0]
    return Article(id=aid, raw_id="r" + aid[1:], outlet=outlet, url=f"https://{outlet.lower().replace(' ', '-')}.example/{aid}",
                   title=title, text=text, paragraphs=(Span(0, len(title)), Span(len(title) + 2, len(text))),
                   lang="fr", lang_confidence=0.99, published=PartialDate(2024, 8, day), truncated=False,
                   report=CleaningReport(), title_span=Span(0, len(title)))


def _ev(article: Article, needle: str, stance: str = "supports", origin: str | None = None,
        value: Figure | None = None) -> Evidence:
    return Evidence(article_id=article.id, outlet=article.outlet, span=_span(article.text, needle), text=needle,
                    modality="reported", origin=origin or f"outlet:{article.id}", value=value,
                    published=article.published.iso() if article.published else None, stance=stance)


@dataclass(frozen=True)
class SmallStory:
    story: Story
    articles: tuple[Article, ...]
    analyses: dict[str, Analysis]
    facts: tuple[Fact, ...]
    groups: tuple[DupGroup, ...]


def small_story() -> SmallStory:
    a = _article("a1111111111111111", "Le Courrier du Fleuve", TEXT_A, 2)
    b = _article("a2222222222222222", "Sahel Matin", TEXT_B, 3)
    sid = "s0000000000000001"
    quote_a = Quote(span=_span(TEXT_A, "Nous avons perdu nos maisons"), text="Nous avons perdu nos maisons",
                    direct=True, speaker=Speaker("Aminata Traoré", "person"))
    quote_b = Quote(span=_span(TEXT_B, "Nous avons perdu nos maisons"), text="Nous avons perdu nos maisons",
                    direct=True, speaker=Speaker("Aminata Traoré", "person"))
    deaths_a = Figure(span=_span(TEXT_A, "au moins 40 morts"), text="au moins 40 morts", kind="count", low=40,
                      high=None, unit="morts")
    deaths_b = Figure(span=_span(TEXT_B, "25 morts"), text="25 morts", kind="count", low=25, high=25, unit="morts")
    eur = Figure(span=_span(TEXT_B, "environ 3 millions d'euros"), text="environ 3 millions d'euros", kind="money",
                 low=3e6, high=3e6, currency="EUR", approx=True)
    money = Figure(span=_span(TEXT_B, "2 milliards de francs CFA"), text="2 milliards de francs CFA", kind="money",
                   low=2e9, high=2e9, currency="XOF", stated_equivalent=eur)
    facts = (
        Fact(id="f-corroborated", story_id=sid, kind="quote", label="Aminata Traoré: « Nous avons perdu nos maisons »",
             evidence=(_ev(a, "Nous avons perdu nos maisons"), _ev(b, "Nous avons perdu nos maisons")),
             origins=(f"outlet:{a.id}", f"outlet:{b.id}"), status="corroborated", first_report=a.id,
             drift=(DriftStep(a.id, a.outlet, "2024-08-02", "Nous avons perdu nos maisons", "first report"),
                    DriftStep(b.id, b.outlet, "2024-08-03", "Nous avons perdu nos maisons", "same"))),
        Fact(id="f-contradicted", story_id=sid, kind="figure", label="deaths: au moins 40 morts — against 25 morts",
             evidence=(_ev(a, "au moins 40 morts", value=deaths_a),
                       _ev(b, "25 morts", stance="contradicts", value=deaths_b)),
             origins=("afrique-depeches",), status="contradicted", first_report=a.id, slot="deaths"),
        Fact(id="f-denied", story_id=sid, kind="claim", label="Les secours ont pris du retard.",
             evidence=(_ev(a, "Le gouvernement dément tout retard des secours.", stance="denies"),),
             origins=(f"outlet:{a.id}",), status="denied", first_report=a.id),
        Fact(id="f-single", story_id=sid, kind="figure",
             label="aid: 2 milliards de francs CFA (environ 3 millions d'euros)",
             evidence=(_ev(b, "2 milliards de francs CFA", value=money),), origins=(f"outlet:{b.id}",),
             status="single-source", first_report=b.id, slot="aid",
             checks=(Check("currency-conversion", "2,000,000,000 XOF is 3,048,980 EUR (fixed peg 655.957)",
                           "consistent"),)),
        Fact(id="f-inconsistent", story_id=sid, kind="figure", label="deaths: one article says 40 and 25",
             evidence=(_ev(b, "25 morts", value=deaths_b),), origins=(f"outlet:{b.id}",), status="inconsistent",
             first_report=b.id, slot="deaths"),
    )
    analyses = {a.id: Analysis(article_id=a.id, lang="fr", quotes=(quote_a,), figures=(deaths_a,)),
                b.id: Analysis(article_id=b.id, lang="fr", quotes=(quote_b,), figures=(deaths_b, money))}
    story = Story(id=sid, label="Inondations meurtrières à Kayes", members=(a.id, b.id), first_seen="2024-08-02",
                  last_seen="2024-08-03", outlets=(a.outlet or "", b.outlet or ""), languages=("fr",),
                  first_report=a.id)
    return SmallStory(story, (a, b), analyses, facts, ())


def small_store(path: Path, reviews: tuple[Review, ...] = ()):
    """A real SQLite store holding the small story (no model needed)."""
    from recoupe.store import open_store

    data = small_story()
    store = open_store(path)
    with store.transaction():
        for article in data.articles:
            raw = RawDocument(id=article.raw_id, format="text", content=article.text,
                              provenance=Provenance(source=f"fixtures/{article.id}.txt"), outlet=article.outlet)
            store.add_document(raw, article, data.analyses[article.id])
        store.save_stories([data.story])
        store.save_facts(data.story.id, data.facts)
        for review in reviews:
            store.add_review(review)
    return store


_SEED_DB: dict[str, Path] = {}


def seed_store_copy(tmp_path_factory, seeds_dir: Path, dest: Path) -> Path:
    """Copy of a store built by the real pipeline from the two seeds (built once per session)."""
    if "db" not in _SEED_DB:
        from recoupe.group import HashingEmbedder
        from recoupe.ingest import IngestOptions, iter_documents
        from recoupe.pipeline import run_ingest
        from recoupe.settings import load_settings
        from recoupe.store import open_store

        path = tmp_path_factory.mktemp("seeds") / "seeds.db"
        settings = load_settings()
        store = open_store(path)
        paths = [str(p) for p in sorted(seeds_dir.glob("0*.txt"))]
        run_ingest(iter_documents(paths, IngestOptions(), settings.ingest), store, settings,
                   embedder=HashingEmbedder(), jobs=1)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
        _SEED_DB["db"] = path
    shutil.copyfile(_SEED_DB["db"], dest)
    return dest


def seed_article_ids(store, seeds_dir: Path) -> dict[str, str]:
    """'000' / '001' -> the article id the pipeline gave each seed."""
    out = {}
    for path in sorted(seeds_dir.glob("0*.txt")):
        found = store.articles_by_source(str(path))
        assert found, f"seed {path.name} not in the store"
        out[path.name[:3]] = found[0][2]
    return out
