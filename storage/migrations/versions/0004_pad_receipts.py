"""pad receipts: each score-pad key press applied once, acknowledged from its receipt when the
pad sends it again; and an index that makes a vacancy's newest audit entry a cheap change token

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pad_receipts",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("panel_code", sa.String(length=16), nullable=False),
        sa.Column("criterion_id", sa.String(length=80), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False, server_default=""),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["vacancy_id"], ["vacancies.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "client_id", "seq"),
    )
    op.create_index("ix_pad_receipts_vacancy_id", "pad_receipts", ["vacancy_id"])
    op.create_index("ix_audit_log_vacancy_entry", "audit_log", ["vacancy_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_vacancy_entry", table_name="audit_log")
    op.drop_index("ix_pad_receipts_vacancy_id", table_name="pad_receipts")
    op.drop_table("pad_receipts")
