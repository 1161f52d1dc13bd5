"""analyze_article never crashes: empty, huge, numeric, quote-only, mixed-language, unknown-language texts."""

from __future__ import annotations

import pickle

import pytest

from recoupe.analyze import analyze_article
from recoupe.model import Analysis, Article, CleaningReport, to_dict
from recoupe.settings import AnalyzeSettings

BLANK = AnalyzeSettings(model_fr="blank", model_en="blank")


def _article(text: str, lang: str | None = "fr") -> Article:
    return Article(
        id="a-robust", raw_id="r", outlet=None, url=None, title=None, text=text, paragraphs=(), lang=lang,
        lang_confidence=1.0, published=None, truncated=False, report=CleaningReport(),
    )


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n  ", "12 345 678 90,5 2021 1 000 000", "« » « »", "« Oui. » « Non ! » « Peut-être… »",
     "Le Mali dément. The government denied. Der Minister hat dementiert.", "?!?…", "\x00\x01 \ufeff"],
)
def test_analyze_odd_texts_do_not_crash(text):
    analysis = analyze_article(_article(text), BLANK)
    assert isinstance(analysis, Analysis)
    assert all(0 <= c.span.start <= c.span.end <= len(text) for c in analysis.claims)
    pickle.loads(pickle.dumps(analysis))
    to_dict(analysis)


def test_analyze_one_huge_line_is_cut_with_a_note():
    text = " ".join(["Wagner serait payé à Bamako"] * 40_000)  # 200,000 words, no punctuation
    analysis = analyze_article(_article(text), BLANK)
    assert any("analysed on its first 200000" in note for note in analysis.notes)
    assert analysis.claims and all(c.modality == "conditional" for c in analysis.claims)
    assert max(len(s) for s in analysis.sentences) < 5_000


def test_analyze_language_without_model_uses_blank_pipeline_with_a_note():
    analysis = analyze_article(_article("Die Regierung in Bamako hat dementiert.", "de"), BLANK)
    assert any("no pipeline for language 'de'" in note for note in analysis.notes)
    assert "mali" in {e.id for e in analysis.entities}


def test_analyze_unknown_language_and_english_article():
    unknown = analyze_article(_article("Le Mali aurait signé.", None), BLANK)
    assert any("language unknown" in n for n in unknown.notes)
    assert unknown.claims[0].modality == "conditional"
    english = analyze_article(_article("The Wagner Group reportedly arrived in Bamako.", "en"), BLANK)
    assert english.claims[0].modality == "hedged"
    # "arrived in Bamako" only locates: the city, not Mali's government (a capital that acts stays its country)
    assert set(english.claims[0].entity_ids) == {"groupe-wagner", "bamako"}


def test_analyze_failing_step_is_a_note(monkeypatch):
    import recoupe.analyze.claims as claims

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(claims, "extract_claims", broken)
    analysis = analyze_article(_article("Le Mali aurait signé avec la Russie."), BLANK)
    assert "claims failed: RuntimeError: boom" in analysis.notes
    assert analysis.claims == () and {e.id for e in analysis.entities} == {"mali", "russie"}


def test_analyze_is_deterministic():
    text = "Selon Reuters, Wagner serait payé. Le Mali dément. « Rien n’est signé », a dit le ministre."
    first, second = analyze_article(_article(text), BLANK), analyze_article(_article(text), BLANK)
    assert to_dict(first) == to_dict(second)
