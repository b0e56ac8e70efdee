"""Named sample Results built by hand, shared by the map, export and browser tests."""
from __future__ import annotations

from geo.model import Mention, Passage, Place, Result, Route

VLADIVOSTOK = ("vl", "Vladivostok", 43.106, 131.874)
MOSCOW = ("mo", "Moscow", 55.752, 37.618)


def result_from(paragraphs: tuple[str, ...], *, doc_id: str = "sample",
                places: tuple[tuple[str, str, float, float], ...] = (VLADIVOSTOK, MOSCOW),
                traveler: str = "Kim Jong Un") -> Result:
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
