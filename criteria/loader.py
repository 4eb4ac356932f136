"""Load and validate the catalogue under data/.

Every file is checked on its own: a broken file gives every one of its problems, each naming
the file and the place in it (criterion ids, not list positions; see criteria/load_errors.py),
and everything else still loads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from criteria.load_errors import describe, problems
from criteria.policy import GuaranteedInterviewPolicy
from criteria.schema import Organisation, RoleProfile

M = TypeVar("M", bound=BaseModel)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class UnknownRole(LookupError):
    def __init__(self, role_id: str) -> None:
        super().__init__(
            f"There is no role '{role_id}' in the catalogue; "
            "run `python -m criteria list` to see the role ids."
        )
        self.role_id = role_id


@dataclass(frozen=True)
class LoadError:
    """One problem with one catalogue file, in words a person can act on."""

    path: Path
    field: str  # a field name ("short_name"), or a place in words ("level A, criterion a-1, ...")
    message: str

    def __str__(self) -> str:
        if not self.field:
            where = ""
        elif PLAIN_FIELD.fullmatch(self.field):
            where = f", field '{self.field}'"
        else:
            where = f", {self.field}"
        return f"{self.path}{where}: {self.message}"


PLAIN_FIELD = re.compile(r"[\w.]+")


@dataclass(frozen=True)
class Catalogue:
    organisations: dict[str, Organisation]
    roles: dict[str, RoleProfile]
    errors: tuple[LoadError, ...] = ()  # every problem; a file with problems does not load
    files: dict[str, Path] = field(default_factory=dict)
    root: Path = DATA_DIR
    organisation_files: int = 0  # files read, loaded or not
    role_files: int = 0

    @property
    def broken_files(self) -> tuple[Path, ...]:
        """The files that did not load, each once."""
        return tuple(dict.fromkeys(e.path for e in self.errors))

    def role(self, role_id: str) -> RoleProfile:
        try:
            return self.roles[role_id]
        except KeyError:
            raise UnknownRole(role_id) from None

    def organisation_of(self, role: RoleProfile) -> Organisation:
        return self.organisations[role.organisation]


def _field_path(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc)


# libyaml's safe loader parses the catalogue several times faster than the pure-Python one
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path, shown: Path) -> tuple[Any, LoadError | None]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, LoadError(shown, "", "is not UTF-8 text; save it as UTF-8 YAML")
    try:
        return yaml.load(text, Loader=SAFE_LOADER), None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        return None, LoadError(shown, "", f"is not valid YAML{where}: {problem}")


Check = Callable[[dict[str, Any]], tuple[str, str] | None]


def _validate(
    model: type[M], path: Path, shown: Path, check: Check | None = None
) -> tuple[M | None, list[LoadError]]:
    """The model in `path`, or every problem with it. `check` looks at the raw mapping first:
    a (field, message) it finds comes first and stands in for the model's whole-file checks."""
    raw, error = _read_yaml(path, shown)
    if error:
        return None, [error]
    if not isinstance(raw, dict):
        return None, [LoadError(shown, "", "must hold a mapping of fields (name: value)")]
    said = check(raw) if check else None
    first = LoadError(shown, *said) if said else None
    try:
        loaded = model.model_validate(raw)
    except ValidationError as exc:
        found = [e for e in exc.errors() if not (first and e["loc"] == ())]
        return None, ([first] if first else []) + [
            LoadError(shown, where, what) for where, what in problems(raw, found)
        ]
    return (None, [first]) if first else (loaded, [])


def folder_problem(root: Path) -> str | None:
    """Why `root` cannot be the catalogue folder ("the catalogue folder X " + this), or None."""
    how = "set CATALOGUE_DIR (or --catalogue) to the folder holding organisations/ and roles/"
    if not root.is_dir():
        return f"does not exist; {how}"
    if not any((root / "organisations").glob("*.yaml")) and not any(
        (root / "roles").rglob("*.yaml")
    ):
        return f"holds no organisations/*.yaml or roles/ files; {how}"
    return None


def load_catalogue(root: Path = DATA_DIR) -> Catalogue:
    """Load every organisation and role under `root`; broken files become `errors`."""
    problem = folder_problem(root)
    if problem:
        return Catalogue({}, {}, (LoadError(root, "", problem),), root=root)
    errors: list[LoadError] = []
    organisations: dict[str, Organisation] = {}
    broken: dict[str, Path] = {}  # file name (ashford for ashford.yaml) -> file not loaded
    roles: dict[str, RoleProfile] = {}
    files: dict[str, Path] = {}

    def shown(path: Path) -> Path:
        try:
            return path.relative_to(root.parent)
        except ValueError:
            return path

    org_paths = sorted((root / "organisations").glob("*.yaml"))
    for path in org_paths:
        org, found = _validate(Organisation, path, shown(path))
        errors += found
        if org is not None and org.id in organisations:
            errors.append(LoadError(shown(path), "id", f"repeats organisation id '{org.id}'"))
        elif org is not None:
            organisations[org.id] = org
        else:
            broken[path.stem] = shown(path)

    def known_organisation(raw: dict[str, Any]) -> tuple[str, str] | None:
        """Before the model's checks, which would otherwise ask to rename the role's id."""
        name = raw.get("organisation")
        if not isinstance(name, str) or name in organisations:
            return None
        if name in broken:
            why = f"whose file {broken[name]} did not load; fix that file first"
        else:
            why = (
                "which is not in the catalogue; its organisations are: "
                f"{', '.join(sorted(organisations)) or 'none'}. Fix the organisation: field "
                f"or add {shown(root / 'organisations' / f'{name}.yaml')}"
            )
        return "organisation", f"names organisation '{name}', {why}"

    role_paths = sorted((root / "roles").rglob("*.yaml"))
    for path in role_paths:
        role, found = _validate(RoleProfile, path, shown(path), known_organisation)
        errors += found
        if role is None:
            continue
        if role.id in roles:
            errors.append(
                LoadError(shown(path), "id", f"repeats role id '{role.id}' of {files[role.id]}")
            )
            continue
        roles[role.id] = role
        files[role.id] = shown(path)

    return Catalogue(
        organisations, roles, tuple(errors), files, root, len(org_paths), len(role_paths)
    )


class PolicyFileError(ValueError):
    """A policy file that cannot be used, in words a person can act on."""


def load_policy_file(path: Path) -> GuaranteedInterviewPolicy:
    """An interview-scheme policy written on its own (the mapping under `guaranteed_interview:`,
    or a whole organisation file), to try a draft before recording it."""
    raw, error = _read_yaml(path, path)
    if error:
        raise PolicyFileError(str(error))
    if isinstance(raw, dict) and "guaranteed_interview" in raw:
        raw = raw["guaranteed_interview"]
    if not isinstance(raw, dict):
        raise PolicyFileError(f"{path}: must hold a policy (version, source, schemes)")
    try:
        return GuaranteedInterviewPolicy.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise PolicyFileError(
            str(LoadError(path, _field_path(first["loc"]), describe(first)))
        ) from None
