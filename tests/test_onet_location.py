"""The full-O*NET tests find their data through SUPPORTLADDER_ONET, not only at ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ONET_ENV, onet_release


def test_the_environment_variable_names_the_release(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(ONET_ENV, str(tmp_path / "db_29_3_text"))
    assert onet_release() == tmp_path / "db_29_3_text"
    monkeypatch.setenv(ONET_ENV, "~/onet")
    assert onet_release() == Path.home() / "onet"


def test_without_it_the_sibling_shared_folder_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ONET_ENV, raising=False)
    checkout = Path(__file__).resolve().parents[1]
    assert onet_release() == checkout.parent / "shared" / "data" / "onet-29.3"
    monkeypatch.setenv(ONET_ENV, "  ")  # blank counts as unset
    assert onet_release() == checkout.parent / "shared" / "data" / "onet-29.3"


def test_the_readme_says_how_to_run_them() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"{ONET_ENV}=" in readme
