"""Command line: `python -m criteria list|show|check` (see README, "Command line")."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic_settings import BaseSettings, SettingsConfigDict

from criteria.effective import RoleVariant, VariantError, effective_criteria, role_variants
from criteria.loader import DATA_DIR, Catalogue, UnknownRole, folder_problem, load_catalogue
from criteria.schema import CATEGORY_LABELS, Category, Criterion, Requirement, RoleProfile, Stage


def list_rows(catalogue: Catalogue) -> list[dict[str, Any]]:
    """One row per role profile and grade variant (levels are summarised within the row)."""
    rows = []
    for role in sorted(catalogue.roles.values(), key=lambda r: (r.organisation, r.id)):
        org = catalogue.organisation_of(role)
        variants = role_variants(role, org)
        for grade in role.grades or [None]:
            mine = [v for v in variants if v.grade == grade]
            first = mine[0]
            rows.append(
                {
                    "id": role.id,
                    "organisation": org.id,
                    "organisation_name": org.name,
                    "title": first.title,
                    "grade": grade.label if grade else role.grade,
                    "grade_id": grade.id if grade else None,
                    "team": role.team or role.department,
                    "levels": [
                        {
                            "level": v.level.id,
                            "name": v.level.name,
                            "requirements_published": v.requirements_published,
                            "essential": v.count(Requirement.ESSENTIAL),
                            "desirable": v.count(Requirement.DESIRABLE),
                        }
                        for v in mine
                        if v.level
                    ],
                    "essential": first.count(Requirement.ESSENTIAL),
                    "desirable": first.count(Requirement.DESIRABLE),
                    "behaviours": sum(c.category is Category.BEHAVIOUR for c in first.criteria),
                }
            )
    return rows


def stable_ids(catalogue: Catalogue) -> list[str]:
    """Role ids and role/criterion ids: score files and vacancies refer to these."""
    ids = []
    for role in catalogue.roles.values():
        ids.append(role.id)
        ids += [f"{role.id}/{c.id}" for c in role.all_criteria()]
        ids += [f"{role.id}@{g.id}" for g in role.grades]
    for org in catalogue.organisations.values():
        ids.append(org.id)
        if org.behaviours:
            ids += [f"{org.id}/beh-{b.id}" for b in org.behaviours.behaviours]
    return sorted(ids)


def criterion_json(c: Criterion) -> dict[str, Any]:
    return c.model_dump(mode="json", exclude_defaults=False)


def variant_json(v: RoleVariant) -> dict[str, Any]:
    return {
        "title": v.title,
        "level": v.level.id if v.level else None,
        "level_name": v.level.name if v.level else None,
        "grade": v.grade.label if v.grade else None,
        "grade_id": v.grade.id if v.grade else None,
        "requirements_published": v.requirements_published,
        "requirements_note": None if v.requirements_published else v.unpublished_note,
        "essential": v.count(Requirement.ESSENTIAL),
        "desirable": v.count(Requirement.DESIRABLE),
        "criteria": [criterion_json(c) for c in v.criteria],
    }


def role_json(role: RoleProfile) -> dict[str, Any]:
    return role.model_dump(mode="json", exclude={"criteria", "levels", "grades"})


def _mark(c: Criterion) -> str:
    if c.category is Category.BEHAVIOUR:
        return "B"
    return "E" if c.is_essential else "D"


def render_variant(v: RoleVariant) -> str:
    lines = [f"== {v.label} =="]
    if not v.requirements_published:
        lines.append(f"Requirements not published: {v.unpublished_note}")
    if v.level and v.role.levels_cumulative and v.level.id != "A":
        lines.append(f"(includes the requirements of the levels below {v.level.id})")
    for category, group in v.by_category():
        lines.append(f"\n{CATEGORY_LABELS[category]}")
        for c in group:
            number = f"{c.number}. " if c.number else ""
            extra = f" [assessed at {c.stage_words}]" if c.stages != (Stage.APPLICATION,) else ""
            lines.append(f"  [{_mark(c)}] {c.id:<10} {number}{c.text}{extra}")
            if c.note:
                lines.append(f"      note: {c.note}")
            for indicator in c.indicators:
                lines.append(f"      - {indicator}")
    if v.criteria:
        lines.append(
            f"\n{v.count(Requirement.ESSENTIAL)} essential, "
            f"{v.count(Requirement.DESIRABLE)} desirable (E essential, D desirable, B behaviour)"
        )
    return "\n".join(lines)


def render_role(catalogue: Catalogue, role: RoleProfile) -> str:
    org = catalogue.organisation_of(role)
    facts = [
        ("Organisation", org.name),
        ("Directorate", role.directorate),
        ("Department", role.department),
        ("Team", role.team),
        ("Grade", role.grade),
        ("Salary", role.salary),
        ("Hours", role.hours),
        ("Reports to", role.reports_to),
        ("Post number", role.post_number),
    ]
    lines = [role.title, "=" * len(role.title), f"Role id: {role.id}"]
    lines += [f"{k}: {v}" for k, v in facts if v]
    lines.append(f"Purpose: {role.purpose}")
    lines += [f"Special condition: {s}" for s in role.special_conditions]
    return "\n".join(lines)


class CatalogueSetting(BaseSettings):
    """CATALOGUE_DIR, read as settings.Settings reads it (the environment, then a .env file):
    the core may not import the shell's settings module (tests/unit/test_layers.py), and this
    reads nothing else, so an unrelated bad setting cannot stop a catalogue check."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    catalogue_dir: Path = DATA_DIR


