"""What ``supportladder COMMAND --help`` says: a description line and examples per command.

The examples are real command lines: the docs show them (docs/cli.md is generated from the
parser) and a test runs every one of them.
"""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["ABOUT", "about"]

ABOUT: dict[str, tuple[str, tuple[str, ...]]] = {
    "feeders": (
        "List the roles from which a role can be reached (who could fill a seat), cheapest first.",
        (
            'supportladder feeders "Support Team Lead"',
            "supportladder feeders support-team-lead --max-steps 2 --json",
        ),
    ),
    "plan": (
        "List the skills to build on the cheapest route, in the order its moves need them.",
        ('supportladder plan "Customer Support Representative" "Support Team Lead"',),
    ),
    "graphs": (
        "List the bundled graphs: roles, transitions (moves), languages of the titles.",
        ("supportladder graphs", "supportladder graphs --json"),
    ),
    "roles": (
        "List the roles of a graph with their top effective skills (own and inherited).",
        (
            "supportladder roles",
            "supportladder roles -g support-ladder --all",
            "supportladder roles -g csr-profile --json",
        ),
    ),
    "validate": (
        "Check graph files and list every problem of each, at once.",
        ("supportladder validate my-ladder.toml",),
    ),
    "export": (
        "Write a graph as Graphviz DOT, a Mermaid flowchart, GraphML or node-link JSON.",
        (
            "supportladder export -g support-ladder --format mermaid",
            "supportladder export --format graphml -o careers.graphml",
        ),
    ),
    "plot": (
        "Draw a graph as a ladder diagram (rungs by level, tracks side by side).",
        (
            "supportladder plot -g support-ladder -o ladder.svg",
            'supportladder plot --path "Customer Support Representative" '
            '"Chief Customer Officer" -o route.png',
            "supportladder plot -g customer-service-path --kinds upward,lateral -o up.pdf",
        ),
    ),
    "import": (
        "Build a graph file from an O*NET release, an ESCO download or observed moves.",
        (
            "supportladder import onet db_29_3_text -o onet.toml",
            "supportladder import esco esco-csv -o esco.toml --neighbours 10",
            "supportladder import moves moves.csv -g support-ladder -o merged.toml",
        ),
    ),
    "path": (
        "Find the cheapest route between two roles and the skills each move asks for.",
        (
            'supportladder path "Customer Support Representative" "Chief Customer Officer"',
            "supportladder path L1 CCO -g support-ladder --alternatives 3",
            'supportladder path "support technician" "team lead" --kinds upward --json',
        ),
    ),
    "reachable": (
        "List the roles reachable from one role within a budget or a number of moves.",
        (
            'supportladder reachable "Customer Support Representative" --budget 10',
            "supportladder reachable support-technician -g support-ladder --max-steps 2",
        ),
    ),
    "bottlenecks": (
        "Show where a career narrows or gets steep: gateways, critical and hardest moves.",
        ('supportladder bottlenecks "Customer Support Representative" "Chief Customer Officer"',),
    ),
    "chokepoints": (
        "Rank the roles that the most cheapest routes between all roles pass through.",
        (
            "supportladder chokepoints --top 5",
            "supportladder chokepoints --sample 10 --seed 1 --json",
        ),
    ),
}


def about(command: str) -> dict[str, Any]:
    """Return the ``add_parser`` keywords giving ``command`` its description and examples."""
    description, examples = ABOUT[command]
    return {
        "description": description,
        "epilog": "examples:\n" + "\n".join(f"  {e}" for e in examples),
        "formatter_class": argparse.RawDescriptionHelpFormatter,
    }
