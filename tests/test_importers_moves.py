import itertools
import math
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import supportladder
from supportladder.cli import main
from supportladder.importers import ImportDataError, moves

DATA = Path(__file__).parent / "data" / "moves"
MINI = Path(__file__).parent / "data" / "mini.toml"


def history(*jobs: tuple[str, str, object]) -> list[dict[str, object]]:
    return [{"person": p, "role": r, "start": s} for p, r, s in jobs]


# ---------------------------------------------------------------------- histories
def test_histories_csv_without_graph() -> None:
    result = moves.read(DATA / "histories.csv")
    assert dict(result.counts) == {
        ("support-representative", "team-lead"): 2,
        ("team-lead", "support-manager"): 1,
        ("support-representative", "account-manager"): 1,
        ("account-manager", "support-representative"): 1,
    }
    assert result.probabilities[("support-representative", "team-lead")] == pytest.approx(2 / 3)
    assert result.report.counts["people"] == 5
    assert result.report.counts["rows that stay in the same role (not a move)"] == 1
    g = result.graph
    assert g.role("Team Lead").id == "team-lead"
    assert {r.level for r in g.roles} == {1}
    assert {m.kind for m in g.transitions} == {"lateral"}
    assert g.transition("team-lead", "support-manager").note == (
        "observed 1 of 1 moves out of team-lead (p = 1.000)"
    )
    assert g.transition("team-lead", "support-manager").sources == ("histories.csv",)
    assert not result.skill_weights


def test_minus_log_probability_weights() -> None:
    result = moves.read(DATA / "histories.csv")
    G = result.to_networkx()
    edge = G["support-representative"]["team-lead"]
    assert edge["count"] == 2
    assert edge["weight"] == pytest.approx(-math.log(2 / 3)) == edge["cost"]
    assert G["team-lead"]["support-manager"]["weight"] == 0.0
    assert result.costs()[("support-representative", "account-manager")] == pytest.approx(
        math.log(3)
    )


def test_probabilities_sum_to_one_per_source() -> None:
    result = moves.read(DATA / "counts.csv")
    totals: dict[str, float] = {}
    for (a, _), p in result.probabilities.items():
        totals[a] = totals.get(a, 0.0) + p
    assert all(t == pytest.approx(1.0) for t in totals.values())
    assert result.probabilities[("rep", "lead")] == 0.75


def test_dates_in_many_forms_order_the_jobs() -> None:
    rows = history(
        ("x", "b", datetime(2021, 5, 1, 9, 30)),
        ("x", "a", date(2020, 1, 1)),
        ("x", "c", "2022-03"),
        ("x", "d", "2023-01-01T08:00:00+02:00"),
    )
    assert set(moves.read(rows).counts) == {("a", "b"), ("b", "c"), ("c", "d")}


def test_dataframe_input() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "employee": ["a", "a", "b", "b"],
            "job": ["Rep", "Lead", "Rep", "Lead"],
            "hired": pd.to_datetime(["2020-01-01", "2021-01-01", "2020-02-01", "2022-01-01"]),
        }
    )
    result = moves.read(frame, columns={"person": "employee", "role": "job", "start": "hired"})
    assert dict(result.counts) == {("rep", "lead"): 2}
    gap = frame.copy()
    gap.loc[1, "hired"] = pd.NaT
    with pytest.raises(ImportDataError, match=r"<table>: row 2: empty start"):
        moves.read(gap, columns={"person": "employee", "role": "job", "start": "hired"})
    counts = pd.DataFrame({"from": ["rep"], "to": ["lead"], "count": [4]})
    assert dict(moves.read(counts).counts) == {("rep", "lead"): 4}


def test_dataframe_like_object() -> None:
    class Frame:
        columns = ("source", "target", "count")

        def to_dict(self, orient: str) -> list[dict[str, object]]:
            assert orient == "records"
            return [{"source": "a", "target": "b", "count": 3.0}]

    assert dict(moves.read(Frame()).counts) == {("a", "b"): 3}


