"""Source attributions: who each piece of information is credited to, and through whom.

`extract_attributions(parsed)` returns one `Attribution` per attribution phrase, in text order.

Cascade (each step reads the raw text; spans never depend on spaCy's sentences):
 1. "selon X", "d'après X", "according to X" (not "selon les clauses de l'accord"); "Selon lui"
    is resolved in step 15;
 2. "De source(s) …" opening a sentence or an incise after a comma ("De source française proche
    du dossier", "et, de source sécuritaire, …");
 3. "X citées/interrogées/consulté par Y", "X cited by / seen by Y": X credited, via Y;
 4. "des informations révélées par (l'agence) Y": Y is the origin;
 5. "Sollicité par Y, X …": X speaks to Y (via Y);
 6. "X a affirmé à Y", "a indiqué X à Y", "X told Y": via Y when Y is a known outlet;
 7. every quote's speaker with its cue ("a prévenu une source Française",
    "a dit le porte-parole, Baba Cissé"), and the postposed-subject incise without quote
    marks (", a ajouté une des sources");
 8. fixed phrases crediting nobody in particular ("Des informations recoupées"): unspecified;
 9. an anaphoric source ("une des sources", "ces sources") inherits the via of the nearest
    preceding anonymous source that had one; "la même source" is that earlier source itself
    (its name and relay); "ce responsable" / "the official" is the earlier unnamed source with
    the same head noun; "selon l’ONG" the earlier proper-named body of that family;
10. a speech or statement verb and its subject, quote marks or not: preposed ("Le gouvernement
    ivoirien a fermement annoncé", "X, qui a requis l’anonymat, a évoqué") or postposed ("ont
    indiqué lundi à l’AOAP des sources locales", "comme l’ont indiqué les autorités"); denial
    verbs and headings excluded (a denial is a denied claim, a heading repeats the body);
11. a subject pronoun ("Il a affirmé"), resolved in step 15;
12. "Selon l’AFP, qui cite un notable", "citing a ministry official": the cited source via the
    outlet, beside the outlet's own attribution;
13. the agent of a figure or charge: "estimé à 250 hommes par une source militaire", "présenté
    par le gouvernement comme", "put forward by rebels";
14. an unnamed role ("a déclaré le ministre") is the named holder of that role (speakers.candidates);
15. "Selon lui" and subject pronouns take the nearest earlier source of a compatible gender.
Step 5 also reads "Joint par téléphone, X": X speaks to the outlet itself.
Overlapping candidates keep the most informative one; a candidate whose source was found
by coreference only (pronoun, unnamed role) is dropped when the same source is credited
by name elsewhere in the article (seed 001 credits Baba Cissé once, seed 000 the ministry once).

Origin ids (what the cross-check counts as independent origins):
 a. a named source (official, person, organisation, known outlet) is its own origin, with or
    without a relay: two outlets quoting the ministry, one of them through the AFP, report one
    origin, the ministry -> the key is its lowercased name without determiner
    ("ministère malien de la défense", "baba cissé", "reuters");
 b. an unnamed source (anonymous, unspecified, an unnamed document) relayed by an agency or
    medium has that relay as origin: "sources diplomatiques citées par Reuters" -> "reuters",
    "une source sécuritaire … a affirmé à l'AFP" -> "afp". We cannot tell two agencies'
    anonymous sources apart, but we can tell that ten outlets relaying Reuters' sources
    are one origin: the relay is the unit of independence;
 c. an unnamed source without relay -> None: the publishing outlet itself is the origin
    (its own reporting), and the cross-check, which knows the outlet and the copy group,
    fills it in.
"""

from __future__ import annotations

from collections.abc import Sequence

from recoupe.analyze.attribution_clauses import (
    _agents,
    _citing_sources,
    _in_heading,
    _resolve_pronouns,
    _resolve_roles,
    _sollicited_by_phone,
    _statement_clauses,
)
from recoupe.analyze.attribution_phrases import (
    _according,
    _from_quotes,
    _incises,
    _mark_anaphors,
    _merge,
    _openers,
    _relayed,
    _revealed,
    _sollicited,
    _unspecified,
    classify_source,
    origin_key,
)
from recoupe.analyze.nlp import Parsed
from recoupe.analyze.quote_lexicon import load_lexicon
from recoupe.analyze.quotes import extract_quotes, sentence_bounds
from recoupe.analyze.speakers import person_spans
from recoupe.model import Attribution, Quote, Span

__all__ = ["extract_attributions", "origin_key", "classify_source"]


def extract_attributions(parsed: Parsed, *, quotes: Sequence[Quote] | None = None) -> tuple[Attribution, ...]:
    """Every attribution phrase of `parsed.text`, with source, kind, relay, scope and origin.

    `quotes` are `extract_quotes(parsed, …)`'s result when the caller has it (saves a second run).
    """
    text = parsed.text
    lex = load_lexicon(parsed.lang)
    quotes = tuple(quotes) if quotes is not None else extract_quotes(parsed)
    persons = person_spans(parsed.doc, ())
    found = (
        _according(text, lex) + _openers(text, lex) + _relayed(text, lex) + _revealed(text, lex)
        + _sollicited(text, lex) + _from_quotes(text, quotes, lex) + _incises(text, lex) + _unspecified(text, lex)
        + _statement_clauses(text, lex, persons) + _citing_sources(text, lex) + _agents(text, lex)
        + _sollicited_by_phone(text, lex, persons)
    )
    found = [f for f in found if not _in_heading(text, f.span.start)]
    found = _merge(_resolve_roles(text, found, lex, persons))
    found = _resolve_pronouns(found)
    found = _mark_anaphors(text, found, lex)
    return tuple(
        Attribution(
            span=f.span,
            source=f.source,
            kind=f.kind,
            via=f.via,
            scope=Span(*sentence_bounds(text, f.span.start)),
            origin_id=origin_key(f.source, f.kind, f.via),
        )
        for f in found
    )
