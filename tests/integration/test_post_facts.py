"""Issue 28, item 4, on real databases: what HR records about the post for the interview
schemes' `covers` is stored with the vacancy and read back (its grade from the role snapshot);
a vacancy made before migration 0012 records none; the migration adds the columns the tables
declare and goes down again."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, update

from criteria.loader import Catalogue
from scoring.vacancy import PostFacts
from storage import tables
from storage.db import make_engine
from storage.migrate import alembic_config
from storage.store import Store
from tests.integration.helpers import DARLINGTON_ROLE, make_world
from tests.pg import new_database
from use_cases import Services, VacancyRequest
from use_cases.post_answers import PostAnswers
from use_cases.vacancy_lifecycle import VacancyEdit

COLUMNS = {"advertised", "salary_from", "salary_to", "role_family"}


def test_the_posts_facts_round_trip(services: Services, shared_catalogue: Catalogue) -> None:
    world = make_world(services, import_sample=False)
    post = PostAnswers(
        advertised="internal", salary_from=31182, salary_to=33958, role_family="Income"
    )
    made = services.vacancies.create_vacancy(
        world.hr, VacancyRequest(role_id=DARLINGTON_ROLE, post=post)
    )
    grade = shared_catalogue.role(DARLINGTON_ROLE).grade
    expected = PostFacts(
        advertised="internal", salary_from=31182, salary_to=33958, grade=grade,
        role_family="Income",
    )  # fmt: skip
    assert made.rules.post == expected
    assert services.vacancies.get_vacancy(world.hr, made.id).rules.post == expected

    edited = services.lifecycle.edit(
        world.hr, made.id, VacancyEdit(post=PostAnswers(advertised="external")),
        expected_version=made.version,
    )  # fmt: skip
    assert edited.rules.post == PostFacts(advertised="external", grade=grade)


def test_a_vacancy_made_before_the_question_records_nothing(
    services: Services, store: Store
) -> None:
    world = make_world(services, import_sample=False)
    with store.writing() as session:  # as migration 0012 leaves a vacancy made before it
        session.execute(
            update(tables.Vacancy)
            .where(tables.Vacancy.id == world.vacancy.id)
            .values(dict.fromkeys(COLUMNS))
        )
    facts = services.vacancies.get_vacancy(world.hr, world.vacancy.id).rules.post
    assert (facts.advertised, facts.salary_range, facts.role_family) == (None, None, None)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def owned_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Engine:
    """An empty database (on PostgreSQL, as its owner, who migrates)."""
    if request.param == "sqlite":
        return make_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    return make_engine(new_database(request.getfixturevalue("postgres_base")))


def migrate(engine: Engine, revision: str, *, down: bool = False) -> set[str]:
    """The vacancies' columns after moving to `revision`."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)
    return {c["name"] for c in inspect(engine).get_columns("vacancies")}


@pytest.mark.filterwarnings("ignore::UserWarning", "ignore:Skipped unsupported reflection")
def test_the_migration_matches_the_tables_and_goes_down_again(owned_engine: Engine) -> None:
    assert COLUMNS <= migrate(owned_engine, "head")
    with owned_engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), tables.Base.metadata)
    assert [d for d in differences if any(c in repr(d) for c in COLUMNS)] == []
    assert not COLUMNS & migrate(owned_engine, "0011", down=True)
    assert COLUMNS <= migrate(owned_engine, "head")
    owned_engine.dispose()
