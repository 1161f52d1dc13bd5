"""Entity and outlet pages: where an actor appears, what is said by and of them, which origins an outlet uses."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from recoupe.store import web_queries as wq
from recoupe.web.contexts import api_response, entity_context, outlet_context
from recoupe.web.routes_stories import web_of

__all__ = ["router"]

router = APIRouter()


@router.get("/entities/{entity_id}", response_class=HTMLResponse, summary="Entity page")
def entity_page(request: Request, entity_id: str) -> Any:
    web = web_of(request)
    return web.render(request, "entity.html", entity_context(web.reader(), entity_id, limit=web.web.page_size))


@router.get("/api/entities/{entity_id}", summary="Entity: articles, quotes by and about it, stories")
def entity_api(request: Request, entity_id: str) -> Any:
    web = web_of(request)
    return api_response(entity_context(web.reader(), entity_id, limit=web.web.page_size))


@router.get("/outlets", response_class=HTMLResponse, summary="Outlets page")
def outlets_page(request: Request) -> Any:
    web = web_of(request)
    return web.render(request, "outlets.html", {"outlets": wq.outlets(web.reader())})


@router.get("/api/outlets", summary="Outlets with their number of articles")
def outlets_api(request: Request) -> Any:
    return [{"outlet": name, "n_articles": n} for name, n in wq.outlets(web_of(request).reader())]


@router.get("/outlets/{name}", response_class=HTMLResponse, summary="Outlet page")
def outlet_page(request: Request, name: str) -> Any:
    web = web_of(request)
    return web.render(request, "outlet.html", outlet_context(web.reader(), name, limit=web.web.page_size))


@router.get("/api/outlets/{name}", summary="Outlet: articles, the origins it relies on, stories")
def outlet_api(request: Request, name: str) -> Any:
    web = web_of(request)
    return api_response(outlet_context(web.reader(), name, limit=web.web.page_size))
