"""Direct and indirect quotes, with their speakers.

`extract_quotes(parsed, mentions=())` finds quotes on the raw text (never inside spaCy's
sentences, which cut through « »), then names their speakers (speakers.py).

Direct quotes, cascade:
 1. pair the quote marks (quote_marks.py): reversed, unbalanced, multi-paragraph;
 2. a quote whose closer is missing and that runs to the end of the text without final
    punctuation was cut by truncation ("« Nou"): dropped;
 3. a cue after the closing mark (", a-t-il réagi", ", a dit le porte-parole, Baba Cissé",
    ", he said", ", said X") or before the opening one ("X a déclaré : «", "X a estimé qu'«")
    names the speaker; a gerund cue ("tout en insistant sur le fait qu'«") hands the quote
    to the speaker of the clause it continues;
 4. a quoted span without a cue is a quote only with at least `min_words_without_cue` words
    and no title cue before it (« sulfureuse », book titles and scare quotes are not quotes);
 4b. a sentence opening on "Pour X, «" gives the quote to X; a quote still without a cue
    takes the subject of a speech or fragment verb before it in its sentence; a shorter
    quoted fragment is a quote only then (X a qualifié le procès d’« expéditif »; said it was
    a "normal rotation");
 4c. else when it repeats words of a quote that has a speaker (a headline's « historique »);
 4d. else when it stands inside a reported clause (step 7-8b): the reporter's words;
 5. an orphan closing mark followed by a speech cue opens at the end of the previous quote
    (seed 001: "… coopération« . Ce sont des rumeurs. … », a dit le porte-parole");
 6. a quote without any cue shares the speaker of its neighbour in the same paragraph, or of
    the quote closing a run of quote-only paragraphs (« A » / « B » / « C », a martelé X);
    a quoted subheading takes the first speaker quoted below it.
A participle cue after a comma (", affirmant que «") gives the quote to its clause's subject; a
", selon un communiqué" after a quote gives way to a speaker named before it.
An incise splitting a quote (« A », a-t-il ajouté, « B ») gives two quotes sharing a speaker:
the seeds' gold counts them apart, and each part keeps its exact span.

Indirect quotes (direct=False, text = the reported clause):
 7. "X a affirmé (à l'AFP) que …", "X said (on Monday) that …", "X told Reuters (that) …";
    not a denial verb before a noun ("denied reports that …": the clause is the reports');
 7b. the cue closes the sentence: "Clause, a indiqué une source à l’AOAP.", "Clause, X said."; as
    with "Selon" (8b), a body or an agency there ("…, a indiqué le HCR", "…, Reuters reported")
    is an attribution only; in English a pronoun after the verb ("…, said they had …") opens
    the reported clause, it is no postposed subject;
 8. "Selon lui, …" / "…, selon elle." / "According to him, …": the pronoun points back to a
    speaker;
 8b. a sentence opening on "Selon <one person>, …" (a PER name, an office holder, one anonymous
    source) or "Selon l’AFP, qui cite <someone>, …" reports that person; "Selon" an agency, a
    body, a document or several sources is an attribution only.
Indirect quotes on a title line (no final punctuation) and a denial's infinitive ("dément avoir
visé des civils") are dropped. Quoted words come just before the reported clause holding them.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from recoupe.analyze.nlp import Parsed
from recoupe.analyze.quote_lexicon import QuoteLexicon, load_lexicon
from recoupe.analyze.quote_marks import MarkedQuote, pair_quote_marks, trim_span
from recoupe.analyze.speakers import (
    SpeakerGuess,
    describe,
    np_after,
    np_before,
    person_spans,
    resolve,
    sentence_subject,
)
from recoupe.model import Mention, Quote, Span, Speaker

__all__ = ["extract_quotes", "QuoteCandidate", "sentence_bounds"]

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
        pron = verb.groupdict().get("pron") or verb.groupdict().get("pron2")
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


_AUXILIARIES = {"a", "ont", "avait", "avaient", "has", "have", "had"}


def _title_before(text: str, open_at: int, lex: QuoteLexicon) -> bool:
    """A title cue just before the quote (l’opération appelée « Barkhane »), not a verb with its
    auxiliary (a appelé au « respect de l’ordre constitutionnel »)."""
    words = re.findall(r"[\w’'-]+", text[max(0, open_at - 60) : open_at].lower())
    return any(
        w in lex.title_cues and not _AUXILIARIES.intersection(words[max(0, i - 4) : i])
        for i, w in enumerate(words) if i >= len(words) - 2
    )


def _direct(text: str, lex: QuoteLexicon, persons: Sequence[Span]) -> tuple[list[QuoteCandidate], list[MarkedQuote]]:
    """Direct quotes, and the short quoted fragments rejected for want of a speaker (step 4c)."""
    marked, orphans = pair_quote_marks(text, lex.pairs, lex.continuation)
    out: list[QuoteCandidate] = []
    rejected: list[MarkedQuote] = []
    previous_end = 0
    for quote in marked:
        candidate = _from_marked(text, quote, previous_end, lex, persons)
        previous_end = (quote.close_at + 1) if quote.close_at is not None else quote.span.end
        if candidate is not None:
            out.append(candidate)
        elif quote.closed and 0 < _words(quote.span.of(text)) < lex.min_words_without_cue:
            rejected.append(quote)
    out.extend(_from_orphans(text, orphans, marked, lex, persons))
    return sorted(out, key=lambda c: c.span.start), rejected


def _from_marked(
    text: str, quote: MarkedQuote, floor: int, lex: QuoteLexicon, persons: Sequence[Span]
) -> QuoteCandidate | None:
    words = _words(quote.span.of(text))
    if words == 0:
        return None
    if not quote.closed and not text[quote.span.end :].strip() and text[quote.span.end - 1] not in _FINAL:
        return None  # step 2: cut by the article's end
    after = _cue_after(text, quote.close_at + 1, lex, persons) if quote.close_at is not None else None
    if after is not None and after[0] is None and _named_before(text, quote, floor, lex, persons):
        after = None  # "X ont salué une décision « exemplaire », selon un communiqué": X speaks
    if after is not None and words >= lex.min_words_with_cue:
        guess, cue = after
        return QuoteCandidate(quote.span, True, guess, cue.of(text), cue, inherits=guess is None)
    assert quote.open_at is not None
    before = _cue_before(text, quote.open_at, floor, lex, persons)
    if before is not None and words >= lex.min_words_with_cue:
        guess, cue, inherits = before
        return QuoteCandidate(quote.span, True, guess, cue.of(text), cue, inherits=inherits)
    if _title_before(text, quote.open_at, lex):
        return None
    fragment = _fragment(text, quote, lex, persons)
    if fragment is not None or words < lex.min_words_without_cue:
        return fragment
    return QuoteCandidate(quote.span, True, None, inherits=True)


def _named_before(text: str, quote: MarkedQuote, floor: int, lex: QuoteLexicon, persons: Sequence[Span]) -> bool:
    """Whether a cue before the quote names its speaker."""
    assert quote.open_at is not None
    before = _cue_before(text, quote.open_at, floor, lex, persons)
    if before is not None:
        return before[0] is not None
    return _fragment(text, quote, lex, persons) is not None


def _fragment(text: str, quote: MarkedQuote, lex: QuoteLexicon, persons: Sequence[Span]) -> QuoteCandidate | None:
    """Step 4b: a short quoted fragment is a quote when a speech verb with a speaker stands
    before it in its sentence ("X qualifie la décision d’« expropriation déguisée »")."""
    assert quote.open_at is not None
    guess: SpeakerGuess | None
    start = _sentence_start(text, quote.open_at)
    opener = _opinion_opener(text, start, quote.open_at, lex, persons)
    if opener is not None:
        guess, cue = opener
        return QuoteCandidate(quote.span, True, guess, cue.of(text), cue)
    verbs = [*lex.verb_phrase.finditer(text, start, quote.open_at), *lex.fragment_verb.finditer(text, start, quote.open_at)]
    if not verbs:
        return None
    verb = max(verbs, key=lambda m: m.start())
    guess = _verb_subject(text, verb, start, lex, persons)
    if guess is None:
        return None
    return QuoteCandidate(quote.span, True, guess, verb.group(0), Span(verb.start(), verb.end()))


def _opinion_opener(
    text: str, start: int, open_at: int, lex: QuoteLexicon, persons: Sequence[Span]
) -> tuple[SpeakerGuess, Span] | None:
    """"Pour l’économiste Ibrahim Moussa, « … »": the sentence opens on its speaker."""
    words = "|".join(re.escape(w) for w in lex.cues.get("opinion_openers", []))
    if not words:
        return None
    match = re.compile(rf"((?:{words})\s+)([^,«»\"“”.;:]{{2,60}}(?:,[^,«»\"“”.;:]{{2,40}})?),[\s\u00a0\u202f]*$", re.I).match(
        text, start, open_at
    )
    if match is None:
        return None
    guess = describe(text, Span(match.start(2), match.end(2)), lex, persons)
    if guess is None or guess.pronoun_gender is not None:
        return None
    return guess, trim_span(text, match.start(1), match.end(1))


def _echoes(text: str, fragments: list[MarkedQuote], found: list[QuoteCandidate]) -> list[QuoteCandidate]:
    """Step 4c: a short fragment repeating words of a quote with a speaker (a headline's
    un prix « historique ») is that speaker's."""
    out = []
    for fragment in fragments:
        words = fragment.span.of(text).lower()
        pattern = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)")
        source = next(
            (c for c in found if c.direct and c.guess is not None and c.span != fragment.span
             and _words(c.span.of(text)) > _words(words) and pattern.search(c.span.of(text).lower())),
            None,
        )
        if source is not None:
            out.append(QuoteCandidate(fragment.span, True, source.guess, None, None))
    return out


