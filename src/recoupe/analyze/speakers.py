"""Who speaks: noun phrases around speech cues, what kind of speaker they name, and resolution.

Cascade for a speaker noun phrase (`describe`; elided articles are words of their own: "l’armée"):
 1. a subject pronoun ("il" of "a-t-il réagi", "he") -> resolved later (step 6);
 2. a known agency or medium (data/sources.json) -> organisation;
 2b. a phrase naming a body by its acronym ("La Communauté … (CEDEAO)") -> organisation; so
    does a bare acronym, with or without its article ("la CMRN", "le HCR", "UNHCR");
 3. a person name (a PER entity or mention, else capitalised words; a name in apposition beats
    one completing a role) -> official when a role noun stands beside it ("le porte-parole,
    Baba Cissé"), a person when the role is held in a private body ("secrétaire général du
    syndicat"; spokespeople stay officials), else person;
 4. a role noun without a name ("un porte-parole du gouvernement malien") -> official,
    resolved later to a named holder of that role (step 7);
 5. an institution ("le ministère malien de la Défense") -> organisation; an anonymous
    source noun ("une source Française") -> anonymous, named by the lowercased phrase.
Resolution (`resolve`), quote by quote in reading order:
 6. a pronoun takes the latest compatible candidate before the quote (gender of the
    determiner), preferring subjects (a candidate followed by a verb) and counting the
    speakers of earlier quotes as subjects where they are named;
 7. an unnamed role takes the nearest named speaker holding the same role, else the last
    holder named in the text (seed 001: "un porte-parole du gouvernement malien" -> Baba Cissé;
    "Selon le ministre des Mines, X, …" … "a déclaré le ministre" -> X);
 7b. a generic organisation ("le groupe", "la compagnie") takes the last organisation of its
    class named before ("la société russe Volga Zoloto", "le Groupe de soutien … (JNIM)");
 8. speakers sharing a name share the longest role stated for it.
Noun phrases are cut by rules, not by the parser: the blank pipeline must give the same answer.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from recoupe.analyze.quote_lexicon import QuoteLexicon, find_known_source
from recoupe.analyze.quote_marks import trim_span
from recoupe.model import Mention, Span, Speaker

__all__ = ["SpeakerGuess", "np_after", "np_before", "describe", "candidates", "resolve", "sentence_subject"]

# An elided article or pronoun is a word of its own ("l’armée" -> "l’", "armée"): the head
# noun must be seen for what it is.
_WORD = re.compile(r"\b(?:[ldjnsmtc]|qu)['’](?=\w)|[\w’'-]+", re.UNICODE | re.IGNORECASE)
_HARD_STOP = re.compile(r"[.;:!?«»\"“”\n()]")
_PRE_WORDS = {
    "haut", "hauts", "ancien", "anciens", "nouveau", "nouvel", "certains", "certaines", "plusieurs",
    "deux", "trois", "quatre", "cinq", "six", "dix", "quelques", "autre", "autres", "senior", "two",
    "three", "four", "several", "some", "other", "former", "top", "une", "un", "des", "of", "the", "a", "an",
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
    named = _named_with_acronym(text, pos, limit, lex)
    if named is not None:
        return named
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
        if words and token.lower() in _AND and _link_follows(segment[piece.end():], lex):
            continue  # "le ministre des Mines et de l’Énergie": one office
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


_AND = {"et", "and"}
_VERBAL_STOPS = {"a", "ont", "est", "sont", "avait", "avaient", "était", "étaient", "qui", "que", "qu’", "qu'",
                 "dont", "selon", "has", "had", "have", "is", "are", "was", "were", "said", "says", "who", "which",
                 "that", "told"}
_NAMED_BODY = re.compile(r"[^,.;:!?«»\"“”\n()]{2,120}?\([A-Z][\w-]{1,12}\)")


def _named_with_acronym(text: str, pos: int, limit: int, lex: QuoteLexicon) -> Span | None:
    """"l’Office des Nations unies contre la drogue et le crime (ONUDC)": a body's full name up to
    its acronym is one noun phrase, whatever links its words."""
    match = _NAMED_BODY.match(text, pos, limit)
    if match is None:
        return None
    words = [w.lower() for w in _words(match.group(0))]
    if not words or words[0] in _VERBAL_STOPS or _VERBAL_STOPS.intersection(words) or len(words) > 16:
        return None
    return Span(pos, match.end())


def _link_follows(rest: str, lex: QuoteLexicon) -> bool:
    following = _words(rest[:30].lower())
    return bool(following) and (following[0] in lex.np_links or following[0] in {"d’", "d'"})


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


_ACRONYM = re.compile(r"\([A-Z][\w-]{1,12}\)")
_BARE_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,9}")
_DATELINE_DASH = re.compile(r"\s[–—]\s")


def np_before(text: str, pos: int, floor: int, lex: QuoteLexicon) -> Span | None:
    """The noun phrase that ends at `pos` (before a verb), after the last comma or
    punctuation; a role and a name in apposition are kept together."""
    start = floor
    acronyms = [m.span() for m in _ACRONYM.finditer(text, floor, pos)]
    for stop in _HARD_STOP.finditer(text, floor, pos):
        if not any(a <= stop.start() < b for a, b in acronyms):  # "Le Cadre … (CSP), qui …, accuse"
            start = stop.end()
    for dash in _DATELINE_DASH.finditer(text, start, pos):  # "Bamako, 15 mai 2024 (AOAP) – Le …"
        start = dash.end()
    chunk = text[start:pos]
    parts = [m for m in re.finditer(r"(?:[^,]|(?<=\d),(?=\d))+", chunk) if m.group(0).strip()]  # not "3,000"
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
    while words and words[0].lower() in {"et", "mais", "and", "but", "puis", "alors", "enfin", "car", "qu’", "qu'"}:
        begin = text.find(words[0], span.start) + len(words[0])
        span = trim_span(text, begin, span.end, ",")
        words = words[1:]
    if not words or len(words) > 14:
        return None
    return span


def _is_incise(chunk: str, lex: QuoteLexicon) -> bool:
    """An incise between a subject and its verb: a participle ("joint par téléphone", "cité par
    l’AFP", "speaking on condition of anonymity") or a relative clause ("qui a requis l’anonymat")."""
    words = _words(chunk.lower())
    if not words:
        return False
    if " ".join(chunk.lower().split()).startswith(lex.apposition_openers):
        return True  # "le RAD, l’un des principaux partis d’opposition, a appelé": an apposition
    incises = set(lex.cues.get("relay_participles", [])) | set(lex.cues.get("sollicited", [])) | lex.incise_openers
    return words[0] in incises or lex.lang == "en" and words[0].endswith("ing") and len(words[0]) > 4


def _looks_like_name(chunk: str, lex: QuoteLexicon) -> bool:
    words = _words(chunk)
    return bool(words) and len(words) <= 4 and all(w[0].isupper() for w in words) and (
        words[0].lower() not in lex.determiners
    )


def _cut_relay(phrase: str, lex: QuoteLexicon) -> str:
    found = _relay_cue(lex.lang).search(phrase.lower())
    return (phrase[: found.start()] if found else phrase).strip(" ,")


@functools.lru_cache(maxsize=4)
def _relay_cue(lang: str) -> re.Pattern[str]:
    """" citées par", " interrogé par": where a relay starts in a source phrase (compiled once)."""
    from recoupe.analyze.quote_lexicon import load_lexicon

    cues = [p if " " in p else f"{p} par" for p in load_lexicon(lang).cues.get("relay_participles", [])]
    return re.compile(" (?:" + ("|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)) or "(?!)") + ")")


def _name_in(text: str, span: Span, persons: Sequence[Span], lex: QuoteLexicon) -> Span | None:
    """The person named in `span`; a name in apposition beats one completing a role ("le
    directeur de Volga Zoloto, Dmitri Orlov": Dmitri Orlov)."""
    names = _names_in(text, span, persons, lex)
    apposed = [n for n in names if not _completes_a_noun(text, n.start, lex)]
    chosen = apposed or names
    return chosen[0] if chosen else None


def _completes_a_noun(text: str, pos: int, lex: QuoteLexicon) -> bool:
    before = text[max(0, pos - 6) : pos].lower().rstrip(" \u00a0")
    return any(before.endswith((f" {link}", f"’{link}")) or before == link for link in ("de", "du", "des", "of")) or (
        before.endswith(("d’", "d'"))
    )


def _names_in(text: str, span: Span, persons: Sequence[Span], lex: QuoteLexicon) -> list[Span]:
    inside = [p for p in persons if p.start >= span.start and p.end <= span.end]
    if inside:
        return inside
    found = []
    for match in re.finditer(r"(?:[A-ZÀ-Ý][\w’'-]+)(?:\s+(?:[A-ZÀ-Ý][\w’'-]+|de|da|ben|ould|ag|al))*", span.of(text)):
        words = _words(match.group(0))
        if match.start() == 0 and words[0].lower() in lex.determiners:
            continue
        if any(w.lower() in lex.roles or w.lower() in lex.bodies or w.lower() in lex.anonymous_nouns for w in words):
            continue
        if find_known_source(match.group(0)) or len(words) < 2 and match.start() == 0 and len(_words(span.of(text))) > 1:
            continue
        if len(words) >= 2 or len(_words(span.of(text))) == 1:  # one capitalised word inside a
            found.append(Span(span.start + match.start(), span.start + match.end()))  # phrase: "source Française"
    return found


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
    described = _described_person(phrase, lowered, lex, span)
    if described is not None:
        return described
    first = lowered[0].rstrip("’'") + ("'" if lowered[0][-1:] in "’'" else "")
    gender = lex.determiners.get(first, lex.determiners.get(lowered[0], ""))
    plural = None if first not in lex.determiners else first in lex.plural_determiners
    source = find_known_source(phrase)
    name = _name_in(text, span, persons, lex)
    head_words = [w for w in _past_partitive(lowered)[:6] if w not in _PRE_WORDS]
    role = next((w for w in head_words if w in lex.roles), "")
    body = next((w for w in head_words[:3] if w in lex.bodies or w in lex.private_bodies), "")
    anon = next((w for w in head_words[:3] if w in lex.anonymous_nouns), "")
    if plural is None and anon and anon.endswith(("s", "x")):
        plural = True  # "Sources close to the investigation": no determiner, a plural noun
    if source is not None and not (role or body or anon) or source is not None and len(words) <= 3:
        return SpeakerGuess(Speaker(source.name, "organisation", span=span), head=source.key)
    acronym = _ACRONYM.search(phrase)
    if acronym is not None and not role and name not in persons:
        named = " ".join(phrase[: acronym.end()].split())  # "La Communauté économique … (CEDEAO)"
        return SpeakerGuess(Speaker(_lower_determiner(named, lex), "organisation", span=span), gender=gender,
                            plural=plural, head=body or anon)
    bare = words[1:] if len(words) == 2 and first in lex.determiners else words
    if len(bare) == 1 and _BARE_ACRONYM.fullmatch(bare[0]) and name is None:  # "la CMRN", "le HCR", "UNHCR"
        return SpeakerGuess(Speaker(_lower_determiner(phrase, lex), "organisation", span=span), gender=gender,
                            plural=plural, head=bare[0].lower())
    if name is not None:
        rest = (text[span.start : name.start] + text[name.end : span.end]).strip(" ,")
        role_text = _strip_determiner(rest, lex) if role else None
        private = role not in lex.spokesperson_roles and any(w in lex.private_bodies for w in _words(rest.lower()))
        kind = "official" if role and not private else "person"  # "secrétaire général du syndicat": a person
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


_DEFINITE = {"le", "la", "l’", "l'", "the"}


def _described_person(phrase: str, lowered: list[str], lex: QuoteLexicon, span: Span) -> SpeakerGuess | None:
    """"le syndicaliste", "l’économiste", "the economist": a definite description without a name
    points back to the person last named, as a pronoun does (step 1)."""
    if len(lowered) < 2 or lowered[0] not in _DEFINITE or " ".join(lowered[1:]) not in lex.person_nouns:
        return None
    gender = lex.determiners.get(lowered[0], "")
    return SpeakerGuess(Speaker(_lower_determiner(phrase, lex), "unknown", span=span), pronoun_gender=gender)


_PARTITIVE = ({"l’", "l'"}, {"un", "une", "one"}, {"de", "des", "d’", "d'", "of"})


def _past_partitive(lowered: list[str]) -> list[str]:
    """"l’une de ces sources", "one of the officials": the head is the noun after the partitive."""
    at = 1 if lowered[:1] and lowered[0] in _PARTITIVE[0] else 0
    if len(lowered) > at + 2 and lowered[at] in _PARTITIVE[1] and lowered[at + 1] in _PARTITIVE[2]:
        return lowered[at + 2 :]
    return lowered


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
        cut = _cut_after_head(text, phrase, guess.head, lex) if guess is not None and guess.head else phrase
        whole = _verb_follows(text, phrase.end, lex) and not _verb_follows(text, cut.end, lex)
        if cut != phrase and not whole:  # "The ministry accused …"; but "le procureur militaire a rejeté"
            phrase, guess = cut, describe(text, cut, lex, persons)
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


def candidates(
    text: str, lex: QuoteLexicon, persons: Sequence[Span], upto: int, reach: int = 1500
) -> list[tuple[int, SpeakerGuess, bool]]:
    """Speaker-like noun phrases in the `reach` characters before `upto`: (position, guess,
    followed by a verb)."""
    found: list[tuple[int, SpeakerGuess, bool]] = []
    floor = max(0, upto - reach)
    for match in _CANDIDATE_HEAD.finditer(text, floor, upto):
        heads = [h.lower() for h in match.groups() if h]
        if not any(h in lex.roles or h in lex.bodies or h in lex.private_bodies or h in lex.anonymous_nouns for h in heads):
            continue
        span = np_after(text, match.start(), lex, max_words=8)
        if span is None or span.end > upto:
            continue
        guess = describe(text, span, lex, persons)
        cut = _cut_after_head(text, span, guess.head, lex) if guess is not None and guess.head else span
        if cut != span and _verb_follows(text, cut.end, lex):  # "la compagnie conteste" -> "la compagnie"
            span, guess = cut, describe(text, cut, lex, persons)
        if guess is not None:
            found.append((span.start, guess, _verb_follows(text, span.end, lex)))
    for person in persons:
        if floor <= person.start and person.end <= upto:
            guess = SpeakerGuess(Speaker(person.of(text), "person", span=person), plural=False)  # one person
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
    if plural_pronoun and guess.plural is None and guess.speaker.kind in {"person", "official"} and not guess.unnamed_role:
        return False  # "déplorent-ils" is never one named person
    return guess.plural == plural_pronoun or guess.plural is None


def resolve(
    text: str, guesses: list[SpeakerGuess | None], positions: list[int], lex: QuoteLexicon, persons: Sequence[Span]
) -> list[Speaker | None]:
    """Resolve pronouns, unnamed roles and generic organisations (steps 6-8), quote by quote in
    text order; `positions` are the quotes' starts."""
    named = [(g.speaker, g.head) for g in guesses if g is not None and _named_holder(g)]
    done: list[SpeakerGuess] = []
    out: list[Speaker | None] = []
    for guess, pos in zip(guesses, positions, strict=True):
        if guess is not None and guess.pronoun_gender is not None:
            guess = _antecedent(text, guess, pos, lex, persons, done)
        if guess is not None and guess.unnamed_role:
            guess = _with_holder(text, guess, pos, named, lex, persons)
        if guess is not None and guess.speaker.kind == "organisation":
            guess = _named_organisation(text, guess, lex) or guess
        if guess is not None and guess.speaker.kind == "anonymous":
            guess = _one_of_those(text, guess, lex) or guess
        if guess is not None and guess.pronoun_gender is None:
            done.append(guess)
        out.append(guess.speaker if guess is not None else None)
    return _share_roles(out)


def _antecedent(
    text: str, guess: SpeakerGuess, pos: int, lex: QuoteLexicon, persons: Sequence[Span],
    earlier: Sequence[SpeakerGuess] = (),
) -> SpeakerGuess:
    """Step 6: the latest compatible subject before the quote; the speakers of earlier quotes
    count as subjects where they are named ("« A », a déclaré le colonel X. « B », a-t-il ajouté")."""
    spoken = [(g.speaker.span.start, g, True) for g in earlier if g.speaker.span is not None and g.speaker.span.start < pos]
    pool = sorted([*candidates(text, lex, persons, pos), *spoken], key=lambda c: c[0])
    options = [c for c in pool if _compatible(c[1], guess)]
    subjects = [c for c in options if c[2]]
    chosen = (subjects or options)[-1:] if options else []
    if not chosen:
        return guess
    found = chosen[0][1]
    return replace(found, speaker=replace(found.speaker, span=guess.speaker.span))


def _with_holder(
    text: str, guess: SpeakerGuess, pos: int, named: list[tuple[Speaker, str]], lex: QuoteLexicon,
    persons: Sequence[Span],
) -> SpeakerGuess:
    """Step 7: an unnamed role takes the named holder of that role: a quote's speaker, else the
    last one named before in the text ("Selon le ministre des Mines, X, …" … "a déclaré le ministre")."""
    holder = _holder(named, guess, pos, text, lex)
    if holder is None:
        in_text = [c[1].speaker for c in candidates(text, lex, persons, pos, _REACH)
                   if _holds(c[1].speaker, c[1].head, guess, text, lex) and _named_holder(c[1])]
        holder = in_text[-1] if in_text else None
    if holder is None:
        return guess
    role = max([holder.role or "", guess.speaker.role or ""], key=len) or None
    return replace(guess, speaker=replace(holder, role=role, span=guess.speaker.span), unnamed_role=False)


def _named_holder(guess: SpeakerGuess) -> bool:
    """A named person holding a role: an official, or a person holding a role in a private body."""
    return bool(guess.head) and not guess.unnamed_role and guess.speaker.kind in {"official", "person"}


def _holds(holder: Speaker, head: str, guess: SpeakerGuess, text: str, lex: QuoteLexicon) -> bool:
    """Whether a named `holder` holds the unnamed role of `guess`: the same head ("le colonel X"
    for "le colonel") or the head among its role's words ("le colonel X, commandant des
    sapeurs-pompiers" for "le commandant"); a complement the unnamed role states ("le directeur de
    la protection civile") must stand in the holder's role too ("directeur du port" is another)."""
    role_words = [w.lower() for w in _words(holder.role or "")]
    if head != guess.head and guess.head not in role_words:
        return False
    phrase = guess.speaker.span.of(text) if guess.speaker.span is not None else guess.speaker.name
    mine = _complement(phrase, guess.head, lex)
    theirs = _complement(holder.role or "", guess.head, lex)
    return not mine or not theirs or bool(mine & theirs)


def _complement(phrase: str, head: str, lex: QuoteLexicon) -> set[str]:
    """The content words after a role's head: "directeur de la protection civile" -> protection, civile."""
    words = [w.lower() for w in _words(phrase)]
    after = words[words.index(head) + 1 :] if head in words else []
    return {w for w in after if w not in lex.stop_words and w not in lex.np_links and w not in lex.determiners
            and w not in {"l’", "l'", "d’", "d'"}}


def _holder(named: list[tuple[Speaker, str]], guess: SpeakerGuess, pos: int, text: str, lex: QuoteLexicon) -> Speaker | None:
    same = [s for s, head in named if _holds(s, head, guess, text, lex) and s.span is not None]
    if not same:
        return None
    return min(same, key=lambda s: abs((s.span.start if s.span else 0) - pos))


_NAME_RUN = r"[A-ZÀ-Ý][\w’'-]*(?:\s+[A-ZÀ-Ý][\w’'-]*)*"


def _named_organisation(text: str, guess: SpeakerGuess, lex: QuoteLexicon) -> SpeakerGuess | None:
    """Step 7b: "le groupe", "la compagnie" name again the last organisation of the same class
    named before ("la société russe Volga Zoloto", "le Groupe de soutien … (JNIM)")."""
    span = guess.speaker.span
    words = _words(span.of(text)) if span is not None else []
    if span is None or any(w[0].isupper() for w in words[1:]) or len(words) > 3:
        return None
    group = set().union(*(g for g in lex.generic_organisations if guess.head in g))  # "groupe": firm or armed group
    if not group:
        return None
    nouns = "|".join(re.escape(n) for n in sorted(group, key=len, reverse=True))
    pattern = re.compile(
        rf"\b(?:{nouns})(?:\s+[a-zà-ÿ][\w’'-]*){{0,2}}\s+({_NAME_RUN})"  # la société russe Volga Zoloto
        rf"|\b((?i:{nouns})\b[^.,;:()«»\n]{{0,80}}?)\s*\(([A-Z][\w-]{{1,12}})\b",  # le Groupe de … (JNIM
    )
    found = None
    for match in pattern.finditer(text, max(0, span.start - _REACH), span.start):
        found = match
    if found is None:
        return _last_acronym(text, guess, span, lex)
    name = found.group(1) or f"{found.group(2)[0].upper()}{found.group(2)[1:]} ({found.group(3)})"
    return replace(guess, speaker=replace(guess.speaker, name=name))


def _last_acronym(text: str, guess: SpeakerGuess, span: Span, lex: QuoteLexicon) -> SpeakerGuess | None:
    """"CMRN, which employs 3,000 people, rejected the claim. « … », the company said": a firm
    named by its acronym alone is the last acronym standing as a subject before (not an outlet)."""
    found = None
    for match in re.finditer(r"\b([A-Z][A-Z0-9]{2,7})\b(?=\s*,|\s+(?:a|ont|has|had|is|was|\w+ed|\w+s)\b)",
                             text[max(0, span.start - _REACH) : span.start]):
        if find_known_source(match.group(1)) is None:
            found = match.group(1)
    if found is None:
        return None
    return replace(guess, speaker=replace(guess.speaker, name=found))


_ONE_OF_THOSE = re.compile(r"^(l[’']une?|une?|one)\s+(?:de\s+ces|of\s+(?:these|those|the))\s+([\w-]+)$", re.IGNORECASE)


def _one_of_those(text: str, guess: SpeakerGuess, lex: QuoteLexicon) -> SpeakerGuess | None:
    """"a précisé l’une de ces sources" after "selon des sources douanières": one of the sources
    described before -> "l’une des sources douanières" ("one of the security sources")."""
    span = guess.speaker.span
    match = _ONE_OF_THOSE.match(" ".join(guess.speaker.name.split()))
    if span is None or match is None:
        return None
    one, noun = match.group(1), match.group(2).lower()
    stops = lex.stop_words | set(lex.cues.get("relay_participles", [])) | set(lex.np_links)
    found = None
    for earlier in re.finditer(rf"\b(?:([\w-]+)\s+)?{re.escape(noun)}((?:\s+[a-zà-ÿ][\w’'-]*){{0,3}})", text[max(0, span.start - _REACH) : span.start], re.IGNORECASE):
        words = []
        for word in earlier.group(2).split():
            if word.lower() in stops:
                break
            words.append(word)
        if words or earlier.group(1):
            found = (earlier.group(1) or "", words)
    if found is None:
        return None
    before, words = found
    if lex.lang == "en":
        name = " ".join([one, "of the", *([before] if before and before.lower() not in lex.determiners else []), noun, *words])
    else:
        name = " ".join([one, "des", noun, *words])
    return replace(guess, speaker=replace(guess.speaker, name=name))


_REACH = 6000  # characters looked back for a role holder or a named organisation: a long article


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
