"""Date normaliser: tables of must / must-not cases (sentences written for these tests)."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.document import dates
from newsgraph.document.dates import DateMention, find_dates, normalise, normalise_spans, run_bench_docs

REF = "2023-03-08"  # a Wednesday
BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "bench"


def found(text: str, reference: str | None = REF) -> list[tuple[str, str | None, str | None]]:
    return [(m.text, m.value, m.precision) for m in find_dates(text, reference)]


# --- absolute expressions: the same with or without a reference ------------------------------

ABSOLUTE = [
    ("Jan. 1, 2017", "2017-01-01", "day"),
    ("December 19, 2022", "2022-12-19", "day"),
    ("08 January 2023", "2023-01-08", "day"),
    ("the 2nd of March, 2021", "2021-03-02", "day"),
    ("Friday, Oct. 16, 2020", "2020-10-16", "day"),
    ("Sept. 11, 2001", "2001-09-11", "day"),
    ("2022-11-14", "2022-11-14", "day"),
    ("15/11/2022", "2022-11-15", "day"),
    ("2014", "2014", "year"),
    ("August 2021", "2021-08", "month"),
    ("July of 1997", "1997-07", "month"),
    ("Jan. '98", "1998-01", "month"),
    ("early 2015", "2015", "year"),
    ("the end of 2021", "2021", "year"),
    ("mid-1996", "1996", "year"),
    ("fiscal 2019", "2019", "year"),
    ("the summer of 2014", "2014", "year"),
    ("the third quarter of 2022", "2022", "year"),
    ("Christmas Day 2021", "2021-12-25", "day"),
    ("nineteen ninety-six", "1996", "year"),
    ("the year two thousand", "2000", "year"),
    ("January nineteen ninety-seven", "1997-01", "month"),
]


@pytest.mark.parametrize("expr,value,precision", ABSOLUTE)
@pytest.mark.parametrize("reference", [REF, None])
def test_absolute(expr: str, value: str, precision: str, reference: str | None) -> None:
    assert normalise(expr, reference) == (value, precision)


# --- relative expressions, against a Wednesday -------------------------------------------------

RELATIVE = [
    ("on Sunday", "2023-03-05", "day"),
    ("Monday", "2023-03-06", "day"),
    ("Wednesday", "2023-03-08", "day"),  # the reference's own weekday is that day
    ("Thursday", "2023-03-02", "day"),  # never the next one, unless the clause says so
    ("last Friday", "2023-03-03", "day"),
    ("next Tuesday", "2023-03-14", "day"),
    ("Sunday night", "2023-03-05", "day"),
    ("early Tuesday", "2023-03-07", "day"),
    ("yesterday", "2023-03-07", "day"),
    ("late yesterday", "2023-03-07", "day"),
    ("today", "2023-03-08", "day"),
    ("tomorrow", "2023-03-09", "day"),
    ("the day before yesterday", "2023-03-06", "day"),
    ("two days ago", "2023-03-06", "day"),
    ("10 days ago", "2023-02-26", "day"),
    ("two weeks ago", "2023-02-22", "day"),
    ("Jan 9", "2023-01-09", "day"),
    ("Jan 8 (Sunday)", "2023-01-08", "day"),
    ("Dec. 28", "2022-12-28", "day"),
    ("in November", "2022-11", "month"),
    ("in March", "2023-03", "month"),
    ("last March", "2022-03", "month"),
    ("last November", "2022-11", "month"),
    ("this September", "2023-09", "month"),
    ("June last year", "2022-06", "month"),
    ("late October", "2022-10", "month"),
    ("mid-January", "2023-01", "month"),
    ("the beginning of February", "2023-02", "month"),
    ("last month", "2023-02", "month"),
    ("this month", "2023-03", "month"),
    ("earlier this month", "2023-03", "month"),
    ("next month", "2023-04", "month"),
    ("two months ago", "2023-01", "month"),
    ("last year", "2022", "year"),
    ("this year", "2023", "year"),
    ("earlier this year", "2023", "year"),
    ("next year", "2024", "year"),
    ("early next year", "2024", "year"),
    ("a year ago", "2022", "year"),
    ("three years ago", "2020", "year"),
    ("last summer", "2022", "year"),
    ("by the end of the year", "2023", "year"),
    ("this week", "2023-03", "month"),  # 6–12 March: one month holds the whole week
    ("next week", "2023-03", "month"),
    ("last weekend", "2023-03", "month"),
    ("Christmas", "2022-12-25", "day"),
]


@pytest.mark.parametrize("expr,value,precision", RELATIVE)
def test_relative(expr: str, value: str, precision: str) -> None:
    assert normalise(expr, REF) == (value, precision)


@pytest.mark.parametrize("expr", [e for e, _, _ in RELATIVE])
def test_relative_without_reference_is_none(expr: str) -> None:
    """No publication date: no guess, and never today's date."""
    assert normalise(expr, None) is None


def test_week_straddling_two_months_keeps_only_the_year() -> None:
    # 27 February – 5 March 2023: no single month contains it
    assert normalise("last week", REF) == ("2023", "year")


