"""National bodies named by common nouns, their country, and the country an article is about."""

from __future__ import annotations

from recoupe.analyze.entities import extract_entities, slugify
from recoupe.analyze.nlp import parse_article
from recoupe.model import Article, CleaningReport


def _result(text: str, lang: str = "fr"):
    article = Article(
        id="a1", raw_id="r1", outlet=None, url=None, title=None, text=text, paragraphs=(), lang=lang,
        lang_confidence=1.0, published=None, truncated=False, report=CleaningReport(),
    )
    return extract_entities(parse_article(article, {"fr": "blank", "en": "blank"}))


def _ids(result) -> dict[str, str]:
    return {m.text: m.entity_id for m in result.mentions}


def test_entities_body_takes_the_demonym_beside_it_into_its_name():
    result = _result("La Marine nationale sénégalaise a intercepté un chalutier. Les garde-côtes mauritaniens "
                     "ont repêché des corps.")
    names = {e.name for e in result.entities}
    assert {"Marine nationale sénégalaise", "Garde côtière mauritanienne"} <= names
    assert _ids(result)["Marine nationale sénégalaise"] == "marine-nationale-senegalaise"


def test_entities_bare_body_belongs_to_the_country_the_article_names_most():
    result = _result("Le Togo a relevé les prix. À Lomé, les forces de l’ordre ont dispersé la foule ; "
                     "la police municipale n’était pas là.")
    names = {e.name for e in result.entities}
    assert "forces de l’ordre togolaises" in names
    assert not any(n.startswith("police") for n in names)  # "police municipale" is no national police


def test_entities_english_body_of_a_possessive_or_a_demonym_has_its_french_name():
    result = _result("Senegal's navy seized the boat, customs said. Togolese police fired tear gas. "
                     "Customs duties will rise.", "en")
    names = {e.name for e in result.entities}
    assert {"Marine nationale sénégalaise", "police togolaise", "Direction générale des Douanes"} <= names
    assert [m.text for m in result.mentions if m.entity_id == "direction-generale-des-douanes"] == ["customs"]


def test_entities_capital_that_only_locates_tells_the_country_of_the_government():
    result = _result("Lomé, 6 février 2025 – Le gouvernement a annoncé 37 interpellations à Lomé.")
    assert _ids(result)["Le gouvernement"] == "togo"


def test_entities_coordinated_demonyms_share_the_noun_that_makes_them_countries():
    result = _result("Les marins, de nationalités sénégalaise, bissau-guinéenne et ghanéenne, ont été interpellés "
                     "par une société russe.")
    ids = {m.entity_id for m in result.mentions}
    assert {"senegal", "guinee-bissau", "ghana"} <= ids
    assert "guinee" not in ids and "russie" not in ids  # "bissau-guinéenne" is no "guinéenne"; "russe" qualifies


def test_entities_syllabic_acronym_joins_its_long_form():
    result = _result("Le Syndicat national des conducteurs de taxi-motos (SYNCOTAM) appelle à la grève.")
    assert ("syncotam", "Syndicat national des conducteurs de taxi-motos") in {(e.id, e.name) for e in result.entities}


def test_entities_article_words_before_a_name_are_whole_words():
    assert slugify("United Nations Office") == "united-nations-office"
    assert slugify("Dembélé") == "dembele" and slugify("Laurent Desmond") == "laurent-desmond"
    assert slugify("la Coalition") == "coalition" and slugify("l’Union") == "union" and slugify("d'Abéché") == "abeche"


def test_entities_headed_names_in_quotes_and_places_that_are_their_name():
    result = _result("Le collectif « Togo Citoyen » appelle à manifester. Selon le parquet de Dakar, le Port autonome "
                     "de Dakar est fermé.")
    names = {e.name for e in result.entities}
    assert {"collectif Togo Citoyen", "parquet de Dakar", "Port autonome de Dakar"} <= names
    english = _result("Edem Kpodar, a driver in the Be district, said so.", "en")
    assert ("be", "Be") in {(e.id, e.name) for e in english.entities}


def test_entities_outlet_that_begins_with_a_place_is_its_own_name():
    result = _result("Source : Sénégal Matin. Le Sénégal a saisi 1,2 tonne de cocaïne, selon Dakar Info 24.")
    names = {m.text: m.entity_id for m in result.mentions}
    assert names["Sénégal Matin"] == "senegal-matin" and names["Dakar Info 24"] == "dakar-info-24"
    assert names["Sénégal"] == "senegal"


def test_entities_links_breadcrumbs_and_signatures_name_no_one():
    text = ("Cocaïne au large de Dakar\n\nAfrique Express Revue › Gambie › Justice\n\n"
            "Ziguinchor, le 16 novembre 2024 – Par Awa Ndiaye Sarr\n\nLa Douane a saisi un navire.\n\n"
            "Partagez cet article : Facebook | X | WhatsApp\n\n"
            "Articles recommandés : Dakar : la BCEAO relève ses taux | Mali : Bamako rassure\n")
    names = {e.name for e in _result(text).entities}
    assert not names & {"Gambie", "Awa Ndiaye Sarr", "BCEAO", "Mali", "Facebook | X | WhatsApp"}
    assert "Direction générale des Douanes" in names


def test_entities_elided_article_inside_a_long_form_is_a_connector():
    result = _result("Le Rassemblement pour l’alternance démocratique (RAD) appelle à la grève ; le RAD manifestera.")
    ids = {m.text: m.entity_id for m in result.mentions}
    assert ids["Rassemblement pour l’alternance démocratique"] == ids["RAD"] == "rad"


def test_entities_demonym_of_a_place_noun_locates_in_the_country():
    result = _result("Le navire aurait appareillé d’un port brésilien ; la société russe dément.")
    ids = {m.entity_id for m in result.mentions}
    assert "bresil" in ids and "russie" not in ids
