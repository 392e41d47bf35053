"""Affiliations: the role links of one article (``roles``) attached to its local entities.

A role link names a person span and, when stated, an organisation span; both are mapped onto the
article's entities through their mentions, so the record says "member of *that* TTP entity".
An organisation the text names without a mention keeps its name for the resolver to look up.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsgraph.document.clusters import LocalEntity
from newsgraph.document.roles import RoleLink
from newsgraph.records import Mention


def attach(entities: Sequence[LocalEntity], links: Sequence[RoleLink],
           mentions: Sequence[Mention]) -> list[LocalEntity]:
    """The same entities, each person with the affiliations its article states (with evidence)."""
    owner = {m: e.id for e in entities for m in e.mentions}
    by_id = {e.id: e for e in entities}
    found: dict[str, list[dict]] = {}
    for link in links:
        person = _entity_at(mentions, owner, link.person_start, link.person_end)
        if person is None or by_id[person].type != "PERSON":
            continue
        org = _entity_at(mentions, owner, link.org_start, link.org_end) if link.org_start is not None else None
        if org == person:
            continue
        org_name = by_id[org].name if org else link.org_name
        item = {"org_local": org, "org_name": org_name, "role": link.role, "nationality": link.nationality,
                "evidence": [link.evidence_start, link.evidence_end]}
        if org_name or link.role:
            found.setdefault(person, []).append(item)
    return [replace(e, affiliations=tuple(found.get(e.id, ()))) for e in entities]


def _entity_at(mentions: Sequence[Mention], owner: dict[str, str], start: int | None,
               end: int | None) -> str | None:
    if start is None or end is None:
        return None
    for m in mentions:
        if m.start < end and start < m.end and m.id in owner:
            return owner[m.id]
    return None
