"""The catalogue says what the five source documents say."""

from __future__ import annotations

import re

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
    # 12 job-profile criteria (8 essential, 4 desirable), the advert's 2 qualities the job profile
    # does not list, and spoken English: the last three at interview, never at the sift.
    assert counts(catalogue, "dartford-housing-scheme-officer") == (11, 4)
    at_application = [c for c in role.criteria if c.rules_out_at_shortlisting]
    assert len(at_application) == 8


ADVERT = "Skills, Knowledge and Experience (advert)"

# 000, "Shortlisted?": what its sift is against.
SHORTLISTING_000 = (
    "Shortlisting and selection will be based on the job profile and experience required."
)
# 000's Job Profile as printed: its four headings and every item under them, without the tags.
JOB_PROFILE_000 = {
    "Experience": (
        "Experience of working in a similar environment with transferable skills",
        "Data protection dealing with sensitive data",
        "Communication skills",
        "Computer literacy",
        "Team Working",
        "Organisational & admin skills",
    ),
    "Specialist Knowledge": (
        "Health & Safety of Communal Areas",
        "Telecare systems",
        "Safeguarding",
    ),
    "Qualifications": ("First Aid",),
    "Special Circumstances": (
        "Use of own vehicle and clean driving licence",
        "Participation in the Housing Services Out-of-Hours Emergency Standby Rota, "
        "for which a payment will be made",
    ),
}
# 000's advert, "Skills, Knowledge and Experience:": the two untagged bullets the Job Profile
# does not list (its other seven bullets restate Job Profile items).
ADVERT_ONLY_000 = ("Self-motivation", "Confidence, enthusiasm, empathy and a flexible approach")


def printed_in_job_profile_000(group: str | None, text: str) -> bool:
    return any(
        text.casefold().startswith(item.casefold()) for item in JOB_PROFILE_000.get(group or "", ())
    )


def test_dartford_housing_scheme_officer_rules_out_only_on_the_job_profile(
    catalogue: Catalogue,
) -> None:
    """000: "Shortlisting and selection will be based on the job profile"; so only an essential
    the Job Profile prints, under its heading, can rule anyone out at the paper sift."""
    role = catalogue.role("dartford-housing-scheme-officer")
    ruling_out = [c for c in role.criteria if c.rules_out_at_shortlisting]
    assert [c.id for c in ruling_out if not printed_in_job_profile_000(c.group, c.text)] == []
    assert len(ruling_out) == 8


def test_dartford_housing_scheme_officer_advert_qualities_rule_no_one_out(
    catalogue: Catalogue,
) -> None:
    """000's advert asks for "Self-motivation" and "Confidence, enthusiasm, empathy and a flexible
    approach" with no mark; its Job Profile, which shortlisting is based on, lists neither. They
    keep their ids (score files refer to them) but are not scored at the sift."""
    role = catalogue.role("dartford-housing-scheme-officer")
    advert = {c.text: c for c in role.criteria if c.group == ADVERT}
    assert sorted(advert) == sorted(ADVERT_ONLY_000)
    assert {c.id for c in advert.values()} == {"adv-1", "adv-2"}
    for text, c in advert.items():
        assert not printed_in_job_profile_000(c.group, text)
        assert not c.rules_out_at_shortlisting, c.id
        assert Stage.APPLICATION not in c.stages, f"{c.id} would be scored at the sift"
        assert c.category is Category.PERSONAL_ATTRIBUTES, c.id
        assert c.note and "shortlisting" in c.note and "job profile" in c.note, c.id
        assert "no essential or desirable mark" in c.note, c.id
    [reading] = [n for n in role.source_notes if "Self-motivation" in n]
    assert SHORTLISTING_000 in reading
    assert "as the Visiting Officer's advert list is" not in reading


def test_dartford_visiting_officer_requirements_are_all_essential(catalogue: Catalogue) -> None:
    role = catalogue.role("dartford-visiting-officer")
    demonstrate = [c for c in role.criteria if c.group == "You must be able to demonstrate"]
    assert len(demonstrate) == 8
    # 001 says "You must be able to demonstrate": unlike 000's advert, these rule out at the sift.
    assert all(c.rules_out_at_shortlisting for c in demonstrate)
    assert counts(catalogue, "dartford-visiting-officer") == (13, 0)
    assert any("driving licence" in c.text for c in role.criteria)
    ict = next(c for c in role.criteria if c.id == "know-1")
    assert ict.text.startswith("Ability to use a wide range of ICT applications")
    assert ict.category is Category.SKILLS, "an ability is a skill, whatever heading it sits under"


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


