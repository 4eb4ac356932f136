"""Panel members: anonymised applications, their own scores (saved one by one with a version
check), conflicts of interest, submission; other members' scores only after submitting."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import and_, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage import audit, tables
from storage.access import Actor, Role, allowed
from storage.errors import InvalidInput, NotAllowed, NotFound, StaleEdit
from storage.models import AgreedRecord, CodeProgress, PanelApplication, ScoreRecord
from storage.services.base import LOCKED_STATUSES, ServiceBase

_V, _PA, _A, _C, _PS = (
    tables.Vacancy.__table__.c,
    tables.PanelAssignment.__table__.c,
    tables.Application.__table__.c,
    tables.Conflict.__table__.c,
    tables.PanelScore.__table__.c,
)
FIND_SEAT = (
    select(_V.status, _PA.user_id, _PA.submitted_at, _V.released_at, _PA.conflicts_declared_at)
    .select_from(
        tables.Vacancy.__table__.outerjoin(
            tables.PanelAssignment.__table__,
            and_(_PA.vacancy_id == _V.id, _PA.user_id == bindparam("user_id")),
        )
    )
    .where(_V.id == bindparam("vacancy_id"))
)
FIND_TARGET = (
    select(_A.id, _A.withdrawn, _C.user_id, _PS.id, _PS.version, _PS.score, _PS.note)
    .select_from(
        tables.Application.__table__.outerjoin(
            tables.Conflict.__table__,
            and_(_C.application_id == _A.id, _C.user_id == bindparam("user_id")),
        ).outerjoin(
            tables.PanelScore.__table__,
            and_(
                _PS.application_id == _A.id,
                _PS.criterion_id == bindparam("criterion_id"),
                _PS.user_id == bindparam("user_id"),
            ),
        )
    )
    .where(_A.vacancy_id == bindparam("vacancy_id"), _A.panel_code == bindparam("code"))
)
INSERT_SCORE = insert(tables.PanelScore.__table__)
UPDATE_SCORE = (
    update(tables.PanelScore.__table__)
    .where(_PS.id == bindparam("score_id"), _PS.version == bindparam("expected"))
    .values(
        score=bindparam("new_score"),
        note=bindparam("new_note"),
        version=bindparam("new_version"),
        updated_at=bindparam("now"),
    )
)


def _scored_criteria(vacancy: tables.Vacancy) -> dict[str, dict[str, object]]:
    return {c["id"]: c for c in vacancy.criteria if c["stage"] == "application"}


class PanelService(ServiceBase):
    def _conflicted(self, session, vacancy_id: int, user_id: int) -> set[int]:  # type: ignore[no-untyped-def]
        return set(
            session.scalars(
                select(tables.Conflict.application_id).where(
                    tables.Conflict.vacancy_id == vacancy_id, tables.Conflict.user_id == user_id
                )
            )
        )

    @allowed(Role.PANEL, action="read applications for scoring")
    def panel_applications(self, actor: Actor, vacancy_id: int) -> list[PanelApplication]:
        """Anonymised: a panel code and the evidence; never names, contacts or declarations.
        Applications the member declared a conflict with are left out."""
        with self.store.reading() as session:
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            self.ready_to_score(session, vacancy, actor.user_id)
            conflicted = self._conflicted(session, vacancy_id, actor.user_id)
            rows = session.execute(
                select(
                    tables.Application.id,
                    tables.Application.panel_code,
                    tables.Application.panel_statement,
                    tables.Application.panel_evidence,
                )
                .where(
                    tables.Application.vacancy_id == vacancy_id,
                    tables.Application.withdrawn.is_(False),
                )
                .order_by(tables.Application.panel_code)
            ).all()
            return [
                PanelApplication(panel_code=code, statement=statement, evidence=evidence)
                for app_id, code, statement, evidence in rows
                if app_id not in conflicted
            ]

    def _scoring_rules(self, session: Session, vacancy_id: int) -> tuple[frozenset[str], int, int]:
        """(criteria scored at shortlisting, lowest and highest score): fixed once a vacancy
        opens, so kept in memory after the first read."""
        cache: dict[int, tuple[frozenset[str], int, int]] = self.__dict__.setdefault("_rules", {})
        if vacancy_id not in cache:
            criteria, scheme = session.execute(
                select(tables.Vacancy.criteria, tables.Vacancy.scheme).where(
                    tables.Vacancy.id == vacancy_id
                )
            ).one()
            points = scheme["scale"]["points"]
            cache[vacancy_id] = (
                frozenset(c["id"] for c in criteria if c["stage"] == "application"),
                points[0]["value"],
                points[-1]["value"],
            )
        return cache[vacancy_id]

    @allowed(Role.PANEL, action="score applications")
    def save_score(
        self,
        actor: Actor,
        vacancy_id: int,
        *,
        panel_code: str,
        criterion_id: str,
        score: int,
        note: str = "",
        expected_version: int | None = None,
    ) -> ScoreRecord:
        """Store one score at once (its own transaction). `expected_version` is the version the
        member last saw (None for a first score); if the stored score has moved on, the save is
        refused as stale rather than overwriting it. The hot path of scoring: prepared
        statements, three round trips and the audit entry."""
        try:
            with self.store.writing() as session:
                return self._save_score(
                    session,
                    actor,
                    vacancy_id,
                    panel_code,
                    criterion_id,
                    score,
                    note,
                    expected_version,
                )
        except IntegrityError:  # another window inserted the same score first
            raise StaleEdit(
                f"{panel_code} / {criterion_id} was scored from another window meanwhile; reload the page."
            ) from None

    @allowed(Role.PANEL, action="score applications")
    def save_scores(
        self, actor: Actor, vacancy_id: int, scores: Iterable[tuple[str, str, int]]
    ) -> int:
        """Store many first scores (panel code, criterion, score) at once, all or nothing, by
        the rules of `save_score` in one transaction instead of one each; a score already given
        is refused as stale (change it with `save_score` and its version). Returns the count."""
        count = 0
        try:
            with self.store.writing() as session:
                for panel_code, criterion_id, score in scores:
                    self._save_score(
                        session, actor, vacancy_id, panel_code, criterion_id, score, "", None
                    )
                    count += 1
        except IntegrityError:
            raise StaleEdit(
                "Some of these were scored from another window meanwhile; reload the page."
            ) from None
        return count

    def _save_score(
        self,
        session: Session,
        actor: Actor,
        vacancy_id: int,
        panel_code: str,
        criterion_id: str,
        score: int,
        note: str,
        expected_version: int | None,
    ) -> ScoreRecord:
        connection = session.connection()
        found = connection.execute(
            FIND_SEAT, {"vacancy_id": vacancy_id, "user_id": actor.user_id}
        ).one_or_none()
        if found is None:
            raise NotFound(f"There is no vacancy {vacancy_id}.")
        status, assigned, submitted_at, released_at, declared_at = found
        if assigned is None:
            raise NotAllowed("You are not on the panel for this vacancy.")
        if released_at is None or declared_at is None:
            raise NotAllowed(
                "Scoring starts once HR has released the applications and you have declared any conflicts of interest."
            )
        if status in LOCKED_STATUSES:
            raise InvalidInput(f"The vacancy is {status}; scores can no longer change.")
        criteria, low, high = self._scoring_rules(session, vacancy_id)
        if criterion_id not in criteria:
            raise InvalidInput(
                f"'{criterion_id}' is not a criterion scored at shortlisting in this vacancy."
            )
        if not isinstance(score, int) or isinstance(score, bool) or not low <= score <= high:
            raise InvalidInput(
                f"{score!r} is not on the scale; use a whole number from {low} to {high}."
            )
        if submitted_at is not None:
            raise InvalidInput("You have submitted your scores; changes now go through moderation.")
        target = connection.execute(
            FIND_TARGET,
            {
                "vacancy_id": vacancy_id,
                "code": panel_code,
                "user_id": actor.user_id,
                "criterion_id": criterion_id,
            },
        ).one_or_none()
        if target is None:
            raise NotFound(f"There is no application {panel_code} in this vacancy.")
        app_id, withdrawn, conflicted, score_id, version, old_score, old_note = target
        if withdrawn:
            raise InvalidInput(f"{panel_code} has been withdrawn; it needs no scores.")
        if conflicted is not None:
            raise NotAllowed(
                f"You declared a conflict of interest with {panel_code}; the other panel members score it."
            )
        now = datetime.now(UTC)
        if score_id is None:
            if expected_version is not None:
                raise StaleEdit(
                    f"Your score for {panel_code} / {criterion_id} was removed meanwhile; reload the page."
                )
            connection.execute(
                INSERT_SCORE,
                {
                    "application_id": app_id,
                    "criterion_id": criterion_id,
                    "user_id": actor.user_id,
                    "score": score,
                    "note": note,
                    "version": 1,
                    "updated_at": now,
                },
            )
            new_version, old = 1, None
        else:
            if expected_version != version:
                raise StaleEdit(
                    f"Your score for {panel_code} / {criterion_id} changed in another window (now {old_score}); reload the page, then score again."
                )
            changed = connection.execute(
                UPDATE_SCORE,
                {
                    "score_id": score_id,
                    "expected": expected_version,
                    "new_score": score,
                    "new_note": note,
                    "new_version": version + 1,
                    "now": now,
                },
            ).rowcount
            if changed != 1:
                raise StaleEdit(
                    f"Your score for {panel_code} / {criterion_id} changed meanwhile; reload the page."
                )
            new_version, old = version + 1, {"score": old_score, "note": old_note}
        audit.record(
            session,
            actor,
            "score",
            "panel_score",
            f"{panel_code}/{criterion_id}",
            vacancy_id=vacancy_id,
            old=old,
            new={"score": score, "note": note},
        )
        return ScoreRecord(
            panel_code=panel_code,
            criterion_id=criterion_id,
            member=actor.username,
            score=score,
            note=note,
            version=new_version,
        )

    @allowed(Role.PANEL, action="read applications for scoring")
    def panel_application(self, actor: Actor, vacancy_id: int, panel_code: str) -> PanelApplication:
        """One anonymised application: what the scoring screen shows."""
        with self.store.reading() as session:
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            self.ready_to_score(session, vacancy, actor.user_id)
            app = self.application_by_code(session, vacancy_id, panel_code)
            if app.withdrawn or app.id in self._conflicted(session, vacancy_id, actor.user_id):
                raise NotAllowed(f"{panel_code} is not one of the applications you score.")
            return PanelApplication(
                panel_code=app.panel_code,
                statement=app.panel_statement,
                evidence=app.panel_evidence,
            )

    @allowed(Role.PANEL, action="see their scoring progress")
    def my_progress(self, actor: Actor, vacancy_id: int) -> list[CodeProgress]:
        """For each application the member scores: how many criteria they have scored."""
        with self.store.reading() as session:
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            self.ready_to_score(session, vacancy, actor.user_id)
            criteria = list(_scored_criteria(vacancy))
            conflicted = self._conflicted(session, vacancy_id, actor.user_id)
            apps = session.execute(
                select(tables.Application.id, tables.Application.panel_code)
                .where(
                    tables.Application.vacancy_id == vacancy_id,
                    tables.Application.withdrawn.is_(False),
                )
                .order_by(tables.Application.panel_code)
            ).all()
            counts = dict(
                session.execute(
                    select(tables.PanelScore.application_id, func.count())
                    .join(tables.Application)
                    .where(
                        tables.Application.vacancy_id == vacancy_id,
                        tables.PanelScore.user_id == actor.user_id,
                        tables.PanelScore.criterion_id.in_(criteria),
                    )
                    .group_by(tables.PanelScore.application_id)
                ).all()
            )
            return [
                CodeProgress(panel_code=code, scored=counts.get(app_id, 0), expected=len(criteria))
                for app_id, code in apps
                if app_id not in conflicted
            ]

    @allowed(Role.PANEL, action="read their own scores")
    def my_scores(
        self, actor: Actor, vacancy_id: int, panel_code: str | None = None
    ) -> list[ScoreRecord]:
        """The member's own scores: for the whole vacancy, or one application."""
        with self.store.reading() as session:
            self.vacancy_row(session, actor, vacancy_id)
            query = select(tables.PanelScore, tables.Application.panel_code).join(
                tables.Application
            )
            if panel_code is not None:
                query = query.where(tables.Application.panel_code == panel_code)
            rows = session.execute(
                query.where(
                    tables.Application.vacancy_id == vacancy_id,
                    tables.PanelScore.user_id == actor.user_id,
                )
            ).all()
            return [
                ScoreRecord(
                    panel_code=code,
                    criterion_id=s.criterion_id,
                    member=actor.username,
                    score=s.score,
                    note=s.note,
                    version=s.version,
                )
                for s, code in rows
            ]

    @allowed(Role.PANEL, action="submit scores")
    def submit(self, actor: Actor, vacancy_id: int) -> None:
        with self.store.writing() as session:
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            self.open_for_scoring(vacancy)
            assignment = session.get(tables.PanelAssignment, (vacancy_id, actor.user_id))
            assert assignment is not None  # vacancy_row checked the assignment
            if assignment.submitted_at is not None:
                raise InvalidInput("You have submitted your scores already.")
            criteria = list(_scored_criteria(vacancy))
            conflicted = self._conflicted(session, vacancy_id, actor.user_id)
            apps = [
                a
                for a in session.scalars(
                    select(tables.Application.id).where(
                        tables.Application.vacancy_id == vacancy_id,
                        tables.Application.withdrawn.is_(False),
                    )
                )
                if a not in conflicted
            ]
            given = (
                session.scalar(
                    select(func.count())
                    .select_from(tables.PanelScore)
                    .join(tables.Application)
                    .where(
                        tables.Application.vacancy_id == vacancy_id,
                        tables.PanelScore.user_id == actor.user_id,
                        tables.PanelScore.criterion_id.in_(criteria),
                        tables.PanelScore.application_id.in_(apps),
                    )
                )
                or 0
            )
            missing = len(apps) * len(criteria) - given
            if missing:
                raise InvalidInput(f"{missing} score(s) still to give before you can submit.")
            assignment.submitted_at = datetime.now(UTC)
            audit.record(
                session,
                actor,
                "submit_scores",
                "panel_assignment",
                actor.user_id,
                vacancy_id=vacancy_id,
                new={"scores": given},
            )

    @allowed(Role.PANEL, action="declare a conflict of interest")
    def declare_conflict(
        self, actor: Actor, vacancy_id: int, *, panel_code: str, note: str = ""
    ) -> None:
        """The member knows the applicant: they are kept from scoring the application, and any
        scores they gave it are withdrawn (the audit log keeps them)."""
        with self.store.writing() as session:
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            self.open_for_scoring(vacancy)
            app = self.application_by_code(session, vacancy_id, panel_code)
            if session.get(tables.Conflict, (vacancy_id, actor.user_id, app.id)) is not None:
                return
            session.add(
                tables.Conflict(
                    vacancy_id=vacancy_id, user_id=actor.user_id, application_id=app.id, note=note
                )
            )
            removed = list(
                session.scalars(
                    select(tables.PanelScore).where(
                        tables.PanelScore.application_id == app.id,
                        tables.PanelScore.user_id == actor.user_id,
                    )
                )
            )
            for score in removed:
                session.delete(score)
            audit.record(
                session, actor, "declare_conflict", "application", panel_code, vacancy_id=vacancy_id,
                old={"scores_withdrawn": {s.criterion_id: s.score for s in removed}} if removed else None,
                new={"note": note},
            )  # fmt: skip

    @allowed(Role.HR, Role.PANEL, action="see all panel members' scores")
    def panel_scores(self, actor: Actor, vacancy_id: int) -> list[ScoreRecord]:
        """Every member's scores: for HR at any time; for a panel member only once they have
        submitted their own."""
        with self.store.reading() as session:
            self.vacancy_row(session, actor, vacancy_id)
            self.after_own_submission(
                session, actor, vacancy_id,
                "Other members' scores are shown once you have submitted your own.",
            )  # fmt: skip
            rows = session.execute(
                select(tables.PanelScore, tables.Application.panel_code, tables.User.username)
                .join(tables.Application, tables.PanelScore.application_id == tables.Application.id)
                .join(tables.User, tables.PanelScore.user_id == tables.User.id)
                .where(tables.Application.vacancy_id == vacancy_id)
            ).all()
            return [
                ScoreRecord(
                    panel_code=code,
                    criterion_id=s.criterion_id,
                    member=member,
                    score=s.score,
                    note=s.note,
                    version=s.version,
                )
                for s, code, member in rows
            ]

    @allowed(Role.HR, Role.PANEL, action="record agreed scores")
    def record_agreed_score(
        self,
        actor: Actor,
        vacancy_id: int,
        *,
        panel_code: str,
        criterion_id: str,
        score: int,
        note: str,
        expected_version: int | None = None,
    ) -> AgreedRecord:
        """The moderated score for one application and criterion, with the panel's note."""
        with self.store.writing() as session:
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            self.open_for_scoring(vacancy)
            self.after_own_submission(
                session, actor, vacancy_id,
                "Moderation starts once you have submitted your own scores.",
            )  # fmt: skip
            if criterion_id not in _scored_criteria(vacancy):
                raise InvalidInput(
                    f"'{criterion_id}' is not a criterion scored at shortlisting in this vacancy."
                )
            points = [p["value"] for p in vacancy.scheme["scale"]["points"]]
            if score not in points:
                raise InvalidInput(f"{score!r} is not on the scale ({points[0]} to {points[-1]}).")
            if not note.strip():
                raise InvalidInput("An agreed score needs a note saying why the panel agreed it.")
            app = self.application_by_code(session, vacancy_id, panel_code)
            if actor.role is Role.PANEL and app.id in self._conflicted(
                session, vacancy_id, actor.user_id
            ):
                raise NotAllowed(f"You declared a conflict of interest with {panel_code}.")
            existing = session.scalar(
                select(tables.AgreedScore).where(
                    tables.AgreedScore.application_id == app.id,
                    tables.AgreedScore.criterion_id == criterion_id,
                )
            )
            if existing is None:
                if expected_version is not None:
                    raise StaleEdit("The agreed score was removed meanwhile; reload the page.")
                session.add(
                    tables.AgreedScore(
                        application_id=app.id,
                        criterion_id=criterion_id,
                        score=score,
                        note=note,
                        agreed_by=actor.user_id,
                        version=1,
                    )
                )
                try:
                    session.flush()
                except IntegrityError:
                    raise StaleEdit(
                        "Someone recorded this agreed score meanwhile; reload the page."
                    ) from None
                version, old = 1, None
            else:
                if expected_version != existing.version:
                    raise StaleEdit(
                        f"The agreed score for {panel_code} / {criterion_id} changed meanwhile (now {existing.score}); reload the page."
                    )
                old = {"score": existing.score, "note": existing.note}
                existing.score, existing.note, existing.agreed_by = score, note, actor.user_id
                existing.version += 1
                version = existing.version
            audit.record(
                session,
                actor,
                "agree_score",
                "agreed_score",
                f"{panel_code}/{criterion_id}",
                vacancy_id=vacancy_id,
                old=old,
                new={"score": score, "note": note},
            )
            return AgreedRecord(
                panel_code=panel_code,
                criterion_id=criterion_id,
                score=score,
                note=note,
                version=version,
            )

    @allowed(Role.HR, Role.PANEL, action="read agreed scores")
    def agreed_scores(self, actor: Actor, vacancy_id: int) -> list[AgreedRecord]:
        with self.store.reading() as session:
            self.vacancy_row(session, actor, vacancy_id)
            rows = session.execute(
                select(tables.AgreedScore, tables.Application.panel_code)
                .join(tables.Application)
                .where(tables.Application.vacancy_id == vacancy_id)
            ).all()
            return [
                AgreedRecord(
                    panel_code=code,
                    criterion_id=a.criterion_id,
                    score=a.score,
                    note=a.note,
                    version=a.version,
                )
                for a, code in rows
            ]
