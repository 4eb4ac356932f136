"""Minimum criteria, ranking, cut-off, ties, scheme additions, and the reasons given."""

from __future__ import annotations

from datetime import date

import pytest

from criteria.policy import GuaranteedInterviewPolicy
from scoring.applications import ArmedForcesStatus
from scoring.rules.decisions import merge_decisions
from scoring.rules.outcomes import Outcome
from scoring.rules.reports import funnel
from scoring.rules.shortlist import shortlist
from tests.factories import DEFAULT_POLICY, agreed, application, criterion, scores, uniform, vacancy

E1, E2, D1 = (
    criterion("e1", number=1, text="Experience of rent recovery"),
    criterion("e2"),
    criterion("d1", "desirable"),
)
SPOKEN = criterion("en", stage="interview", text="Spoken English")


def decisions(v, apps, table, agreed_scores=None):  # type: ignore[no-untyped-def]
    return shortlist(v, apps, scores(table), agreed_scores).by_id()


def test_a_failed_application_stage_essential_rules_out_and_is_named() -> None:
    v = vacancy([E1, E2, D1])
    d = decisions(v, [application("A")], {"A": {"e1": (0, 0), "e2": (3, 3), "d1": (3, 3)}})["A"]
    assert d.decision is Outcome.NOT_SHORTLISTED
    assert d.failed_essentials == ("e1",)
    assert (
        d.reason
        == "Not shortlisted: the panel found no evidence for essential criterion 1, experience of rent recovery."
    )


def test_a_failed_interview_stage_essential_does_not_rule_out() -> None:
    v = vacancy([E1, E2, SPOKEN])
    d = decisions(v, [application("A")], {"A": {"e1": (2, 2), "e2": (2, 2), "en": (0, 0)}})["A"]
    assert d.decision is Outcome.SHORTLISTED_ON_MERIT
    assert d.failed_essentials == ()
    assert d.total == 4.0, "interview-stage criteria are not part of the shortlisting total"


def test_a_failed_desirable_does_not_rule_out() -> None:
    v = vacancy([E1, D1])
    d = decisions(v, [application("A")], {"A": {"e1": (2, 2), "d1": (0, 0)}})["A"]
    assert d.decision is Outcome.SHORTLISTED_ON_MERIT


def test_limited_evidence_is_reported_with_the_score_and_what_is_needed() -> None:
    v = vacancy([E1, E2])
    d = decisions(v, [application("A")], {"A": {"e1": (1, 1), "e2": (0, 1)}})["A"]
    assert d.reason == (
        "Not shortlisted: essential criterion 1, experience of rent recovery was scored 1 (limited evidence) "
        "against the 2 (meets the criterion) needed; the panel found no evidence for the essential criterion 'Criterion e2'."
    )


def test_the_threshold_is_a_parameter() -> None:
    v = vacancy([E1], threshold=1)
    assert (
        decisions(v, [application("A")], {"A": {"e1": (1, 1)}})["A"].decision
        is Outcome.SHORTLISTED_ON_MERIT
    )


def test_slots_cut_the_merit_list_and_the_rest_are_below_the_cut_off() -> None:
    v = vacancy([E1, E2, D1], slots=2)
    table = {
        "A": {"e1": (3, 3), "e2": (3, 3), "d1": (3, 3)},
        "B": {"e1": (3, 3), "e2": (3, 3), "d1": (2, 2)},
        "C": {"e1": (2, 2), "e2": (2, 2), "d1": (2, 2)},
    }
    result = decisions(v, [application(x) for x in "ABC"], table)
    assert [result[x].decision for x in "ABC"] == [
        Outcome.SHORTLISTED_ON_MERIT,
        Outcome.SHORTLISTED_ON_MERIT,
        Outcome.NOT_SHORTLISTED,
    ]
    assert [result[x].rank for x in "ABC"] == [1, 2, 3]
    assert (
        result["C"].reason
        == "Not shortlisted: meets every essential criterion, but the total of 6 is below the cut-off of 8 for 2 interview places."
    )