# 003, person specification, Essential column, under "SCP 18-21", as printed.
TRAINEE_QUALIFICATION_003 = "Working towards Housing and Property Management – Level 3"


def test_ashford_grade_specific_essentials_sit_on_the_right_grade(catalogue: Catalogue) -> None:
    role = catalogue.role("ashford-housing-options-officer")
    org = catalogue.organisations["ashford"]
    trainee = {c.text for c in effective_criteria(role, org, grade="18-21").criteria}
    support = {c.text for c in effective_criteria(role, org, grade="22-25").criteria}
    assert TRAINEE_QUALIFICATION_003 in trainee - support
    assert "Level 3 in a housing-related qualification" in support - trainee
    assert any(t.startswith("At least 2 years") for t in support - trainee)


def test_ashford_trainee_qualification_is_the_essential_003_prints(catalogue: Catalogue) -> None:
    """003 prints "Working towards Housing and Property Management – Level 3" as an essential of
    the trainee grade: recorded in its words, with no softening note."""
    role = catalogue.role("ashford-housing-options-officer")
    qual = next(c for c in role.criteria if c.id == "qual-2")
    assert qual.text == TRAINEE_QUALIFICATION_003
    assert qual.grades == ("scp-18-21",) and qual.requirement is E
    assert qual.rules_out_at_shortlisting
    assert qual.note is None
    said = [qual.text, *role.source_notes]
    assert not [s for s in said if re.search(r"willing|not (yet )?enrolled|which the", s, re.I)]


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


# What the packs say of checks: 000 and 001 ask for a driving licence and the use of one's own
# car, and 001 for 5 GCSEs, but say nothing of insurance, of certificates or of any check before
# appointment; 002 names the "HRA training matrix", never a training record; 003 asks the post
# holder to "maintain at all times a satisfactory BASIC report from the Disclosure and Barring
# Service"; only 004 speaks of "vetting checks before an offer of appointment is confirmed" (kept
# in its special conditions, not a note). No pack says how spoken English must be assessed, nor
# (002) how an apprentice is recruited.
CLAIMS_NO_PACK_MAKES = {
    "checked before appointment": r"checked before appointment",
    "insurance": r"\binsurance\b",
    "certificates checked": r"\bcertificates?\b",
    "a training record": r"training record",
    "how English must be assessed": r"customer-facing posts must be",
    "how apprentices are recruited": r"recruited at one of them",
}


def every_note(catalogue: Catalogue) -> list[tuple[str, str]]:
    notes = []
    for role in catalogue.roles.values():
        notes += [(f"{role.id} source note", n) for n in role.source_notes]
        notes += [(f"{role.id}/{c.id}", c.note) for c in role.all_criteria() if c.note]
    return notes


@pytest.mark.parametrize("claim", sorted(CLAIMS_NO_PACK_MAKES))
def test_no_note_claims_what_the_packs_do_not_say(catalogue: Catalogue, claim: str) -> None:
    pattern = re.compile(CLAIMS_NO_PACK_MAKES[claim], re.I)
    assert [where for where, note in every_note(catalogue) if pattern.search(note)] == []


def test_a_stage_the_document_does_not_give_says_so_in_its_note(catalogue: Catalogue) -> None:
    """Spoken English (000, 001, 004), Medway's training-matrix requirements (002) and 000's
    advert qualities are kept off the paper sift although no document says how they are assessed:
    each such judgement's note says the document does not say how."""
    judged = [
        (f"{role.id}/{c.id}", c)
        for role in catalogue.roles.values()
        for c in role.all_criteria()
        if c.is_essential and not c.rules_out_at_shortlisting
    ]
    assert len(judged) == 29  # 3 spoken English, 24 Medway training, 2 of 000's advert
    assert [where for where, c in judged if "does not say how" not in (c.note or "")] == []


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


APPRENTICES = (
    "medway-housing-apprentice",
    "medway-housing-income-apprentice",
    "medway-resident-engagement-apprentice",
)


