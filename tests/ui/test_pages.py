"""Streamlit AppTest smoke and behaviour tests for each page."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    return at


def test_home_page_shows_the_catalogue_size() -> None:
    at = open_app()
    assert at.title[0].value == "Shortlisting for council posts"
    assert [m.value for m in at.metric] == ["4", "30"]


def test_catalogue_page_shows_darlingtons_22_criteria_grouped() -> None:
    at = open_app().switch_page("app_pages/catalogue.py").run()
    at.selectbox(key="cat_org").select_index(
        list(at.selectbox(key="cat_org").options).index("Darlington Borough Council")
    ).run()
    assert not at.exception
    assert at.header[0].value == "Housing Income Management Officer"
    assert [s.value for s in at.subheader] == [
        "Qualifications",
        "Experience",
        "Knowledge",
        "Skills",
        "Personal attributes",
        "Special requirements",
    ]
    rows = sum(len(df.value) for df in at.dataframe)
    assert rows == 22
    marks = [m for df in at.dataframe for m in df.value["E/D"]]
    assert marks.count("E") == 17 and marks.count("D") == 5


def test_catalogue_page_switches_medway_level_and_shows_more_criteria() -> None:
    at = open_app().switch_page("app_pages/catalogue.py").run()
    orgs = [o for o in at.selectbox(key="cat_org").options]
    at.selectbox(key="cat_org").select_index(orgs.index("Medway Council")).run()
    roles = at.selectbox(key="cat_role").options
    at.selectbox(key="cat_role").select_index(
        next(i for i, r in enumerate(roles) if r.startswith("Data and Insight Officer"))
    ).run()
    level_a = sum(len(df.value) for df in at.dataframe)
    at.radio(key="cat_level").set_value("C").run()
    assert not at.exception
    assert "Level C (Accomplished)" in at.header[0].value
    assert sum(len(df.value) for df in at.dataframe) > level_a


def test_catalogue_page_shows_dartford_behaviours_with_indicators() -> None:
    at = open_app().switch_page("app_pages/catalogue.py").run()
    orgs = [o for o in at.selectbox(key="cat_org").options]
    at.selectbox(key="cat_org").select_index(orgs.index("Dartford Borough Council")).run()
    assert "Behaviours" in [s.value for s in at.subheader]
    labels = [e.label for e in at.expander]
    assert labels[:5] == [
        "Communication",
        "Respect",
        "Accountability",
        "Adaptability/Flexibility",
        "Collaboration",
    ]
