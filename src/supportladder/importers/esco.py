r"""Import ESCO's CSV download (occupations, skills and their relations) as a career graph.

Reads three files of ESCO's classification download in CSV format, English (layout of
ESCO v1.1 and v1.2): ``occupations_en.csv``, ``skills_en.csv`` and
``occupationSkillRelations_en.csv``.  Roles are occupations: id = the ESCO occupation code
(``"4222.1"``), title = preferred label, aliases = alternative labels, level = the ISCO-08
skill level of the occupation's ISCO group (1–4), industry = the ISCO-08 sub-major group.
Skills are ESCO skills and knowledge concepts at level 2 when *essential* to the occupation
and 1 when *optional* (scale ``none`` 0, ``optional`` 1, ``essential`` 2).

Moves, as for O*NET, go to each occupation's ``neighbours`` most similar occupations (cosine
similarity of their essential/optional skill vectors, at least ``min_similarity``; never
between occupations that share no skill); weights are skill deltas.  Kinds:
``upward`` when the ISCO skill level rises, ``lateral`` within the ISCO sub-major group,
``cross-industry`` across sub-major groups.

Examples
--------
>>> import pathlib, tempfile
>>> from supportladder.importers import esco
>>> occ = ("conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,description,code\n"
...        "Occupation,http://data.europa.eu/esco/occupation/a1,4222,contact centre agent,"
...        "call centre agent,Answers calls.,4222.1\n"
...        "Occupation,http://data.europa.eu/esco/occupation/b2,3341,contact centre supervisor,"
...        ",Leads agents.,3341.2\n")
>>> skills = ("conceptType,conceptUri,skillType,reuseLevel,preferredLabel,description\n"
...           "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/s1,skill/competence,"
...           "transversal,communicate with customers,\n"
...           "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/s2,skill/competence,"
...           "cross-sector,supervise staff,\n")
>>> rel = ("occupationUri,relationType,skillType,skillUri\n"
...        "http://data.europa.eu/esco/occupation/a1,essential,skill/competence,"
...        "http://data.europa.eu/esco/skill/s1\n"
...        "http://data.europa.eu/esco/occupation/b2,essential,skill/competence,"
...        "http://data.europa.eu/esco/skill/s1\n"
...        "http://data.europa.eu/esco/occupation/b2,essential,skill/competence,"
...        "http://data.europa.eu/esco/skill/s2\n")
>>> with tempfile.TemporaryDirectory() as d:
...     for name, text in [("occupations_en.csv", occ), ("skills_en.csv", skills),
...                        ("occupationSkillRelations_en.csv", rel)]:
...         _ = (pathlib.Path(d) / name).write_text(text)
...     g = esco.load(d, neighbours=1)
>>> g.role("call centre agent").level, g.role("4222.1").industry
(2, 'Customer services clerks')
>>> g.transition("4222.1", "3341.2").kind
'upward'
>>> [gap.skill for gap in g.gaps("4222.1", "3341.2")]
['supervise-staff']
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt
from attrs import frozen

from supportladder.graph import CareerGraph
from supportladder.importers import ImportDataError, ImportReport
from supportladder.importers._esco_files import (
    DOWNLOAD,
    FILES,
    LEVELS,
    OCCUPATION_COLUMNS,
    RELATION_COLUMNS,
    SKILL_COLUMNS,
    Occupation,
    read_occupations,
    read_relations,
    read_skills,
    skills_of,
)
from supportladder.importers._loading import parameters_of
from supportladder.importers._tables import (
    Limits,
    Precedence,
    Progress,
    check_occupations,
    check_precedence,
    classify,
    input_folder,
    report_progress,
    top_neighbours,
)
from supportladder.model import Role, Scale, Transition

__all__ = [
    "DEFAULT_MIN_SIMILARITY",
    "ESCO_SCALE",
    "FILES",
    "ISCO_SUB_MAJOR_GROUPS",
    "LEVELS",
    "OCCUPATION_COLUMNS",
    "RELATION_COLUMNS",
    "SKILL_COLUMNS",
    "UNCLASSIFIED",
    "UNCLASSIFIED_LEVEL",
    "EscoImport",
    "isco_skill_level",
    "load",
    "read",
]

ESCO_SCALE: Final = Scale({"none": 0, "optional": 1, "essential": 2})
"""The scale of an ESCO graph: none 0, optional 1, essential 2."""

ISCO_SUB_MAJOR_GROUPS: Final = {
    "01": "Commissioned armed forces officers",
    "02": "Non-commissioned armed forces officers",
    "03": "Armed forces occupations, other ranks",
    "11": "Chief executives, senior officials and legislators",
    "12": "Administrative and commercial managers",
    "13": "Production and specialised services managers",
    "14": "Hospitality, retail and other services managers",
    "21": "Science and engineering professionals",
    "22": "Health professionals",
    "23": "Teaching professionals",
    "24": "Business and administration professionals",
    "25": "Information and communications technology professionals",
    "26": "Legal, social and cultural professionals",
    "31": "Science and engineering associate professionals",
    "32": "Health associate professionals",
    "33": "Business and administration associate professionals",
    "34": "Legal, social, cultural and related associate professionals",
    "35": "Information and communications technicians",
    "41": "General and keyboard clerks",
    "42": "Customer services clerks",
    "43": "Numerical and material recording clerks",
    "44": "Other clerical support workers",
    "51": "Personal service workers",
    "52": "Sales workers",
    "53": "Personal care workers",
    "54": "Protective services workers",
    "61": "Market-oriented skilled agricultural workers",
    "62": "Market-oriented skilled forestry, fishery and hunting workers",
    "63": "Subsistence farmers, fishers, hunters and gatherers",
    "71": "Building and related trades workers, excluding electricians",
    "72": "Metal, machinery and related trades workers",
    "73": "Handicraft and printing workers",
    "74": "Electrical and electronic trades workers",
    "75": "Food processing, wood working, garment and other craft and related trades workers",
    "81": "Stationary plant and machine operators",
    "82": "Assemblers",
    "83": "Drivers and mobile plant operators",
    "91": "Cleaners and helpers",
    "92": "Agricultural, forestry and fishery labourers",
    "93": "Labourers in mining, construction, manufacturing and transport",
    "94": "Food preparation assistants",
    "95": "Street and related sales and service workers",
    "96": "Refuse workers and other elementary workers",
}
"""Titles of the ISCO-08 sub-major groups, by their two-digit code."""


def isco_skill_level(group: str) -> int:
    """Return the ISCO-08 skill level (1–4) of an ISCO group code.

    ISCO-08 assigns skill levels by major group: managers 3–4 (sub-major group 14 at 3,
    the rest at 4), professionals 4, technicians and associate professionals 3, clerical,
    service, agricultural, craft and machine-operating workers 2, elementary occupations
    1; armed forces officers 4, non-commissioned officers 2, other ranks 1.

    Examples
    --------
    >>> isco_skill_level("4222"), isco_skill_level("1420"), isco_skill_level("2512")
    (2, 3, 4)
    """
    major, sub = group[:1], group[:2]
    if major == "0":
        return {"01": 4, "02": 2}.get(sub, 1)
    if major == "1":
        return 3 if sub == "14" else 4
    return {"2": 4, "3": 3, "9": 1}.get(major, 2)


@frozen
class EscoImport:
    """The result of :func:`read`: the graph and what the import did."""

    graph: CareerGraph
    report: ImportReport


DEFAULT_MIN_SIMILARITY: Final = 0.05
"""Default ``min_similarity`` of :func:`read`: about two shared essential skills of ~40."""

UNCLASSIFIED: Final = "unclassified"
"""The industry of an occupation without an ISCO group."""


def read(
    directory: str | os.PathLike[str],
    *,
    neighbours: int = 20,
    min_similarity: float | None = DEFAULT_MIN_SIMILARITY,
    precedence: Precedence = "upward",
    name: str = "esco",
    source: str | None = None,
    progress: Progress | None = None,
    max_file_bytes: int | None = None,
    max_rows: int | None = None,
) -> EscoImport:
    """Import an ESCO CSV download; return the graph and a report.

    Parameters are those of :func:`load`.
    """
    check_precedence(precedence)
    limits = Limits.of(max_file_bytes, max_rows)
    if isinstance(neighbours, bool) or not isinstance(neighbours, int) or neighbours < 0:
        raise ValueError(f"neighbours must be a whole number, 0 or more, got {neighbours!r}")
    if min_similarity is not None and not -1.0 <= min_similarity <= 1.0:
        raise ValueError(f"min_similarity must lie in -1 to 1, got {min_similarity!r}")
    folder = input_folder(directory, f"pass the folder of the download ({DOWNLOAD})")
    source = source or "ESCO classification, © European Union, CC BY 4.0"
    counts: dict[str, int] = {}

    occupations, skills_by_uri, relations = _read_download(folder, counts, limits, progress)
    kept = _choose(folder, occupations, relations, counts)
    profiles = [relations[u] for u in kept]
    skills, skill_ids = skills_of(skills_by_uri, {s for p in profiles for s in p})
    counts["skills"] = len(skills)
    counts["skills not used by any occupation"] = len(skills_by_uri) - len(skills)

    report_progress(progress, "similarity", 0.0)
    similarity = _similarity(profiles, skill_ids)
    groups = [occupations[u][2] for u in kept]
    floor = max(min_similarity if min_similarity is not None else 0.0, _SHARED)
    near = top_neighbours(
        np.zeros((len(kept), 1)),
        neighbours,
        min_similarity=floor,
        similarity=_tie_broken(similarity, groups),
    )
    report_progress(progress, "similarity", 1.0)

    levels = _levels(groups, similarity)
    counts["occupations without an ISCO group (industry unclassified)"] = sum(not g for g in groups)
    roles = _roles(kept, occupations, levels, relations, skill_ids, source, counts)
    transitions = _moves(roles, groups, profiles, near, similarity, precedence, source)
    counts["moves"] = len(transitions)
    graph = CareerGraph(
        name,
        title="ESCO occupations",
        description=(
            f"Occupations of the {source}; moves to each occupation's {neighbours} most "
            "similar occupations by essential and optional skills."
        ),
        scale=ESCO_SCALE,
        skills=skills,
        roles=roles,
        transitions=transitions,
    )
    return EscoImport(graph, ImportReport(str(folder), counts))


def _read_download(
    folder: Path, counts: dict[str, int], limits: Limits, progress: Progress | None
) -> tuple[dict[str, Occupation], dict[str, tuple[str, str, str]], dict[str, dict[str, float]]]:
    """Read the three files: occupations and skills by URI, each occupation's skill levels."""
    report_progress(progress, "reading", 0.0)
    occupations = read_occupations(folder, limits)
    report_progress(progress, "reading", 0.3)
    skills_by_uri = read_skills(folder, limits)
    report_progress(progress, "reading", 0.6)
    relations = read_relations(folder, occupations, skills_by_uri, counts, limits)
    report_progress(progress, "reading", 1.0)
    return occupations, skills_by_uri, relations


