"""Sign-in sessions against the in-memory repository: a one-time code is traded once for a
signed cookie, the cookie resumes the session (its use noted) until sign-out or expiry, and
nothing else, a forged cookie or a stale code, buys anything."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.records import Actor, Role
from tests.fake_accounts import FakeAccounts, UserRow
from tests.fakes import fake_store
from use_cases.sessions import Sessions

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
HILARY = UserRow(1, "hilary", "Hilary", Role.HR)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def sessions() -> tuple[Sessions, FakeAccounts, Clock]:
    repo, clock = FakeAccounts(HILARY), Clock()
    return Sessions(fake_store(repo), secret=b"s" * 32, repo=repo, clock=clock), repo, clock


def test_a_code_is_traded_once_for_a_cookie_that_resumes_the_session() -> None:
    service, repo, _ = sessions()
    issued = service.start(HILARY.actor)

    traded = service.trade(issued.code)

    assert traded is not None
    cookie, seconds = traded
    assert seconds == int(repo.state.sessions[issued.actor.session_id or ""].expires_at.timestamp() - NOW.timestamp())  # fmt: skip
    resumed = service.resume(cookie)
    assert resumed == issued.actor and resumed.session_id is not None
    assert service.trade(issued.code) is None, "a code is spent once"


def test_only_the_hashes_of_the_code_and_the_token_are_stored() -> None:
    service, repo, _ = sessions()
    issued = service.start(HILARY.actor)
    cookie, _ = service.trade(issued.code) or ("", 0)

    [stored] = repo.state.sessions.values()
    assert stored.code_hash is None, "spent"
    assert stored.token_hash is not None and stored.token_hash not in cookie
    assert issued.code not in repr(repo.state)


def test_a_code_two_minutes_old_buys_no_cookie() -> None:
    service, _, clock = sessions()
    issued = service.start(HILARY.actor)
    clock.now = NOW + timedelta(minutes=2, seconds=1)
    assert service.trade(issued.code) is None


def test_a_cookie_not_signed_with_the_deployments_secret_resumes_nothing() -> None:
    service, repo, _ = sessions()
    issued = service.start(HILARY.actor)
    cookie, _ = service.trade(issued.code) or ("", 0)
    other = Sessions(fake_store(repo), secret=b"t" * 32, repo=repo, clock=lambda: NOW)
    assert other.resume(cookie) is None
    assert service.resume(cookie.split(".")[0] + ".forged") is None


def test_after_sign_out_the_cookie_resumes_nothing() -> None:
    service, repo, _ = sessions()
    issued = service.start(HILARY.actor)
    cookie, _ = service.trade(issued.code) or ("", 0)

    service.end(issued.actor)

    assert service.resume(cookie) is None
    [stored] = repo.state.sessions.values()
    assert stored.revoked_at == NOW


def test_signing_out_without_a_session_changes_nothing() -> None:
    service, repo, _ = sessions()
    service.start(HILARY.actor)
    service.end(Actor(user_id=1, username="hilary", display_name="Hilary", role=Role.HR))
    assert [s.revoked_at for s in repo.state.sessions.values()] == [None]


def test_resuming_notes_the_sessions_use_at_most_once_a_minute() -> None:
    service, repo, clock = sessions()
    issued = service.start(HILARY.actor)
    cookie, _ = service.trade(issued.code) or ("", 0)
    key = issued.actor.session_id or ""

    clock.now = NOW + timedelta(seconds=30)
    service.resume(cookie)
    assert repo.state.sessions[key].last_seen_at == NOW
    clock.now = NOW + timedelta(minutes=5)
    service.resume(cookie)
    assert repo.state.sessions[key].last_seen_at == NOW + timedelta(minutes=5)


def test_a_cookie_past_its_sessions_expiry_resumes_nothing() -> None:
    service, repo, clock = sessions()
    issued = service.start(HILARY.actor)
    cookie, _ = service.trade(issued.code) or ("", 0)
    clock.now = repo.state.sessions[issued.actor.session_id or ""].expires_at + timedelta(seconds=1)
    assert service.resume(cookie) is None
