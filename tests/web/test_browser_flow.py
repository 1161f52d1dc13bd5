"""A person's path through the UI in Debian's Chromium: stories, search, dossier, evidence, review."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from web_builders import XSS, Ids

pytestmark = pytest.mark.browser


def png_pixels(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """(width, height, bytes per pixel, unfiltered rows) of an 8-bit RGB(A) PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    height = bpp = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and color in (2, 6)
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, up_left = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def luminance_variance(data: bytes) -> float:
    width, height, bpp, rows = png_pixels(data)
    values = [sum(row[x * bpp:x * bpp + 3]) / 3 for row in rows[::4] for x in range(0, width, 4)]
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / len(values)


@pytest.fixture()
def page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="en-GB")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("dialog", lambda dialog: errors.append("dialog: " + dialog.message))
    yield tab
    context.close()
    assert errors == []  # no script error, and no alert() ever ran


def test_browser_stories_search_dossier_evidence(page: Any, live_server: tuple[str, Ids], screenshots: Path) -> None:
    base, ids = live_server
    page.goto(base + "/")
    assert page.locator("tr.story-row").count() == 2
    page.screenshot(path=str(screenshots / "stories.png"), full_page=True)
    page.fill("input[name=q]", "céderons")
    page.click("form.search button[type=submit]")
    page.wait_for_url("**/?q=*")
    assert page.locator("tr.story-row").count() == 1
    assert page.locator("#matches").inner_text().count("Abdoulaye Diop") >= 1
    page.screenshot(path=str(screenshots / "search.png"), full_page=True)
    page.click("a.story-link")
    page.wait_for_url(f"**/stories/{ids.story}")
    assert "not the truth" in page.locator(".limit-note").inner_text()
    assert page.locator(f"#fact-{ids.figure_fact} .chip").inner_text().strip() == "✖ contradicted"
    assert page.locator("svg.plot").count() >= 2
    page.screenshot(path=str(screenshots / "dossier.png"), full_page=True)
    page.locator(f"#fact-{ids.figure_fact} a.evidence-link").first.click()
    page.wait_for_url(f"**/articles/{ids.courrier}?hl=*")
    marked = page.locator(".article-text .k-evidence")
    assert marked.count() >= 1 and "1000 soldats" in "".join(marked.all_inner_texts())
    assert page.evaluate("() => window.location.hash").startswith("#span-")
    assert page.locator(".article-text .target").count() >= 1  # the static script marked the fragment's range
    page.screenshot(path=str(screenshots / "article.png"), full_page=True)


def test_browser_change_a_verdict_and_see_the_audit_log(page: Any, live_server: tuple[str, Ids],
                                                        screenshots: Path) -> None:
    base, ids = live_server
    page.goto(f"{base}/facts/{ids.claim_fact}")
    assert "No human review yet." in page.locator("#audit").inner_text()
    page.select_option("#review-status", "denied")
    page.fill("#review-note", "Le ministère dément, communiqué du 5 mars")
    page.fill("#review-reviewer", "awa")
    page.click("#review-save")
    page.wait_for_url(f"**/facts/{ids.claim_fact}#audit")
    row = page.locator("tr.review-row").first.inner_text()
    assert "awa" in row and "denied" in row and "corroborated" in row and "communiqué du 5 mars" in row
    assert page.locator(".status-line .chip").inner_text().strip() == "⊘ denied"
    page.screenshot(path=str(screenshots / "review.png"), full_page=True)
    page.goto(f"{base}/stories/{ids.story}")
    assert "⊘ denied" in page.locator(f"#fact-{ids.claim_fact} .chip").inner_text()


def test_browser_hostile_article_runs_no_script_and_shows_text(page: Any, live_server: tuple[str, Ids],
                                                              screenshots: Path) -> None:
    base, ids = live_server
    page.goto(f"{base}/articles/{ids.evil}")
    assert XSS in page.locator(".article-text").inner_text()
    assert page.locator(".article-text script, .article-text img").count() == 0
    page.uncheck("#t-quote")
    assert page.locator(".article-text .k-quote").first.evaluate("e => getComputedStyle(e).fontStyle") == "normal"
    page.goto(f"{base}/articles/{ids.big}")
    assert "showing the first" in page.locator(".warn").inner_text()


def test_browser_screenshot_is_not_blank(page: Any, live_server: tuple[str, Ids], screenshots: Path) -> None:
    base, ids = live_server
    page.goto(f"{base}/stories/{ids.story}?lang=fr")
    shot = page.screenshot(path=str(screenshots / "dossier-fr.png"))
    width, height, _, _ = png_pixels(shot)
    assert (width, height) == (1200, 900)
    assert luminance_variance(shot) > 100  # a white page has 0; text, chips and headers spread the values
