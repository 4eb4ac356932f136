"""HR: the panel for a vacancy, its scoring progress, and offline scoring sheets."""

import streamlit as st

from app_pages.common import (
    choose_vacancy,
    flash,
    get_services,
    literal,
    prepared_download,
    reported,
    require,
    show_problems,
)
from scoring.words.counts import counted
from use_cases.access import Role
from use_cases.errors import ImportRefused

actor = require(Role.HR)
services = get_services()
st.title("Panel and progress")
flash()
chosen_id = choose_vacancy(actor, key="hr_panel_vacancy")
if chosen_id is None:
    st.stop()
vacancy_id = chosen_id  # an int, in the functions below too (they do not see the narrowing)

with reported():
    members = services.accounts.panel_members(actor)
    progress = services.progress.progress(actor, vacancy_id)
    assigned = [p.user_id for p in progress]
    names = {m.id: f"{m.display_name} ({m.username})" for m in members}
    chosen = st.multiselect(
        "Panel members",
        list(names),
        default=[a for a in assigned if a in names],
        format_func=lambda i: names[i],
        key="hr_panel_members",
    )
    if st.button("Save the panel", key="hr_panel_save"):
        services.vacancies.assign_panel(actor, vacancy_id, chosen)
        flash("Panel saved.")
        st.rerun()

    st.subheader("Progress")
    vacancy = services.vacancies.get_vacancy(actor, vacancy_id)
    st.caption(
        f"Scoring deadline: {vacancy.scoring_deadline:%d %B %Y}."
        if vacancy.scoring_deadline
        else "No scoring deadline set (Vacancies: change a vacancy)."
    )
    for p in progress:
        share = p.scored / p.expected if p.expected else 0.0
        state = f"submitted {p.submitted_at:%d %b %H:%M}" if p.submitted_at else "not submitted"
        flag = f" · **{p.pace.label.upper()}**" if p.pace.needs_reminder else f" · {p.pace.label}"
        st.progress(
            min(share, 1.0),
            text=f"{literal(p.member)}: {p.scored:,} of {p.expected:,} scores, {state}{flag}",
        )
    behind = [p for p in progress if p.pace.needs_reminder and not p.submitted_at]
    if behind and st.button(
        f"E-mail a reminder to the {counted(len(behind), 'member')} behind", key="hr_panel_remind"
    ):
        report = services.reminders.send_reminders(actor, vacancy_id)
        said = [f"Reminded: {', '.join(report.sent) or 'nobody'}."]
        if report.reminded_today:
            said.append(f"Already reminded today: {', '.join(report.reminded_today)}.")
        if report.without_email:
            said.append(f"No e-mail address: {', '.join(report.without_email)}.")
        if report.not_sent:
            said.append(f"Not sent, try again later: {'; '.join(report.not_sent)}.")
        flash(literal(" ".join(said)), kind="error" if report.not_sent else "success")
        st.rerun()

    st.subheader("Offline scoring sheets")
    if progress:
        member = st.selectbox(
            "Panel member",
            [p.user_id for p in progress],
            format_func=lambda i: next(p.member for p in progress if p.user_id == i),
            key="hr_panel_sheet_member",
        )
        prepared_download(
            "Prepare their scoring sheet", f"hr_panel_sheet_{member}",
            lambda: services.sheets.scoring_sheet(actor, vacancy_id, member_id=member),
        )  # fmt: skip
        returned = st.file_uploader(
            "Import a sheet they filled in (as downloaded, or saved as .xlsx or .ods)",
            type=["xlsx", "ods"],
            key="hr_panel_sheet_upload",
        )
        if returned is not None and st.button("Import their scores", key="hr_panel_sheet_import"):
            try:
                changed = services.sheets.import_scoring_sheet(
                    actor,
                    vacancy_id,
                    member_id=member,
                    data=returned.getvalue(),
                    file_name=returned.name,
                )
                st.success(f"Imported: {counted(changed, 'score')} recorded as theirs.")
            except ImportRefused as refused:
                st.error(literal(str(refused)))
                show_problems(list(refused.problems))