def _choose(
    folder: Path,
    occupations: dict[str, Occupation],
    relations: dict[str, dict[str, float]],
    counts: dict[str, int],
) -> list[str]:
    """Keep the occupations with a skill relation, by code; refuse too many, or none."""
    kept = sorted((u for u in occupations if u in relations), key=lambda u: occupations[u][0])
    counts["occupations read"] = len(occupations)
    counts["roles"] = len(kept)
    counts["skipped: no skill relations"] = len(occupations) - len(kept)
    check_occupations(str(folder), len(kept))
    if not kept:
        raise ImportDataError(
            str(folder),
            [
                (
                    None,
                    "no occupation has a skill relation; "
                    "check that the files come from one download",
                )
            ],
        )
    return kept


def _moves(
    roles: list[Role],
    groups: list[str],
    profiles: list[dict[str, float]],
    near: list[list[tuple[int, float]]],
    similarity: npt.NDArray[np.float64],
    precedence: Precedence,
    source: str,
) -> list[Transition]:
    """Return the moves to each occupation's neighbours, each noting the skills shared."""
    transitions: list[Transition] = []
    for i, role in enumerate(roles):
        for rank, (j, _) in enumerate(near[i], start=1):
            other = roles[j]
            transitions.append(
                Transition(
                    role.id,
                    other.id,
                    classify(
                        role.level,
                        other.level,
                        groups[i][:2] or UNCLASSIFIED,
                        groups[j][:2] or UNCLASSIFIED,
                        precedence=precedence,
                    ),
                    note=(
                        f"inferred: skill similarity {similarity[i, j]:.3f}, "
                        f"{_shared(profiles[i], profiles[j])}, "
                        f"neighbour {rank} of {role.id}"
                    ),
                    sources=(source,),
                )
            )
    return transitions


