"""Calendar arithmetic for the date normaliser, on prefix-precision ISO dates.

A value's length is its precision (``2021``, ``2021-02``, ``2021-02-16``). Every function here
refuses (returns None) rather than invent a finer precision than its inputs carry: "yesterday"
against a reference that only says ``2023-03`` has no answer, because the day is unknown.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

Value = tuple[str, str]  # (value, precision)

_REF = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True)
class Ref:
    """A reference point (publication date or an earlier mention) at year, month or day precision."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def as_date(self) -> date | None:
        return date(self.year, self.month, self.day) if self.day and self.month else None


def parse_ref(text: str | None) -> Ref | None:
    """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a time part after it is ignored); None if invalid."""
    if not text:
        return None
    m = _REF.match(text)
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if mo is None:
        return Ref(y)
    if not 1 <= int(mo) <= 12:
        return None
    if d is None:
        return Ref(y, int(mo))
    if not 1 <= int(d) <= calendar.monthrange(y, int(mo))[1]:
        return None
    return Ref(y, int(mo), int(d))


def ref_of(value: Value | None) -> Ref | None:
    """The Ref a resolved value stands for (used to anchor "a year later" on an earlier mention)."""
    return parse_ref(value[0]) if value else None


def ymd(year: int, month: int | None = None, day: int | None = None) -> Value | None:
    """Format a calendar value, checking that it exists (no 31 April, no year 0)."""
    if not 1 <= year <= 9999:
        return None
    if month is None:
        return f"{year:04d}", "year"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}", "day"


def of_date(d: date) -> Value | None:
    return ymd(d.year, d.month, d.day)


def coarsen(value: Value | None, precision: str) -> Value | None:
    """Cut a value down to a coarser precision ("2021-02-16" → "2021-02"); never refine it."""
    if value is None:
        return None
    size = {"year": 4, "month": 7, "day": 10}[precision]
    if len(value[0]) < size:
        return value
    return value[0][:size], precision


def shift_days(ref: Ref, n: int) -> Value | None:
    d = ref.as_date()
    if d is None:
        return None
    try:
        return of_date(d + timedelta(days=n))
    except OverflowError:
        return None


