"""Metadata: title, publication and update dates, byline, dateline — each with its span.

Only what the text (or the page's markup, or the JSON record) states is taken: an article
that states no date gets ``published = None``, never the day it was ingested.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from newsgraph.document.split import is_headline, is_prose, paragraphs
from newsgraph.document.stamps import Stamp, parse_iso_like, parse_stamp

_NAME = r"[A-Z][a-zA-Z'’.-]+(?:\s+[A-Z][a-zA-Z'’.-]+){1,3}"
# Case matters in the names (a byline is capitalised words; "reporting by staff" is not one).
BYLINE = re.compile(rf"^(?:(?i:by)\s+)?(?P<name>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)$")
BULLET = re.compile(r"^\s*[•·▪■*–-]\s")
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{2,30}|[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})"
    r"(?:,\s*[A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)?"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"  # a wire dateline's day: "KABUL, Aug 26 (Reuters) -"
    r"(?:\s*\([A-Za-z ]{1,20}\))?\s*(?::|—|–|--| - )\s*(?=[A-Z“\"‘'])"
)


@dataclass(frozen=True)
class Field:
    value: str
    start: int  # span in the article text
    end: int


@dataclass(frozen=True)
class Metadata:
    title: Field | None = None
    published: Field | None = None
    updated: Field | None = None
    author: Field | None = None
    dateline: Field | None = None

    def values(self) -> dict[str, str | None]:
        return {k: (getattr(self, k).value if getattr(self, k) else None)
                for k in ("title", "published", "updated", "author", "dateline")}


def extract(text: str, given: dict[str, str] | None = None) -> tuple[Metadata, dict[str, str]]:
    """Metadata found in the article text; values given by markup/JSON win over guesses.

    Returns the metadata with spans and the given values that have no span in the text
    (normalised), so the caller can still store them.
    """
    given = dict(given or {})
    paras, offsets = _with_offsets(text)
    stamps = [(i, s) for i, p in enumerate(paras) if (s := parse_stamp(p)) is not None]
    meta = Metadata(
        title=_title(paras, offsets, stamps),
        published=_published(stamps, offsets),
        updated=_updated(stamps, offsets),
        author=_author(paras, offsets, stamps),
        dateline=_dateline(paras, offsets, stamps),
    )
    extra: dict[str, str] = {}
    for key in ("title", "author", "outlet", "url", "published"):
        if key in given:
            value = parse_iso_like(given[key]) if key == "published" else given[key].strip()
            if value:
                extra[key] = value
    return meta, extra


def _with_offsets(text: str) -> tuple[list[str], list[int]]:
    paras, offsets, pos = [], [], 0
    for para in paragraphs(text):
        pos = text.index(para, pos)
        paras.append(para)
        offsets.append(pos)
        pos += len(para)
    return paras, offsets


def _field(value: str, start: int) -> Field:
    return Field(value, start, start + len(value))


def _stamp_field(i: int, stamp: Stamp, offsets: list[int], value: str) -> Field:
    return Field(value, offsets[i] + stamp.start, offsets[i] + stamp.end)


def _published(stamps: list[tuple[int, Stamp]], offsets: list[int]) -> Field | None:
    """An explicit "Published" stamp, else the first bare date line, else the update date."""
    for kinds in (("published",), ("date",), ("updated",)):
        for i, s in stamps:
            if s.kind in kinds:
                return _stamp_field(i, s, offsets, s.value)
    return None


def _updated(stamps: list[tuple[int, Stamp]], offsets: list[int]) -> Field | None:
    """An "Updated …" stamp, or the "… | Updated …" date on a publication stamp's line."""
    for i, s in stamps:
        if s.kind == "updated":
            return _stamp_field(i, s, offsets, s.value)
        if s.updated and s.updated_span:
            return Field(s.updated, offsets[i] + s.updated_span[0], offsets[i] + s.updated_span[1])
    return None


def _header(paras: list[str], stamps: list[tuple[int, Stamp]]) -> range:
    """Paragraphs above the publication stamp (or above the first prose paragraph when there is none)."""
    if stamps:
        chosen = _published(stamps, [0] * len(paras))
        index = next(i for i, s in stamps if s.start == chosen.start and s.value == chosen.value)
        return range(0, index)
    first_prose = next((i for i, p in enumerate(paras) if is_prose(p)), len(paras))
    return range(0, first_prose)


def _title(paras: list[str], offsets: list[int], stamps: list[tuple[int, Stamp]]) -> Field | None:
    """The headline nearest above the stamp that is not a byline; else the first headline.

    A headline starts with a capital (or a quote or digit); "reporting by staff" is a credit line.
    """
    header = [i for i in _header(paras, stamps) if is_headline(paras[i]) and not BYLINE.match(paras[i])
              and parse_stamp(paras[i]) is None and not re.match(r"[^\w]*[a-z]", paras[i])]
    if not header:
        return _field(paras[0].split("\n")[0], offsets[0]) if paras and is_headline(paras[0]) else None
    i = header[-1] if stamps else header[0]
    first_line = paras[i].split("\n")[0]
    return _field(first_line, offsets[i])


def _author(paras: list[str], offsets: list[int], stamps: list[tuple[int, Stamp]]) -> Field | None:
    """A byline right above or below the publication stamp: a "By …" line first, else a name-only
    paragraph that is not the headline (the first paragraph)."""
    near = [j for i, _ in stamps for j in (i - 1, i + 1) if 0 <= j < len(paras)]
    explicit = [j for j in near if re.match(r"by\s", paras[j], re.I)]
    for j in explicit + [j for j in near if j > 0 and j not in explicit]:
        m = BYLINE.match(paras[j])
        if m and len(paras[j].split()) <= 6 and parse_stamp(paras[j]) is None:
            return Field(m.group("name"), offsets[j] + m.start("name"), offsets[j] + m.end("name"))
    return None


def _dateline(paras: list[str], offsets: list[int], stamps: list[tuple[int, Stamp]]) -> Field | None:
    """The place that opens the first prose paragraph: "ISLAMABAD:", "Kabul —"."""
    start = stamps[0][0] + 1 if stamps else 0
    for i in range(start, len(paras)):
        if is_prose(paras[i]) and not BULLET.match(paras[i]):
            m = DATELINE.match(paras[i])
            if not m:
                return None
            place = m.group("place").strip()
            return Field(place, offsets[i] + m.start("place"), offsets[i] + m.start("place") + len(place))
    return None
