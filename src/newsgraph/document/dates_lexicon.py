"""Word lists for the date normaliser, read lazily from ``newsgraph/data/dates/``.

The lists live in data files (each opening with a comment that says where it came from) so that
a reviewer can check or extend them without reading regular expressions. Every loader is
cached: the files are read once per process, on first use, never at import.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of ``data/dates/<name>``, lower-cased and stripped."""
    path = resources.files("newsgraph") / "data" / "dates" / name
    out: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line.lower())
    return out


def _numbered(name: str) -> dict[str, int]:
    """``N form form …`` lines as {form: N}."""
    table: dict[str, int] = {}
    for line in _lines(name):
        number, *forms = line.split()
        for form in forms:
            table[form] = int(number)
    return table


@lru_cache(maxsize=1)
def months() -> dict[str, int]:
    """Month name or abbreviation → month number (1–12)."""
    return _numbered("months.txt")


@lru_cache(maxsize=1)
def weekdays() -> dict[str, int]:
    """Weekday name or abbreviation → ISO weekday (1 = Monday)."""
    return _numbered("weekdays.txt")


@lru_cache(maxsize=None)
def full_names(name: str) -> frozenset[str]:
    """The first form on each line of a numbered list (the unabbreviated name)."""
    return frozenset(line.split()[1] for line in _lines(name))


def _pairs(name: str) -> dict[str, str]:
    """``form value`` lines (split on the last whitespace) as {form: value}."""
    table: dict[str, str] = {}
    for line in _lines(name):
        form, value = line.rsplit(None, 1)
        table[form] = value
    return table


@lru_cache(maxsize=1)
def cardinals() -> dict[str, int]:
    """Number words zero…ninety, plus the compounds twenty-one…ninety-nine."""
    base = {k: int(v) for k, v in _pairs("cardinals.txt").items()}
    table = dict(base)
    units = {k: v for k, v in base.items() if 1 <= v <= 9}
    for tens, tv in base.items():
        if tv >= 20 and tv % 10 == 0:
            for unit, uv in units.items():
                table[f"{tens}-{unit}"] = tv + uv
                table[f"{tens} {unit}"] = tv + uv
    return table


@lru_cache(maxsize=1)
def ordinals() -> dict[str, int]:
    """Ordinal words first…thirty-first (compounds built from the cardinal tens)."""
    base = {k: int(v) for k, v in _pairs("ordinals.txt").items()}
    table = dict(base)
    for tens in ("twenty", "thirty"):
        tv = cardinals()[tens]
        for word, value in base.items():
            if 1 <= value <= 9 and tv + value <= 31:
                table[f"{tens}-{word}"] = tv + value
                table[f"{tens} {word}"] = tv + value
    return table


@lru_cache(maxsize=1)
def units() -> dict[str, str]:
    """Unit word (singular or plural) → canonical unit: day, week, fortnight, month, year, decade."""
    return _pairs("units.txt")


@lru_cache(maxsize=1)
def seasons() -> dict[str, int]:
    """Season word → first month (northern meteorological seasons)."""
    return {k: int(v) for k, v in _pairs("seasons.txt").items()}


@lru_cache(maxsize=1)
def holidays() -> dict[str, tuple[int, ...]]:
    """Holiday name → (month, day) for fixed dates or (month, iso_weekday, n) for nth-weekday rules."""
    table: dict[str, tuple[int, ...]] = {}
    for line in _lines("holidays.txt"):
        name, rule = line.split("\t")
        parts = rule.replace("-", " ").split()
        table[name.strip()] = tuple(int(p) for p in parts)
    return table


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    """A one-entry-per-line list (parts of day, vague references, number guards) as a set."""
    return frozenset(_lines(name))


def alternation(forms: Iterable[str], dotted: frozenset[str] = frozenset()) -> str:
    """A regex alternation of the given words, longest first so that "sept" wins over "sep".

    Spaces become ``\\s+`` and hyphens ``[-\\s]?`` so that line breaks and "twenty one" match.
    Forms listed in ``dotted`` may carry a full stop ("Jan.", "Sept.").
    """
    parts = []
    for form in sorted(set(forms), key=lambda f: (-len(f), f)):
        piece = re.escape(form).replace(r"\ ", r"\s+").replace(r"\-", r"[-\s]?")
        if form in dotted:
            piece += r"\.?"
        parts.append(piece)
    return "(?:" + "|".join(parts) + ")"
