"""spaCy pipelines: loaded once per process, per language."""
