"""The ``feeders`` and ``plan`` subcommands of the command line (see :mod:`supportladder.cli`)."""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path
from typing import Any

__all__ = ["add_commands", "cmd_feeders", "cmd_plan", "profile_of"]


def profile_of(path: str) -> dict[str, Any]:
    """Return a skill profile read from a TOML file: a table of skill id to level."""
    from supportladder.errors import QueryArgumentError

    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise QueryArgumentError(
            f"--from-profile {path!r}: cannot read it ({exc}); write a TOML table of skill id "
            'to level, e.g. communication = "good"'
        ) from None
    return data


def cmd_feeders(args: argparse.Namespace) -> int:
    from supportladder import cli
    from supportladder.planning import feeders

    g = cli._graph(args)
    target = g.role(args.target).id
    found = feeders(
        g, target, budget=args.budget, max_steps=args.max_steps, **cli._query_options(args)
    )
    if not found:
        print(
            f"supportladder: no role leads to {cli._role_label(g, target)} in graph {g.name!r}"
            " within these limits; relax --budget, --max-steps or the filters",
            file=sys.stderr,
        )
        return cli.EXIT_NO_RESULT
    if args.json:
        cli._print_json({"graph": g.name, "target": target, "feeders": found.to_dict()})
        return cli.EXIT_OK
    print(f"roles that lead to {cli._role_label(g, target)}, graph {g.name}")
    for r in found:
        print(f"  {r.cost:>8g}  {r.steps} moves  {' → '.join(r.path.roles)}")
    return cli.EXIT_OK


def cmd_plan(args: argparse.Namespace) -> int:
    from supportladder import cli
    from supportladder.errors import NoPathError
    from supportladder.planning import learning_plan

    g = cli._graph(args)
    source: Any = profile_of(args.from_profile) if args.from_profile else args.source
    target = args.target if args.from_profile is None else args.source
    if target is None:
        print("supportladder: plan needs TO (with --from-profile, give only TO)", file=sys.stderr)
        return cli.EXIT_BAD_INPUT
    try:
        plan = learning_plan(g, source, target, **cli._query_options(args))
    except NoPathError as exc:
        return cli._no_route(exc)
    if args.json:
        cli._print_json({"graph": g.name, **plan.to_dict()})
        return cli.EXIT_OK
    print(f"learning plan: {' → '.join(plan.path.roles)} (cost {plan.path.cost:g})")
    for item in plan.items:
        print(
            f"  move {item.step} ({item.source} → {item.target}): {item.skill} "
            f"{cli._level(g, item.from_)} → {cli._level(g, item.to)}"
        )
    if not plan.items:
        print("  no skills to build: the route's moves ask for none")
    return cli.EXIT_OK


def add_commands(sub: Any, parents: Any, count: Any) -> None:
    """Add ``feeders`` and ``plan`` to the subcommands ``sub``."""
    p = sub.add_parser("feeders", parents=parents, help="roles that lead to a role (succession)")
    p.add_argument("target", metavar="TARGET", help="the seat to fill: id, title or alias")
    p.add_argument("--budget", type=float, metavar="X", help="largest total cost of a route")
    p.add_argument("--max-steps", type=count, metavar="N", help="largest number of moves")
    p.set_defaults(func=cmd_feeders)
    p = sub.add_parser("plan", parents=parents, help="the skills to build on the way to a role")
    p.add_argument("source", metavar="FROM", help="start role (or TO, with --from-profile)")
    p.add_argument("target", metavar="TO", nargs="?", help="goal role: id, title or alias")
    p.add_argument(
        "--from-profile",
        metavar="FILE.toml",
        help="start from a person's skills: a TOML table of skill id to level",
    )
    p.set_defaults(func=cmd_plan)
