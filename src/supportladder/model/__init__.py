"""The records a career graph is made of: scales, skills, roles, moves and their requirements.

All classes are frozen attrs classes: build them once, share them freely, compare them by
value.  Validators guard only the invariants of a single record (an id is kebab-case, a
level is a positive integer, a kind is one of the three kinds); checks that span records
(unknown references, duplicates, cycles) live with :class:`~supportladder.CareerGraph`.

Examples
--------
>>> from supportladder.model import Role, Transition
>>> rep = Role("rep", "Support Representative", 1, skills={"communication": 2})
>>> rep.skills["communication"]
2.0
>>> Transition("rep", "lead", kind="upward").kind
'upward'
"""

from __future__ import annotations

from supportladder.model._costs import Gap, Weighting
from supportladder.model._ladder import DEFAULT_SCALE, Role, Scale, Skill
from supportladder.model._moves import (
    NO_REQUIREMENTS,
    REQUIREMENT_NAMES,
    Observed,
    Requirements,
    Transition,
)
from supportladder.model._rules import (
    HOLLAND_LETTERS,
    KINDS,
    MAX_GAP_EXPONENT,
    MAX_ID_LENGTH,
    MAX_LEVEL,
    MAX_TENURE_MONTHS,
    SKILL_CATEGORIES,
    Kind,
)

__all__ = [
    "DEFAULT_SCALE",
    "HOLLAND_LETTERS",
    "KINDS",
    "MAX_GAP_EXPONENT",
    "MAX_ID_LENGTH",
    "MAX_LEVEL",
    "MAX_TENURE_MONTHS",
    "NO_REQUIREMENTS",
    "REQUIREMENT_NAMES",
    "SKILL_CATEGORIES",
    "Gap",
    "Kind",
    "Observed",
    "Requirements",
    "Role",
    "Scale",
    "Skill",
    "Transition",
    "Weighting",
]
