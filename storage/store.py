"""The store: engine, sessions and the catalogue the services work with."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from criteria.loader import Catalogue
from incidents import incident, retryable
from settings import DATA_DIR, get_settings
from storage import tables
from storage.audit_chain import Head
from storage.audit_checkpoint import NEW_HEAD, Checkpoint, default_path
from storage.db import make_engine, session_factories
from storage.migrate import upgrade
from storage.session_rules import SessionRules

REAL, DEMO = "real", "demo"
AFTER_COMMIT = "after_commit"  # session.info: what to do once the session's write commits
ATTEMPTS = 4  # a write the database gave up on (a deadlock, a serialization failure) is retried
R = TypeVar("R")


def after_commit(session: Session, action: Callable[[], None]) -> None:
    """Do `action` once the write `session` belongs to (Store.write) has committed; never if
    it rolls back. A retried transaction opens a new session, with nothing queued."""
    session.info.setdefault(AFTER_COMMIT, []).append(action)


class WrongDeployment(RuntimeError):
    """The real app pointed at a demo database, or the demo at a real one."""


class Store:
    """The unit of work the use cases write through: `write(work)` runs `work(session)` as one
    transaction (retried alone when the database gives up on it), `reading()` opens a read.
    `audit_key`: the key the audit log's entries are hashed with (the database never holds
    it); `checkpoint`: the file outside the database that remembers the chain's head."""

    def __init__(
        self,
        engine: Engine,
        catalogue: Catalogue,
        *,
        session_rules: SessionRules | None = None,
        audit_key: bytes,
        checkpoint: Checkpoint | None = None,
    ) -> None:
        self.engine = engine
        self.catalogue = catalogue
        self.session_rules = session_rules or SessionRules()
        self.audit_key = audit_key
        self.checkpoint = checkpoint
        self._read, self._write = session_factories(engine)
        self.kind = REAL

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._read() as session, session.begin():
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One transaction: everything in it is stored, or nothing is. Once it has committed
        an audit entry, the checkpoint moves on to it; then what `after_commit` queued is done
        (e-mail the transaction records), in order. Not retried: the use cases write with
        `write`; this is for set-up and tests that need the session in a `with` block."""
        queued: list[Callable[[], None]] = []
        with self._committing(queued) as session:
            yield session
        for action in queued:
            action()

    def write(self, work: Callable[[Session], R]) -> R:
        """`work(session)` in one write transaction, and its result. A transaction the database
        gave up on (a deadlock, a serialization failure: incidents.py's `retryable`) is run
        again from the start, in a fresh transaction, up to ATTEMPTS times: so `work` must
        touch nothing outside its session. What it queued with `after_commit` is done once,
        after the attempt that committed, and is never repeated."""
        queued: list[Callable[[], None]] = []

        def attempt() -> R:
            queued.clear()
            with self._committing(queued) as session:
                return work(session)

        retrying = Retrying(
            retry=retry_if_exception(retryable),
            stop=stop_after_attempt(ATTEMPTS),
            wait=wait_exponential(multiplier=0.05, max=1),
            reraise=True,
        )
        result = retrying(attempt)
        for action in queued:
            action()
        return result

    @contextmanager
    def _committing(self, queued: list[Callable[[], None]]) -> Iterator[Session]:
        """One write transaction; once it has committed, the checkpoint moved on and what it
        queued with `after_commit` added to `queued`, for the caller to do."""
        with self._write() as session:
            with session.begin():
                yield session
            head = session.info.pop(NEW_HEAD, None)
            queued.extend(session.info.pop(AFTER_COMMIT, []))
        if head is not None:
            self.remember(head)

    def remember(self, head: Head) -> None:
        """Move the checkpoint on to `head`. The write it follows has committed, so a
        checkpoint that cannot be written is logged as an incident, not shown to the person;
        it keeps an older head, which verify-audit still checks."""
        if self.checkpoint is None:
            return
        try:
            self.checkpoint.advance(head)
        except OSError as exc:
            incident(exc, "audit checkpoint")

    def sync_organisations(self) -> None:
        """Keep the organisations table in step with the catalogue (policy, behaviours)."""

        def write(session: Session) -> None:
            for org in self.catalogue.organisations.values():
                row = session.get(tables.Organisation, org.id) or tables.Organisation(id=org.id)
                row.name = org.name
                row.policy = org.guaranteed_interview.model_dump(mode="json")
                row.behaviours = org.behaviours.model_dump(mode="json") if org.behaviours else None
                session.add(row)

        self.write(write)

    def claim_kind(self, wanted: str | None) -> None:
        """Mark a new database real or demo (`wanted`, else real); refuse the other kind."""
        with self.writing() as session:
            kind = session.scalar(
                select(tables.Deployment.value).where(tables.Deployment.key == "kind")
            )
            if kind is None:
                kind = wanted or REAL
                session.add(tables.Deployment(key="kind", value=kind))
        if wanted is not None and kind != wanted:
            url = self.engine.url.render_as_string(hide_password=True)
            raise WrongDeployment(
                f"{url} holds the demo; the real app never opens it. Start the demo with "
                "`bash scripts/demo.sh`, or set DATABASE_URL to the council's database."
                if kind == DEMO
                else f"{url} is a real database; the demo never opens one. Unset DATABASE_URL "
                "to use the demo's own file, data/demo.db."
            )
        self.kind = kind

    @property
    def demo(self) -> bool:
        return self.kind == DEMO


def open_store(
    url: str,
    catalogue: Catalogue,
    *,
    demo: bool | None = None,
    session_rules: SessionRules | None = None,
    audit_key: bytes | None = None,
    checkpoint: Path | None = None,
) -> Store:
    """Create or migrate the database at `url` and return a store over it. `demo` True or
    False: the database must be (or, when new, becomes) the demo's or a real one; None: either
    (tools and tests reopening a database). `audit_key` and `checkpoint` default to the
    settings' (settings.py: the key derived from the deployment's secret; AUDIT_CHECKPOINT,
    else a file per database under data/)."""
    engine = make_engine(url)
    upgrade(engine)
    if audit_key is None or checkpoint is None:
        settings = get_settings()
        audit_key = audit_key or settings.secret("audit-chain")
        checkpoint = checkpoint or settings.audit_checkpoint
    path = checkpoint or default_path(url, DATA_DIR)
    store = Store(
        engine, catalogue, session_rules=session_rules, audit_key=audit_key,
        checkpoint=Checkpoint(path) if path else None,
    )  # fmt: skip
    store.claim_kind(None if demo is None else DEMO if demo else REAL)
    store.sync_organisations()
    return store
