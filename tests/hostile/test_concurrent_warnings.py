"""Two sessions parsing at once in two threads: each result carries its own warnings only
(a failed provider's message names a place of the text it was reading)."""

import threading

from geo.errors import GeocoderError, collect, warn
from geo.geocoding import FallbackGeocoder, GazetteerGeocoder
from geo.pipeline import parse


def test_each_thread_collects_its_own_warnings():
    ready, got = threading.Barrier(2), {}

    def work(name: str) -> None:
        with collect() as collected:
            ready.wait()
            for _ in range(200):
                warn(f"from {name}")
            ready.wait()
        got[name] = set(collected)

    threads = [threading.Thread(target=work, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert got == {"a": {"from a"}, "b": {"from b"}}


class Down:
    name = "down"

    def geocode(self, query, **kwargs):
        raise GeocoderError(f"down for {query!r}")


def test_a_failing_session_does_not_warn_another(tiny_gazetteer):
    healthy = GazetteerGeocoder(tiny_gazetteer)
    results = {"healthy": [], "failing": []}

    def read(kind: str) -> None:
        for _ in range(15):
            geocoder = (
                FallbackGeocoder(Down(), GazetteerGeocoder(tiny_gazetteer))
                if kind == "failing"
                else healthy
            )
            results[kind].append(
                parse(
                    "Le ministre est arrivé à Moscou puis à Paris.",
                    language="fr",
                    geocoder=geocoder,
                )
            )

    threads = [threading.Thread(target=read, args=(k,)) for k in results]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert all(r.warnings == () for r in results["healthy"])
    assert all(r.warnings and "down for" in r.warnings[0] for r in results["failing"])
