"""AppTest for the HR and panel pages, on a demo database."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from tests.ui.helpers import APP, frame, open_as, services_for, sign_in_and_open
from use_cases import Services, VacancyRequest
from use_cases.access import Role
from use_cases.demo import Demo


def test_home_offers_the_demo_on_an_empty_database_and_signs_in_with_one_click(
    demo_mode: str,
) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.button(key="home_demo").click().run()
    assert not at.exception
    accounts = frame(at, "User name")
    assert list(accounts["User name"]) == ["demo-admin", "demo-hr", "demo-panel-1", "demo-panel-2"]
    at.button(key="home_demo_demo-hr").click().run()
    assert at.session_state["actor"].username == "demo-hr"


def test_home_starts_a_large_synthetic_demo(demo_mode: str) -> None:
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.button(key="home_demo_large").click().run()
    assert not at.exception
    assert list(frame(at, "User name")["User name"])[1] == "demo-hr"
    services = services_for(demo_mode)
    hr = services.accounts.authenticate(
        "demo-hr", next(a.password for a in at.session_state["demo"].accounts if a.role is Role.HR)
    )
    vacancy = services.vacancies.list_vacancies(hr)[0]
    applications = services.intake.applications(hr, vacancy.id)
    assert len(applications) == 500
    assert len({a.reference for a in applications}) == 500
    member = next(m for m in services.progress.progress(hr, vacancy.id) if m.submitted_at)
    assert member.scored == member.expected > 0


def test_hr_sees_the_vacancies_and_creates_one_with_an_edited_weight(
    demo: Demo, isolated_database: str
) -> None:
    at = open_as(demo, "demo-hr", "app_pages/hr_vacancies.py")
    assert frame(at, "Vacancy")["Vacancy"][0] == "Housing Income Management Officer (demo)"
    at.text_input(key="hr_new_title").input("Income Officer, spring round")
    at.number_input(key="hr_new_slots").set_value(6)
    assert at.button(key="hr_new_create").disabled, "HR confirms the scheme policy first"
    assert any(
        "No guaranteed-interview or priority scheme is recorded" in m.value for m in at.markdown
    )
    at.checkbox(key="hr_new_policy_confirmed").check().run()
    at.button(key="hr_new_create").click().run()
    assert not at.exception
    assert "Created vacancy V002" in at.success[0].value
    services = services_for(isolated_database)
    hr = services.accounts.authenticate(
        "demo-hr", next(a.password for a in demo.accounts if a.username == "demo-hr")
    )
    created = services.vacancies.get_vacancy(hr, 2)
    assert created.title == "Income Officer, spring round" and created.scheme.slots == 6
    # The same form sent again (a second click) makes no second vacancy; the typed title stays.
    at.button(key="hr_new_create").click().run()
    assert len(services.vacancies.list_vacancies(hr)) == 2
    assert at.text_input(key="hr_new_title").value == "Income Officer, spring round"


MEDWAY_PASSWORD = "a long enough passphrase"


def medway_hr_on_the_vacancies_page(demo: Demo, isolated_database: str) -> tuple[Services, AppTest]:
    """A Medway HR officer, made by the demo's administrator, signed in on the Vacancies page."""
    services = services_for(isolated_database)
    admin = services.accounts.authenticate(
        "demo-admin", next(a.password for a in demo.accounts if a.username == "demo-admin")
    )
    services.accounts.create_user(
        admin, username="medway-hr", display_name="Medway HR", role=Role.HR,
        password=MEDWAY_PASSWORD, organisation_id="medway",
    )  # fmt: skip
    return services, sign_in_and_open("medway-hr", MEDWAY_PASSWORD, "app_pages/hr_vacancies.py")


