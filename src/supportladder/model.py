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

import math
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, Literal

import attrs
from attrs import field, frozen

from supportladder._frozen import FrozenDict, freeze
from supportladder._wording import show as _show

__all__ = [
    "DEFAULT_SCALE",
    "HOLLAND_LETTERS",
    "KINDS",
    "MAX_GAP_EXPONENT",
    "MAX_ID_LENGTH",
    "MAX_LEVEL",
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

Kind = Literal["upward", "lateral", "cross-industry"]
KINDS: Final[tuple[Kind, ...]] = ("upward", "lateral", "cross-industry")
"""The three kinds of move, in the order they are listed everywhere."""

HOLLAND_LETTERS: Final = "RIASEC"
"""The six Holland (RIASEC) interest types: Realistic, Investigative, Artistic, Social,
Enterprising, Conventional."""

_ID_RE = re.compile(r"[a-z0-9]+(?:[-.][a-z0-9]+)*")

MAX_ID_LENGTH: Final = 100
"""The longest an id (of a role or a skill) or a graph name may be, in characters."""

SKILL_CATEGORIES: Final = (
    "technical",
    "interpersonal",
    "leadership",
    "business",
    "domain",
    "skill",
    "knowledge",
)
"""The families a skill may belong to: the five of hand-written graphs, then the two the
O*NET and ESCO importers write (``skill`` and ``knowledge``)."""


def _id_problem(name: str, value: object) -> str | None:
    """Return why ``value`` is not a valid id, or ``None`` if it is one."""
    if isinstance(value, str) and len(value) > MAX_ID_LENGTH:
        return (
            f"{name} {_show(value)} is {len(value):,} characters long; use at most {MAX_ID_LENGTH}"
        )
    if not isinstance(value, str) or not _ID_RE.fullmatch(value):
        return (
            f"{name} {_show(value)} is not kebab-case: use lowercase letters and "
            f"digits joined by '-' (or '.'), e.g. 'team-lead'"
        )
    return None


def _check_id(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if (problem := _id_problem(attribute.name, value)) is not None:
        raise ValueError(problem)


def _check_category(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in SKILL_CATEGORIES:
        raise ValueError(
            f"category {_show(value)} is not one of {', '.join(SKILL_CATEGORIES)}; "
            "pick the closest family"
        )


def _check_text(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name} must be a non-empty string, got {_show(value)}")


def _check_finite(name: str, value: float, *, minimum: float | None = None) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number, got {_show(value)}")
    if isinstance(value, int) and abs(value) > sys.float_info.max:
        raise ValueError(f"{name} {_show(value)} is too large; use a number below 1e308")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum:g}, got {_show(value)}")


def _check_non_negative(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    _check_finite(attribute.name, value, minimum=0)


def _to_float(value: float) -> float:
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


def _str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        return (values,)
    return tuple(values)


def _level_map(values: Mapping[str, float]) -> FrozenDict[str, float]:
    return freeze({k: _to_float(v) for k, v in values.items()})


def _str_map(values: Mapping[str, str]) -> FrozenDict[str, str]:
    return freeze(values)


@frozen
class Scale:
    """Named skill levels and the numbers they stand for.

    Parameters
    ----------
    levels : mapping of str to float
        Level name to value, e.g. ``{"none": 0, "basic": 1, ...}``.  Values need not be
        integers (an O*NET graph uses the 0–7 level scale) but must be finite and distinct.

    Examples
    --------
    >>> from supportladder.model import DEFAULT_SCALE
    >>> DEFAULT_SCALE.value("strong")
    3.0
    >>> DEFAULT_SCALE.name_of(4)
    'excellent'
    >>> (DEFAULT_SCALE.minimum, DEFAULT_SCALE.maximum)
    (0.0, 4.0)
    """

    levels: FrozenDict[str, float] = field(converter=_level_map)

    @levels.validator
    def _check_levels(self, attribute: attrs.Attribute[Any], value: FrozenDict[str, float]) -> None:
        if not value:
            raise ValueError("scale must name at least one level, e.g. none = 0")
        for name, number in value.items():
            if not isinstance(name, str) or not name.strip():
                raise ValueError(f"scale level names must be non-empty strings, got {_show(name)}")
            _check_finite(f"scale level {name!r}", number)
        numbers = list(value.values())
        if len(set(numbers)) != len(numbers):
            raise ValueError("scale levels must have distinct values: two names share one number")

    @property
    def minimum(self) -> float:
        """The lowest level value: what a role that does not list a skill holds of it."""
        return min(self.levels.values())

    @property
    def maximum(self) -> float:
        """The highest level value."""
        return max(self.levels.values())

    def value(self, level: str | float) -> float:
        """Return the number for a level name, or check and return a number.

        Raises
        ------
        ValueError
            If the name is not on the scale or the number lies outside it.
        """
        if isinstance(level, str):
            try:
                return self.levels[level]
            except KeyError:
                raise ValueError(
                    f"level {_show(level)} is not on the scale; use one of "
                    + ", ".join(f"{n!r} ({v:g})" for n, v in self.levels.items())
                ) from None
        _check_finite("level", level)
        if not self.minimum <= level <= self.maximum:
            raise ValueError(
                f"level {_show(level)} is outside the scale {self.minimum:g} to {self.maximum:g}; "
                "use a level name (" + ", ".join(self.levels) + ") or a number in that range"
            )
        return float(level)

    def name_of(self, value: float) -> str | None:
        """Return the name of the level with exactly this value, or ``None``."""
        for name, number in self.levels.items():
            if number == value:
                return name
        return None


DEFAULT_SCALE: Final = Scale({"none": 0, "basic": 1, "good": 2, "strong": 3, "excellent": 4})
"""The default scale: none 0, basic 1, good 2, strong 3, excellent 4."""


@frozen
class Skill:
    """A skill that roles require at some level.

    Parameters
    ----------
    id : str
        Kebab-case identifier, e.g. ``"conflict-resolution"``.
    name : str
        Human-readable name.
    category : str
        Family of the skill: technical, interpersonal, leadership, business or domain
        (``skill`` or ``knowledge`` for imported graphs); see :data:`SKILL_CATEGORIES`.
    description : str
        What the skill is, in a sentence.
    importance : float
        Multiplier of this skill's gaps in move weights (default 1.0).
    """

    id: str = field(validator=_check_id)
    name: str = field(validator=_check_text)
    category: str = field(default="domain", kw_only=True, validator=_check_category)
    description: str = field(default="", kw_only=True)
    importance: float = field(
        default=1.0, converter=_to_float, validator=_check_non_negative, kw_only=True
    )


MAX_TENURE_MONTHS: Final = 600
"""The longest tenure a requirement may ask for, in months (50 years: a working life)."""


@frozen
class Requirements:
    """What a move asks of the person making it, beyond skills.

    Parameters
    ----------
    tenure_months : int, optional
        Months in the current role usually expected first.
    education : str, optional
        A degree or diploma asked for, e.g. ``"bachelor"``.
    certifications : tuple of str
        Certifications that help or are expected.
    assessment : str, optional
        A test or interview the move goes through, e.g. ``"interview test"``.
    any_of : tuple of Requirements
        Alternatives: meeting any one of them is enough (with the fields above, which
        always apply).  "About a year in the role, or an interview test" is
        ``any_of=(Requirements(tenure_months=12), Requirements(assessment="interview test"))``.

    Notes
    -----
    A :class:`Transition` holds two of these: ``requirements`` (gates: a move is closed to
    someone who cannot meet them) and ``advantages`` (what the sources say helps or speeds
    the move up without being asked for, such as a degree that "strengthens your
    qualifications").

    Examples
    --------
    >>> r = Requirements(tenure_months=12, assessment="interview test")
    >>> r.names()
    ('tenure_months', 'assessment')
    >>> bool(Requirements())
    False
    """

    tenure_months: int | None = field(default=None, kw_only=True)
    education: str | None = field(default=None, kw_only=True)
    certifications: tuple[str, ...] = field(default=(), converter=_str_tuple, kw_only=True)
    assessment: str | None = field(default=None, kw_only=True)
    any_of: tuple[Requirements, ...] = field(default=(), converter=_tuple, kw_only=True)

    @any_of.validator
    def _check_any_of(self, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        for option in value:
            if not isinstance(option, Requirements):
                raise TypeError(f"any_of must hold requirement tables, got {_show(option)}")
            if option.any_of:
                raise ValueError(
                    "any_of alternatives cannot hold another any_of; list every alternative "
                    "in the one any_of array"
                )
            if not option:
                raise ValueError("an any_of alternative is empty; give each one a requirement")
        if len(value) == 1:
            raise ValueError(
                "any_of has a single alternative; write it as a plain requirement instead"
            )

    @tenure_months.validator
    def _check_tenure(self, attribute: attrs.Attribute[Any], value: int | None) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"tenure_months must be a whole number of months, got {_show(value)}")
        if value < 0:
            raise ValueError(f"tenure_months must be 0 or more, got {value}")
        if value > MAX_TENURE_MONTHS:
            raise ValueError(
                f"tenure_months must be at most {MAX_TENURE_MONTHS} (50 years), "
                f"got {_show(value)}; give the months usually spent in the role first"
            )

    def names(self) -> tuple[str, ...]:
        """Return the names of the requirements that are set, in field order.

        ``any_of`` is listed when it holds alternatives; the names inside the alternatives
        are not.
        """
        return tuple(
            f.name for f in attrs.fields(Requirements) if getattr(self, f.name) not in (None, ())
        )

    def __bool__(self) -> bool:
        return bool(self.names())

    def options(self) -> tuple[Requirements, ...]:
        """Return the ways to meet these requirements, each without alternatives.

        Every option holds the requirements that always apply plus one ``any_of``
        alternative; with no alternatives there is one option, the requirements themselves.

        Examples
        --------
        >>> r = Requirements(any_of=[Requirements(tenure_months=12),
        ...                          Requirements(assessment="interview test")])
        >>> [o.names() for o in r.options()]
        [('tenure_months',), ('assessment',)]
        """
        if not self.any_of:
            return (self,)
        base = attrs.evolve(self, any_of=())
        return tuple(_combine(base, option) for option in self.any_of)

    def phrases(self) -> tuple[str, ...]:
        """Return the requirements as short phrases, for people: the one wording of them.

        Each requirement that always applies is one phrase; the ``any_of`` alternatives are
        one more, ``"either … or …"``, so an "or" of the sources stays an "or".  The CLI,
        the diagrams, the HTML map, notebooks and explanations all word requirements so.

        Examples
        --------
        >>> Requirements(education="bachelor", certifications=["CCXP"]).phrases()
        ('education: bachelor', 'certifications: CCXP')
        >>> Requirements(any_of=[Requirements(tenure_months=12),
        ...                      Requirements(assessment="interview test")]).describe()
        'either 12 months in the role or assessment: interview test'
        """
        out = []
        for name in self.names():
            value = getattr(self, name)
            if name == "tenure_months":
                out.append(f"{value} months in the role")
            elif name == "certifications":
                out.append(f"certifications: {', '.join(value)}")
            elif name != "any_of":
                out.append(f"{name}: {value}")
        if self.any_of:
            out.append("either " + " or ".join(o.describe() for o in self.any_of))
        return tuple(out)

    def describe(self) -> str:
        """Return :meth:`phrases` as one line, joined by ``"; "`` (empty if none is set)."""
        return "; ".join(self.phrases())

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Requirements:
        """Return the requirements of a :meth:`to_dict` mapping (the inverse of it)."""
        fields = dict(data)
        options = fields.pop("any_of", ())
        return cls(**fields, any_of=tuple(cls.from_dict(o) for o in options))

    def to_dict(self) -> dict[str, Any]:
        """Return the requirements that are set, as a JSON-ready dict."""
        out: dict[str, Any] = {}
        for name in self.names():
            value = getattr(self, name)
            if name == "any_of":
                out[name] = [option.to_dict() for option in value]
            else:
                out[name] = list(value) if isinstance(value, tuple) else value
        return out


REQUIREMENT_NAMES: Final = ("tenure_months", "education", "certifications", "assessment")
"""The names of the single requirements (the fields of :class:`Requirements` but ``any_of``)."""


def _combine(base: Requirements, option: Requirements) -> Requirements:
    """Return ``base`` with the fields ``option`` sets (certifications are joined)."""
    changes: dict[str, Any] = {}
    for name in option.names():
        value = getattr(option, name)
        if name == "certifications":
            value = tuple(dict.fromkeys((*base.certifications, *value)))
        changes[name] = value
    return attrs.evolve(base, **changes)


def _check_holland(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"holland must be a string of RIASEC letters, got {_show(value)}")
    bad = sorted({c for c in value if c not in HOLLAND_LETTERS})
    if bad:
        raise ValueError(
            f"holland {value!r} has letters outside RIASEC ({', '.join(bad)}); "
            "use R, I, A, S, E, C, most dominant first"
        )
    if len(set(value)) != len(value):
        raise ValueError(f"holland {value!r} repeats a letter; give each type once")


MAX_LEVEL: Final = 1000
"""The highest rung number a role may have."""


def _check_level(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"level must be a whole number (1 = entry), got {_show(value)}")
    if not 1 <= value <= MAX_LEVEL:
        raise ValueError(f"level must be between 1 (entry) and {MAX_LEVEL}, got {_show(value)}")


def _check_skill_levels(
    instance: object, attribute: attrs.Attribute[Any], value: FrozenDict[str, float]
) -> None:
    for skill, level in value.items():
        _check_finite(f"skills.{skill}", level)


@frozen
class Role:
    """A job role: one node of a career graph.

    Parameters
    ----------
    id : str
        Kebab-case identifier, e.g. ``"team-lead"``.
    title : str
        The title as people use it, e.g. ``"Support Team Lead"``.
    level : int
        Rung number, 1 = entry level.
    track : str
        Job family: support, success, operations, sales, training, product, engineering, ...
    industry : str
        Industry of the role (default ``"customer support"``).
    skills : mapping of str to float
        Skill id to required level (numbers on the graph's scale).
    inherits : tuple of str
        Role ids whose skill requirements this role must also meet.
    holland : str
        Holland (RIASEC) code, most dominant letter first, e.g. ``"SEC"``.
    aliases : tuple of str
        Other names the role goes by.
    titles : mapping of str to str
        Titles by language code, e.g. ``{"zh": "客户服务代表"}``.
    description : str
        What the role does, in our own words.
    sources : tuple of str
        Titles of the documents the role is curated from.
    """

    id: str = field(validator=_check_id)
    title: str = field(validator=_check_text)
    level: int = field(validator=_check_level)
    track: str = field(default="support", kw_only=True, validator=_check_text)
    industry: str = field(default="customer support", kw_only=True, validator=_check_text)
    skills: FrozenDict[str, float] = field(
        factory=FrozenDict, converter=_level_map, validator=_check_skill_levels, kw_only=True
    )
    inherits: tuple[str, ...] = field(default=(), converter=_str_tuple, kw_only=True)
    holland: str = field(default="", validator=_check_holland, kw_only=True)
    aliases: tuple[str, ...] = field(default=(), converter=_str_tuple, kw_only=True)
    titles: FrozenDict[str, str] = field(factory=FrozenDict, converter=_str_map, kw_only=True)
    description: str = field(default="", kw_only=True)
    sources: tuple[str, ...] = field(default=(), converter=_str_tuple, kw_only=True)

    def names(self) -> tuple[str, ...]:
        """Return every name the role answers to: id, title, aliases and translated titles."""
        return (self.id, self.title, *self.aliases, *self.titles.values())


def _check_observed_count(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"observed count must be a whole number, 1 or more, got {_show(value)}")


def _check_probability(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    _check_finite("observed probability", value)
    if not 0 < value <= 1:
        raise ValueError(f"observed probability must be above 0 and at most 1, got {value!r}")


def _check_months(instance: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None:
        _check_finite("observed median_months", value, minimum=0)


@frozen
class Observed:
    """What career histories show of a move: how often people made it, and when.

    Parameters
    ----------
    count : int
        How many people made the move.
    probability : float
        ``count`` over all observed moves out of the source role.
    median_months : float, optional
        The median time people spent in the source role before the move, in months
        (days / 30.436875); ``None`` if unknown (move counts carry no dates).

    Examples
    --------
    >>> Observed(3, 0.75, 14.0).probability
    0.75
    """

    count: int = field(validator=_check_observed_count)
    probability: float = field(converter=_to_float, validator=_check_probability)
    median_months: float | None = field(default=None, validator=_check_months)


def _check_kind(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in KINDS:
        raise ValueError(f"kind {_show(value)} is not one of {', '.join(map(repr, KINDS))}")


@frozen
class Transition:
    """A move from one role to another: one edge of a career graph.

    Parameters
    ----------
    source, target : str
        Role ids.
    kind : {"upward", "lateral", "cross-industry"}
        Up the ladder, sideways within the industry, or into another industry.
    requirements : Requirements
        Tenure, education, certifications and assessment the move asks for: gates.
    advantages : Requirements
        What helps or speeds the move up without being asked for (a degree that
        "strengthens your qualifications", an optional certification).  Advantages are
        shown in explanations and never hide a move from a query.
    note : str
        What the move takes, in our own words.
    sources : tuple of str
        Titles of the documents the move is curated from.
    observed : Observed, optional
        What career histories show of the move (set by
        :func:`supportladder.importers.moves.read`).
    """

    source: str = field(validator=_check_id)
    target: str = field(validator=_check_id)
    kind: Kind = field(default="upward", validator=_check_kind)
    requirements: Requirements = field(factory=Requirements, kw_only=True)
    advantages: Requirements = field(factory=Requirements, kw_only=True)
    note: str = field(default="", kw_only=True)
    sources: tuple[str, ...] = field(default=(), converter=_str_tuple, kw_only=True)
    observed: Observed | None = field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.source == self.target:
            raise ValueError(
                f"move from {self.source!r} to itself: a self-loop is not a career move; "
                "remove it or change its target"
            )

    @property
    def key(self) -> tuple[str, str]:
        """The ``(source, target)`` pair."""
        return (self.source, self.target)


def _check_exponent(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    _check_finite(attribute.name, value, minimum=1)
    if value > MAX_GAP_EXPONENT:
        raise ValueError(
            f"gap_exponent must be at most {MAX_GAP_EXPONENT:g}, got {value!r}: beyond that "
            "one gap of a few levels outweighs everything else a move costs; use 1 (linear) "
            f"to {MAX_GAP_EXPONENT:g}"
        )


MAX_GAP_EXPONENT: Final = 4.0
"""The largest ``gap_exponent`` a :class:`Weighting` accepts."""


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
        default=1.0, converter=_to_float, validator=_check_non_negative, kw_only=True
    )
    surplus_penalty: float = field(
        default=0.0, converter=_to_float, validator=_check_non_negative, kw_only=True
    )
    gap_exponent: float = field(
        default=2.0, converter=_to_float, validator=_check_exponent, kw_only=True
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
