"""Benchmark rows for the histories importer: a CSV of career histories into move counts.

The peer is the floor any implementation pays: pandas reading the same CSV with its PyArrow
engine, then one sort, one shift per person and one group-by (count and median months) —
the aggregation and nothing else (no checks, no role matching, no graph).

Rows (targets from the people-analytics issue):

* ``histories CSV, N rows`` — ours over the floor, at 200,000 and at 2,000,000 rows (3×);
* ``histories growth`` — time per row at 2,000,000 over time per row at 200,000 (≤ 1.3:
  linear);
* ``histories peak memory beyond the file`` — the growth of peak resident memory of the
  import, less the file's size, in a fresh process, against the 300 MB goal.

Usage: ``python benchmarks/histories.py [--quick]`` (also run by ``benchmarks/run.py``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent


def write_histories(path: Path, rows: int, seed: int = 0) -> None:
    """Write ``rows`` jobs (4 per person on average, 1,000 roles) as a CSV file."""
    pa = __import__("pyarrow")
    csv = __import__("pyarrow.csv", fromlist=["write_csv"])
    rng = np.random.default_rng(seed)
    people = max(1, rows // 4)
    person = np.sort(rng.integers(0, people, rows))
    # Each role leads to 25 others (25,000 moves among 1,000 roles, as a large employer's).
    step = rng.integers(1, 26, rows)
    first = np.r_[True, person[1:] != person[:-1]]
    step[first] = rng.integers(0, 1000, int(first.sum()))
    walked = np.cumsum(step)
    role = (walked - np.maximum.accumulate(np.where(first, walked - step, 0))) % 1000
    # Distinct start days within a person: a cumulative sum of positive gaps.
    gaps = rng.integers(30, 900, rows)
    day = np.cumsum(gaps)
    day -= np.maximum.accumulate(np.where(first, day - rng.integers(0, 5000, rows), 0))
    start = np.datetime64("1990-01-01") + day.astype("timedelta64[D]")
    table = pa.table(
        {
            "person": pa.array(np.char.add("p", person.astype(str))),
            "role": pa.array(np.char.add("role-", role.astype(str))),
            "start": pa.array(np.datetime_as_string(start, unit="D")),
        }
    )
    csv.write_csv(table, str(path))


def floor(path: Path) -> int:
    """Return the number of moves, by pandas read (PyArrow engine), sort, shift, group-by."""
    import pandas as pd

    f = pd.read_csv(path, engine="pyarrow", dtype_backend="pyarrow")
    f["start"] = pd.to_datetime(f["start"])
    f = f.sort_values(["person", "start"])
    nxt = f.shift(-1)
    same = (nxt["person"] == f["person"]) & (nxt["role"] != f["role"])
    months = (nxt["start"] - f["start"]).dt.days / 30.436875
    moved = pd.DataFrame({"a": f["role"], "b": nxt["role"], "m": months})[same]
    return len(moved.groupby(["a", "b"]).agg(n=("m", "size"), median=("m", "median")))


def ours(path: Path) -> int:
    from supportladder.importers import moves

    return len(moves.read(path, max_rows=10**8, max_file_bytes=2**40).counts)


def timed(run: Any, path: Path, repeat: int) -> float:
    best = []
    for _ in range(repeat):
        start = time.perf_counter()
        run(path)
        best.append(time.perf_counter() - start)
    return float(np.median(best))


MEMORY_CODE = """
import json, sys
sys.path.insert(0, {here!r})
from pathlib import Path
import histories
import pandas, pyarrow.csv, narwhals, supportladder.importers.moves  # imports are not the work

def peak():  # the high-water mark of resident memory, in bytes (Linux)
    status = open("/proc/self/status").read()
    return int(status.split("VmHWM:")[1].split()[0]) * 1024

before = peak()
getattr(histories, {which!r})(Path({path!r}))
print(json.dumps({{"peak": peak() - before}}))
"""


def peak_memory(which: str, path: Path) -> float:
    """Return the growth of peak resident memory (bytes) of one import, in a fresh process."""
    code = MEMORY_CODE.format(here=str(HERE), which=which, path=str(path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(json.loads(out.stdout)["peak"])


def bench(table: Any, *, quick: bool, repeat: int) -> None:
    """Add the histories rows to a ``table.Table``."""
    small, large = (20_000, 200_000) if quick else (200_000, 2_000_000)
    repeat = 1 if quick else max(1, min(repeat, 3))
    per_row = {}
    with tempfile.TemporaryDirectory() as tmp:
        for rows in (small, large):
            path = Path(tmp) / f"h{rows}.csv"
            write_histories(path, rows)
            ours(path)  # warm: lazy imports
            a, b = timed(ours, path, repeat), timed(floor, path, repeat)
            table.add(
                f"{rows // 1000}k rows", "histories CSV", a, "pandas sort+shift+groupby", b, 3.0
            )
            per_row[rows] = a / rows
            if rows == large:
                # Bytes / 1e9 shows as MB in the table's ms column, as run.py's memory row.
                size = path.stat().st_size
                beyond = max(0.0, peak_memory("ours", path) - size)
                floor_beyond = max(0.0, peak_memory("floor", path) - size)
                table.add(
                    f"{rows // 1000}k rows",
                    "histories peak memory beyond the file",
                    beyond / 1e9,
                    "the 300 MB goal",
                    300e6 / 1e9,
                    1.0,
                )
                table.add(
                    f"{rows // 1000}k rows",
                    "histories peak memory (context)",
                    beyond / 1e9,
                    "the pandas floor's",
                    floor_beyond / 1e9,
                    None,
                )
    growth = per_row[large] / per_row[small]
    table.add(
        f"{small // 1000}k→{large // 1000}k", "histories growth per row", growth, "linear", 1.0, 1.3
    )


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(HERE))
    from table import Table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    table = Table()
    bench(table, quick=args.quick, repeat=args.repeat)
    table.show()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
