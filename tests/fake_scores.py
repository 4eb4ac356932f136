"""The scores half of the fake repository (tests/fake_repository.py): panel scores, agreed
scores and the frames the shortlist engine reads, over a FakeState."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import pandas as pd
from sqlalchemy.exc import IntegrityError

from scoring.rules.score_checks import ScoreTarget, StoredScore
from storage.repository import Located, ScoreWrite
from use_cases.models import AgreedRecord, ScoreRecord

if TYPE_CHECKING:
    from tests.fakes import FakeState


class FakeScores:
    state: FakeState

    # panel scores ----------------------------------------------------------------------------
    def score_targets(
        self, *, session: object, vacancy_id: int, user_id: int, keys: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], Located]:
        found = {}
        for code, criterion in keys:
            app = self.state.applications.get(code)
            if app is None:
                continue
            kept = self.state.scores.get((app.id, criterion, user_id))
            conflicted = (user_id, app.id) in self.state.conflicts
            target = ScoreTarget(app.withdrawn, conflicted, kept[1] if kept else None, app.held)
            found[(code, criterion)] = Located(app.id, kept[0] if kept else None, target)
        return found

    def write_panel_scores(
        self, *, session: object, user_id: int, writes: Sequence[ScoreWrite], at: datetime
    ) -> bool:
        for w in writes:
            key = (w.application_id, w.criterion_id, user_id)
            if w.score_id is None:
                if key in self.state.scores:
                    raise IntegrityError("INSERT", {}, Exception("unique constraint"))
                self.state.next_id += 1
                self.state.scores[key] = (self.state.next_id, StoredScore(w.score, w.note, 1))
                continue
            row_id, stored = self.state.scores.get(key, (None, None))
            if row_id != w.score_id or stored is None or stored.version != w.expected_version:
                return False
            self.state.scores[key] = (row_id, StoredScore(w.score, w.note, stored.version + 1))
        return True

    def withdraw_member_scores(
        self, *, session: object, application_id: int, user_id: int
    ) -> dict[str, int]:
        mine = [k for k in self.state.scores if k[0] == application_id and k[2] == user_id]
        return {k[1]: self.state.scores.pop(k)[1].score for k in mine}

    def scored_per_member(
        self, *, session: object, vacancy_id: int, criteria: Sequence[str]
    ) -> dict[int, dict[str, int]]:
        counts: dict[int, dict[str, int]] = {}
        for app_id, criterion, user in self.state.scores:
            if criterion in criteria:
                per = counts.setdefault(user, {})
                code = self.state.ref(app_id).panel_code
                per[code] = per.get(code, 0) + 1
        return counts

    def scored_per_application(
        self, *, session: object, vacancy_id: int, user_id: int, criteria: Sequence[str]
    ) -> dict[str, int]:
        per = self.scored_per_member(session=session, vacancy_id=vacancy_id, criteria=criteria)
        return per.get(user_id, {})

    def panel_scores(
        self, *, session: object, vacancy_id: int, panel_codes: Sequence[str] | None = None
    ) -> list[ScoreRecord]:
        records = []
        for (a, c, u), (_, s) in self.state.scores.items():
            code = self.state.ref(a).panel_code
            if panel_codes is None or code in panel_codes:
                member = self.state.accounts[u].username
                records.append(
                    ScoreRecord(
                        panel_code=code,
                        criterion_id=c,
                        member=member,
                        score=s.score,
                        note=s.note,
                        version=s.version,
                    )  # fmt: skip
                )
        return records

    def member_scores(
        self, *, session: object, vacancy_id: int, user_id: int, username: str,
        panel_code: str | None, panel_codes: Sequence[str] | None = None,
    ) -> list[ScoreRecord]:  # fmt: skip
        mine = self.state.accounts[user_id].username
        return [
            r
            for r in self.panel_scores(
                session=session, vacancy_id=vacancy_id, panel_codes=panel_codes
            )
            if r.member == mine and panel_code in (None, r.panel_code)
        ]

    def panel_score_frame(
        self, *, session: object, vacancy_id: int, member_name: str = "username",
        notes: bool = False,
    ) -> pd.DataFrame:  # fmt: skip
        rows = [
            (
                self.state.ref(a).reference,
                c,
                getattr(self.state.accounts[u], member_name),
                s.score,
                s.note,
            )  # fmt: skip
            for (a, c, u), (_, s) in self.state.scores.items()
        ]
        columns = ["application_id", "criterion_id", "panel_member", "score", "note"]
        frame = pd.DataFrame(rows, columns=columns)
        return frame if notes else frame.drop(columns="note")

    def touch_review(
        self, *, session: object, vacancy_id: int, application_id: int, user_id: int,
        at: datetime, opened: bool,
    ) -> None:  # fmt: skip
        self.state.reading.append((application_id, user_id, opened))

    def touch_reviews(
        self, *, session: object, vacancy_id: int, application_ids: Sequence[int], user_id: int,
        at: datetime,
    ) -> None:  # fmt: skip
        self.state.reading.extend((a, user_id, False) for a in application_ids)

    # agreed scores and decisions -------------------------------------------------------------
    def stored_agreed(
        self, *, session: object, application_id: int, criterion_id: str
    ) -> tuple[int, StoredScore] | None:
        return self.state.agreed.get((application_id, criterion_id))

    def insert_agreed(
        self, *, session: object, application_id: int, criterion_id: str, score: int, note: str,
        by: int,
    ) -> None:  # fmt: skip
        key = (application_id, criterion_id)
        if key in self.state.agreed:
            raise IntegrityError("INSERT", {}, Exception("unique constraint"))
        self.state.next_id += 1
        self.state.agreed[key] = (self.state.next_id, StoredScore(score, note, 1))

    def update_agreed(
        self, *, session: object, agreed_id: int, expected_version: int, score: int, note: str,
        by: int, at: datetime,
    ) -> bool:  # fmt: skip
        for key, (row_id, stored) in self.state.agreed.items():
            if row_id == agreed_id and stored.version == expected_version:
                self.state.agreed[key] = (row_id, StoredScore(score, note, expected_version + 1))
                return True
        return False

    def agreed_scores(self, *, session: object, vacancy_id: int) -> list[AgreedRecord]:
        return [
            AgreedRecord(
                panel_code=self.state.ref(a).panel_code,
                criterion_id=c,
                score=s.score,
                note=s.note,
                version=s.version,
            )  # fmt: skip
            for (a, c), (_, s) in self.state.agreed.items()
        ]

    def agreed_frame(self, *, session: object, vacancy_id: int) -> pd.DataFrame:
        rows = [(self.state.ref(a).reference, c, s.score) for (a, c), (_, s) in self.state.agreed.items()]  # fmt: skip
        return pd.DataFrame(rows, columns=["application_id", "criterion_id", "score"])

    def persons_decisions(self, *, session: object, vacancy_id: int) -> dict[str, Any]:
        return {}
