"""vacancy lifecycle: a scoring deadline, the reason a vacancy was closed, and the key that
makes creating a vacancy idempotent (a double click makes one vacancy)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("vacancies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scoring_deadline", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("closed_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("request_key", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(
            "uq_vacancies_created_by_request_key", ["created_by", "request_key"]
        )


def downgrade() -> None:
    with op.batch_alter_table("vacancies", schema=None) as batch_op:
        batch_op.drop_constraint("uq_vacancies_created_by_request_key", type_="unique")
        batch_op.drop_column("request_key")
        batch_op.drop_column("closed_at")
        batch_op.drop_column("closed_reason")
        batch_op.drop_column("scoring_deadline")
