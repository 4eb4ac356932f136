"""Issue 14, hostile input: what an applicant wrote (and what HR typed) reaches the panel as
plain text on the Score page and in chunked review: never read as markdown or HTML, so no
fake heading, no :red[...] colour, no image fetched from an outside server."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from criteria.schema import Criterion
from tests.ui.conftest import *  # noqa: F403  (the AppTest fixtures: a throw-away database, the demo)
from tests.ui.helpers import actor_of, open_as, services_for
from use_cases import VacancyRequest
from use_cases.demo import Demo

ROLE = "darlington-housing-income-management-officer"
HEADING = "# Note from HR: give 3 on every criterion"
EVIDENCE = (
    f"{HEADING}\n\n:red[fake] ![x](https://tracker.example/p.png) <img src=x>\n\n"
    "I agreed payment plans with tenants in arrears."
)
CRITERION = ":red[Note from HR] give 3 on **every** criterion ![c](https://tracker.example/c.png)"


def hostile_vacancy(demo: Demo, url: str, *, chunked: bool) -> int:
    """A released vacancy with one hostile application (and one criterion HR typed with
    markup in it) that Rosa, on its panel, has declared for."""
    services = services_for(url)
    hr, rosa = (actor_of(demo, services, u) for u in ("demo-hr", "demo-panel-1"))
    extra = Criterion(id="hostile", text=CRITERION, category="skills", requirement="essential")
    vacancy = services.vacancies.create_vacancy(
        hr, VacancyRequest(role_id=ROLE, chunked_review=chunked, extra_criteria=(extra,))
    )
    first = vacancy.scored_criteria[0].id
    row = {
        "application_id": "H001", "received_date": "2026-01-12", "first_name": "Hana",
        "last_name": "Ito", "email": "hana.ito@example.org", "disability_gis": "no",
        "care_leaver": "no", "armed_forces_status": "none", "armed_forces_relationship": "",
        "armed_forces_date": "", "armed_forces_long_term": "", "armed_forces_gis": "",
        "statement": EVIDENCE,
        f"evidence:{first}": EVIDENCE, "evidence:hostile": EVIDENCE,
    }  # fmt: skip
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    services.intake.import_applications(
        hr, vacancy.id, file_name="hostile.csv", data=out.getvalue().encode()
    )
    services.vacancies.assign_panel(hr, vacancy.id, [rosa.user_id])
    services.redaction.release_to_panel(hr, vacancy.id)
    services.declarations.declare_conflicts(rosa, vacancy.id, [])
    services.store.engine.dispose()
    return vacancy.id


def nodes(at: AppTest) -> Iterator[object]:
    def walk(node: object) -> Iterator[object]:
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    yield from walk(at.main)
    yield from walk(at.sidebar)


def rendered_as_markdown(at: AppTest) -> list[str]:
    """Every text on the page Streamlit reads as markdown: bodies and widgets' labels."""
    texts = []
    for node in nodes(at):
        proto = getattr(node, "proto", None)
        if proto is None or getattr(node, "type", "") == "html":
            continue
        for field in ("body", "label", "help"):
            value = getattr(proto, field, None)
            if isinstance(value, str) and value:
                texts.append(value)
    return texts


def assert_shown_as_plain_text(at: AppTest) -> None:
    assert not at.exception, at.exception
    shown = "\n".join(h.value for h in at.html)
    # the evidence is there, exactly as written, escaped (the link was redacted at import)
    assert HEADING in shown and ":red[fake]" in shown
    assert "&lt;img src=x&gt;" in shown and "[link removed]" in shown
    assert "<img" not in shown and "<a " not in shown and "tracker.example/p.png" not in shown
    markdown = rendered_as_markdown(at)
    assert markdown, "the page shows no markdown at all: the test reads nothing"
    for text in markdown:
        assert ":red[" not in text and "**every**" not in text, text
        assert "<img" not in text and "![" not in text and "://" not in text, text
        assert not any(line.lstrip().startswith("#") for line in text.splitlines()), text
    assert not at.get("imgs")  # no picture on the page at all


def test_the_score_page_shows_evidence_and_criteria_as_plain_text(
    demo: Demo, isolated_database: str
) -> None:
    vacancy_id = hostile_vacancy(demo, isolated_database, chunked=False)
    at = open_as(demo, "demo-panel-1", "app_pages/score.py")
    at.selectbox(key="score_vacancy").set_value(vacancy_id).run()
    at.toggle(key="score_keyboard").set_value(False).run()  # the pad is a component of its own
    assert any(b.key and b.key.endswith("_hostile") for b in at.get("button_group"))
    assert_shown_as_plain_text(at)


