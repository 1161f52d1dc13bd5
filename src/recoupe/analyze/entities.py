"""Entities: spaCy's named entities merged with the canonical alias tables.

Every mention maps to a canonical entity id, so that articles can be aligned:
"la France" here and "Paris" there are both `france`; "Bamako" is `mali`
(a capital stands for its country's authorities, as the seeds' gold has it).

Cascade, in order (`extract_entities`):
  1. Alias tables (data/entities.json plus a user file): whole-word matches,
     leftmost then longest first; they win over spaCy, which tags "Wagner" PER.
  2. Demonyms (lang/<lang>/demonyms.json): "malien", "Russian" -> the country,
     label "DEMONYM", where no alias already covers the words.
  3. spaCy entities (PER/LOC/ORG/MISC) not overlapping 1-2: looked up in the
     alias and demonym tables by their normalised text ("Française" -> france);
     a surname alone joins the full name met earlier ("Cissé" -> "Baba Cissé");
     otherwise a new entity with a slug id from the normalised text.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from recoupe.model import Entity, Mention, Span

__all__ = [
    "AliasEntry",
    "EntityResult",
    "extract_entities",
    "load_aliases",
    "packaged_aliases",
    "fold",
    "slugify",
]

SPACY_KINDS = {"PER": "person", "ORG": "organisation", "LOC": "place", "MISC": "other"}
_LEADING_ARTICLE = re.compile(r"^(?:(?:le|la|les|l'|the|un|une|des|du|de|d')\s*)+", re.IGNORECASE)
_APOSTROPHES = {"’": "'", "‘": "'", "ʼ": "'", "´": "'", "`": "'", "\u00a0": " ", "\u202f": " ", "‐": "-", "‑": "-"}


@dataclass(frozen=True)
class AliasEntry:
    """A canonical entity and the surface forms that name it."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    role: str | None = None


@dataclass(frozen=True)
class EntityResult:
    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]


# ----------------------------------------------------------------- normalising


def _fold_char(char: str) -> str:
    if char in _APOSTROPHES:
        return _APOSTROPHES[char]
    base = unicodedata.normalize("NFD", char)[0]
    return base if len(base) == 1 else char


def fold(text: str) -> str:
    """Accents, curly apostrophes and non-breaking spaces folded, one character for one
    (so offsets into the folded text are offsets into the original)."""
    return "".join(_fold_char(c) for c in text)


def _key(text: str) -> str:
    """Lookup key of a surface form: folded, spaces collapsed, lower case."""
    return re.sub(r"\s+", " ", fold(text)).strip().lower()


def _bare_key(text: str) -> str:
    """`_key` without leading articles: "la France" -> "france"."""
    return _LEADING_ARTICLE.sub("", _key(text)).strip(" .,;:-'\"«»")


def slugify(text: str) -> str:
    """Id of an entity not in the tables: "la Coalition pour X" -> "coalition-pour-x"."""
    slug = re.sub(r"[^a-z0-9]+", "-", _bare_key(text)).strip("-")
    return slug or "entity"


# --------------------------------------------------------------------- tables


def _entries_from_json(data: dict[str, Any]) -> tuple[AliasEntry, ...]:
    return tuple(
        AliasEntry(
            id=str(item["id"]),
            name=str(item["name"]),
            kind=str(item.get("kind", "other")),
            aliases=tuple(str(a) for a in item.get("aliases", ())),
            role=item.get("role"),
        )
        for item in data.get("entities", ())
    )


def load_aliases(path: str | Path) -> tuple[AliasEntry, ...]:
    """A user alias file (same JSON shape as data/entities.json) as AliasEntry records."""
    return _entries_from_json(json.loads(Path(path).read_text("utf-8")))


@functools.lru_cache(maxsize=1)
def _packaged() -> tuple[tuple[AliasEntry, ...], frozenset[str]]:
    raw = resources.files("recoupe").joinpath("data/entities.json").read_text("utf-8")
    data = json.loads(raw)
    return _entries_from_json(data), frozenset(_key(t) for t in data.get("ignore", ()))


