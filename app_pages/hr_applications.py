"""HR: import applications (CSV, XLSX or ODS) into a vacancy, all or nothing, with every problem
listed by row and column."""

import streamlit as st

from app_pages.common import (
    MISSING,
    choose_vacancy,
    flash,
    get_services,
    literal,
    reported,
    require,
    show_problems,
)
from app_pages.redaction_review import adjust_redaction, redaction_table
from scoring.words.counts import counted
from use_cases.access import Role
from use_cases.errors import ImportRefused

actor = require(Role.HR)
services = get_services()
st.title("Applications")
vacancy_id = choose_vacancy(actor, key="hr_apps_vacancy")
if vacancy_id is None:
    st.stop()
flash()

upload = st.file_uploader(
    "Applications file (CSV, XLSX or ODS, the interchange format in the README; CSV separated "
    "by commas, semicolons or tabs)",
    type=["csv", "txt", "xlsx", "ods"],
    key="hr_apps_upload",
)
if upload is not None and st.button("Import", type="primary", key="hr_apps_import"):
    bar = st.progress(0.0, text="Starting")
    try:
        report = services.intake.import_applications(
            actor, vacancy_id, file_name=upload.name, data=upload.getvalue(),
            on_progress=lambda fraction, text: bar.progress(fraction, text=text),
        )  # fmt: skip
        st.success(
            f"Imported {counted(report.rows, 'application')} from {literal(report.file_name)}."
        )
    except ImportRefused as refused:
        bar.empty()
        st.error(literal(str(refused)))
        if refused.problems:
            show_problems(list(refused.problems))
    except Exception:
        bar.empty()
        with reported():
            raise

with reported():
    listed = services.intake.overview(actor, vacancy_id)
    st.subheader(counted(len(listed), "application"))
    st.caption(
        "Personal details and scheme declarations are shown to HR only; the panel sees a panel code and the evidence."
    )
    st.dataframe(
        [
            {
                "Reference": r.reference,
                "Panel code": r.panel_code,
                "Name": r.name,
                "E-mail": r.email or "",
                "Received": r.received_date,
                "Withdrawn": r.withdrawn,
                "Disability": r.declarations.disability,
                "Care leaver": r.declarations.care_leaver,
                "Armed forces": r.declarations.armed_forces_status.value,
            }  # fmt: skip
            for r in listed
        ],
        hide_index=True,
        key="hr_apps_table",
        placeholder=MISSING,
    )

st.header("What the panel will read")
st.write(
    "Before the panel sees any evidence, the applicants' own names, e-mail addresses, phone numbers, postcodes, dates of birth and similar identifiers are taken out of the statements and answers. Check what was removed, adjust it, then release the applications to the panel."
)
with reported():
    vacancy = services.vacancies.get_vacancy(actor, vacancy_id)
    held = [a for a in listed if a.held]
    if vacancy.released_at is not None:
        st.success(f"Released to the panel on {vacancy.released_at:%d %B %Y at %H:%M}.")
    if vacancy.released_at is not None and held:
        st.warning(
            f"{counted(len(held), 'late application')} {'is' if len(held) == 1 else 'are'} "
            "held: the panel does not see them until you have checked what is redacted below "
            "and released them. Members then declare the new names before scoring again."
        )
    if (vacancy.released_at is None and listed) or held:
        label = (
            f"Release the {counted(len(held), 'late application')} to the panel"
            if vacancy.released_at is not None
            else "Release the applications to the panel"
        )
        if st.button(label, type="primary", key="hr_apps_release"):
            released = services.redaction.release_to_panel(actor, vacancy_id)
            flash(f"Released {counted(released, 'application')} to the panel.")
            st.rerun()
    redaction_table(listed)
    if listed:
        adjust_redaction(actor, vacancy_id, listed)
