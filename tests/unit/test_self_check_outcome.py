"""The self-check's results come from the core, judged on the day the page passes in: the same
answers on two days can meet a scheme's time limit on one and not the other."""

from __future__ import annotations

from datetime import date

from criteria.effective import effective_criteria
from criteria.loader import Catalogue
from scoring.applicant.scheme_questions import Answer as SchemeAnswer
from scoring.applicant.self_check import Answer, Rating
from scoring.applicant.self_check_outcome import self_check_outcome

EXAMPLE = (
    "At the housing association I agreed payment plans with 40 tenants and cut arrears by a fifth."
)
LEFT_THE_FORCES: dict[str, SchemeAnswer] = {
    "armed_forces_status": "left",
    "armed_forces_relationship": "self",
    "armed_forces_date": date(2025, 6, 30),
    "armed_forces_long_term": "yes",
    "armed_forces_gis": "yes",
}


def dartford_check(catalogue: Catalogue, today: date, answers: dict[str, Answer] | None = None):  # type: ignore[no-untyped-def]
    role = next(r for r in catalogue.roles.values() if r.organisation == "dartford")
    v = effective_criteria(role, catalogue.organisation_of(role))
    return v, self_check_outcome(v, answers or {}, LEFT_THE_FORCES, catalogue, today=today)


def test_a_veteran_who_left_last_year_is_told_the_covenant_may_apply_but_not_years_later(
    catalogue: Catalogue,
) -> None:
    _, soon = dartford_check(catalogue, date(2026, 1, 20))
    _, later = dartford_check(catalogue, date(2040, 1, 20))
    assert soon.today == date(2026, 1, 20)
    assert any(line.startswith("Armed Forces Covenant may apply") for line in soon.guidance)
    assert any(line.startswith("Armed Forces Covenant does not apply") for line in later.guidance)


def test_the_gaps_list_the_essentials_first_and_leave_out_what_is_shown(
    catalogue: Catalogue,
) -> None:
    v, _ = dartford_check(catalogue, date(2026, 1, 20))
    shown = next(c for c in v.criteria if c.is_essential)
    answers = {shown.id: Answer(Rating.STRONGLY, EXAMPLE)}
    _, outcome = dartford_check(catalogue, date(2026, 1, 20), answers)
    gaps = [r.criterion for r in outcome.gaps]
    assert shown not in gaps
    assert len(gaps) == len(v.criteria) - 1
    essentials = [c.is_essential for c in gaps]
    assert essentials == sorted(essentials, reverse=True)
