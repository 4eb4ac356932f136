"""The self-check's sentences on interview schemes: each scheme a candidate may qualify for, by
which route, or the fact still missing; and a plain statement when the council records no
scheme at all."""

from __future__ import annotations

from collections.abc import Sequence

from criteria.policy import GuaranteedInterviewPolicy
from criteria.policy_minimum import EveryEssential
from scoring.words.minimum_asked import minimum_in_words


def scheme_guidance(
    outcomes: Sequence[object],
    essentials_at_application: int,
    policy: GuaranteedInterviewPolicy,
    organisation: str,
) -> list[str]:
    """Plain sentences for a candidate: each scheme they may qualify for, by which route, or the
    fact still missing; and a plain statement when the council records no scheme at all."""
    from scoring.rules.guaranteed_interview import SchemeOutcome, SchemeStatus
    from scoring.rules.vacancy_cover import covers_in_words

    if policy.records_no_scheme:
        return [
            f"{organisation} records no guaranteed-interview or priority scheme in the documents "
            "this tool holds, so none is applied to its vacancies. Ask the council's HR team "
            "whether it runs one."
        ]
    lines = []
    for o in outcomes:
        assert isinstance(o, SchemeOutcome)
        scheme = policy.scheme(o.scheme_id)
        declare = f" {scheme.how_to_declare}" if scheme and scheme.how_to_declare else ""
        if scheme and scheme.covers:  # the self-check knows no vacancy: say which it covers
            declare = f" It covers only {covers_in_words(scheme.covers)}.{declare}"
        if o.status is SchemeStatus.APPLIES:
            offer = (
                "You are considered in a first, ring-fenced round before open competition"
                if o.is_priority
                else "You are offered an interview"
            )
            needs = (
                "you meet the minimum criteria, which means showing on your application each of "
                f"the {essentials_at_application} essential criteria assessed from it"
            )
            if scheme is not None and not isinstance(scheme.minimum, EveryEssential):
                needs = f"you meet the scheme's own minimum: {minimum_in_words(scheme.minimum)}"
            lines.append(
                f"{o.scheme_name} may apply to you ({o.route_name}): {o.reason}. {offer} if "
                f"{needs}.{declare}"
            )
        elif o.status is SchemeStatus.NEEDS_INFORMATION:
            lines.append(
                f"{o.scheme_name}: we cannot tell yet. It depends on {'; '.join(o.missing)}."
                + declare
            )
        elif o.status is SchemeStatus.DOES_NOT_APPLY:
            lines.append(f"{o.scheme_name} does not apply: {o.reason}.")
        else:
            lines.append(f"{o.scheme_name}: {organisation} records no such scheme.")
    if not lines:
        names = ", ".join(s.name for s in policy.schemes)
        lines.append(f"From your answers, none of {organisation}'s schemes ({names}) applies.")
    return lines
