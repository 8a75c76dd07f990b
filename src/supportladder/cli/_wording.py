"""How the command line words a graph's roles, skills, levels, gaps and moves.

One place for it, so every command (and every new one) writes a move, a gap and a skill
name the same way, in text and in JSON.  Text summarises by default: a move lists its
:data:`SHOWN_GAPS` largest gaps and counts the rest (``--all`` lists every one).
"""

from __future__ import annotations

import shutil
import textwrap
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from supportladder.cli._table import MAX_WIDTH
from supportladder.graph import CareerGraph
from supportladder.model import Gap, Requirements
from supportladder.queries._options import PROFILE

if TYPE_CHECKING:
    from supportladder.queries import Step

__all__ = [
    "LONG_ROUTE",
    "PROFILE_TITLE",
    "SHOWN_GAPS",
    "SHOWN_ROWS",
    "Wording",
    "observed_text",
    "skill_names",
    "text_width",
    "wrap",
]

SHOWN_GAPS = 5
"""Gaps listed per move unless ``--all`` is given."""
SHOWN_ROWS = 25
"""Rows of a long listing shown unless ``--all`` is given."""
LONG_ROUTE = 8
"""Routes with more moves than this are listed one line per move unless ``--all``."""
ALL_HINT = "--all lists every one"
PROFILE_TITLE = "your skill profile"
"""How the command line names the virtual start of a query from a skill profile."""


def text_width() -> int:
    """Return the width to wrap text to: the terminal's, between 60 and 100 columns."""
    return max(60, min(shutil.get_terminal_size((MAX_WIDTH, 24)).columns, MAX_WIDTH))


def wrap(text: str, indent: str = "", *, hang: str = "  ") -> list[str]:
    """Return ``text`` wrapped to :func:`text_width`, continuation lines indented further."""
    return textwrap.wrap(
        text,
        width=text_width(),
        initial_indent=indent,
        subsequent_indent=indent + hang,
        break_on_hyphens=False,
        break_long_words=False,
    )


def observed_text(step: Step) -> str:
    """Return what histories show of a move, for the route's explanation."""
    seen = step.observed
    assert seen is not None
    months = "" if seen.median_months is None else f", median {seen.median_months:.1f} months"
    skill = "" if step.skill_cost is None else f"; skill cost {step.skill_cost:g}"
    return f"observed: {seen.count} people, p = {seen.probability:.3f}{months}{skill}"


def skill_names(g: CareerGraph) -> dict[str, str]:
    """Return a distinct display name per skill id.

    Skills that share a name (O*NET's skill "Mathematics" and knowledge area
    "Mathematics") are told apart by their category, or by their id where that is shared too.
    """
    clash = Counter(s.name.casefold() for s in g.skills)
    names = {
        s.id: f"{s.name} ({s.category})" if clash[s.name.casefold()] > 1 else s.name
        for s in g.skills
    }
    still = Counter(n.casefold() for n in names.values())
    for s in g.skills:
        if still[names[s.id].casefold()] > 1:
            names[s.id] = f"{s.name} ({s.id})"
    return names


