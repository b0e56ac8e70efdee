"""spaCy comes with the first pipeline loaded, not with geo's modules: a page shown from kept
readings imports none of it; a pipeline loaded in the background is waited for, not loaded
twice."""

from __future__ import annotations

import functools
import subprocess
import sys
import threading
import time

from geo.errors import GeoError
from geo.nlp import pipelines


def test_the_pipeline_and_the_app_import_no_spacy():
    code = (
        "import sys, geo.pipeline, geo.app.analysis, geo.app.page, geo.app.content; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_pipeline_loading_in_the_background_is_waited_for(monkeypatch):
    loads: list[str] = []
    started = threading.Event()

    def slow(lang):
        started.set()
        time.sleep(0.2)
        loads.append(lang.code)
        return f"pipeline of {lang.code}"

    monkeypatch.setattr(pipelines, "_load", functools.cache(slow))
    pipelines.load_soon("fr")
    assert started.wait(10)
    assert pipelines.load("fr") == "pipeline of fr"  # waited for, not loaded again
    assert loads == ["fr"]


def test_a_background_load_that_fails_is_left_to_the_next_parse(monkeypatch):
    def missing(lang):
        raise GeoError("no French model")

    monkeypatch.setattr(pipelines, "_load", missing)
    errors: list[object] = []
    monkeypatch.setattr(threading, "excepthook", errors.append)
    pipelines.load_soon("fr").join(10)
    assert errors == []


def test_what_is_made_first_is_made_in_the_same_thread_before_the_load(monkeypatch):
    made: list[tuple[str, int]] = []

    def loaded(lang):
        made.append(("model", threading.get_ident()))
        return "pipeline"

    def first():
        made.append(("maps", threading.get_ident()))
        raise RuntimeError("a failure here does not stop the load")

    monkeypatch.setattr(pipelines, "_load", functools.cache(loaded))
    pipelines.load_soon("fr", first=first).join(10)
    assert [what for what, _ in made] == ["maps", "model"]
    assert made[0][1] == made[1][1] != threading.get_ident()
