"""Fuzz the importers: any input either imports or raises ImportDataError naming file and row.

Valid inputs — small O*NET and ESCO folders and observed-moves tables cut from the fixtures
in ``tests/data`` — are damaged in structure (rows, columns, cells, references) and in bytes
(encodings, BOMs, line ends, binary junk, missing files), then imported.  Each import must
either succeed, giving a valid graph that round-trips through TOML and a report that
accounts for every row, or raise :class:`~supportladder.importers.ImportDataError` whose
message names the file and, for a row at fault, a row number the file has.

The default run tries ``SUPPORTLADDER_FUZZ_EXAMPLES`` (50) cases per test; `.ci/run` runs a
dedicated pass with 10,000.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import supportladder
from supportladder import CareerGraph
from supportladder.importers import ImportDataError, esco, moves, onet

EXAMPLES = int(__import__("os").environ.get("SUPPORTLADDER_FUZZ_EXAMPLES", "50"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
DATA = Path(__file__).parent / "data"
MAX_LINE = 1000  # no line of an error message may be longer: long values are shortened

Rows = list[list[str]]


# ---------------------------------------------------------------------- base inputs
def _tab_file(path: Path) -> tuple[list[str], Rows]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[0].split("\t"), [line.split("\t") for line in lines[1:] if line]


def _csv_file(path: Path) -> tuple[list[str], Rows]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


# Seven occupations of the O*NET fixture (one without a Job Zone, one without ratings) and
# three skills and three knowledge areas: small enough to import thousands of times.
ONET_CODES = {
    "43-4051.00",
    "43-1011.00",
    "41-2031.00",
    "11-1021.00",
    "15-1232.00",
    "11-9039.00",
    "11-1031.00",
}


def _onet_base() -> dict[str, tuple[list[str], Rows]]:
    out: dict[str, tuple[list[str], Rows]] = {}
    for name in onet.FILES.values():
        header, rows = _tab_file(DATA / "onet" / name)
        rows = [r for r in rows if r[0] in ONET_CODES]
        if "Element ID" in header:
            column = header.index("Element ID")
            keep = sorted({r[column] for r in rows})
            if name != "Interests.txt":
                keep = keep[:3]
            rows = [r for r in rows if r[column] in keep]
        out[name] = (header, rows)
    return out


def _esco_base() -> dict[str, tuple[list[str], Rows]]:
    return {name: _csv_file(DATA / "esco" / name) for name in esco.FILES.values()}


def serialise(header: list[str], rows: Rows, delimiter: str) -> str:
    if delimiter == "\t":
        return "".join("\t".join(r) + "\n" for r in [header, *rows])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for r in [header, *rows]:
        writer.writerow(r)
    return out.getvalue()


ONET_BASE = _onet_base()
ESCO_BASE = _esco_base()
MOVES_BASE = {name: _csv_file(DATA / "moves" / name) for name in ("counts.csv", "histories.csv")}
CLEAN = {
    (id(base), name): serialise(header, rows, delimiter).encode("utf-8")
    for base, delimiter in ((ONET_BASE, "\t"), (ESCO_BASE, ","))
    for name, (header, rows) in base.items()
}


# ---------------------------------------------------------------------- damage
SPECIAL = [
    "",
    " ",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "1e308",
    "1e999",
    "-1",
    "0",
    "1",
    "3",
    "7.5",
    "9.5",
    "2.5",
    "four",
    "4_0",
    "\u0663",  # ARABIC-INDIC DIGIT THREE
    "\uff11",  # FULLWIDTH DIGIT ONE
    "0x10",
    "9" * 5000,
    "Y",
    "N",
    "maybe",
    "IM",
    "LV",
    "OI",
    "IH",
    "essential",
    "optional",
    "knowledge",
    "skill/competence",
    "99-9999.99",
    "\u0664\u0663-\u0664\u0660\u0665\u0661.\u0660\u0660",  # 43-4051.00 in Arabic-Indic digits
    "4222",
    "\u0664\u0662\u0662\u0662",
    "http://data.europa.eu/esco/skill/nope",
    "http://data.europa.eu/esco/occupation/NOPE_X",
    "2020-13-01",
    "2020-02",
    "2021-06-15T08:00:00+02:00",
    "0001-01-01T00:00+05:00",
    "9999-12-31T23:59-05:00",
    "Team Lead",
    "team lead",
    "a.b",
    "A.B",
    "!!!",
    "-",
    ".",
    '"',
    'a"b',
    '"quoted"',
    "a,b",
    "a\tb",
    "a\nb",
    "a\r\nb",
    "a\rb",
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\ufeff",
    "\u2028",
    "\udcff",  # written as the byte 0xFF: not UTF-8
    "caf\u00e9",
    "x" * 3000,
]


# Strategies are built once: building them inside every draw would dominate the run time.
OTHER_VALUES = st.one_of(
    st.sampled_from(tuple(SPECIAL)),
    st.text(max_size=8),
    st.floats().map(repr),
    st.integers(-(10**20), 10**20).map(str),
)
TABLE_ACTIONS = st.sampled_from(
    (
        "set",
        "set",
        "set",
        "delete-row",
        "duplicate-row",
        "swap-cells",
        "drop-column",
        "drop-header-name",
        "rename-column",
        "add-column",
        "ragged",
        "blank-line",
        "truncate",
        "wide-row",
        "long-field",
        "many-rows",
    )
)
RENAMED = st.one_of(st.sampled_from(("", "Code", "extra")), st.text(max_size=6))
ADDED_COLUMN = st.sampled_from(("extra", "", "count", "role", "Title"))
FILLER = st.sampled_from(("", "x", "1"))


def pick(draw: st.DrawFn, items: list[Any]) -> Any:
    return items[draw(st.integers(0, len(items) - 1))]


def cell_value(draw: st.DrawFn, column: list[str]) -> str:
    """Another row's value of the column (a duplicate or a swapped reference), or junk."""
    if not column or draw(st.booleans()):
        return str(draw(OTHER_VALUES))
    return str(pick(draw, column))


