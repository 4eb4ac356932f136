"""How many transactions one redraw of the Score page opens, counted on the app's own engine:
the signed-in person's session is checked once per run, not once per service call."""

from __future__ import annotations

from tests.transactions import transactions
from tests.ui.helpers import open_as
from use_cases import deployment
from use_cases.demo import Demo


def test_one_redraw_of_the_score_page_is_at_most_three_read_transactions(demo: Demo) -> None:
    at = open_as(demo, "demo-panel-1", "app_pages/score.py")
    assert "score_code" in at.session_state and at.toggle(key="score_keyboard").value

    with transactions(deployment.services().store.engine) as counted:
        at.run()

    assert not at.exception, at.exception
    assert counted.reads <= 3 and counted.writes == 0, counted


def test_a_key_press_on_the_pad_is_one_write_transaction_in_the_pages_run(demo: Demo) -> None:
    at = open_as(demo, "demo-panel-1", "app_pages/score.py")
    code = at.session_state["score_code"]
    press = {"seq": 1, "code": code, "criterion": "c3", "score": 2}
    at.session_state["score_pad"] = {"pad": {"client": "pad-1", "code": code, "presses": [press]}}

    with transactions(deployment.services().store.engine) as counted:
        at.run()

    assert not at.exception, at.exception
    assert at.session_state["score_pad_acked"][("pad-1", 1)].ok
    assert counted.writes == 1 and counted.reads <= 3, counted