def test_every_medway_role_has_levels_a_b_c_with_requirements(catalogue: Catalogue) -> None:
    for role in (r for r in catalogue.roles.values() if r.organisation == "medway"):
        assert [lv.id for lv in role.levels] == ["A", "B", "C"], role.id
        if role.id in APPRENTICES:
            continue
        for level in role.levels:
            assert level.requirements_published, f"{role.id} level {level.id}"
            assert len(level.criteria) >= 1, f"{role.id} level {level.id} is empty"


@pytest.mark.parametrize("role_id", APPRENTICES)
def test_apprentice_levels_publish_no_requirements_and_none_are_invented(
    catalogue: Catalogue, role_id: str
) -> None:
    """002 prints only the apprenticeship level headings and the duties for apprentice roles."""
    role = catalogue.role(role_id)
    assert role.apprenticeship and not role.levels_cumulative
    assert [lv.name for lv in role.levels] == [
        "Level 2 Intermediate Apprenticeship",
        "Level 3 Advanced Apprenticeship",
        "Level 4 Higher Apprenticeship",
    ]
    for level in role.levels:
        assert not level.requirements_published and level.criteria == (), level.id
    assert role.all_criteria() == ()
    for variant in role_variants(role, catalogue.organisation_of(role)):
        assert not variant.requirements_published
        assert [c for c in variant.criteria if c.category is not Category.BEHAVIOUR] == []
    [note] = [n for n in role.source_notes if "publishes no requirements" in n]
    assert "HR adds the criteria for each vacancy" in note


def test_senior_scheme_support_officer_keeps_the_last_line_of_the_framework(
    catalogue: Catalogue,
) -> None:
    """002 ends, without a line break, on level A's "Ability to maintain confidentiality at all
    times"; levels are cumulative, so it applies at B and C too."""
    role = catalogue.role("medway-senior-scheme-support-officer")
    last = "Ability to maintain confidentiality at all times"
    assert [c.category for c in role.levels[0].criteria if c.text == last] == [Category.SKILLS]
    for variant in role_variants(role, catalogue.organisation_of(role)):
        assert last in {c.text for c in variant.criteria}, variant.level


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


QUAL, KNOW, EXP, SKL = "Qualifications", "Knowledge", "Experience", "Skills"

