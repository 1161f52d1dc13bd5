"""Speaker resolution: pronouns, unnamed roles, generic organisations, appositions and incises.

Blank pipeline (no parser, no NER): the rules must stand on their own. Passages are invented.
"""

from __future__ import annotations

from recoupe.analyze.nlp import Parsed, _sentences, get_nlp
from recoupe.analyze.quotes import extract_quotes
from recoupe.model import Quote


def run(text: str, lang: str = "fr") -> list[Quote]:
    doc = get_nlp(lang)(text)
    return list(extract_quotes(Parsed("t", text, lang, doc, _sentences(doc, text), None, False)))


def speakers(text: str, lang: str = "fr") -> dict[str, str | None]:
    return {q.text: q.speaker.name if q.speaker else None for q in run(text, lang)}


def test_pronoun_after_an_incise_takes_the_speaker_of_the_previous_quote() -> None:
    text = (
        "Un conseiller municipal de Tessalit, Ibrahim Ag Alhassane, a affirmé que neuf maisons avaient brûlé. "
        "« Les tirs visaient des positions armées », a déclaré le colonel Adama Diarra, porte-parole de l’armée. "
        "« Aucun village n’a été touché », a-t-il ajouté."
    )
    assert speakers(text)["Aucun village n’a été touché"] == "Adama Diarra"


def test_unnamed_role_takes_the_holder_named_earlier_in_a_selon_phrase() -> None:
    text = (
        "Selon le ministre de l’Énergie, Oumar Sidibé, la centrale de Kati sera livrée en juin. "
        "« Nous ne reculerons pas devant les retards des fournisseurs », a déclaré le ministre."
    )
    assert speakers(text)["Nous ne reculerons pas devant les retards des fournisseurs"] == "Oumar Sidibé"


def test_unnamed_role_takes_a_holder_named_long_before() -> None:
    filler = (
        "Le gisement de Kandadji produit près de 20 000 barils par jour depuis 2019. "
        "Trois sociétés étrangères se partagent l’exploitation, sous le contrôle d’une agence publique. "
        "Les syndicats dénoncent depuis des mois des retards de salaires sur plusieurs sites. "
    ) * 6
    text = (
        "Le ministre des Mines, Abdoulaye Seydou, a suspendu lundi deux permis d’exploitation.\n\n" + filler +
        "\n\n« Aucune société ne sera au-dessus de la loi », a déclaré le ministre."
    )
    assert speakers(text)["Aucune société ne sera au-dessus de la loi"] == "Abdoulaye Seydou"


def test_generic_company_noun_and_its_pronoun_name_the_company_again() -> None:
    text = (
        "La société turque Anka Madencilik a contesté mardi la décision. « Nous irons devant les tribunaux », "
        "a déclaré à l’AOAP un porte-parole du groupe à Ankara, Mehmet Yilmaz.\n\n"
        "La compagnie conteste aussi la somme réclamée, qu’elle évalue à « moins de 2 milliards de francs CFA ». "
        "Elle dit avoir embauché plus de 300 personnes depuis 2022."
    )
    found = speakers(text)
    assert found["moins de 2 milliards de francs CFA"] == "Anka Madencilik"
    assert found["avoir embauché plus de 300 personnes depuis 2022"] == "Anka Madencilik"


def test_le_groupe_names_the_group_with_its_acronym() -> None:
    text = (
        "L’embuscade a été revendiquée par le Front de libération du Gourma (FLG). "
        "Dans un message, le groupe affirme avoir détruit « trois blindés de l’armée »."
    )
    assert "(FLG)" in (speakers(text)["trois blindés de l’armée"] or "")


def test_relative_clause_between_subject_and_verb_is_skipped() -> None:
    text = "Une habitante de Douentza, qui a requis l’anonymat, a évoqué un bilan qui « dépasse la dizaine de morts »."
    assert speakers(text) == {"dépasse la dizaine de morts": "une habitante de douentza"}


