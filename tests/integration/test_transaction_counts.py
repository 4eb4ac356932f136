"""How many transactions a key press on the score pad opens, counted on the real engine: one
write for the press (its receipt, the seat, the guards, the score, the audit entry), however
many presses came before it."""

from __future__ import annotations

from scoring.rules.score_checks import ScoreChange
from tests.integration.helpers import make_world
from tests.transactions import transactions
from use_cases import Services
from use_cases.pad_presses import Press


def test_one_key_press_on_the_pad_is_at_most_two_write_transactions_and_no_reads(
    services: Services,
) -> None:
    world = make_world(services)
    member = services.sessions.start(world.panel[0]).actor
    code = world.codes["D001"]
    pad = services.pad
    pad.apply_presses(
        member, world.vacancy.id, client_id="count",
        presses=[Press(1, ScoreChange(code, "c1", 2, None, None))],
    )  # fmt: skip

    with services.request(member) as checked, transactions(services.store.engine) as counted:
        done = pad.apply_presses(
            checked, world.vacancy.id, client_id="count",
            presses=[Press(2, ScoreChange(code, "c2", 3, None, None))],
        )  # fmt: skip

    assert done[2].ok, done[2]
    assert counted.writes <= 2 and counted.reads == 0, counted
