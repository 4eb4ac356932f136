"""HR's charts and the moderation queue (HR, and panel members once they have submitted)."""

from __future__ import annotations

from dataclasses import asdict

import numpy as np
import pandas as pd
from sqlalchemy import select

from scoring import reports
from storage import tables
from storage.access import Actor, Role, allowed
from storage.models import AgreedRecord, AgreementRow, ModerationItem, PassRateRow, VacancyReport
from storage.services.shortlisting import ShortlistService


class ReportService(ShortlistService):
    @allowed(Role.HR, action="see a vacancy's charts")
    def report(self, actor: Actor, vacancy_id: int) -> VacancyReport:
        with self.store.reading() as session:
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            result, apps, _ = self.compute(session, vacancy)
            by_id = {a.id: a.reference for a in apps.values()}
            rows = session.execute(
                select(tables.PanelScore.application_id, tables.PanelScore.criterion_id, tables.User.display_name, tables.PanelScore.score)
                .join(tables.Application, tables.PanelScore.application_id == tables.Application.id)
                .join(tables.User, tables.PanelScore.user_id == tables.User.id)
                .where(tables.Application.vacancy_id == vacancy_id)
            ).all()  # fmt: skip
        panel = pd.DataFrame(
            [(by_id[a], c, m, s) for a, c, m, s in rows],
            columns=["application_id", "criterion_id", "panel_member", "score"],
        )
        agreed = result.moderation.agreed
        return VacancyReport(
            totals=reports.totals(result),
            cut_off=result.standing.cut_off,
            pass_mark=result.vacancy.scheme.pass_mark,
            matrix_references=list(result.moderation.cube.application_ids),
            matrix_criteria=[c.id for c in result.vacancy.scored_criteria],
            matrix=[[None if np.isnan(v) else float(v) for v in row] for row in agreed],
            pass_rates=[
                PassRateRow(**asdict(r), rate=r.rate) for r in reports.essential_pass_rates(result)
            ],
            agreement=[AgreementRow(**asdict(a)) for a in reports.panel_agreement(panel)],
            funnel=asdict(reports.funnel(result)),
        )

    @allowed(Role.HR, Role.PANEL, action="moderate scores")
    def moderation_queue(
        self, actor: Actor, vacancy_id: int, *, only_open: bool = False
    ) -> list[ModerationItem]:
        """Scores the panel disagree on (two or more apart by default) and those already agreed.
        Anonymised: panel codes only. Panel members see it once they have submitted."""
        with self.store.reading() as session:
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            self.after_own_submission(
                session, actor, vacancy_id,
                "Moderation opens once you have submitted your own scores.",
            )  # fmt: skip
            conflicted: set[int] = set()
            if actor.role is Role.PANEL:
                conflicted = set(
                    session.scalars(
                        select(tables.Conflict.application_id).where(
                            tables.Conflict.vacancy_id == vacancy_id,
                            tables.Conflict.user_id == actor.user_id,
                        )
                    )
                )
            result, apps, _ = self.compute(session, vacancy)
            members = dict(
                session.execute(
                    select(tables.User.username, tables.User.display_name)
                    .join(tables.PanelAssignment)
                    .where(tables.PanelAssignment.vacancy_id == vacancy_id)
                ).all()
            )
            agreed_rows = {
                (a.panel_code, s.criterion_id): s
                for s, a in session.execute(
                    select(tables.AgreedScore, tables.Application)
                    .join(tables.Application)
                    .where(tables.Application.vacancy_id == vacancy_id)
                )
            }
        m = result.moderation
        criteria = result.vacancy.scored_criteria
        spread = m.spread
        items = []
        for i, reference in enumerate(m.cube.application_ids):
            app = apps[reference]
            if app.id in conflicted or app.withdrawn:
                continue
            for j, c in enumerate(criteria):
                kept = agreed_rows.get((app.panel_code, c.id))
                wide = (
                    not np.isnan(spread[i, j])
                    and spread[i, j] >= result.vacancy.scheme.disagreement_spread
                )
                if not (bool(m.needs_agreement[i, j]) or kept is not None or wide):
                    continue
                if only_open and not m.needs_agreement[i, j]:
                    continue
                scores = {
                    members.get(member, member): int(v)
                    for member, v in zip(m.cube.members, m.cube.scores[i, j], strict=True)
                    if not np.isnan(v)
                }
                items.append(
                    ModerationItem(
                        panel_code=app.panel_code,
                        criterion_id=c.id,
                        criterion=c.text,
                        essential=c.is_essential,
                        scores=scores,
                        spread=0 if np.isnan(spread[i, j]) else int(spread[i, j]),
                        default=None if np.isnan(m.default[i, j]) else int(m.default[i, j]),
                        agreed=AgreedRecord(
                            panel_code=app.panel_code,
                            criterion_id=c.id,
                            score=kept.score,
                            note=kept.note,
                            version=kept.version,
                        )
                        if kept
                        else None,
                        needs_agreement=bool(m.needs_agreement[i, j]),
                    )  # fmt: skip
                )
        items.sort(key=lambda x: (not x.needs_agreement, x.panel_code, x.criterion_id))
        return items
