"""From similarity to moves in an O*NET import: each occupation's neighbours, then its moves.

The evidence blocks' cosines are mixed into one similarity (see
:mod:`~supportladder.importers._evidence`), each occupation's most similar ones become its
neighbours, the career-ladder rules of :mod:`~supportladder.importers._onet_ladder` shape
them, and each neighbour becomes a move whose note says why it was inferred.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
from attrs import frozen

from supportladder.importers._evidence import LABELS, Block, combine, cosines, describe
from supportladder.importers._onet_blocks import Release, build_blocks
from supportladder.importers._onet_files import FILES
from supportladder.importers._onet_ladder import apply_ladder
from supportladder.importers._tables import (
    Precedence,
    Progress,
    classify,
    report_progress,
    top_neighbours,
)
from supportladder.model import Transition

__all__ = ["Neighbours", "find_neighbours", "moves", "report_blocks"]


@frozen
class Neighbours:
    """Each kept occupation's neighbours, and the evidence blocks their similarity used."""

    rows: list[list[tuple[int, float]]]  # per occupation: (index in kept, similarity)
    promoted: set[tuple[int, int]]  # the ladder's promotions among them
    blocks: list[Block]
    sims: list[npt.NDArray[np.float64]]  # each block's cosines


def find_neighbours(
    kept: list[str],
    release: Release,
    weights: Mapping[str, float],
    neighbours: int,
    min_similarity: float | None,
    ladder: bool,
    counts: dict[str, int],
    progress: Progress | None,
) -> Neighbours:
    """Find each occupation's most similar ones, shaped by the ladder rules if asked."""
    report_progress(progress, "similarity", 0.0)
    blocks = build_blocks(kept, weights, release.evidence, release.ratings, release.occupations)
    blocks = [b for b in blocks if b.present.sum() >= 2]
    sims = [cosines(b) for b in blocks]
    combined = combine(blocks, sims, weights)
    floor = -np.finfo(np.float64).max if min_similarity is None else min_similarity
    near = top_neighbours(
        np.zeros((len(kept), 1)), neighbours, min_similarity=floor, similarity=combined
    )
    promoted: set[tuple[int, int]] = set()
    if ladder and neighbours > 0:
        titles = {c: release.occupations[c][0] for c in kept}
        near, dropped, promoted = apply_ladder(kept, release.zones, titles, near, combined)
        counts["ladder: moves left out"] = dropped
        counts["ladder: promotions added"] = len(promoted)
    report_progress(progress, "similarity", 1.0)
    return Neighbours(near, promoted, blocks, sims)


def report_blocks(
    blocks: Sequence[Block], weights: Mapping[str, float], counts: dict[str, int]
) -> list[str]:
    """Count the occupations each evidence block covers; return a note of each block."""
    for block in blocks:
        counts[f"evidence: {LABELS[block.name]} (occupations)"] = int(block.present.sum())
    total = sum(weights[b.name] for b in blocks) or 1.0
    files = {"tasks": "tasks", "dwas": "DWAs", "titles": "titles"}
    notes = []
    for b in blocks:
        rows = counts.get(f"{files.get(b.name, b.name)}: rows read")
        what = f"{rows:,} rows of {FILES[b.name]!r}" if rows is not None else FILES[b.name]
        notes.append(
            f"{LABELS[b.name]}: weight {weights[b.name] / total:.2f}, "
            f"{int(b.present.sum())} occupations, from {what}"
        )
    return notes


def moves(
    kept: list[str],
    zones: Mapping[str, int],
    neighbours: Neighbours,
    precedence: Precedence,
    source: str,
    progress: Progress | None,
) -> list[Transition]:
    """Return the moves to each occupation's neighbours, each noting why it was inferred."""
    transitions: list[Transition] = []
    for i, code in enumerate(kept):
        for rank, (j, sim) in enumerate(neighbours.rows[i], start=1):
            other = kept[j]
            shared = describe(i, j, neighbours.blocks, neighbours.sims)
            if (i, j) not in neighbours.promoted:
                why = f"neighbour {rank} of {code}"
            elif other[:2] == "11":
                why = "promotion to the most similar manager"
            else:
                why = "promotion to the most similar first-line supervisor"
            transitions.append(
                Transition(
                    code,
                    other,
                    classify(zones[code], zones[other], code[:2], other[:2], precedence=precedence),
                    note=f"inferred: similarity {sim:.2f} ({shared}), {why}",
                    sources=(source,),
                )
            )
        if i % 100 == 0:
            report_progress(progress, "moves", i / len(kept))
    report_progress(progress, "moves", 1.0)
    return transitions
