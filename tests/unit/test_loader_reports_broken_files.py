"""A broken catalogue file gives one clear error naming the file and field; the rest loads."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from criteria.loader import load_catalogue
from criteria.schema import RoleProfile


def test_a_bad_value_names_the_file_and_the_field_and_the_rest_loads(data_copy: Path) -> None:
    role_file = data_copy / "roles" / "darlington" / "housing-income-management-officer.yaml"
    role_file.write_text(
        role_file.read_text().replace("requirement: desirable", "requirement: desireable", 1)
    )

    catalogue = load_catalogue(data_copy)

    assert len(catalogue.errors) == 1
    message = str(catalogue.errors[0])
    assert message.startswith("data/roles/darlington/housing-income-management-officer.yaml")
    assert "criterion c1 (number 1), field 'requirement'" in message
    assert "'essential' or 'desirable'" in message and "'desireable'" in message
    assert "darlington-housing-income-management-officer" not in catalogue.roles
    assert len(catalogue.roles) == 29, "every other role still loads"
    assert "darlington" in catalogue.organisations


def test_invalid_yaml_gives_the_line_and_the_rest_loads(data_copy: Path) -> None:
    role_file = data_copy / "roles" / "dartford" / "visiting-officer.yaml"
    role_file.write_text(role_file.read_text() + "\ncriteria: [unclosed\n")

    catalogue = load_catalogue(data_copy)

    (error,) = catalogue.errors
    assert "data/roles/dartford/visiting-officer.yaml" in str(error)
    assert "is not valid YAML at line" in str(error)
    assert "dartford-housing-scheme-officer" in catalogue.roles


def test_a_misspelt_field_is_reported_as_unknown(data_copy: Path) -> None:
    org_file = data_copy / "organisations" / "ashford.yaml"
    org_file.write_text(org_file.read_text().replace("short_name:", "shortname:"))

    catalogue = load_catalogue(data_copy)

    messages = [str(e) for e in catalogue.errors]
    assert messages[0].startswith("data/organisations/ashford.yaml, field 'shortname'")
    assert "not a field the catalogue knows (did you mean 'short_name'?)" in messages[0]
    # The role of the broken organisation cannot load either, and says why.
    assert any(
        "housing-options-officer.yaml, field 'organisation'" in m and "did not load" in m
        for m in messages
    )
    assert {"dartford", "darlington", "medway"} <= set(catalogue.organisations)
    assert len(catalogue.roles) == 29


def test_a_repeated_role_id_is_refused_and_the_first_kept(data_copy: Path) -> None:
    original = data_copy / "roles" / "dartford" / "visiting-officer.yaml"
    (data_copy / "roles" / "dartford" / "zz-copy.yaml").write_text(original.read_text())

    catalogue = load_catalogue(data_copy)

    (error,) = catalogue.errors
    assert "zz-copy.yaml, field 'id'" in str(error)
    assert "repeats role id 'dartford-visiting-officer'" in str(error)
    assert catalogue.files["dartford-visiting-officer"].name == "visiting-officer.yaml"


def test_a_file_that_is_not_a_mapping_is_reported(data_copy: Path) -> None:
    (data_copy / "roles" / "medway" / "empty.yaml").write_text("- just\n- a list\n")
    (error,) = load_catalogue(data_copy).errors
    assert "empty.yaml: must hold a mapping" in str(error)


def base_role(**changes: object) -> dict[str, object]:
    role: dict[str, object] = {
        "id": "dartford-test",
        "title": "Test",
        "organisation": "dartford",
        "grade": "E",
        "purpose": "Testing",
        "source": "test",
        "criteria": [
            {"id": "c1", "text": "One", "category": "skills", "requirement": "essential"},
        ],
    }
    role.update(changes)
    return role


def test_criterion_ids_must_be_unique_within_a_role() -> None:
    crit = {"id": "c1", "text": "One", "category": "skills", "requirement": "essential"}
    with pytest.raises(ValidationError, match="repeated: \\['c1'\\]"):
        RoleProfile.model_validate(base_role(criteria=[crit, crit]))


def test_a_role_id_must_start_with_its_organisation() -> None:
    with pytest.raises(ValidationError, match="must start with its organisation id"):
        RoleProfile.model_validate(base_role(id="medway-test"))


def test_a_criterion_cannot_name_a_grade_the_role_does_not_have() -> None:
    crit = {
        "id": "c1",
        "text": "One",
        "category": "skills",
        "requirement": "essential",
        "grades": ["scp-1-2"],
    }
    with pytest.raises(ValidationError, match="names grades this role does not have"):
        RoleProfile.model_validate(base_role(criteria=[crit]))


def test_a_role_needs_criteria() -> None:
    with pytest.raises(ValidationError, match="needs criteria"):
        RoleProfile.model_validate(base_role(criteria=[]))
