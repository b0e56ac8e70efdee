"""Facts about the world that several stages share: countries, their outlines, languages, nearness."""
