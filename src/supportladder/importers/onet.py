r"""Import the O*NET database (tab-delimited text release) as a career graph.

Roles are O*NET-SOC occupations: id = O*NET-SOC code (``"43-4051.00"``), title, level = Job
Zone (1–5), industry = SOC major group title, track = SOC minor group (``"43-4000"``),
Holland code = the three highest occupational interests, skills = the Level (LV) ratings of
the skills and knowledge areas on O*NET's 0–7 level scale.  Each skill's importance in move
weights is its mean Importance (IM) rating over the imported occupations, rescaled from 1–5
to 0–1.

Which moves exist is decided by similarity: every occupation gets a move to each of its
``neighbours`` most similar occupations (cosine similarity of standardised descriptor
profiles), optionally only above ``min_similarity``.  What a move costs is the skill-delta
weight the :class:`~supportladder.CareerGraph` computes.  See ``docs/importers.md`` for every
choice and for how well the inferred neighbours agree with the SOC classification.

Examples
--------
A two-occupation release, written to a temporary folder:

>>> import pathlib, tempfile
>>> from supportladder.importers import onet
>>> files = {
...     "Occupation Data.txt": ["O*NET-SOC Code\tTitle\tDescription",
...         "43-4051.00\tCustomer Service Representatives\tAnswer questions.",
...         "43-1011.00\tFirst-Line Supervisors of Office Workers\tSupervise clerks."],
...     "Job Zones.txt": ["O*NET-SOC Code\tJob Zone", "43-4051.00\t2", "43-1011.00\t3"],
...     "Skills.txt": ["O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value"
...                    "\tRecommend Suppress\tNot Relevant",
...         "43-4051.00\t2.A.1.d\tSpeaking\tIM\t4.0\tN\t",
...         "43-4051.00\t2.A.1.d\tSpeaking\tLV\t3.5\tN\tN",
...         "43-1011.00\t2.A.1.d\tSpeaking\tIM\t4.0\tN\t",
...         "43-1011.00\t2.A.1.d\tSpeaking\tLV\t4.5\tN\tN"],
... }
>>> with tempfile.TemporaryDirectory() as d:
...     for name, lines in files.items():
...         _ = (pathlib.Path(d) / name).write_text("\n".join(lines) + "\n")
...     g = onet.load(d, descriptors=("skills",), costs=("skills",), neighbours=1)
>>> g.role("43-4051.00").level, g.role("43-4051.00").industry
(2, 'Office and Administrative Support')
>>> g.transition("43-4051.00", "43-1011.00").kind
'upward'
>>> g.weight("43-4051.00", "43-1011.00")  # 1 base + 0.75 importance x 1 level of Speaking
1.75
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Final, Literal

import numpy as np
import numpy.typing as npt
from attrs import frozen

from supportladder._private.frozen import FrozenDict, freeze
from supportladder._private.importing import (
    Limits,
    Precedence,
    Problems,
    Progress,
    Table,
    check_occupations,
    check_precedence,
    classify,
    missing_folder,
    parse_float,
    read_table,
    report_progress,
    show,
    slug,
    standardise,
    top_neighbours,
)
from supportladder.graph import CareerGraph
from supportladder.importers import ImportDataError, ImportReport
from supportladder.model import HOLLAND_LETTERS, Role, Scale, Skill, Transition

__all__ = [
    "DESCRIPTORS",
    "FILES",
    "GROUPS",
    "ONET_SCALE",
    "SOC_MAJOR_GROUPS",
    "Agreement",
    "OnetImport",
    "agreement",
    "load",
    "read",
]

Descriptor = Literal["skills", "knowledge", "interests"]

DESCRIPTORS: Final[tuple[Descriptor, ...]] = ("skills", "knowledge", "interests")
"""The descriptor families profiles can be built from."""

FILES: Final = {
    "occupations": "Occupation Data.txt",
    "job zones": "Job Zones.txt",
    "skills": "Skills.txt",
    "knowledge": "Knowledge.txt",
    "interests": "Interests.txt",
}
"""The release files read, by role."""

ONET_SCALE: Final = Scale({str(i): i for i in range(8)})
"""O*NET's Level (LV) scale, 0 to 7, with levels named ``"0"`` … ``"7"``."""