def test_hr_creates_a_vacancy_at_a_level_of_a_levelled_role(
    demo: Demo, isolated_database: str
) -> None:
    services, at = medway_hr_on_the_vacancies_page(demo, isolated_database)
    roles = at.selectbox(key="hr_new_role")
    assert all(o.startswith("Medway: ") for o in roles.options), "only their council's roles"
    levelled = next(o for o in roles.options if "Anti-Social Behaviour" in o)
    roles.select_index(list(roles.options).index(levelled)).run()
    at.radio(key="hr_new_level").set_value("C").run()
    assert "Level C" in at.text_input(key="hr_new_title").value, "the title follows the level"
    rents = next(o for o in roles.options if "Housing Rents Officer" in o)
    roles.select_index(list(roles.options).index(rents)).run()
    at.radio(key="hr_new_level").set_value("B").run()
    assert at.text_input(key="hr_new_title").value.startswith("Housing Rents Officer")
    assert "Level B" in at.text_input(key="hr_new_title").value
    roles.select_index(list(roles.options).index(levelled)).run()
    at.radio(key="hr_new_level").set_value("C").run()
    at.checkbox(key="hr_new_policy_confirmed").check().run()
    at.button(key="hr_new_create").click().run()
    assert not at.exception
    medway_hr = services.accounts.authenticate("medway-hr", MEDWAY_PASSWORD)
    created = services.vacancies.get_vacancy(medway_hr, 2)
    assert created.level == "C" and created.title.startswith("Anti-Social Behaviour Officer")


def test_hr_applications_page_lists_names_and_declarations(demo: Demo) -> None:
    at = open_as(demo, "demo-hr", "app_pages/hr_applications.py")
    table = frame(at, "Panel code")
    assert len(table) == 17
    assert "Amina Hassan" in list(table["Name"])
    assert at.subheader[0].value == "17 applications"


def test_hr_panel_page_shows_progress_for_each_member(demo: Demo) -> None:
    at = open_as(demo, "demo-hr", "app_pages/hr_panel.py")
    texts = [p.proto.text for p in at.get("progress")]
    assert any("Rosa Patel: 0 of 336 scores, not submitted" in t for t in texts)
    assert any(t.startswith("Sam Okafor: 336 of 336 scores, submitted") for t in texts)


def test_hr_shortlist_page_records_an_override_with_its_reason(demo: Demo) -> None:
    at = open_as(demo, "demo-hr", "app_pages/hr_shortlist.py")
    table = frame(at, "Decision")
    assert len(table) == 17
    assert "Status  \n**Provisional: scoring or moderation is not finished**" in [
        m.value for m in at.main.markdown
    ]
    at.selectbox(key="hr_override_ref").set_value("D004")
    at.selectbox(key="hr_override_decision").set_value("shortlisted_on_merit")
    at.text_area(key="hr_override_reason").input("Panel preferred D004's court experience.")
    at.button[0].click().run()
    assert not at.exception
    row = frame(at, "Decision").set_index("Reference").loc["D004"]
    assert row["Decision"] == "Shortlisted on merit"
    assert row["Reason"].startswith("Shortlisted on merit: decided by Hilary Hughes (HR) on ")
    assert "because Panel preferred D004's court experience" in row["Reason"]


def test_an_override_without_a_reason_is_refused_with_a_message(demo: Demo) -> None:
    at = open_as(demo, "demo-hr", "app_pages/hr_shortlist.py")
    at.selectbox(key="hr_override_ref").set_value("D004").run()
    assert at.selectbox(key="hr_override_decision").value is None, "nothing chosen for HR"
    record = next(b for b in at.button if b.label == "Record the decision")
    record.click().run()
    assert not at.exception
    assert at.error[0].value == "Choose a decision first.", "a form left at its default"
    at.selectbox(key="hr_override_decision").set_value("shortlisted_on_merit")
    next(b for b in at.button if b.label == "Record the decision").click().run()
    assert not at.exception
    assert "needs a reason" in at.error[0].value


def test_hr_prepares_the_workbook(demo: Demo) -> None:
    at = open_as(demo, "demo-hr", "app_pages/hr_shortlist.py")
    at.button(key="hr_workbook_prepare").click().run()
    assert not at.exception
    prepared = at.session_state["hr_workbook"]
    assert prepared.file_name.endswith(".xlsx") and prepared.content[:2] == b"PK"


def test_hr_moderation_and_audit_pages_render(demo: Demo) -> None:
    at = open_as(demo, "demo-hr", "app_pages/moderation.py")
    assert at.title[0].value == "Moderation"
    at.switch_page("app_pages/hr_audit.py").run()
    assert not at.exception
    actions = list(frame(at, "What")["What"])
    assert "import applications" in actions and "submit scores" in actions


def test_a_panel_member_sees_only_their_progress_and_cannot_submit_unfinished(demo: Demo) -> None:
    at = open_as(demo, "demo-panel-1", "app_pages/panel_home.py")
    progress = frame(at, "Scored")
    assert len(progress) == 16 and set(progress.columns) == {"Application", "Scored", "Done"}
    assert at.button(key="panel_submit").disabled


