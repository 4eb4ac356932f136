"""The armed forces conditions against the date: a date of leaving after the reference date
means not left yet (assessed as serving, that date the discharge date), a discharge date
already past means left; and a blank "whose service" is asked, never taken as the applicant's
own, wherever the route does not cover everyone. Properties over leap days, 29 February,
inclusive ends, future dates and blank fields, for every armed forces condition."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from criteria.policy_conditions import (
    ArmedForces,
    LeftWithin,
    WhoseService,
    WithinWeeksBeforeDischarge,
)
from formats.interchange import read_applications
from scoring.applications import ArmedForcesStatus, Declarations, Relationship
from scoring.rules.armed_forces_conditions import (
    armed_forces,
    left_within,
    whose_service,
    within_weeks_before_discharge,
)
from scoring.rules.conditions import assess
from scoring.rules.dates import add_months
from scoring.rules.guaranteed_interview import SchemeStatus, assess_schemes
from tests.unit.test_guaranteed_interview import (
    ANY_ONE_OF,
    LEFT_LONG_TERM,
    RESERVISTS_SHAPE,
    SERVING_12_WEEKS,
    forces_policy,
)

REF = date(2026, 1, 20)
LEAP_DAYS = [date(2024, 2, 29), date(2028, 2, 29), date(2025, 2, 28), date(2025, 3, 1)]
days = st.one_of(
    st.dates(min_value=date(2016, 1, 1), max_value=date(2034, 12, 31)),
    st.sampled_from(LEAP_DAYS),
)
maybe_day = st.one_of(st.none(), days)
# A date and a reference date near it (either side, the same day, whole weeks and years apart).
offsets = st.one_of(
    st.integers(min_value=-2000, max_value=2000),
    st.sampled_from([0, 1, -1, 84, 85, -84, 365, 366, -365, -366, -1826, -1827]),
)


@st.composite
def near(draw: st.DrawFn) -> tuple[date, date]:
    ref = draw(days)
    return ref + timedelta(days=draw(offsets)), ref


gone = st.sampled_from([ArmedForcesStatus.SERVING, ArmedForcesStatus.LEFT])
windows = st.one_of(st.none(), st.integers(min_value=0, max_value=120))


def forces(status: ArmedForcesStatus, when: date | None, **more: object) -> Declarations:
    return Declarations(armed_forces_status=status, armed_forces_date=when, **more)  # type: ignore[arg-type]


def has_left(status: ArmedForcesStatus, when: date, ref: date) -> bool:
    """The date decides: left on or before the reference date; a discharge date on the
    reference date is still serving."""
    return when < ref if status is ArmedForcesStatus.SERVING else when <= ref


# --- item 1: a date of leaving after the reference date -------------------------------------


def test_a_leaving_date_after_the_date_received_is_not_left_within() -> None:
    """The issue's case: 'left' on 1 June 2026, received 20 January 2026 (132 days before)."""
    p = forces_policy(SERVING_12_WEEKS, LEFT_LONG_TERM.format(window="3 years"), whose="self")
    d = forces(
        ArmedForcesStatus.LEFT,
        REF + timedelta(days=132),
        armed_forces_relationship=Relationship.SELF,
        armed_forces_long_term=True,
        armed_forces_opt_in=True,
    )
    (outcome,) = assess_schemes(d, p, REF)
    assert outcome.status is SchemeStatus.DOES_NOT_APPLY
    assert "still serving" in outcome.reason
    assert "more than 12 weeks" in outcome.reason


def test_a_future_leaving_date_is_not_left_under_no_time_limit() -> None:
    f = left_within(
        LeftWithin(left_within=None), forces(ArmedForcesStatus.LEFT, date(2026, 6, 1)), REF
    )
    assert f.holds is False
    assert "no time limit" not in f.text and "has not left" in f.text


