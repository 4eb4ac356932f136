"""single sign-on binds an identity once; one e-mail address, one account

Accounts record the issuer beside the subject they are bound to, and when an administrator
invited them to single sign-on. E-mail addresses are put in their normal form (trimmed, lower
case; blank ones emptied) and a unique index on the lower-cased address refuses a second
account with the same address.

Two accounts whose addresses differ only in case stop the upgrade, loudly: the migration
cannot know which account the address belongs to, and guessing would hand one of them to
whoever signs on with it. The error names the accounts by number (never the address) and
says how to clear one; nothing is changed until it runs again.

Identities bound before this version were bound by e-mail alone, without the checks now made.
They are released, and each open account that was bound is invited instead: its next sign-in
binds it again, under the new rule (a verified e-mail address, once).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

users = sa.table(
    "users",
    sa.column("id", sa.Integer),
    sa.column("email", sa.String),
    sa.column("active", sa.Boolean),
    sa.column("oidc_subject", sa.String),
    sa.column("oidc_issuer", sa.String),
    sa.column("sso_invited_at", sa.DateTime(timezone=True)),
)


class SharedEmailAddresses(RuntimeError):
    """Accounts share an e-mail address (differing only in case): the upgrade stops."""


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(users.c.id, users.c.email)).all()
    normal = {user_id: (email or "").strip().lower() or None for user_id, email in rows}
    holders: dict[str, list[int]] = {}
    for user_id, email in sorted(normal.items()):
        if email is not None:
            holders.setdefault(email, []).append(user_id)
    shared = [ids for ids in holders.values() if len(ids) > 1]
    if shared:
        groups = "; ".join(" and ".join(str(i) for i in ids) for ids in shared)
        raise SharedEmailAddresses(
            "Migration 0011 stopped and changed nothing: some accounts share an e-mail address "
            f"(differing only in case): users {groups}. Each address may belong to one account. "
            "Clear the address of all but the right account, for example "
            f"UPDATE users SET email = NULL WHERE id = {shared[0][-1]}; then start again."
        )
    for user_id, email in rows:
        if email != normal[user_id]:
            bind.execute(
                sa.update(users).where(users.c.id == user_id).values(email=normal[user_id])
            )
    op.add_column("users", sa.Column("oidc_issuer", sa.String(length=500), nullable=True))
    op.add_column("users", sa.Column("sso_invited_at", sa.DateTime(timezone=True), nullable=True))
    bound = users.c.oidc_subject.is_not(None)
    bind.execute(
        sa.update(users)
        .where(bound, users.c.active.is_(True), users.c.email.is_not(None))
        .values(sso_invited_at=datetime.now(UTC))
    )
    bind.execute(sa.update(users).where(bound).values(oidc_subject=None))
    op.create_index("uq_users_email_lower", "users", [sa.func.lower(sa.text("email"))], unique=True)


def downgrade() -> None:
    op.drop_index("uq_users_email_lower", table_name="users")
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35 and later): a batch would copy the users
    # table, which every other table refers to.
    op.drop_column("users", "sso_invited_at")
    op.drop_column("users", "oidc_issuer")