def _roles(
    kept: list[str],
    occupations: dict[str, Occupation],
    levels: list[int],
    relations: dict[str, dict[str, float]],
    skill_ids: dict[str, str],
    source: str,
    counts: dict[str, int],
) -> list[Role]:
    """Return the roles, with their aliases.

    An alternative label shared by several occupations stays on each (looking it up then
    lists them all), unless it is one of them's own label or code.
    """
    owners: dict[str, set[str]] = {}
    own: set[str] = set()
    for u in kept:
        role_id, label, _, alts, _ = occupations[u]
        own.update((role_id.casefold(), label.casefold()))
        for text in {role_id, label, *alts}:
            owners.setdefault(text.casefold(), set()).add(u)
    dropped = shared = 0
    roles: list[Role] = []
    for i, u in enumerate(kept):
        role_id, label, isco, alts, description = occupations[u]
        aliases = []
        seen = {role_id.casefold(), label.casefold()}
        for alt in alts:
            key = alt.casefold()
            if key in seen:
                continue
            if len(owners[key]) > 1:
                if key in own:
                    dropped += 1
                    continue
                shared += 1
            seen.add(key)
            aliases.append(alt)
        industry = (
            ISCO_SUB_MAJOR_GROUPS.get(isco[:2], f"ISCO sub-major group {isco[:2]}")
            if isco
            else UNCLASSIFIED
        )
        roles.append(
            Role(
                role_id,
                label,
                levels[i],
                track=isco or UNCLASSIFIED,
                industry=industry,
                skills={skill_ids[s]: level for s, level in relations[u].items()},
                aliases=aliases,
                description=description,
                sources=(source,),
            )
        )
    counts["aliases shared by several occupations (kept on each)"] = shared
    counts["aliases left out (another occupation's code or title)"] = dropped
    return roles