def test_a_panel_member_scores_with_the_buttons_and_the_score_is_saved(
    demo: Demo, isolated_database: str
) -> None:
    at = open_as(demo, "demo-panel-1", "app_pages/score.py")
    at.toggle(key="score_keyboard").set_value(False).run()
    code = at.session_state["score_code"]
    at.segmented_control(key=f"score_btn_{code}_c3").set_value(2).run()
    assert not at.exception
    assert "Saved c3 = 2" in at.session_state["score_status"]
    services = services_for(isolated_database)
    member = services.accounts.authenticate(
        "demo-panel-1", next(a.password for a in demo.accounts if a.username == "demo-panel-1")
    )
    (saved,) = services.reading.my_scores(member, 1, code)
    assert (saved.criterion_id, saved.score) == ("c3", 2)
    at.button(key="score_next").click().run()
    assert at.session_state["score_code"] != code


def test_a_note_needs_a_score_first(demo: Demo) -> None:
    at = open_as(demo, "demo-panel-1", "app_pages/score.py")
    at.toggle(key="score_keyboard").set_value(False).run()  # the pad has notes of its own
    code = at.session_state["score_code"]
    at.text_input(key=f"score_note_{code}_c3").input("Good example").run()
    assert at.session_state["score_status"] == "Give a score before its note."


def test_the_submitted_member_moderates_a_disagreement(demo: Demo) -> None:
    at = open_as(demo, "demo-panel-2", "app_pages/moderation.py")
    assert not at.exception
    assert at.metric[0].value == "0"


HEADER = "application_id,received_date,first_name,last_name,email,disability_gis,care_leaver,armed_forces_status,armed_forces_relationship,armed_forces_date,armed_forces_long_term,armed_forces_gis,statement\n"


def test_hr_imports_a_file_and_sees_the_new_rows(demo: Demo) -> None:
    at = open_as(demo, "demo-hr", "app_pages/hr_applications.py")
    content = (
        HEADER + "L001,2026-01-29,Lee,Late,lee@example.org,no,no,none,,,,,My late evidence\n"
    ).encode()
    at.file_uploader(key="hr_apps_upload").upload("late.csv", content, "text/csv").run()
    at.button(key="hr_apps_import").click().run()
    assert not at.exception
    assert at.success[0].value == "Imported 1 application from late.csv."
    assert len(frame(at, "Panel code")) == 18


def test_a_bad_file_shows_every_problem_by_row_and_column_and_imports_nothing(demo: Demo) -> None:
    at = open_as(demo, "demo-hr", "app_pages/hr_applications.py")
    content = (HEADER + "L001,soon,Lee,Late,,maybe,no,none,,,,,x\n").encode()
    at.file_uploader(key="hr_apps_upload").upload("bad.csv", content, "text/csv").run()
    at.button(key="hr_apps_import").click().run()
    assert not at.exception
    assert "bad.csv was not imported: 2 problems to fix." in at.error[0].value
    problems = at.table[0].value
    assert list(problems["Column"]) == ["received\\_date", "disability\\_gis"]  # escaped
    assert list(problems["Row"]) == ["2", "2"]
    assert len(frame(at, "Panel code")) == 17


def test_the_shortlist_charts_render_and_agreement_appears_with_a_second_member(
    demo: Demo, isolated_database: str
) -> None:
    at = open_as(demo, "demo-hr", "app_pages/hr_shortlist.py")
    assert at.get("plotly_chart") == [], "the charts are made when their tab is opened"
    at.session_state["hr_shortlist_tab"] = "Charts"
    at.run()
    assert [c.key for c in at.get("plotly_chart")] == [
        "chart_totals",
        "chart_funnel",
        "chart_pass_rates",
        "chart_heatmap",
    ]
    services = services_for(isolated_database)
    rosa = services.accounts.authenticate(
        "demo-panel-1", next(a.password for a in demo.accounts if a.username == "demo-panel-1")
    )
    code = services.progress.my_progress(rosa, 1)[0].panel_code
    services.scores.save_score(rosa, 1, panel_code=code, criterion_id="c3", score=2)
    at.run()
    assert "chart_agreement" in [c.key for c in at.get("plotly_chart")]


def test_an_unexpected_error_shows_a_plain_message_and_no_traceback() -> None:
    def page() -> None:
        from app_pages.common import reported

        with reported():
            raise RuntimeError("boom: internal detail")

    at = AppTest.from_function(page).run()
    assert not at.exception
    (message,) = at.error
    assert message.value.startswith("Something went wrong and nothing was changed.")
    assert "boom" not in message.value and "Traceback" not in message.value


