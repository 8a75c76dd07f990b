"""Helpers shared by the importers: strict table reading, problems, similarity, progress."""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal, NamedTuple, TextIO

import numpy as np
import numpy.typing as npt
from attrs import frozen

from supportladder._wording import show
from supportladder.importers import ImportDataError

__all__ = [
    "Limits",
    "NeighbourTable",
    "Precedence",
    "Problems",
    "Progress",
    "ProgressBar",
    "Table",
    "as_records",
    "check_occupations",
    "check_precedence",
    "classify",
    "cosine_matrix",
    "input_folder",
    "neighbour_table",
    "parse_float",
    "parse_table",
    "read_bytes",
    "read_table",
    "report_progress",
    "show",
    "slug",
    "top_neighbours",
]

Progress = Callable[[str, float], None]
"""A progress callback: ``progress(stage, fraction_done)``."""

Precedence = Literal["upward", "cross-industry"]

# Fields of real catalogues can be long (ESCO descriptions); the csv default is 128 KiB.
csv.field_size_limit(16 * 1024 * 1024)


def input_folder(directory: str | os.PathLike[str], fix: str) -> Path:
    """Return ``directory`` as a folder to read; if it is not one, raise saying why and ``fix``."""
    folder = Path(directory)
    if not folder.is_dir():
        why = "is a file, not a folder" if folder.exists() else "folder not found"
        raise ImportDataError(str(folder), [(None, f"{why}; {fix}")])
    return folder