def packaged_aliases() -> tuple[AliasEntry, ...]:
    """The canonical entities shipped with recoupe."""
    return _packaged()[0]


def _expand(form: str) -> list[str]:
    """'malien(ne)(s)' -> malien, maliens, malienne, maliennes."""
    match = re.search(r"\(([^)]*)\)", form)
    if not match:
        return [form]
    head, tail = form[: match.start()], form[match.end() :]
    return _expand(head + tail) + _expand(head + match.group(1) + tail)


@functools.lru_cache(maxsize=4)
def _demonyms(lang: str) -> dict[str, str]:
    """Folded lower-case demonym -> entity id, for `lang` (French forms when unknown)."""
    folder = lang if lang in {"fr", "en"} else "fr"
    raw = resources.files("recoupe").joinpath(f"lang/{folder}/demonyms.json").read_text("utf-8")
    table: dict[str, str] = {}
    for entity_id, forms in json.loads(raw)["demonyms"].items():
        for form in forms:
            for word in _expand(form):
                table[_key(word)] = entity_id
    return table


@dataclass(frozen=True)
class _Matcher:
    by_id: dict[str, AliasEntry]
    by_key: dict[str, str]  # alias key (and bare key) -> entity id
    pattern: re.Pattern[str] | None


def _alias_regex(alias: str) -> str:
    folded = fold(alias).strip()
    body = r"\s+".join(re.escape(part) for part in folded.split())
    first = folded[0]
    if first.isalpha() and first.lower() != first.upper():
        body = f"[{re.escape(first.lower())}{re.escape(first.upper())}]" + body[len(re.escape(first)) :]
    return body


@functools.lru_cache(maxsize=8)
def _matcher(extra: tuple[AliasEntry, ...]) -> _Matcher:
    by_id: dict[str, AliasEntry] = {}
    for entry in packaged_aliases() + extra:  # a user entry with a known id overrides it
        by_id[entry.id] = entry
    by_key: dict[str, str] = {}
    aliases: set[str] = set()
    for entry in by_id.values():
        for alias in (entry.name, *entry.aliases):
            if not alias.strip():
                continue
            by_key[_key(alias)] = entry.id
            by_key.setdefault(_bare_key(alias), entry.id)
            aliases.add(alias)
    ordered = sorted(aliases, key=lambda a: (-len(a), a))  # longest first at one position
    pattern = None
    if ordered:
        pattern = re.compile(r"(?<![\w])(?:" + "|".join(_alias_regex(a) for a in ordered) + r")(?![\w])")
    return _Matcher(by_id=by_id, by_key=by_key, pattern=pattern)


def _demonym_pattern(lang: str) -> re.Pattern[str]:
    return _demonym_regex(lang, tuple(sorted(_demonyms(lang), key=lambda k: (-len(k), k))))


@functools.lru_cache(maxsize=4)
def _demonym_regex(lang: str, words: tuple[str, ...]) -> re.Pattern[str]:
    body = "|".join(re.escape(w) for w in words) or r"(?!x)x"
    return re.compile(r"(?<![\w])(?:" + body + r")(?![\w])", re.IGNORECASE)


# ------------------------------------------------------------------ extraction


def _overlaps(span: Span, taken: list[Span]) -> bool:
    return any(span.overlap(t) > 0 for t in taken)


def _alias_mentions(text: str, folded: str, matcher: _Matcher) -> list[Mention]:
    if matcher.pattern is None:
        return []
    mentions = []
    for m in matcher.pattern.finditer(folded):
        entity_id = matcher.by_key.get(_key(m.group(0)))
        if entity_id is not None:
            mentions.append(Mention(Span(m.start(), m.end()), text[m.start() : m.end()], entity_id, "ALIAS"))
    return mentions


def _demonym_mentions(text: str, folded: str, lang: str, taken: list[Span]) -> list[Mention]:
    table = _demonyms(lang)
    mentions = []
    for m in _demonym_pattern(lang).finditer(folded):
        span = Span(m.start(), m.end())
        entity_id = table.get(_key(m.group(0)))
        if entity_id and not _overlaps(span, taken):
            mentions.append(Mention(span, text[span.start : span.end], entity_id, "DEMONYM"))
    return mentions


