"""Cross-validated search of the ranking's weights (geo/resolve/weights.py) over the dev files
with coordinates together (GeoWebNews, LGL, French news), one document in five held out at a time.

Each document is parsed and its names recognised once; the search then resolves them again
under other weights (resolution alone is a few per cent of a parse). A step changes one weight
at a time (x0, x0.5, x0.75, x1.33, x2) and is kept when it raises the mean of the files'
acc@161 by more than MIN_GAIN and costs no file more than MAX_LOSS points (the project's rule
for every change). Each fold searches on four fifths of every file and is measured on the fifth
it did not see; the last search uses every document and gives the weights proposed.

    GEO_SCORER=../shared/eval/score.py python scripts/search_weights.py ../shared/eval/dev

(run from the checkout, with geo importable; about 15 minutes on two cores). It prints, per
fold and file, acc@161 with the weights of weights.py and with the fold's own, then the weights
the whole set proposes. It changes no file: a proposal is copied into weights.py by hand, with
the figures, when the held-out folds agree with it.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import os
import random
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

FILES = ("gwn.dev.jsonl", "lgl.dev.jsonl", "frnews.dev.jsonl")  # the dev files with coordinates
FOLDS = 5
FACTORS = (0.0, 0.5, 0.75, 4 / 3, 2.0)
ROUNDS = 2
MIN_GAIN = 0.1  # points of mean acc@161: smaller gains are noise on ~2,500 toponyms
MAX_LOSS = 0.5  # points of acc@161 a step may cost any one file
# the weights searched: module constants, or (dict, key) of a prior
SEARCHED = (
    ("KIND_PRIOR", "country"),
    ("KIND_PRIOR", "region"),
    ("KIND_PRIOR", "landmark"),
    ("FEATURE_PRIOR", "airport"),
    "CAPITAL_BONUS",
    "COHERENCE_BONUS",
    "POPULATION_WEIGHT",
    "OWN_NAME_BONUS",
    "REGION_BONUS",
    "NEAR_BONUS",
    "NEAR_MAX",
    "CUE_BONUS",
    "WITHIN_BONUS",
    "HELD_BONUS",
    "LANGUAGE_BONUS",
)

Weights = dict[str, float]


@dataclass(frozen=True)
class Case:
    """One document, read once: what resolution needs to run again."""

    file: str
    gold: dict
    reading: object  # geo.pipeline.Reading without its parses
    seen: object  # geo.ingest.invisible's view of the text
    language: str
    found: dict  # name -> candidates: every lookup resolution made


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", type=Path, help="the folder of the dev files")
    parser.add_argument("--scorer", default=os.environ.get("GEO_SCORER"), help="score.py")
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    if not args.scorer or not Path(args.scorer).is_file():
        parser.error("give --scorer or set GEO_SCORER to the shared score.py")
    global _CASES, _SCORER
    _SCORER = args.scorer
    _CASES = read_cases(args.eval_dir)
    start = current()
    folds = _fold_of(_CASES, args.folds)
    jobs = [tuple(i for i, f in enumerate(folds) if f != k) for k in range(args.folds)]
    jobs.append(tuple(range(len(_CASES))))  # the last: every document
    with ProcessPoolExecutor(args.jobs) as pool:  # forked: the readings are shared
        found = list(pool.map(functools.partial(search, start=start), jobs))
    print(f"{'fold':<6}{'file':<10}{'weights.py':>12}{'searched':>10}{'change':>9}")
    deltas: dict[str, list[float]] = {}
    for k, weights in enumerate(found[:-1]):
        held = [i for i, f in enumerate(folds) if f == k]
        before, after = accuracy(held, start), accuracy(held, weights)
        for file in sorted(before):
            change = after[file] - before[file]
            deltas.setdefault(file, []).append(change)
            print(f"{k:<6}{file:<10}{before[file]:>12.1f}{after[file]:>10.1f}{change:>+9.1f}")
    for file, changes in sorted(deltas.items()):
        print(f"held out, {file}: mean change {sum(changes) / len(changes):+.2f} points")
    print("\nweights searched on every document (weights.py -> proposed):")
    for name in start:
        mark = "" if found[-1][name] == start[name] else "   <- changed"
        print(f"  {name:<28}{start[name]:>8.3g}{found[-1][name]:>8.3g}{mark}")
    print(json.dumps(accuracy(range(len(_CASES)), found[-1])), "on every document")
    return 0


_CASES: list[Case] = []
_SCORER = ""


def read_cases(folder: Path) -> list[Case]:
    """Every document of the dev files with coordinates, parsed and read once."""
    from geo.geocoding import candidates, make_geocoder
    from geo.ingest.invisible import visible
    from geo.pipeline import read_names

    geocoder = make_geocoder("gazetteer")
    cases = []
    for name in FILES:
        # lines of the file, not str.splitlines: texts hold U+2028 and the like
        for line in (folder / name).read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            gold = json.loads(line)
            if not gold.get("text", "").strip():
                continue
            language = gold.get("lang") or "en"
            seen = visible(gold["text"])
            found: dict = {}

            def lookup(text: str, language: str = language, found: dict = found) -> list:
                if text not in found:
                    found[text] = candidates(geocoder, text, language=language)
                return found[text]

            reading = read_names(seen.text, language, lookup)
            case = Case(name.split(".")[0], gold, _without_parses(reading), seen, language, found)
            _places(case, lookup)  # every lookup resolution makes, made now: the workers make none
            cases.append(case)
        print(f"read {name}", file=sys.stderr)
    return cases


def _without_parses(reading):
    from dataclasses import replace

    return replace(reading, docs=())


def _places(case: Case, lookup=None):
    from geo.pipeline import place_names

    def known(text: str) -> list:
        if text not in case.found:
            raise KeyError(f"{text!r} was not looked up when the document was read")
        return case.found[text]

    return place_names(case.reading, case.seen.text, case.language, lookup or known)


def current() -> Weights:
    """The weights of weights.py, by name."""
    from geo.resolve import weights

    return {_name(key): _get(weights, key) for key in SEARCHED}


def _name(key) -> str:
    return key if isinstance(key, str) else f"{key[0]}[{key[1]}]"


def _get(module, key) -> float:
    return getattr(module, key) if isinstance(key, str) else getattr(module, key[0])[key[1]]


def use(weights: Weights) -> None:
    """Set geo/resolve/weights.py's numbers (in this process) to these."""
    from geo.resolve import weights as module

    for key in SEARCHED:
        value = weights[_name(key)]
        if isinstance(key, str):
            setattr(module, key, value)
        else:
            setattr(module, key[0], {**getattr(module, key[0]), key[1]: value})


