"""Build a career graph from observed moves: career histories or counts of moves.

Two table shapes are read, from a CSV file or from any in-memory table (a pandas
DataFrame or anything with ``.to_dict("records")``, or an iterable of mappings):

- **histories**: columns ``person``, ``role``, ``start`` — one row per job a person held,
  with its start date (ISO ``YYYY-MM-DD``, ``YYYY-MM``, a datetime, or a date).  Each
  person's jobs are ordered by start date; each change of role is one move.
- **counts**: columns ``source``, ``target``, ``count`` (``from`` and ``to`` are accepted
  for ``source`` and ``target``) — how many people made each move.

Every move gets its ``count`` and its ``probability`` (its count over all observed moves out
of its source).  The edge's note records them as ``"observed N of M moves out of SOURCE
(p = P)"``.  With ``graph=`` the moves are merged onto an existing
:class:`~supportladder.CareerGraph` whose role names they are matched to, and weights stay
skill deltas; without it roles carry no skills, so every move costs the graph's base cost —
use :meth:`ObservedMoves.to_networkx`, whose edge ``weight`` is ``-log(probability)``.

Bad rows (missing values, unknown roles, malformed dates or counts, duplicates) are all
reported at once in an :class:`~supportladder.importers.ImportDataError`, with their row
numbers: the header of a CSV file is row 1; in-memory tables number their records from 1.
Rows that are valid but are not moves (a person staying in the same role, a count of 0, a
move from a role to itself) are counted in the report.

Examples
--------
>>> from supportladder.importers import moves
>>> rows = [
...     {"person": "ann", "role": "Agent", "start": "2020-01-01"},
...     {"person": "ann", "role": "Team Lead", "start": "2022-03-01"},
...     {"person": "bob", "role": "Agent", "start": "2021-05-01"},
...     {"person": "bob", "role": "Trainer", "start": "2023-01-01"},
... ]
>>> result = moves.read(rows)
>>> result.counts[("agent", "team-lead")], result.probabilities[("agent", "team-lead")]
(1, 0.5)
>>> round(result.to_networkx()["agent"]["trainer"]["weight"], 4)  # -log(0.5)
0.6931
>>> result.graph.transition("agent", "trainer").note
'observed 1 of 2 moves out of agent (p = 0.500)'
"""

from __future__ import annotations

import itertools
import math
import os
import re
import statistics
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import attrs
import networkx as nx
from attrs import frozen

from supportladder._frozen import FrozenDict, freeze
from supportladder.errors import RoleNotFoundError
from supportladder.graph import CareerGraph
from supportladder.importers import ImportDataError, ImportReport, _sources
from supportladder.importers import histories as _frames
from supportladder.importers._loading import parameters_of
from supportladder.importers._tables import (
    Limits,
    Problems,
    classify,
    show,
    slug,
)
from supportladder.model import MAX_ID_LENGTH, Observed, Role, Transition
from supportladder.model._rules import ID_RE

__all__ = ["HISTORY_COLUMNS", "MOVE_COLUMNS", "ObservedMoves", "load", "read"]

HISTORY_COLUMNS = ("person", "role", "start")
"""Columns of a table of career histories."""

MOVE_COLUMNS = ("source", "target", "count")
"""Columns of a table of move counts (``from`` and ``to`` also name source and target)."""

_MONTH_RE = re.compile(r"[0-9]{4}-[0-9]{2}")
_WHOLE_RE = re.compile(r"[+-]?[0-9]{1,16}")
MAX_COUNT = 10**15
"""Largest count of one move: more than any workforce, and exact as a float."""
_NOTE_RE = re.compile(r"observed \d+ of \d+ moves out of \S+ \(p = [0-9.]+\)")


