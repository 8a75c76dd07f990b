"""The records of a move: its requirements, what was observed of it, and the move itself."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import attrs
from attrs import field, frozen

from supportladder._wording import show as _show
from supportladder.model._rules import (
    MAX_TENURE_MONTHS,
    Kind,
    check_id,
    check_kind,
    check_months,
    check_observed_count,
    check_probability,
    str_tuple,
    to_float,
    to_tuple,
)

__all__ = ["NO_REQUIREMENTS", "REQUIREMENT_NAMES", "Observed", "Requirements", "Transition"]


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
    certifications: tuple[str, ...] = field(default=(), converter=str_tuple, kw_only=True)
    assessment: str | None = field(default=None, kw_only=True)
    any_of: tuple[Requirements, ...] = field(default=(), converter=to_tuple, kw_only=True)

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


NO_REQUIREMENTS = Requirements()
"""The empty :class:`Requirements`: immutable, so one instance is shared by every move that
asks for nothing (the default of a :class:`Transition`'s ``requirements`` and
``advantages``: a graph of 80,000 moves holds one, not 160,000)."""

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

    count: int = field(validator=check_observed_count)
    probability: float = field(converter=to_float, validator=check_probability)
    median_months: float | None = field(default=None, validator=check_months)


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

    source: str = field(validator=check_id)
    target: str = field(validator=check_id)
    kind: Kind = field(default="upward", validator=check_kind)
    requirements: Requirements = field(default=NO_REQUIREMENTS, kw_only=True)
    advantages: Requirements = field(default=NO_REQUIREMENTS, kw_only=True)
    note: str = field(default="", kw_only=True)
    sources: tuple[str, ...] = field(default=(), converter=str_tuple, kw_only=True)
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
