"""The cues around quotes: the speech verb and its speaker after a closing mark or before an
opening one, the subject of a cue verb, and the sentence bounds the quote extractors share
(split from quotes.py, which keeps the cascade; see its docstring for the numbered steps)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from recoupe.analyze.quote_lexicon import QuoteLexicon, inverted_pronoun
from recoupe.analyze.quote_marks import trim_span
from recoupe.analyze.speakers import SpeakerGuess, describe, np_after, np_before, sentence_subject
from recoupe.model import Span

__all__ = ["QuoteCandidate", "sentence_bounds"]


_MARK_CHARS = "«»“”„‹›\""
_FINAL = ".!?…"
_SENTENCE_END = re.compile(r"[.!?…](?=[\s»”\"]*(?:\s+[A-ZÀ-Ý«“\"]|\s*$|\s*\n))|\n")


@dataclass(frozen=True)
class QuoteCandidate:
    """A quote before speaker resolution."""

    span: Span
    direct: bool
    guess: SpeakerGuess | None
    cue: str | None = None
    cue_span: Span | None = None
    inherits: bool = False  # a gerund cue or no cue: take a neighbour's speaker


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


_MAX_SPAN = 3000  # no sentence, quote context or paragraph look-back is longer: bounds the work


def _paragraph_start(text: str, pos: int) -> int:
    floor = max(0, pos - _MAX_SPAN)
    found = text.rfind("\n", floor, pos)
    return found + 1 if found >= 0 else floor


def _cue_after(text: str, pos: int, lex: QuoteLexicon, persons: Sequence[Span]) -> tuple[SpeakerGuess | None, Span] | None:
    """A speech cue right after a closing mark at `pos`: the speaker and the cue span."""
    head = re.compile(r"[ \t\u00a0\u202f]*(?:,|—|–|-)?[ \t\u00a0\u202f]*").match(text, pos)  # not past the paragraph
    at = head.end() if head else pos
    if at >= len(text) or text[at] == "\n":
        return None
    verb = lex.verb_phrase.match(text, at)
    if verb is not None:
        pron = inverted_pronoun(verb)
        if pron:
            span = Span(verb.end() - len(pron), verb.end()) if verb.group(0).endswith(pron) else Span(verb.start(), verb.end())
            return describe(text, Span(span.start, span.start + len(pron)), lex, persons) if text[
                span.start : span.start + len(pron)
            ].lower() == pron.lower() else _pronoun(text, verb, pron, lex, persons), Span(verb.start(), verb.end())
        subject_at = _skip_to_subject(text, verb.end(), lex)
        subject = np_after(text, subject_at, lex)
        subject = _with_apposed_name(text, subject) if subject else None
        guess = describe(text, subject, lex, persons) if subject else None
        return guess, Span(verb.start(), verb.end())
    if lex.lang == "en":  # "…,” he said / Traoré said / a CSPC manager told AOAP
        stop = re.compile(r"[.;:!?«»“”\"\n]").search(text, at, min(len(text), at + 120))
        verb = lex.verb_phrase.search(text, at, stop.start() if stop else min(len(text), at + 120))
        subject = trim_span(text, at, verb.start(), ",") if verb is not None else None
        first = re.match(r"[\w’'-]+", subject.of(text).lower()) if subject is not None else None
        participle = first is not None and (  # "citing a source", "and said": no subject here
            first.group(0).endswith("ing") or first.group(0) in lex.cues.get("clause_coordinators", [])
        )
        if verb is not None and subject is not None and 1 <= _words(subject.of(text)) <= 8 and not participle:
            return describe(text, subject, lex, persons), Span(verb.start(), verb.end())
    according = _according_at(text, at, lex)
    if according is not None:
        subject = np_after(text, according.end, lex)
        if subject is not None:
            return describe(text, subject, lex, persons), according
    return None


_APPOSED_NAME = re.compile(
    r"(?:\s+(?:à|au|in)\s+[A-ZÀ-Ý][\w’'-]+)?,[\s\u00a0]*[A-ZÀ-Ý][\w’'-]+(?:\s+[A-ZÀ-Ý][\w’'-]+){1,3}(?=[\s\u00a0]*(?:[.,;]|$))"
)


def _with_apposed_name(text: str, subject: Span) -> Span:
    """A role, a place and the name in apposition: "un porte-parole de l’entreprise à Moscou,
    Sergueï Volkov" (the noun phrase stops at "à")."""
    match = _APPOSED_NAME.match(text, subject.end)
    return Span(subject.start, match.end()) if match else subject


def _pronoun(text: str, verb: re.Match[str], pron: str, lex: QuoteLexicon, persons: Sequence[Span]) -> SpeakerGuess | None:
    idx = verb.group(0).lower().find(f"-{pron.lower()}")
    start = verb.start() + idx + 1
    return describe(text, Span(start, start + len(pron)), lex, persons)


