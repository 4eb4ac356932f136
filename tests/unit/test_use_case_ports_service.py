"""Each use case's repository Protocol (use_cases/ports/) lists exactly the repository
functions the use case calls: a call added without its Protocol fails mypy, and a function
left in a Protocol after its last call is gone fails here, so each stays the narrow list of
what its use case needs. The shared checks on `UseCase` have their own Protocol, which every
other extends."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import sys
import textwrap

import pytest

import use_cases
from storage.repository import REPOSITORY
from use_cases.common import UseCase
from use_cases.ports.common import UseCaseRepository

MODULES = [
    importlib.import_module(f"use_cases.{m.name}")
    for m in pkgutil.iter_modules(use_cases.__path__)
    if not m.ispkg
]
USE_CASES = sorted(
    (
        c
        for module in MODULES
        for c in vars(module).values()
        if isinstance(c, type) and issubclass(c, UseCase) and c is not UseCase
        and c.__module__ == module.__name__
    ),
    key=lambda c: c.__name__,
)  # fmt: skip


def called(cls: type) -> set[str]:
    """The repository functions the class's own code calls (`self.repo.NAME`)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    return {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == "repo"
        and isinstance(node.value.value, ast.Name)
        and node.value.value.id == "self"
    }


def listed(protocol: type) -> set[str]:
    """The functions a Protocol lists, its own and those it extends."""
    return {
        name
        for base in protocol.__mro__
        if getattr(base, "_is_protocol", False)
        for name, value in vars(base).items()
        if callable(value) and not name.startswith("_")
    }


def protocol_of(cls: type) -> type:
    annotation = cls.__annotations__["repo"]
    found: type = vars(sys.modules[cls.__module__])[annotation]
    return found


def test_every_use_case_is_found() -> None:
    assert len(USE_CASES) >= 20 and {"Letters", "ScoreWrites", "Sessions"} <= {
        c.__name__ for c in USE_CASES
    }


@pytest.mark.parametrize("cls", USE_CASES, ids=lambda c: c.__name__)
def test_each_use_case_takes_its_own_protocol_over_the_shared_checks(cls: type) -> None:
    protocol = protocol_of(cls)
    assert protocol.__name__ == f"{cls.__name__}Repository"
    assert protocol.__module__.startswith("use_cases.ports.")
    assert getattr(protocol, "_is_protocol", False)
    assert UseCaseRepository in protocol.__mro__
    assert inspect.signature(cls).parameters["repo"].annotation == protocol.__name__


@pytest.mark.parametrize("cls", USE_CASES, ids=lambda c: c.__name__)
def test_each_protocol_lists_exactly_the_functions_its_use_case_calls(cls: type) -> None:
    assert listed(protocol_of(cls)) == called(cls) | called(UseCase)


def test_the_shared_checks_protocol_lists_exactly_what_they_call() -> None:
    assert listed(UseCaseRepository) == called(UseCase)


@pytest.mark.parametrize("cls", USE_CASES, ids=lambda c: c.__name__)
def test_the_repository_has_every_function_each_protocol_lists(cls: type) -> None:
    assert all(callable(getattr(REPOSITORY, name, None)) for name in listed(protocol_of(cls)))
