"""Throughput: the pipeline against spaCy alone on the same texts, and long texts' growth."""

from __future__ import annotations

import math
import time
from pathlib import Path

from benchmarks.figures import Figure
from benchmarks.journeys import journey_figures
from benchmarks.paths import NO_GOLD, Paths

LONG_SIZES = (25_000, 50_000, 100_000, 200_000)
# dense: a motion word, a traveler and three places every 60 characters, in one line
JOURNEYS = "Kim Jong Un s'est rendu à Moscou, à Séoul et à Pékin en train"


def speed_part(paths: Paths) -> list[Figure]:
    """End-to-end words/s and spaCy-alone words/s on the sample article and on the dev set,
    the journey reader's share of the pipeline's time, and long texts' growth."""
    figures = []
    sample = paths.sample if paths.sample.is_file() else None
    if sample:
        text = sample.read_text(encoding="utf-8")
        figures += _speed_figures("sample", "sample article", [(text, None)] * 20, rounds=3)
    else:
        figures.append(
            Figure(
                "words_per_s_sample",
                "end-to-end, sample article",
                None,
                note=f"skipped: no {paths.sample}",
            )
        )
    docs = paths.dev_docs()
    if docs is None:
        figures.append(Figure("words_per_s_dev", "end-to-end, dev set", None, note=NO_GOLD))
    else:
        texts = [(d["text"], d.get("lang")) for d in docs]
        figures += _speed_figures("dev", f"dev set ({len(docs)} docs)", texts, rounds=2)
    figures += journey_figures(paths)
    for kind, language, text in long_texts(docs, sample=sample):
        figures += long_text_figures(kind, language, text)
    return figures


def _speed_figures(
    key: str, label: str, texts: list[tuple[str, str | None]], *, rounds: int
) -> list[Figure]:
    from geo.geocoding import make_geocoder
    from geo.ingest.text import detect_language, split_passages
    from geo.nlp.pipelines import load, pipe
    from geo.pipeline import parse

    geocoder = make_geocoder("gazetteer")
    jobs = [(text, lang or detect_language(text)) for text, lang in texts if text.strip()]
    passages = [[p.text for p in split_passages(text)] for text, _ in jobs]
    words = sum(len(text.split()) for text, _ in jobs)

    def spacy_alone():  # the very calls the pipeline makes to spaCy: one pipe per document
        for (_, lang), chunks in zip(jobs, passages, strict=False):
            list(pipe(load(lang), chunks))

    def end_to_end():
        for text, lang in jobs:
            parse(text, language=lang, geocoder=geocoder)

    spacy_alone()  # warm: models loaded, the vocabulary has seen these words
    parse(jobs[0][0], language=jobs[0][1], geocoder=geocoder)
    ner = pipeline = math.inf
    for _ in range(rounds):  # alternate, keep the best of each: less noise from the machine
        ner = min(ner, _seconds(spacy_alone))
        pipeline = min(pipeline, _seconds(end_to_end))
    note = f"{words:,} words, best of {rounds}"
    return [
        Figure(
            f"words_per_s_{key}",
            f"end-to-end words/s, {label}",
            round(words / pipeline),
            "w/s",
            None,
            note,
        ),
        Figure(
            f"spacy_words_per_s_{key}",
            f"spaCy alone words/s, {label}",
            round(words / ner),
            "w/s",
            None,
            "nlp.pipe over the same passages, same pipeline",
        ),
        Figure(
            f"ratio_{key}",
            f"pipeline / spaCy alone, {label}",
            round(ner / pipeline, 3),
            "",
            (">=", 0.85),
            "overhead <= 15%",
        ),
    ]


def long_text_figures(
    kind: str, language: str, text: str, *, sizes: tuple[int, ...] = LONG_SIZES
) -> list[Figure]:
    """Characters per CPU second of one parse of the text's start at each size, how much the
    CPU time grows when the length doubles, and the seconds a text at the limit would take."""
    from geo.geocoding import make_geocoder
    from geo.ingest.text import MAX_CHARS
    from geo.pipeline import parse

    geocoder = make_geocoder("gazetteer")
    # once untimed: models loaded, and spaCy's vocabulary holds the words of every size (the
    # sizes are starts of one text: the first parsed would be the only one to meet them new)
    parse(text[: sizes[-1]], language=language, geocoder=geocoder)
    seconds = []
    for size in sizes:
        start = time.process_time()  # CPU: the wall clock counts the other work of the machine
        parse(text[:size], language=language, geocoder=geocoder)
        seconds.append(time.process_time() - start)
    rates = [size / s for size, s in zip(sizes, seconds, strict=False)]
    doubling = (seconds[-1] / seconds[0]) ** (1 / math.log2(sizes[-1] / sizes[0]))
    label = f"long {kind}"
    return [
        *(
            Figure(
                f"long_{kind}_{size // 1000}k_chars_per_s",
                f"{label}, {size:,} chars",
                round(rate),
                "chars/s",
                None,
                f"{s:.1f} CPU s",
            )
            for size, rate, s in zip(sizes, rates, seconds, strict=False)
        ),
        Figure(
            f"long_{kind}_doubling",
            f"{label}, CPU time x a doubling",
            round(doubling, 2),
            "",
            ("<=", 2.2),
            f"2 is linear; {sizes[0]:,} to {sizes[-1]:,} chars",
        ),
        Figure(
            f"long_{kind}_limit_s",
            f"{label}, {MAX_CHARS:,} chars (the limit)",
            round(MAX_CHARS / rates[-1], 1),
            "CPU s",
            ("<=", 60),
            f"extrapolated from {sizes[-1]:,} chars; GEO_MAX_CHARS",
        ),
    ]


def long_texts(
    docs: list[dict] | None, *, sample: Path | None = None
) -> list[tuple[str, str, str]]:
    """(kind, language, text) of LONG_SIZES[-1] characters or more: the dev documents of each
    language one after the other (the sample article without them), and dense journeys."""
    size, texts = LONG_SIZES[-1], []
    for language in ("en", "fr"):
        news = [d["text"] for d in docs or () if d.get("lang") == language]
        if not news and language == "fr" and sample is not None:
            news = [sample.read_text(encoding="utf-8")]
        if news:
            joined = "\n\n".join(news)
            texts.append(
                (f"news_{language}", language, "\n\n".join([joined] * (size // len(joined) + 1)))
            )
    texts.append(("journeys", "fr", " et ".join([JOURNEYS] * (size // len(JOURNEYS) + 1))))
    return texts


def _seconds(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start
