"""Persistence: SQLAlchemy tables, Alembic migrations, repositories and the service layer."""
