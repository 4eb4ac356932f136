"""What the CSV reader (formats/csv_files.py) says about a record it will not take. The reader
places each sentence at the row and column where the trouble starts; the sentence says what
went wrong in the words of someone who made the file in a spreadsheet, and what to do."""

from __future__ import annotations

from formats.csv_dialect import SEPARATOR_NAMES
from formats.csv_shape import QUOTE

NUL = "holds a NUL character (a byte no text has); save the file again as CSV UTF-8 or .xlsx."
QUOTES = (
    "In a CSV file a cell holding a quote mark, a separator or a line break starts and ends "
    'with a quote mark, and each quote mark inside it is written twice (""); a spreadsheet '
    "writes it so when it saves the file as CSV."
)
PUT_IT_BACK = "Put the closing quote mark where the cell's text ends, or remove the opening one."


def too_many_cells(count: int, width: int, past: str, delimiter: str) -> str:
    separator = SEPARATOR_NAMES[delimiter].removesuffix("s")
    return (
        f"has {count} cells where the header names {width}, so the cells from column {past} on "
        f"have no column. A cell holding a {separator} splits in two unless it is between quote "
        "marks: check the row's cells, or name the extra column in the header."
    )


def too_few_cells(count: int, width: int) -> str:
    return (
        f"the row ends before this column: it has {count} cell(s) where the header names "
        f"{width}, and only optional columns may be left off the end of a row. If a line break "
        "split the row in two, join it again, or put the cell that holds the line break between "
        "quote marks."
    )


def stray_quote(written: str) -> str:
    """A cell read as unquoted that starts with spaces and a quote mark (the quote then does not
    open it), or that ends with a quote mark (as a cell does whose opening quote was lost)."""
    if written.lstrip().startswith(QUOTE):
        why = (
            "starts with a space before its quote mark, so the quote mark does not open the cell "
            "and any separator inside it splits it: remove the space."
        )
    else:
        why = (
            "ends with a quote mark but does not start with one, as a cell does whose opening "
            'quote mark was lost: put it back, or write a quote mark inside a cell twice ("") '
            "within quote marks around the whole cell."
        )
    return f"{why} {QUOTES}"


def rows_taken_in(opens: int, closes: int, *, closed: bool) -> str:
    until = "does not close until" if closed else "has not closed by"
    return (
        f"a quote mark opens this cell on line {opens:,} of the file and {until} line "
        f"{closes:,}, so lines that look like rows of their own would be read into this one "
        f"cell. {PUT_IT_BACK} {QUOTES}"
    )


def never_closed(opens: int, closes: int) -> str:
    return (
        f"a quote mark opens this cell on line {opens:,} of the file and nothing closes it, so "
        f"the rest of the file ({closes - opens:,} more line(s)) would be read into this one "
        f"cell. {PUT_IT_BACK} {QUOTES}"
    )


def still_open(opens: int, closes: int, most: int) -> str:
    return (
        f"a quote mark opens this cell on line {opens:,} of the file and has not closed by line "
        f"{closes:,}, past the {most:,} characters a cell may hold. {PUT_IT_BACK} {QUOTES}"
    )


def closed_early(opens: int, closes: int) -> str:
    """A quote that closes, followed by more text where the cell should end."""
    if closes == opens:
        why = (
            "a quote mark ends this cell's quoted text before the cell ends: more text follows "
            'it. Write a quote mark inside a cell twice ("").'
        )
    else:
        why = (
            f"a quote mark opens this cell on line {opens:,} of the file, and the one taken to "
            f"close it, on line {closes:,}, is followed by more text: most likely this cell's "
            f"closing quote mark is missing. {PUT_IT_BACK}"
        )
    return f"{why} {QUOTES}"


def too_long(most: int) -> str:
    return f"is more than {most:,} characters long; the most a cell may hold is {most:,}."


def record_too_long(most: int) -> str:
    return (
        f"is more than {most:,} characters long, more than its cells may hold: it has far more "
        "cells than the header names, or a quote mark is missing."
    )


def line_break_in_header(column: str) -> str:
    return (
        f"has a line break in the header's column {column}: the header is one line of column "
        f"names, so a quote mark is missing or one too many. {QUOTES}"
    )
