"""Fairness: redaction of identifiers before the panel reads evidence (HR reviews, adjusts and
releases), the names-only conflict declaration before scoring starts, calibration of panel
members, chunked review order, feedback sheets and equality monitoring by stage."""

from __future__ import annotations

import hashlib
import random
import secrets
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from scoring.calibration import Calibration, calibrate, standardised
from scoring.feedback import FeedbackSheet, criterion_outcomes
from scoring.interchange import read_table, text
from scoring.monitoring import CharacteristicReport, monitoring_report
from scoring.problems import InterchangeError, Problem
from scoring.shortlist import Outcome
from storage import audit, tables
from storage.access import Actor, Role, allowed
from storage.errors import ImportRefused, InvalidInput, NotAllowed
from storage.models import NameToDeclare, RedactionReview
from storage.services.redacting import redacted_evidence
from storage.services.shortlisting import ShortlistService

MONITORING_ID = "application_id"
MONITORING_MAX_BYTES = 20 * 1024 * 1024
DECISION_LABELS = {
    Outcome.SHORTLISTED_ON_MERIT.value: "Shortlisted (on merit)",
    Outcome.SHORTLISTED_UNDER_SCHEME.value: "Shortlisted under a guaranteed-interview scheme",
    Outcome.NOT_SHORTLISTED.value: "Not shortlisted",
    Outcome.WITHDRAWN.value: "Withdrawn",
}


def _terms(values: Iterable[str]) -> list[str]:
    """HR's terms, trimmed, blanks and repeats dropped (case-insensitively), order kept."""
    seen: dict[str, str] = {}
    for value in values:
        term = " ".join(str(value).split())
        if term and term.lower() not in seen:
            seen[term.lower()] = term
    return list(seen.values())