@st.composite
def damaged_table(
    draw: st.DrawFn, header: list[str], rows: Rows
) -> tuple[list[str], list[list[str]]]:
    """The table with one to three structural edits."""
    header, rows = list(header), [list(r) for r in rows]
    for _ in range(draw(st.integers(1, 3))):
        action = draw(TABLE_ACTIONS)
        width = len(header)
        data = [r for r in rows if r]
        if action == "set" and data and width:
            row = pick(draw, data)
            j = draw(st.integers(0, len(row) - 1))
            row[j] = cell_value(draw, [r[j] for r in data if len(r) > j])
        elif action == "delete-row" and rows:
            del rows[draw(st.integers(0, len(rows) - 1))]
        elif action == "duplicate-row" and rows:
            rows.insert(draw(st.integers(0, len(rows))), list(pick(draw, rows)))
        elif action == "swap-cells" and len(data) >= 2 and width:
            a, b = pick(draw, data), pick(draw, data)
            j = draw(st.integers(0, width - 1))
            if j < len(a) and j < len(b):
                a[j], b[j] = b[j], a[j]
        elif action == "drop-column" and width:
            j = draw(st.integers(0, width - 1))
            for r in [header, *rows]:
                if j < len(r):
                    del r[j]
        elif action == "drop-header-name" and width:
            del header[draw(st.integers(0, width - 1))]
        elif action == "rename-column" and width:
            j = draw(st.integers(0, width - 1))
            how = draw(st.integers(0, 3))
            if how == 0:
                header[j] = header[j].upper()
            elif how == 1:
                header[j] = f" {header[j]} "
            elif how == 2:
                header[j] = pick(draw, header)  # two columns of one name
            else:
                header[j] = draw(RENAMED)
        elif action == "add-column":
            header.insert(draw(st.integers(0, width)), draw(ADDED_COLUMN))
            filler = draw(FILLER)
            for r in rows:
                if r:
                    r.append(filler)
        elif action == "ragged" and data:
            row = pick(draw, data)
            if draw(st.booleans()) or len(row) < 2:
                row.append(draw(FILLER))
            else:
                row.pop()
        elif action == "blank-line":
            rows.insert(draw(st.integers(0, len(rows))), [])
        elif action == "truncate":
            rows = rows[: draw(st.integers(0, max(0, len(rows) - 1)))]
        elif action == "wide-row" and data:
            pick(draw, data).extend(["w"] * 2000)
        elif action == "long-field" and data and width:
            row = pick(draw, data)
            row[draw(st.integers(0, len(row) - 1))] = "L" * (
                10_000 if draw(st.booleans()) else 200_000
            )
        elif action == "many-rows" and data:
            rows = rows * draw(st.integers(2, 4))
    return header, rows


