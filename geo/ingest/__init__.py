"""Reading input: bytes, files, HTML pages, URLs and JSONL documents become text."""
