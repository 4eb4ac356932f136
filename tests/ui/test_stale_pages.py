"""Two windows on the pages: window A is drawn, window B saves, window A saves. A is refused
with a message saying so, B's value stays in the database, and A's screen shows B's value.
(The keyboard pad has its own browser test: tests/browser/test_score_pad.py.)"""

from __future__ import annotations

import csv

from tests.ui.helpers import actor_of, frame, open_as, services_for
from use_cases import Services
from use_cases.demo import SAMPLE, Demo


def test_a_score_button_on_a_stale_screen_is_refused_and_shows_the_newer_score(
    demo: Demo, isolated_database: str
) -> None:
    at = open_as(demo, "demo-panel-1", "app_pages/score.py")
    at.toggle(key="score_keyboard").set_value(False).run()
    code = at.session_state["score_code"]
    services = services_for(isolated_database)
    rosa = actor_of(demo, services, "demo-panel-1")
    services.scores.save_score(rosa, 1, panel_code=code, criterion_id="c3", score=3)  # window B
    at.segmented_control(key=f"score_btn_{code}_c3").set_value(1).run()  # window A
    assert not at.exception
    assert "changed in another window" in at.session_state["score_status"]
    assert at.segmented_control(key=f"score_btn_{code}_c3").value == 3
    (kept,) = services.reading.my_scores(rosa, 1, code)
    assert (kept.score, kept.version) == (3, 1)


def test_a_note_on_a_stale_screen_is_refused_and_the_newer_score_stays(
    demo: Demo, isolated_database: str
) -> None:
    services = services_for(isolated_database)
    rosa = actor_of(demo, services, "demo-panel-1")
    at = open_as(demo, "demo-panel-1", "app_pages/score.py")
    at.toggle(key="score_keyboard").set_value(False).run()  # the pad has notes of its own
    code = at.session_state["score_code"]
    services.scores.save_score(rosa, 1, panel_code=code, criterion_id="c3", score=2)
    at.run()  # window A now shows the score at version 1
    services.scores.save_score(  # window B changes it
        rosa, 1, panel_code=code, criterion_id="c3", score=0, expected_version=1
    )
    at.text_input(key=f"score_note_{code}_c3").input("Strong example").run()
    assert "changed in another window" in at.session_state["score_status"]
    (kept,) = services.reading.my_scores(rosa, 1, code)
    assert (kept.score, kept.note, kept.version) == (0, "", 2)


def give_rosas_sample_scores(demo: Demo, services: Services) -> None:
    rosa = actor_of(demo, services, "demo-panel-1")
    hr = actor_of(demo, services, "demo-hr")
    codes = {a.reference: a.panel_code for a in services.intake.applications(hr, 1)}
    scored = {c.id for c in services.vacancies.get_vacancy(hr, 1).scored_criteria}
    with (SAMPLE / "panel_scores.csv").open(newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["panel_member"] == "rpatel"]
    services.scores.save_scores(
        rosa,
        1,
        [
            (codes[r["application_id"]], r["criterion_id"], int(r["score"]))
            for r in rows
            if r["criterion_id"] in scored and r["application_id"] != "D013"
        ],
    )


def test_an_agreed_score_from_a_stale_moderation_screen_is_refused(
    demo: Demo, isolated_database: str
) -> None:
    services = services_for(isolated_database)
    give_rosas_sample_scores(demo, services)
    hr = actor_of(demo, services, "demo-hr")
    at = open_as(demo, "demo-hr", "app_pages/moderation.py")  # window A
    item = services.moderation.moderation_queue(hr, 1)[0]
    services.moderation.record_agreed_score(  # window B
        hr, 1, panel_code=item.panel_code, criterion_id=item.criterion_id, score=2,
        note="Agreed in window B.",
    )  # fmt: skip
    at.selectbox(key="moderation_item").set_value(0)
    at.radio(key="moderation_score").set_value(3)
    at.text_input(key="moderation_note").input("From window A.")
    submit = next(b for b in at.button if b.label == "Record the agreed score")
    submit.click().run()
    assert not at.exception
    assert any("changed in another window" in e.value for e in at.error)
    (kept,) = [
        a for a in services.moderation.agreed_scores(hr, 1)
        if (a.panel_code, a.criterion_id) == (item.panel_code, item.criterion_id)
    ]  # fmt: skip
    assert (kept.score, kept.note) == (2, "Agreed in window B.")
    table = frame(at, "Agreed")
    assert 2 in list(table["Agreed"]), "window A now shows B's agreed score"


def test_an_override_from_a_stale_shortlist_screen_is_refused(
    demo: Demo, isolated_database: str
) -> None:
    services = services_for(isolated_database)
    hr = actor_of(demo, services, "demo-hr")
    at = open_as(demo, "demo-hr", "app_pages/hr_shortlist.py")  # window A
    services.shortlists.override(  # window B
        hr, 1, reference="D004", decision="shortlisted_on_merit",
        reason="Window B: the panel chose D004.", expected_shortlist=services.shortlists.outcome(hr, 1).version)  # fmt: skip
    at.selectbox(key="hr_override_ref").set_value("D004")
    at.selectbox(key="hr_override_decision").set_value("not_shortlisted")
    at.text_area(key="hr_override_reason").input("Window A: from the older screen.")
    next(b for b in at.button if b.label == "Record the decision").click().run()
    assert not at.exception
    assert any("the shortlist changed after this screen was drawn" in e.value for e in at.error)
    row = frame(at, "Decision").set_index("Reference").loc["D004"]
    assert row["Decision"] == "Shortlisted on merit" and "Window B" in row["Reason"]
