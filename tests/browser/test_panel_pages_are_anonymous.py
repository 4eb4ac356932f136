"""Every page a panel member can open shows none of the applicants' names, e-mail addresses,
HR references or scheme declarations: neither in the page (custom components and input values
included) nor in anything the server sends it (tables arrive as data drawn on a canvas)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    TIMEOUT,
    Wire,
    all_text,
    declare_no_conflicts,
    go,
    settle,
    sign_in,
)
from use_cases.demo import Demo

SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "data"
    / "samples"
    / "darlington-housing-income-management-officer"
)
DECLARATION_WORDS = re.compile(
    r"disab|care leaver|armed forces|veteran|spouse|civil partner|reservist", re.IGNORECASE
)


def applicants() -> tuple[list[str], list[str], list[str]]:
    with (SAMPLE / "applications.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    return (
        [f"{r['first_name']} {r['last_name']}" for r in rows],
        [r["email"] for r in rows],
        [r["application_id"] for r in rows],
    )


def assert_anonymous(text: str, where: str) -> None:
    names, emails, references = applicants()
    assert not [n for n in names if n in text], f"a name on {where}"
    assert not [e for e in emails if e in text], f"an e-mail address on {where}"
    assert not [r for r in references if re.search(rf"\b{r}\b", text)], (
        f"an HR reference on {where}"
    )
    assert not DECLARATION_WORDS.search(text), (
        f"a scheme declaration on {where}: {DECLARATION_WORDS.search(text)}"
    )


def account(demo: Demo, username: str) -> str:
    return next(a.password for a in demo.accounts if a.username == username)


def test_no_panel_page_shows_who_the_applicants_are(demo_app, browser, shots) -> None:  # type: ignore[no-untyped-def]
    server, demo = demo_app
    for username in ("demo-panel-1", "demo-panel-2"):
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        wire = Wire(page)
        sign_in(page, server.url, username, account(demo, username))
        seen = []
        if username == "demo-panel-1":  # the names-only declaration: names, and nothing else
            go(page, "Score")
            expect(page.get_by_text("Before you start: conflicts of interest")).to_be_visible(
                timeout=TIMEOUT
            )
            declaration = all_text(page)
            assert "P000" not in declaration and not re.search(r"\bD0\d\d\b", declaration)
            assert not DECLARATION_WORDS.search(declaration.replace("conflicts of interest", ""))
            shots(page, f"{username}-declaration")
            declare_no_conflicts(page)
            wire.clear()
        go(page, "My vacancies")
        expect(page.get_by_text("You have given")).to_be_visible(timeout=TIMEOUT)
        seen.append(("My vacancies", all_text(page)))
        shots(page, f"{username}-my-vacancies")
        go(page, "Score")
        expect(page.locator(".pad .row").first).to_be_visible(timeout=TIMEOUT)
        for _ in range(3):  # a few applications, with their evidence
            seen.append(("Score (keyboard)", all_text(page)))
            page.get_by_role("button", name="Next").click()
            settle(page)
        page.get_by_text("Keyboard pad (one key per criterion)").click()
        settle(page)
        page.get_by_test_id("stExpander").get_by_text("Notes", exact=True).click()
        settle(page)
        seen.append(("Score (buttons, notes open)", all_text(page)))
        shots(page, f"{username}-score")
        go(page, "Moderation")
        settle(page)
        seen.append(("Moderation", all_text(page)))
        shots(page, f"{username}-moderation")
        for where, text in seen:
            assert len(text) > 200, f"{where} did not render"
            assert_anonymous(text, f"{where} for {username}")
        assert "P000" in wire.text(), "the panel codes did travel: the wire was read"
        assert_anonymous(wire.text(), f"the data sent to {username}'s pages")
        page.context.close()


def test_the_check_would_catch_a_leak(demo_app, browser) -> None:  # type: ignore[no-untyped-def]
    """The same reading of an HR page does find names and declarations: the check can fail."""
    server, demo = demo_app
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    wire = Wire(page)
    sign_in(page, server.url, "demo-hr", account(demo, "demo-hr"))
    go(page, "Applications")
    expect(page.get_by_text("17 applications")).to_be_visible(timeout=TIMEOUT)
    with pytest.raises(AssertionError, match="a name on"):
        assert_anonymous(wire.text(), "HR's applications page")
