"""The two lexicons of the claim stage, loaded lazily (once per process) from ``data/lexicons``.

``attribution_cues.tsv`` says which words introduce a statement and with which default stance;
``denial_forms.txt`` lists the wordings that turn a statement into a denial. Both are data so a
user can add a cue or a denial idiom without touching the rules in ``claims*.py``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

STANCES = ("asserts", "confirms", "denies")
KINDS = ("verb", "noun", "channel", "according", "source")


@dataclass(frozen=True)
class Cue:
    word: str  # lemma ("say") or phrase ("according to")
    stance: str
    kind: str
    flags: frozenset[str]

    @property
    def takes_object(self) -> bool:
        return "object" in self.flags

    @property
    def listener(self) -> bool:
        return "listener" in self.flags

    @property
    def intransitive(self) -> bool:
        return "intransitive" in self.flags

    @property
    def preps(self) -> frozenset[str]:
        return self.flags & {"at", "of", "about", "on", "from"}


@dataclass(frozen=True)
class DenialLexicon:
    forms: re.Pattern[str] | None
    refute: frozenset[str]
    claim_nouns: frozenset[str]
    noncommit: frozenset[str]
    opinion: frozenset[str]  # verbs whose negation is an opinion, not a denial ("does not bode well")
    factual: frozenset[str]  # adjectives whose negation is a denial ("not true", "not involved")


def _rows(name: str) -> list[list[str]]:
    text = (resources.files("newsgraph") / "data" / "lexicons" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def cues() -> dict[tuple[str, str], Cue]:
    """(kind, word) → Cue. A word may be a cue of two kinds ("statement": noun and channel)."""
    out: dict[tuple[str, str], Cue] = {}
    for cols in _rows("attribution_cues.tsv"):
        cols = [c.strip() for c in cols] + ["", "", ""]
        word, stance, kind, flags = cols[0].lower(), cols[1], cols[2], cols[3]
        if kind not in KINDS or (stance not in STANCES and not (kind == "source" and stance == "-")):
            raise ValueError(f"attribution_cues.tsv: bad row {cols[:4]!r}")
        out[(kind, word)] = Cue(word, stance, kind, frozenset(f.strip() for f in flags.split(",") if f.strip()))
    return out


def cue(kind: str, word: str) -> Cue | None:
    return cues().get((kind, word.lower()))


def source_kind(lemma: str) -> str | None:
    """What a source noun names: "person", "group", "document", or None when it is no source noun."""
    found = cues().get(("source", lemma.lower()))
    if found is None:
        return None
    return next(iter(found.flags & {"person", "group", "document"}), None)


def rank_noun(lemma: str) -> bool:
    """A source noun naming a rank in a group ("commander", "member"): may stand for a named person."""
    found = cues().get(("source", lemma.lower()))
    return found is not None and "role" in found.flags


def _pattern(phrase: str) -> str:
    """A denial pattern ("no such * has|had taken place") as a regular expression."""
    parts = []
    for word in phrase.split():
        if word == "*":
            parts.append(r"(?:\S+\s+){0,3}?")
        else:
            choice = "|".join(re.escape(w) for w in word.split("|"))
            parts.append(rf"(?:{choice})\s+")
    return r"\b" + "".join(parts)[:-3] + r"\b"  # drop the last "\s+"


@lru_cache(maxsize=1)
def denials() -> DenialLexicon:
    forms: list[str] = []
    words: dict[str, set[str]] = {k: set() for k in ("refute", "claim_noun", "noncommit", "opinion", "factual")}
    for cols in _rows("denial_forms.txt"):
        phrase, kind = cols[0].strip().lower(), (cols[1].strip() if len(cols) > 1 else "form")
        if kind == "form":
            forms.append(_pattern(phrase))
        elif kind in words:
            words[kind].add(phrase)
        else:
            raise ValueError(f"denial_forms.txt: unknown kind {kind!r}")
    compiled = re.compile("|".join(forms)) if forms else None
    return DenialLexicon(compiled, *(frozenset(words[k]) for k in ("refute", "claim_noun", "noncommit",
                                                                    "opinion", "factual")))


def normalise(text: str) -> str:
    """Lower case, curly apostrophes straightened, runs of space and punctuation made one space."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    return re.sub(r"[^\w']+", " ", text).strip() + " "


def denial_form(text: str) -> str | None:
    """The first denial wording in ``text`` ("nothing like that happened"), or None."""
    pattern = denials().forms
    if pattern is None:
        return None
    found = pattern.search(normalise(text))
    return found.group(0).strip() if found else None
