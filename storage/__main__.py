"""Command line: `python -m storage create-admin | migrate | verify-audit | purge` (README)."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from datetime import date

from criteria.loader import load_catalogue
from settings import get_settings
from storage.access import Actor, Role
from storage.errors import ServiceError
from storage.services import Services
from storage.store import WrongDeployment, open_store

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
    sub.add_parser("migrate", help="create or upgrade the database schema")
    sub.add_parser(
        "verify-audit", help="check the audit log's hash chain and guards; exit 1 on any break"
    )
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
            audit_key=settings.secret("audit-chain"),
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
        elif args.command == "verify-audit":
            checked, breaks = services.audit.verify(SYSTEM)
            for b in breaks:
                where = f"entry {b.entry_id}" if b.entry_id else "the audit log"
                print(f"BREAK at {where}: {b.problem}")
            print(
                f"Checked {checked:,} audit entries: "
                + (f"{len(breaks)} break(s)." if breaks else "the chain is whole.")
            )
            return 1 if breaks else 0
        elif args.command == "purge":
            report = services.retention.purge_expired(SYSTEM, today=args.today or date.today())
            print(
                f"Purged {len(report.vacancies)} vacancies, {report.applications_deleted} applications."
            )
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
