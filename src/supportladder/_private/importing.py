"""Helpers shared by the importers: strict table reading, problems, similarity, progress."""

from __future__ import annotations

import csv
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal, TextIO

import numpy as np
import numpy.typing as npt

from supportladder.importers import ImportDataError

Progress = Callable[[str, float], None]
"""A progress callback: ``progress(stage, fraction_done)``."""

Precedence = Literal["upward", "cross-industry"]

# Fields of real catalogues can be long (ESCO descriptions); the csv default is 128 KiB.
csv.field_size_limit(16 * 1024 * 1024)


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
) -> Table:
    """Read a delimited UTF-8 file with a header row; check columns and field counts.

    ``hint`` completes "file not found" messages, e.g. where the file comes from.
    """
    shown = str(path)
    if not path.is_file():
        what = "is a folder, not a file" if path.is_dir() else "file not found"
        raise ImportDataError(shown, [(None, f"{what}; {hint}")])
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ImportDataError(shown, [(None, f"cannot read the file: {exc.strerror}")]) from None
    with handle:
        return _read(handle, shown, delimiter=delimiter, required=required)


def _read(handle: TextIO, shown: str, *, delimiter: str, required: Sequence[str]) -> Table:
    if delimiter == "\t":
        reader = csv.reader(handle, delimiter=delimiter, quoting=csv.QUOTE_NONE, strict=True)
    else:
        reader = csv.reader(handle, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, strict=True)
    problems = Problems(shown)
    rows: list[tuple[int, list[str]]] = []
    try:
        header = next(reader, None)
        if header is None:
            raise ImportDataError(
                shown, [(None, "the file is empty; expected a header row, then data rows")]
            )
        header = [h.strip() for h in header]
        missing = [c for c in required if c not in header]
        if missing:
            raise ImportDataError(
                shown,
                [
                    (
                        1,
                        "missing column"
                        + ("s " if len(missing) > 1 else " ")
                        + ", ".join(repr(c) for c in missing)
                        + f"; the header has {', '.join(repr(h) for h in header)}; "
                        "use the release's own header row",
                    )
                ],
            )
        width = len(header)
        number = 1
        for fields in reader:
            number += 1
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                continue  # a blank line is not a row
            if len(fields) != width:
                problems.add(
                    number,
                    f"{len(fields)} fields where the header has {width}; "
                    "check for a missing or extra "
                    + ("tab" if delimiter == "\t" else "delimiter or an unclosed quote"),
                )
                continue
            rows.append((number, fields))
    except UnicodeDecodeError as exc:
        raise ImportDataError(
            shown, [(None, f"not UTF-8 text ({exc.reason}); save the file as UTF-8")]
        ) from None
    except csv.Error as exc:
        raise ImportDataError(
            shown, [(reader.line_num, f"unreadable CSV ({exc}); fix the quoting there")]
        ) from None
    problems.check()
    return Table(shown, header, rows)


def parse_float(
    text: str,
    *,
    row: int,
    column: str,
    problems: Problems,
    low: float | None = None,
    high: float | None = None,
) -> float | None:
    """Return ``text`` as a float, or record a problem and return ``None``."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if value != value or value in (float("inf"), float("-inf")):
        problems.add(row, f"malformed number {text!r} in column {column!r}; write a decimal number")
        return None
    if (low is not None and value < low) or (high is not None and value > high):
        problems.add(
            row,
            f"{column} {value:g} is outside {low:g} to {high:g}; fix the value",
        )
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


def standardise(block: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Z-score the columns of a block; constant columns become 0."""
    mean = block.mean(axis=0)
    std = block.std(axis=0)
    std[std == 0] = 1.0
    out: npt.NDArray[np.float64] = (block - mean) / std
    return out


def top_neighbours(
    profiles: npt.NDArray[np.float64],
    k: int,
    *,
    min_similarity: float | None = None,
    similarity: npt.NDArray[np.float64] | None = None,
) -> list[list[tuple[int, float]]]:
    """Return, per row, its ``k`` most cosine-similar other rows as ``(index, similarity)``.

    Most similar first; ties are broken by the lower index, so the result is deterministic.
    Rows with a zero profile have similarity 0 to everything.
    """
    n = profiles.shape[0]
    if similarity is None:
        similarity = cosine_matrix(profiles)
    sim = similarity.copy()
    np.fill_diagonal(sim, -np.inf)
    k = min(k, n - 1)
    if k <= 0:
        return [[] for _ in range(n)]
    if k < n - 1:
        part = np.argpartition(-sim, k - 1, axis=1)[:, :k]
    else:
        part = np.argsort(-sim, axis=1, kind="stable")[:, :k]
    rows = np.arange(n)[:, None]
    values = sim[rows, part]
    kth = values.min(axis=1)
    # Rows where more candidates tie with the k-th value than fit: pick the lowest indices.
    ties = (sim >= kth[:, None]).sum(axis=1) > k
    result: list[list[tuple[int, float]]] = []
    for i in range(n):
        candidates = np.flatnonzero(sim[i] >= kth[i]) if ties[i] else part[i]
        order = np.lexsort((candidates, -sim[i, candidates]))[:k]
        chosen = candidates[order]
        result.append(
            [
                (int(j), float(sim[i, j]))
                for j in chosen
                if min_similarity is None or sim[i, j] >= min_similarity
            ]
        )
    return result


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


def as_records(table: Any) -> list[dict[str, Any]] | None:
    """Return a DataFrame-like object or an iterable of mappings as a list of dicts.

    ``None`` if ``table`` is neither (the caller reports it).
    """
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
