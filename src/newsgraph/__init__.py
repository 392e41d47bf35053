"""newsgraph: news reports about armed conflict → an evidence-backed knowledge base.

Nothing runs at import: the spaCy model loads only when a pipeline is first built.
"""

__version__ = "0.1.0"
