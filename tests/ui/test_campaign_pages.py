"""The panel's and HR's pages through a campaign (issue 26 item 8), on the demo: a member who
submitted sees when and is not offered Submit again; a finalised vacancy says so once on the
Score page and its scores are read-only; a stale score's refusal names the criterion as the
screen numbers it, saying "Not saved" once; the shortlist names the members still scoring;
a withdrawn application's total is a dash, not "None"; an empty vacancy has nothing to
moderate yet; and the demo's one-click sign-ins come back after a refresh."""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from tests.ui.helpers import APP, actor_of, frame, open_as, services_for
from tests.ui.test_stale_pages import give_rosas_sample_scores
from use_cases import Services, VacancyRequest
from use_cases.demo import Demo


def finalise_the_demo(demo: Demo, services: Services) -> None:
    """Rosa scores as in the sample, HR agrees every wide disagreement and decides every open
    row, then signs the shortlist off."""
    give_rosas_sample_scores(demo, services)
    hr = actor_of(demo, services, "demo-hr")
    for item in services.moderation.moderation_queue(hr, 1, only_open=True):
        services.moderation.record_agreed_score(
            hr, 1, panel_code=item.panel_code, criterion_id=item.criterion_id,
            score=min(item.scores.values()), note="Agreed at the moderation meeting.",
        )  # fmt: skip
    for row in services.shortlists.shortlist(hr, 1).rows:
        if not row.decision.is_settled:
            services.shortlists.override(
                hr, 1, reference=row.reference, decision="not_shortlisted",
                reason="Decided by the panel at the moderation meeting.", expected_shortlist=services.shortlists.outcome(hr, 1).version)  # fmt: skip
    services.shortlists.finalise(
        hr, 1, expected_shortlist=services.shortlists.outcome(hr, 1).version
    )


def test_a_member_who_submitted_sees_when_and_is_not_offered_submit_again(
    demo: Demo, isolated_database: str
) -> None:
    services = services_for(isolated_database)
    sam = actor_of(demo, services, "demo-panel-2")  # he submitted when the demo started
    when = services.progress.my_standing(sam, 1).submitted_at
    assert when is not None
    at = open_as(demo, "demo-panel-2", "app_pages/panel_home.py")
    assert not at.exception
    (said,) = [s.value for s in at.success if "submitted your scores" in s.value]
    assert said.startswith(f"You submitted your scores on {when:%d %B %Y at %H:%M}.")
    assert not [b for b in at.button if b.key == "panel_submit"]
    assert not at.error


def test_a_finalised_vacancy_says_so_once_on_the_score_page_and_its_scores_are_read_only(
    demo: Demo, isolated_database: str
) -> None:
    finalise_the_demo(demo, services_for(isolated_database))
    at = open_as(demo, "demo-panel-1", "app_pages/score.py")
    assert not at.exception
    said = [i.value for i in at.info if "finalised" in i.value]
    assert said == [
        "This vacancy is finalised: scores can no longer change. Your scores are shown read-only."
    ]
    at.toggle(key="score_keyboard").set_value(False).run()
    code = at.session_state["score_code"]
    buttons = at.segmented_control(key=f"score_btn_{code}_c3")
    assert buttons.disabled and buttons.value is not None  # her score, shown, not changeable
    assert len([i for i in at.info if "finalised" in i.value]) == 1
    assert not at.error


def test_a_stale_score_is_refused_naming_the_criterion_as_the_screen_numbers_it(
    demo: Demo, isolated_database: str
) -> None:
    at = open_as(demo, "demo-panel-1", "app_pages/score.py")
    at.toggle(key="score_keyboard").set_value(False).run()
    code = at.session_state["score_code"]
    label = at.segmented_control(key=f"score_btn_{code}_c3").label.replace("\\", "")
    assert label.startswith("3. [E] "), "numbered as the pad numbers it"
    services = services_for(isolated_database)
    rosa = actor_of(demo, services, "demo-panel-1")
    services.scores.save_score(rosa, 1, panel_code=code, criterion_id="c3", score=3)  # window B
    at.segmented_control(key=f"score_btn_{code}_c3").set_value(1).run()  # window A
    status = at.session_state["score_status"]
    assert status.startswith(f"Not saved: your score for {code}, criterion 3, was changed")
    assert status.count("ot saved") == 1


def test_the_shortlist_names_the_members_still_scoring_by_their_names(demo: Demo) -> None:
    at = open_as(demo, "demo-hr", "app_pages/hr_shortlist.py")
    warnings = [w.value for w in at.warning]
    assert "Not finished scoring: Rosa Patel." in warnings
    assert not any("demo-panel" in w for w in warnings)


def test_a_withdrawn_applications_total_is_a_dash_not_none(demo: Demo) -> None:
    at = open_as(demo, "demo-hr", "app_pages/hr_shortlist.py")
    (table,) = [t for t in at.dataframe if "Total" in t.value.columns]
    withdrawn = table.value.set_index("Reference").loc["D013"]
    assert withdrawn["Decision"] == "Withdrawn"
    assert withdrawn.isna()["Total"], "no total: the table shows its placeholder"
    assert table.proto.placeholder == "—"


def test_an_empty_vacancy_has_nothing_to_moderate_yet(demo: Demo, isolated_database: str) -> None:
    services = services_for(isolated_database)
    hr = actor_of(demo, services, "demo-hr")
    empty = services.vacancies.create_vacancy(
        hr,
        VacancyRequest(
            role_id="darlington-housing-income-management-officer", closing_date=date(2026, 3, 2)
        ),
    )
    at = open_as(demo, "demo-hr", "app_pages/moderation.py")
    at.selectbox(key="moderation_vacancy").set_value(empty.id).run()
    assert not at.exception
    said = [s.value for s in at.success]
    assert said == ["Nothing to moderate yet: the vacancy has no applications."]


def test_the_demos_one_click_sign_ins_come_back_after_a_refresh(demo: Demo) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()  # a new session: the page refreshed
    assert not at.exception
    again = at.button(key="home_demo_again")
    assert again.label == "Show the demo's sign-ins again"
    again.click().run()
    assert not at.exception
    accounts = frame(at, "User name")
    assert list(accounts["User name"]) == [a.username for a in demo.accounts]
    at.button(key="home_demo_demo-panel-1").click().run()
    assert at.session_state["actor"].username == "demo-panel-1"
