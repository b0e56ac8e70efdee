"""Where an article comes from in the app: an uploaded file (text, Markdown or HTML) or a URL.

HTML is reduced to its main text (the article, without menus and footers) by trafilatura.
"""

from __future__ import annotations

from urllib.parse import urlparse

from geo.errors import InputError
from geo.ingest.fetch import fetch
from geo.ingest.text import decode

HTML_SUFFIXES = (".html", ".htm")


def main_text(page: str) -> str:
    """The article in an HTML page, as plain text (paragraphs separated by blank lines)."""
    import trafilatura  # lazily: it pulls in lxml and friends

    text = trafilatura.extract(page, include_comments=False, include_tables=False)
    if not text or not text.strip():
        raise InputError("no article text found in the HTML page")
    return text.replace("\n", "\n\n")  # one passage per paragraph, as in text files


def read_upload(name: str, data: bytes) -> str:
    """The text of an uploaded file: decoded, and reduced to its main text if it is HTML."""
    text = decode(data)
    if name.lower().endswith(HTML_SUFFIXES):
        return main_text(text)
    return text


def read_url(url: str, *, allow_private: bool = False) -> tuple[str, str]:
    """(name, text) of the article at a http(s) URL; InputError with one line if it fails."""
    page = fetch(url.strip(), allow_private=allow_private)
    text = decode(page.body)
    if "html" in page.content_type or text.lstrip()[:100].lower().startswith(
        ("<!doctype", "<html")
    ):
        text = main_text(text)
    name = urlparse(page.url).netloc + urlparse(page.url).path
    return name[:80] or page.url[:80], text
