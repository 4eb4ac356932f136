"""How a worksheet's XML names things, for the scan of formats/xlsx_sheet.py: the namespace
prefix calamine ignores (so the scan must), cell references read as numbers, and patterns for
the references past a reach (few, in a sheet whose cells are where its rows say, so found
fast)."""

from __future__ import annotations

import re
from collections import deque

from formats.refusals import column_letters

NS = rb"[A-Za-z_][\w.-]*:"  # a namespace prefix: calamine ignores it, so must the scan
P = rb"(?:" + NS + rb")?"
REF = re.compile(rb"([A-Za-z]+)(\d*)")


def last(pattern: re.Pattern[bytes], buffer: bytes) -> re.Match[bytes] | None:
    """The last match in `buffer`, looked for near its end first."""
    span = 4096
    while True:
        start = max(0, len(buffer) - span)
        found = deque(pattern.finditer(buffer, start), maxlen=1)
        if found or start == 0:
            return found[0] if found else None
        span *= 16


def row_number(digits: bytes) -> int:
    return int(digits) if 0 < len(digits) <= 9 else (0 if not digits else 10**9)


def column_number(letters: bytes) -> int:
    if len(letters) > 4:
        return 10**9
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _letters_above(column: int) -> bytes:
    """A pattern for the column letters (in any case) that come after `column`'s."""
    text = column_letters(column)
    above = [rb"[A-Za-z]{%d,}" % (len(text) + 1)]
    for i, letter in enumerate(text):
        if letter < "Z":
            same = b"".join(b"[%s%s]" % (c.encode(), c.lower().encode()) for c in text[:i])
            after = chr(ord(letter) + 1)
            span = b"[%s-Z%s-z]" % (after.encode(), after.lower().encode())
            above.append(same + span + rb"[A-Za-z]{%d}" % (len(text) - i - 1))
    return b"|".join(above)


def _digits_above(number: int) -> bytes:
    """A pattern for the row numbers above `number`."""
    text = str(number)
    above = [rb"\d{%d,}" % (len(text) + 1)]
    for i, digit in enumerate(text):
        if digit < "9":
            above.append(
                b"%s[%d-9]\\d{%d}" % (text[:i].encode(), int(digit) + 1, len(text) - i - 1)
            )
    return b"|".join(above)


def beyond(column: int, row: int) -> re.Pattern[bytes]:
    """Cell references past `column` or below `row`: few, in a sheet whose cells are where
    its rows say, so found fast."""
    return re.compile(
        rb"r\s*=\s*[\"']((?:"
        + _letters_above(column)
        + rb")\d*|[A-Za-z]+(?:"
        + _digits_above(row)
        + rb"))[\"']"
    )