SOC_MAJOR_GROUPS: Final = {
    "11": "Management",
    "13": "Business and Financial Operations",
    "15": "Computer and Mathematical",
    "17": "Architecture and Engineering",
    "19": "Life, Physical, and Social Science",
    "21": "Community and Social Service",
    "23": "Legal",
    "25": "Educational Instruction and Library",
    "27": "Arts, Design, Entertainment, Sports, and Media",
    "29": "Healthcare Practitioners and Technical",
    "31": "Healthcare Support",
    "33": "Protective Service",
    "35": "Food Preparation and Serving Related",
    "37": "Building and Grounds Cleaning and Maintenance",
    "39": "Personal Care and Service",
    "41": "Sales and Related",
    "43": "Office and Administrative Support",
    "45": "Farming, Fishing, and Forestry",
    "47": "Construction and Extraction",
    "49": "Installation, Maintenance, and Repair",
    "51": "Production",
    "53": "Transportation and Material Moving",
    "55": "Military Specific",
}
"""Titles of the 2018 SOC major groups, by their two-digit code."""

_CODE = "O*NET-SOC Code"
_CODE_RE = re.compile(r"[0-9]{2}-[0-9]{4}\.[0-9]{2}")
_ELEMENT_RE = re.compile(r"[0-9]+(?:\.[A-Za-z0-9]+)*")
_INTERESTS = {
    "Realistic": "R",
    "Investigative": "I",
    "Artistic": "A",
    "Social": "S",
    "Enterprising": "E",
    "Conventional": "C",
}
_RATED: Final = ("skills", "knowledge")
_DOWNLOAD = "use the text (tab-delimited) release from https://www.onetcenter.org/database.html"


@frozen
class OnetImport:
    """The result of :func:`read`: the graph and what the import did."""

    graph: CareerGraph
    report: ImportReport


@frozen
class _Ratings:
    names: dict[str, str]  # element id -> name, in first-seen order
    levels: dict[str, dict[str, float]]  # code -> element id -> level
    importance: dict[str, list[float]]  # element id -> rescaled IM values, per occupation


def _check_options(
    descriptors: Sequence[str],
    costs: Sequence[str],
    neighbours: int,
    min_similarity: float | None,
    suppressed: str,
) -> None:
    if isinstance(descriptors, str) or not descriptors:
        raise ValueError(
            "descriptors must be a non-empty sequence of family names, e.g. ('skills', 'knowledge')"
        )
    for family in descriptors:
        if family not in DESCRIPTORS:
            raise ValueError(
                f"unknown descriptor family {family!r}; use any of {', '.join(DESCRIPTORS)}"
            )
    if len(set(descriptors)) != len(descriptors):
        raise ValueError(f"descriptors {tuple(descriptors)!r} repeat a family; give each once")
    if isinstance(costs, str):
        raise ValueError("costs must be a sequence of family names, e.g. ('skills',)")
    for family in costs:
        if family not in _RATED:
            raise ValueError(
                f"costs: {family!r} has no Level ratings; use 'skills' and/or 'knowledge'"
            )
    if isinstance(neighbours, bool) or not isinstance(neighbours, int) or neighbours < 0:
        raise ValueError(f"neighbours must be a whole number, 0 or more, got {neighbours!r}")
    if min_similarity is not None and not -1.0 <= min_similarity <= 1.0:
        raise ValueError(f"min_similarity must lie in -1 to 1, got {min_similarity!r}")
    if suppressed not in ("drop", "keep"):
        raise ValueError(f"suppressed must be 'drop' or 'keep', got {suppressed!r}")


