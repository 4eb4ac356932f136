"""HR: equality monitoring by stage. Answers are imported apart from the applications and
never reach the panel; groups under five are not shown; the four-fifths rule flags groups
selected at a markedly lower rate."""

import streamlit as st

from app_pages.common import (
    choose_vacancy,
    get_services,
    literal,
    reported,
    require,
    show_problems,
)
from scoring.words.counts import counted
from use_cases.access import Role
from use_cases.errors import ImportRefused

actor = require(Role.HR)
services = get_services()
st.title("Equality monitoring")
vacancy_id = choose_vacancy(actor, key="hr_monitoring_vacancy")
if vacancy_id is None:
    st.stop()
st.write(
    "Optional. Import the equality-monitoring answers (CSV or XLSX: an `application_id` column and one column per question, such as sex, ethnicity, age band, disability). They are held apart from the applications, seen by HR only, and deleted with the personal details."
)
upload = st.file_uploader(
    "Monitoring answers (CSV or XLSX)", type=["csv", "xlsx"], key="hr_monitoring_upload"
)
if upload is not None and st.button("Import the answers", key="hr_monitoring_import"):
    try:
        rows = services.monitoring.import_monitoring(
            actor, vacancy_id, file_name=upload.name, data=upload.getvalue()
        )
        st.success(
            f"Imported answers for {counted(rows, 'application')} (earlier answers replaced)."
        )
    except ImportRefused as refused:
        st.error(literal(str(refused)))
        show_problems(list(refused.problems))

with reported():
    reports = services.monitoring.monitoring(actor, vacancy_id)
    if not reports:
        st.info("No monitoring answers for this vacancy yet.")
    for report in reports:
        st.subheader(literal(report.characteristic.capitalize()))
        st.dataframe(
            [
                {
                    "Group": g.group,
                    "Applied": g.counts.get("applied") if not g.suppressed else "fewer than 5",
                    "Meets minimum": g.counts.get("meets minimum"),
                    "Shortlisted": g.counts.get("shortlisted"),
                    "Rate to meets minimum": None
                    if g.rates.get("meets minimum") is None
                    else f"{g.rates['meets minimum']:.0%}",
                    "Rate to shortlisted": None
                    if g.rates.get("shortlisted") is None
                    else f"{g.rates['shortlisted']:.0%}",
                    "Impact ratio (shortlisted)": g.impact_ratio.get("shortlisted"),
                    "Under four-fifths": ", ".join(g.flagged),
                }  # fmt: skip
                for g in report.groups
            ],
            hide_index=True,
            key=f"hr_monitoring_{report.characteristic}",
        )
        st.caption(literal(report.note))