# What becomes of a file once written: mostly nothing more, else byte-level damage.
FILE_DAMAGE = st.sampled_from(
    (
        "none",
        "none",
        "none",
        "none",
        "crlf",
        "bom",
        "latin-1",
        "utf-16",
        "cut",
        "append-bytes",
        "text",
        "binary",
        "empty",
        "whitespace",
        "missing",
        "folder",
    )
)
TEXT_EDITS = st.sampled_from(("delete", "insert", "replace", "dup-line"))
INSERTED = st.text(max_size=6)
REPLACEMENT = st.sampled_from(tuple('\t,"\n\r\x00;\\'))
WHITESPACE = st.sampled_from((b"\n", b"\n\n\n", b"  \t \n", b"\r\n"))
JUNK = st.binary(max_size=300)
TAIL = st.binary(min_size=1, max_size=20)


@st.composite
def damaged_bytes(draw: st.DrawFn, text: str) -> bytes | None:
    """``text`` as bytes, perhaps damaged; ``None`` for "no file" and b"/" for a folder."""
    action = draw(FILE_DAMAGE)
    if action == "missing":
        return None
    if action == "folder":
        return b"/"
    if action == "binary":
        return draw(JUNK)
    if action == "empty":
        return b""
    if action == "whitespace":
        return draw(WHITESPACE)
    if action == "crlf":
        text = text.replace("\n", "\r\n")
    elif action == "bom":
        text = "\ufeff" + text
    elif action == "text" and text:
        for _ in range(draw(st.integers(1, 3))):
            i = draw(st.integers(0, len(text) - 1))
            j = draw(st.integers(i, min(len(text), i + 30)))
            how = draw(TEXT_EDITS)
            if how == "delete":
                text = text[:i] + text[j:]
            elif how == "insert":
                text = text[:i] + draw(INSERTED) + text[i:]
            elif how == "replace":
                text = text[:i] + draw(REPLACEMENT) + text[i + 1 :]
            else:
                lines = text.splitlines(keepends=True)
                k = draw(st.integers(0, len(lines) - 1))
                lines.insert(k, lines[k])
                text = "".join(lines)
            if not text:
                break
    if action == "latin-1":
        return text.encode("latin-1", errors="replace")
    if action == "utf-16":
        return text.encode("utf-16", errors="surrogatepass")
    data = text.encode("utf-8", errors="surrogateescape")
    if action == "cut" and data:
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif action == "append-bytes":
        data += draw(TAIL)
    return data


@st.composite
def damaged_folder(
    draw: st.DrawFn, base: dict[str, tuple[list[str], Rows]], delimiter: str
) -> dict[str, bytes | None]:
    """The files of a folder, one or two of them damaged."""
    names = list(base)
    hit = {pick(draw, names) for _ in range(draw(st.integers(1, 2)))}
    out: dict[str, bytes | None] = {}
    for name in names:
        header, rows = base[name]
        if name in hit:
            if draw(st.integers(0, 4)):
                header, rows = draw(damaged_table(header, rows))
            out[name] = draw(damaged_bytes(serialise(header, rows, delimiter)))
        else:
            out[name] = CLEAN[id(base), name]
    return out


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as d:
        yield Path(d)


_ON_DISK: dict[Path, bytes | None] = {}


