"""What criteria of different roles have in common, found by the words they use: a candidate's
answer on one role's criterion carries over to another role's criterion sharing a theme
(scoring/applicant/other_roles.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from criteria.schema import Criterion


@dataclass(frozen=True)
class Theme:
    """What criteria of different roles have in common, found by the words they use."""

    id: str
    name: str
    pattern: re.Pattern[str]


def _theme(id: str, name: str, *words: str) -> Theme:
    return Theme(id, name, re.compile(r"\b(" + "|".join(words) + r")", re.IGNORECASE))


THEMES: tuple[Theme, ...] = (
    _theme(
        "driving",
        "a driving licence and use of a car",
        "driving licen",
        "own vehicle",
        "use of a car",
        "access to a car",
        "independent travel",
    ),
    _theme(
        "data",
        "data protection, GDPR and confidentiality",
        "gdpr",
        "data protection",
        "confidential",
        "information sharing",
    ),
    _theme(
        "benefits",
        "welfare benefits and Universal Credit",
        "welfare",
        "benefit",
        "universal credit",
    ),
    _theme(
        "rent",
        "rent, arrears and debt recovery",
        "rent",
        "arrears",
        "debt",
        "income collection",
        "income management",
    ),
    _theme(
        "legislation",
        "housing law and policy",
        "housing legislation",
        "legislation",
        "housing act",
        "homeless",
        "regulatory standards",
        "secure tenants",
    ),
    _theme(
        "customers",
        "customer care and difficult conversations",
        "customer",
        "sensitive",
        "empath",
        "calm",
        "difficult situations",
        "challenging behaviour",
    ),
    _theme(
        "ict",
        "computer and Microsoft Office skills",
        "microsoft",
        "excel",
        "ict",
        "computer",
        "keyboard",
        "software",
        "ms packages",
        "database",
    ),
    _theme(
        "organising",
        "organising and prioritising a workload",
        "prioriti",
        "deadline",
        "workload",
        "organis",
        "time management",
        "caseload",
    ),
    _theme(
        "teamwork",
        "team working and partnerships",
        "team",
        "partnership",
        "colleagues",
        "stakeholder",
        "agencies",
    ),
    _theme(
        "communication",
        "communication, written and spoken",
        "communicat",
        "written",
        "orally",
        "spoken",
        "presentation",
    ),
    _theme(
        "safeguarding",
        "safeguarding vulnerable people",
        "safeguarding",
        "vulnerab",
        "older people",
        "social care",
    ),
    _theme(
        "court",
        "court and legal action",
        "court",
        "possession",
        "evictions",
        "legal action",
        "enforcement",
        "pre action protocol",
    ),
    _theme(
        "tenancy",
        "tenancy and housing management",
        "tenanc",
        "housing management",
        "tenant",
        "lettings",
        "leasehold",
        "estate",
    ),
    _theme(
        "qualifications",
        "GCSEs, NVQs and housing qualifications",
        "gcse",
        "nvq",
        "level 2 qualification",
        "level 3",
        "chartered institute of housing",
        "cih",
    ),
    _theme(
        "rota",
        "out-of-hours working",
        "out-of-hours",
        "out of hours",
        "rota",
        "outside office hours",
    ),
    _theme(
        "initiative",
        "working on your own initiative",
        "initiative",
        "own judgement",
        "independently",
        "self-motivat",
        "work alone",
    ),
    _theme(
        "equality",
        "equal opportunities and inclusion",
        "equal opportunit",
        "equality",
        "diversity",
        "inclusion",
    ),
    _theme(
        "health_safety",
        "health and safety",
        "health & safety",
        "health and safety",
        "risk assessment",
        "fire",
    ),
    _theme(
        "data_analysis",
        "data analysis and reports",
        "analys",
        "report",
        "statistic",
        "sql",
        "power bi",
        "insight",
    ),
)


def themes_of(c: Criterion) -> frozenset[str]:
    return frozenset(t.id for t in THEMES if t.pattern.search(c.text))


THEME_NAMES = {t.id: t.name for t in THEMES}
