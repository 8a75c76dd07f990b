import copy
import pickle

import attrs
import pytest

from supportladder.model import (
    DEFAULT_SCALE,
    NO_REQUIREMENTS,
    Gap,
    Requirements,
    Role,
    Scale,
    Skill,
    Transition,
    Weighting,
)


class TestScale:
    def test_default_levels(self) -> None:
        assert dict(DEFAULT_SCALE.levels) == {
            "none": 0,
            "basic": 1,
            "good": 2,
            "strong": 3,
            "excellent": 4,
        }

    def test_value_by_name_and_number(self) -> None:
        assert DEFAULT_SCALE.value("good") == 2.0
        assert DEFAULT_SCALE.value(3.5) == 3.5

    def test_unknown_name_lists_the_scale(self) -> None:
        with pytest.raises(ValueError, match=r"'great' is not on the scale.*'excellent' \(4\)"):
            DEFAULT_SCALE.value("great")

    @pytest.mark.parametrize("level", [-1, 4.5, float("nan"), float("inf")])
    def test_numbers_outside_are_refused(self, level: float) -> None:
        with pytest.raises(ValueError, match="level"):
            DEFAULT_SCALE.value(level)

    def test_name_of(self) -> None:
        assert DEFAULT_SCALE.name_of(3) == "strong"
        assert DEFAULT_SCALE.name_of(2.5) is None

    def test_custom_scale_onet_style(self) -> None:
        scale = Scale({str(i): i for i in range(8)})
        assert (scale.minimum, scale.maximum) == (0.0, 7.0)

    @pytest.mark.parametrize(
        ("levels", "message"),
        [
            ({}, "at least one level"),
            ({"a": 1, "b": 1}, "distinct"),
            ({"a": float("nan")}, "finite"),
            ({"": 1}, "non-empty"),
        ],
    )
    def test_invalid_scales(self, levels: dict[str, float], message: str) -> None:
        with pytest.raises(ValueError, match=message):
            Scale(levels)


class TestRole:
    def test_skills_become_floats_and_are_read_only(self) -> None:
        role = Role("rep", "Rep", 1, skills={"communication": 2})
        assert role.skills == {"communication": 2.0}
        assert isinstance(role.skills["communication"], float)
        with pytest.raises(TypeError):
            role.skills["communication"] = 3  # type: ignore[index]

    def test_frozen_and_hashable(self) -> None:
        role = Role("rep", "Rep", 1, skills={"a": 1}, titles={"zh": "代表"})
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            role.level = 2  # type: ignore[misc]
        assert hash(role) == hash(Role("rep", "Rep", 1, skills={"a": 1}, titles={"zh": "代表"}))
        assert copy.deepcopy(role) == role
        assert pickle.loads(pickle.dumps(role)) == role

    @pytest.mark.parametrize("bad", ["Team Lead", "team_lead", "-lead", "lead-", ""])
    def test_id_must_be_kebab_case(self, bad: str) -> None:
        with pytest.raises(ValueError, match="kebab-case"):
            Role(bad, "Lead", 1)

    def test_onet_codes_are_valid_ids(self) -> None:
        assert Role("43-4051.00", "Customer Service Representatives", 2).id == "43-4051.00"

    @pytest.mark.parametrize(
        ("level", "exc"), [(0, ValueError), (1.5, TypeError), (True, TypeError)]
    )
    def test_level_is_a_positive_integer(self, level: object, exc: type[Exception]) -> None:
        with pytest.raises(exc, match="level"):
            Role("rep", "Rep", level)  # type: ignore[arg-type]

    @pytest.mark.parametrize(("code", "message"), [("SXE", "outside RIASEC"), ("SES", "repeats")])
    def test_holland_letters(self, code: str, message: str) -> None:
        with pytest.raises(ValueError, match=message):
            Role("rep", "Rep", 1, holland=code)

    def test_names(self) -> None:
        role = Role("rep", "Rep", 1, aliases=("CSR",), titles={"zh": "代表"})
        assert role.names() == ("rep", "Rep", "CSR", "代表")

    def test_non_finite_skill_level(self) -> None:
        with pytest.raises(ValueError, match=r"skills\.a must be a finite number"):
            Role("rep", "Rep", 1, skills={"a": float("nan")})


class TestTransition:
    def test_self_loop_refused(self) -> None:
        with pytest.raises(ValueError, match="self-loop"):
            Transition("rep", "rep", "lateral")

    def test_unknown_kind(self) -> None:
        with pytest.raises(ValueError, match="'sideways' is not one of 'upward', 'lateral'"):
            Transition("rep", "lead", "sideways")  # type: ignore[arg-type]

    def test_requirements(self) -> None:
        req = Requirements(tenure_months=12, certifications=["crm"])
        assert req.certifications == ("crm",)
        assert req.to_dict() == {"tenure_months": 12, "certifications": ["crm"]}
        assert Transition("a", "b", requirements=req).requirements.names() == (
            "tenure_months",
            "certifications",
        )

    def test_negative_tenure(self) -> None:
        with pytest.raises(ValueError, match="tenure_months must be 0 or more"):
            Requirements(tenure_months=-1)

    def test_moves_that_ask_nothing_share_one_empty_requirements(self) -> None:
        """Requirements are immutable: a graph of 80,000 plain moves holds one empty
        instance, not 160,000 (memory, and the objects the garbage collector walks)."""
        import supportladder

        moves = [Transition("a", "b"), Transition("b", "c", "lateral")]
        g = supportladder.load("support-careers")
        plain = [t for t in g.transitions if not t.requirements] + moves
        assert {id(t.requirements) for t in plain} == {id(NO_REQUIREMENTS)}
        assert {id(t.advantages) for t in moves} == {id(NO_REQUIREMENTS)}
        assert Requirements() == NO_REQUIREMENTS
        assert attrs.evolve(moves[0], kind="lateral").requirements is NO_REQUIREMENTS


class TestSkillAndWeighting:
    def test_importance_must_be_non_negative(self) -> None:
        with pytest.raises(ValueError, match="importance must be at least 0"):
            Skill("a", "A", importance=-1)

    def test_weighting_defaults(self) -> None:
        assert Weighting() == Weighting(base_cost=1.0, surplus_penalty=0.0)
        with pytest.raises(ValueError, match="base_cost must be a finite number"):
            Weighting(base_cost=float("inf"))

    def test_gap(self) -> None:
        gap = Gap("communication", 1.0, 3.0)
        assert gap.delta == 2.0
        assert gap.to_dict() == {
            "skill": "communication",
            "from": 1.0,
            "to": 3.0,
            "imputed": False,
            "cost": 0.0,
        }
