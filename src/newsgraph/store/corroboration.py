"""Corroboration: how many documents, outlets and independent sources stand behind a record.

Copies of one wire story (near-identical texts) count as one independent source: five outlets
running the same agency copy are one report, not five.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

NEAR_COPY = 0.6  # share of word 5-grams that makes two texts one story


def corroboration(rows: Sequence[Mapping]) -> dict[str, int]:
    """``rows`` carry doc, text, source and outlet (one per mention; documents are counted once)."""
    docs = {row["doc"]: row for row in rows}
    outlets = {outlet_of(row["outlet"], row["source"]) for row in docs.values()}
    return {"documents": len(docs), "outlets": len(outlets),
            "independent": len(independent_groups([(d, r["text"]) for d, r in docs.items()]))}


def outlet_of(outlet: str | None, source: str) -> str:
    """The outlet as stated, else the host of the URL, else the file the text came from."""
    if outlet:
        return " ".join(outlet.lower().split())
    host = re.match(r"^[a-z]+://([^/]+)", source or "")
    return host.group(1).removeprefix("www.") if host else source


def independent_groups(texts: Sequence[tuple[str, str]]) -> list[list[str]]:
    """Groups of near-identical texts: one wire story, one source."""
    shingles = {doc: _shingles(text) for doc, text in texts}
    groups: list[list[str]] = []
    for doc, sh in shingles.items():
        for g in groups:
            other = shingles[g[0]]
            if sh and other and len(sh & other) / min(len(sh), len(other)) >= NEAR_COPY:
                g.append(doc)
                break
        else:
            groups.append([doc])
    return groups


def _shingles(text: str) -> set[int]:
    words = re.findall(r"\w+", text.lower())
    return {hash(tuple(words[i:i + 5])) for i in range(max(0, len(words) - 4))}
