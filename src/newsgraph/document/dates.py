"""Date normaliser: find date expressions in a news text and give each a calendar value.

Values are prefix-precision ISO strings (``2021``, ``2021-02``, ``2021-02-16``) whose length is
their precision, so "last March" stays a month and "early 2015" a year. Relative expressions
("on Sunday", "last year", "two days ago") are resolved against the reference date — the
publication date — following news convention (a bare weekday or month is the latest one not
after the reference, unless the clause is in the future tense); anaphoric ones ("the next day",
"a year earlier") count from the last date mentioned before them. Without a reference, relative
expressions get no value: the normaliser never guesses and never reads today's date.

The core is rule-based (regular expressions over word lists in ``newsgraph/data/dates/``):
about ten times faster than dateparser and more accurate on news (see ``bench/dates_bench.py``).
Layout: ``dates_lexicon`` (word lists) → ``dates_patterns`` (regexes) → ``dates_detect``
(candidates, plausibility checks, overlaps) → ``dates_rules`` / ``dates_relative`` (values),
with the calendar arithmetic in ``dates_calendar``.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from newsgraph.document.dates_calendar import Ref, parse_ref, ref_of
from newsgraph.document.dates_detect import Candidate, candidates, select
from newsgraph.document.dates_patterns import LOOSE_ONLY
from newsgraph.document.dates_rules import Context, Reading

__all__ = ["DateMention", "normalise", "find_dates", "normalise_spans", "run_bench_docs"]


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text, with its value (None when it cannot be resolved)."""

    start: int
    end: int
    text: str
    value: str | None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    precision: str | None  # "year" | "month" | "day"
    relative: bool  # resolved against the reference date (or an earlier mention)


def _mention(text: str, start: int, end: int, reading: Reading | None) -> DateMention:
    value, precision = reading.value if reading and reading.value else (None, None)
    return DateMention(start, end, text[start:end], value, precision, bool(reading and reading.relative))


def _best(found: list[Candidate], text: str, start: int, end: int) -> Candidate | None:
    """Inside a span known to be one date, the longest candidate (ties: rule order) is the date.

    Loose-only rules ("the year", a bare day number) count only when they are the whole span:
    the "10" of "10 days" is not a day of the month.
    """
    whole = text[start:end].strip(" \t\n.,;:'\"()")
    usable = [c for c in found if c.rule.name not in LOOSE_ONLY or len(c.match.group(0)) >= len(whole)]
    return min(usable, key=lambda c: (-(c.end - c.start), c.rank, c.start), default=None)


def _read(text: str, start: int, end: int, ref: Ref | None, anchor: Ref | None) -> Reading | None:
    best = _best(candidates(text, start, end, strict=False), text, start, end)
    if best is None:
        return None
    return best.rule.resolve(best.match, Context(ref, anchor, text))


def normalise(expr: str, reference: str | None) -> tuple[str, str] | None:
    """The (value, precision) of one date expression, e.g. ("2023-03-05", "day"); None if unresolved.

    ``expr`` is taken to be a date expression as a whole (no plausibility checks); anaphoric
    expressions ("the next day") count from the reference since there is no earlier mention.
    """
    reading = _read(expr, 0, len(expr), parse_ref(reference), None)
    return reading.value if reading else None


def find_dates(text: str, reference: str | None) -> list[DateMention]:
    """Detect and normalise every date expression in ``text``, in text order."""
    ref = parse_ref(reference)
    anchor: Ref | None = None
    out: list[DateMention] = []
    for c in select(candidates(text)):
        reading = c.rule.resolve(c.match, Context(ref, anchor, text))
        out.append(_mention(text, c.start, c.end, reading))
        if reading.value and reading.anchors:
            anchor = ref_of(reading.value)
    return out


def anchor_in_text(text: str, found: list[DateMention]) -> list[DateMention]:
    """Without a publication date, resolve what the text's own years can: "the truce expired in
    early December", after "August 2021", is December 2021. Only the year of the latest absolute
    date before it is used, so nothing finer than a month is ever inferred ("on Sunday" stays None).
    """
    out: list[DateMention] = []
    year: str | None = None
    for m in found:
        if m.value is None and m.relative and year:
            hit = normalise(m.text, year)
            if hit is not None:
                m = replace(m, value=hit[0], precision=hit[1])
        elif m.value and not m.relative:
            year = m.value[:4]
        out.append(m)
    return out


def normalise_spans(text: str, spans: Iterable[tuple[int, int]], reference: str | None) -> list[DateMention]:
    """Normalise given spans of ``text`` (known date expressions), using the text around them for
    tense cues and earlier spans as anchors for anaphoric expressions."""
    ref = parse_ref(reference)
    anchor: Ref | None = None
    out: list[DateMention] = []
    for start, end in sorted(spans):
        reading = _read(text, start, end, ref, anchor)
        out.append(_mention(text, start, end, reading))
        if reading and reading.value and reading.anchors:
            anchor = ref_of(reading.value)
    return out


def run_bench_docs(docs: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Bench/CLI driver: oracle mode for documents with ``spans``, end-to-end otherwise.

    Yields one ``{"doc", "start", "end", "value", "precision"}`` per expression, including those
    found but left without a value (``value`` None), as the scorer expects.
    """
    for doc in docs:
        text, ref = doc.get("text") or "", doc.get("dct")
        if doc.get("spans") is not None:
            spans = [(int(s["start"]), int(s["end"])) for s in doc["spans"]]
            mentions = normalise_spans(text, spans, ref)
        else:
            mentions = find_dates(text, ref)
        for m in mentions:
            yield {"doc": doc.get("doc"), "start": m.start, "end": m.end, "value": m.value,
                   "precision": m.precision}
