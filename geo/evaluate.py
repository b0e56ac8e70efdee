"""`geo eval`: run geo on gold documents, write predictions, print the scorer's table.

Only `id`, `text` and `lang` are read from the gold file; the scoring is done by the shared
scorer (`score.py`), run as its own program, so that geo never sees the gold annotations.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from geo.errors import InputError
from geo.geocoders import Geocoder
from geo.model import Result
from geo.pipeline import parse


def predictions(gold: Path, geocoder: Geocoder) -> Iterator[tuple[dict, int]]:
    """One prediction line per gold document, and the number of words it had."""
    try:
        lines = gold.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise InputError(f"cannot read {gold}: {err.strerror}") from err
    for line in filter(str.strip, lines):
        doc = json.loads(line)
        text = doc["text"]
        if not text.strip():
            yield {"id": doc["id"], "places": []}, 0
            continue
        result = parse(text, doc_id=str(doc["id"]), language=doc.get("lang") or "auto",
                       geocoder=geocoder)
        yield prediction(result), len(text.split())


def prediction(result: Result) -> dict:
    """The scorer's shape: places with lat, lon, kind, country code and mention spans."""
    return {"id": result.id, "places": [
        {"lat": p.lat, "lon": p.lon, "kind": p.kind, "country_code": p.country_code,
         "mentions": [{"start": m.start, "end": m.end} for m in p.mentions]}
        for p in result.places if p.mentions]}


def evaluate(gold: Path, output: Path, scorer: Path, geocoder: Geocoder) -> tuple[str, float]:
    """Write predictions to `output`, run the scorer, return its table and the words per
    CPU second."""
    if not scorer.is_file():
        raise InputError(f"no scorer at {scorer} (give --scorer)")
    words, start = 0, time.process_time()
    with output.open("w", encoding="utf-8") as handle:
        for line, count in predictions(gold, geocoder):
            handle.write(json.dumps(line) + "\n")
            words += count
    # CPU time of this process: the one-core speed, whatever else the machine is doing
    speed = words / max(time.process_time() - start, 1e-9)
    run = subprocess.run([sys.executable, str(scorer), str(gold), str(output)],
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise InputError(f"the scorer failed: {run.stderr.strip().splitlines()[-1:]}")
    return run.stdout, speed
