"""The questions the self-check asks about interview schemes: exactly the facts the council's
policy reads (one per interchange column its routes read), in plain English, and the
declarations an applicant's answers make. A council with no scheme asks nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from criteria.policy import GuaranteedInterviewPolicy
from criteria.policy_conditions import ArmedForces
from scoring.applications import ArmedForcesStatus, Declarations, Relationship

Kind = Literal["yes_no", "choice", "date"]


@dataclass(frozen=True)
class Question:
    column: str  # the interchange column the answer stands for
    text: str
    kind: Kind
    options: tuple[tuple[str, str], ...] = ()  # (value, label) for a choice
    forces: bool = False  # asked only of those who declare armed forces service


YES_NO = (("yes", "Yes"), ("no", "No"))

QUESTIONS: dict[str, Question] = {
    "disability_gis": Question(
        "disability_gis",
        "Do you have a disability (a physical or mental impairment with a substantial, long-term "
        "effect on day-to-day activities), and would you wish to be considered under the scheme?",
        "yes_no",
        YES_NO,
    ),
    "care_leaver": Question(
        "care_leaver", "Have you been in care (are you a care leaver)?", "yes_no", YES_NO
    ),
    "date_of_birth": Question(
        "date_of_birth", "Your date of birth (the scheme has an age limit)", "date"
    ),
    "armed_forces_status": Question(
        "armed_forces_status",
        "Armed forces: are you, or your spouse or civil partner, serving, a veteran or a member "
        "of the Reservists?",
        "choice",
    ),
    "armed_forces_relationship": Question(
        "armed_forces_relationship",
        "Whose service is it?",
        "choice",
        (("self", "Mine"), ("spouse_or_civil_partner", "My spouse's or civil partner's")),
        forces=True,
    ),
    "armed_forces_date": Question(
        "armed_forces_date",
        "The expected discharge date if serving, or the date of leaving",
        "date",
        forces=True,
    ),
    "armed_forces_long_term": Question(
        "armed_forces_long_term",
        "Was it long-term employment in the armed forces?",
        "yes_no",
        YES_NO,
        forces=True,
    ),
    "armed_forces_last_long_term_employer": Question(
        "armed_forces_last_long_term_employer",
        "Were the armed forces your (or their) last long-term substantive employer?",
        "yes_no",
        YES_NO,
        forces=True,
    ),
    "armed_forces_gis": Question(
        "armed_forces_gis",
        "Would you wish to be considered under the armed forces guaranteed interview scheme?",
        "yes_no",
        YES_NO,
        forces=True,
    ),
    "internal_applicant": Question(
        "internal_applicant", "Do you already work for this council?", "yes_no", YES_NO
    ),
    "at_risk_of_redundancy": Question(
        "at_risk_of_redundancy",
        "Are you at risk of redundancy (for example, told your post is to be deleted)?",
        "yes_no",
        YES_NO,
    ),
    "protected_period": Question(
        "protected_period",
        "Are you pregnant, on maternity, adoption or shared parental leave, or back from it "
        "within the last 18 months (a protected period)?",
        "yes_no",
        YES_NO,
    ),
}
STATUS_LABELS = {
    "none": "None of these",
    "serving": "Serving",
    "left": "Left the forces",
    "reservist": "A member of the Reservists",
}


def questions_for(policy: GuaranteedInterviewPolicy) -> tuple[Question, ...]:
    """One question per column the policy's routes read (status first among the forces
    questions, whose others are asked only of those who declare service)."""
    asked = []
    for column in policy.columns_read():
        if column.startswith("scheme:"):
            asked.append(
                Question(column, policy.question(column.removeprefix("scheme:")), "yes_no", YES_NO)
            )
        elif column == "armed_forces_status":
            statuses = [
                s
                for scheme in policy.schemes
                for r in scheme.routes
                for c in r.conditions
                if isinstance(c, ArmedForces)
                for s in c.armed_forces
            ]
            options = ("none", *sorted(set(statuses), key=list(STATUS_LABELS).index))
            asked.append(
                Question(
                    column,
                    QUESTIONS[column].text,
                    "choice",
                    tuple((v, STATUS_LABELS[v]) for v in options),
                )
            )
        else:
            asked.append(QUESTIONS[column])
    status = [q for q in asked if q.column == "armed_forces_status"]
    plain = [q for q in asked if not q.forces and q not in status]
    return tuple(plain + status + [q for q in asked if q.forces])


Answer = str | date | None


def _yes(answer: Answer) -> bool | None:
    return None if answer is None else answer == "yes"


def declarations_from(answers: dict[str, Answer]) -> Declarations:
    """What the answers declare; a question not answered (or not asked) is unknown, not 'no'."""
    status = ArmedForcesStatus(str(answers.get("armed_forces_status") or "none"))
    serving = status is not ArmedForcesStatus.NONE
    whose = answers.get("armed_forces_relationship") if serving else None
    when = answers.get("armed_forces_date") if serving else None
    birth = answers.get("date_of_birth")
    return Declarations(
        disability=answers.get("disability_gis") == "yes",
        care_leaver=answers.get("care_leaver") == "yes",
        date_of_birth=birth if isinstance(birth, date) else None,
        armed_forces_status=status,
        armed_forces_relationship=Relationship(str(whose)) if whose else None,
        armed_forces_date=when if isinstance(when, date) else None,
        armed_forces_long_term=_yes(answers.get("armed_forces_long_term")) if serving else None,
        armed_forces_opt_in=_yes(answers.get("armed_forces_gis")) if serving else None,
        armed_forces_last_long_term_employer=(
            _yes(answers.get("armed_forces_last_long_term_employer")) if serving else None
        ),
        internal_applicant=_yes(answers.get("internal_applicant")),
        at_risk_of_redundancy=_yes(answers.get("at_risk_of_redundancy")),
        protected_period=_yes(answers.get("protected_period")),
        further_schemes=frozenset(
            c.removeprefix("scheme:")
            for c, a in answers.items()
            if c.startswith("scheme:") and a == "yes"
        ),
    )