def test_a_tie_at_the_cut_off_is_shown_as_a_tie() -> None:
    v = vacancy([E1, E2], slots=2)
    table = {
        "A": {"e1": (3, 3), "e2": (3, 3)},
        "B": {"e1": (2, 2), "e2": (3, 3)},
        "C": {"e1": (3, 3), "e2": (2, 2)},
        "D": {"e1": (2, 2), "e2": (2, 2)},
    }
    result = decisions(v, [application(x) for x in "ABCD"], table)
    assert result["A"].decision is Outcome.SHORTLISTED_ON_MERIT
    assert result["B"].decision is result["C"].decision is Outcome.TIED_AT_CUT_OFF
    assert result["B"].rank == result["C"].rank == 2
    assert (
        result["B"].reason
        == "Tied at the cut-off: total 5, level with 1 other for the last place; the panel decides."
    )
    assert result["D"].decision is Outcome.NOT_SHORTLISTED


def test_a_tie_that_fits_within_the_slots_is_shortlisted() -> None:
    v = vacancy([E1], slots=2)
    result = decisions(
        v, [application("A"), application("B")], {"A": {"e1": (2, 2)}, "B": {"e1": (2, 2)}}
    )
    assert {d.decision for d in result.values()} == {Outcome.SHORTLISTED_ON_MERIT}


def test_the_pass_mark_alone_and_with_slots() -> None:
    table = {
        "A": {"e1": (3, 3), "e2": (3, 3)},
        "B": {"e1": (2, 2), "e2": (3, 3)},
        "C": {"e1": (2, 2), "e2": (2, 2)},
    }
    apps = [application(x) for x in "ABC"]
    by_mark = decisions(vacancy([E1, E2], pass_mark=5), apps, table)
    assert [by_mark[x].decision.is_shortlisted for x in "ABC"] == [True, True, False]
    assert (
        by_mark["C"].reason
        == "Not shortlisted: meets every essential criterion, but the total of 4 is below the pass mark of 5."
    )
    both = decisions(vacancy([E1, E2], pass_mark=5, slots=1), apps, table)
    assert [both[x].decision.is_shortlisted for x in "ABC"] == [True, False, False]


def test_a_scheme_applicant_is_added_without_displacing_anyone() -> None:
    v = vacancy([E1, E2], slots=1)
    table = {
        "A": {"e1": (3, 3), "e2": (3, 3)},
        "B": {"e1": (2, 2), "e2": (3, 3)},
        "C": {"e1": (2, 2), "e2": (2, 2)},
    }
    apps = [application("A"), application("B"), application("C", disability=True)]
    result = decisions(v, apps, table)
    assert result["A"].decision is Outcome.SHORTLISTED_ON_MERIT
    assert result["B"].decision is Outcome.NOT_SHORTLISTED
    assert result["C"].decision is Outcome.SHORTLISTED_UNDER_SCHEME
    assert result["C"].schemes == ("disability",)
    assert result["C"].reason.startswith(
        "Offered an interview under the Disability Confident scheme (a disabled applicant): "
        "declared a disability and asked to be considered under the scheme; meets every "
        "application-stage essential criterion"
    )


def test_a_scheme_applicant_who_fails_an_essential_is_not_shortlisted_and_is_told_why() -> None:
    v = vacancy([E1, E2])
    d = decisions(v, [application("A", care_leaver=True)], {"A": {"e1": (3, 3), "e2": (1, 1)}})["A"]
    assert d.decision is Outcome.NOT_SHORTLISTED
    assert d.reason.endswith(
        "The Care leavers scheme applies only to applicants who meet every application-stage "
        "essential criterion."
    )


def test_a_scheme_applicant_on_merit_is_shortlisted_on_merit_and_the_scheme_is_recorded() -> None:
    v = vacancy([E1])
    d = decisions(v, [application("A", disability=True)], {"A": {"e1": (3, 3)}})["A"]
    assert d.decision is Outcome.SHORTLISTED_ON_MERIT
    assert d.schemes == ("disability",)
    assert d.reason.endswith("Also eligible under Disability Confident.")


def test_several_schemes_at_once_give_one_decision() -> None:
    v = vacancy([E1], slots=0)
    app = application(
        "A",
        disability=True,
        care_leaver=True,
        armed_forces_status=ArmedForcesStatus.LEFT,
        armed_forces_date=date(2024, 1, 1),
        armed_forces_long_term=True,
        armed_forces_opt_in=True,
    )
    d = decisions(v, [app], {"A": {"e1": (2, 2)}})["A"]
    assert d.decision is Outcome.SHORTLISTED_UNDER_SCHEME
    assert d.schemes == ("disability", "care_leaver", "armed_forces")


