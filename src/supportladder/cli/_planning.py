"""The planning commands: ``feeders`` (succession) and ``plan`` (skills to build)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from supportladder.cli import _options as opt
from supportladder.cli._common import (
    EXIT_NO_RESULT,
    EXIT_OK,
    add_command,
    load_graph,
    missing,
    no_route,
    print_json,
)
from supportladder.cli._wording import Wording

__all__ = ["add_commands", "cmd_feeders", "cmd_plan"]


def add_commands(sub: Any) -> None:
    """Add ``feeders`` and ``plan`` to the subcommands ``sub``."""
    p = add_command(sub, "feeders", cmd_feeders, help="roles that lead to a role (succession)")
    opt.add_query_options(p)
    p.add_argument("target", metavar="TARGET", help="the seat to fill: id, title or alias")
    opt.add_limit_options(p)

    p = add_command(sub, "plan", cmd_plan, help="the skills to build on the way to a role")
    opt.add_query_options(p)
    opt.add_route_ends(p)


def cmd_feeders(args: argparse.Namespace) -> int:
    from supportladder.planning import feeders

    g = load_graph(args)
    target = g.role(args.target).id
    found = feeders(
        g, target, budget=args.budget, max_steps=args.max_steps, **opt.query_options(args)
    )
    label = Wording(g).label(target)
    if not found:
        print(
            f"supportladder: no role leads to {label} in graph {g.name!r}"
            " within these limits; relax --budget, --max-steps or the filters",
            file=sys.stderr,
        )
        return EXIT_NO_RESULT
    if args.json:
        print_json({"graph": g.name, "target": target, "feeders": found.to_dict()})
        return EXIT_OK
    print(f"roles that lead to {label}, graph {g.name}")
    for r in found:
        moves = f"{r.steps} move{'s' if r.steps != 1 else ''}"
        print(f"  {r.cost:>8g}  {moves:<8}  {' → '.join(r.path.roles)}")
    return EXIT_OK


def cmd_plan(args: argparse.Namespace) -> int:
    from supportladder.errors import NoPathError
    from supportladder.planning import learning_plan

    g, w, source, _, target = opt.route_query(args)
    if target is None:
        return missing("plan", "TO (with --from-profile, give only TO)")
    try:
        plan = learning_plan(g, source, target, **opt.query_options(args))
    except NoPathError as exc:
        return no_route(exc)
    if args.json:
        print_json({"graph": g.name, **plan.to_dict()})
        return EXIT_OK
    print(f"learning plan: {' → '.join(plan.path.roles)} (cost {plan.path.cost:g})")
    for item in plan.items:
        print(
            f"  move {item.step} ({item.source} → {item.target}): {item.skill} "
            f"{w.level(item.from_)} → {w.level(item.to)}"
        )
    if not plan.items:
        print("  no skills to build: the route's moves ask for none")
    return EXIT_OK
