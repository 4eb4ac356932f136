"""Sign-in throttling that slows a guesser, not the council.

Failed sign-ins are counted twice over the last 15 minutes: for one account from one address
(the pair), and for one account from any address. Past its free failures, each count makes the
next try wait 30 seconds from its last failure, doubling with each further failure up to 15
minutes; the longer of the two waits applies.

- Nothing is counted per address alone: a council's offices often reach the app from one
  address, and five wrong passwords there must not keep every colleague out. Another
  account's failures never delay yours.
- A guesser at one address is slowed after 5 failures (the pair); a guesser spreading tries
  over many addresses after 20 (the account), and then everyone waits for that account.
- While a wait is due every try is refused, the right password too, without the password
  being checked or the try counted: a person who types their right password too soon does not
  make their own wait longer, and a flood of guesses learns nothing and costs the server no
  password check. Only a try made once the wait is over is checked, and if wrong, counted.
- The right password once the wait is over is accepted, and clears the account's count and
  the pair's for that address (a guesser at another address stays slowed).
- With no address known (the server itself, the command line), the pair is the account and
  "no address".

Counts are kept under keyed hashes (the name typed and the address are never stored); a pair's
key begins with its account's, so an administrator's password reset clears them all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from settings import derive
from use_cases.errors import NotAllowed

WINDOW = timedelta(minutes=15)  # failures older than this are forgotten
ACCOUNT_PREFIX = 24  # the hex characters of the account's key that begin each pair's key


@dataclass(frozen=True)
class Limit:
    """Free failures, then a wait from the last failure that doubles with each further one."""

    free: int
    first_wait: timedelta = timedelta(seconds=30)
    longest_wait: timedelta = timedelta(minutes=15)

    def wait(self, failures: Sequence[datetime], now: datetime) -> timedelta:
        """How much longer a sign-in must wait after these failures (oldest first)."""
        if len(failures) < self.free:
            return timedelta(0)
        doubled: int = 2 ** min(len(failures) - self.free, 10)
        due: timedelta = failures[-1] + min(self.longest_wait, self.first_wait * doubled) - now
        return max(timedelta(0), due)


PAIR = Limit(free=5)  # one account from one address
ACCOUNT = Limit(free=20)  # one account from anywhere


@dataclass(frozen=True)
class ThrottleKeys:
    account: str  # the account from anywhere
    pair: str  # the account from this address

    @property
    def both(self) -> list[str]:
        return [self.account, self.pair]

    @property
    def every_address(self) -> str:
        """The beginning shared by the account's key and every one of its pairs' keys."""
        return self.account[:ACCOUNT_PREFIX]


def throttle_keys(secret: bytes, username: str, address: str | None) -> ThrottleKeys:
    """Keyed hashes of the account and of the account with the address, 64 characters each."""
    account = derive(secret, f"account:{username}").hex()
    pair = derive(secret, f"pair:{username}\n{address or ''}").hex()
    return ThrottleKeys(account, account[:ACCOUNT_PREFIX] + pair[: 64 - ACCOUNT_PREFIX])


def wait_due(
    pair_failures: Sequence[datetime], account_failures: Sequence[datetime], now: datetime
) -> timedelta:
    """The wait due before this account may sign in from this address."""
    return max(PAIR.wait(pair_failures, now), ACCOUNT.wait(account_failures, now))


class SignInThrottled(NotAllowed):
    """Too many failed sign-ins for this account, too recently (the waits above)."""

    def __init__(self, message: str, *, wait: timedelta) -> None:
        super().__init__(message)
        self.wait = wait
