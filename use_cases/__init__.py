"""The service layer: the only way pages, the command line and the demo touch data. Each use
case is a small object over the store, given its repository and clock, and composed here
explicitly: a page calls `services.scores.save_score(actor, ...)`, and that is where the code
is. Each method checks who may call it (use_cases/access.py)."""

from __future__ import annotations

from contextlib import AbstractContextManager

from settings import derive, get_settings
from storage.repository import REPOSITORY, Repository
from storage.store import Store
from use_cases.access import Actor
from use_cases.accounts import Accounts
from use_cases.audit_trail import AuditTrail
from use_cases.common import Clock, system_clock
from use_cases.declarations import Declarations
from use_cases.feedback import Feedback
from use_cases.human_review import HumanReview
from use_cases.intake import Intake
from use_cases.letters import Letters
from use_cases.mail import Mailer, SmtpMailer
from use_cases.moderation import Moderation
from use_cases.monitoring import Monitoring
from use_cases.pad_presses import PadPresses
from use_cases.panel_reading import PanelReading
from use_cases.post_answers import PostAnswers as PostAnswers
from use_cases.progress import Progress
from use_cases.redaction import Redaction
from use_cases.reminders import Reminders
from use_cases.reports import Reports
from use_cases.retention import Retention
from use_cases.score_writes import ScoreWrites
from use_cases.scoring_sheets import ScoringSheets
from use_cases.sessions import Sessions
from use_cases.shortlists import ShortlistOutcome, Shortlists
from use_cases.sign_on import SignOn
from use_cases.vacancies import Vacancies
from use_cases.vacancy_lifecycle import VacancyEdit as VacancyEdit
from use_cases.vacancy_lifecycle import VacancyLifecycle
from use_cases.vacancy_request import CriterionEdit, VacancyRequest
from use_cases.workbooks import Download, Workbooks

__all__ = ["CriterionEdit", "Download", "Services", "ShortlistOutcome", "VacancyRequest"]


class Services:
    """Every use case, over one store."""

    def __init__(
        self,
        store: Store,
        *,
        repo: Repository = REPOSITORY,
        clock: Clock = system_clock,
        secret: bytes | None = None,
        mailer: Mailer | None = None,
    ) -> None:
        """`secret`: the deployment's (settings.py), from which the cookie signing key, the
        throttle's key, the declaration tokens' salt and the scoring sheets' signing key are
        derived; never made here, so a rebuilt Services object (a cleared cache) keeps them.
        `mailer`: how letters and reminders are e-mailed; both default to the settings'."""
        secret = secret or get_settings().secret("services")
        mailer = mailer or SmtpMailer.from_settings(get_settings())
        self.store = store
        self.sessions = Sessions(store, secret=derive(secret, "sessions"), repo=repo, clock=clock)
        self.accounts = Accounts(
            store, sessions=self.sessions, secret=derive(secret, "sign-in throttle"),
            repo=repo, clock=clock,
        )  # fmt: skip
        self.sign_on = SignOn(store, repo=repo, clock=clock)
        self.vacancies = Vacancies(store, repo=repo, clock=clock)
        self.lifecycle = VacancyLifecycle(store, repo=repo, clock=clock)
        self.audit = AuditTrail(store, repo=repo, clock=clock)
        self.intake = Intake(store, repo=repo, clock=clock)
        self.redaction = Redaction(store, repo=repo, clock=clock)
        self.declarations = Declarations(
            store, salt=derive(secret, "declarations").hex(), repo=repo, clock=clock
        )
        self.progress = Progress(store, repo=repo, clock=clock)
        self.reminders = Reminders(
            store, progress=self.progress, mailer=mailer, repo=repo, clock=clock
        )
        self.reading = PanelReading(store, progress=self.progress, repo=repo, clock=clock)
        self.scores = ScoreWrites(store, repo=repo, clock=clock)
        self.pad = PadPresses(store, writes=self.scores, repo=repo, clock=clock)
        self.sheets = ScoringSheets(
            store, writes=self.scores, key=derive(secret, "scoring sheets"), repo=repo,
            clock=clock,
        )  # fmt: skip
        self.shortlists = Shortlists(store, repo=repo, clock=clock)
        self.moderation = Moderation(store, shortlists=self.shortlists, repo=repo, clock=clock)
        self.reports = Reports(store, repo=repo, clock=clock)
        self.human_review = HumanReview(store, repo=repo, clock=clock)
        self.workbooks = Workbooks(store, human_review=self.human_review, repo=repo, clock=clock)
        self.feedback = Feedback(store, human_review=self.human_review, repo=repo, clock=clock)
        self.monitoring = Monitoring(store, shortlists=self.shortlists, repo=repo, clock=clock)
        self.retention = Retention(store, repo=repo, clock=clock)
        self.letters = Letters(
            store, shortlists=self.shortlists, mailer=mailer, repo=repo, clock=clock
        )

    def request(self, actor: Actor) -> AbstractContextManager[Actor]:
        """One request as `actor`: their session checked once, now; the calls inside trust it
        (use_cases/sessions.py's `Sessions.request`)."""
        return self.sessions.request(actor)
