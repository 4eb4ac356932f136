"""Scoring: the evidence on one side, the criteria with the scale on the other. Every score is
saved the moment it is given; the keyboard pad scores with one key per criterion."""

import streamlit as st

from app_pages.common import choose_vacancy, flash, get_services, reported, require
from app_pages.score_pad import score_pad
from storage.access import Role
from storage.errors import ServiceError

actor = require(Role.PANEL)
services = get_services()
st.title("Score applications")
vacancy_id = choose_vacancy(actor, key="score_vacancy")
if vacancy_id is None:
    st.stop()
vacancy = services.get_vacancy(actor, vacancy_id)
criteria = [c for c in vacancy.criteria if c["stage"] == "application"]
scale = vacancy.scheme["scale"]["points"]
flash()
if vacancy.released_at is None:
    st.info(
        "HR has not released the applications to the panel yet: they first check that the applicants' names and contact details are taken out of the evidence. Come back soon."
    )
    st.stop()
with reported():
    declared = services.has_declared(actor, vacancy_id)
if not declared:
    st.subheader("Before you start: conflicts of interest")
    st.write(
        "These are the applicants' names only, with nothing that links them to the applications you will score. If you know anyone here (family, friend, colleague, someone you manage), choose their name: the other panel members will score that application instead. This list is shown once, before scoring."
    )
    with reported():
        names = services.names_for_declaration(actor, vacancy_id)
    st.dataframe([{"Applicant": n.name} for n in names], hide_index=True, key="score_declare_names")
    with st.form("score_declare"):
        known = st.multiselect(
            "Applicants you know (leave empty if you know none)",
            [n.token for n in names],
            format_func={n.token: n.name for n in names}.__getitem__,
            key="score_declare_known",
        )
        note = st.text_input(
            "How you know them (optional, for the record)", key="score_declare_note"
        )
        if st.form_submit_button("Confirm my declaration and start scoring", type="primary"):
            with reported():
                count = services.declare_conflicts(actor, vacancy_id, known, note)
                flash(
                    f"Recorded: {count} conflict(s) of interest."
                    if count
                    else "Recorded: no conflicts of interest."
                )
                st.rerun()
    st.stop()
chunked = vacancy.chunked_review
keyboard = (
    False
    if chunked
    else st.toggle("Keyboard pad (one key per criterion)", value=True, key="score_keyboard")
)
st.session_state["score_page_run"] = (
    st.session_state.get("score_page_run", 0) + 1
)  # a full run, not a fragment


def codes() -> list[str]:
    """The applications this member scores; read once per visit to the page (a key press
    reruns only the fragment below and must stay quick on a 2,000-application vacancy)."""
    cached = st.session_state.get("score_codes_for")
    if (
        cached is None
        or cached[0] != vacancy_id
        or st.session_state.get("score_page_run") != cached[1]
    ):
        st.session_state["score_codes_for"] = (
            vacancy_id,
            st.session_state.get("score_page_run"),
            [p.panel_code for p in services.my_progress(actor, vacancy_id)],
        )
    return list(st.session_state["score_codes_for"][2])


def current_code(all_codes: list[str]) -> str:
    code = st.session_state.get("score_code")
    return code if code in all_codes else all_codes[0]


def my_scores(code: str) -> dict[str, tuple[int, str, int]]:
    return {
        s.criterion_id: (s.score, s.note, s.version)
        for s in services.my_scores(actor, vacancy_id, code)
    }


def save(code: str, criterion_id: str, value: int, note: str | None = None) -> None:
    mine = my_scores(code)
    old = mine.get(criterion_id)
    try:
        saved = services.save_score(
            actor, vacancy_id, panel_code=code, criterion_id=criterion_id, score=value,
            note=note if note is not None else (old[1] if old else ""), expected_version=old[2] if old else None,
        )  # fmt: skip
        st.session_state["score_status"] = f"Saved {criterion_id} = {saved.score} for {code}."
    except ServiceError as exc:
        st.session_state["score_status"] = f"Not saved: {exc}"