def _from_orphans(
    text: str, orphans: list[int], marked: list[MarkedQuote], lex: QuoteLexicon, persons: Sequence[Span]
) -> list[QuoteCandidate]:
    out = []
    ends = sorted(q.close_at + 1 if q.close_at is not None else q.span.end for q in marked)
    for pos in orphans:
        after = _cue_after(text, pos + 1, lex, persons)
        if after is None:
            continue
        start = _paragraph_start(text, pos)
        at = bisect.bisect_right(ends, pos)
        if at and ends[at - 1] >= start:
            start = ends[at - 1]
        span = trim_span(text, start, pos, ".,;: " + _MARK_CHARS)
        if _words(span.of(text)) >= max(2, lex.min_words_with_cue):
            guess, cue = after
            out.append(QuoteCandidate(span, True, guess, cue.of(text), cue, inherits=guess is None))
    return out


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


def _bare_clause(text: str, verb: re.Match[str], lex: QuoteLexicon) -> re.Match[str] | None:
    """The start of a clause reported without "that" ("Keïta said no soldier was on board")."""
    if verb.group(0).lower() not in lex.cues.get("bare_clause_verbs", []):
        return None
    gap = re.compile(r"[ \u00a0]+(?=[\w’'-]+)").match(text, verb.end())
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


