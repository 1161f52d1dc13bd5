"""Read-side assembly shared by the CLI and the web: records from the store, views from the stages."""

from __future__ import annotations

from recoupe.crosscheck.dossier import Dossier, build_dossier
from recoupe.model import Analysis
from recoupe.store import Store

__all__ = ["load_dossier"]


def load_dossier(store: Store, story_id: str) -> Dossier:
    """Read a story's records and assemble its dossier."""
    story = store.story(story_id)
    articles = store.articles(story.members)
    analyses = {a.id: store.analysis(a.id) or Analysis(article_id=a.id, lang=a.lang) for a in articles}
    facts = store.facts(story_id)
    groups = store.dup_groups_of(story.members)
    reviews = {f.id: store.reviews(f.id) for f in facts}
    return build_dossier(story, articles, analyses, facts, groups, reviews)
