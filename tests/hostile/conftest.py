"""The browser fixtures, shared with tests/browser."""
from tests.browser.conftest import browser, offline_page, offline_page_allowing  # noqa: F401