def _skip_to_subject(text: str, pos: int, lex: QuoteLexicon) -> int:
    """Past what may stand between a verb and a postposed subject: a day, "à l'AFP", "to Reuters"."""
    pattern = re.compile(
        r"(?:\s+(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|mercredi soir|ce \w+|"
        r"on \w+day|(?:à|au|auprès de|to)\s+(?:l[’']|la |le )?"
        r"(?:[A-Z]{2,}(?![\w’'-])|(?:agence |[A-Z][\w’'-]*)(?:\s+[A-Z][\w-]*)*)))+",  # "à l’AOAP Mohamed Ag Intallah"
    )
    match = pattern.match(text, pos)
    return match.end() if match else pos


def _according_at(text: str, pos: int, lex: QuoteLexicon) -> Span | None:
    for cue in lex.cues.get("according", []):
        if text[pos : pos + len(cue)].lower() == cue:
            return Span(pos, pos + len(cue))
    return None


def _cue_before(
    text: str, open_at: int, floor: int, lex: QuoteLexicon, persons: Sequence[Span]
) -> tuple[SpeakerGuess | None, Span, bool] | None:
    """A cue before an opening mark: (speaker, cue span, inherits) or None."""
    window_start = max(floor, open_at - 160)
    before = text[window_start:open_at]
    gerund = next(reversed(list(lex.gerund_cue.finditer(before))), None)
    if gerund is not None and not before[gerund.end() :].strip(" \u00a0\u202f"):
        cue = Span(window_start + gerund.start(), window_start + gerund.end())
        clause_subject = sentence_subject(text, _sentence_start(text, cue.start), cue.start, lex, persons)
        return clause_subject, cue, clause_subject is None  # the clause's subject, else a neighbour
    last = next(reversed(list(lex.verb_phrase.finditer(before))), None)
    if last is None:
        return None
    gap = before[last.end() :]
    colon_gap = r"(?:\s+[^:«»“”\".!?]{1,40})?\s*:[\s\u00a0\u202f]*"
    plain_gap = r"(?:\s+(?:à|au|aux|to)\s+[^:«“\"]{1,40})?[\s\u00a0\u202f]*(?::|,|que|qu[’']|that)?[\s\u00a0\u202f]*"
    if not (re.fullmatch(plain_gap, gap) or re.fullmatch(colon_gap, gap)):
        return None
    verb_start = window_start + last.start()
    subject = np_before(text, verb_start, max(floor, _paragraph_start(text, open_at)), lex)
    guess = describe(text, subject, lex, persons) if subject else None
    if guess is None and _elided_subject(text, verb_start):
        guess = sentence_subject(text, _sentence_start(text, verb_start), verb_start, lex, persons)
    return guess, Span(verb_start, window_start + last.end()), guess is None


def _elided_subject(text: str, verb_start: int) -> bool:
    """A verb coordinated with an earlier one shares its subject: "… a fait état de X et affirmé
    que", "claimed the attack and said"."""
    return bool(re.search(r"\b(?:et|and)\s+$", text[max(0, verb_start - 8) : verb_start]))



def _sentence_end(text: str, pos: int) -> int:
    limit = min(len(text), pos + _MAX_SPAN)
    match = _SENTENCE_END.search(text, pos, limit)
    return match.start() if match else limit


_SENTENCE_GAP = re.compile(r"[.!?…]\s+(?=[A-ZÀ-Ý«“\"])")


def _sentence_start(text: str, pos: int) -> int:
    start = _paragraph_start(text, pos)
    for match in _SENTENCE_GAP.finditer(text, start, min(len(text), pos + 1)):
        if match.end() <= pos:
            start = match.end()
    return start


def _verb_subject(text: str, verb: re.Match[str], floor: int, lex: QuoteLexicon,
                  persons: Sequence[Span]) -> SpeakerGuess | None:
    """Who speaks through a cue verb: its pronoun resolved, else the noun phrase before it (not
    before `floor`), else, after an elided subject, the sentence's subject."""
    pron = inverted_pronoun(verb)
    if pron:
        guess = _pronoun(text, verb, pron, lex, persons)
    elif _elided_subject(text, verb.start()):  # "X urged … and called for": X, not "X urged … and"
        guess = sentence_subject(text, floor, verb.start(), lex, persons)
    else:
        subject = np_before(text, verb.start(), floor, lex)
        guess = describe(text, subject, lex, persons) if subject else None
    if guess is None and _elided_subject(text, verb.start()):
        guess = sentence_subject(text, floor, verb.start(), lex, persons)
    return guess


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence around `pos`, by punctuation and paragraph breaks (not spaCy's splitter)."""
    start = _sentence_start(text, pos)
    end = _sentence_end(text, pos)
    return start, min(len(text), end + 1) if end < len(text) and text[end] in _FINAL else end
