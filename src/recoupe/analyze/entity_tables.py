"""The tables of entity extraction, loaded once per process, and the text normalising they share.

data/entities.json (canonical entities, aliases and rules), lang/<lang>/demonyms.json
(demonyms and the state nouns that make them name a country) and lang/<lang>/entity_heads.json
(common nouns heading a named place or body). `fold` keeps offsets: one character for one.
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

__all__ = [
    "LEADING_ARTICLE",
    "TITLED_ARTICLE",
    "AliasEntry",
    "AliasMatcher",
    "EntityHeads",
    "EntityRules",
    "PlaceCues",
    "alias_matcher",
    "bare_key",
    "demonym_pattern",
    "demonym_table",
    "entity_heads",
    "entity_rules",
    "feminine_demonyms",
    "fold",
    "load_aliases",
    "lookup_key",
    "packaged_aliases",
    "packaged_tables",
    "place_cues",
    "slugify",
    "state_heads",
]

TITLED_ARTICLE = re.compile(r"(?:Le|La|Les|L['’]|The)\s*\S")
# a word article needs a space after it ("United" keeps its "Un", "Dembélé" its "De")
LEADING_ARTICLE = re.compile(r"^(?:(?:le|la|les|the|un|une|des|du|de)\s+|[ld]['’]\s*)+", re.IGNORECASE)
_APOSTROPHES = {"’": "'", "‘": "'", "ʼ": "'", "´": "'", "`": "'", "\u00a0": " ", "\u202f": " ", "‐": "-", "‑": "-"}


@dataclass(frozen=True)
class AliasEntry:
    """A canonical entity and the surface forms that name it."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    role: str | None = None


# ----------------------------------------------------------------- normalising


def _fold_char(char: str) -> str:
    if char in _APOSTROPHES:
        return _APOSTROPHES[char]
    base = unicodedata.normalize("NFD", char)[0]
    return base if len(base) == 1 else char


class _FoldTable(dict[int, str]):
    """str.translate table filled on first sight of each character (one NFD per character, ever)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Accents, curly apostrophes and non-breaking spaces folded, one character for one
    (so offsets into the folded text are offsets into the original)."""
    return text.translate(_FOLD_TABLE)


def lookup_key(text: str) -> str:
    """Lookup key of a surface form: folded, spaces collapsed, lower case."""
    return re.sub(r"\s+", " ", fold(text)).strip().lower()


def bare_key(text: str) -> str:
    """`lookup_key` without leading articles: "la France" -> "france"."""
    return LEADING_ARTICLE.sub("", lookup_key(text)).strip(" .,;:-'\"«»")


def slugify(text: str) -> str:
    """Id of an entity not in the tables: "la Coalition pour X" -> "coalition-pour-x"."""
    slug = re.sub(r"[^a-z0-9]+", "-", bare_key(text)).strip("-")
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


@dataclass(frozen=True)
class EntityRules:
    """The non-alias knowledge of data/entities.json ("rules")."""

    connectors: frozenset[str]  # folded lower-case words an acronym may skip ("de", "of", "l" of "l’")
    institutions: tuple[re.Pattern[str], ...]
    role_words: frozenset[str]
    titles: frozenset[str]
    credit: re.Pattern[str] | None
    stopwords: frozenset[str]
    state_nouns: re.Pattern[str] | None
    army_nouns: re.Pattern[str] | None
    armed_forces: dict[str, str]  # country id -> id of its armed forces
    capitals: dict[str, str]  # folded lower-case capital -> its name as listed ("n'djamena" -> "N’Djamena")
    related_cues: tuple[str, ...] = ()  # words opening a line of links to other articles ("Lire aussi")


@functools.lru_cache(maxsize=1)
def packaged_tables() -> tuple[tuple[AliasEntry, ...], frozenset[str]]:
    raw = resources.files("recoupe").joinpath("data/entities.json").read_text("utf-8")
    data = json.loads(raw)
    return _entries_from_json(data), frozenset(lookup_key(t) for t in data.get("ignore", ()))


@functools.lru_cache(maxsize=1)
def entity_rules() -> EntityRules:
    data = json.loads(resources.files("recoupe").joinpath("data/entities.json").read_text("utf-8")).get("rules", {})
    credit = [r"\s+".join(map(re.escape, c.split())) + r"\s*$" for c in data.get("credit_cues", ())]
    return EntityRules(
        connectors=frozenset(lookup_key(w).rstrip("'") for w in data.get("acronym_connectors", ())),
        institutions=tuple(re.compile(p) for p in data.get("institution_patterns", ())),
        role_words=frozenset(lookup_key(w) for w in data.get("role_words", ())),
        titles=frozenset(data.get("title_words", ())),
        credit=re.compile("|".join(credit)) if credit else None,
        stopwords=frozenset(data.get("capitalised_stopwords", ())),
        state_nouns=_phrases_regex(tuple(data.get("state_nouns", ()))),
        army_nouns=_phrases_regex(tuple(data.get("army_nouns", ()))),
        armed_forces={str(k): str(v) for k, v in data.get("armed_forces", {}).items()},
        capitals={lookup_key(c): str(c) for c in reversed(data.get("capitals", ()))},
        related_cues=tuple(str(c) for c in data.get("related_cues", ())),
    )