@frozen
class ObservedMoves:
    """The result of :func:`read`: the graph, the observed counts and probabilities.

    Attributes
    ----------
    graph : CareerGraph
        The roles and moves (merged onto the ``graph=`` given, if any).
    counts : mapping of (str, str) to int
        How many times each move was observed, by ``(source id, target id)``.
    probabilities : mapping of (str, str) to float
        ``counts[a, b] / Σ_x counts[a, x]``: how likely a move out of ``a`` goes to ``b``.
    skill_weights : bool
        Whether the graph's weights are skill deltas (``graph=`` was given).
    report : ImportReport
        Rows read, moves found, rows that were not moves.
    months : mapping of (str, str) to float
        The median months people spent in the source role before each move (histories
        only: ``end`` if given, else the next job's ``start``, minus ``start``).
    """

    graph: CareerGraph
    counts: FrozenDict[tuple[str, str], int]
    probabilities: FrozenDict[tuple[str, str], float]
    skill_weights: bool
    report: ImportReport
    months: FrozenDict[tuple[str, str], float] = attrs.field(factory=FrozenDict, kw_only=True)

    def costs(self) -> dict[tuple[str, str], float]:
        """Return ``-log(probability)`` of every observed move: likely moves are cheap."""
        return {key: -math.log(p) for key, p in self.probabilities.items()}

    def to_networkx(self) -> nx.DiGraph:
        """Return the graph as a networkx DiGraph with the observations on its edges.

        Every edge of an observed move has ``count``, ``probability`` and ``cost``
        (``-log(probability)``).  ``weight`` is the skill delta when the moves were merged
        onto a graph with skills, else ``cost``.  Unobserved moves of a merged graph keep
        their skill-delta weight and have ``count`` 0.
        """
        g = self.graph.to_networkx()
        costs = self.costs()
        for a, b, data in g.edges(data=True):
            key = (a, b)
            data["count"] = self.counts.get(key, 0)
            data["probability"] = self.probabilities.get(key, 0.0)
            data["cost"] = costs.get(key, math.inf)
            if not self.skill_weights:
                data["weight"] = data["cost"]
        return g


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        if value != value:  # NaN, pandas NaT
            return True
    except (TypeError, ValueError):
        return False
    return isinstance(value, str) and not value.strip()


