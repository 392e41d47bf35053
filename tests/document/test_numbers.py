"""Counts as casualty reports state them (newsgraph.document.numbers). Phrases written for these tests."""
from __future__ import annotations

import pytest

from newsgraph.document.numbers import find_counts, parse_count


@pytest.mark.parametrize("text, expected", [
    # digits and words
    ("12", (12, 12)),
    ("six", (6, 6)),
    ("twenty-five", (25, 25)),
    ("two hundred and five", (205, 205)),
    ("1,200", (1200, 1200)),
    ("1.5 million", (1500000, 1500000)),
    ("a dozen", (12, 12)),
    ("two dozen", (24, 24)),
    ("half a dozen", (6, 6)),
    ("one", (1, 1)),
    # qualifiers: lower and upper bounds, hedges
    ("more than 150", (150, None)),
    ("over 20", (20, None)),
    ("at least 3", (3, None)),
    ("no fewer than nine", (9, None)),
    ("20 or more", (20, None)),
    ("50-plus", (50, None)),
    ("up to 12", (None, 12)),
    ("as many as 40", (None, 40)),
    ("fewer than ten", (None, 10)),
    ("around 300", (300, 300)),
    ("about 160", (160, 160)),
    ("nearly 3,000", (3000, 3000)),
    ("some 75", (75, 75)),
    # ranges
    ("4,000 to 10,000", (4000, 10000)),
    ("between 25 and 33", (25, 33)),
    ("between four and six", (4, 6)),
    ("from four to six", (4, 6)),
    ("10-15", (10, 15)),
    ("four or five", (4, 5)),
    ("about 160 to more than 170", (160, None)),
    # vague quantities: "more than one X"
    ("dozens", (12, None)),
    ("hundreds", (100, None)),
    ("thousands of fighters", (1000, None)),
    ("tens of thousands", (10000, None)),
    ("several", (3, None)),
    ("a few", (2, None)),
])
def test_parse_count(text, expected):
    rng = parse_count(text)
    assert rng is not None, text
    assert (rng.min, rng.max) == expected


@pytest.mark.parametrize("text", [
    "many", "no one", "in 2014", "the 2014 attack", "a 30-day truce", "a 30kg device", "$150 billion",
    "5.5 years", "at 08:15 local time", "November 2", "Jan. 1, 2017", "the 21st century", "one of the worst",
])
def test_not_a_count(text):
    assert parse_count(text) is None


def test_counts_inside_a_span_skip_dates_and_measures():
    text = "On March 3, 2021, a 40kg bomb killed 17 people and wounded more than 30 others in 2 districts."
    found = [(text[s:e], (r.min, r.max)) for s, e, r in find_counts(text, 0, len(text))]
    assert found == [("17", (17, 17)), ("more than 30", (30, None)), ("2", (2, 2))]


def test_counts_respect_the_span():
    text = "Officials said 12 people died; another 4 were hurt."
    start = text.index("another")
    assert [(r.min, r.max) for _, _, r in find_counts(text, start, len(text))] == [(4, 4)]


def test_year_before_a_plural_noun_is_a_count():
    assert (parse_count("2000 people").min, parse_count("2000 people").max) == (2000, 2000)
