"""Settings, read once from the environment (and a .env file) with safe local defaults."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    catalogue_dir: Path = PROJECT_DIR / "data"
    database_url: str = f"sqlite:///{PROJECT_DIR / 'data' / 'shortlisting.db'}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
