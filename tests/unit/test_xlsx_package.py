"""The workbook's package finished without inflating and deflating every part again (issue
29, item 9: that was most of the export's time): each untouched part is copied as the writer
compressed it, byte for byte; the parts given anew are deflated; the package reads back
whole."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given
from hypothesis import strategies as st

from exports.xlsx_package import ZipPackage

NAMES = st.text(alphabet="abcdefghij/_.", min_size=1, max_size=20).filter(
    lambda n: not n.startswith("/") and not n.endswith("/")
)
PARTS = st.dictionaries(NAMES, st.binary(max_size=3000), min_size=1, max_size=6)


def zipped(parts: dict[str, bytes], method: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


@given(
    PARTS, st.sets(st.integers(0, 5)), st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
)
def test_untouched_parts_are_copied_as_compressed_and_new_ones_read_back(
    parts: dict[str, bytes], renewed: set[int], method: int
) -> None:
    raw = zipped(parts, method)
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = ZipPackage()
    expected = {}
    for i, info in enumerate(source.infolist()):
        if i in renewed:
            expected[info.filename] = b"new " + parts[info.filename]
            out.add(info, expected[info.filename])
        else:
            expected[info.filename] = parts[info.filename]
            out.copy(info, raw)
    finished = zipfile.ZipFile(io.BytesIO(out.finish()))
    assert finished.testzip() is None
    assert {i.filename: finished.read(i) for i in finished.infolist()} == expected
    assert [i.filename for i in finished.infolist()] == list(parts)
    for info in finished.infolist():  # the writer's own compression, where untouched
        before = source.getinfo(info.filename)
        if (
            expected[info.filename] == parts[info.filename]
            and list(parts).index(info.filename) not in renewed
        ):
            assert (info.compress_type, info.compress_size, info.CRC) == (
                before.compress_type, before.compress_size, before.CRC,
            )  # fmt: skip