def shift_months(ref: Ref, n: int) -> Value | None:
    if ref.month is None:
        return None
    index = ref.year * 12 + ref.month - 1 + n
    return ymd(index // 12, index % 12 + 1)


def shift_years(ref: Ref, n: int) -> Value | None:
    return ymd(ref.year + n)


def shift(ref: Ref, unit: str, n: int) -> Value | None:
    """Move the reference by n units, at the precision the unit implies (weeks and days → day)."""
    if unit == "day":
        return shift_days(ref, n)
    if unit in ("week", "fortnight"):
        return shift_days(ref, n * (7 if unit == "week" else 14))
    if unit == "month":
        return shift_months(ref, n)
    if unit == "year":
        return shift_years(ref, n)
    return None  # decades and centuries have no calendar value of year precision


def weekday(ref: Ref, iso_weekday: int, direction: str) -> Value | None:
    """The given weekday relative to a day-precision reference.

    ``direction``: "on_or_before" (news convention for a bare "Sunday"), "before" ("last Sunday"),
    "after" ("next Sunday"), "on_or_after" (a bare weekday in a future-tense clause),
    "same_week" ("this Sunday": the one in the reference's Monday–Sunday week).
    """
    d = ref.as_date()
    if d is None:
        return None
    back = (d.isoweekday() - iso_weekday) % 7
    ahead = (iso_weekday - d.isoweekday()) % 7
    if direction == "on_or_before":
        return of_date(d - timedelta(days=back))
    if direction == "before":
        return of_date(d - timedelta(days=back or 7))
    if direction == "on_or_after":
        return of_date(d + timedelta(days=ahead))
    if direction == "after":
        return of_date(d + timedelta(days=ahead or 7))
    if direction == "same_week":
        return of_date(d + timedelta(days=iso_weekday - d.isoweekday()))
    return None


def span_value(first: date, last: date) -> Value | None:
    """The finest value that contains the whole span: a week within one month is that month."""
    if (first.year, first.month) == (last.year, last.month):
        return ymd(first.year, first.month)
    if first.year == last.year:
        return ymd(first.year)
    return None


def week(ref: Ref, n: int) -> Value | None:
    """The Monday–Sunday week n weeks from the reference's, coarsened to what contains it."""
    d = ref.as_date()
    if d is None:
        return None
    monday = d - timedelta(days=d.isoweekday() - 1) + timedelta(weeks=n)
    return span_value(monday, monday + timedelta(days=6))


def weekend(ref: Ref, n: int) -> Value | None:
    """The weekend n weeks from the latest one not after the reference (n=0: "the weekend")."""
    d = ref.as_date()
    if d is None:
        return None
    if d.isoweekday() >= 6:
        saturday = d - timedelta(days=d.isoweekday() - 6)
    else:
        saturday = d - timedelta(days=d.isoweekday() + 1)
    saturday += timedelta(weeks=n)
    return span_value(saturday, saturday + timedelta(days=1))


def month_in_year(ref: Ref, month: int, direction: str) -> Value | None:
    """A bare month name relative to the reference.

    "not_after": the latest such month not after the reference month ("in November");
    "before": strictly before ("last November"); "not_before" / "after" the mirror images;
    "same_year": the reference's own year ("this November").
    With a year-precision reference only "same_year" and the non-strict forms can answer.
    """
    if direction == "same_year":
        return ymd(ref.year, month)
    if ref.month is None:
        return ymd(ref.year, month) if direction in ("not_after", "not_before") else None
    year = ref.year
    if direction == "not_after":
        year -= month > ref.month
    elif direction == "before":
        year -= month >= ref.month
    elif direction == "not_before":
        year += month < ref.month
    elif direction == "after":
        year += month <= ref.month
    else:
        return None
    return ymd(year, month)


# How much farther a future date may be than a past one and still be preferred, by clause tense.
FUTURE_WEIGHT = {None: 1.5, "future": 0.25, "past": 8.0}


def month_day(ref: Ref, month: int, day: int, tense: str | None, iso_weekday: int | None = None) -> Value | None:
    """A month and day without a year: the year that puts it nearest the reference.

    News mostly writes "Jan 9" for a date within a few months either way, more often past than
    future; the clause's tense ("will be paid Jan 9", "was rescued Nov 25") tilts the choice. A
    weekday written with it ("Friday, Oct. 16") settles the year when only one candidate fits.
    """
    d = ref.as_date()
    if d is None:
        if ref.month is None:
            return ymd(ref.year, month, day)
        d = date(ref.year, ref.month, 15)
    options = [date(y, month, day) for y in (ref.year - 1, ref.year, ref.year + 1) if ymd(y, month, day)]
    if iso_weekday is not None:
        options = [o for o in options if o.isoweekday() == iso_weekday] or options
    weight = FUTURE_WEIGHT.get(tense, 1.5)

    def cost(o: date) -> float:
        gap = (o - d).days
        return gap * weight if gap > 0 else -gap

    return of_date(min(options, key=cost)) if options else None


def nth_weekday(year: int, month: int, iso_weekday: int, n: int) -> Value | None:
    """The n-th given weekday of a month (US Thanksgiving: fourth Thursday of November)."""
    first = date(year, month, 1)
    offset = (iso_weekday - first.isoweekday()) % 7
    d = first + timedelta(days=offset + 7 * (n - 1))
    return of_date(d) if d.month == month else None


def holiday(ref: Ref, rule: tuple[int, ...], year: int | None, direction: str) -> Value | None:
    """A holiday's date in the given year, else the latest one not after the reference."""
    def in_year(y: int) -> Value | None:
        if len(rule) == 2:
            return ymd(y, rule[0], rule[1])
        return nth_weekday(y, rule[0], rule[1], rule[2])

    if year is not None:
        return in_year(year)
    if ref.as_date() is None:
        return None
    here = in_year(ref.year)
    if here is None:
        return None
    strict = direction == "before"
    if here[0] > ref_value(ref) or (strict and here[0] == ref_value(ref)):
        return in_year(ref.year - 1)
    return here


def ref_value(ref: Ref) -> str:
    v = ymd(ref.year, ref.month, ref.day)
    return v[0] if v else f"{ref.year:04d}"


def quarter_year(ref: Ref, quarter: int | None) -> Value | None:
    """The year of "the third quarter": the latest such quarter that has begun by the reference."""
    if quarter is None or ref.month is None:
        return ymd(ref.year)
    start_month = 3 * (quarter - 1) + 1
    return ymd(ref.year if start_month <= ref.month else ref.year - 1)


def season_year(ref: Ref, first_month: int, direction: str) -> Value | None:
    """The year of a season named without one ("last summer"); winter straddles years → None."""
    if first_month == 12:
        return None
    if ref.month is None:
        return ymd(ref.year) if direction in ("not_after", "same_year") else None
    year = ref.year
    started = first_month <= ref.month
    ended = first_month + 2 < ref.month
    if direction == "not_after":
        year -= not started
    elif direction == "before":
        year -= not ended
    elif direction == "after":
        year += started
    return ymd(year)
