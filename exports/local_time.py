"""Times in exports as the people reading them live them: the tool stores UTC, a spreadsheet
cell holds no zone, so every time written to a file is first turned into UK local time
(Europe/London: GMT in winter, BST in summer)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def uk_local(at: datetime) -> datetime:
    """`at` on the UK's clocks, without a zone (what a spreadsheet cell can hold). A time with
    no zone is taken to be UTC, as the store keeps it."""
    aware = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    return aware.astimezone(UK).replace(tzinfo=None)