def move(all_codes: list[str], step: int) -> None:
    i = all_codes.index(current_code(all_codes))
    st.session_state["score_code"] = all_codes[max(0, min(len(all_codes) - 1, i + step))]
    st.session_state["score_focus"] = 0


def on_pad_score() -> None:
    event = st.session_state["score_pad"].score
    if event:
        st.session_state["score_focus"] = int(event.get("focus", 0))
        # The code the pad was showing when the key was pressed, not the page's current one.
        save(
            event.get("code") or st.session_state["score_code"],
            event["criterion"],
            int(event["value"]),
        )


def on_pad_nav() -> None:
    event = st.session_state["score_pad"].nav
    if event:
        move(st.session_state["score_codes"], 1 if event["to"] == "next" else -1)


def on_choice(key: str, code: str, criterion_id: str) -> None:
    value = st.session_state.get(key)
    if value is not None:
        save(code, criterion_id, int(value))


def score_choice(label: str, key: str, code: str, criterion_id: str, stored: int | None) -> None:
    """The scale as buttons; a choice is saved at once. Shows the stored score on first draw."""
    if key not in st.session_state and stored is not None:
        st.session_state[key] = stored
    st.segmented_control(
        label,
        [p["value"] for p in scale],
        key=key,
        on_change=on_choice,
        args=(key, code, criterion_id),
    )


def on_note(code: str, criterion_id: str) -> None:
    note = st.session_state.get(f"score_note_{code}_{criterion_id}", "")
    old = my_scores(code).get(criterion_id)
    if old is None:
        st.session_state["score_status"] = "Give a score before its note."
        return
    save(code, criterion_id, old[0], note)


@st.fragment
def scoring() -> None:
    with reported():
        all_codes = codes()
        if not all_codes:
            st.info("There are no applications for you to score in this vacancy.")
            return
        st.session_state["score_codes"] = all_codes
        code = current_code(all_codes)
        st.session_state["score_code"] = code
        position = all_codes.index(code)
        app = services.panel_application(actor, vacancy_id, code)
        mine = my_scores(code)
        nav = st.columns([1, 1, 2, 2])
        nav[0].button(
            "Previous",
            key="score_prev",
            on_click=move,
            args=(all_codes, -1),
            disabled=position == 0,
        )
        nav[1].button(
            "Next",
            key="score_next",
            on_click=move,
            args=(all_codes, 1),
            disabled=position == len(all_codes) - 1,
        )
        nav[2].markdown(f"**Application {code}** ({position + 1} of {len(all_codes)})")
        nav[3].markdown(f"{len(mine)} of {len(criteria)} criteria scored")
        evidence, scoring_side = st.columns(2, gap="large")
        with evidence:
            st.subheader("Evidence")
            st.markdown(app.statement or "_No supporting statement._")
            for c in criteria:
                answer = app.evidence.get(c["id"])
                if answer:
                    st.markdown(f"**{c['id']}: {c['text']}**")
                    st.markdown(answer)
        with scoring_side:
            st.subheader("Criteria")
            legend = "; ".join(f"{p['value']} {p['label']}" for p in scale)
            st.caption(f"Scale: {legend}. E essential, D desirable.")
            if keyboard:
                score_pad(
                    data={
                        "criteria": [
                            {
                                "id": c["id"],
                                "text": c["text"],
                                "label": f"{c['number']}. {c['text']}"
                                if c.get("number")
                                else c["text"],
                                "essential": c["requirement"] == "essential",
                                "score": mine.get(c["id"], (None,))[0],
                            }
                            for c in criteria
                        ],
                        "scale": scale,
                        "focus": st.session_state.get("score_focus", 0),
                        "status": st.session_state.get("score_status", ""),
                        "code": code,
                    },
                    key="score_pad",
                    on_score_change=on_pad_score,
                    on_nav_change=on_pad_nav,
                )
            else:
                for c in criteria:
                    mark = "E" if c["requirement"] == "essential" else "D"
                    score_choice(
                        f"[{mark}] {c['text']}", f"score_btn_{code}_{c['id']}", code, c["id"],
                        mine[c["id"]][0] if c["id"] in mine else None,
                    )  # fmt: skip
                st.caption(st.session_state.get("score_status", ""))
            with st.expander("Notes"):
                for c in criteria:
                    key = f"score_note_{code}_{c['id']}"
                    if key not in st.session_state:
                        st.session_state[key] = mine.get(c["id"], (None, ""))[1]
                    st.text_input(
                        f"Note: {c['text'][:80]}", key=key, on_change=on_note, args=(code, c["id"])
                    )


