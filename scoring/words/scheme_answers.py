"""Each claimed scheme answered for one decision, for machines (`python -m exports shortlist
--json`, field `scheme_outcomes`): whether it was applied (gave this interview or the place in
the priority round) and why, with the scheme's own status, the route and the reason. A scheme
whose conditions hold but which gave nothing says why it was not used (withdrawn, the minimum
criteria not met, shortlisted on merit, ...)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scoring.rules.guaranteed_interview import SchemeOutcome, SchemeStatus
from scoring.rules.outcomes import Outcome
from scoring.words.scheme_names import the_scheme

NOT_USED: dict[Outcome, str] = {
    Outcome.WITHDRAWN: "not used: the application was withdrawn",
    Outcome.SCORING_INCOMPLETE: "not used yet: the scoring is not complete",
    Outcome.SHORTLISTED_ON_MERIT: "not needed: shortlisted on merit",
    Outcome.SHORTLISTED_IN_PRIORITY_ROUND: "not needed: considered in the priority round",
    Outcome.TIED_AT_CUT_OFF: "not used: no place under the scheme was left (high-volume mode)",
}


def _not_used(decision: Outcome, meets_minimum: bool | None, used: SchemeOutcome | None) -> str:
    if used is not None:
        return f"not needed: offered an interview under {the_scheme(used.scheme_name)}"
    if decision in NOT_USED:
        return NOT_USED[decision]
    if meets_minimum is False:
        return "not used: does not meet the minimum criteria"
    return "not used: no place under the scheme was left (high-volume mode)"


def scheme_answers(
    decision: Outcome,
    outcomes: Sequence[SchemeOutcome],
    used: SchemeOutcome | None,
    meets_minimum: bool | None,
) -> list[dict[str, Any]]:
    """One object per claimed scheme: scheme (id), name, applied, status, route, reason,
    missing. `used` is the scheme that gave the interview or the priority-round place."""
    answers = []
    for o in outcomes:
        applied = o is used
        reason = o.reason
        if o.status is SchemeStatus.APPLIES and not applied and o.own_minimum_not_met:
            reason = (
                f"not used: the scheme's own minimum is not met, {o.minimum_figure} "
                f"(the conditions hold: {o.reason})"
            )
        elif o.status is SchemeStatus.APPLIES and not applied:
            reason = f"{_not_used(decision, meets_minimum, used)} (the conditions hold: {o.reason})"
        answers.append(
            {
                "scheme": o.scheme_id,
                "name": o.scheme_name,
                "applied": applied,
                "status": o.status.value,
                "route": o.route_id,
                "reason": reason,
                "missing": list(o.missing),
            }
        )
    return answers
