"""UI glue shared by the pages: the cached store and services, the signed-in actor, and
turning service errors into messages."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

import streamlit as st
from pydantic import ValidationError

from criteria.loader import Catalogue
from incidents import busy, incident, quiet_streamlit_tracebacks
from scoring.words.counts import counted
from use_cases import Download, Services, deployment
from use_cases.access import Actor, Role, is_trusted
from use_cases.errors import NotAllowed, ServiceError
from use_cases.models import VacancyPublic

quiet_streamlit_tracebacks()  # uncaught errors are logged as incidents, without values


def get_catalogue() -> Catalogue:
    return deployment.catalogue()


def get_services() -> Services:
    """One store per server process, created and migrated on first start; held outside
    Streamlit's caches, which a browser can ask the server to clear (use_cases/deployment.py)."""
    return deployment.services()


def sso_configured() -> bool:
    """Single sign-on is on when secrets.toml has an [auth] section (see README)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def current_actor() -> Actor | None:
    actor = st.session_state.get("actor")
    return actor if isinstance(actor, Actor) else None


def checked(actor: Actor) -> AbstractContextManager[Actor] | None:
    """The signed-in person's session checked once for this run of the app (app.py) or of a
    fragment (`fragment_request`): the request in which the services trust them. None if they
    may not go on: the browser is signed out, with why."""
    if is_trusted(actor):  # this run has checked them already
        return nullcontext(actor)
    try:
        return get_services().request(actor)
    except NotAllowed as exc:
        st.session_state.pop("actor", None)
        st.session_state["signed_out_because"] = str(exc)
        return None


@contextmanager
def fragment_request(actor: Actor) -> Iterator[Actor]:
    """Around a fragment's body: a fragment's own run (a click inside it) runs it alone, not
    app.py, so the person's session is checked here, once for that run; within the app's run
    it was checked already. Signed out meanwhile: the whole app is drawn again."""
    request = checked(actor)
    if request is None:
        st.rerun(scope="app")
    assert request is not None
    with request:
        yield actor


def require(*roles: Role) -> Actor:
    """The signed-in actor, if their role may use this page; otherwise say so and stop."""
    actor = current_actor()
    if actor is None:
        st.warning("Sign in to use this page.")
        st.stop()
    if roles and actor.role not in roles:
        st.error("Your account cannot use this page.")
        st.stop()
    return actor


@contextmanager
def reported() -> Iterator[None]:
    """Service errors become a clear message; anything unexpected is logged as an incident
    (with a reference and no personal data: incidents.py), never shown raw."""
    try:
        yield
    except ServiceError as exc:
        st.error(str(exc), icon=":material/error:")
    except ValidationError as exc:  # a value typed on the page that the rules refuse
        details = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'value'}: {e['msg']}" for e in exc.errors()[:3]
        )
        st.error(f"Not saved, please correct: {details}", icon=":material/error:")
    except Exception as exc:
        reference = incident(exc, "on a page")
        if busy(exc):
            st.error(
                "The database was busy and nothing was changed. Try again in a moment "
                f"(reference {reference}).",
                icon=":material/error:",
            )
            return
        st.error(
            "Something went wrong and nothing was changed. Try again; if it keeps happening, "
            f"tell your administrator the reference {reference}.",
            icon=":material/error:",
        )


def choose_vacancy(
    actor: Actor, *, key: str, vacancies: list[VacancyPublic] | None = None
) -> int | None:
    """The vacancy this page works on, remembered across pages; None when there is none.
    `vacancies`: the actor's, when the page has read them already."""
    services = get_services()
    with reported():
        if vacancies is None:
            vacancies = services.vacancies.list_vacancies(actor)
        if not vacancies:
            if actor.role is Role.PANEL:
                st.info("You are not on any panel yet. HR assigns panels to vacancies.")
            else:
                st.info("There are no vacancies yet. Create one on the Vacancies page.")
            return None
        ids = [v.id for v in vacancies]
        names = {v.id: v.label for v in vacancies}
        remembered = st.session_state.get("vacancy_id")
        chosen = st.selectbox(
            "Vacancy",
            ids,
            index=ids.index(remembered) if remembered in ids else 0,
            format_func=lambda i: names[i],
            key=key,
        )
        st.session_state["vacancy_id"] = chosen
        return chosen
    return None


LONG_LIST = 300  # more choices than this: type the one wanted rather than scroll a list


def pick_one(
    label: str, options: list[str], *, key: str, format_func: Callable[[str], str] | None = None
) -> str | None:
    """A choice among applications: a list to pick from, or (in a mass recruitment, where a
    list of thousands is slow to send and to scroll) a box to type the reference or code."""
    if len(options) <= LONG_LIST:
        chosen: str | None = st.selectbox(label, options, key=key, format_func=format_func or str)
        return chosen
    typed = st.text_input(f"{label} (type its reference, e.g. {options[0]})", key=key).strip()
    return typed or None


