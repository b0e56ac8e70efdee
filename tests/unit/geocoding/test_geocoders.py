"""What each geocoder adds to the contract (see test_contract.py): the gazetteer's ranking,
online answers and failures, caching, fallback and health."""

import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

from geo.errors import GeocoderError
from geo.geocoding import (
    CachedGeocoder,
    FallbackGeocoder,
    GazetteerGeocoder,
    GeocodeCache,
    Geocoder,
    OnlineGeocoder,
    candidates,
    health,
    make_geocoder,
)
from tests.fake_nominatim import serve


def _nominatim(domain: str) -> OnlineGeocoder:
    return OnlineGeocoder(
        "nominatim", domain=domain, scheme="http", min_delay=0, timeout=1, retry_wait=0
    )


def test_online_answers_become_candidates():
    with serve() as (domain, _calls):
        found = candidates(_nominatim(domain), "Moscow")
    assert [(c.id, c.name, c.kind, c.country_code, c.source) for c in found] == [
        ("nominatim:relation/2555133", "Moscow", "city", "RU", "nominatim")
    ]
    assert (found[0].lat, found[0].lon) == pytest.approx((55.75, 37.62), abs=0.01)


def test_gazetteer_ranks_capital_and_population(tiny_gazetteer):
    found = candidates(GazetteerGeocoder(tiny_gazetteer), "washington")
    assert [c.country_code for c in found] == ["US", "GB"]


# "busy", "slow" and "drip" wait for the client's time limit: seconds each
@pytest.mark.parametrize(
    "query",
    [
        "broken",
        pytest.param("busy", marks=pytest.mark.slow),
        "malformed",
        pytest.param("slow", marks=pytest.mark.slow),
        pytest.param("drip", marks=pytest.mark.slow),
    ],
)
def test_online_failures_become_geocoder_errors_in_bounded_time(query):
    with serve() as (domain, _calls):
        start = time.monotonic()
        with pytest.raises(GeocoderError):
            _nominatim(domain).geocode(query)
        assert time.monotonic() - start < 6


def test_cache_means_one_provider_call_per_name(tmp_path):
    with serve() as (domain, calls):
        cached = CachedGeocoder(_nominatim(domain), GeocodeCache(tmp_path / "c.sqlite"))
        for _ in range(3):
            assert candidates(cached, "Moscow")[0].country_code == "RU"
            assert candidates(cached, "Nowhere at all") == []
        again = CachedGeocoder(_nominatim(domain), GeocodeCache(tmp_path / "c.sqlite"))
        assert candidates(again, "MOSCOW")[0].name == "Moscow"
    assert calls == ["moscow", "nowhere at all"]


def test_errors_are_not_cached(tmp_path):
    with serve() as (domain, calls):
        cached = CachedGeocoder(_nominatim(domain), GeocodeCache(tmp_path / "c.sqlite"))
        for _ in range(2):
            with pytest.raises(GeocoderError):
                cached.geocode("broken")
    assert calls.count("broken") >= 2


def test_failing_provider_falls_back_to_gazetteer(tiny_gazetteer):
    with serve() as (domain, _calls):
        geocoder = FallbackGeocoder(_nominatim(domain), GazetteerGeocoder(tiny_gazetteer))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            found = geocoder.geocode("broken", exactly_one=False)
        assert found is None  # the gazetteer does not know "broken" either
        assert any("gazetteer" in str(w.message) for w in caught)
        assert geocoder.geocode("Paris").raw["candidate"]["country_code"] == "FR"


def test_unknown_provider_names_the_valid_ones():
    with pytest.raises(GeocoderError, match="nominatim"):
        make_geocoder("no-such-service")


def test_online_requests_identify_themselves():
    online = OnlineGeocoder("nominatim", domain="127.0.0.1:9", scheme="http")
    assert "geo" in online._provider.headers["User-Agent"]


class Broken(Geocoder):
    """A provider that is down: counts the calls it refuses."""

    name = "broken"

    def __init__(self):
        self.calls = 0

    def geocode(self, query, *, exactly_one=True, language=None, limit=25):
        self.calls += 1
        raise GeocoderError("broken is down")


def test_a_failed_provider_is_left_alone_for_a_while(tiny_gazetteer):
    now = [0.0]
    broken = Broken()
    geocoder = FallbackGeocoder(
        broken, GazetteerGeocoder(tiny_gazetteer), pause=60, clock=lambda: now[0]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in ("Paris", "Moscow", "Russie"):
            assert geocoder.geocode(name) is not None
        assert broken.calls == 1
        now[0] = 61.0
        geocoder.geocode("Paris")
    assert broken.calls == 2


def test_provider_failures_reach_the_result_as_warnings(tiny_gazetteer):
    from geo.pipeline import parse

    geocoder = FallbackGeocoder(Broken(), GazetteerGeocoder(tiny_gazetteer))
    result = parse("Le ministre est arrivé à Moscou.", geocoder=geocoder)
    assert [p.name for p in result.places] == ["Moscow"]
    assert result.warnings == ("broken is down; using the gazetteer instead",)


def test_answers_during_the_pause_say_so_without_naming_the_failed_query(tiny_gazetteer):
    now = [0.0]
    geocoder = FallbackGeocoder(
        Broken(), GazetteerGeocoder(tiny_gazetteer), pause=60, clock=lambda: now[0]
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        geocoder.geocode("Secret place")
        geocoder.geocode("Paris")
    assert [str(w.message) for w in caught] == [
        "broken is down; using the gazetteer instead",
        "broken failed less than 60 s ago; using the gazetteer instead",
    ]


def test_health_changes_with_failures_pauses_and_recovery(tiny_gazetteer):
    now, broken = [0.0], Broken()
    geocoder = FallbackGeocoder(
        broken, GazetteerGeocoder(tiny_gazetteer), pause=60, clock=lambda: now[0]
    )
    assert health(geocoder) == "ok" and health(GazetteerGeocoder(tiny_gazetteer)) == "ok"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        geocoder.geocode("Paris")
    assert health(geocoder) == "paused since 0.0"
    now[0] = 61.0
    assert health(geocoder) == "due since 0.0"
    broken.geocode = lambda query, **kwargs: None  # back up
    geocoder.geocode("Paris")
    assert health(geocoder) == "ok"


def test_a_failing_provider_prints_no_traceback():
    # geopy logs each retry with its traceback; outside pytest's log capture, Python would print
    # it on stderr (with the query) after geo's own one-line message
    script = (
        "import sys; from geo.geocoding import OnlineGeocoder; from geo.errors import GeoError\n"
        "g = OnlineGeocoder('nominatim', domain=sys.argv[1], scheme='http', min_delay=0, "
        "timeout=1, retry_wait=0)\n"
        "try: g.geocode('broken')\n"
        "except GeoError as err: print(err, file=sys.stderr)\n"
    )
    with serve() as (domain, calls):
        done = subprocess.run(
            [sys.executable, "-c", script, domain],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=Path(__file__).resolve().parents[3],
        )
    assert calls.count("broken") == 2  # one retry: the failure did happen
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