def _phrases_regex(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """Whole-word phrases over folded text, longest first, first letter in either case."""
    units = [_alias_units(p) for p in phrases if p.strip()]
    return re.compile(r"(?<![\w])" + _trie_regex(units)) if units else None


def packaged_aliases() -> tuple[AliasEntry, ...]:
    """The canonical entities shipped with recoupe."""
    return packaged_tables()[0]


def _expand(form: str) -> list[str]:
    """'malien(ne)(s)' -> malien, maliens, malienne, maliennes."""
    match = re.search(r"\(([^)]*)\)", form)
    if not match:
        return [form]
    head, tail = form[: match.start()], form[match.end() :]
    return _expand(head + tail) + _expand(head + match.group(1) + tail)


@functools.lru_cache(maxsize=4)
def demonym_table(lang: str) -> dict[str, str]:
    """Folded lower-case demonym -> entity id, for `lang` (French forms when unknown)."""
    folder = lang if lang in {"fr", "en"} else "fr"
    raw = resources.files("recoupe").joinpath(f"lang/{folder}/demonyms.json").read_text("utf-8")
    table: dict[str, str] = {}
    for entity_id, forms in json.loads(raw)["demonyms"].items():
        for form in forms:
            for word in _expand(form):
                table[lookup_key(word)] = entity_id
    return table


@dataclass(frozen=True)
class AliasMatcher:
    by_id: dict[str, AliasEntry]
    by_key: dict[str, str]  # alias key (and bare key) -> entity id
    pattern: re.Pattern[str] | None


def _alias_units(alias: str) -> tuple[str, ...]:
    """An alias as regex units over folded text: a lower-case first letter in either case (a
    sentence may begin with "Le groupe Wagner"), then each character as written, any run of
    spaces as `\\s+`. A capital stays a capital: "bissau-guinéen" holds no "Bissau"."""
    folded = " ".join(fold(alias).split())
    units = [r"\s+" if c == " " else re.escape(c) for c in folded]
    first = folded[0]
    if first.isalpha() and first.islower():
        units[0] = f"[{re.escape(first.lower())}{re.escape(first.upper())}]"
    return tuple(units)


def _trie_regex(alternatives: list[tuple[str, ...]]) -> str:
    """One regex for many whole-word alternatives, shared prefixes factored into a trie.

    Written by hand because `re` tries a flat alternation branch by branch at every
    position; the trie tests each character once. A branch that goes on is tried before
    the alternative ending there, so the longest alternative wins, as with a flat
    alternation sorted longest first (sibling units are disjoint: at most one goes on).
    """
    trie: dict[str, Any] = {}
    for units in alternatives:
        node = trie
        for unit in units:
            node = node.setdefault(unit, {})
        node[""] = {}  # an alternative ends here
    return _node_regex(trie)


def _node_regex(node: dict[str, Any]) -> str:
    branches = [unit + _node_regex(child) for unit, child in sorted(node.items()) if unit]
    if "" in node:
        branches.append(r"(?![\w])")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


@functools.lru_cache(maxsize=8)
def alias_matcher(extra: tuple[AliasEntry, ...]) -> AliasMatcher:
    by_id: dict[str, AliasEntry] = {}
    for entry in packaged_aliases() + extra:  # a user entry with a known id overrides it
        by_id[entry.id] = entry
    by_key: dict[str, str] = {}
    aliases: set[str] = set()
    for entry in by_id.values():
        for alias in (entry.name, *entry.aliases):
            if not alias.strip():
                continue
            by_key[lookup_key(alias)] = entry.id
            by_key.setdefault(bare_key(alias), entry.id)
            aliases.add(alias)
    pattern = re.compile(r"(?<![\w])" + _trie_regex([_alias_units(a) for a in aliases])) if aliases else None
    return AliasMatcher(by_id=by_id, by_key=by_key, pattern=pattern)


@functools.lru_cache(maxsize=1)
def feminine_demonyms() -> dict[str, str]:
    """Entity id -> its French feminine singular demonym ("tchad" -> "tchadienne"), to name the
    bodies of a country in French whatever the article's language ("armée tchadienne")."""
    raw = json.loads(resources.files("recoupe").joinpath("lang/fr/demonyms.json").read_text("utf-8"))
    table: dict[str, str] = {}
    for entity_id, forms in raw["demonyms"].items():
        words = [word for form in forms for word in _expand(form)]
        singular = [w for w in words if not w.endswith("s")] or words
        table[entity_id] = next((w for w in singular if w.endswith(("e", "è", "é"))), singular[0])
    return table


@functools.lru_cache(maxsize=4)
def demonym_pattern(lang: str) -> re.Pattern[str]:
    words = [tuple(re.escape(c) for c in word) for word in demonym_table(lang) if word]
    # not after a hyphen: "bissau-guinéen" is no "guinéen"
    return re.compile(r"(?<![\w-])" + (_trie_regex(words) if words else r"(?!x)x"), re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def state_heads(lang: str) -> tuple[frozenset[str], str]:
    """Nouns after which (French) or before which (English) a demonym names the country's
    state or people ("le ministère guinéen", "Malian officials"), and on which side they stand."""
    folder = lang if lang in {"fr", "en"} else "fr"
    data = json.loads(resources.files("recoupe").joinpath(f"lang/{folder}/demonyms.json").read_text("utf-8"))
    heads = frozenset(lookup_key(word) for form in data.get("state_heads", ()) for word in _expand(form))
    return heads, str(data.get("head_side", "before"))


@dataclass(frozen=True)
class PlaceCues:
    """lang/<lang>/place_cues.json: folded words before a capital that make it a place ("à", "in"),
    unless a word of power or diplomacy stands before them ("au pouvoir à", "en poste à")."""

    locative: tuple[str, ...]
    seat: tuple[str, ...]


@functools.lru_cache(maxsize=4)
def place_cues(lang: str) -> PlaceCues:
    folder = lang if lang in {"fr", "en"} else "fr"
    data = json.loads(resources.files("recoupe").joinpath(f"lang/{folder}/place_cues.json").read_text("utf-8"))
    return PlaceCues(tuple(lookup_key(c) for c in data.get("locative", ())), tuple(lookup_key(c) for c in data.get("seat", ())))


@dataclass(frozen=True)
class EntityHeads:
    """lang/<lang>/entity_heads.json: common nouns heading a named place or body."""

    pattern: re.Pattern[str] | None
    always: frozenset[str]  # heads that make an entity even with a known name ("tribunal de Ouagadougou")
    organisation: frozenset[str]  # folded lower-case heads of bodies (the others head places)
    canonical: dict[str, str]  # folded English head -> French canonical head
    place_of: frozenset[str] = frozenset()  # heads of a place that is its name alone ("le quartier de Bè")


_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w’'-]*\w|[A-ZÀ-ÖØ-Þ]"
_NAME = rf"(?:{_NAME_WORD})(?:[ -](?:{_NAME_WORD})){{0,3}}"


def _words_regex(words: list[str]) -> str:
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in sorted(words, key=lambda w: -len(w)))


@functools.lru_cache(maxsize=4)
def entity_heads(lang: str) -> EntityHeads:
    folder = lang if lang in {"fr", "en"} else "fr"
    data = json.loads(resources.files("recoupe").joinpath(f"lang/{folder}/entity_heads.json").read_text("utf-8"))
    heads = [*data.get("organisation", ()), *data.get("facility", ()), *data.get("place", ())]
    if not heads:
        return EntityHeads(None, frozenset(), frozenset(), {})
    head = rf"(?P<head>{_words_regex([h[0].upper() + h[1:] for h in heads] + heads)})"
    if data.get("name_side") == "before":  # English: "the Tamsaga gold mine"
        body = rf"(?<![\w’'-])(?P<name>{_NAME})[ \u00a0]+{head}(?![\w])"
    else:  # French: "la mine d’or de Tamsaga", "le camp Baba Sy"
        modifiers = _words_regex(list(data.get("modifiers", ())))
        body = (rf"(?<![\w-]){head}(?:[ \u00a0]+(?:{modifiers}))?[ \u00a0]+"
                rf"(?:(?:de[ \u00a0]+la|de[ \u00a0]+l['’]|des|du|de|d['’])[ \u00a0]*)?"
                rf"(?:[«“\"][ \u00a0]*)?(?P<name>{_NAME})(?:[ \u00a0]*[»”\"])?")  # 'le collectif « Togo Citoyen »'
    organisation = frozenset(lookup_key(h) for h in data.get("organisation", ()))
    # a name before an English head is often a place qualifying it ("Bamako airport", "Burkina Faso court")
    always = organisation if data.get("name_side") != "before" else frozenset()
    return EntityHeads(re.compile(body), always, organisation,
                       {lookup_key(k): v for k, v in data.get("canonical", {}).items()},
                       frozenset(lookup_key(h) for h in data.get("place", ())))
