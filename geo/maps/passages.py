"""The passages of an article as safe HTML, their places' mentions or a journey's evidence
marked: shared by the map's popups and the app's panels (and free of folium, so that the app's
first page can show its text before the map's libraries are loaded)."""

from __future__ import annotations

import html
from collections.abc import Iterable

from geo.model import Mention, Passage, Route


def escape(text: str) -> str:
    """HTML-escape, then neutralise what a JS template literal would interpret (folium puts
    popups and tooltips in one)."""
    return (
        html.escape(text, quote=True)
        .replace("\\", "&#92;")
        .replace("`", "&#96;")
        .replace("$", "&#36;")
    )


def marked_passages(mentions: Iterable[Mention], passages: dict[int, Passage]) -> list[str]:
    """Each passage that mentions the place, escaped, its mentions wrapped in <mark>."""
    by_passage: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_passage.setdefault(mention.passage, []).append(mention)
    out = []
    for pid in sorted(by_passage):
        passage = passages.get(pid)
        if passage is not None:
            out.append(_mark(passage, by_passage[pid]))
    return out


def _mark(passage: Passage, mentions: list[Mention]) -> str:
    text, pieces, at = passage.text, [], 0
    for mention in sorted(mentions, key=lambda x: x.start):
        start = mention.start - passage.start
        end = start + len(mention.text)
        if text[start:end] != mention.text:  # offsets not in this passage: find the words
            start = text.find(mention.text, at)
            end = start + len(mention.text)
        if start < at or not mention.text:
            continue
        pieces += [escape(text[at:start]), "<mark>", escape(text[start:end]), "</mark>"]
        at = end
    pieces.append(escape(text[at:]))
    return "".join(pieces)


def evidence_html(route: Route, passage: Passage | None) -> str:
    """The passage of a route, escaped, its evidence sentence in <mark>."""
    if passage is None:
        return escape(route.evidence)
    start = (route.evidence_start or 0) - passage.start
    end = start + len(route.evidence)
    if route.evidence_start is None or passage.text[start:end] != route.evidence:
        start = passage.text.find(route.evidence)
        end = start + len(route.evidence)
    if start < 0 or not route.evidence:
        return escape(passage.text)
    text = passage.text
    return f"{escape(text[:start])}<mark>{escape(text[start:end])}</mark>{escape(text[end:])}"
