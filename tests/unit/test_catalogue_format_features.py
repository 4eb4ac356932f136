"""What a role file can say beyond a plain list: a criterion assessed at two stages, one
essential at one grade and desirable at another, a weight, a level with no requirements
published, and a DBS check in any case."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from criteria.effective import effective_criteria
from criteria.loader import Catalogue
from criteria.schema import Criterion, Level, Requirement, RoleProfile, Stage
from scoring.rules.scheme import Scheme
from scoring.vacancy import Vacancy


def criterion(**fields: Any) -> dict[str, Any]:
    return {"id": "c1", "text": "Confident telephone manner", "category": "skills",
            "requirement": "essential", **fields}  # fmt: skip


def role(**fields: Any) -> dict[str, Any]:
    return {"id": "ashford-test", "title": "Test officer", "organisation": "ashford",
            "grade": "SCP 18-25", "purpose": "Testing.", "source": "test",
            "criteria": [criterion()], **fields}  # fmt: skip


def test_a_criterion_assessed_at_application_and_interview_is_one_criterion() -> None:
    c = Criterion.model_validate(criterion(stage=["interview", "application"]))
    assert (c.stage, c.also_at) == (Stage.APPLICATION, (Stage.INTERVIEW,))
    assert c.stage_words == "application and interview"
    assert c.rules_out_at_shortlisting, "assessed from the application, so it can rule out"
    later = Criterion.model_validate(criterion(stage=["interview"]))
    assert later.stage is Stage.INTERVIEW and not later.rules_out_at_shortlisting
    with pytest.raises(ValidationError, match=r"list each stage once"):
        Criterion.model_validate(criterion(stage=["application", "application"]))


def test_one_id_essential_at_one_grade_and_desirable_at_the_other(catalogue: Catalogue) -> None:
    grades = [
        {"id": "trainee", "label": "SCP 18-21", "title": "Trainee"},
        {"id": "officer", "label": "SCP 22-25", "title": "Officer"},
    ]
    profile = RoleProfile.model_validate(
        role(grades=grades, criteria=[criterion(requirement_at_grades={"trainee": "desirable"})])
    )
    org = catalogue.organisations["ashford"]
    at = {
        g: effective_criteria(profile, org, grade=g, include_behaviours=False).criteria[0]
        for g in ("trainee", "officer")
    }
    assert at["trainee"].requirement is Requirement.DESIRABLE
    assert at["officer"].requirement is Requirement.ESSENTIAL
    assert at["trainee"].id == at["officer"].id == "c1"
    with pytest.raises(
        ValidationError,
        match=r"grades this role does not have \(manager\); its grades are: officer, trainee",
    ):
        RoleProfile.model_validate(
            role(
                grades=grades, criteria=[criterion(requirement_at_grades={"manager": "desirable"})]
            )
        )


def test_a_weight_in_the_role_file_is_the_vacancys_unless_hr_sets_another(
    catalogue: Catalogue,
) -> None:
    profile = RoleProfile.model_validate(
        role(criteria=[criterion(weight=2), criterion(id="c2", text="Casework")])
    )
    variant = effective_criteria(
        profile, catalogue.organisations["ashford"], include_behaviours=False
    )
    assert Vacancy.from_variant(variant).weights() == [2.0, 1.0]
    hr = Scheme(criterion_weights={"c1": 3})
    assert Vacancy.from_variant(variant, hr).weights() == [3.0, 1.0]
    with pytest.raises(ValidationError, match="greater than 0"):
        Criterion.model_validate(criterion(weight=0))


def test_a_level_with_no_requirements_published_says_so() -> None:
    level = Level.model_validate({"id": "A", "name": "Level 2", "requirements_published": False})
    assert level.criteria == ()
    with pytest.raises(ValidationError, match="lists no criteria: add them, or write"):
        Level.model_validate({"id": "A", "name": "Level 2"})
    with pytest.raises(ValidationError, match="says no requirements are published but lists"):
        Level.model_validate(
            {"id": "A", "name": "Level 2", "requirements_published": False,
             "criteria": [criterion()]}
        )  # fmt: skip


def test_a_dbs_check_is_read_in_any_case() -> None:
    assert RoleProfile.model_validate(role(dbs_check="Basic")).dbs_check == "basic"
    assert RoleProfile.model_validate(role(dbs_check=" ENHANCED ")).dbs_check == "enhanced"
