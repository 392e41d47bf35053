"""Publication stamps: the lines news pages use to say when an article came out.

"Published January 13, 2022", "Updated 08 January 2023", a bare "November 8, 2025" line,
"Tuesday 18 January 2022, by somebody". Both the splitter (a stamp after a finished story
starts the next story) and the metadata stage (the stamp is the publication date) need them.
Only absolute dates are read here; relative expressions belong to the date normaliser.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
DATE = (
    rf"(?:{_WEEKDAY}?(?:{_MONTH}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH.replace('mon>', 'mon2>')},?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})))"
)
_KEYWORD = r"(?P<kw>published|updated|last\s+updated|first\s+published|posted|modified)(?:\s+on)?\s*:?\s*"
# a byline or clock time before the date on a wire stamp: "Web Desk 09:34 AM | 4 Mar, 2023"
_LEAD = r"(?:[^|\n\d]{0,30}\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?\s*\|\s*)?"
STAMP = re.compile(rf"^{_LEAD}(?:{_KEYWORD})?(?P<date>{DATE})(?P<rest>[^\n]{{0,80}})$", re.I)
_TIME_OR_BY = re.compile(r"^\s*(?:[,|–—-]\s*)?(?:(?:at\s+)?\d{1,2}[:.]\d{2}.*|by\s+\S.*|"
                         r"(?:published|updated|last\s+updated).*|\(?[A-Z]{2,5}\)?|)$", re.I)


@dataclass(frozen=True)
class Stamp:
    kind: str  # "published", "updated" or "date" (a bare date line)
    value: str  # ISO "YYYY-MM-DD"
    start: int  # span of the date expression within the paragraph
    end: int
    updated: str | None = None  # a second, "Updated …" date on the same line
    updated_span: tuple[int, int] | None = None  # its span within the paragraph
    by: str | None = None  # "…, by somebody" on the same line


def iso(match: re.Match[str]) -> str | None:
    """An ISO day from a DATE match, or None for an impossible date (31 February)."""
    g = match.groupdict()
    if g.get("y3"):
        y, m, d = int(g["y3"]), int(g["m3"]), int(g["d3"])
    else:
        mon = (g.get("mon") or g.get("mon2") or "").lower().rstrip(".")
        y, m, d = int(g.get("y1") or g.get("y2")), MONTHS[mon], int(g.get("d1") or g.get("d2"))
    if not 1800 < y < 2200:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:  # month 13, 31 February, 29 February of a common year
        return None


def parse_stamp(paragraph: str) -> Stamp | None:
    """A one-line paragraph that is a publication stamp, or None."""
    if "\n" in paragraph or len(paragraph) > 120:
        return None
    m = STAMP.match(paragraph.strip())
    if not m or not _TIME_OR_BY.match(m.group("rest")):
        return None
    value = iso(m)
    if value is None:
        return None
    kw = (m.group("kw") or "").lower()
    kind = "updated" if "updated" in kw or "modified" in kw else "published" if kw else "date"
    rest = m.group("rest")
    offset = len(paragraph) - len(paragraph.lstrip())
    updated, updated_span = None, None
    later = re.search(rf"updated\s*:?\s*({DATE})", rest, re.I)
    if later:
        updated = iso(re.match(DATE, later.group(1), re.I))
        if updated:
            base = m.start("rest") + offset
            updated_span = (base + later.start(1), base + later.end(1))
    by = re.search(r"\bby\s+(\S.*)$", rest, re.I)
    return Stamp(kind, value, m.start("date") + offset, m.end("date") + offset, updated=updated,
                 updated_span=updated_span, by=by.group(1).strip() if by else None)


def parse_iso_like(value: str) -> str | None:
    """Normalise a date given in metadata ("2023-03-04T10:00:00Z", "March 4, 2023") to ISO."""
    value = value.strip()
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$", value)
    if m:
        y, mo, d = m.groups()
        try:  # "2023-13-01" and "2023-02-30" are no dates
            date(int(y), int(mo or 1), int(d or 1))
        except ValueError:
            return None
        return "-".join(g for g in m.groups() if g)
    m = re.match(DATE, value, re.I)
    return iso(m) if m else None
