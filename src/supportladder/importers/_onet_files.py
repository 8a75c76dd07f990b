"""Readers of the O*NET release files: each returns checked rows, problems name file and row."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from attrs import frozen

from supportladder.importers._names import OccupationNames
from supportladder.importers._tables import (
    Limits,
    Problems,
    Table,
    parse_float,
    read_table,
    show,
)

__all__ = [
    "CODE",
    "FILES",
    "OPTIONAL_FILES",
    "Ratings",
    "read_dwas",
    "read_interests",
    "read_job_zones",
    "read_occupations",
    "read_ratings",
    "read_tasks",
    "read_titles",
]

CODE: Final = "O*NET-SOC Code"

FILES: Final = {
    "occupations": "Occupation Data.txt",
    "job zones": "Job Zones.txt",
    "skills": "Skills.txt",
    "knowledge": "Knowledge.txt",
    "interests": "Interests.txt",
    "tasks": "Task Statements.txt",
    "dwas": "Tasks to DWAs.txt",
    "titles": "Alternate Titles.txt",
}
"""The release files read, by role."""

OPTIONAL_FILES: Final = ("interests", "tasks", "dwas", "titles")
"""Files whose evidence block is left out (and reported) when the file is absent."""

CODE_RE = re.compile(r"[0-9]{2}-[0-9]{4}\.[0-9]{2}")
_ELEMENT_RE = re.compile(r"[0-9]+(?:\.[A-Za-z0-9]+)*")
_TASK_ID_RE = re.compile(r"[0-9]{1,12}")
INTERESTS: Final = {
    "Realistic": "R",
    "Investigative": "I",
    "Artistic": "A",
    "Social": "S",
    "Enterprising": "E",
    "Conventional": "C",
}
_DOWNLOAD = "use the text (tab-delimited) release from https://www.onetcenter.org/database.html"


@frozen
class Ratings:
    """The IM and LV ratings of one family (skills or knowledge)."""

    names: dict[str, str]  # element id -> name, in first-seen order
    levels: dict[str, dict[str, float]]  # code -> element id -> level
    importance: dict[str, list[float]]  # element id -> rescaled IM values, per occupation
    rated: dict[str, dict[str, float]]  # code -> element id -> rescaled IM (the profile)


def table_of(folder: Path, key: str, required: Sequence[str], limits: Limits) -> Table:
    return read_table(
        folder / FILES[key],
        delimiter="\t",
        required=required,
        hint=f"expected O*NET's {FILES[key]!r} in {show(str(folder))}; {_DOWNLOAD}",
        limits=limits,
    )


def read_occupations(folder: Path, limits: Limits) -> dict[str, tuple[str, str]]:
    table = table_of(folder, "occupations", (CODE, "Title", "Description"), limits)
    problems = Problems(table.path)
    c_code, c_title, c_desc = (table.column(c) for c in (CODE, "Title", "Description"))
    out: dict[str, tuple[str, str]] = {}
    names = OccupationNames("title", "titles")
    for row, fields in table.rows:
        code, title = fields[c_code].strip(), fields[c_title].strip()
        if not CODE_RE.fullmatch(code):
            problems.add(
                row,
                f"malformed O*NET-SOC code {show(code)}; write it as 'NN-NNNN.NN', e.g. 43-4051.00",
            )
        elif (first := names.first(code)) is not None:
            problems.add(
                row,
                f"duplicate occupation {code!r} (first at row {first}); keep one row per code",
            )
        elif not title:
            problems.add(row, f"occupation {code!r} has an empty Title; give it its title")
        elif (clash := names.clash(code, title)) is not None:
            problems.add(row, clash)
        else:
            names.add(code, title, row=row)
            out[code] = (title, fields[c_desc].strip())
    problems.check()
    return out


def _unknown(code: str) -> str:
    return (
        f"unknown O*NET-SOC code {show(code)}: it is not in {FILES['occupations']!r}; "
        "use files of one release"
    )


def read_job_zones(
    folder: Path, known: dict[str, tuple[str, str]], limits: Limits
) -> dict[str, int]:
    table = table_of(folder, "job zones", (CODE, "Job Zone"), limits)
    problems = Problems(table.path)
    c_code, c_zone = table.column(CODE), table.column("Job Zone")
    out: dict[str, int] = {}
    first: dict[str, int] = {}
    for row, fields in table.rows:
        code, text = fields[c_code].strip(), fields[c_zone].strip()
        if code not in known:
            problems.add(row, _unknown(code))
        elif code in first:
            problems.add(
                row,
                f"duplicate Job Zone for {code!r} (first at row {first[code]}); keep one row",
            )
        elif text not in ("1", "2", "3", "4", "5"):
            problems.add(
                row, f"malformed Job Zone {show(text)} for {code!r}; write a whole number 1 to 5"
            )
        else:
            first[code] = row
            out[code] = int(text)
    problems.check()
    return out


_RATING_COLUMNS: Final = (
    CODE,
    "Element ID",
    "Element Name",
    "Scale ID",
    "Data Value",
    "Recommend Suppress",
    "Not Relevant",
)


def read_ratings(
    folder: Path,
    family: str,
    known: dict[str, tuple[str, str]],
    suppressed: str,
    counts: dict[str, int],
    limits: Limits,
) -> Ratings:
    """Return the IM and LV ratings of a family; count the rows dropped, zeroed and ignored."""
    table = table_of(folder, family, _RATING_COLUMNS, limits)
    problems = Problems(table.path)
    at = [table.column(c) for c in _RATING_COLUMNS]
    ratings = Ratings({}, {}, {}, {})
    first: dict[tuple[str, str, str], int] = {}
    tally = dict.fromkeys(("other", "dropped", "irrelevant"), 0)
    for row, fields in table.rows:
        code, eid, name, scale, text, supp, nr = (fields[c].strip() for c in at)
        if scale not in ("IM", "LV"):
            tally["other"] += 1
            continue
        value = _rating_value(row, (code, eid, scale), text, (supp, nr), known, first, problems)
        if value is not None:
            outcome = _record(ratings, (code, eid, scale), name, value, (supp, nr), suppressed)
            if outcome is not None:
                tally[outcome] += 1
    problems.check()
    counts[f"{family}: rows read"] = len(table.rows)
    counts[f"{family}: ratings dropped (Recommend Suppress = Y)"] = tally["dropped"]
    counts[f"{family}: levels set to 0 (Not Relevant = Y)"] = tally["irrelevant"]
    if tally["other"]:
        counts[f"{family}: rows of other scales ignored"] = tally["other"]
    return ratings


def _rating_value(
    row: int,
    key: tuple[str, str, str],
    text: str,
    flags: tuple[str, str],
    known: dict[str, tuple[str, str]],
    first: dict[tuple[str, str, str], int],
    problems: Problems,
) -> float | None:
    """Check one IM or LV rating row; return its value, or ``None`` if it has a problem."""
    code, eid, scale = key
    if code not in known:
        problems.add(row, _unknown(code))
        return None
    if not _ELEMENT_RE.fullmatch(eid):
        problems.add(
            row,
            f"malformed Element ID {show(eid)}; write the descriptor's O*NET element id, "
            "e.g. 2.A.1.a",
        )
        return None
    if key in first:
        problems.add(
            row,
            f"duplicate {scale} rating of {show(eid)} for {code} (first at row {first[key]}); "
            "keep one row per occupation, element and scale",
        )
        return None
    first[key] = row
    for column, flag in zip(("Recommend Suppress", "Not Relevant"), flags, strict=True):
        if flag not in ("Y", "N", ""):
            problems.add(row, f"{column} is {show(flag)}; write Y, N or leave it empty")
    value = parse_float(
        text,
        row=row,
        column="Data Value",
        problems=problems,
        low=1.0 if scale == "IM" else 0.0,
        high=5.0 if scale == "IM" else 7.0,
    )
    return None if any(f not in ("Y", "N", "") for f in flags) else value


def _record(
    ratings: Ratings,
    key: tuple[str, str, str],
    name: str,
    value: float,
    flags: tuple[str, str],
    suppressed: str,
) -> str | None:
    """Record one checked rating; return ``"irrelevant"`` or ``"dropped"`` if it was."""
    code, eid, scale = key
    supp, nr = flags
    ratings.names.setdefault(eid, name or eid)
    if scale == "LV" and nr == "Y":
        # Not relevant to the occupation: level 0, whatever the precision of the estimate.
        ratings.levels.setdefault(code, {})[eid] = 0.0
        return "irrelevant"
    if supp == "Y" and suppressed == "drop":
        if scale == "LV":
            ratings.levels.setdefault(code, {})
        return "dropped"
    if scale == "IM":
        ratings.importance.setdefault(eid, []).append((value - 1.0) / 4.0)
        ratings.rated.setdefault(code, {})[eid] = (value - 1.0) / 4.0
    else:
        ratings.levels.setdefault(code, {})[eid] = value
    return None


def read_interests(
    folder: Path, known: dict[str, tuple[str, str]], counts: dict[str, int], limits: Limits
) -> dict[str, dict[str, float]]:
    columns = (CODE, "Element Name", "Scale ID", "Data Value")
    table = table_of(folder, "interests", columns, limits)
    problems = Problems(table.path)
    c_code, c_name, c_scale, c_value = (table.column(c) for c in columns)
    out: dict[str, dict[str, float]] = {}
    first: dict[tuple[str, str], int] = {}
    other = 0
    for row, fields in table.rows:
        code, name = fields[c_code].strip(), fields[c_name].strip()
        if fields[c_scale].strip() != "OI":
            other += 1
            continue
        if code not in known:
            problems.add(row, _unknown(code))
            continue
        letter = INTERESTS.get(name)
        if letter is None:
            problems.add(
                row,
                f"unknown interest {show(name)} on scale OI; use one of {', '.join(INTERESTS)}",
            )
            continue
        if (code, letter) in first:
            problems.add(
                row,
                f"duplicate {name} interest for {code} (first at row {first[(code, letter)]}); "
                "keep one row",
            )
            continue
        first[(code, letter)] = row
        value = parse_float(
            fields[c_value].strip(),
            row=row,
            column="Data Value",
            problems=problems,
            low=1.0,
            high=7.0,
        )
        if value is not None:
            out.setdefault(code, {})[letter] = value
    problems.check()
    if other:
        counts["interests: rows of other scales ignored"] = other
    return out


def read_tasks(
    folder: Path, known: dict[str, tuple[str, str]], counts: dict[str, int], limits: Limits
) -> dict[str, list[str]]:
    """Return each occupation's task statements (``Task Statements.txt``), in file order."""
    columns = (CODE, "Task ID", "Task")
    table = table_of(folder, "tasks", columns, limits)
    problems = Problems(table.path)
    c_code, c_id, c_task = (table.column(c) for c in columns)
    out: dict[str, list[str]] = {}
    first: dict[tuple[str, str], int] = {}
    for row, fields in table.rows:
        code, tid, text = fields[c_code].strip(), fields[c_id].strip(), fields[c_task].strip()
        if code not in known:
            problems.add(row, _unknown(code))
        elif not _TASK_ID_RE.fullmatch(tid):
            problems.add(row, f"malformed Task ID {show(tid)}; write O*NET's number, e.g. 8823")
        elif (code, tid) in first:
            problems.add(
                row,
                f"duplicate task {tid} of {code} (first at row {first[(code, tid)]}); keep one row",
            )
        elif not text:
            problems.add(row, f"task {tid} of {code} has an empty Task; give its statement")
        else:
            first[(code, tid)] = row
            out.setdefault(code, []).append(text)
    problems.check()
    counts["tasks: rows read"] = len(table.rows)
    return out


