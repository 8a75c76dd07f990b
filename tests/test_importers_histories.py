"""The histories importer gives the same moves in every dataframe engine as plain Python."""

from __future__ import annotations

import itertools
import math
import random
import statistics
import warnings
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supportladder.importers import ImportDataError, moves

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")
duckdb = pytest.importorskip("duckdb")
dd = pytest.importorskip("dask.dataframe")
dask = pytest.importorskip("dask")

ROLES = ["agent", "lead", "trainer", "qa", "manager"]
DAY0 = date(2015, 1, 1)


def reference(
    rows: list[dict[str, Any]],
) -> tuple[dict[Any, int], dict[Any, float], dict[Any, float]]:
    """Counts, probabilities and median months, in plain Python."""
    jobs: dict[str, list[tuple[date, str, date | None]]] = {}
    for r in rows:
        jobs.setdefault(r["person"], []).append((r["start"], r["role"], r.get("end")))
    counts: dict[tuple[str, str], int] = {}
    spells: dict[tuple[str, str], list[float]] = {}
    for items in jobs.values():
        items.sort()
        for (d1, a, e1), (d2, b, _) in itertools.pairwise(items):
            if a != b:
                counts[(a, b)] = counts.get((a, b), 0) + 1
                spells.setdefault((a, b), []).append(((e1 or d2) - d1).days / 30.436875)
    out: dict[str, int] = {}
    for (a, _), n in counts.items():
        out[a] = out.get(a, 0) + n
    probabilities = {k: n / out[k[0]] for k, n in counts.items()}
    return counts, probabilities, {k: statistics.median(v) for k, v in spells.items()}


def people_and_stays(rows: list[dict[str, Any]]) -> tuple[int, int]:
    """The number of people, and of consecutive jobs of a person in one role, in plain Python."""
    jobs: dict[str, list[tuple[date, str]]] = {}
    for r in rows:
        jobs.setdefault(r["person"], []).append((r["start"], r["role"]))
    stays = sum(
        a == b for items in jobs.values() for (_, a), (_, b) in itertools.pairwise(sorted(items))
    )
    return len(jobs), stays


@st.composite
def histories(draw: st.DrawFn) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for p in range(draw(st.integers(1, 8))):
        days = draw(st.lists(st.integers(0, 4000), min_size=1, max_size=5, unique=True))
        for day in sorted(days):
            row = {
                "person": f"p{p}",
                "role": draw(st.sampled_from(ROLES)),
                "start": DAY0 + timedelta(day),
            }
            rows.append(row)
    return rows


def as_strings(rows: list[dict[str, Any]], end: bool) -> dict[str, list[Any]]:
    data: dict[str, list[Any]] = {
        "person": [r["person"] for r in rows],
        "role": [r["role"] for r in rows],
        "start": [r["start"].isoformat() for r in rows],
    }
    if end:
        data["end"] = [r["end"].isoformat() if r.get("end") else "" for r in rows]
    return data


def engines(data: dict[str, list[Any]]) -> dict[str, Any]:
    frame = pd.DataFrame(data).astype("string")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return {
            "records": [
                dict(zip(data, values, strict=True)) for values in zip(*data.values(), strict=True)
            ],
            "pandas": frame,
            "polars": pl.DataFrame(data),
            "polars-lazy": pl.LazyFrame(data),
            "pyarrow": pa.table(data),
            "duckdb": duckdb.from_arrow(pa.table(data)),
            # Several partitions, so that a person's jobs start out in different ones.
            "dask": dd.from_pandas(frame, npartitions=3),
        }


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories(), st.booleans(), st.data())
def test_every_engine_agrees_with_plain_python(
    rows: list[dict[str, Any]], with_end: bool, data: st.DataObject
) -> None:
    if with_end:  # some jobs end before the next one starts
        for r in rows:
            if data.draw(st.booleans()):
                r["end"] = r["start"] + timedelta(data.draw(st.integers(0, 30)))
        by_person: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            by_person.setdefault(r["person"], []).append(r)
        for jobs in by_person.values():  # an end never passes the next start
            for a, b in itertools.pairwise(jobs):
                if a.get("end") and a["end"] > b["start"]:
                    a["end"] = b["start"]
    rows = data.draw(st.permutations(rows))  # no engine may rely on the rows' order
    counts, probabilities, months = reference(rows)
    people, stays = people_and_stays(rows)
    with dask.config.set(scheduler="synchronous"):
        for name, table in engines(as_strings(rows, with_end)).items():
            if not counts:
                with pytest.raises(ImportDataError, match="no moves found"):
                    moves.read(table)
                continue
            result = moves.read(table)
            assert dict(result.counts) == counts, name
            assert dict(result.probabilities) == pytest.approx(probabilities), name
            assert set(result.months) == set(months), name
            for key, value in months.items():
                assert math.isclose(result.months[key], value, abs_tol=1e-9), (name, key)
            assert result.report.counts["people"] == people, name
            assert result.report.counts[STAYS] == stays, name
            observed = result.graph.transition(*next(iter(counts))).observed
            assert observed is not None
            assert observed.count == counts[next(iter(counts))]


