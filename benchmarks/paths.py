"""What the benchmarks are given: the checkout they measure, gold files, and a Chromium."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

NO_GOLD = "skipped: no gold files (give --eval-dir or set GEO_EVAL_DIR)"


@dataclass(frozen=True, slots=True)
class Paths:
    """The checkout (its sample article and app.py), the folder of gold .jsonl files, and the
    Chromium that the browser figures drive; a figure whose input is missing is skipped."""

    root: Path
    eval_dir: Path | None = None
    chromium: Path | None = None

    @property
    def sample(self) -> Path:
        """The sample article: a French news story with places and journeys."""
        return self.root / "seeds" / "kim-putin-fr.txt"

    @property
    def app(self) -> Path:
        """The Streamlit app that the app figures serve."""
        return self.root / "app.py"

    def browser_missing(self) -> str | None:
        """Why Chromium cannot be driven here, or None if it can."""
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            return 'playwright is not installed (pip install -e ".[test]")'
        if self.chromium is None:
            return "no Chromium (give --chromium or set GEO_CHROMIUM; apt-get install chromium)"
        return None

    def dev_docs(self) -> list[dict] | None:
        """The documents of the gold files (only id, text, lang and date are read); None if
        none."""
        files = sorted(self.eval_dir.glob("*.jsonl")) if self.eval_dir else []
        if not files:
            return None
        docs = []
        for path in files:
            for line in path.open(encoding="utf-8"):
                if line.strip():
                    doc = json.loads(line)
                    docs.append(
                        {
                            "id": f"{path.stem}/{doc['id']}",
                            "text": doc["text"],
                            "lang": doc.get("lang"),
                            "date": doc.get("date"),
                        }
                    )
        return docs
