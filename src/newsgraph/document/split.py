"""Split: one cleaned file → one text per article.

Pages and pastes often hold several stories: a story, then another headline with its own
"Published …" line. A publication stamp that comes after a finished story (several prose
paragraphs since the last stamp) starts a new article, together with the headline-like
paragraphs just above it.
"""
from __future__ import annotations

import re

from newsgraph.document.stamps import parse_stamp

MIN_PROSE_PARAGRAPHS = 3  # a story needs this many prose paragraphs before another may start
MAX_HEADER_PARAGRAPHS = 3  # headline, standfirst, byline above a stamp


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def is_prose(paragraph: str) -> bool:
    """A body paragraph: long enough and ending like a sentence."""
    words = paragraph.split()
    return len(words) >= 20 or (len(words) >= 8 and bool(re.search(r"[.!?…]['\"”’)]*$", paragraph)))


def is_headline(paragraph: str) -> bool:
    """A headline, standfirst line or byline: short and not ending with a full stop."""
    return len(paragraph.split()) <= 30 and not re.search(r"[.!…]['\"”’)]*$", paragraph)


def split_articles(text: str) -> list[str]:
    """The article texts of one file, in order (a single article gives a one-item list, no text none)."""
    paras = paragraphs(text)
    if not paras:
        return []
    starts = article_starts(paras)
    bounds = _drop_bodiless(paras, list(zip(starts, starts[1:] + [len(paras)])))
    return ["\n\n".join(paras[a:b]) for a, b in bounds]


def article_starts(paras: list[str]) -> list[int]:
    """Index of the first paragraph of each article (always starting with 0)."""
    starts = [0]
    prose_since_stamp = 0
    for i, para in enumerate(paras):
        if parse_stamp(para) is not None:
            if prose_since_stamp >= MIN_PROSE_PARAGRAPHS:
                starts.append(_header_start(paras, i, starts[-1]))
            prose_since_stamp = 0
        elif is_prose(para):
            prose_since_stamp += 1
    return starts


def _drop_bodiless(paras: list[str], bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A stamp after the story (no prose follows it) belongs to the story above, not a new one."""
    merged: list[tuple[int, int]] = []
    for a, b in bounds:
        if merged and not any(is_prose(p) for p in paras[a:b]):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _header_start(paras: list[str], stamp_index: int, floor: int) -> int:
    start = stamp_index
    while (start - 1 > floor and stamp_index - (start - 1) <= MAX_HEADER_PARAGRAPHS
           and is_headline(paras[start - 1]) and not is_prose(paras[start - 1])):
        start -= 1
    return start