# ---------------------------------------------------------------------- merging
def test_merge_onto_a_graph_keeps_skill_weights() -> None:
    mini = supportladder.load(MINI)
    result = moves.read(DATA / "histories.csv", graph=mini)
    g = result.graph
    assert result.skill_weights
    assert g.name == "mini"
    assert g.roles == mini.roles
    assert g.weight("rep", "lead") == mini.weight("rep", "lead")
    rep_lead = g.transition("rep", "lead")
    assert rep_lead.requirements == mini.transition("rep", "lead").requirements
    assert rep_lead.note == "observed 2 of 3 moves out of rep (p = 0.667)"
    assert rep_lead.sources == ("Mini source", "histories.csv")
    G = result.to_networkx()
    assert G["rep"]["lead"]["weight"] == mini.weight("rep", "lead")
    assert G["rep"]["lead"]["probability"] == pytest.approx(2 / 3)


def test_merge_adds_new_moves_with_kinds_from_levels() -> None:
    mini = supportladder.load(MINI)
    rows = history(
        ("a", "Support Representative", "2020-01-01"),
        ("a", "Support Manager", "2021-01-01"),
        ("a", "Account Manager", "2022-01-01"),
    )
    result = moves.read(rows, graph=mini)
    g = result.graph
    assert g.transition("rep", "manager").kind == "upward"
    assert g.transition("manager", "account-manager").kind == "lateral"
    assert len(g.transitions) == len(mini.transitions) + 2
    assert result.report.counts["moves new to the graph"] == 2
    # merging again replaces the observation note rather than stacking it
    again = moves.read(rows, graph=g)
    assert again.graph.transition("rep", "manager").note.count("observed") == 1
    assert moves.read(rows, graph=g).to_networkx()["rep"]["lead"]["count"] == 0


def test_unknown_role_with_graph_suggests() -> None:
    mini = supportladder.load(MINI)
    rows = history(("a", "Team Laed", "2020-01-01"), ("a", "rep", "2021-01-01"))
    with pytest.raises(ImportDataError) as info:
        moves.read(rows, graph=mini)
    (problem,) = info.value.problems
    assert problem[0] == 1
    assert "role: no role 'Team Laed'" in problem[1]
    assert "Team Lead" in problem[1]


