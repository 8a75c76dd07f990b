import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import supportladder
from supportladder.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_graphs_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "graphs", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["name"] for r in rows] == supportladder.bundled()
    for row in rows:
        assert set(row) == {"name", "title", "roles", "transitions", "languages", "sources"}
        g = supportladder.load(row["name"])
        assert row["roles"] == len(g.roles)
        assert row["transitions"] == len(g.transitions)
        assert row["sources"] == list(g.sources)


def test_graphs_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "graphs")
    assert code == 0
    assert "support-careers" in out
    assert "default: support-careers" in out


def test_roles_json_shape(capsys: pytest.CaptureFixture[str], mini_path: Path) -> None:
    code, out, _ = run(capsys, "roles", "-g", str(mini_path), "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == ["rep", "lead", "manager", "account-manager"]
    lead = rows[1]
    assert set(lead) == {
        "id",
        "title",
        "level",
        "track",
        "industry",
        "skills",
        "holland",
        "aliases",
        "titles",
    }
    # skills are the effective skills, inheritance included
    assert lead["skills"] == {"communication": 3, "leadership": 2, "product-knowledge": 1}
    assert rows[0]["aliases"] == ["Rep", "CSR"]
    assert rows[2]["holland"] == "CES"


def test_roles_default_graph_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "roles")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "title", "level", "track", "industry"]
    roles = supportladder.load().roles
    assert lines[len(roles) + 3].startswith("effective skills (own and inherited)")
    assert all(len(line) <= 100 for line in lines)
    listed = [line.split(":")[0].strip() for line in lines[len(roles) + 4 :] if line[3] != " "]
    assert sorted(listed) == sorted(r.id for r in roles)


def test_validate_ok_and_bad(
    capsys: pytest.CaptureFixture[str], mini_path: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'name = "bad"\n[[roles]]\nid = "Bad Id"\ntitle = "x"\nlevel = 0\n', encoding="utf-8"
    )
    code, out, err = run(capsys, "validate", str(mini_path), str(bad))
    assert code == 2
    assert f"{mini_path}: ok" in out
    assert f"{bad}: 2 problems found" in err
    assert f'{bad}: roles[0] (id "Bad Id"): id ' in err
    assert f'{bad}: roles[0] (id "Bad Id"): level must be' in err
    assert "Traceback" not in err


def test_validate_all_good(capsys: pytest.CaptureFixture[str], mini_path: Path) -> None:
    assert run(capsys, "validate", str(mini_path))[0] == 0


def test_bad_graph_option_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "roles", "-g", "no-such-graph")
    assert code == 2
    assert "no bundled graph named 'no-such-graph'" in err


def test_bad_arguments_exit_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["roles", "--bogus"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "unrecognized arguments: --bogus" in err


def test_export_json_shape(capsys: pytest.CaptureFixture[str], mini_path: Path) -> None:
    code, out, _ = run(capsys, "export", "-g", str(mini_path), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert "edges" in data
    assert data["graph"]["name"] == "mini"
    assert data["graph"]["weighting"] == {
        "base_cost": 1.0,
        "surplus_penalty": 0.5,
        "gap_exponent": 2.0,
        "importance": {"communication": 1.0, "leadership": 2.0, "product-knowledge": 1.0},
    }
    G = nx.node_link_graph(data, edges="edges")
    node = G.nodes["lead"]
    for key in ("title", "level", "track", "industry", "skills", "holland", "sources"):
        assert key in node
    edge = G.edges["rep", "lead"]
    assert edge["kind"] == "upward"
    assert edge["weight"] == pytest.approx(10.0)  # 1 + 1² + 2·2²
    assert edge["gaps"] == [
        {"skill": "communication", "from": 2.0, "to": 3.0, "imputed": False, "cost": 1.0},
        {"skill": "leadership", "from": 0.0, "to": 2.0, "imputed": True, "cost": 8.0},
    ]
    assert edge["requirements"] == {"tenure_months": 12, "assessment": "interview test"}


def test_export_to_file_refuses_to_overwrite(
    capsys: pytest.CaptureFixture[str], mini_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out.json"
    assert (
        run(capsys, "export", "-g", str(mini_path), "--format", "json", "-o", str(target))[0] == 0
    )
    first = target.read_text(encoding="utf-8")
    target.write_text("keep me", encoding="utf-8")
    code, _, err = run(
        capsys, "export", "-g", str(mini_path), "--format", "json", "-o", str(target)
    )
    assert code == 2
    assert "already exists; pass --force" in err
    assert target.read_text(encoding="utf-8") == "keep me"
    args = ["export", "-g", str(mini_path), "--format", "json", "-o", str(target), "--force"]
    assert run(capsys, *args)[0] == 0
    assert target.read_text(encoding="utf-8") == first


def test_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "supportladder", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"supportladder {supportladder.__version__}"


DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    "command",
    [
        ["export", "-g", "support-ladder", "--format", "dot"],
        ["export", "-g", "support-ladder", "--format", "graphml"],
        ["plot", "-g", "support-ladder"],
        ["import", "moves", str(DATA / "moves" / "counts.csv")],
    ],
    ids=["export-dot", "export-graphml", "plot", "import-moves"],
)
def test_no_command_overwrites_without_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str]
) -> None:
    suffix = {"plot": ".svg", "import": ".toml"}.get(command[0], ".out")
    target = tmp_path / f"existing{suffix}"
    target.write_text("precious", encoding="utf-8")
    code, _, err = run(capsys, *command, "-o", str(target))
    assert code == 2
    assert f"{target} already exists; pass --force to overwrite it" in err
    assert target.read_text(encoding="utf-8") == "precious"
    code, _, err = run(capsys, *command, "-o", str(target), "--force")
    assert code == 0, err
    assert target.read_text(encoding="utf-8") != "precious"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary files left
