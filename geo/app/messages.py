"""What goes wrong, shown to the reader as one escaped line: guarded work, warnings."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

import streamlit as st

from geo.app.safe_html import markdown_text
from geo.errors import GeoError, collect

LOG = logging.getLogger("geo.app")
T = TypeVar("T")


def guarded(work: Callable[[], T], *, name: str | None = None) -> T | None:
    """work(), with its warnings shown, or None with one error line (naming the document
    `name`): a bad document costs only itself, and the reader never sees a traceback (the
    server's log keeps it)."""
    prefix = f"{name}: " if name else ""
    with collect() as messages:  # e.g. a file that is UTF-8 but for a few bad bytes
        try:
            return work()
        except GeoError as err:
            st.error(markdown_text(f"{prefix}{err}"))
        except Exception as err:  # a bug: one line for the reader, the details in the log
            LOG.exception("cannot read %r", name)
            st.error(markdown_text(f"{prefix}geo could not read this ({type(err).__name__})"))
        finally:
            for message in messages:
                st.warning(markdown_text(f"{prefix}{message}"))
    return None


def warn(messages: Iterable[str]) -> None:
    """One warning line a message, shown as plain text."""
    for message in messages:
        st.warning(markdown_text(message))
