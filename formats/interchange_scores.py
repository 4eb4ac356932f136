"""Panel scores and agreed scores as interchange files (README, "Interchange formats"): each
row's application, criterion and member checked against the vacancy, the score against its
scale; every problem named by file, row and column."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from formats.csv_shape import RowShape
from formats.interchange_tables import (
    AGREED_COLUMNS,
    SCORE_COLUMNS,
    column_problems,
    read_table,
    text,
)
from formats.problems import MAX_PROBLEMS_SHOWN, InterchangeError, Problem
from scoring.clean_text import clean_text
from scoring.vacancy import Vacancy


def _score_problems(
    frame: pd.DataFrame,
    name: str,
    vacancy: Vacancy,
    application_ids: set[str],
    key: Sequence[str],
) -> tuple[pd.DataFrame, list[Problem]]:
    problems: list[Problem] = []
    rows = pd.Series(frame.index, index=frame.index)  # the rows as a spreadsheet numbers them
    present = set(frame.columns)  # a missing column is reported once, its cells not checked
    for column in (*key, "score"):
        frame[column] = frame[column].map(text) if column in present else ""
    raw_score = frame["score"].map(text)
    if "score" in present:
        frame = frame[raw_score != ""].copy()  # a blank score is a criterion not scored yet
    rows = rows[frame.index]
    raw_score = raw_score[frame.index]
    score = pd.to_numeric(raw_score, errors="coerce")
    scale = vacancy.scheme.scale
    on_scale = score.isin(scale.values) | ("score" not in present)
    for i in frame.index[~on_scale][: MAX_PROBLEMS_SHOWN + 1]:
        problems.append(
            Problem(
                name,
                int(rows[i]),
                "score",
                f"'{raw_score[i]}' is not on the {scale.name} scale; use a whole number from {scale.minimum} to {scale.maximum}.",
            )
        )
    criteria = {c.id for c in vacancy.criteria}
    unknown_c = ~frame["criterion_id"].isin(criteria) & ("criterion_id" in present)
    for i in frame.index[unknown_c][: MAX_PROBLEMS_SHOWN + 1]:
        shown = ", ".join(c.id for c in vacancy.criteria[:12]) + (
            ", ..." if len(criteria) > 12 else ""
        )
        problems.append(
            Problem(
                name,
                int(rows[i]),
                "criterion_id",
                f"'{frame.at[i, 'criterion_id']!s}' is not a criterion of this vacancy ({shown}).",
            )
        )
    unknown_a = ~frame["application_id"].isin(application_ids) & ("application_id" in present)
    for i in frame.index[unknown_a][: MAX_PROBLEMS_SHOWN + 1]:
        problems.append(
            Problem(
                name,
                int(rows[i]),
                "application_id",
                f"'{frame.at[i, 'application_id']!s}' is not an application in the applications file.",
            )
        )
    if "panel_member" in key and "panel_member" in present:
        blank = frame["panel_member"] == ""
        for i in frame.index[blank][: MAX_PROBLEMS_SHOWN + 1]:
            problems.append(
                Problem(name, int(rows[i]), "panel_member", "is empty; say who gave the score.")
            )
    dup = frame.duplicated(subset=list(key), keep=False)
    if dup.any() and present.issuperset(key):
        first: dict[tuple[str, ...], int] = {}
        for i in frame.index[dup]:
            k = tuple(frame.loc[i, list(key)])
            if k in first:
                problems.append(
                    Problem(
                        name,
                        int(rows[i]),
                        None,
                        f"repeats row {first[k]} ({', '.join(k)}); keep one score per {' x '.join(key)}.",
                    )
                )
            else:
                first[k] = int(rows[i])
            if len(problems) > MAX_PROBLEMS_SHOWN:
                break
    frame["score"] = score
    if "note" not in frame.columns:
        frame["note"] = ""
    frame["note"] = frame["note"].map(lambda v: clean_text(text(v)))
    for column in key:
        frame[column] = frame[column].astype("category")
    return frame.reset_index(drop=True), problems


def read_panel_scores(
    source: Path | str | bytes,
    vacancy: Vacancy,
    application_ids: Iterable[str],
    *,
    name: str | None = None,
) -> pd.DataFrame:
    known = set(application_ids)
    rows = RowShape(SCORE_COLUMNS, is_key=known.__contains__)
    frame = read_table(
        source, name, sheet="panel_scores", columns=(*SCORE_COLUMNS, "note"), shape=rows
    )
    name = name or (Path(source).name if not isinstance(source, bytes) else "uploaded file")
    problems = column_problems(frame, name, SCORE_COLUMNS, ("note",))
    frame, found = _score_problems(
        frame, name, vacancy, known, ("application_id", "criterion_id", "panel_member")
    )
    if problems or found:
        raise InterchangeError([*problems, *found])
    return frame


def read_agreed_scores(
    source: Path | str | bytes,
    vacancy: Vacancy,
    application_ids: Iterable[str],
    *,
    name: str | None = None,
) -> pd.DataFrame:
    known = set(application_ids)
    rows = RowShape(AGREED_COLUMNS, is_key=known.__contains__)
    frame = read_table(
        source, name, sheet="agreed_scores", columns=(*AGREED_COLUMNS, "note"), shape=rows
    )
    name = name or (Path(source).name if not isinstance(source, bytes) else "uploaded file")
    problems = column_problems(frame, name, AGREED_COLUMNS, ("note",))
    frame, found = _score_problems(frame, name, vacancy, known, ("application_id", "criterion_id"))
    if problems or found:
        raise InterchangeError([*problems, *found])
    return frame
