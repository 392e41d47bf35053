"""Clean: boilerplate out, paragraphs kept, for plain text and HTML.

HTML goes through trafilatura (main-content extraction) and then through the same line rules as
plain text, because pages pasted into text files carry the same furniture: read-time badges,
share bars, related-article lists, comment forms, photo credits. Patterns live in
``data/clean/boilerplate.txt``; this module only applies them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsgraph.document.ingest import RawInput
from newsgraph.document.split import article_starts
from newsgraph.document.stamps import parse_stamp

HEADLINE_MAX_WORDS = 18  # a related-article headline or form label is a short line without a full stop


@dataclass(frozen=True)
class Patterns:
    line: re.Pattern[str]
    inline: re.Pattern[str]
    related: re.Pattern[str]
    comments: re.Pattern[str]


@dataclass(frozen=True)
class Cleaned:
    """Text ready to split: paragraphs separated by one blank line; metadata found in markup."""

    source: str
    text: str
    markup: str | None
    meta: dict[str, str]


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    sections: dict[str, list[str]] = {}
    current = None
    raw = (resources.files("newsgraph") / "data" / "clean" / "boilerplate.txt").read_text(encoding="utf-8")
    for line in raw.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]") and line[1:-1].isalpha():
            current = sections.setdefault(line[1:-1], [])
        elif current is not None:
            current.append(line)

    def whole(name: str) -> re.Pattern[str]:
        return re.compile(r"^(?:" + "|".join(sections.get(name, ["(?!)"])) + r")$", re.I)

    inline = re.compile("|".join(sections.get("inline", ["(?!)"])), re.I)
    return Patterns(whole("line"), inline, whole("related"), whole("comments"))


def clean(raw: RawInput) -> Cleaned:
    """Raw input → cleaned paragraphs (and, for HTML, the markup kept for display)."""
    if raw.is_html:
        text, meta = html_to_text(raw.text)
        meta = {**meta, **raw.meta}
        return Cleaned(raw.source, clean_text(text, meta.get("title")), raw.text, meta)
    return Cleaned(raw.source, clean_text(raw.text, raw.meta.get("title")), None, dict(raw.meta))


def clean_text(text: str, title: str | None = None) -> str:
    """Apply line rules and block rules, then drop repeated paragraphs (captions, repeated titles)."""
    pats = patterns()
    lines = [_strip_inline(line, pats) for line in text.split("\n")]
    kept = _drop_blocks(lines, pats)
    paragraphs = _paragraphs(kept)
    # Repeats are looked for within one article only: two stories of one file may share a
    # "Published …" line or a byline, and the splitter needs the second story's own.
    later_starts = set(article_starts(paragraphs)[1:])
    seen: set[str] = {_key(title)} if title else set()
    out = []
    for i, para in enumerate(paragraphs):
        if i in later_starts:
            seen = set()
        key = _key(para)
        if key in seen:
            continue
        seen.add(key)
        out.append(para)
    return "\n\n".join(out)


def _strip_inline(line: str, pats: Patterns) -> str:
    line = line.replace("\u00a0", " ").replace("\t", " ")
    line = pats.inline.sub("", line)
    return re.sub(r" {2,}", " ", line).strip()


def _drop_blocks(lines: list[str], pats: Patterns) -> list[str]:
    """Drop boilerplate lines, and the related-article list or comment form after a block heading.

    Inside a block go: headline-like lines, lines of a multi-line paragraph (a list of teasers),
    and a teaser paragraph that repeats the words of the headline just dropped. The first other
    prose paragraph, or a date line (a next story), ends the block.
    """
    kept: list[str] = []
    skipping = False
    dropped: list[str] = []  # the last paragraph dropped in a block
    new_paragraph = False
    for n, line in enumerate(lines):
        if not line:
            kept.append("")
            new_paragraph = True
            continue
        if pats.related.match(line) or pats.comments.match(line):
            skipping, dropped, new_paragraph = True, [], False
            kept.append("")
            continue
        if skipping and parse_stamp(line) is not None:
            # A date line ends the block: a next story starts, and the paragraph just above was its headline.
            kept.extend(dropped + [""])
        elif skipping and (_headline_like(line) or _in_list(lines, n) or _teaser(line, dropped)):
            dropped = [line] if new_paragraph else dropped + [line]
            new_paragraph = False
            continue
        skipping = False
        if pats.line.match(line):
            kept.append("")
            continue
        kept.append(line)
    return kept


def _in_list(lines: list[str], n: int) -> bool:
    """The line belongs to a paragraph of several lines: a list, not running prose."""
    return bool((n > 0 and lines[n - 1]) or (n + 1 < len(lines) and lines[n + 1]))


def _teaser(line: str, dropped: list[str]) -> bool:
    """A summary under a related headline shares most of its content words."""
    if len(dropped) != 1:
        return False
    head = _content_words(dropped[0])
    return len(head) >= 3 and len(head & _content_words(line)) >= 0.4 * len(head)


def _content_words(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower())}


def _headline_like(line: str) -> bool:
    words = line.split()
    return len(words) <= HEADLINE_MAX_WORDS and not re.search(r"[.!]['\"”’]?$", line)


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank-line separated paragraphs; a publication stamp line is always a paragraph of its own."""
    paras: list[str] = []
    current: list[str] = []
    for line in lines + [""]:
        if line and parse_stamp(line) is not None:
            if current:
                paras.append("\n".join(current))
            paras.append(line)
            current = []
        elif line:
            current.append(line)
        elif current:
            paras.append("\n".join(current))
            current = []
    return paras


def _key(text: str | None) -> str:
    return re.sub(r"\W+", " ", (text or "").lower()).strip()


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Main text and metadata of a page, through trafilatura; paragraphs one per block."""
    import trafilatura  # imported here: loading it costs ~0.3 s and plain-text runs never need it

    text = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=False,
                               favor_recall=True, deduplicate=False, with_metadata=False)
    if not text:
        text = trafilatura.html2txt(html) or ""
    meta: dict[str, str] = {}
    info = trafilatura.extract_metadata(html, extensive=False)
    if info is not None:
        for key, value in (("title", info.title), ("author", info.author), ("outlet", info.sitename),
                           ("url", info.url), ("published", info.date)):
            if value:
                meta[key] = str(value)
    return "\n\n".join(p.strip() for p in text.split("\n") if p.strip()), meta
