"""LibreOffice Calc as a real client, driven over UNO. Run by Debian's python3 (which has the
`uno` module from python3-uno), never imported by the tests: tests/integration/libreoffice.py
starts it with one JSON job on standard input and reads one JSON answer from standard output.

A job: {"open": path, "filter_options": "...", "steps": [...], "save": [...]} where a step is
{"recalculate": true} | {"set": {"Sheet": {"B7": value}}} | {"read": {"Sheet": ["B7", ...]}}
| {"sort": {...}} (`_sort`) | {"toolbar_sort": {...}} (`_toolbar_sort`) | {"borders": {"Sheet": ["E2", ...]}} (`_borders`)
| {"delete_rows": {"Sheet": [7, ...]}} | {"clear": {"Sheet": ["B7", ...]}}
| {"formula": {"Sheet": {"B7": "=1+2"}}} | {"save_as": {"path": ..., "filter": ...}}
and a save is {"path": ..., "filter": "Calc MS Excel 2007 XML" | "calc8" | "Text - txt - csv
(StarCalc)", "filter_options": "..."}. The answer holds what was read: {"Sheet!B7": {"value":
1.0, "text": "1", "formula": "", "type": "VALUE"}} and the cell's type."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import uuid

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]
from com.sun.star.uno import RuntimeException  # type: ignore[import-not-found]

OFFICE: list[object] = []  # the running office's component context


def _props(**values: object) -> tuple[object, ...]:
    out = []
    for name, value in values.items():
        p = PropertyValue()
        p.Name, p.Value = name, value
        out.append(p)
    return tuple(out)


def _start(profile: str) -> tuple[subprocess.Popen[bytes], object]:
    pipe = f"calc{uuid.uuid4().hex}"
    office = subprocess.Popen(
        [
            "soffice", "--headless", "--invisible", "--norestore", "--nologo",
            "--nodefault", "--nolockcheck",
            f"-env:UserInstallation=file://{profile}",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + 90
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if office.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("LibreOffice did not start") from None
            time.sleep(0.2)
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context
    )
    OFFICE.append(context)  # for steps that need the office's own services (`_toolbar_sort`)
    return office, desktop


def _read(cell: object) -> dict[str, object]:
    kind = cell.getType().value  # EMPTY, VALUE, TEXT or FORMULA
    return {
        "value": cell.getValue(),
        "text": cell.getString(),
        "formula": cell.getFormula() if kind == "FORMULA" else "",
        "type": kind,
        "error": cell.getError() if kind == "FORMULA" else 0,
    }


def _sort(doc: object, spec: dict[str, object]) -> list[str]:
    """A sort step, {"sort": {"sheet": "Score matrix", "range": "A4:X20", "column": 23,
    "descending": true}}, as the Data > Sort dialog does it (no header inside the range; the
    column counted from the range's first, 0-based). Answers the range's first column, in its
    new order, under "sorted" (one list per sort step)."""
    cells = doc.Sheets.getByName(spec["sheet"]).getCellRangeByName(spec["range"])  # type: ignore[attr-defined]
    field = uno.createUnoStruct("com.sun.star.table.TableSortField")
    field.Field, field.IsAscending = spec["column"], not spec.get("descending", False)
    fields = uno.Any("[]com.sun.star.table.TableSortField", (field,))
    descriptor = (*_props(ContainsHeader=False), *_props(SortFields=fields))
    uno.invoke(cells, "sort", (uno.Any("[]com.sun.star.beans.PropertyValue", descriptor),))
    rows = cells.getRangeAddress().EndRow - cells.getRangeAddress().StartRow + 1
    return [cells.getCellByPosition(0, r).getString() for r in range(rows)]


def _delete_rows(sheet: object, rows: list[int]) -> None:
    """Delete whole rows (numbered as the sheet shows them), as a person does with Delete
    Rows, the last first; a sheet protected without a password is unprotected for it, as
    Tools > Protect Sheet does, and protected again."""
    protected = sheet.isProtected()
    if protected:
        sheet.unprotect("")
    for number in sorted(rows, reverse=True):
        sheet.Rows.removeByIndex(number - 1, 1)
    if protected:
        sheet.protect("")


def _clear(sheet: object, refs: list[str]) -> None:
    """Empty cells, as the Delete key does: value, text and formula."""
    value, text, formula = 1, 4, 16  # com.sun.star.sheet.CellFlags
    for ref in refs:
        sheet.getCellRangeByName(ref).clearContents(value | text | formula)


def _formulas(sheet: object, cells: dict[str, str]) -> None:
    """Type formulas into cells ("=1+2")."""
    for ref, formula in cells.items():
        sheet.getCellRangeByName(ref).setFormula(formula)


def _save_as(doc: object, save: dict[str, str]) -> None:
    """Save the document as it is at this step ({"path": ..., "filter": ...}), so that one
    session can give several files: the steps after it go on from the same document."""
    target = uno.systemPathToFileUrl(os.path.abspath(save["path"]))
    doc.storeToURL(target, _props(FilterName=save["filter"], Overwrite=True))


def run(job: dict[str, object]) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="calc-profile-") as profile:
        office, desktop = _start(profile)
        try:
            url = uno.systemPathToFileUrl(os.path.abspath(str(job["open"])))
            load = {"Hidden": True}
            if job.get("filter"):
                load["FilterName"] = job["filter"]
            if job.get("filter_options"):
                load["FilterOptions"] = job["filter_options"]
            doc = desktop.loadComponentFromURL(url, "_blank", 0, _props(**load))
            if doc is None:
                raise SystemExit(f"LibreOffice could not open {job['open']}")
            answer: dict[str, object] = {"sheets": list(doc.Sheets.ElementNames)}
            for step in job.get("steps", []):  # type: ignore[attr-defined]
                if step.get("recalculate"):
                    doc.calculateAll()
                for sheet_name, cells in step.get("set", {}).items():
                    sheet = doc.Sheets.getByName(sheet_name)
                    for ref, value in cells.items():
                        cell = sheet.getCellRangeByName(ref)
                        if isinstance(value, int | float) and not isinstance(value, bool):
                            cell.setValue(value)
                        else:
                            cell.setString(str(value))
                for sheet_name, rows in step.get("delete_rows", {}).items():
                    _delete_rows(doc.Sheets.getByName(sheet_name), rows)
                for sheet_name, refs in step.get("clear", {}).items():
                    _clear(doc.Sheets.getByName(sheet_name), refs)
                for sheet_name, cells in step.get("formula", {}).items():
                    _formulas(doc.Sheets.getByName(sheet_name), cells)
                if step.get("save_as"):
                    _save_as(doc, step["save_as"])
                for sheet_name, refs in step.get("read", {}).items():
                    sheet = doc.Sheets.getByName(sheet_name)
                    for ref in refs:
                        answer[f"{sheet_name}!{ref}"] = _read(sheet.getCellRangeByName(ref))
                if step.get("sort"):
                    answer.setdefault("sorted", []).append(_sort(doc, step["sort"]))  # type: ignore[attr-defined]
                if step.get("toolbar_sort"):
                    _toolbar_sort(doc, **step["toolbar_sort"])
                for sheet_name, refs in step.get("borders", {}).items():
                    sheet = doc.Sheets.getByName(sheet_name)
                    for ref in refs:
                        answer[f"{sheet_name}!{ref} borders"] = _borders(
                            sheet.getCellRangeByName(ref)
                        )
            for save in job.get("save", []):  # type: ignore[attr-defined]
                target = uno.systemPathToFileUrl(os.path.abspath(save["path"]))
                options = {"FilterName": save["filter"], "Overwrite": True}
                if save.get("filter_options"):
                    options["FilterOptions"] = save["filter_options"]
                if save.get("sheet"):  # CSV writes the active sheet
                    controller = doc.getCurrentController()
                    if controller is not None:
                        controller.setActiveSheet(doc.Sheets.getByName(save["sheet"]))
                doc.storeToURL(target, _props(**options))
            try:
                doc.close(True)
            except RuntimeException:
                # LibreOffice 7.4 can fall over closing a document sorted from its toolbar
                # (`_toolbar_sort`); every step and save is done by then
                pass
            return answer
        finally:
            try:
                desktop.terminate()
            except RuntimeException:
                # The bridge is gone: disposed as the office ends (DisposedException), or dead
                # with an office that failed. What the job raised, if anything, is what counts.
                pass
            try:
                office.wait(timeout=30)
            except subprocess.TimeoutExpired:
                office.kill()


def _toolbar_sort(doc: object, sheet: str, cell: str, descending: bool = False) -> None:
    """A step {"toolbar_sort": {"sheet": ..., "cell": "E2", "descending": true}}: as a person sorts
    with the toolbar, the cell selected and Sort Ascending or Descending pressed (the
    command LibreOffice's own button sends, with the sheet's protection as it is)."""
    controller = doc.getCurrentController()
    target = doc.Sheets.getByName(sheet)
    controller.setActiveSheet(target)
    controller.select(target.getCellRangeByName(cell))
    command = "SortDescending" if descending else "SortAscending"
    context = OFFICE[-1]
    helper = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.DispatchHelper", context
    )
    helper.executeDispatch(controller.getFrame(), f".uno:{command}", "", 0, ())  # waits


def _borders(cell: object) -> dict[str, int]:
    """A step {"borders": {"Sheet": ["E2", ...]}}: each side's line width, as Calc has it."""
    return {
        side: cell.getPropertyValue(f"{side}Border").OuterLineWidth
        for side in ("Left", "Right", "Top", "Bottom")
    }


if __name__ == "__main__":
    sys.stdout.write(json.dumps(run(json.load(sys.stdin))) + "\n")
