"""The story dossier, facts, and the review of a fact (form and JSON)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Header, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field

from recoupe.model import Review, to_dict
from recoupe.web.app import Web
from recoupe.web.contexts import REVIEW_STATUSES, api_response, dossier_context, fact_context
from recoupe.web.routes_stories import csv_response, jsonl_response, web_of

__all__ = ["router", "ReviewIn", "apply_review"]

router = APIRouter()


class ReviewIn(BaseModel):
    status: str = Field(description="one of: " + ", ".join(REVIEW_STATUSES))
    note: str = Field("", max_length=5000)
    reviewer: str = Field("web", max_length=100)
    token: str | None = Field(default=None, description="or the X-Recoupe-Token header")


@router.get("/stories/{story_id}", response_class=HTMLResponse, summary="Story dossier page")
def dossier_page(request: Request, story_id: str) -> Any:
    web = web_of(request)
    return web.render(request, "dossier.html", dossier_context(web.reader(), story_id))


@router.get("/api/stories/{story_id}", summary="Story dossier: facts, claims × outlets, figures, quotes, timeline")
def dossier_api(request: Request, story_id: str) -> Any:
    return api_response(dossier_context(web_of(request).reader(), story_id).dossier)


def _fact_rows(web: Web, story_id: str) -> Iterator[dict[str, Any]]:
    dossier = dossier_context(web.reader(), story_id).dossier
    for view in dossier.facts:
        yield {"id": view.fact.id, "story_id": story_id, "kind": view.fact.kind, "label": view.fact.label,
               "status": view.status, "automatic_status": view.automatic_status,
               "independent_origins": view.fact.independent_origins, "origins": list(view.fact.origins),
               "outlets": list(view.outlets), "against": list(view.against), "reviewed": bool(view.reviews)}


@router.get("/api/stories/{story_id}/facts.jsonl", summary="Export a story's facts as JSON Lines")
def facts_jsonl(request: Request, story_id: str) -> Any:
    return jsonl_response(_fact_rows(web_of(request), story_id), f"facts-{story_id}")


@router.get("/api/stories/{story_id}/facts.csv", summary="Export a story's facts as CSV")
def facts_csv(request: Request, story_id: str) -> Any:
    return csv_response(_fact_rows(web_of(request), story_id), f"facts-{story_id}")


@router.get("/facts/{fact_id}", response_class=HTMLResponse, summary="Fact page with its evidence and audit log")
def fact_page(request: Request, fact_id: str) -> Any:
    web = web_of(request)
    return web.render(request, "fact.html", fact_context(web.reader(), fact_id, token_required=bool(web.config.token)))


@router.get("/api/facts/{fact_id}", summary="A fact, its effective status and its reviews")
def fact_api(request: Request, fact_id: str) -> Any:
    web = web_of(request)
    return api_response(fact_context(web.reader(), fact_id, token_required=bool(web.config.token)))


def apply_review(web: Web, fact_id: str, body: ReviewIn, token: str | None) -> Review:
    """Append a review to the fact's audit log; 403 without the right token, 422 on a bad status."""
    if not web.token_ok(token):
        raise HTTPException(status_code=403, detail="a valid review token is required")
    if body.status not in REVIEW_STATUSES:
        raise HTTPException(status_code=422, detail=f"status must be one of {', '.join(REVIEW_STATUSES)}")
    with web.writer() as store:
        fact = store.fact(fact_id)
        previous = store.reviews(fact_id)
        review = Review(fact_id=fact.id, status=body.status, note=body.note.strip(),
                        reviewer=body.reviewer.strip() or "web",
                        at=datetime.now(UTC).replace(microsecond=0).isoformat(),
                        previous_status=previous[-1].status if previous else fact.status)
        store.add_review(review)
    return review


@router.post("/facts/{fact_id}/review", summary="Review a fact (HTML form); redirects to the fact page")
def review_form(
    request: Request,
    fact_id: str,
    status: Annotated[str, Form()],
    note: Annotated[str, Form(max_length=5000)] = "",
    reviewer: Annotated[str, Form(max_length=100)] = "web",
    token: Annotated[str | None, Form()] = None,
) -> Any:
    web = web_of(request)
    apply_review(web, fact_id, ReviewIn(status=status, note=note, reviewer=reviewer), token)
    lang = request.query_params.get("lang")
    suffix = f"?lang={lang}" if lang in ("en", "fr") else ""
    return RedirectResponse(f"/facts/{fact_id}{suffix}#audit", status_code=303)


@router.post("/api/facts/{fact_id}/review", summary="Review a fact (JSON); returns the review appended")
def review_api(request: Request, fact_id: str, body: ReviewIn,
               x_recoupe_token: Annotated[str | None, Header()] = None) -> Any:
    review = apply_review(web_of(request), fact_id, body, x_recoupe_token or body.token)
    return to_dict(review)
