"""Career histories aggregated where they live: one set of dataframe expressions, any engine.

:func:`supportladder.importers.moves.read` hands a history table that is a dataframe — pandas,
Polars (eager or lazy), PyArrow, DuckDB, Dask, or anything else `narwhals
<https://narwhals-dev.github.io/narwhals/>`_ wraps, PySpark included — to :func:`aggregate`.
The checks and the aggregation run as expressions in that table's own engine (lazily where the
engine is lazy): one global sort by person and start, one lag, one group-by.  Only small
results cross into Python: the distinct role names, the rows that have problems (at most
:data:`MAX_PROBLEM_ROWS`), and the table of moves — one row per pair of roles, with its count
and the median months spent in the source role before the move.  On Dask, whose ordered
windows narwhals cannot run, the lag and the exact medians use Dask's own API
(``supportladder.importers._dask_moves``), on the partitions all the same.

Needs the ``hr`` extra (``pip install "supportladder[hr]"``: narwhals and pyarrow).
"""

from __future__ import annotations

import csv as _csv
import importlib
import importlib.util
import itertools
import re
import sys
import warnings
from collections.abc import Callable
from datetime import date
from typing import Any, Final

from attrs import frozen

from supportladder.importers import _codes, _dask_moves
from supportladder.importers._tables import Limits, Problems, show

__all__ = [
    "DAYS_PER_MONTH",
    "ENGINES",
    "MAX_PROBLEM_ROWS",
    "Aggregate",
    "aggregate",
    "available",
    "check_rows",
    "engine_of",
    "narwhals",
    "read_csv",
    "same_day",
    "wrap",
]

DAYS_PER_MONTH: Final = 30.436875
"""Days in an average Gregorian month: time in role is ``days / DAYS_PER_MONTH`` months."""

MAX_PROBLEM_ROWS: Final = 1000
"""The most bad rows brought into Python to word their problems (the rest are counted)."""

ENGINES: Final = frozenset(
    {"pandas", "polars", "pyarrow", "duckdb", "dask", "pyspark", "modin", "cudf", "ibis"}
)
"""Top-level modules whose tables are aggregated as dataframe expressions."""

_EPOCH_ORDINAL: Final = date(1970, 1, 1).toordinal()
_TIME = r"(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?"
_DATE_RE: Final = rf"^[0-9]{{4}}-[0-9]{{2}}(?:-[0-9]{{2}}{_TIME})?$"
Resolve = Callable[[str, "int | None", Problems], "str | None"]


def narwhals() -> Any:
    """Return ``narwhals.stable.v2``, or raise an ImportError that names the extra."""
    try:
        return importlib.import_module("narwhals.stable.v2")
    except ImportError:
        raise ImportError(
            "reading a dataframe or a CSV of career histories needs narwhals and pyarrow, "
            'which supportladder does not install by default; pip install "supportladder[hr]"'
        ) from None


def available() -> bool:
    """Whether narwhals and pyarrow (the ``hr`` extra) are installed."""
    return all(importlib.util.find_spec(name) is not None for name in ("narwhals", "pyarrow"))


def engine_of(table: Any) -> str | None:
    """Return the engine of a dataframe (its top-level module), or ``None``."""
    module = type(table).__module__.partition(".")[0]
    return module if module in ENGINES else None


def wrap(table: Any, limits: Limits, *, first_row: int = 1) -> tuple[Any, int | None, list[str]]:
    """Return a dataframe as a LazyFrame (``None`` if empty), first row number, column names.

    Eager tables are numbered (``_row``, from ``first_row``); lazy ones are not (their
    order is not defined), and the number is ``None``.  A table longer than
    ``limits.max_rows`` is refused here, by its length or a count, before any other work.
    """
    nw = narwhals()
    frame = _from_native(nw, table)
    eager = isinstance(frame, nw.DataFrame)
    size = len(frame) if eager else frame.select(nw.len()).collect().item()
    if size > limits.max_rows:
        raise limits.too_many_rows("<table>", None)
    names = [str(c) for c in frame.collect_schema().names()]
    if not size:
        return None, first_row, names  # nothing to aggregate: read as no records
    if eager:
        return frame.with_row_index("_row").lazy(), first_row, names
    return frame, None, names


