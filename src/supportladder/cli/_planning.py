"""The ``feeders`` and ``plan`` subcommands, and ``--from-profile`` (path, reachable, plan).

The command line itself is :mod:`supportladder.cli`; it is imported here only inside functions.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from supportladder.queries._options import PROFILE

if TYPE_CHECKING:
    from supportladder.graph import CareerGraph
    from supportladder.queries import Step

__all__ = [
    "PROFILE",
    "PROFILE_TITLE",
    "add_commands",
    "add_profile_option",
    "cmd_feeders",
    "cmd_plan",
    "endpoints",
    "missing",
    "observed_text",
    "profile_of",
]

PROFILE_TITLE = "your skill profile"
"""How the command line names the virtual start of a query from a skill profile."""


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


def endpoints(g: CareerGraph, args: argparse.Namespace) -> tuple[Any, str, str | None]:
    """Return a query's source (role id or profile), its id, and the target as typed.

    With ``--from-profile`` the first positional is the target (``path --from-profile me.toml
    TO``); without it, the positionals are FROM and TO.
    """
    if args.from_profile is not None:
        return profile_of(args.from_profile), PROFILE, args.source
    if args.source is None:
        from supportladder.errors import QueryArgumentError

        raise QueryArgumentError("give a start role FROM, or --from-profile FILE.toml")
    role = g.role(args.source).id
    return role, role, getattr(args, "target", None)


def missing(command: str, what: str) -> int:
    """Report a missing positional argument; return the exit code."""
    from supportladder import cli

    print(f"supportladder: {command} needs {what}", file=sys.stderr)
    return cli.EXIT_BAD_INPUT


def observed_text(step: Step) -> str:
    """Return what histories show of a move, for the route's explanation."""
    seen = step.observed
    assert seen is not None
    months = "" if seen.median_months is None else f", median {seen.median_months:.1f} months"
    skill = "" if step.skill_cost is None else f"; skill cost {step.skill_cost:g}"
    return f"observed: {seen.count} people, p = {seen.probability:.3f}{months}{skill}"


def add_profile_option(p: argparse.ArgumentParser) -> None:
    """Add ``--from-profile FILE.toml`` to a subcommand."""
    p.add_argument(
        "--from-profile",
        metavar="FILE.toml",
        help="start from a person's skills instead of a role: a TOML table of skill id to "
        "level name or number (then give only TO)",
    )


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
        moves = f"{r.steps} move{'s' if r.steps != 1 else ''}"
        print(f"  {r.cost:>8g}  {moves:<8}  {' → '.join(r.path.roles)}")
    return cli.EXIT_OK


def cmd_plan(args: argparse.Namespace) -> int:
    from supportladder import cli
    from supportladder.errors import NoPathError
    from supportladder.planning import learning_plan

    g = cli._graph(args)
    w = cli._wording(g, args)
    source, _, target = endpoints(g, args)
    if target is None:
        return missing("plan", "TO (with --from-profile, give only TO)")
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
            f"{w.level(item.from_)} → {w.level(item.to)}"
        )
    if not plan.items:
        print("  no skills to build: the route's moves ask for none")
    return cli.EXIT_OK


def add_commands(sub: Any, parents: Any, count: Any) -> None:
    """Add ``feeders`` and ``plan`` to the subcommands ``sub``."""
    from supportladder.cli._help import about

    p = sub.add_parser(
        "feeders",
        parents=parents,
        help="roles that lead to a role (succession)",
        **about("feeders"),
    )
    p.add_argument("target", metavar="TARGET", help="the seat to fill: id, title or alias")
    p.add_argument("--budget", type=float, metavar="X", help="largest total cost of a route")
    p.add_argument("--max-steps", type=count, metavar="N", help="largest number of moves")
    p.set_defaults(func=cmd_feeders)
    p = sub.add_parser(
        "plan", parents=parents, help="the skills to build on the way to a role", **about("plan")
    )
    p.add_argument("source", metavar="FROM", help="start role (or TO, with --from-profile)")
    p.add_argument("target", metavar="TO", nargs="?", help="goal role: id, title or alias")
    add_profile_option(p)
    p.set_defaults(func=cmd_plan)