def _table(folder: Path, key: str, required: Sequence[str], limits: Limits) -> Table:
    return read_table(
        folder / FILES[key],
        delimiter="\t",
        required=required,
        hint=f"expected O*NET's {FILES[key]!r} in {show(str(folder))}; {_DOWNLOAD}",
        limits=limits,
    )


def _occupations(folder: Path, limits: Limits) -> dict[str, tuple[str, str]]:
    table = _table(folder, "occupations", (_CODE, "Title", "Description"), limits)
    problems = Problems(table.path)
    c_code, c_title, c_desc = (table.column(c) for c in (_CODE, "Title", "Description"))
    out: dict[str, tuple[str, str]] = {}
    first: dict[str, int] = {}
    titles: dict[str, int] = {}  # casefolded title or code -> first row naming it
    for row, fields in table.rows:
        code, title = fields[c_code].strip(), fields[c_title].strip()
        if not _CODE_RE.fullmatch(code):
            problems.add(
                row,
                f"malformed O*NET-SOC code {show(code)}; write it as 'NN-NNNN.NN', e.g. 43-4051.00",
            )
        elif code in first:
            problems.add(
                row,
                f"duplicate occupation {code!r} (first at row {first[code]}); "
                "keep one row per code",
            )
        elif not title:
            problems.add(row, f"occupation {code!r} has an empty Title; give it its title")
        elif titles.get(title.casefold(), row) != row or titles.get(code, row) != row:
            other = titles.get(title.casefold()) or titles[code]
            problems.add(
                row,
                f"occupation {code!r}: its title or code also names the occupation at row "
                f"{other}; titles must pick out one occupation, so fix one of the two rows",
            )
        else:
            first[code] = row
            titles.setdefault(title.casefold(), row)
            titles.setdefault(code, row)
            out[code] = (title, fields[c_desc].strip())
    problems.check()
    return out


def _unknown(code: str) -> str:
    return (
        f"unknown O*NET-SOC code {show(code)}: it is not in {FILES['occupations']!r}; "
        "use files of one release"
    )


def _job_zones(folder: Path, known: dict[str, tuple[str, str]], limits: Limits) -> dict[str, int]:
    table = _table(folder, "job zones", (_CODE, "Job Zone"), limits)
    problems = Problems(table.path)
    c_code, c_zone = table.column(_CODE), table.column("Job Zone")
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


def _ratings(
    folder: Path,
    family: str,
    known: dict[str, tuple[str, str]],
    suppressed: str,
    counts: dict[str, int],
    limits: Limits,
) -> _Ratings:
    columns = (
        _CODE,
        "Element ID",
        "Element Name",
        "Scale ID",
        "Data Value",
        "Recommend Suppress",
        "Not Relevant",
    )
    table = _table(folder, family, columns, limits)
    problems = Problems(table.path)
    c_code, c_id, c_name, c_scale, c_value, c_supp, c_nr = (table.column(c) for c in columns)
    names: dict[str, str] = {}
    levels: dict[str, dict[str, float]] = {}
    importance: dict[str, list[float]] = {}
    first: dict[tuple[str, str, str], int] = {}
    other = dropped = irrelevant = 0
    for row, fields in table.rows:
        code, eid, scale = fields[c_code].strip(), fields[c_id].strip(), fields[c_scale].strip()
        if scale not in ("IM", "LV"):
            other += 1
            continue
        if code not in known:
            problems.add(row, _unknown(code))
            continue
        if not _ELEMENT_RE.fullmatch(eid):
            problems.add(
                row,
                f"malformed Element ID {show(eid)}; write the descriptor's O*NET element id, "
                "e.g. 2.A.1.a",
            )
            continue
        key = (code, eid, scale)
        if key in first:
            problems.add(
                row,
                f"duplicate {scale} rating of {show(eid)} for {code} (first at row {first[key]}); "
                "keep one row per occupation, element and scale",
            )
            continue
        first[key] = row
        supp, nr = fields[c_supp].strip(), fields[c_nr].strip()
        for column, flag in (("Recommend Suppress", supp), ("Not Relevant", nr)):
            if flag not in ("Y", "N", ""):
                problems.add(row, f"{column} is {show(flag)}; write Y, N or leave it empty")
        high = 5.0 if scale == "IM" else 7.0
        value = parse_float(
            fields[c_value].strip(),
            row=row,
            column="Data Value",
            problems=problems,
            low=1.0 if scale == "IM" else 0.0,
            high=high,
        )
        if value is None or any(f not in ("Y", "N", "") for f in (supp, nr)):
            continue
        names.setdefault(eid, fields[c_name].strip() or eid)
        if scale == "LV" and nr == "Y":
            # Not relevant to the occupation: level 0, whatever the precision of the estimate.
            irrelevant += 1
            levels.setdefault(code, {})[eid] = 0.0
        elif supp == "Y" and suppressed == "drop":
            dropped += 1
            if scale == "LV":
                levels.setdefault(code, {})
        elif scale == "IM":
            importance.setdefault(eid, []).append((value - 1.0) / 4.0)
        else:
            levels.setdefault(code, {})[eid] = value
    problems.check()
    counts[f"{family}: rows read"] = len(table.rows)
    counts[f"{family}: ratings dropped (Recommend Suppress = Y)"] = dropped
    counts[f"{family}: levels set to 0 (Not Relevant = Y)"] = irrelevant
    if other:
        counts[f"{family}: rows of other scales ignored"] = other
    return _Ratings(names, levels, importance)