class FairnessService(ShortlistService):
    # Redaction -------------------------------------------------------------------------------
    @allowed(Role.HR, action="review what is redacted before the panel reads it")
    def redaction_review(self, actor: Actor, vacancy_id: int) -> list[RedactionReview]:
        """Every application with what was redacted from its evidence, HR's own extra and
        kept terms, and the text the panel will read."""
        with self.store.reading() as session:
            self.vacancy_row(session, actor, vacancy_id)
            pairs = self.applications_with_details(session, vacancy_id)
            return [self._review(a, d) for a, d in pairs]

    @staticmethod
    def _review(app: tables.Application, details: tables.ApplicantDetails) -> RedactionReview:
        return RedactionReview(
            reference=app.reference,
            panel_code=app.panel_code,
            name=f"{details.first_name} {details.last_name}".strip(),
            redactions=app.redactions,
            extra=app.redaction_terms.get("extra", []),
            keep=app.redaction_terms.get("keep", []),
            panel_statement=app.panel_statement,
            panel_evidence=app.panel_evidence,
        )

    @allowed(Role.HR, action="adjust what is redacted")
    def adjust_redaction(
        self,
        actor: Actor,
        vacancy_id: int,
        reference: str,
        *,
        extra: Iterable[str] = (),
        keep: Iterable[str] = (),
    ) -> RedactionReview:
        """Redact further terms (`extra`) or let terms stand that are not identifying (`keep`)
        for one application; the panel's text is worked out again. Audited."""
        terms = {"extra": _terms(extra), "keep": _terms(keep)}
        with self.store.writing() as session:
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            self.open_for_scoring(vacancy)
            app = self.application_by_reference(session, vacancy_id, reference)
            details = session.get(tables.ApplicantDetails, app.id)
            if details is None:  # purged
                raise InvalidInput(f"{reference} has no personal details left to redact against.")
            old = app.redaction_terms
            self._redact(app, details, terms)
            audit.record(
                session, actor, "adjust_redaction", "application", app.reference,
                vacancy_id=vacancy_id, old=old, new=terms,
            )  # fmt: skip
            return self._review(app, details)

    @staticmethod
    def _redact(
        app: tables.Application, details: tables.ApplicantDetails, terms: dict[str, Any]
    ) -> None:
        text, answers, found = redacted_evidence(
            app.statement,
            app.evidence,
            first_name=details.first_name,
            last_name=details.last_name,
            email=details.email,
            declarations=details.declarations,
            terms=terms,
        )
        app.panel_statement, app.panel_evidence = text, answers
        app.redactions, app.redaction_terms = found, terms

    @allowed(Role.HR, action="release applications to the panel")
    def release_to_panel(self, actor: Actor, vacancy_id: int) -> None:
        """From now on the panel reads the redacted evidence. Audited."""
        with self.store.writing() as session:
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            self.open_for_scoring(vacancy)
            if vacancy.released_at is not None:
                return
            redactions = session.scalars(
                select(tables.Application.redactions).where(
                    tables.Application.vacancy_id == vacancy_id
                )
            ).all()
            if not redactions:
                raise InvalidInput("Import the applications before releasing them to the panel.")
            vacancy.released_at = datetime.now(UTC)
            redacted = sum(bool(r) for r in redactions)
            audit.record(
                session, actor, "release_to_panel", "vacancy", vacancy_id, vacancy_id=vacancy_id,
                new={"applications_with_redactions": redacted},
            )  # fmt: skip

    # Conflicts: the names-only declaration --------------------------------------------------
    @staticmethod
    def _declaration_step(
        session: Session, actor: Actor, vacancy_id: int
    ) -> tables.PanelAssignment:
        seat = session.get(tables.PanelAssignment, (vacancy_id, actor.user_id))
        if seat is None:
            raise NotAllowed("You are not on the panel for this vacancy.")
        if seat.conflicts_declared_at is not None:
            raise NotAllowed(
                "The names-only list is shown once, for the conflict declaration before scoring; you have made yours. If you recognise an applicant while scoring, declare a conflict on that application."
            )
        return seat

    @staticmethod
    def _token(vacancy_id: int, user_id: int, application_id: int, salt: str) -> str:
        """A per-member token for one name: it links to nothing the member sees elsewhere."""
        raw = f"{salt}:{vacancy_id}:{user_id}:{application_id}".encode()
        return hashlib.sha256(raw).hexdigest()[:16]

    def _salt(self) -> str:
        salt: str = self.__dict__.setdefault("_names_salt", secrets.token_hex(16))
        return salt

    @allowed(Role.PANEL, action="declare conflicts of interest")
    def names_for_declaration(self, actor: Actor, vacancy_id: int) -> list[NameToDeclare]:
        """Before scoring: the applicants' names only, in alphabetical order, with no reference
        or panel code, so the member can say whom they know. Shown only until they declare."""
        with self.store.reading() as session:
            self.vacancy_row(session, actor, vacancy_id)
            self._declaration_step(session, actor, vacancy_id)
            rows = session.execute(
                select(
                    tables.Application.id,
                    tables.ApplicantDetails.first_name,
                    tables.ApplicantDetails.last_name,
                )
                .join(tables.ApplicantDetails)
                .where(
                    tables.Application.vacancy_id == vacancy_id,
                    tables.Application.withdrawn.is_(False),
                )
            ).all()
        salt = self._salt()
        names = [
            NameToDeclare(
                token=self._token(vacancy_id, actor.user_id, app_id, salt),
                name=f"{first} {last}".strip(),
            )
            for app_id, first, last in rows
        ]
        return sorted(names, key=lambda n: (n.name.split()[-1:], n.name, n.token))

    @allowed(Role.PANEL, action="declare conflicts of interest")
    def declare_conflicts(
        self, actor: Actor, vacancy_id: int, tokens: Iterable[str], note: str = ""
    ) -> int:
        """Record the member's declaration (none is a declaration too); the applications they
        know are then scored by the other members. Returns how many conflicts were declared."""
        wanted = set(tokens)
        salt = self._salt()
        with self.store.writing() as session:
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            self.open_for_scoring(vacancy)
            seat = self._declaration_step(session, actor, vacancy_id)
            ids = session.scalars(
                select(tables.Application.id).where(tables.Application.vacancy_id == vacancy_id)
            ).all()
            by_token = {self._token(vacancy_id, actor.user_id, i, salt): i for i in ids}
            unknown = wanted - set(by_token)
            if unknown:
                raise InvalidInput(
                    "The list of names has changed since you opened it; open the declaration again."
                )
            known = sorted(by_token[t] for t in wanted)
            already = set(
                session.scalars(
                    select(tables.Conflict.application_id).where(
                        tables.Conflict.vacancy_id == vacancy_id,
                        tables.Conflict.user_id == actor.user_id,
                    )
                )
            )
            for app_id in known:
                if app_id not in already:
                    session.add(
                        tables.Conflict(
                            vacancy_id=vacancy_id,
                            user_id=actor.user_id,
                            application_id=app_id,
                            note=note or "Declared from the names-only list before scoring.",
                        )
                    )
            seat.conflicts_declared_at = datetime.now(UTC)
            references = session.scalars(
                select(tables.Application.reference).where(tables.Application.id.in_(known))
            ).all()
            audit.record(
                session, actor, "declare_conflicts", "panel_assignment", actor.user_id,
                vacancy_id=vacancy_id, new={"conflicts": sorted(references), "note": note},
            )  # fmt: skip
            return len(known)

    @allowed(Role.PANEL, action="see whether they have declared their conflicts")
    def has_declared(self, actor: Actor, vacancy_id: int) -> bool:
        with self.store.reading() as session:
            self.vacancy_row(session, actor, vacancy_id)
            seat = session.get(tables.PanelAssignment, (vacancy_id, actor.user_id))
            return seat is not None and seat.conflicts_declared_at is not None

    # Chunked review --------------------------------------------------------------------------
    @allowed(Role.PANEL, action="score applications")
    def review_order(self, actor: Actor, vacancy_id: int) -> list[str]:
        """The panel codes in this member's own random order (the same each visit), so that no
        two members meet the applications in the same sequence."""
        codes = [p.panel_code for p in self.my_progress(actor, vacancy_id)]  # type: ignore[attr-defined]
        random.Random(f"{vacancy_id}:{actor.user_id}").shuffle(codes)
        return codes

    # Calibration -----------------------------------------------------------------------------
    @allowed(Role.HR, Role.PANEL, action="see how panel members' scores compare")
    def calibration(self, actor: Actor, vacancy_id: int) -> tuple[Calibration, pd.DataFrame]:
        """Each member against colleagues on the same applications, and the standardised view
        for the moderation discussion (it never changes a stored score). Panel members see it
        once they have submitted their own scores."""
        with self.store.reading() as session:
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            self.after_own_submission(
                session, actor, vacancy_id,
                "You see how the panel's scores compare once you have submitted your own.",
            )  # fmt: skip
            rows = session.execute(
                select(
                    tables.Application.panel_code,
                    tables.PanelScore.criterion_id,
                    tables.User.display_name,
                    tables.PanelScore.score,
                )
                .join(tables.Application)
                .join(tables.User, tables.User.id == tables.PanelScore.user_id)
                .where(tables.Application.vacancy_id == vacancy_id)
            ).all()
        points = vacancy.scheme["scale"]["points"]
        low, high = points[0]["value"], points[-1]["value"]
        frame = pd.DataFrame(
            rows, columns=["application_id", "criterion_id", "panel_member", "score"]
        )
        return (
            calibrate(frame, scale_min=low, scale_max=high),
            standardised(frame, scale_min=low, scale_max=high),
        )

    # Feedback --------------------------------------------------------------------------------
    @allowed(Role.HR, action="prepare feedback for an applicant")
    def feedback_sheet(
        self, actor: Actor, vacancy_id: int, reference: str, *, include_name: bool = False
    ) -> FeedbackSheet:
        """One applicant's outcome per criterion against the threshold, and the decision with
        its reason: for a feedback request or a subject access request. Audited."""
        with self.store.writing() as session:
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            result, apps, details = self.compute(session, vacancy)
            view = self.shortlist_view(session, vacancy, result, apps, details)
            row = next((r for r in view.rows if r.reference == reference), None)
            if row is None:
                raise InvalidInput(f"There is no application {reference} in this vacancy.")
            engine = result.vacancy
            moderation = result.moderation
            a = list(moderation.cube.application_ids).index(reference)
            agreed = {
                c: (None if pd.isna(v) else int(v))
                for c, v in zip(moderation.cube.criterion_ids, moderation.agreed[a], strict=True)
            }
            person = details[reference]
            organisation = session.get(tables.Organisation, vacancy.organisation_id)
            audit.record(
                session, actor, "prepare_feedback", "application", reference,
                vacancy_id=vacancy_id, new={"include_name": include_name},
            )  # fmt: skip
        scale = tuple((p.value, p.label) for p in engine.scheme.scale.points)
        return FeedbackSheet(
            organisation=organisation.name if organisation else vacancy.organisation_id,
            vacancy=vacancy.title,
            role=vacancy.role_snapshot.get("title", vacancy.title),
            reference=reference,
            name=f"{person.first_name} {person.last_name}".strip() if include_name else None,
            decision=DECISION_LABELS.get(row.decision, row.decision.replace("_", " ").capitalize()),
            reason=row.reason,
            total=row.total,
            scale=scale,
            threshold=engine.scheme.essential_threshold,
            criteria=criterion_outcomes(
                engine.criteria, agreed, scale=scale, threshold=engine.scheme.essential_threshold
            ),
            prepared_by=actor.display_name,
            prepared_on=datetime.now(UTC).date(),
            finalised=vacancy.status == "finalised",
        )

    # Equality monitoring ---------------------------------------------------------------------
    @allowed(Role.HR, action="import equality-monitoring answers")
    def import_monitoring(
        self, actor: Actor, vacancy_id: int, *, file_name: str, data: bytes
    ) -> int:
        """Equality-monitoring answers (CSV or XLSX: `application_id` and one column per
        question), held apart from the applications; replaces earlier answers, all or nothing."""
        if len(data) > MONITORING_MAX_BYTES:
            raise ImportRefused(f"{file_name} is too large; split it into smaller files.")
        try:  # the reader the applications import uses: encodings, Excel, empty files
            frame = read_table(data, file_name)
        except InterchangeError as exc:
            raise ImportRefused(
                f"{file_name} was not imported: {len(exc.problems)} problem(s) to fix.",
                exc.problems,
            ) from None
        if MONITORING_ID not in frame.columns:
            raise ImportRefused(
                f"{file_name} was not imported: 1 problem(s) to fix.",
                [Problem(file_name, 1, MONITORING_ID, "is missing; add a column application_id with each application's reference.")],
            )  # fmt: skip
        questions = [c for c in frame.columns if c != MONITORING_ID and c]
        if not questions:
            raise ImportRefused(
                f"{file_name} was not imported: 1 problem(s) to fix.",
                [Problem(file_name, 1, None, "has no monitoring questions; add one column per question (for example sex, ethnicity, age band).")],
            )  # fmt: skip
        with self.store.writing() as session:
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            self.open_for_scoring(vacancy)
            ids = dict(
                session.execute(
                    select(tables.Application.reference, tables.Application.id).where(
                        tables.Application.vacancy_id == vacancy_id
                    )
                ).all()
            )
            problems: list[Problem] = []
            seen: set[str] = set()
            for i, reference in enumerate(map(text, frame[MONITORING_ID]), start=2):
                if reference not in ids:
                    problems.append(
                        Problem(
                            file_name,
                            i,
                            MONITORING_ID,
                            f"'{reference}' is not an application in this vacancy; check the reference.",
                        )
                    )
                elif reference in seen:
                    problems.append(
                        Problem(
                            file_name,
                            i,
                            MONITORING_ID,
                            f"'{reference}' appears twice; keep one row per application.",
                        )
                    )
                seen.add(reference)  # fmt: skip
            if problems:
                raise ImportRefused(
                    f"{file_name} was not imported: {len(problems)} problem(s) to fix.", problems
                )
            session.execute(
                delete(tables.MonitoringAnswers).where(
                    tables.MonitoringAnswers.vacancy_id == vacancy_id
                )
            )
            records = frame.to_dict(orient="records")
            session.execute(
                tables.MonitoringAnswers.__table__.insert(),
                [
                    {
                        "application_id": ids[text(r[MONITORING_ID])],
                        "vacancy_id": vacancy_id,
                        "answers": {q: " ".join(text(r[q]).split()) for q in questions},
                    }
                    for r in records
                ],
            )
            audit.record(
                session, actor, "import_monitoring", "vacancy", vacancy_id, vacancy_id=vacancy_id,
                new={"file": file_name, "rows": len(records), "questions": questions},
            )  # fmt: skip
            return len(records)

    @allowed(Role.HR, action="see equality monitoring")
    def monitoring(self, actor: Actor, vacancy_id: int) -> tuple[CharacteristicReport, ...]:
        """Selection rates by group from applied to meets-minimum to shortlisted; groups under
        the four-fifths ratio flagged, groups under five suppressed."""
        with self.store.reading() as session:
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            rows = session.execute(
                select(tables.Application.reference, tables.MonitoringAnswers.answers)
                .join(tables.MonitoringAnswers)
                .where(tables.MonitoringAnswers.vacancy_id == vacancy_id)
            ).all()
            if not rows:
                return ()
            result, apps, details = self.compute(session, vacancy)
            view = self.shortlist_view(session, vacancy, result, apps, details)
        meets = {d.application_id: bool(d.meets_minimum) for d in result.decisions}
        shortlisted = {
            Outcome.SHORTLISTED_ON_MERIT.value,
            Outcome.SHORTLISTED_UNDER_SCHEME.value,
        }
        stages = pd.DataFrame(
            [
                {
                    "application_id": r.reference,
                    "meets_minimum": meets.get(r.reference, False),
                    "shortlisted": r.decision in shortlisted,
                }
                for r in view.rows
                if r.decision != Outcome.WITHDRAWN.value
            ]
        )
        answers = pd.DataFrame([{"application_id": ref, **a} for ref, a in rows])
        return monitoring_report(answers, stages)
