"""HR: import applications (CSV or XLSX) into a vacancy, all or nothing, with every problem
listed by row and column."""

import streamlit as st

from app_pages.common import choose_vacancy, get_services, reported, require, show_problems
from storage.access import Role
from storage.errors import ImportRefused

actor = require(Role.HR)
services = get_services()
st.title("Applications")
vacancy_id = choose_vacancy(actor, key="hr_apps_vacancy")
if vacancy_id is None:
    st.stop()

upload = st.file_uploader(
    "Applications file (CSV or XLSX, the interchange format in the README)",
    type=["csv", "xlsx"],
    key="hr_apps_upload",
)
if upload is not None and st.button("Import", type="primary", key="hr_apps_import"):
    bar = st.progress(0.0, text="Starting")
    try:
        report = services.intake.import_applications(
            actor, vacancy_id, file_name=upload.name, data=upload.getvalue(),
            on_progress=lambda fraction, text: bar.progress(fraction, text=text),
        )  # fmt: skip
        st.success(f"Imported {report.rows:,} applications from {report.file_name}.")
    except ImportRefused as refused:
        bar.empty()
        st.error(str(refused))
        if refused.problems:
            show_problems(list(refused.problems))
    except Exception:
        bar.empty()
        with reported():
            raise

with reported():
    records = services.intake.applications(actor, vacancy_id)
    st.subheader(f"{len(records):,} applications")
    st.caption(
        "Personal details and scheme declarations are shown to HR only; the panel sees a panel code and the evidence."
    )
    st.dataframe(
        [
            {
                "Reference": r.reference,
                "Panel code": r.panel_code,
                "Name": f"{r.first_name} {r.last_name}".strip(),
                "E-mail": r.email or "",
                "Received": r.received_date,
                "Withdrawn": r.withdrawn,
                "Disability": r.declarations.disability,
                "Care leaver": r.declarations.care_leaver,
                "Armed forces": r.declarations.armed_forces_status.value,
            }  # fmt: skip
            for r in records
        ],
        hide_index=True,
        key="hr_apps_table",
    )

st.header("What the panel will read")
st.write(
    "Before the panel sees any evidence, the applicants' own names, e-mail addresses, phone numbers, postcodes, dates of birth and similar identifiers are taken out of the statements and answers. Check what was removed, adjust it, then release the applications to the panel."
)
with reported():
    vacancy = services.vacancies.get_vacancy(actor, vacancy_id)
    review = services.redaction.redaction_review(actor, vacancy_id)
    if vacancy.released_at is not None:
        st.success(f"Released to the panel on {vacancy.released_at:%d %B %Y at %H:%M}.")
    elif review and st.button(
        "Release the applications to the panel", type="primary", key="hr_apps_release"
    ):
        services.redaction.release_to_panel(actor, vacancy_id)
        st.rerun()
    st.dataframe(
        [
            {
                "Reference": r.reference,
                "Name": r.name,
                "Removed": len(r.redactions),
                "What was removed": "; ".join(
                    f"{x['kind']}: {x['text']} ({x['where']})" for x in r.redactions
                ),
                "Also removed (HR)": ", ".join(r.extra),
                "Left in (HR)": ", ".join(r.keep),
            }  # fmt: skip
            for r in review
        ],
        hide_index=True,
        key="hr_apps_redactions",
    )
    if review:
        chosen = st.selectbox(
            "Adjust one application",
            review,
            format_func=lambda r: f"{r.reference}: {r.name} ({len(r.redactions)} removed)",
            key="hr_apps_redaction_choice",
        )
        with st.form("hr_apps_redaction_form"):
            extra = st.text_input(
                "Also remove (comma-separated words or phrases, e.g. a previous surname or a street)",
                value=", ".join(chosen.extra),
                key=f"hr_apps_extra_{chosen.reference}",
            )
            keep = st.text_input(
                "Leave in (comma-separated: words removed by mistake, e.g. 'Hall' in 'town hall')",
                value=", ".join(chosen.keep),
                key=f"hr_apps_keep_{chosen.reference}",
            )
            if st.form_submit_button("Apply to this application", key="hr_apps_redaction_apply"):
                chosen = services.redaction.adjust_redaction(
                    actor,
                    vacancy_id,
                    chosen.reference,
                    extra=extra.split(","),
                    keep=keep.split(","),
                )
                st.success(f"Updated: {len(chosen.redactions)} removed from {chosen.reference}.")
        st.caption(f"What the panel reads for {chosen.panel_code}:")
        with st.container(border=True, key="hr_apps_panel_text"):
            st.text(chosen.panel_statement or "(no supporting statement)")
            for criterion_id, answer in chosen.panel_evidence.items():
                st.text(f"{criterion_id}: {answer}")