class Wording:
    """How one graph is written: role labels, skill names, levels, gaps, moves.

    ``full`` (the ``--all`` flag) lists every gap and row instead of a summary.
    """

    def __init__(self, g: CareerGraph, *, full: bool = False) -> None:
        self.g = g
        self.full = full
        self._skills = skill_names(g)

    # ----------------------------------------------------------------- names
    def title(self, role_id: str) -> str:
        """Return the title of a role ("your skill profile" for a profile start)."""
        return PROFILE_TITLE if role_id == PROFILE else self.g.role(role_id).title

    def label(self, role_id: str) -> str:
        """Return ``"Title (id)"``."""
        return PROFILE_TITLE if role_id == PROFILE else f"{self.title(role_id)} ({role_id})"

    def skill(self, skill_id: str) -> str:
        """Return the display name of a skill (distinct within the graph)."""
        return self._skills.get(skill_id, skill_id)

    def level(self, value: float) -> str:
        """Return a level by its scale name, or as a number."""
        return self.g.scale.name_of(value) or f"{value:g}"

    # ----------------------------------------------------------------- gaps
    def _size(self, gap: Gap) -> float:
        """What the gap adds to the move's cost (level gained x importance if not priced)."""
        return gap.cost or gap.delta * self.g.skill(gap.skill).importance

    def ordered(self, gaps: Iterable[Gap]) -> list[Gap]:
        """Return gaps largest first: the ones that cost the most first."""
        return sorted(gaps, key=lambda gap: (-self._size(gap), self.skill(gap.skill)))

    def gap(self, gap: Gap) -> str:
        """Return ``"Name from → to"``, ``"Name from (imputed) → to"`` for an imputed level."""
        return gap.describe(skill=self.skill(gap.skill), level=self.level)

    def gaps(self, gaps: Sequence[Gap]) -> str:
        """Return the gaps of a move, largest first, summarised unless ``full``."""
        ordered = self.ordered(gaps)
        if self.full or len(ordered) <= SHOWN_GAPS + 1:
            return ", ".join(map(self.gap, ordered)) or "-"
        rest = len(ordered) - SHOWN_GAPS
        shown = ", ".join(map(self.gap, ordered[:SHOWN_GAPS]))
        return f"{shown} and {rest} smaller gaps ({ALL_HINT})"

    def requires(self, r: Requirements | None) -> str:
        """Return requirements (or advantages) as one line, alternatives joined by "or"."""
        return (r.describe() if r else "") or "-"

    def explained(self, step: Any) -> str:
        """Return why a move costs what it does: base, each gap's share, surplus.

        Summarised like :meth:`gaps` (the largest shares, then the rest as one sum).
        """
        ordered = self.ordered(step.gaps)
        shown = ordered if self.full or len(ordered) <= SHOWN_GAPS + 1 else ordered[:SHOWN_GAPS]
        parts = [f"base {step.base:g}"]
        parts.extend(f"{self.gap(gap)} +{gap.cost:g}" for gap in shown)
        rest = ordered[len(shown) :]
        if rest:
            total = sum(gap.cost for gap in rest)
            parts.append(f"{len(rest)} smaller gaps +{total:g} ({ALL_HINT})")
        if step.surplus:
            parts.append(f"surplus +{step.surplus:g}")
        return ", ".join(parts)

    # ----------------------------------------------------------------- moves
    def moves(self, steps: Sequence[Any], *, numbered: bool = True, explain: bool = False) -> str:
        """Return moves as blocks (title, kind and cost, skills, requirements, advantages).

        ``explain`` replaces the skills line with the cost breakdown (:meth:`explained`).
        """
        lines = []
        for i, s in enumerate(steps, 1):
            mark = f"{i}. " if numbered else "- "
            move = f"{mark}{self.title(s.source)} → {self.title(s.target)}"
            lines.extend(wrap(move, "  ", hang=" " * len(mark)))
            indent = " " * (len(mark) + 2)
            lines.append(f"{indent}{s.kind} move, cost {s.cost:g}")
            if getattr(s, "observed", None) is not None:  # what career histories show
                lines.extend(wrap(observed_text(s), indent))
            for label, text in (
                ("cost", self.explained(s)) if explain else ("skills to build", self.gaps(s.gaps)),
                ("requires", self.requires(s.requirements)),
                ("helps", self.requires(getattr(s, "advantages", None))),
            ):
                if text != "-":
                    lines.extend(wrap(f"{label}: {text}", indent))
        return "\n".join(lines)

    def route(self, steps: Sequence[Any]) -> str:
        """Return a route's moves: in full when short (or ``full``), one line each when long.

        A route of more than :data:`LONG_ROUTE` moves (a minimax route on an imported graph
        can take dozens) lists each move as ``"n. A → B, kind, cost c"``.
        """
        if self.full or len(steps) <= LONG_ROUTE:
            return self.moves(steps)
        lines = []
        for i, s in enumerate(steps, 1):
            move = (
                f"{i}. {self.title(s.source)} → {self.title(s.target)}, {s.kind}, cost {s.cost:g}"
            )
            lines.extend(wrap(move, "  ", hang=" " * len(f"{i}. ")))
        lines.append(f"  ({len(steps)} moves, one line each; --all shows each move's skills)")
        return "\n".join(lines)

    def more_rows(self, shown: int, total: int, what: str) -> str | None:
        """Return the line saying how many rows a summary left out, or None."""
        if total <= shown:
            return None
        return f"… and {total - shown} more {what} ({ALL_HINT})"

    def rows_shown(self, total: int) -> int:
        """Return how many rows of a long listing to show."""
        return total if self.full or total <= SHOWN_ROWS + 5 else SHOWN_ROWS

    # ----------------------------------------------------------------- JSON
    def step_json(self, step: Any) -> dict[str, Any]:
        """Return a move as JSON: ids, kind, cost, every gap and the requirements."""
        return {**step.to_dict(), "requirements": step.requirements.to_dict()}

    def path_json(self, path: Any) -> dict[str, Any]:
        """Return a route as JSON, its moves with requirements."""
        return {**path.to_dict(), "steps": [self.step_json(s) for s in path.steps]}

    def names_json(self, role_ids: Iterable[str], steps: Iterable[Any] = ()) -> dict[str, Any]:
        """Return ``{"titles": {role id: title}, "skill_names": {skill id: name}}``.

        The titles and skill names the text shows, for the roles and moves of an answer.
        """
        roles = dict.fromkeys(r for r in role_ids if r in self.g)
        skills: dict[str, None] = {}
        for s in steps:
            roles.update(dict.fromkeys((s.source, s.target)))
            skills.update(dict.fromkeys(gap.skill for gap in s.gaps))
        return {
            "titles": {r: self.title(r) for r in roles if r in self.g},
            "skill_names": {k: self.skill(k) for k in skills},
        }
