"""letters: HR's wording of each kind of letter per vacancy, and every letter sent (e-mail) or
prepared (document), at most once per application and channel

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APP_ROLE = "shortlisting_app"  # migration 0005 and the README


def upgrade() -> None:
    op.create_table(
        "letter_templates",
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(["vacancy_id"], ["vacancies.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("vacancy_id", "kind"),
    )
    op.create_table(
        "letters_sent",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=True),
        sa.Column("template_hash", sa.String(length=64), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_by", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["vacancy_id"], ["vacancies.id"], ondelete="CASCADE"),
        # the recipient is personal data: the row goes with the application at purge
        sa.ForeignKeyConstraint(["application_id"], ["applications.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["sent_by"], ["users.id"]),
        # at most one letter per application and channel: a second send is refused here
        sa.UniqueConstraint("vacancy_id", "application_id", "channel"),
    )
    op.create_index("ix_letters_sent_application_id", "letters_sent", ["application_id"])
    if op.get_bind().dialect.name == "postgresql":
        _app_role_may_use_the_letters()


def _app_role_may_use_the_letters() -> None:
    """Migration 0005's default privileges already cover tables its migrating role creates;
    granted here too, so a database migrated by another owner works the same. A letter's
    record may change only its status and time (sending, then sent), or go (a failed send)."""
    op.execute(
        f"""DO $$ BEGIN
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
            GRANT SELECT, INSERT, UPDATE, DELETE ON letter_templates TO {APP_ROLE};
            REVOKE ALL ON letters_sent FROM {APP_ROLE};
            GRANT SELECT, INSERT, DELETE ON letters_sent TO {APP_ROLE};
            GRANT UPDATE (status, sent_at) ON letters_sent TO {APP_ROLE};
            GRANT USAGE, SELECT ON SEQUENCE letters_sent_id_seq TO {APP_ROLE};
        END IF;
        END $$"""
    )


def downgrade() -> None:
    op.drop_index("ix_letters_sent_application_id", table_name="letters_sent")
    op.drop_table("letters_sent")
    op.drop_table("letter_templates")
