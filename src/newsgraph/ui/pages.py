"""The analyst's pages. Each route calls the same view functions as the REST API and renders a
template; the templates autoescape every value (article text included), and the only scripts
are this package's static files, which the Content-Security-Policy enforces."""
from __future__ import annotations

import math
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from newsgraph.api import views
from newsgraph.kb import KnowledgeBase
from newsgraph.records import EVENT_TYPES
from newsgraph.store import review
from newsgraph.store.read import QueryError
from newsgraph.ui import basemap

TEMPLATES = Path(__file__).resolve().parent / "templates"
PALETTE = {"attack": "#d62728", "bombing": "#ff7f0e", "killing": "#8c564b", "operation": "#1f77b4",
           "airstrike": "#9467bd", "arrest": "#2ca02c", "capture": "#17becf", "release": "#bcbd22",
           "ceasefire": "#7f7f7f", "ceasefire_end": "#e377c2", "talks": "#aec7e8", "designation": "#98df8a",
           "other": "#c7c7c7"}
NODE_COLOURS = {"PERSON": "#1f77b4", "ORG": "#d62728", "GPE": "#2ca02c", "LOC": "#9467bd", "FAC": "#8c564b"}


def evidence_link(ev: dict | None) -> str:
    """Every fact links to its sentence: the reader opens at the span and highlights it."""
    if not ev:
        return ""
    return f"/documents/{ev['doc']}?hl={ev['start']}-{ev['end']}#at-{ev['start']}-{ev['end']}"


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(evidence_link=evidence_link, palette=PALETTE, node_colours=NODE_COLOURS,
                       event_types=EVENT_TYPES, credit=basemap.CREDIT)
    env.filters["count"] = _count
    return env


def _count(r: dict | None) -> str:
    if not r:
        return ""
    lo, hi = r.get("min"), r.get("max")
    if lo == hi:
        return str(lo)
    return f"more than {lo}" if hi is None else f"{lo}–{hi}"


def ui_router(open_kb: Callable) -> APIRouter:
    """The analyst's pages: each a small function over the same view objects as the API."""
    r = APIRouter(include_in_schema=False)
    env = _env()

    def render(name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**ctx), status_code=status)

    _record_pages(r, Depends(open_kb), render)
    _overview_pages(r, Depends(open_kb), render)
    return r


def found(value: Any) -> Any:
    if value is None:
        raise HTTPException(404, "not found")
    return value


def _record_pages(r: APIRouter, KB: Any, render: Callable) -> None:
    """Home, search, an entity, the events and one event."""
    @r.get("/", response_class=HTMLResponse)
    def home(kb: KnowledgeBase = KB) -> HTMLResponse:
        return render("home.html", stats=views.statistics(kb), entities=views.entities(kb)[:20])

    @r.get("/search", response_class=HTMLResponse)
    def search(q: str = Query("", max_length=500), kb: KnowledgeBase = KB) -> HTMLResponse:
        hits, error, status = [], None, 200
        if q.strip():
            try:
                hits = views.search(kb, q)
            except QueryError as exc:
                error, status = str(exc), 400
        ents = views.entities(kb, name=q)[:30] if q.strip() else []
        return render("search.html", status, q=q, hits=hits, entities=ents, error=error)

    @r.get("/entities/{entity_id}", response_class=HTMLResponse)
    def entity(entity_id: str, kb: KnowledgeBase = KB) -> HTMLResponse:
        return render("entity.html", e=found(views.entity_profile(kb, entity_id)), names=views.names_of(kb))

    @r.get("/events", response_class=HTMLResponse)
    def events(request: Request, kb: KnowledgeBase = KB, type: str = "", since: str = "", until: str = "",
               country: str = "", place: str = "", actor: str = "", sort: str = "date") -> HTMLResponse:
        evs = views.events(kb, type or None, since or None, until or None, country or None, None, place or None,
                           actor or None, sort, sort in ("fatalities", "sources"))
        return render("events.html", events=evs, chart=timeline_chart(views.per_week(evs)),
                      f=dict(type=type, since=since, until=until, country=country, place=place, actor=actor,
                             sort=sort))

    @r.get("/events/{event_id}", response_class=HTMLResponse)
    def event(event_id: str, kb: KnowledgeBase = KB) -> HTMLResponse:
        return render("event.html", ev=found(views.event(kb, event_id)), names=views.names_of(kb))