def test_body_with_acronym_and_relative_clause_speaks() -> None:
    text = (
        "Il pleut. La Coordination des mouvements de l’Azawad (CMA), qui regroupe d’ex-rebelles, accuse l’armée "
        "de mener « une campagne de terreur »."
    )
    assert "(CMA)" in (speakers(text)["une campagne de terreur"] or "")


def test_name_in_apposition_beats_the_company_completing_a_role() -> None:
    text = "Le directeur général de Sahel Cement, Karim Touré, a promis de « recruter localement »."
    assert speakers(text) == {"recruter localement": "Karim Touré"}


def test_postposed_subject_after_an_agency_acronym_keeps_its_name() -> None:
    text = "« Nous avons été surpris par la violence », a déclaré à l’AOAP Moussa Ag Ahmed, chef du village."
    assert speakers(text) == {"Nous avons été surpris par la violence": "Moussa Ag Ahmed"}


def test_postposed_role_with_a_place_then_the_name() -> None:
    text = "« Rien n’a été signé », a affirmé à l’AOAP un porte-parole du groupe à Istanbul, Emre Kaya."
    assert speakers(text) == {"Rien n’a été signé": "Emre Kaya"}


def test_participle_cue_gives_the_quote_to_the_clause_subject() -> None:
    text = (
        "« Mon client n’a jamais vu le dossier », a déclaré Me Alassane Diop. "
        "Le procureur militaire a rejeté ces accusations, assurant que « les droits de la défense ont été respectés »."
    )
    assert speakers(text)["les droits de la défense ont été respectés"] == "le procureur militaire"


def test_opinion_opener_with_an_apposition() -> None:
    text = "Pour sa présidente, Aïcha Konaté, « aucun paysan n’a été consulté avant la vente des terres »."
    assert speakers(text) == {"aucun paysan n’a été consulté avant la vente des terres": "Aïcha Konaté"}


def test_dateline_acronym_is_not_the_speaker() -> None:
    text = "Niamey, 4 juin 2024 (AOAP) – Le gouvernement nigérien a affirmé que la frontière restait « fermée »."
    assert set(speakers(text).values()) == {"le gouvernement nigérien"}


def test_english_participial_incise_and_a_quote_on_the_next_paragraph() -> None:
    text = (
        "\u201cThe bridge fell at night,\u201d said Amadou Bah, a district official. \u201cNobody was on it when it collapsed into the river.\u201d\n\n"
        "The ministry said in a statement that repairs would start soon.\n\n"
        "A company official, speaking on condition of anonymity, said the works would take \u201cat least a year\u201d."
    )
    found = speakers(text, "en")
    assert found["Nobody was on it when it collapsed into the river."] == "Amadou Bah"
    assert found["at least a year"] == "a company official"


def test_a_role_in_a_private_body_is_a_person_a_spokesperson_an_official() -> None:
    text = (
        "« Les salaires ne sont plus versés depuis mars », a déclaré Issa Dicko, secrétaire général du syndicat "
        "des transporteurs. « Tout sera payé avant la fin du mois », a répondu un porte-parole de l’entreprise, "
        "Moussa Cissé."
    )
    kinds = {q.speaker.name: q.speaker.kind for q in run(text) if q.speaker}
    assert kinds == {"Issa Dicko": "person", "Moussa Cissé": "official"}
    text = "« Nos soldats restent mobilisés », a rappelé le ministre de la Défense, le général Issa Koné."
    assert [q.speaker.kind for q in run(text) if q.speaker] == ["official"]


def test_a_quoted_subheading_is_the_words_of_the_first_speaker_below_it() -> None:
    text = (
        "Le convoi avait quitté Douentza la veille.\n\n« Une nuit de terreur pour tout le village »\n\n"
        "Joint par téléphone, le maire de Boni, Moussa Traoré, décrit des heures de combats. "
        "« Le convoi est tombé dans une embuscade à la sortie du village », a-t-il raconté."
    )
    assert speakers(text)["Une nuit de terreur pour tout le village"] == "Moussa Traoré"