def _text(value: Any) -> str | None:
    """Return a cell as text; ``None`` if it cannot be written as text (a huge int)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        return str(value).strip()
    except ValueError:
        return None


def _unreadable(record: dict[str, Any], columns: Iterable[str], names: Iterable[str]) -> str | None:
    """Return why a record has empty ``columns`` or unreadable ``names``, or ``None``."""
    empty = [c for c in columns if _missing(record.get(c))]
    if empty:
        return f"empty {', '.join(empty)}; fill in every column or remove the row"
    bad = [c for c in names if _text(record[c]) is None]
    if bad:
        return f"{', '.join(bad)}: a number too long to be a name; write a name"
    return None


def _date(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        text = value.strip()
        try:
            if _MONTH_RE.fullmatch(text):
                moment = datetime(int(text[:4]), int(text[5:]), 1)
            elif text.isascii():
                moment = datetime.fromisoformat(text)
            else:
                return None
        except ValueError:
            return None
    else:
        return None
    if moment.tzinfo is not None:
        try:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        except (OverflowError, ValueError):  # e.g. 0001-01-01T00:00+05:00 is before year 1 in UTC
            return None
    return moment


def _count(value: Any) -> int | None:
    """Return a whole number of moves, 0 to :data:`MAX_COUNT`, or ``None``."""
    number: int | None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float):
        number = int(value) if value.is_integer() else None
    elif isinstance(value, str):
        text = value.strip()
        number = int(text) if _WHOLE_RE.fullmatch(text) else None
    else:
        try:  # numpy integers and the like
            number = int(value)
            if number != value:
                number = None
        except (TypeError, ValueError, OverflowError):
            number = None
    return number if number is not None and 0 <= number <= MAX_COUNT else None


class _Roles:
    """Resolves the role names of a table, onto a graph or into new roles."""

    def __init__(self, graph: CareerGraph | None) -> None:
        self.graph = graph
        self.new: dict[str, str] = {}  # id -> title, first seen
        self.names: dict[str, str] = {}  # casefolded id or title -> id
        self.unknown: dict[tuple[str, str], tuple[int, list[int | None]]] = {}  # -> problem, rows

    def _unknown(
        self, ref: str, row: int | None, column: str, problems: Problems, exc: RoleNotFoundError
    ) -> None:
        """Report an unknown role once, naming every row it is on (not one line per row)."""
        close = ", ".join(show(s) for s in exc.suggestions)
        message = f"{column}: no role {show(ref)} in graph {exc.graph_name!r}; " + (
            f"did you mean {close}? " if close else ""
        )
        message += f"use a role of graph {exc.graph_name!r} or add the role to it"
        seen = self.unknown.get((column, ref))
        if seen is None:
            self.unknown[(column, ref)] = (len(problems.items), [row])
            problems.add(row, message)
            return
        index, rows = seen
        rows.append(row)
        more = ", ".join(map(str, rows[1:6])) + (
            f" and {len(rows) - 6} more" if len(rows) > 6 else ""
        )
        problems.items[index] = (rows[0], f"{message} (also on rows {more})")

    def resolve(self, ref: str, row: int | None, column: str, problems: Problems) -> str | None:
        if self.graph is not None:
            try:
                return self.graph.role(ref).id
            except RoleNotFoundError as exc:
                self._unknown(ref, row, column, problems, exc)
                return None
        known = self.names.get(ref.casefold())
        if known is not None:
            return known
        role_id = ref if ID_RE.fullmatch(ref) else slug(ref)
        if not role_id:
            problems.add(
                row, f"{column}: {show(ref)} cannot name a role; use letters or digits in it"
            )
            return None
        if len(role_id) > MAX_ID_LENGTH:
            problems.add(
                row,
                f"{column}: {show(ref)} is {len(ref):,} characters long, too long for a role's "
                f"name (its id may have at most {MAX_ID_LENGTH}); shorten it",
            )
            return None
        known = self.names.get(role_id)
        if known is not None:
            return known
        # A new role, named by its id and its title: no later name may name another role.
        self.new[role_id] = ref
        self.names[role_id] = role_id
        self.names[ref.casefold()] = role_id
        return role_id


def read(
    table: str | os.PathLike[str] | Iterable[Mapping[str, Any]] | Any,
    *,
    graph: CareerGraph | None = None,
    columns: Mapping[str, str] | None = None,
    name: str | None = None,
    source: str | None = None,
    max_file_bytes: int | None = None,
    max_rows: int | None = None,
) -> ObservedMoves:
    """Read observed moves; return the graph with their counts and probabilities.

    Parameters are those of :func:`load`.

    Returns
    -------
    ObservedMoves
    """
    source_table = _sources.read_source(table, Limits.of(max_file_bytes, max_rows))
    where = source_table.where
    problems = Problems(where)
    renamed, present = _sources.rename(
        [(1, dict.fromkeys(source_table.header)), *source_table.records], columns, problems
    )
    records = renamed[1:]  # the header's names are columns even of a table with no rows
    is_history = all(c in present for c in HISTORY_COLUMNS)
    is_counts = all(c in present for c in MOVE_COLUMNS)
    if is_history == is_counts:
        names = sorted(present - {"_row"})
        found = ", ".join(n if len(n) <= 40 else n[:37] + "..." for n in names[:12]) or "none"
        if len(names) > 12:
            found += f" and {len(names) - 12} more"
        raise ImportDataError(
            where,
            [
                (
                    1 if where != "<table>" else None,
                    f"expected the columns {', '.join(HISTORY_COLUMNS)} (career histories) or "
                    f"{', '.join(MOVE_COLUMNS)} (move counts), found {found}; rename the "
                    "columns or pass columns={'person': 'your name', ...}",
                )
            ],
        )
    roles = _Roles(graph)
    counts: dict[tuple[str, str], int] = {}
    months: dict[tuple[str, str], float] = {}
    report: dict[str, int] = {"rows read": len(records)}
    if source_table.frame is not None and is_history:
        problems.check()  # a repeated column name
        # Handed over, with no name left here: aggregate frees the raw columns once it has
        # checked them (a local name would keep them for the whole aggregation).
        handed = [_sources.frame_histories(source_table, columns)]
        source_table.frame = None
        done = _frames.aggregate(
            handed.pop(),
            where,
            source_table.first,
            lambda name, row, found: roles.resolve(name, row, "role", found),
            problems,
        )
        counts, months = done.counts, done.months
        report["rows read"] = done.rows
        report["people"] = done.people
        report["rows that stay in the same role (not a move)"] = done.stays
    elif is_history:
        _histories(records, roles, problems, counts, months, report)
    else:
        if source_table.frame is not None:
            records, _ = _sources.rename(_sources.frame_records(source_table), columns, problems)
            report["rows read"] = len(records)
        _counts(records, roles, problems, counts, report)
    problems.check()
    if not counts:
        raise ImportDataError(
            where, [(None, "no moves found: no row records a change of role; check the table")]
        )

    source = source or (Path(where).name if where != "<table>" else "observed moves")
    result, probabilities = _observed_graph(graph, roles, counts, months, name, source, report)
    report["moves"] = len(counts)
    report["moves observed (sum of counts)"] = sum(counts.values())
    return ObservedMoves(
        result,
        freeze(counts),
        freeze(probabilities),
        graph is not None,
        ImportReport(source, report),
        months=freeze(months),
    )


def _observed_graph(
    graph: CareerGraph | None,
    roles: _Roles,
    counts: dict[tuple[str, str], int],
    months: dict[tuple[str, str], float],
    name: str | None,
    source: str,
    report: dict[str, int],
) -> tuple[CareerGraph, dict[tuple[str, str], float]]:
    """Return the graph of the observed moves (merged onto ``graph``) and their probabilities."""
    out_total: dict[str, int] = {}
    for (a, _), n in counts.items():
        out_total[a] = out_total.get(a, 0) + n
    probabilities = {key: n / out_total[key[0]] for key, n in counts.items()}

    def seen(key: tuple[str, str]) -> Observed:
        return Observed(counts[key], probabilities[key], months.get(key))

    def note(key: tuple[str, str]) -> str:
        return (
            f"observed {counts[key]} of {out_total[key[0]]} moves out of {key[0]} "
            f"(p = {probabilities[key]:.3f})"
        )

    if graph is None:
        new_roles = [Role(rid, title, 1) for rid, title in roles.new.items()]
        transitions = [
            Transition(a, b, "lateral", note=note((a, b)), sources=(source,), observed=seen((a, b)))
            for a, b in counts
        ]
        result = CareerGraph(
            name or "observed-moves",
            title="Observed moves",
            description=f"Moves observed in {source}.",
            roles=new_roles,
            transitions=transitions,
        )
    else:
        merged: list[Transition] = []
        for move in graph.transitions:
            if move.key in counts:
                text = _NOTE_RE.sub("", move.note).strip("; ")
                move = attrs.evolve(
                    move,
                    note=f"{text}; {note(move.key)}" if text else note(move.key),
                    sources=tuple(dict.fromkeys([*move.sources, source])),
                    observed=seen(move.key),
                )
            merged.append(move)
        existing = {m.key for m in graph.transitions}
        for a, b in counts:
            if (a, b) in existing:
                continue
            ra, rb = graph.role(a), graph.role(b)
            kind = classify(ra.level, rb.level, ra.industry, rb.industry)
            merged.append(
                Transition(a, b, kind, note=note((a, b)), sources=(source,), observed=seen((a, b)))
            )
        report["moves new to the graph"] = len(counts) - len(existing & set(counts))
        result = graph.evolve(name=name or graph.name, transitions=merged)
    return result, probabilities


def _end(record: dict[str, Any], start: datetime | None, row: int, problems: Problems) -> Any:
    """Return a job's end date (``None`` if not given); ``False`` after adding its problem."""
    value = record.get("end")
    if _missing(value):
        return None
    end = _date(value)
    if end is None:
        problems.add(
            row, f"malformed end date {show(value)}; write it as YYYY-MM-DD or leave it empty"
        )
        return False
    if start is not None and end.date() < start.date():
        problems.add(
            row,
            f"end date {show(value)} is before the start date {show(record['start'])}; "
            "fix one of them",
        )
        return False
    return end


