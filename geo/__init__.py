"""geo: read a news article, find its places and journeys, and map them, offline."""

__version__ = "0.1.0"
