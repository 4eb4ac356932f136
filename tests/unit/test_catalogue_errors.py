"""Issue 18, item 8: every problem in a broken catalogue file, each naming the file, the
criterion (by id and number, never by list position) and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from criteria.__main__ import main
from criteria.load_errors import describe, ordinal, problems
from criteria.loader import LoadError, load_catalogue
from criteria.schema import RoleProfile

DARLINGTON = Path("roles/darlington/housing-income-management-officer.yaml")
MEDWAY = Path("roles/medway/data-and-insight-officer.yaml")
ASHFORD = Path("roles/ashford/housing-options-officer.yaml")
DARTFORD_ORG = Path("organisations/dartford.yaml")


def edit(root: Path, file: Path, old: str, new: str) -> None:
    path = root / file
    text = path.read_text()
    assert old in text, f"{old!r} is not in {file}"
    path.write_text(text.replace(old, new, 1))


def errors_in(root: Path, file: Path) -> list[str]:
    shown = Path(root.name) / file
    return [str(e) for e in load_catalogue(root).errors if e.path == shown]


# --- Places: the criterion's id and number, not `criteria.3` ------------------------------------


def test_a_criterion_is_named_by_its_id_and_number(data_copy: Path) -> None:
    edit(data_copy, DARLINGTON, "{id: c4, number: 4,", "{id: c4, number: 4, weight: heavy,")
    edit(data_copy, DARLINGTON, "requirement: essential, group: Experience & Knowledge}", "requirement: must, group: Experience & Knowledge}")  # fmt: skip

    errors = errors_in(data_copy, DARLINGTON)

    file = "data/roles/darlington/housing-income-management-officer.yaml"
    assert f"{file}, criterion c3 (number 3), field 'requirement': should be 'essential' or 'desirable' (found 'must')" in errors  # fmt: skip
    assert any(e.startswith(f"{file}, criterion c4 (number 4), field 'weight': ") for e in errors)
    assert not any("criteria.2" in e or "criteria.3" in e for e in errors)


def test_a_levelled_criterion_is_named_by_its_level_and_id(data_copy: Path) -> None:
    edit(data_copy, MEDWAY, "{id: a-skl-3, text:", "{id: a-skl-3, number: 4, weight: heavy, text:")

    (error,) = errors_in(data_copy, MEDWAY)

    assert error.startswith(
        "data/roles/medway/data-and-insight-officer.yaml, "
        "level A, criterion a-skl-3 (number 4), field 'weight': "
    )
    assert "levels.0" not in error and "criteria.11" not in error


def test_a_criterion_without_an_id_is_named_by_its_position_counted_from_one(
    data_copy: Path,
) -> None:
    edit(data_copy, DARLINGTON, "{id: c4, number: 4,", "{number: 4,")

    (error,) = errors_in(data_copy, DARLINGTON)

    assert error == (
        "data/roles/darlington/housing-income-management-officer.yaml, "
        "the 4th criterion (number 4), field 'id': is required but missing; add it"
    )


def test_places_in_an_organisation_name_the_scheme_and_route(data_copy: Path) -> None:
    edit(data_copy, DARTFORD_ORG, "      volume_mode:", "      kind: gis\n      volume_mode:")
    edit(data_copy, DARTFORD_ORG, "- disability_declared: true", "- disability_declared: true\n            - aged_at_most: old")  # fmt: skip

    errors = errors_in(data_copy, DARTFORD_ORG)

    assert errors == [
        "data/organisations/dartford.yaml, guaranteed_interview, scheme disability, "
        "field 'kind': should be 'guaranteed_interview' or 'priority' (found 'gis')",
        "data/organisations/dartford.yaml, guaranteed_interview, scheme disability, "
        "route disabled, the 2nd condition, field 'aged_at_most': should be a valid integer, "
        "unable to parse string as an integer (found 'old')",
    ]


@pytest.mark.parametrize(("n", "word"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"), (21, "21st"), (22, "22nd"), (101, "101st")])  # fmt: skip
def test_ordinals(n: int, word: str) -> None:
    assert ordinal(n) == word


# --- An unknown organisation: fix the organisation, not the role id -----------------------------


def test_an_unknown_organisation_is_named_with_the_organisations_there_are(
    data_copy: Path,
) -> None:
    edit(data_copy, MEDWAY, "organisation: medway", "organisation: medwya")

    errors = errors_in(data_copy, MEDWAY)

    assert errors == [
        "data/roles/medway/data-and-insight-officer.yaml, field 'organisation': names "
        "organisation 'medwya', which is not in the catalogue; its organisations are: ashford, "
        "darlington, dartford, medway. Fix the organisation: field or add "
        "data/organisations/medwya.yaml"
    ]  # and not "role id must start with its organisation id 'medwya-'"


def test_an_unknown_organisation_comes_first_and_the_files_other_problems_follow(
    data_copy: Path,
) -> None:
    edit(data_copy, MEDWAY, "organisation: medway", "organisation: medwya")
    edit(data_copy, MEDWAY, "category: skills, requirement: essential", "category: skills, requirement: must")  # fmt: skip

    errors = errors_in(data_copy, MEDWAY)

    assert len(errors) == 2
    assert "names organisation 'medwya'" in errors[0]
    assert "level A, criterion a-skl-1, field 'requirement'" in errors[1]


# --- YAML booleans ------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["off", "no", "false", "Off"])
def test_an_unquoted_volume_mode_off_means_off(data_copy: Path, written: str) -> None:
    edit(data_copy, DARTFORD_ORG, 'volume_mode: "off"', f"volume_mode: {written}")

    catalogue = load_catalogue(data_copy)

    assert catalogue.errors == ()
    scheme = catalogue.organisations["dartford"].guaranteed_interview.scheme("disability")
    assert scheme is not None and scheme.volume_mode == "off"


def test_a_yaml_true_for_volume_mode_says_to_quote_it(data_copy: Path) -> None:
    edit(data_copy, DARTFORD_ORG, 'volume_mode: "off"', "volume_mode: on")

    (error,) = errors_in(data_copy, DARTFORD_ORG)

    assert error.endswith(
        "scheme disability, field 'volume_mode': should be 'off' or 'limited', "
        "but YAML read `on`/`yes`/`true` as true; put the word in quotes"
    )


def test_a_yaml_boolean_in_a_text_field_says_to_quote_it(data_copy: Path) -> None:
    edit(data_copy, DARLINGTON, "team: Income", "team: Income\nhours: no")

    (error,) = errors_in(data_copy, DARLINGTON)

    assert error == (
        "data/roles/darlington/housing-income-management-officer.yaml, field 'hours': should "
        "be text, but YAML read `off`/`no`/`false` as false; put the word in quotes"
    )
    assert "valid string" not in error


# --- No regular expressions; allowed values in words --------------------------------------------


def test_a_dbs_check_names_the_allowed_checks_not_a_pattern(data_copy: Path) -> None:
    edit(data_copy, DARLINGTON, "dbs_check: enhanced", "dbs_check: full")

    (error,) = errors_in(data_copy, DARLINGTON)

    assert error.endswith(
        "field 'dbs_check': should be 'basic', 'standard' or 'enhanced' (found 'full')"
    )
    assert "^" not in error and "pattern" not in error


def test_an_id_in_the_wrong_form_says_what_form(data_copy: Path) -> None:
    edit(data_copy, DARLINGTON, "{id: c4, number: 4,", "{id: C 4, number: 4,")
    edit(data_copy, MEDWAY, "  - id: B\n", "  - id: b\n")

    (darlington,) = errors_in(data_copy, DARLINGTON)
    (medway,) = errors_in(data_copy, MEDWAY)

    assert darlington.endswith(
        "criterion C 4 (number 4), field 'id': should be lowercase letters and digits, joined "
        "by single hyphens (e.g. 'housing-officer') (found 'C 4')"
    )
    assert medway.endswith("level b, field 'id': should be 'A', 'B' or 'C' (found 'b')")
    assert "^" not in darlington + medway


def test_an_unknown_pattern_is_not_shown() -> None:
    error = {
        "type": "string_pattern_mismatch",
        "loc": ("post_number",),
        "msg": "String should match pattern '^\\d+$'",
        "input": "D1",
        "ctx": {"pattern": "^\\d+$"},
    }
    assert describe(error) == "is not in the expected form (found 'D1')"


def test_a_wrong_category_lists_the_categories(data_copy: Path) -> None:
    edit(data_copy, DARLINGTON, "category: knowledge", "category: knowlege")

    (error,) = errors_in(data_copy, DARLINGTON)

    assert error.endswith(
        "field 'category': should be 'qualifications', 'experience', 'knowledge', 'skills', "
        "'personal_attributes', 'special_requirements' or 'behaviour' (found 'knowlege')"
    )
    assert "Input should be" not in error


def test_a_wrong_stage_in_a_list_of_stages_lists_the_stages(data_copy: Path) -> None:
    edit(data_copy, MEDWAY, "{id: a-skl-3, text:", "{id: a-skl-3, stage: [application, later], text:")  # fmt: skip

    (error,) = errors_in(data_copy, MEDWAY)

    assert "level A, criterion a-skl-3" in error and "'later'" in error
    assert "'application', 'interview', 'test' or 'documents'" in error
    assert "Value error" not in error


def test_an_unknown_grade_is_shown_whole_as_the_schema_words_it(data_copy: Path) -> None:
    edit(data_copy, ASHFORD, "grades: [scp-18-21]}", "grades: [scp-18-12]}")
    raw = yaml.safe_load((data_copy / ASHFORD).read_text())
    with pytest.raises(ValidationError) as raised:
        RoleProfile.model_validate(raw)
    (schema_error,) = raised.value.errors()
    schema_words = str(schema_error["ctx"]["error"])

    (error,) = errors_in(data_copy, ASHFORD)

    assert "scp-18-12" in schema_words
    assert error == f"data/roles/ashford/housing-options-officer.yaml: {schema_words}"


# --- Every problem, misspelt fields first, each once --------------------------------------------


def test_every_problem_in_a_file_is_reported_misspelt_fields_first(data_copy: Path) -> None:
    edit(data_copy, DARLINGTON, "requirement: desirable", "requirement: desireable")
    edit(data_copy, DARLINGTON, "dbs_check: enhanced", "dbs_check: full")
    edit(data_copy, DARLINGTON, "purpose:", "purpse:")

    errors = errors_in(data_copy, DARLINGTON)

    assert len(errors) == 4
    assert "field 'purpse': is not a field the catalogue knows (did you mean 'purpose'?)" in errors[0]  # fmt: skip
    assert {e.split(", ", 1)[1].split(":")[0] for e in errors[1:]} == {
        "field 'purpose'",
        "field 'dbs_check'",
        "criterion c1 (number 1), field 'requirement'",
    }
    assert not any("more problem" in e for e in errors)


def test_a_list_whose_items_failed_is_not_also_said_to_be_empty(data_copy: Path) -> None:
    edit(data_copy, DARTFORD_ORG, "- disability_declared: true", "- disability_declared: maybe")

    errors = errors_in(data_copy, DARTFORD_ORG)

    assert errors == [
        "data/organisations/dartford.yaml, guaranteed_interview, scheme disability, route "
        "disabled, the 1st condition, field 'disability_declared': should be true (found 'maybe')"
    ]
    assert not any("at least 1" in e for e in errors)


def test_an_empty_list_that_needs_entries_says_so(data_copy: Path) -> None:
    edit(data_copy, DARTFORD_ORG, "      routes:\n        - id: disabled", "      routes: []\n      old_routes:\n        - id: disabled")  # fmt: skip

    errors = errors_in(data_copy, DARTFORD_ORG)

    assert "scheme disability, field 'routes': needs at least 1 entry" in errors[1]


def test_the_same_problem_twice_is_reported_once() -> None:
    error = {"type": "missing", "loc": ("title",), "msg": "Field required", "input": {}}
    assert problems({}, [error, dict(error)]) == [("title", "is required but missing; add it")]


def test_check_shows_every_problem_of_every_file_with_plurals_right(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    medway = data_copy / MEDWAY
    criteria = medway.read_text().count("requirement: essential")
    medway.write_text(medway.read_text().replace("requirement: essential", "requirement: must"))
    edit(data_copy, DARLINGTON, "dbs_check: enhanced", "dbs_check: full")

    assert main(["check", "--catalogue", str(data_copy)]) == 1

    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    must = [line for line in lines if "data-and-insight-officer.yaml" in line]
    assert len(must) == criteria > 20  # every criterion of levels A, B and C, none held back
    assert len(lines) == criteria + 1 and not any("more" in line for line in lines)
    assert f"{criteria + 1} problems in 2 files" in captured.out


def test_check_says_1_problem_in_1_file(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(data_copy, DARLINGTON, "dbs_check: enhanced", "dbs_check: full")
    assert main(["check", "--catalogue", str(data_copy)]) == 1
    assert ": 1 problem in 1 file;" in capsys.readouterr().out


def test_broken_files_counts_each_file_once(data_copy: Path) -> None:
    edit(data_copy, DARLINGTON, "dbs_check: enhanced", "dbs_check: full")
    edit(data_copy, DARLINGTON, "requirement: desirable", "requirement: desireable")

    catalogue = load_catalogue(data_copy)

    assert len(catalogue.errors) == 2
    assert catalogue.broken_files == (Path("data") / DARLINGTON,)


def test_a_top_level_field_is_still_written_as_a_field() -> None:
    assert str(LoadError(Path("a.yaml"), "id", "x")) == "a.yaml, field 'id': x"
    assert str(LoadError(Path("a.yaml"), "level A, field 'id'", "x")) == "a.yaml, level A, field 'id': x"  # fmt: skip
    assert str(LoadError(Path("a.yaml"), "", "x")) == "a.yaml: x"
