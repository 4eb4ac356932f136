"""AppTest for the fairness screens: HR's redaction review and release, the names-only
declaration before scoring, chunked review, calibration in moderation, the feedback sheet and
equality monitoring (HR only)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from criteria.loader import load_catalogue
from storage.store import open_store
from tests.ui.helpers import APP, frame, open_as, services_for
from use_cases import Services, VacancyRequest
from use_cases.demo import Demo, create_demo

PAGES = Path(APP).parent / "app_pages"


@pytest.fixture
def fresh_demo(demo_mode: str) -> Demo:
    """The demo as a newcomer gets it: Rosa has not yet made her names-only declaration."""
    services = Services(open_store(demo_mode, load_catalogue(), demo=True))
    made = create_demo(services)
    services.store.engine.dispose()
    return made


def password(demo: Demo, username: str) -> str:
    return next(a.password for a in demo.accounts if a.username == username)


def test_the_member_declares_from_names_only_before_scoring(
    fresh_demo: Demo, isolated_database: str
) -> None:
    at = open_as(fresh_demo, "demo-panel-1", "app_pages/score.py")
    assert not at.exception
    names = frame(at, "Applicant")
    assert "Amina Hassan" in list(names["Applicant"]) and list(names.columns) == ["Applicant"]
    assert not at.get("score_pad") and "score_code" not in at.session_state
    choice = at.multiselect(key="score_declare_known")
    amina = next(o for o in choice.options if o == "Amina Hassan")
    choice.select(amina)
    at.text_input(key="score_declare_note").input("Former colleague")
    at.button[0].click().run()
    assert not at.exception
    assert "score_code" in at.session_state  # scoring has started
    services = services_for(isolated_database)
    hr = services.accounts.authenticate("demo-hr", password(fresh_demo, "demo-hr"))
    entry = next(e for e in services.audit.audit_log(hr, 1) if e.action == "declare_conflicts")
    assert entry.new_value == {"conflicts": ["D001"], "note": "Former colleague"}


def test_hr_reviews_adjusts_and_sees_release_state(
    fresh_demo: Demo, isolated_database: str
) -> None:
    at = open_as(fresh_demo, "demo-hr", "app_pages/hr_applications.py")
    assert not at.exception
    assert any("Released to the panel" in s.value for s in at.success)
    review = frame(at, "What was removed")
    assert len(review) == 17
    choice = at.selectbox(key="hr_apps_redaction_choice")
    choice.select_index(
        next(i for i, o in enumerate(choice.options) if o.startswith("D002:"))
    ).run()
    at.text_input(key="hr_apps_extra_D002").input("Universal Credit")
    at.button(key="hr_apps_redaction_apply").click().run()
    assert not at.exception
    services = services_for(isolated_database)
    hr = services.accounts.authenticate("demo-hr", password(fresh_demo, "demo-hr"))
    d002 = next(r for r in services.redaction.redaction_review(hr, 1) if r.reference == "D002")
    assert d002.extra == ["Universal Credit"] and "Universal Credit" not in d002.panel_statement


def test_an_unreleased_vacancy_waits_for_hr(fresh_demo: Demo, isolated_database: str) -> None:
    services = services_for(isolated_database)
    hr = services.accounts.authenticate("demo-hr", password(fresh_demo, "demo-hr"))
    vacancy = services.vacancies.create_vacancy(
        hr, VacancyRequest(role_id="darlington-housing-income-management-officer")
    )
    rosa = services.accounts.authenticate("demo-panel-1", password(fresh_demo, "demo-panel-1"))
    services.vacancies.assign_panel(hr, vacancy.id, [rosa.user_id])
    at = open_as(fresh_demo, "demo-panel-1", "app_pages/score.py")
    at.selectbox(key="score_vacancy").set_value(vacancy.id).run()
    assert not at.exception
    assert "HR has not released the applications" in at.info[0].value
    at = open_as(fresh_demo, "demo-hr", "app_pages/hr_applications.py")
    at.selectbox(key="hr_apps_vacancy").set_value(vacancy.id).run()
    assert not at.exception  # nothing imported: nothing to release yet
    assert not [b for b in at.button if b.key == "hr_apps_release"]


def test_chunked_review_shows_one_criterion_across_applications(
    fresh_demo: Demo, isolated_database: str
) -> None:
    services = services_for(isolated_database)
    hr = services.accounts.authenticate("demo-hr", password(fresh_demo, "demo-hr"))
    rosa = services.accounts.authenticate("demo-panel-1", password(fresh_demo, "demo-panel-1"))
    from tests.integration.helpers import DARLINGTON

    vacancy = services.vacancies.create_vacancy(
        hr,
        VacancyRequest(role_id="darlington-housing-income-management-officer", chunked_review=True),
    )
    services.vacancies.assign_panel(hr, vacancy.id, [rosa.user_id])
    services.intake.import_applications(
        hr, vacancy.id, file_name="a.csv", data=(DARLINGTON / "applications.csv").read_bytes()
    )
    services.redaction.release_to_panel(hr, vacancy.id)
    services.declarations.declare_conflicts(rosa, vacancy.id, [])
    at = open_as(fresh_demo, "demo-panel-1", "app_pages/score.py")
    at.selectbox(key="score_vacancy").set_value(vacancy.id).run()
    assert not at.exception, at.exception
    order = services.reading.review_order(rosa, vacancy.id)
    first = vacancy.scored_criteria[0].id
    prefix = f"chunk_{first}_"
    controls = [c for c in at.get("button_group") if c.key and c.key.startswith(prefix)]
    assert [c.key.removeprefix(prefix) for c in controls] == order[:10]
    at.segmented_control(key=f"{prefix}{order[0]}").set_value(3).run()
    assert not at.exception
    (saved,) = services.reading.my_scores(rosa, vacancy.id, order[0])
    assert (saved.criterion_id, saved.score) == (first, 3)
    at.button(key="chunk_next").click().run()
    assert any("Criterion 2 of" in h.value for h in at.subheader)


def test_moderation_shows_calibration_and_a_standardised_view(fresh_demo: Demo) -> None:
    at = open_as(fresh_demo, "demo-hr", "app_pages/moderation.py")
    assert not at.exception
    assert at.get("plotly_chart") == [], "calibration is made when asked for"
    at.toggle(key="moderation_calibrate").set_value(True).run()
    table = frame(at, "Difference from colleagues")
    assert list(table["Member"]) == ["Sam Okafor"]
    assert "moderation_calibration_chart" in [c.key for c in at.get("plotly_chart")]
    at.toggle(key="moderation_standardised").set_value(True).run()
    assert not at.exception


def test_hr_prepares_a_feedback_sheet(fresh_demo: Demo) -> None:
    at = open_as(fresh_demo, "demo-hr", "app_pages/hr_shortlist.py")
    at.selectbox(key="hr_feedback_reference").set_value("D005")
    at.button(key="hr_feedback_prepare").click().run()
    assert not at.exception
    reference, workbook, page = at.session_state["hr_feedback"]
    assert reference == "D005" and workbook[:2] == b"PK" and "<html" in page.lower()


def test_hr_imports_monitoring_answers_and_sees_the_report(fresh_demo: Demo) -> None:
    at = open_as(fresh_demo, "demo-hr", "app_pages/hr_monitoring.py")
    assert not at.exception
    assert "No monitoring answers" in at.info[0].value
    rows = "".join(f"D{i:03d},{'Female' if i % 2 else 'Male'}\n" for i in range(1, 18))
    at.file_uploader(key="hr_monitoring_upload").upload(
        "monitoring.csv", ("application_id,sex\n" + rows).encode(), "text/csv"
    ).run()
    at.button(key="hr_monitoring_import").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Imported answers for 17 applications")
    assert set(frame(at, "Group")["Group"]) == {"Female", "Male"}


def test_a_panel_member_can_neither_reach_nor_open_monitoring(
    fresh_demo: Demo, isolated_database: str
) -> None:
    at = open_as(fresh_demo, "demo-panel-2", "app_pages/panel_home.py")
    assert "Equality monitoring" not in str(at.get("navigation") or "") + str(
        [p.proto for p in at.get("page_link")]
    )
    page = AppTest.from_file(str(PAGES / "hr_monitoring.py"), default_timeout=60)
    services = services_for(isolated_database)
    page.session_state["actor"] = services.accounts.authenticate(
        "demo-panel-2", password(fresh_demo, "demo-panel-2")
    )
    page.run()
    assert [e.value for e in page.error] == ["Your account cannot use this page."]
    assert not page.get("file_uploader") and not page.get("arrow_data_frame")
