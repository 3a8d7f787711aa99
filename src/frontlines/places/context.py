"""The report's area: where its resolved places lie, as evidence for the names still open.

A local report names its town, its county and its neighbours, and the namesakes of a name
("Paris", "Decatur", "Jackson County") are told apart by the first-order division the
report's other places fall in: "Paris" beside "Edgar County" (Illinois only) is Paris,
Illinois, although Paris, France is far better known, and "DeKalb County" beside the town of
DeKalb is the Illinois county, not one of the five others. Division points are no help here
(a county's point is often its state's), so the evidence is the division codes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..records import Place

#: Coherence of a candidate in the first-order division of all the report's places (top) and
#: of a small share of them (floor): above a country of the report (0.4), below a place
#: within 50 km of one of its places or inside a division it names (1.0).
STATE_COHERENCE = (0.55, 0.9)
#: Bonus to a candidate's total, times the share of the report's places in its division: it
#: breaks ties among namesakes that the coherence alone leaves level (five DeKalb Counties,
#: each inside a state the report names).
AREA_WEIGHT = 0.1
#: Namesakes of comparable standing: a prior at most this far below the best of the same
#: country and class (about a tenth of the population). A town of 8,000 in the division of
#: one of the report's places is not the Boston the report means.
STANDING_GAP = 0.1


def state_of(p: Place) -> tuple[str, str] | None:
    """The (country, first-order division) a place lies in or is, None for a country."""
    if p.feature_code.startswith("PCL") or p.feature_code == "CONT" or not p.admin1_code:
        return None
    return (p.country_code, p.admin1_code)


@dataclass(slots=True)
class Area:
    """The weight of a report's resolved places per first-order division (by codes)."""

    states: dict[tuple[str, str], float] = field(default_factory=dict)
    total: float = 0.0

    @classmethod
    def of(cls, anchors: Iterable[tuple[Place, float]]) -> Area:
        """From resolved places and their weights; countries and continents carry no division."""
        area = cls()
        for p, w in anchors:
            s = state_of(p)
            if s is not None:
                area.states[s] = area.states.get(s, 0.0) + w
                area.total += w
        return area

    def __bool__(self) -> bool:
        return self.total > 0

    def share(self, p: Place) -> float:
        """The share of the report's placed weight in the first-order division of `p`."""
        s = state_of(p)
        if s is None or not self.total:
            return 0.0
        return self.states.get(s, 0.0) / self.total

    def coherence(self, p: Place) -> tuple[float, str]:
        """Coherence of `p` by the division it shares with the report's places (0 if none)."""
        share = self.share(p)
        if not share:
            return 0.0, ""
        lo, hi = STATE_COHERENCE
        return lo + (hi - lo) * share, f"in the division of {share:.0%} of the report's places"


class Standing:
    """Which candidates of a name stand comparable with its best-known namesake of the same
    country and feature class (a town against towns, a division against divisions)."""

    def __init__(self, candidates: Iterable[Place], prior: Callable[[Place], float]) -> None:
        self.prior = prior
        self.best: dict[tuple[str, str], float] = {}
        for p in candidates:
            k = (p.country_code, p.feature_class)
            self.best[k] = max(self.best.get(k, 0.0), prior(p))

    def comparable(self, p: Place) -> bool:
        """Whether `p`'s prior is within `STANDING_GAP` of the best of its country and class."""
        return self.best.get((p.country_code, p.feature_class), 0.0) - self.prior(p) <= STANDING_GAP
