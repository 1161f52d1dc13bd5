"""Statement clauses: steps 10-15 of the cascade in `recoupe.analyze.attribution` (see its
docstring): speech verbs and their subjects, citing relays, agents, pronouns and roles."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from recoupe.analyze.attribution_phrases import (
    _DEFINITE,
    _PROPER_BODY,
    _alts,
    _clause_cues,
    _Found,
    _np_source,
    _other_sense,
    _relay,
    _speaker_kind,
    _speech_forms,
)
from recoupe.analyze.quote_lexicon import QuoteLexicon, find_known_source, known_source_pattern
from recoupe.analyze.quote_marks import trim_span
from recoupe.analyze.quotes import sentence_bounds
from recoupe.analyze.speakers import SpeakerGuess, candidates, describe, np_after
from recoupe.model import Span, Speaker

__all__: list[str] = []


# ------------------------------------------------------------ statement clauses (step 10-13)


def _found_for(text: str, span: Span, guess: SpeakerGuess, lex: QuoteLexicon, step: int,
               via: str | None = None) -> _Found:
    kind = _speaker_kind(guess.speaker, guess.head, lex)
    source = guess.speaker.name.lower() if kind == "anonymous" else guess.speaker.name
    return _Found(span, source, kind, via, step=step, role_head=guess.head if guess.unnamed_role else "")


def _resolve_roles(text: str, found: list[_Found], lex: QuoteLexicon, persons: Sequence[Span]) -> list[_Found]:
    """Step 14: an unnamed role ("a déclaré le ministre") is the named holder of that role
    nearest before it (else after it). A definite role points back to someone named ("le
    ministre"): it is kept even when that person is credited by name elsewhere; an indefinite
    one ("un porte-parole") is a first mention, dropped in that case (`_merge`)."""
    out = []
    for item in found:
        if item.role_head and not _outranked(item, found):
            holder = _role_holder(text, item, lex, persons)
            if holder is not None:
                item = replace(item, source=holder, kind="official", named_here=bool(_DEFINITE.match(item.source)))
        out.append(item)
    return out


def _outranked(item: _Found, found: list[_Found]) -> bool:
    """Another candidate over the same words wins the merge anyway (`_merge`'s ranking)."""
    rank = (item.via is None, item.step)
    return any(
        (other.via is None, other.step) < rank and min(other.span.end, item.span.end) > max(other.span.start, item.span.start)
        for other in found
    )


def _role_holder(text: str, item: _Found, lex: QuoteLexicon, persons: Sequence[Span]) -> str | None:
    holders = [
        (pos, guess.speaker.name)
        for pos, guess, _ in candidates(text, lex, persons, len(text) if item.span.start < 1500 else item.span.start)
        if guess.head == item.role_head and guess.speaker.kind == "official" and not guess.unnamed_role
    ]
    before = [h for h in holders if h[0] < item.span.start]
    chosen = before[-1] if before else next((h for h in holders if h[0] > item.span.end), None)
    return chosen[1] if chosen else None


def _resolve_pronouns(found: list[_Found]) -> list[_Found]:
    """Step 15: "Selon lui", "Il a affirmé": the nearest earlier credited source of a compatible
    gender (by its determiner), within a few paragraphs; dropped when there is none."""
    out: list[_Found] = []
    for item in found:
        if item.pronoun is None:
            out.append(item)
            continue
        earlier = [f for f in out if item.span.start - f.span.end < 1000 and f.kind in _SPEAKING_KINDS
                   and _gender_fits(f.source, item.pronoun)]
        if earlier:
            out.append(replace(item, source=earlier[-1].source, kind=earlier[-1].kind, pronoun=None))
    return out


_SPEAKING_KINDS = {"official", "person", "anonymous", "news agency", "media"}


def _gender_fits(source: str, gender: str) -> bool:
    first = source.split()[0].lower() if source.split() else ""
    feminine, masculine = first in {"la", "une", "cette"}, first in {"le", "un", "ce", "cet"}
    return not gender or not (gender == "m" and feminine or gender == "f" and masculine)


def _statement_clauses(text: str, lex: QuoteLexicon, persons: Sequence[Span]) -> list[_Found]:
    """Step 10: a speech or statement verb and its subject, with or without quote marks:
    postposed ("ont indiqué lundi à l’AOAP des sources locales", "a annoncé mardi la Garde
    côtière") or preposed ("Le gouvernement ivoirien a fermement démenti", "Il a affirmé"); not
    a verb in a sense that states nothing ("Le tribunal a condamné X à 20 ans de prison")."""
    cues = _clause_cues(lex.lang)
    out: list[_Found] = []
    excluded = {w.lower() for w in lex.cues.get("not_statement_verbs", [])}
    statement_only = {w.lower() for w in lex.cues.get("statement_verbs", [])} - _speech_forms_all(lex.lang)
    for verb in cues.verb.finditer(text):
        last_word = verb.group(0).split()[-1].lower()
        if last_word in excluded or _in_heading(text, verb.start()) or _other_sense(text, verb.end(), last_word, lex):
            continue
        sentence_start, _ = sentence_bounds(text, verb.start())
        before = text[sentence_start : verb.start()].rstrip()
        found = None
        postposed = before.endswith((",", "»", "”", '"')) or _AFTER_COMME.search(before[-12:])
        if postposed and last_word not in statement_only:  # "accuse la société": an object, not a subject
            found = _postposed_subject(text, verb.start(), verb.end(), lex, persons)
        if found is None and not _NEGATED.search(before[-4:]):  # "n’a reconnu que"
            found = _preposed_subject(text, sentence_start, verb.start(), verb.end(), lex, persons)
        if found is not None:
            out.append(found)
    return out


_AFTER_COMME = re.compile(r"\b(?:comme|as)(?:\s+l[’'])?$", re.IGNORECASE)


_NEGATED = re.compile(r"\b(?:n[’']|ne)$", re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def _speech_forms_all(lang: str) -> frozenset[str]:
    participles, presents = _speech_forms(lang)
    return frozenset(w.lower() for w in participles | presents)


def _in_heading(text: str, pos: int) -> bool:
    """A title or subheading: a line that ends without sentence punctuation ("Bamako dément
    toute présence russe"); its statement is the body's, credited there."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)].rstrip()
    return bool(line) and line[-1] not in ".!?…»”\"'):;" and len(line) < 200


def _postposed_subject(text: str, start: int, pos: int, lex: QuoteLexicon, persons: Sequence[Span]) -> _Found | None:
    cues = _clause_cues(lex.lang)
    via = None
    for _ in range(5):
        adverb = cues.adverbs.match(text, pos)
        if adverb is not None:
            pos = adverb.end()
            continue
        name, end = _relay(text, pos, lex) if via is None else (None, pos)
        if name is None or not re.match(r"\s*(?:à|au|to)\s", text[pos : pos + 5]):
            break
        via, pos = name, end
    at = len(text[pos:]) - len(text[pos:].lstrip(" ,"))
    subject = _cut_at_verb(text, np_after(text, pos + at, lex), lex)
    if subject is None or subject.of(text).split()[0].lower() in lex.stop_words:
        return None
    guess = _describe_subject(text, subject, lex, persons)
    if guess is None or guess.speaker.kind == "unknown" or guess.pronoun_gender is not None:
        return None
    guess = _named_apposition(text, subject, guess, lex, persons)
    end = subject.end
    if via is None:
        name, relay_end = _relay(text, end + (text[end : end + 1] == ","), lex)
        if name is not None and re.match(r",?\s*(?:à|au|to)\s", text[end : end + 5]):
            via, end = name, relay_end
    return _found_for(text, Span(start, end), guess, lex, 10, via)


def _cut_at_verb(text: str, span: Span | None, lex: QuoteLexicon) -> Span | None:
    """"les autorités mauritaniennes, affirme le président": the subject ends before a comma
    that opens the next speech verb."""
    if span is None:
        return None
    for comma in re.finditer(r",\s*", span.of(text)):
        if _clause_cues(lex.lang).verb.match(text, span.start + comma.end()):
            return trim_span(text, span.start, span.start + comma.start(), ",") or None
    return span


def _describe_subject(text: str, span: Span, lex: QuoteLexicon, persons: Sequence[Span]) -> SpeakerGuess | None:
    """`describe`, and a proper-named body it does not know ("la Garde côtière") as an organisation."""
    guess = describe(text, span, lex, persons)
    phrase = span.of(text)
    if guess is None and _PROPER_BODY.match(phrase) and len(phrase.split()) <= 6:
        return SpeakerGuess(Speaker(phrase, "organisation", span=span))
    return guess


def _named_apposition(text: str, subject: Span, guess: SpeakerGuess, lex: QuoteLexicon,
                      persons: Sequence[Span]) -> SpeakerGuess:
    """"un porte-parole de l’entreprise à Moscou, Sergueï Volkov": the role's holder is named
    right after a place complement that cut the noun phrase."""
    if not guess.unnamed_role:
        return guess
    match = re.compile(r"(?:\s+(?:à|in)\s+[A-ZÀ-Ý][\w’'-]+)?\s*,\s+((?:[A-ZÀ-Ý][\w’'-]+)(?:\s+[A-ZÀ-Ý][\w’'-]+){1,3})").match(text, subject.end)
    if match is None:
        return guess
    name = match.group(1)
    return replace(guess, speaker=replace(guess.speaker, name=name), unnamed_role=False)


_CLAUSE_WORDS = re.compile(r".*\b(?:que|qu[’']|mais|that|but|while|whereas|où|when)\s+", re.IGNORECASE | re.DOTALL)


def _preposed_subject(text: str, floor: int, start: int, end: int, lex: QuoteLexicon,
                      persons: Sequence[Span]) -> _Found | None:
    subject = _subject_before(text, floor, start, lex)
    if subject is None:
        return None
    guess = _describe_subject(text, subject, lex, persons)
    if guess is None or guess.speaker.kind == "unknown" and guess.pronoun_gender is None:
        return None
    cues = _clause_cues(lex.lang)
    if guess.pronoun_gender is not None:
        word = subject.of(text).lower()
        if word not in cues.subject_pronouns:
            return None
        return _Found(Span(subject.start, end), word, "unspecified", step=11, pronoun=cues.subject_pronouns[word])
    return _found_for(text, Span(subject.start, end), guess, lex, 10)


def _subject_before(text: str, floor: int, pos: int, lex: QuoteLexicon) -> Span | None:
    """The subject noun phrase of a verb at `pos`: the clause before it, without incises
    ("qui a requis l’anonymat", "joint par téléphone") and parentheses ("(CSP)")."""
    region = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), text[floor:pos])
    cut = max(region.rfind(c) for c in ";:«»“”\"\n") + 1
    parts = [m for m in re.finditer(r"(?:[^,]|(?<=\d),(?=\d))+", region[cut:]) if m.group(0).strip()]  # not "3,000"
    incises = _clause_cues(lex.lang).incise_openers | set(lex.cues.get("relay_participles", [])) | set(lex.cues.get("sollicited", []))
    def opens_incise(part: re.Match[str]) -> bool:
        first = part.group(0).split()[0].lower()
        return first in incises or lex.lang == "en" and first.endswith("ing")

    if parts and opens_incise(parts[-1]) and not region.rstrip().endswith(","):
        return None  # the verb of a relative clause ("dont les trois pays ont annoncé")
    while len(parts) >= 2 and opens_incise(parts[-1]):
        parts = parts[:-1]
    if not parts:
        return None
    last = parts[-1]
    begin = floor + cut + last.start()
    clause = _CLAUSE_WORDS.match(text, begin, floor + cut + last.end())
    if clause is not None:
        begin = clause.end()
    elif len(parts) >= 2 and _is_name(last.group(0)) and any(w.lower() in lex.roles for w in parts[-2].group(0).split()):
        begin = floor + cut + parts[-2].start()  # "Le porte-parole du gouvernement, Ousmane Keïta,"
    elif len(parts) >= 2 and last.group(0).split()[0].islower() and _is_name(parts[-2].group(0)):
        begin = floor + cut + parts[-2].start()  # "Moussa Traoré, élu local de Boni,"
    span = trim_span(text, begin, floor + cut + last.end(), ",")
    words = span.of(text).split()
    if not words or len(words) > 12 or not _may_start_subject(words[0], lex):
        return None
    return span


def _may_start_subject(word: str, lex: QuoteLexicon) -> bool:
    """A subject opens with a capital, a determiner or a subject pronoun ("réunis au sein de"
    opens a participial phrase, "dans" a complement)."""
    lowered = word.lower()
    if lowered in lex.stop_words:
        return False
    elided = lowered[:2] in {"l'", "l’"}
    pronouns = _clause_cues(lex.lang).subject_pronouns
    if lex.lang == "en" and word.isalpha() and not lowered.endswith(("ing", "ed")):
        return True  # English bare plurals: "defence lawyers said", "put forward by rebels"
    return word[0].isupper() or elided or lowered in lex.determiners or lowered in pronouns or word[0].isdigit()


def _is_name(chunk: str) -> bool:
    words = chunk.split()
    return 1 <= len(words) <= 4 and all(w[0].isupper() for w in words)


def _citing_sources(text: str, lex: QuoteLexicon) -> list[_Found]:
    """Step 12: "Selon l’AFP, qui cite un notable", "the AOAP news agency, citing a ministry
    official": the cited source, relayed by the outlet named just before."""
    pattern = _clause_cues(lex.lang).citing
    out: list[_Found] = []
    for match in pattern.finditer(text) if pattern else ():
        subject = np_after(text, match.end(), lex)
        sentence_start, _ = sentence_bounds(text, match.start())
        outlets = list(known_source_pattern().finditer(text, max(sentence_start, match.start() - 80), match.start()))
        if subject is None or not outlets:
            continue
        via = find_known_source(outlets[-1].group(0))
        source, kind, _, end = _np_source(text, subject, lex)
        cue_start = match.start() + len(match.group(0)) - len(match.group(0).lstrip(" ,"))
        out.append(_Found(Span(cue_start, end), source, "anonymous" if kind == "unspecified" else kind,
                          via.name if via else None, step=12))
    return out


def _agents(text: str, lex: QuoteLexicon) -> list[_Found]:
    """Step 13: "estimé à 250 hommes par une source militaire", "présenté par le gouvernement",
    "put forward by rebels": the agent of a figure or a charge is its source."""
    pattern = _clause_cues(lex.lang).agent
    out: list[_Found] = []
    for match in pattern.finditer(text) if pattern else ():
        subject = _cut_agent(text, np_after(text, match.end(), lex))
        if subject is None or not _may_start_subject(subject.of(text).split()[0], lex):
            continue
        source, kind, via, end = _np_source(text, subject, lex)
        known = find_known_source(subject.of(text))
        if known is not None:
            source, kind = known.name, known.kind
        out.append(_Found(Span(match.start(), end), source, kind, via, step=13))
    return out


_AGENT_END = re.compile(r"\s+(?:d[’']\s*(?:avoir|être)|de\s+\w+(?:er|ir|re)|en|comme|as|in|on|at|for)\b", re.IGNORECASE)


def _cut_agent(text: str, span: Span | None) -> Span | None:
    """"la junte d’avoir servi …", "les autorités en un an": the agent ends before a
    complement of the participle."""
    if span is None:
        return None
    end = _AGENT_END.search(text, span.start, span.end)
    return trim_span(text, span.start, end.start()) if end else span


def _sollicited_by_phone(text: str, lex: QuoteLexicon, persons: Sequence[Span]) -> list[_Found]:
    """Step 5 without an outlet: "Joint par téléphone, Moussa Traoré, élu local, …"."""
    cues = _clause_cues(lex.lang)
    out: list[_Found] = []
    if cues.by_phone is None:
        return out
    pattern = rf"(?:^|(?<=[.!?…]\s)|(?<=\n))(?:{_alts(lex.cues['sollicited'])})(?={cues.by_phone.pattern})"
    for match in re.finditer(pattern, text, re.IGNORECASE | re.MULTILINE):
        phone = cues.by_phone.match(text, match.end())
        comma = re.compile(r"\s*,\s*").match(text, phone.end()) if phone else None
        subject = np_after(text, comma.end(), lex) if comma else None
        guess = describe(text, subject, lex, persons) if subject else None
        if subject is None or guess is None or guess.speaker.kind == "unknown":
            continue
        out.append(_found_for(text, Span(match.start(), subject.end), guess, lex, 5))
    return out
