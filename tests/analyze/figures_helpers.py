"""Shared helpers for the figures tests: build a Parsed on a blank pipeline."""

from __future__ import annotations

from recoupe.analyze.nlp import Parsed, get_nlp
from recoupe.model import PartialDate

STORY_DATE = PartialDate(2021, 9)


def blank_parsed(text: str, lang: str = "fr", published: PartialDate | None = STORY_DATE,
                 with_doc: bool = True) -> Parsed:
    """A Parsed on spaCy's blank pipeline; `with_doc=False` skips spaCy (the figures extractor reads text only)."""
    doc = get_nlp(lang)(text) if with_doc else None
    return Parsed(
        article_id="test",
        text=text,
        lang=lang,
        doc=doc,
        sentences=(),
        published=published,
        has_parser=False,
    )
