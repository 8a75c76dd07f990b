"""Career histories on Dask: the lag and the exact medians run where the partitions are.

narwhals cannot run an ordered window (the lag over each person's jobs by start) on a Dask
DataFrame, and an exact median needs every value of a group in one place.  :func:`moves`
does both with Dask's own API, so that no row of the table reaches the client:

1. each partition numbers its roles (a role name becomes the integer of its role id);
2. a shuffle on the person puts each person's jobs in one partition, where they are sorted
   by start and lagged (:func:`supportladder.importers._codes.lag`): one row per move, with
   its source, target and months;
3. a shuffle on ``(source, target)`` puts each pair's moves in one partition, where its
   count and exact median months are taken (:func:`supportladder.importers._codes.medians`).

What is computed into the client is one row per pair of roles, the number of people and the
number of rows; the stays (consecutive jobs in one role) follow from those.

Used by :mod:`supportladder.importers.histories` for Dask tables, after the checks.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

import numpy as np

from supportladder.importers import _codes

__all__ = ["moves"]


def _numbered(part: Any, number: Mapping[Any, int], has_end: bool) -> Any:
    """Return a partition of checked rows with ``_r`` as role numbers, in NumPy types.

    ``_p`` (the person) is kept as it is, for the shuffle; ``_day`` and ``_end`` become
    ``int64`` and ``_e_end`` ``bool``.

    Examples
    --------
    >>> import pandas as pd
    >>> part = pd.DataFrame({"_p": ["a", "a"], "_r": ["Agent", "lead"], "_day": [0, 31]})
    >>> _numbered(part, {"Agent": 0, "lead": 1}, False)["_r"].tolist()
    [0, 1]
    """
    pd = importlib.import_module("pandas")
    codes, names = part["_r"].factorize()
    lookup = np.array([number[name] for name in names], dtype=np.int32)
    columns = {
        "_p": part["_p"],
        "_r": lookup[codes],
        "_day": part["_day"].to_numpy(dtype=np.int64),
    }
    if has_end:
        columns["_end"] = part["_end"].to_numpy(dtype=np.int64)
        columns["_e_end"] = part["_e_end"].to_numpy(dtype=bool)
    return pd.DataFrame(columns, index=part.index)


def _lagged(part: Any, has_end: bool, days_per_month: float) -> Any:
    """Return the moves (``_r``, ``_next``, ``_months``) of a partition of whole people.

    Every job of each person in the partition is in it (the partition is from a shuffle on
    ``_p``), so the lag over the partition, sorted by person and start, is the global one.

    Examples
    --------
    >>> import pandas as pd
    >>> part = pd.DataFrame({"_p": ["b", "a", "a"], "_r": [0, 1, 0], "_day": [5, 61, 0]})
    >>> _lagged(part, False, 30.5).to_dict("list")
    {'_r': [0], '_next': [1], '_months': [2.0]}
    """
    pd = importlib.import_module("pandas")
    table = part.assign(_p=part["_p"].factorize()[0])  # integers sort and compare faster
    order = _codes.ordered(table)
    role = table["_r"].to_numpy()
    sources, targets, months, _, _ = _codes.lag(table, role, has_end, days_per_month, order)
    return pd.DataFrame({"_r": sources, "_next": targets, "_months": months})


def _pairs(part: Any) -> Any:
    """Return the count and exact median months (``_n``, ``_median``) of each pair.

    Every move of each pair in the partition is in it (the partition is from a shuffle on
    ``(_r, _next)``), so the median is the pair's over the whole table.

    Examples
    --------
    >>> import pandas as pd
    >>> part = pd.DataFrame({"_r": [0, 0, 0], "_next": [1, 1, 1], "_months": [3.0, 1.0, 2.0]})
    >>> _pairs(part).to_dict("list")
    {'_r': [0], '_next': [1], '_n': [3], '_median': [2.0]}
    """
    pd = importlib.import_module("pandas")
    found = _codes.medians(
        part["_r"].to_numpy(), part["_next"].to_numpy(), part["_months"].to_numpy()
    )
    sources, targets, counts, medians = zip(*found, strict=True) if found else ((), (), (), ())
    return pd.DataFrame(
        {
            "_r": np.asarray(sources, dtype=np.int32),
            "_next": np.asarray(targets, dtype=np.int32),
            "_n": np.asarray(counts, dtype=np.int64),
            "_median": np.asarray(medians, dtype=np.float64),
        }
    )


def moves(
    frame: Any, ids: Mapping[Any, str], has_end: bool, days_per_month: float
) -> tuple[list[tuple[str, str, int, float]], int, int]:
    """Return the moves of a Dask DataFrame of checked rows, its people and its stays.

    ``frame`` has ``_p`` (person), ``_r`` (role name), ``_day`` (start, in days) and, with
    ``has_end``, ``_end`` and ``_e_end`` (end, in days, and whether it is empty); every row
    passed the checks.  ``ids`` maps the role names to role ids; two names of one id are one
    role.  The moves are ``(source id, target id, count, exact median months)``.  One
    :func:`dask.compute` runs the whole aggregation; what it returns is one row per pair of
    roles and two numbers.

    Examples
    --------
    >>> import dask, pandas as pd
    >>> import dask.dataframe as dd
    >>> rows = pd.DataFrame(
    ...     {"_p": ["a", "b", "a", "b"], "_r": ["x", "x", "y", "x"], "_day": [0, 0, 61, 30]}
    ... )
    >>> with dask.config.set(scheduler="synchronous"):
    ...     found, people, stays = moves(
    ...         dd.from_pandas(rows, npartitions=2), {"x": "x", "y": "y"}, False, 30.5
    ...     )
    >>> found, people, stays
    ([('x', 'y', 1, 2.0)], 2, 1)
    """
    dask = importlib.import_module("dask")
    role_ids = sorted(set(ids.values()))
    index = {role_id: i for i, role_id in enumerate(role_ids)}
    number = {name: index[role_id] for name, role_id in ids.items()}
    numbered = frame.map_partitions(
        _numbered, number, has_end, meta=_numbered(frame._meta, number, has_end)
    )
    by_person = numbered.shuffle(on="_p")
    lag_meta = _lagged(numbered._meta, has_end, days_per_month)
    lagged = by_person.map_partitions(_lagged, has_end, days_per_month, meta=lag_meta)
    by_pair = lagged.shuffle(on=["_r", "_next"])
    pairs = by_pair.map_partitions(_pairs, meta=_pairs(lag_meta))
    table, people, rows = dask.compute(
        pairs, frame["_p"].nunique(), frame.map_partitions(len).sum()
    )
    found = [
        (role_ids[a], role_ids[b], int(n), float(median))
        for a, b, n, median in table.itertuples(index=False)
    ]
    moved = sum(n for _, _, n, _ in found)
    # Each person's k jobs are k - 1 consecutive pairs: a move or a stay.
    return found, int(people), int(rows) - int(people) - moved
