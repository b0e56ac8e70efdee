"""Packaged data files of the gazetteer: aliases, landmarks, large regions, US counties."""
