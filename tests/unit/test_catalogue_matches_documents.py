"""The catalogue says what the five source documents say."""

from __future__ import annotations

import pytest

from criteria.effective import effective_criteria, role_variants
from criteria.loader import Catalogue
from criteria.schema import Category, Requirement, Stage

E, D = Requirement.ESSENTIAL, Requirement.DESIRABLE


def counts(catalogue: Catalogue, role_id: str, **variant: str) -> tuple[int, int]:
    role = catalogue.role(role_id)
    v = effective_criteria(role, catalogue.organisation_of(role), **variant)
    return v.count(E), v.count(D)


def test_the_whole_catalogue_loads_without_errors(catalogue: Catalogue) -> None:
    assert [str(e) for e in catalogue.errors] == []
    assert set(catalogue.organisations) == {"dartford", "ashford", "darlington", "medway"}


def test_dartford_housing_scheme_officer_has_the_job_profile_criteria_and_spoken_english(
    catalogue: Catalogue,
) -> None:
    role = catalogue.role("dartford-housing-scheme-officer")
    marks = {c.text: c.requirement for c in role.criteria}
    assert marks["Experience of working in a similar environment with transferable skills"] is D
    assert marks["Telecare systems"] is D and marks["Safeguarding"] is D
    assert marks["First Aid"] is D
    assert marks["Health & Safety of Communal Areas"] is E
    rota = next(c for c in role.criteria if "Out-of-Hours" in c.text)
    assert rota.requirement is E, "the 'mandatory' rota counts as essential"
    first_aid = next(c for c in role.criteria if c.text == "First Aid")
    assert first_aid.note == "Training will be given."
    english = next(c for c in role.criteria if "spoken English" in c.text)
    assert english.stage is Stage.INTERVIEW and not english.rules_out_at_shortlisting
    # 12 job-profile criteria (8 essential, 4 desirable) plus spoken English at interview.
    assert counts(catalogue, "dartford-housing-scheme-officer") == (9, 4)
    at_application = [c for c in role.criteria if c.rules_out_at_shortlisting]
    assert len(at_application) == 8


def test_dartford_visiting_officer_requirements_are_all_essential(catalogue: Catalogue) -> None:
    role = catalogue.role("dartford-visiting-officer")
    demonstrate = [c for c in role.criteria if c.group == "You must be able to demonstrate"]
    assert len(demonstrate) == 8
    assert counts(catalogue, "dartford-visiting-officer") == (13, 0)
    assert any("driving licence" in c.text for c in role.criteria)


def test_dartford_has_five_core_behaviours_with_all_their_indicators(
    catalogue: Catalogue,
) -> None:
    framework = catalogue.organisations["dartford"].behaviours
    assert framework is not None
    assert [(b.name, len(b.indicators)) for b in framework.behaviours] == [
        ("Communication", 5),
        ("Respect", 5),
        ("Accountability", 4),
        ("Adaptability/Flexibility", 5),
        ("Collaboration", 4),
    ]
    role = catalogue.role("dartford-housing-scheme-officer")
    variant = effective_criteria(role, catalogue.organisations["dartford"])
    behaviours = [c for c in variant.criteria if c.category is Category.BEHAVIOUR]
    assert [c.id for c in behaviours][0] == "beh-communication"
    assert behaviours[0].indicators[2] == "Being clear, concise and courteous"
    assert not any(c.rules_out_at_shortlisting for c in behaviours)


def test_dartford_guaranteed_interview_policy_has_the_packs_parameters(
    catalogue: Catalogue,
) -> None:
    policy = catalogue.organisations["dartford"].guaranteed_interview
    assert [s.id for s in policy.schemes] == ["disability", "care_leaver", "armed_forces"]
    disability, care, forces = policy.schemes
    assert disability.volume_mode == "off" and not disability.is_priority
    assert [c.key for c in care.routes[0].conditions] == ["care_leaver"]  # no age limit
    written = {r.id: {c.key: getattr(c, c.key) for c in r.conditions} for r in forces.routes}
    assert written["serving"]["within_weeks_before_discharge"] == 12
    assert written["left"]["left_within"] == 60 and written["left"]["long_term_service"]
    assert all(
        w["whose_service"] == ("self", "spouse_or_civil_partner")
        and w["wishes_to_be_considered"] == "armed_forces"
        for w in written.values()
    )


@pytest.mark.parametrize("organisation", ["medway", "ashford", "darlington"])
def test_councils_whose_documents_publish_no_scheme_record_none(
    catalogue: Catalogue, organisation: str
) -> None:
    policy = catalogue.organisations[organisation].guaranteed_interview
    assert policy.records_no_scheme
    assert "No guaranteed-interview or priority scheme is recorded" in policy.source


