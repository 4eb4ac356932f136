"""HR: the audit log, the retention date, and purging expired personal data."""

import json
from datetime import date

import streamlit as st

from app_pages.common import choose_vacancy, flash, get_services, reported, require
from scoring.words.counts import counted
from use_cases.access import Role

actor = require(Role.HR)
services = get_services()
st.title("Audit and retention")
vacancy_id = choose_vacancy(actor, key="hr_audit_vacancy")
flash()

with reported():
    entries = services.audit.audit_log(actor, vacancy_id)
    st.dataframe(
        [
            {
                "When": e.at,
                "Who": e.actor,
                "What": e.action.replace("_", " "),
                "Record": f"{e.entity} {e.entity_id or ''}".strip(),
                "Old": json.dumps(e.old_value) if e.old_value is not None else "",
                "New": json.dumps(e.new_value) if e.new_value is not None else "",
            }  # fmt: skip
            for e in entries
        ],
        hide_index=True,
        key="hr_audit_table",
    )
    if vacancy_id is not None:
        vacancy = services.vacancies.get_vacancy(actor, vacancy_id)
        st.subheader("Retention")
        st.write(
            f"Personal details and evidence of this vacancy are kept until **{vacancy.retention_date:%d %B %Y}**."
            if vacancy.retention_date
            else "This vacancy has no closing date, so no retention date yet."
        )
        # Keyed by vacancy: switching vacancy shows that vacancy's own date, never the last one's.
        new_date = st.date_input(
            "Keep until", value=vacancy.retention_date, format="DD/MM/YYYY",
            key=f"hr_retention_date_{vacancy_id}",
        )  # fmt: skip
        if st.button("Change the retention date", key="hr_retention_save") and new_date:
            services.vacancies.set_retention_date(actor, vacancy_id, new_date)
            flash(f"Retention date of {vacancy.reference} changed to {new_date:%d %B %Y}.")
            st.rerun()
    st.subheader("Purge")
    st.write(
        "Delete the applications, personal details, evidence, scores and notes of every vacancy that is finalised or closed and past its retention date. A vacancy still open, being scored or moderated is never purged, whatever its date. Anonymised counts are kept and the purge is audited."
    )
    sure = st.checkbox("I understand this cannot be undone", key="hr_purge_confirm")
    if st.button("Purge expired personal data", disabled=not sure, key="hr_purge"):
        report = services.retention.purge_expired(actor, today=date.today())
        st.success(
            f"Purged {counted(len(report.vacancies), 'vacancy')} "
            f"({counted(report.applications_deleted, 'application')})."
        )
