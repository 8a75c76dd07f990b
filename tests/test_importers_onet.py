import csv
import io
import itertools
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import supportladder
from conftest import ONET_MISSING, ONET_RELEASE
from supportladder.cli import main
from supportladder.importers import ImportDataError, _onet_moves, onet
from supportladder.importers._tables import ProgressBar, cosine_matrix, top_neighbours
from weights_reference import reference_delta

DATA = Path(__file__).parent / "data" / "onet"
FULL = ONET_RELEASE  # $SUPPORTLADDER_ONET, else ../shared beside the checkout
CSR = "43-4051.00"


def rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def subset() -> onet.OnetImport:
    return onet.read(DATA)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "onet"
    shutil.copytree(DATA, target)
    return target


def edit(path: Path, line: int, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` on 1-based ``line`` of a file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


# ---------------------------------------------------------------------- roles and skills
def test_subset_counts(subset: onet.OnetImport) -> None:
    g, report = subset.graph, subset.report
    assert len(g.roles) == 29
    assert report.counts["occupations read"] == 30
    assert report.counts["skipped: no job zone"] == 1  # 11-9039.00
    assert report.counts["skipped: no evidence"] == 0
    # 11-1031.00 has a Job Zone, tasks and titles but no ratings: kept, its skills unrated
    assert report.counts["roles without skill ratings (skills unrated)"] == 1
    assert "11-9039.00" not in g
    assert g.role("11-1031.00").skills == {}
    assert len(g.skills) == 35 + 33
    assert len(g.transitions) == report.counts["moves"]
    flat = onet.read(DATA, ladder=False)
    assert len(flat.graph.transitions) == 29 * 20 == flat.report.counts["moves"]


def test_role_fields_come_from_the_files(subset: onet.OnetImport) -> None:
    g = subset.graph
    csr = g.role("Customer Service Representatives")
    assert csr.id == CSR
    zone = {r["O*NET-SOC Code"]: int(r["Job Zone"]) for r in rows("Job Zones.txt")}
    assert csr.level == zone[CSR] == 2
    assert csr.industry == "Office and Administrative Support"
    assert csr.track == "43-4000"
    assert g.role("41-2031.00").industry == "Sales and Related"
    assert csr.description.startswith("Interact with customers")
    assert csr.sources
    assert "CC BY 4.0" in csr.sources[0]


def test_holland_is_the_three_highest_interests(subset: onet.OnetImport) -> None:
    for code in (CSR, "15-1232.00", "29-1141.00"):
        scores = {
            r["Element Name"][0]: float(r["Data Value"])
            for r in rows("Interests.txt")
            if r["O*NET-SOC Code"] == code and r["Scale ID"] == "OI"
        }
        top = sorted(scores, key=lambda c: (-scores[c], "RIASEC".index(c)))[:3]
        assert subset.graph.role(code).holland == "".join(top)


def test_holland_ties_go_in_riasec_order() -> None:
    assert onet._holland({c: 3.0 for c in "CESAIR"}) == "RIA"
    assert onet._holland({"C": 5.0, "S": 5.0, "R": 1.0}) == "SCR"


def test_skill_levels_are_the_lv_ratings(subset: onet.OnetImport) -> None:
    role = subset.graph.role(CSR)
    speaking = next(
        r
        for r in rows("Skills.txt")
        if r["O*NET-SOC Code"] == CSR and r["Element Name"] == "Speaking" and r["Scale ID"] == "LV"
    )
    assert role.skills["speaking"] == float(speaking["Data Value"])
    assert subset.graph.skill("speaking").category == "skill"
    # "Mathematics" is both a skill and a knowledge area: two distinct ids.
    assert subset.graph.skill("mathematics").category == "skill"
    assert subset.graph.skill("mathematics-knowledge").category == "knowledge"


def test_importance_is_the_mean_rescaled_im(subset: onet.OnetImport) -> None:
    kept = {r.id for r in subset.graph.roles}
    values = [
        (float(r["Data Value"]) - 1) / 4
        for r in rows("Skills.txt")
        if r["Element Name"] == "Active Listening"
        and r["Scale ID"] == "IM"
        and r["O*NET-SOC Code"] in kept
        and r["Recommend Suppress"] != "Y"
    ]
    assert len(values) == 28
    assert subset.graph.skill("active-listening").importance == pytest.approx(
        np.mean(values), abs=1e-4
    )
    assert all(0 <= s.importance <= 1 for s in subset.graph.skills)


def test_not_relevant_levels_are_zero(subset: onet.OnetImport) -> None:
    row = next(
        r
        for r in rows("Knowledge.txt")
        if r["Scale ID"] == "LV" and r["Not Relevant"] == "Y" and float(r["Data Value"]) > 0
    )
    role = subset.graph.role(row["O*NET-SOC Code"])
    ids = {s.name: s.id for s in subset.graph.skills if s.category == "knowledge"}
    skill = ids[row["Element Name"]]
    assert subset.graph.effective_skills(role.id).get(skill, 0.0) == 0.0


def test_suppressed_ratings_dropped_or_kept(subset: onet.OnetImport) -> None:
    # 15-1231.00 Programming LV 1.75 is flagged Recommend Suppress = Y (and relevant).
    dropped = subset.graph.role("15-1231.00")
    assert "programming" not in dropped.skills
    assert subset.report.counts["skills: ratings dropped (Recommend Suppress = Y)"] == 1
    kept = onet.load(DATA, suppressed="keep", neighbours=0)
    assert kept.role("15-1231.00").skills["programming"] == 1.75


# ---------------------------------------------------------------------- moves
def test_every_role_gets_its_neighbours() -> None:
    g = onet.load(DATA, ladder=False)
    out = {r.id: 0 for r in g.roles}
    for move in g.transitions:
        out[move.source] += 1
        assert move.note.startswith("inferred: similarity ")
        assert "neighbour " in move.note
    assert set(out.values()) == {20}


def test_kinds_follow_job_zone_and_major_group(subset: onet.OnetImport) -> None:
    g = subset.graph
    seen = set()
    for move in g.transitions:
        a, b = g.role(move.source), g.role(move.target)
        if b.level > a.level:
            expected = "upward"
        elif move.source[:2] != move.target[:2]:
            expected = "cross-industry"
        else:
            expected = "lateral"
        assert move.kind == expected, move
        seen.add(move.kind)
    assert seen == {"upward", "lateral", "cross-industry"}


def test_cross_industry_precedence() -> None:
    g = onet.load(DATA, neighbours=10, precedence="cross-industry")
    for move in g.transitions:
        if move.source[:2] != move.target[:2]:
            assert move.kind == "cross-industry"
        elif g.role(move.target).level > g.role(move.source).level:
            assert move.kind == "upward"
        else:
            assert move.kind == "lateral"


def test_weights_are_skill_deltas(subset: onet.OnetImport) -> None:
    g = subset.graph
    move = next(m for m in g.transitions if m.source == CSR and m.kind == "upward")
    expected, _ = reference_delta(g, move.source, move.target)
    assert g.weight(move.source, move.target) == pytest.approx(expected)


def test_min_similarity_and_zero_neighbours() -> None:
    every = onet.load(DATA, neighbours=28, ladder=False)
    assert len(every.transitions) == 29 * 28
    some = onet.load(DATA, neighbours=28, min_similarity=0.3, ladder=False)
    assert 0 < len(some.transitions) < len(every.transitions)
    for move in some.transitions:
        assert float(move.note.split()[2]) >= 0.3
    assert onet.load(DATA, neighbours=0).transitions == ()


def test_neighbours_are_the_most_similar() -> None:
    # Nearest by profile: the CSR's nearest neighbour under interests alone shares its
    # interest profile most closely, which we check by brute force over the file.
    g = onet.load(DATA, descriptors=("interests",), neighbours=1, ladder=False)
    scores: dict[str, list[float]] = {}
    for r in rows("Interests.txt"):
        if r["Scale ID"] == "OI" and r["O*NET-SOC Code"] in g:
            scores.setdefault(r["O*NET-SOC Code"], []).append(float(r["Data Value"]))
    codes = sorted(scores)
    x = np.array([scores[c] for c in codes])
    z = (x - x.mean(axis=0)) / x.std(axis=0)
    unit = z / np.linalg.norm(z, axis=1)[:, None]
    sim = unit @ unit.T
    np.fill_diagonal(sim, -np.inf)
    for i, code in enumerate(codes):
        (move,) = [m for m in g.transitions if m.source == code]
        assert move.target == codes[int(np.argmax(sim[i]))]


def test_top_neighbours_breaks_ties_by_index() -> None:
    profiles = np.array([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    near = top_neighbours(profiles, 2)
    assert [j for j, _ in near[3]] == [0, 1]
    assert [j for j, _ in near[0]] == [1, 2]
    assert near[4][0][1] == pytest.approx(0.0)
    assert top_neighbours(profiles, 10)[4][-1][0] == 3  # k capped at n - 1


def brute_neighbours(
    profiles: np.ndarray, k: int, min_similarity: float | None, sim: np.ndarray | None = None
) -> list[list[tuple[int, float]]]:
    """Every row fully sorted by (similarity descending, index): the definition."""
    sim = cosine_matrix(profiles) if sim is None else sim
    n = len(sim)
    out = []
    for i in range(n):
        order = np.lexsort((np.arange(n), -sim[i])).tolist()  # all of the row, sorted
        others = [j for j in order if j != i][:k]
        out.append(
            [
                (j, float(sim[i, j]))
                for j in others
                if min_similarity is None or sim[i, j] >= min_similarity
            ]
        )
    return out


def same_rows(got: list[list[tuple[int, float]]], expected: list[list[tuple[int, float]]]) -> None:
    """Assert equal neighbour lists, naming the first rows that differ (a short message:
    pytest's diff of two long nested lists takes minutes, and Hypothesis asks for many)."""
    assert len(got) == len(expected)
    bad = [i for i, (a, b) in enumerate(zip(got, expected, strict=True)) if a != b]
    assert not bad, f"rows {bad[:5]} differ; row {bad[0]}: {got[bad[0]]} != {expected[bad[0]]}"


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 400),
    st.integers(1, 6),
    st.integers(0, 2**32 - 1),
    st.integers(0, 70),
    st.none() | st.sampled_from([0.0, 0.5, 0.95]),
)
def test_top_neighbours_equal_a_full_sort(
    n: int, values: int, seed: int, k: int, min_similarity: float | None
) -> None:
    """Few distinct values: many ties and zero rows, so the block bound is often loose.

    Profiles come from a seeded generator (shrinking a 400 x 3 array drawn element by
    element takes Hypothesis minutes).
    """
    palette = [0.0, 1.0, 2.0, 3.5, 0.25, 5.0][:values]
    profiles = np.random.default_rng(seed).choice(palette, size=(n, 3))
    expected = brute_neighbours(profiles, k, min_similarity)
    same_rows(top_neighbours(profiles, k, min_similarity=min_similarity), expected)
    given_sim = top_neighbours(
        np.zeros((len(profiles), 1)),
        k,
        min_similarity=min_similarity,
        similarity=cosine_matrix(profiles),
    )
    same_rows(given_sim, expected)


@pytest.mark.skipif(not FULL.is_dir(), reason=ONET_MISSING)
def test_top_neighbours_on_the_full_release_equal_a_full_sort(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[np.ndarray] = []

    def spy(profiles: np.ndarray, k: int, **options: Any) -> Any:
        seen.append(options["similarity"])
        return top_neighbours(profiles, k, **options)

    monkeypatch.setattr(_onet_moves, "top_neighbours", spy)
    onet.load(FULL)
    sim = seen[0]
    dummy = np.zeros((len(sim), 1))
    same_rows(
        top_neighbours(dummy, 20, similarity=sim, min_similarity=-1e300),
        brute_neighbours(dummy, 20, -1e300, sim),
    )


def test_import_is_deterministic(subset: onet.OnetImport) -> None:
    assert onet.load(DATA) == subset.graph


def test_descriptor_choice_changes_moves(subset: onet.OnetImport) -> None:
    by_interest = onet.load(DATA, descriptors=("skills", "knowledge", "interests"))
    assert {m.key for m in by_interest.transitions} != {m.key for m in subset.graph.transitions}
    assert by_interest.roles == subset.graph.roles  # costs, not descriptors, set the skills


def test_knowledge_only_costs() -> None:
    g = onet.load(DATA, costs=("knowledge",), neighbours=0)
    assert {s.category for s in g.skills} == {"knowledge"}
    assert "mathematics" in {s.id for s in g.skills}


@pytest.mark.parametrize(
    "options",
    [
        {"descriptors": ()},
        {"descriptors": "skills"},
        {"descriptors": ("skills", "tusks")},
        {"descriptors": ("skills", "skills")},
        {"descriptors": {"skills": -1.0}},
        {"descriptors": {"skills": 0.0}},
        {"descriptors": {"skills": float("nan")}},
        {"costs": ("interests",)},
        {"neighbours": -1},
        {"min_similarity": float("inf")},
        {"suppressed": "maybe"},
        {"precedence": "lateral"},
    ],
)
def test_bad_options(options: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"\w"):
        onet.load(DATA, **options)  # type: ignore[arg-type]


def test_round_trip_through_toml(subset: onet.OnetImport, tmp_path: Path) -> None:
    target = tmp_path / "onet.toml"
    supportladder.save(subset.graph, target)
    assert supportladder.load(target) == subset.graph


def test_progress_is_reported() -> None:
    calls: list[tuple[str, float]] = []
    onet.load(DATA, neighbours=2, progress=lambda stage, f: calls.append((stage, f)))
    stages = [s for s, _ in calls]
    assert {"reading", "similarity", "moves"} <= set(stages)
    assert all(0.0 <= f <= 1.0 for _, f in calls)
    assert calls[-1] == ("moves", 1.0)


def test_progress_bar_only_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Tty()
    bar = ProgressBar(tty)
    bar("reading", 1.0)
    bar.close()
    assert "[" in tty.getvalue()
    assert "100%" in tty.getvalue()
    plain = io.StringIO()
    bar = ProgressBar(plain)
    bar("reading", 1.0)
    bar.close()
    assert plain.getvalue() == ""


def test_agreement_on_subset(subset: onet.OnetImport) -> None:
    a = onet.agreement(subset.graph)
    assert a.moves == len(subset.graph.transitions)
    assert a.up + a.same_level + a.down == a.moves
    assert a.shared["major"] > a.baseline["major"]


# ---------------------------------------------------------------------- bad input
def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportDataError, match="folder not found"):
        onet.load(tmp_path / "nowhere")


def test_missing_file(copy: Path) -> None:
    (copy / "Knowledge.txt").unlink()
    with pytest.raises(ImportDataError, match=r"Knowledge\.txt: file not found") as info:
        onet.load(copy)
    assert "onetcenter.org" in str(info.value)
    # not needed when knowledge is neither a descriptor nor a cost
    assert len(onet.load(copy, descriptors=("skills",), costs=("skills",))) == 29
    # by default, a missing descriptor-only file leaves its block out, and says so
    result = onet.read(copy, costs=("skills",))
    assert "knowledge: left out, 'Knowledge.txt' not found" in result.report.notes
    assert "evidence: knowledge (occupations)" not in result.report.counts


def test_missing_column(copy: Path) -> None:
    edit(copy / "Skills.txt", 1, "Data Value", "Value")
    with pytest.raises(ImportDataError, match=r"Skills\.txt: row 1: missing column 'Data Value'"):
        onet.load(copy)


def test_malformed_number_names_file_and_row(copy: Path) -> None:
    lines = (copy / "Skills.txt").read_text(encoding="utf-8").split("\n")
    fields = lines[2].split("\t")
    fields[6] = "four"
    lines[2] = "\t".join(fields)
    fields = lines[4].split("\t")
    assert fields[4] == "LV"
    fields[6] = "9.5"  # out of the 0-7 level range
    lines[4] = "\t".join(fields)
    (copy / "Skills.txt").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ImportDataError) as info:
        onet.load(copy)
    message = str(info.value)
    assert "Skills.txt: row 3: malformed number 'four' in column 'Data Value'" in message
    assert "Skills.txt: row 5: Data Value 9.5 is outside" in message
    assert info.value.problems[0][0] == 3


def test_duplicate_rows(copy: Path) -> None:
    path = copy / "Knowledge.txt"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    lines.append(lines[1])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ImportDataError, match=rf"row {len(lines)}: duplicate IM rating .*row 2"):
        onet.load(copy)


def test_duplicate_and_malformed_occupations(copy: Path) -> None:
    path = copy / "Occupation Data.txt"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    lines += [lines[1], "43-4O51.00\tTypo\tA letter O.", "43-9999.00\t\tNo title."]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ImportDataError) as info:
        onet.load(copy)
    rows_ = [row for row, _ in info.value.problems]
    assert rows_ == [32, 33, 34]
    assert "duplicate occupation" in info.value.problems[0][1]
    assert "malformed O*NET-SOC code" in info.value.problems[1][1]
    assert "empty Title" in info.value.problems[2][1]


def test_bad_job_zone_and_unknown_code(copy: Path) -> None:
    path = copy / "Job Zones.txt"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    fields = lines[1].split("\t")
    fields[1] = "6"
    lines[1] = "\t".join(fields)
    lines.append("99-9999.00\t3\t08/2023\tAnalyst")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ImportDataError) as info:
        onet.load(copy)
    text = str(info.value)
    assert "row 2: malformed Job Zone '6'" in text
    assert f"row {len(lines)}: unknown O*NET-SOC code '99-9999.00'" in text


def test_wrong_field_count(copy: Path) -> None:
    path = copy / "Interests.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[3] = lines[3] + "\textra"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ImportDataError, match=r"Interests\.txt: row 4: 10 fields where"):
        onet.load(copy)


def test_not_utf8(copy: Path) -> None:
    path = copy / "Occupation Data.txt"
    path.write_bytes(path.read_bytes().replace(b"Representatives", b"Repr\xe9sentatives"))
    with pytest.raises(ImportDataError, match="not UTF-8"):
        onet.load(copy)


def test_bad_flags(copy: Path) -> None:
    path = copy / "Skills.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    fields = lines[2].split("\t")
    fields[11] = "maybe"
    lines[2] = "\t".join(fields)
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ImportDataError, match="row 3: Recommend Suppress is 'maybe'"):
        onet.load(copy)


# ---------------------------------------------------------------------- command line
def test_cli_import_onet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "onet.toml"
    assert main(["import", "onet", str(DATA), "-o", str(target), "--neighbours", "3"]) == 0
    err = capsys.readouterr().err
    assert "roles 29" in err
    assert "tasks: weight 0.25" in err  # the report's notes: which evidence each block used
    assert f"wrote {target}" in err
    assert supportladder.load(target) == onet.load(DATA, neighbours=3)
    assert main(["import", "onet", str(DATA), "-o", str(target)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["import", "onet", str(DATA), "-o", str(target), "--force"]) == 0
    assert len(supportladder.load(target).transitions) == len(onet.load(DATA).transitions)


def test_cli_import_onet_bad_input(
    copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (copy / "Job Zones.txt").unlink()
    target = tmp_path / "out.toml"
    assert main(["import", "onet", str(copy), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "Job Zones.txt: file not found" in err
    assert "Traceback" not in err
    assert not target.exists()
    with pytest.raises(SystemExit) as info:
        main(["import", "onet", str(copy), "-o", str(target), "--neighbours", "many"])
    assert info.value.code == 2


# ---------------------------------------------------------------------- the full release
@pytest.mark.skipif(
    not FULL.is_dir(),
    reason=ONET_MISSING,
)
def test_full_release() -> None:
    result = onet.read(FULL)
    g = result.graph
    counts = result.report.counts
    assert counts["occupations read"] == 1016
    assert len(g.roles) >= 920  # every occupation with a Job Zone and evidence
    assert "15-1252.00" in g  # Software Developers: no Skills/Knowledge rows, kept
    assert g.role("15-1252.00").skills == {}
    assert counts["roles without skill ratings (skills unrated)"] == 44
    for block in ("tasks", "DWAs", "titles", "knowledge", "skills", "interests"):
        assert counts[f"evidence: {block} (occupations)"] >= 879
        assert any(n.startswith(f"{block}: weight ") for n in result.report.notes)
    agreement = onet.agreement(g)
    assert agreement.shared["prefix5"] > 10 * agreement.baseline["prefix5"]
    assert agreement.shared["major"] > 5 * agreement.baseline["major"]


@pytest.mark.skipif(not FULL.is_dir(), reason=ONET_MISSING)
def test_full_release_routes_read_as_careers() -> None:
    g = onet.load(FULL)
    path = supportladder.shortest_path(g, CSR, "11-1021.00")
    assert path.roles[0] == CSR
    assert path.roles[-1] == "11-1021.00"
    titles = [g.role(r).title for r in path.roles[1:-1]]
    assert any(t.startswith("First-Line Supervisors") for t in titles), titles
    G = g.to_networkx()
    assert all(G.has_edge(a, b) for a, b in itertools.pairwise(path.roles))


# ---------------------------------------------------------------------- hardening (issue 6)
def test_duplicate_titles_are_a_row_problem(copy: Path) -> None:
    # Two occupations of one title would make the title name two roles: the graph refused it.
    path = copy / "Occupation Data.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    first = lines[1].split("\t")
    row = next(i for i, line in enumerate(lines) if line.startswith(CSR))
    fields = lines[row].split("\t")
    fields[1] = first[1].upper()
    lines[row] = "\t".join(fields)
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ImportDataError) as info:
        onet.load(copy)
    assert info.value.problems == (
        (
            row + 1,
            f"occupation {CSR!r}: its title or code also names the occupation at row 2; "
            "titles must pick out one occupation, so fix one of the two rows",
        ),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("4_0", "malformed number '4_0'"),  # float() reads 40
        ("\u0663", "malformed number '\u0663'"),  # float() reads 3
        ("nan", "malformed number 'nan'"),
        ("1e999", "Data Value inf is outside 0 to 7"),
        ("9" * 5000, "Data Value inf is outside 0 to 7"),
    ],
)
def test_only_plain_decimals_are_numbers(copy: Path, text: str, message: str) -> None:
    edit(copy / "Skills.txt", 3, "\t4\t8\t", f"\t{text}\t8\t")
    with pytest.raises(ImportDataError, match=rf"Skills\.txt: row 3: {message}"):
        onet.load(copy)


def test_codes_are_ascii_digits(copy: Path) -> None:
    # "43-4051.00" in Arabic-Indic digits matched \d and reached Role(), a ValueError.
    arabic = "43-4051.00".translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    for name in onet.FILES.values():
        path = copy / name
        path.write_text(path.read_text(encoding="utf-8").replace(CSR, arabic), encoding="utf-8")
    with pytest.raises(ImportDataError, match=r"Occupation Data\.txt: row \d+: malformed O\*NET"):
        onet.load(copy)


def test_element_ids_are_checked(copy: Path) -> None:
    # An id and a name that slug to nothing made an empty skill id, a ValueError.
    path = copy / "Skills.txt"
    text = path.read_text(encoding="utf-8").replace("2.A.1.a\tReading Comprehension", "!!\t??")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportDataError, match=r"Skills\.txt: row 2: malformed Element ID '!!'"):
        onet.load(copy)


@pytest.mark.parametrize(
    ("data", "row", "message"),
    [
        (b"\xff\xfe", 2, "column 'O\\*NET-SOC Code': not UTF-8 text \\(byte 0xFF\\)"),
        (b"\x00", 2, "column .O\\*NET-SOC Code.: control character U\\+0000"),
    ],
)
def test_bad_bytes_name_their_row(copy: Path, data: bytes, row: int, message: str) -> None:
    path = copy / "Job Zones.txt"
    blob = path.read_bytes().split(b"\n")
    blob[row - 1] = data + blob[row - 1]
    path.write_bytes(b"\n".join(blob))
    with pytest.raises(ImportDataError, match=rf"Job Zones\.txt: row {row}: {message}"):
        onet.load(copy)


def test_utf16_file(copy: Path) -> None:
    path = copy / "Job Zones.txt"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    with pytest.raises(ImportDataError, match=r"Job Zones\.txt: the file is UTF-16 text"):
        onet.load(copy)
    path.write_bytes(path.read_bytes()[2:])  # no BOM: NULs between the letters
    with pytest.raises(ImportDataError, match=r"Job Zones\.txt: row 1: header: .*UTF-16"):
        onet.load(copy)


def test_bom_and_crlf_are_read(copy: Path) -> None:
    for path in copy.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert onet.load(copy, neighbours=3) == onet.load(DATA, neighbours=3)


def test_long_values_are_shortened_in_messages(copy: Path) -> None:
    edit(copy / "Job Zones.txt", 2, "11-1021.00", "X" * 100_000)
    with pytest.raises(ImportDataError) as info:
        onet.load(copy)
    assert max(len(line) for line in str(info.value).splitlines()) < 400


def test_not_a_regular_file(copy: Path) -> None:
    (copy / "Job Zones.txt").unlink()
    (copy / "Job Zones.txt").mkdir()
    with pytest.raises(ImportDataError, match=r"Job Zones\.txt: is a folder, not a file"):
        onet.load(copy)


def test_file_size_limit(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import supportladder.importers

    size = (copy / "Skills.txt").stat().st_size
    monkeypatch.setattr(supportladder.importers, "MAX_FILE_BYTES", size - 1)
    with pytest.raises(ImportDataError) as info:
        onet.load(copy)
    assert info.value.path == str(copy / "Skills.txt")
    assert f"the file is {size:,} bytes, over the limit of {size - 1:,}" in str(info.value)
    assert "max_file_bytes=" in str(info.value)
    assert len(onet.load(copy, max_file_bytes=10**6).roles) == 29  # a keyword lifts it


def test_row_limit(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import supportladder.importers

    monkeypatch.setattr(supportladder.importers, "MAX_ROWS", 30)
    # Occupation Data has 30 rows: allowed; Job Zones has 29; Skills has far more.
    with pytest.raises(ImportDataError, match=r"Skills\.txt: row 32: more than 30 rows"):
        onet.load(copy)
    assert len(onet.load(copy, max_rows=2000).roles) == 29
    with pytest.raises(ValueError, match="max_rows must be a whole number"):
        onet.load(copy, max_rows=0)


def test_cli_refuses_large_files_and_keeps_the_output(
    copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import supportladder.importers

    monkeypatch.setattr(supportladder.importers, "MAX_FILE_BYTES", 1000)
    target = tmp_path / "out.toml"
    target.write_text("keep me\n", encoding="utf-8")
    assert main(["import", "onet", str(copy), "-o", str(target), "--force"]) == 2
    err = capsys.readouterr().err
    assert "over the limit of 1,000 (MAX_FILE_BYTES)" in err
    assert "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "keep me\n"  # a failed import writes nothing
    monkeypatch.undo()
    assert main(["import", "onet", str(copy), "-o", str(target)]) == 2
    assert "already exists; pass --force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "keep me\n"


def test_occupation_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import supportladder.importers

    monkeypatch.setattr(supportladder.importers, "MAX_OCCUPATIONS", 28)
    with pytest.raises(ImportDataError, match="29 occupations to compare, over the limit of 28"):
        onet.load(DATA)


# ---------------------------------------------------------------------- evidence blocks (issue 14)
OPTIONAL = {
    "tasks": "Task Statements.txt",
    "dwas": "Tasks to DWAs.txt",
    "titles": "Alternate Titles.txt",
    "interests": "Interests.txt",
}
LABEL = {"tasks": "tasks", "dwas": "DWAs", "titles": "titles", "interests": "interests"}


@pytest.mark.parametrize("block", onet.DESCRIPTORS)
def test_each_block_alone_decides_moves(block: str) -> None:
    result = onet.read(DATA, descriptors=(block,), neighbours=3, ladder=False)
    g = result.graph
    label = {"dwas": "DWAs"}.get(block, block)
    assert any(n.startswith(f"{label}: weight 1.00") for n in result.report.notes)
    for move in g.transitions:
        # the note names the block's cosine and nothing else
        inside = move.note.split("(", 1)[1].split(")", 1)[0]
        assert inside.startswith(f"{label} "), move.note
        assert "," not in inside, move.note
    # the moves differ from those of every other block: each block carries its own evidence
    others = [b for b in onet.DESCRIPTORS if b != block]
    mine = {m.key for m in g.transitions}
    assert all(
        mine != {m.key for m in onet.load(DATA, descriptors=(o,), neighbours=3).transitions}
        for o in others
    )


def test_block_neighbours_follow_their_evidence() -> None:
    # By tasks alone, the CSR's nearest occupation shares the most task words with it.
    g = onet.load(DATA, descriptors=("tasks",), neighbours=1, ladder=False)
    (move,) = [m for m in g.transitions if m.source == CSR]
    best = max(
        (float(m.note.split("tasks ")[1].split(")")[0]), m.target)
        for m in onet.load(DATA, descriptors=("tasks",), neighbours=28, ladder=False).transitions
        if m.source == CSR
    )
    assert move.target == best[1]


def test_weights_mix_blocks() -> None:
    tasks = onet.load(DATA, descriptors={"tasks": 1.0}, neighbours=3, ladder=False)
    mixed = onet.load(DATA, descriptors={"tasks": 1.0, "titles": 1.0}, neighbours=3, ladder=False)
    assert {m.key for m in tasks.transitions} != {m.key for m in mixed.transitions}
    for move in mixed.transitions:
        assert "tasks " in move.note
        assert "titles " in move.note
    # a weight of 0 is the same as leaving the block out
    zero = onet.load(DATA, descriptors={"tasks": 1.0, "titles": 0.0}, neighbours=3, ladder=False)
    assert zero == tasks


@pytest.mark.parametrize("block", sorted(OPTIONAL))
def test_missing_optional_file_leaves_its_block_out(copy: Path, block: str) -> None:
    (copy / OPTIONAL[block]).unlink()
    result = onet.read(copy)
    assert f"{LABEL[block]}: left out, {OPTIONAL[block]!r} not found" in result.report.notes
    assert f"evidence: {LABEL[block]} (occupations)" not in result.report.counts
    assert len(result.graph.roles) == 29
    for move in result.graph.transitions:
        assert f"{LABEL[block]} " not in move.note.split("),")[0]
    # asked for by name, the file must be there
    with pytest.raises(ImportDataError, match="file not found"):
        onet.load(copy, descriptors=(block, "skills"))


def test_ratings_only_release(copy: Path) -> None:
    for name in OPTIONAL.values():
        (copy / name).unlink()
    result = onet.read(copy)
    # 11-1031.00 has no ratings and, without the optional files, no evidence at all
    assert result.report.counts["skipped: no evidence"] == 1
    assert len(result.graph.roles) == 28
    used = [n.split(":")[0] for n in result.report.notes if ": weight " in n]
    assert used == ["knowledge", "skills"]


def test_occupation_with_only_titles(copy: Path) -> None:
    only = "11-1031.00"  # Legislators: no ratings in the subset
    for name in ("Task Statements.txt", "Tasks to DWAs.txt", "Interests.txt"):
        path = copy / name
        lines = path.read_text(encoding="utf-8").split("\n")
        path.write_text("\n".join(x for x in lines if not x.startswith(only)), encoding="utf-8")
    result = onet.read(copy, neighbours=3)
    g = result.graph
    assert only in g
    assert g.role(only).skills == {}
    assert g.role(only).holland == ""
    out = [m for m in g.transitions if m.source == only]
    assert out, "an occupation with titles only still gets moves"
    for move in out:
        assert move.note.split("(")[1].startswith("titles "), move.note
    assert result.report.counts["evidence: titles (occupations)"] == 29
    assert result.report.counts["evidence: tasks (occupations)"] == 28


def test_text_blocks_without_scikit_learn(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "sklearn.feature_extraction.text", None)
    result = onet.read(DATA)
    notes = result.report.notes
    assert any(n.startswith("tasks: left out, scikit-learn is not installed") for n in notes)
    assert any(n.startswith("titles: left out, scikit-learn is not installed") for n in notes)
    assert any(n.startswith("DWAs: weight ") for n in notes)  # DWAs need no text features
    with pytest.raises(ValueError, match=r"supportladder\[onet\]"):
        onet.load(DATA, descriptors=("tasks",))


def test_no_move_without_shared_evidence(copy: Path) -> None:
    # Titles only for one occupation, ratings only for the rest: nothing is shared.
    only = "11-1031.00"
    for name in ("Task Statements.txt", "Tasks to DWAs.txt", "Interests.txt"):
        path = copy / name
        lines = path.read_text(encoding="utf-8").split("\n")
        path.write_text("\n".join(x for x in lines if not x.startswith(only)), encoding="utf-8")
    g = onet.load(copy, descriptors=("titles", "skills"), neighbours=28, ladder=False)
    for move in g.transitions:
        assert move.note.split("(")[1].split(")")[0], move.note  # some shared block named


def test_ladder_rules() -> None:
    result = onet.read(DATA, neighbours=3)
    g = result.graph
    for move in g.transitions:
        a, b = g.role(move.source), g.role(move.target)
        assert b.level <= a.level + 1, move
        if b.id.startswith("11") and not a.id.startswith("11"):
            assert a.title.startswith("First-Line Supervisors") or a.level >= 4, move
    promotions = [m for m in g.transitions if "promotion" in m.note]
    assert promotions
    for move in promotions:
        assert g.role(move.target).title.startswith("First-Line Supervisors")
        assert move.source[:2] == move.target[:2]
    counts = result.report.counts
    assert counts["ladder: promotions added"] == len(promotions)
    flat = onet.read(DATA, neighbours=3, ladder=False)
    assert len(flat.graph.transitions) - counts["ladder: moves left out"] + len(promotions) == len(
        g.transitions
    )


def test_cli_no_ladder(tmp_path: Path) -> None:
    target = tmp_path / "flat.toml"
    assert main(["import", "onet", str(DATA), "-o", str(target), "--no-ladder"]) == 0
    assert supportladder.load(target) == onet.load(DATA, ladder=False)
