"""Test factories: small vacancies, applications and score frames built from plain values."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from criteria.loader import Catalogue
from criteria.policy import GuaranteedInterviewPolicy
from criteria.schema import Criterion
from scoring.applications import Application, Declarations
from scoring.rules.scheme import Scheme
from scoring.vacancy import Vacancy

DATA = Path(__file__).resolve().parents[1] / "data"


def organisation_policy(organisation: str) -> GuaranteedInterviewPolicy:
    """A seed council's policy as written in data/organisations/<organisation>.yaml."""
    text = (DATA / "organisations" / f"{organisation}.yaml").read_text()
    return GuaranteedInterviewPolicy.model_validate(yaml.safe_load(text)["guaranteed_interview"])


DARTFORD_POLICY = organisation_policy("dartford")
DEFAULT_POLICY = DARTFORD_POLICY  # the tests' default: the one seed council with schemes
NO_SCHEME = organisation_policy("darlington")


def criterion(
    id: str,
    requirement: str = "essential",
    stage: str = "application",
    *,
    category: str = "skills",
    number: int | None = None,
    text: str | None = None,
) -> Criterion:
    return Criterion(
        id=id,
        text=text or f"Criterion {id}",
        category=category,
        requirement=requirement,
        stage=stage,
        number=number,
    )


def vacancy(
    criteria: Sequence[Criterion] | None = None,
    *,
    policy: GuaranteedInterviewPolicy = DEFAULT_POLICY,
    closing_date: date | None = date(2026, 1, 30),
    **scheme: Any,
) -> Vacancy:
    if criteria is None:
        criteria = [criterion("e1"), criterion("e2"), criterion("d1", "desirable")]
    return Vacancy(
        title="Test vacancy",
        criteria=tuple(criteria),
        scheme=Scheme(**scheme),
        policy=policy,
        closing_date=closing_date,
    )


def application(
    app_id: str, received: date | None = date(2026, 1, 20), withdrawn: bool = False, **declared: Any
) -> Application:
    return Application(
        application_id=app_id,
        received_date=received,
        declarations=Declarations(**declared),
        withdrawn=withdrawn,
    )


def scores(
    table: Mapping[str, Mapping[str, Iterable[int | None]]], members: Sequence[str] = ("m1", "m2")
) -> pd.DataFrame:
    """{app: {criterion: (m1 score, m2 score, ...)}} -> the long panel-scores frame.
    None means the member has not scored it."""
    rows = [
        {"application_id": app, "criterion_id": crit, "panel_member": member, "score": value}
        for app, by_criterion in table.items()
        for crit, values in by_criterion.items()
        for member, value in zip(members, values, strict=False)
        if value is not None
    ]
    return pd.DataFrame(rows, columns=["application_id", "criterion_id", "panel_member", "score"])


def agreed(table: Mapping[tuple[str, str], int]) -> pd.DataFrame:
    rows = [{"application_id": a, "criterion_id": c, "score": s} for (a, c), s in table.items()]
    return pd.DataFrame(rows, columns=["application_id", "criterion_id", "score"])


def uniform(
    app_ids: Iterable[str], criteria: Sequence[Criterion], value: int, members: int = 2
) -> dict[str, dict[str, tuple[int, ...]]]:
    return {a: {c.id: (value,) * members for c in criteria} for a in app_ids}


def with_recorded_scheme(
    catalogue: Catalogue,
    organisation: str = "darlington",
    policy: GuaranteedInterviewPolicy = DARTFORD_POLICY,
) -> Catalogue:
    """The catalogue as if `organisation` had recorded `policy` (Darlington's documents publish
    no scheme; the journeys built on its sample need one to exercise every decision)."""
    org = catalogue.organisations[organisation]
    recorded = org.model_copy(update={"guaranteed_interview": policy})
    return dataclasses.replace(
        catalogue, organisations={**catalogue.organisations, organisation: recorded}
    )


def write_catalogue_with_recorded_scheme(target: Path, organisation: str = "darlington") -> Path:
    """A copy of data/ (for CATALOGUE_DIR) in which `organisation` records Dartford's policy."""
    shutil.copytree(DATA / "organisations", target / "organisations")
    shutil.copytree(DATA / "roles", target / "roles")
    path = target / "organisations" / f"{organisation}.yaml"
    written = yaml.safe_load(path.read_text())
    written["guaranteed_interview"] = yaml.safe_load(
        (DATA / "organisations" / "dartford.yaml").read_text()
    )["guaranteed_interview"]
    path.write_text(yaml.safe_dump(written, sort_keys=False, allow_unicode=True))
    return target