def test_a_future_leaving_date_within_the_serving_window_is_serving() -> None:
    d = forces(
        ArmedForcesStatus.LEFT,
        date(2026, 4, 14),  # exactly 12 weeks after the reference date
        armed_forces_relationship=Relationship.SELF,
        armed_forces_opt_in=True,
    )
    (outcome,) = assess_schemes(d, RESERVISTS_SHAPE, REF)
    assert (outcome.status, outcome.route_id) == (SchemeStatus.APPLIES, "route-1")
    assert "within 12 weeks" in outcome.reason
    assert "declared as left, but the date of leaving given, 14 April 2026" in outcome.reason


def test_left_with_no_date_is_asked_the_date_where_a_serving_route_could_apply() -> None:
    """'Left' with the date blank, not long-term: only the serving route could still apply (if
    the date of leaving is ahead), so the date is the fact named."""
    p = forces_policy(SERVING_12_WEEKS, LEFT_LONG_TERM.format(window="5 years"))
    d = forces(ArmedForcesStatus.LEFT, None, armed_forces_long_term=False, armed_forces_opt_in=True)
    (outcome,) = assess_schemes(d, p, REF)
    assert outcome.status is SchemeStatus.NEEDS_INFORMATION
    assert outcome.missing == ("the date of leaving the armed forces",)


@given(status=gone, dates=st.one_of(near(), st.tuples(days, days)), months=windows)
def test_left_within_holds_exactly_when_left_on_or_before_and_inside_the_window(
    status: ArmedForcesStatus, dates: tuple[date, date], months: int | None
) -> None:
    when, ref = dates
    f = left_within(LeftWithin(left_within=months), forces(status, when), ref)
    left = has_left(status, when, ref)
    expected = left and (months is None or ref <= add_months(when, months))
    assert f.holds is expected
    if not left:
        assert "has not left" in f.text


@given(status=gone, dates=near(), weeks=st.integers(min_value=0, max_value=52))
def test_within_weeks_counts_back_from_the_discharge_or_future_leaving_date(
    status: ArmedForcesStatus, dates: tuple[date, date], weeks: int
) -> None:
    when, ref = dates
    c = WithinWeeksBeforeDischarge(within_weeks_before_discharge=weeks)
    f = within_weeks_before_discharge(c, forces(status, when), ref)
    serving = not has_left(status, when, ref)
    assert f.holds is (serving and ref >= when - timedelta(weeks=weeks))


@given(status=gone, dates=near())
def test_the_status_on_the_reference_date_follows_the_date(
    status: ArmedForcesStatus, dates: tuple[date, date]
) -> None:
    when, ref = dates
    d = forces(status, when)
    left = has_left(status, when, ref)
    assert armed_forces(ArmedForces(armed_forces=("left",)), d, ref).holds is left
    assert armed_forces(ArmedForces(armed_forces=("serving",)), d, ref).holds is (not left)
    assert armed_forces(ArmedForces(armed_forces=("serving", "left")), d, ref).holds is True


@given(status=gone, ref=st.one_of(st.none(), days), months=windows, weeks=st.integers(0, 52))
def test_a_blank_date_is_the_missing_fact_wherever_it_could_matter(
    status: ArmedForcesStatus, ref: date | None, months: int | None, weeks: int
) -> None:
    d = forces(status, None)
    within = within_weeks_before_discharge(
        WithinWeeksBeforeDischarge(within_weeks_before_discharge=weeks), d, ref
    )
    assert within.holds is None  # serving: the discharge date; left: it may be ahead
    after = left_within(LeftWithin(left_within=months), d, ref)
    if status is ArmedForcesStatus.SERVING:
        # a discharge date already past would mean left
        assert after.holds is None and after.text == "the expected discharge date"
    elif months is None:
        assert after.holds is True  # no time limit reads no date
    else:
        assert after.holds is None and after.text == "the date of leaving the armed forces"


@given(dates=near(), months=windows)
def test_a_no_limit_route_never_says_left_for_a_date_ahead(
    dates: tuple[date, date], months: int | None
) -> None:
    when, ref = dates
    f = left_within(LeftWithin(left_within=months), forces(ArmedForcesStatus.LEFT, when), ref)
    if when > ref:
        assert f.holds is False and "no time limit" not in f.text


# --- item 2: a blank "whose service" ---------------------------------------------------------


