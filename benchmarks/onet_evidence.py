"""Measure the O*NET importer's evidence blocks and weights without any expert list.

For each weighting, the 20 most similar occupations of every occupation (the importer's
similarity, before the career-ladder rules) are checked against two things the inference
never sees or that test it from outside:

- agreement with the SOC classification: the share of moves whose target is in the
  source's SOC major group, minor group (first 4 characters, 43-4000) and broad occupation
  (first 6, 43-4050), against the share of random pairs;
- leave-one-file-out stability: with the weights asked for, the share of moves that are
  still there when one block's file is left out.

Usage::

    python benchmarks/onet_evidence.py [--onet DIR]

The release is ``--onet DIR``, else ``$SUPPORTLADDER_ONET``, else the checkout's sibling
``../shared/data/onet-29.3``.  The table of ``docs/importers.md`` is this script's output.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

import numpy as np

from supportladder.importers import _evidence, _onet_moves, onet
from supportladder.importers._tables import neighbour_table

HERE = Path(__file__).resolve().parent
ONET_DEFAULT = HERE.parent.parent / "shared" / "data" / "onet-29.3"
K = 20
WIDTHS = {"major": 2, "minor": 4, "broad": 6}


def blocks_of(folder: Path) -> tuple[list[str], list[Any], list[np.ndarray]]:
    captured: list[Any] = []
    kept: list[list[str]] = []
    original = _onet_moves.build_blocks

    def spy(codes: Any, *a: Any, **kw: Any) -> Any:
        blocks = original(codes, *a, **kw)
        captured.append(blocks)
        kept.append(list(codes))
        return blocks

    _onet_moves.build_blocks = spy  # type: ignore[assignment]
    try:
        onet.load(folder, neighbours=0)
    finally:
        _onet_moves.build_blocks = original  # type: ignore[assignment]
    blocks = captured[0]
    return kept[0], blocks, [_evidence.cosines(b) for b in blocks]


def moves(blocks: list[Any], sims: list[np.ndarray], weights: dict[str, float]) -> set[Any]:
    chosen = [(b, s) for b, s in zip(blocks, sims, strict=True) if weights.get(b.name, 0) > 0]
    combined = _evidence.combine([b for b, _ in chosen], [s for _, s in chosen], weights)
    table = neighbour_table(
        np.zeros((len(combined), 1)), K, similarity=combined, min_similarity=-1e300
    )
    return {
        (i, int(j))
        for i, row in enumerate(table.rows())
        for j, _ in row  # type: ignore[misc]
    }


def agreement(codes: list[str], found: set[Any]) -> dict[str, float]:
    return {
        g: sum(codes[i][:w] == codes[j][:w] for i, j in found) / max(len(found), 1)
        for g, w in WIDTHS.items()
    }


def baseline(codes: list[str]) -> dict[str, float]:
    n = len(codes)
    out = {}
    for g, w in WIDTHS.items():
        sizes: dict[str, int] = {}
        for c in codes:
            sizes[c[:w]] = sizes.get(c[:w], 0) + 1
        out[g] = float(np.mean([(sizes[c[:w]] - 1) / (n - 1) for c in codes]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--onet", type=Path, default=Path(os.environ.get("SUPPORTLADDER_ONET") or ONET_DEFAULT)
    )
    args = parser.parse_args(argv)
    codes, blocks, sims = blocks_of(args.onet)
    names = [b.name for b in blocks]
    rows: list[tuple[str, dict[str, float]]] = [("default", dict(onet.WEIGHTS))]
    rows.append(("equal weights", dict.fromkeys(names, 1.0)))
    rows += [(f"{n} alone", {n: 1.0}) for n in names]
    rows.append(("ratings only", {"knowledge": 1.0, "skills": 1.0, "interests": 1.0}))
    rows.append(("text and DWAs only", {"tasks": 1.0, "dwas": 1.0, "titles": 1.0}))
    base = baseline(codes)
    print(f"{len(codes)} occupations, {K} neighbours each")
    print("| weights | major | minor | broad | stability (min over files) |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| random pairs | {base['major']:.3f} | {base['minor']:.3f} | {base['broad']:.3f} | |")
    for label, weights in rows:
        found = moves(blocks, sims, weights)
        a = agreement(codes, found)
        stable = []
        for left_out in names:
            rest = {k: v for k, v in weights.items() if k != left_out}
            if rest and weights.get(left_out, 0) > 0:
                stable.append(len(found & moves(blocks, sims, rest)) / len(found))
        worst = f"{min(stable):.2f}" if stable else "-"
        print(f"| {label} | {a['major']:.3f} | {a['minor']:.3f} | {a['broad']:.3f} | {worst} |")
    print()
    print("Leave-one-file-out, default weights: share of moves kept")
    found = moves(blocks, sims, dict(onet.WEIGHTS))
    for left_out in names:
        rest = {k: v for k, v in onet.WEIGHTS.items() if k != left_out}
        kept = len(found & moves(blocks, sims, rest)) / len(found)
        a = agreement(codes, moves(blocks, sims, rest))
        print(f"| without {left_out} | {kept:.2f} | minor {a['minor']:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
