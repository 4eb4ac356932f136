"""Letters as documents: one DOCX (python-docx) and one PDF (fpdf2) per applicant, and a zip
of a vacancy's letters for HR to print or post. Every word goes in as a text run: nothing an
applicant or HR wrote is read as markup, a field or a formula."""

from __future__ import annotations

import copy
import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from docx import Document
from docx.shared import Pt
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import SubsetMap, TTFFont

from scoring.words.letters import Letter, long_date, plain

# A font with more than Latin-1 (names such as Łukasz or Dvořák); the first found is used, else
# the PDF's built-in Helvetica with letters outside Latin-1 written without their accents.
UNICODE_FONTS = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "LiberationSans-Bold.ttf",
    ),
    ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
)


PROPERTY_LENGTH = 255  # the most a Word document's title or author may hold


@dataclass(frozen=True)
class LetterFont:
    regular: Path | None  # None: the built-in Helvetica (Latin-1 only)
    bold: Path | None


def find_font() -> LetterFont:
    for regular, bold in UNICODE_FONTS:
        path = Path(regular)
        if path.is_file():
            bold_path = path.with_name(bold)
            return LetterFont(path, bold_path if bold_path.is_file() else path)
    return LetterFont(None, None)


def _heading_lines(letter: Letter, dated: date) -> list[str]:
    """The date, a blank line, the applicant's name and the reference."""
    return [long_date(dated), "", letter.name, f"Our reference: {letter.reference}"]


def _paragraphs(body: str) -> list[str]:
    """The body's paragraphs (split at blank lines); single line breaks are kept inside."""
    return [p.strip("\n") for p in re.split(r"\n[ \t]*\n", plain(body)) if p.strip()]


def letter_docx(letter: Letter, *, organisation: str, dated: date) -> bytes:
    """The letter as a Word document."""
    document = Document()
    properties = document.core_properties
    properties.title = plain(letter.subject)[:PROPERTY_LENGTH]
    properties.author = plain(organisation)[:PROPERTY_LENGTH]
    properties.created = properties.modified = datetime(dated.year, dated.month, dated.day)
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    top = document.add_paragraph()
    top.add_run(plain(organisation)).bold = True
    for line in _heading_lines(letter, dated):
        document.add_paragraph().add_run(plain(line))
    document.add_paragraph()
    document.add_paragraph().add_run(plain(letter.subject)).bold = True
    for paragraph in _paragraphs(letter.body):
        document.add_paragraph().add_run(paragraph)  # a line break inside becomes <w:br/>
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# Letters and punctuation with no Latin-1 form and no accent to drop (text pasted from Word).
NEAREST_LATIN1 = str.maketrans(
    {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "ı": "i", "Œ": "OE",
     "œ": "oe", "‘": "'", "’": "'", "‚": ",", "“": '"', "”": '"', "„": '"', "–": "-",
     "—": "-", "…": "...", "•": "-", "€": "EUR"}
)  # fmt: skip


def _latin1(text: str) -> str:
    """Plain text for the built-in font: accents dropped where a letter has no Latin-1 form,
    the nearest Latin-1 character for a few more, else '?'."""
    out = []
    for ch in plain(text).translate(NEAREST_LATIN1):
        if ord(ch) < 256:
            out.append(ch)
            continue
        base = unicodedata.normalize("NFKD", ch).encode("latin-1", "ignore").decode("latin-1")
        out.append(base or "?")
    return "".join(out)


def letter_pdf(
    letter: Letter, *, organisation: str, dated: date, font: LetterFont | None = None
) -> bytes:
    """The letter as a PDF (A4)."""
    font = font or find_font()
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(dated.year, dated.month, dated.day))
    pdf.set_title(plain(letter.subject))
    pdf.set_author(plain(organisation))
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(True, margin=25)
    if font.regular is not None and font.bold is not None:
        _add_font(pdf, font.regular, "")
        _add_font(pdf, font.bold, "B")
        family, text = "Letter", plain
    else:
        family, text = "Helvetica", _latin1
    pdf.add_page()

    def write(words: str, *, bold: bool = False, after: float = 0) -> None:
        pdf.set_font(family, "B" if bold else "", 11)
        pdf.multi_cell(
            0, 5.5, text(words).replace("\t", "    "), align="L", markdown=False,
            new_x=XPos.LMARGIN, new_y=YPos.NEXT,
        )  # fmt: skip
        if after:
            pdf.ln(after)

    write(organisation, bold=True, after=4)
    for line in _heading_lines(letter, dated):
        if line:
            write(line)
        else:
            pdf.ln(5.5)
    pdf.ln(5.5)
    write(letter.subject, bold=True, after=4)
    for paragraph in _paragraphs(letter.body):
        write(paragraph, after=4)
    return bytes(pdf.output())


@lru_cache(maxsize=8)
def _read_font(path: Path, style: str) -> TTFFont:
    """The font as fpdf2 reads it for `add_font`: its widths and glyphs from the file, which
    takes a tenth of a second, once a process for each font."""
    pdf = FPDF()
    pdf.add_font("Letter", style, str(path))
    font = pdf.fonts[f"letter{style}"]
    assert isinstance(font, TTFFont)
    return font


def _add_font(pdf: FPDF, path: Path, style: str) -> None:
    """`pdf.add_font("Letter", style, path)`, from the font read once (`_read_font`): fpdf2's
    own copy of a read font (as its FPDFRecorder makes), with what a document changes made
    anew: the font file, which writing the PDF cuts down to the letters used, and the set of
    letters used. A PDF made this way is the same, byte for byte, as one made with `add_font`
    (tests/unit/test_letter_font_read_once.py)."""
    read = _read_font(path, style)
    font = copy.deepcopy(read)
    font.i = len(pdf.fonts) + 1
    font.ttfont = TTFont(read.ttffile, recalcTimestamp=False, fontNumber=0, lazy=True)
    font.subset = SubsetMap(font)
    pdf.fonts[font.fontkey] = font


def file_stem(letter: Letter) -> str:
    """A file name from the reference that is a plain name in any folder: HR's references may
    hold '/' and '.', which must not make folders or climb out of one when unzipped."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", letter.reference).strip("-") or "letter"
    return f"{safe}-{letter.kind.value.replace('_', '-')}"


def letters_zip(letters: Sequence[Letter], *, organisation: str, dated: date) -> bytes:
    """Every letter as a DOCX and a PDF, one pair per applicant."""
    font = find_font()
    out = io.BytesIO()
    stamp = (dated.year, dated.month, dated.day, 0, 0, 0)
    used: set[str] = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for letter in letters:
            stem, n = file_stem(letter), 1
            while stem in used:  # two references that read alike once made safe
                n += 1
                stem = f"{file_stem(letter)}-{n}"
            used.add(stem)
            for suffix, content in (
                (".docx", letter_docx(letter, organisation=organisation, dated=dated)),
                (".pdf", letter_pdf(letter, organisation=organisation, dated=dated, font=font)),
            ):
                info = zipfile.ZipInfo(stem + suffix, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, content)
    return out.getvalue()
