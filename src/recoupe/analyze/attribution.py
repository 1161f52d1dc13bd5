"""Source attributions: who each piece of information is credited to, and through whom.

`extract_attributions(parsed)` returns one `Attribution` per attribution phrase, in text order.

Cascade (each step reads the raw text; spans never depend on spaCy's sentences):
 1. "selon X", "d'après X", "according to X" (not "selon les clauses de l'accord"); "Selon
    Reuters, qui cite deux sources": the sources, via Reuters;
 2. sentence-initial "De source(s) …" ("De source française proche du dossier");
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
    (its name and relay).
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

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from recoupe.analyze.nlp import Parsed
from recoupe.analyze.quote_lexicon import QuoteLexicon, find_known_source, load_lexicon
from recoupe.analyze.quote_marks import trim_span
from recoupe.analyze.quotes import extract_quotes, sentence_bounds
from recoupe.analyze.speakers import describe, np_after, np_before
from recoupe.model import Attribution, Quote, Span, Speaker

__all__ = ["extract_attributions", "origin_key", "classify_source"]


@dataclass(frozen=True)
class _Found:
    span: Span
    source: str
    kind: str
    via: str | None = None
    named_here: bool = True  # False when the source came from coreference
    anaphor: bool = False
    step: int = 0


def _alts(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _relay(text: str, pos: int, lex: QuoteLexicon) -> tuple[str | None, int]:
    """The known outlet named right at `pos` ("Reuters", "l'agence Reuters", "l’AFP"), and its end."""
    match = re.compile(r"\s*(?:par\s+|by\s+|à\s+|au\s+|to\s+)?((?:l[’']|la |le |the )?(?:agence |agency )?)").match(text, pos)
    at = match.end() if match else pos
    window = text[at : at + 60]
    source = find_known_source(window)
    if source is None:
        return None, pos
    for alias in sorted(source.aliases, key=len, reverse=True):
        if window.startswith(alias):
            return source.name, at + len(alias)
    return None, pos


def classify_source(phrase: str, lex: QuoteLexicon) -> str:
    """The attribution kind of a source phrase."""
    known = find_known_source(phrase)
    words = [w.lower() for w in re.findall(r"[\w’'-]+", phrase)]
    if known is not None and len(words) <= 4:
        return known.kind
    heads = words[:4]
    if any(w in lex.cues["document_nouns"] for w in heads):
        return "document"
    if any(w in lex.cues["unspecified_nouns"] for w in heads[:2]):
        return "unspecified"
    guess = describe(phrase, Span(0, len(phrase)), lex)
    if guess is None:
        return "unspecified"
    return _speaker_kind(guess.speaker, guess.head, lex)


def _speaker_kind(speaker: Speaker, head: str, lex: QuoteLexicon) -> str:
    if speaker.kind == "organisation":
        known = find_known_source(speaker.name)
        if known is not None:
            return known.kind
        return "person" if head in lex.private_bodies else "official"
    return {"anonymous": "anonymous", "official": "official", "person": "person"}.get(speaker.kind, "unspecified")


def _source_text(phrase: str, kind: str, lex: QuoteLexicon) -> str:
    known = find_known_source(phrase)
    if kind in {"news agency", "media"} and known is not None:
        return known.name
    phrase = " ".join(phrase.split()).strip(" ,")
    if kind in {"anonymous", "unspecified", "document"}:
        return phrase.lower()
    return phrase


def _np_source(text: str, span: Span, lex: QuoteLexicon) -> tuple[str, str, str | None, int]:
    """(source, kind, via, end of the relay) for a noun phrase that may carry "citées par X"."""
    phrase = span.of(text)
    via, end = None, span.end
    for participle in lex.cues["relay_participles"]:
        cue = participle if " " in participle else f"{participle} par"
        idx = phrase.lower().find(f" {cue}")
        if idx >= 0:
            name, relay_end = _relay(text, span.start + idx + 1 + len(cue), lex)
            if name is not None:
                via, end, phrase = name, relay_end, phrase[:idx]
                break
    kind = classify_source(phrase, lex)
    return _source_text(phrase, kind, lex), kind, via, max(end, span.end)


def _according(text: str, lex: QuoteLexicon) -> list[_Found]:
    out = []
    for match in re.finditer(rf"(?<![\w’'])(?:{_alts(lex.cues['according'])})\s+", text, re.IGNORECASE):
        subject = np_after(text, match.end(), lex)
        if subject is None:
            continue
        lowered = subject.of(text).lower()
        if any(lowered.startswith(n) for n in lex.cues["not_sources"]):
            continue
        source, kind, via, end = _np_source(text, subject, lex)
        if any(lowered.startswith(u.split()[-1]) for u in lex.cues["unspecified"]) and "nos" in lowered:
            kind = "unspecified"
        cited = _cited(text, end, lex)
        if cited is not None and via is None and kind in {"news agency", "media"}:
            via = source
            source, kind, _, end = _np_source(text, cited, lex)
        out.append(_Found(Span(match.start(), end), source, kind, via, step=1))
    return out


def _cited(text: str, pos: int, lex: QuoteLexicon) -> Span | None:
    """"Selon Reuters, qui cite deux sources": the source the outlet cites (step 1)."""
    words = lex.cues.get("citing", [])
    if not words:
        return None
    match = re.compile(rf",\s*(?:{_alts(words)})\s+", re.IGNORECASE).match(text, pos)
    return np_after(text, match.end(), lex) if match else None


def _openers(text: str, lex: QuoteLexicon) -> list[_Found]:
    out: list[_Found] = []
    if not lex.cues["source_openers"]:
        return out
    pattern = rf"(?:^|(?<=[.!?…]\s)|(?<=\n))(?:{_alts(lex.cues['source_openers'])})\b"
    for match in re.finditer(pattern, text, re.IGNORECASE | re.MULTILINE):
        noun_at = match.start() + 3  # past "De "
        comma = text.find(",", match.end(), match.end() + 120)
        if comma < 0:
            continue
        span = trim_span(text, noun_at, comma)
        source, kind, via, end = _np_source(text, span, lex)
        out.append(_Found(Span(match.start(), max(end, span.end)), source, "anonymous" if kind == "unspecified" else kind, via, step=2))
    return out


def _relayed(text: str, lex: QuoteLexicon) -> list[_Found]:
    out = []
    cues = [p if " " in p else f"{p} par" for p in lex.cues["relay_participles"]]
    for match in re.finditer(rf"\b(?:{_alts(cues)})\b", text, re.IGNORECASE):
        via, end = _relay(text, match.end(), lex)
        if via is None:
            continue
        start, _ = sentence_bounds(text, match.start())
        subject = np_before(text, match.start(), start, lex)
        if subject is None:
            continue
        phrase = subject.of(text)
        kind = classify_source(phrase, lex)
        verb = lex.verb_phrase.match(text, end + 1)
        if verb is not None:
            end = verb.end()
        out.append(_Found(Span(subject.start, end), _source_text(phrase, kind, lex), kind, via, step=3))
    return out


def _revealed(text: str, lex: QuoteLexicon) -> list[_Found]:
    out = []
    nouns, parts = _alts(lex.cues["information_nouns"]), _alts(lex.cues["revealed_participles"])
    pattern = rf"(?:\b(?:des|les|d[’']|the|a)\s*)?(?:{nouns})\s+(?:\w+\s+)?(?:{parts})\s+(?:par|by)\b"
    for match in re.finditer(pattern, text, re.IGNORECASE):
        via, end = _relay(text, match.end(), lex)
        if via is not None:
            kind = classify_source(via, lex)
            out.append(_Found(Span(match.start(), end), via, kind, None, step=4))
    return out


def _sollicited(text: str, lex: QuoteLexicon) -> list[_Found]:
    out = []
    for match in re.finditer(rf"\b(?:{_alts(lex.cues['sollicited'])})\s+par\b", text, re.IGNORECASE):
        via, end = _relay(text, match.end(), lex)
        comma = re.compile(r"\s*,\s*").match(text, end) if via else None
        if comma is None:
            continue
        subject = np_after(text, comma.end(), lex)
        if subject is None:
            continue
        source, kind, _, _ = _np_source(text, subject, lex)
        out.append(_Found(Span(match.start(), subject.end), source, kind, via, step=5))
    return out


def _from_quotes(text: str, quotes: tuple[Quote, ...], lex: QuoteLexicon) -> list[_Found]:
    out = []
    for quote in quotes:
        speaker, cue = quote.speaker, quote.cue_span
        if speaker is None or cue is None or speaker.kind == "unknown":
            continue
        if lex.gerund_cue.match(quote.cue or "") or (quote.cue or "").lower() in lex.cues["according"]:
            continue  # a gerund continues a credited clause; "selon" is step 1
        where = speaker.span if speaker.span is not None else cue
        span = Span(min(cue.start, where.start), max(cue.end, where.end))
        if len(span) > 160:
            span = cue
        via, relay_end = _relay_near(text, cue.end, lex)
        if via is not None and relay_end - span.end < 40:
            span = Span(span.start, max(span.end, relay_end))
        literal = speaker.name.lower() in span.of(text).lower()
        kind = _speaker_kind(speaker, _head(speaker, lex), lex)
        source = speaker.name if kind not in {"anonymous"} else speaker.name.lower()
        out.append(_Found(span, source, kind, via, named_here=literal, step=7))
    return out


def _head(speaker: Speaker, lex: QuoteLexicon) -> str:
    words = [w.lower() for w in re.findall(r"[\w’'-]+", speaker.name)]
    return next((w for w in words if w in lex.private_bodies), "")


def _relay_near(text: str, pos: int, lex: QuoteLexicon) -> tuple[str | None, int]:
    match = re.compile(r"(?:\s+[\w’'-]+){0,3}?\s+(?=(?:à|au|to)\s)").match(text, pos)
    return _relay(text, match.end() if match else pos, lex)


def _incises(text: str, lex: QuoteLexicon) -> list[_Found]:
    """Step 7 without quote marks: ", a ajouté une des sources." (postposed subject)."""
    out = []
    for match in re.finditer(r",\s+", text):
        verb = lex.verb_phrase.match(text, match.end())
        if verb is None or verb.groupdict().get("pron") or verb.groupdict().get("pron2"):
            continue
        subject = np_after(text, verb.end() + 1, lex)
        if subject is None:
            continue
        via, end = _relay(text, subject.end + (text[subject.end : subject.end + 1] == ","), lex)
        if not re.match(r"\s*[.!?…\n]|\s*$", text[end : end + 2]):
            continue
        guess = describe(text, subject, lex)
        if guess is None or guess.speaker.kind == "unknown":
            continue
        kind = _speaker_kind(guess.speaker, guess.head, lex)
        source = guess.speaker.name.lower() if kind == "anonymous" else guess.speaker.name
        out.append(_Found(Span(verb.start(), end if via else subject.end), source, kind, via, step=9))
    return out


def _unspecified(text: str, lex: QuoteLexicon) -> list[_Found]:
    out = []
    for match in re.finditer(rf"(?<![\w’'])(?:{_alts(lex.cues['unspecified'])})(?![\w’'])", text, re.IGNORECASE):
        phrase = match.group(0)
        source = re.sub(r"^(?:des|les|selon|d[’']après)\s+", "", phrase, flags=re.I).lower()
        out.append(_Found(Span(match.start(), match.end()), source, "unspecified", step=8))
    return out


def _mark_anaphors(found: list[_Found], lex: QuoteLexicon) -> list[_Found]:
    """Step 9: "une des sources" takes the via of the previous relayed anonymous source."""
    out: list[_Found] = []
    anaphors = tuple(a.lower() for a in lex.anonymous_anaphors)
    same = tuple(a.lower() for a in lex.same_source_anaphors)
    for item in found:
        if item.kind == "anonymous" and item.source.lower().startswith(same):
            earlier = [f for f in out if f.kind == "anonymous" and not f.anaphor and item.span.start - f.span.end < 1500]
            if earlier:  # "selon la même source": that very source, relay included
                item = replace(item, source=earlier[-1].source, via=item.via or earlier[-1].via, anaphor=True)
        elif item.kind == "anonymous" and item.via is None and item.source.startswith(anaphors):
            earlier = [f for f in out if f.kind == "anonymous" and f.via and item.span.start - f.span.end < 1500]
            if earlier:
                item = replace(item, via=earlier[-1].via, anaphor=True)
        out.append(item)
    return out


def _merge(found: list[_Found]) -> list[_Found]:
    ranked = sorted(found, key=lambda f: (f.via is None, f.step, -len(f.span)))
    kept: list[_Found] = []
    taken: list[tuple[int, int]] = []  # sorted, disjoint (start, end) of kept spans
    for item in ranked:
        at = bisect.bisect_left(taken, (item.span.start, item.span.end))
        neighbours = taken[max(0, at - 1) : at + 1]
        if any(min(item.span.end, e) > max(item.span.start, s) for s, e in neighbours):
            continue
        bisect.insort(taken, (item.span.start, item.span.end))
        kept.append(item)
    named = {k.source.lower() for k in kept if k.named_here}
    named |= {_bare(k.source) for k in kept if k.named_here}
    kept = [k for k in kept if k.named_here or _bare(k.source) not in named]
    return sorted(kept, key=lambda f: f.span.start)


_DETERMINER = re.compile(r"^(?:(?:le|la|les|un|une|des|the|a|an)\s+|l[’']\s*)", re.IGNORECASE)


def _bare(source: str) -> str:
    return _DETERMINER.sub("", " ".join(source.lower().split()))


def origin_key(source: str, kind: str, via: str | None) -> str | None:
    """The independent origin an attribution counts for (module docstring, rules a-c)."""
    if kind in {"official", "person", "news agency", "media"}:
        return _bare(source)
    if via is not None:
        return _bare(via)
    return None


def extract_attributions(parsed: Parsed, *, quotes: Sequence[Quote] | None = None) -> tuple[Attribution, ...]:
    """Every attribution phrase of `parsed.text`, with source, kind, relay, scope and origin.

    `quotes` are `extract_quotes(parsed, …)`'s result when the caller has it (saves a second run).
    """
    text = parsed.text
    lex = load_lexicon(parsed.lang)
    quotes = tuple(quotes) if quotes is not None else extract_quotes(parsed)
    found = (
        _according(text, lex) + _openers(text, lex) + _relayed(text, lex) + _revealed(text, lex)
        + _sollicited(text, lex) + _from_quotes(text, quotes, lex) + _incises(text, lex) + _unspecified(text, lex)
    )
    found = _merge(found)
    found = _mark_anaphors(found, lex)
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