def accuracy(indexes, weights: Weights) -> dict[str, float]:
    """acc@161 (points) of each file over the documents given, with these weights."""
    from geo.cli.evaluate import prediction
    from geo.ingest.invisible import restore
    from geo.model import Result

    scorer = _scorer()
    use(weights)
    totals: dict[str, object] = {}
    for i in indexes:
        case = _CASES[i]
        found = Result(
            id=case.gold["id"],
            language=case.language,
            text=case.seen.text,
            passages=case.reading.passages,
            places=_places(case),
            routes=(),
        )
        result = restore(found, case.seen, case.gold["text"])
        totals.setdefault(case.file, scorer.Acc())
        scorer.score_doc(case.gold, prediction(result), totals[case.file])
    return {
        file: 100 * (acc.result()["resolution"]["acc161"] or 0.0) for file, acc in totals.items()
    }


@functools.cache
def _scorer():
    spec = importlib.util.spec_from_file_location("score", _SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def search(indexes: tuple[int, ...], *, start: Weights) -> Weights:
    """Coordinate search from `start` on these documents: one weight at a time."""
    best, figures = dict(start), accuracy(indexes, start)
    for _ in range(ROUNDS):
        moved = False
        for name in start:
            for factor in FACTORS:
                trial = {**best, name: round(best[name] * factor, 4)}
                if trial[name] == best[name]:
                    continue
                found = accuracy(indexes, trial)
                if _better(found, figures):
                    best, figures, moved = trial, found, True
        if not moved:
            break
    return best


def _better(found: dict[str, float], than: dict[str, float]) -> bool:
    gain = sum(found.values()) / len(found) - sum(than.values()) / len(than)
    return gain > MIN_GAIN and all(found[f] >= than[f] - MAX_LOSS for f in found)


def _fold_of(cases: list[Case], folds: int) -> list[int]:
    """A fold for each document: every file dealt round the folds in a fixed random order."""
    fold, dealt = [0] * len(cases), random.Random(0)
    for file in sorted({c.file for c in cases}):
        mine = [i for i, c in enumerate(cases) if c.file == file]
        dealt.shuffle(mine)
        for n, i in enumerate(mine):
            fold[i] = n % folds
    return fold


if __name__ == "__main__":
    sys.exit(main())
