"""The candidate self-check page, in steps: no sign-in, nothing stored, nothing preselected,
and Back and Continue keep every answer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from criteria.effective import effective_criteria
from criteria.loader import load_catalogue
from criteria.schema import CATEGORY_LABELS
from storage import tables
from storage.store import open_store
from tests.factories import write_catalogue_with_recorded_scheme
from tests.ui.conftest import fresh_deployment

APP = str(Path(__file__).resolve().parents[2] / "app.py")
EXAMPLE = (
    "In my last post I agreed payment plans with forty tenants and reduced arrears by a fifth."
)
DARLINGTON = "darlington-housing-income-management-officer"


def open_check() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/self_check.py").run()
    assert not at.exception, at.exception
    return at


def choose(at: AppTest, org: str, role: str, level: str | None = None) -> AppTest:
    """Step 1: the organisation, the role and its level (by id), then Continue."""
    at.selectbox(key="sc_org").select(org).run()
    at.selectbox(key=f"sc_role_{org}").select(role).run()
    if level:
        at.radio(key=f"sc_level_{role}").set_value(level).run()
    press(at, "Continue")
    return at


def press(at: AppTest, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception


def heading(at: AppTest) -> str:
    return str(at.header[0].value)


def step_text(at: AppTest) -> str:
    return str(at.markdown[0].value)


def ratings(at: AppTest) -> list:  # type: ignore[type-arg]
    return [r for r in at.radio if r.key and r.key.endswith("_rating")]


def answer_step(at: AppTest, rating: str = "Fully", example: str = EXAMPLE) -> None:
    for radio in ratings(at):
        radio.set_value(rating)  # the label the applicant sees
    for area in at.text_area:
        area.input(example)


def to_results(at: AppTest, rating: str = "Fully") -> None:
    """Answer every criteria step alike, leave the scheme questions alone, reach the results."""
    for _ in range(20):
        if heading(at) == "Your results":
            return
        answer_step(at, rating)
        press(at, "Continue")
    raise AssertionError("the results were not reached")


def text(at: AppTest) -> str:
    return " ".join(str(m.value) for m in [*at.markdown, *at.success, *at.warning, *at.info])


def scheme_questions(at: AppTest, org: str = "dartford") -> dict[str, object]:
    """The scheme questions on the step, by the column each stands for, with their values."""
    prefix = f"sc_q_{org}_"
    widgets = [*at.radio, *at.date_input]
    return {w.key.removeprefix(prefix): w.value for w in widgets if w.key.startswith(prefix)}


def test_the_page_needs_no_sign_in_and_chooses_nothing_for_the_applicant(
    isolated_database: str,
) -> None:
    at = open_check()
    assert heading(at) == "Your organisation and role" and step_text(at) == "Step 1"
    assert at.selectbox(key="sc_org").value is None, "no organisation preselected"
    at.selectbox(key="sc_org").select("medway").run()
    assert at.selectbox(key="sc_role_medway").value is None, "no role preselected"
    at.selectbox(key="sc_role_medway").select("medway-tenancy-management-officer").run()
    assert at.radio(key="sc_level_medway-tenancy-management-officer").value is None
    press(at, "Continue")
    assert heading(at) == "Your organisation and role", "no level: no moving on"
    assert "Choose the level of the role." in " ".join(e.value for e in at.error)


def test_each_group_of_criteria_is_a_step_and_nothing_is_preselected(
    isolated_database: str,
) -> None:
    catalogue = load_catalogue()
    role = catalogue.role(DARLINGTON)
    variant = effective_criteria(role, catalogue.organisation_of(role))
    at = choose(open_check(), "darlington", DARLINGTON)
    seen: list[str] = []
    headings = []
    while heading(at) != "Your results":
        headings.append(heading(at))
        assert step_text(at) == f"Step {len(headings) + 1} of 9"
        assert ratings(at) and all(r.value is None for r in ratings(at)), "nothing preselected"
        assert len(ratings(at)) <= 6, "a long group is split into parts"
        seen += [r.label.removeprefix("How well do you meet: ") for r in ratings(at)]
        assert [a.label for a in at.text_area] == [
            f"Your example for: {r.label.removeprefix('How well do you meet: ')}"
            for r in ratings(at)
        ]
        answer_step(at)
        press(at, "Continue")
    assert seen == [c.text for _, group in variant.by_category() for c in group]
    assert [h.split(",")[0] for h in headings] == [
        CATEGORY_LABELS[c] for c, group in variant.by_category() for _ in range(0, len(group), 6)
    ]
    assert any(h.endswith(", part 2 of 2") for h in headings), "Darlington's 9 skills"


def test_continue_asks_for_every_rating_and_keeps_what_was_typed(isolated_database: str) -> None:
    at = choose(open_check(), "dartford", "dartford-visiting-officer")
    assert heading(at) == "Qualifications"  # one criterion
    at.text_area[0].input(EXAMPLE)
    press(at, "Continue")
    assert heading(at) == "Qualifications"
    problems = " ".join(e.value for e in at.error)
    assert "There is a problem" in problems and "Say how well you meet:" in problems
    assert at.text_area[0].value == EXAMPLE
    ratings(at)[0].set_value(ratings(at)[0].options[1])
    press(at, "Continue")
    assert heading(at) == "Experience" and not at.error


def test_back_and_continue_keep_every_answer(isolated_database: str) -> None:
    at = choose(open_check(), "dartford", "dartford-visiting-officer")
    answer_step(at, "Strongly")
    press(at, "Continue")
    assert heading(at) == "Experience"
    answer_step(at, "Partly", "Typed, then Back pressed before Continue.")
    press(at, "Back")
    assert heading(at) == "Qualifications"
    assert [r.value.label for r in ratings(at)] == ["strongly"]
    assert [a.value for a in at.text_area] == [EXAMPLE]
    press(at, "Back")
    assert heading(at) == "Your organisation and role"
    assert at.selectbox(key="sc_org").value == "dartford"
    assert at.selectbox(key="sc_role_dartford").value == "dartford-visiting-officer"
    press(at, "Continue")
    press(at, "Continue")
    assert heading(at) == "Experience"
    assert [r.value.label for r in ratings(at)] == ["partly"], "kept by Back"
    assert [a.value for a in at.text_area] == ["Typed, then Back pressed before Continue."]


def test_rating_everything_fully_with_examples_shows_the_minimum_met(
    isolated_database: str,
) -> None:
    at = choose(open_check(), "darlington", DARLINGTON)
    to_results(at)
    assert step_text(at) == "Step 9 of 9"
    shown = text(at)
    assert "Essential criteria shown: **17 of 17**. Overall fit: **100%**." in shown
    assert "every essential criterion assessed from the application" in shown
    assert "None: you show every criterion, with an example." in shown
    roles = [m.value for m in at.markdown if str(m.value).startswith("- **")]
    assert any("Visiting Officer" in r for r in roles)
    assert roles and all("carry over to" in r and "fit 0%" not in r for r in roles)
    assert [getattr(b, "label", None) for b in at.get("download_button")] == [
        "Download the summary (Excel)",
        "Download a printable page (open it, then print or save as PDF)",
        "Download your supporting-statement outline",
    ]


def test_nothing_rated_lists_the_gaps_and_no_other_role(isolated_database: str) -> None:
    at = choose(open_check(), "darlington", DARLINGTON)
    to_results(at, rating="Not yet")
    shown = text(at)
    assert "Essential criteria shown: **0 of 17**" in shown and "Not yet: some essential" in shown
    assert "A gap: this is essential" in shown
    assert "None yet: no answer you rated fully or strongly" in shown, "no role listed at 0%"
    assert "fit 0%" not in shown


def test_the_scheme_questions_are_the_policys_and_nothing_is_preselected(
    isolated_database: str,
) -> None:
    at = choose(open_check(), "dartford", "dartford-visiting-officer")
    while heading(at) != "Guaranteed interviews":
        answer_step(at)
        press(at, "Continue")
    assert scheme_questions(at) == {
        "disability_gis": None,
        "care_leaver": None,
        "armed_forces_status": None,
    }, "nothing preselected; no date of birth: Dartford's care-leaver scheme has no age limit"
    at.radio(key="sc_q_dartford_armed_forces_status").set_value("serving")
    press(at, "Continue")
    assert heading(at) == "Your armed forces service", "the follow-ups after a forces answer"
    asked = scheme_questions(at)
    dartford = load_catalogue().organisations["dartford"].guaranteed_interview
    assert set(asked) | {"disability_gis", "care_leaver", "armed_forces_status"} == set(
        dartford.columns_read()
    )
    assert all(v is None for v in asked.values())
    press(at, "Continue")
    assert "Armed Forces Covenant: we cannot tell yet. It depends on" in text(at)
    press(at, "Back")
    press(at, "Back")
    assert at.radio(key="sc_q_dartford_armed_forces_status").value == "serving"
    at.radio(key="sc_q_dartford_armed_forces_status").set_value("none")
    press(at, "Continue")
    assert heading(at) == "Your results", "no forces follow-ups after 'None of these'"


def test_the_scheme_answer_names_the_route(isolated_database: str) -> None:
    at = choose(open_check(), "dartford", "dartford-visiting-officer")
    while heading(at) != "Guaranteed interviews":
        answer_step(at)
        press(at, "Continue")
    at.radio(key="sc_q_dartford_disability_gis").set_value("yes")
    press(at, "Continue")
    assert "Disability Confident may apply to you (a disabled applicant)" in text(at)
    assert "reasonable adjustments" in text(at)


@pytest.fixture
def care_leavers_under_26(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A catalogue in which Dartford's care-leaver route has an age limit (25 or under)."""
    catalogue = write_catalogue_with_recorded_scheme(tmp_path / "catalogue")
    path = catalogue / "organisations" / "dartford.yaml"
    written = yaml.safe_load(path.read_text())
    for scheme in written["guaranteed_interview"]["schemes"]:
        if scheme["id"] == "care_leaver":
            scheme["routes"][0]["conditions"].append({"aged_at_most": 25})
    path.write_text(yaml.safe_dump(written, sort_keys=False, allow_unicode=True))
    monkeypatch.setenv("CATALOGUE_DIR", str(catalogue))
    fresh_deployment()