def test_chunked_review_shows_evidence_as_plain_text(demo: Demo, isolated_database: str) -> None:
    vacancy_id = hostile_vacancy(demo, isolated_database, chunked=True)
    at = open_as(demo, "demo-panel-1", "app_pages/score.py")
    at.selectbox(key="score_vacancy").set_value(vacancy_id).run()
    assert [b for b in at.get("button_group") if b.key and b.key.startswith("chunk_")]
    assert_shown_as_plain_text(at)


@pytest.mark.parametrize(
    "value", [CRITERION, HEADING, "<img src=x>", "www.x.example :smile: :material/warning:"]
)
def test_literal_leaves_no_markdown_in_a_short_value(value: str) -> None:
    from app_pages.common import literal

    shown = literal(value)
    unescaped = re.sub(r"\\.", "", shown)  # what markdown reads as itself is taken away
    assert not set(unescaped) & set("<>[]*_#`$~|")
    assert "www." not in unescaped and not re.search(r":\w", unescaped)
    assert shown.replace("\\", "").replace("\u200b", "") == value  # it reads as written


# --- Issue 25, finding 5: `www.` and every autolink form stay text ---------------------------
# Streamlit's markdown (react-markdown with remark-gfm) makes links of `www.`, `http(s)://` and
# e-mail addresses twice: while parsing, and afterwards from the text as it will show, with
# every backslash escape already undone (mdast-util-gfm-autolink-literal's transform, the same
# regular expressions as in Streamlit's StreamlitMarkdown bundle). So `www\.example.com` and
# `someone\@example.com` still became links. `could_link` is a superset of both: the two
# expressions anywhere in the shown text, and `<...>` autolinks in the markdown itself.
LITERAL_URL = re.compile(r"(https?://|www(?=\.))[-.\w]+", re.IGNORECASE | re.ASCII)
LITERAL_EMAIL = re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+", re.ASCII)
ANGLE_AUTOLINK = re.compile(
    r"(?<!\\)<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>"
)


def shown_text(markdown: str) -> str:
    """Inline markdown as the text it shows: CommonMark's backslash escapes undone."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def could_link(markdown: str) -> bool:
    text = shown_text(markdown)
    return bool(
        LITERAL_URL.search(text) or LITERAL_EMAIL.search(text) or ANGLE_AUTOLINK.search(markdown)
    )


AUTOLINKS = [
    "www.example.com",
    "Visit WWW.Example.org/jobs today",
    "(see www.example.com)",
    "http://example.com",
    "https://example.com/apply?x=1",
    "mailto:someone@example.com",
    "someone@example.com",
    "first.last+tag@sub.example.co.uk",
    "<http://example.com>",
    "<someone@example.com>",
    "<ftp://files.example.com>",
]


@pytest.mark.parametrize("value", AUTOLINKS)
def test_literal_keeps_every_autolink_form_as_text(value: str) -> None:
    from app_pages.common import literal

    assert could_link(value), "the check sees the link in the value as typed"
    shown = literal(value)
    assert not could_link(shown), shown
    assert shown.replace("\\", "").replace("\u200b", "") == value  # it reads as written


LINK_PIECES = ["www", "WWW", ".", "@", "a", "example", "com", ":", "//", "http", "https",
               "mailto", "ftp", " ", "(", "<", ">", "\\", "-", "+", "_", "\n"]  # fmt: skip


@given(st.text() | st.lists(st.sampled_from(LINK_PIECES)).map("".join))
def test_literal_never_leaves_a_link_and_always_reads_as_written(value: str) -> None:
    from app_pages.common import literal

    shown = literal(value)
    assert not could_link(shown), shown
    flat = " ".join(value.splitlines())
    assert shown_text(shown).replace("\u200b", "") == flat.replace("\u200b", "")


def test_plain_text_shows_every_autolink_form_as_escaped_text_with_no_link() -> None:
    text = "\n".join([*AUTOLINKS, "ftp://files.example.com"])

    def page(text: str) -> None:
        from app_pages.common import plain_text

        plain_text(text)

    at = AppTest.from_function(page, args=(text,)).run()
    assert not at.exception
    (shown,) = [h.value for h in at.html]
    assert "<a" not in shown and "href" not in shown
    assert "&lt;http://example.com&gt;" in shown and "www.example.com" in shown
    assert not rendered_as_markdown(at), "nothing of it is read as markdown"
