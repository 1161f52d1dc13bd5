"""Indirect quotes (steps 7-8b of the cascade in quotes.py): "X a affirmé que …", "Clause, a
indiqué X.", "Selon lui, …", "Selon <one person>, …"."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from recoupe.analyze.quote_cues import (
    _FINAL,
    _MARK_CHARS,
    QuoteCandidate,
    _according_at,
    _cue_after,
    _paragraph_start,
    _sentence_end,
    _sentence_start,
    _verb_subject,
    _words,
)
from recoupe.analyze.quote_lexicon import QuoteLexicon, find_known_source, load_lexicon
from recoupe.analyze.quote_marks import trim_span
from recoupe.analyze.speakers import SpeakerGuess, describe, np_after, sentence_subject
from recoupe.model import Span, Speaker

__all__ = ["indirect_quotes", "overlaps"]


def _bare_clause(text: str, verb: re.Match[str], lex: QuoteLexicon) -> re.Match[str] | None:
    """The start of a clause reported without "that" ("Keïta said no soldier was on board")."""
    if verb.group(0).lower() not in lex.cues.get("bare_clause_verbs", []):
        return None
    adjuncts = "|".join(sorted(lex.cues.get("bare_clause_adjuncts", []), key=len, reverse=True))  # "said in a statement it was …"
    skip = rf"(?:[ \u00a0]+(?:{adjuncts})(?![\w’'-]))*" if adjuncts else ""
    gap = re.compile(skip + r"[ \u00a0]+(?=[\w’'-]+)", re.IGNORECASE).match(text, verb.end())
    if gap is None:
        return None
    first = re.match(r"[\w’'-]+", text[gap.end() :])
    if first is None or first.group(0).lower() in lex.cues.get("not_clause_starts", []):
        return None
    return gap


_MIN_OWN_WORDS = 3  # a reported clause around a quoted phrase: "la situation restait « sous contrôle »"


def _reported_clauses(text: str, start: int, lex: QuoteLexicon, taken: list[Span]) -> list[Span]:
    """The clauses a speech verb reports from `start` to the sentence end: "que A et que B"
    gives A and B. A clause may hold a short direct quote (« depuis des années ») when it has
    words of its own around it."""
    end = _sentence_end(text, start)
    joiners = "|".join(re.escape(w) for w in lex.cues.get("clause_coordinators", []))
    pieces, begin = [], start
    if joiners:
        split = re.compile(rf",?\s+(?:{joiners})\s+{lex.that.pattern}\s*", re.IGNORECASE)
        for match in split.finditer(text, start, end):
            pieces.append((begin, match.start()))
            begin = match.end()
    pieces.append((begin, end))
    out = []
    for begin, stop in pieces:
        clause = trim_span(text, begin, stop, ",")
        if _words(clause.of(text)) < 3 or text[clause.start] in _MARK_CHARS or _quoted_complement(text, clause, lex):
            continue
        inside = [o for o in taken if clause.overlap(o) > 0]
        if any(o.start < clause.start or o.end > clause.end for o in inside):
            continue
        if inside and _words(clause.of(text)) - sum(_words(o.of(text)) for o in inside) < _MIN_OWN_WORDS:
            continue
        out.append(clause)
    return out


def _quoted_complement(text: str, clause: Span, lex: QuoteLexicon) -> bool:
    """"assuré avoir « toujours respecté la convention »": the infinitive's complement is the
    quote itself, a direct quote and no reported clause."""
    first = re.match(r"[\w’'-]+[ \u00a0\u202f]*", text[clause.start : clause.start + 40])
    starts = {w.lower() for w in lex.cues.get("infinitive_clause_starts", [])}
    return first is not None and first.group(0).strip().lower() in starts and text[
        clause.start + first.end() : clause.start + first.end() + 1] in _MARK_CHARS



@dataclass(frozen=True)
class _ClauseOpeners:
    """The patterns that open a reported clause after a speech verb, compiled once per language."""

    that_after: re.Pattern[str]  # "a affirmé (à l'AFP, lundi) que"
    that_now: re.Pattern[str]  # "a affirmé que"
    told_object: re.Pattern[str] | None  # "told Reuters …"
    infinitive: re.Pattern[str] | None  # "disent avoir entendu …"


@functools.lru_cache(maxsize=4)
def _clause_openers(lang: str) -> _ClauseOpeners:
    lex = load_lexicon(lang)
    incise = r"(?:\s*,[^,.;:«»\"“”\n]{1,50},)?"  # "estiment, sous couvert d’anonymat, que"
    link = incise + (r"(?:\s+[^\s.;:«»\"“”]+){0,6}?\s+" if lang == "fr" else r"(?:\s+[^\s.;:«»\"“”]+){0,4}?\s+")
    starts = "|".join(re.escape(w) for w in lex.cues.get("infinitive_clause_starts", []))
    return _ClauseOpeners(
        that_after=re.compile(link + lex.that.pattern, re.IGNORECASE),
        that_now=re.compile(r"\s*" + lex.that.pattern, re.IGNORECASE),
        told_object=re.compile(r"\s+(?:[A-Z][\w-]*(?:\.[\w-]+)*\s+){1,3}(?![A-Z][\w-]*[,.])") if lang == "en" else None,
        infinitive=re.compile(rf"\s+(?=(?:{starts})\b)", re.IGNORECASE) if starts else None,
    )


def indirect_quotes(text: str, lex: QuoteLexicon, persons: Sequence[Span], taken: list[Span]) -> list[QuoteCandidate]:
    out: list[QuoteCandidate] = []
    openers = _clause_openers(lex.lang)
    for verb in lex.verb_phrase.finditer(text):
        that = openers.that_after.match(text, verb.end()) or openers.that_now.match(text, verb.end())
        if that is None and openers.told_object is not None and verb.group(0).lower().endswith(("told", "tells")):
            that = openers.told_object.match(text, verb.end())
        if that is None:
            that = _bare_clause(text, verb, lex)
        denial = verb.group(0).lower().split()[-1] in lex.denial_verbs  # "dément avoir visé": a denial
        if denial and that is not None and that.group(0).strip().lower() not in _THAT_WORDS and "," not in that.group(0):
            continue  # "denied reports that …": the clause is the reports', not the denier's
        if that is None and openers.infinitive is not None and not denial:  # "disent avoir entendu …"
            that = openers.infinitive.match(text, verb.end())
        if that is None:
            continue
        clauses = _reported_clauses(text, that.end(), lex, taken)
        if not clauses:
            continue
        guess = _verb_subject(text, verb, _sentence_start(text, verb.start()), lex, persons)
        if guess is None:
            continue
        out.extend(QuoteCandidate(c, False, guess, verb.group(0), Span(verb.start(), verb.end())) for c in clauses)
    out.extend(_postposed(text, lex, persons, taken))
    out.extend(_participle_reports(text, lex, persons, taken))
    out.extend(_according(text, lex, taken))
    out.extend(_according_someone(text, lex, persons, taken))
    return [c for c in out if not _in_heading(text, c.span)]


_PAST_CLOSING = re.compile(rf"[\s{_MARK_CHARS}]*")


def _participle_reports(text: str, lex: QuoteLexicon, persons: Sequence[Span], taken: list[Span]) -> list[QuoteCandidate]:
    """Step 7c: ", adding that …", ", ajoutant que …", "tout en assurant que …": the clause is
    reported by the subject of the sentence the participle continues."""
    out: list[QuoteCandidate] = []
    for cue in lex.gerund_cue.finditer(text):
        if not lex.that.search(cue.group(0)):
            continue
        clauses = _reported_clauses(text, cue.end(), lex, taken)
        start = _sentence_start(text, cue.start())
        guess = sentence_subject(text, start, cue.start(), lex, persons) if clauses else None
        if guess is None and clauses:  # "« … », a déclaré le préfet, tout en assurant que": the quote's speaker
            ends = [q.end for q in taken if start <= q.end <= cue.start()]
            close = _PAST_CLOSING.match(text, ends[-1]) if ends else None
            after = _cue_after(text, close.end(), lex, persons) if close is not None else None
            guess = after[0] if after is not None else None
        if guess is not None:
            span = trim_span(text, cue.start(), cue.end(), ", ")
            out.extend(QuoteCandidate(c, False, guess, span.of(text), span) for c in clauses)
    return out


_THAT_WORDS = {"que", "qu’", "qu'", "that"}
_HEADING_WORDS = 25  # a line this short without final punctuation is a title or a subheading


def _in_heading(text: str, span: Span) -> bool:
    """Whether `span` lies on a title line ("Burkina : le gouvernement annonce avoir déjoué un
    putsch"): headlines report in shorthand what the body reports in full."""
    start = _paragraph_start(text, span.start)
    end = text.find("\n", span.start)
    line = text[start : end if end >= 0 else len(text)].rstrip()
    return bool(line) and line[-1] not in _FINAL + "»”\"" and _words(line) <= _HEADING_WORDS


_DATELINE = re.compile(r"[A-ZÀ-Ý][^\n().,]{0,30},[^\n()]{1,30}\([^()\n]{1,40}\)\s*[–—-]\s*")
_MAX_TAIL_WORDS = 12  # "a indiqué le ministre de l’Agriculture, Bamba Koné, à l’AOAP": subject + place


def _postposed(text: str, lex: QuoteLexicon, persons: Sequence[Span], taken: list[Span]) -> list[QuoteCandidate]:
    """Step 7b: "Clause, a indiqué une source à l’AOAP." / "Clause, a security source said."

    The cue closes the sentence; the reported clause runs from the sentence start (after a
    dateline) to the comma before the cue."""
    out: list[QuoteCandidate] = []
    for comma in re.finditer(r",", text):
        after = _cue_after(text, comma.start(), lex, persons)
        if after is None:
            continue
        guess, cue = after
        if guess is None or guess.speaker.kind == "organisation" and find_known_source(guess.speaker.name):
            continue  # an agency or a medium credited at the end of a sentence: an attribution only (step 8b)
        if lex.lang == "en" and guess.pronoun_gender is not None:
            continue  # "…, said they had not …": English puts no pronoun after its verb; a new clause starts

        if _according_at(text, cue.start, lex) is not None:
            continue
        end = _sentence_end(text, cue.end)
        tail = _before_participle(text[cue.end : end], lex)  # ", a local official said, giving …"
        if _words(tail) > _MAX_TAIL_WORDS or lex.that.search(tail) or any(m in tail for m in _MARK_CHARS):
            continue
        subject_end = guess.speaker.span.end if guess.speaker.span is not None else cue.end
        rest = re.findall(r"[\w’'-]+", text[max(cue.end, subject_end) : end].lower())
        if rest and rest[0] in lex.cues.get("clause_coordinators", []):
            continue  # "…, reported four executives and a deadline": an object, not a subject
        start = _sentence_start(text, comma.start())
        dateline = _DATELINE.match(text, start, comma.start())
        clause = trim_span(text, dateline.end() if dateline else start, comma.start(), ", ")
        if _words(clause.of(text)) < 4 or any(m in clause.of(text) for m in _MARK_CHARS) or overlaps(clause, taken):
            continue
        out.append(QuoteCandidate(clause, False, guess, cue.of(text), cue))
    return out


def _before_participle(tail: str, lex: QuoteLexicon) -> str:
    """The tail of a sentence up to a participial phrase that comments the report: ", giving a
    higher toll", ", ajoutant que …"."""
    suffix = r"\w+ing" if lex.lang == "en" else r"\w+ant"
    match = re.search(rf",\s+(?:{suffix})\b", tail)
    return tail[: match.start()] if match else tail


def _according(text: str, lex: QuoteLexicon, taken: list[Span]) -> list[QuoteCandidate]:
    """Step 8: "Selon lui, …" reports what an introduced speaker says; "Selon X, …" with a
    named source is an attribution only (the gold format's rule), not a quote."""
    out: list[QuoteCandidate] = []
    cues = "|".join(re.escape(c) for c in lex.cues.get("according", []))
    pronouns = "|".join(re.escape(p) for p in lex.stressed_pronouns)
    if not cues or not pronouns:
        return out
    for match in re.finditer(rf"(?<![\w’'])(?:{cues})\s+({pronouns})\b", text, re.IGNORECASE):
        pronoun = match.group(1)
        start = _sentence_start(text, match.start())
        if not text[start : match.start()].strip(" ,"):  # "Selon lui, clause."
            clause = trim_span(text, match.end(), _sentence_end(text, match.end()), ", ")
        else:  # "clause, selon lui."
            clause = trim_span(text, start, match.start(), ", ")
        if _words(clause.of(text)) >= 3 and not overlaps(clause, taken):
            at = Span(match.start(1), match.end(1))
            guess = SpeakerGuess(
                Speaker(pronoun.lower(), "unknown", span=at), pronoun_gender=lex.stressed_pronouns[pronoun.lower()]
            )
            cue = text[match.start() : match.end()]
            out.append(QuoteCandidate(clause, False, guess, cue, Span(match.start(), match.end())))
    return out


def _according_someone(text: str, lex: QuoteLexicon, persons: Sequence[Span], taken: list[Span]) -> list[QuoteCandidate]:
    """Step 8b: a sentence opening on "Selon <someone>, …" reports what one person says: a named
    person, an office holder, one anonymous source ("Selon une source militaire, …"); "Selon
    l’AFP, qui cite un notable, …" reports the notable. An agency, a body, a document or several
    sources alone stay attributions (step 8)."""
    out: list[QuoteCandidate] = []
    cues = "|".join(re.escape(c) for c in lex.cues.get("according", []))
    if not cues:
        return out
    for match in re.finditer(rf"(?:^|(?<=[.!?…»”\n])[\s\u00a0]*)((?:{cues})\s+)", text, re.IGNORECASE | re.MULTILINE):
        at = match.end(1)
        source = _source_to_comma(text, at, lex)
        if source is None:
            continue
        guess, after = _cited_source(text, source.end, lex, persons)
        if guess is None:
            guess, after = describe(text, source, lex, persons), _past_incise(text, source.end, lex)
            if not _one_speaker(guess, lex, persons):
                continue
        if guess is None or not text.startswith(",", after):
            continue
        clause = trim_span(text, after + 1, _sentence_end(text, after + 1), ", ")
        inside = [o for o in taken if clause.overlap(o) > 0]
        if _words(clause.of(text)) - sum(_words(o.of(text)) for o in inside) < 4:
            continue
        cue = Span(match.start(1), at)
        out.append(QuoteCandidate(clause, False, guess, cue.of(text).strip(), trim_span(text, cue.start, cue.end, " ")))
    return out


def _source_to_comma(text: str, at: int, lex: QuoteLexicon) -> Span | None:
    """The source after "selon", up to its comma: a noun phrase with its apposition ("le ministre
    de la Sécurité, Bertrand Kaboré") or with a place ("une source au ministère des Mines")."""
    source = np_after(text, at, lex, max_words=10)
    if source is not None and text.startswith(",", source.end):
        return source
    comma = re.compile(r"[^,.;:!?«»\"“”\n]{2,70}(?=,)").match(text, at)
    return trim_span(text, at, comma.end(), " ") if comma else None


def _cited_source(text: str, pos: int, lex: QuoteLexicon, persons: Sequence[Span]) -> tuple[SpeakerGuess | None, int]:
    """", qui cite un notable de la zone" after an agency: the notable and where the phrase ends."""
    for citing in lex.citing:
        head = re.compile(rf",[\s\u00a0]*{re.escape(citing)}\s+", re.IGNORECASE).match(text, pos)
        if head is None:
            continue
        cited = np_after(text, head.end(), lex, max_words=8)
        if cited is not None:
            return describe(text, cited, lex, persons), cited.end
    return None, pos


def _past_incise(text: str, pos: int, lex: QuoteLexicon) -> int:
    """Past ", qui a requis l’anonymat" after a source: the comma that opens the clause."""
    incise = re.compile(r",[\s\u00a0]*([\w’']+)[^,.;:!?«»\n]{0,60}(?=,)").match(text, pos)
    openers = lex.incise_openers | set(lex.cues.get("sollicited", [])) | set(lex.cues.get("relay_participles", []))
    return incise.end() if incise is not None and incise.group(1).lower() in openers else pos


def _one_speaker(guess: SpeakerGuess | None, lex: QuoteLexicon, persons: Sequence[Span]) -> bool:
    """A person named as such (a PER entity), an office holder or a single anonymous source: not
    a body, an agency or "la même source" (the attribution step counts those)."""
    if guess is None or guess.pronoun_gender is not None or guess.plural:
        return False
    name = guess.speaker.name.lower()
    if any(a in name for a in lex.same_source_anaphors):
        return False
    if guess.speaker.kind == "person":
        span = guess.speaker.span
        return span is not None and any(span.start <= p.start and p.end <= span.end for p in persons)
    return guess.speaker.kind in {"official", "anonymous"}


def overlaps(span: Span, others: list[Span]) -> bool:
    """Whether `span` overlaps one of `others` (sorted by start, disjoint: the direct quotes)."""
    at = bisect.bisect_left(others, span.start, key=lambda o: o.start)
    return any(span.overlap(o) > 0 for o in others[max(0, at - 1) : at + 1])
