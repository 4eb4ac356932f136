"""Letters after a shortlist is finalised: which letter each applicant gets, the council's
default wording, and the merge of a template with one applicant's facts.

Read this file to know the rule. Every shortlisted decision gets an invitation; a
not-shortlisted applicant who claimed an interview scheme (the scheme applied, did not apply
or needed information) gets the scheme letter, which says the claim was considered; any other
not-shortlisted applicant gets a regret letter. A withdrawn application, or a decision still
open, gets nothing.

A template names its fields in braces ({first_name}): which fields there are, and the merge, are
in scoring/words/letter_fields.py.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from scoring.applications import PersonalDetails
from scoring.clean_text import CleanText, clean_text
from scoring.rules.decisions import FinalDecision
from scoring.rules.guaranteed_interview import SchemeStatus
from scoring.rules.outcomes import Outcome
from scoring.words.letter_fields import fill, template_fields


class LetterKind(StrEnum):
    INVITATION = "invitation"
    REGRET = "regret"
    SCHEME_NOT_SHORTLISTED = "scheme_not_shortlisted"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    LetterKind.INVITATION: "Invitation to interview",
    LetterKind.REGRET: "Not shortlisted",
    LetterKind.SCHEME_NOT_SHORTLISTED: "Not shortlisted, an interview scheme claimed",
}
# A scheme the applicant claimed and the policy has (SWITCHED_OFF: the policy records none).
CLAIMED = frozenset(
    {SchemeStatus.APPLIES, SchemeStatus.NEEDS_INFORMATION, SchemeStatus.DOES_NOT_APPLY}
)

NO_INTERVIEW_DATE = "a date we will confirm with you shortly"
NO_CLOSING_DATE = "the advertised closing date"


def letter_kind(decision: FinalDecision) -> LetterKind | None:
    """The letter this decision gets, or None (withdrawn, or still for a person to decide)."""
    if decision.decision.is_shortlisted:
        return LetterKind.INVITATION
    if decision.decision is not Outcome.NOT_SHORTLISTED:
        return None
    if any(o.status in CLAIMED for o in decision.scheme_outcomes):
        return LetterKind.SCHEME_NOT_SHORTLISTED
    return LetterKind.REGRET


def plain(text: str) -> str:
    """Text fit for a letter, an e-mail and a document: line ends as \\n, no control
    characters (a document cannot hold them: scoring/clean_text.py, applied again for text
    stored before that rule), nothing else changed."""
    return clean_text(text).replace("\r\n", "\n").replace("\r", "\n")


def one_line(text: str) -> str:
    return " ".join(plain(text).split())


class LetterTemplate(BaseModel):
    """The wording of one kind of letter: the e-mail's subject (the letter's heading) and its
    body. HR edits these per vacancy."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: LetterKind
    subject: CleanText = Field(min_length=1, max_length=200)
    body: CleanText = Field(min_length=1, max_length=20_000)

    @model_validator(mode="after")
    def _fields_known(self) -> Self:
        template_fields(self.subject, where=f"subject of the '{self.kind.label}' letter")
        template_fields(self.body, where=f"body of the '{self.kind.label}' letter")
        return self

    @property
    def template_hash(self) -> str:
        """Which wording a letter was made from (kept with each letter sent)."""
        text = f"{self.kind.value}\n{self.subject}\n{self.body}"
        return hashlib.sha256(text.encode()).hexdigest()


