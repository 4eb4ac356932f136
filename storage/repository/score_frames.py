"""Scores in the interchange's long form (pandas frames), as the engine and the charts read them."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import tables


def panel_score_frame(
    *, session: Session, vacancy_id: int, member_name: str = "username", notes: bool = False
) -> pd.DataFrame:
    """The interchange's long form (application_id is HR's reference): application_id,
    criterion_id, panel_member (user name, or display name), score[, note]."""
    who = tables.User.username if member_name == "username" else tables.User.display_name
    columns = [
        tables.Application.reference,
        tables.PanelScore.criterion_id,
        who,
        tables.PanelScore.score,
    ]
    if notes:
        columns.append(tables.PanelScore.note)
    rows = session.execute(
        select(*columns)
        .select_from(tables.PanelScore)
        .join(tables.Application, tables.PanelScore.application_id == tables.Application.id)
        .join(tables.User, tables.PanelScore.user_id == tables.User.id)
        .where(tables.Application.vacancy_id == vacancy_id)
        .order_by(tables.Application.reference, tables.PanelScore.criterion_id, who)
    ).all()
    names = ["application_id", "criterion_id", "panel_member", "score"] + (
        ["note"] if notes else []
    )
    return pd.DataFrame([tuple(r) for r in rows], columns=names)


def panel_code_frame(*, session: Session, vacancy_id: int) -> pd.DataFrame:
    """The long form by panel code and display name (what calibration compares)."""
    rows = session.execute(
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
    ).all()
    return pd.DataFrame(
        [tuple(r) for r in rows],
        columns=["application_id", "criterion_id", "panel_member", "score"],
    )


# Agreed scores -------------------------------------------------------------------------------
def agreed_frame(*, session: Session, vacancy_id: int) -> pd.DataFrame:
    rows = session.execute(
        select(
            tables.Application.reference, tables.AgreedScore.criterion_id, tables.AgreedScore.score
        )
        .select_from(tables.AgreedScore)
        .join(tables.Application)
        .where(tables.Application.vacancy_id == vacancy_id)
    ).all()
    return pd.DataFrame(
        [tuple(r) for r in rows], columns=["application_id", "criterion_id", "score"]
    )
