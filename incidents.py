"""Unexpected errors, logged without personal data: an incident reference the person can quote,
the error's type and where it happened (file, line, function), never its message or values,
which can carry names, e-mails or declarations."""

from __future__ import annotations

import logging
import secrets
import traceback

from sqlalchemy.exc import DBAPIError, OperationalError

log = logging.getLogger("shortlisting")


def incident(exc: BaseException, where: str) -> str:
    """Log `exc` as a new incident and return its reference."""
    reference = secrets.token_hex(4).upper()
    frames = "; ".join(
        f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}"
        for f in traceback.extract_tb(exc.__traceback__)[-8:]
    )
    log.error("incident %s %s: %s (%s)", reference, where, type(exc).__name__, frames)
    return reference


RETRYABLE = {"40001", "40P01"}  # PostgreSQL: serialization failure, deadlock detected


def _sqlstate(exc: BaseException) -> str | None:
    """PostgreSQL's error code of a database error (None for any other error)."""
    if not isinstance(exc, DBAPIError):
        return None
    code = getattr(exc.orig, "sqlstate", None)
    return code if isinstance(code, str) else None


def retryable(exc: BaseException) -> bool:
    """A transaction the database gave up on to keep others consistent: run it again."""
    return _sqlstate(exc) in RETRYABLE


def busy(exc: BaseException) -> bool:
    """A database too busy (SQLite locked, a PostgreSQL lock not available), or a transaction
    that lost a race: worth trying again."""
    return isinstance(exc, OperationalError) or retryable(exc) or _sqlstate(exc) == "55P03"


class _NoUncaughtTracebacks(logging.Filter):
    """Streamlit logs an uncaught page error with its message and locals' values; the app logs
    it as an incident instead (server.py's on_script_error)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Uncaught app execution")


def quiet_streamlit_tracebacks() -> None:
    target = logging.getLogger("streamlit.error_util")
    if not any(isinstance(f, _NoUncaughtTracebacks) for f in target.filters):
        target.addFilter(_NoUncaughtTracebacks())
