"""Bad files are a first-class subject: each gets its clear error and the database is left
exactly as it was. On SQLite and on PostgreSQL."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from criteria.loader import load_catalogue
from formats.interchange import APPLICATION_COLUMNS
from storage import tables
from storage.store import open_store
from tests.integration.helpers import DARLINGTON, World, make_world
from tests.pg import new_database
from use_cases import Services
from use_cases.errors import ImportRefused

GOOD_BYTES = (DARLINGTON / "applications.csv").read_bytes()
GOOD = GOOD_BYTES.decode("utf-8")
HEADER = ",".join(APPLICATION_COLUMNS)


def row(app_id: str = "N001", **values: str) -> str:
    cells = dict.fromkeys(APPLICATION_COLUMNS, "")
    cells.update(
        application_id=app_id,
        received_date="2026-01-20",
        first_name="Nia",
        last_name="Jones",
        statement="My evidence.",
    )
    cells.update(values)
    return ",".join(cells[c] for c in APPLICATION_COLUMNS)


def csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for r in rows:
            sheet.append(r)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "not a workbook")
    return out.getvalue()


# (name, file name, content, what the error says)
CASES: list[tuple[str, str, Callable[[], bytes], str]] = [
    (
        "missing column",
        "a.csv",
        lambda: csv("application_id,first_name,last_name,statement", "N001,A,B,x"),
        "is missing column(s) received_date",
    ),
    (
        "unknown scheme value",
        "a.csv",
        lambda: csv(HEADER, row(armed_forces_status="retired")),
        "row 2, column armed_forces_status: 'retired' is not one of: left, none, reservist, serving.",
    ),
    (
        "bad date",
        "a.csv",
        lambda: csv(HEADER, row(received_date="31/02/2026")),
        "row 2, column received_date: '31/02/2026' is not a date",
    ),
    (
        "duplicate id",
        "a.csv",
        lambda: csv(HEADER, row("N001"), row("N002"), row("N001")),
        "row 4, column application_id: 'N001' repeats row 2",
    ),
    ("empty file", "a.csv", lambda: b"", "a.csv: is empty"),
    ("header only", "a.csv", lambda: csv(HEADER), "a.csv: has a header but no rows."),
    (
        "wrong sheet",
        "a.xlsx",
        lambda: xlsx({"Notes": [["hello"]], "Scores": [["application_id", "score"]]}),
        "It was read from the first sheet, 'Notes', as no sheet is named 'applications' (sheets: Notes, Scores)",
    ),
    (
        "UTF-16 without a byte-order mark",
        "a.csv",
        lambda: csv(HEADER, row()).decode().encode("utf-16-le"),
        "looks like UTF-16 text without a byte-order mark; save it as CSV UTF-8.",
    ),
    (
        "binary file named .xlsx",
        "a.xlsx",
        lambda: bytes(range(256)) * 4,
        "a.xlsx: is not an Excel workbook (.xlsx)",
    ),
    (
        "zip that is not a workbook",
        "a.xlsx",
        plain_zip,
        "a.xlsx: cannot be opened as an Excel workbook",
    ),
    (
        "old .xls",
        "a.xls",
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
        "a.xls: is an old Excel 97-2003 file",
    ),
    (
        "formula-like name",
        "a.csv",
        lambda: csv(HEADER, row(first_name='=HYPERLINK("http://x.example")')),
        "row 2, column first_name: '=HYPERLINK",
    ),
    (
        "formula-like name after a blank line",
        "a.csv",
        lambda: csv(HEADER, row("N001"), "", row("N002", last_name="+44 1234")),
        "row 4, column last_name: '+44 1234' starts like a spreadsheet formula",
    ),
    (
        "formula-like reference",
        "a.csv",
        lambda: csv(HEADER, row("=1+1")),
        "row 2, column application_id: '=1+1' is not a usable reference",
    ),
    (
        "very large file",
        "a.csv",
        lambda: csv(HEADER) + b"x" * (51 * 1024 * 1024),
        "a.csv is 51 MB; the most the tool imports at once is 50 MB",
    ),
    (
        "bad yes/no",
        "a.csv",
        lambda: csv(HEADER, row(disability_gis="perhaps")),
        "row 2, column disability_gis: 'perhaps' is not yes or no",
    ),
    (
        "bad e-mail",
        "a.csv",
        lambda: csv(HEADER, row(email="nia at example")),
        "row 2, column email: 'nia at example' is not an e-mail address",
    ),
    (
        "blank reference",
        "a.csv",
        lambda: csv(HEADER, row("")),
        "row 2, column application_id: is empty",
    ),
    (
        "misspelt column",
        "a.csv",
        lambda: csv(HEADER + ",disabilty", row() + ",yes"),
        "has unknown column(s) 'disabilty'",
    ),
    (
        "evidence for an unknown criterion",
        "a.csv",
        lambda: csv(HEADER + ",evidence:c99", row() + ",text"),
        "row 1, column evidence:c99: 'c99' is not a criterion of this vacancy",
    ),
    (
        "unknown further scheme",
        "a.csv",
        lambda: csv(HEADER + ",scheme:redeployee", row() + ",yes"),
        "the organisation's policy has no declaration 'redeployee'",
    ),
    (
        "repeated column",
        "a.csv",
        lambda: csv(HEADER + ",statement", row() + ",again"),
        "a.csv, row 1: repeats column(s) statement; keep one of each.",
    ),
    (
        "a row with extra cells",
        "a.csv",
        lambda: csv(HEADER, row("N001"), row("N002") + ",extra,cells"),
        "a.csv, row 3, column N: has 15 cells where the header names 13, so the cells from column N on have no column.",
    ),
    (
        "the same file again",
        "applications.csv",
        lambda: GOOD_BYTES,
        "applications.csv was imported already (as applications.csv, 17 rows",
    ),
    (
        "a new file repeating earlier references",
        "more.csv",
        lambda: (GOOD.replace("Amina", "Amna")).encode("utf-8"),
        "row 2, column application_id: 'D001' is in this vacancy already",
    ),
]


def snapshot(services: Services) -> dict[str, object]:
    with services.store.reading() as session:
        counts = {
            t.__tablename__: session.scalar(select(func.count()).select_from(t))
            for t in (
                tables.Application,
                tables.ApplicantDetails,
                tables.ImportBatch,
                tables.PanelScore,
                tables.AuditEntry,
            )
        }
        names = sorted(session.scalars(select(tables.ApplicantDetails.first_name)))
    return {**counts, "names": names}


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('imports') / 'db.sqlite'}"
    else:
        url = new_database(request.getfixturevalue("postgres_base"))
    services = Services(open_store(url, load_catalogue()))
    yield make_world(services)  # the sample is imported once, successfully
    services.store.engine.dispose()


def test_there_are_at_least_20_kinds_of_bad_file() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize(
    ("name", "file_name", "content", "message"), CASES, ids=[c[0] for c in CASES]
)
def test_a_malformed_file_gets_its_clear_error_and_changes_nothing(
    world: World, name: str, file_name: str, content: Callable[[], bytes], message: str
) -> None:
    before = snapshot(world.services)
    with pytest.raises(ImportRefused) as refused:
        world.services.intake.import_applications(
            world.hr, world.vacancy.id, file_name=file_name, data=content()
        )
    shown = str(refused.value) + "\n" + "\n".join(str(p) for p in refused.value.problems)
    assert message in shown
    assert snapshot(world.services) == before


def test_a_good_file_is_imported_whole_and_audited(world: World) -> None:
    before = snapshot(world.services)
    report = world.services.intake.import_applications(
        world.hr, world.vacancy.id, file_name="late.csv", data=csv(HEADER, row("L001"), row("L002"))
    )
    after = snapshot(world.services)
    assert report.rows == 2
    assert after["applications"] == before["applications"] + 2  # type: ignore[operator]
    assert after["audit_log"] == before["audit_log"] + 1  # type: ignore[operator]


def test_a_file_with_one_bad_row_among_many_imports_nothing(world: World) -> None:
    before = snapshot(world.services)
    lines = [row(f"M{i:03d}") for i in range(200)]
    lines[150] = row("M150", received_date="yesterday")
    with pytest.raises(ImportRefused) as refused:
        world.services.intake.import_applications(
            world.hr, world.vacancy.id, file_name="many.csv", data=csv(HEADER, *lines)
        )
    assert [p.row for p in refused.value.problems] == [152]
    assert snapshot(world.services) == before


def test_a_windows_excel_csv_with_pound_signs_imports(world: World, tmp_path: Path) -> None:
    data = (HEADER + "\n" + row("W001", statement="Collected £1.2m in arrears") + "\n").encode(
        "cp1252"
    )
    world.services.intake.import_applications(
        world.hr, world.vacancy.id, file_name="excel.csv", data=data
    )
    (record,) = [
        a
        for a in world.services.intake.applications(world.hr, world.vacancy.id)
        if a.reference == "W001"
    ]
    assert record.statement == "Collected £1.2m in arrears"
