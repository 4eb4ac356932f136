"""AppTest for HR's Letters page: the wording edited (an unknown field named), a preview, the
documents, and the e-mails sent to a real SMTP server on loopback, once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from streamlit.testing.v1 import AppTest

from scoring.words.letters import DEFAULT_TEMPLATES, LetterKind
from tests.integration.helpers import PASSWORD
from tests.integration.test_letters import Inbox, finalise, free_port
from tests.ui.conftest import fresh_deployment
from tests.ui.helpers import frame, services_for, sign_in_and_open

PAGE = "app_pages/hr_letters.py"


@pytest.fixture
def finalised(isolated_database: str) -> str:
    services = services_for(isolated_database)
    finalise(services)
    services.store.engine.dispose()
    return isolated_database


@pytest.fixture
def mail_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    """A real SMTP server on loopback, and the settings pointing at it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(controller.port))
    monkeypatch.setenv("SMTP_FROM", "recruitment@darlington.gov.uk")
    fresh_deployment()
    yield inbox
    controller.stop()


def open_page() -> AppTest:
    return sign_in_and_open("hr", PASSWORD, PAGE)


def test_the_page_lists_each_letter_and_says_when_e_mail_is_not_set_up(
    finalised: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SMTP_HOST", raising=False)
    fresh_deployment()
    at = open_page()
    table = frame(at, "Letter")
    assert len(table) == 17
    assert dict(zip(table["Reference"], table["Letter"], strict=True))["D013"] == "No letter"
    assert dict(zip(table["Reference"], table["Letter"], strict=True))["D001"] == (
        "Invitation to interview"
    )
    assert any("E-mail is not set up" in w.value for w in at.warning)
    assert at.button(key="hr_letters_send").disabled


def test_hr_edits_the_wording_an_unknown_field_is_named_and_the_preview_uses_it(
    finalised: str,
) -> None:
    at = open_page()
    subject = next(t for t in at.text_input if t.key and t.key.endswith("_regret_0_subject"))
    subject.input("Your application {reference} {frist_name}")
    at.button(key="hr_letters_save_regret").click().run()
    assert any("{frist_name}" in e.value and "{first_name}" in e.value for e in at.error)
    subject = next(t for t in at.text_input if t.key and t.key.endswith("_regret_0_subject"))
    subject.input("Your application {reference}")
    at.button(key="hr_letters_save_regret").click().run()
    assert not at.exception
    assert any("Saved the wording" in s.value for s in at.success)
    assert any(t.key and t.key.endswith("_regret_1_subject") for t in at.text_input)
    body = next(t for t in at.text_area if t.key and t.key.endswith("_regret_1_body"))
    body.input("Dear {first_name},\n\nI am sorry.")
    at.button(key="hr_letters_default_regret").click().run()
    assert not at.exception
    assert [w.value for w in at.warning if "E-mail is not set up" not in w.value] == []
    body = next(t for t in at.text_area if t.key and t.key.endswith("_regret_1_body"))
    assert body.value == DEFAULT_TEMPLATES[LetterKind.REGRET].body
    subject = next(t for t in at.text_input if t.key and t.key.endswith("_regret_1_subject"))
    subject.input("Your application {reference}").run()
    at.selectbox(key="hr_letters_preview_ref").select("D007").run()
    at.button(key="hr_letters_preview").click().run()
    assert not at.exception
    assert any("Your application D007" in m.value for m in at.markdown)


def test_hr_sends_the_e_mails_once_and_prepares_the_documents(
    finalised: str, mail_server: Inbox
) -> None:
    at = open_page()
    assert not at.button(key="hr_letters_send").disabled
    at.button(key="hr_letters_send").click().run()
    assert not at.exception
    assert any("Sent 16; 0 sent before" in s.value for s in at.success)
    assert len(mail_server.messages) == 16
    at.button(key="hr_letters_send").click().run()
    assert any("Sent 0; 16 sent before, not sent again" in s.value for s in at.success)
    assert len(mail_server.messages) == 16
    at.button(key="hr_letters_zip_prepare").click().run()
    assert not at.exception
    assert at.get("download_button")
