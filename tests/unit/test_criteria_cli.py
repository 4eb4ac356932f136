"""`python -m criteria list|show|check|ids`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from criteria.__main__ import main, render_variant, stable_ids, variant_json
from criteria.effective import role_variants
from criteria.loader import Catalogue
from criteria.schema import Organisation, RoleProfile

PROJECT_DIR = Path(__file__).resolve().parents[2]
GOLDEN = PROJECT_DIR / "tests" / "golden" / "catalogue_ids.txt"


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_list_json_gives_31_role_profiles_with_organisation_grade_and_counts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = run_json(capsys, "list", "--json")
    assert isinstance(rows, list) and len(rows) >= 31
    by_key = {(r["id"], r["grade"]): r for r in rows}
    darlington = by_key[("darlington-housing-income-management-officer", "Band 8")]
    assert (darlington["essential"], darlington["desirable"]) == (17, 5)
    assert darlington["organisation_name"] == "Darlington Borough Council"
    trainee = by_key[("ashford-housing-options-officer", "SCP 18-21")]
    support = by_key[("ashford-housing-options-officer", "SCP 22-25")]
    assert (trainee["essential"], support["essential"]) == (11, 13)
    assert trainee["title"] == "Housing Options Trainee"
    medway = [r for r in rows if r["organisation"] == "medway"]
    assert len(medway) == 26
    assert all([lv["level"] for lv in r["levels"]] == ["A", "B", "C"] for r in medway)
    assert sum(r["organisation"] == "dartford" for r in rows) == 2


def test_list_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["ROLE", "ID", "ORG"]
    assert "31 role profiles" in out


def test_show_json_at_a_level_gives_the_cumulative_criteria(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = run_json(capsys, "show", "medway-data-and-insight-officer", "--level", "B", "--json")
    assert isinstance(out, dict)
    (variant,) = out["variants"]
    assert variant["level"] == "B"
    ids = [c["id"] for c in variant["criteria"]]
    assert ids[0] == "a-qual-1" and any(i.startswith("b-") for i in ids)
    assert out["role"]["organisation"] == "medway"


def test_show_without_a_level_shows_every_level(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "show", "medway-data-and-insight-officer", "--json")
    assert isinstance(out, dict)
    assert [v["level"] for v in out["variants"]] == ["A", "B", "C"]


def test_show_text_groups_by_category_with_marks(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "darlington-housing-income-management-officer"]) == 0
    out = capsys.readouterr().out
    assert "\nQualifications\n  [D] c1" in out
    assert "[E] c7         7. An understanding and knowledge of the welfare benefits" in out
    assert "17 essential, 5 desirable" in out


def test_show_with_a_grade(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "show", "ashford-housing-options-officer", "--grade", "22-25", "--json")
    assert isinstance(out, dict)
    assert out["variants"][0]["grade"] == "SCP 22-25"
    assert out["variants"][0]["essential"] == 13


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "no-such-role"], "There is no role 'no-such-role'"),
        (["show", "medway-data-and-insight-officer", "--level", "Z"], "has no level 'Z'"),
        (["show", "dartford-visiting-officer", "--grade", "F"], "has no grade variants"),
    ],
)
def test_show_refuses_bad_arguments_with_exit_status_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_check_passes_on_the_shipped_catalogue(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CATALOGUE_DIR", raising=False)
    assert main(["check"]) == 0
    data = PROJECT_DIR / "data"
    assert capsys.readouterr().out == (
        f"Checked 30 roles and 4 organisations in {data}: no problems.\n"
    )


def test_the_module_runs_from_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "criteria", "list", "--json"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert len(json.loads(done.stdout)) >= 31


def test_no_stable_id_has_disappeared(catalogue: Catalogue) -> None:
    """Ids are stable: score files and live vacancies refer to them. New ids may be added
    (then run `python -m criteria ids > tests/golden/catalogue_ids.txt`); none may vanish."""
    recorded = set(GOLDEN.read_text().split())
    missing = sorted(recorded - set(stable_ids(catalogue)))
    assert missing == []
    assert len(recorded) > 500


def test_show_says_plainly_when_a_level_publishes_no_requirements(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """002 prints only headings and duties for Medway's apprenticeship levels."""
    assert main(["show", "medway-housing-apprentice", "--level", "A"]) == 0
    out = capsys.readouterr().out
    assert (
        "Requirements not published: Medway publishes no requirements for Housing Apprentice "
        "at Level 2 Intermediate Apprenticeship"
    ) in out
    assert "0 essential, 0 desirable" not in out


def test_show_json_says_whether_each_levels_requirements_are_published(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = run_json(capsys, "show", "medway-housing-apprentice", "--level", "A", "--json")
    assert isinstance(out, dict)
    (variant,) = out["variants"]
    assert variant["requirements_published"] is False
    assert variant["requirements_note"].startswith("Medway publishes no requirements for")
    assert variant["criteria"] == []
    out = run_json(capsys, "show", "medway-data-and-insight-officer", "--level", "A", "--json")
    assert isinstance(out, dict)
    (variant,) = out["variants"]
    assert variant["requirements_published"] is True and variant["requirements_note"] is None


def test_list_json_says_whether_each_levels_requirements_are_published(
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = run_json(capsys, "list", "--json")
    assert isinstance(rows, list)
    published = {
        (r["id"], lv["level"]): lv["requirements_published"] for r in rows for lv in r["levels"]
    }
    unpublished = sorted({role for (role, _), p in published.items() if not p})
    assert unpublished == [
        "medway-housing-apprentice",
        "medway-housing-income-apprentice",
        "medway-resident-engagement-apprentice",
    ]


@pytest.fixture(scope="session")
def medway(catalogue: Catalogue) -> Organisation:
    return catalogue.organisations["medway"]


LEVEL_NAMES = st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=20)


@given(
    published=st.lists(st.booleans(), min_size=1, max_size=3),
    names=st.lists(LEVEL_NAMES, min_size=3, max_size=3),
)
def test_show_says_so_exactly_when_a_levels_requirements_are_unpublished(
    medway: Organisation, published: list[bool], names: list[str]
) -> None:
    """For any levels, published or not: text and JSON say "not published" exactly for the
    levels that publish none, and print counts only where there is something to count."""
    levels = [
        {
            "id": "ABC"[i],
            "name": names[i],
            "requirements_published": flag,
            "criteria": (
                [{"id": f"c{i}", "text": "Tact", "category": "skills", "requirement": "essential"}]
                if flag
                else []
            ),
        }
        for i, flag in enumerate(published)
    ]
    role = RoleProfile.model_validate(
        {
            "id": "medway-any-role",
            "title": "Any Role",
            "organisation": "medway",
            "grade": "Range 2",
            "purpose": "To test.",
            "source": "a test",
            "levels": levels,
            "levels_cumulative": False,
        }
    )
    for variant in role_variants(role, medway):
        text, data = render_variant(variant), variant_json(variant)
        unpublished = not variant.requirements_published
        assert data["requirements_published"] is variant.requirements_published
        assert ("Requirements not published" in text) is unpublished
        assert (data["requirements_note"] is not None) is unpublished
        assert ("1 essential, 0 desirable" in text) is (not unpublished)
        assert "0 essential, 0 desirable" not in text
