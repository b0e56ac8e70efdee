"""The registry of language packs: the codes geo reads, a pack by its code, one clear error."""

from __future__ import annotations

import pytest

from geo.errors import InputError
from geo.lang import Pack, pack, register, supported, unregister


def test_french_and_english_are_offered_in_that_order():
    assert supported() == ("fr", "en")


@pytest.mark.parametrize("code", ["fr", "en"])
def test_a_pack_by_its_code(code):
    assert pack(code).code == code and pack(code) is pack(code)


def test_an_unknown_code_is_one_line_naming_the_codes_there_are():
    with pytest.raises(InputError) as caught:
        pack("de")
    message = str(caught.value)
    assert "\n" not in message and "'de'" in message and "fr, en" in message


def test_a_registered_pack_is_offered_last_until_unregistered():
    extra = Pack(code="xx", name="Test")
    register(extra)
    try:
        assert supported() == ("fr", "en", "xx") and pack("xx") is extra
        with pytest.raises(ValueError, match="already"):
            register(Pack(code="xx", name="Another"))
    finally:
        unregister("xx")
    assert supported() == ("fr", "en")
    with pytest.raises(InputError):
        pack("xx")
