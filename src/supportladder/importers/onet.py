r"""Import the O*NET database (tab-delimited text release) as a career graph.

Roles are O*NET-SOC occupations: id = O*NET-SOC code (``"43-4051.00"``), title, level = Job
Zone (1–5), industry = SOC major group title, track = SOC minor group (``"43-4000"``),
Holland code = the three highest occupational interests, skills = the Level (LV) ratings of
the skills and knowledge areas on O*NET's 0–7 level scale.  Each skill's importance in move
weights is its mean Importance (IM) rating over the imported occupations, rescaled from 1–5
to 0–1.

Which moves exist is decided by similarity of what people do, know and are called: task
statement text, Detailed Work Activities, alternate-title text, the Importance of knowledge
areas and skills, and interests, each block standardised over the pairs it covers and mixed
with the weights of :data:`WEIGHTS` over the blocks both occupations have.  Every
occupation gets a move to each of its ``neighbours`` most similar occupations, optionally
only above ``min_similarity``, shaped by career-ladder rules (``ladder``).  Occupations with
a Job Zone and any evidence are kept; without Skills/Knowledge ratings their skills are
unrated.  What a move costs is the skill-delta weight the :class:`~supportladder.CareerGraph`
computes.  See ``docs/importers.md`` for every choice and for how well the inferred
neighbours agree with the SOC classification.

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
>>> g.weight("43-4051.00", "43-1011.00")  # base 2 + importance 0.75 x (1 level of Speaking)²
2.75
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final, Literal

import numpy as np
from attrs import frozen

from supportladder._frozen import FrozenDict, freeze
from supportladder._wording import show
from supportladder.graph import CareerGraph
from supportladder.importers import ImportDataError, ImportReport
from supportladder.importers._evidence import LABELS
from supportladder.importers._loading import parameters_of
from supportladder.importers._onet_blocks import (
    BLOCKS,
    RATED,
    WEIGHTS,
    Release,
    read_release,
    wanted,
)
from supportladder.importers._onet_files import FILES, Ratings
from supportladder.importers._onet_moves import find_neighbours, moves, report_blocks
from supportladder.importers._tables import (
    Limits,
    Precedence,
    Progress,
    check_occupations,
    check_precedence,
    input_folder,
    slug,
)
from supportladder.model import HOLLAND_LETTERS, Role, Scale, Skill, Weighting

__all__ = [
    "DESCRIPTORS",
    "FILES",
    "GROUPS",
    "ONET_SCALE",
    "ONET_WEIGHTING",
    "SOC_MAJOR_GROUPS",
    "WEIGHTS",
    "Agreement",
    "OnetImport",
    "agreement",
    "load",
    "read",
]

DESCRIPTORS: Final = BLOCKS
"""The evidence blocks similarity can be built from: ``"tasks"`` (task statement text),
``"dwas"`` (Detailed Work Activities), ``"titles"`` (alternate title text),
``"knowledge"`` and ``"skills"`` (Importance ratings) and ``"interests"`` (RIASEC scores)."""

ONET_SCALE: Final = Scale({str(i): i for i in range(8)})
"""O*NET's Level (LV) scale, 0 to 7, with levels named ``"0"`` … ``"7"``."""

ONET_WEIGHTING: Final = Weighting(base_cost=2.0)
"""The cost model of an O*NET import: the default gap exponent (2) and a base cost of 2.

O*NET rates some 70 skill and knowledge elements per occupation on a 0–7 scale, and
similar occupations differ by fractions of a level in many of them: with a base cost of 1,
cheapest routes wander through five or six near-identical clerical jobs rather than take
the one real step up, to first-line supervisor.  A base of 2 makes a job change cost about
what rising one level in two skills does (see ``docs/weights.md``)."""

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

_DOWNLOAD = "use the text (tab-delimited) release from https://www.onetcenter.org/database.html"


@frozen
class OnetImport:
    """The result of :func:`read`: the graph and what the import did."""

    graph: CareerGraph
    report: ImportReport


def _check_options(
    costs: Sequence[str],
    neighbours: int,
    min_similarity: float | None,
    suppressed: str,
) -> None:
    if isinstance(costs, str):
        raise ValueError("costs must be a sequence of family names, e.g. ('skills',)")
    for family in costs:
        if family not in RATED:
            raise ValueError(
                f"costs: {family!r} has no Level ratings; use 'skills' and/or 'knowledge'"
            )
    if isinstance(neighbours, bool) or not isinstance(neighbours, int) or neighbours < 0:
        raise ValueError(f"neighbours must be a whole number, 0 or more, got {neighbours!r}")
    if min_similarity is not None and (
        isinstance(min_similarity, bool)
        or not isinstance(min_similarity, int | float)
        or not math.isfinite(min_similarity)
    ):
        raise ValueError(
            f"min_similarity must be a finite number (standard deviations above the mean "
            f"pair, e.g. 2.0), got {min_similarity!r}"
        )
    if suppressed not in ("drop", "keep"):
        raise ValueError(f"suppressed must be 'drop' or 'keep', got {suppressed!r}")