def _histories(
    records: list[tuple[int, dict[str, Any]]],
    roles: _Roles,
    problems: Problems,
    counts: dict[tuple[str, str], int],
    months: dict[tuple[str, str], float],
    report: dict[str, int],
) -> None:
    people: dict[str, list[tuple[datetime, int, str, datetime | None]]] = {}
    for row, record in records:
        bad = _unreadable(record, HISTORY_COLUMNS, ("person", "role"))
        if bad is not None:
            problems.add(row, bad)
            continue
        start = _date(record["start"])
        if start is None:
            problems.add(
                row,
                f"malformed start date {show(record['start'])}; write it as YYYY-MM-DD",
            )
        end = _end(record, start, row, problems) if start is not None else None
        role_id = roles.resolve(str(_text(record["role"])), row, "role", problems)
        if start is None or role_id is None or end is False:
            continue
        people.setdefault(str(_text(record["person"])), []).append((start, row, role_id, end))
    stays = 0
    spells: dict[tuple[str, str], list[float]] = {}
    for person, jobs in people.items():
        jobs.sort(key=lambda job: (job[0].date(), job[1]))  # a start is a day
        for (d1, r1, a, e1), (d2, r2, b, _) in itertools.pairwise(jobs):
            if d1.date() == d2.date():
                problems.add(r2, _frames.same_day(person, a, b, r1, d2.date()))
            elif a == b:
                stays += 1
            else:
                counts[(a, b)] = counts.get((a, b), 0) + 1
                days = ((e1 or d2).date() - d1.date()).days
                spells.setdefault((a, b), []).append(days / _frames.DAYS_PER_MONTH)
    months.update({key: float(statistics.median(values)) for key, values in spells.items()})
    report["people"] = len(people)
    report["rows that stay in the same role (not a move)"] = stays


