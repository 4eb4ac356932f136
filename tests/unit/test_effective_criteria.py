"""Effective criteria of a role at a level or grade."""

from __future__ import annotations

import pytest

from criteria.effective import VariantError, effective_criteria, find_grade
from criteria.loader import Catalogue


def test_level_b_of_a_cumulative_role_adds_to_level_a(catalogue: Catalogue) -> None:
    role = catalogue.role("medway-data-and-insight-officer")
    org = catalogue.organisations["medway"]
    a = [c.id for c in effective_criteria(role, org, level="A").criteria]
    b = [c.id for c in effective_criteria(role, org, level="b").criteria]
    assert b[: len(a)] == a
    assert all(i.startswith("b-") for i in b[len(a) :])


def test_apprenticeship_levels_publish_no_requirements_and_invent_none(
    catalogue: Catalogue,
) -> None:
    role = catalogue.role("medway-housing-apprentice")
    org = catalogue.organisations["medway"]
    c = effective_criteria(role, org, level="C")
    assert not role.levels_cumulative, "the levels are alternatives"
    assert c.criteria == () and not c.requirements_published
    assert c.unpublished_note.startswith(
        "Medway publishes no requirements for Housing Apprentice at Level 4 Higher Apprenticeship"
    )
    published = effective_criteria(
        catalogue.role("medway-data-and-insight-officer"), org, level="A"
    )
    assert published.requirements_published


def test_a_levelled_role_needs_a_level_and_names_the_choices(catalogue: Catalogue) -> None:
    role = catalogue.role("medway-data-and-insight-officer")
    with pytest.raises(VariantError, match="has levels A, B, C; choose one"):
        effective_criteria(role, catalogue.organisations["medway"])
    with pytest.raises(VariantError, match="no level 'D'.*A \\(Developing\\)"):
        effective_criteria(role, catalogue.organisations["medway"], level="D")


def test_a_role_without_levels_or_grades_refuses_them(catalogue: Catalogue) -> None:
    role = catalogue.role("darlington-housing-income-management-officer")
    org = catalogue.organisations["darlington"]
    with pytest.raises(VariantError, match="has no levels"):
        effective_criteria(role, org, level="A")
    with pytest.raises(VariantError, match="has no grade variants"):
        effective_criteria(role, org, grade="Band 8")


@pytest.mark.parametrize(
    "spelling", ["SCP 18-21", "scp-18-21", "18-21", "scp18-21", "Housing Options Trainee"]
)
def test_a_grade_is_found_however_it_is_written(catalogue: Catalogue, spelling: str) -> None:
    role = catalogue.role("ashford-housing-options-officer")
    assert find_grade(role, spelling).id == "scp-18-21"


def test_an_unknown_grade_lists_the_grades(catalogue: Catalogue) -> None:
    role = catalogue.role("ashford-housing-options-officer")
    with pytest.raises(VariantError, match="no grade 'SCP 30'.*SCP 18-21, SCP 22-25"):
        find_grade(role, "SCP 30")


def test_behaviours_can_be_left_out(catalogue: Catalogue) -> None:
    role = catalogue.role("dartford-housing-scheme-officer")
    org = catalogue.organisations["dartford"]
    with_b = effective_criteria(role, org).criteria
    without = effective_criteria(role, org, include_behaviours=False).criteria
    assert len(with_b) - len(without) == 5
