"""The FastAPI application: the REST API under /api, the analyst's pages, local static files.

``create_app(db_path)`` is the only thing to call; nothing runs at import. Each request opens
its own connection to the knowledge base (SQLite in WAL mode: readers never wait for a writer)
and closes it after, so the app holds no state but the token.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from newsgraph.api import routes, security
from newsgraph.kb import KnowledgeBase
from newsgraph.store.read import QueryError
from newsgraph.store.review import ReviewError

STATIC = Path(__file__).resolve().parents[1] / "ui" / "static"


def create_app(db_path: str | Path, token: str | None = None) -> FastAPI:
    """The app over one knowledge base file; ``token`` (default: the stored one) guards writes."""
    db_path = Path(db_path)
    app = FastAPI(title="newsgraph", version="1", docs_url=None, redoc_url=None,
                  description="An evidence-backed knowledge base of conflict news. Write endpoints need "
                              "`Authorization: Bearer <token>` (printed by `newsgraph serve` on first run).")
    app.state.db_path = db_path
    app.state.token = token if token is not None else security.ensure_token(security.token_path(db_path))[0]

    def open_kb() -> Iterator[KnowledgeBase]:
        kb = KnowledgeBase(app.state.db_path)
        try:
            yield kb
        finally:
            kb.close()

    def require_token(request: Request) -> str:
        if not security.token_ok(app.state.token, request.headers.get("authorization")):
            raise HTTPException(401, "a write needs the header 'Authorization: Bearer <token>'")
        return "ok"

    app.include_router(routes.api_router(open_kb, require_token))
    from newsgraph.ui import pages  # the pages import Jinja2 templates; kept beside the API

    app.include_router(pages.ui_router(open_kb))
    _docs(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _errors(app)
    app.add_middleware(security.Guard)
    return app


def _docs(app: FastAPI) -> None:
    """OpenAPI docs at /docs from the swagger-ui-bundle package (FastAPI's default loads a CDN)."""
    import swagger_ui_bundle

    app.mount("/static/swagger", StaticFiles(directory=str(swagger_ui_bundle.swagger_ui_path)), name="swagger")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>newsgraph API</title>'
            '<link rel="stylesheet" href="/static/swagger/swagger-ui.css"></head><body><div id="swagger-ui"></div>'
            '<script src="/static/swagger/swagger-ui-bundle.js"></script>'
            '<script src="/static/swagger-init.js"></script></body></html>')


def _errors(app: FastAPI) -> None:
    """Bad input is the client's to fix: 400 with a message, never a 500."""

    def bad(message: str) -> JSONResponse:
        return JSONResponse({"detail": message}, status_code=400)

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> JSONResponse:
        return bad(str(exc))

    @app.exception_handler(ReviewError)
    async def review_error(request: Request, exc: ReviewError) -> JSONResponse:
        return bad(str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts: list[Any] = [f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()]
        return bad("; ".join(parts) or "invalid request")
