import csv
import shutil
from pathlib import Path

import numpy as np
import pytest

import supportladder
from supportladder.cli import main
from supportladder.errors import AmbiguousRoleError
from supportladder.importers import ImportDataError, esco

DATA = Path(__file__).parent / "data" / "esco"


@pytest.fixture(scope="module")
def fixture() -> esco.EscoImport:
    return esco.read(DATA, neighbours=3)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "esco"
    shutil.copytree(DATA, target)
    return target


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_fixture_columns_are_esco_layout() -> None:
    for name, columns in [
        ("occupations_en.csv", esco.OCCUPATION_COLUMNS),
        ("skills_en.csv", esco.SKILL_COLUMNS),
        ("occupationSkillRelations_en.csv", esco.RELATION_COLUMNS),
    ]:
        with (DATA / name).open(encoding="utf-8", newline="") as handle:
            assert tuple(next(csv.reader(handle))) == columns


def test_roles(fixture: esco.EscoImport) -> None:
    g = fixture.graph
    assert len(g.roles) == 8
    assert fixture.report.counts["skipped: no skill relations"] == 1
    assert "mystery shopper" not in g
    agent = g.role("contact centre agent")
    assert agent.id == "4222.1"
    assert agent.level == 2  # ISCO major group 4: skill level 2
    assert agent.industry == "Customer services clerks"
    assert agent.track == "4222"
    assert agent.description.startswith("Contact centre agents")
    assert g.role("call center agent").id == "4222.1"  # multi-line altLabels cell
    assert g.role("customer service manager").level == 3  # sub-major group 14
    assert g.role("ICT help desk manager").level == 4
    assert g.role("call centre analyst").level == 4


def test_shared_alias_stays_on_each_occupation(fixture: esco.EscoImport) -> None:
    g = fixture.graph
    counts = fixture.report.counts
    owners = [r.id for r in g.roles if "customer service agent" in r.aliases]
    assert owners == ["3512.3", "4222.1"]
    assert counts["aliases shared by several occupations (kept on each)"] == 2
    assert counts["aliases left out (another occupation's code or title)"] == 0
    assert g.role("service desk agent").id == "3512.3"
    # the shared alias stays findable: the error lists every occupation it names
    with pytest.raises(AmbiguousRoleError) as info:
        g.role("customer service agent")
    assert "3512.3" in str(info.value)
    assert "4222.1" in str(info.value)


def test_skill_levels_follow_relation_type(fixture: esco.EscoImport) -> None:
    g = fixture.graph
    uri = {r["conceptUri"]: r["preferredLabel"] for r in read_csv(DATA / "skills_en.csv")}
    occ = {r["conceptUri"]: r["code"] for r in read_csv(DATA / "occupations_en.csv")}
    names = {s.name: s.id for s in g.skills}
    relations = read_csv(DATA / "occupationSkillRelations_en.csv")
    for rel in relations:
        level = g.role(occ[rel["occupationUri"]]).skills[names[uri[rel["skillUri"]]]]
        assert level == {"essential": 2.0, "optional": 1.0}[rel["relationType"]]
    total = sum(len(r.skills) for r in g.roles)
    assert total == len(relations)
    assert g.skill("customer-service").category == "knowledge"
    assert g.skill("supervise-staff").category == "skill"
    assert g.scale.levels == {"none": 0, "optional": 1, "essential": 2}


def test_gaps_and_weights(fixture: esco.EscoImport) -> None:
    g = fixture.graph
    weight, gaps = g.delta("4222.1", "3341.2")
    assert {(gap.skill, gap.from_, gap.to) for gap in gaps} == {
        ("supervise-staff", 0.0, 2.0),
        ("analyse-call-performance-trends", 0.0, 1.0),
        ("plan-the-work-of-teams", 0.0, 1.0),
    }
    assert weight == 1.0 + 2.0**2 + 1.0 + 1.0  # default gap exponent 2


