"""Name keys shared by the gazetteer index and the queries.

A toponym in news text rarely matches the gazetteer's spelling byte for byte: GeoNames writes
"Bājaur Agency", "Kunaṟ" and "St. Louis", reporters write "Bajaur", "Kunar" and "Saint Louis",
headlines write "U.S." and "N.Y.". Both sides are reduced to the same *key* (no diacritics, no
case, no dots, one spelling for Saint/Mount/Fort) so that a dictionary lookup finds them.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# One spelling for the words that are written both in full and abbreviated.
_WORD_MAP = {
    "saint": "st", "st": "st", "ste": "ste", "sainte": "ste", "mount": "mt", "mt": "mt",
    "fort": "ft", "ft": "ft", "and": "and", "&": "and",
}
_MAPPED = frozenset(w for w, v in _WORD_MAP.items() if w != v)
_APOSTROPHES = "'’‘ʻʼ`´ʿʾ"
_DROP = str.maketrans("", "", _APOSTROPHES + ".")
_PUNCT = re.compile(r"[^\w]+")
# ASCII fast path: dots and apostrophes vanish, "&" becomes "and", other punctuation a space.
_ASCII = {i: " " for i in range(128) if not chr(i).isalnum() and chr(i) != "_"}
_ASCII.update({ord("."): None, ord("'"): None, ord("`"): None, ord("&"): " and "})

# Words that name the *kind* of an administrative unit rather than the unit ("Swat District").
ADMIN_SUFFIXES = (
    "county", "parish", "district", "province", "agency", "region", "governorate", "prefecture",
    "oblast", "state", "department", "municipality", "borough", "division", "tribal area",
    "tribal district", "frontier region", "protected area", "territory", "emirate", "city",
    "township", "town", "village", "valley", "area", "wilayat", "velayat", "krai", "kray",
    "respublika", "oblast", "avtonomnyy okrug", "autonomous region", "autonomous republic",
    "zizhiqu", "sheng", "shi", "ken", "voivodeship", "county borough", "metropolitan area",
)
ADMIN_PREFIXES = ("province of", "state of", "county of", "city of", "republic of", "district of",
                  "commonwealth of", "kingdom of")
# Unit words that lead local-language division names in GeoNames ("Kabupaten Karo", "Comuna
# Vaslui", "Shahrestān-e Tabas"); stripped from division names at index time only.
LOCAL_PREFIXES = (
    "municipio de", "municipio", "departamento de", "departamento", "provincia de", "provincia di",
    "provincia", "partido de", "partido", "distrito de", "distrito", "concelho de", "concelho",
    "comune di", "canton de", "district de", "arrondissement de", "municipality of", "comuna",
    "amphoe", "muang", "huyen", "thanh pho", "tinh", "kabupaten", "kota", "shahrestan e", "powiat",
    "gmina", "okres", "gemeente", "obshtina", "oras", "markaz", "landkreis", "kreis", "bezirk",
)


@lru_cache(maxsize=65_536)
def key(name: str) -> str:
    """The lookup key of a place name: folded, undotted, single-spaced, 'the' dropped."""
    return _key(name)


def _key(name: str) -> str:
    """``key`` without the cache, for bulk indexing of names seen once (fast path for ASCII)."""
    if name.isascii():
        words = name.lower().translate(_ASCII).split()
    else:
        s = unicodedata.normalize("NFKD", name)
        s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
        s = s.replace("&", " and ").translate(_DROP)
        words = _PUNCT.sub(" ", s).split()
    if not words:
        return ""
    if words[0] == "the" and len(words) > 1:
        words = words[1:]
    if len(words) > 1 and max(map(len, words)) == 1:  # "u s", "n y" from "U. S.", "N. Y."
        return "".join(words)
    if _MAPPED.isdisjoint(words):
        return " ".join(words)
    return " ".join(_WORD_MAP.get(w, w) for w in words)


def strip_admin_words(k: str) -> str | None:
    """The key without a trailing unit word ("swat district" -> "swat"), or None."""
    for suffix in ADMIN_SUFFIXES:
        if k.endswith(" " + suffix) and len(k) > len(suffix) + 2:
            return k[: -len(suffix) - 1]
    return None


def strip_admin_prefix(k: str, prefixes: tuple[str, ...] = ADMIN_PREFIXES) -> str | None:
    """The key without a leading "province of", "republic of"... ("republic of congo" -> "congo")."""
    for prefix in prefixes:
        if k.startswith(prefix + " ") and len(k) > len(prefix) + 2:
            return k[len(prefix) + 1:]
    return None


_COMPASS = ("north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
            "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
            "southeastern", "southwestern", "upper", "lower", "greater", "inner", "outer", "downtown",
            "metro", "rural", "coastal", "mid")


def strip_compass(k: str) -> str | None:
    """The key without leading direction words ("north dallas" -> "dallas"), or None.

    Tried only after the full name missed: "South Africa" and "North Waziristan" are names.
    """
    words = k.split()
    i = 0
    while i < len(words) - 1 and words[i] in _COMPASS:
        i += 1
    return " ".join(words[i:]) if i else None


def singular(k: str) -> str | None:
    """A plural demonym's singular ("palestinians" -> "palestinian"), tried only after a miss."""
    if len(k) > 4 and k.endswith("s") and not k.endswith("ss"):
        return k[:-1]
    return None


def is_latin(name: str) -> bool:
    """True when every letter is Latin script, so English text can contain the name."""
    if name.isascii():
        return True
    for c in name:
        if c.isalpha() and not unicodedata.name(c, "").startswith("LATIN"):
            return False
    return True
