"""A preview that keeps its page chrome as short lines (section and time line, "listen"
button, newsletter invitation) and cuts a quote mid-paragraph is still a copy: copy
shingles stay within paragraphs and skip short lines."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from recoupe.group import copy_verdict
from recoupe.group.features import features_from_text, minhash_of
from recoupe.group.text import paragraph_shingles, words
from recoupe.settings import GroupSettings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "group"


def test_copies_paragraph_shingles_skip_short_lines_and_never_cross_a_break() -> None:
    text = "Fleuve Info · Économie · il y a 2 heures\nun deux trois quatre cinq six sept huit neuf dix\nonze douze"
    grams = paragraph_shingles(text, 5, 10)
    assert "un deux trois quatre cinq" in grams and "six sept huit neuf dix" in grams
    assert not any("onze" in g or "heures" in g for g in grams)  # short lines left out, no shingle across lines
    assert paragraph_shingles("Brève\nPluies sur Bamako", 5, 10) == {"breve", "pluies sur bamako"}  # all short: all kept


def test_copies_preview_with_chrome_lines_is_a_copy() -> None:
    settings = GroupSettings()
    full_text = (FIXTURES / "chrome_full.txt").read_text("utf-8")
    preview_text = (FIXTURES / "chrome_preview.txt").read_text("utf-8")
    full = features_from_text("full", full_text, "fr", (), settings)
    preview = features_from_text("preview", preview_text, "fr", (), settings)
    verdict = copy_verdict(full, preview, settings)
    assert verdict.is_copy and verdict.jaccard < settings.copy_threshold  # by containment
    # the same pair shingled across paragraph breaks, chrome included, is not found
    whole = [dataclasses.replace(f, minhash=minhash_of(words(t), settings), n_shingles=0)
             for f, t in ((full, full_text), (preview, preview_text))]
    assert not copy_verdict(whole[0], whole[1], settings).is_copy


def test_copies_other_story_with_shared_words_is_not_a_copy() -> None:
    settings = GroupSettings()
    full = features_from_text("full", (FIXTURES / "chrome_full.txt").read_text("utf-8"), "fr", (), settings)
    other = features_from_text("other", (FIXTURES / "dispatch_full.txt").read_text("utf-8"), "fr", (), settings)
    assert not copy_verdict(full, other, settings).is_copy
