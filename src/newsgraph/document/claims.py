"""Claims in one document: who said what, with which stance, about whom, tied to its sentence.

Where a statement is found (each gives a cue, a speaker expression and the statement's span):
  verb       a reporting verb of ``attribution_cues.tsv`` with a subject (its own, or the clause's
             for "…, saying" / "and said"): the that-clause or quote it governs ("X said (that) …",
             "“…,” X said", "says X", "…, officials said, …"), its object for confirm/deny verbs
             ("confirmed Zaman's killing", "denied involvement"), or a quotation right before or
             after it ("“…” he added", "He said: “…”", the quote opening the next paragraph).
  according  "according to X": the clause it hangs from.
  channel    "X, in a statement, named …": a verb that is no cue becomes one when it is said "in a
             statement" / "in a video message" (not light verbs: "appeared in a video" says nothing).
  noun       "X's claim that …", "the claim by X of being …": a statement noun with its author.
  continued  a quotation with no attribution of its own continues the claim before it ("“A,” he
             said. “B.”", "“A,” he said, “B.”", "X said A.\n\n“B.”"): one claim, B in ``continued``.
Nothing is a claim without a speaker or a statement: "the said agreement" (an adjective), "all
told" (no subject), "reportedly" (an adverb), "he was told to leave" (a passive's subject is the
hearer), "no group has claimed it", "declined to confirm", "the blast claimed 20 lives" (a blast is
no source). A headline claim the body states again is dropped (the body sentence is the evidence).
Speakers are resolved in ``claims_speaker``, stance and topics in ``claims_stance``.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgraph.document import claims_lexicon as lex
from newsgraph.document import claims_parse as cp
from newsgraph.document import claims_speaker as spk
from newsgraph.document import claims_stance as st
from newsgraph.document.claims_speaker import Speaker
from newsgraph.document.clusters import LocalEntity
from newsgraph.document.split import is_headline
from newsgraph.records import Document, Evidence, Mention

__all__ = ["ClaimMention", "Speaker", "extract_claims"]

_CUE_DEPS = frozenset({"ROOT", "ccomp", "conj", "advcl", "xcomp", "parataxis", "relcl", "acl", "pcomp"})
_LIGHT_VERBS = frozenset({"give", "make", "issue", "release", "post", "share", "appear", "publish", "send",
                          "deliver", "offer", "have", "take", "be", "do", "show", "upload", "air"})
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(?:,[^—–\n]{0,30})?\s*[—–:-]+\s*")
_THAT = re.compile(r"that\s+(?=\S)")
_GAP_WORDS = frozenset({"that", ":", ",", "“", "\"", "—", "–", "-", "‘"})


@dataclass(frozen=True)
class ClaimMention:
    """One attributed statement in one document, before linking to entities and events."""

    id: str  # "cm_" + sha1(doc:cue_start)[:16]
    doc: str
    speaker: Speaker
    cue: str
    cue_start: int
    cue_end: int
    stance: str  # asserts | confirms | denies
    content_start: int
    content_end: int  # the reported statement (quote or that-clause), spans in Document.text
    evidence: Evidence  # the sentence (or quote + attribution) stating it
    about: tuple[str, ...]  # Mention ids inside the content, or the object of confirmed/denied
    negated: bool  # the stance came from a negated or idiomatic form
    continued: tuple[tuple[int, int], ...] = ()  # later quotations of the same statement ("“A,” he said. “B.”")

    @property
    def text_spans(self) -> tuple[tuple[int, int], ...]:
        """Every piece of the statement: the content, then its continuations."""
        return ((self.content_start, self.content_end),) + self.continued


@dataclass
class _Raw:
    """A statement found, before its speaker, stance and topics are decided."""

    cue: lex.Cue
    cue_start: int
    cue_end: int
    head: Any  # head token of the speaker expression
    content: tuple[int, int]
    cue_tok: Any | None = None  # the verb, for negation; None for phrase cues
    quote: cp.Quote | None = None  # the quotation that is the content, if any
    listener: tuple[int, int] | None = None  # "told VOA": kept out of the fallback topics
    more: list[tuple[int, int]] = field(default_factory=list)  # quotations continuing the statement

    @property
    def pieces(self) -> list[tuple[int, int]]:
        return [self.content] + self.more

    @property
    def span(self) -> tuple[int, int]:
        return self.content[0], max(e for _, e in self.pieces)


def claim_id(doc_id: str, cue_start: int) -> str:
    return "cm_" + hashlib.sha1(f"{doc_id}:{cue_start}".encode()).hexdigest()[:16]


def extract_claims(doc: Document, parsed: Any, mentions: Sequence[Mention],
                   local: Sequence[LocalEntity] | None = None) -> list[ClaimMention]:
    """Every attributed statement of ``doc`` as a ClaimMention, in text order.

    ``local`` (the article's clusters, if the caller has them) only saves clustering again: the
    clusters give each mention its entity type and find the article's main person.
    """
    ctx = cp.context(doc.id, doc.text, parsed, mentions, local)
    found = _candidates(ctx)
    raws = (_verb_claims(ctx, found["verb"]) + _according_claims(ctx, found["according"])
            + _channel_claims(ctx, found["channel"]) + _noun_claims(ctx, found["noun"]))
    raws.sort(key=lambda r: r.cue_start)
    raws = _attach_orphan_quotes(ctx, raws)
    return _finish(ctx, raws)


# ----------------------------------------------------------------------------- finding cues

def _candidates(ctx: cp.Context) -> dict[str, list[Any]]:
    """One pass over the tokens: which may be a cue of which kind (the rules then look closer)."""
    table = lex.cues()
    out: dict[str, list[Any]] = {"verb": [], "according": [], "channel": [], "noun": []}
    for tok in ctx.parsed:
        low = tok.lower_
        if low == "according":
            out["according"].append(tok)
        elif low in ("in", "through", "via"):
            out["channel"].append(tok)
        else:
            lemma = tok.lemma_.lower()
            if ("verb", lemma) in table:
                out["verb"].append(tok)
            if ("noun", lemma) in table:
                out["noun"].append(tok)
    return out


def _verb_claims(ctx: cp.Context, toks: Sequence[Any]) -> list[_Raw]:
    out, used = [], set()
    for tok in toks:
        cue = lex.cue("verb", tok.lemma_)
        if cue is None or tok.pos_ not in ("VERB", "AUX") or tok.dep_ not in _CUE_DEPS:
            continue
        if tok.tag_ in ("JJ", "VBN") and tok.dep_ in ("amod", "acl") or _no_one(tok):
            continue
        head = cp.subject(tok, ctx.text)
        if head is None and tok.dep_ == "acl" and lex.cue("channel", tok.head.lemma_) is not None:
            head = cp.subject(tok.head.head, ctx.text)  # "the group issued a message denying …"
        if head is None or _refused(tok) or head.lower_ in spk.FIRST_PERSON:
            continue  # "I do not confirm …" inside a quotation is the quoted speaker's own words
        raw = _verb_content(ctx, tok, cue, head, used)
        if raw is not None:
            out.append(raw)
            if raw.quote is not None:
                used.add(raw.quote.start)
    return out


def _refused(tok: Any) -> bool:
    """"declined to confirm", "refused to comment": a statement withheld is no statement."""
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in lex.denials().noncommit


def _no_one(tok: Any) -> bool:
    """"No group has claimed responsibility", "nobody said": a statement nobody made."""
    subj = cp.own_subject(tok)
    if subj is None:
        return False
    return subj.lower_ in ("nobody", "none", "noone", "nothing") or any(
        c.dep_ == "det" and c.lower_ == "no" for c in subj.children)


def _verb_content(ctx: cp.Context, tok: Any, cue: lex.Cue, head: Any, used: set[int]) -> _Raw | None:
    """The statement a reporting verb governs: clause, object, prepositional object or quote."""
    found = _content_parts(ctx, tok, cue)
    if found is None:
        return None
    parts, listener = found
    if tok.dep_ == "parataxis" and not parts and _inserted(tok, head):  # "He had close ties, officials said, …"
        parts, skip = [tok.head], [tok, head]
    else:
        skip = [c for c in tok.children if c.dep_ == "advcl" and lex.cue("verb", c.lemma_)]
    if parts:
        spans = [cp.subtree_span(p, skip) for p in parts]
        start, end = _clip(ctx, tok.idx, min(s for s, _ in spans), max(e for _, e in spans))
        quote = ctx.quote_at(start, end)
        if quote is not None and (quote.start in used or quote.start < tok.idx < quote.end):
            quote = None  # taken, or the verb is inside it: a clause of the quotation, not all of it
        if quote is not None:  # the clause lies in a quotation: the statement is the whole quotation
            start, end = min(start, quote.inner_start), max(end, quote.inner_end)
            if quote.start <= start and end <= quote.end:
                start, end = quote.inner_start, quote.inner_end
    else:
        quote = _adjacent_quote(ctx, tok, used)
        if quote is None:
            return None
        start, end = quote.inner_start, quote.inner_end
    if end <= start:
        return None
    return _Raw(cue, tok.idx, tok.idx + len(tok.text), head, (start, end), tok, quote, listener)


def _content_parts(ctx: cp.Context, tok: Any, cue: lex.Cue) -> tuple[list[Any], tuple[int, int] | None] | None:
    """The tokens whose subtrees hold the statement, and the hearer's span; None: no speech at all.

    Of clauses on both sides the one after the verb wins ("A says X; B say Y": B said Y), except for a
    quotation split by its attribution ("“A,” he said, “B.”"): A is the statement, B continues it.
    """
    infinitive = tok.lemma_ not in ("say", "tell")  # "vowed to avenge", never "said to be"
    clauses = [c for c in tok.children if c.dep_ == "ccomp" or (
        c.dep_ == "xcomp" and infinitive and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))]
    right = [c for c in clauses if c.i > tok.i]
    left = [c for c in clauses if c.i < tok.i and _leads_to(c)]
    quoted = left and right and ctx.quote_at(*cp.subtree_span(left[0])) and ctx.quote_at(*cp.subtree_span(right[0]))
    parts = left if quoted else (right or left)
    listener = None
    for c in tok.children:
        if c.dep_ in ("dobj", "dative") and cue.listener:
            listener = cp.subtree_span(c)
            if not clauses:  # "assured the elders that …" (the clause hung on the hearer)
                parts.extend(cl for cl in c.children if cl.dep_ in ("relcl", "acl", "ccomp") and _has_that(cl))
        elif c.dep_ == "dobj" and cue.takes_object:
            relative = c.lower_ in ("which", "that", "who", "whom") and tok.dep_ == "relcl"
            parts.append(tok.head if relative else c)  # "the war, which he described as …": the war
        elif c.dep_ == "dobj" and cue.intransitive:
            return None  # "added him to its list": not speech
        elif c.dep_ == "prep" and c.lower_ in cue.preps:
            parts.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
        elif c.dep_ == "prep" and c.lower_ == "as" and cue.takes_object and parts:
            parts.append(c)  # "described him as …", "identified the man as X"
        elif c.dep_ == "prep" and not clauses:  # "said in a statement that …" (the clause hung on the noun)
            parts.extend(_that_clauses(c))
        elif c.dep_ == "advcl" and c.tag_ == "VBG" and lex.cue("verb", c.lemma_) is None and cue.takes_object:
            parts.append(c)  # "confirmed these findings, identifying X as …"
    return parts, listener


def _leads_to(clause: Any) -> bool:
    """A clause before its attribution ends in a comma or a closing quote ("…, officials said"), not in
    a semicolon or colon, which close a statement of the writer's own."""
    last = clause.right_edge
    nxt = clause.doc[last.i + 1] if last.i + 1 < len(clause.doc) else None
    return not (last.text in (";", ":") or (nxt is not None and nxt.text in (";", ":")))


def _has_that(clause: Any) -> bool:
    return any(g.dep_ == "mark" and g.lower_ == "that" for g in clause.children)


def _that_clauses(prep: Any) -> list[Any]:
    return [cl for obj in prep.children if obj.dep_ == "pobj" for cl in obj.children
            if cl.dep_ in ("acl", "ccomp", "relcl") and _has_that(cl)]


def _inserted(tok: Any, head: Any) -> bool:
    """An attribution set off by commas or closing the sentence: "…, officials said, …"."""
    doc = tok.doc
    first = min(tok.i, *(t.i for t in head.subtree))
    last = max(tok.i, *(t.i for t in head.subtree))
    before = doc[first - 1] if first > 0 else None
    after = doc[last + 1] if last + 1 < len(doc) else None
    return (before is not None and before.text in (",", "—", "–")) and (after is None or after.is_punct)


def _clip(ctx: cp.Context, at: int, start: int, end: int, keep_stop: bool = False) -> tuple[int, int]:
    """Keep a statement inside the cue's paragraph (the parser glues headlines to the lead), without
    a dateline or the "that" that opens it."""
    a, b = ctx.line_of(at)
    start, end = max(start, a), min(end, b)
    if start == a and (dateline := _DATELINE.match(ctx.text[start:end])):
        start += dateline.end()  # "MOGADISHU — At least 100 …": the place line is no part of it
    if not keep_stop and (lead := _THAT.match(ctx.text[start:end])):
        start += lead.end()
    text = ctx.text[start:end]
    tail = text.rstrip() if keep_stop else text.rstrip().rstrip(".,;:").rstrip()
    return start + len(text) - len(text.lstrip()), start + len(tail)


def _adjacent_quote(ctx: cp.Context, tok: Any, used: set[int]) -> cp.Quote | None:
    """The quotation a bare attribution belongs to: "“…,” the official said", "“…” He added.",
    "He said: “…”" (the quote may open the next paragraph after a colon)."""
    left, last = tok.left_edge, tok.right_edge
    right = last.idx + len(last.text)
    for q in ctx.quotes:
        if q.start in used:
            continue
        if tok.idx < q.start < right:  # "said on Friday, “…”": inside the clause, after the verb
            return q
        if q.end <= left.idx and _gap_ok(ctx.text[q.end:left.idx]):
            return q
        if q.start >= right and _gap_ok(ctx.text[right:q.start], allow_words=2):
            return q
    return None


def _gap_ok(gap: str, allow_words: int = 0) -> bool:
    """Only punctuation (and at most a few words) between a quotation and its attribution; a blank
    line only after a colon ("He said:" closing one paragraph, the quote opening the next)."""
    rest = gap
    for w in _GAP_WORDS:
        rest = rest.replace(w, " ")
    return cp.count_words(rest) <= allow_words and ("\n\n" not in gap.strip() or gap.strip().startswith(":"))


def _according_claims(ctx: cp.Context, toks: Sequence[Any]) -> list[_Raw]:
    """"According to X, …" / "…, according to X": the clause the phrase hangs from."""
    cue = lex.cue("according", "according to")
    out = []
    if cue is None:
        return out
    for tok in toks:
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if obj is None or tok.head.i == tok.i:
            continue
        clause = tok.head
        start, end = cp.subtree_span(clause, [tok])
        if clause.pos_ not in ("VERB", "AUX"):  # "…, according to X" hung on a noun: the sentence
            start, end = ctx.sent_bounds[ctx.sentence_of(tok.idx)]
            start, end = _minus(start, end, cp.subtree_span(tok))
        start, end = _clip(ctx, tok.idx, start, end)
        if end <= start:
            continue
        out.append(_Raw(cue, tok.idx, to.idx + len(to.text), obj, (start, end)))
    return out


def _minus(start: int, end: int, cut: tuple[int, int]) -> tuple[int, int]:
    """[start, end) without the piece ``cut`` when it sits at one edge."""
    a, b = cut
    if a - start <= end - b:
        return max(start, b), end
    return start, min(end, a)


def _channel_claims(ctx: cp.Context, toks: Sequence[Any]) -> list[_Raw]:
    """"X, in a statement, identified …": the verb said in a statement or video becomes the cue."""
    out = []
    for tok in toks:
        if tok.dep_ != "prep":
            continue
        obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        cue = lex.cue("channel", obj.lemma_) if obj is not None else None
        verb = tok.head
        if cue is None or verb.pos_ not in ("VERB", "AUX") or lex.cue("verb", verb.lemma_) is not None:
            continue
        if verb.lemma_.lower() in _LIGHT_VERBS:
            continue  # "gave an account in an interview", "appeared in a video": no statement given
        head = cp.subject(verb, ctx.text)
        if head is None or _no_one(verb) or not any(c.dep_ in ("dobj", "ccomp", "attr", "oprd") for c in verb.children):
            continue  # "appeared in a video" states nothing
        skip = [tok, head] + [c for c in verb.children if c.dep_ in ("advcl", "conj") and lex.cue("verb", c.lemma_)]
        start, end = _clip(ctx, tok.idx, *cp.subtree_span(verb, skip))
        out.append(_Raw(cue, tok.idx, obj.idx + len(obj.text), head, (start, end), verb))
    return out


def _noun_claims(ctx: cp.Context, toks: Sequence[Any]) -> list[_Raw]:
    """"X's claim that …", "the claim by X that …", "X's denial of …": statement nouns with authors."""
    out = []
    for tok in toks:
        cue = lex.cue("noun", tok.lemma_)
        if cue is None or tok.pos_ != "NOUN":
            continue
        author = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN", "PRON")), None)
        if author is None:
            by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            author = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        content = [c for c in tok.children if c.dep_ in ("acl", "ccomp") and any(
            g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
        content += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "about", "on")
                    for g in c.children if g.dep_ == "pcomp"]
        if author is None or not content:
            continue
        spans = [cp.subtree_span(c) for c in content]
        start, end = _clip(ctx, tok.idx, min(s for s, _ in spans), max(e for _, e in spans))
        if end > start:
            out.append(_Raw(cue, tok.idx, tok.idx + len(tok.text), author, (start, end)))
    return out


def _attach_orphan_quotes(ctx: cp.Context, raws: list[_Raw]) -> list[_Raw]:
    """A quotation no claim holds continues the claim right before it: a quoted claim ("“A,” he
    said. “B.”"), or any claim when the quotation opens the next paragraph ("X said A.\n\n“B.”")."""
    held = [p for r in raws for p in r.pieces]
    for q in ctx.quotes:
        if any(a < q.inner_end and q.inner_start < b for a, b in held):
            continue
        before = [r for r in raws if max(r.span[1], r.cue_end) <= q.start]
        if not before:
            continue
        prev = max(before, key=lambda r: max(r.span[1], r.cue_end))
        opens_line = ctx.line_of(q.start)[0] == q.start
        if prev.quote is None and not opens_line:
            continue
        end = max(prev.span[1], prev.cue_end, _sentence_end(ctx, prev.cue_start))
        end = min(max(end, prev.quote.end if prev.quote else end), q.start)
        if _gap_ok(ctx.text[end:q.start]) and ctx.text[end:q.start].count("\n") <= 2:
            prev.more.append((q.inner_start, q.inner_end))
            held.append((q.inner_start, q.inner_end))
    return raws


def _sentence_end(ctx: cp.Context, at: int) -> int:
    return ctx.sent_bounds[ctx.sentence_of(at)][1]


# ----------------------------------------------------------------------------- finishing

def _finish(ctx: cp.Context, raws: Sequence[_Raw]) -> list[ClaimMention]:
    """Resolve speakers in text order (pronouns need the speakers before them), then stance and topics."""
    earlier: list[spk.Said] = []
    topics: list[tuple[int, tuple[str, ...]]] = []  # (sentence, about) of the claims so far
    out, seen = [], set()
    for raw in raws:
        found = spk.resolve(ctx, raw.head, raw.cue_start, earlier)
        if found is None:
            continue
        speaker = found.speaker
        stance, neg = st.stance(ctx, raw.cue, raw.cue_tok, *raw.content)
        if stance is None:
            continue
        sent_no = ctx.sentence_of(raw.cue_start)
        sentence = _clip(ctx, raw.cue_start, *ctx.sent_bounds[sent_no], keep_stop=True)
        previous = next((a for s, a in reversed(topics) if sent_no - s <= 2 and a), ())
        topic = st.about(ctx, raw.pieces, raw.head, sentence, raw.listener, previous, speaker.mention)
        earlier.append(spk.Said(raw.cue_start, sent_no, speaker, found.base or speaker.kind, found.roles,
                                raw.cue.word, found.plural, found.noun, raw.head.lemma_.lower()))
        topics.append((sent_no, topic))
        start, end = raw.content
        key = (speaker.name.lower(), stance, lex.normalise(ctx.text[start:end]))
        if key in seen:  # the same headline twice, a summary bullet repeating the lead
            continue
        seen.add(key)
        out.append(ClaimMention(
            id=claim_id(ctx.doc_id, raw.cue_start), doc=ctx.doc_id, speaker=speaker,
            cue=ctx.text[raw.cue_start:raw.cue_end], cue_start=raw.cue_start, cue_end=raw.cue_end,
            stance=stance, content_start=start, content_end=end,
            evidence=_evidence(ctx, raw, sentence), about=topic, negated=neg, continued=tuple(raw.more)))
    return _drop_repeated_headlines(ctx, out)


def _drop_repeated_headlines(ctx: cp.Context, found: list[ClaimMention]) -> list[ClaimMention]:
    """A headline claim the body states again goes: the body sentence is the better evidence.

    "TTP confirms leader's death" over a lead saying "The TTP on Wednesday confirmed the death of …"
    is one claim. "The same" is the same polarity with a shared topic or speaker entity.
    """
    def line_is_headline(c: ClaimMention) -> bool:
        a, b = ctx.line_of(c.cue_start)
        return is_headline(ctx.text[a:b].strip())

    def entities(ids: Sequence[str | None]) -> set[str]:
        return {ctx.entity_of.get(i or "", i or "") for i in ids if i}

    body = [c for c in found if not line_is_headline(c)]
    out = []
    for c in found:
        if c in body:
            out.append(c)
            continue
        mine = entities(c.about) | entities([c.speaker.mention]) | {c.speaker.name.lower()}
        again = any((b.stance == "denies") == (c.stance == "denies") and mine & (
            entities(b.about) | entities([b.speaker.mention]) | {b.speaker.name.lower()}) for b in body)
        if not again:
            out.append(c)
    return out


def _evidence(ctx: cp.Context, raw: _Raw, sentence: tuple[int, int]) -> Evidence:
    """The cue's sentence, widened to the whole statement when a quotation runs past it."""
    start, end = min(sentence[0], raw.span[0]), max(sentence[1], raw.span[1])
    for piece in raw.pieces:
        q = ctx.quote_at(*piece)
        if q is not None:
            start, end = min(start, q.start), max(end, q.end)
    text = ctx.text[start:end]
    trimmed = text.strip()
    start += len(text) - len(text.lstrip())
    return Evidence(ctx.doc_id, start, start + len(trimmed), trimmed)
