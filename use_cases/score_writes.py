"""The one write path for panel scores. A key press, a click on a score button and a scoring
sheet returned offline all arrive here as ScoreChanges and pass the same guards
(scoring/rules/score_checks.py): released, declared, not conflicted, not locked, on the scale, and
drawn from the version stored now. A stale change is refused; it never overwrites."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from scoring.errors import DomainError
from scoring.rules.score_checks import (
    ScoreChange,
    ScoringRules,
    check_change,
    check_seat,
)
from storage.repository import REPOSITORY, Located, ScoreWrite
from storage.repository.audit import Entry
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, UseCase, system_clock
from use_cases.errors import NotFound, ScoresRefused, StaleEdit
from use_cases.models import ScoreRecord
from use_cases.ports.score_writes import ScoreWritesRepository


class Recorded(NamedTuple):
    records: list[ScoreRecord]  # one per change, as stored now
    written: int  # how many changed what was stored


# changes written (with their audit entries) a few thousand at a time, in the one
# transaction: a sheet's 200,000 are never all held as rows and entries at once
WRITTEN_AT_ONCE = 5_000
RACED = "was scored from another window at the same moment; the screen now shows that score."


class ScoreWrites(UseCase):
    repo: ScoreWritesRepository

    def __init__(
        self, store: Store, *, repo: ScoreWritesRepository = REPOSITORY, clock: Clock = system_clock
    ) -> None:
        super().__init__(store, repo=repo, clock=clock)

    @allowed(Role.PANEL, action="score applications")
    def save_score(
        self,
        actor: Actor,
        vacancy_id: int,
        *,
        panel_code: str,
        criterion_id: str,
        score: int,
        note: str | None = None,
        expected_version: int | None = None,
    ) -> ScoreRecord:
        """Store one score at once, in its own transaction. `expected_version` is the version
        of this score the member's screen showed (None: it showed none); if the stored score
        has moved on since, the save is refused as stale. `note` None keeps the stored note."""
        change = ScoreChange(panel_code, criterion_id, score, note, expected_version)
        try:
            return self.store.write(
                lambda session: self.record(
                    session, actor=actor, member=actor, vacancy_id=vacancy_id, changes=[change]
                ).records[0]
            )
        except IntegrityError:  # another window inserted the same first score
            raise StaleEdit(
                f"{panel_code}, {self._name(vacancy_id, criterion_id)}, {RACED}"
            ) from None

    @allowed(Role.PANEL, action="score applications")
    def save_scores(
        self, actor: Actor, vacancy_id: int, scores: Iterable[tuple[str, str, int]]
    ) -> int:
        """Store many first scores (panel code, criterion, score) at once, all or nothing,
        through the same guards; a score given already is refused as stale."""
        changes = [ScoreChange(code, criterion, value) for code, criterion, value in scores]
        try:
            recorded = self.store.write(
                lambda session: self.record(
                    session, actor=actor, member=actor, vacancy_id=vacancy_id, changes=changes
                )
            )
            return len(recorded.records)
        except IntegrityError:
            raise StaleEdit(f"A score {RACED}") from None

    def record(
        self,
        session: Session,
        *,
        actor: Actor,
        member: Actor,
        vacancy_id: int,
        changes: Sequence[ScoreChange],
        action: str = "score",
        every_refusal: bool = False,
        as_stored: bool = True,
    ) -> Recorded:
        """Check and store `changes` as `member`'s scores, inside the caller's transaction
        (all or nothing). `actor` is who made the change (the member, or HR returning their
        sheet). A change that leaves the stored score as it is writes nothing. A refused change
        raises its own error, or with `every_refusal` ScoresRefused naming all of them.
        `as_stored` False: the scores as stored are not given back (`Recorded.records` empty),
        which a big import has no use for."""
        rules = self.open_seat(session, member, vacancy_id, actor=actor)
        located = self.repo.score_targets(
            session=session,
            vacancy_id=vacancy_id,
            user_id=member.user_id,
            keys=[(c.panel_code, c.criterion_id) for c in changes],
        )
        checked, refused = [], []
        for change in changes:  # every change checked before any is written
            where = located.get((change.panel_code, change.criterion_id))
            try:
                checked.append(
                    (change, check_change(rules, change, where.target if where else None))
                )
            except DomainError as refusal:
                refused.append((change, refusal))
        if refused:
            raise ScoresRefused(refused) if every_refusal else refused[0][1]
        saved, written = [], 0
        for index, batch in enumerate(_rounds(checked)):  # a score given twice: in two rounds
            if index:
                located.update(
                    self.repo.score_targets(
                        session=session, vacancy_id=vacancy_id, user_id=member.user_id,
                        keys=[(c.panel_code, c.criterion_id) for c, _ in batch],
                    )
                )  # fmt: skip
            for start in range(0, len(batch), WRITTEN_AT_ONCE):
                records, changed = self._write(
                    session, actor, member, vacancy_id, batch[start : start + WRITTEN_AT_ONCE],
                    located, (action, as_stored), rules,
                )  # fmt: skip
                saved += records
                written += changed
        if actor.user_id == member.user_id:  # the member's own action: reading time
            self.repo.touch_reviews(
                session=session, vacancy_id=vacancy_id,
                application_ids=sorted({located[k].application_id for k in located}),
                user_id=member.user_id, at=self.clock(),
            )  # fmt: skip
        return Recorded(saved, written)

    def _name(self, vacancy_id: int, criterion_id: str) -> str:
        """The criterion as the member's screen numbers it, for a refusal."""
        with self.store.reading() as session:
            vacancy = self.repo.load_vacancy(session=session, vacancy_id=vacancy_id)
        return ScoringRules.of(vacancy.rules).name(criterion_id) if vacancy else criterion_id

    def open_seat(
        self, session: Session, member: Actor, vacancy_id: int, *, actor: Actor | None = None
    ) -> ScoringRules:
        """Check the member may score the vacancy now (`actor` acting for them, if another
        person); the vacancy's scoring rules."""
        found = self.repo.seat(session=session, vacancy_id=vacancy_id, user_id=member.user_id)
        if found is None:
            raise NotFound(f"There is no vacancy {vacancy_id}.")
        seat, version = found
        acting = actor is not None and actor.user_id != member.user_id
        check_seat(seat, member=member.display_name if acting else None)
        return self.repo.scoring_rules(session=session, vacancy_id=vacancy_id, version=version)

    def _write(
        self,
        session: Session,
        actor: Actor,
        member: Actor,
        vacancy_id: int,
        batch: Sequence[tuple[ScoreChange, str]],
        located: dict[tuple[str, str], Located],
        doing: tuple[str, bool],
        rules: ScoringRules,
    ) -> tuple[list[ScoreRecord], int]:
        """Store checked changes (one each per score) and their audit entries, in bulk: the
        scores in one insert and one compare-and-set update, the entries in one insert on the
        chain. A change that leaves the stored score as it is writes nothing."""
        (action, as_stored), records, writes, entries, written = doing, [], [], [], []
        for change, note in batch:
            where = located[(change.panel_code, change.criterion_id)]
            stored = where.target.stored
            version = stored.version if stored else 0
            if stored is None or (stored.score, stored.note) != (change.score, note):
                writes.append(
                    ScoreWrite(
                        where.application_id, change.criterion_id, change.score, note,
                        where.score_id, version,
                    )
                )  # fmt: skip
                new = {"score": change.score, "note": note}
                if member.user_id != actor.user_id:
                    new["member"] = member.username
                old = {"score": stored.score, "note": stored.note} if stored else None
                key = f"{change.panel_code}/{change.criterion_id}"
                entries.append(Entry(action, "panel_score", key, vacancy_id, old, new))
                written.append(change)
                version += 1
            if as_stored:
                records.append(
                    ScoreRecord.model_construct(  # checked above: built, not validated again
                        panel_code=change.panel_code,
                        criterion_id=change.criterion_id,
                        member=member.username,
                        score=change.score,
                        note=note,
                        version=version,
                    )  # fmt: skip
                )
        if not self.repo.write_panel_scores(
            session=session, user_id=member.user_id, writes=writes, at=self.clock()
        ):
            one = written[0] if len(written) == 1 else None  # the score that raced, if one
            named = f"{one.panel_code}, {rules.name(one.criterion_id)}," if one else "A score"
            raise StaleEdit(f"{named} {RACED}")
        self.repo.record_audits(
            session=session, key=self.store.audit_key, actor=actor, entries=entries
        )
        return records, len(writes)


def _rounds(
    checked: Sequence[tuple[ScoreChange, str]],
) -> list[list[tuple[ScoreChange, str]]]:
    """The changes in rounds with each score at most once a round, in the order given."""
    rounds: list[list[tuple[ScoreChange, str]]] = []
    times: Counter[tuple[str, str]] = Counter()
    for change, note in checked:
        key = (change.panel_code, change.criterion_id)
        if times[key] == len(rounds):
            rounds.append([])
        rounds[times[key]].append((change, note))
        times[key] += 1
    return rounds
