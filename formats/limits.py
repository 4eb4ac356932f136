"""The limits every reader holds a file to, at the foot of formats/: what a file may weigh,
packed and unpacked, how many rows and how long a cell, and the constants each reader's scan
shares. Imports nothing of the project, so every reader can stand on it."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024
MAX_PARTS = 10_000  # a workbook has tens of parts; zipfile holds an entry for each
CELL_AREA = 2_500_000  # the rows × columns a reader may build, 32 bytes each: 50,000 × 50
BYTES_PER_CHAR = 10  # the most one character takes in XML (&#1114111;)


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 50 * MB
    unpacked_bytes: int = 200 * MB  # a workbook's parts, decompressed, in all
    rows: int = 50_000
    cell_chars: int = 100_000


LIMITS = Limits()
# a table as read: its header, its rows each with its number, and the header's row number
Table = tuple[list[object], list[tuple[int, list[object]]], int]
