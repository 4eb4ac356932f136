"""Local account passwords, hashed with argon2."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from storage.errors import InvalidInput

HASHER = PasswordHasher()
MIN_LENGTH = 12


@cache
def _dummy() -> str:
    """A hash to verify against when there is no account, so that an unknown user name takes
    as long as a wrong password (made on first use, not at start-up)."""
    return HASHER.hash("not a real password, used to even out timing")


def hash_password(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise InvalidInput(f"Passwords need at least {MIN_LENGTH} characters.")
    return HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    try:
        return HASHER.verify(stored_hash or _dummy(), password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False