class Problems:
    """Collects the problems of one input, then raises them all at once."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.items: list[tuple[int | None, str]] = []

    def add(self, row: int | None, message: str) -> None:
        self.items.append((row, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def check(self) -> None:
        if self.items:
            ordered = sorted(self.items, key=lambda p: -1 if p[0] is None else p[0])
            raise ImportDataError(self.path, ordered)


@frozen
class Limits:
    """The size limits of one import: bytes per file and rows per table.

    ``None`` stands for the module default (:data:`supportladder.importers.MAX_FILE_BYTES`,
    :data:`supportladder.importers.MAX_ROWS`), looked up when the import runs.
    """

    max_file_bytes: int
    max_rows: int

    @classmethod
    def of(cls, max_file_bytes: int | None, max_rows: int | None) -> Limits:
        import supportladder.importers as importers

        size = importers.MAX_FILE_BYTES if max_file_bytes is None else max_file_bytes
        rows = importers.MAX_ROWS if max_rows is None else max_rows
        for name, value in (("max_file_bytes", size), ("max_rows", rows)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a whole number, 1 or more, got {value!r}")
        return cls(size, rows)

    def too_many_rows(self, where: str, row: int | None) -> ImportDataError:
        return ImportDataError(
            where,
            [
                (
                    row,
                    f"more than {self.max_rows:,} rows, the limit (MAX_ROWS); split the table, "
                    "or pass max_rows= if you mean to import it",
                )
            ],
        )


def check_occupations(where: str, count: int) -> None:
    """Refuse to compare more than :data:`~supportladder.importers.MAX_OCCUPATIONS` occupations."""
    import supportladder.importers as importers

    if count > importers.MAX_OCCUPATIONS:
        raise ImportDataError(
            where,
            [
                (
                    None,
                    f"{count:,} occupations to compare, over the limit of "
                    f"{importers.MAX_OCCUPATIONS:,} (MAX_OCCUPATIONS): their similarity matrix "
                    "grows with the square of their number; import a subset, or raise "
                    "supportladder.importers.MAX_OCCUPATIONS if you have the memory",
                )
            ],
        )


class Table:
    """A delimited text file read whole: header, then ``(row number, fields)`` pairs.

    Row numbers count the header as row 1, so they match a spreadsheet's row numbers.
    """

    def __init__(self, path: str, header: list[str], rows: list[tuple[int, list[str]]]) -> None:
        self.path = path
        self.header = header
        self.rows = rows
        self.index = {name: i for i, name in enumerate(header)}

    def column(self, name: str) -> int:
        return self.index[name]


def read_table(
    path: Path,
    *,
    delimiter: str,
    required: Sequence[str],
    hint: str,
    limits: Limits,
) -> Table:
    """Read a delimited UTF-8 file with a header row; check size, bytes, columns and fields.

    The one reader of every importer's files: a file larger than ``limits.max_file_bytes``
    is refused before it is read, a table longer than ``limits.max_rows`` as soon as the
    row after the last allowed one is seen.  ``hint`` completes "file not found" messages,
    e.g. where the file comes from.
    """
    data = read_bytes(path, hint=hint, limits=limits)
    return parse_table(data, str(path), delimiter=delimiter, required=required, limits=limits)


def read_bytes(path: Path, *, hint: str, limits: Limits) -> bytes:
    """Return the bytes of a file no larger than ``limits.max_file_bytes`` (checked first)."""
    shown = str(path)
    try:
        info = path.stat()
    except OSError:
        raise ImportDataError(shown, [(None, f"file not found; {hint}")]) from None
    if stat.S_ISDIR(info.st_mode):
        raise ImportDataError(shown, [(None, f"is a folder, not a file; {hint}")])
    if not stat.S_ISREG(info.st_mode):
        raise ImportDataError(shown, [(None, f"is not a regular file; {hint}")])
    if info.st_size > limits.max_file_bytes:
        raise ImportDataError(
            shown,
            [
                (
                    None,
                    f"the file is {info.st_size:,} bytes, over the limit of "
                    f"{limits.max_file_bytes:,} (MAX_FILE_BYTES); check that it is the right "
                    "file, or pass max_file_bytes= if you mean to import it",
                )
            ],
        )
    try:
        with path.open("rb") as handle:
            # Sized by the file, not the limit: a large max_file_bytes allocates nothing.
            want = min(limits.max_file_bytes, info.st_size) + 1
            data = handle.read(want)
            if len(data) == want <= limits.max_file_bytes:  # it grew since stat(): read on
                data += handle.read(limits.max_file_bytes + 1 - want)
    except OSError as exc:
        raise ImportDataError(shown, [(None, f"cannot read the file: {exc.strerror}")]) from None
    if len(data) > limits.max_file_bytes:  # it grew since stat()
        raise ImportDataError(
            shown, [(None, f"the file is over the limit of {limits.max_file_bytes:,} bytes")]
        )
    return data


# Bytes that are not UTF-8 decode to lone surrogates (errors="surrogateescape"), and control
# characters other than tab, newline and carriage return have no place in a text table: a NUL
# is the mark of a UTF-16 or binary file.
_BAD_TEXT = re.compile("[\udc80-\udcff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MAX_LISTED = 12


def _bad_text(fields: list[str], header: list[str]) -> str | None:
    """Return why a record's text is unreadable, or ``None``."""
    if _BAD_TEXT.search("".join(fields)) is None:
        return None
    for i, field in enumerate(fields):
        found = _BAD_TEXT.search(field)
        if found is None:
            continue
        char = found.group()
        column = f"column {show(header[i])}" if i < len(header) else f"field {i + 1}"
        if "\udc80" <= char <= "\udcff":
            return (
                f"{column}: not UTF-8 text (byte 0x{ord(char) - 0xDC00:02X}); "
                "save the file as UTF-8"
            )
        return (
            f"{column}: control character U+{ord(char):04X} in the text; remove it "
            "(NUL bytes mean a UTF-16 or binary file: save the file as UTF-8 text)"
        )
    return None