def _interests(
    folder: Path, known: dict[str, tuple[str, str]], counts: dict[str, int], limits: Limits
) -> dict[str, dict[str, float]]:
    columns = (_CODE, "Element Name", "Scale ID", "Data Value")
    table = _table(folder, "interests", columns, limits)
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
        letter = _INTERESTS.get(name)
        if letter is None:
            problems.add(
                row,
                f"unknown interest {show(name)} on scale OI; use one of {', '.join(_INTERESTS)}",
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


def _holland(scores: dict[str, float]) -> str:
    # Highest first; ties broken by RIASEC order.
    ranked = sorted(HOLLAND_LETTERS, key=lambda c: (-scores.get(c, 0.0), HOLLAND_LETTERS.index(c)))
    return "".join(ranked[:3]) if scores else ""


def _skill_ids(ratings: dict[str, _Ratings], families: Sequence[str]) -> dict[tuple[str, str], str]:
    ids: dict[tuple[str, str], str] = {}
    used: set[str] = set()
    for family in families:
        for eid, name in ratings[family].names.items():
            base = slug(name) or slug(eid)
            sid = base if base not in used else f"{base}-{family.rstrip('s')}"
            n = 2
            while sid in used:
                sid = f"{base}-{n}"
                n += 1
            used.add(sid)
            ids[(family, eid)] = sid
    return ids


def read(
    directory: str | os.PathLike[str],
    *,
    descriptors: Sequence[str] = ("skills", "knowledge"),
    neighbours: int = 20,
    min_similarity: float | None = None,
    costs: Sequence[str] = ("skills", "knowledge"),
    suppressed: Literal["drop", "keep"] = "drop",
    precedence: Precedence = "upward",
    name: str = "onet",
    source: str | None = None,
    progress: Progress | None = None,
    max_file_bytes: int | None = None,
    max_rows: int | None = None,
) -> OnetImport:
    """Import an O*NET release; return the graph and a report of what was kept and dropped.

    Parameters are those of :func:`load`.

    Returns
    -------
    OnetImport
        ``graph`` and ``report`` (counts of roles, moves, skipped occupations, dropped and
        zeroed ratings).
    """
    _check_options(descriptors, costs, neighbours, min_similarity, suppressed)
    check_precedence(precedence)
    limits = Limits.of(max_file_bytes, max_rows)
    folder = Path(directory)
    if not folder.is_dir():
        raise ImportDataError(
            str(folder),
            [
                (
                    None,
                    f"{missing_folder(folder)}; pass the folder of an O*NET release ({_DOWNLOAD})",
                )
            ],
        )
    source = source or f"O*NET Database ({folder.name}) by USDOL/ETA, CC BY 4.0"
    counts: dict[str, int] = {}

    report_progress(progress, "reading", 0.0)
    occupations = _occupations(folder, limits)
    zones = _job_zones(folder, occupations, limits)
    families = list(dict.fromkeys([*costs, *descriptors]))
    rated = [f for f in families if f in _RATED]
    ratings: dict[str, _Ratings] = {}
    for i, family in enumerate(rated):
        ratings[family] = _ratings(folder, family, occupations, suppressed, counts, limits)
        report_progress(progress, "reading", (i + 1) / (len(rated) + 1))
    want_interests = "interests" in descriptors or (folder / FILES["interests"]).is_file()
    interests = _interests(folder, occupations, counts, limits) if want_interests else {}
    report_progress(progress, "reading", 1.0)

    # Occupations with a Job Zone and ratings in every family used; the rest are skipped.
    kept: list[str] = []
    no_zone: list[str] = []
    no_ratings: list[str] = []
    for code in sorted(occupations):
        if code not in zones:
            no_zone.append(code)
        elif any(code not in ratings[f].levels for f in rated) or (
            "interests" in descriptors and code not in interests
        ):
            no_ratings.append(code)
        else:
            kept.append(code)
    counts = {
        "occupations read": len(occupations),
        "roles": len(kept),
        "skipped: no job zone": len(no_zone),
        "skipped: no ratings": len(no_ratings),
        **counts,
    }
    check_occupations(str(folder), len(kept))
    if not kept:
        empty = [FILES["job zones"]] if not zones else []
        empty += [FILES[f] for f in rated if not ratings[f].levels]
        why = (
            f"{', '.join(map(repr, empty))} {'has' if len(empty) == 1 else 'have'} a header "
            "and no rows; use the complete files of the release"
            if empty
            else "check that the files come from one release"
        )
        raise ImportDataError(
            str(folder),
            [
                (
                    None,
                    "no occupation has both a Job Zone and ratings in "
                    + ", ".join(families)
                    + "; "
                    + why,
                )
            ],
        )

    # Skills: the Level ratings of the cost families.
    ids = _skill_ids(ratings, list(costs))
    skills: list[Skill] = []
    for family in costs:
        for eid, el_name in ratings[family].names.items():
            values = ratings[family].importance.get(eid, [])
            skills.append(
                Skill(
                    ids[(family, eid)],
                    el_name,
                    category=family.rstrip("s"),
                    description=f"O*NET {family} element {eid}",
                    importance=round(float(np.mean(values)), 4) if values else 0.0,
                )
            )

    roles: list[Role] = []
    for code in kept:
        title, description = occupations[code]
        levels: dict[str, float] = {}
        for family in costs:
            for eid, value in ratings[family].levels[code].items():
                if value > 0:
                    levels[ids[(family, eid)]] = value
        roles.append(
            Role(
                code,
                title,
                zones[code],
                track=f"{code[:4]}000",
                industry=SOC_MAJOR_GROUPS.get(code[:2], f"SOC major group {code[:2]}"),
                skills=levels,
                holland=_holland(interests.get(code, {})),
                description=description,
                sources=(source,),
            )
        )

    report_progress(progress, "similarity", 0.0)
    profiles = _profiles(kept, descriptors, ratings, interests)
    near = top_neighbours(profiles, neighbours, min_similarity=min_similarity)
    report_progress(progress, "similarity", 1.0)

    transitions: list[Transition] = []
    for i, code in enumerate(kept):
        for rank, (j, sim) in enumerate(near[i], start=1):
            other = kept[j]
            transitions.append(
                Transition(
                    code,
                    other,
                    classify(
                        zones[code],
                        zones[other],
                        code[:2],
                        other[:2],
                        precedence=precedence,
                    ),
                    note=f"inferred: profile similarity {sim:.3f}, neighbour {rank} of {code}",
                    sources=(source,),
                )
            )
        if i % 100 == 0:
            report_progress(progress, "moves", i / len(kept))
    report_progress(progress, "moves", 1.0)
    counts["moves"] = len(transitions)
    counts["skills"] = len(skills)

    graph = CareerGraph(
        name,
        title=f"O*NET occupations ({folder.name})",
        description=(
            f"Occupations of {source}; moves to each occupation's {neighbours} most similar "
            f"occupations by {', '.join(descriptors)}."
        ),
        scale=ONET_SCALE,
        skills=skills,
        roles=roles,
        transitions=transitions,
    )
    notes = []
    if no_zone:
        notes.append(
            "no job zone: " + ", ".join(no_zone[:5]) + (" ..." if len(no_zone) > 5 else "")
        )
    if no_ratings:
        notes.append(
            "no ratings: " + ", ".join(no_ratings[:5]) + (" ..." if len(no_ratings) > 5 else "")
        )
    return OnetImport(graph, ImportReport(str(folder), counts, notes))


def _profiles(
    kept: list[str],
    descriptors: Sequence[str],
    ratings: dict[str, _Ratings],
    interests: dict[str, dict[str, float]],
) -> npt.NDArray[np.float64]:
    """Return the descriptor profiles: standardised blocks, each scaled to equal weight."""
    blocks: list[npt.NDArray[np.float64]] = []
    for family in descriptors:
        if family == "interests":
            columns = list(HOLLAND_LETTERS)
            block = np.array(
                [[interests[c].get(letter, 0.0) for letter in columns] for c in kept],
                dtype=np.float64,
            )
        else:
            eids = list(ratings[family].names)
            levels = ratings[family].levels
            block = np.array(
                [[levels[c].get(e, 0.0) for e in eids] for c in kept], dtype=np.float64
            )
        if block.shape[1]:
            blocks.append(standardise(block) / np.sqrt(block.shape[1]))
    return np.hstack(blocks) if blocks else np.zeros((len(kept), 1))


def load(
    directory: str | os.PathLike[str],
    *,
    descriptors: Sequence[str] = ("skills", "knowledge"),
    neighbours: int = 20,
    min_similarity: float | None = None,
    costs: Sequence[str] = ("skills", "knowledge"),
    suppressed: Literal["drop", "keep"] = "drop",
    precedence: Precedence = "upward",
    name: str = "onet",
    source: str | None = None,
    progress: Progress | None = None,
    max_file_bytes: int | None = None,
    max_rows: int | None = None,
) -> CareerGraph:
    """Import an O*NET release (text format) as a career graph.

    Parameters
    ----------
    directory : str or path-like
        The folder of the release: ``Occupation Data.txt``, ``Job Zones.txt``,
        ``Skills.txt``, ``Knowledge.txt`` and ``Interests.txt``.
    descriptors : sequence of {"skills", "knowledge", "interests"}
        What the similarity profiles are built from: the Level ratings of skills and/or
        knowledge, and/or the six occupational interest scores.  Each family is
        standardised per column and weighted equally.
    neighbours : int
        Moves out of each occupation: to its ``neighbours`` most similar occupations
        (default 20; ties go to the lower O*NET-SOC code).
    min_similarity : float, optional
        Keep only moves whose cosine similarity is at least this (-1 to 1).
    costs : sequence of {"skills", "knowledge"}
        Whose Level ratings become the roles' skills, and so the move weights.
    suppressed : {"drop", "keep"}
        Ratings flagged "Recommend Suppress" (low precision): ``"drop"`` (default) leaves
        them out — the occupation then holds that skill at level 0 and the IM rating does not
        count towards the skill's importance — and counts them in the report; ``"keep"``
        uses them like any other.
    precedence : {"upward", "cross-industry"}
        The kind of a move that both rises in Job Zone and changes SOC major group.
    name : str
        The graph's name (default ``"onet"``).
    source : str, optional
        Attribution recorded on every role and move (default names the release folder).
    progress : callable, optional
        Called as ``progress(stage, fraction)`` while importing.
    max_file_bytes, max_rows : int, optional
        Size limits of each file (default :data:`~supportladder.importers.MAX_FILE_BYTES`
        and :data:`~supportladder.importers.MAX_ROWS`); larger files are refused.

    Returns
    -------
    CareerGraph

    Raises
    ------
    ImportDataError
        If a file is missing, too large, not UTF-8 text, lacks a column, has a malformed
        number or code, a duplicate row, or a code unknown to ``Occupation Data.txt``; every
        problem names its file and row.
    ValueError
        If an option is out of range.

    Examples
    --------
    >>> from supportladder.importers import onet
    >>> # the unzipped "O*NET Database, text" release folder
    >>> g = onet.load("db_29_3_text")  # doctest: +SKIP
    >>> len(g.roles)  # doctest: +SKIP
    879
    """
    return read(
        directory,
        descriptors=descriptors,
        neighbours=neighbours,
        min_similarity=min_similarity,
        costs=costs,
        suppressed=suppressed,
        precedence=precedence,
        name=name,
        source=source,
        progress=progress,
        max_file_bytes=max_file_bytes,
        max_rows=max_rows,
    ).graph


GROUPS: Final = {"major": 2, "minor": 4, "prefix5": 5, "broad": 6}
"""SOC groupings by code prefix length: major group ``43``, minor group ``43-4`` (43-4000),
the issue's "first five characters" ``43-40``, broad occupation ``43-405`` (43-4050)."""


@frozen
class Agreement:
    """How inferred moves agree with the SOC classification the inference never saw.

    Attributes
    ----------
    moves : int
        Moves measured.
    shared : mapping of str to float
        Per grouping of :data:`GROUPS`, the share of moves whose target is in the source's
        group.
    baseline : mapping of str to float
        The same shares expected of moves to uniformly random other occupations.
    up, same_level, down : int
        Moves whose Job Zone rises, stays, or falls.
    """

    moves: int
    shared: FrozenDict[str, float]
    baseline: FrozenDict[str, float]
    up: int
    same_level: int
    down: int


def agreement(graph: CareerGraph) -> Agreement:
    """Measure how often moves stay within the source's SOC groups, against chance.

    Works on any graph whose role ids are O*NET-SOC codes, e.g. one from :func:`load`.

    Examples
    --------
    >>> from supportladder import CareerGraph, Role, Transition
    >>> g = CareerGraph("t", roles=[Role("43-4051.00", "CSR", 2),
    ...     Role("43-4171.00", "Receptionist", 2), Role("41-2031.00", "Retail", 2)],
    ...     transitions=[Transition("43-4051.00", "43-4171.00", "lateral"),
    ...                  Transition("43-4051.00", "41-2031.00", "cross-industry")])
    >>> a = agreement(g)
    >>> a.shared["minor"], round(a.baseline["minor"], 3), a.shared["prefix5"], a.same_level
    (0.5, 0.333, 0.0, 2)
    """
    roles = graph.roles
    n = len(roles)
    level = {r.id: r.level for r in roles}
    moves = graph.transitions
    total = len(moves)
    shared: dict[str, float] = {}
    baseline: dict[str, float] = {}
    for group, width in GROUPS.items():
        sizes: dict[str, int] = {}
        for r in roles:
            sizes[r.id[:width]] = sizes.get(r.id[:width], 0) + 1
        baseline[group] = (
            float(np.mean([(sizes[r.id[:width]] - 1) / (n - 1) for r in roles])) if n > 1 else 0.0
        )
        same = sum(m.source[:width] == m.target[:width] for m in moves)
        shared[group] = same / total if total else 0.0
    up = sum(level[m.target] > level[m.source] for m in moves)
    down = sum(level[m.target] < level[m.source] for m in moves)
    return Agreement(
        moves=total,
        shared=freeze(shared),
        baseline=freeze(baseline),
        up=up,
        same_level=total - up - down,
        down=down,
    )
