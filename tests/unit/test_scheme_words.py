"""Reasons read naturally for any scheme name, every claimed scheme is answered in the reason
(applied or not, with the route or condition that failed), and the JSON says per scheme
whether it applied and why (issue 28, item 5)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from criteria.policy import GuaranteedInterviewPolicy
from scoring.applications import ArmedForcesStatus, Relationship
from scoring.rules.outcomes import Outcome
from scoring.rules.shortlist import shortlist
from scoring.words.scheme_names import the_scheme, the_schemes
from tests.factories import application, criterion, scores, vacancy

E1 = criterion("e1", number=1, text="Experience of rent recovery")


def gis_policy(name: str) -> GuaranteedInterviewPolicy:
    """A disability scheme under the given name, and an armed forces scheme for those who have
    left (no serving route)."""
    return GuaranteedInterviewPolicy.model_validate(
        {
            "version": "test",
            "source": "test",
            "schemes": [
                {
                    "id": "gis",
                    "name": name,
                    "explanation": "test",
                    "routes": [{"id": "disabled", "conditions": [{"disability_declared": True}]}],
                },
                {
                    "id": "armed_forces",
                    "name": "Armed Forces",
                    "explanation": "test",
                    "routes": [
                        {
                            "id": "recent-leaver",
                            "name": "left within three years",
                            "conditions": [
                                {"armed_forces": "left"},
                                {"whose_service": "self"},
                                {"left_within": "3 years"},
                            ],
                        }
                    ],
                },
            ],
        }
    )


def decide(policy: GuaranteedInterviewPolicy, score: int, withdrawn: bool = False, **declared):  # type: ignore[no-untyped-def]
    v = vacancy([E1], policy=policy, slots=1)
    apps = [
        application("TOP"),
        application("A", withdrawn=withdrawn, **declared),
    ]
    table = {"TOP": {"e1": (3, 3)}, "A": {"e1": (score, score)}}
    return shortlist(v, apps, scores(table)).by_id()["A"]


# --- (a) the scheme's name in a sentence ----------------------------------------------------


def test_a_name_that_says_scheme_gets_no_second_scheme() -> None:
    d = decide(gis_policy("Guaranteed Interview Scheme (GIS)"), 2, disability=True)
    assert d.decision is Outcome.SHORTLISTED_UNDER_SCHEME
    assert "under the Guaranteed Interview Scheme (GIS) (" in d.reason
    assert "scheme scheme" not in d.reason.lower() and "(GIS) scheme" not in d.reason


def test_the_scheme_phrases() -> None:
    assert the_scheme("Armed Forces") == "the Armed Forces scheme"
    assert (
        the_scheme("Guaranteed Interview Scheme (GIS)") == "the Guaranteed Interview Scheme (GIS)"
    )
    assert the_scheme("the disability scheme", start=True) == "The disability scheme"
    assert the_schemes(["A", "B scheme"]) == "the A scheme and the B scheme"


names = st.text(min_size=1, max_size=40).filter(lambda n: n.strip() != "")


@given(name=names, start=st.booleans())
def test_the_phrase_never_says_scheme_twice_and_always_holds_the_name(
    name: str, start: bool
) -> None:
    said = the_scheme(name, start=start)
    assert name.strip()[1:] in said
    if "scheme scheme" not in name.lower():
        assert "scheme scheme" not in said.lower()


@given(name=st.sampled_from(["", " (GIS)", "s", " Scheme", " scheme (GIS)"]), stem=names)
def test_names_built_around_the_word_scheme(name: str, stem: str) -> None:
    full = f"{stem.strip()} scheme{name}".strip()
    said = the_scheme(full)
    assert full[1:] in said
    if "scheme scheme" not in full.lower():
        assert "scheme scheme" not in said.lower()


# --- (b) every claimed scheme is answered ---------------------------------------------------


def test_a_serving_applicant_refused_under_a_scheme_with_no_serving_route_is_told_why() -> None:
    d = decide(
        gis_policy("Disability Confident"),
        2,
        armed_forces_status=ArmedForcesStatus.SERVING,
        armed_forces_date=date(2026, 3, 1),
        armed_forces_relationship=Relationship.SELF,
    )
    assert d.decision is Outcome.NOT_SHORTLISTED
    assert "The Armed Forces scheme did not apply" in d.reason
    assert "left within three years: declared as serving in the armed forces" in d.reason


def test_a_claimed_scheme_is_answered_beside_a_failed_essential() -> None:
    d = decide(
        gis_policy("Disability Confident"),
        0,
        armed_forces_status=ArmedForcesStatus.LEFT,
        armed_forces_date=date(2015, 1, 1),
        armed_forces_relationship=Relationship.SELF,
    )
    assert d.decision is Outcome.NOT_SHORTLISTED
    assert "The Armed Forces scheme did not apply" in d.reason
    assert "more than three years" in d.reason


statuses = st.sampled_from(list(ArmedForcesStatus))


@given(
    status=statuses,
    when=st.one_of(st.none(), st.dates(date(2010, 1, 1), date(2030, 1, 1))),
    disabled=st.booleans(),
    score=st.sampled_from([0, 2, 3]),
)
def test_every_claimed_scheme_is_named_in_the_reason(
    status: ArmedForcesStatus, when: date | None, disabled: bool, score: int
) -> None:
    d = decide(
        gis_policy("Guaranteed Interview Scheme"),
        score,
        disability=disabled,
        armed_forces_status=status,
        armed_forces_date=when,
        armed_forces_relationship=Relationship.SELF,
    )
    claimed = {o.scheme_name for o in d.scheme_outcomes}
    assert ("Armed Forces" in claimed) is (status is not ArmedForcesStatus.NONE)
    for name in claimed:
        if d.decision is Outcome.SHORTLISTED_ON_MERIT and name == "Guaranteed Interview Scheme":
            continue  # "Also eligible under ..." names it without "the"
        assert the_scheme(name) in d.reason.replace("The ", "the ")


# --- (c) the JSON says per scheme whether it applied and why --------------------------------


def test_the_json_says_whether_each_scheme_applied_and_why() -> None:
    policy = gis_policy("Disability Confident")
    gone = decide(policy, 2, withdrawn=True, disability=True)
    (answer,) = gone.to_json()["scheme_outcomes"]
    assert answer["scheme"] == "gis" and answer["applied"] is False
    assert answer["status"] == "applies" and "withdrawn" in answer["reason"]
    assert gone.to_json()["schemes"] == ["gis"]  # kept: the schemes whose conditions hold

    failed = decide(policy, 0, disability=True).to_json()["scheme_outcomes"][0]
    assert failed["applied"] is False and "minimum criteria" in failed["reason"]

    given_it = decide(policy, 2, disability=True).to_json()["scheme_outcomes"][0]
    assert given_it["applied"] is True and given_it["route"] == "disabled"

    serving = decide(
        policy,
        2,
        armed_forces_status=ArmedForcesStatus.SERVING,
        armed_forces_date=date(2026, 3, 1),
    ).to_json()["scheme_outcomes"]
    assert [(s["scheme"], s["applied"], s["status"]) for s in serving] == [
        ("armed_forces", False, "does_not_apply")
    ]
    assert "declared as serving" in serving[0]["reason"]
