r"""Import ESCO's CSV download (occupations, skills and their relations) as a career graph.

Reads three files of ESCO's classification download in CSV format, English (layout of
ESCO v1.1 and v1.2): ``occupations_en.csv``, ``skills_en.csv`` and
``occupationSkillRelations_en.csv``.  Roles are occupations: id = the ESCO occupation code
(``"4222.1"``), title = preferred label, aliases = alternative labels, level = the ISCO-08
skill level of the occupation's ISCO group (1–4), industry = the ISCO-08 sub-major group.
Skills are ESCO skills and knowledge concepts at level 2 when *essential* to the occupation
and 1 when *optional* (scale ``none`` 0, ``optional`` 1, ``essential`` 2).

Moves, as for O*NET, go to each occupation's ``neighbours`` most similar occupations (cosine
similarity of their essential/optional skill vectors); weights are skill deltas.  Kinds:
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
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt
from attrs import frozen

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
    read_table,
    report_progress,
    show,
    slug,
    top_neighbours,
)
from supportladder.graph import CareerGraph
from supportladder.importers import ImportDataError, ImportReport
from supportladder.model import Role, Scale, Skill, Transition

__all__ = [
    "ESCO_SCALE",
    "FILES",
    "ISCO_SUB_MAJOR_GROUPS",
    "LEVELS",
    "OCCUPATION_COLUMNS",
    "RELATION_COLUMNS",
    "SKILL_COLUMNS",
    "EscoImport",
    "isco_skill_level",
    "load",
    "read",
]

FILES: Final = {
    "occupations": "occupations_en.csv",
    "skills": "skills_en.csv",
    "relations": "occupationSkillRelations_en.csv",
}
"""The three files of the ESCO CSV download that are read."""

OCCUPATION_COLUMNS: Final = (
    "conceptType",
    "conceptUri",
    "iscoGroup",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "regulatedProfessionNote",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
    "code",
)
"""The header of ``occupations_en.csv`` in ESCO v1.1.1 and v1.2.0."""

SKILL_COLUMNS: Final = (
    "conceptType",
    "conceptUri",
    "skillType",
    "reuseLevel",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
)
"""The header of ``skills_en.csv`` in ESCO v1.1.1 and v1.2.0."""

RELATION_COLUMNS: Final = ("occupationUri", "relationType", "skillType", "skillUri")
"""The header of ``occupationSkillRelations_en.csv`` in ESCO v1.1.1 and v1.2.0."""

_REQUIRED_OCC: Final = ("conceptUri", "iscoGroup", "preferredLabel", "altLabels", "code")
_REQUIRED_SKILL: Final = ("conceptUri", "skillType", "preferredLabel")
_REQUIRED_REL: Final = ("occupationUri", "relationType", "skillUri")

LEVELS: Final = {"essential": 2.0, "optional": 1.0}
"""Skill level of a relation type: essential skills at 2, optional at 1."""

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

_ISCO_RE = re.compile(r"[0-9]{4}")
_ID_RE = re.compile(r"[a-z0-9]+(?:[-.][a-z0-9]+)*")
_DOWNLOAD = (
    "download the classification as CSV, language English, from "
    "https://esco.ec.europa.eu/en/use-esco/download"
)
_MAX_SLUG = 80
_CHUNK = 2048


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


def _table(folder: Path, key: str, required: Sequence[str], limits: Limits) -> Table:
    return read_table(
        folder / FILES[key],
        delimiter=",",
        required=required,
        hint=f"expected ESCO's {FILES[key]!r} in {show(str(folder))}; {_DOWNLOAD}",
        limits=limits,
    )


def _uuid_tail(uri: str) -> str:
    return uri.rstrip("/").rsplit("/", 1)[-1].lower()


def _labels(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"\r?\n|\s\|\s", text) if part.strip()]


def _short_slug(text: str) -> str:
    s = slug(text)
    if len(s) > _MAX_SLUG:
        s = s[:_MAX_SLUG].rsplit("-", 1)[0]
    return s


def read(
    directory: str | os.PathLike[str],
    *,
    neighbours: int = 20,
    min_similarity: float | None = None,
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
    folder = Path(directory)
    if not folder.is_dir():
        raise ImportDataError(
            str(folder),
            [(None, f"{missing_folder(folder)}; pass the folder of the download ({_DOWNLOAD})")],
        )
    source = source or "ESCO classification, © European Union, CC BY 4.0"
    counts: dict[str, int] = {}
    report_progress(progress, "reading", 0.0)

    # Occupations.
    table = _table(folder, "occupations", _REQUIRED_OCC, limits)
    problems = Problems(table.path)
    c_uri, c_isco, c_label, c_alt, c_code = (table.column(c) for c in _REQUIRED_OCC)
    c_desc = table.index.get("description")
    occupations: dict[str, tuple[str, str, str, list[str], str]] = {}  # uri -> id, ...
    first_uri: dict[str, int] = {}
    first_id: dict[str, int] = {}
    names: dict[str, int] = {}  # casefolded preferred label or id -> first row naming it
    for row, fields in table.rows:
        uri, isco = fields[c_uri].strip(), fields[c_isco].strip()
        label, code = fields[c_label].strip(), fields[c_code].strip().lower()
        role_id = code or _uuid_tail(uri)
        if not uri:
            problems.add(row, "empty conceptUri; give the occupation's ESCO URI")
        elif uri in first_uri:
            problems.add(
                row,
                f"duplicate occupation {show(uri)} (first at row {first_uri[uri]}); keep one row",
            )
        elif not _ISCO_RE.fullmatch(isco):
            problems.add(
                row,
                f"malformed iscoGroup {show(isco)}; "
                "write the four-digit ISCO-08 unit group, e.g. 4222",
            )
        elif not label:
            problems.add(row, f"occupation {show(uri)} has an empty preferredLabel; give its name")
        elif not _ID_RE.fullmatch(role_id):
            problems.add(
                row, f"malformed code {show(code)}; write ESCO's occupation code, e.g. 4222.1"
            )
        elif role_id in first_id:
            problems.add(
                row,
                f"duplicate code {show(role_id)} (first at row {first_id[role_id]}); "
                "give each occupation its own code",
            )
        elif names.get(label.casefold(), row) != row or names.get(role_id, row) != row:
            clash = names.get(label.casefold()) or names[role_id]
            problems.add(
                row,
                f"occupation {show(role_id)}: its preferredLabel or code also names the occupation "
                f"at row {clash}; labels must pick out one occupation, so fix one of the two rows",
            )
        else:
            first_uri[uri] = row
            first_id[role_id] = row
            names.setdefault(label.casefold(), row)
            names.setdefault(role_id, row)
            description = fields[c_desc].strip() if c_desc is not None else ""
            occupations[uri] = (role_id, label, isco, _labels(fields[c_alt]), description)
    problems.check()
    report_progress(progress, "reading", 0.3)

    # Skills.
    table = _table(folder, "skills", _REQUIRED_SKILL, limits)
    problems = Problems(table.path)
    c_uri, c_type, c_label = (table.column(c) for c in _REQUIRED_SKILL)
    c_desc = table.index.get("description")
    skills_by_uri: dict[str, tuple[str, str, str]] = {}
    first_uri = {}
    for row, fields in table.rows:
        uri, label = fields[c_uri].strip(), fields[c_label].strip()
        if not uri:
            problems.add(row, "empty conceptUri; give the skill's ESCO URI")
        elif uri in first_uri:
            problems.add(
                row, f"duplicate skill {show(uri)} (first at row {first_uri[uri]}); keep one row"
            )
        elif not label:
            problems.add(row, f"skill {show(uri)} has an empty preferredLabel; give its name")
        else:
            first_uri[uri] = row
            description = fields[c_desc].strip() if c_desc is not None else ""
            skills_by_uri[uri] = (label, fields[c_type].strip(), description)
    problems.check()
    report_progress(progress, "reading", 0.6)

    # Relations.
    table = _table(folder, "relations", _REQUIRED_REL, limits)
    problems = Problems(table.path)
    c_occ, c_rel, c_skill = (table.column(c) for c in _REQUIRED_REL)
    relations: dict[str, dict[str, float]] = {}
    first_pair: dict[tuple[str, str], int] = {}
    for row, fields in table.rows:
        occ, kind, skill = fields[c_occ].strip(), fields[c_rel].strip(), fields[c_skill].strip()
        if occ not in occupations:
            problems.add(
                row,
                f"unknown occupationUri {show(occ)}: not in {FILES['occupations']!r}; "
                "use files of one download",
            )
        elif skill not in skills_by_uri:
            problems.add(
                row,
                f"unknown skillUri {show(skill)}: not in {FILES['skills']!r}; "
                "use files of one download",
            )
        elif kind not in LEVELS:
            problems.add(row, f"relationType {show(kind)}; write 'essential' or 'optional'")
        elif (occ, skill) in first_pair:
            problems.add(
                row,
                f"duplicate relation of {show(occ)} to {show(skill)} (first at row "
                f"{first_pair[(occ, skill)]}); keep one row per occupation and skill",
            )
        else:
            first_pair[(occ, skill)] = row
            relations.setdefault(occ, {})[skill] = LEVELS[kind]
    problems.check()
    counts["relations read"] = len(table.rows)
    report_progress(progress, "reading", 1.0)

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

    # Skills used by kept occupations, in the order of skills_en.csv.
    used = {s for u in kept for s in relations[u]}
    skill_ids: dict[str, str] = {}
    taken: set[str] = set()
    skills: list[Skill] = []
    for uri, (label, skill_type, description) in skills_by_uri.items():
        if uri not in used:
            continue
        tail = slug(_uuid_tail(uri))[:8].strip("-")
        sid = _short_slug(label) or tail or "skill"
        if sid in taken:
            sid = f"{sid}-{tail}".strip("-")
        n = 2
        base = sid
        while sid in taken:
            sid = f"{base}-{n}"
            n += 1
        taken.add(sid)
        skill_ids[uri] = sid
        category = "knowledge" if skill_type == "knowledge" else "skill"
        skills.append(Skill(sid, label, category=category, description=description))
    counts["skills"] = len(skills)
    counts["skills not used by any occupation"] = len(skills_by_uri) - len(skills)

    # Aliases: alternative labels that name no other occupation.
    owners: dict[str, set[str]] = {}
    for u in kept:
        role_id, label, _, alts, _ = occupations[u]
        for text in {role_id, label, *alts}:
            owners.setdefault(text.casefold(), set()).add(u)
    dropped_aliases = 0
    roles: list[Role] = []
    for u in kept:
        role_id, label, isco, alts, description = occupations[u]
        aliases = []
        seen = {role_id.casefold(), label.casefold()}
        for alt in alts:
            key = alt.casefold()
            if key in seen:
                continue
            if len(owners[key]) > 1:
                dropped_aliases += 1
                continue
            seen.add(key)
            aliases.append(alt)
        roles.append(
            Role(
                role_id,
                label,
                isco_skill_level(isco),
                track=isco,
                industry=ISCO_SUB_MAJOR_GROUPS.get(isco[:2], f"ISCO sub-major group {isco[:2]}"),
                skills={skill_ids[s]: level for s, level in relations[u].items()},
                aliases=aliases,
                description=description,
                sources=(source,),
            )
        )
    counts["aliases left out (shared by several occupations)"] = dropped_aliases

    report_progress(progress, "similarity", 0.0)
    similarity = _similarity([relations[u] for u in kept], skill_ids)
    near = top_neighbours(
        np.zeros((len(kept), 1)), neighbours, min_similarity=min_similarity, similarity=similarity
    )
    report_progress(progress, "similarity", 1.0)

    transitions: list[Transition] = []
    for i, role in enumerate(roles):
        for rank, (j, sim) in enumerate(near[i], start=1):
            other = roles[j]
            transitions.append(
                Transition(
                    role.id,
                    other.id,
                    classify(
                        role.level,
                        other.level,
                        role.track[:2],
                        other.track[:2],
                        precedence=precedence,
                    ),
                    note=f"inferred: skill similarity {sim:.3f}, neighbour {rank} of {role.id}",
                    sources=(source,),
                )
            )
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


def load(
    directory: str | os.PathLike[str],
    *,
    neighbours: int = 20,
    min_similarity: float | None = None,
    precedence: Precedence = "upward",
    name: str = "esco",
    source: str | None = None,
    progress: Progress | None = None,
    max_file_bytes: int | None = None,
    max_rows: int | None = None,
) -> CareerGraph:
    """Import ESCO's CSV download as a career graph.

    Parameters
    ----------
    directory : str or path-like
        The folder holding ``occupations_en.csv``, ``skills_en.csv`` and
        ``occupationSkillRelations_en.csv``.
    neighbours : int
        Moves out of each occupation: to its ``neighbours`` most similar occupations by
        cosine similarity of skill vectors (essential 2, optional 1); ties go to the lower
        occupation code.
    min_similarity : float, optional
        Keep only moves at least this similar (-1 to 1).
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

    Raises
    ------
    ImportDataError
        If a file is missing, too large, not UTF-8 text or lacks a column, or a row is
        malformed, duplicated or refers to an occupation or skill the other files do not have.
    """
    return read(
        directory,
        neighbours=neighbours,
        min_similarity=min_similarity,
        precedence=precedence,
        name=name,
        source=source,
        progress=progress,
        max_file_bytes=max_file_bytes,
        max_rows=max_rows,
    ).graph
