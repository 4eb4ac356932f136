"""HR: equality monitoring by stage. Answers are imported apart from the applications, never
reach the panel, and are purged with the personal details."""

from __future__ import annotations

import pandas as pd
from sqlalchemy.orm import Session

from formats.interchange import read_table, text
from formats.problems import InterchangeError, Problem
from scoring.clean_text import clean_text
from scoring.rules.lifecycle import Action, check_allowed
from scoring.rules.monitoring import CharacteristicReport, monitoring_report
from scoring.words.counts import counted
from storage.repository import REPOSITORY
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, UseCase, system_clock
from use_cases.errors import ImportRefused
from use_cases.ports.monitoring import MonitoringRepository
from use_cases.shortlists import Shortlists

MONITORING_ID = "application_id"
MAX_BYTES = 20 * 1024 * 1024


def _refused(file_name: str, problems: list[Problem]) -> ImportRefused:
    return ImportRefused(
        f"{file_name} was not imported: {counted(len(problems), 'problem')} to fix.", problems
    )


class Monitoring(UseCase):
    repo: MonitoringRepository

    def __init__(
        self,
        store: Store,
        *,
        shortlists: Shortlists,
        repo: MonitoringRepository = REPOSITORY,
        clock: Clock = system_clock,
    ) -> None:
        super().__init__(store, repo=repo, clock=clock)
        self.shortlists = shortlists

    @allowed(Role.HR, action="import equality-monitoring answers")
    def import_monitoring(
        self, actor: Actor, vacancy_id: int, *, file_name: str, data: bytes
    ) -> int:
        """CSV or XLSX: `application_id` and one column per question. Replaces earlier answers,
        all or nothing."""
        if len(data) > MAX_BYTES:
            raise ImportRefused(f"{file_name} is too large; split it into smaller files.")
        try:  # the reader the applications import uses: encodings, Excel, empty files
            frame = read_table(data, file_name)
        except InterchangeError as exc:
            raise _refused(file_name, list(exc.problems)) from None
        if MONITORING_ID not in frame.columns:
            raise _refused(file_name, [Problem(file_name, 1, MONITORING_ID, "is missing; add a column application_id with each application's reference.")])  # fmt: skip
        questions = [c for c in frame.columns if c != MONITORING_ID and c]
        if not questions:
            raise _refused(file_name, [Problem(file_name, 1, None, "has no monitoring questions; add one column per question (for example sex, ethnicity, age band).")])  # fmt: skip

        def write(session: Session) -> int:
            vacancy = self.visible_vacancy(session, actor, vacancy_id)
            check_allowed(vacancy.state, Action.IMPORT_MONITORING)
            ids = {
                r.reference: r.id for r in self.repo.refs(session=session, vacancy_id=vacancy_id)
            }
            problems: list[Problem] = []
            answers: dict[int, dict[str, str]] = {}
            for row, record in zip(
                frame.index.tolist(), frame.to_dict(orient="records"), strict=True
            ):
                reference = text(record[MONITORING_ID])
                if reference not in ids:
                    problems.append(Problem(file_name, row, MONITORING_ID, f"'{reference}' is not an application in this vacancy; check the reference."))  # fmt: skip
                elif ids[reference] in answers:
                    problems.append(Problem(file_name, row, MONITORING_ID, f"'{reference}' appears twice; keep one row per application."))  # fmt: skip
                else:
                    answers[ids[reference]] = {
                        q: " ".join(clean_text(text(record[q])).split()) for q in questions
                    }
            if problems:
                raise _refused(file_name, problems)
            self.repo.replace_answers(session=session, vacancy_id=vacancy_id, answers=answers)
            self.audit(
                session, actor, "import_monitoring", "vacancy", vacancy_id, vacancy_id=vacancy_id,
                new={"file": file_name, "rows": len(answers), "questions": questions},
            )  # fmt: skip
            return len(answers)

        return self.store.write(write)

    @allowed(Role.HR, action="see equality monitoring")
    def monitoring(self, actor: Actor, vacancy_id: int) -> tuple[CharacteristicReport, ...]:
        """Selection rates by group from applied to meets-minimum to shortlisted; groups under
        the four-fifths ratio flagged, groups under five suppressed."""
        with self.store.reading() as session:
            vacancy = self.visible_vacancy(session, actor, vacancy_id)
            rows = self.repo.answers(session=session, vacancy_id=vacancy_id)
            if not rows:
                return ()
            outcome = self.shortlists.run(session, vacancy)
        stages = pd.DataFrame(
            [
                {
                    "application_id": d.application_id,
                    "meets_minimum": bool(d.meets_minimum),
                    "shortlisted": d.decision.is_shortlisted,
                }
                for d in outcome.decisions
                if d.decision.value != "withdrawn"
            ]
        )
        answers = pd.DataFrame([{"application_id": ref, **a} for ref, a in rows])
        return monitoring_report(answers, stages)
