"""Single sign-on binds an identity to an account once. The rule, apart from the database:

- an identity is its provider's issuer and subject (`iss`, `sub`), never its e-mail;
- an account bound to an identity is reached by that identity only, while it is open;
- an e-mail address binds an identity to an account only if the provider says the address
  is verified, the account has no identity yet, and an administrator has invited that
  account to single sign-on (binding uses the invitation up);
- anything else is refused, with one message whatever the reason (nothing tells which
  accounts exist); the reason goes to the audit log without the e-mail or the subject."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from storage.emails import claimed_email

REFUSED = (
    "Your council account cannot sign in to the shortlisting tool. If you should have access, "
    "ask an administrator to invite you to single sign-on, then sign in again."
)


class SignOnState(StrEnum):
    """An account's single sign-on, as the administrators' page shows it."""

    NONE = "none"
    INVITED = "invited"
    BOUND = "bound"


class Refusal(StrEnum):
    """Why an identity was refused: audited, never shown."""

    CLOSED = "account_closed"
    UNKNOWN = "no_account"
    SUBJECT_ELSEWHERE = "subject_bound_under_another_issuer"
    BOUND_ELSEWHERE = "account_bound_to_another_identity"
    NOT_INVITED = "not_invited"
    NOT_VERIFIED = "email_not_verified"
    TAKEN_MEANWHILE = "bound_meanwhile"
    INCOMPLETE = "no_issuer_or_subject"


class Identity(BaseModel):
    """Who the provider says signed in: the claims of its ID token (Streamlit's `st.user`)."""

    model_config = ConfigDict(frozen=True)

    issuer: str = Field(min_length=1, max_length=500)
    subject: str = Field(min_length=1, max_length=255)
    email: str | None = None  # in the normal form (storage/emails.py)
    email_verified: bool = False

    @classmethod
    def from_claims(cls, claims: Mapping[str, object]) -> Identity:
        """From an ID token's claims. `email_verified` counts only when it is true (a boolean,
        or the text "true" some providers send); absent, it is false."""
        verified = claims.get("email_verified")
        return cls(
            issuer=str(claims.get("iss") or ""),
            subject=str(claims.get("sub") or ""),
            email=claimed_email(claims.get("email")),
            email_verified=verified is True
            or (isinstance(verified, str) and verified.lower() == "true"),
        )


@dataclass(frozen=True)
class Holder:
    """An account as the rule sees it."""

    user_id: int
    active: bool
    identity: tuple[str, str] | None  # (issuer, subject) it is bound to
    invited: bool


@dataclass(frozen=True)
class Decision:
    user_id: int | None  # the account signed in, bound, or (for the audit) aimed at
    bind: bool = False
    refusal: Refusal | None = None


def decide(
    identity: Identity, *, by_identity: Holder | None, subject_held: bool, by_email: Holder | None
) -> Decision:
    """What to do with an identity, given the account bound to it (`by_identity`), whether its
    subject is bound under another issuer (`subject_held`) and the account with its e-mail."""
    if by_identity is not None:
        if not by_identity.active:
            return Decision(by_identity.user_id, refusal=Refusal.CLOSED)
        return Decision(by_identity.user_id)
    if subject_held:
        return Decision(None, refusal=Refusal.SUBJECT_ELSEWHERE)
    if identity.email is None or by_email is None:
        return Decision(None, refusal=Refusal.UNKNOWN)
    account = by_email.user_id
    if not by_email.active:
        return Decision(account, refusal=Refusal.CLOSED)
    if by_email.identity is not None:
        return Decision(account, refusal=Refusal.BOUND_ELSEWHERE)
    if not by_email.invited:
        return Decision(account, refusal=Refusal.NOT_INVITED)
    if not identity.email_verified:
        return Decision(account, refusal=Refusal.NOT_VERIFIED)
    return Decision(account, bind=True)
