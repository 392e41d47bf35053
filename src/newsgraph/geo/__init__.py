"""Offline, world-wide geocoder: place names of one document -> GeoNames places.

``geocode_names(names, text)`` resolves all toponyms of a document together; ``run_bench_docs``
runs it on the geo benchmarks (oracle spans or spaCy-detected ones). Nothing loads at import:
the gazetteer is built (or read from its cache) on the first call.
"""
from .api import Place, detect, geocode_names, place_of, run_bench_docs

__all__ = ["Place", "detect", "geocode_names", "place_of", "run_bench_docs"]
