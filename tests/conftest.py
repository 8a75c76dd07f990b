import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import supportladder

settings.register_profile(
    "ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

DATA = Path(__file__).parent / "data"


@pytest.fixture
def mini_path() -> Path:
    return DATA / "mini.toml"


@pytest.fixture
def mini(mini_path: Path) -> supportladder.CareerGraph:
    return supportladder.load(mini_path)
