"""Maps of results: folium maps of one document or a corpus, with their arcs, legend and offline assets."""