def _from_native(nw: Any, table: Any) -> Any:
    with warnings.catch_warnings():
        # narwhals announces that its Dask support moves to another package; it still works.
        warnings.filterwarnings("ignore", "Dask support is moving", FutureWarning)
        return nw.from_native(table)


@frozen
class Aggregate:
    """The moves of a history table: counts and median months by ``(source id, target id)``."""

    counts: dict[tuple[str, str], int]
    months: dict[tuple[str, str], float]
    rows: int
    people: int
    stays: int


def _text(nw: Any, name: str, dtype: Any) -> Any:
    col = nw.col(name)
    if dtype != nw.String:
        col = col.cast(nw.String)
    return col.str.strip_chars()


def _empty(nw: Any, name: str, dtype: Any) -> Any:
    col = nw.col(name)
    if dtype == nw.String:
        return col.is_null() | (col.str.strip_chars().str.len_chars() == 0)
    return col.is_null()


def _staged_day(nw: Any, frame: Any, name: str, dtype: Any, out: str) -> Any:
    """Add ``{out}`` (days since 1970-01-01) and ``{out}_ok`` (a valid date) for a column.

    Strings are read as ``YYYY-MM-DD`` (optionally with a time, which is ignored) or
    ``YYYY-MM``; date and datetime columns as they are (aware ones in UTC).  The work is done
    in stages of small expressions, so that SQL engines plan each one once.
    """
    col = nw.col(name)
    t = f"_{out}_"  # temporary columns
    if dtype == nw.String:
        s = col.str.strip_chars()
        frame = frame.with_columns(s.str.contains(_DATE_RE).fill_null(value=False).alias(t + "ok"))
        safe = nw.when(nw.col(t + "ok")).then(s).otherwise(nw.lit("1970-01-01"))
        frame = frame.with_columns(safe.alias(t + "s"))
        s = nw.col(t + "s")
        padded = nw.when(s.str.len_chars() == 7).then(nw.concat_str([s, nw.lit("-01")]))
        frame = frame.with_columns(padded.otherwise(s).alias(t + "s"))
        s = nw.col(t + "s")
        parts = [
            s.str.slice(start, size).cast(nw.Int64) for start, size in ((0, 4), (5, 2), (8, 2))
        ]
    elif dtype in (nw.Date, nw.Datetime):
        if dtype == nw.Datetime and getattr(dtype, "time_zone", None):
            col = col.dt.convert_time_zone("UTC").dt.replace_time_zone(None)
        frame = frame.with_columns((~col.is_null()).alias(t + "ok"))
        parts = [
            nw.when(nw.col(t + "ok")).then(part).otherwise(nw.lit(1)).cast(nw.Int64)
            for part in (col.dt.year(), col.dt.month(), col.dt.day())
        ]
    else:
        return frame.with_columns(nw.lit(value=False).alias(out + "_ok"), nw.lit(0).alias(out))
    frame = frame.with_columns(*(p.alias(t + k) for p, k in zip(parts, "ymd", strict=True)))
    if dtype == nw.String:
        frame = frame.drop(t + "s")  # the text is read: free it before the arithmetic
    y, m, d = nw.col(t + "y"), nw.col(t + "m"), nw.col(t + "d")
    leap = ((y % 4 == 0) & (y % 100 != 0)) | (y % 400 == 0)
    last = nw.when(m == 2).then(28 + leap.cast(nw.Int64))
    last = last.otherwise(nw.when(m.is_in([4, 6, 9, 11])).then(30).otherwise(31))
    valid = nw.col(t + "ok") & (y >= 1) & (m >= 1) & (m <= 12) & (d >= 1) & (d <= last)
    # Days from the civil date (H. Hinnant's algorithm), in integer arithmetic.
    frame = frame.with_columns(
        valid.alias(out + "_ok"),
        (y - (m <= 2).cast(nw.Int64)).alias(t + "y"),
        nw.when(m > 2).then(m - 3).otherwise(m + 9).alias(t + "m"),
    )
    y, m = nw.col(t + "y"), nw.col(t + "m")
    era = y // 400
    frame = frame.with_columns(era.alias(t + "era"), (y - era * 400).alias(t + "yoe"))
    yoe = nw.col(t + "yoe")
    doy = (153 * m + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    frame = frame.with_columns((nw.col(t + "era") * 146097 + doe - 719468).alias(out))
    temporary = [c for c in frame.collect_schema().names() if c.startswith(t)]
    return frame.drop(*temporary)


_DAYS: Final = {"start": "_day", "end": "_end"}


def _derived(nw: Any, frame: Any, name: str, dtype: Any) -> Any:
    """Add the checks' columns of one column: each depends on that column's value only.

    ``person`` and ``role`` give ``_p`` and ``_r`` (trimmed text); ``start`` and ``end``
    give ``_day``/``_end`` (days) and ``_ok_start``/``_ok_end``; each gives ``_e_{name}``.
    """
    if name not in _DAYS:
        text = _text(nw, name, dtype).alias("_p" if name == "person" else "_r")
        return frame.with_columns(text, _empty(nw, name, dtype).alias(f"_e_{name}"))
    frame = frame.with_columns(_empty(nw, name, dtype).alias(f"_e_{name}"))
    frame = _staged_day(nw, frame, name, dtype, _DAYS[name])
    return frame.rename({f"{_DAYS[name]}_ok": f"_ok_{name}"})


def _flagged(nw: Any, frame: Any, has_end: bool) -> Any:
    """Add ``_empty`` (a cell is empty) and ``_bad`` (the row has a problem)."""
    empty = nw.col("_e_person") | nw.col("_e_role") | nw.col("_e_start")
    bad = empty | ~nw.col("_ok_start")
    if has_end:
        bad_end = ~nw.col("_e_end") & (~nw.col("_ok_end") | (nw.col("_end") < nw.col("_day")))
        bad = bad | (~empty & bad_end)
    return frame.with_columns(_empty=empty, _bad=bad)


def _checked(nw: Any, frame: Any, has_end: bool) -> Any:
    schema = dict(frame.collect_schema().items())
    for name in ("person", "role", "start", *(["end"] if has_end else [])):
        frame = _derived(nw, frame, name, schema[name])
    return _flagged(nw, frame, has_end)


def _where(row: int | None, record: dict[str, Any]) -> str:
    """Return how a message names a row of an unnumbered (lazy) table."""
    if row is not None:
        return ""
    return f"person {show(record['person'])}, start {show(record['start'])}: "


def _row_problems(nw: Any, frame: Any, first: int | None, has_end: bool, problems: Problems) -> int:
    """Add the problems of rows with empty or malformed values; return how many there are."""
    bad = frame.filter(nw.col("_bad"))
    total = bad.select(nw.len()).collect().item()
    if not total:
        return 0
    if first is not None:
        bad = bad.sort("_row")
    columns = ["person", "role", "start", "_e_person", "_e_role", "_e_start", "_ok_start"]
    if has_end:
        columns += ["end", "_e_end", "_ok_end"]
    if first is not None:
        columns.append("_row")
    for record in bad.head(MAX_PROBLEM_ROWS).select(columns).collect().rows(named=True):
        row = None if first is None else record["_row"] + first
        at = _where(row, record)
        empty = [c for c in ("person", "role", "start") if record[f"_e_{c}"]]
        if empty:
            problems.add(
                row, f"{at}empty {', '.join(empty)}; fill in every column or remove the row"
            )
            continue
        if not record["_ok_start"]:
            problems.add(
                row, f"{at}malformed start date {show(record['start'])}; write it as YYYY-MM-DD"
            )
        elif has_end and not record["_e_end"]:
            if not record["_ok_end"]:
                problems.add(
                    row,
                    f"{at}malformed end date {show(record['end'])}; write it as YYYY-MM-DD "
                    "or leave it empty",
                )
            else:
                problems.add(
                    row,
                    f"{at}end date {show(record['end'])} is before the start date "
                    f"{show(record['start'])}; fix one of them",
                )
    if total > MAX_PROBLEM_ROWS:
        problems.add(None, f"{total - MAX_PROBLEM_ROWS:,} more bad rows like these; fix them too")
    return int(total)


def _roles(
    nw: Any,
    frame: Any,
    first: int | None,
    resolve: Resolve,
    problems: Problems,
    name_of: Callable[[Any], str] = str,
) -> dict[Any, str]:
    """Resolve the distinct role names, each at its first row, then an unknown one's others.

    The other rows of an unknown name go to ``resolve`` too, so that its problem names them
    all, as the row reader's does.  ``name_of`` turns a value of ``_r`` into its name; the
    ids are keyed by the values.
    """
    wanted = ["_r", "_empty", *(["_row"] if first is not None else [])]
    names = frame.select(wanted).filter(~nw.col("_empty")).group_by("_r")
    if first is not None:
        found = names.agg(nw.col("_row").min()).sort("_row").collect().rows()
    else:
        found = sorted(names.agg(nw.len()).collect().rows())
    ids: dict[Any, str] = {}
    for name, at in found:
        role_id = resolve(name_of(name), None if first is None else at + first, problems)
        if role_id is not None:
            ids[name] = role_id
    unknown = [name for name, _ in found if name not in ids]
    if unknown and first is not None:
        rows = frame.filter(~nw.col("_empty") & nw.col("_r").is_in(unknown)).sort("_row")
        firsts = {name: at for name, at in found}
        for name, at in rows.head(MAX_PROBLEM_ROWS).select("_r", "_row").collect().rows():
            if at != firsts[name]:
                resolve(name_of(name), at + first, problems)
    return ids


def same_day(person: str, a: str, b: str, first: int, on: date) -> str:
    """Return the problem of a job starting the day another of the person's (row ``first``) does."""
    problem = (
        f"duplicate of row {first}"
        if a == b
        else f"{show(person)} also starts {show(a)} on that day (row {first})"
    )
    return (
        f"{problem}: two jobs of one person cannot start on {on}; fix a start date or remove a row"
    )


def _same_day(nw: Any, frame: Any, first: int | None) -> list[dict[str, Any]]:
    """Return the jobs (``_p``, ``_r``, ``_day``, ``_row``) of a person that start on one day."""
    keys = ["_p", "_day"]
    twice = frame.group_by(keys).agg(nw.len().alias("_n")).filter(nw.col("_n") > 1)
    jobs = frame.join(twice.select(keys), on=keys, how="semi")
    if first is not None:
        jobs = jobs.sort("_row")
    columns = ["_p", "_r", "_day", *(["_row"] if first is not None else [])]
    return list(jobs.head(MAX_PROBLEM_ROWS).select(columns).collect().rows(named=True))


def _duplicates(
    records: list[dict[str, Any]],
    first: int | None,
    ids: dict[Any, str],
    problems: Problems,
    name_of: Callable[[Any], str] = str,
) -> None:
    """Add a problem for every second job of a person that starts on the same day.

    ``records`` are the jobs from :func:`_same_day`, in row order; ``name_of`` turns a value
    of ``_p`` into the person's name.
    """
    by_day: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for record in records:
        by_day.setdefault((record["_p"], record["_day"]), []).append(record)
    for (code, day), same in by_day.items():
        person, on = name_of(code), date.fromordinal(day + _EPOCH_ORDINAL)
        for earlier, later in itertools.pairwise(same):
            a, b = ids[earlier["_r"]], ids[later["_r"]]
            if first is None:
                problems.add(
                    None,
                    f"person {show(person)} has two jobs ({show(a)}, {show(b)}) that start on "
                    f"{on}; fix a start date or remove a row",
                )
                continue
            r1, r2 = earlier["_row"] + first, later["_row"] + first
            problems.add(r2, same_day(person, a, b, r1, on))


def _moves(nw: Any, frame: Any, ids: dict[str, str], has_end: bool) -> Any:
    """Return the lazy table of moves: ``_r``, ``_next``, ``_n`` and ``_months``."""
    if any(name != role_id for name, role_id in ids.items()):
        names = list(ids)
        frame = frame.with_columns(
            nw.col("_r").replace_strict(
                names, [ids[n] for n in names], default=None, return_dtype=nw.String
            )
        )
    order = ["_p", "_day"]
    # One lag per column, each over the table in person-then-start order (an engine-neutral
    # window: Dask and PyArrow do not partition order-dependent windows).
    for column, lagged in (("_p", "_next_p"), ("_r", "_next"), ("_day", "_next_day")):
        frame = frame.with_columns(nw.col(column).shift(-1).over(order_by=order).alias(lagged))
    same = nw.col("_next_p") == nw.col("_p")
    left = nw.col("_next_day")
    if has_end:
        left = nw.when(nw.col("_e_end")).then(left).otherwise(nw.col("_end"))
    return frame.with_columns(
        _move=(same & (nw.col("_next") != nw.col("_r"))).fill_null(value=False),
        _stay=(same & (nw.col("_next") == nw.col("_r"))).fill_null(value=False),
        _months=(left - nw.col("_day")) / DAYS_PER_MONTH,
    )


def _arrow_medians(table: Any) -> list[tuple[str, str, int, float]]:
    """Return ``(source, target, count, exact median months)`` of a PyArrow table of moves."""
    if not table.num_rows:
        return []
    # Role names as dictionary codes: integers compared in NumPy, no Python string per row.
    coded = [table[c].combine_chunks().dictionary_encode() for c in ("_r", "_next")]
    (a, b), names = [c.indices.to_numpy() for c in coded], [c.dictionary.to_pylist() for c in coded]
    found = _codes.medians(a, b, table["_months"].to_numpy())
    return [(names[0][x], names[1][y], n, m) for x, y, n, m in found]


def _lagged(
    nw: Any, good: Any, ids: dict[Any, str], has_end: bool
) -> tuple[list[tuple[str, str, int, float]], int, int]:
    """Return the moves of checked rows (as expressions), the number of people and of stays."""
    if good.implementation.is_dask():
        # narwhals cannot run the ordered lag over a Dask frame: Dask's own API does, on the
        # partitions, and only the table of moves is computed into Python.
        return _dask_moves.moves(good.to_native(), ids, has_end, DAYS_PER_MONTH)
    moved = _moves(nw, good, ids, has_end)
    summary = moved.select(
        nw.col("_p").n_unique().alias("people"),
        nw.col("_stay").cast(nw.Int64).sum().alias("stays"),
    ).collect()
    only = moved.filter(nw.col("_move"))
    if only.implementation.is_pyarrow():  # its group-by median is a t-digest estimate
        found = _arrow_medians(only.select("_r", "_next", "_months").collect().to_native())
    else:
        found = (
            only.group_by("_r", "_next")
            .agg(nw.len().alias("_n"), nw.col("_months").median().alias("_median"))
            .collect()
            .rows()
        )
    people, stays = summary.row(0)
    return found, int(people), int(stays or 0)


def _decoder(names: dict[str, Any] | None, column: str) -> Callable[[Any], str]:
    """Return how a value of ``column`` becomes its name (a code's, with ``names``)."""
    if names is None:
        return str
    values = names[column]
    return lambda code: str(values[code].as_py())


def _release() -> None:
    """Hand memory PyArrow freed back to the system (its pool keeps it otherwise)."""
    pa = sys.modules.get("pyarrow")
    if pa is not None:
        pa.default_memory_pool().release_unused()


def aggregate(
    frame: Any,
    where: str,
    first: int | None,
    resolve: Resolve,
    problems: Problems,
) -> Aggregate:
    """Check and aggregate a history table (a narwhals LazyFrame from :func:`wrap`).

    Columns are already named ``person``, ``role``, ``start`` and optionally ``end``.
    ``resolve(name, row, problems)`` returns the id of a role name (or ``None``, adding its
    problem).  Every problem found is added to ``problems``, which is raised before any
    aggregation.
    """
    nw = narwhals()
    has_end = "end" in frame.collect_schema().names()
    names: dict[str, Any] | None = None
    if frame.implementation.is_pyarrow() and first is not None:
        # Checked per distinct value, and kept as integer codes: a fraction of the memory.
        coded = _codes.compact(nw, frame.to_native(), has_end, _derived, _flagged)
        if coded is not None:
            frame, names = coded
    if names is None:
        frame = _checked(nw, frame, has_end)
    _release()
    if frame.implementation.is_dask():  # checked once, kept in (the workers') memory
        frame = _from_native(nw, frame.to_native().persist())
    rows = frame.select(nw.len()).collect().item()
    _row_problems(nw, frame, first, has_end, problems)
    ids = _roles(nw, frame, first, resolve, problems, _decoder(names, "_r"))
    order = None
    if names is not None and not problems:  # every row passed: one sort finds the duplicates
        order = _codes.ordered(frame.to_native())
        jobs = _codes.same_day(frame.to_native(), order, MAX_PROBLEM_ROWS)
    else:
        keys = frame.select("_p", "_r", "_day", "_bad", *(["_row"] if first is not None else []))
        if problems:  # only rows that passed every check can be duplicates
            keys = keys.filter(
                ~nw.col("_bad") & (nw.col("_r").is_in(list(ids)) if ids else nw.lit(value=False))
            )
        jobs = _same_day(nw, keys.drop("_bad"), first)
        del keys
    _duplicates(jobs, first, ids, problems, _decoder(names, "_p"))
    _release()
    problems.check()
    # No bad row is left: the moves need only these columns (the raw ones can go).
    good = frame.select("_p", "_r", "_day", *(["_end", "_e_end"] if has_end else []))
    del frame  # the raw columns and the checks' flags are no longer needed
    _release()
    if names is not None:
        found, people, stays = _codes.moves(
            good.collect().to_native(), ids, has_end, DAYS_PER_MONTH, order
        )
    else:
        found, people, stays = _lagged(nw, good, ids, has_end)
    del good
    counts: dict[tuple[str, str], int] = {}
    months: dict[tuple[str, str], float] = {}
    for a, b, n, median in sorted(found):
        counts[(a, b)] = int(n)
        months[(a, b)] = float(median)
    return Aggregate(counts, months, int(rows), people, stays)


# A blank line (first, or between lines) and a control character other than tab, newline
# and carriage return: separate patterns, each a fast scan (one alternation of them is not).
_BLANK_FIRST = re.compile(rb"[ \t\r]*\n")
_BLANK = re.compile(rb"\n[ \t\r]*\n")
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _odd_lines(data: bytes) -> bool:
    """Whether a file has a blank line (the last one too) or a control character."""
    last = data.rfind(b"\n")  # the last line, without a newline: blank if only spaces
    blank_last = 0 <= last < len(data) - 1 and not data[last + 1 :].strip(b" \t\r")
    return bool(
        _BLANK_FIRST.match(data) or _BLANK.search(data) or blank_last or _CONTROL.search(data)
    )


def read_csv(data: bytes) -> Any | None:
    """Return the rows of a CSV file as a PyArrow table of strings, or ``None``.

    The strings are dictionary-encoded as they are read (a name or a date is stored once,
    each cell is a 4-byte code), which is how :func:`aggregate` checks them.

    ``None`` means the compiled reader cannot read the file *exactly as the strict reader
    would* (blank lines, which shift row numbers; an encoding problem; a ragged row or a
    quoted line break): the caller reads it with the strict reader, which words the problem.
    """
    narwhals()
    csv = importlib.import_module("pyarrow.csv")
    pa = importlib.import_module("pyarrow")
    # No copy of the file is made: the checks scan its bytes (UTF-8 is checked by PyArrow).
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")) or _odd_lines(data):
        return None
    end = data.find(b"\n")
    try:
        header = data[: end if end >= 0 else len(data)].decode("utf-8")
    except UnicodeDecodeError:
        return None
    try:
        names = [h.strip() for h in next(_csv.reader([header]), [])]
    except _csv.Error:  # a stray carriage return, ...: the strict reader words it
        return None
    if not names or len(set(names)) != len(names):
        return None
    try:
        return csv.read_csv(
            pa.py_buffer(data),
            convert_options=csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.dictionary(pa.int32(), pa.string())),
                strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:
        return None
    finally:
        _release()  # the reader's buffers


def check_rows(data: bytes, shown: str, limits: Limits) -> None:
    """Refuse a CSV file of more data rows than ``limits.max_rows``, by counting its lines.

    Blank lines are not rows; the count is a fast scan of the bytes, before any parsing.
    """
    if data.count(b"\n") <= limits.max_rows:  # header and rows: at most max_rows + 1 lines
        return
    lines = [i for i, line in enumerate(data.split(b"\n"), start=1) if line.strip(b" \t\r")]
    if len(lines) - 1 > limits.max_rows:
        raise limits.too_many_rows(shown, lines[limits.max_rows + 1])