def _trim_entity(text: str, start: int, end: int) -> tuple[int, int]:
    """spaCy entity bounds without surrounding quotes, punctuation or spaces."""
    junk = " \t\n«»\"“”'’.,;:()[]-–—"
    while start < end and text[start] in junk:
        start += 1
    while end > start and text[end - 1] in junk:
        end -= 1
    return start, end


def _is_plausible(surface: str, ignore: frozenset[str]) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return len(letters) >= 2 and any(c.isupper() for c in surface) and _key(surface) not in ignore


def _resolve_spacy(
    surface: str, label: str, matcher: _Matcher, lang: str, persons: dict[str, str]
) -> tuple[str, Entity | None]:
    """Entity id for a spaCy entity, and a new Entity when it is not in the tables."""
    for key in (_key(surface), _bare_key(surface)):
        if key in matcher.by_key:
            return matcher.by_key[key], None
        if key in _demonyms(lang):
            return _demonyms(lang)[key], None
    if label == "PER" and _bare_key(surface) in persons:
        return persons[_bare_key(surface)], None
    name = _LEADING_ARTICLE.sub("", surface.strip()) or surface.strip()
    new = Entity(id=slugify(surface), name=name, kind=SPACY_KINDS.get(label, "other"))
    return new.id, new


def _spacy_mentions(
    parsed: Any, matcher: _Matcher, taken: list[Span], extra_entities: dict[str, Entity]
) -> list[Mention]:
    ignore = _packaged()[1]
    persons: dict[str, str] = {}  # surname key -> person id, from full names met so far
    mentions = []
    for ent in getattr(parsed.doc, "ents", ()):
        if ent.label_ not in SPACY_KINDS:
            continue
        start, end = _trim_entity(parsed.text, ent.start_char, ent.end_char)
        span = Span(start, end)
        surface = parsed.text[start:end]
        if not surface or _overlaps(span, taken) or not _is_plausible(surface, ignore):
            continue
        entity_id, new = _resolve_spacy(surface, ent.label_, matcher, parsed.lang, persons)
        if new is not None:
            extra_entities.setdefault(new.id, new)
            if new.kind == "person" and len(surface.split()) > 1:
                persons[_bare_key(surface.split()[-1])] = new.id
        mentions.append(Mention(span, surface, entity_id, ent.label_))
        taken.append(span)
    return mentions


def _entity_of(entity_id: str, matcher: _Matcher, found: dict[str, Entity]) -> Entity:
    entry = matcher.by_id.get(entity_id)
    if entry is not None:
        return Entity(id=entry.id, name=entry.name, kind=entry.kind, role=entry.role)
    return found.get(entity_id) or Entity(id=entity_id, name=entity_id, kind="other")


def extract_entities(parsed: Any, aliases: tuple[AliasEntry, ...] = ()) -> EntityResult:
    """Mentions of canonical entities in `parsed.text` (see the module docstring's cascade).

    `aliases` are user entries added to (or overriding by id) the packaged table.
    """
    text = parsed.text
    folded = fold(text)
    matcher = _matcher(tuple(aliases))
    mentions = _alias_mentions(text, folded, matcher)  # 1
    taken = [m.span for m in mentions]
    demonyms = _demonym_mentions(text, folded, parsed.lang, taken)  # 2
    taken += [m.span for m in demonyms]
    found: dict[str, Entity] = {}
    spacy_found = _spacy_mentions(parsed, matcher, taken, found)  # 3
    ordered = sorted(mentions + demonyms + spacy_found, key=lambda m: (m.span.start, m.span.end))
    entities: dict[str, Entity] = {}
    for mention in ordered:
        if mention.entity_id not in entities:
            entities[mention.entity_id] = _entity_of(mention.entity_id, matcher, found)
    return EntityResult(entities=tuple(entities.values()), mentions=tuple(ordered))