STAYS = "rows that stay in the same role (not a move)"


def generated(people: int, seed: int) -> list[dict[str, Any]]:
    """A history table of ``people`` people with four jobs each, in a shuffled order."""
    rng = random.Random(seed)
    rows = [
        {"person": f"p{p}", "role": rng.choice(ROLES), "start": DAY0 + timedelta(day)}
        for p in range(people)
        for day in sorted(rng.sample(range(4000), 4))
    ]
    rng.shuffle(rows)
    return rows


def test_dask_computes_only_the_moves_table_into_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """On Dask the checks, the lag and the medians run on the partitions: what is computed
    into Python is per distinct value or per pair of roles, never the rows."""
    import dask.base

    rows = generated(300, seed=3)
    counts, _, months = reference(rows)
    computed: list[int] = []
    real = dask.base.compute

    def spy(*args: Any, **kwargs: Any) -> Any:
        results = real(*args, **kwargs)
        computed.extend(len(r) if getattr(r, "ndim", 0) else 1 for r in results)
        return results

    monkeypatch.setattr(dask.base, "compute", spy)  # each collection's .compute()
    monkeypatch.setattr(dask, "compute", spy)
    frame = dd.from_pandas(pd.DataFrame(as_strings(rows, end=False)), npartitions=4)
    with dask.config.set(scheduler="synchronous"):
        result = moves.read(frame)
    assert dict(result.counts) == counts
    assert set(result.months) == set(months)
    for key, value in months.items():
        assert math.isclose(result.months[key], value, abs_tol=1e-9), key
    assert (result.report.counts["people"], result.report.counts[STAYS]) == people_and_stays(rows)
    assert computed, "nothing was computed through Dask"
    # The largest table computed is the moves table: one row per pair (at most 20), not 1,200.
    assert max(computed) == len(counts) < len(rows) / 10


BAD = {
    "person": ["a", "a", "b", "b", "c", "c"],
    "role": ["agent", "lead", "agent", "", "agent", "agent"],
    "start": ["2020-01-01", "2020-13-01", "2020-01-01", "2021-01-01", "2020-05-01", "2020-05-01"],
}


@pytest.mark.parametrize("engine", ["pandas", "polars", "pyarrow"])
def test_bad_rows_are_numbered_in_eager_tables(engine: str) -> None:
    table = engines(BAD)[engine]
    with pytest.raises(ImportDataError) as caught:
        moves.read(table)
    problems = dict(caught.value.problems)
    assert "malformed start date '2020-13-01'" in problems[2]
    assert problems[4].startswith("empty role")
    assert problems[6].startswith("duplicate of row 5")


@pytest.mark.parametrize("engine", ["duckdb", "dask", "polars-lazy"])
def test_bad_rows_of_lazy_tables_are_named_by_person_and_start(engine: str) -> None:
    with dask.config.set(scheduler="synchronous"), pytest.raises(ImportDataError) as caught:
        moves.read(engines(BAD)[engine])
    text = str(caught.value)
    assert "person 'a', start '2020-13-01': malformed start date" in text
    assert "person 'b', start '2021-01-01': empty role" in text
    assert "person 'c' has two jobs ('agent', 'agent') that start on 2020-05-01" in text


def test_unknown_roles_and_the_row_limit_before_reading(tmp_path: Path) -> None:
    import supportladder

    graph = supportladder.load("support-ladder")
    frame = pl.DataFrame(
        {
            "person": ["a", "a"],
            "role": ["support-technician", "Wizard"],
            "start": ["2020-01", "2021-01"],
        }
    )
    with pytest.raises(ImportDataError, match=r"row 2: role: no role 'Wizard'"):
        moves.read(frame, graph=graph)
    with pytest.raises(ImportDataError, match="more than 1 rows"):
        moves.read(duckdb.from_arrow(frame.to_arrow()), max_rows=1)
    path = tmp_path / "h.csv"
    path.write_text("person,role,start\n" + "a,x,2020-01-01\n" * 3 + "a,y,2021-01-01\n")
    with pytest.raises(ImportDataError, match=r"h\.csv: row 4: more than 2 rows"):
        moves.read(path, max_rows=2)


def test_dates_and_ends_are_checked() -> None:
    table = pa.table(
        {
            "person": ["a", "a", "b", "b"],
            "role": ["agent", "lead", "agent", "lead"],
            "start": ["2020-02-29", "2021-02-29", "2020-01-01", "2020-06-01"],
            "end": ["", "", "2019-12-01", ""],
        }
    )
    with pytest.raises(ImportDataError) as caught:
        moves.read(table)
    problems = dict(caught.value.problems)
    assert "malformed start date '2021-02-29'" in problems[2]
    assert "end date '2019-12-01' is before the start date '2020-01-01'" in problems[3]


