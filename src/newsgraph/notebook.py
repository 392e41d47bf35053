"""Records for notebooks: ``kb.events(country="PK").to_pandas()``.

The API's lists hold the frozen records of ``records.py`` (attribute access, as everywhere else
in the API), and each list also keeps the export rows behind them. ``to_pandas()`` makes a
DataFrame with the columns of the matching CSV table (events.csv, entities.csv …). Lists stay
Python lists in cells, ready for ``DataFrame.explode``. pandas is imported only there (the
``pandas`` extra), so the API works without it.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from newsgraph.export import csv as tables
from newsgraph.export import filters, jsonl

if TYPE_CHECKING:  # pragma: no cover
    import pandas


class Records(list):
    """A list of records of one kind that can become a DataFrame."""

    def __init__(self, kind: str, items: Iterable[Any], rows: list[dict], index: tables.Index) -> None:
        super().__init__(items)
        self.kind, self.rows, self.index = kind, rows, index

    def to_pandas(self) -> "pandas.DataFrame":
        try:
            import pandas as pd
        except ImportError as exc:
            raise ImportError("to_pandas() needs pandas: pip install 'newsgraph[pandas]'") from exc
        _, columns, row = tables.TABLES[self.kind]
        return pd.DataFrame([row(r, self.index) for r in self.rows], columns=list(columns))


def select(conn: sqlite3.Connection, kind: str, **where: Any) -> Records:
    """Records of one kind (live and imported), narrowed by the export filters when any is given."""
    from newsgraph import imports

    flt = filters.Filter.make(**where)
    if flt:
        everything = filters.select(jsonl.records(conn), flt)
        rows = [r for r in everything if r["kind"] == kind]
        index = tables.Index.of(everything)
    else:
        rows = list(jsonl.records_of(conn, kind))
        index = tables.Index.of([*jsonl.records_of(conn, "entity"), *jsonl.records_of(conn, "document")]
                                if kind in ("event", "claim", "contradiction") else rows)
    convert = imports.TO_RECORD.get(kind)
    return Records(kind, (convert(r) for r in rows) if convert else rows, rows, index)
