"""The synthetic vacancy generator: reproducible, realistic, and importable as HR would."""

from __future__ import annotations

import io

import numpy as np
import pytest

from criteria.effective import effective_criteria
from criteria.loader import load_catalogue
from fixtures.synthetic import SyntheticVacancy, applications_frame, synthetic_vacancy
from formats.interchange import read_applications
from scoring.applicant.redaction import Identifiers, redact
from scoring.applications import ArmedForcesStatus
from scoring.vacancy import Vacancy


@pytest.fixture(scope="module")
def vacancy() -> Vacancy:
    catalogue = load_catalogue()
    role = catalogue.role("darlington-housing-income-management-officer")
    return Vacancy.from_variant(effective_criteria(role, catalogue.organisation_of(role)))


@pytest.fixture(scope="module")
def large(vacancy: Vacancy) -> SyntheticVacancy:
    return synthetic_vacancy(vacancy, 2_000, seed=3)


def test_the_same_seed_gives_the_same_vacancy_and_another_seed_does_not(vacancy: Vacancy) -> None:
    one, two = (synthetic_vacancy(vacancy, 50, seed=9) for _ in range(2))
    assert one.applications == two.applications and one.panel_scores.equals(two.panel_scores)
    other = synthetic_vacancy(vacancy, 50, seed=10)
    assert other.applications != one.applications


def test_every_application_is_scored_by_every_member_on_every_scored_criterion(
    vacancy: Vacancy, large: SyntheticVacancy
) -> None:
    assert len(large.panel_scores) == 2_000 * len(vacancy.scored_criteria) * 3
    scale = vacancy.scheme.scale
    assert large.panel_scores["score"].between(scale.minimum, scale.maximum).all()


def test_the_mix_of_declarations_and_statements_is_realistic(large: SyntheticVacancy) -> None:
    apps = large.applications
    share = lambda hit: sum(map(hit, apps)) / len(apps)  # noqa: E731
    assert 0.05 < share(lambda a: a.declarations.disability) < 0.11
    assert 0.005 < share(lambda a: a.declarations.care_leaver) < 0.04
    forces = [a for a in apps if a.declarations.armed_forces_status is not ArmedForcesStatus.NONE]
    assert 0.015 < len(forces) / len(apps) < 0.05
    assert {a.declarations.armed_forces_status for a in forces} == {
        ArmedForcesStatus.SERVING,
        ArmedForcesStatus.LEFT,
    }
    assert any(a.declarations.armed_forces_date is None for a in forces), "some leave dates out"
    assert 0.005 < share(lambda a: a.withdrawn) < 0.04
    lengths = [len(a.statement) for a in apps]
    assert min(lengths) < 300 < 900 < max(lengths), "statements of varied length"


def test_panel_members_disagree_a_little_and_agree_on_who_is_strong(
    large: SyntheticVacancy,
) -> None:
    cube = large.panel_scores.pivot_table(
        index=["application_id", "criterion_id"],
        columns="panel_member",
        values="score",
        observed=True,
    )
    spread = cube.max(axis=1) - cube.min(axis=1)
    assert 0.2 < (spread > 0).mean() < 0.8, "members differ on some scores, not all"
    assert (spread >= 2).mean() < 0.1, "large disagreements are rare"
    totals = cube.groupby(level="application_id", observed=True).sum()
    correlation = np.corrcoef(totals.to_numpy().T)
    assert correlation.min() > 0.8, "members rank applicants alike"


def test_the_applications_import_as_hr_would_import_them(large: SyntheticVacancy) -> None:
    out = io.StringIO()
    applications_frame(large).to_csv(out, index=False)
    read = read_applications(out.getvalue().encode(), name="synthetic.csv")
    assert read.applications == large.applications
    assert read.personal == large.personal


def test_some_statements_carry_identifiers_as_real_ones_do_and_redaction_takes_them_out(
    large: SyntheticVacancy,
) -> None:
    named = contacts = 0
    for app in large.applications:
        person = large.personal[app.application_id]
        full = f"{person.first_name} {person.last_name}"
        named += app.statement.startswith(full)
        contacts += str(person.email) in app.statement
        ids = Identifiers(
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            date_of_birth=app.declarations.date_of_birth,
        )
        panel_text = redact(app.statement, ids).text
        assert full not in panel_text and str(person.email) not in panel_text
        assert "07700 900" not in panel_text
    assert 0.2 < named / len(large.applications) < 0.4
    assert 0.02 < contacts / len(large.applications) < 0.1
