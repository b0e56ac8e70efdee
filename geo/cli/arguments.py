"""The arguments that several commands share: --lang, --date, --geocoder, --no-corrections,
--no-demonyms."""

from __future__ import annotations

import argparse
import datetime

from geo.errors import InputError
from geo.lang import supported

GEOCODER_HELP = (
    "gazetteer (offline, the default) or a geopy service name such as nominatim "
    "(online, opt-in); default from GEO_GEOCODER or the configuration file"
)


def language(value: str) -> str:
    """`value` if it is `auto` or a supported language; else a usage error naming them all."""
    if value not in ("auto", *supported()):
        raise argparse.ArgumentTypeError(
            f"unknown language {value!r}; choose one of: {', '.join(('auto', *supported()))}"
        )
    return value


def date(value: str) -> datetime.date:
    """A YYYY-MM-DD date; else a usage error saying what is wrong with it."""
    from geo.journeys.timex import parse_date

    try:
        parsed = parse_date(value)
    except InputError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
    assert parsed is not None  # a string is a date or an error
    return parsed


def add_language(parser: argparse.ArgumentParser) -> None:
    """`--lang auto|fr|...`: the language of the texts, `auto` to detect it."""
    parser.add_argument(
        "--lang", default="auto", type=language, metavar="|".join(("auto", *supported()))
    )


def add_date(parser: argparse.ArgumentParser, help: str) -> None:
    """`--date YYYY-MM-DD`: the documents' date, which journeys' relative times count from."""
    parser.add_argument("--date", metavar="YYYY-MM-DD", type=date, help=help)


def add_corrections(parser: argparse.ArgumentParser) -> None:
    """`--no-corrections`: the corrections a reader saved in the app are not applied."""
    parser.add_argument(
        "--no-corrections",
        dest="corrections",
        action="store_false",
        help="ignore the corrections saved in the app for these texts",
    )


def add_demonyms(parser: argparse.ArgumentParser) -> None:
    """`--no-demonyms`: no country named by its people's adjective ("Georgian troops")."""
    parser.add_argument(
        "--no-demonyms",
        dest="demonyms",
        action="store_false",
        help="leave out the countries named by an adjective (Georgian, American)",
    )
