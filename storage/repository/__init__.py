"""The typed repository: keyword-only functions (`load_vacancy(*, session, vacancy_id)`) that
read and write the database and return the core's models or the service layer's public
models, never ORM rows or raw JSON. Services reach the database only through a `Repository`
(`self.repo.load_vacancy(session=..., vacancy_id=...)`); a unit test passes a fake one."""

from __future__ import annotations

from storage.repository import (
    agreed_scores as _agreed_scores,
)
from storage.repository import (
    applications as _applications,
)
from storage.repository import (
    audit as _audit,
)
from storage.repository import (
    batches as _batches,
)
from storage.repository import (
    decisions as _decisions,
)
from storage.repository import (
    letters as _letters,
)
from storage.repository import (
    monitoring as _monitoring,
)
from storage.repository import (
    pad_receipts as _pad_receipts,
)
from storage.repository import (
    panel as _panel,
)
from storage.repository import (
    panel_evidence as _panel_evidence,
)
from storage.repository import (
    panel_scores as _panel_scores,
)
from storage.repository import (
    redactions as _redactions,
)
from storage.repository import (
    retention as _retention,
)
from storage.repository import (
    review_time as _review_time,
)
from storage.repository import (
    score_frames as _score_frames,
)
from storage.repository import (
    score_reads as _score_reads,
)
from storage.repository import (
    sessions as _sessions,
)
from storage.repository import (
    users as _users,
)
from storage.repository import (
    vacancies as _vacancies,
)
from storage.repository.applications import ApplicationRef as ApplicationRef
from storage.repository.batches import Batch as Batch
from storage.repository.letters import SentLetter as SentLetter
from storage.repository.letters import StoredTemplate as StoredTemplate
from storage.repository.panel import PanelSeat as PanelSeat
from storage.repository.panel_scores import Located as Located
from storage.repository.panel_scores import ScoreWrite as ScoreWrite
from storage.repository.redactions import RedactionSource as RedactionSource
from storage.repository.users import Account as Account


