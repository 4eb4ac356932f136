"""Scores in the interchange's long form (pandas frames), as the engine and the charts read them."""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from storage import tables


def panel_score_frame(
    *, session: Session, vacancy_id: int, member_name: str = "username", notes: bool = False
) -> pd.DataFrame:
    """The interchange's long form (application_id is HR's reference): application_id,
    criterion_id, panel_member (user name, or display name), score[, note]. Read as plain
    integers and mapped in bulk: at 10,000 applications this is most of a shortlist's cost."""
    columns = [
        tables.PanelScore.application_id,
        tables.PanelScore.criterion_id,
        tables.PanelScore.user_id,
        tables.PanelScore.score,
    ]
    if notes:
        columns.append(tables.PanelScore.note)
    query = (
        select(*columns)
        .join(tables.Application, tables.PanelScore.application_id == tables.Application.id)
        .where(tables.Application.vacancy_id == vacancy_id)
    )
    names = ["application_id", "criterion_id", "panel_member", "score"] + (
        ["note"] if notes else []
    )
    frame = _frame(session, query, names)
    references = dict(
        session.connection()
        .execute(
            select(tables.Application.id, tables.Application.reference).where(
                tables.Application.vacancy_id == vacancy_id
            )
        )
        .all()
    )
    who = tables.User.username if member_name == "username" else tables.User.display_name
    members = dict(session.connection().execute(select(tables.User.id, who)).all())
    frame["application_id"] = frame["application_id"].map(references).astype("category")
    frame["panel_member"] = frame["panel_member"].map(members).astype("category")
    frame["criterion_id"] = frame["criterion_id"].astype("category")
    if notes:  # the export lists them in order; the engine needs none
        frame = frame.astype({"application_id": str, "panel_member": str, "criterion_id": str})
        frame = frame.sort_values(["application_id", "criterion_id", "panel_member"], kind="stable")
        frame = frame.reset_index(drop=True)
    return frame


def _frame(session: Session, query: Select[Any] | Any, names: list[str]) -> pd.DataFrame:
    """Rows straight into a frame, column by column. The columns are plain integers and
    strings, so the DBAPI cursor's tuples are read as they are (SQLAlchemy's row objects, and
    pandas probing each of them, cost more than the query)."""
    rows = session.connection().execute(query).cursor.fetchall()
    return pd.DataFrame(rows, columns=names)


def panel_code_frame(*, session: Session, vacancy_id: int) -> pd.DataFrame:
    """The long form by panel code and display name (what calibration compares)."""
    query = (
        select(
            tables.Application.panel_code,
            tables.PanelScore.criterion_id,
            tables.User.display_name,
            tables.PanelScore.score,
        )
        .select_from(tables.PanelScore)
        .join(tables.Application, tables.PanelScore.application_id == tables.Application.id)
        .join(tables.User, tables.User.id == tables.PanelScore.user_id)
        .where(tables.Application.vacancy_id == vacancy_id)
    )
    return _frame(session, query, ["application_id", "criterion_id", "panel_member", "score"])


# Agreed scores -------------------------------------------------------------------------------
def agreed_frame(*, session: Session, vacancy_id: int) -> pd.DataFrame:
    query = (
        select(
            tables.Application.reference, tables.AgreedScore.criterion_id, tables.AgreedScore.score
        )
        .select_from(tables.AgreedScore)
        .join(tables.Application)
        .where(tables.Application.vacancy_id == vacancy_id)
    )
    return _frame(session, query, ["application_id", "criterion_id", "score"])
