"""Loading the language pipelines once per process, and parsing an article once.

Every extractor of the analyze stage receives one `Parsed`: the cleaned text,
its language, the spaCy Doc and the sentence spans. Models are cached per
process (`get_nlp`), so a worker pays the load once, never per document.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from recoupe.model import Article, PartialDate, Span

__all__ = ["Parsed", "get_nlp", "parse_article", "BLANK"]

BLANK = "blank"


@functools.lru_cache(maxsize=8)
def get_nlp(lang: str, model: str = BLANK) -> Any:
    """The spaCy pipeline for `lang`: the named package, or a blank tokenizer with a sentencizer.

    A model that is not installed falls back to the blank pipeline; `parse_article`
    records that in the notes so the reason is visible.
    """
    import spacy

    if model != BLANK:
        try:
            return spacy.load(model)
        except OSError:
            pass
    nlp = spacy.blank(lang if lang in {"fr", "en"} else "xx")
    nlp.add_pipe("sentencizer")
    return nlp


@dataclass(frozen=True)
class Parsed:
    """One article parsed once, shared by every extractor."""

    article_id: str
    text: str
    lang: str
    doc: Any  # spacy.tokens.Doc over `text`
    sentences: tuple[Span, ...]
    published: PartialDate | None
    has_parser: bool  # False on a blank pipeline: no NER, no dependency parse
    notes: tuple[str, ...] = ()


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")


def _sentences(doc: Any, text: str) -> tuple[Span, ...]:
    """spaCy's sentences, never crossing a paragraph break (titles and subheadings stand alone)."""
    spans: list[Span] = []
    for sent in doc.sents:
        start = sent.start_char
        for m in _PARAGRAPH_BREAK.finditer(text, sent.start_char, sent.end_char):
            if text[start : m.start()].strip():
                spans.append(_strip(text, start, m.start()))
            start = m.end()
        if text[start : sent.end_char].strip():
            spans.append(_strip(text, start, sent.end_char))
    return tuple(spans)


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def parse_article(article: Article, models: dict[str, str], max_chars: int = 200_000) -> Parsed:
    """Parse `article.text` with the pipeline configured for its language."""
    notes: list[str] = []
    lang = article.lang or "fr"
    if article.lang is None:
        notes.append("language unknown: analysed with the French rules")
    elif lang not in models:
        notes.append(f"no pipeline for language {lang!r}: rule-based parts only, on a blank tokenizer")
    model = models.get(lang, BLANK)
    text = article.text
    if len(text) > max_chars:
        notes.append(f"text of {len(text)} characters: analysed on its first {max_chars}")
        text = text[:max_chars]
    nlp = get_nlp(lang, model)
    has_parser = "parser" in nlp.pipe_names
    if model != BLANK and not has_parser:
        notes.append(f"model {model!r} is not installed: entities degrade to the alias tables")
    doc = nlp(text)
    return Parsed(
        article_id=article.id,
        text=text,
        lang=lang,
        doc=doc,
        sentences=_sentences(doc, text),
        published=article.published,
        has_parser=has_parser,
        notes=tuple(notes),
    )
