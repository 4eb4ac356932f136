"""Hole 12 (last part): a tampered score-pad value showed Streamlit's generic error. Whatever a
browser sends as the pad's value, the page says so plainly and stores nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.conftest import demo, demo_mode, isolated_database  # noqa: F401  (fixtures)
from tests.ui.helpers import actor_of, open_as, services_for
from use_cases.demo import Demo

HOSTILE: list[Any] = [
    {"pad": {"client": "<script>alert(1)</script>", "presses": []}},
    {"pad": {"client": "c1", "presses": [{"seq": "one", "code": "P1", "criterion": "c3"}]}},
    {"pad": {"client": "c1", "presses": [{"seq": 1, "code": "X" * 10_000, "criterion": "c3",
                                          "score": 2}]}},
    {"pad": {"client": "c1", "presses": [{"seq": 1, "code": "P1", "criterion": "c3",
                                          "score": 10**30}]}},
    {"pad": {"client": "c1", "presses": [{"seq": -1}] * 5000}},
    {"pad": "not an object"},
    {"pad": [1, 2, 3]},
]  # fmt: skip


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_a_tampered_pad_value_is_refused_plainly_and_stores_nothing(
    demo: Demo,  # noqa: F811
    demo_mode: str,  # noqa: F811
    value: Any,
) -> None:
    services = services_for(demo_mode)
    hr = actor_of(demo, services, "demo-hr")
    before = services.progress.progress(hr, 1)
    at = open_as(demo, "demo-panel-1", "app_pages/score.py")
    at.session_state["score_pad"] = value
    at.run()
    assert not at.exception
    assert services.progress.progress(hr, 1) == before