def write_folder(root: Path, files: dict[str, bytes | None]) -> Path:
    """Make ``root/in`` hold exactly ``files`` (rewriting only the files that changed)."""
    folder = root / "in"
    if not folder.is_dir():
        folder.mkdir()
        _ON_DISK.clear()
    for path in list(folder.iterdir()):
        if path.name not in files:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
            _ON_DISK.pop(path, None)
    for name, data in files.items():
        path = folder / name
        if path in _ON_DISK and _ON_DISK[path] == data and (data is None or path.exists()):
            continue
        if path.is_dir():
            path.rmdir()
        elif path.exists():
            path.unlink()
        if data == b"/":
            path.mkdir()
        elif data is not None:
            path.write_bytes(data)
        _ON_DISK[path] = data
    return folder


# ---------------------------------------------------------------------- the contract
def rows_of(path: str) -> int:
    """The most rows a file can have: its physical lines, plus one."""
    file = Path(path)
    if not file.is_file():
        return 1
    data = file.read_bytes()
    return max(1, len(data.splitlines())) + 1


def check(run: Callable[[], Any], allowed: dict[str, int]) -> Any:
    """Run an import; any failure must be an ImportDataError naming a file and its rows.

    ``allowed`` maps each path an error may name to the largest row number it may give.
    """
    try:
        return run()
    except ImportDataError as exc:
        message = str(exc)
        assert exc.path in allowed, (exc.path, list(allowed))
        assert exc.problems
        lines = message.splitlines()
        assert lines[0] == (
            f"{exc.path}: {len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''} found"
        )
        for line in lines[1:]:
            assert line.startswith((f"  - {exc.path}: ", "  ... and ")), line
            assert len(line) <= MAX_LINE, line[:200]
        for row, text in exc.problems:
            assert row is None or 1 <= row <= allowed[exc.path], (row, text)
            assert text.strip()
        return None


def assert_round_trip(graph: CareerGraph) -> None:
    assert supportladder.loads(supportladder.dumps(graph)) == graph


# ---------------------------------------------------------------------- O*NET
@FUZZ
@given(files=damaged_folder(ONET_BASE, "\t"), named=st.booleans())
def test_onet(workdir: Path, files: dict[str, bytes | None], named: bool) -> None:
    folder = write_folder(workdir, files)
    allowed = {str(folder / name): rows_of(str(folder / name)) for name in files}
    allowed[str(folder)] = 1
    # every block asked for by name (its files must be there), or the default: those found
    descriptors = onet.DESCRIPTORS if named else None
    result = check(lambda: onet.read(folder, descriptors=descriptors, neighbours=2), allowed)
    if result is None:
        return
    counts = result.report.counts
    assert counts["occupations read"] == (
        counts["roles"] + counts["skipped: no job zone"] + counts["skipped: no evidence"]
    )
    assert counts["roles"] == len(result.graph.roles)
    for move in result.graph.transitions:  # no move without a shared evidence block
        assert move.note.split("(", 1)[1].split(")", 1)[0], move.note
    assert_round_trip(result.graph)


# ---------------------------------------------------------------------- ESCO
@FUZZ
@given(files=damaged_folder(ESCO_BASE, ","))
def test_esco(workdir: Path, files: dict[str, bytes | None]) -> None:
    folder = write_folder(workdir, files)
    allowed = {str(folder / name): rows_of(str(folder / name)) for name in files}
    allowed[str(folder)] = 1
    result = check(lambda: esco.read(folder, neighbours=2), allowed)
    if result is None:
        return
    counts = result.report.counts
    assert counts["occupations read"] == counts["roles"] + counts["skipped: no skill relations"]
    assert counts["roles"] == len(result.graph.roles)
    assert_round_trip(result.graph)


# ---------------------------------------------------------------------- observed moves
def account_for_rows(result: moves.ObservedMoves) -> None:
    """A clean import accounts for every row it read."""
    counts = result.report.counts
    if "people" in counts:  # histories: each person's k jobs are k - 1 moves or stays
        assert counts["rows read"] == (
            counts["people"]
            + counts["moves observed (sum of counts)"]
            + counts["rows that stay in the same role (not a move)"]
        )
    else:
        assert counts["rows read"] == (
            counts["moves"]
            + counts["rows with count 0 (not a move)"]
            + counts["rows from a role to itself (not a move)"]
        )
    assert sum(result.counts.values()) == counts["moves observed (sum of counts)"]
    assert_round_trip(result.graph)


