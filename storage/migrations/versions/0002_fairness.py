"""fairness: redacted evidence for the panel, release to the panel, the names-only conflict
check, equality-monitoring answers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("panel_statement", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("panel_evidence", sa.JSON(), nullable=False, server_default="{}")
        )
        batch_op.add_column(sa.Column("redactions", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(
            sa.Column("redaction_terms", sa.JSON(), nullable=False, server_default="{}")
        )
    with op.batch_alter_table("vacancies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("released_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("panel_assignments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("conflicts_declared_at", sa.DateTime(timezone=True), nullable=True)
        )
    op.create_table(
        "monitoring_answers",
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["application_id"], ["applications.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["vacancy_id"], ["vacancies.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("application_id"),
    )
    with op.batch_alter_table("monitoring_answers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_monitoring_answers_vacancy_id"), ["vacancy_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("monitoring_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_monitoring_answers_vacancy_id"))
    op.drop_table("monitoring_answers")
    with op.batch_alter_table("panel_assignments", schema=None) as batch_op:
        batch_op.drop_column("conflicts_declared_at")
    with op.batch_alter_table("vacancies", schema=None) as batch_op:
        batch_op.drop_column("released_at")
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_column("redaction_terms")
        batch_op.drop_column("redactions")
        batch_op.drop_column("panel_evidence")
        batch_op.drop_column("panel_statement")
