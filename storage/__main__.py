"""Command line: `python -m storage create-admin | invite-sign-on | migrate | verify-audit |
purge` (README)."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from criteria.loader import load_catalogue
from settings import get_settings
from storage.audit_chain import Anchor, Head
from storage.audit_checkpoint import Checkpoint, CheckpointUnreadable
from storage.store import Store, WrongDeployment, open_store
from use_cases import Services
from use_cases.access import Actor, Role
from use_cases.errors import ServiceError

SYSTEM = Actor(user_id=0, username="system (command line)", display_name="System", role=Role.ADMIN)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storage", description=__doc__)
    parser.add_argument(
        "--database-url", help="default: DATABASE_URL, else the SQLite file under data/"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    admin = sub.add_parser(
        "create-admin", help="create the first administrator (no default password)"
    )
    admin.add_argument("--username", required=True)
    admin.add_argument("--name", help="display name")
    admin.add_argument("--email")
    admin.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    invite = sub.add_parser(
        "invite-sign-on",
        help="invite an account to single sign-on (the first administrator, where the app "
        "offers single sign-on only)",
    )
    invite.add_argument("--username", required=True)
    sub.add_parser("migrate", help="create or upgrade the database schema")
    verify_audit = sub.add_parser(
        "verify-audit",
        help="check the audit log's hash chain, guards and checkpoint; exit 1 on any break",
    )
    verify_audit.add_argument(
        "--head", action="append", default=[], type=_head, metavar="ID:HASH",
        help="a head printed in a workbook's Summary: the chain must still hold that entry "
        "with that hash (may be repeated)",
    )  # fmt: skip
    verify_audit.add_argument(
        "--checkpoint", action="append", default=[], type=Path, metavar="FILE",
        help="another checkpoint file to check against, e.g. another app server's or a copy "
        "(may be repeated; the deployment's own, AUDIT_CHECKPOINT, is always checked)",
    )  # fmt: skip
    purge = sub.add_parser(
        "purge", help="delete personal data of vacancies past their retention date"
    )
    purge.add_argument(
        "--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)"
    )
    args = parser.parse_args(argv)

    settings = get_settings()
    url = args.database_url or settings.database_url
    try:
        store = open_store(
            url, load_catalogue(settings.catalogue_dir), demo=settings.demo,
            audit_key=settings.secret("audit-chain"), checkpoint=settings.audit_checkpoint,
        )  # fmt: skip
    except WrongDeployment as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    services = Services(store, secret=settings.secret("services"))
    try:
        if args.command == "migrate":
            print(
                f"Database is up to date: {store.engine.url.render_as_string(hide_password=True)}"
            )
        elif args.command == "create-admin":
            if args.password_stdin:
                password = sys.stdin.readline().rstrip("\n")
            else:
                password = getpass.getpass("Password (12 characters or more): ")
                if getpass.getpass("Again: ") != password:
                    print("error: the passwords differ", file=sys.stderr)
                    return 2
            user = services.accounts.bootstrap_admin(
                username=args.username,
                display_name=args.name or args.username,
                password=password,
                email=args.email,
            )
            print(
                f"Administrator '{user.username}' created. Sign in to the app to add HR and panel users."
            )
        elif args.command == "invite-sign-on":
            found = [u for u in services.accounts.list_users(SYSTEM) if u.username == args.username]
            if not found:
                print(f"error: there is no user '{args.username}'", file=sys.stderr)
                return 2
            services.sign_on.invite(SYSTEM, user_id=found[0].id)
            print(
                f"Invited '{args.username}' to single sign-on: their first sign-on with their "
                "e-mail address, verified by the council's provider, binds to the account."
            )
        elif args.command == "verify-audit":
            return _verify_audit(services, store, args.head, args.checkpoint)
        elif args.command == "purge":
            report = services.retention.purge_expired(SYSTEM, today=args.today or date.today())
            print(
                f"Purged {len(report.vacancies)} vacancies, {report.applications_deleted} applications."
            )
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _head(text: str) -> Anchor:
    try:
        return Anchor(Head.parse(text), f"the head {text} given")
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _verify_audit(services: Services, store: Store, heads: list[Anchor], files: list[Path]) -> int:
    anchors = list(heads)
    for path in files:
        try:
            found = Checkpoint(path).read()
        except CheckpointUnreadable as exc:
            found = None
            print(f"error: {exc}", file=sys.stderr)
        if found is None:
            print(f"error: no head in the checkpoint {path}", file=sys.stderr)
            return 2
        anchors.append(found)
    try:
        had = store.checkpoint.read() if store.checkpoint else None
    except CheckpointUnreadable:
        had = None  # the check reports it
    checked, breaks = services.audit.verify(SYSTEM, anchors)
    for b in breaks:
        where = f"entry {b.entry_id}" if b.entry_id else "the audit log"
        print(f"BREAK at {where}: {b.problem}")
    print(
        f"Checked {checked:,} audit entries: "
        + (f"{len(breaks)} break(s)." if breaks else "the chain is whole.")
    )
    if not breaks and store.checkpoint and (now := store.checkpoint.read()):
        if had is None:
            print("No checkpoint was kept before: the chain's end could not be checked.")
        print(f"Head: {now.head} (kept in {store.checkpoint.path}; keep a copy elsewhere).")
    return 1 if breaks else 0


if __name__ == "__main__":
    sys.exit(main())