def read_dwas(
    folder: Path, known: dict[str, tuple[str, str]], counts: dict[str, int], limits: Limits
) -> dict[str, dict[str, int]]:
    """Return, per occupation, its Detailed Work Activities and how many tasks link to each."""
    columns = (CODE, "Task ID", "DWA ID")
    table = table_of(folder, "dwas", columns, limits)
    problems = Problems(table.path)
    c_code, c_task, c_dwa = (table.column(c) for c in columns)
    out: dict[str, dict[str, int]] = {}
    first: dict[tuple[str, str, str], int] = {}
    for row, fields in table.rows:
        code, tid, dwa = (fields[c].strip() for c in (c_code, c_task, c_dwa))
        key = (code, tid, dwa)
        if code not in known:
            problems.add(row, _unknown(code))
        elif not _TASK_ID_RE.fullmatch(tid):
            problems.add(row, f"malformed Task ID {show(tid)}; write O*NET's number, e.g. 8823")
        elif not _ELEMENT_RE.fullmatch(dwa):
            problems.add(
                row, f"malformed DWA ID {show(dwa)}; write O*NET's id, e.g. 4.A.2.a.4.I09.D03"
            )
        elif key in first:
            problems.add(
                row,
                f"duplicate link of task {tid} of {code} to {dwa} (first at row {first[key]}); "
                "keep one row",
            )
        else:
            first[key] = row
            links = out.setdefault(code, {})
            links[dwa] = links.get(dwa, 0) + 1
    problems.check()
    counts["DWAs: rows read"] = len(table.rows)
    return out


def read_titles(
    folder: Path, known: dict[str, tuple[str, str]], counts: dict[str, int], limits: Limits
) -> dict[str, list[str]]:
    """Return each occupation's alternate (and short) titles (``Alternate Titles.txt``)."""
    table = table_of(folder, "titles", (CODE, "Alternate Title"), limits)
    problems = Problems(table.path)
    c_code, c_alt = table.column(CODE), table.column("Alternate Title")
    c_short = table.index.get("Short Title")
    out: dict[str, list[str]] = {}
    for row, fields in table.rows:
        code, alt = fields[c_code].strip(), fields[c_alt].strip()
        if code not in known:
            problems.add(row, _unknown(code))
        elif not alt:
            problems.add(row, f"empty Alternate Title for {code}; give the title or drop the row")
        else:
            titles = out.setdefault(code, [])
            titles.append(alt)
            short = fields[c_short].strip() if c_short is not None else ""
            if short:
                titles.append(short)
    problems.check()
    counts["titles: rows read"] = len(table.rows)
    return out
