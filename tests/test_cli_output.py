"""Command-line outputs: full devices, folders, devices as -o, stale temporary files, messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from supportladder.cli import main
from supportladder.io import _atomic as atomic

DATA = Path(__file__).parent / "data"
MINI = str(DATA / "mini.toml")
FULL = Path("/dev/full")
needs_full = pytest.mark.skipif(not FULL.exists(), reason="no /dev/full on this system")


def run_to(stdout: object, *argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "supportladder", *argv],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        cwd=cwd,
    )


@needs_full
@pytest.mark.parametrize(
    "argv",
    [
        ["path", "rep", "manager", "--json", "-g", MINI],
        ["path", "rep", "manager", "-g", MINI],
        ["export", "--format", "json", "-o", "-", "-g", MINI],
        ["export", "--format", "dot", "-g", MINI],
        ["roles", "--json", "-g", MINI],
    ],
)
def test_a_full_standard_output_is_one_line_and_exit_2(argv: list[str]) -> None:
    with FULL.open("w") as full:
        done = run_to(full, *argv)
    assert done.returncode == 2
    assert done.stderr == (
        "supportladder: error: cannot write standard output: No space left on device; "
        "free some space or write elsewhere\n"
    )


@needs_full
def test_a_full_device_as_output_file_is_written_not_replaced() -> None:
    before = FULL.stat()
    for extra in ([], ["--force"]):
        done = run_to(subprocess.DEVNULL, "export", "--format", "json", "-o", str(FULL), *extra)
        assert done.returncode == 2
        assert done.stderr == (
            f"supportladder: error: cannot write {FULL}: No space left on device; "
            "free some space or write elsewhere\n"
        )
    after = FULL.stat()
    assert (after.st_mode, after.st_rdev, after.st_ino) == (
        before.st_mode,
        before.st_rdev,
        before.st_ino,
    )


def test_a_pipe_given_as_output_is_written_to(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    assert main(["export", "--format", "mermaid", "-o", str(fifo), "-g", MINI]) == 0
    out, _ = reader.communicate(timeout=30)
    assert out.startswith("flowchart")
    assert fifo.is_fifo()


def test_output_folder_is_named_before_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    for extra in ([], ["--force"]):
        assert main(["export", "--format", "json", "-o", str(folder), *extra]) == 2
        err = capsys.readouterr().err
        assert err == (
            f"supportladder: error: {folder} is a folder; give the name of a file to write in it\n"
        )


def test_validate_a_bare_folder_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "adir").mkdir()
    (tmp_path / "adir" / "g.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "adir"]) == 2
    assert capsys.readouterr().err == (
        "supportladder: error: adir: is a folder, not a graph file; give the path of a .toml "
        "file in it, e.g. adir/g.toml\n"
    )
    # a bundled name still means the bundled graph, even with a folder of that name here
    (tmp_path / "support-ladder").mkdir()
    assert main(["validate", "support-ladder"]) == 0


def test_import_of_a_file_says_it_is_not_a_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("hello", encoding="utf-8")
    for source in ("onet", "esco"):
        assert main(["import", source, str(readme), "-o", str(tmp_path / "g.toml")]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"supportladder: error: {readme}: is a file, not a folder; ")
        assert err.count("\n") == 1


def test_graph_errors_carry_the_prefix_on_every_head_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    one = tmp_path / "one.toml"
    one.write_text('name = "x"\n[[roles]]\nid = "r"\ntitle = ""\nlevel = 1\n', encoding="utf-8")
    assert main(["roles", "-g", str(one)]) == 2
    assert capsys.readouterr().err == (
        f'supportladder: error: {one}: roles[0] (id "r"): title must be a non-empty string, '
        "got ''\n"
    )
    two = tmp_path / "two.toml"
    two.write_text('name = "x"\n[[roles]]\nid = "R"\ntitle = ""\nlevel = 1\n', encoding="utf-8")
    assert main(["roles", "-g", str(two)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == f"supportladder: error: {two}: 2 problems found"
    assert all(line.startswith(f"  - {two}: roles[0]") for line in lines[1:])
    assert len(lines) == 3


# ------------------------------------------------------------------ temporary files
def test_temporary_files_carry_a_recognisable_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    replace = os.replace

    def spy(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        seen.append(Path(src).name)
        replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    atomic.write_text(tmp_path / "out.json", "{}")
    (name,) = seen
    assert name.startswith(f".out.json.supportladder-tmp-{os.getpid()}-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_stale_temporary_files_are_removed_by_the_next_write(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    dead = tmp_path / ".out.json.supportladder-tmp-999999999-abcd1234"  # no such process
    dead.write_text("half a file", encoding="utf-8")
    old = tmp_path / f".out.json.supportladder-tmp-{os.getppid()}-old12345"
    old.write_text("half", encoding="utf-8")
    os.utime(old, (0, 0))  # made by a live process, but long ago
    live = tmp_path / f".out.json.supportladder-tmp-{os.getppid()}-live1234"
    live.write_text("being written", encoding="utf-8")
    other = tmp_path / ".other.json.supportladder-tmp-999999999-abcd1234"
    other.write_text("another output's", encoding="utf-8")
    assert atomic.stale_temporaries(out) == sorted([dead, old])
    assert main(["export", "--format", "json", "-o", str(out), "--force", "-g", MINI]) == 0
    capsys.readouterr()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out.json", live.name, other.name])
    assert out.read_text(encoding="utf-8").startswith("{")


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    def crash() -> None:
        with atomic.replacing(tmp_path / "out.toml") as tmp:
            tmp.write_text("partial", encoding="utf-8")
            raise RuntimeError("crash")

    with pytest.raises(RuntimeError):
        crash()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["Skills.txt", "Job Zones.txt"])
def test_onet_file_with_a_header_and_no_rows_is_named(tmp_path: Path, name: str) -> None:
    import shutil

    from supportladder.importers import ImportDataError, onet

    folder = tmp_path / "onet"
    shutil.copytree(DATA / "onet", folder)
    header = (folder / name).read_text(encoding="utf-8").split("\n")[0]
    (folder / name).write_text(header + "\n", encoding="utf-8")
    with pytest.raises(ImportDataError) as info:
        onet.read(folder)
    assert f"'{name}' has a header and no rows; use the complete files of the release" in str(
        info.value
    )
