"""HR: the letters after a shortlist is finalised: the wording of each kind of letter (per
vacancy), a preview of any applicant's letter, the letters as documents (DOCX and PDF, zipped)
and the e-mails, sent to each applicant once."""

import streamlit as st

from app_pages.common import (
    MISSING,
    choose_vacancy,
    flash,
    get_services,
    literal,
    pick_one,
    plain_text,
    prepared_download,
    reported,
    require,
)
from scoring.words.letter_fields import FIELDS
from scoring.words.letters import DEFAULT_TEMPLATES, LetterKind, LetterTemplate
from use_cases.access import Role

actor = require(Role.HR)
services = get_services()
st.title("Letters")
chosen_id = choose_vacancy(actor, key="hr_letters_vacancy")
if chosen_id is None:
    st.stop()
vacancy_id = chosen_id  # an int, in the functions below too (they do not see the narrowing)
flash(key="hr_letters_flash")


def wording_keys(kind: LetterKind, version: int) -> tuple[str, str]:
    """Widget keys per vacancy, kind and saved version: a new version shows its own words."""
    stem = f"hr_letters_{vacancy_id}_{kind.value}_{version}"
    return f"{stem}_subject", f"{stem}_body"


def draft(kind: LetterKind, version: int) -> LetterTemplate:
    """The wording as it stands in the boxes (checked: an unknown field is named)."""
    subject, body = wording_keys(kind, version)
    return LetterTemplate(kind=kind, subject=st.session_state[subject], body=st.session_state[body])


def put_back_the_default(kind: LetterKind, subject: str, body: str) -> None:
    st.session_state[subject] = DEFAULT_TEMPLATES[kind].subject
    st.session_state[body] = DEFAULT_TEMPLATES[kind].body


with reported():
    view = services.letters.letters(actor, vacancy_id)
    lines = [x for x in view.lines if x.kind is not None]
    if not view.finalised:
        st.info(
            "Letters are sent once the shortlist is finalised (on the Shortlist page). You can write the wording and preview the letters now."
        )
    cols = st.columns(4)
    cols[0].metric("Letters", len(lines))
    cols[1].metric("E-mailed", sum(1 for x in lines if x.emailed))
    cols[2].metric("Without an e-mail address", sum(1 for x in lines if not x.email))
    cols[3].metric("Prepared as documents", sum(1 for x in lines if x.document))
    st.dataframe(
        [
            {
                "Reference": x.reference,
                "Name": x.name,
                "Decision": x.decision,
                "Letter": x.kind.label if x.kind else "No letter",
                "E-mail": x.email,
                "E-mailed": f"{x.emailed.status} {x.emailed.sent_at:%d %b %Y %H:%M} by {x.emailed.sent_by}"
                if x.emailed
                else "",
                "Document": f"prepared {x.document.sent_at:%d %b %Y}" if x.document else "",
            }  # fmt: skip
            for x in view.lines
        ],
        hide_index=True,
        key="hr_letters_table",
        placeholder=MISSING,
    )

    st.subheader("Wording")
    st.caption(
        "Fields you can use: "
        + "; ".join(f"{{{name}}} ({what})" for name, what in FIELDS.items())
        + ". Write {{ and }} for a brace. Each value goes in as plain text."
    )
    tabs = st.tabs([k.label for k in LetterKind])
    for kind, tab in zip(LetterKind, tabs, strict=True):
        stored = view.templates[kind]
        subject_key, body_key = wording_keys(kind, stored.version)
        with tab:
            if stored.version:
                st.caption(
                    f"Version {stored.version}, saved by {literal(stored.updated_by or '')} on {stored.updated_at:%d %b %Y %H:%M}."
                )
            else:
                st.caption("The council's default wording: not changed for this vacancy.")
            st.session_state.setdefault(subject_key, stored.template.subject)
            st.session_state.setdefault(body_key, stored.template.body)
            st.text_input("Subject", key=subject_key)
            st.text_area("Letter", height=320, key=body_key)
            left, right = st.columns(2)
            if left.button("Save the wording", key=f"hr_letters_save_{kind.value}"):
                services.letters.save_template(
                    actor, vacancy_id, draft(kind, stored.version), expected_version=stored.version
                )
                flash(f"Saved the wording of the '{kind.label}' letter.", key="hr_letters_flash")
                st.rerun()
            right.button(
                "Put back the default wording (then save it)",
                key=f"hr_letters_default_{kind.value}",
                on_click=put_back_the_default,
                args=(kind, subject_key, body_key),
            )

    st.subheader("Preview")
    who = pick_one("Applicant", [x.reference for x in lines], key="hr_letters_preview_ref")
    if who and st.button("Preview the letter (with the wording above)", key="hr_letters_preview"):
        their_kind = next((x.kind for x in lines if x.reference == who), None)
        version = view.templates[their_kind].version if their_kind else 0
        letter = services.letters.preview(
            actor, vacancy_id, who, draft=draft(their_kind, version) if their_kind else None
        )
        st.markdown(f"**To:** {literal(letter.email or 'no e-mail address')}")
        st.markdown(f"**Subject:** {literal(letter.subject)}")
        plain_text(letter.body)

    st.subheader("Send")
    st.caption(
        "The documents: one Word document and one PDF per applicant, to print and post. The e-mails: each applicant with an address is sent their letter once; a letter already sent is never sent again."
    )
    if view.finalised:
        prepared_download(
            "Prepare the letters (Word and PDF)", "hr_letters_zip",
            lambda: services.letters.documents(actor, vacancy_id), waiting="Preparing the letters",
        )  # fmt: skip
    if view.mail_problem:
        st.warning(literal(view.mail_problem))
    if st.button(
        "Send the e-mails",
        type="primary",
        disabled=not view.finalised or view.mail_problem is not None,
        key="hr_letters_send",
    ):
        with st.spinner("Sending"):
            report = services.letters.send_emails(actor, vacancy_id)
        message = (
            f"Sent {report.sent}; {report.already_sent} sent before, not sent again; "
            f"{report.without_address} without an e-mail address."
        )
        if report.failed:
            message += f" Not sent: {report.failed} ({'; '.join(report.problems)})."
        if report.not_attempted:
            message += (
                f" {report.not_attempted} not tried: the mail server stopped; send again later."
            )
        flash(
            literal(message), key="hr_letters_flash", kind="error" if report.failed else "success"
        )
        st.rerun()
