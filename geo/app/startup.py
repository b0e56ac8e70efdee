"""The app's start: what the first page needs, made while the reader's browser opens it.

`streamlit run app.py` serves the `st.App` of app.py, whose `lifespan` starts `prepare` in a
thread as the server starts, before the browser has asked for anything. It imports the
page's modules (not folium nor pandas, which a page whose map and reading are kept on disk
does without: geo.app.content); with no reading of the first page's article kept, it loads
the article's language model, for the page's reading. The
page waits for it (geo.app.prepared) rather than make the same things at the same time. What
fails here is left for the page to meet and report.

The map's component is not declared here: a component declared outside a script run is never
registered with the server, and its frame would not load.
"""

from __future__ import annotations

import contextlib
import inspect
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path

from geo.app.prepared import PREPARED


def lifespan(samples: Path) -> Callable[[object], AbstractAsyncContextManager[None]]:
    """The lifespan of app.py's `st.App`: `prepare` for the first page (whose article is the
    first of the folder `samples`), in the background, from the server's start."""

    @contextlib.asynccontextmanager
    async def starting(_app: object) -> AsyncIterator[None]:
        start(samples)
        yield

    return starting


def start(samples: Path) -> threading.Thread:
    """Run `prepare(samples)` in a thread; pages wait for it until it ends."""
    PREPARED.clear()

    def run() -> None:
        try:
            with contextlib.suppress(Exception):
                prepare(samples)
        finally:
            PREPARED.set()

    thread = threading.Thread(target=run, name="geo-prepare", daemon=True)
    thread.start()
    return thread


def prepare(samples: Path) -> None:
    """Make what the first page needs: its modules imported and, with no reading of the
    first sample kept on disk, the model of its language loaded."""
    import streamlit.delta_generator

    # The first element a process draws asks `env_util.is_repl()` whether to warn that the
    # app is not run by `streamlit run`, which walks its stack through `inspect` (source
    # lines, and the path of every module loaded): the page's first element waited 0.35 s
    # for it while this thread imported. Served by `streamlit run`, there is nothing to warn
    # of: the warning is marked given (test_startup checks that Streamlit still has the mark)
    streamlit.delta_generator._use_warning_has_been_displayed = True

    import geo.app.content  # noqa: F401  (the page's, drawn once the sidebar is)
    from geo.app.sidebar import first_page
    from geo.export.readings import reading_slot
    from geo.ingest.text import detect_language
    from geo.nlp.pipelines import load

    page = first_page(samples)
    if not page.documents:
        return
    name, text = page.documents[0]
    slot = reading_slot(text, name, page.language, page.provider, page.date)
    if slot is None or slot[0].get(slot[1]) is None:
        load(detect_language(text) if page.language == "auto" else page.language)
    # Streamlit names a component by its caller's module (`inspect.getmodule` of a frame),
    # which maps every module loaded to its real path the first time: done here, not in the
    # page's run that declares the map's component (geo.app.livemap)
    inspect.getmodule(inspect.currentframe())
