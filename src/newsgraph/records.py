"""The records every stage passes along, matching the kb-export contract (version 1).

All records are frozen: a stage returns new records rather than editing old ones, so a
stage can be tested alone and re-run without side effects. Character spans always refer
to ``Document.text`` as stored.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

EXPORT_VERSION = 1

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC")
EVENT_TYPES = (
    "attack", "bombing", "killing", "operation", "airstrike", "arrest", "capture",
    "release", "ceasefire", "ceasefire_end", "talks", "designation", "other",
)
EVENT_STATUSES = ("reported", "confirmed", "denied", "alleged", "planned")
STANCES = ("asserts", "confirms", "denies")
DATE_PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True)
class Evidence:
    """A character span of a stored document: the sentence or phrase that states a fact."""

    doc: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Document:
    """One article. A source file holding two articles yields two Documents sharing ``source``."""

    id: str
    source: str
    text: str
    title: str | None = None
    published: str | None = None  # prefix-precision ISO date: "2021", "2021-02", "2021-02-16"
    updated: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    dateline: str | None = None  # the place that opens the story ("ISLAMABAD:")
    parent: str | None = None  # id of the raw input this article was split from
    index: int = 0  # position of this article within its source
    raw_hash: str | None = None  # sha256 of the original bytes
    encoding: str | None = None
    markup: str | None = None  # original HTML, kept for display
    evidence: dict[str, Evidence] = field(default_factory=dict)  # metadata field → span

    def to_export(self) -> dict[str, Any]:
        return {
            "kind": "document", "id": self.id, "source": self.source, "parent": self.parent,
            "title": self.title, "published": self.published, "updated": self.updated,
            "outlet": self.outlet, "author": self.author, "url": self.url,
            "dateline": self.dateline, "index": self.index,
        }


@dataclass(frozen=True)
class Mention:
    """A name as seen in one document, kept apart from the entity it resolves to."""

    id: str
    doc: str
    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, LOC, FAC
    title: str | None = None  # honorific kept as an attribute ("Mufti"), never an entity
    entity: str | None = None


@dataclass(frozen=True)
class Alias:
    name: str
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Affiliation:
    org: str | None  # entity id of the organisation (or country), when the knowledge base has it
    org_name: str
    role: str | None
    evidence: Evidence | None = None
    nationality: str | None = None  # "Afghan" in "an Afghan national and bombmaker"


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    name: str
    aliases: tuple[Alias, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    mentions: tuple[Evidence, ...] = ()
    geo: dict[str, Any] | None = None
    titles: tuple[str, ...] = ()  # honorifics the sources give a person: Mufti, Qari, Mullah …

    def to_export(self) -> dict[str, Any]:
        return {
            "kind": "entity", "id": self.id, "type": self.type, "name": self.name, "titles": list(self.titles),
            "aliases": [a.name for a in self.aliases],
            "alias_evidence": [a.evidence.to_dict() if a.evidence else None for a in self.aliases],
            "affiliations": [
                {"org": a.org, "org_name": a.org_name, "role": a.role, "nationality": a.nationality,
                 "evidence": a.evidence.to_dict() if a.evidence else None}
                for a in self.affiliations
            ],
            "nationalities": sorted({a.nationality for a in self.affiliations if a.nationality}),
            "mentions": [m.to_dict() for m in self.mentions],
            "geo": self.geo,
        }


@dataclass(frozen=True)
class DateValue:
    value: str  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    precision: str  # day, month, year
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Range:
    """A count as sources state it: "more than 150" is Range(150, None)."""

    min: int | None
    max: int | None
    evidence: Evidence | None = None

    def to_dict(self) -> dict[str, int | None]:
        return {"min": self.min, "max": self.max}


@dataclass(frozen=True)
class Participant:
    entity: str | None
    name: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    date: DateValue | None = None
    location: dict[str, Any] | None = None
    agents: tuple[Participant, ...] = ()
    victims: tuple[Participant, ...] = ()
    fatalities: Range | None = None
    injured: Range | None = None
    status: str = "reported"
    evidence: tuple[Evidence, ...] = ()

    def to_export(self) -> dict[str, Any]:
        return {
            "kind": "event", "id": self.id, "type": self.type,
            "date": {"value": self.date.value, "precision": self.date.precision} if self.date else None,
            "location": self.location,
            "agents": [p.to_dict() for p in self.agents],
            "victims": [p.to_dict() for p in self.victims],
            "fatalities": self.fatalities.to_dict() if self.fatalities else None,
            "injured": self.injured.to_dict() if self.injured else None,
            "status": self.status,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class Claim:
    id: str
    source: Participant
    stance: str
    about: tuple[Participant, ...] = ()
    event: str | None = None
    text: str = ""
    evidence: tuple[Evidence, ...] = ()
    statements: tuple[dict[str, Any], ...] = ()  # each proposition: its text, evidence, event
    corroboration: dict[str, int] = field(default_factory=dict)  # documents, outlets, independent

    def to_export(self) -> dict[str, Any]:
        return {
            "kind": "claim", "id": self.id, "source": self.source.to_dict(), "stance": self.stance,
            "about": [p.to_dict() for p in self.about], "event": self.event, "text": self.text,
            "evidence": [e.to_dict() for e in self.evidence], "statements": list(self.statements),
            "corroboration": self.corroboration,
        }


@dataclass(frozen=True)
class Contradiction:
    id: str
    field: str
    about: tuple[Participant, ...] = ()
    items: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()
    event: str | None = None
    summary: str = ""
    sides: tuple[dict[str, Any], ...] = ()  # each position with its items and their evidence

    def to_export(self) -> dict[str, Any]:
        return {
            "kind": "contradiction", "id": self.id, "about": [p.to_dict() for p in self.about],
            "field": self.field, "items": list(self.items), "docs": list(self.docs),
            "event": self.event, "summary": self.summary, "sides": list(self.sides),
        }


@dataclass(frozen=True)
class Rejection:
    """An input that could not be ingested, and why (shown to the user and logged in the store)."""

    input: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.input}:{self.line}" if self.line else self.input
        return f"rejected {where}: {self.reason}"