def _verb_subject(text: str, verb: re.Match[str], floor: int, lex: QuoteLexicon,
                  persons: Sequence[Span]) -> SpeakerGuess | None:
    """Who speaks through a cue verb: its pronoun resolved, else the noun phrase before it (not
    before `floor`), else, after an elided subject, the sentence's subject."""
    pron = verb.groupdict().get("pron") or verb.groupdict().get("pron2")
    if pron:
        guess = _pronoun(text, verb, pron, lex, persons)
    else:
        subject = np_before(text, verb.start(), floor, lex)
        guess = describe(text, subject, lex, persons) if subject else None
    if guess is None and _elided_subject(text, verb.start()):
        guess = sentence_subject(text, floor, verb.start(), lex, persons)
    return guess


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
    link = r"(?:\s+[^\s.;:«»\"“”]+){0,6}?\s+" if lang == "fr" else r"(?:\s+[^\s.;:«»\"“”]+){0,4}?\s+"
    starts = "|".join(re.escape(w) for w in lex.cues.get("infinitive_clause_starts", []))
    return _ClauseOpeners(
        that_after=re.compile(link + lex.that.pattern, re.IGNORECASE),
        that_now=re.compile(r"\s*" + lex.that.pattern, re.IGNORECASE),
        told_object=re.compile(r"\s+(?:[A-Z][\w-]*(?:\.[\w-]+)*\s+){1,3}") if lang == "en" else None,
        infinitive=re.compile(rf"\s+(?=(?:{starts})\b)", re.IGNORECASE) if starts else None,
    )


