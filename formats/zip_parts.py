"""The one scan of a workbook's zip parts, under every reader that opens one (the tables'
reader for calamine, formats/xlsx_parts.py; the scoring sheet's for openpyxl,
formats/scoring_sheet_parts.py): how many parts there are, before zipfile lists them; what
their declared sizes come to; their bytes as they decompress (a declared size can lie),
counted against the cap in chunks, never a part held whole; and a run of text far longer than
a cell may hold, refused as it streams, so no reading library builds a giant cell. Each reader
says, with its limits, what to say when one is refused; what its own library parses besides
(the chosen sheet's cells, the parts it parses whole) it checks on the chunks given here.

Chunks end anywhere: `regions` gives the part again in pieces that end where a reader's `cut`
says, the rest carried into the next chunk."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from formats.limits import BYTES_PER_CHAR, MAX_PARTS, MB, Limits

CELL_XML = 4  # a cell's XML may be this many times the longest text a cell may hold


def too_many_parts(data: bytes) -> bool:
    """More than MAX_PARTS parts, counted before zipfile lists them all."""
    return data.count(b"PK\x01\x02") > MAX_PARTS


def declared(infos: Iterable[zipfile.ZipInfo]) -> int:
    """What the parts say they unpack to: a quick refusal; the bytes are counted too."""
    return sum(info.file_size for info in infos)


@dataclass
class Unpacked:
    """The bytes decompressed so far, in all parts, against the cap; `bomb` and `too_long`
    are the reader's refusals."""

    limits: Limits
    bomb: Callable[[], Exception]
    too_long: Callable[[], Exception]
    total: int = 0

    @property
    def longest(self) -> int:
        return BYTES_PER_CHAR * self.limits.cell_chars  # a run of text this long is too long

    def read(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
        size = min(MB, self.longest)  # so a run longer than `longest` spans a chunk's end
        with archive.open(info) as part:
            while chunk := part.read(size):
                self.total += len(chunk)
                if self.total > self.limits.unpacked_bytes:
                    raise self.bomb()
                yield chunk

    def texts(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        """The chunks of an XML part, refusing a run of text (between tags, carried across
        chunks) far longer than a cell may hold."""
        run = 0  # the text run the last chunk ended in, from its last '<'
        for chunk in chunks:
            first = chunk.find(b"<")
            if first < 0:
                run += len(chunk)
                ended = run
            else:
                ended, run = run + first, len(chunk) - 1 - chunk.rfind(b"<")
            if max(ended, run) > self.longest:
                raise self.too_long()
            yield chunk


def regions(
    chunks: Iterable[bytes], cut: Callable[[bytes], int], unpacked: Unpacked
) -> Iterator[bytes]:
    """The part again, in pieces that end where `cut` says (the rest is carried into the next
    chunk), refusing a run of text far longer than a cell may hold."""
    carry = b""
    for chunk in unpacked.texts(chunks):
        buffer = carry + chunk
        at = cut(buffer)
        if at > 0:
            yield buffer[:at]
        carry = buffer[at:]
        if len(carry) > CELL_XML * unpacked.longest:  # one cell's XML, or one string's
            raise unpacked.too_long()
    if carry:
        yield carry