def test_kinds(fixture: esco.EscoImport) -> None:
    g = fixture.graph
    for move in g.transitions:
        a, b = g.role(move.source), g.role(move.target)
        if b.level > a.level:
            assert move.kind == "upward"
        elif a.track[:2] != b.track[:2]:
            assert move.kind == "cross-industry"
        else:
            assert move.kind == "lateral"
    assert g.transition("4226.1", "4222.1").kind == "lateral"  # both sub-major group 42


def test_neighbours_by_cosine_similarity(fixture: esco.EscoImport) -> None:
    g = fixture.graph
    ids = sorted(r.id for r in g.roles)
    skills = [s.id for s in g.skills]
    x = np.array([[g.role(i).skills.get(s, 0.0) for s in skills] for i in ids])
    unit = x / np.linalg.norm(x, axis=1)[:, None]
    sim = unit @ unit.T
    np.fill_diagonal(sim, -np.inf)
    for i, role_id in enumerate(ids):
        expected = [ids[j] for j in np.lexsort((np.arange(len(ids)), -sim[i]))[:3]]
        got = [m.target for m in g.transitions if m.source == role_id]
        assert got == expected


def test_isco_skill_levels() -> None:
    level = esco.isco_skill_level
    assert [level(g) for g in ("0110", "0210", "0310")] == [4, 2, 1]
    assert [level(g) for g in ("1120", "1439", "2512", "3341")] == [4, 3, 4, 3]
    assert [level(g) for g in ("4222", "5223", "6111", "7411", "8322", "9112")] == [2] * 5 + [1]


def test_round_trip(fixture: esco.EscoImport, tmp_path: Path) -> None:
    target = tmp_path / "esco.toml"
    supportladder.save(fixture.graph, target)
    assert supportladder.load(target) == fixture.graph


def test_min_similarity() -> None:
    g = esco.load(DATA, neighbours=7, min_similarity=0.5)
    assert all(" 0 shared skills" not in m.note for m in g.transitions)
    assert 0 < len(g.transitions) < 8 * 7
    assert all(float(m.note.split()[3].rstrip(",")) >= 0.5 for m in g.transitions)


# ---------------------------------------------------------------------- bad input
def test_missing_file(copy: Path) -> None:
    (copy / "skills_en.csv").unlink()
    with pytest.raises(ImportDataError, match=r"skills_en\.csv: file not found.*esco\.ec"):
        esco.load(copy)


def test_missing_column(copy: Path) -> None:
    rows = read_csv(copy / "occupations_en.csv")
    for row in rows:
        row["isco"] = row.pop("iscoGroup")
    write_csv(copy / "occupations_en.csv", rows)
    with pytest.raises(ImportDataError, match=r"row 1: missing column 'iscoGroup'"):
        esco.load(copy)


def test_bad_relations_are_all_reported(copy: Path) -> None:
    path = copy / "occupationSkillRelations_en.csv"
    rows = read_csv(path)
    rows[1]["relationType"] = "important"
    rows[4]["skillUri"] = "http://data.europa.eu/esco/skill/nope"
    rows.append(dict(rows[0]))
    write_csv(path, rows)
    with pytest.raises(ImportDataError) as info:
        esco.load(copy)
    assert [row for row, _ in info.value.problems] == [3, 6, len(rows) + 1]
    text = str(info.value)
    assert "relationType 'important'; write 'essential' or 'optional'" in text
    assert "unknown skillUri" in text
    assert "duplicate relation" in text
    assert "(first at row 2)" in text


def test_bad_occupations(copy: Path) -> None:
    path = copy / "occupations_en.csv"
    rows = read_csv(path)
    rows[0]["iscoGroup"] = "42"
    rows[2]["code"] = rows[1]["code"]
    write_csv(path, rows)
    with pytest.raises(ImportDataError) as info:
        esco.load(copy)
    assert [row for row, _ in info.value.problems] == [2, 4]
    assert "malformed iscoGroup '42'" in info.value.problems[0][1]
    assert "duplicate code '3341.2' (first at row 3)" in info.value.problems[1][1]


