"""Journeys told in the text: motion words, travelers, times, and the routes they make."""