_OPENING = "Dear {first_name} {last_name},\n\nThank you for applying for the post of {vacancy} with {organisation}"
_CLOSING = "Yours sincerely,\n\nRecruitment Team\n{organisation}"
DEFAULT_TEMPLATES = {
    LetterKind.INVITATION: LetterTemplate(
        kind=LetterKind.INVITATION,
        subject="Invitation to interview: {vacancy} (reference {reference})",
        body=f"""{_OPENING}, which closed on {{closing_date}}.

I am pleased to tell you that you have been shortlisted, and we would like to invite you to an interview on {{interview_date}}. We will send you the time, the place and what the interview involves separately.

Please reply to confirm that you can attend. If you need any adjustments for the interview, because of a disability or for any other reason, please tell us and we will do what we can to help.

Please quote your reference, {{reference}}, in any reply.

{_CLOSING}""",
    ),
    LetterKind.REGRET: LetterTemplate(
        kind=LetterKind.REGRET,
        subject="Your application for {vacancy} (reference {reference})",
        body=f"""{_OPENING}, and for the time you gave to your application.

The shortlisting panel assessed every application against the criteria in the person specification. I am sorry to tell you that on this occasion you have not been shortlisted for interview.

The reason recorded by the panel:
{{reason}}

If you would like more feedback, please reply quoting your reference, {{reference}}, and we will be glad to help.

We hope this will not put you off applying for other posts with us, and we wish you every success.

{_CLOSING}""",
    ),
    LetterKind.SCHEME_NOT_SHORTLISTED: LetterTemplate(
        kind=LetterKind.SCHEME_NOT_SHORTLISTED,
        subject="Your application for {vacancy} (reference {reference})",
        body=f"""{_OPENING}, and for the time you gave to your application.

You asked to be considered under one of our guaranteed-interview schemes. Under these schemes we offer an interview to applicants who meet the scheme's conditions and the minimum it sets for the post (for most schemes, the essential criteria). We considered your application under the scheme, and I am sorry to tell you that on this occasion you have not been shortlisted for interview.

The reason recorded by the panel:
{{reason}}

If you think we have misunderstood anything you told us, or you would like more feedback, please reply quoting your reference, {{reference}}, and we will look at it again.

We hope this will not put you off applying for other posts with us, and we wish you every success.

{_CLOSING}""",
    ),
}


@dataclass(frozen=True)
class VacancyFacts:
    """What every letter of a vacancy says alike."""

    vacancy: str
    organisation: str
    interview_date: date | None
    closing_date: date | None


@dataclass(frozen=True)
class Letter:
    """One applicant's letter, merged: the same words go in the e-mail and the documents."""

    reference: str
    kind: LetterKind
    name: str
    email: str | None
    subject: str
    body: str
    template_hash: str


def long_date(day: date) -> str:
    """'Tuesday 10 February 2026'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def field_values(
    decision: FinalDecision, person: PersonalDetails | None, facts: VacancyFacts
) -> dict[str, str]:
    person = person or PersonalDetails()
    values = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "reference": decision.application_id,
        "vacancy": facts.vacancy,
        "organisation": facts.organisation,
        "reason": decision.reason,
        "interview_date": long_date(facts.interview_date)
        if facts.interview_date
        else NO_INTERVIEW_DATE,
        "closing_date": long_date(facts.closing_date) if facts.closing_date else NO_CLOSING_DATE,
    }
    return {k: one_line(v) for k, v in values.items()}


def write_letter(
    template: LetterTemplate,
    decision: FinalDecision,
    person: PersonalDetails | None,
    facts: VacancyFacts,
) -> Letter:
    """`template` merged with one applicant's facts."""
    values = field_values(decision, person, facts)
    person = person or PersonalDetails()
    if not person.full_name.strip():  # no name on file: "Dear applicant,", never "Dear  ,"
        values["first_name"] = "applicant"
    body = re.sub(r"[ \t]+(?=[,.;:])", "", fill(plain(template.body), values))
    return Letter(
        reference=decision.application_id,
        kind=template.kind,
        name=one_line(person.full_name),
        email=str(person.email) if person.email else None,
        subject=one_line(fill(template.subject, values)),
        body="\n".join(line.rstrip() for line in body.strip().split("\n")),
        template_hash=template.template_hash,
    )


def letter_for(
    decision: FinalDecision,
    person: PersonalDetails | None,
    templates: Mapping[LetterKind, LetterTemplate],
    facts: VacancyFacts,
) -> Letter | None:
    """The applicant's letter in the vacancy's wording (the default for a kind HR has not
    edited), or None when their decision gets no letter."""
    kind = letter_kind(decision)
    if kind is None:
        return None
    return write_letter(templates.get(kind, DEFAULT_TEMPLATES[kind]), decision, person, facts)


def letters_for(
    decisions: Sequence[FinalDecision],
    people: Mapping[str, PersonalDetails],
    templates: Mapping[LetterKind, LetterTemplate],
    facts: VacancyFacts,
) -> tuple[Letter, ...]:
    """Every letter of a vacancy, in the shortlist's order."""
    found = (letter_for(d, people.get(d.application_id), templates, facts) for d in decisions)
    return tuple(letter for letter in found if letter is not None)
