"""The records of the ladder itself: a skill scale, skills and roles."""

from __future__ import annotations

from typing import Any, Final

import attrs
from attrs import field, frozen

from supportladder._frozen import FrozenDict
from supportladder._wording import show as _show
from supportladder.model._rules import (
    check_category,
    check_finite,
    check_holland,
    check_id,
    check_level,
    check_non_negative,
    check_skill_levels,
    check_text,
    level_map,
    str_map,
    str_tuple,
    to_float,
)

__all__ = ["DEFAULT_SCALE", "Role", "Scale", "Skill"]


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

    levels: FrozenDict[str, float] = field(converter=level_map)

    @levels.validator
    def _check_levels(self, attribute: attrs.Attribute[Any], value: FrozenDict[str, float]) -> None:
        if not value:
            raise ValueError("scale must name at least one level, e.g. none = 0")
        for name, number in value.items():
            if not isinstance(name, str) or not name.strip():
                raise ValueError(f"scale level names must be non-empty strings, got {_show(name)}")
            check_finite(f"scale level {name!r}", number)
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
        check_finite("level", level)
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

    id: str = field(validator=check_id)
    name: str = field(validator=check_text)
    category: str = field(default="domain", kw_only=True, validator=check_category)
    description: str = field(default="", kw_only=True)
    importance: float = field(
        default=1.0, converter=to_float, validator=check_non_negative, kw_only=True
    )


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

    id: str = field(validator=check_id)
    title: str = field(validator=check_text)
    level: int = field(validator=check_level)
    track: str = field(default="support", kw_only=True, validator=check_text)
    industry: str = field(default="customer support", kw_only=True, validator=check_text)
    skills: FrozenDict[str, float] = field(
        factory=FrozenDict, converter=level_map, validator=check_skill_levels, kw_only=True
    )
    inherits: tuple[str, ...] = field(default=(), converter=str_tuple, kw_only=True)
    holland: str = field(default="", validator=check_holland, kw_only=True)
    aliases: tuple[str, ...] = field(default=(), converter=str_tuple, kw_only=True)
    titles: FrozenDict[str, str] = field(factory=FrozenDict, converter=str_map, kw_only=True)
    description: str = field(default="", kw_only=True)
    sources: tuple[str, ...] = field(default=(), converter=str_tuple, kw_only=True)

    def names(self) -> tuple[str, ...]:
        """Return every name the role answers to: id, title, aliases and translated titles."""
        return (self.id, self.title, *self.aliases, *self.titles.values())
