"""The offline scoring sheet's layout, as both its writer (exports/scoring_sheet.py) and its
reader (formats/scoring_sheet_reader.py) know it, so neither imports the other: the format's
name, the sheets, the header row, the hidden columns and how their signature is made. Plain
strings and the standard library's hashes: no file-format library."""

from __future__ import annotations

import hashlib
import hmac

FORMAT = "shortlisting-scoring-sheet/3"
EARLIER_FORMATS = ("shortlisting-scoring-sheet/1", "shortlisting-scoring-sheet/2")
SCORES, EVIDENCE, ABOUT, HOW = "Scores", "Evidence", "About", "How to score"
COLUMNS = ("Panel code", "Criterion id", "Criterion", "Essential?", "Score", "Note")
# Hidden, locked: the version of each score when the sheet was made and a fingerprint of the
# score and note as downloaded, so that re-importing changes only what the member changed and
# refuses a change to a score that moved on since (edited in the app meanwhile); and their
# signature, so that an edited version (an old sheet passed off as new) is refused too.
DRAWN = ("Version", "Downloaded", "Signature")


def fingerprint(score: int | None, note: str) -> str:
    """What a score and note were when the sheet was made, in a short fixed form."""
    return hashlib.sha256(f"{score}|{note}".encode()).hexdigest()[:16]


def signature(
    key: bytes,
    *,
    vacancy_id: int,
    member: str,
    panel_code: str,
    criterion_id: str,
    version: int | None,
    downloaded: str,
) -> str:
    """The row's hidden values signed with the deployment's key for scoring sheets: what the
    tool wrote for this vacancy, member, application and criterion, and nothing else."""
    signed = "\x1f".join(
        map(str, (FORMAT, vacancy_id, member, panel_code, criterion_id, version, downloaded))
    )
    return hmac.digest(key, signed.encode(), "sha256").hex()[:32]  # hmac.new's, at once
