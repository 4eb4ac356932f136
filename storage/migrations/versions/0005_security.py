"""security: sign-in sessions and failures, the deployment's kind (real or demo), the audit
log's hash chain, and on PostgreSQL an audit log the app's role can only read and add to

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.audit_chain import GENESIS, ChainedEntry, entry_hash, payload_hash

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = "the audit log is append-only"
APP_ROLE = "shortlisting_app"  # the app's login role is a member of this one (README)
AUDIT_OWNER = "shortlisting_audit"  # owns the audit log; nobody signs in as it
# An update may only empty an entry's old and new values (purge), nothing else.
KEPT = ("id", "at", "actor_id", "actor", "action", "vacancy_id", "entity", "entity_id",
        "payload_hash", "entry_hash")  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "sign_in_sessions",
        sa.Column("id", sa.String(length=64), primary_key=True),
        sa.Column("token_hash", sa.String(length=64), nullable=True, unique=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("code_hash", sa.String(length=64), nullable=True, unique=True),
        sa.Column("code_expires_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_sign_in_sessions_user_id", "sign_in_sessions", ["user_id"])
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_sign_in_failures_key", "sign_in_failures", ["key"])
    op.create_table(
        "deployment",
        sa.Column("key", sa.String(length=40), primary_key=True),
        sa.Column("value", sa.String(length=200), nullable=False),
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    _drop_append_only(sqlite)
    op.add_column("audit_log", sa.Column("payload_hash", sa.String(length=64), nullable=True))
    op.add_column("audit_log", sa.Column("entry_hash", sa.String(length=64), nullable=True))
    _chain_existing_entries()
    _append_only(sqlite)
    if not sqlite:
        _app_role_may_only_add_to_the_audit_log()


def _drop_append_only(sqlite: bool) -> None:
    if sqlite:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")


def _chain_existing_entries() -> None:
    bind = op.get_bind()
    log = sa.table(
        "audit_log", *(sa.column(c) for c in KEPT[:8]),
        sa.column("old_value", sa.JSON), sa.column("new_value", sa.JSON),
        sa.column("payload_hash"), sa.column("entry_hash"),
    )  # fmt: skip
    previous = GENESIS
    for row in bind.execute(sa.select(log).order_by(log.c.id)).mappings():
        payload = payload_hash(row["old_value"], row["new_value"])
        chained = ChainedEntry(
            row["id"], row["at"], row["actor_id"], row["actor"], row["action"],
            row["vacancy_id"], row["entity"], row["entity_id"], payload,
        )  # fmt: skip
        previous = entry_hash(previous, chained)
        bind.execute(
            log.update()
            .where(log.c.id == row["id"])
            .values(payload_hash=payload, entry_hash=previous)
        )


def _append_only(sqlite: bool) -> None:
    if sqlite:
        kept = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in KEPT)
        op.execute(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
            f"WHEN NOT ({kept} AND NEW.old_value IS NULL AND NEW.new_value IS NULL) "
            f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
        )
        op.execute(
            "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
            f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
        )
        return
    kept = " AND ".join(f"NEW.{c} IS NOT DISTINCT FROM OLD.{c}" for c in KEPT)
    op.execute(
        "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP = 'UPDATE' AND {kept} AND NEW.old_value IS NULL AND NEW.new_value IS NULL "
        f"THEN RETURN NEW; END IF; RAISE EXCEPTION '{APPEND_ONLY}'; END $$"
    )
    op.execute(
        "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
    )
    op.execute(
        "CREATE FUNCTION audit_log_no_truncate() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END $$"
    )
    op.execute(
        "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_no_truncate()"
    )


def _app_role_may_only_add_to_the_audit_log() -> None:
    """The app signs in as a member of shortlisting_app: every table to read and write, but
    the audit log (owned by a role nobody signs in as) only to read, add to, and empty the
    values of at purge. Needs a migrating role that may create roles (README)."""
    op.execute(
        f"""DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
            CREATE ROLE {APP_ROLE} NOLOGIN; END IF;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{AUDIT_OWNER}') THEN
            CREATE ROLE {AUDIT_OWNER} NOLOGIN; END IF;
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
            EXECUTE format('GRANT {AUDIT_OWNER} TO %I', current_user); END IF;
        END $$"""
    )
    op.execute(f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}")
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP_ROLE}")
    op.execute(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}")
    op.execute(
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {APP_ROLE}"
    )
    op.execute(
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {APP_ROLE}"
    )
    op.execute(f"ALTER TABLE audit_log OWNER TO {AUDIT_OWNER}")
    op.execute(f"REVOKE ALL ON audit_log FROM {APP_ROLE}")
    op.execute(f"GRANT SELECT, INSERT ON audit_log TO {APP_ROLE}")
    op.execute(f"GRANT UPDATE (old_value, new_value) ON audit_log TO {APP_ROLE}")
    op.execute(f"REVOKE ALL ON alembic_version FROM {APP_ROLE}")
    op.execute(f"GRANT SELECT ON alembic_version TO {APP_ROLE}")


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if not sqlite:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_no_truncate()")
    _drop_append_only(sqlite)
    with op.batch_alter_table("audit_log") as batch_op:
        batch_op.drop_column("entry_hash")
        batch_op.drop_column("payload_hash")
    op.drop_table("deployment")
    op.drop_index("ix_sign_in_failures_key", table_name="sign_in_failures")
    op.drop_table("sign_in_failures")
    op.drop_index("ix_sign_in_sessions_user_id", table_name="sign_in_sessions")
    op.drop_table("sign_in_sessions")