def _overview_pages(r: APIRouter, KB: Any, render: Callable) -> None:
    """Timeline, map, network, contradictions, a document and the review log."""
    @r.get("/timeline", response_class=HTMLResponse)
    def timeline(kb: KnowledgeBase = KB) -> HTMLResponse:
        evs = views.events(kb)
        return render("timeline.html", chart=timeline_chart(views.per_week(evs)))

    @r.get("/map", response_class=HTMLResponse)
    def map_(kb: KnowledgeBase = KB, type: str = "") -> HTMLResponse:
        geo = views.geojson(views.events(kb, type or None))
        return render("map.html", **map_view(geo), type=type)

    @r.get("/network", response_class=HTMLResponse)
    def network(kb: KnowledgeBase = KB, min_weight: int = Query(1, ge=1)) -> HTMLResponse:
        return render("network.html", net=layout(views.graph(kb, min_weight)), min_weight=min_weight)

    @r.get("/contradictions", response_class=HTMLResponse)
    def contradictions(kb: KnowledgeBase = KB) -> HTMLResponse:
        return render("contradictions.html", items=views.contradictions(kb))

    @r.get("/documents/{doc_id}", response_class=HTMLResponse)
    def document(doc_id: str, kb: KnowledgeBase = KB, hl: str = Query("", pattern=r"^(\d+-\d+)?$")) -> HTMLResponse:
        doc = found(views.document(kb, doc_id))
        notes = dict(doc["annotations"])
        target = [int(x) for x in hl.split("-")] if hl else None
        if target:
            notes["target"] = [{"start": target[0], "end": target[1]}]
        return render("document.html", doc=doc, segments=views.segments(doc["text"], notes), target=target)

    @r.get("/review", response_class=HTMLResponse)
    def audit(kb: KnowledgeBase = KB) -> HTMLResponse:
        return render("review.html", entries=review.history(kb.conn, limit=200))


def timeline_chart(data: dict, height: int = 160) -> dict[str, Any]:
    """Stacked bars, one per week, one colour per type, as rectangles for an SVG."""
    weeks = data["weeks"]
    top = max((w["total"] for w in weeks), default=1)
    bar = 18
    bars = []
    for i, w in enumerate(weeks):
        y = height
        for t in data["types"]:
            n = w["counts"].get(t, 0)
            if n:
                h = n / top * (height - 20)
                y -= h
                bars.append({"x": i * (bar + 4) + 30, "y": y, "w": bar, "h": h, "type": t, "n": n, "week": w["week"]})
    return {"bars": bars, "width": max(len(weeks) * (bar + 4) + 40, 200), "height": height + 40, "top": top,
            "types": data["types"], "weeks": weeks, "base": height}


def map_view(geo: dict) -> dict[str, Any]:
    """The base map and the event circles in one view box (degrees; y is minus the latitude)."""
    feats = geo["features"]
    box = basemap.view_box([tuple(f["geometry"]["coordinates"]) for f in feats])
    unit = max(box[2], box[3]) / 100
    points = []
    for f in sorted(feats, key=lambda f: -((f["properties"]["fatalities"] or {}).get("max") or 0)):
        lon, lat = f["geometry"]["coordinates"]
        dead = f["properties"]["fatalities"] or {}
        n = dead.get("max") or dead.get("min") or 0
        points.append({"id": f["id"], "x": lon, "y": -lat, "r": unit * (0.6 + math.sqrt(n) * 0.35),
                       "colour": PALETTE.get(f["properties"]["type"], "#333"), **f["properties"]})
    return {"box": " ".join(f"{v:.3f}" for v in box), "countries": basemap.paths(box), "points": points,
            "stroke": unit * 0.08, "types": sorted({p["type"] for p in points})}


def layout(graph: dict, size: float = 800.0, rounds: int = 150) -> dict[str, Any]:
    """A small force-directed layout (Fruchterman–Reingold), seeded so a page always looks the same."""
    nodes = graph["nodes"][:150]
    ids = {n["id"] for n in nodes}
    edges = [e for e in graph["edges"] if e["source"] in ids and e["target"] in ids]
    rnd = random.Random(7)
    pos = {n["id"]: [rnd.uniform(0, size), rnd.uniform(0, size)] for n in nodes}
    k = size / math.sqrt(max(len(nodes), 1)) * 0.8
    for step in range(rounds):
        moves = {i: [0.0, 0.0] for i in pos}
        for a in pos:
            for b in pos:
                if a < b:
                    dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                    d = max(math.hypot(dx, dy), 0.01)
                    f = k * k / d
                    moves[a][0] += dx / d * f; moves[a][1] += dy / d * f
                    moves[b][0] -= dx / d * f; moves[b][1] -= dy / d * f
        for e in edges:
            a, b = e["source"], e["target"]
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            d = max(math.hypot(dx, dy), 0.01)
            f = d * d / k
            moves[a][0] -= dx / d * f; moves[a][1] -= dy / d * f
            moves[b][0] += dx / d * f; moves[b][1] += dy / d * f
        heat = size / 10 * (1 - step / rounds) + 1
        for i, (mx, my) in moves.items():
            m = max(math.hypot(mx, my), 0.01)
            pos[i][0] = min(size - 20, max(20, pos[i][0] + mx / m * min(m, heat)))
            pos[i][1] = min(size - 20, max(20, pos[i][1] + my / m * min(m, heat)))
    placed = [{**n, "x": pos[n["id"]][0], "y": pos[n["id"]][1], "r": 4 + math.sqrt(n["documents"]) * 2} for n in nodes]
    lines = [{**e, "x1": pos[e["source"]][0], "y1": pos[e["source"]][1], "x2": pos[e["target"]][0],
              "y2": pos[e["target"]][1]} for e in edges]
    return {"nodes": placed, "edges": lines, "size": size}