CATALOGUE_HELP = "the catalogue folder (default: CATALOGUE_DIR, from the environment or .env)"


def catalogue_dir(given: Path | None = None) -> Path:
    """`--catalogue DIR` if given, else CATALOGUE_DIR as the app reads it, else data/."""
    return given if given is not None else CatalogueSetting().catalogue_dir


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def check(catalogue: Catalogue) -> int:
    """Every problem in every file, then which folder was checked and what was found."""
    for error in catalogue.errors:
        print(f"error: {error}", file=sys.stderr)
    checked = (
        f"Checked {_plural(catalogue.role_files, 'role')} and "
        f"{_plural(catalogue.organisation_files, 'organisation')} in {catalogue.root.resolve()}"
    )
    if not catalogue.errors:
        print(f"{checked}: no problems.")
        return 0
    print(
        f"{checked}: {_plural(len(catalogue.errors), 'problem')} in "
        f"{_plural(len(catalogue.broken_files), 'file')}; a file with a problem is not loaded."
    )
    return 1


def _print_errors(catalogue: Catalogue) -> None:
    for error in catalogue.errors:
        print(f"warning: not loaded: {error}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m criteria", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_list = sub.add_parser("list", help="list every role profile")
    p_list.add_argument("--json", action="store_true", help="machine-readable output")
    p_show = sub.add_parser("show", help="show one role's criteria")
    p_show.add_argument("role_id")
    p_show.add_argument("--level", help="A, B or C (Medway roles)")
    p_show.add_argument("--grade", help='grade variant, e.g. "SCP 18-21" (Ashford)')
    p_show.add_argument("--json", action="store_true", help="machine-readable output")
    p_check = sub.add_parser("check", help="validate every catalogue file; exit 1 on any error")
    p_ids = sub.add_parser("ids", help="print every stable role and criterion id, one per line")
    for p in (p_list, p_show, p_check, p_ids):
        p.add_argument("--catalogue", type=Path, metavar="DIR", help=CATALOGUE_HELP)
    args = parser.parse_args(argv)

    root = catalogue_dir(args.catalogue)
    problem = folder_problem(root)
    if problem:
        print(f"error: the catalogue folder {root} {problem}", file=sys.stderr)
        return 2
    catalogue = load_catalogue(root)
    if args.command == "check":
        return check(catalogue)

    _print_errors(catalogue)
    if args.command == "ids":
        print("\n".join(stable_ids(catalogue)))
        return 0
    if args.command == "list":
        rows = list_rows(catalogue)
        if args.json:
            print(json.dumps(rows, indent=2, ensure_ascii=False))
            return 0
        print(f"{'ROLE ID':<52} {'ORG':<10} {'GRADE':<10} {'E':>8} {'D':>3}  TITLE")
        for row in rows:
            e = "/".join(str(lv["essential"]) for lv in row["levels"]) or str(row["essential"])
            print(
                f"{row['id']:<52} {row['organisation']:<10} {row['grade'][:10]:<10} "
                f"{e:>8} {row['desirable']:>3}  {row['title']}"
            )
        print(
            f"\n{len(rows)} role profiles. E: essential criteria (per level A/B/C), D: desirable."
        )
        return 0

    try:
        role = catalogue.role(args.role_id)
        org = catalogue.organisation_of(role)
        if args.level or args.grade or not (role.levels or role.grades):
            variants = [effective_criteria(role, org, level=args.level, grade=args.grade)]
        else:
            variants = role_variants(role, org)
    except (UnknownRole, VariantError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        out = {"role": role_json(role), "variants": [variant_json(v) for v in variants]}
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(render_role(catalogue, role))
        for v in variants:
            print("\n" + render_variant(v))
    return 0


if __name__ == "__main__":
    sys.exit(main())
