"""A measured figure beside its budget, and the table or JSON that `geo bench` prints."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Figure:
    """One measured figure, its unit, and its budget as (">=" or "<=", limit) if it has one."""

    key: str
    label: str
    value: float | str | None
    unit: str = ""
    budget: tuple[str, float] | None = None
    note: str = ""

    @property
    def ok(self) -> bool | None:
        """Whether the budget holds (None: no budget, or nothing measured)."""
        if self.budget is None or not isinstance(self.value, (int, float)):
            return None
        op, limit = self.budget
        return self.value <= limit if op == "<=" else self.value >= limit


def format_table(figures: list[Figure]) -> str:
    """The figures as a table: measured value, budget, verdict, and a note."""
    lines = [f"{'figure':<44}{'measured':>14}  {'budget':<12}{'':<6}note"]
    for f in figures:
        value = (
            "skipped"
            if f.value is None
            else f"{f.value:,}"
            if isinstance(f.value, (int, float))
            else str(f.value)
        )
        value = f"{value} {f.unit}".rstrip() if f.value is not None else value
        budget = f"{f.budget[0]} {f.budget[1]:g}" if f.budget else "-"
        verdict = {True: "ok", False: "OVER", None: ""}[f.ok]
        lines.append(f"{f.label:<44}{value:>14}  {budget:<12}{verdict:<6}{f.note}".rstrip())
    return "\n".join(lines)


def figures_json(figures: list[Figure]) -> str:
    """The figures as JSON: one object per figure, with its budget and verdict."""
    rows = [
        {
            "key": f.key,
            "label": f.label,
            "value": f.value,
            "unit": f.unit,
            "budget": f"{f.budget[0]} {f.budget[1]:g}" if f.budget else None,
            "ok": f.ok,
            "note": f.note,
        }
        for f in figures
    ]
    return json.dumps({"figures": rows}, indent=2, ensure_ascii=False)