def parse_table(
    data: bytes,
    shown: str,
    *,
    delimiter: str,
    required: Sequence[str],
    limits: Limits,
) -> Table:
    """Split the bytes of a delimited file into checked rows (see :func:`read_table`)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportDataError(
            shown,
            [(None, "the file is UTF-16 text (it starts with a UTF-16 BOM); save it as UTF-8")],
        )
    text = data.decode("utf-8", errors="surrogateescape")
    if text.startswith("\ufeff"):
        text = text[1:]
    if delimiter == "\t":
        reader = csv.reader(
            io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE, strict=True
        )
    else:
        reader = csv.reader(
            io.StringIO(text, newline=""),
            delimiter=delimiter,
            quoting=csv.QUOTE_MINIMAL,
            strict=True,
        )
    problems = Problems(shown)
    rows: list[tuple[int, list[str]]] = []
    number = 0  # the record being read; the header is row 1
    try:
        header: list[str] | None = None
        for fields in reader:
            number += 1
            if header is None:
                if not "".join(fields).strip():
                    continue  # blank lines before the header are not rows either
                header = [h.strip() for h in fields]
                _check_header(header, shown, required)
                continue
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                continue  # a blank line is not a row
            if len(rows) >= limits.max_rows:
                raise limits.too_many_rows(shown, number)
            bad = _bad_text(fields, header)
            if bad is not None:
                problems.add(number, bad)
            elif len(fields) != len(header):
                problems.add(
                    number,
                    f"{len(fields)} fields where the header has {len(header)}; "
                    "check for a missing or extra "
                    + ("tab" if delimiter == "\t" else "delimiter or an unclosed quote"),
                )
            else:
                rows.append((number, fields))
    except csv.Error as exc:
        raise ImportDataError(
            shown, [(number + 1, f"unreadable CSV ({exc}); fix the quoting there")]
        ) from None
    if header is None:
        raise ImportDataError(
            shown, [(None, "the file is empty; expected a header row, then data rows")]
        )
    problems.check()
    return Table(shown, header, rows)


def _check_header(header: list[str], shown: str, required: Sequence[str]) -> None:
    bad = _bad_text(header, header)
    if bad is not None:
        raise ImportDataError(shown, [(1, f"header: {bad}")])
    seen: set[str] = set()
    repeated = [h for h in header if h and (h in seen or seen.add(h))]  # type: ignore[func-returns-value]
    if repeated:
        raise ImportDataError(
            shown,
            [
                (
                    1,
                    f"column {show(repeated[0])} appears twice in the header; "
                    "give each column its own name",
                )
            ],
        )
    missing = [c for c in required if c not in header]
    if missing:
        listed = ", ".join(show(h, 40) for h in header[:_MAX_LISTED])
        if len(header) > _MAX_LISTED:
            listed += f" and {len(header) - _MAX_LISTED} more"
        raise ImportDataError(
            shown,
            [
                (
                    1,
                    "missing column"
                    + ("s " if len(missing) > 1 else " ")
                    + ", ".join(repr(c) for c in missing)
                    + f"; the header has {listed}; use the release's own header row",
                )
            ],
        )


_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?")


def parse_float(
    text: str,
    *,
    row: int,
    column: str,
    problems: Problems,
    low: float,
    high: float,
) -> float | None:
    """Return ``text`` as a float in ``low`` to ``high``, or record a problem and return ``None``.

    Only plain ASCII decimals are numbers (``4``, ``3.5``, ``-1e2``): not ``nan``, ``inf``,
    ``4_0`` or digits of other scripts, which :class:`float` would accept.
    """
    if not _DECIMAL.fullmatch(text):
        problems.add(
            row, f"malformed number {show(text)} in column {column!r}; write a decimal number"
        )
        return None
    value = float(text)
    if not low <= value <= high:
        problems.add(row, f"{column} {value:g} is outside {low:g} to {high:g}; fix the value")
        return None
    return value


_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Return a kebab-case id for a name: ``"Judgment and Decision Making"`` → ``"judgment-and-decision-making"``."""  # noqa: E501
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", ascii_text.lower()).strip("-")


def classify(
    level_a: int,
    level_b: int,
    group_a: str,
    group_b: str,
    *,
    precedence: Precedence = "upward",
) -> Literal["upward", "lateral", "cross-industry"]:
    """Return the kind of a move from its two levels and its two industry groups."""
    up = level_b > level_a
    cross = group_a != group_b
    if precedence == "cross-industry" and cross:
        return "cross-industry"
    if up:
        return "upward"
    return "cross-industry" if cross else "lateral"


