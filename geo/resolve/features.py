"""The features of a candidate and what they add to its score (`geo.resolve.weights` holds the
numbers, read at each score: scripts/search_weights.py tries others), and the reason given for a
rank, which names the same features."""

from __future__ import annotations

import math

from geo.model import Candidate
from geo.resolve import weights as w
from geo.resolve.context import LOCAL_KINDS, Focus
from geo.resolve.weights import NEAR_KM
from geo.world.languages import speakers


def score(candidate: Candidate, focus: Focus, own: bool = False, shadowed: bool = False) -> float:
    """The candidate's score in this focus: `own` when the name is its own (not an alternate),
    `shadowed` when it is a region that a big town of its name stands for."""
    total = w.FEATURE_PRIOR.get(candidate.feature or "", w.KIND_PRIOR.get(candidate.kind, 0.0))
    if not shadowed:
        total += w.POPULATION_WEIGHT * math.log10(candidate.population + 1)
    if candidate.feature == "capital":
        total += w.CAPITAL_BONUS
    if candidate.source == "user":
        total += w.USER_BONUS
    if own:
        # a country called by its own name is that country, not its capital ("Mexico")
        total += w.OWN_NAME_BONUS * (2 if candidate.kind == "country" else 1)
    if candidate.kind != "country":
        total += w.COHERENCE_BONUS * focus.share(candidate.country_code)
    total += w.REGION_BONUS * focus.region_weight(candidate)
    if candidate.kind in LOCAL_KINDS:
        total += sum(min(w.NEAR_MAX, w.NEAR_BONUS * n) for n in focus.near(candidate))
    if focus.contains(candidate):
        total += w.WITHIN_BONUS
    if candidate.id in focus.held:
        total += w.HELD_BONUS
    if candidate.kind == "city":
        total += w.CUE_BONUS * max(0.0, focus.cue)
    elif candidate.kind in {"region", "country"}:
        total += w.CUE_BONUS * max(0.0, -focus.cue)
    if focus.language:
        total += w.LANGUAGE_BONUS * speakers(candidate.country_code, focus.language)
    return total


def reason(candidate: Candidate, focus: Focus) -> str:
    """Why the candidate ranks where it does, in the reader's words."""
    parts = []
    code = candidate.country_code or "?"
    if candidate.kind == "country":
        parts.append("country")
    elif candidate.feature == "capital":
        parts.append(f"capital of {code}")
    elif candidate.country_code:
        parts.append(f"{candidate.feature or candidate.kind} in {code}")
    else:
        parts.append(candidate.kind)
    if candidate.population:
        parts.append(f"population {candidate.population:,}")
    if candidate.kind != "country" and focus.countries[code]:
        parts.append(f"the text names {focus.countries[code]} other place(s) in {code}")
    if focus.region_weight(candidate):
        parts.append("its region is named in the text")
    if candidate.kind in LOCAL_KINDS:
        for radius, near in reversed(tuple(zip(NEAR_KM, focus.near(candidate), strict=True))):
            if near:  # the closest ring that holds some
                parts.append(f"{near} other place(s) of the text within {radius:.0f} km")
                break
    if box := focus.contains(candidate):
        parts.append(f"in {box.name}, as the text says")
    if candidate.id in focus.held:
        parts.append("a town and a county of the text, one in the other")
    if focus.cue and candidate.kind in {"city", "region", "country"}:
        said = "a town" if focus.cue > 0 else "an area"
        parts.append(f"the words around the name say {said}")
    if focus.language and (share := speakers(candidate.country_code, focus.language)) >= 0.5:
        parts.append(f"{share:.0%} of {code} speak the text's language")
    return "; ".join(parts)
