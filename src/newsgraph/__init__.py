"""newsgraph: news reports about armed conflict → an evidence-backed knowledge base.

Nothing runs at import: the spaCy model loads only when a pipeline is first built.
"""

__version__ = "0.1.0"


def open(path: str = "kb.sqlite", readonly: bool = False):  # noqa: A001 - mirrors sqlite3/io usage
    """Open a knowledge base file: ``kb = newsgraph.open("kb.sqlite")``."""
    from newsgraph.kb import KnowledgeBase

    return KnowledgeBase(path, readonly=readonly)
