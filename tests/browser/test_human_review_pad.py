"""Scoring on the keyboard pad in Chromium is what HR's proof of human review shows: each
application the pad showed is opened, once, with minutes of reading, on the Human review tab
and in the database; the applications it never showed are not. A refresh shows (and opens)
the application the pad was on."""

from __future__ import annotations

import pandas as pd
from playwright.sync_api import Page, expect
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.browser.helpers import TIMEOUT, Wire, go, settle, sign_in
from tests.browser.test_fairness import PASSWORD
from tests.browser.test_score_pad import Scoring, intended, open_pad, scoring, settled

__all__ = ["scoring"]  # the fixture: Rosa, released and declared, on the Darlington sample


def tables_drawn(wire: Wire) -> list[pd.DataFrame]:
    """The tables the server sent the page (a table is drawn on a canvas, not in the DOM)."""
    found = []
    for frame in wire.frames:
        message = ForwardMsg.FromString(frame)
        if message.WhichOneof("type") != "delta" or not message.delta.HasField("new_element"):
            continue
        element = message.delta.new_element
        if element.WhichOneof("type") == "dataframe" and element.dataframe.arrow_data.data:
            found.append(convert_arrow_bytes_to_pandas_df(element.dataframe.arrow_data.data))
    return found


def views(s: Scoring, code: str) -> int:
    hr = s.services.accounts.authenticate("hr", PASSWORD)
    reference = next(
        a.reference for a in s.services.intake.applications(hr, s.vacancy) if a.panel_code == code
    )
    line = s.services.human_review.review(hr, s.services.shortlists.outcome(hr, s.vacancy)).of(
        reference
    )
    assert line is not None
    return line.members[0].views


def human_review_tab(browser, url: str) -> tuple[Page, pd.DataFrame]:  # type: ignore[no-untyped-def]
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    wire = Wire(page)
    sign_in(page, url, "hr", PASSWORD)
    go(page, "Shortlist")
    wire.clear()
    page.get_by_role("tab", name="Human review").click()
    settle(page)
    expect(page.get_by_text("Read by two or more members")).to_be_visible(timeout=TIMEOUT)
    (table,) = [t for t in tables_drawn(wire) if "Panel member" in t.columns]
    return page, table


def test_applications_scored_on_the_pad_are_opened_with_minutes_on_the_human_review_tab(
    browser,
    scoring: Scoring,
    shots,  # type: ignore[no-untyped-def]
) -> None:
    pad = open_pad(browser, scoring.server.url)
    scores = intended(2, len(scoring.criteria))
    # At a person's pace, a quarter of a second a key: reading time is the server's clock.
    pad.keyboard.type("".join(map(str, scores[0])), delay=250)
    pad.keyboard.press("n")
    expect(pad.locator(".pad")).to_have_attribute("data-code", scoring.codes[1])
    pad.keyboard.type("".join(map(str, scores[1])), delay=250)
    settled(pad)
    go(pad, "My vacancies")

    hr = scoring.services.accounts.authenticate("hr", PASSWORD)
    reference = {
        a.panel_code: a.reference for a in scoring.services.intake.applications(hr, scoring.vacancy)
    }
    scored = {reference[code] for code in scoring.codes[:2]}
    page, table = human_review_tab(browser, scoring.server.url)
    shots(page, "human-review-after-the-pad")
    rosa = table[table["Panel member"] == "Rosa Patel"].set_index("Reference")
    for ref in scored:
        assert bool(rosa.at[ref, "Opened"]), f"{ref} was shown on the pad"
        assert rosa.at[ref, "Views"] == 1
        assert rosa.at[ref, "Minutes"] > 0
        assert rosa.at[ref, "Criteria scored"] == len(scoring.criteria)
    others = rosa.drop(index=list(scored))
    assert not others["Opened"].any() and (others["Views"] == 0).all()

    outcome = scoring.services.shortlists.outcome(hr, scoring.vacancy)
    stored = scoring.services.human_review.review(hr, outcome)  # read back from the database
    for ref in scored:
        line = stored.of(ref)
        assert line is not None
        (member,) = line.members
        assert (member.opened, member.views) == (True, 1)
        assert member.seconds >= 5, "twenty key presses a quarter of a second apart, at least"
        assert rosa.at[ref, "Minutes"] == round(member.seconds / 60, 1)


def test_a_refresh_shows_and_opens_the_application_the_pad_was_on(
    browser, scoring: Scoring
) -> None:  # type: ignore[no-untyped-def]
    page = open_pad(browser, scoring.server.url)
    for i in range(1, 4):  # on to the fourth application, past the ones sent with the first
        page.keyboard.press("n")
        expect(page.locator(".pad")).to_have_attribute("data-code", scoring.codes[i])
        expect(page.locator(".pad .row").first).to_be_visible(timeout=TIMEOUT)
        page.locator('.pad [data-row="0"] [role="radio"][tabindex="0"]').focus()
    fourth = scoring.codes[3]
    settle(page)  # the pad has told the server what it shows; the server records a view
    assert views(scoring, fourth) == 1, "the fourth application opened"
    page.reload()
    expect(page.locator(".pad")).to_have_attribute("data-code", fourth, timeout=TIMEOUT)
    expect(page.locator(".pad .evidence")).to_be_visible(timeout=TIMEOUT)
    settle(page)
    assert views(scoring, fourth) == 2, "shown again after the refresh"
    assert views(scoring, scoring.codes[0]) == 1