def test_a_value_the_rules_refuse_is_explained() -> None:
    def page() -> None:
        from app_pages.common import reported
        from criteria.schema import Criterion

        with reported():
            Criterion(id="Not A Slug", text="x", category="skills", requirement="essential")

    at = AppTest.from_function(page).run()
    assert at.error[0].value.startswith(
        "Not saved, please correct: id: String should match pattern"
    )


def test_the_retention_date_shown_is_the_chosen_vacancys(
    demo: Demo, isolated_database: str
) -> None:
    services = services_for(isolated_database)
    hr = services.accounts.authenticate(
        "demo-hr", next(a.password for a in demo.accounts if a.username == "demo-hr")
    )
    first = services.vacancies.list_vacancies(hr)[0]
    second = services.vacancies.create_vacancy(
        hr,
        VacancyRequest(role_id=first.role_id, closing_date=date(2027, 3, 1), retention_months=12),
    )
    at = open_as(demo, "demo-hr", "app_pages/hr_audit.py")
    at.selectbox(key="hr_audit_vacancy").select(first.id).run()
    assert at.date_input(key=f"hr_retention_date_{first.id}").value == first.retention_date
    at.selectbox(key="hr_audit_vacancy").select(second.id).run()
    assert at.date_input(key=f"hr_retention_date_{second.id}").value == date(2028, 3, 1)
    at.button(key="hr_retention_save").click().run()
    assert services.vacancies.get_vacancy(hr, first.id).retention_date == first.retention_date
    assert services.vacancies.get_vacancy(hr, second.id).retention_date == date(2028, 3, 1)


def test_the_human_review_figures_of_the_demo_vacancy_are_on_the_shortlist_page(
    demo: Demo, isolated_database: str
) -> None:
    at = open_as(demo, "demo-hr", "app_pages/hr_shortlist.py")
    at.session_state["hr_shortlist_tab"] = "Human review"
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Read by two or more members"] == "0 of 16"  # one member has scored
    assert metrics["Median reading time"] != "0 min", "the demo member read each application"
    assert metrics["Override rate"] == "0%"
    table = frame(at, "Panel member")
    sam = table[table["Panel member"] == "Sam Okafor"]
    assert len(sam) == 16 and sam["Opened"].all() and (sam["Minutes"] >= 3).all()
    assert (table[table["Panel member"] == "Rosa Patel"]["Criteria scored"] == 0).all()
    # The same figures in the demo vacancy's workbook.
    services = services_for(isolated_database)
    hr = services.accounts.authenticate(
        "demo-hr", next(a.password for a in demo.accounts if a.username == "demo-hr")
    )
    outcome = services.shortlists.outcome(hr, 1)
    book = load_workbook(io.BytesIO(services.workbooks.export_shortlist(hr, outcome).content))
    rows = list(book["Human review"].iter_rows(values_only=True))
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(values_only=True) if r and r[0]}
    figures = [
        "Read by two or more members", "Median reading time", "Overridden by a person",
        "Override rate", "Shortlisted against the ranking by a person",
    ]  # fmt: skip
    assert [summary[f] for f in figures] == [metrics[f] for f in figures], "the same figures"
    assert sum(1 for r in rows if r and r[1] == "Sam Okafor" and r[2] == "Yes") == 16


def test_an_apprenticeship_vacancy_asks_hr_for_its_criteria_and_makes_nothing_until_then(
    demo: Demo, isolated_database: str
) -> None:
    services, at = medway_hr_on_the_vacancies_page(demo, isolated_database)
    roles = at.selectbox(key="hr_new_role")
    apprentice = next(o for o in roles.options if "Housing Apprentice" in o)
    roles.select_index(list(roles.options).index(apprentice)).run()
    warning = " ".join(w.value for w in at.warning)
    assert "Medway publishes no requirements for Housing Apprentice" in warning
    assert "Add them under 'Add a criterion' below" in warning
    at.checkbox(key="hr_new_policy_confirmed").check().run()
    at.button(key="hr_new_create").click().run()
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert "Add at least one criterion assessed from the application" in shown
    medway_hr = services.accounts.authenticate("medway-hr", MEDWAY_PASSWORD)
    assert [v.role_id for v in services.vacancies.list_vacancies(medway_hr)] == [], "none made"
