"""JSONL / JSON / CSV exports: presets detected from keys, field flags, broken lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from recoupe.ingest import IngestOptions, iter_documents
from recoupe.model import IngestError, RawDocument
from recoupe.settings import IngestSettings

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "exports"
DEFAULT = IngestOptions()


def _read(name: str, options: IngestOptions = DEFAULT) -> list:
    return list(iter_documents([str(EXPORTS / name)], options, IngestSettings()))


@pytest.mark.parametrize(
    ("name", "preset", "outlet", "date", "date_source"),
    [
        ("news_please.jsonl", "news-please", "leveilleur-valmont.fr", "2024-05-13 06:45:00", "jsonl:date_publish"),
        ("cc_news.jsonl", "cc-news", "terroirs-hebdo.fr", "2024-08-21", "jsonl:date"),
        ("trafilatura.jsonl", "trafilatura", "gazette-vallee.fr", "2024-06-02", "jsonl:date"),
        ("datatrove.jsonl", "datatrove", "pontcroix-infos.fr", "2024-07-30T09:12:44Z", "jsonl:metadata.date"),
    ],
)
def test_tabular_presets_are_detected_from_keys(
    name: str, preset: str, outlet: str, date: str, date_source: str
) -> None:
    doc = _read(name)[0]
    assert isinstance(doc, RawDocument) and doc.format == "jsonl"
    assert (doc.metadata["preset"], doc.metadata_sources["preset"]) == (preset, "detected")
    assert doc.outlet == outlet
    assert (doc.metadata["date"], doc.metadata_sources["date"]) == (date, date_source)
    assert doc.provenance.locator == "line 1"
    assert doc.provenance.url == doc.metadata["url"]


def test_tabular_news_please_fields() -> None:
    first, second = _read("news_please.jsonl")
    assert first.content.startswith("Aucun bus ne circulera lundi dans la métropole de Valmont")
    assert first.metadata["title"] == "Grève à la métropole : les bus à l'arrêt"
    assert first.metadata["author"] == "Inès Barbier, Paul Vidal"
    assert first.metadata["lang"] == "fr"
    assert "author" not in second.metadata  # an empty author list is no author
    assert second.provenance.locator == "line 2"


def test_tabular_datatrove_keeps_the_record_id() -> None:
    [doc] = _read("datatrove.jsonl")
    assert doc.provenance.extra["record_id"] == "<urn:uuid:5b0c2f7e-aa11-4c3e-9d70-000000000001>"
    assert doc.metadata["url"] == "https://pontcroix-infos.fr/mediatheque"


def test_tabular_broken_line_is_one_error_and_the_rest_is_read() -> None:
    items = _read("broken_line.jsonl")
    kinds = [(type(i).__name__, getattr(i, "locator", None) or i.provenance.locator) for i in items]
    assert kinds == [
        ("RawDocument", "line 1"),
        ("IngestError", "line 2"),
        ("RawDocument", "line 3"),
        ("IngestError", "line 5"),
    ]
    assert items[1].source == str(EXPORTS / "broken_line.jsonl")
    assert items[1].reason.startswith("not valid JSON")
    assert items[3].reason == "no text in field 'text'"


def test_tabular_single_pretty_json_file() -> None:
    [doc] = _read("news_please_single.json")
    assert doc.metadata["preset"] == "news-please" and doc.provenance.locator == "file"
    assert doc.content.startswith("Le marché de Noël de Valmont comptera cette année 120 chalets")


def test_tabular_csv_with_semicolons_and_field_flags() -> None:
    options = IngestOptions(text_field="texte", title_field="titre", url_field="lien",
                            date_field="publie", outlet_field="journal")
    first, second, empty = _read("articles.csv", options)
    assert first.format == "csv" and first.provenance.locator == "row 2"
    assert first.content.startswith("La piscine Jules-Verne fermera six mois")
    assert first.metadata["title"] == "Fermeture de la piscine Jules-Verne"
    assert (first.outlet, first.metadata_sources["outlet"]) == ("L'Écho du Marais", "csv:journal")
    assert second.content.endswith("jusqu'à Bréval a été approuvé jeudi.\nLes travaux dureront deux ans.")
    assert second.provenance.locator == "row 3"
    assert isinstance(empty, IngestError) and (empty.locator, empty.reason) == ("row 4", "no text in field 'texte'")


def test_tabular_csv_generic_mapping_finds_french_column_names() -> None:
    first = _read("articles.csv")[0]
    assert first.metadata["title"] == "Fermeture de la piscine Jules-Verne"
    assert first.metadata["preset"] == "generic"


def test_tabular_preset_flag_and_outlet_flag(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text('{"text": "La foire aux vins ouvre samedi à Valmont.", "domain": "x.fr"}\n', "utf-8")
    [doc] = list(iter_documents([str(path)], IngestOptions(preset="cc-news", outlet="Le Veilleur"), IngestSettings()))
    assert (doc.metadata["preset"], doc.metadata_sources["preset"]) == ("cc-news", "flag")
    assert doc.outlet == "Le Veilleur"
