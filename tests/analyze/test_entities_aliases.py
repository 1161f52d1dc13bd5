"""Entity alias tables and demonyms on a blank pipeline (no NER): canonical ids across articles."""

from __future__ import annotations

import json

import pytest

from recoupe.analyze.entities import AliasEntry, extract_entities, load_aliases, slugify
from recoupe.analyze.nlp import parse_article
from recoupe.model import Article, CleaningReport


def _parsed(text: str, lang: str = "fr"):
    article = Article(
        id="a1", raw_id="r1", outlet=None, url=None, title=None, text=text, paragraphs=(), lang=lang,
        lang_confidence=1.0, published=None, truncated=False, report=CleaningReport(),
    )
    return parse_article(article, {"fr": "blank", "en": "blank"})


def _ids(text: str, lang: str = "fr", aliases: tuple[AliasEntry, ...] = ()) -> dict[str, str]:
    result = extract_entities(_parsed(text, lang), aliases)
    return {m.text: m.entity_id for m in result.mentions}


@pytest.mark.parametrize(
    ("text", "surface", "entity_id"),
    [
        ("La junte au pouvoir à Bamako hésite.", "Bamako", "mali"),
        ("Les autorités maliennes se taisent.", "Les autorités maliennes", "mali"),
        ("La partie russe n’a pas répondu.", "La partie russe", "russie"),
        ("Le Kremlin a salué l’accord.", "Le Kremlin", "russie"),
        ("L’Élysée a convoqué l’ambassadeur.", "L’Élysée", "france"),
        ("Le Quai d’Orsay a réagi.", "Le Quai d’Orsay", "france"),
        ("La société militaire privée russe Wagner arrive.", "La société militaire privée russe Wagner", "groupe-wagner"),
        ("Des éléments de l’Africa Corps patrouillent.", "Africa Corps", "africa-corps"),
        ("Les FAMa ont repris Kidal.", "FAMa", "forces-armees-maliennes"),
        ("Les FDS ont riposté.", "FDS", "fds"),
        ("Une dépêche de l’Agence France-Presse.", "Agence France-Presse", "afp"),
        ("Une dépêche de l’Agence Ouest-Africaine de Presse.", "Agence Ouest-Africaine de Presse", "aoap"),
        ("La CEDEAO lève ses sanctions.", "CEDEAO", "cedeao"),
        ("Les casques bleus de la MINUSMA partent.", "MINUSMA", "minusma"),
        ("L’Alliance des États du Sahel se réunit.", "Alliance des États du Sahel", "aes"),
        ("Ouagadougou a rappelé son ambassadeur.", "Ouagadougou", "burkina-faso"),
        ("Niamey a suspendu la coopération.", "Niamey", "niger"),
        ("Dakar a proposé une médiation.", "Dakar", "senegal"),
        ("Abidjan a accueilli le sommet.", "Abidjan", "cote-d-ivoire"),
        ("Conakry a fermé sa frontière.", "Conakry", "guinee"),
        ("La Guinée-Bissau a voté.", "Guinée-Bissau", "guinee-bissau"),
        ("N’Djamena a rompu l’accord.", "N’Djamena", "tchad"),
        ("Nouakchott observe.", "Nouakchott", "mauritanie"),
        ("Bangui a signé.", "Bangui", "centrafrique"),
        ("Les Etats-Unis et Washington ont réagi.", "Les Etats-Unis", "etats-unis"),
        ("L’ONU et l’Union africaine appellent au calme.", "Union africaine", "union-africaine"),
    ],
)
def test_entities_french_aliases(text, surface, entity_id):
    assert _ids(text).get(surface) == entity_id


