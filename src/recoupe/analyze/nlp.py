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

from spacy.language import Language

from recoupe.model import Article, PartialDate, Span

__all__ = ["Parsed", "get_nlp", "parse_article", "BLANK"]

BLANK = "blank"


_TERMINAL = {".", "!", "?", "…", "...", "?!", "!?"}
_CLOSERS = {"»", "”", '"', ")", "’", "«"}
_ALWAYS_CLOSING = {"»", "”", ")"}
_MAX_SENTENCE_TOKENS = 300


def _mark_sentence_starts(doc: Any) -> Any:
    """Sentence starts by rule, set before the parser (which respects them).

    spaCy's French parser splits titles on hyphens and colons ("Rapprochement Bamako" /
    "Wagner" / ": Paris brandit ...") and runs sentences across paragraph breaks. Here a
    sentence starts 1. after a line break, 2. after final punctuation (or a closing quote
    right after it) unless the next word is lower case ("Bamako… au risque"), 3. after
    `_MAX_SENTENCE_TOKENS` tokens without a boundary (a text with no punctuation at all).
    """
    import numpy
    from spacy.attrs import SENT_START

    starts = []
    run = 0
    for i in range(len(doc)):
        run += 1
        start = i == 0 or _starts_sentence(doc, i, run)
        starts.append(1 if start else -1)
        if start:
            run = 0
    if starts:  # one array write (token.is_sent_start one by one is quadratic); -1 wraps as spaCy expects
        doc.from_array([SENT_START], numpy.array(starts, dtype="int64").astype("uint64").reshape(-1, 1))
    return doc


def _starts_sentence(doc: Any, i: int, run: int) -> bool:
    token, prev = doc[i], doc[i - 1]
    if token.is_space or token.text in _ALWAYS_CLOSING or (token.text in _CLOSERS and not prev.whitespace_):
        return False  # a closing quote or bracket ends the sentence before it
    if "\n" in prev.text:
        return True
    if token.text[:1].islower():
        return run >= _MAX_SENTENCE_TOKENS
    after_closer = prev.text in _CLOSERS and i >= 2 and doc[i - 2].text in _TERMINAL
    return prev.text in _TERMINAL or after_closer or run >= _MAX_SENTENCE_TOKENS


Language.component("recoupe_sentences", func=_mark_sentence_starts)


@functools.lru_cache(maxsize=8)
def get_nlp(lang: str, model: str = BLANK) -> Any:
    """The spaCy pipeline for `lang`: the named package, or a blank tokenizer; either way
    with our rule-based sentence starts (`_mark_sentence_starts`).

    A model that is not installed falls back to the blank pipeline; `parse_article`
    records that in the notes so the reason is visible.
    """
    import spacy

    if model != BLANK:
        try:
            nlp = spacy.load(model)
        except OSError:
            pass
        else:
            if "parser" in nlp.pipe_names:
                nlp.add_pipe("recoupe_sentences", before="parser")
            else:
                nlp.add_pipe("recoupe_sentences")
            return nlp
    nlp = spacy.blank(lang if lang in {"fr", "en"} else "xx")
    nlp.add_pipe("recoupe_sentences")
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