def test_a_claim_missing_its_date_needs_information() -> None:
    v = vacancy([E1], slots=0)
    app = application(
        "A",
        armed_forces_status=ArmedForcesStatus.LEFT,
        armed_forces_long_term=True,
        armed_forces_opt_in=True,
    )
    d = decisions(v, [app], {"A": {"e1": (2, 2)}})["A"]
    assert d.decision is Outcome.NEEDS_INFORMATION
    assert (
        "the Armed Forces Covenant scheme cannot be decided without the date of leaving the "
        "armed forces. Ask the applicant" in d.reason
    )


def test_withdrawn_applications_leave_the_ranking() -> None:
    v = vacancy([E1], slots=1)
    result = decisions(
        v,
        [application("A", withdrawn=True), application("B")],
        {"A": {"e1": (3, 3)}, "B": {"e1": (2, 2)}},
    )
    assert result["A"].decision is Outcome.WITHDRAWN and result["A"].rank is None
    assert result["B"].decision is Outcome.SHORTLISTED_ON_MERIT and result["B"].rank == 1


def test_scoring_incomplete_when_a_criterion_has_no_score() -> None:
    v = vacancy([E1, E2])
    d = decisions(v, [application("A")], {"A": {"e1": (2, 2)}})["A"]
    assert d.decision is Outcome.SCORING_INCOMPLETE
    assert (
        d.reason
        == "Scoring incomplete: no agreed score yet for the essential criterion 'Criterion e2'."
    )


def test_an_unresolved_disagreement_makes_the_shortlist_provisional() -> None:
    v = vacancy([E1])
    result = shortlist(v, [application("A")], scores({"A": {"e1": (0, 3)}}))
    assert not result.is_final
    assert result.issues == ("1 score differs by 2 or more and needs an agreed score.",)
    assert result.decisions[0].provisional
    settled = shortlist(
        v, [application("A")], scores({"A": {"e1": (0, 3)}}), agreed({("A", "e1"): 2})
    )
    assert settled.is_final and settled.decisions[0].decision is Outcome.SHORTLISTED_ON_MERIT


def test_weights_per_criterion_and_per_category() -> None:
    v = vacancy(
        [E1, criterion("k1", category="knowledge")],
        criterion_weights={"e1": 2},
        category_weights={"knowledge": 0.5},
    )
    d = decisions(v, [application("A")], {"A": {"e1": (3, 3), "k1": (2, 2)}})["A"]
    assert d.total == 7.0


def limited_policy() -> GuaranteedInterviewPolicy:
    return DEFAULT_POLICY.model_copy(
        update={
            "schemes": tuple(
                s.model_copy(update={"volume_mode": "limited"}) if s.id == "disability" else s
                for s in DEFAULT_POLICY.schemes
            )
        }
    )


def test_limited_volume_mode_invites_the_disabled_applicants_who_best_meet_the_criteria() -> None:
    v = vacancy([E1, D1], slots=1, policy=limited_policy(), disability_limited_places=1)
    table = {
        "A": {"e1": (3, 3), "d1": (3, 3)},
        "B": {"e1": (3, 3), "d1": (2, 2)},
        "C": {"e1": (2, 2), "d1": (0, 0)},
    }
    apps = [application("A"), application("B", disability=True), application("C", disability=True)]
    result = decisions(v, apps, table)
    assert result["B"].decision is Outcome.SHORTLISTED_UNDER_SCHEME
    assert result["C"].decision is Outcome.NOT_SHORTLISTED
    assert (
        "offered to the disabled applicant who best met the minimum criteria, by their scores"
        in result["C"].reason
    )
    assert result["B"].reason.startswith(
        "Offered an interview under the Disability Confident scheme (a disabled applicant)"
    )


def test_limited_to_no_places_records_the_reason_and_keeps_the_scores() -> None:
    v = vacancy(
        [E1, D1], slots=1, policy=limited_policy(), disability_limited_places=0,
        disability_zero_reason="Over 5,000 applicants; agreed with HR on 3 March.",
    )  # fmt: skip
    table = {"A": {"e1": (3, 3), "d1": (3, 3)}, "B": {"e1": (3, 3), "d1": (2, 2)}}
    result = decisions(v, [application("A"), application("B", disability=True)], table)
    assert result["B"].decision is Outcome.NOT_SHORTLISTED
    assert result["B"].total == 5.0 and result["B"].rank == 2  # scored and ranked, never 0
    assert "Over 5,000 applicants; agreed with HR on 3 March." in result["B"].reason


