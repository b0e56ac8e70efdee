"""The embedded gazetteer: an SQLite index of place names, built from packaged sources."""