def _levels(groups: list[str], similarity: npt.NDArray[np.float64]) -> list[int]:
    """Return the ISCO skill levels of the occupations of these ISCO groups.

    An occupation without a group takes its most similar classified occupation's level
    (ties: the lower code), or :data:`UNCLASSIFIED_LEVEL` if it shares no skill with one.
    """
    levels = [isco_skill_level(g) if g else 0 for g in groups]
    classified = np.array([bool(g) for g in groups])
    for i, g in enumerate(groups):
        if g:
            continue
        row = np.where(classified, similarity[i], -np.inf)
        row[i] = -np.inf
        j = int(np.argmax(row)) if row.size else 0
        levels[i] = levels[j] if row.size and row[j] > 0 else UNCLASSIFIED_LEVEL
    return levels


UNCLASSIFIED_LEVEL: Final = 2
"""Level of an unclassified occupation that shares no skill with a classified one: ISCO-08
skill level 2, that of most of its major groups (4 to 8)."""

_SHARED: Final = 1e-9
_CHUNK = 2048  # a move needs a similarity above 0: at least one shared skill


def _tie_broken(similarity: npt.NDArray[np.float64], groups: list[str]) -> npt.NDArray[np.float64]:
    """Return the similarity with its ties broken by the ISCO classification.

    Among equally similar occupations (to 9 decimals): the one in the same ISCO unit group
    first, then the same sub-major group, then the same major group, then the lower code
    (the order of the rows).  The tie-break adds under 1e-10, so it never reorders values
    that differ.
    """
    out: npt.NDArray[np.float64] = np.round(similarity, 9)
    for width, points in ((4, 4.0), (2, 2.0), (1, 1.0)):
        keys = [g[:width] if g else f"?{i}" for i, g in enumerate(groups)]
        _, code = np.unique(np.array(keys), return_inverse=True)
        out += (code[:, None] == code[None, :]) * (points * 1e-10 / 8)
    return out


