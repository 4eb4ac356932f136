"""An application as the engine sees it: id, dates, scheme declarations, evidence.

Personal details are held apart (`PersonalDetails`) and never needed by the rules.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from scoring.clean_text import CleanName, CleanText


class ArmedForcesStatus(StrEnum):
    NONE = "none"
    SERVING = "serving"
    LEFT = "left"
    RESERVIST = "reservist"


class Relationship(StrEnum):
    SELF = "self"
    SPOUSE_OR_CIVIL_PARTNER = "spouse_or_civil_partner"


class Declarations(BaseModel):
    """What the applicant declared on the form about the guaranteed-interview schemes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    disability: bool = False
    care_leaver: bool = False
    date_of_birth: date | None = None
    armed_forces_status: ArmedForcesStatus = ArmedForcesStatus.NONE
    armed_forces_relationship: Relationship | None = None
    armed_forces_date: date | None = Field(
        default=None, description="Expected discharge date if serving, date left otherwise."
    )
    armed_forces_long_term: bool | None = None
    armed_forces_opt_in: bool | None = Field(
        default=None, description="Confirms they wish to be considered under the scheme."
    )
    armed_forces_reservist: bool | None = None
    armed_forces_last_long_term_employer: bool | None = None
    internal_applicant: bool | None = Field(
        default=None, description="Already works for the council (internal) or not (external)."
    )
    at_risk_of_redundancy: bool | None = None
    protected_period: bool | None = Field(
        default=None,
        description="In a protected period under the Protection from Redundancy (Pregnancy "
        "and Family Leave) Act 2023.",
    )
    further_schemes: frozenset[str] = Field(
        default=frozenset(), description="The council's own declarations answered yes."
    )


class PersonalDetails(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    first_name: CleanName = ""  # on one line, nothing invisible (scoring/clean_text.py)
    last_name: CleanName = ""
    email: EmailStr | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Application(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    application_id: str = Field(min_length=1, max_length=64)
    received_date: date | None = None
    declarations: Declarations = Declarations()
    statement: CleanText = ""  # no control character a document cannot hold
    evidence: dict[str, CleanText] = Field(default_factory=dict)
    withdrawn: bool = False
    held: bool = False  # a late application HR has not released to the panel yet