@pytest.mark.parametrize(
    ("grade", "expected", "title"),
    [
        ("SCP 18-21", (11, 1), "Housing Options Trainee"),
        ("scp-22-25", (13, 1), "Housing Options Support Officer"),
    ],
)
def test_ashford_essentials_differ_by_grade(
    catalogue: Catalogue, grade: str, expected: tuple[int, int], title: str
) -> None:
    assert counts(catalogue, "ashford-housing-options-officer", grade=grade) == expected
    role = catalogue.role("ashford-housing-options-officer")
    variant = effective_criteria(role, catalogue.organisations["ashford"], grade=grade)
    assert variant.title == title
    desirable = [
        c.text for c in variant.criteria if c.requirement is D and c.category != "behaviour"
    ]
    assert desirable == ["NVQ in customer services"]


def test_ashford_grade_specific_essentials_sit_on_the_right_grade(catalogue: Catalogue) -> None:
    role = catalogue.role("ashford-housing-options-officer")
    org = catalogue.organisations["ashford"]
    trainee = {c.text for c in effective_criteria(role, org, grade="18-21").criteria}
    support = {c.text for c in effective_criteria(role, org, grade="22-25").criteria}
    assert "Working towards Housing and Property Management Level 3" in trainee - support
    assert "Level 3 in a housing-related qualification" in support - trainee
    assert any(t.startswith("At least 2 years") for t in support - trainee)


def test_ashford_competency_framework_has_three_values_and_nine_competencies(
    catalogue: Catalogue,
) -> None:
    framework = catalogue.organisations["ashford"].behaviours
    assert framework is not None
    assert framework.values == ("Ambitious", "Creative", "Trustworthy")
    assert len(framework.behaviours) == 9
    assert framework.stage is Stage.INTERVIEW


def test_darlington_has_all_22_numbered_criteria_with_their_marks_and_groups(
    catalogue: Catalogue,
) -> None:
    role = catalogue.role("darlington-housing-income-management-officer")
    assert [c.number for c in role.criteria] == list(range(1, 23))
    assert [c.id for c in role.criteria] == [f"c{n}" for n in range(1, 23)]
    desirable = {c.number for c in role.criteria if c.requirement is D}
    assert desirable == {1, 2, 6, 8, 18}
    assert counts(catalogue, "darlington-housing-income-management-officer") == (17, 5)
    groups = {c.number: c.group for c in role.criteria}
    assert groups[1] == groups[2] == "Qualifications & Education"
    assert {groups[n] for n in range(3, 9)} == {"Experience & Knowledge"}
    assert {groups[n] for n in range(9, 19)} == {"Skills"}
    assert {groups[n] for n in (19, 20)} == {"Personal Attributes"}
    assert {groups[n] for n in (21, 22)} == {"Special Requirements"}
    seven = role.criteria[6]
    assert "Universal Credit" in seven.text
    assert role.criteria[20].stage is Stage.INTERVIEW, "spoken English is assessed at interview"


MEDWAY_TEAMS = {
    "Housing ICT, Systems and Data Team": 8,
    "Tenancy Management": 7,
    "Income and Leasehold Management": 9,
    "Homes for Independent Living": 2,
}


def test_medway_has_all_26_roles_in_their_four_teams(catalogue: Catalogue) -> None:
    medway = [r for r in catalogue.roles.values() if r.organisation == "medway"]
    assert len(medway) == 26
    teams: dict[str, int] = {}
    for role in medway:
        teams[role.team or ""] = teams.get(role.team or "", 0) + 1
    assert teams == MEDWAY_TEAMS
    apprentices = sorted(r.title for r in medway if r.apprenticeship)
    assert apprentices == [
        "Housing Apprentice",
        "Housing Income Apprentice",
        "Resident Engagement Apprentice",
    ]


def test_every_medway_role_has_levels_a_b_c_with_requirements(catalogue: Catalogue) -> None:
    for role in (r for r in catalogue.roles.values() if r.organisation == "medway"):
        assert [lv.id for lv in role.levels] == ["A", "B", "C"], role.id
        for level in role.levels:
            assert len(level.criteria) >= 1, f"{role.id} level {level.id} is empty"


def test_apprentice_roles_carry_their_apprenticeship_levels(catalogue: Catalogue) -> None:
    role = catalogue.role("medway-housing-apprentice")
    assert [lv.name for lv in role.levels] == [
        "Level 2 Intermediate Apprenticeship",
        "Level 3 Advanced Apprenticeship",
        "Level 4 Higher Apprenticeship",
    ]


def test_cumulative_levels_include_the_levels_below(catalogue: Catalogue) -> None:
    for role in (r for r in catalogue.roles.values() if r.levels and r.levels_cumulative):
        a, b, c = (
            {x.id for x in v.criteria} for v in role_variants(role, catalogue.organisation_of(role))
        )
        assert a < b < c, role.id


def test_the_list_has_at_least_31_role_profiles(catalogue: Catalogue) -> None:
    variants = [
        v
        for role in catalogue.roles.values()
        for v in role_variants(role, catalogue.organisation_of(role))
        if v.level is None or v.level.id == "A"
    ]
    assert len(variants) == 31
