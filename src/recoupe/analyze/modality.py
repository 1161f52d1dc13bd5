"""Modality: does the article assert a sentence, report it, put it in the conditional, deny it?

Cascade, first match wins (`classify_modality`):
  1. denied      a denial cue ("dément", "Ce sont des rumeurs", "denied") or a negated
                 signature ("Nous n'avons rien signé", "aucune décision n'a été prise"),
                 unless the denial itself is negated ("n'a pas démenti").
  2. hedged      a hedge ("probablement", "il semblerait", "reportedly", "allegedly").
  3. conditional a French conditional verb ("serait payé", "pourrait porter"): the verb-ending
                 rule of lang/fr/modality_cues.json, confirmed by the parser's part of speech
                 when there is one (spaCy's Mood=Cnd alone also tags the imperfect "négociait"),
                 and not inside a relative clause ("un accord qui serait en vue");
                 English modal auxiliaries ("would be paid", "could cover"), except after a
                 reporting verb ("said the vote would be held": reported speech, step 5).
  4. quoted      at least half of the sentence lies inside a direct quote, or the quote opens the
                 sentence or closes it after a colon (the rest is cue and speaker); denied when the
                 quoted words hold a negation («Il n'y aura aucune baisse»).
  5. asserted    a negated reporting verb: the article states a silence ("n'a pas réagi",
                 "declined to comment").
  6. reported    an attribution covers the sentence ("selon X"), an indirect quote overlaps it,
                 or a reporting cue occurs ("a indiqué", "ont déclaré", "according to");
                 denied when the speaker's words (the indirect quote, or what follows a
                 speaker's verb, not "selon") hold a negation ("a affirmé que le convoi ne
                 transportait aucun soldat").
  7. asserted    otherwise.
Denial comes before quotation because the seeds' denials are quoted ("Nous n'avons rien signé").
The cues of the article's language are tried first, then those of the other language
(an English quote inside a French article).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from recoupe.analyze.entities import fold
from recoupe.model import Attribution, Quote, Span

__all__ = [
    "ModalityResult", "ModalityCues", "classify_modality", "load_cues", "is_french_conditional", "fold_text",
    "clause_spans",
]

_VERB_POS = {"VERB", "AUX"}


@dataclass(frozen=True)
class ModalityResult:
    modality: str  # model.Modality
    cue: str | None = None
    cue_span: Span | None = None


@dataclass(frozen=True)
class ModalityCues:
    """One language's cues, compiled."""

    lang: str
    denial: re.Pattern[str] | None
    denial_negated: re.Pattern[str] | None
    hedge: re.Pattern[str] | None
    report: re.Pattern[str] | None
    conditional_words: frozenset[str]
    conditional_forms: frozenset[str]
    endings: tuple[str, ...]
    stem_endings: tuple[str, ...]
    imperfect_stems: frozenset[str]
    report_verbs: frozenset[str]
    speaker_negation: re.Pattern[str] | None = None
    no_response: re.Pattern[str] | None = None
    sources_not_speakers: frozenset[str] = frozenset()
    clause_breaks: re.Pattern[str] | None = None
    not_denials: re.Pattern[str] | None = None  # negations that deny nothing: a rule, an emphasis


@functools.lru_cache(maxsize=4096)
def _fold_lower_char(char: str) -> str:
    folded = fold(char)
    return folded.lower() if len(folded.lower()) == 1 else folded


def _lower_fold(text: str) -> str:
    """`fold` then lower case, still one character for one (offsets stay valid).

    By translation table over the text's distinct characters: `fold` walks every character
    through unicodedata, which made this the costliest step of the claims stage."""
    return text.translate({ord(c): _fold_lower_char(c) for c in set(text)})


def fold_text(text: str) -> str:
    """The text as the cues see it: folded and lower-cased, one character for one."""
    return _lower_fold(text)


def _phrase_regex(phrase: str) -> str:
    return r"\s+".join(re.escape(p) for p in fold(phrase).lower().split())


def _compile(phrases: list[str], patterns: list[str]) -> re.Pattern[str] | None:
    # One word-boundary check around the whole alternation: a lookbehind in every branch
    # keeps the regex engine from skipping ahead by first character (about 30 times slower).
    parts = list(patterns)
    if phrases:
        words = "|".join(_phrase_regex(p) for p in sorted(phrases, key=len, reverse=True))
        parts.insert(0, rf"(?<!\w)(?:{words})(?!\w)")
    return re.compile("|".join(f"(?:{p})" for p in parts)) if parts else None


