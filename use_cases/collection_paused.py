"""Python's cycle collector paused while one big operation builds and drops a few hundred
thousand objects (a scoring sheet of 10,000 applications, built or returned): each full
collection walks every live object, so their count made a big import's time grow faster than
its size (a third of the time for 2,000 applications). Objects are still freed as they go (by
reference counting); any cycle made meanwhile is collected once the collector runs again."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the collector for the block; it runs again after, if it was running before (two
    blocks at once in two threads: the one that found it running turns it back on)."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()