def _indirect(text: str, lex: QuoteLexicon, persons: Sequence[Span], taken: list[Span]) -> list[QuoteCandidate]:
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
    out.extend(_according(text, lex, taken))
    out.extend(_according_someone(text, lex, persons, taken))
    return [c for c in out if not _in_heading(text, c.span)]


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
        if guess is None or guess.speaker.kind == "organisation":
            continue  # a body or an agency credited at the end of a sentence: an attribution only (step 8b)
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
        if _words(clause.of(text)) < 4 or any(m in clause.of(text) for m in _MARK_CHARS) or _overlaps(clause, taken):
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
        if _words(clause.of(text)) >= 3 and not _overlaps(clause, taken):
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


def _overlaps(span: Span, others: list[Span]) -> bool:
    """Whether `span` overlaps one of `others` (sorted by start, disjoint: the direct quotes)."""
    at = bisect.bisect_left(others, span.start, key=lambda o: o.start)
    return any(span.overlap(o) > 0 for o in others[max(0, at - 1) : at + 1])


def _inherit(text: str, found: list[QuoteCandidate]) -> list[QuoteCandidate]:
    """Step 6: a quote without its own speaker takes its neighbour's in the same paragraph."""
    out = list(found)
    for i, cand in enumerate(out):
        if cand.guess is not None or not cand.inherits:
            continue
        para = _paragraph_start(text, cand.span.start)
        for j in [*range(i - 1, -1, -1), *range(i + 1, len(out))]:
            other = out[j]
            if other.guess is not None and other.direct and abs(_paragraph_start(text, other.span.start) - para) <= 0 or (
                other.guess is not None and j < i and other.direct and para - other.span.end < 400
            ):
                out[i] = replace(cand, guess=other.guess)
                break
        else:
            following = _next_in_run(text, out, i)
            if following is not None:
                out[i] = replace(cand, guess=following)
    return out


def _below_quoted_heading(text: str, found: list[QuoteCandidate], speakers: list[Speaker | None]) -> list[Speaker | None]:
    """A subheading that is a quote without a speaker (« Une attaque d’une rare violence ») is the
    words of the first speaker quoted in the section below it."""
    out = list(speakers)
    for i, cand in enumerate(found):
        current = out[i]
        if not cand.direct or (current is not None and current.kind != "unknown") or not _whole_line(text, cand.span):
            continue
        reach = cand.span.end + _LAST_SPEAKER_REACH
        out[i] = next((s for c, s in zip(found[i + 1 :], out[i + 1 :], strict=True)
                       if c.direct and s is not None and s.kind != "unknown" and c.span.start < reach), out[i])
    return out


def _whole_line(text: str, span: Span) -> bool:
    line_start = _paragraph_start(text, span.start)
    line_end = text.find("\n", span.end)
    before = text[line_start : span.start].strip(_MARK_CHARS + " ")
    after = text[span.end : line_end if line_end >= 0 else len(text)].strip(_MARK_CHARS + " .!?…")
    return not before and not after


def _next_in_run(text: str, found: list[QuoteCandidate], i: int) -> SpeakerGuess | None:
    """Quote-only paragraphs in a row (« A » / « B » / « C », a martelé X) share the speaker
    named at the end of the run."""
    end = found[i].span.end
    for other in found[i + 1 :]:
        if not other.direct or text[end : other.span.start].strip(_MARK_CHARS + " \u00a0\u202f\n.,;!?…"):
            return None
        if other.guess is not None:
            return other.guess
        end = other.span.end
    return None


