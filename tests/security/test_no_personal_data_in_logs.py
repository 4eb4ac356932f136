"""Hole 6: an upload that failed in PostgreSQL printed the SQL parameters to the server log,
with names, e-mails and `'disability': True`. Parameters are never put in database errors, and
unexpected errors are logged as an incident reference with no values."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from streamlit.testing.v1 import AppTest

from incidents import incident
from tests.integration.helpers import make_world
from use_cases import Services

PERSONAL = "Jane Applicant, jane@example.org, {'disability': True}"


def test_a_database_error_carries_no_parameter_values(services: Services) -> None:
    make_world(services, import_sample=False)
    with pytest.raises(IntegrityError) as raised, services.store.writing() as session:
        session.execute(
            text("INSERT INTO users (username, display_name, role, active) VALUES (:u, :n, 'hr', true)"),
            {"u": "hr", "n": PERSONAL},
        )  # fmt: skip
    assert "Jane" not in str(raised.value) and "disability" not in str(raised.value)


def test_an_incident_is_logged_with_a_reference_and_no_values(
    caplog: pytest.LogCaptureFixture,
) -> None:
    try:
        raise ValueError(PERSONAL)
    except ValueError as exc:
        with caplog.at_level(logging.ERROR, logger="shortlisting"):
            reference = incident(exc, "in a test")
    logged = caplog.text
    assert reference in logged and "ValueError" in logged
    assert "Jane" not in logged and "disability" not in logged


def test_a_page_error_shows_the_reference_and_logs_no_values(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def page() -> None:
        from app_pages.common import reported

        with reported():
            raise RuntimeError("Jane Applicant, jane@example.org, {'disability': True}")

    with caplog.at_level(logging.ERROR, logger="shortlisting"):
        at = AppTest.from_function(page).run()
    assert not at.exception
    shown = at.error[0].value
    assert "reference" in shown and "Jane" not in shown
    assert "Jane" not in caplog.text and "RuntimeError" in caplog.text


def test_streamlit_logs_no_uncaught_error_message() -> None:
    from incidents import quiet_streamlit_tracebacks

    quiet_streamlit_tracebacks()
    target = logging.getLogger("streamlit.error_util")
    record = target.makeRecord(
        target.name, logging.ERROR, __file__, 1, "Uncaught app execution", (), None
    )
    assert not target.filter(record)
