"""HR: the organisation's vacancies, and a new vacancy from the catalogue."""

import hashlib
import secrets
from datetime import date

import pandas as pd
import streamlit as st

from app_pages.common import (
    flash,
    follow,
    get_catalogue,
    get_services,
    literal,
    reported,
    require,
)
from app_pages.role_variant import choose_variant
from app_pages.vacancy_manage import manage
from app_pages.vacancy_post import ask_post
from criteria.schema import Category, Criterion, Requirement, Stage
from scoring.rules.scheme import DEFAULT_THRESHOLDS, SCALES, ModerationRule, Scheme
from scoring.words.explain import policy_lines
from use_cases import CriterionEdit, PostAnswers, VacancyRequest
from use_cases.access import Role
from use_cases.models import VacancyPublic

actor = require(Role.HR)
services = get_services()
catalogue = get_catalogue()
st.title("Vacancies")

flash()
vacancies: list[VacancyPublic] = []
with reported():
    vacancies = services.vacancies.list_vacancies(actor)
    if vacancies:
        st.dataframe(
            [
                {
                    "Reference": v.reference,
                    "Vacancy": v.title,
                    "State": v.state.label,
                    "Closing": v.closing_date,
                    # "not set", not the grid's "None" for an empty cell
                    "Scoring deadline": str(v.scoring_deadline or "not set"),
                    "Applications": v.applications,
                }
                for v in vacancies
            ],
            hide_index=True,
            key="hr_vacancy_list",
        )
        with st.expander("Change a vacancy, open or close it"):
            by_id = {v.id: v for v in vacancies}
            chosen = st.selectbox(
                "Vacancy", list(by_id), format_func=lambda i: by_id[i].label, key="hr_manage_pick"
            )
            manage(actor, by_id[chosen])
    else:
        st.info("No vacancies yet: create the first one below.")

st.header("Create a vacancy")
roles = sorted(
    (r for r in catalogue.roles.values() if actor.organisation_id in (None, r.organisation)),
    key=lambda r: (r.organisation, r.title),
)
if not roles:
    st.info("Your organisation has no roles in the catalogue yet.")
    st.stop()
role = st.selectbox(
    "Role",
    roles,
    format_func=lambda r: (
        f"{catalogue.organisations[r.organisation].short_name}: {r.title} ({r.grade_label})"
    ),
    key="hr_new_role",
)
variant = choose_variant(role, catalogue.organisation_of(role), key="hr_new")

past = [v for v in vacancies if (v.role_id, v.level, v.grade) == (
    role.id, variant.level.id if variant.level else None, variant.grade.id if variant.grade else None
)]  # fmt: skip
copy_of = st.selectbox(
    "Copy the criteria and scoring settings of a past vacancy (optional)",
    [None, *[v.id for v in past]],
    format_func=lambda i: "No: start from the role profile" if i is None else next(
        v.label for v in past if v.id == i
    ),
    key="hr_new_copy_of",
) if past else None  # fmt: skip
if not past:  # said, rather than a greyed-out box (its faint label is under 4.5:1 contrast)
    st.caption("No past vacancy of this role and level to copy: the criteria start from the role profile.")  # fmt: skip

left, right = st.columns(2)
follow("hr_new_title", variant.label)  # the title follows the role until HR types their own
title = left.text_input("Title", key="hr_new_title")
closing = right.date_input("Closing date", value=None, format="DD/MM/YYYY", key="hr_new_closing")
interview = left.date_input(
    "Interview date", value=None, format="DD/MM/YYYY", key="hr_new_interview"
)
deadline = left.date_input(
    "Scoring deadline", value=None, format="DD/MM/YYYY", key="hr_new_deadline"
)
retention = right.number_input(
    "Keep personal data for (months after closing)", 1, 72, 6, key="hr_new_retention"
)
scale_id = left.selectbox(
    "Scale", list(SCALES), format_func=lambda s: SCALES[s].name, key="hr_new_scale"
)
threshold = right.number_input(
    "An essential is met at",
    SCALES[scale_id].minimum,
    SCALES[scale_id].maximum,
    DEFAULT_THRESHOLDS[scale_id],
    key="hr_new_threshold",
)
moderation = left.selectbox(
    "Agreed score when the panel records none",
    list(ModerationRule),
    format_func=lambda m: m.value.replace("_", " "),
    key="hr_new_moderation",
)
spread = right.number_input(
    "Scores this far apart need an agreed score", 1, 6, 2, key="hr_new_spread"
)
slots = left.number_input("Interview places (0 = not limited)", 0, 10_000, 0, key="hr_new_slots")
pass_mark = right.number_input("Pass mark (0 = none)", 0.0, 1000.0, 0.0, key="hr_new_pass_mark")
chunked = st.checkbox(
    "Chunked review: each panel member scores one criterion across every application before the next, in their own random order",
    key="hr_new_chunked",
)

