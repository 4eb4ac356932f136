"""Role catalogue: organisation, role, level or grade, and its criteria and behaviours."""

import streamlit as st

from app_pages.role_variant import choose_variant
from criteria.loader import Catalogue
from criteria.schema import CATEGORY_LABELS, Category

catalogue: Catalogue = st.session_state["catalogue"]

st.title("Role catalogue")
for error in catalogue.errors:
    st.error(f"Not loaded: {error}", icon=":material/error:")
if not catalogue.roles:
    st.info("The catalogue is empty. Add role files under data/roles/ (see the README).")
    st.stop()

organisations = sorted(catalogue.organisations.values(), key=lambda o: o.name)
org = st.selectbox("Organisation", organisations, format_func=lambda o: o.name, key="cat_org")
roles = sorted(
    (r for r in catalogue.roles.values() if r.organisation == org.id), key=lambda r: r.title
)
if not roles:
    st.info(f"No roles for {org.name} yet.")
    st.stop()
role = st.selectbox(
    "Role", roles, format_func=lambda r: f"{r.title} ({r.grade_label})", key="cat_role"
)

variant = choose_variant(role, org, key="cat")

st.header(variant.label)
if not variant.requirements_published:
    st.info(variant.unpublished_note)
facts = {
    "Organisation": org.name,
    "Directorate": role.directorate,
    "Department": role.department,
    "Team": role.team,
    "Grade": variant.grade.label if variant.grade else role.grade_label,
    "Salary": role.salary,
    "Hours": role.hours,
    "Reports to": role.reports_to,
    "Post number": role.post_number,
    "Role id": role.id,
}
st.markdown("  \n".join(f"**{k}:** {v}" for k, v in facts.items() if v))
st.markdown(f"**Purpose:** {role.purpose}")
if role.special_conditions:
    st.markdown("**Special conditions:**\n" + "\n".join(f"- {s}" for s in role.special_conditions))
if variant.level and role.levels_cumulative and variant.level.id != "A":
    st.caption(f"Level {variant.level.id} includes the requirements of the levels below it.")

for category, criteria in variant.by_category():
    st.subheader(CATEGORY_LABELS[category])
    if category is Category.BEHAVIOUR:
        for c in criteria:
            with st.expander(c.text):
                st.markdown("\n".join(f"- {i}" for i in c.indicators) or "No indicators given.")
        continue
    st.dataframe(
        [
            {
                "E/D": "E" if c.is_essential else "D",
                "No.": c.number or "",
                "Criterion": c.text,
                "Assessed at": c.stage_words,
                "Note": c.note or "",
                "Id": c.id,
            }
            for c in criteria
        ],
        hide_index=True,
        key=f"cat_table_{category.value}",
    )
if role.source_notes:
    with st.expander("How the source document was read"):
        st.markdown(f"Source: {role.source}\n\n" + "\n".join(f"- {n}" for n in role.source_notes))