class Repository:
    """Every repository function, as one object a use case is given."""

    rules_of = staticmethod(_vacancies.rules_of)
    load_vacancy = staticmethod(_vacancies.load_vacancy)
    lock_vacancy = staticmethod(_vacancies.lock_vacancy)
    list_vacancies = staticmethod(_vacancies.list_vacancies)
    organisation_of = staticmethod(_vacancies.organisation_of)
    organisation_name = staticmethod(_vacancies.organisation_name)
    insert_vacancy = staticmethod(_vacancies.insert_vacancy)
    vacancy_by_request = staticmethod(_vacancies.vacancy_by_request)
    update_vacancy = staticmethod(_vacancies.update_vacancy)
    move_status = staticmethod(_vacancies.move_status)
    set_retention_date = staticmethod(_vacancies.set_retention_date)
    set_released = staticmethod(_vacancies.set_released)
    seat = staticmethod(_vacancies.seat)
    scoring_rules = staticmethod(_vacancies.scoring_rules)
    refs = staticmethod(_applications.refs)
    ref_by_code = staticmethod(_applications.ref_by_code)
    ref_by_reference = staticmethod(_applications.ref_by_reference)
    count_applications = staticmethod(_applications.count)
    for_engine = staticmethod(_applications.for_engine)
    panel_applications = staticmethod(_panel_evidence.panel_applications)
    panel_application = staticmethod(_panel_evidence.panel_application)
    panel_applications_by_code = staticmethod(_panel_evidence.panel_applications_by_code)
    with_details = staticmethod(_applications.with_details)
    records = staticmethod(_applications.records)
    overview = staticmethod(_applications.overview)
    names = staticmethod(_applications.names)
    references_of = staticmethod(_applications.references_of)
    set_withdrawn = staticmethod(_applications.set_withdrawn)
    redaction_reviews = staticmethod(_redactions.redaction_reviews)
    redaction_source = staticmethod(_redactions.redaction_source)
    set_redaction = staticmethod(_redactions.set_redaction)
    redaction_counts = staticmethod(_redactions.redaction_counts)
    batch_with_digest = staticmethod(_batches.batch_with_digest)
    references = staticmethod(_batches.references)
    insert_batch = staticmethod(_batches.insert_batch)
    panel = staticmethod(_panel.panel)
    add_member = staticmethod(_panel.add_member)
    remove_member = staticmethod(_panel.remove_member)
    set_submitted = staticmethod(_panel.set_submitted)
    set_declared = staticmethod(_panel.set_declared)
    conflicted_ids = staticmethod(_panel.conflicted_ids)
    reopen_submissions = staticmethod(_panel.reopen_submissions)
    held_count = staticmethod(_applications.held_count)
    conflict_counts = staticmethod(_panel.conflict_counts)
    conflicts = staticmethod(_panel.conflicts)
    add_conflict = staticmethod(_panel.add_conflict)
    score_targets = staticmethod(_panel_scores.score_targets)
    write_panel_scores = staticmethod(_panel_scores.write_panel_scores)
    withdraw_member_scores = staticmethod(_panel_scores.withdraw_member_scores)
    member_scores = staticmethod(_score_reads.member_scores)
    scored_per_application = staticmethod(_score_reads.scored_per_application)
    scored_per_member = staticmethod(_score_reads.scored_per_member)
    any_scores = staticmethod(_score_reads.any_scores)
    panel_scores = staticmethod(_score_reads.panel_scores)
    panel_score_frame = staticmethod(_score_frames.panel_score_frame)
    panel_code_frame = staticmethod(_score_frames.panel_code_frame)
    agreed_frame = staticmethod(_score_frames.agreed_frame)
    agreed_scores = staticmethod(_agreed_scores.agreed_scores)
    stored_agreed = staticmethod(_agreed_scores.stored_agreed)
    insert_agreed = staticmethod(_agreed_scores.insert_agreed)
    update_agreed = staticmethod(_agreed_scores.update_agreed)
    persons_decisions = staticmethod(_decisions.persons_decisions)
    save_override = staticmethod(_decisions.save_override)
    sign_off = staticmethod(_decisions.sign_off)
    count_users = staticmethod(_users.count_users)
    account_by_username = staticmethod(_users.account_by_username)
    account_by_id = staticmethod(_users.account_by_id)
    account_by_subject = staticmethod(_users.account_by_subject)
    account_by_email = staticmethod(_users.account_by_email)
    email_taken = staticmethod(_users.email_taken)
    bind_identity = staticmethod(_users.bind_identity)
    set_user = staticmethod(_users.set_user)
    insert_user = staticmethod(_users.insert_user)
    list_users = staticmethod(_users.list_users)
    panel_members = staticmethod(_users.panel_members)
    user = staticmethod(_users.user)
    organisations = staticmethod(_users.organisations)
    organisation_exists = staticmethod(_users.organisation_exists)
    record_audit = staticmethod(_audit.record)
    record_audits = staticmethod(_audit.record_many)
    audit_entries = staticmethod(_audit.entries)
    count_audit = staticmethod(_audit.count)
    change_token = staticmethod(_audit.change_token)
    audit_chain = staticmethod(_audit.chain)
    missing_audit_guards = staticmethod(_audit.missing_audit_guards)
    forget_audit_values = staticmethod(_audit.forget_values)
    audit_head = staticmethod(_audit.head)
    audit_keyed_from = staticmethod(_audit.keyed_from)
    insert_session = staticmethod(_sessions.insert_session)
    open_session = staticmethod(_sessions.open_session)
    take_code = staticmethod(_sessions.take_code)
    touch_session = staticmethod(_sessions.touch_session)
    revoke_session = staticmethod(_sessions.revoke_session)
    revoke_user_sessions = staticmethod(_sessions.revoke_user_sessions)
    user_state = staticmethod(_sessions.user_state)
    failures_since = staticmethod(_sessions.failures_since)
    add_failures = staticmethod(_sessions.add_failures)
    clear_failures = staticmethod(_sessions.clear_failures)
    clear_failures_beginning = staticmethod(_sessions.clear_failures_beginning)
    replace_answers = staticmethod(_monitoring.replace_answers)
    answers = staticmethod(_monitoring.answers)
    purge_candidates = staticmethod(_retention.candidates)
    anonymised_summary = staticmethod(_retention.anonymised_summary)
    purge_vacancy = staticmethod(_retention.purge_vacancy)
    touch_review = staticmethod(_review_time.touch)
    touch_reviews = staticmethod(_review_time.touch_many)
    emails = staticmethod(_users.emails)
    entity_ids_since = staticmethod(_audit.entity_ids_since)
    review_rows = staticmethod(_review_time.review_rows)
    scored_and_noted = staticmethod(_review_time.scored_and_noted)

    receipts = staticmethod(_pad_receipts.receipts)
    insert_receipt = staticmethod(_pad_receipts.insert_receipt)
    letter_templates = staticmethod(_letters.letter_templates)
    save_letter_template = staticmethod(_letters.save_letter_template)
    sent_letters = staticmethod(_letters.sent_letters)
    claim_letter = staticmethod(_letters.claim_letter)
    confirm_letter = staticmethod(_letters.confirm_letter)
    release_letter = staticmethod(_letters.release_letter)


REPOSITORY = Repository()