# ---------------------------------------------------------------------- bad rows
def test_bad_history_rows_are_all_reported(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text(
        "person,role,start\n"
        "a,rep,2020-01-01\n"
        "a,lead,2020-01-01\n"  # row 3: same start as row 2
        "b,,2020-01-01\n"  # row 4: empty role
        "c,rep,01/02/2020\n"  # row 5: not ISO
        "c,lead,2021-01-01\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportDataError) as info:
        moves.read(path)
    assert [row for row, _ in info.value.problems] == [3, 4, 5]
    text = str(info.value)
    assert "h.csv: row 3: 'a' also starts 'rep' on that day (row 2)" in text
    assert "h.csv: row 4: empty role" in text
    assert "h.csv: row 5: malformed start date '01/02/2020'; write it as YYYY-MM-DD" in text


def test_bad_count_rows(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "source,target,count\nrep,lead,3\nrep,lead,4\nlead,rep,-1\nrep,x,2.5\n?,rep,1\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportDataError) as info:
        moves.read(path)
    assert [row for row, _ in info.value.problems] == [3, 4, 5, 6]
    text = str(info.value)
    assert "duplicate move 'rep' -> 'lead' (first at row 2)" in text
    assert "malformed count '-1'" in text
    assert "malformed count '2.5'" in text
    assert "source: '?' cannot name a role" in text


def test_rows_that_are_not_moves_are_counted() -> None:
    result = moves.read(
        [
            {"source": "a", "target": "b", "count": 2},
            {"source": "a", "target": "a", "count": 5},
            {"source": "b", "target": "a", "count": 0},
        ]
    )
    assert dict(result.counts) == {("a", "b"): 2}
    assert result.report.counts["rows from a role to itself (not a move)"] == 1
    assert result.report.counts["rows with count 0 (not a move)"] == 1
    assert result.report.counts["rows read"] == 3


def test_wrong_columns_and_wrong_items(tmp_path: Path) -> None:
    with pytest.raises(ImportDataError, match=r"expected the columns person, role, start"):
        moves.read([{"who": "a", "what": "b"}])
    with pytest.raises(ImportDataError, match=r"<table>: row 2: expected a mapping"):
        moves.read([{"source": "a", "target": "b", "count": 1}, ("a", "b", 1)])
    with pytest.raises(ImportDataError, match="no moves found"):
        moves.read(history(("a", "rep", "2020-01-01")))
    with pytest.raises(ImportDataError, match="file not found"):
        moves.read(tmp_path / "missing.csv")
    with pytest.raises(TypeError, match="CSV path"):
        moves.read(42)


@settings(max_examples=40)
@given(
    st.lists(
        st.tuples(st.sampled_from("pqr"), st.sampled_from("abcd"), st.integers(0, 400)),
        max_size=30,
        unique_by=lambda t: (t[0], t[2]),
    )
)
def test_counts_equal_role_changes(jobs: list[tuple[str, str, int]]) -> None:
    rows = [{"person": p, "role": r, "start": date.fromordinal(730000 + d)} for p, r, d in jobs]
    expected: dict[tuple[str, str], int] = {}
    for person in "pqr":
        mine = sorted((d, r) for p, r, d in jobs if p == person)
        for (_, a), (_, b) in itertools.pairwise(mine):
            if a != b:
                expected[(a, b)] = expected.get((a, b), 0) + 1
    if not expected:
        with pytest.raises(ImportDataError):
            moves.read(rows)
        return
    result = moves.read(rows)
    assert dict(result.counts) == expected
    assert sum(result.probabilities.values()) == pytest.approx(len({a for a, _ in expected}))


# ---------------------------------------------------------------------- command line
def test_cli_import_moves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "moves.toml"
    args = ["import", "moves", str(DATA / "histories.csv"), "-o", str(target)]
    assert main([*args, "--graph", str(MINI)]) == 0
    assert "moves 4" in capsys.readouterr().err
    g = supportladder.load(target)
    assert g.transition("rep", "lead").note.startswith("observed 2 of 3")
    assert main([*args, "--force"]) == 0
    assert supportladder.load(target).role("Team Lead").id == "team-lead"


def test_cli_import_moves_bad_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("person,role,start\na,rep,someday\na,lead,2020-01-01\n", encoding="utf-8")
    assert main(["import", "moves", str(bad), "-o", str(tmp_path / "o.toml")]) == 2
    err = capsys.readouterr().err
    assert "bad.csv: row 2: malformed start date 'someday'" in err
    assert "Traceback" not in err


# ---------------------------------------------------------------------- hardening (issue 6)
def test_huge_numbers_are_row_problems() -> None:
    # str() of an int of more than 4,300 digits raises ValueError: it escaped the importer.
    rows = [
        {"source": 10**5000, "target": "b", "count": 1},
        {"source": "a", "target": "b", "count": 10**5000},
        {"source": "a", "target": "c", "count": "9" * 5000},
        {"source": "a", "target": "d", "count": 1e300},
    ]
    with pytest.raises(ImportDataError) as info:
        moves.read(rows)
    assert [row for row, _ in info.value.problems] == [1, 2, 3, 4]
    assert "a number too long to be a name" in info.value.problems[0][1]
    assert all("malformed count" in text for _, text in info.value.problems[1:])
    assert max(len(line) for line in str(info.value).splitlines()) < 300


@pytest.mark.parametrize("count", ["\u0663", "\uff11", "3.0", "0x3", "-1", True, float("inf")])
def test_counts_are_plain_whole_numbers(count: object) -> None:
    with pytest.raises(ImportDataError, match="row 1: malformed count"):
        moves.read([{"source": "a", "target": "b", "count": count}])


def test_dates_out_of_range_are_row_problems() -> None:
    # 0001-01-01 at +05:00 is before year 1 in UTC: an OverflowError escaped.
    rows = history(
        ("x", "a", "0001-01-01T00:00+05:00"),
        ("x", "b", datetime.min.replace(tzinfo=UTC)),
        ("x", "c", "\u0662\u0660\u0662\u0660-01-01"),
    )
    with pytest.raises(ImportDataError) as info:
        moves.read(rows)
    assert [row for row, _ in info.value.problems] == [1, 3]


def test_names_of_new_roles_pick_out_one_role() -> None:
    # "A.B" became role a-b titled "A.B"; then "a.b" became a second role whose id is the
    # first one's title: the graph refused the ambiguous name.
    result = moves.read(
        [
            {"source": "A.B", "target": "c", "count": 1},
            {"source": "c", "target": "a.b", "count": 2},
            {"source": "A-B", "target": "a-b", "count": 5},
        ]
    )
    assert dict(result.counts) == {("a-b", "c"): 1, ("c", "a-b"): 2}
    assert result.report.counts["rows from a role to itself (not a move)"] == 1
    assert result.report.counts["rows read"] == 3


def test_repeated_columns_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportDataError, match=r"row 1: two columns name 'role'"):
        moves.read([{"person": "a", "role": "x", "Role": "y", "start": "2020-01-01"}])
    path = tmp_path / "h.csv"
    path.write_text("person,role,role,start\na,x,y,2020-01-01\n", encoding="utf-8")
    with pytest.raises(ImportDataError, match=r"h\.csv: row 1: column 'role' appears twice"):
        moves.read(path)


def test_row_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import supportladder.importers

    rows = [{"source": "a", "target": f"r{i}", "count": 1} for i in range(5)]
    monkeypatch.setattr(supportladder.importers, "MAX_ROWS", 4)
    with pytest.raises(ImportDataError, match=r"<table>: more than 4 rows"):
        moves.read(rows)
    with pytest.raises(ImportDataError, match=r"<table>: row 5: more than 4 rows"):
        moves.read(iter(rows))  # no len(): refused on reaching the fifth
    assert moves.read(rows, max_rows=5).report.counts["rows read"] == 5
    path = tmp_path / "c.csv"
    path.write_text("source,target,count\n" + "a,b,1\n" * 5, encoding="utf-8")
    with pytest.raises(ImportDataError, match=r"c\.csv: row 6: more than 4 rows"):
        moves.read(path)


def test_file_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import supportladder.importers

    path = tmp_path / "c.csv"
    path.write_text("source,target,count\na,b,1\n", encoding="utf-8")
    monkeypatch.setattr(supportladder.importers, "MAX_FILE_BYTES", 10)
    with pytest.raises(ImportDataError, match=r"c\.csv: the file is 26 bytes, over the limit"):
        moves.read(path)
    assert len(moves.load(path, max_file_bytes=26).transitions) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\n\n", "the file is empty"),
        (b"person,role,start\n", "no moves found"),
        (b"\xff\xfe\x00\x01", "UTF-16"),
        (b"source,target,count\na,b,\xff\n", "row 2: column 'count': not UTF-8 text"),
        (b'source,target,count\na,"b\n', "row 2: unreadable CSV"),
    ],
)
def test_cli_bad_tables_exit_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    target = tmp_path / "out.toml"
    assert main(["import", "moves", str(path), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not target.exists()


def test_cli_never_overwrites_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.toml"
    target.write_text("precious\n", encoding="utf-8")
    args = ["import", "moves", str(DATA / "counts.csv"), "-o", str(target)]
    assert main(args) == 2
    assert f"{target} already exists; pass --force to overwrite it" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "precious\n"
    assert main([*args, "--force"]) == 0
    assert len(supportladder.load(target).transitions) == 4
