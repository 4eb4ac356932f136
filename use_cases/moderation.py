"""Moderation: every member's scores, the disagreements, the agreed scores the panel records
(one guarded write path), and calibration. Panel members reach all of it only once they have
submitted their own scores; HR at any time."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from scoring.rules.calibration import Calibration, calibrate, standardised
from scoring.rules.lifecycle import Action, check_allowed
from scoring.rules.score_checks import ScoringRules, check_agreed_score
from scoring.rules.who_scores import check_scored_by_member, is_scored_by_member
from storage.repository import REPOSITORY, ApplicationRef
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, UseCase, system_clock
from use_cases.errors import NotFound, StaleEdit
from use_cases.models import (
    AgreedRecord,
    ModerationItem,
    PanelApplication,
    ScoreRecord,
)
from use_cases.ports.moderation import ModerationRepository
from use_cases.shortlists import ShortlistOutcome, Shortlists

AFTER_SUBMITTING = "Moderation opens once you have submitted your own scores."


class Moderation(UseCase):
    repo: ModerationRepository

    def __init__(
        self,
        store: Store,
        *,
        shortlists: Shortlists,
        repo: ModerationRepository = REPOSITORY,
        clock: Clock = system_clock,
    ) -> None:
        super().__init__(store, repo=repo, clock=clock)
        self.shortlists = shortlists

    @allowed(Role.HR, Role.PANEL, action="see all panel members' scores")
    def panel_scores(self, actor: Actor, vacancy_id: int) -> list[ScoreRecord]:
        with self.store.reading() as session:
            self.visible_vacancy(session, actor, vacancy_id)
            self.after_own_submission(
                session, actor, vacancy_id,
                "Other members' scores are shown once you have submitted your own.",
            )  # fmt: skip
            return self.repo.panel_scores(session=session, vacancy_id=vacancy_id)

    @allowed(Role.HR, Role.PANEL, action="read agreed scores")
    def agreed_scores(self, actor: Actor, vacancy_id: int) -> list[AgreedRecord]:
        """Agreed scores are made from the members' scores: a member sees them only after
        submitting their own."""
        with self.store.reading() as session:
            self.visible_vacancy(session, actor, vacancy_id)
            self.after_own_submission(session, actor, vacancy_id, AFTER_SUBMITTING)
            return self.repo.agreed_scores(session=session, vacancy_id=vacancy_id)

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
        """The moderated score for one application and criterion, with the panel's note.
        `expected_version` is the version of the agreed score the person's screen showed."""
        where = f"{panel_code} / {criterion_id}"  # as the Moderation page lists it

        def write(session: Session) -> AgreedRecord:
            vacancy = self.visible_vacancy(session, actor, vacancy_id, lock=True)
            check_allowed(vacancy.state, Action.AGREE_SCORES)
            self.after_own_submission(session, actor, vacancy_id, AFTER_SUBMITTING)
            app = self.repo.ref_by_code(
                session=session, vacancy_id=vacancy_id, panel_code=panel_code
            )
            if app is None:
                raise NotFound(f"There is no application {panel_code} in this vacancy.")
            check_scored_by_member(
                panel_code, withdrawn=app.withdrawn, held=app.held,
                conflicted=actor.role is Role.PANEL and app.id in self.repo.conflicted_ids(
                    session=session, vacancy_id=vacancy_id, user_id=actor.user_id
                ),
            )  # fmt: skip
            found = self.repo.stored_agreed(
                session=session, application_id=app.id, criterion_id=criterion_id
            )
            stored = found[1] if found else None
            checked = check_agreed_score(
                ScoringRules.of(vacancy.rules), criterion_id=criterion_id, score=score, note=note,
                drawn_version=expected_version, stored=stored, where=where,
            )  # fmt: skip
            if found is None:
                self.repo.insert_agreed(
                    session=session, application_id=app.id, criterion_id=criterion_id,
                    score=score, note=checked, by=actor.user_id,
                )  # fmt: skip
                version = 1
            else:
                assert stored is not None
                if not self.repo.update_agreed(
                    session=session, agreed_id=found[0], expected_version=stored.version,
                    score=score, note=checked, by=actor.user_id, at=self.clock(),
                ):  # fmt: skip
                    raise StaleEdit(f"The agreed score for {where} changed meanwhile.")
                version = stored.version + 1
            self.audit(
                session, actor, "agree_score", "agreed_score", f"{panel_code}/{criterion_id}",
                vacancy_id=vacancy_id, old={"score": stored.score, "note": stored.note} if stored else None,
                new={"score": score, "note": checked},
            )  # fmt: skip
            return AgreedRecord(
                panel_code=panel_code, criterion_id=criterion_id, score=score, note=checked,
                version=version,
            )  # fmt: skip

        return self.store.write(write)

    @allowed(Role.HR, Role.PANEL, action="moderate scores")
    def moderation_queue(
        self, actor: Actor, vacancy_id: int, *, only_open: bool = False
    ) -> list[ModerationItem]:
        """Scores the panel disagree on (two or more apart by default) and those already agreed.
        Anonymised: panel codes only. Panel members see it once they have submitted."""
        with self.store.reading() as session:
            vacancy = self.visible_vacancy(session, actor, vacancy_id)
            self.after_own_submission(session, actor, vacancy_id, AFTER_SUBMITTING)
            conflicted: set[int] = set()
            if actor.role is Role.PANEL:
                conflicted = self.repo.conflicted_ids(
                    session=session, vacancy_id=vacancy_id, user_id=actor.user_id
                )
            outcome = self.shortlists.run(session, vacancy)
            names = {
                s.username: s.display_name
                for s in self.repo.panel(session=session, vacancy_id=vacancy_id)
            }
            agreed = {(a.panel_code, a.criterion_id): a for a in self.repo.agreed_scores(session=session, vacancy_id=vacancy_id)}  # fmt: skip
            open_codes = _open_codes(outcome)
            notes: dict[tuple[str, str], dict[str, str]] = {}
            for r in self.repo.panel_scores(
                session=session, vacancy_id=vacancy_id, panel_codes=sorted(open_codes)
            ):
                if r.note:
                    notes.setdefault((r.panel_code, r.criterion_id), {})[
                        names.get(r.member, r.member)
                    ] = r.note
            read = self.repo.panel_applications_by_code(
                session=session, vacancy_id=vacancy_id, codes=sorted(open_codes)
            )
        m = outcome.result.moderation
        spread = m.spread
        wide_at = vacancy.scheme.disagreement_spread
        criteria = vacancy.scored_criteria
        items = []
        for i, reference in enumerate(m.cube.application_ids):
            app = outcome.refs[reference]
            if not is_scored_by_member(
                withdrawn=app.withdrawn, held=app.held, conflicted=app.id in conflicted
            ):
                continue
            for j, c in enumerate(criteria):
                kept = agreed.get((app.panel_code, c.id))
                needs = bool(m.needs_agreement[i, j])
                wide = not np.isnan(spread[i, j]) and spread[i, j] >= wide_at
                if not (needs or kept is not None or wide) or (only_open and not needs):
                    continue
                scores = {
                    names.get(member, member): int(v)
                    for member, v in zip(m.cube.members, m.cube.scores[i, j], strict=True)
                    if not np.isnan(v)
                }
                items.append(
                    ModerationItem(
                        panel_code=app.panel_code, criterion_id=c.id, criterion=c.text,
                        essential=c.is_essential, scores=scores,
                        spread=0 if np.isnan(spread[i, j]) else int(spread[i, j]),
                        default=None if np.isnan(m.default[i, j]) else int(m.default[i, j]),
                        agreed=kept, needs_agreement=needs,
                        notes=notes.get((app.panel_code, c.id), {}) if needs else {},
                        evidence=_excerpt(read.get(app.panel_code), c.id) if needs else "",
                    )
                )  # fmt: skip
        items.sort(key=lambda x: (not x.needs_agreement, x.panel_code, x.criterion_id))
        return items

    @allowed(Role.HR, Role.PANEL, action="moderate scores")
    def nothing_to_moderate(self, actor: Actor, vacancy_id: int) -> str:
        """What the Moderation page says when no score awaits an agreed one."""
        with self.store.reading() as session:
            vacancy = self.visible_vacancy(session, actor, vacancy_id)
            self.after_own_submission(session, actor, vacancy_id, AFTER_SUBMITTING)
            return self.shortlists.run(session, vacancy).result.moderation.nothing_to_moderate()

    @allowed(Role.HR, Role.PANEL, action="see how panel members' scores compare")
    def calibration(self, actor: Actor, vacancy_id: int) -> tuple[Calibration, pd.DataFrame]:
        """Each member against colleagues on the same applications, and the standardised view
        for the moderation discussion (it never changes a stored score)."""
        with self.store.reading() as session:
            vacancy = self.visible_vacancy(session, actor, vacancy_id)
            self.after_own_submission(
                session, actor, vacancy_id,
                "You see how the panel's scores compare once you have submitted your own.",
            )  # fmt: skip
            outcome = self.shortlists.run(session, vacancy)
            names = {s.username: s.display_name for s in self.repo.panel(session=session, vacancy_id=vacancy_id)}  # fmt: skip
        frame = outcome.result.moderation.cube.to_frame()
        codes = {ref: r.panel_code for ref, r in outcome.refs.items()}
        frame["application_id"] = frame["application_id"].map(codes)
        frame["panel_member"] = frame["panel_member"].map(names).fillna(frame["panel_member"])
        scale = vacancy.scheme.scale
        return (
            calibrate(frame, scale_min=scale.minimum, scale_max=scale.maximum),
            standardised(frame, scale_min=scale.minimum, scale_max=scale.maximum),
        )


EXCERPT = 1200  # characters of evidence shown beside a disagreement


def _open_codes(outcome: ShortlistOutcome) -> set[str]:
    """Panel codes of the applications with a score still to agree."""
    m = outcome.result.moderation
    rows = np.flatnonzero(m.needs_agreement.any(axis=1)).tolist()
    return {outcome.refs[m.cube.application_ids[i]].panel_code for i in rows}


def _excerpt(read: tuple[ApplicationRef, PanelApplication] | None, criterion_id: str) -> str:
    """The answer to the criterion if the form asked for one, else the supporting statement;
    redacted as the panel reads it, cut to a screen's worth."""
    if read is None:
        return ""
    application = read[1]
    text = str(application.evidence.get(criterion_id) or application.statement or "")
    return text if len(text) <= EXCERPT else text[:EXCERPT].rsplit(" ", 1)[0] + " ..."