CHUNK = 10  # applications shown at once in chunked review


def turn(key: str, to: int) -> None:
    st.session_state[key] = to
    if key == "chunk_criterion":
        st.session_state["chunk_page"] = 0


@st.fragment
def chunked_review() -> None:
    """One criterion across all applications, in this member's own random order, then the next."""
    with reported():
        order = services.review_order(actor, vacancy_id)
        if not order:
            st.info("There are no applications for you to score in this vacancy.")
            return
        at = min(st.session_state.get("chunk_criterion", 0), len(criteria) - 1)
        c = criteria[at]
        mine = {
            (s.panel_code, s.criterion_id): s.score for s in services.my_scores(actor, vacancy_id)
        }
        done = sum((code, c["id"]) in mine for code in order)
        mark = "Essential" if c["requirement"] == "essential" else "Desirable"
        st.subheader(f"Criterion {at + 1} of {len(criteria)}: {c['text']}")
        st.caption(
            f"{mark}. You have scored {done} of {len(order)} applications on this criterion. "
            + "; ".join(f"{p['value']} {p['label']}" for p in scale)
        )
        nav = st.columns(2)
        nav[0].button(
            "Previous criterion", key="chunk_prev", disabled=at == 0,
            on_click=turn, args=("chunk_criterion", at - 1),
        )  # fmt: skip
        nav[1].button(
            "Next criterion", key="chunk_next", disabled=at == len(criteria) - 1,
            on_click=turn, args=("chunk_criterion", at + 1),
        )  # fmt: skip
        pages = (len(order) + CHUNK - 1) // CHUNK
        page = min(st.session_state.get("chunk_page", 0), pages - 1)
        for code in order[page * CHUNK : (page + 1) * CHUNK]:
            app = services.panel_application(actor, vacancy_id, code)
            with st.container(border=True, key=f"chunk_app_{code}"):
                st.markdown(f"**Application {code}**")
                answer = app.evidence.get(c["id"])
                with st.container(height=160):
                    st.markdown(answer or app.statement or "_No evidence._")
                score_choice(
                    f"Score for {code}", f"chunk_{c['id']}_{code}", code, c["id"],
                    mine.get((code, c["id"])),
                )  # fmt: skip
        st.caption(st.session_state.get("score_status", ""))
        if pages > 1:
            more = st.columns(3)
            more[0].button(
                "Previous applications", key="chunk_page_prev", disabled=page == 0,
                on_click=turn, args=("chunk_page", page - 1),
            )  # fmt: skip
            more[1].markdown(
                f"Applications {page * CHUNK + 1}-{min((page + 1) * CHUNK, len(order))} of {len(order)}"
            )
            more[2].button(
                "More applications", key="chunk_page_next", disabled=page == pages - 1,
                on_click=turn, args=("chunk_page", page + 1),
            )  # fmt: skip


if chunked:
    st.caption(
        "This vacancy uses chunked review: score one criterion across every application, then move to the next. Your order of applications is your own."
    )
    chunked_review()
else:
    scoring()
st.page_link("app_pages/panel_home.py", label="Back to my vacancies", icon=":material/arrow_back:")
