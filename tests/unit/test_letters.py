"""Letters: which letter each decision gets, the merge of HR's wording with an applicant's facts,
and the documents (DOCX and PDF) read back."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime

import docx
import pypdf
import pytest

from exports.letters import LetterFont, find_font, letter_docx, letter_pdf, letters_zip
from scoring.applications import PersonalDetails
from scoring.rules.decisions import FinalDecision
from scoring.rules.guaranteed_interview import SchemeOutcome, SchemeStatus
from scoring.rules.outcomes import Outcome
from scoring.words.letter_fields import (
    FIELDS,
    LetterTemplateError,
    UnknownLetterField,
    fill,
    template_fields,
)
from scoring.words.letters import (
    DEFAULT_TEMPLATES,
    NO_INTERVIEW_DATE,
    Letter,
    LetterKind,
    LetterTemplate,
    VacancyFacts,
    letter_for,
    letter_kind,
    letters_for,
    write_letter,
)
from use_cases.mail import Mail, SmtpMailer

REASON = (
    "Not shortlisted: the panel found no evidence for essential criterion 7, an understanding "
    "and knowledge of the welfare benefits system including Universal Credit."
)
FACTS = VacancyFacts(
    vacancy="Housing Income Management Officer",
    organisation="Darlington Borough Council",
    interview_date=date(2026, 2, 17),
    closing_date=date(2026, 1, 30),
)
AMINA = PersonalDetails(first_name="Amina", last_name="Hassan", email="amina.hassan@example.org")


def decision(
    outcome: Outcome = Outcome.NOT_SHORTLISTED,
    *schemes: SchemeStatus,
    reference: str = "D001",
    reason: str = REASON,
) -> FinalDecision:
    outcomes = tuple(
        SchemeOutcome(
            scheme_id=f"scheme-{i}", scheme_name="Disability Confident", status=s, reason="..."
        )
        for i, s in enumerate(schemes)
    )
    return FinalDecision(
        application_id=reference, decision=outcome, recommended=outcome,
        recommendation_reason=reason, reason=reason, rank=None, total=30.0,
        schemes=(), scheme_outcomes=outcomes, failed_essentials=(), meets_minimum=False,
        provisional=False, decided_by=None, override_reason=None, version=None,
    )  # fmt: skip


# Which letter ---------------------------------------------------------------------------------
@pytest.mark.parametrize("outcome", [o for o in Outcome if o.is_shortlisted])
def test_every_shortlisted_decision_gets_an_invitation(outcome: Outcome) -> None:
    assert letter_kind(decision(outcome)) is LetterKind.INVITATION
    assert letter_kind(decision(outcome, SchemeStatus.APPLIES)) is LetterKind.INVITATION


@pytest.mark.parametrize(
    "status",
    [SchemeStatus.APPLIES, SchemeStatus.NEEDS_INFORMATION, SchemeStatus.DOES_NOT_APPLY],
)
def test_a_not_shortlisted_applicant_who_claimed_a_scheme_gets_the_scheme_letter(
    status: SchemeStatus,
) -> None:
    assert letter_kind(decision(Outcome.NOT_SHORTLISTED, status)) is (
        LetterKind.SCHEME_NOT_SHORTLISTED
    )


def test_a_not_shortlisted_applicant_without_a_scheme_claim_gets_a_regret_letter() -> None:
    assert letter_kind(decision(Outcome.NOT_SHORTLISTED)) is LetterKind.REGRET
    # declared, but the organisation's policy records no such scheme: nothing was considered
    switched_off = decision(Outcome.NOT_SHORTLISTED, SchemeStatus.SWITCHED_OFF)
    assert letter_kind(switched_off) is LetterKind.REGRET


@pytest.mark.parametrize(
    "outcome",
    [
        Outcome.WITHDRAWN,
        Outcome.TIED_AT_CUT_OFF,
        Outcome.NEEDS_INFORMATION,
        Outcome.SCORING_INCOMPLETE,
    ],
)
def test_a_withdrawn_or_undecided_application_gets_no_letter(outcome: Outcome) -> None:
    assert letter_kind(decision(outcome)) is None
    assert letter_for(decision(outcome), AMINA, {}, FACTS) is None


def test_every_decision_has_a_rule_and_every_letter_kind_a_default_wording() -> None:
    kinds = {letter_kind(decision(o)) for o in Outcome}
    kinds.add(letter_kind(decision(Outcome.NOT_SHORTLISTED, SchemeStatus.APPLIES)))
    assert kinds - {None} == set(LetterKind) == set(DEFAULT_TEMPLATES)


# The wording and the merge ------------------------------------------------------------------
def test_the_default_wording_uses_only_known_fields_and_the_regret_letters_give_the_reason() -> (
    None
):
    for kind, template in DEFAULT_TEMPLATES.items():
        assert template.kind is kind
        assert set(template_fields(template.body)) <= set(FIELDS)
    for kind in (LetterKind.REGRET, LetterKind.SCHEME_NOT_SHORTLISTED):
        assert "reason" in template_fields(DEFAULT_TEMPLATES[kind].body)
    assert "interview_date" in template_fields(DEFAULT_TEMPLATES[LetterKind.INVITATION].body)


def test_a_regret_letter_is_merged_with_the_applicants_facts_and_the_reason() -> None:
    letter = letter_for(decision(), AMINA, {}, FACTS)
    assert letter is not None
    assert letter.kind is LetterKind.REGRET
    assert letter.email == "amina.hassan@example.org" and letter.name == "Amina Hassan"
    assert (
        letter.subject == "Your application for Housing Income Management Officer (reference D001)"
    )
    assert letter.body.startswith("Dear Amina Hassan,")
    assert REASON in letter.body
    assert "Darlington Borough Council" in letter.body
    assert "{" not in letter.body and "}" not in letter.body
    assert letter.template_hash == DEFAULT_TEMPLATES[LetterKind.REGRET].template_hash


def test_an_invitation_gives_the_interview_date_in_words_or_says_it_will_follow() -> None:
    invited = decision(Outcome.SHORTLISTED_ON_MERIT)
    letter = letter_for(invited, AMINA, {}, FACTS)
    assert letter is not None and "Tuesday 17 February 2026" in letter.body
    assert "Friday 30 January 2026" in letter.body
    undated = VacancyFacts(FACTS.vacancy, FACTS.organisation, None, None)
    letter = letter_for(invited, AMINA, {}, undated)
    assert letter is not None and NO_INTERVIEW_DATE in letter.body


def test_hr_wording_replaces_the_default_for_its_kind_only() -> None:
    mine = LetterTemplate(
        kind=LetterKind.REGRET,
        subject="{organisation}: {vacancy}",
        body="Dear {first_name},\n\n{reason}\n\nKind regards",
    )
    letters = letters_for(
        [decision(reference="D001"), decision(Outcome.SHORTLISTED_ON_MERIT, reference="D002")],
        {"D001": AMINA},
        {LetterKind.REGRET: mine},
        FACTS,
    )
    assert [x.kind for x in letters] == [LetterKind.REGRET, LetterKind.INVITATION]
    assert letters[0].subject == "Darlington Borough Council: Housing Income Management Officer"
    assert letters[0].body == f"Dear Amina,\n\n{REASON}\n\nKind regards"
    assert (
        letters[0].template_hash
        == mine.template_hash
        != DEFAULT_TEMPLATES[LetterKind.REGRET].template_hash
    )
    assert letters[1].email is None, "no personal details: no address to send to"


def test_an_unknown_field_in_hrs_wording_is_refused_naming_the_field() -> None:
    with pytest.raises(
        UnknownLetterField, match=r"uses \{frist_name\}.*Did you mean \{first_name\}"
    ) as e:
        LetterTemplate(kind=LetterKind.REGRET, subject="Hello", body="Dear {frist_name},")
    assert e.value.field == "frist_name"
    assert "body of the 'Not shortlisted' letter" in str(e.value)
    with pytest.raises(UnknownLetterField, match=r"subject of .* uses \{salary\}"):
        LetterTemplate(kind=LetterKind.INVITATION, subject="{salary}", body="Dear {first_name}")
    with pytest.raises(UnknownLetterField, match=r"\{reason\.__class__\}"):
        LetterTemplate(kind=LetterKind.REGRET, subject="Hi", body="{reason.__class__}")


def test_a_single_brace_is_refused_and_doubled_braces_are_a_brace() -> None:
    with pytest.raises(LetterTemplateError, match="single '\\{'"):
        template_fields("Dear {first_name, thank you")
    with pytest.raises(LetterTemplateError, match="single '\\}'"):
        template_fields("Dear first_name}")
    assert fill("{{first_name}} is {first_name}", {"first_name": "Jo"}) == "{first_name} is Jo"


def test_text_from_an_applicant_or_hr_stays_text_and_is_never_read_as_a_template() -> None:
    hostile = PersonalDetails(
        first_name="{reason}", last_name="<script>alert(1)</script> **bold** [x](http://evil)"
    )
    reason = '=HYPERLINK("http://evil") {first_name} {{ }} \x00\x1b[31m'
    letter = letter_for(decision(reason=reason), hostile, {}, FACTS)
    assert letter is not None
    assert letter.body.startswith(
        "Dear {reason} <script>alert(1)</script> **bold** [x](http://evil),"
    )
    assert '=HYPERLINK("http://evil") {first_name} {{ }} [31m' in letter.body
    assert "\x00" not in letter.body and "\x1b" not in letter.body


def test_a_line_break_in_a_field_cannot_add_an_e_mail_header() -> None:
    sly = PersonalDetails(first_name="Jo", last_name="Bloggs")
    template = LetterTemplate(kind=LetterKind.REGRET, subject="For {vacancy}", body="{reason}")
    facts = VacancyFacts("Officer\r\nBcc: everyone@example.org", "Council", None, None)
    letter = write_letter(template, decision(reason="one\ntwo"), sly, facts)
    assert letter.subject == "For Officer Bcc: everyone@example.org"
    assert "\n" not in letter.subject and "\r" not in letter.subject
    assert letter.body == "one two"


def test_the_template_hash_names_the_wording() -> None:
    one = LetterTemplate(kind=LetterKind.REGRET, subject="A", body="B")
    assert (
        one.template_hash
        == LetterTemplate(kind=LetterKind.REGRET, subject="A", body="B").template_hash
    )
    assert (
        one.template_hash
        != LetterTemplate(kind=LetterKind.REGRET, subject="A", body="B.").template_hash
    )
    assert (
        one.template_hash
        != LetterTemplate(kind=LetterKind.INVITATION, subject="A", body="B").template_hash
    )
    assert len(one.template_hash) == 64


# Documents ----------------------------------------------------------------------------------
HOSTILE_REASON = "Not shortlisted: <b>no</b> **evidence** for {criterion} =SUM(A1) \\(x\\) ( )"


def hostile_letter(reference: str = "D001") -> Letter:
    person = PersonalDetails(first_name="Łukasz", last_name="Dvořák-O’Neill")
    found = letter_for(decision(reason=HOSTILE_REASON, reference=reference), person, {}, FACTS)
    assert found is not None
    return found


def test_the_docx_opens_and_holds_the_letter_as_plain_text() -> None:
    letter = hostile_letter()
    data = letter_docx(letter, organisation=FACTS.organisation, dated=date(2026, 2, 3))
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert texts[:5] == [
        "Darlington Borough Council",
        "Tuesday 3 February 2026",
        "",
        "Łukasz Dvořák-O’Neill",
        "Our reference: D001",
    ]
    assert letter.subject in texts
    assert any(HOSTILE_REASON in t for t in texts)
    assert "Dear Łukasz Dvořák-O’Neill," in texts
    assert document.core_properties.title == letter.subject
    assert b"<b>" not in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.skipif(find_font().regular is None, reason="no Unicode font on this machine")
def test_the_pdf_opens_and_holds_the_reason_and_the_name_as_written() -> None:
    letter = hostile_letter()
    text = pdf_text(letter_pdf(letter, organisation=FACTS.organisation, dated=date(2026, 2, 3)))
    flat = " ".join(text.split())
    assert "Łukasz Dvořák-O’Neill" in flat
    assert " ".join(HOSTILE_REASON.split()) in flat
    assert "Our reference: D001" in flat and "Tuesday 3 February 2026" in flat


def test_without_a_unicode_font_the_pdf_uses_the_nearest_latin_letters() -> None:
    letter = hostile_letter()
    data = letter_pdf(
        letter, organisation=FACTS.organisation, dated=date(2026, 2, 3), font=LetterFont(None, None)
    )
    flat = " ".join(pdf_text(data).split())
    assert "Lukasz Dvorák-O'Neill" in flat  # á is in Latin-1; Ł and ’ have no accent to drop
    assert " ".join(HOSTILE_REASON.split()) in flat


def test_the_zip_holds_a_docx_and_a_pdf_per_letter_under_names_that_stay_in_their_folder() -> None:
    letters = [
        hostile_letter("D001"),
        hostile_letter("../../etc/passwd"),
        hostile_letter("..-etc-passwd"),
    ]
    data = letters_zip(letters, organisation=FACTS.organisation, dated=date(2026, 2, 3))
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names == [
        "D001-regret.docx", "D001-regret.pdf",
        "etc-passwd-regret.docx", "etc-passwd-regret.pdf",
        "etc-passwd-regret-2.docx", "etc-passwd-regret-2.pdf",
    ]  # fmt: skip
    assert all("/" not in n and not n.startswith(".") for n in names)


# The mail settings ----------------------------------------------------------------------------
def test_e_mail_needs_a_host_and_a_from_address_and_no_password_in_clear() -> None:
    assert "SMTP_HOST" in (SmtpMailer(host="", sender="hr@council.gov.uk").problem() or "")
    assert "SMTP_FROM" in (SmtpMailer(host="mail.council.gov.uk", sender="").problem() or "")
    remote = SmtpMailer(host="mail.council.gov.uk", sender="hr@council.gov.uk", username="hr")
    assert "SMTP_STARTTLS" in (remote.problem() or "")
    assert remote.__class__(**{**remote.__dict__, "starttls": True}).problem() is None
    assert SmtpMailer(host="127.0.0.1", sender="hr@council.gov.uk", username="hr").problem() is None


def test_the_e_mail_is_plain_text_from_the_councils_address() -> None:
    mailer = SmtpMailer(host="127.0.0.1", sender="recruitment@darlington.gov.uk")
    letter = hostile_letter()
    at = datetime(2026, 2, 3, 9, 30, tzinfo=UTC)
    message = mailer.message(Mail("lukasz@example.org", letter.subject, letter.body, at))
    assert message["From"] == "recruitment@darlington.gov.uk"
    assert message["To"] == "lukasz@example.org"
    assert message["Subject"] == letter.subject
    assert message.get_content_type() == "text/plain" and not message.is_multipart()
    assert HOSTILE_REASON in message.get_content()
    assert message["Message-ID"].endswith("@darlington.gov.uk>")


def test_an_applicant_with_no_name_on_file_is_dear_applicant() -> None:
    from scoring.words.letters import DEFAULT_TEMPLATES, LetterKind, write_letter

    letter = write_letter(DEFAULT_TEMPLATES[LetterKind.REGRET], decision(), None, FACTS)
    assert letter.body.startswith("Dear applicant,")