def test_a_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from supportladder.importers import histories

    real = builtins.__import__

    def no_narwhals(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("narwhals"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_narwhals)
    monkeypatch.setattr(histories.importlib, "import_module", lambda name: no_narwhals(name))
    with pytest.raises(ImportError, match=r"supportladder\[hr\]"):
        moves.read(pl.DataFrame({"person": ["a"], "role": ["b"], "start": ["2020-01-01"]}))


CELLS = {
    "person": ["a", "b", " c ", "", "  "],
    "role": ["Agent", "agent", "Team Lead", "team-lead", "QA", "!!!", "", " QA "],
    "start": [
        "2020-01-01",
        "2020-01",
        " 2021-06-15 ",
        "2021-06-15T10:30",
        "2020-13-01",
        "2021-02-29",
        "2024-02-29",
        "0000-01-01",
        "abc",
        "",
        "2022-03-04",
        "2019-11-30",
    ],
}


def outcome(table: Any) -> Any:
    try:
        result = moves.read(table)
    except ImportDataError as exc:
        return ("error", exc.problems)
    return (
        dict(result.counts),
        {k: round(v, 9) for k, v in result.months.items()},
        dict(result.report.counts),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.fixed_dictionaries({c: st.sampled_from(v) for c, v in CELLS.items()}),
        min_size=1,
        max_size=12,
    )
)
def test_engines_reject_what_the_row_reader_rejects_with_the_same_messages(
    rows: list[dict[str, str]],
) -> None:
    expected = outcome(rows)
    columns = {c: [r[c] for r in rows] for c in CELLS}
    for name, table in (
        ("pandas", pd.DataFrame(columns).astype("string")),
        ("polars", pl.DataFrame(columns)),
        ("pyarrow", pa.table(columns)),
    ):
        assert outcome(table) == expected, name


TYPED = {
    "empty cells and dates": {
        "person": ["a", "a", None, "b", "b", "b"],
        "role": ["x", "y", "x", "x", None, "y"],
        "start": [
            date(2020, 1, 1),
            date(2021, 1, 1),
            date(2020, 1, 1),
            None,
            date(2020, 3, 1),
            date(2020, 5, 1),
        ],
    },
    "duplicates only": {
        "person": ["a", "a", "b", "b", "a", "c", "c"],
        "role": ["x", "y", "x", "y", "z", "x", "x"],
        "start": [
            *("2020-01-01", "2021-01-01", "2020-01-01", "2020-01-01", "2020-01-01"),
            *("2020-02-01", " 2020-02-01"),
        ],
    },
    "ends": {
        "person": ["a", "a", "b", "b", "b"],
        "role": ["x", "y", " x", "y", "x"],
        "start": ["2020-01-01", "2021-01-01", "2020-01-01", "2020-06-01", "2021-06"],
        "end": ["2020-02-01", None, " ", "2020-09-30", None],
    },
    "zoned times": {
        "person": ["a", "a", "a"],
        "role": ["x", "y", "x"],
        "start": [
            datetime(2020, 1, 1, 23, tzinfo=timezone(timedelta(hours=-5))),
            datetime(2021, 1, 1, tzinfo=UTC),
            None,
        ],
    },
}


@pytest.mark.parametrize("case", sorted(TYPED))
def test_pyarrow_tables_of_any_type_and_chunking_read_as_rows_do(case: str) -> None:
    """PyArrow tables are checked per distinct value: nulls, types and chunks change nothing."""
    data = TYPED[case]
    expected = outcome([dict(zip(data, v, strict=True)) for v in zip(*data.values(), strict=True)])
    table = pa.table(data)
    chunked = pa.concat_tables([table.slice(0, 2), table.slice(2, 1), table.slice(3)])
    for name, each in (("pyarrow", table), ("chunked", chunked), ("polars", pl.DataFrame(data))):
        assert outcome(each) == expected, name


def test_duplicates_in_a_csv_file_are_numbered(tmp_path: Path) -> None:
    data = TYPED["duplicates only"]
    path = tmp_path / "jobs.csv"
    lines = [",".join(data), *(",".join(v) for v in zip(*data.values(), strict=True))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ImportDataError) as caught:
        moves.read(path)
    problems = caught.value.problems
    assert [row for row, _ in problems] == [5, 6, 8]
    assert problems[0][1].startswith("'b' also starts 'x' on that day (row 4)")
    assert problems[1][1].startswith("'a' also starts 'x' on that day (row 2)")
    assert problems[2][1].startswith("duplicate of row 7: two jobs of one person cannot start")