def check_precedence(value: str) -> Precedence:
    if value not in ("upward", "cross-industry"):
        raise ValueError(
            f"precedence must be 'upward' or 'cross-industry', got {value!r}: it decides the "
            "kind of a move that both rises in level and changes industry"
        )
    return value  # type: ignore[return-value]


class NeighbourTable(NamedTuple):
    """Each row's nearest other rows: ``neighbours`` and ``similarity`` ``(n, k)``, best
    first; row ``i`` holds ``kept[i]`` of them (fewer than ``k`` under ``min_similarity``)."""

    neighbours: npt.NDArray[np.int64]
    similarity: npt.NDArray[np.float64]
    kept: npt.NDArray[np.int64]

    def rows(self) -> list[list[tuple[int, float]]]:
        """Return the table as lists of ``(index, similarity)`` pairs, one list per row."""
        k = self.neighbours.shape[1]
        pairs = list(
            zip(self.neighbours.ravel().tolist(), self.similarity.ravel().tolist(), strict=True)
        )
        return [pairs[i * k : i * k + c] for i, c in enumerate(self.kept.tolist())]


def top_neighbours(
    profiles: npt.NDArray[np.float64],
    k: int,
    *,
    min_similarity: float | None = None,
    similarity: npt.NDArray[np.float64] | None = None,
) -> list[list[tuple[int, float]]]:
    """Return, per row, its ``k`` most cosine-similar other rows as ``(index, similarity)``.

    Most similar first; ties are broken by the lower index, so the result is deterministic.
    Rows with a zero profile have similarity 0 to everything.  See :func:`neighbour_table`.
    """
    return neighbour_table(profiles, k, min_similarity=min_similarity, similarity=similarity).rows()


def neighbour_table(
    profiles: npt.NDArray[np.float64],
    k: int,
    *,
    min_similarity: float | None = None,
    similarity: npt.NDArray[np.float64] | None = None,
) -> NeighbourTable:
    """Return :func:`top_neighbours` as arrays (the inference; lists are for building moves).

    Each row's candidates are the entries at or above a lower bound ``t`` of its ``k``-th
    largest value, so they hold every entry that can be chosen, ties included; ordering
    the candidates by (similarity descending, index) and keeping ``k`` is exact.  The bound
    is the ``k``-th largest of the row's *block maxima*, blocks being interleaved columns
    (``j mod b``): ``k`` blocks have a maximum ``>= t``, and those maxima are ``k``
    different entries.  Interleaving matters because similar occupations sit next to each
    other in code order, and contiguous blocks would put them all in a few blocks.
    """
    n = profiles.shape[0] if similarity is None else similarity.shape[0]
    k = max(0, min(k, n - 1))
    if k == 0:
        return NeighbourTable(
            np.zeros((n, 0), dtype=np.int64), np.zeros((n, 0)), np.zeros(n, dtype=np.int64)
        )
    sim = cosine_matrix(profiles) if similarity is None else similarity.copy()
    np.fill_diagonal(sim, -np.inf)
    blocks = max(64, 2 * k)
    width = n // blocks
    bound = np.full(n, -np.inf)  # too few columns for blocks: every entry is a candidate
    found = []
    for top in range(0, n, 128):  # 128 rows at a time: the second pass reads from cache
        part = sim[top : top + 128]
        if width >= 2:
            maxima = part[:, : blocks * width].reshape(len(part), width, blocks).max(axis=1)
            bound[top : top + 128] = np.partition(maxima, blocks - k, axis=1)[:, blocks - k]
        found.append(np.flatnonzero(part >= bound[top : top + 128, None]) + top * n)
    flat = np.concatenate(found)
    rows = flat // n
    counts = np.bincount(rows, minlength=n)
    # Rows with very many candidates (ties, zero profiles) go one by one, the rest together
    # in a padded table: a row's candidates come in index order, so a stable sort on
    # similarity alone orders them by (similarity descending, index).
    cap = 4 * k + 64
    heavy = counts > cap
    if heavy.any():
        keep = ~heavy[rows]
        flat, rows = flat[keep], rows[keep]
        counts = np.where(heavy, 0, counts)
    width = max(int(counts.max()), k)
    starts = np.zeros(n, dtype=np.int64)
    np.cumsum(counts[:-1], out=starts[1:])
    slot = rows * width + np.arange(rows.size) - starts[rows]
    values = np.full((n, width), -np.inf)
    index = np.full((n, width), n, dtype=np.int64)
    values.ravel()[slot] = sim.ravel()[flat]
    index.ravel()[slot] = flat - rows * n
    order = np.argsort(-values, axis=1, kind="stable")[:, :k]
    chosen = np.take_along_axis(index, order, axis=1)
    best = np.take_along_axis(values, order, axis=1)
    for i in np.flatnonzero(heavy).tolist():
        chosen[i], best[i] = _row_neighbours(sim[i], float(bound[i]), k)
    # Values fall along each row, so the ones kept by min_similarity are a prefix.
    kept = np.full(n, k) if min_similarity is None else (best >= min_similarity).sum(axis=1)
    return NeighbourTable(chosen, best, kept.astype(np.int64))


