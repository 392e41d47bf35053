"""Reading helpers for the claim stage: quotations, sentences, mentions by token, parse walks.

The parse is duck-typed (``token.dep_``, ``.head``, ``.children``, ``.lemma_``, ``.idx``): this
module never imports spaCy. Everything the rules in ``claims*.py`` ask of one article is computed
once into a ``Context``.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.document import clusters
from newsgraph.records import Mention

OPENERS = {"“": "”", "\"": "\"", "«": "»"}
MIN_QUOTE_WORDS = 4  # shorter quotations are scare quotes ("organisational glue"), not statements
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@dataclass(frozen=True)
class Quote:
    start: int  # the opening mark
    end: int  # just after the closing mark (or the paragraph end when left open)
    inner_start: int
    inner_end: int  # the quoted words, without marks and the comma/period before the close

    @property
    def words(self) -> int:
        return 0


@dataclass
class Context:
    """One article as the claim rules see it."""

    doc_id: str
    text: str
    parsed: Any
    mentions: tuple[Mention, ...]
    by_token: list[Mention | None]
    quotes: list[Quote]
    sent_bounds: list[tuple[int, int]]  # char spans of the parser's sentences
    sent_starts: list[int]
    people: dict[str, int]  # mention id → number of mentions of its local entity (PERSON only)
    main_person: frozenset[str]  # mention ids of the article's most-mentioned person

    def sentence_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    def mention(self, tok: Any) -> Mention | None:
        return self.by_token[tok.i]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def quote_at(self, start: int, end: int) -> Quote | None:
        """The statement quotation overlapping [start, end), if any."""
        for q in self.quotes:
            if q.start < end and start < q.end:
                return q
        return None


def context(doc_id: str, text: str, parsed: Any, mentions: Sequence[Mention]) -> Context:
    ms = tuple(sorted(mentions, key=lambda m: (m.start, -m.end)))
    bounds = [(s.start_char, s.end_char) for s in parsed.sents]
    people, main = _people(doc_id, ms)
    return Context(doc_id, text, parsed, ms, _token_mentions(parsed, ms), find_quotes(text), bounds,
                   [b[0] for b in bounds], people, main)


def _token_mentions(parsed: Any, ms: Sequence[Mention]) -> list[Mention | None]:
    out: list[Mention | None] = [None] * len(parsed)
    starts = [m.start for m in ms]
    for tok in parsed:
        k = bisect.bisect_right(starts, tok.idx) - 1
        while k >= 0 and ms[k].start <= tok.idx:
            if tok.idx < ms[k].end:
                out[tok.i] = ms[k]
                break
            k -= 1
    return out


def _people(doc_id: str, ms: Sequence[Mention]) -> tuple[dict[str, int], frozenset[str]]:
    """Mention counts of each person in the article, and the mentions of the most-mentioned one."""
    counts: dict[str, int] = {}
    best: tuple[int, int] | None = None
    main: frozenset[str] = frozenset()
    for ent in clusters.cluster(doc_id, ms):
        if ent.type != "PERSON":
            continue
        for mid in ent.mentions:
            counts[mid] = len(ent.mentions)
        first = min(s for s, _ in ent.spans) if ent.spans else 0
        key = (len(ent.mentions), -first)
        if len(ent.mentions) >= 2 and (best is None or key > best):
            best, main = key, frozenset(ent.mentions)
    return counts, main


def find_quotes(text: str) -> list[Quote]:
    """Statement quotations: paired marks holding at least MIN_QUOTE_WORDS words.

    A quotation left open at the end of its paragraph closes there (the news convention for a quote
    running on into the next paragraph, which then opens with a mark again).
    """
    out: list[Quote] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch not in OPENERS or (ch == "\"" and i + 1 < n and text[i + 1].isspace()):
            i += 1
            continue
        close = OPENERS[ch]
        para_end = text.find("\n", i)
        para_end = n if para_end < 0 else para_end
        j = text.find(close, i + 1, para_end)
        end = para_end if j < 0 else j + 1
        inner_end = end - 1 if j >= 0 else end
        inner = text[i + 1:inner_end]
        stripped = inner.rstrip(" ,.;:")
        if len(_WORD.findall(inner)) >= MIN_QUOTE_WORDS:
            lead = len(inner) - len(inner.lstrip())
            out.append(Quote(i, end, i + 1 + lead, i + 1 + len(stripped.rstrip())))
        i = end
    return out


# ----------------------------------------------------------------------------- parse walks

SUBJECTS = ("nsubj", "nsubjpass", "csubj")


def subtree_span(tok: Any, skip: Iterable[Any] = ()) -> tuple[int, int]:
    """Char span of a token's subtree, minus the subtrees in ``skip`` when they sit at its edges."""
    banned = {t.i for s in skip for t in s.subtree}
    idx = [t for t in tok.subtree if t.i not in banned and not t.is_punct]
    if not idx:
        return tok.idx, tok.idx + len(tok.text)
    return min(t.idx for t in idx), max(t.idx + len(t.text) for t in idx)


def tokens_span(toks: Sequence[Any]) -> tuple[int, int]:
    return min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)


def subject(verb: Any) -> Any | None:
    """The subject of a verb, or of the clause it hangs from (participles, conjuncts, xcomp).

    "X confirmed the death, saying …" gives "saying" X; "X denied A and said B" gives "said" X.
    """
    tok, hops = verb, 0
    while tok is not None and hops < 4:
        for c in tok.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("who", "which", "that"):
                return c
            if c.dep_ == "agent":  # "was confirmed by the ministry"
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
        if tok.dep_ in ("advcl", "conj", "xcomp") and tok.head is not tok:
            tok, hops = tok.head, hops + 1
            continue
        if tok.dep_ in ("acl", "relcl") and tok.head is not tok:
            return None  # a participle on a noun ("a video denying …") has no speaker of its own
        return None
    return None


def own_subject(verb: Any) -> Any | None:
    return next((c for c in verb.children if c.dep_ in SUBJECTS), None)


def negated(tok: Any) -> bool:
    """A "not"/"never" on the word, but not "not only/just/merely" (which adds, not denies)."""
    for c in tok.children:
        if c.dep_ == "neg":
            nxt = tok.doc[c.i + 1] if c.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.lower_ in ("only", "just", "merely", "simply", "least"):
                continue
            return True
    return False


def modal(tok: Any) -> bool:
    """A future or modal auxiliary: "will not expel", "won't be used", "cannot confirm"."""
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children)


def content_roots(parsed: Any, start: int, end: int) -> list[Any]:
    """Head tokens of the first sentence inside [start, end) (with their conjoined clauses)."""
    toks = [t for t in parsed if start <= t.idx < end]
    if not toks:
        return []
    first_sent = toks[0].sent
    inside = [t for t in toks if t.sent is first_sent] or toks
    ids = {t.i for t in inside}
    roots = [t for t in inside if t.head.i not in ids or t.head is t]
    out = []
    for r in roots:
        out.append(r)
        out.extend(c for c in r.children if c.dep_ == "conj" and c.i in ids and c.pos_ in ("VERB", "AUX"))
    return out


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def frequent(items: Iterable[str]) -> str | None:
    counts = Counter(items)
    return counts.most_common(1)[0][0] if counts else None