def _holland(scores: dict[str, float]) -> str:
    # Highest first; ties broken by RIASEC order.
    ranked = sorted(HOLLAND_LETTERS, key=lambda c: (-scores.get(c, 0.0), HOLLAND_LETTERS.index(c)))
    return "".join(ranked[:3]) if scores else ""


def _skill_ids(
    ratings: Mapping[str, Ratings], families: Sequence[str]
) -> dict[tuple[str, str], str]:
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
    descriptors: Sequence[str] | Mapping[str, float] | None = None,
    neighbours: int = 20,
    min_similarity: float | None = None,
    costs: Sequence[str] = ("skills", "knowledge"),
    suppressed: Literal["drop", "keep"] = "drop",
    precedence: Precedence = "upward",
    ladder: bool = True,
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
        ``graph`` and ``report``: counts of roles, moves, skipped occupations, dropped and
        zeroed ratings, and of the occupations each evidence block covers; its notes say
        which evidence each block used and which blocks were left out.
    """
    want = wanted(descriptors)
    _check_options(costs, neighbours, min_similarity, suppressed)
    check_precedence(precedence)
    limits = Limits.of(max_file_bytes, max_rows)
    folder = input_folder(directory, f"pass the folder of an O*NET release ({_DOWNLOAD})")
    source = source or f"O*NET Database ({folder.name}) by USDOL/ETA, CC BY 4.0"
    read_counts: dict[str, int] = {}

    release, notes = read_release(folder, want, costs, suppressed, read_counts, limits, progress)
    chosen = _choose(folder, release, costs)
    kept = chosen.kept
    counts = {**chosen.counts(len(release.occupations)), **read_counts}
    skills, ids = _skills(release.ratings, costs, folder)
    roles = [_role(code, release, costs, ids, source) for code in kept]
    near = find_neighbours(
        kept, release, want.weights, neighbours, min_similarity, ladder, counts, progress
    )
    notes.extend(report_blocks(near.blocks, want.weights, counts))
    transitions = moves(kept, release.zones, near, precedence, source, progress)
    counts["moves"] = len(transitions)
    counts["skills"] = len(skills)

    used = ", ".join(LABELS[b.name] for b in near.blocks) or "no evidence"
    graph = CareerGraph(
        name,
        title=f"O*NET occupations ({folder.name})",
        description=(
            f"Occupations of {source}; moves to each occupation's {neighbours} most similar "
            f"occupations by {used}."
        ),
        scale=ONET_SCALE,
        weighting=ONET_WEIGHTING,
        skills=skills,
        roles=roles,
        transitions=transitions,
    )
    return OnetImport(graph, ImportReport(str(folder), counts, [*notes, *chosen.notes()]))


@frozen
class _Chosen:
    """Which occupations become roles (all sorted by code), and which were skipped, and why."""

    kept: list[str]  # a Job Zone and some evidence
    no_zone: list[str]
    no_evidence: list[str]
    unrated: list[str]  # kept, but without Level ratings of the cost families

    def counts(self, read: int) -> dict[str, int]:
        """Return the report's counts of occupations: ``read`` of them, kept, skipped."""
        return {
            "occupations read": read,
            "roles": len(self.kept),
            "skipped: no job zone": len(self.no_zone),
            "skipped: no evidence": len(self.no_evidence),
            "roles without skill ratings (skills unrated)": len(self.unrated),
        }

    def notes(self) -> list[str]:
        """Return the report's notes: the first few codes of each kind skipped."""
        notes = []
        for label, codes in (
            ("no job zone", self.no_zone),
            ("no evidence", self.no_evidence),
            ("skills unrated", self.unrated),
        ):
            if codes:
                notes.append(
                    f"{label}: " + ", ".join(codes[:5]) + (" ..." if len(codes) > 5 else "")
                )
        return notes


def _choose(folder: Path, release: Release, costs: Sequence[str]) -> _Chosen:
    """Keep the occupations with a Job Zone and evidence; refuse too many, or none."""
    kept: list[str] = []
    no_zone: list[str] = []
    no_evidence: list[str] = []
    evidence = release.evidence
    sources: list[Mapping[str, object]] = [
        *(r.levels for r in release.ratings.values()),
        evidence.interests,
        evidence.tasks,
        evidence.dwas,
        evidence.titles,
    ]
    for code in sorted(release.occupations):
        if code not in release.zones:
            no_zone.append(code)
        elif any(code in s for s in sources):
            kept.append(code)
        else:
            no_evidence.append(code)
    unrated = [c for c in kept if not any(c in release.ratings[f].levels for f in costs)]
    check_occupations(str(folder), len(kept))
    if not kept:
        raise _no_roles(folder, release)
    return _Chosen(kept, no_zone, no_evidence, unrated)