def _row_neighbours(
    row: npt.NDArray[np.float64], bound: float, k: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """One row's ``k`` best candidates at or above ``bound``, most similar first."""
    candidates = np.flatnonzero(row >= bound)
    chosen = candidates[np.lexsort((candidates, -row[candidates]))[:k]]
    return chosen, row[chosen]


def cosine_matrix(profiles: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Return the cosine similarity of every pair of rows (zero rows: 0)."""
    norms = np.linalg.norm(profiles, axis=1)
    norms[norms == 0] = 1.0
    unit = profiles / norms[:, None]
    sim: npt.NDArray[np.float64] = unit @ unit.T
    return sim


class ProgressBar:
    """A one-line progress bar on a terminal's stderr; silent when stderr is not a terminal."""

    def __init__(self, stream: TextIO | None = None, *, width: int = 30) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last = 0.0
        self._shown = False

    def __call__(self, stage: str, fraction: float) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if fraction < 1.0 and now - self._last < 0.05:
            return
        self._last = now
        fraction = min(max(fraction, 0.0), 1.0)
        filled = round(fraction * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{stage:<12} [{bar}] {fraction * 100:3.0f}%")
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self.enabled and self._shown:
            self.stream.write("\r" + " " * (self.width + 22) + "\r")
            self.stream.flush()


def report_progress(progress: Progress | None, stage: str, fraction: float) -> None:
    if progress is not None:
        progress(stage, fraction)


def as_records(table: Any, limits: Limits) -> list[dict[str, Any]] | None:
    """Return a DataFrame-like object or an iterable of mappings as a list of dicts.

    ``None`` if ``table`` is neither (the caller reports it).  A table of more than
    ``limits.max_rows`` records is refused before its records are converted.
    """
    size = len(table) if hasattr(table, "__len__") and not isinstance(table, str | bytes) else 0
    if size > limits.max_rows:
        raise limits.too_many_rows("<table>", None)
    to_dict = getattr(table, "to_dict", None)
    if callable(to_dict) and hasattr(table, "columns"):
        records = to_dict("records")
        return [dict(r) for r in records]
    itertuples = getattr(table, "itertuples", None)
    if callable(itertuples) and hasattr(table, "columns"):
        columns = [str(c) for c in table.columns]
        return [dict(zip(columns, t, strict=True)) for t in itertuples(index=False, name=None)]
    if isinstance(table, str | bytes) or not hasattr(table, "__iter__"):
        return None
    out: list[dict[str, Any]] = []
    for number, item in enumerate(table, start=1):
        if number > limits.max_rows:
            raise limits.too_many_rows("<table>", number)
        if not hasattr(item, "keys"):
            raise ImportDataError(
                "<table>",
                [
                    (
                        number,
                        f"expected a mapping of column name to value, got "
                        f"{type(item).__name__}; pass dicts, or a DataFrame",
                    )
                ],
            )
        out.append(dict(item))
    return out
