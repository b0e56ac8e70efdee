"""A Result as files: JSON, GeoJSON, CSV, KML, and a standalone HTML map."""