def _counts(
    records: list[tuple[int, dict[str, Any]]],
    roles: _Roles,
    problems: Problems,
    counts: dict[tuple[str, str], int],
    report: dict[str, int],
) -> None:
    first: dict[tuple[str, str], int] = {}
    zero = itself = 0
    for row, record in records:
        bad = _unreadable(record, MOVE_COLUMNS, ("source", "target"))
        if bad is not None:
            problems.add(row, bad)
            continue
        n = _count(record["count"])
        if n is None:
            problems.add(
                row,
                f"malformed count {show(record['count'])}; write a whole number, "
                f"0 to {MAX_COUNT:.0e}",
            )
        a = roles.resolve(str(_text(record["source"])), row, "source", problems)
        b = roles.resolve(str(_text(record["target"])), row, "target", problems)
        if n is None or a is None or b is None:
            continue
        if (a, b) in first:
            problems.add(
                row,
                f"duplicate move {show(a)} -> {show(b)} (first at row {first[(a, b)]}); "
                "keep one row per move, or add the counts up",
            )
            continue
        first[(a, b)] = row
        if a == b:
            itself += 1
        elif n == 0:
            zero += 1
        else:
            counts[(a, b)] = n
    report["rows with count 0 (not a move)"] = zero
    report["rows from a role to itself (not a move)"] = itself


@parameters_of(read)
def load(*args: Any, **kwargs: Any) -> CareerGraph:  # noqa: D417 (read's parameters)
    """Build a career graph from observed moves.

    Parameters
    ----------
    table : path, DataFrame-like or iterable of mappings
        A CSV file (header row first), a pandas DataFrame (or anything with
        ``.to_dict("records")``), or an iterable of mappings; with columns ``person``,
        ``role``, ``start`` (histories) or ``source``, ``target``, ``count`` (counts).
    graph : CareerGraph, optional
        Merge onto this graph: role names are matched to its roles (id, title or alias, any
        case); observed moves it lacks are added, with a kind from the roles' levels and
        industries; weights stay skill deltas.  Without it, roles are made from the names
        (level 1, no skills) and every move is ``lateral``.
    columns : mapping of str to str, optional
        Our column name to yours, e.g. ``{"person": "employee_id", "start": "hired"}``.
    name : str, optional
        Name of the graph (default: the merged graph's, or ``"observed-moves"``).
    source : str, optional
        Recorded in every observed move's ``sources`` (default: the file name).
    max_file_bytes, max_rows : int, optional
        Size limits of the table (default :data:`~supportladder.importers.MAX_FILE_BYTES`
        and :data:`~supportladder.importers.MAX_ROWS`); larger tables are refused.

    Returns
    -------
    CareerGraph
        Observed counts and probabilities are in each observed move's ``note``; use
        :func:`read` to get them as mappings, and ``-log(probability)`` weights.

    Raises
    ------
    ImportDataError
        If the table is too large, columns are missing or rows are bad; every bad row is
        listed with its number.
    """
    return read(*args, **kwargs).graph
