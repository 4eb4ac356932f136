"""HR's decisions on a shortlist, through the services on SQLite and PostgreSQL: only what the
vacancy's policy can give is accepted (the Eve case at Dartford), a person's decision never
takes or repeats a rank, and a decision or sign-off from a screen the shortlist has moved past
is refused with nothing stored."""

from __future__ import annotations

import io

import openpyxl
import pytest

from scoring.errors import DecisionNotOpen, ShortlistMoved
from scoring.rules.outcomes import Outcome
from scoring.words.letters import LetterKind
from tests.integration.dartford import EVE, dartford_world
from tests.integration.helpers import Outbox
from use_cases import Services

REASON = "The panel wants to hear her account of the Elm Court project."


def test_eve_who_failed_every_essential_gets_no_priority_round_at_dartford(
    services: Services,
) -> None:
    world = dartford_world(services)
    hr, vid = world.hr, world.vacancy.id
    view = services.shortlists.shortlist(hr, vid)
    eve = next(r for r in view.rows if r.reference == EVE)
    assert eve.failed_essentials and eve.decision is Outcome.NOT_SHORTLISTED and eve.rank is None
    assert Outcome.SHORTLISTED_IN_PRIORITY_ROUND not in eve.choices
    assert Outcome.SHORTLISTED_ON_MERIT not in eve.choices
    assert Outcome.SHORTLISTED_UNDER_SCHEME not in eve.choices  # she claimed no scheme
    for refused in ("shortlisted_in_priority_round", "shortlisted_on_merit",
                    "shortlisted_under_scheme"):  # fmt: skip
        with pytest.raises(DecisionNotOpen):
            services.shortlists.override(
                hr, vid, reference=EVE, decision=refused, reason=REASON,
                expected_shortlist=view.version,
            )  # fmt: skip
    assert services.shortlists.shortlist(hr, vid).version == view.version, "nothing stored"

    services.shortlists.override(
        hr, vid, reference=EVE, decision="shortlisted_by_decision", reason=REASON,
        expected_shortlist=view.version,
    )  # fmt: skip
    outcome = services.shortlists.outcome(hr, vid)
    eve = next(r for r in outcome.view.rows if r.reference == EVE)
    assert eve.decision is Outcome.SHORTLISTED_BY_DECISION and eve.rank is None
    assert eve.reason.startswith("Shortlisted by a person's decision: decided by Hilary Hughes")
    ranked = [r for r in outcome.view.rows if r.rank is not None]
    assert [r.rank_text for r in ranked] == ["1", "2", "3", "3"]  # D003 and D004 level
    assert [r.reference for r in outcome.view.rows][-1] == EVE, "the unranked come last"
    assert (outcome.tally.on_merit, outcome.tally.by_decision, outcome.tally.shortlisted) == (
        2, 1, 3,
    )  # fmt: skip
    # The workbook counts her as the page does, and prints the version it was made from.
    book = openpyxl.load_workbook(
        io.BytesIO(services.workbooks.export_shortlist(hr, outcome).content), read_only=True
    )
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(values_only=True) if r and r[0]}
    assert summary["Shortlisted by a person's decision"] == 1
    assert summary["Shortlisted on merit"] == 2
    assert summary["Shortlist version"] == outcome.version
    assert summary["Shortlisted against the ranking by a person"] == "1"  # human review's figure
    review = services.human_review.review(hr, outcome).vacancy
    assert (review.by_decision, review.overrides) == (1, 1)
    # The charts' funnel counts her by her route, not as a guaranteed interview.
    funnel = services.reports.report(hr, outcome).funnel
    assert (funnel.interviewed, funnel.tally.under_scheme, funnel.tally.by_decision) == (3, 0, 1)


def test_finalise_from_a_screen_another_window_has_moved_past_is_refused(
    services: Services,
) -> None:
    world = dartford_world(services)
    hr, vid = world.hr, world.vacancy.id
    window_a = services.shortlists.shortlist(hr, vid)
    assert next(r for r in window_a.rows if r.reference == "D003").decision is (
        Outcome.NOT_SHORTLISTED
    )
    window_b = services.shortlists.shortlist(hr, vid)
    services.shortlists.override(
        hr, vid, reference="D003", decision="shortlisted_by_decision", reason=REASON,
        expected_shortlist=window_b.version,
    )  # fmt: skip
    with pytest.raises(ShortlistMoved, match="changed after this screen was drawn"):
        services.shortlists.finalise(hr, vid, expected_shortlist=window_a.version)
    with pytest.raises(ShortlistMoved):  # and an override from window A's screen too
        services.shortlists.override(
            hr, vid, reference="D004", decision="shortlisted_by_decision", reason=REASON,
            expected_shortlist=window_a.version,
        )  # fmt: skip
    now = services.shortlists.shortlist(hr, vid)
    assert not now.finalised
    assert next(r for r in now.rows if r.reference == "D004").decision is Outcome.NOT_SHORTLISTED
    services.shortlists.finalise(hr, vid, expected_shortlist=now.version)
    signed = services.shortlists.shortlist(hr, vid)
    assert signed.finalised
    d003 = next(r for r in signed.rows if r.reference == "D003")
    assert d003.decision is Outcome.SHORTLISTED_BY_DECISION, "signed off as the screen showed"


def test_a_decision_recorded_that_the_policy_cannot_give_is_decided_again_before_sign_off(
    services: Services,
) -> None:
    """A decision stored before the rule (Eve in a priority round at Dartford) blocks finalise."""
    world = dartford_world(services)
    hr, vid = world.hr, world.vacancy.id
    outcome = services.shortlists.outcome(hr, vid)
    with services.store.writing() as session:
        services.shortlists.repo.save_override(
            session=session, application_id=outcome.refs[EVE].id, expected_version=None,
            recommended=Outcome.NOT_SHORTLISTED, decision=Outcome.SHORTLISTED_IN_PRIORITY_ROUND,
            override_reason="Stored before the rule.", by=hr.user_id,
            at=services.shortlists.clock(),
        )  # fmt: skip
        services.shortlists.audit(
            session, hr, "override_decision", "application", EVE, vacancy_id=vid
        )
    now = services.shortlists.shortlist(hr, vid)
    with pytest.raises(Exception, match="Decide these again.*claimed no priority scheme"):
        services.shortlists.finalise(hr, vid, expected_shortlist=now.version)
    assert not services.shortlists.shortlist(hr, vid).finalised


def test_a_persons_decision_is_labelled_in_the_letters_and_the_send_records_the_version(
    services: Services,
) -> None:
    world = dartford_world(services)
    hr, vid = world.hr, world.vacancy.id
    services.shortlists.override(
        hr, vid, reference=EVE, decision="shortlisted_by_decision", reason=REASON,
        expected_shortlist=services.shortlists.outcome(hr, vid).version,
    )  # fmt: skip
    signed = services.shortlists.outcome(hr, vid).version
    services.shortlists.finalise(hr, vid, expected_shortlist=signed)
    version = services.shortlists.outcome(hr, vid).version  # the finalise moved it on
    lines = {line.reference: line for line in services.letters.letters(hr, vid).lines}
    assert lines[EVE].decision == "Shortlisted by a person's decision"
    assert lines[EVE].kind is LetterKind.INVITATION
    services.letters.mailer = Outbox()
    services.letters.send_emails(hr, vid)
    entries = [e for e in services.audit.audit_log(hr, vid) if e.action == "send_letter"]
    assert len(entries) == 5 and {e.new_value["shortlist"] for e in entries} == {version}
