"""Readers of ESCO's CSV files: each returns checked rows; problems name file and row."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from supportladder.importers._names import OccupationNames
from supportladder.importers._tables import Limits, Problems, Table, read_table, show, slug
from supportladder.model import MAX_ID_LENGTH, Skill
from supportladder.model._rules import ID_RE

__all__ = [
    "DOWNLOAD",
    "FILES",
    "LEVELS",
    "OCCUPATION_COLUMNS",
    "RELATION_COLUMNS",
    "SKILL_COLUMNS",
    "Occupation",
    "read_occupations",
    "read_relations",
    "read_skills",
    "skills_of",
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


_ISCO_RE = re.compile(r"[0-9]{4}")
DOWNLOAD = (
    "download the classification as CSV, language English, from "
    "https://esco.ec.europa.eu/en/use-esco/download"
)
_MAX_SLUG = 80

Occupation = tuple[str, str, str, list[str], str]  # id, label, isco or "", alts, description


def _table(folder: Path, key: str, required: Sequence[str], limits: Limits) -> Table:
    return read_table(
        folder / FILES[key],
        delimiter=",",
        required=required,
        hint=f"expected ESCO's {FILES[key]!r} in {show(str(folder))}; {DOWNLOAD}",
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


def read_occupations(folder: Path, limits: Limits) -> dict[str, Occupation]:
    table = _table(folder, "occupations", _REQUIRED_OCC, limits)
    problems = Problems(table.path)
    c_uri, c_isco, c_label, c_alt, c_code = (table.column(c) for c in _REQUIRED_OCC)
    c_desc = table.index.get("description")
    occupations: dict[str, Occupation] = {}  # uri -> id, ...
    first_uri: dict[str, int] = {}
    names = OccupationNames("preferredLabel", "labels")
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
        elif isco and not _ISCO_RE.fullmatch(isco):
            problems.add(
                row,
                f"malformed iscoGroup {show(isco)}; "
                "write the four-digit ISCO-08 unit group, e.g. 4222, or leave it empty",
            )
        elif not label:
            problems.add(row, f"occupation {show(uri)} has an empty preferredLabel; give its name")
        elif len(role_id) > MAX_ID_LENGTH:
            problems.add(
                row,
                f"code {show(role_id)} is {len(role_id):,} characters long; "
                f"use ESCO's occupation code, at most {MAX_ID_LENGTH} characters",
            )
        elif not ID_RE.fullmatch(role_id):
            problems.add(
                row, f"malformed code {show(code)}; write ESCO's occupation code, e.g. 4222.1"
            )
        elif (first := names.first(role_id)) is not None:
            problems.add(
                row,
                f"duplicate code {show(role_id)} (first at row {first}); "
                "give each occupation its own code",
            )
        elif (clash := names.clash(role_id, label)) is not None:
            problems.add(row, clash)
        else:
            first_uri[uri] = row
            names.add(role_id, label, row=row)
            description = fields[c_desc].strip() if c_desc is not None else ""
            occupations[uri] = (role_id, label, isco, _labels(fields[c_alt]), description)
    problems.check()
    return occupations


def read_skills(folder: Path, limits: Limits) -> dict[str, tuple[str, str, str]]:
    table = _table(folder, "skills", _REQUIRED_SKILL, limits)
    problems = Problems(table.path)
    c_uri, c_type, c_label = (table.column(c) for c in _REQUIRED_SKILL)
    c_desc = table.index.get("description")
    skills_by_uri: dict[str, tuple[str, str, str]] = {}
    first_uri: dict[str, int] = {}
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
    return skills_by_uri


def read_relations(
    folder: Path,
    occupations: dict[str, Occupation],
    skills_by_uri: dict[str, tuple[str, str, str]],
    counts: dict[str, int],
    limits: Limits,
) -> dict[str, dict[str, float]]:
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
    return relations


def skills_of(
    skills_by_uri: dict[str, tuple[str, str, str]], used: set[str]
) -> tuple[list[Skill], dict[str, str]]:
    """Return the skills used by kept occupations, in the order of skills_en.csv, and ids."""
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
    return skills, skill_ids
