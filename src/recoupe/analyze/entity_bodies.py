"""Bodies of a state named by common nouns (steps 2b and 5 of `entities.extract_entities`).

"le gouvernement", "the junta" stand for a country; "l’armée", "Chad’s army" for its armed forces;
"la Marine nationale sénégalaise", "Togolese police", "la Douane" for one of its national bodies
(lang/<lang>/entity_heads.json, "national_bodies"). Each belongs to the country whose demonym goes
with the noun, else the country named just before ("Senegal’s navy"), else the article's main country.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

from recoupe.analyze.entity_tables import (
    AliasMatcher,
    demonym_table,
    entity_rules,
    feminine_demonyms,
    lookup_key,
    slugify,
)
from recoupe.model import Entity, Mention, Span

__all__ = ["NationalBodies", "army_mentions", "country_hints", "main_country", "national_bodies", "national_body_mentions",
           "state_mentions"]


def _overlaps(span: Span, taken: list[Span]) -> bool:
    return any(span.overlap(t) > 0 for t in taken)


def main_country(mentions: list[Mention], matcher: AliasMatcher, hints: tuple[str, ...] = ()) -> str | None:
    """The country the article names most (ties: the first named); without any, the country of the
    `hints` (`country_hints`: capitals that only locate, "à Lomé")."""
    counts: dict[str, int] = {}
    for mention in mentions:
        entry = matcher.by_id.get(mention.entity_id)
        if entry is not None and entry.kind == "country":
            counts[mention.entity_id] = counts.get(mention.entity_id, 0) + 1
    for country in hints:
        counts[country] = counts.get(country, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def country_hints(mentions: list[Mention], matcher: AliasMatcher) -> tuple[str, ...]:
    """Countries an article names only by a capital that locates ("à Lomé"). (A demonym that only
    qualifies is no hint: "la société turque" is seldom about Turkey's state.)"""
    hints = []
    for mention in mentions:
        if mention.label == "PLACE":  # a capital: the alias table maps it to its country
            country = matcher.by_key.get(lookup_key(mention.text))
            if country is not None and matcher.by_id[country].kind == "country":
                hints.append(country)
    return tuple(hints)


def state_mentions(
    text: str, folded: str, found: list[Mention], main: str | None, entities: dict[str, Entity]
) -> list[Mention]:
    """Step 5: "le gouvernement" -> the country of the demonym after it, or the article's main country."""
    pattern = entity_rules().state_nouns
    if pattern is None:
        return []
    taken = [m.span for m in found]
    mentions = []
    for m in pattern.finditer(folded):
        span = Span(m.start(), m.end())
        if _overlaps(span, taken):
            continue
        after = next((d for d in found if d.label == "DEMONYM" and 0 <= d.span.start - span.end <= 1), None)
        entity_id = after.entity_id if after is not None else main
        if entity_id is not None:
            mentions.append(Mention(span, text[span.start : span.end], entity_id, "STATE"))
    return mentions + army_mentions(text, folded, found + mentions, main, entities)


def _possessor(text: str, span: Span, found: list[Mention]) -> str | None:
    """The entity named right before "’s" and `span` ("Mali’s army", "Senegal's navy")."""
    return next((d.entity_id for d in found if 0 <= span.start - d.span.end <= 3
                 and text[d.span.end : span.start].strip() in {"’s", "'s"}), None)


def army_mentions(
    text: str, folded: str, found: list[Mention], main: str | None, entities: dict[str, Entity]
) -> list[Mention]:
    """Step 5b: "the army", "l’armée" -> the armed forces of the country whose demonym goes with
    the noun ("l’armée soudanaise", "the Sudanese army": one mention over both words), of the
    country named just before ("Mali’s army"), or of the article's main country. The tables name
    some armed forces ("Forces armées maliennes"); any other is "armée <demonym>", in French."""
    rules = entity_rules()
    if rules.army_nouns is None:
        return []
    taken = [m.span for m in found if m.label != "DEMONYM"]
    mentions = []
    for m in rules.army_nouns.finditer(folded):
        span = Span(m.start(), m.end())
        if _overlaps(span, taken):
            continue
        demonym = next((d for d in found if d.label == "DEMONYM" and (
            0 <= d.span.start - span.end <= 1 or 0 <= _army_word_start(text, span) - d.span.end <= 1)), None)
        owner = demonym.entity_id if demonym is not None else _possessor(text, span, found)
        if owner is None and (" " in m.group(0).strip() or "'" in m.group(0)):  # "the army", not "army spokesman"
            owner = main
        # an army the tables do not name is made only from a demonym or a possessive ("l’armée
        # soudanaise", "Chad’s army"): a bare "l’armée" may be any of the countries in the story
        army = _armed_forces(owner, entities) if owner != main or demonym is not None else rules.armed_forces.get(
            owner or "")
        if army is None:
            continue
        if demonym is not None:
            span = Span(min(span.start, demonym.span.start), max(span.end, demonym.span.end))
        mentions.append(Mention(span, text[span.start : span.end], army, "ARMY"))
    return mentions


def _army_word_start(text: str, span: Span) -> int:
    """Start of the army noun itself in "the army" (where an English demonym would end before it)."""
    words = text[span.start : span.end].split()
    return span.end - len(words[-1]) if words else span.start


def _armed_forces(country: str | None, entities: dict[str, Entity]) -> str | None:
    if country is None:
        return None
    known = entity_rules().armed_forces.get(country)
    if known is not None:
        return known
    demonym = feminine_demonyms().get(country)
    if demonym is None:
        return None
    army = Entity(id=slugify(f"armée {demonym}"), name=f"armée {demonym}", kind="organisation")
    entities.setdefault(army.id, army)
    return army.id


# ------------------------------------------------------------- national bodies


@dataclass(frozen=True)
class NationalBodies:
    """lang/<lang>/entity_heads.json "national_bodies": forms as written -> French name templates."""

    pattern: re.Pattern[str] | None
    names: dict[str, str]  # form -> "Marine nationale {f}"
    not_before: frozenset[str]
    demonym_after: bool  # French: "la police togolaise"; English: "Togolese police"


@functools.lru_cache(maxsize=4)
def national_bodies(lang: str) -> NationalBodies:
    folder = lang if lang in {"fr", "en"} else "fr"
    data = json.loads(resources.files("recoupe").joinpath(f"lang/{folder}/entity_heads.json").read_text("utf-8"))
    bodies = data.get("national_bodies", {})
    names = {str(k): str(v) for k, v in bodies.get("forms", {}).items()}
    alternatives = "|".join(r"[ \u00a0]+".join(map(re.escape, f.split())) for f in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w’'-])(?:{alternatives})(?![\w’'-])") if names else None
    return NationalBodies(pattern, names, frozenset(bodies.get("not_before", ())), data.get("name_side") != "before")


