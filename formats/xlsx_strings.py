"""The shared strings of a workbook, measured as they stream (formats/xlsx_parts.py): how many,
and each one's length, so the chosen sheet's cells can be held to the text calamine would copy
into them (formats/xlsx_sheet.py)."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate, repeat

from formats.limits import CELL_AREA
from formats.refusals import AGAIN, fail
from formats.xlsx_refs import P, last

STRING = re.compile(rb"<" + P + rb"si[\s/>]")
TEXT = re.compile(rb"<" + P + rb"t[\s/>]")


def strings_cut(buffer: bytes) -> int:
    """Before the last shared string, which may be cut."""
    found = last(STRING, buffer)
    return 0 if found is None else found.start()


@dataclass
class Strings:
    """Each shared string's length in bytes of XML (no less than the text calamine makes of
    it). `exact` while each <si> surely holds text: calamine skips one that holds none, and
    a string's index then names a later one."""

    lengths: array[int] = field(default_factory=lambda: array("Q"))
    size: int = 0  # the bytes of the part
    exact: bool = True
    _most: array[int] | None = None

    def take(self, region: bytes, name: str) -> None:
        self.size += len(region)
        if b":si" in region or b":t" in region:  # prefixed names
            pieces = STRING.split(region)[1:]  # what comes before the first is no string
            texts: Iterable[object] = map(TEXT.search, pieces)
        else:
            pieces = region.split(b"<si")[1:]
            texts = map(bytes.__contains__, pieces, repeat(b"<t"))
        self.lengths.extend(map(len, pieces))
        if self.exact and (b"rPh" in region or not all(texts)):
            self.exact = False
        if len(self.lengths) > CELL_AREA:
            raise fail(name, f"holds more than {CELL_AREA:,} pieces of text. {AGAIN}")

    def taken(self, indexes: Iterable[int]) -> int:
        """The bytes calamine copies for cells of these indexes, or more."""
        table = self.lengths
        if not self.exact:  # index i names string i or a later one: the longest from i on
            if self._most is None:
                self._most = array("Q", accumulate(reversed(table), max))
                self._most.reverse()
            table = self._most
        n = len(table)
        return sum(table[i] for i in indexes if i < n)
