"""The route queries: ``path``, ``reachable``, ``bottlenecks`` and ``chokepoints``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from supportladder.cli import _options as opt
from supportladder.cli._common import (
    EXIT_NO_RESULT,
    EXIT_OK,
    UsageError,
    add_command,
    flag,
    load_graph,
    missing,
    no_route,
    print_json,
    say,
    wording,
)
from supportladder.cli._table import render
from supportladder.cli._wording import Wording
from supportladder.errors import NoPathError
from supportladder.graph import CareerGraph

__all__ = ["add_commands", "cmd_bottlenecks", "cmd_chokepoints", "cmd_path", "cmd_reachable"]


def add_commands(sub: Any) -> None:
    """Add ``path``, ``reachable``, ``bottlenecks`` and ``chokepoints`` to ``sub``."""
    p = add_command(sub, "path", cmd_path, help="the cheapest route between two roles")
    opt.add_query_options(p)
    opt.add_route_ends(p)
    p.add_argument(
        "--alternatives",
        type=opt.positive_arg,
        default=1,
        metavar="K",
        help="show the K cheapest loop-free routes (default: 1)",
    )
    p.add_argument(
        "--explain",
        action="store_true",
        help="show why each move costs what it does: the base, each skill gap's share, surplus",
    )
    p.add_argument(
        "--weight",
        choices=("cost", "observed", "months"),
        default="cost",
        help="cost: skill deltas (default); observed: the most likely route (-log probability); "
        "months: the quickest (median months in role); these two use observed moves only",
    )

    p = add_command(
        sub, "reachable", cmd_reachable, help="roles reachable within a budget or moves"
    )
    opt.add_query_options(p)
    p.add_argument("source", metavar="FROM", nargs="?", help="start role: id, title or alias")
    opt.add_profile_option(p)
    opt.add_limit_options(p)

    p = add_command(
        sub, "bottlenecks", cmd_bottlenecks, help="gateways, critical and hardest moves"
    )
    opt.add_query_options(p)
    p.add_argument("source", metavar="FROM", help="start role: id, title or alias")
    p.add_argument("target", metavar="TO", help="goal role: id, title or alias")

    p = add_command(
        sub, "chokepoints", cmd_chokepoints, help="roles the most cheapest routes pass through"
    )
    opt.add_graph_option(p)
    opt.add_kinds_option(p)
    opt.add_json_option(p)
    p.add_argument(
        "--top",
        type=opt.positive_arg,
        metavar="N",
        help="show only the first N roles (default: every role)",
    )
    p.add_argument(
        "--sample",
        type=opt.positive_arg,
        metavar="K",
        help="estimate from K start roles, as networkx's k= does (for large graphs)",
    )
    p.add_argument(
        "--seed",
        type=opt.count_arg,
        metavar="S",
        help="which start roles --sample picks (default 0: the same roles every run)",
    )


def cmd_path(args: argparse.Namespace) -> int:
    from supportladder import queries

    g, w, start, source, target_ref = opt.route_query(args)
    if target_ref is None:
        return missing("path", "TO")
    target = g.role(target_ref).id
    try:
        routes = queries.alternative_paths(
            g, start, target, args.alternatives, **opt.query_options(args)
        )
    except NoPathError as exc:
        return no_route(exc)
    if args.json:
        print_json(
            {
                "graph": g.name,
                "source": source,
                "target": target,
                "requested": args.alternatives,
                "found": len(routes),
                "paths": [w.path_json(p) for p in routes],
                **w.names_json([source, target], [s for p in routes for s in p.steps]),
            }
        )
        return EXIT_OK
    say(f"{w.label(source)} → {w.label(target)}, graph {g.name}")
    if len(routes) < args.alternatives:
        print(
            f"only {len(routes)} loop-free route{'s' if len(routes) != 1 else ''} "
            f"under these filters (--alternatives asked for {args.alternatives})"
        )
    for n, p in enumerate(routes, 1):
        moves = len(p.steps)
        print(f"\nroute {n}: cost {p.cost:g}, {moves} move{'s' if moves != 1 else ''}")
        if p.steps:
            print(w.moves(p.steps, explain=args.explain))
    return EXIT_OK


def cmd_reachable(args: argparse.Namespace) -> int:
    from supportladder import queries

    g = load_graph(args)
    start, source, _ = opt.endpoints(g, args)
    options = {"budget": args.budget, "max_steps": args.max_steps, **opt.query_options(args)}
    reach = queries.reachable_roles(g, start, **options)
    if not reach:
        _no_reach(g, start, source, options)
        return EXIT_NO_RESULT
    w = wording(g, args)
    if args.json:
        ids = [source, *(role for r in reach for role in r.path.roles)]
        print_json(
            {"graph": g.name, "source": source, "roles": reach.to_dict(), **w.names_json(ids)}
        )
        return EXIT_OK
    say(f"reachable from {w.label(source)}, graph {g.name}: {len(reach)} roles, cheapest first")
    count = w.rows_shown(len(reach))
    rows = [[r.role, w.title(r.role), f"{r.cost:g}", r.steps] for r in reach[:count]]
    print(render(["role", "title", "cost", "moves"], rows, right=(2, 3), shrink=1))
    more = w.more_rows(count, len(reach), "roles")
    if more:
        print(more)
    print("(`supportladder path FROM ROLE` shows the route to one of them)")
    return EXIT_OK


def _no_reach(g: CareerGraph, start: Any, source: str, options: dict[str, Any]) -> None:
    """Say that nothing is reachable, and which limit or filter to relax."""
    used = {k: v for k, v in options.items() if v is not None}
    where = f"no role is reachable from {Wording(g).label(source)} in graph {g.name!r}"
    if not used:
        print(
            f"supportladder: {where}: it has no moves out, so there is nothing to relax",
            file=sys.stderr,
        )
        return
    shown = ", ".join(f"{flag(k)} {_shown(v)}" for k, v in used.items())
    relax = _reach_relax(g, start, options)
    advice = (
        "relax " + " or ".join(flag(r) for r in relax)
        if relax
        else "relax several of " + ", ".join(flag(k) for k in used)
    )
    print(f"supportladder: {where} with {shown}; {advice}", file=sys.stderr)


def _reach_relax(g: CareerGraph, source: Any, options: dict[str, Any]) -> list[str]:
    from supportladder import queries

    return [
        name
        for name, value in options.items()
        if value is not None and queries.reachable_roles(g, source, **{**options, name: None})
    ]


def _shown(value: object) -> str:
    if isinstance(value, list):
        return ",".join(map(str, value))
    if isinstance(value, dict):
        return ",".join(k if v is None else f"{k}={v}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def cmd_bottlenecks(args: argparse.Namespace) -> int:
    from supportladder import queries

    g = load_graph(args)
    w = wording(g, args)
    source, target = g.role(args.source).id, g.role(args.target).id
    try:
        b = queries.bottlenecks(g, source, target, **opt.query_options(args))
    except NoPathError as exc:
        return no_route(exc)
    hard, smooth = b.hardest_step, b.smoothest_path
    if args.json:
        data = b.to_dict()
        data["hardest_step"] = None if hard is None else w.step_json(hard)
        data["shortest_path"] = w.path_json(b.shortest_path)
        data["smoothest_path"] = {**data["smoothest_path"], **w.path_json(smooth)}
        steps = [*b.shortest_path.steps, *smooth.steps]
        print_json({"graph": g.name, **data, **w.names_json([source, target], steps)})
        return EXIT_OK
    say(f"{w.label(source)} → {w.label(target)}, graph {g.name}\n")
    gates = " → ".join(w.label(r) for r in b.gateways) or "none"
    say(f"gateways (on every route): {gates}")
    critical = ", ".join(f"{w.title(u)} → {w.title(v)}" for u, v in b.critical_transitions)
    say(f"critical moves (on every route): {critical or 'none'}")
    if hard is not None:
        print(f"\nhardest move of the cheapest route (cost {b.shortest_path.cost:g}):")
        print(w.moves([hard], numbered=False))
    print(f"\nsmoothest route: cost {smooth.cost:g}, costliest move {smooth.max_step_cost:g}")
    if smooth.steps:
        print(w.route(smooth.steps))
    return EXIT_OK


def cmd_chokepoints(args: argparse.Namespace) -> int:
    from supportladder import queries

    if args.seed is not None and args.sample is None:
        raise UsageError(f"--seed {args.seed} picks sampled roles; add --sample K, or drop it")
    g = load_graph(args)
    seed = 0 if args.seed is None else args.seed
    ranked = queries.chokepoints(g, top=args.top, kinds=args.kinds, sample=args.sample, seed=seed)
    if args.json:
        roles = [role for role, _ in ranked]
        print_json(
            {
                "graph": g.name,
                "sample": args.sample,
                "seed": seed if args.sample is not None else None,
                "roles": ranked.to_dict(),
                **Wording(g).names_json(roles),
            }
        )
        return EXIT_OK
    print(f"chokepoints of graph {g.name} (share of cheapest routes through each role)")
    if args.sample is not None:
        print(f"estimated from {args.sample} sampled start roles (seed {seed})")
    rows = [
        [n, role, g.role(role).title, f"{score:.4f}"] for n, (role, score) in enumerate(ranked, 1)
    ]
    print(render(["#", "role", "title", "score"], rows, right=(0, 3), shrink=2))
    return EXIT_OK