def _no_roles(folder: Path, release: Release) -> ImportDataError:
    """Return the error of a release where no occupation has a Job Zone and evidence."""
    empty = [FILES["job zones"]] if not release.zones else []
    empty += [FILES[f] for f in release.ratings if not release.ratings[f].levels]
    why = (
        f"{', '.join(map(repr, empty))} {'has' if len(empty) == 1 else 'have'} a header "
        "and no rows; use the complete files of the release"
        if empty
        else "check that the files come from one release"
    )
    return ImportDataError(
        str(folder),
        [(None, "no occupation has both a Job Zone and ratings, tasks or titles; " + why)],
    )


def _skills(
    ratings: Mapping[str, Ratings], costs: Sequence[str], folder: Path
) -> tuple[list[Skill], dict[tuple[str, str], str]]:
    """Return the skills (the Level ratings of the cost families) and their ids."""
    ids = _skill_ids(ratings, list(costs))
    skills: list[Skill] = []
    for family in costs:
        for eid, el_name in ratings[family].names.items():
            values = ratings[family].importance.get(eid, [])
            try:
                skill = Skill(
                    ids[(family, eid)],
                    el_name,
                    category=family.rstrip("s"),
                    description=f"O*NET {family} element {eid}",
                    importance=round(float(np.mean(values)), 4) if values else 0.0,
                )
            except (TypeError, ValueError) as exc:
                where = str(folder / FILES[family])
                raise ImportDataError(
                    where, [(None, f"element {show(eid)} ({show(el_name)}): {exc}; fix its name")]
                ) from None
            skills.append(skill)
    return skills, ids


def _role(
    code: str,
    release: Release,
    costs: Sequence[str],
    ids: Mapping[tuple[str, str], str],
    source: str,
) -> Role:
    """One occupation's role; without ratings, its skills are left unrated (empty)."""
    levels: dict[str, float] = {}
    for family in costs:
        for eid, value in release.ratings[family].levels.get(code, {}).items():
            if value > 0:
                levels[ids[(family, eid)]] = value
    title, description = release.occupations[code]
    return Role(
        code,
        title,
        release.zones[code],
        track=f"{code[:4]}000",
        industry=SOC_MAJOR_GROUPS.get(code[:2], f"SOC major group {code[:2]}"),
        skills=levels,
        holland=_holland(release.evidence.interests.get(code, {})),
        description=description,
        sources=(source,),
    )


@parameters_of(read)
def load(*args: Any, **kwargs: Any) -> CareerGraph:  # noqa: D417 (read's parameters)
    """Import an O*NET release (text format) as a career graph.

    Parameters
    ----------
    directory : str or path-like
        The folder of the release: ``Occupation Data.txt``, ``Job Zones.txt``,
        ``Skills.txt``, ``Knowledge.txt``, and where present ``Interests.txt``,
        ``Task Statements.txt``, ``Tasks to DWAs.txt`` and ``Alternate Titles.txt``.
    descriptors : sequence or mapping of block names, optional
        The evidence that decides which moves exist, from :data:`DESCRIPTORS`: task text,
        DWAs, alternate-title text, knowledge and skill Importance, interests.  Default:
        every block whose file is present, with the weights of :data:`WEIGHTS` (a block
        whose file is absent, or a text block without scikit-learn, is left out and named
        in the report).  A sequence asks for those blocks (their files must exist) with
        their default weights; a mapping gives each block's weight.  Each block's cosine
        similarities are standardised over all pairs, then averaged with the weights over
        the blocks both occupations have.
    neighbours : int
        Moves out of each occupation: to its ``neighbours`` most similar occupations
        (default 20; ties go to the lower O*NET-SOC code).  Occupations that share no
        evidence block are never neighbours.
    min_similarity : float, optional
        Keep only moves whose combined similarity is at least this, in standard deviations
        above the mean pair (e.g. ``2.0``).
    costs : sequence of {"skills", "knowledge"}
        Whose Level ratings become the roles' skills, and so the move weights.
    suppressed : {"drop", "keep"}
        Ratings flagged "Recommend Suppress" (low precision): ``"drop"`` (default) leaves
        them out — the occupation then holds that skill at level 0 and the IM rating does not
        count towards the skill's importance — and counts them in the report; ``"keep"``
        uses them like any other.
    precedence : {"upward", "cross-industry"}
        The kind of a move that both rises in Job Zone and changes SOC major group.
    ladder : bool
        Shape the neighbours into career moves (default ``True``): an upward move rises at
        most one Job Zone; management (SOC 11) is entered from management, a first-line
        supervisor or Job Zone 4–5; each occupation gets a move to the most similar
        first-line supervisor of its major group, and each supervisor one to the most
        similar manager (see ``docs/importers.md``).
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
    923
    """
    return read(*args, **kwargs).graph


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