def test_weekday_written_with_a_date_settles_its_year() -> None:
    # 16 October was a Friday in 2020, a Saturday in 2021: the weekday overrides "nearest"
    assert normalise("Friday, Oct. 16", "2021-06-01") == ("2020-10-16", "day")
    assert normalise("Oct. 16", "2021-06-01") == ("2021-10-16", "day")


def test_reference_precision_is_never_exceeded() -> None:
    assert normalise("yesterday", "2023-03") is None
    assert normalise("on Sunday", "2023-03") is None
    assert normalise("today", "2023-03") == ("2023-03", "month")
    assert normalise("last month", "2023-03") == ("2023-02", "month")
    assert normalise("last year", "2023") == ("2022", "year")
    assert normalise("last month", "2023") is None


@pytest.mark.parametrize("reference", ["", "not a date", "2023-13-01", "2023-02-30"])
def test_bad_reference_is_no_reference(reference: str) -> None:
    assert normalise("yesterday", reference) is None
    assert normalise("2014", reference) == ("2014", "year")


@pytest.mark.parametrize("expr", ["February 30, 2022", "31 April 2021", "2021-02-29"])
def test_impossible_dates_have_no_value(expr: str) -> None:
    assert normalise(expr, REF) is None


# --- finding dates in sentences ------------------------------------------------------------------

SENTENCES = [
    ("Gunmen attacked a checkpoint on Sunday night, police said.",
     [("Sunday night", "2023-03-05", "day")]),
    ("Rebels shelled the airport on Jan. 1, 2017 and again last March.",
     [("Jan. 1, 2017", "2017-01-01", "day"), ("last March", "2022-03", "month")]),
    ("Heavy fighting was reported on the night of October 29–30 near the river.",
     [("the night of October 29–30", "2022-10-29", "day")]),
    ("The militia, founded in 2014, seized the valley in August 2021.",
     [("2014", "2014", "year"), ("August 2021", "2021-08", "month")]),
    ("The blast on Jan 8 (Sunday) wounded twelve people.",
     [("Jan 8 (Sunday)", "2023-01-08", "day")]),
    ("Government troops retook the town on Saturday, March 4.",
     [("Saturday, March 4", "2023-03-04", "day")]),
    ("The curfew was lifted in mid-January and reimposed on 12-13 February.",
     [("mid-January", "2023-01", "month"), ("12-13 February", "2023-02-12", "day")]),
    ("The offensive began in early 2015 and ended by the end of 2021.",
     [("early 2015", "2015", "year"), ("the end of 2021", "2021", "year")]),
    ("Two days ago a convoy was ambushed; earlier this month a bridge was blown up.",
     [("Two days ago", "2023-03-06", "day"), ("earlier this month", "2023-03", "month")]),
    ("Clashes this week followed a raid yesterday and a protest today.",
     [("this week", "2023-03", "month"), ("yesterday", "2023-03-07", "day"), ("today", "2023-03-08", "day")]),
    ("He may be released in May, the lawyer said.", [("May", "2022-05", "month")]),
    ("Such kidnappings were common in the 1990s.", [("the 1990s", None, None)]),
]


