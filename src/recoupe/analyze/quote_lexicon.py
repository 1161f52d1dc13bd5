"""The language data the quote, speaker and attribution extractors share, compiled once.

Everything linguistic lives in data files (lang/<fr|en>/speech_verbs.txt, quote_marks.json,
attribution_cues.json, anonymous_sources.json, speaker_roles.json; data/sources.json);
this module only turns them into regular expressions and sets, cached per process.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from recoupe.lexicon import speech_verbs

__all__ = ["QuoteLexicon", "KnownSource", "load_lexicon", "known_sources", "inverted_pronoun", "APOSTROPHES"]

APOSTROPHES = "'’"
_AUX_FR = r"(?:a|ont|avait|avaient|aurait|auraient|aura|auront)"
_PRON_FR = r"(?:il|elle|ils|elles|on)"
_ADV_FR = r"(?:déjà|aussi|encore|également|ensuite|enfin|notamment|pourtant|toutefois|ainsi|bien|alors|d[’']ailleurs|plus tard|pour sa part|de son côté)"
_AUX_EN = r"(?:has|had|have|would|will)"


@dataclass(frozen=True)
class KnownSource:
    key: str
    name: str
    kind: str  # "news agency" or "media"
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class QuoteLexicon:
    lang: str
    verb_phrase: re.Pattern[str]  # a speech verb in any cue form; group "pron" holds an inverted pronoun
    gerund_cue: re.Pattern[str]  # "tout en assurant qu'", "en insistant sur le fait que", "adding that"
    that: re.Pattern[str]  # the complementiser after a speech verb: "que", "qu'", "that"
    pairs: tuple[tuple[str, str], ...]
    continuation: frozenset[str]
    min_words_without_cue: int
    min_words_with_cue: int
    title_cues: frozenset[str]
    cues: dict[str, Any]  # attribution_cues.json
    anonymous_nouns: frozenset[str]
    anonymous_anaphors: tuple[str, ...]
    bodies: frozenset[str]
    private_bodies: frozenset[str]
    roles: frozenset[str]
    pronouns: dict[str, str]
    determiners: dict[str, str]
    plural_determiners: frozenset[str]
    stop_words: frozenset[str]
    np_links: tuple[str, ...]
    stressed_pronouns: dict[str, str]  # "lui" of "Selon lui, …": the gender it points back to
    same_source_anaphors: tuple[str, ...]  # "la même source": exactly the earlier source
    fragment_verb: re.Pattern[str]  # "qualifie", "accused": introduce quoted words, never a clause
    incise_openers: frozenset[str] = frozenset()  # "qui", "who": an incise between subject and verb
    generic_organisations: tuple[frozenset[str], ...] = ()  # "le groupe" names the last named group again
    citing: tuple[str, ...] = ()  # "Selon l’AFP, qui cite un notable, …": the notable speaks
    denial_verbs: frozenset[str] = frozenset()  # "dément avoir …": a denial, not a reported clause
    spokesperson_roles: frozenset[str] = frozenset()  # official whatever body they speak for
    person_nouns: frozenset[str] = frozenset()  # "le syndicaliste": a person described, no office
    apposition_openers: tuple[str, ...] = ()  # "X, l’un des principaux partis, a appelé": X is the subject


def _read_text(lang: str, name: str) -> str:
    return resources.files("recoupe").joinpath(f"lang/{lang}/{name}").read_text("utf-8")


def _read_json(lang: str, name: str) -> dict[str, Any]:
    return json.loads(_read_text(lang, name))


def _alternation(words: set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w)


def _verb_rows(lang: str) -> tuple[list[list[str]], list[str]]:
    verbs = speech_verbs(lang)
    return [list(row) for row in verbs.rows], list(verbs.literals)


def _multiword(pattern: str) -> str:
    """"fait_savoir" in a data file is the form "fait savoir": "_" joins the words of one form."""
    return pattern.replace("_", r"\s+")


def _french_patterns(rows: list[list[str]], literals: list[str], reflexive: list[list[str]]) -> tuple[str, str]:
    part = _multiword(_alternation({r[1] for r in rows}))
    pres = _multiword(_alternation({r[2] for r in rows} | {r[3] for r in rows}))
    ger = _multiword(_alternation({r[4] for r in rows}))
    lit = _alternation(set(literals))
    forms = _reflexive_forms(reflexive) + [
        # 1. inverted compound: "a-t-il réagi", "ont-ils dit", "a-t-elle encore ajouté"
        rf"{_AUX_FR}(?:-t)?-(?P<pron>{_PRON_FR})\s+(?:{_ADV_FR}\s+)?(?:{part})",
        # 2. inverted simple: "déclare-t-il", "dit-elle"
        rf"(?:{pres})(?:-t)?-(?P<pron2>{_PRON_FR})",
        # 3. compound, with an optional incise: "a déclaré", "a, de son côté, affirmé"
        rf"{_AUX_FR}(?:\s*,[^,.«»\n]{{1,40}},)?\s+(?:{_ADV_FR}\s+)?(?:{part})",
        # 4. simple present: "explique le ministre", "le ministre déclare"
        rf"(?:{pres})",
        # 5. a participle sharing the auxiliary of a coordinated verb: "a fait état de X et affirmé"
        rf"(?<=\bet )(?:{part})",
    ]
    if lit:
        forms.insert(0, rf"(?:{lit})")
    verb = r"\b(?:" + "|".join(forms) + r")\b"
    # "tout en assurant qu’", or a participle after a comma: "a rejeté ces critiques, affirmant que"
    gerund = rf"(?:\b(?:tout\s+)?en\s+|(?<=,)\s*)(?:{ger})(?:\s+sur\s+le\s+fait)?\s+(?:que\b|qu[’'])"
    return verb, gerund


def _reflexive_forms(rows: list[list[str]]) -> list[str]:
    """Pronominal cues: "s’est indigné X", "s’est-elle inquiétée", "se sont félicités",
    "s’inquiète-t-il", "se félicite le ministre"."""
    if not rows:
        return []
    part = _alternation({r[1] for r in rows})
    pres = _alternation({r[2] for r in rows} | {r[3] for r in rows})
    agreement = r"(?:e|s|es)?"
    return [
        rf"s[’']est(?:-(?P<pron3>{_PRON_FR}))?\s+(?:{_ADV_FR}\s+)?(?:{part}){agreement}",
        rf"se\s+sont(?:-(?P<pron4>{_PRON_FR}))?\s+(?:{_ADV_FR}\s+)?(?:{part}){agreement}",
        rf"(?:s[’']|se\s+)(?:{pres})(?:(?:-t)?-(?P<pron5>{_PRON_FR}))?",
    ]


def inverted_pronoun(verb: re.Match[str]) -> str | None:
    """The subject pronoun inverted in a cue ("a-t-il dit", "dit-elle", "s’est-il indigné")."""
    groups = verb.groupdict()
    return next((groups[g] for g in ("pron", "pron2", "pron3", "pron4", "pron5") if groups.get(g)), None)


def _english_patterns(rows: list[list[str]], literals: list[str], reflexive: list[list[str]]) -> tuple[str, str]:
    past = _multiword(_alternation({r[1] for r in rows}))
    pres = _multiword(_alternation({r[2] for r in rows}))
    ger = _multiword(_alternation({r[3] for r in rows}))
    lit = _alternation(set(literals))
    forms = [rf"(?:{_AUX_EN}\s+)?(?:{past})", rf"(?:{pres})"]
    if lit:
        forms.insert(0, rf"(?:{lit})")
    verb = r"\b(?:" + "|".join(forms) + r")\b"
    gerund = rf"\b(?:while\s+|before\s+|and\s+)?(?:{ger})\s+(?:that\b)?"
    return verb, gerund


# Every cue starts with a letter: this lookahead lets `re` skip spaces, digits and punctuation
# before trying the few thousand characters of alternatives (measured: a full scan of the verb
# pattern over 235 articles 0.178 -> 0.107 CPU s, the same matches).
_LETTER_FIRST = r"(?=[^\W\d_])"


def _fragment_verbs(lang: str, forms: list[str]) -> re.Pattern[str]:
    """The fragment verbs; a compound form takes an adverb after its auxiliary ("a également accusé")."""
    adverb = _ADV_FR if lang == "fr" else r"(?:also|already|previously|repeatedly)"
    parts = []
    for form in sorted(set(forms), key=len, reverse=True):
        aux, _, rest = form.partition(" ")
        parts.append(rf"{re.escape(aux)}(?:\s+{adverb})?\s+{re.escape(rest)}" if rest else re.escape(form))
    return re.compile(_LETTER_FIRST + r"\b(?:" + ("|".join(parts) or "(?!)") + r")\b", re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def load_lexicon(lang: str) -> QuoteLexicon:
    """The compiled lexicon for `lang` ("fr" or "en"; anything else reads the French files)."""
    lang = lang if lang in {"fr", "en"} else "fr"
    rows, literals = _verb_rows(lang)
    marks = _read_json(lang, "quote_marks.json")
    reflexive = [row.split() for row in marks.get("reflexive_verbs", [])]
    verb, gerund = (_french_patterns if lang == "fr" else _english_patterns)(rows, literals, reflexive)
    anon = _read_json(lang, "anonymous_sources.json")
    roles = _read_json(lang, "speaker_roles.json")
    that = r"(?:que\b|qu[’'])" if lang == "fr" else r"(?:that\b)"
    return QuoteLexicon(
        lang=lang,
        verb_phrase=re.compile(_LETTER_FIRST + verb, re.IGNORECASE),
        gerund_cue=re.compile(gerund, re.IGNORECASE),
        that=re.compile(that, re.IGNORECASE),
        pairs=tuple((a, b) for a, b in marks["pairs"]),
        continuation=frozenset(marks["paragraph_continuation"]),
        min_words_without_cue=int(marks["min_words_without_cue"]),
        min_words_with_cue=int(marks["min_words_with_cue"]),
        title_cues=frozenset(marks["title_cues"]),
        cues=_read_json(lang, "attribution_cues.json"),
        anonymous_nouns=frozenset(anon["nouns"]),
        anonymous_anaphors=tuple(anon["anaphors"]),
        bodies=frozenset(roles["bodies"]),
        private_bodies=frozenset(roles["private_bodies"]),
        roles=frozenset(roles["roles"]),
        pronouns=dict(roles["pronouns"]),
        determiners=dict(roles["determiners"]),
        plural_determiners=frozenset(roles["plural_determiners"]),
        stop_words=frozenset(roles["stop_words"]),
        np_links=tuple(roles["np_links"]),
        stressed_pronouns=dict(roles.get("stressed_pronouns", {})),
        same_source_anaphors=tuple(anon.get("same_source_anaphors", [])),
        fragment_verb=_fragment_verbs(lang, marks.get("fragment_verbs", [])),
        incise_openers=frozenset(roles.get("incise_openers", [])),
        generic_organisations=tuple(frozenset(group) for group in roles.get("generic_organisations", [])),
        citing=tuple(roles.get("citing", [])),
        denial_verbs=frozenset(marks.get("denial_verbs", [])),
        spokesperson_roles=frozenset(roles.get("spokesperson_roles", [])),
        person_nouns=frozenset(roles.get("person_nouns", [])),
        apposition_openers=tuple(roles.get("apposition_openers", [])),
    )


@functools.lru_cache(maxsize=1)
def known_sources() -> tuple[KnownSource, ...]:
    """News agencies and media from data/sources.json."""
    data = json.loads(resources.files("recoupe").joinpath("data/sources.json").read_text("utf-8"))
    return tuple(
        KnownSource(s["key"], s["name"], s["kind"], tuple(s["aliases"])) for s in data["sources"]
    )


@functools.lru_cache(maxsize=1)
def known_source_pattern() -> re.Pattern[str]:
    """One regex over every alias; acronyms match case-sensitively, names ignoring case."""
    parts = []
    for alias in sorted({a for s in known_sources() for a in s.aliases}, key=len, reverse=True):
        body = re.escape(alias)
        parts.append(body if alias.isupper() else f"(?i:{body})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


def find_known_source(text: str) -> KnownSource | None:
    """The known agency or medium named in `text`, if any (the first one)."""
    match = known_source_pattern().search(text)
    if match is None:
        return None
    found = match.group(0).lower()
    for source in known_sources():
        if any(a.lower() == found for a in source.aliases):
            return source
    return None
