"""Entity rules beyond the alias tables: acronym definitions, institutions, names without NER."""

from __future__ import annotations

from recoupe.analyze.entities import extract_entities
from recoupe.analyze.nlp import parse_article
from recoupe.model import Article, CleaningReport


def _result(text: str, lang: str = "fr"):
    article = Article(
        id="a1", raw_id="r1", outlet=None, url=None, title=None, text=text, paragraphs=(), lang=lang,
        lang_confidence=1.0, published=None, truncated=False, report=CleaningReport(),
    )
    return extract_entities(parse_article(article, {"fr": "blank", "en": "blank"}))


def test_entities_acronym_definition_makes_one_entity_of_long_form_and_acronym():
    result = _result("La Société minière du Liptako (SML) conteste. Plus tard, la SML a fait appel.")
    ids = {m.text: m.entity_id for m in result.mentions}
    assert ids["Société minière du Liptako"] == ids["SML"]
    # named by its long form, known by its acronym (the form other articles and languages share)
    assert ("sml", "Société minière du Liptako") in {(e.id, e.name) for e in result.entities}


def test_entities_acronym_known_to_the_tables_keeps_the_canonical_entity():
    result = _result("L’Alliance des États du Sahel (AES) se réunit ; l’AES publie un communiqué.")
    assert {m.entity_id for m in result.mentions if m.text in {"AES", "Alliance des États du Sahel"}} == {"aes"}


def test_entities_acronym_that_spells_nothing_is_not_linked():
    result = _result("Le directeur de la banque (BCX) a démissionné.")
    assert not any(m.label == "ACRONYM" for m in result.mentions)


def test_entities_ministry_by_pattern():
    result = _result("Le ministère des Mines a retiré le permis.")
    assert "ministère des Mines" in {e.name for e in result.entities}


def test_entities_ministry_of_two_portfolios_is_one_name():
    result = _result("Le ministère des Mines et de la Géologie a saisi le ministère des Mines et le port.")
    names = {e.name for e in result.entities}
    assert "ministère des Mines et de la Géologie" in names
    assert not any(n.endswith((" et de", " et le")) for n in names)


def test_entities_agency_acronym_is_named_by_its_long_form_with_the_acronym_as_id():
    result = _result("Un responsable l’a confirmé à l’AOAP.")
    assert [(e.id, e.name) for e in result.entities] == [("aoap", "Agence Ouest-Africaine de Presse")]


def test_entities_english_names_without_ner():
    text = ("BAMAKO, March 3 (Sahel Wire) - Gunmen attacked a market in Gao on Monday, "
            "army spokesman Colonel Souleymane Diarra said. Diarra gave no toll.\n"
            "(Reporting by Kofi Mensah; Editing by Anna Berg)")
    result = _result(text, "en")
    names = {e.name for e in result.entities}
    assert {"Souleymane Diarra", "Gao", "Bamako"} <= names  # the dateline locates: the city
    assert not names & {"Kofi Mensah", "Anna Berg", "Monday", "BAMAKO", "March"}
    assert {m.entity_id for m in result.mentions if m.text == "Diarra"} == {"souleymane-diarra"}


def test_entities_group_for_support_of_islam_is_jnim():
    result = _result("The Group for the Support of Islam and Muslims (JNIM) claimed it.", "en")
    assert {e.id for e in result.entities} == {"jnim"}
    assert result.entities[0].name == "Groupe de soutien à l’islam et aux musulmans"


def test_entities_state_nouns_stand_for_the_main_country_or_the_demonym_after_them():
    result = _result("Niamey a expulsé trois cadres. Le gouvernement du Niger accuse la société. "
                     "Le gouvernement malien s’est tu. La junte n’a pas commenté.")
    ids = [(m.text, m.entity_id) for m in result.mentions]
    assert ("Le gouvernement", "niger") in ids
    assert ("La junte", "niger") in ids
    assert ("Le gouvernement malien", "mali") in ids


def test_entities_headed_place_is_one_entity_named_by_its_longest_form():
    result = _result("Le Niger a signé pour la mine d’or de Kouroussa. Exploitée depuis 2010, la mine de Kouroussa "
                     "emploie 500 personnes. Kouroussa produit deux tonnes par an.")
    assert {m.entity_id for m in result.mentions if "Kouroussa" in m.text} == {"mine-de-kouroussa"}
    # the name alone ("Kouroussa produit") names the facility by it; the id stays that of the mine
    assert {e.id: e.name for e in result.entities}["mine-de-kouroussa"] == "Kouroussa"
    elsewhere = _result("La mine de Kouroussa a fermé. Exploitée depuis 2010, la mine d’or de Kouroussa emploie 500 personnes.")
    assert {e.id: e.name for e in elsewhere.entities}["mine-de-kouroussa"] == "mine d’or de Kouroussa"


def test_entities_body_named_by_a_town_used_alone_stands_beside_the_town():
    result = _result("Les blessés ont été évacués vers l’hôpital d’Adré. Les réfugiés arrivent à Adré chaque jour.")
    assert {m.text: m.entity_id for m in result.mentions if "Adré" in m.text} == {
        "hôpital d’Adré": "hopital-de-adre", "Adré": "adre"}
    assert {e.id: e.kind for e in result.entities}["adre"] == "place"


