"""HTML pages: trafilatura's main text, and metadata with where each field came from."""

from __future__ import annotations

from pathlib import Path

from recoupe.ingest import IngestOptions, iter_documents
from recoupe.model import IngestError, RawDocument
from recoupe.settings import IngestSettings

DEFAULT = IngestOptions()
HTML = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "html"


def _one(name: str, options: IngestOptions = DEFAULT) -> RawDocument | IngestError:
    [item] = list(iter_documents([str(HTML / name)], options, IngestSettings()))
    return item


def test_html_jsonld_metadata_and_sources() -> None:
    doc = _one("courrier_plateau_ecoles.html")
    assert isinstance(doc, RawDocument) and doc.format == "html"
    assert doc.content == (HTML / "courrier_plateau_ecoles.html").read_text("utf-8")
    assert doc.metadata["title"] == "Saint-Aubin : 12 millions d'euros pour rénover les écoles"
    assert doc.metadata["date"] == "2024-03-14T08:30:00+01:00"
    assert doc.metadata["date_modified"] == "2024-03-15T10:05:00+01:00"
    assert doc.outlet == "Le Courrier du Plateau"
    assert doc.metadata["author"] == "Claire Dumas"
    assert doc.metadata["lang"] == "fr"
    assert doc.metadata["url"] == "https://www.courrier-plateau.fr/local/saint-aubin-ecoles-12-millions"
    assert doc.metadata_sources == {
        "title": "jsonld", "date": "jsonld", "date_modified": "jsonld", "outlet": "jsonld",
        "author": "jsonld", "url": "link-canonical", "canonical_url": "link-canonical",
        "lang": "html-lang", "encoding": "declared",
    }


def test_html_main_text_keeps_paragraphs_and_drops_chrome() -> None:
    doc = _one("courrier_plateau_ecoles.html")
    lines = doc.extracted_text.split("\n")
    assert lines[1].startswith("Le maire de Saint-Aubin, Bernard Lefloch, a présenté jeudi soir")
    assert lines[2].startswith("« Nous ne pouvons plus accueillir les enfants")
    assert lines[-1].endswith("avant tout vote, prévu le 28 mars.")
    for chrome in ("S'abonner", "Jeannot42", "Mentions légales"):
        assert chrome not in doc.extracted_text


def test_html_opengraph_and_meta_when_no_jsonld() -> None:
    doc = _one("gazette_vallee_barrage.html")
    assert doc.metadata["title"] == "Barrage de la Sévène : les travaux reportés d'un an"
    assert doc.metadata_sources["title"] == "meta:og:title"
    assert (doc.metadata["date"], doc.metadata_sources["date"]) == (
        "2024-02-02T07:00:00+01:00", "meta:article:published_time")
    assert (doc.outlet, doc.metadata_sources["outlet"]) == ("La Gazette de la Vallée", "meta:og:site_name")
    assert (doc.metadata["author"], doc.metadata_sources["author"]) == ("Hugo Marchal", "meta:author")
    assert "Partager sur" not in doc.extracted_text


def test_html_malformed_markup_is_still_extracted() -> None:
    doc = _one("echo_marais_malforme.html")
    assert isinstance(doc, RawDocument)
    assert "a accueilli près de 30 000 visiteurs en trois jours" in doc.extracted_text
    assert "promet Sophie Garnier, directrice du festival." in doc.extracted_text
    assert doc.metadata_sources["title"] == "title-tag"


def test_html_page_without_article_text_is_an_error() -> None:
    error = _one("coquille_vide.html")
    assert isinstance(error, IngestError)
    assert error.source == str(HTML / "coquille_vide.html")
    assert error.reason.startswith("no article text found in the HTML")


def test_html_outlet_flag_wins() -> None:
    doc = _one("gazette_vallee_barrage.html", IngestOptions(outlet="Gazette (copie)"))
    assert doc.outlet == "Gazette (copie)" and doc.metadata_sources["outlet"] == "flag"
