"""The running deployment's catalogue and services, one of each per server process, built
from settings. Kept here rather than in Streamlit's resource cache, which any browser can ask
the server to clear."""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache

from criteria.loader import Catalogue, load_catalogue
from settings import get_settings
from storage.session_rules import SessionRules
from storage.store import open_store
from use_cases import Services
from use_cases.mail import SmtpMailer


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    return load_catalogue(get_settings().catalogue_dir)


@lru_cache(maxsize=1)
def services() -> Services:
    """Created and migrated on first use: the demo's database when SHORTLISTING_DEMO is set."""
    settings = get_settings()
    rules = SessionRules(
        lifetime=timedelta(hours=settings.session_hours),
        idle=timedelta(minutes=settings.session_idle_minutes),
    )
    store = open_store(
        settings.database_url, catalogue(), demo=settings.demo, session_rules=rules,
        audit_key=settings.secret("audit-chain"), checkpoint=settings.audit_checkpoint,
    )  # fmt: skip
    return Services(
        store, secret=settings.secret("services"), mailer=SmtpMailer.from_settings(settings)
    )


def reset() -> None:
    """Forget both (tests that point the settings at a new database)."""
    services.cache_clear()
    catalogue.cache_clear()
