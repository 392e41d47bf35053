"""Reading helpers for the claim stage: quotations, sentences, mentions by token, parse walks.

The parse is duck-typed (``token.dep_``, ``.head``, ``.children``, ``.lemma_``, ``.idx``): this
module never imports spaCy. Everything the rules in ``claims*.py`` ask of one article is computed
once into a ``Context``.
"""
from __future__ import annotations

import bisect
import re
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
    types: dict[str, str]  # mention id → type of its local entity (NER labels one name two ways)
    entity_of: dict[str, str]  # mention id → local entity id
    main_person: frozenset[str]  # mention ids of the article's most-mentioned person
    tok_starts: list[int]

    def sentence_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    def mention(self, tok: Any) -> Mention | None:
        return self.by_token[tok.i]

    def tokens_in(self, start: int, end: int) -> list[Any]:
        """Tokens starting inside [start, end)."""
        a = bisect.bisect_left(self.tok_starts, start)
        b = bisect.bisect_left(self.tok_starts, end)
        return [self.parsed[i] for i in range(a, b)]

    def line_of(self, char: int) -> tuple[int, int]:
        """The line (paragraph) holding ``char``: content never runs past it unless quoted."""
        a = self.text.rfind("\n", 0, char) + 1
        b = self.text.find("\n", char)
        return a, (len(self.text) if b < 0 else b)

    def by_token_id(self, m: Mention) -> int:
        """Index of the first token of a mention (-1 when none starts inside it)."""
        k = bisect.bisect_left(self.tok_starts, m.start)
        return k if k < len(self.tok_starts) and self.tok_starts[k] < m.end else -1

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def quote_at(self, start: int, end: int) -> Quote | None:
        """The statement quotation overlapping [start, end), if any."""
        for q in self.quotes:
            if q.start < end and start < q.end:
                return q
        return None


def context(doc_id: str, text: str, parsed: Any, mentions: Sequence[Mention],
            local: Sequence[clusters.LocalEntity] | None = None) -> Context:
    """Everything the claim rules ask of one article; ``local`` saves clustering the mentions again."""
    ms = tuple(sorted(mentions, key=lambda m: (m.start, -m.end)))
    bounds = [(s.start_char, s.end_char) for s in parsed.sents]
    starts = [t.idx for t in parsed]
    types, entity_of, main = _people(clusters.cluster(doc_id, ms) if local is None else local)
    return Context(doc_id, text, parsed, ms, _token_mentions(parsed, starts, ms), find_quotes(text), bounds,
                   [b[0] for b in bounds], types, entity_of, main, starts)


def _token_mentions(parsed: Any, starts: Sequence[int], ms: Sequence[Mention]) -> list[Mention | None]:
    """The mention each token starts inside (the longest when two overlap)."""
    out: list[Mention | None] = [None] * len(starts)
    for m in sorted(ms, key=lambda m: m.end - m.start):  # longer mentions written last win
        a = bisect.bisect_left(starts, m.start)
        b = bisect.bisect_left(starts, m.end)
        for i in range(a, b):
            out[i] = m
    return out


def _people(local: Sequence[clusters.LocalEntity]) -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """Type and local entity of each mention, and the mentions of the article's most-mentioned person."""
    types: dict[str, str] = {}
    entity_of: dict[str, str] = {}
    best: tuple[int, int] | None = None
    main: frozenset[str] = frozenset()
    for ent in local:
        for mid in ent.mentions:
            types[mid] = ent.type
            entity_of[mid] = ent.id
        if ent.type != "PERSON":
            continue
        first = min(s for s, _ in ent.spans) if ent.spans else 0
        key = (len(ent.mentions), -first)
        if len(ent.mentions) >= 2 and (best is None or key > best):
            best, main = key, frozenset(ent.mentions)
    return types, entity_of, main


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


def subject(verb: Any, text: str) -> Any | None:
    """The subject of a verb, or of the clause it hangs from (participles, conjuncts, xcomp).

    "X confirmed the death, saying …" gives "saying" X; "X denied A and said B" gives "said" X. A
    dateline the parser took for a subject ("KABUL — The Taliban said") is passed over, and so is a
    subject on another line (a headline glued to the lead); a passive
    verb's subject is the hearer ("he was told"), so only its "by" agent speaks.
    """
    tok, hops, conj = verb, 0, False
    while tok is not None and hops < 4:
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        found = []
        for c in tok.children:
            if c.lower_ in ("who", "which", "that"):
                if c.dep_ == "nsubj" and tok.dep_ == "relcl" and hops == 0:
                    return tok.head  # "a spokesman, who said …": the noun the clause hangs on
                continue
            if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and (not passive or (hops > 0 and tok.lemma_ == "quote"))):
                found.append(c)
            elif c.dep_ == "agent":  # "was confirmed by the ministry"
                found.extend(g for g in c.children if g.dep_ == "pobj")
        found = [c for c in found if not _dateline_word(c)]
        same_line = [c for c in found if "\n" not in text[min(c.idx, tok.idx):max(c.idx, tok.idx)]]
        if same_line or found:
            return (same_line or found)[0]
        climb = tok.dep_ in ("advcl", "conj", "xcomp") or (tok.dep_ == "ccomp" and conj)
        if climb and tok.head.i != tok.i:
            conj = tok.dep_ == "conj"  # "said the soil won't be used and also rejected …" (mis-hung conjunct)
            tok, hops = tok.head, hops + 1
            continue
        return None  # a participle on a noun ("a video denying …") has no speaker of its own
    return None


def _dateline_word(tok: Any) -> bool:
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.text.isupper() and len(tok.text) > 3 and nxt is not None and nxt.text in ("—", "–", "-", ":")


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


def content_roots(ctx: Context, start: int, end: int) -> list[Any]:
    """Head tokens of the first sentence inside [start, end). Conjoined clauses are left out: in "he
    was open to talks but had not been approached" the statement is the first clause."""
    toks = ctx.tokens_in(start, end)
    if not toks:
        return []
    sent_end = ctx.sent_bounds[ctx.sentence_of(toks[0].idx)][1]
    inside = [t for t in toks if t.idx < sent_end] or toks
    ids = {t.i for t in inside}
    return [t for t in inside if t.head.i not in ids or t.head.i == t.i]


def count_words(text: str) -> int:
    return len(_WORD.findall(text))
