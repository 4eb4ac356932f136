"""the audit log keyed and anchored: entries hashed with a key the database does not hold
from here on, dated and numbered by the database, and on PostgreSQL a log the app's role can
only read and add to (purge goes through a function owned by the log's owner)

Entries written before this revision keep their plain hashes; the first keyed entry chains to
the last of them. Its id is recorded in the deployment table (`audit_keyed_from`).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APP_ROLE = "shortlisting_app"  # migration 0005
AUDIT_OWNER = "shortlisting_audit"
IN_ORDER = "an audit entry follows the newest and is dated by the database clock"
# SQLite: the app reads the clock just before it adds the entry, in the same write transaction
SQLITE_SLACK_SECONDS = 10


def upgrade() -> None:
    op.execute(
        "INSERT INTO deployment (key, value) "
        "SELECT 'audit_keyed_from', CAST(COALESCE(MAX(id), 0) + 1 AS VARCHAR(20)) FROM audit_log"
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER audit_log_in_order BEFORE INSERT ON audit_log WHEN "
            "NEW.id IS NOT (SELECT COALESCE(MAX(id), 0) + 1 FROM audit_log) "
            "OR NEW.at IS NULL OR julianday(NEW.at) IS NULL "
            "OR julianday(NEW.at) > julianday('now') "
            f"OR julianday(NEW.at) < julianday('now', '-{SQLITE_SLACK_SECONDS} seconds') "
            f"BEGIN SELECT RAISE(ABORT, '{IN_ORDER}'); END"
        )
        return
    # An entry's time lies within its own transaction (the app reads clock_timestamp() after
    # taking the chain's lock), and its id follows the newest entry's.
    op.execute(
        "CREATE FUNCTION audit_log_in_order() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF NEW.id IS DISTINCT FROM (SELECT COALESCE(MAX(id), 0) + 1 FROM audit_log) "
        "OR NEW.at IS NULL OR NEW.at < transaction_timestamp() OR NEW.at > clock_timestamp() "
        f"THEN RAISE EXCEPTION '{IN_ORDER}'; END IF; RETURN NEW; END $$"
    )
    op.execute(
        "CREATE TRIGGER audit_log_in_order BEFORE INSERT ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION audit_log_in_order()"
    )
    # Purge: the log's owner empties the values of a purged vacancy's entries, nothing else.
    op.execute(f"REVOKE UPDATE (old_value, new_value) ON audit_log FROM {APP_ROLE}")
    op.execute(f"GRANT SELECT (id, purged_at) ON vacancies TO {AUDIT_OWNER}")
    op.execute(
        "CREATE FUNCTION audit_log_forget_values(of_vacancy integer) RETURNS integer "
        "LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$ "
        "DECLARE emptied integer; BEGIN "
        "IF NOT EXISTS (SELECT 1 FROM vacancies WHERE id = of_vacancy AND purged_at IS NOT NULL) "
        "THEN RAISE EXCEPTION 'only a purged vacancy''s audit values are emptied'; END IF; "
        "UPDATE audit_log SET old_value = NULL, new_value = NULL WHERE vacancy_id = of_vacancy "
        "AND (old_value IS NOT NULL OR new_value IS NOT NULL); "
        "GET DIAGNOSTICS emptied = ROW_COUNT; RETURN emptied; END $$"
    )
    op.execute(f"ALTER FUNCTION audit_log_forget_values(integer) OWNER TO {AUDIT_OWNER}")
    op.execute("REVOKE ALL ON FUNCTION audit_log_forget_values(integer) FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION audit_log_forget_values(integer) TO {APP_ROLE}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_in_order")
    else:
        op.execute("DROP FUNCTION IF EXISTS audit_log_forget_values(integer)")
        op.execute(f"REVOKE SELECT (id, purged_at) ON vacancies FROM {AUDIT_OWNER}")
        op.execute(f"GRANT UPDATE (old_value, new_value) ON audit_log TO {APP_ROLE}")
        op.execute("DROP TRIGGER IF EXISTS audit_log_in_order ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_in_order()")
    op.execute("DELETE FROM deployment WHERE key = 'audit_keyed_from'")
