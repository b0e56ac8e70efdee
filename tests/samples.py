"""Named sample Results built by hand, shared by the map, export and browser tests."""

from __future__ import annotations

import re
from dataclasses import replace

from geo.model import Alternative, Candidate, Mention, Passage, Place, Result, Route

VLADIVOSTOK = ("vl", "Vladivostok", 43.106, 131.874)
MOSCOW = ("mo", "Moscow", 55.752, 37.618)


def result_from(
    paragraphs: tuple[str, ...],
    *,
    doc_id: str = "sample",
    places: tuple[tuple[str, str, float, float], ...] = (VLADIVOSTOK, MOSCOW),
    traveler: str = "Kim Jong Un",
) -> Result:
    """A Result whose places are mentioned wherever their names occur in the paragraphs,
    with one route from the first place to the second, told in the first paragraph."""
    passages, at = [], 0
    for i, text in enumerate(paragraphs):
        passages.append(Passage(i, at, at + len(text), text))
        at += len(text) + 2

    def place(pid: str, name: str, lat: float, lon: float) -> Place:
        starts = [(p, p.start + p.text.index(name)) for p in passages if name in p.text]
        mentions = tuple(Mention(s, s + len(name), name, p.id) for p, s in starts)
        return Place(pid, name, lat, lon, "city", "RU", "gazetteer", 0.9, mentions)

    built = tuple(place(*spec) for spec in places)
    route = Route(built[0].id, built[1].id, traveler, "train", None, "past", 0, paragraphs[0])
    return Result(doc_id, "en", "\n\n".join(paragraphs), tuple(passages), built, (route,))


# text that a template engine would run: Jinja2 (expression, statement, comment, a quote
# that breaks its syntax), JavaScript template literals, ERB
TEMPLATE_PAYLOADS = (
    "{{ 7*7 }}",
    "{% for x in range(3) %}[{{ x }}]{% endfor %}",
    "{{ cycler.__init__.__globals__.os.mkdir(dict(SSTI_PROOF_DIR=1)|first) }}",
    "{# unclosed",
    "${7*7}",
    "<%= 7*7 %>",
    "l'{{ ' }}",
)


def hostile_result(text: str) -> Result:
    """A Result in which every string that can come from an article, a file name, a
    gazetteer or a reader holds `text`: id, passages, names, reasons, traveler, mode, when,
    evidence, the reason for an inferred origin."""
    paragraphs = (f"Vladivostok {text} Moscow.", f"Moscow {text}.")
    result = result_from(
        paragraphs,
        doc_id=f"{text}.txt",
        places=(
            ("vl", f"Vladivostok {text}", 43.106, 131.874),
            ("mo", f"Moscow {text}", 55.752, 37.618),
        ),
    )
    places = tuple(
        replace(
            p,
            reason=f"because {text}",
            alternatives=(
                Alternative(
                    Candidate(f"x:{text}", f"Other {text}", 1.0, 2.0, "city", "RU"), 0.1, text
                ),
            ),
        )
        for p in result.places
    )
    route = replace(
        result.routes[0],
        traveler=f"Kim {text}",
        mode=text,
        when=text,
        evidence=paragraphs[0],
        origin_inferred=True,
        origin_reason=text,
    )
    return replace(result, places=places, routes=(route, replace(route, status="planned")))


def shown(element) -> str:
    """What a Streamlit Markdown element shows: its value with the backslash escapes undone."""
    return re.sub(r"\\(.)", r"\1", element.value)


def assert_offsets_exact(result, text: str) -> None:
    """Every passage, mention and journey's evidence of `result` is the slice of `text` its
    offsets say, each mention inside its passage."""
    for passage in result.passages:
        assert text[passage.start : passage.end] == passage.text
    for place in result.places:
        for m in place.mentions:
            assert text[m.start : m.end] == m.text
            passage = result.passages[m.passage]
            assert passage.start <= m.start < m.end <= passage.end
    for route in result.routes:
        if route.evidence_start is not None:
            assert text[route.evidence_start : route.evidence_end] == route.evidence
