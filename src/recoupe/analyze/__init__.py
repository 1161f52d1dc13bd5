"""The analyze stage: one cleaned Article in, one Analysis out.

`analyze_article` parses the text once (analyze/nlp.py) and runs, in order:
  1. entities      (analyze/entities.py)   mentions mapped to canonical ids
  2. figures       (analyze/figures.py)    numbers as ranges
  3. quotes        (analyze/quotes.py)     direct and indirect quotes, given the mentions
  4. attributions  (analyze/attribution.py) "selon Reuters", "de source française"
  5. claims        (analyze/claims.py)     one per check-worthy sentence, with its modality
Each step is guarded: when one fails, the Analysis records a note ("figures failed:
<reason>") and the later steps go on with an empty result. The function is pure and
deterministic; a user alias table is read by the caller (`load_aliases`) and passed in.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from recoupe.analyze.entities import AliasEntry, EntityResult, extract_entities, load_aliases
from recoupe.model import Analysis, Article, Entity, Span
from recoupe.settings import AnalyzeSettings

__all__ = ["analyze_article", "load_aliases", "AliasEntry"]


def _guarded(step: str, notes: list[str], default: Any, run: Callable[[], Any]) -> Any:
    try:
        return run()
    except Exception as error:  # noqa: BLE001 - a failing step must not sink the article
        notes.append(f"{step} failed: {type(error).__name__}: {error}")
        return default


def _optional(module: str, function: str) -> Callable[..., Any]:
    """A stage function imported on first use, so that analyze works before every module exists."""
    return getattr(importlib.import_module(f"recoupe.analyze.{module}"), function)


def _with_speaker_roles(entities: tuple[Entity, ...], quotes: tuple[Any, ...]) -> tuple[Entity, ...]:
    """Entities that speak in a quote take the role the quote gives them ("porte-parole ...")."""
    roles = {q.speaker.entity_id: q.speaker.role for q in quotes if q.speaker and q.speaker.entity_id and q.speaker.role}
    return tuple(
        Entity(e.id, e.name, e.kind, roles[e.id]) if e.role is None and e.id in roles else e for e in entities
    )


def _skipped_spans(article: Article, settings: AnalyzeSettings, text_length: int) -> tuple[Span, ...]:
    skip = tuple(s for s in article.subheadings if s.end <= text_length)
    if not settings.claims_from_title and article.title_span is not None:
        skip += (article.title_span,)
    return skip


def analyze_article(
    article: Article, settings: AnalyzeSettings, extra_aliases: tuple[AliasEntry, ...] = ()
) -> Analysis:
    """Entities, figures, quotes, attributions and claims of `article` (see the module docstring)."""
    from recoupe.analyze.nlp import parse_article

    models = {"fr": settings.model_fr, "en": settings.model_en}
    try:
        parsed = parse_article(article, models, settings.max_chars)
    except Exception as error:  # noqa: BLE001 - no pipeline at all: an empty analysis that says why
        return Analysis(article.id, article.lang, notes=(f"parse failed: {type(error).__name__}: {error}",))
    notes = list(parsed.notes)
    found = _guarded("entities", notes, EntityResult((), ()), lambda: extract_entities(parsed, extra_aliases))
    figures = _guarded("figures", notes, (), lambda: tuple(_optional("figures", "extract_figures")(parsed)))
    quotes = _guarded(
        "quotes", notes, (), lambda: tuple(_optional("quotes", "extract_quotes")(parsed, found.mentions))
    )
    attributions = _guarded(
        "attributions", notes, (), lambda: tuple(_optional("attribution", "extract_attributions")(parsed, quotes=quotes))
    )
    from recoupe.analyze.claims import extract_claims

    skip = _skipped_spans(article, settings, len(parsed.text))
    claims = _guarded(
        "claims",
        notes,
        (),
        lambda: extract_claims(parsed, found.entities, found.mentions, figures, quotes, attributions, skip),
    )
    entities = _guarded("speaker roles", notes, found.entities, lambda: _with_speaker_roles(found.entities, quotes))
    return Analysis(
        article_id=article.id,
        lang=parsed.lang,
        sentences=parsed.sentences,
        entities=entities,
        mentions=found.mentions,
        figures=figures,
        quotes=quotes,
        attributions=attributions,
        claims=claims,
        notes=tuple(notes),
    )
