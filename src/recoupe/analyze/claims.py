"""Claims: one per check-worthy sentence, with who does what to whom and on whose authority.

A sentence is check-worthy when it names an entity, holds a figure, carries a quote
or is denied, hedged or in the conditional. A sentence whose clauses differ in modality
("Il vivrait à Abidjan, ce que les autorités ont toujours démenti") gives one claim per
clause (modality.clause_spans), each with its own modality; otherwise one per sentence.
A check-worthy sentence gives all its clauses. Subheadings are section labels, not statements: the orchestrator
passes them in `skip`; one that denies, hedges or is in the conditional ("Bamako dément toute
présence russe") still gives its claim. Titles are kept: a headline that asserts what the body only
reports in the conditional is exactly the drift the cross-check looks for.

Subject / predicate / object (`_triple`), in order:
  1. With a dependency parse: the sentence's ROOT; when it is a reporting verb
     ("ont déclaré que ...") with a clausal complement, that clause's verb instead.
     Subject = its nsubj / nsubj:pass subtree; predicate = its auxiliaries and copula
     plus the verb ("serait payé"); object = its first obj / xcomp / obl:arg / ccomp / obl subtree.
  2. Without one (blank pipeline): subject = the first entity mention, predicate =
     the modality cue when there is one, object = none.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from recoupe.analyze.modality import ModalityResult, classify_modality, clause_spans, fold_text, load_cues
from recoupe.model import Attribution, Claim, Entity, Figure, Mention, Quote, Span, stable_id

__all__ = ["extract_claims", "Triple"]

_SUBJECT_DEPS = ("nsubj", "nsubj:pass")
_OBJECT_DEPS = ("obj", "xcomp", "obl:arg", "ccomp", "iobj", "obl", "obl:mod", "obl:agent")
_PREDICATE_DEPS = ("aux", "aux:pass", "aux:tense", "cop")
_MAX_PHRASE = 120


@dataclass(frozen=True)
class Triple:
    subject: str | None = None
    predicate: str | None = None
    object: str | None = None


def _phrase(parsed: Any, token: Any) -> str:
    """The words a token governs, cut at a word boundary after `_MAX_PHRASE` characters."""
    tokens = list(token.subtree)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = parsed.text[start:end].strip(" ,;:«»\"")
    if len(text) > _MAX_PHRASE:
        text = text[:_MAX_PHRASE].rsplit(" ", 1)[0] + "…"
    return text


def _head_clause(root: Any, report_verbs: frozenset[str]) -> Any:
    if root.lemma_ in report_verbs:
        for child in root.children:
            if child.dep_ == "ccomp" and child.pos_ in {"VERB", "AUX", "ADJ", "NOUN"}:
                return child
    return root


def _triple_from_parse(parsed: Any, sentence: Span) -> Triple | None:
    span = parsed.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None:
        return None
    roots = [t for t in span if t.dep_ == "ROOT"]
    if not roots:
        return None
    head = _head_clause(roots[0], load_cues(parsed.lang).report_verbs)
    children = list(head.children)
    subject = next((c for c in children if c.dep_ in _SUBJECT_DEPS), None)
    auxiliaries = [c for c in children if c.dep_ in _PREDICATE_DEPS and c.i < head.i]
    obj = next((c for dep in _OBJECT_DEPS for c in children if c.dep_ == dep and c.i > head.i), None)
    predicate = " ".join(t.text for t in sorted([*auxiliaries, head], key=lambda t: t.i))
    return Triple(
        subject=_phrase(parsed, subject) if subject is not None else None,
        predicate=predicate or None,
        object=_phrase(parsed, obj) if obj is not None else None,
    )


def _triple(parsed: Any, sentence: Span, mentions: list[Mention], cue: str | None) -> Triple:
    if parsed.has_parser:  # 1
        found = _triple_from_parse(parsed, sentence)
        if found is not None:
            if found.subject is None and mentions:
                return Triple(mentions[0].text, found.predicate, found.object)
            return found
    return Triple(subject=mentions[0].text if mentions else None, predicate=cue)  # 2


def _quote_index(sentence: Span, quotes: tuple[Quote, ...]) -> int | None:
    best, best_overlap = None, 0
    for index, quote in enumerate(quotes):
        overlap = quote.span.overlap(sentence)
        if overlap > best_overlap:
            best, best_overlap = index, overlap
    return best


def _attribution_indexes(sentence: Span, attributions: tuple[Attribution, ...]) -> tuple[int, ...]:
    return tuple(
        i
        for i, a in enumerate(attributions)
        if a.span.overlap(sentence) > 0 or (a.scope is not None and a.scope.overlap(sentence) > 0)
    )


def _skipped(sentence: Span, skip: tuple[Span, ...]) -> bool:
    return any(s.start <= sentence.start and sentence.end <= s.end for s in skip)


def extract_claims(
    parsed: Any,
    entities: tuple[Entity, ...],
    mentions: tuple[Mention, ...],
    figures: tuple[Figure, ...] = (),
    quotes: tuple[Quote, ...] = (),
    attributions: tuple[Attribution, ...] = (),
    skip: tuple[Span, ...] = (),
) -> tuple[Claim, ...]:
    """One Claim per check-worthy sentence of `parsed`, in text order (see the module docstring).

    `entities` is accepted for symmetry with the other stages; mentions carry the ids.
    Sentences wholly inside a `skip` span (subheadings) give no claim.
    """
    claims: list[Claim] = []
    folded = fold_text(parsed.text)
    for sentence in parsed.sentences:
        skipped = _skipped(sentence, skip)
        if skipped and not _may_state(parsed.text, sentence):
            continue
        statements = _statements(parsed, sentence, quotes, attributions, folded)
        if skipped and not any(result.modality in _MARKED for _, result in statements):
            continue  # a subheading is a label unless it denies or hedges ("Bamako dément toute présence russe")
        if not any(_check_worthy(span, result, mentions, figures, quotes) for span, result in statements):
            continue
        claims.extend(_claim(parsed, span, result, mentions, figures, quotes, attributions) for span, result in statements)
    return tuple(claims)


def _may_state(text: str, sentence: Span) -> bool:
    """A subheading of a few words may state something; a one-word label does not."""
    return len(sentence.of(text).split()) >= 3


def _check_worthy(
    span: Span, modality: ModalityResult, mentions: tuple[Mention, ...], figures: tuple[Figure, ...],
    quotes: tuple[Quote, ...],
) -> bool:
    """Names someone, holds a figure or a quote, or says how sure it is."""
    return (
        modality.modality in _MARKED
        or any(m.span.overlap(span) > 0 for m in mentions)
        or any(f.span.overlap(span) > 0 for f in figures)
        or _quote_index(span, quotes) is not None
    )


def _statements(
    parsed: Any, sentence: Span, quotes: tuple[Quote, ...], attributions: tuple[Attribution, ...], folded: str
) -> list[tuple[Span, ModalityResult]]:
    """The sentence with its modality; or its clauses, each with its own, when they differ
    ("Il vivrait à Abidjan, ce que les autorités ont démenti": conditional, then denied)."""
    whole = classify_modality(parsed, sentence, quotes, attributions, folded_text=folded)
    clauses = clause_spans(parsed, sentence, folded)
    if len(clauses) < 2:
        return [(sentence, whole)]
    # within a clause only the attribution phrases it holds count, not their sentence-wide scope
    local = tuple(replace(a, scope=None) for a in attributions if a.span.overlap(sentence) > 0)
    parts = [(clause, classify_modality(parsed, clause, quotes, local, folded_text=folded)) for clause in clauses]
    if len({result.modality for _, result in parts}) < 2:
        return [(sentence, whole)]
    return parts


def _claim(
    parsed: Any,
    span: Span,
    modality: ModalityResult,
    mentions: tuple[Mention, ...],
    figures: tuple[Figure, ...],
    quotes: tuple[Quote, ...],
    attributions: tuple[Attribution, ...],
) -> Claim:
    inside = [m for m in mentions if m.span.overlap(span) > 0]
    entity_ids = tuple(dict.fromkeys(m.entity_id for m in inside))
    figure_indexes = tuple(i for i, f in enumerate(figures) if f.span.overlap(span) > 0)
    quote_index = _quote_index(span, quotes)
    attribution_indexes = _attribution_indexes(span, attributions)
    triple = _triple(parsed, span, inside, modality.cue)
    return Claim(
        id=stable_id("c", parsed.article_id, f"{span.start}:{span.end}"),
        span=span,
        text=span.of(parsed.text),
        modality=modality.modality,
        subject=triple.subject,
        predicate=triple.predicate,
        object=triple.object,
        entity_ids=entity_ids,
        figure_indexes=figure_indexes,
        attribution_indexes=attribution_indexes,
        quote_index=quote_index,
        cue=modality.cue,
    )


_MARKED = frozenset({"denied", "conditional", "hedged"})