def _fold_pattern(pattern: str) -> str:
    # patterns are written with accents for readability; the text they run on is folded
    return fold(pattern)


@functools.lru_cache(maxsize=4)
def load_cues(lang: str) -> ModalityCues:
    """The compiled cues of lang/<lang>/modality_cues.json (French when `lang` has none)."""
    folder = lang if lang in {"fr", "en"} else "fr"
    data = json.loads(resources.files("recoupe").joinpath(f"lang/{folder}/modality_cues.json").read_text("utf-8"))
    cond = data["conditional"]
    return ModalityCues(
        lang=folder,
        denial=_compile(data["denial"]["phrases"], [_fold_pattern(p) for p in data["denial"]["patterns"]]),
        denial_negated=_compile([], [_fold_pattern(p) for p in data["denial"].get("negated", [])]),
        hedge=_compile(data["hedge"]["phrases"], [_fold_pattern(p) for p in data["hedge"]["patterns"]]),
        report=_compile(data["report"]["phrases"], [_fold_pattern(p) for p in data["report"]["patterns"]]),
        conditional_words=frozenset(fold(w).lower() for w in cond.get("words", [])),
        conditional_forms=frozenset(fold(w).lower() for w in cond.get("forms", [])),
        endings=tuple(cond.get("endings", [])),
        stem_endings=tuple(fold(s) for s in cond.get("stem_endings", [])),
        imperfect_stems=frozenset(fold(s) for s in cond.get("imperfect_stems", [])),
        report_verbs=frozenset(data.get("report_verbs", [])),
        speaker_negation=_compile([], [_fold_pattern(p) for p in data["denial"].get("speaker_negation", [])]),
        no_response=_compile([], [_fold_pattern(p) for p in data.get("no_response", [])]),
        sources_not_speakers=frozenset(fold(p).lower() for p in data["report"].get("sources_not_speakers", [])),
        clause_breaks=_compile([], [_fold_pattern(p) for p in data.get("clause_breaks", [])]),
        not_denials=_compile([], [_fold_pattern(p) for p in data["denial"].get("not_denials", [])]),
    )


def is_french_conditional(word: str, cues: ModalityCues) -> bool:
    """The verb-ending rule: future stem (ending in r) + imperfect ending.

    "serait", "déclarerait", "prendrait" are conditional; "négociait", "déclarait",
    "tirait", "livrait" (imperfects of verbs whose stem ends in r) are not.
    """
    folded = fold(word).lower().split("'")[-1]
    if folded in cues.conditional_forms:
        return True
    for ending in cues.endings:
        if folded.endswith(ending) and len(folded) > len(ending) + 1:
            stem = folded[: -len(ending)]
            return (
                stem.endswith("r")
                and stem.endswith(cues.stem_endings)
                and stem not in cues.imperfect_stems
            )
    return False


# ------------------------------------------------------------------- the steps


def _search(pattern: re.Pattern[str] | None, folded: str, offset: int, text: str) -> ModalityResult | None:
    if pattern is None:
        return None
    m = pattern.search(folded)
    if m is None:
        return None
    span = Span(offset + m.start(), offset + m.end())
    return ModalityResult("", text[span.start : span.end], span)


def _denial(folded: str, offset: int, text: str, cues: ModalityCues) -> ModalityResult | None:
    if cues.denial_negated is not None and cues.denial_negated.search(folded):
        return None
    return _search(cues.denial, folded, offset, text)


_AUXILIARY_DEPS = {"aux", "aux:pass", "aux:tense", "cop"}


def _in_relative_clause(token: Any) -> bool:
    """A conditional inside a relative clause ("un accord qui serait en vue") qualifies a
    noun, not the sentence's statement."""
    clause = token.head if token.dep_ in _AUXILIARY_DEPS else token
    if clause.dep_ not in {"acl:relcl", "acl"}:
        return False
    # the parser also hangs a main clause on a noun ("..., le gouvernement envisagerait"): a real
    # relative clause has its relative pronoun
    return any("PronType=Rel" in str(child.morph) for child in clause.children)


