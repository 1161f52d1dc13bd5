"""Entities: spaCy's named entities merged with the canonical alias tables.

Every mention maps to a canonical entity id, so that articles can be aligned:
"la France" here and "Paris" there are both `france`; "Bamako" is `mali`
(a capital acting stands for its country's authorities, as the seeds' gold has it).

Cascade, in order (`extract_entities`):
  0. Acronym definitions: "Chine Sahel Pétrole (CSPC)", when the acronym spells the
     initials of the words before it (or their first letters: "SYNCOTAM"): the long form and
     every later "CSPC" are one entity (the tables' when they know either form, else a new
     organisation named by the long form, with the acronym as id, the form languages share).
  1a. Headed places and bodies (lang/<lang>/entity_heads.json): "la mine d’or de Tamsaga",
     "le tribunal militaire de Ouagadougou", "the Tamsaga gold mine" (French canonical id).
     A facility whose name also stands alone goes by that name ("Toéni-Sud"); a body keeps
     its name beside the town ("l’hôpital d’Adré" / "à Adré"). A place head names the place
     itself ("le quartier de Bè", "the Be district": Bè).
  1. Alias tables (data/entities.json plus a user file): whole-word matches,
     leftmost then longest first; they win over spaCy, which tags "Wagner" PER; a place
     alias that begins or ends a longer name yields to it ("Nouakchott Info"), and one that
     capitalised words follow begins a name of its own ("Dakar Info 24", "Sénégal Matin").
     Then institutions by pattern ("ministère des Mines", "Ministry of Finance").
  1b. Capitals: acting ("Bamako dément") they are their country; only locating ("à Conakry",
     a dateline "CONAKRY, June 16", lang/<lang>/place_cues.json) they are the city, a place.
  2. Demonyms (lang/<lang>/demonyms.json): "malien", "Russian" -> the country,
     label "DEMONYM", where no alias already covers the words, and only when they name the
     state or the people ("le ministère guinéen", "23 Guinéens"), not a mere attribute
     ("la société russe", "French troops": no mention).
  2b. National bodies named by common nouns (entity_bodies.py; lang/<lang>/entity_heads.json):
     "la Marine nationale sénégalaise", "Togolese police", "Senegal's navy", "la Douane" -> one
     organisation with a French name ("police togolaise"), of the country of the demonym beside
     the noun, else of the possessive, else of the article's main country (which, when the article
     names no country, is the country of a capital that only locates: "à Lomé").
  3. spaCy entities (PER/LOC/ORG/MISC) not overlapping 1-2: looked up in the
     alias and demonym tables by their normalised text ("Française" -> france);
     a surname alone joins the full name met earlier ("Cissé" -> "Baba Cissé");
     otherwise a new entity with a slug id from the normalised text. Dropped: one
     common-noun word ("Embuscade"), a role ("ministre des Mines") or the portfolio that
     completes one ("le ministre du Pétrole", "de la Protection civile");
     a first word alone joins the longer name met earlier ("Northcrest" -> "Northcrest Gold").
  4. Without NER (the blank English pipeline): capitalised word sequences, minus
     stop words, titles ("Colonel") and credit lines ("Reporting by ..."), resolved as in 3.
  5. State nouns ("le gouvernement", "la junte", "the authorities"; entity_bodies.py): the country whose
     demonym follows ("le gouvernement nigérien"), else the country the article names most;
     army nouns ("the army", "Mali’s army", "l’armée soudanaise") likewise stand for that
     country's armed forces (the tables' name, else "armée <demonym>").
  6. Credits dropped: names in a site-name title suffix ("... | Dakar Info 24"), a byline
     ("Le Planteur via InfoAfrique+", "– Par Awa Sarr"), a breadcrumb, a row of share buttons or
     a line of related articles, unknown names in a dateline's "(West Africa Wire)", and a
     person's name alone on a line under the title (the author) (entity_credits.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from recoupe.analyze.entity_bodies import country_hints, main_country, national_body_mentions, state_mentions
from recoupe.analyze.entity_credits import find_credits, outside_credits
from recoupe.analyze.entity_tables import (
    LEADING_ARTICLE,
    TITLED_ARTICLE,
    AliasEntry,
    AliasMatcher,
    EntityRules,
    PlaceCues,
    alias_matcher,
    bare_key,
    demonym_pattern,
    demonym_table,
    entity_heads,
    entity_rules,
    fold,
    load_aliases,
    lookup_key,
    packaged_aliases,
    packaged_tables,
    place_cues,
    slugify,
    state_heads,
)
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
@dataclass(frozen=True)
class EntityResult:
    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]


# ------------------------------------------------------------------ extraction


def _overlaps(span: Span, taken: list[Span]) -> bool:
    return any(span.overlap(t) > 0 for t in taken)


def _alias_mentions(text: str, folded: str, matcher: AliasMatcher) -> list[Mention]:
    if matcher.pattern is None:
        return []
    mentions = []
    for m in matcher.pattern.finditer(folded):
        entity_id = matcher.by_key.get(lookup_key(m.group(0)))
        if entity_id is not None:
            mentions.append(Mention(Span(m.start(), m.end()), text[m.start() : m.end()], entity_id, "ALIAS"))
    return mentions


_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)")
_LONG_FORM_WORD = re.compile(r"[^\s’'()«»\"“”,;:.]+['’]?")


def _spells(words: list[str], acronym: str, connectors: frozenset[str], syllabic: bool = False) -> bool:
    """Does `acronym` spell the initials of `words`, each content word giving its initial
    and each connector ("de", "of") giving its initial or nothing? ("ECOWAS", "CSPC")
    `syllabic`: each word may give the first letters of itself ("SYNCOTAM": SYndicat National
    des COnducteurs de TAxi-Motos)."""
    if not words:
        return not acronym
    word, rest = words[0], words[1:]
    if lookup_key(word).rstrip("'") in connectors and _spells(rest, acronym, connectors, syllabic):
        return True
    letters = lookup_key(word).rstrip("'")
    longest = min(len(letters), len(acronym)) if syllabic else min(1, len(acronym))
    return any(letters[:n] == lookup_key(acronym[:n]) and _spells(rest, acronym[n:], connectors, syllabic)
               for n in range(longest, 0, -1))


def _long_form(text: str, paren: int, acronym: str, connectors: frozenset[str]) -> Span | None:
    """The words right before "(ACRONYM)" whose initials it spells, starting with a capital."""
    line_start = max(text.rfind("\n", 0, paren), text.rfind(",", 0, paren), text.rfind(";", 0, paren)) + 1
    matches = list(_LONG_FORM_WORD.finditer(text, line_start, paren))[-12:]
    parts = [(m, part) for m in matches for part in m.group(0).split("-") if part]
    for i in range(len(parts)):
        match, first = parts[i]
        if not first[:1].isupper() or lookup_key(first).rstrip("'") in connectors:
            continue
        if i and parts[i - 1][0] is match:  # starts inside a hyphenated word
            continue
        words = [p for _, p in parts[i:]]
        # a last letter may stand for a word the long form leaves out: "Chine Sahel Pétrole (CSPC)"
        if _spells(words, acronym.upper(), connectors) or (len(acronym) >= 4 and (
                _spells(words, acronym.upper()[:-1], connectors) or _spells(words, acronym.upper(), connectors, True))):
            end = parts[-1][0].end()
            return Span(match.start(), end - (1 if text[end - 1] in "'’" else 0))
    return None


def _named_before(text: str, paren: int, connectors: frozenset[str]) -> Span | None:
    """A name right before "(ACRONYM)" that the acronym does not spell (a translation or a
    nickname: "la Mission des Nations unies (MINUSMA)", "the Permanent Strategic Framework (CSP)"):
    from the first capitalised word after an article (else the segment's first word) to the
    parenthesis, two words at least, at most one of them lower case and no connector."""
    line_start = max(text.rfind("\n", 0, paren), text.rfind(",", 0, paren), text.rfind(";", 0, paren),
                     text.rfind(".", 0, paren), text.rfind("(", 0, paren)) + 1
    words = list(_LONG_FORM_WORD.finditer(text, line_start, paren))[-12:]
    articles = {"le", "la", "les", "l'", "the"}
    starts = [i for i in range(1, len(words) - 1) if lookup_key(words[i - 1].group(0)).rstrip("'") in articles]
    for i in starts or [0]:
        first = words[i].group(0) if words else ""
        if len(words) - i < 2 or not first[:1].isupper() or lookup_key(first) in articles:
            continue
        rest = [w.group(0) for w in words[i + 1 :]]
        if sum(w[:1].islower() and lookup_key(w).rstrip("'") not in connectors for w in rest) <= 1:
            return Span(words[i].start(), words[-1].end())
    return None


def _acronym_mentions(
    text: str, folded: str, matcher: AliasMatcher, found: dict[str, Entity]
) -> list[Mention]:
    connectors = entity_rules().connectors
    mentions: list[Mention] = []
    for m in _ACRONYM.finditer(text):
        acronym = m.group(1)
        if sum(c.isupper() for c in acronym) < 2:
            continue
        long_span = _long_form(text, m.start(), acronym, connectors) or _named_before(text, m.start(), connectors)
        if long_span is None:
            continue
        surface = text[long_span.start : long_span.end]
        entity_id = next((matcher.by_key[k] for k in (lookup_key(surface), bare_key(surface), lookup_key(acronym))
                          if k in matcher.by_key), None)
        if entity_id is None:  # the acronym is the id: the short form both languages and later articles share
            entity_id = slugify(acronym)
            found.setdefault(entity_id, Entity(id=entity_id, name=surface, kind="organisation"))
        mentions.append(Mention(long_span, surface, entity_id, "ACRONYM"))
        for use in re.finditer(r"(?<![\w])" + re.escape(acronym) + r"(?![\w])", text):
            mentions.append(Mention(Span(use.start(), use.end()), acronym, entity_id, "ACRONYM"))
    return _without_overlaps(mentions)


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda x: (x.span.start, -x.span.end)):
        if not _overlaps(mention.span, [k.span for k in kept]):
            kept.append(mention)
    return kept


def _institution_mentions(
    text: str, matcher: AliasMatcher, taken: list[Span], found: dict[str, Entity]
) -> list[Mention]:
    """Ministries by pattern ("ministère des Mines"): named by their own words."""
    mentions = []
    for pattern in entity_rules().institutions:
        for m in pattern.finditer(text):
            span = Span(m.start(), m.end())
            if _overlaps(span, taken):
                continue
            surface = m.group(0)
            entity_id = matcher.by_key.get(lookup_key(surface)) or slugify(surface)
            if entity_id not in matcher.by_id:
                found.setdefault(entity_id, Entity(id=entity_id, name=surface, kind="organisation"))
            mentions.append(Mention(span, surface, entity_id, "INSTITUTION"))
            taken.append(span)
    return mentions


_DATELINE_CITY = re.compile(r"^[ \t]*([A-ZÀ-Ý][\w’' -]{1,30}?),[ \t]+(?:\d|[\w.]+[ \t]+\d)", re.MULTILINE)


def _ends_with(before: str, phrases: tuple[str, ...]) -> str | None:
    """The phrase `before` ends with, as whole words; None when none."""
    return next((p for p in phrases if before.endswith(p) and (len(before) == len(p) or not before[-len(p) - 1].isalnum())),
                None)


def _locative(folded_before: str, cues: PlaceCues) -> bool:
    """Does the text before a name end with a locative cue ("à", "près d’", "in") that no word
    of power or diplomacy precedes ("la junte au pouvoir à", "un diplomate en poste à")?"""
    if not folded_before[-1:].isspace() and folded_before[-1:] != "'":
        return False
    before = re.sub(r"\s+", " ", folded_before).lower().rstrip()
    cue = _ends_with(before, cues.locative)
    if cue is None:
        return False
    rest = before[: len(before) - len(cue)].rstrip()
    # a coordinated name shares the cue before it: "des émissaires à Bamako et à Moscou"
    words = rest.replace(",", " ,").split()
    if words and words[-1] in {",", "et", "and", "ou", "or"}:
        cue_at = next((len(words) - 2 - n for n in (1, 2) if len(words) > n + 1 and words[-2 - n] in cues.locative), None)
        rest = " ".join(words[:cue_at]) if cue_at is not None else rest
    return _ends_with(rest, cues.seat) is None


def _capital_place(
    text: str, folded: str, mention: Mention, cues: PlaceCues, found: dict[str, Entity]
) -> Mention:
    """Step 1b: a capital that only locates ("à Bamako", "in Niamey", a dateline "Conakry, 16 juin")
    is the city, a place; acting ("Bamako dément", "entre Bamako et Moscou") it stays its country."""
    name = entity_rules().capitals.get(lookup_key(mention.text))
    if name is None:
        return mention
    start, end = mention.span.start, mention.span.end
    line_start = text.rfind("\n", 0, start) + 1
    dateline = not text[line_start:start].strip() and _DATELINE_CITY.match(text, line_start) is not None
    if not dateline and not _locative(folded[max(0, start - 40) : start], cues):
        return mention
    if re.match(r"[ \u00a0]+[A-ZÀ-Ý]", text[end : end + 2]):
        return mention  # a longer name begins with the capital ("à Nouakchott Info")
    place = Entity(id=slugify(name), name=name, kind="place")
    found.setdefault(place.id, place)
    return Mention(mention.span, text[start:end], place.id, "PLACE")


def _dateline_capitals(text: str, taken: list[Span], found: dict[str, Entity]) -> list[Mention]:
    """A capital in capitals opening a dateline ("CONAKRY, June 16 -"), which the aliases miss."""
    mentions = []
    for m in _DATELINE_CITY.finditer(text):
        name = entity_rules().capitals.get(lookup_key(m.group(1)))
        span = Span(m.start(1), m.end(1))
        if name is None or _overlaps(span, taken):
            continue
        place = Entity(id=slugify(name), name=name, kind="place")
        found.setdefault(place.id, place)
        mentions.append(Mention(span, m.group(1), place.id, "PLACE"))
        taken.append(span)
    return mentions


def _name_alone(text: str, name: str, taken: list[Span]) -> list[Span]:
    """Where `name` stands as a whole word outside the spans taken (its headed uses among them)."""
    spans = [Span(m.start(), m.end()) for m in re.finditer(rf"(?<![\w’'-]){re.escape(name)}(?![\w’'-])", text)]
    return [span for span in spans if not _overlaps(span, taken)]


@dataclass(frozen=True)
class _Headed:
    mentions: list[Mention]
    by_name: dict[str, str]  # the proper name's key -> entity id ("tamsaga" -> mine-d-or-de-tamsaga)


def _headed_mentions(
    text: str, lang: str, matcher: AliasMatcher, taken: list[Span], found: dict[str, Entity]
) -> _Headed:
    """Step 1a: "la mine d’or de Tamsaga", "Tamsaga gold mine" (see lang/*/entity_heads.json).
    Every phrase with one head and one name is one entity, named by its longest form; but when
    the name also stands alone ("Toéni-Sud :", "à Kamsar"), a facility ("la mine d’or de Toéni-Sud",
    "le port de Kamsar") goes by that name (same id), and a body ("l’hôpital d’Adré") stays itself
    beside a place of its own ("à Adré")."""
    heads, stop = entity_heads(lang), entity_rules().stopwords
    if heads.pattern is None:
        return _Headed([], {})
    groups: dict[tuple[str, str], list[tuple[Span, str, str, str]]] = {}
    mentions: list[Mention] = []
    for m in heads.pattern.finditer(text):
        name_start = m.start("name")
        while text[name_start : m.end("name")].split(" ", 1)[0] in stop and " " in text[name_start : m.end("name")]:
            name_start = text.index(" ", name_start) + 1  # "The Tamsaga" -> "Tamsaga"
        start = min(name_start, m.start("head"))
        span, name, head = Span(start, m.end()), text[name_start : m.end("name")], lookup_key(m.group("head"))
        # an acronym defined in the article may be the name ("le Syndicat des travailleurs de la CMRN")
        in_name = [t for t in taken if t.overlap(span) > 0]
        acronym = bool(in_name) and all(name_start <= t.start and t.end <= m.end() for t in in_name)
        known = acronym or bare_key(name) in matcher.by_key or bare_key(name) in demonym_table(lang) or name in stop
        if (in_name and not acronym) or (known and head not in heads.always):
            continue
        if head in heads.place_of:  # "le quartier de Bè", "the Be district": the place is its name
            place = Entity(id=slugify(name), name=name, kind="place")
            found.setdefault(place.id, place)
            mentions.append(Mention(Span(name_start, m.end("name")), name, place.id, "HEADED"))
            taken.append(mentions[-1].span)
            continue
        canon = heads.canonical.get(head)
        form = f"{canon} de {name}" if canon else re.sub(r"[ \u00a0]*[«»“”\"][ \u00a0]*", " ", text[start : m.end()]).strip()
        groups.setdefault((head if canon is None else lookup_key(canon).split()[0], bare_key(name)), []).append(
            (span, form, "organisation" if head in heads.organisation else "place", name))
    by_name: dict[str, str] = {}
    headed_spans = [span for uses in groups.values() for span, _, _, _ in uses]
    for (head_key, name_key), uses in groups.items():
        _, form, kind, name = max(uses, key=lambda use: len(use[1]))
        known = bare_key(name) in matcher.by_key or bare_key(name) in demonym_table(lang)
        alone = [] if known else _name_alone(text, name, headed_spans + taken)
        entity_id = slugify(f"{head_key} de {name_key}")
        if alone and kind == "place":  # a facility named by its place goes by that name ("Toéni-Sud :")
            form = name
        elif alone:  # a body beside a place of the same name ("l’hôpital d’Adré", "à Adré")
            place = Entity(id=slugify(name), name=name, kind="place")
            found.setdefault(place.id, place)
            by_name.setdefault(name_key, place.id)
        mentions += [Mention(span, name, by_name.get(name_key, entity_id), "HEADED") for span in alone]
        taken += alone
        # the id leaves modifiers out, so that "la mine de Tamsaga" here and "la mine d’or de
        # Tamsaga" there align; the name is the longest form the article gives
        found.setdefault(entity_id, Entity(id=entity_id, name=form, kind=kind))
        by_name.setdefault(name_key, entity_id)
        for span, _, _, _ in uses:
            mentions.append(Mention(span, text[span.start : span.end], entity_id, "HEADED"))
            taken.append(span)
    return _Headed(mentions, by_name)


@dataclass(frozen=True)
class _DemonymFound:
    mentions: list[Mention]  # demonyms that name the country
    attributes: list[Span]  # demonyms that only qualify a noun ("la société russe"): no mention



_WORD = re.compile(r"[\w’'-]+")


def _names_country(text: str, span: Span, lang: str) -> bool:
    """Does the demonym at `span` stand for its country? Yes when it is a noun for the people
    ("23 Guinéens", "Malians") or qualifies a state noun within two words ("la présidence
    nigérienne", "une source sécuritaire malienne", "Guinean foreign ministry"), the other
    demonyms of a list left out ("de nationalités sénégalaise, bissau-guinéenne et ghanéenne")."""
    surface = text[span.start : span.end]
    if surface[:1].isupper() and (lang != "en" or surface.endswith("s")):
        return True
    heads, side = state_heads(lang)
    if side == "after":
        near = [m.group(0) for m in _WORD.finditer(text, span.end, min(len(text), span.end + 120))][:12]
    else:
        near = [m.group(0) for m in _WORD.finditer(text, max(0, span.start - 120), span.start)][-12:][::-1]
    coordinated = demonym_table(lang).keys() | {"et", "ou", "and", "or"}
    while near and lookup_key(near[0]) in coordinated:
        near.pop(0)
    return any(re.sub(r"^(?:l|d|qu)'", "", lookup_key(word)) in heads for word in near[:2])  # "l’armée soudanaise"


def _demonym_mentions(text: str, folded: str, lang: str, taken: list[Span]) -> _DemonymFound:
    table = demonym_table(lang)
    found = _DemonymFound([], [])
    for m in demonym_pattern(lang).finditer(folded):
        span = Span(m.start(), m.end())
        entity_id = table.get(lookup_key(m.group(0)))
        if not entity_id or _overlaps(span, taken):
            continue
        if _names_country(text, span, lang):
            found.mentions.append(Mention(span, text[span.start : span.end], entity_id, "DEMONYM"))
        else:
            found.attributes.append(span)
    return found


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
    return len(letters) >= 2 and any(c.isupper() for c in surface) and lookup_key(surface) not in ignore


def _resolve_spacy(
    surface: str, label: str, matcher: AliasMatcher, lang: str, persons: dict[str, str], titled: bool = False
) -> tuple[str, Entity | None]:
    """Entity id for a spaCy entity, and a new Entity when it is not in the tables."""
    for key in (lookup_key(surface), bare_key(surface)):
        if key in matcher.by_key:
            return matcher.by_key[key], None
        if key in demonym_table(lang):
            return demonym_table(lang)[key], None
    if label == "PER" and bare_key(surface) in persons:
        return persons[bare_key(surface)], None
    # a capitalised article inside a sentence belongs to the name ("told The Sahel Post")
    name = surface.strip() if titled else (LEADING_ARTICLE.sub("", surface.strip()) or surface.strip())
    new = Entity(id=slugify(surface), name=name, kind=SPACY_KINDS.get(label, "other"))
    return new.id, new


def _first_word_index(found: dict[str, Entity]) -> dict[str, str]:
    """First word -> id of the multi-word organisations met so far ("Northcrest" -> northcrest-gold)."""
    index: dict[str, str] = {}
    for entity in found.values():
        words = entity.name.split()
        if entity.kind != "person" and len(words) > 1 and words[0][:1].isupper():
            index.setdefault(bare_key(words[0]), entity.id)
    return index


_TITLE_ARTICLE_BEFORE = re.compile(r"(?:L['’]|(?:Le|La|Les|The) )$")


def _spacy_bounds(parsed: Any, ent: Any) -> tuple[int, int]:
    """Entity bounds trimmed of punctuation and of trailing lower-case verbs ("Northcrest proteste");
    a capitalised article right before it inside a sentence is part of the name ("à L’Écho d’Abéché")."""
    tokens = list(ent)
    while len(tokens) > 1 and (tokens[0].text[:1].islower() or tokens[0].is_punct) and (
            lookup_key(tokens[0].text) not in entity_rules().role_words):
        tokens.pop(0)  # "coup d’État" -> "État", "champ d’Agadem" -> "Agadem"
    while len(tokens) > 1 and tokens[-1].pos_ in {"VERB", "AUX"} and tokens[-1].text[:1].islower():
        tokens.pop()
    start, end = _trim_entity(parsed.text, tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    article = _TITLE_ARTICLE_BEFORE.search(parsed.text, max(0, start - 4), start)
    if article is not None and parsed.text[start : start + 1].isupper() and not _sentence_initial(
            parsed.text, article.start()):
        start = article.start()
    return start, end


def _inside_longer_names(parsed: Any, aliased: list[Mention], matcher: AliasMatcher) -> list[Mention]:
    """Place and country aliases that begin a longer spaCy name followed by capitalised words
    ("Nouakchott Info", "ONG Tchad Secours") or end a title ("Le Républicain du Niger"):
    the longer name is another entity, a newspaper or a body, and the alias is no mention."""
    text, inside = parsed.text, []
    spans = [_spacy_bounds(parsed, e) for e in getattr(parsed.doc, "ents", ()) if e.label_ in SPACY_KINDS]
    for mention in aliased:
        entry = matcher.by_id.get(mention.entity_id)
        if entry is None or entry.kind not in {"place", "country"}:
            continue
        for start, end in spans:
            if not (start <= mention.span.start and mention.span.end <= end and (start, end) != (
                    mention.span.start, mention.span.end)):
                continue
            if start < mention.span.start and not TITLED_ARTICLE.match(text, start):
                continue  # "État du Niger", "Complot au Burkina": a noun before the place, no title
            before = re.sub(r"^(?:L['’]|(?:Le|La|Les|The) )", "", text[start : mention.span.start])
            words = [w for w in re.split(r"[\s’']+", before + " " + text[mention.span.end : end])
                     if w and lookup_key(w) not in entity_rules().connectors and lookup_key(w) + "'" not in entity_rules().connectors]
            if words and all(w[:1].isupper() for w in words) and bare_key(text[start:end]) not in matcher.by_key:
                inside.append(mention)
                break
    return inside


_NAME_GOES_ON = re.compile(r"(?:[ \u00a0]+(?:[A-ZÀ-Ý][\w’'-]*|\d+))+")


def _before_capitalised_words(text: str, aliased: list[Mention], matcher: AliasMatcher) -> list[Mention]:
    """Place and country aliases that a capitalised word follows on the same line begin a longer
    name ("West Africa Wire", "Dakar Info 24", "Sénégal Matin"), an outlet or a body, whether or not
    spaCy found it: each is a mention of that longer name (an organisation), not of the place."""
    rules = entity_rules()
    longer = []
    for mention in aliased:
        entry = matcher.by_id.get(mention.entity_id)
        if entry is None or entry.kind not in {"place", "country"}:
            continue
        after = _NAME_GOES_ON.match(text, mention.span.end)
        first = after.group(0).split()[0] if after is not None else ""
        if after is None or first in rules.stopwords or first in rules.titles or lookup_key(first) in matcher.by_key:
            continue
        span = Span(mention.span.start, after.end())
        name = text[span.start : span.end]
        longer.append(Mention(span, name, matcher.by_key.get(lookup_key(name)) or slugify(name), "ORG"))
    return longer


def _is_junk(parsed: Any, surface: str, ignore: frozenset[str], lowered: frozenset[str]) -> bool:
    """Not a name: implausible text, a role ("ministre des Mines"), one common word
    ("Embuscade": not a proper noun, or written in lower case elsewhere in the text)."""
    if not _is_plausible(surface, ignore):
        return True
    first = surface.split()[0]
    if first[:1].islower() and lookup_key(first) in entity_rules().role_words:
        return True
    if len(surface.split()) > 1 or surface.isupper():
        return False
    if surface.lower() in lowered:
        return True
    doc_span = parsed.doc.char_span(parsed.text.find(surface), parsed.text.find(surface) + len(surface))
    tokens = [t for t in doc_span if not t.is_punct] if doc_span is not None else []
    return parsed.has_parser and len(tokens) == 1 and tokens[0].pos_ != "PROPN"


_ROLE_TAIL = re.compile(r"(?:[ \u00a0]+(?:général|générale|adjoint|adjointe|délégué|déléguée))?"
                        r"(?:[ \u00a0]+(?:de|du|des|la|l['’]|et|d['’]|[A-ZÀ-Ý][\w’'-]*)|(?<=['’])[A-ZÀ-Ý][\w’'-]*){1,8}[ \u00a0]*$")


def _in_role_title(text: str, start: int) -> bool:
    """Does the name at `start` only complete a role ("le ministre du Pétrole", "ministre de la Sécurité
    et de la Protection civile", "directeur général des Douanes")? Then it is a portfolio, no entity."""
    line = text[text.rfind("\n", 0, start) + 1 : start]
    for word in re.finditer(r"[\w’'-]+", line[-90:]):
        if lookup_key(word.group(0)) in entity_rules().role_words and _ROLE_TAIL.fullmatch(line[-90:], word.end()):
            return True
    return False


def _without_title(text: str, start: int, end: int) -> tuple[int, int]:
    """Name bounds without a leading title or honorific ("Me Prosper Somé" -> "Prosper Somé")."""
    first = re.match(r"\S+\s+", text[start:end])
    if first is not None and first.group(0).strip() in entity_rules().titles:
        return start + first.end(), end
    return start, end


def _is_rubric(text: str, span: Span, matcher: AliasMatcher) -> bool:
    """A one-word line that is no known name: a section label ("Société", "International")."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    return line == text[span.start : span.end] and " " not in line and lookup_key(line) not in matcher.by_key


def _mostly_lower(surface: str) -> bool:
    """A phrase whose words are mostly lower case is a headline fragment, not a name ("Procès du putsch")."""
    words = [re.sub(r"^[dlDL]['’]", "", w) for w in surface.split()]  # "d’Abéché" is capitalised
    words = [w for w in words if len(w) > 3]
    return len(words) > 1 and sum(w[:1].islower() for w in words) * 2 >= len(words)


def _lower_words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in re.findall(r"(?<![\w’'-])[a-zà-ÿ][\w’'-]*", text))


def _spacy_mentions(
    parsed: Any, matcher: AliasMatcher, taken: list[Span], extra_entities: dict[str, Entity]
) -> list[Mention]:
    ignore = packaged_tables()[1]
    persons: dict[str, str] = {}  # surname key -> person id, from full names met so far
    firsts = _first_word_index(extra_entities)
    lowered = _lower_words(parsed.text)
    mentions = []
    for ent in getattr(parsed.doc, "ents", ()):
        if ent.label_ not in SPACY_KINDS:
            continue
        start, end = _without_title(parsed.text, *_spacy_bounds(parsed, ent))
        span = Span(start, end)
        surface = parsed.text[start:end]
        if not surface or _overlaps(span, taken) or _is_junk(parsed, surface, ignore, lowered):
            continue
        if _is_rubric(parsed.text, span, matcher) or (ent.label_ == "MISC" and _mostly_lower(surface)) or (
                _in_role_title(parsed.text, start)):
            continue
        mention = _resolved_mention(surface, span, ent.label_, matcher, parsed.lang, persons, firsts, extra_entities,
                                    parsed.text)
        mentions.append(mention)
        taken.append(span)
    # a surname met before the full name ("le commandant Ouédraogo" in the title) joins it too
    return [Mention(m.span, m.text, persons[bare_key(m.text)], m.label)
            if m.label == "PER" and " " not in m.text and bare_key(m.text) in persons else m for m in mentions]


def _resolved_mention(
    surface: str,
    span: Span,
    label: str,
    matcher: AliasMatcher,
    lang: str,
    persons: dict[str, str],
    firsts: dict[str, str],
    extra_entities: dict[str, Entity],
    text: str = "",
) -> Mention:
    """A mention of a table entity, of a name met earlier, or of a new entity (recorded in `extra_entities`)."""
    if len(surface.split()) == 1 and bare_key(surface) in firsts and bare_key(surface) not in persons:
        return Mention(span, surface, firsts[bare_key(surface)], label)
    titled = bool(text) and bool(TITLED_ARTICLE.match(surface)) and not _sentence_initial(text, span.start)
    entity_id, new = _resolve_spacy(surface, label, matcher, lang, persons, titled)
    if new is not None:
        extra_entities.setdefault(new.id, new)
        if len(surface.split()) > 1:
            if new.kind == "person":
                persons[bare_key(surface.split()[-1])] = new.id
            elif surface[:1].isupper():
                firsts.setdefault(bare_key(surface.split()[0]), new.id)
    return Mention(span, surface, entity_id, label)


# Without NER: capitalised words, joined by the connectors of names ("Group for the Support of Islam").
_CAP_WORD = r"[A-ZÀ-ÖØ-Þ][\w’'.-]*\w|[A-ZÀ-ÖØ-Þ]"
_CAP_SEQUENCE = re.compile(
    rf"(?<![\w’'-])(?:{_CAP_WORD})(?:[ ](?:(?:of|for|the|de|du|des|al|el|bin|ibn)[ ])?(?:{_CAP_WORD}))*"
)


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in ".!?\n\"«“:—–-"


def _name_words(text: str, m: re.Match[str], rules: EntityRules) -> tuple[int, int, bool] | None:
    """Bounds of the name inside a capitalised run, without leading stop words and titles;
    whether a title preceded it. None for a byline or a credit line."""
    words = list(re.finditer(r"\S+", m.group(0)))
    titled = False
    while words and (words[0].group(0) in rules.stopwords or words[0].group(0) in rules.titles):
        if words[0].group(0) == "By" and len(words) > 1:
            return None
        if words[0].group(0) == "The" and len(words) > 1 and not _sentence_initial(text, m.start()):
            break  # a capitalised article inside a sentence belongs to the name ("told The Sahel Post")
        titled = titled or words[0].group(0) in rules.titles
        words.pop(0)
    inner = [i for i, w in enumerate(words[:-1]) if w.group(0) in rules.titles and i < 3]
    if inner:  # "Mines Minister Aboubacar Maïga" -> "Aboubacar Maïga"
        words, titled = words[inner[-1] + 1 :], True
    while words and words[-1].group(0) in {"of", "for", "the", "de", "du", "des", "al", "el", "bin", "ibn"}:
        words.pop()
    if not words:
        return None
    start, end = m.start() + words[0].start(), m.start() + words[-1].end()
    if text[end - 2 : end] in {"'s", "’s"}:
        end -= 2
    line = text[text.rfind("\n", 0, start) + 1 : start]
    if rules.credit is not None and rules.credit.search(line.split(";")[-1]):
        return None
    return start, end, titled


def _capitalised_mentions(
    parsed: Any, matcher: AliasMatcher, taken: list[Span], extra_entities: dict[str, Entity]
) -> list[Mention]:
    """Step 4: names on a pipeline without NER (see the module docstring)."""
    rules, text, ignore = entity_rules(), parsed.text, packaged_tables()[1]
    lowered = _lower_words(text)
    persons: dict[str, str] = {}
    firsts = _first_word_index(extra_entities)
    mentions = []
    for m in _CAP_SEQUENCE.finditer(text):
        bounds = _name_words(text, m, rules)
        if bounds is None:
            continue
        start, end, titled = bounds
        span, surface = Span(start, end), text[start:end]
        single = len(surface.split()) == 1
        if _overlaps(span, taken) or not _is_plausible(surface, ignore) or surface in rules.stopwords:
            continue
        known = lookup_key(surface) in matcher.by_key or bare_key(surface) in persons or bare_key(surface) in firsts
        if single and not known and (surface.lower() in lowered or _sentence_initial(text, start) or (
                surface.isupper() and len(surface) > 5)):
            continue  # a common word capitalised, a sentence start, a dateline ("BAMAKO, Feb 13")
        if re.search(r"-(?:led|backed|based|run|owned|born|speaking)$", surface):
            continue  # an adjective ("Tuareg-led")
        person_like = not TITLED_ARTICLE.match(surface) and (
            titled or bare_key(surface) in persons or (not single and len(surface.split()) <= 3))
        label = "PER" if person_like and " of " not in surface else "MISC"
        mentions.append(_resolved_mention(surface, span, label, matcher, parsed.lang, persons, firsts,
                                          extra_entities, text))
        taken.append(span)
    return mentions


def _entity_of(entity_id: str, matcher: AliasMatcher, found: dict[str, Entity]) -> Entity:
    entry = matcher.by_id.get(entity_id)
    if entry is not None:
        return Entity(id=entry.id, name=entry.name, kind=entry.kind, role=entry.role)
    return found.get(entity_id) or Entity(id=entity_id, name=entity_id, kind="other")


def _joined(mention: Mention, by_name: dict[str, str]) -> Mention:
    """A name alone joins the headed place or body met in the article ("Tamsaga" -> the mine)."""
    if mention.label in SPACY_KINDS and bare_key(mention.text) in by_name:
        return Mention(mention.span, mention.text, by_name[bare_key(mention.text)], mention.label)
    return mention


def extract_entities(parsed: Any, aliases: tuple[AliasEntry, ...] = ()) -> EntityResult:
    """Mentions of canonical entities in `parsed.text` (see the module docstring's cascade).

    `aliases` are user entries added to (or overriding by id) the packaged table.
    """
    text = parsed.text
    folded = fold(text)
    matcher = alias_matcher(tuple(aliases))
    found: dict[str, Entity] = {}
    acronyms = _acronym_mentions(text, folded, matcher, found)  # 0
    taken = [m.span for m in acronyms]
    headed = _headed_mentions(text, parsed.lang, matcher, taken, found)  # 1a
    cues = place_cues(parsed.lang)
    aliased = [_capital_place(text, folded, m, cues, found) for m in _alias_mentions(text, folded, matcher)]
    longer = _without_overlaps([n for n in _before_capitalised_words(text, aliased, matcher)
                                if not _overlaps(n.span, taken)])
    for name in longer:
        found.setdefault(name.entity_id, Entity(id=name.entity_id, name=name.text, kind="organisation"))
    inside = [m for m in aliased if _overlaps(m.span, [n.span for n in longer])]
    inside += _inside_longer_names(parsed, [m for m in aliased if m not in inside], matcher) if parsed.has_parser else []
    aliased = [m for m in aliased if m not in inside] + longer
    mentions = [m for m in aliased if not _overlaps(m.span, taken)]  # 1, 1b
    inner = [m for m in aliased if _overlaps(m.span, [h.span for h in headed.mentions])]  # "de Ouagadougou"
    taken += [m.span for m in mentions]
    mentions += _dateline_capitals(text, taken, found)
    headed_spans = [h.span for h in headed.mentions]
    mentions += [a for a in acronyms if not _overlaps(a.span, headed_spans)] + headed.mentions
    mentions += _institution_mentions(text, matcher, taken, found)
    demonym_found = _demonym_mentions(text, folded, parsed.lang, taken)  # 2
    demonyms = demonym_found.mentions
    hints = country_hints(mentions, matcher)
    main = main_country(sorted(mentions + demonyms + inner, key=lambda m: m.span.start), matcher, hints)
    bodies = national_body_mentions(text, parsed.lang, mentions + demonyms, main, taken, found)  # 2b
    demonyms = [m for m in demonyms if not _overlaps(m.span, [b.span for b in bodies])]
    taken += [m.span for m in demonyms] + demonym_found.attributes
    spacy_found = _spacy_mentions(parsed, matcher, taken, found)  # 3
    if not parsed.has_parser and parsed.lang == "en":
        spacy_found += _capitalised_mentions(parsed, matcher, taken, found)  # 4
    named = mentions + demonyms + bodies + spacy_found
    # the main country counts the names inside longer ones too ("le tribunal militaire de Ouagadougou")
    main = main_country(sorted(named + inner, key=lambda m: m.span.start), matcher, hints)
    named += state_mentions(text, folded, named, main, found)  # 5
    armies = [m.span for m in named if m.label == "ARMY"]
    named = [m for m in named if m.label != "DEMONYM" or not _overlaps(m.span, armies)]
    named = [_joined(m, headed.by_name) for m in outside_credits(named, find_credits(text, entity_rules().related_cues))]  # 6
    ordered = sorted(named, key=lambda m: (m.span.start, m.span.end))
    entities: dict[str, Entity] = {}
    for mention in ordered:
        if mention.entity_id not in entities:
            entities[mention.entity_id] = _entity_of(mention.entity_id, matcher, found)
    return EntityResult(entities=tuple(entities.values()), mentions=tuple(ordered))
