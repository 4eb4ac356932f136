"""The one decision each application has: the recommendation merged with a person's decision,
with a reason that says what the person decided, who, why, and what the tool recommended."""

from __future__ import annotations

from datetime import UTC, datetime

from scoring.rules.decisions import PersonsDecision, merge_decisions
from scoring.rules.outcomes import Outcome
from scoring.rules.shortlist import shortlist
from tests.factories import application, criterion, scores, vacancy

WHEN = datetime(2026, 2, 3, 10, 0, tzinfo=UTC)
V = vacancy([criterion("e1"), criterion("d1", "desirable")], slots=1)
TABLE = {
    "A": {"e1": (3, 3), "d1": (3, 3)},  # top: shortlisted on merit
    "B": {"e1": (2, 2), "d1": (1, 1)},  # meets the minimum, below the cut-off
    "C": {"e1": (0, 0), "d1": (3, 3)},  # fails the essential
}


def result():  # type: ignore[no-untyped-def]
    return shortlist(V, [application(x) for x in TABLE], scores(TABLE))


def person(ref: str, decision: Outcome, reason: str | None = "Panel agreed at the meeting", signed: str | None = None) -> PersonsDecision:  # fmt: skip
    return PersonsDecision(
        ref, decision, Outcome.NOT_SHORTLISTED, reason, signed, "Hilary Hughes", WHEN, 1
    )


def test_without_a_persons_decision_the_recommendation_stands() -> None:
    merged = {d.application_id: d for d in merge_decisions(result(), {}, finalised=False)}
    assert merged["A"].decision is Outcome.SHORTLISTED_ON_MERIT and merged["A"].rank == 1
    assert merged["C"].reason == merged["C"].recommendation_reason
    assert not merged["A"].overridden and merged["A"].version is None


def test_an_override_changes_the_decision_and_the_reason_but_never_gives_a_rank() -> None:
    stored = {
        "C": person("C", Outcome.SHORTLISTED_BY_DECISION, "she showed it at the assessment day")
    }
    merged = {d.application_id: d for d in merge_decisions(result(), stored, finalised=False)}
    c = merged["C"]
    assert (c.decision, c.recommended) == (
        Outcome.SHORTLISTED_BY_DECISION,
        Outcome.NOT_SHORTLISTED,
    )
    assert c.reason.startswith(
        "Shortlisted by a person's decision: decided by Hilary Hughes on 3 February 2026,"
    )
    assert "because she showed it at the assessment day." in c.reason
    assert c.reason.endswith("The tool had recommended: " + c.recommendation_reason)
    assert c.rank is None, "C failed an essential: outside the merit ranking, whatever was decided"
    assert [merged[x].rank for x in "AB"] == [1, 2], "the others' merit ranks stand"
    assert c.is_invited and c.version == 1


def test_a_persons_decision_keeps_the_merit_rank_of_an_application_in_the_competition() -> None:
    stored = {"B": person("B", Outcome.SHORTLISTED_BY_DECISION, "the panel wants to see two")}
    b = next(
        d for d in merge_decisions(result(), stored, finalised=False) if d.application_id == "B"
    )
    assert (b.rank, b.merit_rank) == (2, 2)


def test_a_withdrawal_recorded_by_a_person_has_no_rank() -> None:
    stored = {"A": person("A", Outcome.WITHDRAWN, "withdrew by e-mail on 2 February")}
    a = next(
        d for d in merge_decisions(result(), stored, finalised=False) if d.application_id == "A"
    )
    assert a.decision is Outcome.WITHDRAWN and a.rank is None and not a.is_invited


def test_once_finalised_the_reason_signed_off_is_kept_word_for_word() -> None:
    stored = {"B": person("B", Outcome.NOT_SHORTLISTED, None, signed="The reason as signed off.")}
    b = next(
        d for d in merge_decisions(result(), stored, finalised=True) if d.application_id == "B"
    )
    assert b.reason == "The reason as signed off."


def test_every_outcome_has_its_words() -> None:
    assert all(o.label and o.label[0].isupper() for o in Outcome)
