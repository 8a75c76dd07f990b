"""What an O*NET import reads: the evidence asked for, the files found, the blocks they make."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final

from attrs import frozen

from supportladder.importers import ImportDataError
from supportladder.importers._evidence import (
    LABELS,
    TEXT_BLOCKS,
    Block,
    count_block,
    have_text_features,
    rating_block,
    text_block,
)
from supportladder.importers._onet_files import (
    FILES,
    INTERESTS,
    Ratings,
    read_dwas,
    read_interests,
    read_job_zones,
    read_occupations,
    read_ratings,
    read_tasks,
    read_titles,
)
from supportladder.importers._tables import Limits, Progress, report_progress

__all__ = [
    "BLOCKS",
    "RATED",
    "WEIGHTS",
    "Evidence",
    "Release",
    "Wanted",
    "build_blocks",
    "read_evidence",
    "read_release",
    "wanted",
]

BLOCKS: Final = ("tasks", "dwas", "titles", "knowledge", "skills", "interests")
"""The evidence blocks of O*NET similarity, in the order notes list them."""

RATED: Final = ("skills", "knowledge")
"""The families with Level ratings: the ones whose levels can be a graph's skills."""

WEIGHTS: Final = {
    "tasks": 0.25,
    "dwas": 0.25,
    "titles": 0.2,
    "knowledge": 0.1,
    "skills": 0.1,
    "interests": 0.1,
}
"""Default weights of the blocks (they sum to 1); ``docs/importers.md`` says why."""

_EXTRA = "pip install 'supportladder[onet]'"


@frozen
class Wanted:
    """The blocks asked for, their weights, and whether each one's file must exist."""

    weights: dict[str, float]
    required: bool


def wanted(descriptors: Sequence[str] | Mapping[str, float] | None) -> Wanted:
    """Resolve the ``descriptors`` option of :func:`~supportladder.importers.onet.read`."""
    if descriptors is None:
        return Wanted(dict(WEIGHTS), required=False)
    if isinstance(descriptors, str) or not descriptors:
        raise ValueError(
            "descriptors must be a non-empty sequence of block names, e.g. ('tasks', 'skills'), "
            "or a mapping of block name to weight; leave it out for every block found"
        )
    names = list(descriptors)
    for block in names:
        if block not in BLOCKS:
            raise ValueError(f"unknown descriptor block {block!r}; use any of {', '.join(BLOCKS)}")
    if len(set(names)) != len(names):
        raise ValueError(f"descriptors {tuple(names)!r} repeat a block; give each once")
    if not isinstance(descriptors, Mapping):
        return Wanted({b: WEIGHTS[b] for b in names}, required=True)
    weights: dict[str, float] = {}
    for block, w in descriptors.items():
        if isinstance(w, bool) or not isinstance(w, int | float) or not math.isfinite(w) or w < 0:
            raise ValueError(
                f"descriptors: the weight of {block!r} must be a finite number, 0 or more, "
                f"got {w!r}"
            )
        if w > 0:
            weights[block] = float(w)
    if not weights:
        raise ValueError("descriptors: every weight is 0; give at least one block a weight above 0")
    return Wanted(weights, required=True)


@frozen
class Evidence:
    """What the optional files of a release held: per occupation, its evidence."""

    interests: dict[str, dict[str, float]]
    tasks: dict[str, list[str]]
    dwas: dict[str, dict[str, int]]
    titles: dict[str, list[str]]
    notes: list[str]


