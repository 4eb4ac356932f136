"""HR's decisions on the Shortlist page in Chromium, on a small Dartford campaign (Dartford's
policy has no priority scheme). Eve failed every essential: the override box preselects nothing
and offers no priority round, no scheme and no merit place, only "Shortlisted by a person's
decision"; the service accepts none of the others. Two windows: a sign-off from the window the
shortlist has moved past is refused, and nothing is signed off. Stored data read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from criteria.loader import load_catalogue
from scoring.errors import DecisionNotOpen
from scoring.rules.outcomes import Outcome
from storage.store import open_store
from tests.browser.conftest import AppServer
from tests.browser.helpers import TIMEOUT, choose, go, no_exceptions, settle, sign_in
from tests.integration.dartford import EVE, dartford_world
from tests.integration.helpers import PASSWORD
from use_cases import Services

REASON = "The panel wants to hear her account of the Elm Court project."


@pytest.fixture
def app(tmp_path: Path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'dartford.db'}"
    services = Services(open_store(url, load_catalogue()))
    world = dartford_world(services)
    server = AppServer(url)
    yield server, services, world
    server.stop()
    services.store.engine.dispose()


def shortlist_page(browser, server):  # type: ignore[no-untyped-def]
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    sign_in(page, server.url, "hr", PASSWORD)
    go(page, "Shortlist")
    expect(page.get_by_text("Ready to finalise")).to_be_visible(timeout=TIMEOUT)
    return page


def test_eve_is_offered_no_priority_round_and_nothing_is_chosen_for_hr(app, browser, shots) -> None:  # type: ignore[no-untyped-def]
    server, services, world = app
    page = shortlist_page(browser, server)
    choose(page, "Application", EVE)
    box = page.get_by_role("combobox", name="Decision", exact=True)
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("")  # nothing chosen
    expect(box).to_have_attribute("placeholder", "Choose a decision")

    # Left at its default, the form records nothing.
    page.get_by_label("Reason", exact=True).fill(REASON)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Choose a decision first.")).to_be_visible(timeout=TIMEOUT)
    hr, vid = world.hr, world.vacancy.id
    assert services.shortlists.outcome(hr, vid).decision(EVE).decided_by is None

    version = services.shortlists.outcome(hr, vid).version
    for refused in ("shortlisted_in_priority_round", "shortlisted_on_merit",
                    "shortlisted_under_scheme"):  # fmt: skip
        with pytest.raises(DecisionNotOpen):
            services.shortlists.override(
                hr, vid, reference=EVE, decision=refused, reason=REASON,
                expected_shortlist=version,
            )  # fmt: skip

    settle(page)
    box.click()
    box.press("ArrowDown")  # the list opens on a key press whatever the click did
    expect(page.get_by_role("option")).to_have_count(3, timeout=TIMEOUT)
    offered = page.get_by_role("option").all_inner_texts()
    shots(page, "eve-choices")
    assert offered == ["Shortlisted by a person's decision", "Not shortlisted", "Withdrawn"]
    page.get_by_role("option", name="Shortlisted by a person's decision").click()
    settle(page)
    expect(box).to_have_value("Shortlisted by a person's decision")
    page.get_by_label("Reason", exact=True).fill(REASON)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text(f"Recorded for {EVE}.")).to_be_visible(timeout=TIMEOUT)
    no_exceptions(page)
    eve = services.shortlists.outcome(hr, vid).decision(EVE)
    assert (eve.decision, eve.rank) == (Outcome.SHORTLISTED_BY_DECISION, None)
    assert eve.reason.startswith("Shortlisted by a person's decision: decided by Hilary Hughes")


def test_a_sign_off_from_the_window_the_shortlist_moved_past_is_refused(
    app, browser, shots
) -> None:  # type: ignore[no-untyped-def]
    server, services, world = app
    hr, vid = world.hr, world.vacancy.id
    window_a = shortlist_page(browser, server)
    window_b = shortlist_page(browser, server)

    choose(window_b, "Application", "D003")
    choose(window_b, "Decision", "Shortlisted by a person's decision")
    window_b.get_by_label("Reason", exact=True).fill(REASON)
    window_b.get_by_role("button", name="Record the decision").click()
    expect(window_b.get_by_text("Recorded for D003.")).to_be_visible(timeout=TIMEOUT)

    window_a.get_by_text("I have read every decision and its reason").click()
    settle(window_a)
    window_a.get_by_role("button", name="Finalise the shortlist").click()
    expect(window_a.get_by_text("the shortlist changed after this screen was drawn")).to_be_visible(
        timeout=TIMEOUT
    )
    shots(window_a, "stale-finalise-refused")
    assert not services.shortlists.shortlist(hr, vid).finalised, "nothing was signed off"

    # Window A now shows D003 as window B decided it; signing that off is accepted.
    settle(window_a)
    expect(window_a.get_by_text("Finalised: signed off")).to_have_count(0)
    window_a.get_by_text("I have read every decision and its reason").click()
    settle(window_a)
    finalise = window_a.get_by_role("button", name="Finalise the shortlist")
    expect(finalise).to_be_enabled(timeout=TIMEOUT)
    finalise.click()
    expect(window_a.get_by_text("Finalised: the shortlist is signed off.")).to_be_visible(
        timeout=TIMEOUT
    )
    no_exceptions(window_a)
    signed = services.shortlists.shortlist(hr, vid)
    assert signed.finalised
    d003 = next(r for r in signed.rows if r.reference == "D003")
    assert d003.decision is Outcome.SHORTLISTED_BY_DECISION