def extract_quotes(parsed: Parsed, mentions: Sequence[Mention] = ()) -> tuple[Quote, ...]:
    """Every direct and indirect quote of `parsed.text`, with its speaker when one is found."""
    text = parsed.text
    lex = load_lexicon(parsed.lang)
    persons = person_spans(parsed.doc, mentions)
    direct, fragments = _direct(text, lex, persons)
    direct = _inherit(text, direct)
    direct = sorted(direct + _echoes(text, fragments, direct), key=lambda c: c.span.start)
    taken = sorted((c.span for c in direct), key=lambda sp: sp.start)
    indirect = _indirect(text, lex, persons, taken)
    indirect = _dedupe(indirect)
    direct += _inside_reports(text, fragments, direct, indirect)
    found = _back_to_last_speaker(_in_reading_order(direct + indirect), lex)
    speakers = resolve(text, [c.guess for c in found], [c.span.start for c in found], lex, persons)
    speakers = _below_quoted_heading(text, found, speakers)
    return tuple(
        Quote(
            span=c.span,
            text=_quote_text(text, c.span),
            direct=c.direct,
            speaker=speaker,
            cue=c.cue,
            cue_span=c.cue_span,
            lang=parsed.lang,
        )
        for c, speaker in zip(found, speakers, strict=True)
    )


def _inside_reports(
    text: str, fragments: list[MarkedQuote], direct: list[QuoteCandidate], indirect: list[QuoteCandidate]
) -> list[QuoteCandidate]:
    """Step 4d: a short fragment inside a reported clause is the reporter's words ("Selon une
    source militaire, …, les autres suspects étant « activement recherchés »")."""
    out = []
    have = {c.span for c in direct}
    for fragment in fragments:
        holder = next((c for c in indirect if c.guess is not None and c.span.start <= fragment.span.start
                       and fragment.span.end <= c.span.end), None)
        if holder is not None and fragment.span not in have:
            out.append(QuoteCandidate(fragment.span, True, holder.guess, holder.cue, holder.cue_span))
    return out


def _in_reading_order(cands: list[QuoteCandidate]) -> list[QuoteCandidate]:
    """By start, except that the quoted words of a reported clause come just before the clause
    that holds them (« tout mis en œuvre » before "les autorités avaient « … » pour …"): a
    reader matching quotes in order meets the smaller one first."""
    clauses = sorted((c.span for c in cands if not c.direct), key=lambda sp: sp.start)

    def key(cand: QuoteCandidate) -> tuple[int, int, int]:
        if cand.direct:
            at = bisect.bisect_right(clauses, cand.span.start, key=lambda sp: sp.start)
            holder = clauses[at - 1] if at else None
            if holder is not None and holder.start <= cand.span.start and cand.span.end <= holder.end:
                return holder.start, 0, cand.span.start
        return cand.span.start, 1, 0

    return sorted(cands, key=key)


def _back_to_last_speaker(found: list[QuoteCandidate], lex: QuoteLexicon) -> list[QuoteCandidate]:
    """"Selon lui, …" right after a quote points back to that quote's speaker."""
    out = list(found)
    for i, cand in enumerate(out):
        according = (cand.cue or "").lower().startswith(tuple(lex.cues.get("according", [])) or "\0")  # not "Elle dit"
        stressed = according and cand.guess is not None and cand.guess.speaker.name in lex.stressed_pronouns
        if stressed and i and out[i - 1].guess is not None and cand.span.start - out[i - 1].span.end < _LAST_SPEAKER_REACH:
            out[i] = replace(cand, guess=out[i - 1].guess)
    return out


_LAST_SPEAKER_REACH = 600  # characters: about a paragraph


def _dedupe(cands: list[QuoteCandidate]) -> list[QuoteCandidate]:
    out: list[QuoteCandidate] = []
    reach = -1
    for cand in sorted(cands, key=lambda c: (c.span.start, -len(c.span))):
        if cand.span.start >= reach:
            out.append(cand)
            reach = cand.span.end
    return out


def _quote_text(text: str, span: Span) -> str:
    """The quoted words; continuation marks opening later paragraphs are dropped."""
    body = span.of(text)
    return re.sub(r"(\n\s*)[«»“\"][ \u00a0\u202f]*", r"\1", body)


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence around `pos`, by punctuation and paragraph breaks (not spaCy's splitter)."""
    start = _sentence_start(text, pos)
    end = _sentence_end(text, pos)
    return start, min(len(text), end + 1) if end < len(text) and text[end] in _FINAL else end
