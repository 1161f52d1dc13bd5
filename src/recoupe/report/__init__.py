"""Reports of a story's dossier (terminal, Markdown, HTML, JSON) and linked-data export builders.

Every renderer takes a `Dossier` (crosscheck.dossier) and a `ReportContext` (the article texts
and readable outlet names) and shows the same sections: header with the limit note, a summary
line per fact with its status chip, the claims x outlets matrix, figures with their checks,
quotes by speaker, the timeline, outlets and origins, and each fact's evidence and drift.
"""

from recoupe.report.common import (
    STATUS_CHIPS,
    STATUSES,
    ReportContext,
    anchor,
    chip,
    dossier_from_dict,
    dossier_json,
    dossier_to_dict,
    make_context,
)
from recoupe.report.html import render_html
from recoupe.report.linked import claim_review, news_article
from recoupe.report.markdown import render_markdown
from recoupe.report.provenance import prov_json, story_prov
from recoupe.report.text import render_text

__all__ = [
    "STATUS_CHIPS",
    "STATUSES",
    "ReportContext",
    "make_context",
    "anchor",
    "chip",
    "render_text",
    "render_markdown",
    "render_html",
    "dossier_json",
    "dossier_to_dict",
    "dossier_from_dict",
    "claim_review",
    "news_article",
    "story_prov",
    "prov_json",
]
