"""The records of the cost model: a graph's weighting and one skill gap of a move."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attrs import field, frozen

from supportladder.model._rules import (
    check_exponent,
    check_non_negative,
    to_float,
)

__all__ = ["Gap", "Weighting"]


@frozen
class Weighting:
    """How move weights are computed from skill deltas.

    For a move ``a → b``, over the skills the target ``b`` rates, with ``Δs`` the level
    ``b`` asks for minus the level ``a`` holds (see :mod:`supportladder.weights`)::

        weight = base_cost + Σ importance·max(0, Δs)^gap_exponent
                           + surplus_penalty · Σ importance·max(0, −Δs)^gap_exponent

    Parameters
    ----------
    base_cost : float
        Cost of any move, whatever the skills (default 1.0).
    surplus_penalty : float
        Multiplier of the skills a move leaves unused (default 0.0: moving down costs only
        ``base_cost``).
    gap_exponent : float
        How fast a move's cost grows with the size of one skill's gap (default 2.0, at
        least 1 and at most 4).  Above 1, learning a lot in one move costs more than
        learning the same in several steps, so a route that climbs every rung beats one
        that skips rungs; 1.0 is the linear model, where any upward route between two roles
        gains the same skills and only the number of moves separates routes.
    """

    base_cost: float = field(
        default=1.0, converter=to_float, validator=check_non_negative, kw_only=True
    )
    surplus_penalty: float = field(
        default=0.0, converter=to_float, validator=check_non_negative, kw_only=True
    )
    gap_exponent: float = field(
        default=2.0, converter=to_float, validator=check_exponent, kw_only=True
    )


@frozen
class Gap:
    """A skill a move asks to raise, from one level to another.

    Attributes
    ----------
    skill : str
        Skill id.
    from_, to : float
        The level held before the move and the level the target role asks for.
    imputed : bool
        ``from_`` is not a rating of the source: the source does not rate the skill, so its
        level was imputed from its rung (or, for a target that rates no skill at all,
        ``to`` was); see :mod:`supportladder.weights`.
    cost : float
        What this gap adds to the move's weight: ``importance·(to − from_)^gap_exponent``.

    Examples
    --------
    >>> Gap("communication", 2.0, 3.0, cost=1.0).to_dict()
    {'skill': 'communication', 'from': 2.0, 'to': 3.0, 'imputed': False, 'cost': 1.0}
    """

    skill: str
    from_: float
    to: float
    imputed: bool = field(default=False, kw_only=True)
    cost: float = field(default=0.0, kw_only=True, eq=False)

    @property
    def delta(self) -> float:
        """How much the level rises."""
        return self.to - self.from_

    def describe(
        self, *, skill: str | None = None, level: Callable[[float], str] | None = None
    ) -> str:
        """Return the gap for people, ``"communication 2 → 3"``: the one wording of a gap.

        ``skill`` replaces the skill id (with its name, say) and ``level`` words a level
        (a scale's level names, say; default the number).  An imputed starting level is
        marked ``(imputed)``.

        Examples
        --------
        >>> Gap("communication", 2.0, 3.0).describe()
        'communication 2 → 3'
        >>> Gap("leadership", 0.0, 2.0, imputed=True).describe(skill="Leadership")
        'Leadership 0 (imputed) → 2'
        """
        word = level if level is not None else (lambda value: f"{value:g}")
        mark = " (imputed)" if self.imputed else ""
        return f"{skill or self.skill} {word(self.from_)}{mark} → {word(self.to)}"

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"skill", "from", "to", "imputed", "cost"}``, JSON-ready."""
        return {
            "skill": self.skill,
            "from": self.from_,
            "to": self.to,
            "imputed": self.imputed,
            "cost": self.cost,
        }
