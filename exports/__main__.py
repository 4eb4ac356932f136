"""Command line: `python -m exports shortlist ...` (see README, "Command line"): the engine
over interchange files, and the shortlist workbook written from its result."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from pydantic import ValidationError

from criteria.effective import VariantError, effective_criteria
from criteria.loader import (
    PolicyFileError,
    UnknownRole,
    folder_problem,
    load_catalogue,
    load_policy_file,
)
from exports.build import export_from_result
from exports.shortlist_workbook import write_shortlist_workbook
from formats.interchange import read_agreed_scores, read_applications, read_panel_scores
from formats.problems import InterchangeError
from scoring.rules.decisions import merge_decisions
from scoring.rules.scheme import SCALES, ModerationRule, Scheme
from scoring.rules.scheme_minimum import minimum_off_scale
from scoring.rules.shortlist import ShortlistResult, shortlist
from scoring.rules.vacancy_cover import uncovered_lines
from scoring.vacancy import PostFacts, Vacancy
from settings import get_settings


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a date in the form YYYY-MM-DD"
        ) from None


def _pounds(value: str) -> int:
    try:
        return int(value.strip().lstrip("£").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a salary in pounds a year, e.g. 45000 or £45,000"
        ) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m exports", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("shortlist", help="decide a shortlist from applications and panel scores")
    p.add_argument("--role", required=True, help="role id (python -m criteria list)")
    variant = p.add_mutually_exclusive_group()
    variant.add_argument("--level", help="A, B or C for a levelled role")
    variant.add_argument("--grade", help="grade variant, e.g. 'SCP 18-21'")
    p.add_argument("--applications", required=True, type=Path, help="applications CSV or XLSX")
    p.add_argument("--scores", required=True, type=Path, help="panel scores CSV or XLSX")
    p.add_argument("--agreed", type=Path, help="agreed scores CSV or XLSX")
    p.add_argument("--slots", type=int, help="number of interview places (merit)")
    p.add_argument("--pass-mark", type=float, help="minimum total for a merit place")
    p.add_argument(
        "--closing-date",
        type=_date,
        help="YYYY-MM-DD; reference date when 'received_date' is blank",
    )
    p.add_argument(
        "--scale", choices=sorted(SCALES), default="0-3", help="scoring scale (default 0-3)"
    )
    p.add_argument("--threshold", type=int, help="agreed score at which an essential is met")
    p.add_argument(
        "--moderation",
        choices=[r.value for r in ModerationRule],
        default=ModerationRule.ROUNDED_DOWN_MEAN.value,
        help="default agreed score when the panel has not recorded one",
    )
    p.add_argument(
        "--policy",
        type=Path,
        help="a draft interview-scheme policy (YAML) to try instead of the organisation's",
    )
    post = p.add_argument_group(
        "the post, as a scheme's 'covers' reads it (README, Interview schemes); left out: not "
        "recorded, so a scheme covering only some posts needs the answer"
    )
    post.add_argument(
        "--advertised", choices=["external", "internal"],
        help="how the post is advertised: externally, or internally only",
    )  # fmt: skip
    post.add_argument("--salary-from", type=_pounds, help="bottom of the salary range, £ a year")
    post.add_argument("--salary-to", type=_pounds, help="top of the salary range, £ a year")
    post.add_argument("--role-family", help="the post's role family, e.g. 'Business Support'")
    p.add_argument("--out", required=True, type=Path, help="workbook to write (.xlsx)")
    p.add_argument(
        "--catalogue",
        type=Path,
        metavar="DIR",
        help="the catalogue folder (default: CATALOGUE_DIR, from the environment or .env)",
    )
    p.add_argument("--json", action="store_true", help="print the decisions as JSON")
    return parser


def render(result: ShortlistResult) -> str:
    lines = [f"{'RANK':>4}  {'REFERENCE':<14} {'DECISION':<26} {'TOTAL':>6}  REASON"]
    for d in result.decisions:
        rank = str(d.rank) if d.rank else "-"
        total = f"{d.total:g}" if d.total is not None else "-"
        lines.append(
            f"{rank:>4}  {d.application_id:<14} {d.decision.value:<26} {total:>6}  {d.reason}"
        )
    counts: dict[str, int] = {}
    for d in result.decisions:
        counts[d.decision.value] = counts.get(d.decision.value, 0) + 1
    lines.append("")
    lines.append(", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()))
    if result.issues:
        lines.append("Provisional, not final: " + " ".join(result.issues))
    return "\n".join(lines)


def run_shortlist(args: argparse.Namespace, catalogue_dir: Path) -> int:
    catalogue = load_catalogue(catalogue_dir)
    role = catalogue.role(args.role)
    variant = effective_criteria(
        role, catalogue.organisation_of(role), level=args.level, grade=args.grade
    )
    scheme = Scheme(
        scale=SCALES[args.scale],
        threshold=args.threshold,
        moderation=ModerationRule(args.moderation),
        slots=args.slots,
        pass_mark=args.pass_mark,
    )
    try:
        facts = PostFacts(
            advertised=args.advertised, salary_from=args.salary_from, salary_to=args.salary_to,
            role_family=args.role_family,
        )  # fmt: skip
    except ValidationError as exc:
        said = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        print(f"error: the post's facts are not valid: {said}", file=sys.stderr)
        return 2
    vacancy = Vacancy.from_variant(variant, scheme, args.closing_date, facts)
    if args.policy:
        vacancy = vacancy.model_copy(update={"policy": load_policy_file(args.policy)})
    policy = vacancy.policy
    if off_scale := minimum_off_scale(policy, scheme.scale):
        raise PolicyFileError(off_scale)  # its words say what to do
    apps = read_applications(
        args.applications,
        criterion_ids=[c.id for c in vacancy.criteria],
        scheme_ids=[d.id for d in policy.declarations],
    )
    ids = [a.application_id for a in apps.applications]
    scores = read_panel_scores(args.scores, vacancy, ids)
    agreed = read_agreed_scores(args.agreed, vacancy, ids) if args.agreed else None
    result = shortlist(vacancy, apps.applications, scores, agreed)
    data = export_from_result(
        result,
        merge_decisions(result, {}, finalised=False),
        scores,
        organisation=variant.organisation.name,
        role_id=role.id,
        level=args.level,
        grade=args.grade,
        exported_by=f"{getpass.getuser()} (command line)",
        exported_at=datetime.now(UTC),
    )
    companion = args.out.with_suffix(".panel_scores.csv")
    written = write_shortlist_workbook(data, args.out, panel_scores_csv=companion)
    if not written.panel_scores_in_workbook:
        print(
            f"note: {written.panel_scores_rows:,} panel scores written to {companion}",
            file=sys.stderr,
        )
    if args.json:
        print(json.dumps([d.to_json() for d in result.decisions], indent=2, ensure_ascii=False))
    else:
        print(render(result))
        print(f"\nWorkbook written to {args.out}")
    for issue in result.issues:
        print(f"note: {issue}", file=sys.stderr)
    for line in uncovered_lines(vacancy.policy.schemes, vacancy.post):
        print(f"note: {line}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.out.suffix.lower() != ".xlsx":
        print(f"error: --out must name an .xlsx file, not '{args.out}'", file=sys.stderr)
        return 2
    try:  # the app's own setting (settings.py): reading it makes no file
        root = args.catalogue or get_settings().catalogue_dir
    except ValidationError as exc:
        print(f"error: the settings (environment or .env) are not valid:\n{exc}", file=sys.stderr)
        return 2
    problem = folder_problem(root)
    if problem:
        print(f"error: the catalogue folder {root} {problem}", file=sys.stderr)
        return 2
    try:
        return run_shortlist(args, root)
    except InterchangeError as exc:
        print(f"error: the input has problems:\n{exc}", file=sys.stderr)
    except (UnknownRole, VariantError, PolicyFileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
    except ValidationError as exc:
        print(
            f"error: the scoring settings are not valid: {exc.errors()[0]['msg']}", file=sys.stderr
        )
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc.strerror}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