@pytest.mark.parametrize("text,expected", SENTENCES)
def test_find_dates(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert found(text) == expected


def test_mentions_carry_their_span_and_relativity() -> None:
    text = "The envoy arrived on Monday and left on 9 March 2023."
    mentions = find_dates(text, REF)
    assert [text[m.start:m.end] for m in mentions] == [m.text for m in mentions] == ["Monday", "9 March 2023"]
    assert [m.relative for m in mentions] == [True, False]
    assert isinstance(mentions[0], DateMention)


def test_no_reference_finds_but_does_not_resolve() -> None:
    assert found("Militants struck on Sunday and again in 2019.", None) == [
        ("Sunday", None, None), ("2019", "2019", "year")]


# --- tense and anaphora -------------------------------------------------------------------------

CONTEXT = [
    ("The minister will visit the camp on Friday.", [("Friday", "2023-03-10", "day")]),
    ("Talks are scheduled to resume on Thursday.", [("Thursday", "2023-03-09", "day")]),
    ("The court said Wednesday's ruling was final.", [("Wednesday", "2023-03-08", "day")]),
    ("Elections are expected to be held in June.", [("June", "2023-06", "month")]),
    ("The militants attacked the base in June.", [("June", "2022-06", "month")]),
    ("The ceasefire is due to expire on April 10.", [("April 10", "2023-04-10", "day")]),
    ("The convoy left the capital on 5 May.", [("5 May", "2022-05-05", "day")]),
    ("The convoy left on 5 May. The next day it reached the border.",
     [("5 May", "2022-05-05", "day"), ("The next day", "2022-05-06", "day")]),
    ("In 2014 the group split. Seven years later it reunited.",
     [("2014", "2014", "year"), ("Seven years later", "2021", "year")]),
    ("Exports fell to $2m, from $3m a year earlier.", [("a year earlier", "2022", "year")]),
    ("The bridge reopened, seven years later.", [("seven years later", None, None)]),
]


@pytest.mark.parametrize("text,expected", CONTEXT)
def test_context(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert found(text) == expected


# --- not dates ----------------------------------------------------------------------------------

NOT_DATES = [
    "The two sides agreed a 30-day truce.",
    "The siege lasted for about a year.",
    "A man aged around 50 was carrying 30kg of explosives.",
    "The attack killed 2000 people, officials said.",
    "The strike was reported at 1930 GMT.",
    "The council passed Resolution 2254 unanimously.",
    "A 2000-strong force moved north.",
    "The ransom was $2014 in cash.",
    "He was sentenced to ten years; she is 45 years old.",
    "Officials may resign. A second March wave was planned.",
    "The fall of the city shocked the region.",
    "Reporters from the Sunday Times visited the camp.",
    "The Good Friday Agreement was signed by both parties.",
    "A quarter of the population has fled the eastern quarter.",
    "Police chief Jan Kowalski met May Ahmed.",
    "The road is 1500 km long and 2010 metres high.",
    "In the past week, 20 people were killed; aid will rise over the coming year.",
    "In the last year of the war the town was besieged for the last week.",
    "The singer June Carter and the playwright August Wilson were honoured.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text: str) -> None:
    assert found(text) == []


# --- oracle spans and the bench driver -----------------------------------------------------------

def test_normalise_spans_uses_context() -> None:
    text = "The vote will take place on Friday. On May 3 and 4 polls open."
    spans = [(text.index("Friday"), text.index("Friday") + 6),
             (text.index("May 3"), text.index("May 3") + 5), (text.index("4 polls"), text.index("4 polls") + 1)]
    values = [m.value for m in normalise_spans(text, spans, REF)]
    assert values == ["2023-03-10", "2023-05-03", "2023-05-04"]


def test_run_bench_docs_both_modes() -> None:
    text = "Rebels attacked on Sunday. The army replied on 2 March 2023."
    oracle = {"doc": "d1", "text": text, "dct": REF, "spans": [{"start": 19, "end": 25}]}
    e2e = {"doc": "d2", "text": text, "dct": REF}
    rows = list(run_bench_docs([oracle, e2e]))
    assert rows[0] == {"doc": "d1", "start": 19, "end": 25, "value": "2023-03-05", "precision": "day"}
    assert [(r["doc"], r["value"]) for r in rows[1:]] == [("d2", "2023-03-05"), ("d2", "2023-03-02")]


def test_nothing_loads_at_import_and_no_spacy() -> None:
    code = ("import sys, newsgraph.document.dates as d, newsgraph.document.dates_lexicon as lex\n"
            "assert lex.months.cache_info().currsize == 0\n"
            "d.find_dates('on Sunday', '2023-03-08')\n"
            "assert 'spacy' not in sys.modules and 'dateparser' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_speed_on_a_long_text() -> None:
    paragraph = ("Gunmen attacked a checkpoint on Sunday night and fled. Officials said 12 people died in "
                 "the attack, the third since January 2023. Talks are due to resume next week. ")
    text = paragraph * 50
    find_dates(text, REF)  # warm the caches
    t0 = time.perf_counter()
    mentions = find_dates(text, REF)
    per_mention = (time.perf_counter() - t0) * 1000 / len(mentions)
    assert len(mentions) == 150
    assert per_mention < 1.0


# --- the shared bench (maintainers' machines only) -----------------------------------------------

def _scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score_dates", BENCH / "score_dates.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.mark.slow
def test_tbaq_bench() -> None:
    folder = BENCH / "dates-tbaq"
    if not (folder / "docs.jsonl").exists() or not (BENCH / "score_dates.py").exists():
        pytest.skip("../shared/bench/dates-tbaq is not here (it is not part of the repository)")
    scorer = _scorer()
    docs = [json.loads(x) for x in (folder / "docs.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    gold = scorer.load(str(folder / "gold.jsonl"))
    oracle = scorer.score(gold, list(run_bench_docs(docs)))
    e2e = scorer.score(gold, list(run_bench_docs({k: v for k, v in d.items() if k != "spans"} for d in docs)))
    assert oracle["value"]["r"] >= 0.85
    assert e2e["detection"]["f1"] >= 0.80
    assert e2e["value"]["f1"] >= 0.75


@pytest.mark.parametrize(
    "text, expr, value",
    [
        ("The group was routed in March 2019. The survivors regrouped in early June.", "early June", "2019-06"),
        ("Talks opened in 2020. They collapsed in November.", "November", "2020-11"),
        ("The convoy was hit on Sunday.", "Sunday", None),  # no year in the text: nothing to anchor on
        ("The raid came in May 2018. Two suspects were freed on Sunday.", "Sunday", None),  # never finer than a month
    ],
)
def test_without_a_publication_date_the_texts_own_years_anchor_months(text, expr, value):
    found = {m.text: m for m in dates.anchor_in_text(text, dates.find_dates(text, None))}
    assert found[expr].value == value
