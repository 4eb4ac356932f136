"""The candidate self-check page: no sign-in, nothing stored."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from criteria.loader import load_catalogue
from storage import tables
from storage.store import open_store

APP = str(Path(__file__).resolve().parents[2] / "app.py")
EXAMPLE = (
    "In my last post I agreed payment plans with forty tenants and reduced arrears by a fifth."
)


def open_check(organisation: str = "Darlington Borough Council") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/self_check.py").run()
    assert not at.exception
    at.selectbox(key="sc_org").select_index(
        [o for o in at.selectbox(key="sc_org").options].index(organisation)
    ).run()
    return at


def scheme_questions(at: AppTest) -> dict[str, object]:
    """The scheme questions on the page, by the column each stands for, with their values."""
    prefix = "sc_q_dartford_"
    widgets = [*at.radio, *at.date_input]
    return {w.key.removeprefix(prefix): w.value for w in widgets if w.key.startswith(prefix)}


def rate_everything(at: AppTest, rating: str = "Fully") -> None:
    for radio in at.radio:
        if radio.key and radio.key.endswith("_rating"):
            radio.set_value(
                next(o for o in radio.options if o.label == rating)
                if hasattr(radio.options[0], "label")
                else radio.options[2]
            )
    for area in at.text_area:
        if area.key and area.key.endswith("_example"):
            area.input(EXAMPLE)
    at.run()


def test_the_page_needs_no_sign_in_and_lists_every_criterion(isolated_database: str) -> None:
    at = open_check()
    ratings = [r for r in at.radio if r.key and r.key.endswith("_rating")]
    assert len(ratings) == 22, "Darlington's 22 criteria (no behaviours published)"
    assert [s.value for s in at.subheader][:6] == [
        "Qualifications",
        "Experience",
        "Knowledge",
        "Skills",
        "Personal attributes",
        "Special requirements",
    ]
    assert at.metric[0].value == "0 of 17"


def test_rating_everything_fully_with_examples_shows_the_minimum_met(
    isolated_database: str,
) -> None:
    at = open_check()
    rate_everything(at)
    assert not at.exception
    assert (
        at.metric[0].value == "17 of 17"
        and at.metric[1].value == "100%"
        and at.metric[2].value == "0"
    )
    assert any(
        "every essential criterion assessed from the application" in s.value for s in at.success
    )
    assert "Visiting Officer" in " ".join(m.value for m in at.markdown)


def test_the_scheme_questions_are_the_policys_and_nothing_is_preselected(
    isolated_database: str,
) -> None:
    at = open_check("Dartford Borough Council")
    asked = scheme_questions(at)
    assert asked == {"disability_gis": None, "care_leaver": None, "armed_forces_status": None}
    assert "date_of_birth" not in asked, "Dartford's care-leaver scheme has no age limit"
    at.radio(key="sc_q_dartford_armed_forces_status").set_value("serving").run()
    asked = scheme_questions(at)
    assert set(asked) == set(
        load_catalogue().organisations["dartford"].guaranteed_interview.columns_read()
    )
    assert all(v is None for k, v in asked.items() if k != "armed_forces_status")
    text = " ".join(m.value for m in at.markdown)
    assert "Armed Forces Covenant: we cannot tell yet. It depends on" in text


def test_the_scheme_answer_names_the_route(isolated_database: str) -> None:
    at = open_check("Dartford Borough Council")
    at.radio(key="sc_q_dartford_disability_gis").set_value("yes").run()
    text = " ".join(m.value for m in at.markdown)
    assert "Disability Confident may apply to you (a disabled applicant)" in text
    assert "reasonable adjustments" in text


def test_a_council_with_no_recorded_scheme_asks_nothing_and_says_so(
    isolated_database: str,
) -> None:
    at = open_check()
    assert not [w for w in [*at.radio, *at.date_input] if w.key.startswith("sc_q_")]
    text = " ".join(m.value for m in at.markdown) + " ".join(m.value for m in at.text)
    assert "Darlington Borough Council records no guaranteed-interview or priority scheme" in text


def test_a_levelled_role_shows_the_level_matched(isolated_database: str) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/self_check.py").run()
    at.selectbox(key="sc_org").select_index(
        list(at.selectbox(key="sc_org").options).index("Medway Council")
    ).run()
    assert "Level you match:** not level A yet. Level A adds:" in " ".join(
        m.value for m in at.markdown
    )


def test_nothing_the_candidate_enters_is_written_to_the_database(isolated_database: str) -> None:
    store = open_store(isolated_database, load_catalogue())

    def counts() -> dict[str, int]:
        with store.reading() as session:
            return {
                t.name: session.scalar(select(func.count()).select_from(t)) or 0
                for t in tables.Base.metadata.sorted_tables
            }

    before = counts()
    at = open_check("Dartford Borough Council")
    rate_everything(at)
    at.radio(key="sc_q_dartford_disability_gis").set_value("yes").run()
    at.radio(key="sc_q_dartford_care_leaver").set_value("yes").run()
    assert not at.exception
    assert counts() == before
    assert sum(counts().values()) == 5, (
        "only the organisations loaded from the catalogue, and the deployment's kind"
    )


def test_an_apprenticeship_says_no_requirements_are_published_and_asks_nothing() -> None:
    at = open_check("Medway Council")
    roles = at.selectbox(key="sc_role")
    roles.select_index([o for o in roles.options].index(
        next(o for o in roles.options if o.startswith("Housing Apprentice"))
    )).run()  # fmt: skip
    assert not at.exception
    note = " ".join(i.value for i in at.info)
    assert "Medway publishes no requirements for Housing Apprentice" in note
    assert "Check yourself against the advert for the vacancy" in note
    assert not [r for r in at.radio if r.key and r.key.endswith("_rating")], "nothing to rate"
