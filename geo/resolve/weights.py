"""Every number of the ranking, in one place: what each feature of `geo.resolve.features` weighs.

A score is a sum: the prior of a candidate's kind (or feature), its population, and a bonus for
each thing the text says of it. The comments give what each weight was measured against.

scripts/search_weights.py searches them again, one at a time, over gwn.dev, lgl.dev and
frnews.dev together, five folds of documents. At its last run (December 2026) no fold moved
any weight (no step gained 0.1 point of mean acc@161 without costing a file 0.5), so the
held-out change was 0.0 on every file; on all the documents at once only KIND_PRIOR["country"]
0.8 -> 0.4 passed that bar (+0.1 gwn, +0.3 lgl), which no fold confirmed: left as it is.
"""

from __future__ import annotations

KIND_PRIOR = {
    "country": 0.8,
    "continent": 1.0,
    "landmark": 0.9,
    "region": 0.4,
    "city": 0.0,
    "other": 0.0,
}
# An airport is a landmark that shares its name with towns ("Heathrow", Florida): it weighs
# less than a town of 500 people (0.08 * log10(500) = 0.22) unless the text's context helps.
FEATURE_PRIOR = {"airport": 0.2}
CAPITAL_BONUS = 0.5
# times the share of the text's mentions in the candidate's country: at 0.8 "London" beside
# Toronto and Canada, "Georgia" beside Gainesville stayed abroad (lgl.dev acc@161 85.3 -> 86.3
# at 1.2; gwn.dev and frnews.dev the same from 0.8 to 1.6; gwn and lgl worse at 2.0)
COHERENCE_BONUS = 1.2
POPULATION_WEIGHT = 0.08  # per tenfold population
OWN_NAME_BONUS = 0.25  # "Salisbury" is Salisbury before it is Harare's old name
# ... but not for a place a hundred times smaller than one that has the name as an alternate
# ("Cologne", "Bâle", "Trèves": the exonyms of Köln, Basel and Trier)
EXONYM_GAP = 100
REGION_BONUS = 0.3  # "Red Oak" in a story about Iowa
NEAR_BONUS = 0.2  # each: "Georgia" among Azerbaijan and Armenia, "Washington" beside Seattle
NEAR_MAX = 0.6
# Each other place of the text within 500 km, again within 100 km, again within 30 km: Boone
# County in Indiana lies 40 km from the text's Montgomery County, the one in Missouri 600 km
# (on lgl.dev acc@161 83.5 -> 85.3 with the two inner rings, gwn.dev 93.7 -> 94.1)
NEAR_KM = (500.0, 100.0, 30.0)
# The words around a name that say a town or an area (`geo.resolve.cues`): "à Québec" is the
# city, "au Québec" the province. Worth more than the kind prior of a region (0.4) and a
# tenfold population, less than "X, State" (WITHIN_BONUS).
CUE_BONUS = 0.6
WITHIN_BONUS = 1.5  # "Paris, Texas": the text says where
# A town that a county named elsewhere in the text holds, and that county ("Paris" and "Henry
# County": both in Tennessee): less than "X, State", more than a tenfold population
HELD_BONUS = 0.6
COUNTY_KM = 40.0  # a town within this of a county's point lies in it (a county is ~30 km wide)
LANGUAGE_BONUS = 0.05  # a tie-breaker: at 0.2, English put St. Petersburg in Florida
USER_BONUS = 3.0  # a reader's own places win over any gazetteer entry of the same name
TEMPERATURE = 0.25  # of the softmax that turns scores into a confidence
MAX_ALTERNATIVES = 5
PASSES = 2  # the first reads each name among the others read alone, the second among theirs
