"""Load and validate the catalogue under data/.

Every file is checked on its own: a broken file gives one clear error naming the file and the
field, and everything else still loads.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

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
    field: str
    message: str

    def __str__(self) -> str:
        where = f", field '{self.field}'" if self.field else ""
        return f"{self.path}{where}: {self.message}"


@dataclass(frozen=True)
class Catalogue:
    organisations: dict[str, Organisation]
    roles: dict[str, RoleProfile]
    errors: tuple[LoadError, ...] = ()
    files: dict[str, Path] = field(default_factory=dict)

    def role(self, role_id: str) -> RoleProfile:
        try:
            return self.roles[role_id]
        except KeyError:
            raise UnknownRole(role_id) from None

    def organisation_of(self, role: RoleProfile) -> Organisation:
        return self.organisations[role.organisation]


def _field_path(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc)


def _known_fields() -> list[str]:
    """Every field name a catalogue file may use, for spelling suggestions."""
    names: set[str] = set()
    for model in (Organisation, RoleProfile):
        stack: list[type[BaseModel]] = [model]
        while stack:
            current = stack.pop()
            for name, info in current.model_fields.items():
                names.add(name)
                for arg in getattr(info.annotation, "__args__", ()) + (info.annotation,):
                    if isinstance(arg, type) and issubclass(arg, BaseModel) and arg not in stack:
                        stack.append(arg)
    return sorted(names)


def _describe(error: Any) -> str:
    message = str(error["msg"])
    if error["type"] == "extra_forbidden":
        field = str(error["loc"][-1]) if error["loc"] else ""
        close = difflib.get_close_matches(field, _known_fields(), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"is not a field the catalogue knows{hint}; check its spelling or remove it"
    if error["type"] == "missing":
        return "is required but missing"
    value = error.get("input")
    if isinstance(value, str | int | float | bool) and error["loc"]:
        return f"{message} (found {value!r})"
    return message


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


def _validate(model: type[M], path: Path, shown: Path) -> tuple[M | None, LoadError | None]:
    raw, error = _read_yaml(path, shown)
    if error:
        return None, error
    if not isinstance(raw, dict):
        return None, LoadError(shown, "", "must hold a mapping of fields (name: value)")
    try:
        return model.model_validate(raw), None
    except ValidationError as exc:
        errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        first = errors[0]  # a misspelt field explains the "missing" error it causes
        extra = len(errors) - 1
        more = (
            f" (and {extra} more problem{'s' if extra > 1 else ''} in this file)" if extra else ""
        )
        return None, LoadError(shown, _field_path(first["loc"]), _describe(first) + more)


def load_catalogue(root: Path = DATA_DIR) -> Catalogue:
    """Load every organisation and role under `root`; broken files become `errors`."""
    errors: list[LoadError] = []
    organisations: dict[str, Organisation] = {}
    roles: dict[str, RoleProfile] = {}
    files: dict[str, Path] = {}

    def shown(path: Path) -> Path:
        try:
            return path.relative_to(root.parent)
        except ValueError:
            return path

    for path in sorted((root / "organisations").glob("*.yaml")):
        org, error = _validate(Organisation, path, shown(path))
        if error:
            errors.append(error)
        elif org is not None:
            if org.id in organisations:
                errors.append(LoadError(shown(path), "id", f"repeats organisation id '{org.id}'"))
                continue
            organisations[org.id] = org

    for path in sorted((root / "roles").rglob("*.yaml")):
        role, error = _validate(RoleProfile, path, shown(path))
        if error:
            errors.append(error)
            continue
        assert role is not None
        if role.organisation not in organisations:
            errors.append(
                LoadError(
                    shown(path),
                    "organisation",
                    f"names organisation '{role.organisation}', which did not load; "
                    "fix or add data/organisations/" + role.organisation + ".yaml",
                )
            )
            continue
        if role.id in roles:
            errors.append(
                LoadError(shown(path), "id", f"repeats role id '{role.id}' of {files[role.id]}")
            )
            continue
        roles[role.id] = role
        files[role.id] = shown(path)

    return Catalogue(organisations, roles, tuple(errors), files)


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
            str(LoadError(path, _field_path(first["loc"]), _describe(first)))
        ) from None
