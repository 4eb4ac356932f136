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
        report = services.import_applications(
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
    records = services.applications(actor, vacancy_id)
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
                "Disability": bool(r.declarations.get("disability")),
                "Care leaver": bool(r.declarations.get("care_leaver")),
                "Armed forces": r.declarations.get("armed_forces_status", "none"),
            }  # fmt: skip
            for r in records
        ],
        hide_index=True,
        key="hr_apps_table",
    )
