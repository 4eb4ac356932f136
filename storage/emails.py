"""Account e-mail addresses: one normal form, so that an address is the same address whatever
its case (`same@council.example` and `SAME@council.example` are one), checked before it is
stored. The database holds the rule too: a unique index on the lower-cased address
(storage/tables/people.py, migration 0011)."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from scoring.errors import InvalidInput


def normal_email(text: str | None) -> str | None:
    """None for a blank address; else the address checked (an @, a real domain; deliverability
    is not looked up) in its normal form, all lower case. Refused plainly otherwise."""
    if text is None or not text.strip():
        return None
    try:
        checked = validate_email(text.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidInput(f"That is not an e-mail address: {exc}") from None
    return checked.normalized.lower()


def claimed_email(text: object) -> str | None:
    """An e-mail address an identity provider sent, in the normal form; None when there is
    none or it is not an address (it then matches no account)."""
    if not isinstance(text, str):
        return None
    try:
        return normal_email(text)
    except InvalidInput:
        return None