@FUZZ
@given(
    name=st.sampled_from(sorted(MOVES_BASE)),
    data=st.data(),
    merge=st.booleans(),
)
def test_moves_csv(workdir: Path, name: str, data: st.DataObject, merge: bool) -> None:
    header, rows = MOVES_BASE[name]
    if data.draw(st.integers(0, 4)):
        header, rows = data.draw(damaged_table(header, rows))
    blob = data.draw(damaged_bytes(serialise(header, rows, ",")))
    folder = write_folder(workdir, {name: blob})
    path = folder / name
    graph = MINI if merge else None
    result = check(lambda: moves.read(path, graph=graph), {str(path): rows_of(str(path))})
    if result is not None:
        account_for_rows(result)


MINI = supportladder.load(DATA / "mini.toml")

TYPED: list[Any] = [
    None,
    float("nan"),
    float("inf"),
    -float("inf"),
    -1,
    0,
    1,
    3,
    2.5,
    3.0,
    1e300,
    10**30,
    10**5000,
    True,
    "",
    "  ",
    "3",
    "-2",
    date(2020, 1, 1),
    datetime(2021, 6, 1, 12, 0),
    datetime(2021, 6, 1, 12, 0, tzinfo=UTC),
    datetime.min.replace(tzinfo=UTC),
    "2020-01",
    b"rep",
    [1, 2],
    {"a": 1},
    ("rep",),
]


@st.composite
def damaged_records(draw: st.DrawFn) -> list[Any]:
    name = draw(st.sampled_from(sorted(MOVES_BASE)))
    header, rows = MOVES_BASE[name]
    records: list[Any] = [dict(zip(header, r, strict=True)) for r in rows]
    if name == "histories.csv" and draw(st.booleans()):
        for r in records:  # real dates, as a DataFrame would hold them
            r["start"] = date.fromisoformat(r["start"])
    for _ in range(draw(st.integers(1, 4))):
        action = draw(
            st.sampled_from(
                ["set", "set", "set", "drop-key", "add-key", "rename-key", "item", "dup", "del"]
            )
        )
        if not records:
            break
        i = draw(st.integers(0, len(records) - 1))
        record = records[i]
        if not isinstance(record, dict):
            continue
        keys = list(record)
        if action == "set" and keys:
            record[draw(st.sampled_from(keys))] = draw(
                st.one_of(st.sampled_from(TYPED), st.sampled_from(SPECIAL), st.text(max_size=6))
            )
        elif action == "drop-key" and keys:
            del record[draw(st.sampled_from(keys))]
        elif action == "add-key":
            record[draw(st.sampled_from(["extra", "ROLE", " role ", "Count", "to", 7]))] = "x"
        elif action == "rename-key" and keys:
            key = draw(st.sampled_from(keys))
            record[draw(st.sampled_from([str(key).upper(), f" {key}", "zzz"]))] = record.pop(key)
        elif action == "item":
            records[i] = draw(st.sampled_from([None, "rep", ("rep", "lead", 1), 3, []]))
        elif action == "dup":
            records.insert(draw(st.integers(0, len(records))), dict(record))
        else:
            del records[i]
    return records


@FUZZ
@given(records=damaged_records(), merge=st.booleans())
def test_moves_records(records: list[Any], merge: bool) -> None:
    graph = MINI if merge else None
    result = check(lambda: moves.read(records, graph=graph), {"<table>": max(1, len(records))})
    if result is not None:
        account_for_rows(result)


# ---------------------------------------------------------------------- the bases import
def test_bases_import(workdir: Path) -> None:
    folder = write_folder(
        workdir, {n: serialise(h, r, "\t").encode() for n, (h, r) in ONET_BASE.items()}
    )
    assert len(onet.load(folder, neighbours=2).roles) == 6  # 11-1031.00: no ratings, kept
    folder = write_folder(
        workdir, {n: serialise(h, r, ",").encode() for n, (h, r) in ESCO_BASE.items()}
    )
    assert len(esco.load(folder, neighbours=2).roles) == 8
    for header, rows in MOVES_BASE.values():
        records = [dict(zip(header, r, strict=True)) for r in rows]
        account_for_rows(moves.read(records))
