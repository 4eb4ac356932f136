"""The shortlist as one thing a person signs off: its version, its counts, and whether it is
ready to finalise. Every page, chart, workbook and letter counts decisions with `tally`, so a
figure shown twice is the same figure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scoring.errors import NotReadyToFinalise, ShortlistMoved
from scoring.rules.decision_choices import decisions_open_to, why_not_open
from scoring.rules.decisions import FinalDecision
from scoring.rules.outcomes import Outcome


@dataclass(frozen=True)
class Tally:
    """The decisions counted, by how each application got where it is."""

    applications: int
    on_merit: int
    under_scheme: int
    priority_round: int
    by_decision: int  # shortlisted by a person's decision
    to_decide: int  # ties, missing information, scoring incomplete
    not_shortlisted: int
    withdrawn: int

    @property
    def shortlisted(self) -> int:
        return self.on_merit + self.under_scheme + self.priority_round + self.by_decision

    @property
    def considered(self) -> int:
        return self.applications - self.withdrawn


def tally(decisions: Sequence[FinalDecision]) -> Tally:
    kinds = [d.decision for d in decisions]
    return Tally(
        applications=len(kinds),
        on_merit=kinds.count(Outcome.SHORTLISTED_ON_MERIT),
        under_scheme=kinds.count(Outcome.SHORTLISTED_UNDER_SCHEME),
        priority_round=kinds.count(Outcome.SHORTLISTED_IN_PRIORITY_ROUND),
        by_decision=kinds.count(Outcome.SHORTLISTED_BY_DECISION),
        to_decide=sum(1 for k in kinds if not k.is_settled),
        not_shortlisted=kinds.count(Outcome.NOT_SHORTLISTED),
        withdrawn=kinds.count(Outcome.WITHDRAWN),
    )


def shortlist_version(vacancy_version: int, changes: tuple[int, int]) -> str:
    """The shortlist's version: it moves with every write its decisions are made from (the
    vacancy's settings and state (its version moves with both), and the count and newest id of the vacancy's audited
    writes). Short enough to print on a workbook and to read out on the phone."""
    return f"{vacancy_version}.{changes[0]}.{changes[1]}"


def check_shortlist_version(drawn: str | None, current: str) -> None:
    """Refuse a sign-off or decision made from a screen that showed another version."""
    if drawn != current:
        raise ShortlistMoved(
            "Not recorded: the shortlist changed after this screen was drawn (a score, a "
            "decision or an import, perhaps in another window). The screen now shows it as it "
            "is; look at it again before you decide or sign it off.",
            current,
        )


def check_ready_to_finalise(issues: Sequence[str], decisions: Sequence[FinalDecision]) -> None:
    """Every score given and moderated, every tie and open claim decided by a person, and every
    person's decision one the policy can give."""
    if issues:
        raise NotReadyToFinalise("The shortlist cannot be finalised yet: " + " ".join(issues))
    open_ = [d.application_id for d in decisions if not d.decision.is_settled]
    if open_:
        raise NotReadyToFinalise(
            f"Decide these first (ties, missing information): {', '.join(open_)}."
        )
    wrong = [
        d
        for d in decisions
        if d.decided_by is not None
        and d.decision is not d.recommended
        and d.decision not in decisions_open_to(d)
    ]
    if wrong:
        raise NotReadyToFinalise(
            "Decide these again; the decision recorded is not one this vacancy's policy can "
            "give: " + " ".join(why_not_open(d, d.decision) for d in wrong)
        )
