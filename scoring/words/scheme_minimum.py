"""A scheme's own minimum in words (what it asks is scoring/words/minimum_asked.py): the
applicant's figure against it ("58.3% of the essentials' marks (14 of 24); the scheme asks
60%"), and the sentences a decision adds when a scheme with its own minimum applies."""

from __future__ import annotations

import math

from criteria.policy_minimum import (
    EssentialsShare,
    EveryEssential,
    OneMinimum,
    OwnPassMark,
    SchemeMinimum,
    tests_of,
)
from criteria.schema import Criterion
from scoring.rules.guaranteed_interview import SchemeOutcome
from scoring.rules.scheme import Scale
from scoring.rules.scheme_minimum import EssentialsFigure
from scoring.words.explain import criterion_ref, number, route_sentence
from scoring.words.scheme_names import the_scheme


def percent(marks: int, possible: int) -> str:
    """14 of 24 -> "58.3%": one decimal place at most, rounded down, so a figure short of what
    is asked never reads as it."""
    tenths = math.floor(marks * 1000 / possible) if possible else 0
    return f"{number(tenths / 10)}%"


def _score(value: int, scale: Scale) -> str:
    label = next((p.label for p in scale.points if p.value == value), None)
    return f"{value} ({label})" if label else str(value)


def minimum_figure(
    minimum: SchemeMinimum,
    figure: EssentialsFigure,
    total: float,
    criteria: tuple[Criterion, ...],
    scale: Scale,
) -> str | None:
    """The applicant's figure against the scheme's minimum, and what the scheme asks; None for
    the default minimum (the decision's usual words say it). Several tests: each figure, in
    the policy's order."""
    if not isinstance(minimum, OneMinimum):
        said = [minimum_figure(m, figure, total, criteria, scale) for m in tests_of(minimum)]
        return "; and ".join(s for s in said if s is not None) or None
    if isinstance(minimum, EveryEssential):
        return None
    if isinstance(minimum, OwnPassMark):
        return f"a total of {number(total)}; the scheme's pass mark is {number(minimum.pass_mark)}"
    if figure.lowest is None:
        return "no essential criterion is scored from the application; the scheme asks nothing more"
    if isinstance(minimum, EssentialsShare):
        return (
            f"{percent(figure.marks, figure.possible)} of the essentials' marks ({figure.marks} "
            f"of {figure.possible}); the scheme asks {number(minimum.essentials_share)}%"
        )
    column, lowest = figure.lowest
    asked = minimum.each_essential_at_least
    return (
        f"the lowest score on an essential, for {criterion_ref(criteria[column])}, is "
        f"{_score(lowest, scale)}; the scheme asks at least {_score(asked, scale)} on each"
    )


def own_minimum_met_reason(total: float, outcome: SchemeOutcome, on_merit: str) -> str:
    """Offered an interview under a scheme with its own minimum, which the applicant passes."""
    return (
        f"Offered an interview under {route_sentence(outcome)}; the scheme's minimum is met: "
        f"{outcome.minimum_figure}. Total {number(total)}, {on_merit}."
    )


def own_minimum_priority_reason(total: float | None, outcome: SchemeOutcome) -> str:
    scored = f" (total {number(total)})" if total is not None else ""
    return (
        "Considered first, in the ring-fenced priority round before open competition, under "
        f"{route_sentence(outcome)}; the scheme's minimum is met: {outcome.minimum_figure}"
        f"{scored}."
    )


def own_minimum_needs_information_reason(outcome: SchemeOutcome) -> str:
    facts = "; ".join(outcome.missing) or outcome.reason
    return (
        f"Needs information: not shortlisted on merit, but {the_scheme(outcome.scheme_name)}'s "
        f"minimum is met ({outcome.minimum_figure}), and the scheme cannot be decided without "
        f"{facts}. Ask the applicant before the shortlist is finalised."
    )
