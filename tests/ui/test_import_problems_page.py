"""What HR reads when an import is refused (issue 25, finding 6): every problem of the file at
once, each with its row (none for a problem of the whole file, never "None") and its whole
message, in a static table whose text wraps rather than a grid that cuts it off."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from formats.interchange import APPLICATION_COLUMNS
from tests.ui.helpers import open_as
from use_cases.demo import Demo


def shown(cell: str) -> str:
    """A table cell as the page shows it: markdown escapes (app_pages.common.literal) undone."""
    return re.sub(r"\\(.)", r"\1", cell).replace("\u200b", "")


def refused(demo: Demo, content: bytes) -> AppTest:
    at = open_as(demo, "demo-hr", "app_pages/hr_applications.py")
    at.file_uploader(key="hr_apps_upload").upload("bad.csv", content, "text/csv").run()
    at.button(key="hr_apps_import").click().run()
    assert not at.exception
    return at


def test_a_missing_column_and_the_rows_problems_are_listed_together_in_full(demo: Demo) -> None:
    columns = [c for c in APPLICATION_COLUMNS if c != "received_date"]
    row = dict.fromkeys(columns, "") | {"application_id": "L001", "disability_gis": "maybe"}
    content = (",".join(columns) + "\n" + ",".join(row[c] for c in columns) + "\n").encode()
    at = refused(demo, content)
    assert "bad.csv was not imported: 2 problems to fix." in at.error[0].value
    assert not [t for t in at.dataframe if "Problem" in t.value.columns], "a grid cuts text off"
    table = at.table[0].value
    assert list(table["Row"]) == ["1", "2"]
    assert [shown(c) for c in table["Column"]] == ["", "disability_gis"]
    assert shown(table["Problem"][0]) == (
        f"is missing column(s) received_date; the header row must have: "
        f"{', '.join(APPLICATION_COLUMNS)}."
    )


def test_a_problem_of_the_whole_file_has_an_empty_row_not_none(demo: Demo) -> None:
    at = refused(demo, (",".join(APPLICATION_COLUMNS) + "\n").encode())
    table = at.table[0].value
    assert list(table["Row"]) == [""]
    assert shown(table["Problem"][0]) == "has a header but no rows."


def test_a_long_list_of_problems_shows_the_first_500_and_says_how_many_more() -> None:
    def page() -> None:
        from app_pages.common import show_problems
        from formats.problems import Problem

        show_problems([Problem("a.csv", n, "statement", "is bad.") for n in range(2, 603)])

    at = AppTest.from_function(page, default_timeout=60).run()
    assert not at.exception
    assert len(at.table[0].value) == 500
    assert at.caption[0].value == (
        "and 101 more problems (601 in all): fix these and import again to see the rest."
    )
