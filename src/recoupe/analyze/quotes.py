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
import re
from collections.abc import Sequence
from dataclasses import replace

from recoupe.analyze.nlp import Parsed
from recoupe.analyze.quote_cues import (
    _FINAL,
    _MARK_CHARS,
    QuoteCandidate,
    _cue_after,
    _cue_before,
    _paragraph_start,
    _sentence_start,
    _verb_subject,
    _words,
    sentence_bounds,
)
from recoupe.analyze.quote_lexicon import QuoteLexicon, inverted_pronoun, load_lexicon
from recoupe.analyze.quote_marks import MarkedQuote, pair_quote_marks, trim_span
from recoupe.analyze.quotes_indirect import indirect_quotes
from recoupe.analyze.speakers import SpeakerGuess, describe, person_spans, resolve
from recoupe.model import Mention, Quote, Span, Speaker

__all__ = ["extract_quotes", "QuoteCandidate", "sentence_bounds"]


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
    inside = _incise_inside(text, quote, lex, persons)
    if inside is not None:
        return inside
    if _title_before(text, quote.open_at, lex):
        return None
    fragment = _fragment(text, quote, lex, persons)
    if fragment is not None or words < lex.min_words_without_cue:
        return fragment
    return QuoteCandidate(quote.span, True, None, inherits=True)


_INCISE_EDGES = re.compile(r",[\s\u00a0\u202f]*$|^[\s\u00a0\u202f]*[,.]")


def _incise_inside(text: str, quote: MarkedQuote, lex: QuoteLexicon, persons: Sequence[Span]) -> QuoteCandidate | None:
    """Step 3b: an inverted cue inside marks that are not reopened (« A, a-t-il assuré. B »)."""
    body = quote.span.of(text)
    for verb in lex.verb_phrase.finditer(body):
        pron = inverted_pronoun(verb)
        if not pron or not _INCISE_EDGES.search(body[: verb.start()]) or not _INCISE_EDGES.search(body[verb.end() :]):
            continue
        at = quote.span.start + verb.start()
        cue = Span(at, at + len(verb.group(0)))
        pron_at = at + verb.group(0).lower().find(f"-{pron.lower()}") + 1
        guess = describe(text, Span(pron_at, pron_at + len(pron)), lex, persons)
        return QuoteCandidate(quote.span, True, guess, cue.of(text), cue)
    return None


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
    match = re.compile(  # "Pour X, « … »", "Pour X, Y, la hausse était « … »": the opinion is X's
        rf"((?:{words})\s+)([^,«»\"“”.;:]{{2,60}}(?:,[^,«»\"“”.;:]{{2,40}})?),[^,«»\"“”.;:!?]{{0,60}}$", re.I
    ).match(text, start, open_at)
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
    indirect = indirect_quotes(text, lex, persons, taken)
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