def read_evidence(
    folder: Path,
    want: Wanted,
    known: dict[str, tuple[str, str]],
    counts: dict[str, int],
    limits: Limits,
) -> Evidence:
    """Read the files of the blocks asked for; note the ones left out, and why."""
    notes: list[str] = []
    text_ok = have_text_features()
    for block in TEXT_BLOCKS:
        if block in want.weights and not text_ok:
            if want.required:
                raise ValueError(
                    f"descriptors: the {block!r} block needs scikit-learn ({_EXTRA}); "
                    f"install it, or leave {block!r} out"
                )
            del want.weights[block]
            notes.append(f"{LABELS[block]}: left out, scikit-learn is not installed ({_EXTRA})")

    def usable(key: str) -> bool:
        if key not in want.weights:
            return False
        if want.required or (folder / FILES[key]).is_file():
            return True
        del want.weights[key]
        notes.append(f"{LABELS[key]}: left out, {FILES[key]!r} not found")
        return False

    # Interests name the Holland code too: read them whenever the file is there.
    interests: dict[str, dict[str, float]] = {}
    if usable("interests") or (folder / FILES["interests"]).is_file():
        interests = read_interests(folder, known, counts, limits)
    tasks = read_tasks(folder, known, counts, limits) if usable("tasks") else {}
    dwas = read_dwas(folder, known, counts, limits) if usable("dwas") else {}
    titles = read_titles(folder, known, counts, limits) if usable("titles") else {}
    return Evidence(interests, tasks, dwas, titles, notes)


def build_blocks(
    kept: Sequence[str],
    weights: Mapping[str, float],
    evidence: Evidence,
    ratings: Mapping[str, Ratings],
    occupations: Mapping[str, tuple[str, str]],
) -> list[Block]:
    """Return the blocks of the kept occupations, in :data:`BLOCKS` order."""
    blocks: list[Block] = []
    for name in BLOCKS:
        if name not in weights:
            continue
        if name == "tasks":
            texts = [" ".join(evidence.tasks[c]) if c in evidence.tasks else None for c in kept]
            blocks.append(text_block(name, texts))
        elif name == "titles":
            # The occupation's own title counts as one of its titles.
            texts = [
                " ; ".join([occupations[c][0], *evidence.titles[c]])
                if c in evidence.titles
                else None
                for c in kept
            ]
            blocks.append(text_block(name, texts))
        elif name == "dwas":
            blocks.append(count_block(name, [evidence.dwas.get(c) for c in kept]))
        elif name == "interests":
            columns = tuple(INTERESTS.values())
            blocks.append(rating_block(name, [evidence.interests.get(c) for c in kept], columns))
        else:
            r = ratings[name]
            blocks.append(rating_block(name, [r.rated.get(c) for c in kept], tuple(r.names)))
    return blocks


@frozen
class Release:
    """What the files of a release hold, checked: occupations, Job Zones, ratings, evidence."""

    occupations: dict[str, tuple[str, str]]  # code -> (title, description)
    zones: dict[str, int]
    ratings: dict[str, Ratings]  # by family: "skills", "knowledge"
    evidence: Evidence


def read_release(
    folder: Path,
    want: Wanted,
    costs: Sequence[str],
    suppressed: str,
    counts: dict[str, int],
    limits: Limits,
    progress: Progress | None,
) -> tuple[Release, list[str]]:
    """Read the files the import needs; return them and notes of the blocks left out.

    A rating family's file may be absent unless its ratings are costs or the blocks were
    asked for by name: its block is then left out (dropped from ``want``) and noted.
    """
    report_progress(progress, "reading", 0.0)
    occupations = read_occupations(folder, limits)
    zones = read_job_zones(folder, occupations, limits)
    ratings: dict[str, Ratings] = {}
    rated = [f for f in RATED if f in costs or f in want.weights]
    notes: list[str] = []
    for i, family in enumerate(rated):
        if family in costs or want.required or (folder / FILES[family]).is_file():
            ratings[family] = read_ratings(folder, family, occupations, suppressed, counts, limits)
        else:
            del want.weights[family]
            notes.append(f"{family}: left out, {FILES[family]!r} not found")
        report_progress(progress, "reading", (i + 1) / (len(rated) + 2))
    for family in costs:
        if not counts[f"{family}: rows read"]:  # the costs come from it: empty is broken
            raise ImportDataError(
                str(folder / FILES[family]),
                [
                    (
                        None,
                        f"{FILES[family]!r} has a header and no rows; use the complete files "
                        "of the release",
                    )
                ],
            )
    evidence = read_evidence(folder, want, occupations, counts, limits)
    notes.extend(evidence.notes)
    report_progress(progress, "reading", 1.0)
    return Release(occupations, zones, ratings, evidence), notes