@functools.lru_cache(maxsize=4)
def _candidates(lang: str) -> re.Pattern[str]:
    """Words that may be conditional: a conditional ending or modal word, letters only ("agirait"
    of "s’agirait", "pourrait" of "pourrait-il"); the verb-ending rule then decides."""
    cues = load_cues(lang)
    endings = "|".join(re.escape(e) for e in sorted(cues.endings, key=len, reverse=True))
    words = "|".join(re.escape(w).replace("'", "['’]") for w in sorted(cues.conditional_words, key=len, reverse=True))
    parts = ([rf"[^\W\d_]+(?:{endings})"] if endings else []) + ([words] if words else [])
    return re.compile(rf"(?<![^\W\d_])(?:{'|'.join(parts) or '(?!)'})(?![^\W\d_])", re.IGNORECASE)


def _token_at(parsed: Any, start: int, end: int) -> Any:
    span = parsed.doc.char_span(start, end, alignment_mode="expand")
    return next((t for t in span if t.idx <= start < t.idx + len(t.text)), None) if span is not None else None


def _conditional(parsed: Any, sentence: Span, cues: ModalityCues) -> ModalityResult | None:
    """The first conditional word of the sentence: candidates by regex over the text (cheaper
    than walking every token), each confirmed by the parser's part of speech when there is one."""
    with_parser = parsed.has_parser and parsed.doc is not None
    for m in _candidates(cues.lang).finditer(parsed.text, sentence.start, sentence.end):
        word = m.group(0)
        modal = fold(word).lower() in cues.conditional_words
        if not modal and not is_french_conditional(word, cues):
            continue
        if with_parser:
            token = _token_at(parsed, m.start(), m.end())
            if token is None:
                continue
            verb_like = token.pos_ in _VERB_POS or "Mood=Cnd" in str(token.morph)
            if not modal and not verb_like or _in_relative_clause(token):
                continue
        return ModalityResult("conditional", word, Span(m.start(), m.end()))
    return None


_QUOTE_LEAD = re.compile(r"[\s«“\"„‹]*")
_QUOTE_TAIL = re.compile(r"[\s»”\"›.!?…]*")


def _inside_direct_quote(text: str, sentence: Span, quotes: tuple[Quote, ...]) -> Quote | None:
    """The direct quote the sentence is made of: it covers half the sentence, or it opens the
    sentence (« … », a déclaré X, <a long apposition>) or closes it after a colon (X a déclaré
    : « … »): the rest is the cue and its speaker."""
    for quote in quotes:
        if not quote.direct or quote.span.overlap(sentence) == 0:
            continue
        if sentence.overlap(quote.span) * 2 >= len(sentence) > 0:
            return quote
        opens = _QUOTE_LEAD.fullmatch(text, sentence.start, max(sentence.start, quote.span.start)) is not None
        closes = _QUOTE_TAIL.fullmatch(text, min(quote.span.end, sentence.end), sentence.end) is not None
        after_colon = text[max(sentence.start, quote.span.start - 4) : quote.span.start].rstrip("«“\" \u00a0\u202f").endswith(":")
        if opens and quote.span.start >= sentence.start or closes and after_colon:
            return quote
    return None


def _reported(sentence: Span, quotes: tuple[Quote, ...], attributions: tuple[Attribution, ...]) -> ModalityResult | None:
    for attribution in attributions:
        scope = attribution.scope or attribution.span
        if scope.overlap(sentence) > 0 or attribution.span.overlap(sentence) > 0:
            return ModalityResult("reported", attribution.source, attribution.span)
    for quote in quotes:
        if not quote.direct and quote.span.overlap(sentence) > 0:
            return ModalityResult("reported", quote.cue, quote.cue_span)
    return None


def _future_in_past(found: ModalityResult, folded: str, offset: int, cues: ModalityCues) -> bool:
    """An English modal after a reporting verb ("said the vote would be held") is reported speech."""
    if found.cue is None or found.cue_span is None or fold(found.cue).lower() not in cues.conditional_words:
        return False
    before = folded[: found.cue_span.start - offset]
    return cues.report is not None and cues.report.search(before) is not None


def _cue_sets(lang: str) -> tuple[ModalityCues, ...]:
    first = load_cues(lang)
    other = load_cues("en" if first.lang == "fr" else "fr")
    return first, other