def test_the_date_of_birth_is_asked_only_under_an_age_limit(
    isolated_database: str, care_leavers_under_26: None
) -> None:
    at = choose(open_check(), "dartford", "dartford-visiting-officer")
    while heading(at) != "Guaranteed interviews":
        answer_step(at)
        press(at, "Continue")
    asked = scheme_questions(at)
    assert "date_of_birth" in asked and all(v is None for v in asked.values())
    at.radio(key="sc_q_dartford_care_leaver").set_value("yes")
    at.date_input(key="sc_q_dartford_date_of_birth").set_value(date(2004, 5, 1))
    press(at, "Continue")
    assert "Care leavers may apply to you (a care leaver)" in text(at)
    press(at, "Back")
    assert at.date_input(key="sc_q_dartford_date_of_birth").value == date(2004, 5, 1)


def test_a_council_with_no_recorded_scheme_asks_nothing_and_says_so(
    isolated_database: str,
) -> None:
    at = choose(open_check(), "darlington", DARLINGTON)
    headings = []
    while heading(at) != "Your results":
        headings.append(heading(at))
        assert not [w for w in [*at.radio, *at.date_input] if w.key.startswith("sc_q_")]
        answer_step(at)
        press(at, "Continue")
    assert "Guaranteed interviews" not in headings, "no scheme step"
    assert "Darlington Borough Council records no guaranteed-interview or priority scheme" in (
        text(at)
    )


