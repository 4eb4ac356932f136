"""One engine result per request: the Shortlist page, its workbook, a feedback sheet and the
funnel chart are made from the same outcome, so after an override they all say the same
decision, rank and reason; and the engine runs once per page draw and once per download."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

import scoring.rules.shortlist
from tests.ui.helpers import actor_of, frame, open_as, services_for
from use_cases.demo import Demo

REASON = "The panel preferred D004's court experience at moderation."


@pytest.fixture
def engine_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts every run of the engine (the shell reaches it only through this name)."""
    runs: list[int] = []
    real = scoring.rules.shortlist.shortlist

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        runs.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(scoring.rules.shortlist, "shortlist", counted)
    return runs


def funnel_values(at: AppTest) -> list[float]:
    at.session_state["hr_shortlist_tab"] = "Charts"
    at.run()
    chart = next(c for c in at.get("plotly_chart") if c.key == "chart_funnel")
    return list(json.loads(chart.proto.spec)["data"][0]["x"])


def sheet_rows(content: bytes, name: str) -> dict[str, dict[str, object]]:
    sheet = load_workbook(io.BytesIO(content))[name]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    return {str(r[header.index("Reference")]): dict(zip(header, r, strict=False)) for r in rows[1:]}


def test_after_an_override_every_view_shows_the_same_decision_rank_and_reason(
    demo: Demo, isolated_database: str
) -> None:
    services = services_for(isolated_database)
    hr = actor_of(demo, services, "demo-hr")
    before = services.shortlists.outcome(hr, 1)
    services.shortlists.override(
        hr, 1, reference="D004", decision="shortlisted_on_merit", reason=REASON,
        expected_version=before.decision("D004").version, expected_shortlist=services.shortlists.outcome(hr, 1).version)  # fmt: skip
    at = open_as(demo, "demo-hr", "app_pages/hr_shortlist.py")
    page = frame(at, "Decision").set_index("Reference").loc["D004"]
    outcome = services.shortlists.outcome(hr, 1)
    workbook = services.workbooks.export_shortlist(hr, outcome).content
    invite, regret = sheet_rows(workbook, "Shortlist"), sheet_rows(workbook, "Not shortlisted")
    feedback = services.feedback.feedback_sheet(hr, outcome, "D004")
    funnel = services.reports.report(hr, outcome).funnel

    assert page["Decision"] == "Shortlisted on merit"
    assert page["Reason"].startswith("Shortlisted on merit: decided by Hilary Hughes (HR)")
    assert REASON.rstrip(".") in page["Reason"]
    assert page["Rank"] is not None and str(page["Rank"]) not in ("None", "nan")
    assert "D004" not in regret, "an application is on one side of the workbook only"
    row = invite["D004"]
    assert (row["Rank"], row["Decision"], row["Reason"]) == (
        int(page["Rank"]),
        page["Decision"],
        page["Reason"],
    )
    assert (feedback.decision, feedback.reason) == (page["Decision"], page["Reason"])
    shortlisted = sum(d.startswith("Shortlisted") for d in frame(at, "Decision")["Decision"])
    assert (
        funnel.interviewed
        == shortlisted
        == len(invite)
        - sum(not str(r["Decision"]).startswith("Shortlisted") for r in invite.values())
    )
    assert funnel_values(at)[-1] == shortlisted, "the chart counts the override too"


def test_the_engine_runs_at_most_once_per_request_and_not_again_until_something_changes(
    demo: Demo, isolated_database: str, engine_runs: list[int]
) -> None:
    at = open_as(demo, "demo-hr", "app_pages/hr_shortlist.py")
    services = services_for(isolated_database)
    hr = actor_of(demo, services, "demo-hr")
    services.shortlists.override(  # a write: what the page shows must be made again
        hr,
        1,
        reference="D004",
        decision="shortlisted_on_merit",
        reason=REASON,
        expected_shortlist=services.shortlists.outcome(hr, 1).version,
    )
    engine_runs.clear()
    at.run()
    assert len(engine_runs) == 1, "table, counts and charts come from one run"
    engine_runs.clear()
    at.button(key="hr_workbook_prepare").click().run()
    assert at.session_state["hr_workbook"].file_name == "shortlist-vacancy-1.xlsx"
    assert engine_runs == [], "the workbook is made from the outcome the page already has"
    at.selectbox(key="hr_feedback_reference").set_value("D007")
    at.button(key="hr_feedback_prepare").click().run()
    assert at.session_state["hr_feedback"][0] == "D007"
    assert engine_runs == [], "so is the feedback sheet"
    at.switch_page("app_pages/moderation.py").run()
    assert not at.exception and engine_runs == [], "pages share the outcome until a write"
    services.moderation.record_agreed_score(
        hr, 1, panel_code=services.shortlists.outcome(hr, 1).refs["D015"].panel_code,
        criterion_id="c4", score=2, note="Agreed at moderation.",
    )  # fmt: skip
    engine_runs.clear()
    at.switch_page("app_pages/hr_shortlist.py").run()
    assert len(engine_runs) == 1, "an agreed score recorded elsewhere is shown at once"


def test_no_workbook_or_sheet_is_built_when_a_page_is_drawn(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[str] = []
    import use_cases.scoring_sheets as sheets
    import use_cases.workbooks as workbooks

    real_sheet, real_book = sheets.write_scoring_sheet, workbooks.write_shortlist_workbook
    monkeypatch.setattr(sheets, "write_scoring_sheet", lambda *a, **k: (built.append("sheet"), real_sheet(*a, **k))[1])  # fmt: skip
    monkeypatch.setattr(workbooks, "write_shortlist_workbook", lambda *a, **k: (built.append("book"), real_book(*a, **k))[1])  # fmt: skip
    for user, page in [
        ("demo-hr", "app_pages/hr_shortlist.py"),
        ("demo-hr", "app_pages/hr_panel.py"),
        ("demo-panel-1", "app_pages/panel_home.py"),
    ]:
        at = open_as(demo, user, page)
        at.run()
        assert not at.exception
    assert built == []
    at.button(key="panel_sheet_prepare").click().run()
    assert built == ["sheet"], "built when the member asks"