def plain_text(text: str) -> None:
    """Text from an applicant or a panel member, shown exactly as written: never read as
    markdown or HTML (no links, images or styling can come from it)."""
    st.html(
        f'<div style="white-space: pre-wrap; overflow-wrap: anywhere">{html.escape(text)}</div>'
    )


MISSING = "—"  # what every table shows in a cell with no value (never "None")
PROBLEMS_SHOWN = 500  # a table a person can work through; the rest after these are fixed


def show_problems(problems: list[object]) -> None:
    """Row-level problems of a refused file as a table a person can work through: a static
    table, so a long message wraps instead of being cut off and a screen reader reads it as a
    table; cells escaped, as a table's cells are markdown. A problem of the whole file has no
    row."""
    rows = [
        {
            "File": literal(str(getattr(p, "file", ""))),
            "Row": "" if getattr(p, "row", None) is None else str(getattr(p, "row", "")),
            "Column": literal(str(getattr(p, "column", None) or "")),
            "Problem": literal(str(getattr(p, "message", p))),
        }
        for p in problems[:PROBLEMS_SHOWN]
    ]
    st.table(
        rows,
        hide_index=True,
        hide_header=False,
        height=600 if len(rows) > 12 else "content",
        alt="The file's problems: the row and column of each, and what to do",
    )
    if len(problems) > PROBLEMS_SHOWN:
        more = len(problems) - PROBLEMS_SHOWN
        st.caption(
            f"and {counted(more, 'more problem')} ({len(problems):,} in all): fix these and import "
            "again to see the rest."
        )


def flash(message: str | None = None, *, key: str = "flash", kind: str = "success") -> None:
    """Show a message that survives the rerun after an action (set it, then st.rerun(), or set
    it in a callback); called without a message, shows and clears the pending one."""
    if message is not None:
        st.session_state[key] = (kind, message)
        return
    pending = st.session_state.pop(key, None)
    slot = st.container()  # always there, so the elements below keep their place in the page
    if pending:
        shown_kind, text = pending if isinstance(pending, tuple) else ("success", pending)
        (slot.error if shown_kind == "error" else slot.success)(text)


def follow(key: str, default: str) -> None:
    """A text box (by its key) whose value follows `default`, a value derived from other
    inputs, until the person types their own: then it is theirs and stays."""
    last = st.session_state.get(f"{key}__derived")
    if key not in st.session_state or st.session_state[key] == last:
        st.session_state[key] = default
    st.session_state[f"{key}__derived"] = default


def prepared_download(
    label: str, key: str, make: Callable[[], Download], *, waiting: str = "Preparing the file"
) -> Download | None:
    """A file built only when asked (a button), then offered for download until the page is
    left. Nothing heavy is built when the page is drawn."""
    if st.button(label, key=f"{key}_prepare"):
        with st.spinner(waiting):
            st.session_state[key] = make()
    prepared = st.session_state.get(key)
    if isinstance(prepared, Download):
        st.download_button(
            f"Download {prepared.file_name}",
            prepared.content,
            file_name=prepared.file_name,
            key=f"{key}_download",
        )
        return prepared
    return None


# The characters markdown (with Streamlit's extensions) may read as more than themselves inline
MARKDOWN_SPECIALS = frozenset("\\`*_~[]<>#$|&@")


def literal(text: str) -> str:
    """A short value from an applicant, a panel member or HR (a name, a file name, a reason,
    a message quoting one) made safe to put inside markdown, a caption or a widget's label, so
    it shows exactly as written, on one line: links, images, emphasis, headings, HTML, maths
    and tables are escaped; a list marker at the start is escaped; line breaks become spaces.

    Some things are read after the escapes, from the text as it will show, so an escape alone
    cannot stop them; a zero-width space breaks each. A colon that could open a `:red[...]`
    colour, an `:emoji:` or a `:material/icon:` is escaped and followed by one. Streamlit's
    markdown (remark-gfm) turns `www.example.com`, `http://...`, `https://...` and bare e-mail
    addresses in the shown text into links: the colon's zero-width space breaks `scheme://`
    (and `mailto:`), one between `www` and its dot breaks `www.`, and one after `@` breaks
    an e-mail address."""
    flat = " ".join(str(text).splitlines())
    out = []
    for i, ch in enumerate(flat):
        if ch == ":" and flat[i + 1 : i + 2].strip():
            out.append("\\:\u200b")
        elif ch == "@":
            out.append("\\@\u200b")
        elif ch == "." and flat[max(0, i - 3) : i].lower() == "www":
            out.append("\u200b\\.")
        elif ch in MARKDOWN_SPECIALS:
            out.append("\\" + ch)
        else:
            out.append(ch)
    shown = "".join(out)
    body = shown.lstrip()
    lead = len(shown) - len(body)
    digits = len(body) - len(body.lstrip("0123456789"))
    if body[:1] in ("-", "+") or (digits and body[digits : digits + 1] in (".", ")")):
        at = lead + digits
        shown = shown[:at] + "\\" + shown[at:]
    return shown
