"""Within one article: which event a claim is about.

A claim is about an event when its statement overlaps the sentence that reports the event, or
when it names one of the event's participants and speaks of that kind of event ("confirmed
Balti's killing" → the killing of Balti). Topic words are data (``data/lexicons/topics.tsv``).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from newsgraph.document.claims import ClaimMention
from newsgraph.document.events import EventMention
from newsgraph.document.events_triggers import FAMILY


@lru_cache(maxsize=1)
def topics() -> tuple[tuple[str, str, str | None], ...]:
    text = (resources.files("newsgraph") / "data" / "lexicons" / "topics.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            stem, topic, family = line.split("\t")
            rows.append((stem, topic, None if family == "-" else family))
    return tuple(rows)


def topics_of(text: str) -> list[tuple[str, str | None]]:
    """(topic, event family) of every topic word in a statement, in order."""
    words = re.findall(r"[a-z][a-z-]*", text.lower())
    return [(topic, family) for w in words for stem, topic, family in topics() if w.startswith(stem)]


def link(text: str, claims: Sequence[ClaimMention], events: Sequence[EventMention],
         owner: dict[str, str]) -> dict[str, str]:
    """Claim id → event mention id, for the claims of one article that are about one of its events."""
    out: dict[str, str] = {}
    for c in claims:
        statement = " ".join(text[a:b] for a, b in c.text_spans)
        families = {f for _, f in topics_of(statement) if f}
        about = {owner.get(m) for m in c.about} - {None}
        best, score = None, 0
        for v in events:
            overlap = any(a < v.evidence.end and v.evidence.start < b for a, b in c.text_spans)
            people = {owner.get(x.mention or "") for x in v.agents + v.victims} - {None}
            s = 2 * overlap + (FAMILY.get(v.type) in families) + bool(about & people)
            if s > score and (overlap or (FAMILY.get(v.type) in families and about & people)):
                best, score = v.id, s
        if best is not None:
            out[c.id] = best
    return out
