"""Local account passwords, hashed with argon2, and the rules for new passwords and user
names: at least 12 characters and not easy to guess (zxcvbn, Dropbox's estimator, which knows
common passwords, names, keyboard patterns and l33t spellings); user names in plain letters,
digits and . _ - after Unicode normalisation (NFKC), so no look-alike of another name (a
Cyrillic 'а', a zero-width space) can be made."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

from use_cases.errors import InvalidInput

HASHER = PasswordHasher()
MIN_LENGTH = 12
MAX_LENGTH = 200  # argon2 takes any length; this keeps the strength check quick
MIN_STRENGTH = 3  # zxcvbn's 0-4: 3 is "safely unguessable: moderate protection offline"
USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,59}")


@cache
def _dummy() -> str:
    """A hash to verify against when there is no account, so that an unknown user name takes
    as long as a wrong password (made on first use, not at start-up)."""
    return HASHER.hash("not a real password, used to even out timing")


def normal_username(typed: str) -> str:
    """A user name as stored and as looked up: NFKC, trimmed, lower case."""
    return unicodedata.normalize("NFKC", typed).strip().lower()


def check_username(typed: str) -> str:
    """The stored form of a new user name, or a clear refusal."""
    name = normal_username(typed)
    if not USERNAME.fullmatch(name):
        raise InvalidInput(
            "A user name is 2 to 60 characters: letters a-z, digits and . _ - only, starting "
            "with a letter or digit (no spaces, accents or look-alike letters)."
        )
    return name


def check_password(password: str, *, username: str = "", name: str = "") -> None:
    """Refuse a password that is short, blank or easy to guess, saying why."""
    if len(password.strip()) < MIN_LENGTH:
        raise InvalidInput(
            f"A password needs at least {MIN_LENGTH} characters (not counting spaces at either end)."
        )
    if len(password) > MAX_LENGTH:
        raise InvalidInput(f"A password can be at most {MAX_LENGTH} characters.")
    verdict = zxcvbn(password, user_inputs=[u for u in (username, name, "shortlisting") if u])
    if verdict["score"] < MIN_STRENGTH:
        advice = " ".join(
            filter(
                None,
                [verdict["feedback"].get("warning"), *verdict["feedback"].get("suggestions", [])],
            )
        )
        raise InvalidInput(
            "This password is too easy to guess" + (f": {advice}" if advice else ".")
            + " A few unrelated words make a strong password."
        )  # fmt: skip


def hash_password(password: str, *, username: str = "", name: str = "") -> str:
    check_password(password, username=username, name=name)
    return HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    if len(password) > MAX_LENGTH:
        password = password[:MAX_LENGTH] + "\x00"  # never matches; same work as a wrong one
    try:
        return HASHER.verify(stored_hash or _dummy(), password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False
