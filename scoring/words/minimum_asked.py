"""What a scheme's own minimum asks, in HR's words (the policy's lines on the Summary sheet and
the vacancy's pages)."""

from __future__ import annotations

from criteria.policy_minimum import (
    EachEssentialAtLeast,
    EssentialsShare,
    OneMinimum,
    OwnPassMark,
    SchemeMinimum,
    tests_of,
)


def minimum_in_words(minimum: SchemeMinimum) -> str:
    """ "60% of the possible marks across the application-stage essential criteria" """
    if not isinstance(minimum, OneMinimum):
        return " and ".join(minimum_in_words(m) for m in tests_of(minimum))
    if isinstance(minimum, EachEssentialAtLeast):
        return (
            f"an agreed score of at least {minimum.each_essential_at_least} on each "
            "application-stage essential criterion"
        )
    if isinstance(minimum, EssentialsShare):
        return (
            f"{minimum.essentials_share:g}% of the possible marks across the application-stage "
            "essential criteria"
        )
    if isinstance(minimum, OwnPassMark):
        return f"a total of at least {minimum.pass_mark:g} (the scheme's own pass mark)"
    return "every application-stage essential criterion met"