def _shared(a: dict[str, float], b: dict[str, float]) -> str:
    essential = sum(1 for s, v in a.items() if v == 2.0 and b.get(s) == 2.0)
    common = sum(1 for s in a if s in b)
    return f"{common} shared skills ({essential} essential to both)"


def _similarity(
    profiles: list[dict[str, float]], skill_ids: dict[str, str]
) -> npt.NDArray[np.float64]:
    """Cosine similarity of sparse skill vectors, accumulated over blocks of skills."""
    column = {uri: i for i, uri in enumerate(skill_ids)}
    rows_idx: list[int] = []
    cols_idx: list[int] = []
    values: list[float] = []
    for i, profile in enumerate(profiles):
        for uri, level in profile.items():
            rows_idx.append(i)
            cols_idx.append(column[uri])
            values.append(level)
    r = np.asarray(rows_idx, dtype=np.int64)
    c = np.asarray(cols_idx, dtype=np.int64)
    v = np.asarray(values, dtype=np.float64)
    n = len(profiles)
    gram = np.zeros((n, n), dtype=np.float64)
    for start in range(0, len(column), _CHUNK):
        mask = (c >= start) & (c < start + _CHUNK)
        block = np.zeros((n, min(_CHUNK, len(column) - start)), dtype=np.float64)
        block[r[mask], c[mask] - start] = v[mask]
        gram += block @ block.T
    norms = np.sqrt(np.diag(gram)).copy()
    norms[norms == 0] = 1.0
    sim: npt.NDArray[np.float64] = gram / norms[:, None] / norms[None, :]
    return sim


@parameters_of(read)
def load(*args: Any, **kwargs: Any) -> CareerGraph:  # noqa: D417 (read's parameters)
    """Import ESCO's CSV download as a career graph.

    Parameters
    ----------
    directory : str or path-like
        The folder holding ``occupations_en.csv``, ``skills_en.csv`` and
        ``occupationSkillRelations_en.csv``.
    neighbours : int
        Moves out of each occupation: to its ``neighbours`` most similar occupations by
        cosine similarity of skill vectors (essential 2, optional 1).  Ties go to the
        occupation in the same ISCO unit group, then sub-major group, then major group,
        then to the lower occupation code.
    min_similarity : float, optional
        Keep only moves at least this similar (default :data:`DEFAULT_MIN_SIMILARITY`,
        0.05).  Whatever its value, two occupations that share no skill (similarity 0)
        are never a move.
    precedence : {"upward", "cross-industry"}
        The kind of a move that both rises in ISCO skill level and changes sub-major group.
    name : str
        The graph's name (default ``"esco"``).
    source : str, optional
        Attribution recorded on every role and move.
    progress : callable, optional
        Called as ``progress(stage, fraction)`` while importing.
    max_file_bytes, max_rows : int, optional
        Size limits of each file (default :data:`~supportladder.importers.MAX_FILE_BYTES`
        and :data:`~supportladder.importers.MAX_ROWS`); larger files are refused.

    Returns
    -------
    CareerGraph
        Occupations without any skill relation are left out (counted by :func:`read`).
        Occupations without an ISCO group are kept, in the industry
        :data:`UNCLASSIFIED`, at the level of their most similar classified occupation.

    Raises
    ------
    ImportDataError
        If a file is missing, too large, not UTF-8 text or lacks a column, or a row is
        malformed, duplicated or refers to an occupation or skill the other files do not have.
    """
    return read(*args, **kwargs).graph