def classify_modality(
    parsed: Any,
    sentence: Span,
    quotes: tuple[Quote, ...] = (),
    attributions: tuple[Attribution, ...] = (),
    folded_text: str | None = None,
) -> ModalityResult:
    """The modality of the sentence at `sentence` (see the module docstring's cascade).

    `folded_text` is `fold_text(parsed.text)` when the caller classifies many sentences of one
    text (folding once is cheaper than once per sentence)."""
    text = parsed.text
    if folded_text is None:
        folded = _lower_fold(text[sentence.start : sentence.end])
    else:
        folded = folded_text[sentence.start : sentence.end]
    cue_sets = _cue_sets(parsed.lang)
    for cues in cue_sets:  # 1
        found = _denial(folded, sentence.start, text, cues)
        if found:
            return ModalityResult("denied", found.cue, found.cue_span)
    for cues in cue_sets:  # 2
        found = _search(cues.hedge, folded, sentence.start, text)
        if found:
            return ModalityResult("hedged", found.cue, found.cue_span)
    for cues in cue_sets:  # 3
        found = _conditional(parsed, sentence, cues)
        if found and not _future_in_past(found, folded, sentence.start, cues):
            return found
    quote = _inside_direct_quote(text, sentence, quotes)  # 4
    overlapping = [q for q in quotes if q.span.overlap(sentence) > 0]
    if quote is not None:
        denial = _negated_quotes(text, sentence, [q for q in overlapping if q.direct], cue_sets, folded_text)
        return denial or ModalityResult("quoted", quote.cue, quote.cue_span)
    found = _search(cue_sets[0].no_response, folded, sentence.start, text)  # 5
    if found:
        return ModalityResult("asserted", found.cue, found.cue_span)
    denial = _negated_quotes(text, sentence, overlapping, cue_sets, folded_text)  # 6
    if denial:
        return denial
    found = _reported(sentence, quotes, attributions)
    for cues in cue_sets[:1]:  # another language's reporting words are this one's nouns ("accusés")
        cue = _search(cues.report, folded, sentence.start, text)
        if cue and cue.cue_span is not None and fold(cue.cue or "").lower() not in cues.sources_not_speakers:
            denial = _negated_speech(text, sentence, Span(cue.cue_span.end, sentence.end), cue_sets, folded_text)
            if denial:
                return denial
        found = found or (ModalityResult("reported", cue.cue, cue.cue_span) if cue else None)
    if found:
        return found
    return ModalityResult("asserted")  # 7


def _negated_quotes(
    text: str, sentence: Span, quotes: list[Quote], cue_sets: tuple[ModalityCues, ...], folded_text: str | None
) -> ModalityResult | None:
    for quote in quotes:
        denial = _negated_speech(text, sentence, quote.span, cue_sets, folded_text)
        if denial:
            return denial
    return None


def clause_spans(parsed: Any, sentence: Span, folded_text: str) -> list[Span]:
    """The clauses of a sentence that may carry their own modality, split at the language's
    clause breaks (", ce que …", ", une information que …", ", mais …"); [sentence] when none."""
    pattern = load_cues(parsed.lang).clause_breaks
    if pattern is None:
        return [sentence]
    cuts = [m for m in pattern.finditer(folded_text, sentence.start, sentence.end) if m.start() > sentence.start]
    if not cuts:
        return [sentence]
    bounds = [sentence.start, *(m.end() for m in cuts)]
    ends = [m.start() for m in cuts] + [sentence.end]
    return [Span(b, e) for b, e in zip(bounds, ends, strict=True) if e > b]


def _negated_speech(
    text: str, sentence: Span, said: Span, cue_sets: tuple[ModalityCues, ...],
    folded_text: str | None = None,
) -> ModalityResult | None:
    """A negation in what a speaker says (quoted, or after the reporting verb) is a denial."""
    start, end = max(sentence.start, said.start), min(sentence.end, said.end)
    if end <= start:
        return None
    folded = folded_text[start:end] if folded_text is not None else _lower_fold(text[start:end])
    for cues in cue_sets:
        if cues.speaker_negation is None:
            continue
        spared = [m.span() for m in cues.not_denials.finditer(folded)] if cues.not_denials is not None else []
        for m in cues.speaker_negation.finditer(folded):
            if any(a < m.end() and m.start() < b for a, b in spared):
                continue  # "Aucune société ne peut …", "jamais vu un tel afflux": no denial
            span = Span(start + m.start(), start + m.end())
            return ModalityResult("denied", text[span.start : span.end], span)
    return None
