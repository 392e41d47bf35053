"""Event records as the export and the web app see them, assembled from their members.

Values that sources state differently are kept per source with their evidence (``by_source``)
and summarised without blending: a date is the most precise one the sources agree on, a death
toll is the range across sources ("47 in one outlet, 90 in another" → 47 to 90).
"""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

from newsgraph.document.links import topics_of
from newsgraph.records import DateValue, Event, Evidence, Participant, Range
from newsgraph.store.corroboration import corroboration

TYPE_RANK = {"airstrike": 7, "bombing": 6, "attack": 5, "capture": 4, "arrest": 4, "release": 4, "killing": 3,
             "ceasefire_end": 3, "operation": 2, "ceasefire": 2, "talks": 1, "designation": 1, "other": 0}


def events(conn: sqlite3.Connection, event_id: str | None = None) -> Iterator[tuple[Event, dict]]:
    """Every event record (or one) with what stands behind it: per-source values, who confirms
    and who denies it, and how many independent sources report it."""
    owner = dict(conn.execute("SELECT local_id, entity_id FROM entity_members").fetchall())
    countries = {int(k.rsplit(":", 1)[1]): e for k, e in conn.execute(
        "SELECT key, entity_id FROM entity_keys WHERE key LIKE 'PLACE:gid:%'")}
    said = _stances(conn)
    where, args = ("WHERE m.event_id = ?", (event_id,)) if event_id else ("", ())
    rows = conn.execute(
        "SELECT m.event_id, e.id, e.doc, e.type, e.data, d.text, d.source, d.outlet FROM event_members m "
        f"JOIN event_mentions e ON e.id = m.mention_id JOIN documents d ON d.id = e.doc {where} "
        "ORDER BY m.event_id, e.doc, e.id", args)
    current, members = None, []
    for row in rows:
        if row["event_id"] != current and members:
            yield _with_support(_event(current, members, owner, countries), members, said)
            members = []
        current = row["event_id"]
        members.append(row)
    if members:
        yield _with_support(_event(current, members, owner, countries), members, said)


def _stances(conn: sqlite3.Connection) -> dict[str, list[tuple[str, str, str]]]:
    """Event mention id → (stance, speaker, claim id) of the claims about whether it happened
    (a denial of involvement or of a role leaves the event itself standing)."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for cid, stance, data, text in conn.execute(
            "SELECT c.id, c.stance, c.data, d.text FROM claim_mentions c JOIN documents d ON d.id = c.doc"):
        d = json.loads(data)
        said = {t for a, b in d["content"] for t, _ in topics_of(text[a:b])}
        if stance == "denies" and ("involvement" in said or ("role" in said and "occurred" not in said)):
            continue
        if d.get("event_mention"):
            out.setdefault(d["event_mention"], []).append((stance, d["speaker"]["name"], cid))
    return out


def _with_support(built: tuple[Event, list[dict]], members: list[sqlite3.Row],
                  said: dict[str, list[tuple[str, str, str]]]) -> tuple[Event, dict]:
    """The event's status from its claims (confirmed by whom, denied by whom) and its corroboration."""
    event, sources = built
    claims = [c for row in members for c in said.get(row["id"], [])]
    confirmed = sorted({who for stance, who, _ in claims if stance == "confirms"})
    denied = sorted({who for stance, who, _ in claims if stance == "denies"})
    status = "confirmed" if confirmed else "denied" if denied else event.status
    support = {"by_source": sources, "confirmed_by": confirmed, "denied_by": denied,
               "claim_statements": sorted({cid for _, _, cid in claims}), "corroboration": corroboration(members)}
    return replace(event, status=status), support


def _event(event_id: str, members: list[sqlite3.Row], owner: dict[str, str],
           countries: dict[int, str]) -> tuple[Event, list[dict]]:
    told = [(row, json.loads(row["data"])) for row in members]
    types = Counter(row["type"] for row, _ in told)
    type_ = max(types, key=lambda t: (types[t], TYPE_RANK.get(t, 0)))
    sources = [_source(row, data) for row, data in told]
    evidence = tuple(Evidence(row["doc"], *data["evidence"], row["text"][data["evidence"][0]:data["evidence"][1]])
                     for row, data in told if data.get("evidence"))
    return Event(
        id=event_id, type=type_, date=_date(told), location=_location(told),
        agents=_people(told, "agents", owner, countries), victims=_people(told, "victims", owner, countries),
        fatalities=_range([d["fatalities"] for _, d in told]), injured=_range([d["injured"] for _, d in told]),
        status=_status(told), evidence=evidence,
    ), sources


def _source(row: sqlite3.Row, data: dict) -> dict:
    """What one article says of the event, with the sentence that says it."""
    a, b = data["evidence"]
    return {"id": row["id"], "doc": row["doc"], "source": row["source"], "outlet": row["outlet"],
            "type": row["type"], "date": (data.get("date") or {}).get("value"),
            "fatalities": _plain(data.get("fatalities")), "injured": _plain(data.get("injured")),
            "place": (data.get("location") or {}).get("name"), "status": data.get("status"),
            "evidence": Evidence(row["doc"], a, b, row["text"][a:b]).to_dict()}


def _plain(count: dict | None) -> dict | None:
    return {"min": count["min"], "max": count["max"]} if count else None


def _date(told: list) -> DateValue | None:
    """The most precise date; when sources disagree at that precision, the one most of them give."""
    dated = [d["date"] for _, d in told if d.get("date")]
    if not dated:
        return None
    longest = max(len(x["value"]) for x in dated)
    votes = Counter(x["value"] for x in dated if len(x["value"]) == longest)
    value = votes.most_common(1)[0][0]
    precision = next(x["precision"] for x in dated if x["value"] == value)
    return DateValue(value, precision)


def _location(told: list) -> dict | None:
    rank = {"facility": 6, "village": 5, "city": 4, "district": 3, "province": 2, "region": 1, "country": 0}
    places = [d["location"] for _, d in told if d.get("location")]
    if not places:
        return None
    best = max(places, key=lambda p: (rank.get((p.get("geo") or {}).get("kind"), 3), bool(p.get("geo"))))
    geo = best.get("geo") or {}
    return {"name": best["name"], "admin1": geo.get("admin1"), "country": geo.get("country"),
            "lat": geo.get("lat"), "lon": geo.get("lon"), "geonames_id": geo.get("geonames_id"),
            "kind": geo.get("kind")}


def _people(told: list, role: str, owner: dict[str, str], countries: dict[int, str]) -> tuple[Participant, ...]:
    """Agents or victims as entity records; a state's forces ("Afghan forces") as the state."""
    out: dict[str, Participant] = {}
    for _, data in told:
        for a in data[role]:
            entity = owner.get(a.get("local") or "") or countries.get((a.get("country") or {}).get("geonames_id"))
            out.setdefault(entity or a["name"].lower(), Participant(entity, a["name"]))
    return tuple(out.values())


def _range(counts: list[dict | None]) -> Range | None:
    """The range across sources: the lowest minimum to the highest maximum (open if any is open)."""
    given = [c for c in counts if c]
    if not given:
        return None
    mins = [c["min"] for c in given if c["min"] is not None]
    maxes = [c["max"] for c in given]
    return Range(min(mins) if mins else None, None if None in maxes else max(maxes))


def _status(told: list) -> str:
    statuses = Counter(d.get("status") or "reported" for _, d in told)
    return "planned" if set(statuses) == {"planned"} else statuses.most_common(1)[0][0]
