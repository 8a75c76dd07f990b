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

ONET_ENV = "SUPPORTLADDER_ONET"


def onet_release() -> Path:
    """Return where the tests look for a full O*NET release (the text files, 29.3).

    ``$SUPPORTLADDER_ONET`` when set, else ``../shared/data/onet-29.3`` beside the checkout.
    Tests that need it are skipped, saying where they looked, when it is not there.
    """
    given = os.environ.get(ONET_ENV, "").strip()
    if given:
        return Path(given).expanduser()
    return Path(__file__).resolve().parents[2] / "shared" / "data" / "onet-29.3"


ONET_RELEASE = onet_release()
ONET_MISSING = (
    f"the full O*NET release is not at {ONET_RELEASE}; set {ONET_ENV} to its folder "
    "(the unzipped text release) to run these tests"
)


@pytest.fixture
def mini_path() -> Path:
    return DATA / "mini.toml"


@pytest.fixture
def mini(mini_path: Path) -> supportladder.CareerGraph:
    return supportladder.load(mini_path)
