"""Who speaks: noun phrases around speech cues, what kind of speaker they name, and resolution.

Cascade for a speaker noun phrase (`describe`):
 1. a subject pronoun ("il" of "a-t-il réagi", "he") -> resolved later (step 6);
 2. a known agency or medium (data/sources.json) -> organisation;
 3. a person name (a PER entity or mention, else capitalised words) -> official when a role
    noun stands beside it ("le porte-parole, Baba Cissé"), else person;
 4. a role noun without a name ("un porte-parole du gouvernement malien") -> official,
    resolved later to a named holder of that role (step 7);
 5. an institution ("le ministère malien de la Défense") -> organisation; an anonymous
    source noun ("une source Française") -> anonymous, named by the lowercased phrase.
Resolution (`resolve`):
 6. a pronoun takes the nearest preceding compatible candidate (gender of the determiner),
    preferring subjects (a candidate followed by a verb);
 7. an unnamed role takes the nearest named speaker holding the same role anywhere in the
    article (seed 001: "un porte-parole du gouvernement malien" -> Baba Cissé);
 8. speakers sharing a name share the longest role stated for it.
Noun phrases are cut by rules, not by the parser: the blank pipeline must give the same answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from recoupe.analyze.quote_lexicon import QuoteLexicon, find_known_source
from recoupe.analyze.quote_marks import trim_span
from recoupe.model import Mention, Span, Speaker

__all__ = ["SpeakerGuess", "np_after", "np_before", "describe", "candidates", "resolve", "sentence_subject"]

_WORD = re.compile(r"[\w’'-]+", re.UNICODE)
_HARD_STOP = re.compile(r"[.;:!?«»\"“”\n()]")
_PRE_WORDS = {
    "haut", "hauts", "ancien", "anciens", "nouveau", "nouvel", "certains", "certaines", "plusieurs",
    "deux", "trois", "quatre", "cinq", "six", "dix", "quelques", "autre", "autres", "senior", "two",
    "three", "four", "several", "some", "other", "former", "top", "une", "un", "des", "of", "the",
}


@dataclass(frozen=True)
class SpeakerGuess:
    """A speaker noun phrase before resolution."""

    speaker: Speaker
    pronoun_gender: str | None = None  # set for a pronoun: "m", "f" or "" (unknown)
    gender: str = ""  # from the determiner
    head: str = ""  # the role, body or source noun that decided the kind
    unnamed_role: bool = False
    plural: bool | None = None  # from the determiner; None when unknown


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_stop(word: str, lex: QuoteLexicon) -> bool:
    return word.lower() in lex.stop_words


def np_after(text: str, pos: int, lex: QuoteLexicon, max_words: int = 12) -> Span | None:
    """The noun phrase that starts at `pos` (after a verb): up to punctuation, a clause word
    or a comma not followed by an apposition; "le porte-parole, Baba Cissé" stays whole."""
    limit = min(len(text), pos + 200)
    stop = _HARD_STOP.search(text, pos, limit)
    end = stop.start() if stop else limit
    segment = text[pos:end]
    out_end, words = pos, 0
    for piece in re.finditer(r",\s*|[^\s,]+|\s+", segment):
        token = piece.group(0)
        if token.isspace():
            continue
        if token.startswith(","):
            rest = segment[piece.end():]
            if not _apposition_follows(rest, lex):
                break
            continue
        if words and _is_stop(token.rstrip(",’'"), lex) and token.lower() not in lex.np_links:
            break
        if token.lower() in {"à", "au", "aux", "to"} and words:
            break
        words += 1
        out_end = pos + piece.end()
        if words >= max_words:
            break
    span = trim_span(text, pos, out_end, ",")
    return span if len(span) else None


def _apposition_follows(rest: str, lex: QuoteLexicon) -> bool:
    words = _words(rest[:80])
    if not words:
        return False
    first = words[0]
    if first[0].isupper() and first.lower() not in lex.stop_words:
        return True  # a name: "le porte-parole, Baba Cissé"
    lowered = [w.lower() for w in words[:3]]
    if len(words) >= 3 and lowered[0] in lex.determiners and lowered[1] in lex.roles and words[2][0].isupper():
        return True  # "le ministre de la Défense, le général Moussa Ibrah"
    if lowered[0] in lex.determiners and lowered[0] not in {"un", "une", "a", "an"}:
        return False  # "nos informations, le ministre …" starts a new clause
    return any(w in lex.roles or w in lex.bodies for w in lowered) and lowered[0] not in lex.stop_words


def np_before(text: str, pos: int, floor: int, lex: QuoteLexicon) -> Span | None:
    """The noun phrase that ends at `pos` (before a verb), after the last comma or
    punctuation; a role and a name in apposition are kept together."""
    start = floor
    for stop in _HARD_STOP.finditer(text, floor, pos):
        start = stop.end()
    chunk = text[start:pos]
    parts = [m for m in re.finditer(r"[^,]+", chunk) if m.group(0).strip()]
    if not parts:
        return None
    while len(parts) >= 2 and _is_incise(parts[-1].group(0), lex):
        parts = parts[:-1]  # "un cadre de l’entreprise, joint par téléphone, évoque"
    last = parts[-1]
    first_index = len(parts) - 1
    if len(parts) >= 2 and _looks_like_name(last.group(0).strip(), lex):
        previous = parts[-2].group(0).lower()
        if any(w in lex.roles or w in lex.bodies for w in _words(previous)):
            first_index = len(parts) - 2
    begin = start + parts[first_index].start()
    span = trim_span(text, begin, start + last.end(), ",")
    words = _words(span.of(text))
    while words and words[0].lower() in {"et", "mais", "and", "but", "puis", "alors", "enfin", "car"}:
        begin = text.find(words[0], span.start) + len(words[0])
        span = trim_span(text, begin, span.end, ",")
        words = words[1:]
    if not words or len(words) > 14:
        return None
    return span


def _is_incise(chunk: str, lex: QuoteLexicon) -> bool:
    """A participial incise between a subject and its verb: "joint par téléphone", "cité par l’AFP"."""
    words = _words(chunk.lower())
    incises = set(lex.cues.get("relay_participles", [])) | set(lex.cues.get("sollicited", []))
    return bool(words) and words[0] in incises


def _looks_like_name(chunk: str, lex: QuoteLexicon) -> bool:
    words = _words(chunk)
    return bool(words) and len(words) <= 4 and all(w[0].isupper() for w in words) and (
        words[0].lower() not in lex.determiners
    )


def _cut_relay(phrase: str, lex: QuoteLexicon) -> str:
    lowered = phrase.lower()
    cut = len(phrase)
    for participle in lex.cues.get("relay_participles", []):
        participle = participle if " " in participle else f"{participle} par"
        idx = lowered.find(f" {participle}")
        if idx >= 0:
            cut = min(cut, idx)
    return phrase[:cut].strip(" ,")


def _name_in(text: str, span: Span, persons: Sequence[Span], lex: QuoteLexicon) -> Span | None:
    for person in persons:
        if person.start >= span.start and person.end <= span.end:
            return person
    for match in re.finditer(r"(?:[A-ZÀ-Ý][\w’'-]+)(?:\s+(?:[A-ZÀ-Ý][\w’'-]+|de|da|ben|ould|ag|al))*", span.of(text)):
        words = _words(match.group(0))
        if match.start() == 0 and words[0].lower() in lex.determiners:
            continue
        if any(w.lower() in lex.roles or w.lower() in lex.bodies or w.lower() in lex.anonymous_nouns for w in words):
            continue
        if find_known_source(match.group(0)) or len(words) < 2 and match.start() == 0 and len(_words(span.of(text))) > 1:
            continue
        if len(words) >= 2 or len(_words(span.of(text))) == 1:  # one capitalised word inside a
            return Span(span.start + match.start(), span.start + match.end())  # phrase: "source Française"
    return None


def describe(
    text: str, span: Span, lex: QuoteLexicon, persons: Sequence[Span] = ()
) -> SpeakerGuess | None:
    """What the noun phrase at `span` names (cascade steps 1-5)."""
    phrase = _cut_relay(span.of(text), lex)
    span = Span(span.start, span.start + len(phrase))
    words = _words(phrase)
    if not words:
        return None
    lowered = [w.lower() for w in words]
    if len(words) == 1 and lowered[0] in lex.pronouns:
        return SpeakerGuess(Speaker(words[0].lower(), "unknown", span=span), pronoun_gender=lex.pronouns[lowered[0]])
    first = lowered[0].rstrip("’'") + ("'" if lowered[0][-1:] in "’'" else "")
    gender = lex.determiners.get(first, lex.determiners.get(lowered[0], ""))
    plural = None if first not in lex.determiners else first in lex.plural_determiners
    source = find_known_source(phrase)
    name = _name_in(text, span, persons, lex)
    head_words = [w for w in lowered[:6] if w not in _PRE_WORDS]
    role = next((w for w in head_words if w in lex.roles), "")
    body = next((w for w in head_words[:3] if w in lex.bodies or w in lex.private_bodies), "")
    anon = next((w for w in head_words[:3] if w in lex.anonymous_nouns), "")
    if source is not None and not (role or body or anon) or source is not None and len(words) <= 3:
        return SpeakerGuess(Speaker(source.name, "organisation", span=span), head=source.key)
    if name is not None:
        rest = (text[span.start : name.start] + text[name.end : span.end]).strip(" ,")
        role_text = _strip_determiner(rest, lex) if role else None
        kind = "official" if role else "person"
        return SpeakerGuess(Speaker(name.of(text), kind, role=role_text or None, span=span), gender=gender, plural=plural, head=role)
    if role and (not anon or head_words.index(role) < head_words.index(anon)):
        speaker = Speaker(_lower_determiner(phrase, lex), "official", role=_strip_determiner(phrase, lex), span=span)
        return SpeakerGuess(speaker, gender=gender, plural=plural, head=role, unnamed_role=True)
    if anon and (not body or head_words.index(anon) < head_words.index(body)):
        return SpeakerGuess(Speaker(" ".join(phrase.lower().split()), "anonymous", span=span), gender=gender, plural=plural, head=anon)
    if body:
        return SpeakerGuess(Speaker(_lower_determiner(phrase, lex), "organisation", span=span), gender=gender, plural=plural, head=body)
    if all(w[0].isupper() for w in words) and lowered[0] not in lex.determiners:
        return SpeakerGuess(Speaker(phrase, "person", span=span), gender=gender, plural=plural)
    return None


def sentence_subject(
    text: str, start: int, pos: int, lex: QuoteLexicon, persons: Sequence[Span] = ()
) -> SpeakerGuess | None:
    """The first speaker-like subject of the sentence from `start` to `pos`: a noun phrase at
    the sentence start or after a comma, followed by a verb ("Dans un communiqué, l’état-major
    a fait état de … et affirmé que « … »")."""
    starts = [start, *(start + m.end() for m in re.finditer(r",", text[start:pos]))]
    for at in starts:
        phrase = np_after(text, at, lex, max_words=8)
        if phrase is None or phrase.end > pos:
            continue
        guess = describe(text, phrase, lex, persons)
        if guess is not None and guess.head:
            phrase = _cut_after_head(text, phrase, guess.head, lex)
            guess = describe(text, phrase, lex, persons)
        if guess is not None and guess.pronoun_gender is None and (at == start or _verb_follows(text, phrase.end, lex)):
            return guess
    return None


def _cut_after_head(text: str, phrase: Span, head: str, lex: QuoteLexicon) -> Span:
    """"The ministry accused the company" -> "The ministry": a head noun followed by a lowercase
    word that links no complement ends the noun phrase (no parser: the blank pipeline too)."""
    words = list(_WORD.finditer(phrase.of(text)))
    for i, word in enumerate(words[:-1]):
        following = words[i + 1].group(0)
        if word.group(0).lower() == head and following.islower() and following not in lex.np_links:
            return Span(phrase.start, phrase.start + word.end())
    return phrase


def _lower_determiner(phrase: str, lex: QuoteLexicon) -> str:
    words = phrase.split()
    if words and (words[0].lower() in lex.determiners or words[0].lower().rstrip("’'") + "'" in lex.determiners):
        return " ".join([words[0].lower(), *words[1:]])
    if phrase[:2].lower() in {"l'", "l’"}:
        return "l" + phrase[1:]
    return " ".join(words)


def _strip_determiner(phrase: str, lex: QuoteLexicon) -> str:
    phrase = " ".join(phrase.split()).strip(" ,")
    if phrase[:2].lower() in {"l'", "l’"}:
        return phrase[2:]
    words = phrase.split()
    while words and (words[0].lower() in lex.determiners or words[0].lower() in {"un", "une"}):
        words = words[1:]
    return " ".join(words)


_CANDIDATE_HEAD = re.compile(r"\b(?:le|la|les|l[’']|un|une|the|a|an)\s*([\w-]+)(?:\s+([\w-]+))?", re.IGNORECASE)


def candidates(text: str, lex: QuoteLexicon, persons: Sequence[Span], upto: int) -> list[tuple[int, SpeakerGuess, bool]]:
    """Speaker-like noun phrases before `upto`: (position, guess, followed by a verb)."""
    found: list[tuple[int, SpeakerGuess, bool]] = []
    floor = max(0, upto - 1500)
    for match in _CANDIDATE_HEAD.finditer(text, floor, upto):
        heads = [h.lower() for h in match.groups() if h]
        if not any(h in lex.roles or h in lex.bodies or h in lex.private_bodies for h in heads):
            continue
        span = np_after(text, match.start(), lex, max_words=8)
        if span is None or span.end > upto:
            continue
        guess = describe(text, span, lex, persons)
        if guess is not None:
            found.append((span.start, guess, _verb_follows(text, span.end, lex)))
    for person in persons:
        if floor <= person.start and person.end <= upto:
            guess = SpeakerGuess(Speaker(person.of(text), "person", span=person))
            found.append((person.start, guess, _verb_follows(text, person.end, lex)))
    return sorted(found, key=lambda item: item[0])


def _verb_follows(text: str, pos: int, lex: QuoteLexicon) -> bool:
    following = text[pos : pos + 40].lstrip(" ,")
    first = following.split(" ", 1)[0].lower() if following else ""
    return first in {"a", "ont", "est", "sont", "avait", "has", "had", "is", "was", "said"} or bool(
        lex.verb_phrase.match(following)
    )


def _compatible(guess: SpeakerGuess, pronoun: SpeakerGuess) -> bool:
    wanted = pronoun.pronoun_gender or ""
    if guess.gender and wanted and guess.gender != wanted:
        return False
    plural_pronoun = pronoun.speaker.name.endswith("s") or pronoun.speaker.name == "they"
    return guess.plural == plural_pronoun or guess.plural is None


def resolve(
    text: str, guesses: list[SpeakerGuess | None], positions: list[int], lex: QuoteLexicon, persons: Sequence[Span]
) -> list[Speaker | None]:
    """Resolve pronouns and unnamed roles (steps 6-8); `positions` are the quotes' starts."""
    out: list[Speaker | None] = []
    for guess, pos in zip(guesses, positions, strict=True):
        if guess is not None and guess.pronoun_gender is not None:
            guess = _antecedent(text, guess, pos, lex, persons)
        out.append(guess.speaker if guess is not None else None)
    named = [(g.speaker, g.head) for g in guesses if g is not None and g.speaker.kind == "official" and not g.unnamed_role]
    for i, guess in enumerate(guesses):
        if guess is not None and guess.unnamed_role and out[i] is guess.speaker:
            holder = _holder(named, guess, positions[i])
            if holder is not None:
                role = max([holder.role or "", guess.speaker.role or ""], key=len) or None
                out[i] = replace(holder, role=role, span=guess.speaker.span)
    return _share_roles(out)


def _antecedent(
    text: str, guess: SpeakerGuess, pos: int, lex: QuoteLexicon, persons: Sequence[Span]
) -> SpeakerGuess:
    options = [c for c in candidates(text, lex, persons, pos) if _compatible(c[1], guess)]
    subjects = [c for c in options if c[2]]
    chosen = (subjects or options)[-1:] if options else []
    if not chosen:
        return guess
    found = chosen[0][1]
    return replace(found, speaker=replace(found.speaker, span=guess.speaker.span))


def _holder(named: list[tuple[Speaker, str]], guess: SpeakerGuess, pos: int) -> Speaker | None:
    same = [s for s, head in named if head == guess.head and s.span is not None]
    if not same:
        return None
    return min(same, key=lambda s: abs((s.span.start if s.span else 0) - pos))


def _share_roles(speakers: list[Speaker | None]) -> list[Speaker | None]:
    longest: dict[str, str] = {}
    for s in speakers:
        if s is not None and s.role and len(s.role) > len(longest.get(s.name.lower(), "")):
            longest[s.name.lower()] = s.role
    return [replace(s, role=longest.get(s.name.lower(), s.role)) if s is not None else None for s in speakers]


def person_spans(doc: object, mentions: Sequence[Mention]) -> list[Span]:
    """Person names from the entity mentions, else from spaCy's PER/PERSON entities."""
    spans = [m.span for m in mentions if m.label in {"PER", "PERSON"}]
    if not spans:
        spans = [Span(e.start_char, e.end_char) for e in getattr(doc, "ents", ()) if e.label_ in {"PER", "PERSON"}]
    return spans
