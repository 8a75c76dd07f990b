"""Career histories in PyArrow as small integer codes: each column checked once per value.

A history table has few distinct values per column (a person holds several jobs, a role is
held by thousands, a start day is shared by many): :func:`compact` dictionary-encodes each
column, runs the checks' expressions on its distinct values only, and spreads their results
over the rows by the codes.  Names become ``int32`` codes and days ``int32``, so that the
duplicate check, the sort and the lag (:func:`moves`) run on a few narrow integer columns
instead of copies of every text column: peak memory stays a fraction of the table's text.

Used by :mod:`supportladder.importers.histories` for PyArrow tables (a CSV file read by the
compiled reader is one); every other engine runs the same expressions on its own rows.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["NAMES", "compact", "lag", "medians", "moves", "ordered", "same_day"]

NAMES = ("_p", "_r")
"""The checks' columns that hold names: codes in the compact table, decoded on demand."""

Derive = Callable[[Any, Any, str, Any], Any]
Flag = Callable[[Any, Any, bool], Any]


def _encoded(column: Any) -> tuple[Any, Any, Any]:
    """Return a column dictionary-encoded, its codes (no nulls) and its distinct values.

    A null cell gets the code of a null value appended to the distinct values, so that the
    checks see it as they would see it in the row.
    """
    pa, pc = importlib.import_module("pyarrow"), importlib.import_module("pyarrow.compute")
    if not pa.types.is_dictionary(column.type):
        column = pc.dictionary_encode(column)
    if isinstance(column, pa.ChunkedArray):
        column = column.unify_dictionaries().combine_chunks()
    codes, values = column.indices, column.dictionary
    if codes.null_count:
        values = pa.concat_arrays([values, pa.nulls(1, values.type)])
        codes = pc.fill_null(codes, pa.scalar(len(values) - 1, codes.type))
    return column, codes, values


def _narrow(name: str, values: Any) -> tuple[Any, Any]:
    """Return a result column of distinct values as a narrow column, and its names if any."""
    pa, pc = importlib.import_module("pyarrow"), importlib.import_module("pyarrow.compute")
    values = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    if name in NAMES:  # trimmed names: two raw names may trim to one
        encoded = pc.dictionary_encode(values)
        return encoded.indices, encoded.dictionary
    if pa.types.is_integer(values.type):
        try:
            return values.cast(pa.int32()), None
        except pa.ArrowInvalid:  # days beyond ±5.8 million years: keep them wide
            return values, None
    return values, None


def compact(
    nw: Any, table: Any, has_end: bool, derive: Derive, flag: Flag
) -> tuple[Any, dict[str, Any]] | None:
    """Return a checked PyArrow table of histories as codes, and the names of its codes.

    ``table`` has ``_row``, ``person``, ``role``, ``start`` and optionally ``end``; the
    result (a narwhals LazyFrame) has the columns ``derive`` and then ``flag`` add, with
    ``_p`` and ``_r`` as codes into the returned names (PyArrow arrays), and the raw columns
    dictionary-encoded (for the messages of bad rows).  ``None`` if a column's type cannot
    be dictionary-encoded: the caller checks the rows themselves.
    """
    pa = importlib.import_module("pyarrow")
    columns: dict[str, Any] = {"_row": table["_row"]}
    derived: dict[str, Any] = {}
    names: dict[str, Any] = {}
    for name in ("person", "role", "start", *(["end"] if has_end else [])):
        try:
            columns[name], codes, values = _encoded(table[name])
        except (pa.ArrowNotImplementedError, pa.ArrowTypeError):
            return None
        small = nw.from_native(pa.table({name: values})).lazy()
        small = derive(nw, small, name, small.collect_schema()[name]).collect().to_native()
        for out in small.column_names:
            if out != name:
                narrow, found = _narrow(out, small[out])
                derived[out] = narrow.take(codes)
                if found is not None:
                    names[out] = found
        del small, codes, values
    del table
    frame = nw.from_native(pa.table({**columns, **derived})).lazy()
    return flag(nw, frame, has_end), names


