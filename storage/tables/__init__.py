"""The schema, one module per area, on one declarative Base (storage/tables/base.py):

    people.py      councils, user accounts, sign-in sessions and failures
    vacancies.py   vacancies, import batches, applications, applicant details, monitoring
    scores.py      panels, conflicts, panel and agreed scores, decisions, pad receipts, review time
    letters.py     letter templates and letters sent
    audit.py       the append-only audit log

Importing this package maps every table onto `Base.metadata`: Alembic's environment
(storage/migrations/env.py) and the schema tests compare that metadata with the migrated
database, so a table module not imported here would be missing from both. Callers write
`tables.Vacancy`, whichever area it lives in."""

from storage.tables.audit import AuditEntry
from storage.tables.base import Base, Deployment, table_of
from storage.tables.letters import LetterSent, LetterTemplate
from storage.tables.people import Organisation, SignInFailure, SignInSession, User
from storage.tables.scores import (
    AgreedScore,
    Conflict,
    Decision,
    PadReceipt,
    PanelAssignment,
    PanelScore,
    ReviewTime,
)
from storage.tables.vacancies import (
    ApplicantDetails,
    Application,
    ImportBatch,
    MonitoringAnswers,
    Vacancy,
)

__all__ = [
    "AgreedScore",
    "ApplicantDetails",
    "Application",
    "AuditEntry",
    "Base",
    "Conflict",
    "Decision",
    "Deployment",
    "ImportBatch",
    "LetterSent",
    "LetterTemplate",
    "MonitoringAnswers",
    "Organisation",
    "PadReceipt",
    "PanelAssignment",
    "PanelScore",
    "ReviewTime",
    "SignInFailure",
    "SignInSession",
    "User",
    "Vacancy",
    "table_of",
]