def test_entities_headed_body_keeps_a_known_city_but_a_facility_does_not():
    result = _result("Le tribunal militaire de Ouagadougou a rendu son verdict. Les avions ont atterri à "
                     "l’aéroport de Gao, puis au camp Sidi Kane.")
    ids = {e.id for e in result.entities}
    assert "tribunal-de-ouagadougou" in ids and "camp-de-sidi-kane" in ids
    assert "gao" in ids and not any(i.startswith("aeroport") for i in ids)


def test_entities_english_headed_place_takes_the_french_canonical_id():
    result = _result("Niger suspended the licence at the Kouroussa gold mine on Monday.", "en")
    assert {e.id: e.name for e in result.entities}["mine-de-kouroussa"] == "mine d’or de Kouroussa"


def test_entities_state_noun_counts_a_country_named_inside_a_longer_name():
    result = _result("Le Collectif Transparence Mali dénonce la convention. Le gouvernement n’a pas répondu.")
    assert ("Le gouvernement", "mali") in [(m.text, m.entity_id) for m in result.mentions]


def test_entities_english_title_inside_a_name_run_is_dropped():
    result = _result("The deal was signed, Mines Minister Oumarou Dandah said on Friday.", "en")
    assert "oumarou-dandah" in {e.id for e in result.entities}


def test_entities_english_capitalised_article_inside_a_sentence_belongs_to_the_name():
    result = _result("A source told The Sahel Courier that the talks had stalled. Tuareg-led rebels disagreed.", "en")
    names = {e.name for e in result.entities}
    assert "The Sahel Courier" in names
    assert not any("Tuareg" in n for n in names)


def test_entities_army_noun_is_the_armed_forces_of_the_main_or_possessing_country():
    english = _result("Mali’s army said it had killed 40 fighters near Kidal. The army gave no toll.", "en")
    assert [m.text for m in english.mentions if m.entity_id == "forces-armees-maliennes"] == ["army", "The army"]
    french = _result("Au Niger, l’armée a repoussé une attaque près de Diffa.")
    assert "forces-armees-maliennes" not in {e.id for e in french.entities}


def test_entities_credits_of_the_outlet_name_no_entity():
    text = ("Le Niger expulse trois cadres chinois | Dakar Hebdo\n\nKaolack Soir via InfoSahel+\n\n"
            "NIAMEY, 2 mars 2025 (Sahel Wire) – Le Niger a expulsé trois cadres, selon Reuters.")
    ids = {e.id for e in _result(text).entities}
    assert {"niger", "reuters"} <= ids
    assert not ids & {"senegal", "kaolack", "infosahel", "sahel-wire", "kaolack-soir"}


def test_entities_acronym_that_translates_the_name_before_it_is_one_entity():
    french = _result("Les casques bleus de la Mission des Nations unies (MINUSMA) sont partis. La MINUSMA a fermé.")
    assert {m.entity_id for m in french.mentions} == {"minusma"}
    english = _result("Fighters of the Northern Unity Front (CFN) said the CFN would fight on.", "en")
    assert {m.text: m.entity_id for m in english.mentions if m.label == "ACRONYM"} == {
        "Northern Unity Front": "cfn", "CFN": "cfn"}


def test_entities_capital_that_only_locates_is_the_city_acting_it_is_the_country():
    result = _result("Conakry, 16 juin 2025 (AOAP) - Conakry dément. La cérémonie a eu lieu à Conakry. "
                     "La junte au pouvoir à Niamey se tait.")
    ids = [(m.text, m.entity_id) for m in result.mentions if m.text in {"Conakry", "Niamey"}]
    assert ids == [("Conakry", "conakry"), ("Conakry", "guinee"), ("Conakry", "conakry"), ("Niamey", "niger")]
    assert {e.id: e.kind for e in result.entities}["conakry"] == "place"


def test_entities_english_dateline_in_capitals_is_the_city():
    result = _result("CONAKRY, June 16 - Guinea suspended the exports. Officials in Conakry declined to comment.", "en")
    assert [(m.text, m.entity_id) for m in result.mentions if m.text.lower() == "conakry"] == [
        ("CONAKRY", "conakry"), ("Conakry", "guinee")]


def test_entities_army_with_a_demonym_is_that_country_s_armed_forces_named_in_french():
    french = _result("Au Tchad, l’armée tchadienne a renforcé la frontière ; l’armée soudanaise s’est retirée.")
    assert {m.text: m.entity_id for m in french.mentions if m.label == "ARMY"} == {
        "l’armée tchadienne": "armee-tchadienne", "l’armée soudanaise": "armee-soudanaise"}
    assert "soudan" not in {e.id for e in french.entities}  # the demonym belongs to the army's name
    english = _result("Refugees fled the fighting between the Sudanese army and the rebels.", "en")
    assert {e.id: e.name for e in english.entities}["armee-soudanaise"] == "armée soudanaise"
    bare = _result("Au Tchad, l’armée a renforcé la frontière.")
    assert not any(e.id.startswith("armee") for e in bare.entities)  # any country of the story: none made


def test_entities_headed_body_named_by_an_acronym_of_the_article():
    result = _result("La Compagnie minière du Rio Nunez (CMRN) licencie. Le Syndicat des travailleurs de la CMRN "
                     "appelle à la grève ; la CMRN refuse.")
    by_text = {m.text: m.entity_id for m in result.mentions}
    assert by_text["Syndicat des travailleurs de la CMRN"] == "syndicat-de-cmrn"
    assert by_text["CMRN"] == by_text["Compagnie minière du Rio Nunez"]