@pytest.mark.parametrize(
    ("text", "surface", "entity_id"),
    [
        ("The Malian armed forces retook Kidal.", "Malian armed forces", "forces-armees-maliennes"),
        ("Moscow welcomed the deal.", "Moscow", "russie"),
        ("The Wagner Group denied it.", "The Wagner Group", "groupe-wagner"),
        ("ECOWAS lifted the sanctions.", "ECOWAS", "cedeao"),
        ("The United States and Russia disagree.", "Russia", "russie"),
        ("Malian soldiers patrolled.", "Malian", "mali"),
        ("French officials left.", "French", "france"),
        ("The Chinese embassy closed.", "Chinese", "chine"),
        ("Fighters of the Rapid Support Forces (RSF) entered El Geneina.", "Rapid Support Forces",
         "forces-de-soutien-rapide"),
        ("Refugees fled West Darfur.", "West Darfur", "darfour-occidental"),
    ],
)
def test_entities_english_aliases_and_demonyms(text, surface, entity_id):
    assert _ids(text, "en").get(surface) == entity_id


def test_entities_demonyms_and_longest_alias_win():
    result = extract_entities(_parsed("Le ministère malien de la Défense et la présidence russe."))
    by_text = {m.text: (m.entity_id, m.label) for m in result.mentions}
    assert by_text["Le ministère malien de la Défense"] == ("ministere-malien-de-la-defense", "ALIAS")
    assert by_text["russe"] == ("russie", "DEMONYM")
    assert "malien" not in by_text  # inside the longer alias


@pytest.mark.parametrize(
    ("text", "lang", "named"),
    [
        ("Des mercenaires russes patrouillent près de Gao.", "fr", False),
        ("La compagnie chinoise conteste la décision.", "fr", False),
        ("Une médiation togolaise serait en préparation.", "fr", False),
        ("Selon une source sécuritaire malienne, le convoi est arrivé.", "fr", True),
        ("Un diplomate tchadien a démenti l’information.", "fr", True),
        ("Au moins 23 Guinéens figurent parmi les victimes.", "fr", True),
        ("The junta expelled French troops last year.", "en", False),
        ("A Russian company won the licence.", "en", False),
        ("Nigerien officials declined to comment.", "en", True),
        ("Dozens of Malians crossed the border.", "en", True),
    ],
)
def test_entities_demonym_names_the_country_only_for_its_state_or_people(text, lang, named):
    result = extract_entities(_parsed(text, lang))
    demonyms = [m for m in result.mentions if m.label == "DEMONYM"]
    assert bool(demonyms) == named
    assert bool({e.kind for e in result.entities} & {"country"}) == named


def test_entities_same_id_across_articles():
    first = {m.entity_id for m in extract_entities(_parsed("La France retire ses troupes.")).mentions}
    second = {m.entity_id for m in extract_entities(_parsed("Paris retire ses troupes.")).mentions}
    assert first == second == {"france"}


def test_entities_words_inside_other_words_do_not_match():
    assert _ids("Les Maliens de Nigeria et le Nigérien.") == {"Maliens": "mali", "Nigeria": "nigeria", "Nigérien": "niger"}


def test_entities_user_aliases_add_and_override(tmp_path):
    path = tmp_path / "aliases.json"
    path.write_text(json.dumps({"entities": [
        {"id": "le-sahel-quotidien", "name": "Le Sahel Quotidien", "kind": "organisation", "aliases": ["LSQ"]},
        {"id": "mali", "name": "République du Mali", "kind": "country", "aliases": ["Mali", "Koulouba"]},
    ]}), encoding="utf-8")
    aliases = load_aliases(path)
    result = extract_entities(_parsed("Selon LSQ, Koulouba et Bamako hésitent."), aliases)
    assert {m.text: m.entity_id for m in result.mentions} == {"LSQ": "le-sahel-quotidien", "Koulouba": "mali"}
    assert next(e for e in result.entities if e.id == "mali").name == "République du Mali"


def test_entities_slug_of_unknown_names():
    assert slugify("la Coalition internationale pour le Sahel") == "coalition-internationale-pour-le-sahel"
    assert slugify("l’Hôpital Gabriel-Touré") == "hopital-gabriel-toure"
    assert slugify("???") == "entity"


def test_entities_ministry_with_a_demonym_is_one_body_and_names_no_country():
    result = extract_entities(_parsed("Selon le ministère espagnol de l’Intérieur, la pirogue venait de Gambie."))
    ids = {e.id for e in result.entities}
    assert "ministere-espagnol-de-l-interieur" in ids and "gambie" in ids
    assert "espagne" not in ids