def test_unclosed_quote(copy: Path) -> None:
    path = copy / "skills_en.csv"
    path.write_text(path.read_text(encoding="utf-8") + 'X,"unclosed,a\n', encoding="utf-8")
    with pytest.raises(ImportDataError, match=r"skills_en\.csv"):
        esco.load(copy)


# ---------------------------------------------------------------------- command line
def test_cli_import_esco(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "esco.toml"
    assert main(["import", "esco", str(DATA), "-o", str(target), "--neighbours", "3"]) == 0
    assert "roles 8" in capsys.readouterr().err
    assert supportladder.load(target) == esco.load(DATA, neighbours=3)
    assert main(["import", "esco", str(tmp_path), "-o", str(tmp_path / "x.toml")]) == 2
    assert "occupations_en.csv: file not found" in capsys.readouterr().err


# ---------------------------------------------------------------------- hardening (issue 6)
def test_duplicate_labels_are_a_row_problem(copy: Path) -> None:
    # Two occupations of one preferred label made a graph whose title named two roles.
    path = copy / "occupations_en.csv"
    rows = read_csv(path)
    rows[2]["preferredLabel"] = rows[0]["preferredLabel"].upper()
    write_csv(path, rows)
    with pytest.raises(ImportDataError) as info:
        esco.load(copy)
    assert [row for row, _ in info.value.problems] == [4]
    assert "also names the occupation at row 2" in info.value.problems[0][1]


def test_skill_ids_are_always_valid(copy: Path) -> None:
    # A label with no letters and a URI whose tail is not kebab-case made an invalid skill id.
    skills, relations = copy / "skills_en.csv", copy / "occupationSkillRelations_en.csv"
    rows = read_csv(skills)
    old = rows[0]["conceptUri"]
    rows[0]["conceptUri"] = "http://data.europa.eu/esco/skill/Odd_Tail!"
    rows[0]["preferredLabel"] = "!!!"
    write_csv(skills, rows)
    relations.write_text(
        relations.read_text(encoding="utf-8").replace(old, rows[0]["conceptUri"]),
        encoding="utf-8",
    )
    g = esco.load(copy)
    assert g.skill("odd-tail").name == "!!!"


def test_isco_groups_are_ascii_digits(copy: Path) -> None:
    path = copy / "occupations_en.csv"
    rows = read_csv(path)
    rows[0]["iscoGroup"] = "٤٢٢٢"
    write_csv(path, rows)
    with pytest.raises(ImportDataError, match=r"row 2: malformed iscoGroup '٤٢٢٢'"):
        esco.load(copy)


def test_csv_errors_name_the_record(copy: Path) -> None:
    # Multi-line quoted fields: rows are records (as in a spreadsheet), not lines.
    path = copy / "skills_en.csv"
    records = len(read_csv(path)) + 1
    path.write_text(path.read_text(encoding="utf-8") + 'X,"a"b\n', encoding="utf-8")
    with pytest.raises(ImportDataError) as info:
        esco.load(copy)
    assert info.value.problems[0][0] == records + 1
    assert "unreadable CSV" in info.value.problems[0][1]


def test_repeated_column_is_refused(copy: Path) -> None:
    path = copy / "occupationSkillRelations_en.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("skillType", "skillUri", 1), encoding="utf-8")
    with pytest.raises(ImportDataError, match="row 1: column 'skillUri' appears twice"):
        esco.load(copy)


def test_row_limit(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import supportladder.importers

    monkeypatch.setattr(supportladder.importers, "MAX_ROWS", 20)
    with pytest.raises(ImportDataError) as info:
        esco.load(copy)
    assert info.value.path.endswith("occupationSkillRelations_en.csv")
    assert info.value.problems[0][0] == 22
    assert "more than 20 rows, the limit (MAX_ROWS)" in str(info.value)
    assert len(esco.load(copy, max_rows=100).roles) == 8


def test_cli_bad_esco_input(copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = copy / "skills_en.csv"
    path.write_bytes(b"\x00\x01binary\xff" * 50)
    target = tmp_path / "out.toml"
    assert main(["import", "esco", str(copy), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"supportladder: error: {path}: row 1: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert not target.exists()


def test_occupation_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import supportladder.importers

    monkeypatch.setattr(supportladder.importers, "MAX_OCCUPATIONS", 7)
    with pytest.raises(ImportDataError, match="8 occupations to compare, over the limit of 7"):
        esco.load(DATA)


# ---------------------------------------------------------------------- evidence (issue 14)
def test_no_move_without_a_shared_skill() -> None:
    for min_similarity in (None, -1.0, 0.0, esco.DEFAULT_MIN_SIMILARITY):
        g = esco.load(DATA, neighbours=7, min_similarity=min_similarity)
        for move in g.transitions:
            a, b = g.role(move.source).skills, g.role(move.target).skills
            assert set(a) & set(b), move
            assert " 0 shared skills" not in move.note


def test_default_min_similarity() -> None:
    g = esco.load(DATA, neighbours=7)
    assert g.transitions
    assert all(float(m.note.split()[3].rstrip(",")) >= 0.05 for m in g.transitions)
    assert len(g.transitions) <= len(esco.load(DATA, neighbours=7, min_similarity=None).transitions)


def test_ties_prefer_the_same_isco_group(copy: Path) -> None:
    # Three occupations with one identical skill: equally similar to each other; the
    # one of the same ISCO unit group wins the tie, not the lower code.
    occ = read_csv(copy / "occupations_en.csv")[:3]
    base = occ[0]
    rows = []
    for code, isco, label in (
        ("1111.1", "4222", "a"),
        ("2222.1", "3341", "b"),
        ("3333.1", "4222", "c"),
    ):
        row = dict(base)
        row.update(
            conceptUri=f"http://data.europa.eu/esco/occupation/{label}",
            code=code,
            iscoGroup=isco,
            preferredLabel=label,
            altLabels="",
        )
        rows.append(row)
    write_csv(copy / "occupations_en.csv", rows)
    skill = read_csv(copy / "skills_en.csv")[0]["conceptUri"]
    rel = read_csv(copy / "occupationSkillRelations_en.csv")[0]
    write_csv(
        copy / "occupationSkillRelations_en.csv",
        [dict(rel, occupationUri=r["conceptUri"], skillUri=skill) for r in rows],
    )
    g = esco.load(copy, neighbours=1)
    assert g.transition("1111.1", "3333.1")
    assert g.transition("3333.1", "1111.1")
    (move,) = [m for m in g.transitions if m.source == "2222.1"]
    assert move.target == "1111.1"  # no group shared with either: the lower code


def test_occupation_without_isco_group_is_kept(copy: Path) -> None:
    path = copy / "occupations_en.csv"
    rows = read_csv(path)
    rows[0]["iscoGroup"] = ""  # contact centre agent
    write_csv(path, rows)
    result = esco.read(copy, neighbours=3)
    g = result.graph
    role = g.role(rows[0]["code"])
    assert role.industry == esco.UNCLASSIFIED
    assert result.report.counts["occupations without an ISCO group (industry unclassified)"] == 1
    # its level is that of its most similar classified occupation
    nearest = next(m for m in g.transitions if m.source == role.id)
    assert role.level == g.role(nearest.target).level
    for move in g.transitions:
        if role.id in (move.source, move.target) and move.kind != "upward":
            assert move.kind == "cross-industry"


def test_cli_min_similarity(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "esco.toml"
    args = ["import", "esco", str(DATA), "-o", str(target), "--min-similarity", "0.5"]
    assert main(args) == 0
    assert supportladder.load(target) == esco.load(DATA, min_similarity=0.5)
    assert main([*args[:-1], "2", "--force"]) == 2
    assert "min_similarity must lie in -1 to 1" in capsys.readouterr().err


def test_overlong_code_is_a_row_problem(copy: Path) -> None:
    path = copy / "occupations_en.csv"
    rows = read_csv(path)
    rows[1]["code"] = "1" * 101
    write_csv(path, rows)
    with pytest.raises(ImportDataError, match=r"row 3: code '1111.* is 101 characters long"):
        esco.load(copy)
