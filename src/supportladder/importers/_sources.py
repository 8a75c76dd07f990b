"""Where a table of observed moves comes from: a CSV file, a dataframe, or mappings.

:func:`read_source` returns a :class:`Source`: the table's records (the strict pure-Python
path) or, for a dataframe or a CSV file read by the compiled reader, a narwhals LazyFrame for
:mod:`supportladder.importers.histories`.  Column names are mapped to ours here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from supportladder.importers import histories as _frames
from supportladder.importers._tables import (
    Limits,
    Problems,
    as_records,
    parse_table,
    read_bytes,
    show,
)

__all__ = [
    "ALIASES",
    "Source",
    "frame_histories",
    "frame_records",
    "our_name",
    "read_source",
    "rename",
]

ALIASES = {"from": "source", "to": "target"}
"""Other names of our columns."""

_HISTORY_COLUMNS = ("person", "role", "start", "end")


class Source:
    """A table to import: where it is from, and its rows as records or as a dataframe."""

    def __init__(self, where: str, header: list[str]) -> None:
        self.where = where
        self.header = header
        self.records: list[tuple[int, dict[str, Any]]] = []
        self.frame: Any = None  # a narwhals LazyFrame of histories, or None
        self.first: int | None = None  # the number of the frame's first row (None: lazy)


def _csv(path: Path, limits: Limits) -> Source:
    data = read_bytes(path, hint="pass the path of a CSV file with a header row", limits=limits)
    where = str(path)
    _frames.check_rows(data, where, limits)  # by a count of lines, before any parsing
    if _frames.available():
        arrow = _frames.read_csv(data)
        if arrow is not None:  # else the strict reader below words what is wrong
            frame, first, names = _frames.wrap(arrow, limits, first_row=2)
            source = Source(where, names)
            source.frame, source.first = frame, first
            if frame is not None:
                return source
    table = parse_table(data, where, delimiter=",", required=(), limits=limits)
    source = Source(where, table.header)
    source.records = [(row, dict(zip(table.header, f, strict=True))) for row, f in table.rows]
    return source


def _vectorised(table: Any) -> bool:
    """Whether a table is aggregated as dataframe expressions (pandas object columns: no)."""
    engine = _frames.engine_of(table)
    if engine is None:
        return False
    if engine == "pandas":
        return not any(str(dtype) == "object" for dtype in table.dtypes)
    return True


def read_source(table: Any, limits: Limits) -> Source:
    """Return where the table is from and its numbered records or its dataframe."""
    if isinstance(table, str | os.PathLike):
        return _csv(Path(table), limits)
    if _vectorised(table):
        frame, first, names = _frames.wrap(table, limits)
        source = Source("<table>", names)
        source.frame, source.first = frame, first
        return source
    if _frames.engine_of(table) is not None and not hasattr(table, "to_dict"):
        _frames.narwhals()  # a dataframe we cannot read row by row: name the extra
    records = as_records(table, limits)
    if records is None:
        raise TypeError(
            "table must be a CSV path, a DataFrame-like object (with .to_dict('records')) "
            f"or an iterable of mappings, got {type(table).__name__}"
        )
    source = Source("<table>", [])
    source.records = list(enumerate(records, start=1))
    return source


def our_name(key: object, back: Mapping[str, str]) -> str:
    """Return our name of a column: renamed by ``columns=``, else trimmed and lower case."""
    name = back.get(str(key), str(key).strip())
    return ALIASES.get(name.lower(), name.lower())


def frame_histories(source: Source, columns: Mapping[str, str] | None) -> Any:
    """Return the source's dataframe with only the history columns, under our names."""
    nw = _frames.narwhals()
    back = {theirs: ours for ours, theirs in (columns or {}).items()}
    keep = _HISTORY_COLUMNS
    picked = [
        nw.col(h).alias(our_name(h, back)) for h in source.header if our_name(h, back) in keep
    ]
    if source.first is not None:
        picked.append(nw.col("_row"))
    return source.frame.select(*picked)


def frame_records(source: Source) -> list[tuple[int, dict[str, Any]]]:
    """Return the rows of a (small) dataframe of move counts as numbered records."""
    rows = source.frame.collect().rows(named=True)
    first = 1 if source.first is None else source.first
    return [(i, {k: v for k, v in r.items() if k != "_row"}) for i, r in enumerate(rows, first)]


def rename(
    records: list[tuple[int, dict[str, Any]]],
    columns: Mapping[str, str] | None,
    problems: Problems,
) -> tuple[list[tuple[int, dict[str, Any]]], set[str]]:
    back = {theirs: ours for ours, theirs in (columns or {}).items()}
    renamed = []
    seen: set[str] = set()
    repeated: set[str] = set()
    for row, record in records:
        out: dict[str, Any] = {}
        for key, value in record.items():
            name = our_name(key, back)
            if name in out and name not in repeated:  # reported once, at its first row
                repeated.add(name)
                problems.add(
                    row,
                    f"two columns name {name!r} (one is {show(key)}); keep one column of each name",
                )
            out[name] = value
        seen.update(out)
        renamed.append((row, out))
    return renamed, seen