def medians(a: Any, b: Any, values: Any) -> list[tuple[Any, Any, int, float]]:
    """Return ``(a, b, count, exact median of values)`` of every pair in NumPy arrays."""
    np = importlib.import_module("numpy")
    if not len(values):
        return []
    order = np.lexsort((values, b, a))
    a, b, values = a[order], b[order], np.asarray(values[order], dtype=float)
    change = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
    starts = np.concatenate(([0], np.flatnonzero(change) + 1))
    sizes = np.diff(np.concatenate((starts, [len(values)])))
    middle = (values[starts + (sizes - 1) // 2] + values[starts + sizes // 2]) / 2
    return list(
        zip(a[starts].tolist(), b[starts].tolist(), sizes.tolist(), middle.tolist(), strict=True)
    )


def ordered(table: Any) -> Any:
    """Return the row order by person and start of a compact table of rows that passed."""
    np = importlib.import_module("numpy")
    return np.lexsort((table["_day"].to_numpy(), table["_p"].to_numpy()))


def same_day(table: Any, order: Any, limit: int) -> list[dict[str, Any]]:
    """Return the first ``limit`` jobs, in row order, of a person that start on one day.

    Each is a record of ``_p``, ``_r``, ``_day`` and ``_row``; ``order`` is from
    :func:`ordered`, in which such jobs are next to each other.
    """
    np = importlib.import_module("numpy")
    p, day = table["_p"].to_numpy()[order], table["_day"].to_numpy()[order]
    twice = (p[1:] == p[:-1]) & (day[1:] == day[:-1])
    if not twice.any():
        return []
    jobs = np.zeros(len(order), dtype=bool)
    jobs[:-1] |= twice
    jobs[1:] |= twice
    rows = np.sort(order[jobs])[:limit]
    picked = table.select(["_p", "_r", "_day", "_row"]).take(rows)
    return list(picked.to_pylist())


def lag(
    table: Any, role: Any, has_end: bool, days_per_month: float, order: Any
) -> tuple[Any, Any, Any, int, int]:
    """Return the moves of checked rows in NumPy: sources, targets, months; people, stays.

    ``table`` has ``_p`` and ``_day`` (and ``_end``, ``_e_end`` with ``has_end``) as columns
    of plain NumPy types; ``role`` is each row's role as an integer (one per role id);
    ``order`` is from :func:`ordered`.  Each move is a change of role between two
    consecutive jobs of a person; its months run from the job's start to its end if given,
    else to the next job's start.
    """
    np = importlib.import_module("numpy")

    def column(name: str) -> Any:
        return table[name].to_numpy()

    p, day = column("_p")[order], column("_day")[order]
    role = role[order]
    same = p[1:] == p[:-1]
    people = len(p) - int(same.sum())
    del p
    changed = role[1:] != role[:-1]
    stays = int((same & ~changed).sum())
    move = same & changed
    left = day[1:]
    if has_end:  # the end if given, else the next job's start
        given = ~column("_e_end")[order][:-1]
        left = np.where(given, column("_end")[order][:-1], left)
    months = (left[move] - day[:-1][move]) / days_per_month
    return role[:-1][move], role[1:][move], months, people, stays


def moves(
    table: Any, ids: Mapping[int, str], has_end: bool, days_per_month: float, order: Any
) -> tuple[list[tuple[str, str, int, float]], int, int]:
    """Return the moves of a compact table of checked rows, its people and its stays.

    The moves are ``(source id, target id, count, median months)``; ``ids`` maps the role
    codes to role ids; ``order`` is from :func:`ordered`.
    """
    np = importlib.import_module("numpy")
    role_ids = sorted(set(ids.values()))
    number = {role_id: i for i, role_id in enumerate(role_ids)}
    lookup = np.full(max(ids, default=0) + 1, -1, dtype=np.int32)
    for code, role_id in ids.items():
        lookup[code] = number[role_id]
    role = lookup[table["_r"].to_numpy()]
    sources, targets, months, people, stays = lag(table, role, has_end, days_per_month, order)
    found = medians(sources, targets, months)
    return [(role_ids[a], role_ids[b], n, m) for a, b, n, m in found], people, stays