_NEXT_WORD = re.compile(r"[ \u00a0]+([\w’'-]+)")
_PREVIOUS_WORD = re.compile(r"([\w’'-]+)[ \u00a0]+$")


def _feminine_plural(demonym: str) -> str:
    return demonym if demonym.endswith(("s", "x", "è")) else demonym + "s"


def national_body_mentions(
    text: str, lang: str, found: list[Mention], main: str | None, taken: list[Span], entities: dict[str, Entity]
) -> list[Mention]:
    """Step 2b: "la Marine nationale sénégalaise", "Senegal's navy", "la Douane" (see the module docstring):
    the demonym beside the noun joins the mention; a body whose country is unknown is left out."""
    bodies, demonyms = national_bodies(lang), demonym_table(lang)
    if bodies.pattern is None:
        return []
    mentions = []
    for m in bodies.pattern.finditer(text):
        span = Span(m.start(), m.end())
        following = _NEXT_WORD.match(text, span.end)
        if _overlaps(span, taken) or (following is not None and lookup_key(following.group(1)) in bodies.not_before):
            continue
        beside = following if bodies.demonym_after else _PREVIOUS_WORD.search(text, max(0, span.start - 30), span.start)
        country = demonyms.get(lookup_key(beside.group(1))) if beside is not None else None
        if country is not None and beside is not None:
            span = Span(min(span.start, beside.start(1)), max(span.end, beside.end(1)))
        owner = country or _possessor(text, span, found) or main
        template = bodies.names[" ".join(m.group(0).split())]
        feminine = feminine_demonyms().get(owner or "")
        if "{" in template and feminine is None:
            continue
        name = template.format(f=feminine, fp=_feminine_plural(feminine or ""))
        body = Entity(id=slugify(name), name=name, kind="organisation")
        entities.setdefault(body.id, body)
        mentions.append(Mention(span, text[span.start : span.end], body.id, "BODY"))
        taken.append(span)
    return mentions
