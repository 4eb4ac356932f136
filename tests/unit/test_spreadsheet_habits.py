"""What spreadsheet programs do to a workbook of applications, understood (issue 29): yes/no
cells LibreOffice rewrites as =TRUE() / =FALSE() read as yes/no (any other formula still
refused with its cell), and the sheet chosen by name in any case, else the first."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from formats.interchange import read_table
from formats.problems import InterchangeError
from formats.sheet_names import chosen_sheet
from tests.unit.test_spreadsheet_dialects import cell, ods, table


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_formula(data: bytes, ref: str, formula: str) -> bytes:
    """The workbook with `formula` written into cell `ref` of its first sheet, before the value
    saved there, as LibreOffice writes it."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                cell_xml = re.compile(rf'(<c r="{ref}"[^>]*>)'.encode())
                escaped = formula.replace("&", "&amp;").replace("<", "&lt;")
                part = cell_xml.sub(rb"\1<f>" + escaped.encode() + b"</f>", part, count=1)
            target.writestr(info, part)
    return out.getvalue()


# --- =TRUE() and =FALSE() ---------------------------------------------------------------------


def spelled(word: str) -> st.SearchStrategy[str]:
    """TRUE() as LibreOffice writes it, and as a person or another program may: any case, with
    or without = and the brackets, spaces around."""
    cased = st.lists(st.booleans(), min_size=len(word), max_size=len(word)).map(
        lambda upper: "".join(
            c.upper() if u else c.lower() for c, u in zip(word, upper, strict=True)
        )
    )
    return st.builds(
        lambda eq, name, brackets, space: f"{space}{eq}{name}{brackets}{space}",
        st.sampled_from(["", "="]),
        cased,
        st.sampled_from(["()", "", "( )"]),
        st.sampled_from(["", " "]),
    )


@given(answer=st.booleans(), data=st.data())
def test_a_yes_no_cell_libreoffice_made_a_formula_reads_as_its_answer(
    answer: bool, data: st.DataObject
) -> None:
    formula = data.draw(spelled("TRUE" if answer else "FALSE"))
    book = workbook({"applications": [["application_id", "care_leaver"], ["N001", answer]]})
    frame = read_table(with_formula(book, "B2", formula), "a.xlsx", "applications")
    assert frame.loc[2, "care_leaver"] is answer


@pytest.mark.parametrize(
    ("formula", "value"),
    [
        ("TRUE()", False),  # the saved value disagrees with the formula
        ("NOT(FALSE())", True),
        ("TRUE()+0", 1),
        ('IF(A2="N001",TRUE(),FALSE())', True),
        ("1=1", True),
        ("TRUE()", "yes"),  # a text cell that somehow holds a formula
    ],
)
def test_any_other_formula_is_still_refused_naming_its_cell(formula: str, value: object) -> None:
    book = workbook({"applications": [["application_id", "care_leaver"], ["N001", value]]})
    with pytest.raises(InterchangeError) as refused:
        read_table(with_formula(book, "B2", formula), "a.xlsx", "applications")
    assert "has a formula in cell B2" in str(refused.value)


@given(answer=st.booleans(), data=st.data())
def test_an_ods_yes_no_cell_made_a_formula_reads_as_its_answer(
    answer: bool, data: st.DataObject
) -> None:
    formula = "of:" + data.draw(spelled("TRUE" if answer else "FALSE"))
    flag = (
        f'<table:table-cell table:formula="{formula}" office:value-type="boolean" '
        f'office:boolean-value="{str(answer).lower()}"><text:p>WAHR</text:p></table:table-cell>'
    )
    data_ = ods(
        table("applications", [cell("application_id") + cell("care_leaver"), cell("N001") + flag])
    )
    assert read_table(data_, "a.ods", "applications").loc[2, "care_leaver"] is answer


def test_an_ods_formula_other_than_true_or_false_is_still_refused() -> None:
    flag = (
        '<table:table-cell table:formula="of:=NOT(FALSE())" office:value-type="boolean" '
        'office:boolean-value="true"/>'
    )
    data = ods(
        table("applications", [cell("application_id") + cell("care_leaver"), cell("N001") + flag])
    )
    with pytest.raises(InterchangeError, match="has a formula in cell B2"):
        read_table(data, "a.ods", "applications")


# --- Which sheet ------------------------------------------------------------------------------

APPLICATIONS = [["application_id", "care_leaver"], ["N001", "yes"]]
NOTES = [["Notes for the panel"], ["none"]]


@given(
    name=st.lists(st.booleans(), min_size=12, max_size=12).map(
        lambda upper: "".join(
            c.upper() if u else c for c, u in zip("applications", upper, strict=True)
        )
    ),
    before=st.integers(0, 2),
)
def test_the_applications_sheet_is_found_by_its_name_in_any_case(name: str, before: int) -> None:
    names = [f"Sheet{i}" for i in range(before)] + [name, "Lookups"]
    assert chosen_sheet(names, "applications") == name


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_a_workbook_with_its_applications_sheet_named_in_capitals_is_read_from_it(
    kind: str,
) -> None:
    if kind == "xlsx":
        data = workbook({"Notes": NOTES, "Applications": APPLICATIONS})
    else:
        rows = [cell(a) + cell(b) for a, b in APPLICATIONS]
        data = ods(table("Notes", [cell("Notes")]) + table("Applications", rows))
    frame = read_table(data, f"a.{kind}", "applications")
    assert frame.to_dict("records") == [{"application_id": "N001", "care_leaver": "yes"}]


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_a_workbook_with_no_sheet_named_applications_is_read_from_its_first(kind: str) -> None:
    if kind == "xlsx":
        data = workbook({"Sheet1": APPLICATIONS, "Lookups": NOTES})
    else:
        rows = [cell(a) + cell(b) for a, b in APPLICATIONS]
        data = ods(table("Sheet1", rows) + table("Lookups", [cell("Notes")]))
    frame = read_table(data, f"a.{kind}", "applications")
    assert frame.to_dict("records") == [{"application_id": "N001", "care_leaver": "yes"}]
    assert "read from the first sheet, 'Sheet1'" in frame.attrs["sheet_note"]