st.subheader("Interview schemes")
policy = catalogue.organisation_of(role).guaranteed_interview
for line in policy_lines(policy):
    st.markdown(f"- {literal(line)}")
post = ask_post(policy, key="hr_new_post")
confirmed = st.checkbox(
    f"I confirm this is the interview-scheme policy for this vacancy ({policy.version})",
    key="hr_new_policy_confirmed",
)

st.subheader("Criteria")
if not variant.requirements_published:
    st.warning(variant.unpublished_note + " Add them under 'Add a criterion' below.")
st.caption(
    "Change a weight or the stage at which a criterion is assessed. Only essentials assessed from the application rule anyone out at the sift."
)
table = pd.DataFrame(
    [
        {
            "Id": c.id,
            "Criterion": c.text,
            "E/D": "E" if c.is_essential else "D",
            "Category": c.category.value,
            "Assessed at": c.stage.value,
            "Also at": ", ".join(x.value for x in c.also_at),
            "Weight": c.weight if c.weight is not None else 1.0,
        }
        for c in variant.criteria
    ]
)
edited = st.data_editor(
    table,
    disabled=["Id", "Criterion", "E/D", "Category", "Also at"],
    column_config={
        "Assessed at": st.column_config.SelectboxColumn(
            options=[s.value for s in Stage], required=True
        ),
        "Weight": st.column_config.NumberColumn(min_value=0.0, max_value=100.0, step=0.5),
    },
    hide_index=True,
    key="hr_new_criteria",
)
st.caption(
    "Add a criterion (optional): give it an id, the text, essential or desirable, and the stage."
)
extra = st.data_editor(
    pd.DataFrame(columns=["Id", "Criterion", "Requirement", "Category", "Assessed at"]),
    num_rows="dynamic",
    column_config={
        "Requirement": st.column_config.SelectboxColumn(options=[r.value for r in Requirement]),
        "Category": st.column_config.SelectboxColumn(
            options=[c.value for c in Category if c is not Category.BEHAVIOUR]
        ),
        "Assessed at": st.column_config.SelectboxColumn(options=[s.value for s in Stage]),
    },
    hide_index=True,
    key="hr_new_extra",
)

draft = st.checkbox("Save as a draft (not open for applications yet)", key="hr_new_draft")
if not confirmed:
    st.caption("Confirm the interview-scheme policy above to create the vacancy.")
if st.button("Create the vacancy", type="primary", key="hr_new_create", disabled=not confirmed):
    with reported():
        edits = [
            CriterionEdit(
                criterion_id=row["Id"], weight=float(row["Weight"]), stage=Stage(row["Assessed at"])
            )
            for _, row in edited.iterrows()
        ]
        added = [
            Criterion(
                id=str(row["Id"]).strip(),
                text=str(row["Criterion"]).strip(),
                requirement=row["Requirement"] or "essential",
                category=row["Category"] or "skills",
                stage=row["Assessed at"] or "application",
            )
            for _, row in extra.dropna(how="all").iterrows()
        ]
        scheme = Scheme(
            scale=SCALES[scale_id],
            threshold=int(threshold),
            moderation=moderation,
            disagreement_spread=int(spread),
            slots=int(slots) or None,
            pass_mark=float(pass_mark) or None,
        )
        request = VacancyRequest(
            role_id=role.id, level=variant.level.id if variant.level else None,
            grade=variant.grade.id if variant.grade else None, title=title, closing_date=closing if isinstance(closing, date) else None,
            interview_date=interview if isinstance(interview, date) else None, scheme=scheme, edits=tuple(edits),
            extra_criteria=tuple(added), retention_months=int(retention), chunked_review=chunked,
            policy_version=policy.version, scoring_deadline=deadline if isinstance(deadline, date) else None,
            draft=draft, copy_of=copy_of, post=PostAnswers(**post),
        )  # fmt: skip
        # The same form sent twice (a double click, a resend) carries the same key: one vacancy.
        nonce = st.session_state.setdefault("hr_new_form_nonce", secrets.token_hex(8))
        content = request.model_dump_json().encode()
        key = hashlib.sha256(nonce.encode() + content).hexdigest()[:32]
        created = services.vacancies.create_vacancy(
            actor, request.model_copy(update={"request_key": key})
        )
        st.session_state["vacancy_id"] = created.id
        flash(
            f"Created vacancy {created.reference}: {literal(created.title)}. Next: import the applications."
        )
        st.rerun()