@given(whose=st.sets(st.sampled_from(["self", "spouse_or_civil_partner"]), min_size=1))
def test_a_blank_whose_service_holds_only_when_the_route_covers_everyone(whose: set[str]) -> None:
    f = whose_service(WhoseService(whose_service=tuple(sorted(whose))), Declarations(), REF)
    assert f.holds is (True if len(whose) == 2 else None)
    if f.holds is None:
        assert "whose service it is" in f.text


HEADER = (
    "application_id,received_date,first_name,last_name,email,disability_gis,care_leaver,"
    "armed_forces_status,armed_forces_relationship,armed_forces_date,armed_forces_long_term,"
    "armed_forces_gis,armed_forces_reservist,armed_forces_last_long_term_employer,statement\n"
)
ROWS = (
    "S1,2026-01-20,A,B,,no,no,serving,,2026-03-01,,yes,,,x\n"
    "L1,2026-01-20,A,B,,no,no,left,,2025-06-01,yes,yes,,yes,x\n"
    "R1,2026-01-20,A,B,,no,no,reservist,,,,yes,,,x\n"
    "R2,2026-01-20,A,B,,no,no,none,,,,yes,yes,,x\n"
)


def test_a_blank_whose_service_in_a_file_is_asked_under_a_scheme_that_excludes_spouses() -> None:
    """Serving, left and Reservist answers alike: the blank is not taken as the applicant's
    own (it was, for serving and left, when the file was read)."""
    apps = read_applications((HEADER + ROWS).encode()).applications
    for app in apps:
        assert app.declarations.armed_forces_relationship is None
        (outcome,) = assess_schemes(app.declarations, RESERVISTS_SHAPE, REF)
        assert outcome.status is SchemeStatus.NEEDS_INFORMATION, app.application_id
        assert any("whose service it is" in m for m in outcome.missing)


def test_a_blank_whose_service_is_fine_where_the_route_covers_spouses_too() -> None:
    apps = read_applications((HEADER + ROWS).encode()).applications
    left = next(a for a in apps if a.application_id == "L1")
    statuses = {o.status for o in assess_schemes(left.declarations, ANY_ONE_OF, REF)}
    assert statuses == {SchemeStatus.APPLIES}


@given(status=st.sampled_from(list(ArmedForcesStatus)), when=maybe_day, reservist=st.booleans())
def test_a_blank_whose_service_never_gives_a_self_only_interview(
    status: ArmedForcesStatus, when: date | None, reservist: bool
) -> None:
    d = forces(
        status,
        when,
        armed_forces_opt_in=True,
        armed_forces_last_long_term_employer=True,
        armed_forces_reservist=reservist,
    )
    for outcome in assess_schemes(d, RESERVISTS_SHAPE, REF):
        assert outcome.status is not SchemeStatus.APPLIES
        if outcome.status is SchemeStatus.NEEDS_INFORMATION:
            own = d.model_copy(update={"armed_forces_relationship": Relationship.SELF})
            assert (
                "whose service it is (own, or a spouse's or civil partner's)" in outcome.missing
                or (
                    assess_schemes(own, RESERVISTS_SHAPE, REF)[0].status is not SchemeStatus.APPLIES
                )
            )


@given(
    status=st.sampled_from(list(ArmedForcesStatus)),
    when=maybe_day,
    ref=st.one_of(st.none(), days),
    answer=st.sampled_from([True, False, None]),
)
def test_the_yes_no_forces_conditions_read_their_answer_whatever_the_dates(
    status: ArmedForcesStatus, when: date | None, ref: date | None, answer: bool | None
) -> None:
    d = forces(
        status,
        when,
        armed_forces_long_term=answer,
        armed_forces_last_long_term_employer=answer,
        armed_forces_opt_in=answer,
    )
    for written in (
        {"long_term_service": True},
        {"forces_last_long_term_employer": True},
        {"wishes_to_be_considered": "armed_forces"},
    ):
        c = forces_policy(f"            - {next(iter(written))}: {next(iter(written.values()))}")
        condition = c.schemes[0].routes[0].conditions[-1]
        assert assess(condition, d, ref, c).holds is answer
