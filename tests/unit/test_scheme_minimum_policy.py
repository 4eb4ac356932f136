"""Issue 28, item 3: a mistake in a scheme's `minimum:` is explained by `python -m criteria
check` in words an HR officer can act on (which scheme, which field, what to write), and a
minimum as written survives the vacancy's snapshot of the policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from criteria.__main__ import main
from criteria.policy import GuaranteedInterviewPolicy
from criteria.policy_minimum import (
    AllOfMinimums,
    EachEssentialAtLeast,
    EssentialsShare,
    EveryEssential,
    OwnPassMark,
)

DARTFORD_ORG = Path("organisations/dartford.yaml")
CARE_LEAVER_ROUTE = "        - id: care-leaver\n"
PLACE = "data/organisations/dartford.yaml, guaranteed_interview, scheme care_leaver"


def check_with_minimum(root: Path, minimum: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    path = root / DARTFORD_ORG
    text = path.read_text()
    assert CARE_LEAVER_ROUTE in text
    path.write_text(text.replace("      routes:\n" + CARE_LEAVER_ROUTE, f"      minimum: {minimum}\n      routes:\n" + CARE_LEAVER_ROUTE, 1))  # fmt: skip
    code = main(["check", "--catalogue", str(root)])
    lines = capsys.readouterr().err.splitlines()
    return [str(code), *(x for x in lines if x.startswith("error: data/organisations/"))]


@pytest.mark.parametrize(
    ("minimum", "message"),
    [
        (
            "{essentials_share: 160%}",
            "field 'minimum.essentials_share': a share of the essentials' marks cannot be over "
            "100% (found 160%); write the percentage the scheme asks, such as '60%'",
        ),
        (
            "{essentials_share: 0.6}",
            "field 'minimum.essentials_share': the share is a percentage of the marks, at least "
            "1% (found 0.6); for 0.6 of the marks write '60%'",
        ),
        (
            "{essentials_share: sixty}",
            "field 'minimum.essentials_share': write the share as a percentage such as '60%' "
            "(found 'sixty')",
        ),
        (
            "{each_essential_at_least: 9}",
            "field 'minimum.each_essential_at_least': the minimum score on each essential must "
            "be a whole number on the vacancy's scale (0 to 7 on the scales the tool offers: "
            "0-3, 0-2, 0-5, 1-5 and 1-7); found 9",
        ),
        (
            "{pass_mark: -4}",
            "field 'minimum.pass_mark': the scheme's pass mark is a total of 0 or more, on the "
            "vacancy's total (found -4)",
        ),
        (
            "{essential_share: 60%}",
            "field 'minimum': a scheme's minimum is one of: 'every_essential', "
            "'{each_essential_at_least: 2}', '{essentials_share: 60%}' or '{pass_mark: 18}'",
        ),
        (
            "all essentials",
            "field 'minimum': a scheme's minimum is one of: 'every_essential', "
            "'{each_essential_at_least: 2}', '{essentials_share: 60%}' or '{pass_mark: 18}' "
            "(found 'all essentials')",
        ),
        (
            "[{essentials_share: 60%}]",
            "field 'minimum': a list under 'minimum:' holds two or more tests, all of "
            "which an applicant must pass; for one test write it alone, such as "
            "'minimum: {essentials_share: 60%}'",
        ),
    ],
)
def test_check_explains_a_mistake_in_a_schemes_minimum(
    data_copy: Path, capsys: pytest.CaptureFixture[str], minimum: str, message: str
) -> None:
    code, *errors = check_with_minimum(data_copy, minimum, capsys)
    assert code == "1"
    assert errors == [f"error: {PLACE}, {message}"]


@pytest.mark.parametrize(
    "minimum",
    [
        "every_essential",
        "{each_essential_at_least: 2}",
        "{essentials_share: 60%}",
        "{pass_mark: 18}",
        "[{essentials_share: 60%}, {each_essential_at_least: 2}]",
    ],
)
def test_check_accepts_each_kind_of_minimum(
    data_copy: Path, capsys: pytest.CaptureFixture[str], minimum: str
) -> None:
    code, *errors = check_with_minimum(data_copy, minimum, capsys)
    assert (code, errors) == ("0", [])


def test_each_minimum_survives_the_vacancys_snapshot_of_the_policy() -> None:
    written = [
        None,
        "every_essential",
        {"each_essential_at_least": 2},
        {"essentials_share": "62.5%"},
        {"pass_mark": 18},
        [{"essentials_share": "60%"}, {"each_essential_at_least": 2}],
    ]
    expected = [
        EveryEssential(),
        EveryEssential(),
        EachEssentialAtLeast(each_essential_at_least=2),
        EssentialsShare(essentials_share=62.5),
        OwnPassMark(pass_mark=18),
        AllOfMinimums(
            all_of=(
                EssentialsShare(essentials_share=60),
                EachEssentialAtLeast(each_essential_at_least=2),
            )
        ),
    ]
    schemes = [
        {
            "id": f"s{n}", "name": f"S{n}", "explanation": "x",
            "routes": [{"id": "r", "conditions": [{"care_leaver": True}]}],
            **({} if m is None else {"minimum": m}),
        }
        for n, m in enumerate(written)
    ]  # fmt: skip
    policy = GuaranteedInterviewPolicy.model_validate(
        {"version": "1", "source": "x", "schemes": schemes}
    )
    assert [s.minimum for s in policy.schemes] == expected
    snapshot = GuaranteedInterviewPolicy.model_validate(policy.model_dump(mode="json"))
    assert snapshot == policy
