"""Attribution phrases: steps 1-9 of the cascade in `recoupe.analyze.attribution` (see its
docstring), the candidate record they share with steps 10-15, and origin ids."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from recoupe.analyze.quote_lexicon import QuoteLexicon, find_known_source, inverted_pronoun, load_lexicon
from recoupe.analyze.quote_marks import trim_span
from recoupe.analyze.quotes import sentence_bounds
from recoupe.analyze.speakers import describe, np_after, np_before
from recoupe.lexicon import speech_verbs
from recoupe.model import Quote, Span, Speaker

__all__ = ["classify_source", "origin_key"]


@dataclass(frozen=True)
class _Found:
    span: Span
    source: str
    kind: str
    via: str | None = None
    named_here: bool = True  # False when the source came from coreference
    anaphor: bool = False
    step: int = 0
    pronoun: str | None = None  # "il", "lui": the gender of the earlier source it points to
    role_head: str = ""  # an unnamed role ("le ministre"): resolved to the named holder


def _alts(words: Sequence[str]) -> str:
    return _alternation(tuple(words))


@functools.lru_cache(maxsize=256)
def _alternation(words: tuple[str, ...]) -> str:
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
    words = [re.split(r"[’']", w.lower())[-1] for w in re.findall(r"[\w’'-]+", phrase)]
    if known is not None and len(words) <= 4:
        return known.kind
    heads = words[:4]
    if any(w in lex.cues["document_nouns"] for w in heads):
        return "document"
    if any(w in lex.cues.get("media_nouns", ()) for w in words[:5]):
        return "media"  # "des informations de presse"
    if any(w in lex.cues["unspecified_nouns"] for w in heads[:2]):
        return "unspecified"
    guess = describe(phrase, Span(0, len(phrase)), lex)
    if _PROPER_BODY.match(phrase.strip()) and (guess is None or guess.speaker.kind == "person"):
        return "official"  # "le Fonds monétaire international", "the Sahel Data observatory"
    if guess is None:
        return "unspecified"
    return _speaker_kind(guess.speaker, guess.head, lex)


def _speaker_kind(speaker: Speaker, head: str, lex: QuoteLexicon) -> str:
    if speaker.kind == "organisation":
        known = find_known_source(speaker.name)
        if known is not None:
            return known.kind
        if _indefinite(speaker.name, lex) and any(w.lower() in lex.anonymous_nouns for w in speaker.name.split()[1:]):
            return "anonymous"  # "a ministry official": a member of the body, unnamed
        return "official"  # a body speaks in its own name: ministry, NGO, association alike
    if speaker.kind == "official" and speaker.role and _private_role(speaker.role, lex):
        return "person"  # "le président de l’association, Ousmane Faye": no public office
    if speaker.kind == "official" and _indefinite(speaker.name, lex):
        return "anonymous"  # "a company representative", never named
    return {"anonymous": "anonymous", "official": "official", "person": "person"}.get(speaker.kind, "unspecified")


def _indefinite(name: str, lex: QuoteLexicon) -> bool:
    words = name.split()
    return bool(words) and words[0].lower() in lex.cues.get("indefinite_determiners", ())


def _private_role(role: str, lex: QuoteLexicon) -> bool:
    words = {re.split(r"[’']", w.lower())[-1] for w in re.findall(r"[\w’'-]+", role)}
    return bool(words & set(lex.cues.get("private_role_complements", ())))


def _source_text(phrase: str, kind: str, lex: QuoteLexicon) -> str:
    known = find_known_source(phrase)
    if kind in {"news agency", "media"} and known is not None:
        return known.name
    phrase = " ".join(phrase.split()).strip(" ,")
    if kind == "document":
        issuer = _issuer(phrase, lex)
        if issuer is not None:
            return issuer
    if kind in {"anonymous", "unspecified", "document"}:
        return _PLURAL_INDEFINITE.sub("", phrase.lower())  # "documents", as a table lists them
    return phrase


_PLURAL_INDEFINITE = re.compile(r"^(?:des|some)\s+(?=\w)")


def _issuer(phrase: str, lex: QuoteLexicon) -> str | None:
    """The body that issued a document: "un communiqué de l’état-major" -> "l’état-major",
    "the army's statement" -> "the army"; None when the complement names no one ("un document
    de 40 pages")."""
    links = "|".join(re.escape(w) for w in sorted(lex.np_links, key=len, reverse=True))
    match = re.search(rf"\s(?:{links})\s*(?P<issuer>.+)$", phrase) or re.match(r"(?P<issuer>.+?)[’']s\s", phrase)
    if match is None:
        return None
    issuer = match.group("issuer").strip()
    participles = {*lex.cues.get("relay_participles", []), *lex.cues.get("revealed_participles", [])}
    kept = issuer.split(" ")
    cut = next((i for i, w in enumerate(kept) if i and w.lower() in participles), len(kept))
    issuer = " ".join(kept[:cut])  # "de l’Inspection générale d’État consulté (par …)", "… publié mardi"
    words = [re.split(r"[’']", w.lower())[-1] for w in re.findall(r"[\w’'-]+", issuer)]
    head = next((w for w in words if w not in lex.determiners and w not in {"the", "l"}), "")
    named = bool(re.search(r"(?:^|\s|[’'])[A-Z]", issuer))
    if head in lex.bodies or head in lex.private_bodies or head in lex.roles or named:
        return issuer
    return None


def _np_source(text: str, span: Span, lex: QuoteLexicon) -> tuple[str, str, str | None, int]:
    """(source, kind, via, end of the relay) for a noun phrase that may carry "citées par X"."""
    phrase = span.of(text)
    via, end, relayed = None, span.end, False
    reach = text[span.start : span.end + 40].lower()  # the cutter may stop inside "citées par"
    for participle in lex.cues["relay_participles"]:
        cue = participle if " " in participle else f"{participle} par"
        idx = reach.find(f" {cue}")
        if 0 <= idx < len(phrase):
            name, relay_end = _relay(text, span.start + idx + 1 + len(cue), lex)
            if name is None:  # an outlet we do not know: "citée par la télévision publique"
                name, relay_end = _unknown_relay(text, span.start + idx + 1 + len(cue))
            via, end, phrase, relayed = name, max(relay_end, span.start + idx), phrase[:idx], True
            break
    if not relayed:
        via, end = _relay_after(text, span.end, lex)
    kind = classify_source(phrase, lex)
    return _source_text(phrase, kind, lex), kind, via, max(end, span.end)


_UNKNOWN_RELAY = re.compile(r"\s*(?:(?:l[’']|la\s+|le\s+|les\s+)?([A-ZÀ-Ý][\w’'-]*(?:\s+(?:[A-ZÀ-Ý][\w’'-]*|d[eu]s?|de la|d[’']))*)"
                            r"|[^,.;:!?()«»\n]{1,40})")


def _unknown_relay(text: str, pos: int) -> tuple[str | None, int]:
    """The relay after "citées par" that no table knows: its proper name, else no name, and the
    end of the phrase either way ("jointes par Sénégal Matin", "citée par la télévision publique")."""
    match = _UNKNOWN_RELAY.match(text, pos)
    if match is None:
        return None, pos
    return (match.group(1) or None), match.end()


def _relay_after(text: str, pos: int, lex: QuoteLexicon) -> tuple[str | None, int]:
    """"documents seen by the AOAP", "le texte, dont l’AOAP a obtenu copie": the relay right
    after a source phrase that the noun-phrase cutter left out."""
    relay_cue, copy_obtained = _relay_after_patterns(lex.lang)
    cue = relay_cue.match(text, pos)
    if cue is not None:
        name, end = _outlet_relay(text, cue.end(), lex)
        if name is not None:
            return name, end
    for pattern in copy_obtained:
        match = pattern.match(text, pos)
        if match is not None:
            known = find_known_source(match.group("relay"))
            return (known.name if known else _bare(match.group("relay"))), match.end()
    return None, pos


@functools.lru_cache(maxsize=4)
def _relay_after_patterns(lang: str) -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """(a relay participle right after a phrase, the "dont X a obtenu copie" constructions)."""
    cues = load_lexicon(lang).cues
    participles = [p if " " in p else f"{p} par" for p in cues["relay_participles"]]
    relay = r"(?P<relay>(?:l[’']|la\s+|le\s+|the\s+)?(?:agence\s+|agency\s+)?[A-ZÀ-Ý][\w’'-]*(?:\s+[A-ZÀ-Ý][\w’'-]*)*)"
    copies = tuple(re.compile(r",?\s*" + t.replace("{relay}", relay)) for t in cues.get("copy_obtained", ()))
    return re.compile(rf",?\s+(?:{_alts(participles)})\b", re.IGNORECASE), copies


def _according(text: str, lex: QuoteLexicon) -> list[_Found]:
    out = []
    for match in re.finditer(rf"(?<![\w’'])(?:{_alts(lex.cues['according'])})\s+", text, re.IGNORECASE):
        subject = np_after(text, match.end(), lex)
        if subject is None:
            continue
        lowered = subject.of(text).lower()
        stressed = _clause_cues(lex.lang).stressed_pronouns
        if lowered in stressed:  # "Selon lui": the earlier source (resolved after the merge)
            out.append(_Found(Span(match.start(), subject.end), lowered, "unspecified", step=1, pronoun=stressed[lowered]))
            continue
        if any(lowered.startswith(n) for n in lex.cues["not_sources"]):
            continue
        subject = _cut_before_clause_subject(text, subject, lex)
        source, kind, via, end = _np_source(text, subject, lex)
        if any(lowered.startswith(u.split()[-1]) for u in lex.cues["unspecified"]) and "nos" in lowered:
            kind = "unspecified"
        out.append(_Found(Span(match.start(), end), source, kind, via, step=1))
    return out


def _cut_before_clause_subject(text: str, span: Span, lex: QuoteLexicon) -> Span:
    """"D’après une source proche du dossier, Volga Zoloto aurait …": an unnamed source is not
    in apposition to a name; the name after the comma is the subject of the clause."""
    phrase = span.of(text)
    comma = phrase.find(",")
    if comma < 0:
        return span
    head = [re.split(r"[’']", w.lower())[-1] for w in phrase[:comma].split()[:3]]
    if any(w in lex.anonymous_nouns for w in head):
        return trim_span(text, span.start, span.start + comma, ",")
    return span


def _openers(text: str, lex: QuoteLexicon) -> list[_Found]:
    out: list[_Found] = []
    if not lex.cues["source_openers"]:
        return out
    # sentence-initial, or an incise after a comma: "Les convoyeurs étaient arrêtés et, de source
    # sécuritaire, une trentaine de gendarmes ont été déployés"
    pattern = rf"(?:^|(?<=[.!?…]\s)|(?<=\n)|(?<=,\s))(?:{_alts(lex.cues['source_openers'])})\b"
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
        if subject is not None:
            subject = _without_according(text, subject, lex)
        if subject is None:
            continue
        phrase = subject.of(text)
        kind = classify_source(phrase, lex)
        verb = lex.verb_phrase.match(text, end + 1)
        if verb is not None:
            end = verb.end()
        out.append(_Found(Span(subject.start, end), _source_text(phrase, kind, lex), kind, via, step=3))
    return out


def _without_according(text: str, span: Span, lex: QuoteLexicon) -> Span | None:
    """"selon des sources diplomatiques" -> "des sources diplomatiques"."""
    match = re.match(rf"(?:{_alts(lex.cues['according'])})\s+", span.of(text), re.IGNORECASE)
    return trim_span(text, span.start + match.end(), span.end) if match else span


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
        if _other_sense(text, cue.end, cue.of(text).split()[-1].lower(), lex):
            continue  # "a condamné X à 20 ans pour « complot »": the court's charge, no statement
        if lex.gerund_cue.match(quote.cue or "") or (quote.cue or "").lower() in lex.cues["according"]:
            continue  # a gerund continues a credited clause; "selon" is step 1
        where = speaker.span if speaker.span is not None else cue
        span = Span(min(cue.start, where.start), max(cue.end, where.end))
        gap = text[min(cue.end, where.end) : max(cue.start, where.start)]
        if len(span) > 160 or len(gap) > 60 or re.search(r"[.!?]\s", gap):
            span = cue  # the speaker was found by coreference ("Selon lui"): the cue alone
        via, relay_end = _relay_near(text, cue.end, lex)
        if via is not None and relay_end - span.end < 40:
            span = Span(span.start, max(span.end, relay_end))
        surface = speaker.span.of(text) if speaker.span is not None else ""
        literal = speaker.name.lower() in span.of(text).lower() or (
            bool(_DEFINITE.match(surface)) and speaker.span is not None and speaker.span.overlap(span) > 0
        )  # "a déclaré le ministre": a definite description naming the minister again
        kind = _speaker_kind(speaker, _head(speaker, lex), lex)
        source = speaker.name if kind not in {"anonymous"} else speaker.name.lower()
        role = _role_word(speaker.name, lex) if _DEFINITE.match(speaker.name) and kind == "official" else ""
        out.append(_Found(span, source, kind, via, named_here=literal, step=7, role_head=role))
    return out


def _other_sense(text: str, end: int, verb: str, lex: QuoteLexicon) -> bool:
    """A statement verb in a sense that states nothing: "a condamné X à 20 ans" (a sentence)."""
    for sense in lex.cues.get("not_statement_senses", []):
        if verb in sense["verbs"] and _sense_pattern(sense["followed_by"]).search(text[end : end + 160]):
            return True
    return False


@functools.lru_cache(maxsize=16)
def _sense_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _role_word(name: str, lex: QuoteLexicon) -> str:
    return next((w for w in (w.lower() for w in re.findall(r"[\w’'-]+", name)) if w in lex.roles), "")


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
        if verb is None or inverted_pronoun(verb):
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


def _mark_anaphors(text: str, found: list[_Found], lex: QuoteLexicon) -> list[_Found]:
    """Step 9: "une des sources" takes the via of the previous relayed anonymous source."""
    out: list[_Found] = []
    anaphors = tuple(a.lower() for a in lex.anonymous_anaphors)
    same = tuple(a.lower() for a in lex.same_source_anaphors)
    for item in found:
        if item.kind == "anonymous" and item.source.lower().startswith(same):
            earlier = [f for f in out if f.kind == "anonymous" and not f.anaphor and item.span.start - f.span.end < 1500]
            if earlier:  # "selon la même source": that very source, relay included
                item = replace(item, source=earlier[-1].source, via=item.via or earlier[-1].via, anaphor=True)
        elif (antecedent := _demonstrative_antecedent(item, out, lex) or _generic_antecedent(text, item, out, lex)):
            item = replace(item, source=antecedent.source, kind=antecedent.kind, via=item.via or antecedent.via, anaphor=True)
        elif item.kind == "anonymous" and item.via is None and item.source.startswith(anaphors):
            earlier = [f for f in out if f.kind == "anonymous" and f.via and item.span.start - f.span.end < 1500]
            if earlier:
                item = replace(item, via=earlier[-1].via, anaphor=True)
        out.append(item)
    return out


def _demonstrative_antecedent(item: _Found, earlier: list[_Found], lex: QuoteLexicon) -> _Found | None:
    """"selon ce responsable", "The official, who asked not to be named": the nearest earlier
    unnamed source with the same head noun ("un responsable du ministère du Pétrole")."""
    words = item.source.lower().split()
    if len(words) != 2 or words[0] not in _clause_cues(lex.lang).demonstratives or item.kind != "anonymous":
        return None
    head = words[1]
    for other in reversed(earlier):
        if item.span.start - other.span.end > 2000:
            break
        other_words = other.source.lower().split()
        if other.kind == "anonymous" and head in other_words[1:] and len(other_words) > 2:
            return other
    return None


def _generic_antecedent(text: str, item: _Found, earlier: list[_Found], lex: QuoteLexicon) -> _Found | None:
    """"Selon l’organisation", "d’après l’ONG": the nearest earlier source with a proper name
    introduced by a noun of the same family ("L’ONG espagnole Alerte Atlantique affirme")."""
    bare = _bare(item.source)
    groups = [g for g in getattr(lex, "generic_organisations", ()) if bare in g]
    if " " in bare or not groups or not _DEFINITE.match(item.source):
        return None
    family = set().union(*groups)
    for other in reversed(earlier):
        if item.span.start - other.span.end > 3000:
            break
        words = {w.lower() for w in re.findall(r"[\w-]+", other.span.of(text))}
        if other.source[:1].isupper() and words & family:
            return other
    return None


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
    kept = [k for k in kept if k.named_here or not _named_elsewhere(_bare(k.source), named)]
    return sorted(kept, key=lambda f: f.span.start)


def _named_elsewhere(bare: str, named: set[str]) -> bool:
    """"ministère" is "ministère malien de la défense" credited by name elsewhere."""
    return bare in named or any(n.startswith(f"{bare} ") for n in named)


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


# ------------------------------------------------ statement-clause cues (shared with steps 10-15)


@dataclass(frozen=True)
class _ClauseCues:
    verb: re.Pattern[str]  # a speech or statement verb, compound ("a fermement démenti") or simple
    adverbs: re.Pattern[str]  # adverbs and time words between a postposed verb and its subject
    agent: re.Pattern[str] | None  # "estimé à 250 hommes par", "put forward by"
    citing: re.Pattern[str] | None  # "qui cite", "citing"
    by_phone: re.Pattern[str] | None  # "par téléphone"
    outlet: re.Pattern[str] | None  # "le quotidien Le Sahel Quotidien"
    incise_openers: frozenset[str]
    subject_pronouns: dict[str, str]
    stressed_pronouns: dict[str, str]
    demonstratives: frozenset[str]


def _speech_forms(lang: str) -> tuple[set[str], set[str]]:
    """(participles or past forms, present forms) of lang/<lang>/speech_verbs.txt (new sets: callers add to them)."""
    verbs = speech_verbs(lang)
    participles = {row[1] for row in verbs.rows} | {w for w in verbs.literals if w.isalpha()}  # "=reported"
    presents = {form for row in verbs.rows for form in (row[2:4] if lang == "fr" else row[2:3])}
    return participles, presents


def _optional_regex(words: list[str], template: str) -> re.Pattern[str] | None:
    return re.compile(template.format(_alts(words)), re.IGNORECASE) if words else None


@functools.lru_cache(maxsize=4)
def _clause_cues(lang: str) -> _ClauseCues:
    lex = load_lexicon(lang)
    cues = lex.cues
    participles, presents = _speech_forms(lex.lang)
    extra = cues.get("statement_verbs", [])
    participles |= set(extra)
    presents |= {w for w in extra if lex.lang == "en" or not w.endswith(("é", "i", "is", "u"))}
    adverbs = rf"(?:\w+ment|{_alts(cues.get('clause_adverbs', []))})"
    if lex.lang == "fr":
        compound = rf"\b(?:a|ont|avait|avaient)(?:\s*,[^,.«»\n]{{1,40}},)?(?:\s+{adverbs}){{0,3}}\s+(?:{_alts(list(participles))})\b"
    else:
        compound = rf"\b(?:has|have|had)(?:\s+{adverbs})?\s+(?:{_alts(list(participles))})\b|\b(?:{_alts(list(participles))})\b"
    simple = rf"(?<![’'\w-])(?:{_alts(list(presents))})\b(?!-)"
    return _ClauseCues(
        verb=re.compile(rf"{compound}|{simple}", re.IGNORECASE),
        adverbs=re.compile(rf"\s+{adverbs}\b", re.IGNORECASE),
        agent=_optional_regex(cues.get("agent_participles", []), r"\b(?:{})\b(?:\s+à\s+(?:[^,.;()«»\n]|(?<=\d)[,.](?=\d)){{1,60}}?)?"
                              + adverbs.replace("{", "{{").replace("}", "}}").join([r"(?:\s+", r")?"]) + r"\s+par\s+"
                              if lex.lang == "fr" else r"\b(?:{})\s+"),
        citing=_optional_regex(cues.get("citing", []), r"(?:,\s*|\s+)(?:{})\s+"),
        by_phone=_optional_regex(cues.get("by_phone", []), r"\s+(?:{})"),
        outlet=_optional_regex(cues.get("outlet_nouns", []),
                               r"\s*(?:à\s+|au\s+|to\s+|par\s+|by\s+)?(?:l[’']|la\s+|le\s+|the\s+)?(?:{})(?:\s+[a-zà-ÿ]+){{0,2}}?"
                               r"\s+((?:[A-ZÀ-Ý][\w’'-]*)(?:\s+(?:[A-ZÀ-Ý][\w’'-]*|d[eu]s?|de la))*)"),
        incise_openers=frozenset(cues.get("incise_openers", [])),
        subject_pronouns=dict(cues.get("subject_pronouns", {})),
        stressed_pronouns=dict(cues.get("stressed_pronouns", {})),
        demonstratives=frozenset(cues.get("demonstratives", [])),
    )


def _outlet_relay(text: str, pos: int, lex: QuoteLexicon) -> tuple[str | None, int]:
    """A known outlet at `pos`, else an outlet noun with its name ("the newspaper Le Sahel Quotidien")."""
    name, end = _relay(text, pos, lex)
    if name is not None:
        return name, end
    pattern = _clause_cues(lex.lang).outlet
    match = pattern.match(text, pos) if pattern else None
    if match is None:
        return None, pos
    return match.group(1), match.end(1)


_DEFINITE = re.compile(r"^(?:le|la|les|l[’']|the)\b", re.IGNORECASE)


_PROPER_BODY = re.compile(r"^(?:l[’']|la\s+|le\s+|les\s+|the\s+)[A-ZÀ-Ý]")