# Each level's own requirements in 002 (B and C are printed "in addition to" the levels below),
# counted per group, read from the document role by role, in its order. A line printed twice or
# garbled is one requirement; a cell cut off is one requirement; text overflowing into a
# neighbouring column is counted once, at the level whose column holds it (see each role's
# source_notes). Apprentice roles publish no requirements.
MEDWAY_COUNTS_PER_LEVEL: dict[str, dict[str, dict[str, int]]] = {
    # Housing ICT, Systems and Data Team
    "medway-resident-engagement-apprentice": {
        "A": {QUAL: 0, KNOW: 0, EXP: 0, SKL: 0},
        "B": {QUAL: 0, KNOW: 0, EXP: 0, SKL: 0},
        "C": {QUAL: 0, KNOW: 0, EXP: 0, SKL: 0},
    },
    "medway-data-and-insight-officer": {
        "A": {QUAL: 1, KNOW: 3, EXP: 5, SKL: 4},
        "B": {QUAL: 1, KNOW: 3, EXP: 5, SKL: 3},
        "C": {QUAL: 2, KNOW: 3, EXP: 2, SKL: 2},
    },
    "medway-housing-finance-officer": {
        # The most garbled table. A: 8 skills, with the 3 printed below the table (proof read,
        # confidentiality, time management).
        "A": {QUAL: 1, KNOW: 4, EXP: 4, SKL: 8},
        # B: 'Experience of preparing reports' and 'Coaching skills' are only in the overflow.
        "B": {QUAL: 2, KNOW: 2, EXP: 3, SKL: 5},
        # C: no qualification printed; FOI and project-support experience read as C's.
        "C": {QUAL: 0, KNOW: 2, EXP: 3, SKL: 3},
    },
    "medway-resident-engagement-officer": {
        "A": {QUAL: 2, KNOW: 3, EXP: 3, SKL: 3},
        "B": {QUAL: 1, KNOW: 3, EXP: 4, SKL: 5},
        "C": {QUAL: 2, KNOW: 2, EXP: 2, SKL: 2},
    },
    "medway-housing-business-systems-analyst": {
        "A": {QUAL: 1, KNOW: 2, EXP: 4, SKL: 6},
        "B": {QUAL: 3, KNOW: 3, EXP: 6, SKL: 5},
        "C": {QUAL: 2, KNOW: 4, EXP: 6, SKL: 3},
    },
    "medway-data-and-insight-manager": {
        "A": {QUAL: 2, KNOW: 2, EXP: 2, SKL: 5},
        "B": {QUAL: 1, KNOW: 2, EXP: 4, SKL: 3},
        "C": {QUAL: 2, KNOW: 1, EXP: 3, SKL: 3},
    },
    "medway-housing-service-improvement-manager": {
        "A": {QUAL: 1, KNOW: 3, EXP: 3, SKL: 8},
        "B": {QUAL: 1, KNOW: 2, EXP: 3, SKL: 3},
        # C: 'CIH Level 4 and working towards ITIL foundation' is one printed qualification
        "C": {QUAL: 2, KNOW: 1, EXP: 5, SKL: 3},
    },
    "medway-housing-ict-systems-and-data-manager": {
        "A": {QUAL: 1, KNOW: 3, EXP: 4, SKL: 7},
        "B": {QUAL: 2, KNOW: 4, EXP: 4, SKL: 5},
        "C": {QUAL: 2, KNOW: 3, EXP: 4, SKL: 6},
    },
    # Tenancy Management
    "medway-housing-apprentice": {
        "A": {QUAL: 0, KNOW: 0, EXP: 0, SKL: 0},
        "B": {QUAL: 0, KNOW: 0, EXP: 0, SKL: 0},
        "C": {QUAL: 0, KNOW: 0, EXP: 0, SKL: 0},
    },
    "medway-tenancy-management-assistant": {
        "A": {QUAL: 1, KNOW: 3, EXP: 2, SKL: 3},
        "B": {QUAL: 1, KNOW: 2, EXP: 2, SKL: 2},
        "C": {QUAL: 2, KNOW: 1, EXP: 3, SKL: 3},
    },
    "medway-tenancy-management-officer": {
        "A": {QUAL: 2, KNOW: 5, EXP: 3, SKL: 4},
        "B": {QUAL: 1, KNOW: 3, EXP: 4, SKL: 3},
        "C": {QUAL: 2, KNOW: 1, EXP: 2, SKL: 2},
    },
    "medway-tenancy-sustainment-officer": {
        "A": {QUAL: 2, KNOW: 6, EXP: 3, SKL: 5},
        "B": {QUAL: 1, KNOW: 2, EXP: 4, SKL: 4},
        "C": {QUAL: 2, KNOW: 2, EXP: 2, SKL: 2},
    },
    "medway-anti-social-behaviour-officer": {
        "A": {QUAL: 2, KNOW: 4, EXP: 3, SKL: 6},
        "B": {QUAL: 1, KNOW: 2, EXP: 3, SKL: 4},
        "C": {QUAL: 2, KNOW: 1, EXP: 3, SKL: 1},
    },
    "medway-senior-tenancy-management-officer": {
        "A": {QUAL: 3, KNOW: 4, EXP: 3, SKL: 6},
        "B": {QUAL: 1, KNOW: 4, EXP: 6, SKL: 3},
        "C": {QUAL: 2, KNOW: 1, EXP: 2, SKL: 3},
    },
    "medway-tenancy-manager": {
        # A: the skills are printed without their heading, after the experience
        "A": {QUAL: 2, KNOW: 5, EXP: 2, SKL: 4},
        "B": {QUAL: 1, KNOW: 5, EXP: 3, SKL: 5},
        # C: the run-together last cell is two skills (change management; continuous improvement)
        "C": {QUAL: 2, KNOW: 2, EXP: 1, SKL: 3},
    },
    # Income and Leasehold Management
    "medway-housing-income-apprentice": {
        "A": {QUAL: 0, KNOW: 0, EXP: 0, SKL: 0},
        "B": {QUAL: 0, KNOW: 0, EXP: 0, SKL: 0},
        "C": {QUAL: 0, KNOW: 0, EXP: 0, SKL: 0},
    },
    "medway-income-arrears-assistant": {
        "A": {QUAL: 1, KNOW: 3, EXP: 2, SKL: 3},
        "B": {QUAL: 1, KNOW: 2, EXP: 2, SKL: 2},
        "C": {QUAL: 2, KNOW: 1, EXP: 3, SKL: 3},
    },
    "medway-income-and-arrears-officer": {
        "A": {QUAL: 2, KNOW: 4, EXP: 3, SKL: 4},
        "B": {QUAL: 1, KNOW: 2, EXP: 4, SKL: 3},
        "C": {QUAL: 2, KNOW: 1, EXP: 3, SKL: 2},
    },
    "medway-housing-rents-officer": {
        "A": {QUAL: 1, KNOW: 1, EXP: 2, SKL: 4},
        "B": {QUAL: 1, KNOW: 2, EXP: 5, SKL: 3},
        "C": {QUAL: 2, KNOW: 2, EXP: 1, SKL: 1},
    },
    "medway-leasehold-and-right-to-buy-officer": {
        "A": {QUAL: 2, KNOW: 3, EXP: 3, SKL: 5},
        "B": {QUAL: 1, KNOW: 2, EXP: 4, SKL: 3},
        "C": {QUAL: 2, KNOW: 1, EXP: 2, SKL: 2},
    },
    "medway-tenancy-sustainment-officer-income": {
        "A": {QUAL: 2, KNOW: 4, EXP: 3, SKL: 4},
        "B": {QUAL: 1, KNOW: 2, EXP: 3, SKL: 4},
        "C": {QUAL: 2, KNOW: 1, EXP: 3, SKL: 1},
    },
    "medway-senior-income-and-arrears-officer": {
        "A": {QUAL: 3, KNOW: 3, EXP: 3, SKL: 4},
        "B": {QUAL: 1, KNOW: 3, EXP: 3, SKL: 3},
        "C": {QUAL: 2, KNOW: 1, EXP: 2, SKL: 3},
    },
    "medway-income-and-leasehold-manager": {
        "A": {QUAL: 2, KNOW: 6, EXP: 3, SKL: 3},
        "B": {QUAL: 1, KNOW: 4, EXP: 4, SKL: 5},
        "C": {QUAL: 2, KNOW: 2, EXP: 1, SKL: 2},
    },
    "medway-tenant-services-operations-manager": {
        "A": {QUAL: 2, KNOW: 8, EXP: 2, SKL: 4},
        "B": {QUAL: 1, KNOW: 5, EXP: 5, SKL: 6},
        "C": {QUAL: 2, KNOW: 3, EXP: 2, SKL: 4},
    },
    # Homes for Independent Living
    "medway-scheme-support-officer": {
        "A": {QUAL: 2, KNOW: 3, EXP: 2, SKL: 7},
        "B": {QUAL: 1, KNOW: 2, EXP: 5, SKL: 2},
        "C": {QUAL: 2, KNOW: 1, EXP: 3, SKL: 3},
    },
    "medway-senior-scheme-support-officer": {
        # A: the 7th skill is the document's last line, with no line break after it
        "A": {QUAL: 3, KNOW: 3, EXP: 3, SKL: 7},
        "B": {QUAL: 2, KNOW: 3, EXP: 4, SKL: 2},
        "C": {QUAL: 1, KNOW: 1, EXP: 2, SKL: 2},
    },
}


@pytest.mark.parametrize("role_id", sorted(MEDWAY_COUNTS_PER_LEVEL))
def test_each_medway_level_has_the_documents_requirements_per_group(
    catalogue: Catalogue, role_id: str
) -> None:
    role = catalogue.role(role_id)
    found: dict[str, dict[str, int]] = {}
    for level in role.levels:
        per_group = dict.fromkeys((QUAL, KNOW, EXP, SKL), 0)
        for c in level.criteria:
            assert c.group in per_group, f"{c.id}: group {c.group!r} is not one of 002's four"
            per_group[c.group] += 1
        found[level.id] = per_group
    assert found == MEDWAY_COUNTS_PER_LEVEL[role_id]


def test_the_medway_table_is_every_medway_role(catalogue: Catalogue) -> None:
    medway = {r.id for r in catalogue.roles.values() if r.organisation == "medway"}
    assert medway == set(MEDWAY_COUNTS_PER_LEVEL)