def test_a_priority_scheme_forms_a_first_round_outside_the_merit_places() -> None:
    policy = GuaranteedInterviewPolicy.model_validate(
        {
            "version": "test", "source": "test",
            "schemes": [
                {
                    "id": "redeployment", "name": "Redeployment", "kind": "priority",
                    "explanation": "Staff at risk of redundancy are considered first.",
                    "routes": [{"id": "at-risk", "conditions": [{"at_risk_of_redundancy": True}]}],
                },
                *[s.model_dump(mode="json") for s in DEFAULT_POLICY.schemes],
            ],
        }
    )  # fmt: skip
    v = vacancy([E1, D1], slots=1, policy=policy)
    table = {
        "A": {"e1": (3, 3), "d1": (3, 3)},
        "R": {"e1": (2, 2), "d1": (0, 0)},
        "B": {"e1": (2, 2), "d1": (2, 2)},
        "F": {"e1": (0, 0), "d1": (3, 3)},
    }
    apps = [
        application("A"),
        application("R", at_risk_of_redundancy=True),
        application("B"),
        application("F", at_risk_of_redundancy=True),
    ]
    outcome = shortlist(v, apps, scores(table))
    result = outcome.by_id()
    figures = funnel(merge_decisions(outcome, {}, finalised=False))
    assert (figures.meets_minimum, figures.tally.priority_round, figures.interviewed) == (3, 1, 2)
    assert result["R"].decision is Outcome.SHORTLISTED_IN_PRIORITY_ROUND
    assert result["R"].reason.startswith(
        "Considered first, in the ring-fenced priority round before open competition, under "
        "the Redeployment scheme (at risk): at risk of redundancy"
    )
    assert result["R"].rank is None  # not in the open competition's ranking
    # The one merit place still goes to the best of the open competition.
    assert result["A"].decision is Outcome.SHORTLISTED_ON_MERIT and result["A"].rank == 1
    assert result["B"].rank == 2 and result["B"].decision is Outcome.NOT_SHORTLISTED
    # A priority applicant who fails an essential is not shortlisted: the round needs the minimum.
    assert result["F"].decision is Outcome.NOT_SHORTLISTED


def test_limiting_disability_interviews_to_zero_needs_a_reason() -> None:
    with pytest.raises(ValueError, match="needs a recorded reason"):
        vacancy([E1], policy=limited_policy(), disability_limited_places=0)
    v = vacancy(
        [E1],
        policy=limited_policy(),
        disability_limited_places=0,
        disability_zero_reason="Over 5,000 applicants; panel agreed with HR on 3 March.",
    )
    assert v.scheme.disability_zero_reason


def test_every_application_gets_a_decision_with_a_reason() -> None:
    v = vacancy([E1, E2, D1], slots=2)
    apps = [application(f"A{i}") for i in range(6)]
    result = shortlist(v, apps, scores(uniform([a.application_id for a in apps], v.criteria, 2)))
    assert len(result.decisions) == 6
    assert all(d.reason for d in result.decisions)


def test_a_withdrawn_application_needs_no_scores_and_keeps_nothing_open() -> None:
    v = vacancy([E1])
    apps = [application("A"), application("B", withdrawn=True)]
    result = shortlist(v, apps, scores({"A": {"e1": (2, 2)}}))
    assert result.is_final and result.issues == ()
    assert result.by_id()["B"].decision is Outcome.WITHDRAWN


@pytest.mark.parametrize("rule", ["rounded_down_mean", "median", "agreement_required"])
def test_a_vacancy_with_applications_and_no_panel_yet_is_all_scoring_incomplete(rule: str) -> None:
    v = vacancy([E1, D1], moderation=rule)
    empty = scores({}, members=())
    result = shortlist(v, [application("A"), application("B")], empty, members=())
    assert {d.decision for d in result.decisions} == {Outcome.SCORING_INCOMPLETE}
    assert not result.is_final
