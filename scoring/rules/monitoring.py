"""Equality monitoring by stage: do some groups pass the sift at markedly lower rates?

For each monitoring question (sex, ethnicity, age band...) and each group of answers, the
selection rate from applied to each later stage (meets the minimum criteria, shortlisted) is
the number reaching that stage over the number who applied. The "four-fifths" (80%) rule of
thumb for adverse impact compares each group's rate with the highest group's rate: a ratio
under 0.8 is flagged for HR to look into. Groups of fewer than five applicants are never shown
(neither counts nor rates) and are not used as the reference group, so nobody can be picked
out; a suppressed group's size may still be inferred from the totals, as in any published
table, which is why the report is for HR only.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

STAGES = ("applied", "meets minimum", "shortlisted")
LATER = STAGES[1:]
SMALL_GROUP = 5
FOUR_FIFTHS = 0.8
NOT_ANSWERED = "Not answered"
LAST = {NOT_ANSWERED.lower(), "prefer not to say"}


@dataclass(frozen=True)
class GroupStage:
    group: str
    counts: dict[str, int | None]
    rates: dict[str, float | None]
    impact_ratio: dict[str, float | None]
    flagged: tuple[str, ...]
    suppressed: bool


@dataclass(frozen=True)
class CharacteristicReport:
    characteristic: str
    groups: tuple[GroupStage, ...]
    note: str


def _groups(values: pd.Series) -> pd.Series:
    """Blank answers as "Not answered"; spellings differing only in case or spacing merged
    under the first spelling seen."""
    cleaned = values.fillna("").astype(str).map(lambda v: " ".join(v.split()))
    cleaned = cleaned.where(cleaned != "", NOT_ANSWERED)
    first: dict[str, str] = {}
    for value in cleaned:
        first.setdefault(value.lower(), value)
    return cleaned.map(lambda v: first[v.lower()])


def _report(
    question: str, groups: pd.Series, stages: pd.DataFrame, small: int
) -> CharacteristicReport:
    frame = stages.assign(group=groups.values)
    counts = frame.groupby("group").agg(
        applied=("application_id", "size"),
        meets=("meets_minimum", "sum"),
        shortlisted=("shortlisted", "sum"),
    )
    shown = counts[counts["applied"] >= small]
    rates = {
        "meets minimum": shown["meets"] / shown["applied"],
        "shortlisted": shown["shortlisted"] / shown["applied"],
    }
    best = {stage: (float(r.max()) if len(r) else 0.0) for stage, r in rates.items()}
    result = []
    for group, row in counts.iterrows():
        if row["applied"] < small:
            result.append(
                GroupStage(
                    str(group),
                    dict.fromkeys(STAGES),
                    dict.fromkeys(LATER),
                    dict.fromkeys(LATER),
                    (),
                    True,
                )
            )
            continue
        group_rates = {stage: float(rates[stage].loc[str(group)]) for stage in LATER}
        ratios = {
            stage: (group_rates[stage] / best[stage] if best[stage] > 0 else None)
            for stage in LATER
        }
        flagged = tuple(s for s in LATER if ratios[s] is not None and ratios[s] < FOUR_FIFTHS)  # type: ignore[operator]
        result.append(
            GroupStage(
                str(group),
                {
                    "applied": int(row["applied"]),
                    "meets minimum": int(row["meets"]),
                    "shortlisted": int(row["shortlisted"]),
                },
                dict(group_rates),
                ratios,
                flagged,
                False,
            )
        )
    result.sort(key=lambda g: (g.group.lower() in LAST, g.group.lower()))
    return CharacteristicReport(question, tuple(result), _note(result, small))


def _note(groups: list[GroupStage], small: int) -> str:
    parts = []
    for g in groups:
        for stage in g.flagged:
            ratio = g.impact_ratio[stage]
            parts.append(
                f"{g.group}: {stage} at {ratio:.2f} of the highest group's rate (under four-fifths)."
            )
    hidden = sum(g.suppressed for g in groups)
    if hidden:
        parts.append(f"{hidden} group(s) of fewer than {small} applicants are not shown.")
    return " ".join(parts) or "No group is under four-fifths of the highest group's rate."


def monitoring_report(
    answers: pd.DataFrame, stages: pd.DataFrame, *, small_group: int = SMALL_GROUP
) -> tuple[CharacteristicReport, ...]:
    """`answers`: application_id and one column per question; `stages`: application_id,
    meets_minimum, shortlisted (one row per application that applied)."""
    stages = stages.assign(application_id=stages["application_id"].astype(str)).reset_index(
        drop=True
    )
    stages["meets_minimum"] = stages["meets_minimum"].astype(bool)
    stages["shortlisted"] = stages["shortlisted"].astype(bool)
    answers = answers.assign(application_id=answers["application_id"].astype(str))
    answers = answers.drop_duplicates("application_id").set_index("application_id")
    reports = []
    for question in [c for c in answers.columns]:
        column = answers[question].reindex(stages["application_id"])
        reports.append(_report(str(question), _groups(column), stages, small_group))
    return tuple(reports)
