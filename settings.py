"""Settings, read once from the environment (and a .env file) with safe local defaults."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent
DATA_DIR = PROJECT_DIR / "data"


class Settings(BaseSettings):
    """`SHORTLISTING_DEMO=1` runs the demo on its own database file (data/demo.db); the real
    app never opens a demo database, nor the demo a real one (use_cases/deployment.py)."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    catalogue_dir: Path = DATA_DIR
    database_url: str = ""
    shortlisting_demo: bool = False
    # Signs session cookies, keys sign-in throttling and salts conflict-declaration tokens.
    # Unset: a random key kept in data/secret.key (made on first start, readable by its owner).
    shortlisting_secret_key: str = ""
    # The audit chain's checkpoint (storage/audit_checkpoint.py): a file outside the database
    # holding the chain's newest entry. Unset: beside the SQLite file, or under data/audit-heads/.
    audit_checkpoint: Path | None = None
    session_hours: float = 12
    session_idle_minutes: float = 30
    # Letters by e-mail (use_cases/mail.py). Unset SMTP_HOST: no e-mail, the documents still work.
    smtp_host: str = ""
    smtp_port: int = Field(25, ge=1, le=65535)
    smtp_username: str = ""
    smtp_password: SecretStr = SecretStr("")
    smtp_starttls: bool = False  # STARTTLS before login; needed for a login to a remote server
    smtp_from: str = ""  # the council's address the letters come from
    smtp_timeout: float = Field(30, gt=0)  # seconds
    # The accessibility statement's contact details (app_pages/accessibility.py): who runs this
    # service, and where people ask for another format or report a problem. Unset, the page
    # shows a marked placeholder for the council to fill in.
    accessibility_organisation: str = ""
    accessibility_email: str = ""
    accessibility_phone: str = ""
    accessibility_reply_days: int = Field(0, ge=0)

    @model_validator(mode="after")
    def _default_database(self) -> Settings:
        if not self.database_url:
            name = "demo.db" if self.shortlisting_demo else "shortlisting.db"
            self.database_url = f"sqlite:///{DATA_DIR / name}"
        return self

    @property
    def demo(self) -> bool:
        return self.shortlisting_demo

    def secret(self, purpose: str) -> bytes:
        """A key for one purpose, derived from the deployment's secret."""
        root = self.shortlisting_secret_key.encode() or _secret_file(DATA_DIR / "secret.key")
        return derive(root, purpose)


def derive(key: bytes, purpose: str) -> bytes:
    """A key for one purpose from `key` (HMAC-SHA256): keys for different purposes, or keyed
    hashes of values, that reveal nothing of `key` or of each other."""
    return hmac.new(key, purpose.encode(), hashlib.sha256).digest()


def _secret_file(path: Path) -> bytes:
    """The random key in `path`, made once (atomically, so two processes agree on it)."""
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    temporary.write_text(secrets.token_hex(32))
    temporary.chmod(0o600)
    try:
        os.link(temporary, path)  # fails if another process made it first: theirs is kept
    except FileExistsError:
        pass
    finally:
        temporary.unlink(missing_ok=True)
    return path.read_bytes().strip()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
