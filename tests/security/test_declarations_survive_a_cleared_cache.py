"""Hole 3: any browser can send Streamlit's "clear cache" message; the declaration tokens'
salt lived in the cached services object, so a member who ticked a name was recorded with no
conflicts. The salt now comes from the deployment's secret (settings), not from any cache."""

from __future__ import annotations

import pytest
import streamlit as st

from criteria.loader import load_catalogue
from storage.store import open_store
from tests.ui.conftest import demo_mode, isolated_database  # noqa: F401  (fixtures)
from tests.ui.helpers import open_as, services_for
from use_cases import Services
from use_cases.demo import Demo, create_demo


@pytest.fixture
def undeclared(demo_mode: str) -> Demo:  # noqa: F811
    services = Services(open_store(demo_mode, load_catalogue(), demo=True))
    made = create_demo(services)
    services.store.engine.dispose()
    return made


def test_a_name_ticked_before_the_cache_was_cleared_is_recorded(
    undeclared: Demo,
    demo_mode: str,  # noqa: F811
) -> None:
    at = open_as(undeclared, "demo-panel-1", "app_pages/score.py")
    choice = at.multiselect(key="score_declare_known")
    choice.select("Amina Hassan")
    st.cache_resource.clear()  # what a client's "clear cache" message does on the server
    st.cache_data.clear()
    at.button[0].click().run()
    assert not at.exception
    services = services_for(demo_mode)
    hr_account = next(a for a in undeclared.accounts if a.username == "demo-hr")
    hr = services.accounts.authenticate(hr_account.username, hr_account.password)
    entry = next(e for e in services.audit.audit_log(hr, 1) if e.action == "declare_conflicts")
    assert entry.new_value["conflicts"] == ["D001"]


def test_two_service_objects_of_one_deployment_agree_on_the_tokens(store: object) -> None:
    """A rebuilt services object (a cleared cache, a second server process) reads the tokens
    the first one handed out."""
    from tests.integration.helpers import make_world

    first = Services(store)  # type: ignore[arg-type]
    world = make_world(first)
    member = world.panel[0]
    with first.store.writing() as session:  # put the member back before their declaration
        from storage import tables

        seat = session.get(tables.PanelAssignment, (world.vacancy.id, member.user_id))
        seat.conflicts_declared_at = None  # type: ignore[union-attr]
    token = first.declarations.names_for_declaration(member, world.vacancy.id)[0].token
    second = Services(store)  # type: ignore[arg-type]
    assert second.declarations.declare_conflicts(member, world.vacancy.id, [token]) == 1
