"""A Result as files: JSON, GeoJSON, CSV, KML, and a standalone HTML map; and read back from
its JSON (`read`), as the app's readings kept on disk are (`readings`)."""
