"""Whether what the server's start prepares for the first page is made (geo.app.startup): the
page waits for it rather than make the same things at the same time."""

from __future__ import annotations

import threading

PREPARED = threading.Event()
PREPARED.set()  # nothing to wait for unless the server's start prepares
WAIT = 60.0  # seconds the page waits at most (a machine so loaded makes its own)
# seconds after a reading shown from disk before the maps' libraries and the model are made in
# the background (geo.app.analysis): the page is drawn first (both need the interpreter), then
# a click or a new text does not wait for them
WARM_AFTER = 2.0


def wait_prepared(timeout: float = WAIT) -> bool:
    """Wait until what the server's start prepares is made; whether it was in time."""
    return PREPARED.wait(timeout)