def test_a_levelled_role_shows_the_level_matched(isolated_database: str) -> None:
    at = choose(open_check(), "medway", "medway-tenancy-management-officer", level="B")
    to_results(at, rating="Not yet")
    assert "Level you match:** not level A yet. Level A adds:" in text(at)
    at = choose(open_check(), "medway", "medway-tenancy-management-officer", level="A")
    to_results(at)
    assert "Level you match:** A. Level B adds:" in text(at)


def test_nothing_the_candidate_enters_is_written_to_the_database(isolated_database: str) -> None:
    store = open_store(isolated_database, load_catalogue())

    def counts() -> dict[str, int]:
        with store.reading() as session:
            return {
                t.name: session.scalar(select(func.count()).select_from(t)) or 0
                for t in tables.Base.metadata.sorted_tables
            }

    before = counts()
    at = choose(open_check(), "dartford", "dartford-visiting-officer")
    while heading(at) != "Guaranteed interviews":
        answer_step(at)
        press(at, "Continue")
    at.radio(key="sc_q_dartford_disability_gis").set_value("yes")
    at.radio(key="sc_q_dartford_care_leaver").set_value("yes")
    press(at, "Continue")
    assert heading(at) == "Your results"
    assert counts() == before
    assert sum(counts().values()) == 6, (
        "only the organisations loaded from the catalogue, the deployment's kind and where "
        "its audit chain's keyed entries start"
    )


def test_an_apprenticeship_says_no_requirements_are_published_and_asks_nothing() -> None:
    at = open_check()
    at.selectbox(key="sc_org").select("medway").run()
    at.selectbox(key="sc_role_medway").select("medway-housing-apprentice").run()
    at.radio(key="sc_level_medway-housing-apprentice").set_value("A").run()
    assert not at.exception
    note = " ".join(i.value for i in at.info)
    assert "Medway publishes no requirements for Housing Apprentice" in note
    assert "Check yourself against the advert for the vacancy" in note
    assert not ratings(at), "nothing to rate"
    assert not [b for b in at.button if b.label == "Continue"], "and no step to go on to"
