"""Write a synthetic ESCO-size CSV download (occupations, skills, relations) for benchmarks.

The default size is that of ESCO v1.2: 3,000 occupations, 14,000 skills, 130,000
occupation-skill relations.  The files have ESCO's own column layout, so
``supportladder.importers.esco`` reads them like a real download.  Structure, so that
similarity means something: occupations fall into ISCO unit groups; each group draws most
of its skills from a pool of its own and the rest from transversal skills shared by all;
a third of the relations are essential.  Deterministic for a given seed.

Usage::

    python benchmarks/esco_size.py OUT_DIR [--occupations 3000 --skills 14000 --relations 130000]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

from supportladder.importers import esco

OCC = "http://data.europa.eu/esco/occupation/"
SKILL = "http://data.europa.eu/esco/skill/"
# ESCO v1.2.0's headers, as the importer knows them.
OCC_COLUMNS = list(esco.OCCUPATION_COLUMNS)
SKILL_COLUMNS = list(esco.SKILL_COLUMNS)
REL_COLUMNS = list(esco.RELATION_COLUMNS)


def write(
    folder: Path,
    occupations: int = 3000,
    skills: int = 14000,
    relations: int = 130_000,
    seed: int = 0,
) -> Path:
    """Write the three files into ``folder`` (created if needed); return it."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    groups = max(occupations // 7, 1)  # ~7 occupations per ISCO unit group, as in ESCO
    majors = rng.integers(1, 10, groups)
    isco = [f"{m}{rng.integers(1, 10)}{rng.integers(0, 10)}{rng.integers(0, 10)}" for m in majors]
    group_of = np.sort(rng.integers(0, groups, occupations))
    transversal = max(skills // 20, 1)
    pools = np.array_split(np.arange(transversal, skills), groups)
    per = max(relations // occupations, 1)
    extra = relations - per * occupations
    with (folder / "occupations_en.csv").open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(OCC_COLUMNS)
        for i in range(occupations):
            g = int(group_of[i])
            alt = f"occupation {i} alias\nalias of group {g}"  # shared by the whole group
            row = dict.fromkeys(OCC_COLUMNS, "")
            row.update(
                conceptType="Occupation",
                conceptUri=f"{OCC}{i:08x}-0000-0000-0000-000000000000",
                iscoGroup=isco[g],
                preferredLabel=f"occupation {i}",
                altLabels=alt,
                status="released",
                description=f"Synthetic occupation {i} of ISCO group {isco[g]}.",
                code=f"{isco[g]}.{i}",
            )
            out.writerow(row.values())
    with (folder / "skills_en.csv").open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(SKILL_COLUMNS)
        for s in range(skills):
            row = dict.fromkeys(SKILL_COLUMNS, "")
            row.update(
                conceptType="KnowledgeSkillCompetence",
                conceptUri=f"{SKILL}{s:08x}-1111-1111-1111-111111111111",
                skillType="knowledge" if s % 4 == 0 else "skill/competence",
                reuseLevel="transversal" if s < transversal else "sector-specific",
                preferredLabel=f"skill {s}",
                status="released",
            )
            out.writerow(row.values())
    with (folder / "occupationSkillRelations_en.csv").open(
        "w", encoding="utf-8", newline=""
    ) as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(REL_COLUMNS)
        for i in range(occupations):
            pool = pools[int(group_of[i])]
            want = per + (1 if i < extra else 0)
            own = min(int(want * 0.8), len(pool))
            chosen = set(rng.choice(pool, own, replace=False).tolist()) if own else set()
            while len(chosen) < want:
                chosen.add(int(rng.integers(0, skills)))
            for s in sorted(chosen):
                kind = "essential" if rng.random() < 1 / 3 else "optional"
                out.writerow(
                    [
                        f"{OCC}{i:08x}-0000-0000-0000-000000000000",
                        kind,
                        "skill/competence",
                        f"{SKILL}{s:08x}-1111-1111-1111-111111111111",
                    ]
                )
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--occupations", type=int, default=3000)
    parser.add_argument("--skills", type=int, default=14000)
    parser.add_argument("--relations", type=int, default=130_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    write(args.folder, args.occupations, args.skills, args.relations, args.seed)
    print(f"wrote {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
