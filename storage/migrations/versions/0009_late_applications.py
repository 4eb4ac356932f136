"""late applications: each application's own release to the panel, so one imported after the
panel has started is held for HR's redaction review until released

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("released_at", sa.DateTime(timezone=True), nullable=True))
    # Applications already with the panel were released with their vacancy.
    op.execute(
        "UPDATE applications SET released_at = (SELECT vacancies.released_at FROM vacancies "
        "WHERE vacancies.id = applications.vacancy_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_column("released_at")
