"""what a vacancy records for the interview schemes' `covers`: how the post is advertised
(externally, or internally only), its salary range and its role family (its grade is the
catalogue's, in the role snapshot)

Vacancies made before this version record none of them: they read as "not recorded", and a
scheme whose `covers` reads one needs HR's answer before it decides (README, Interview schemes).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("vacancies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("advertised", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("salary_from", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("salary_to", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("role_family", sa.String(length=120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("vacancies", schema=None) as batch_op:
        batch_op.drop_column("role_family")
        batch_op.drop_column("salary_to")
        batch_op.drop_column("salary_from")
        batch_op.drop_column("advertised")
