"""The REST API: JSON over the view objects (``api/views``), paginated lists, token-guarded writes."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, Field

from newsgraph.api import views
from newsgraph.kb import KnowledgeBase
from newsgraph.store import review

Who = Field("analyst", min_length=1, max_length=80, description="who makes the change (for the audit log)")
Note = Field(None, max_length=2000, description="why")
Id = Field(..., min_length=3, max_length=80, pattern=r"^[A-Za-z0-9_:.-]+$")


class Merge(BaseModel):
    keep: str = Id
    other: str = Id
    note: str | None = Note
    who: str = Who


class Split(BaseModel):
    local: str = Id
    note: str | None = Note
    who: str = Who


class Verdict(BaseModel):
    target: str = Id
    action: Literal["confirm", "reject"]
    note: str | None = Note
    who: str = Who


class Edit(BaseModel):
    target: str = Id
    field: str = Field(..., max_length=40)
    value: str | int | dict[str, int | None] | None
    note: str | None = Note
    who: str = Who


class Undo(BaseModel):
    entry: int = Field(..., ge=1)
    note: str | None = Note
    who: str = Who


def _found(value: Any, what: str) -> Any:
    if value is None:
        raise HTTPException(404, f"no such {what}")
    return value


def api_router(open_kb: Callable, require_token: Callable) -> APIRouter:
    """Routes under /api; ``open_kb`` yields a knowledge base per request."""
    r = APIRouter(prefix="/api")
    KB = Depends(open_kb)
    Offset = Query(0, ge=0)
    Limit = Query(50, ge=1, le=views.MAX_LIMIT)

    _reads(r, KB, Offset, Limit)
    _findings(r, KB, Offset, Limit)
    _writes(r, KB, Depends(require_token))
    return r


def _reads(r: APIRouter, KB: Any, Offset: Any, Limit: Any) -> None:
    """Documents, search and entities."""
    @r.get("/documents", tags=["documents"])
    def documents(kb: KnowledgeBase = KB, offset: int = Offset, limit: int = Limit) -> dict:
        return views.page(views.documents(kb), offset, limit)

    @r.get("/documents/{doc_id}", tags=["documents"])
    def document(doc_id: str, kb: KnowledgeBase = KB) -> dict:
        """The text with its annotations: entity mentions, events and claims as character spans."""
        return _found(views.document(kb, doc_id), "document")

    @r.get("/search", tags=["documents"])
    def search(q: str = Query(..., max_length=500), kb: KnowledgeBase = KB, offset: int = Offset,
               limit: int = Limit) -> dict:
        """FTS5 full-text search; a query it cannot parse is a 400 with a hint."""
        return views.page(views.search(kb, q, offset + limit), offset, limit)

    @r.get("/entities", tags=["entities"])
    def entities(kb: KnowledgeBase = KB, type: str | None = None, name: str | None = Query(None, max_length=200),
                 alias: str | None = Query(None, max_length=200), offset: int = Offset, limit: int = Limit) -> dict:
        return views.page(views.entities(kb, type, name, alias), offset, limit)

    @r.get("/entities/{entity_id}", tags=["entities"])
    def entity(entity_id: str, kb: KnowledgeBase = KB) -> dict:
        """Profile: aliases and their sources, roles, mentions, events, claims by and about it."""
        return _found(views.entity_profile(kb, entity_id), "entity")



def _events(kb: KnowledgeBase, type: str | None, since: str | None, until: str | None, country: str | None,
            admin1: str | None, place: str | None, actor: str | None, sort: str, order: str) -> list[dict]:
    return views.events(kb, type, since, until, country, admin1, place, actor, sort, order == "desc")


def _findings(r: APIRouter, KB: Any, Offset: Any, Limit: Any) -> None:
    """Events, claims, contradictions, statistics, the graph and the audit log."""
    EventFilters = dict(type=None, since=Query(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"),
                        until=Query(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"))

    @r.get("/events", tags=["events"])
    def events(kb: KnowledgeBase = KB, type: str | None = None, since: str | None = EventFilters["since"],
               until: str | None = EventFilters["until"], country: str | None = None, admin1: str | None = None,
               place: str | None = None, actor: str | None = None,
               sort: Literal["date", "fatalities", "type", "sources"] = "date",
               order: Literal["asc", "desc"] = "asc", offset: int = Offset, limit: int = Limit) -> dict:
        """Filter by type, date range (ISO prefixes), place, actor (entity id or name); sort."""
        return views.page(_events(kb, type, since, until, country, admin1, place, actor, sort, order), offset, limit)

    @r.get("/events.geojson", tags=["events"])
    def events_geojson(kb: KnowledgeBase = KB, type: str | None = None, since: str | None = EventFilters["since"],
                       until: str | None = EventFilters["until"], country: str | None = None,
                       actor: str | None = None) -> dict:
        return views.geojson(_events(kb, type, since, until, country, None, None, actor, "date", "asc"))

    @r.get("/events/{event_id}", tags=["events"])
    def event(event_id: str, kb: KnowledgeBase = KB) -> dict:
        return _found(views.event(kb, event_id), "event")

    @r.get("/timeline", tags=["events"])
    def timeline(kb: KnowledgeBase = KB, type: str | None = None) -> dict:
        """Events per ISO week by type."""
        return views.per_week(views.events(kb, type))

    @r.get("/claims", tags=["claims"])
    def claims(kb: KnowledgeBase = KB, stance: str | None = None, entity: str | None = None,
               event: str | None = None, offset: int = Offset, limit: int = Limit) -> dict:
        return views.page(views.claims(kb, stance, entity, event), offset, limit)

    @r.get("/contradictions", tags=["claims"])
    def contradictions(kb: KnowledgeBase = KB, offset: int = Offset, limit: int = Limit) -> dict:
        return views.page(views.contradictions(kb), offset, limit)

    @r.get("/stats", tags=["statistics"])
    def stats(kb: KnowledgeBase = KB) -> dict:
        return views.statistics(kb)

    @r.get("/graph", tags=["statistics"])
    def graph(kb: KnowledgeBase = KB, min_weight: int = Query(1, ge=1)) -> dict:
        """Entities as nodes; edges for affiliations and for taking part in the same events, weighted."""
        return views.graph(kb, min_weight)

    @r.get("/audit", tags=["review"])
    def audit(kb: KnowledgeBase = KB, target: str | None = None, offset: int = Offset, limit: int = Limit) -> dict:
        items = review.history(kb.conn, target, limit, offset)
        return {"total": review.history_count(kb.conn), "offset": offset, "limit": limit, "items": items}


def _writes(r: APIRouter, KB: Any, Token: Any) -> None:
    """The review endpoints: each returns the audit entry it wrote (its id undoes it)."""

    def entry(kb: KnowledgeBase, audit_id: int) -> dict:
        return {"entry": audit_id, "audit": review.history(kb.conn, limit=1)[0]}

    @r.post("/review/merge", tags=["review"], status_code=201)
    def merge(body: Merge, kb: KnowledgeBase = KB, _: str = Token) -> dict:
        """Merge entity ``other`` into ``keep``."""
        return entry(kb, review.merge(kb.conn, body.keep, body.other, body.note, body.who))

    @r.post("/review/split", tags=["review"], status_code=201)
    def split(body: Split, kb: KnowledgeBase = KB, _: str = Token) -> dict:
        """Take one article's entity (a local id, see the profile's members) out of its record."""
        return entry(kb, review.split(kb.conn, body.local, body.note, body.who))

    @r.post("/review/verdict", tags=["review"], status_code=201)
    def verdict(body: Verdict, kb: KnowledgeBase = KB, _: str = Token) -> dict:
        return entry(kb, review.set_verdict(kb.conn, body.target, body.action, body.note, body.who))

    @r.post("/review/edit", tags=["review"], status_code=201)
    def edit(body: Edit, kb: KnowledgeBase = KB, _: str = Token) -> dict:
        return entry(kb, review.edit_value(kb.conn, body.target, body.field, body.value, body.note, body.who))

    @r.post("/review/undo", tags=["review"], status_code=201)
    def undo(body: Undo, kb: KnowledgeBase = KB, _: str = Token) -> dict:
        return entry(kb, review.undo(kb.conn, body.entry, body.note, body.who))
