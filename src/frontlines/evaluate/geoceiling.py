"""`frontlines eval geoparse --ceiling`: why each misplaced toponym is missed, and what is reachable.

Every paired toponym that our geoparser places more than 161 km off (or leaves unresolved) gets
one class, from what the gazetteer and the report's text hold, not from our ranking:

- ``index``: no candidate of our span nor of the gold span lies within 161 km of the gold point:
  the index lacks the place (a river, a park, a neighbourhood, a village under 500 people), or
  the corpus codes the name otherwise than the gazetteer's own reading ("New York" as the state).
- ``prior``: the best-known candidate (by the resolver's prior) is right: a resolver that
  answered by fame alone would have placed it.
- ``context``: another gold place of the same report lies within 200 km of the gold point: the
  report's other names could have told the namesakes apart.
- ``lone``: the report names no other place, and a lesser namesake is meant: nothing in the text
  tells which (a local paper's "Mansfield" without its state).
- ``far``: the report's other places all lie over 200 km away.

``prior`` and ``context`` are reachable from the text with this index; the ``ceiling`` is the
accuracy@161 km a resolver would reach if it got every one of them right (`span` counts the
reachable ones whose gold span differs from ours, which need recognition work as well).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from ..places.relations import haversine_km

CLASSES = ("index", "prior", "context", "lone", "far")
REACHABLE = frozenset({"prior", "context"})
#: Two places of one report this close are evidence for each other.
CONTEXT_KM = 200.0


def _point(t: dict) -> tuple[float, float]:
    return float(t["lat"]), float(t["lon"])


def classify(gold: dict, predicted_text: str | None, doc_golds: list[dict], candidates: Callable[[str], list],
             prior: Callable[[Any], float], right_km: float) -> tuple[str, bool]:
    """The class of one misplaced toponym (see the module doc), and whether reaching it needs
    the gold span (our span's candidates hold no right one, the gold span's do); a candidate
    within `right_km` of the gold point is right."""
    lat, lon = _point(gold)

    def right(texts: list[str]) -> tuple[list, list]:
        cands = [c for t in texts for c in candidates(t)]
        return cands, [c for c in cands if haversine_km(c.lat, c.lon, lat, lon) <= right_km]

    ours, ours_right = right([predicted_text]) if predicted_text else ([], [])
    golds, golds_right = right([gold["text"]])
    if not ours_right and not golds_right:
        return "index", False
    needs_span = not ours_right
    cands, hits = (ours, ours_right) if ours_right else (golds, golds_right)
    if max(cands, key=prior) in hits:
        return "prior", needs_span
    others = [t for t in doc_golds if t is not gold and t["text"].lower() != gold["text"].lower()]
    if any(haversine_km(*_point(t), lat, lon) <= CONTEXT_KM for t in others):
        return "context", needs_span
    return ("far" if others else "lone"), needs_span


def summarise(classes: list[tuple[str, bool]], right: int, located: int) -> dict[str, Any]:
    """Counts per class, the reachable ones that need the gold span, and the ceiling."""
    counts = Counter(c for c, _ in classes)
    reachable = sum(counts[c] for c in REACHABLE)
    return {"misses": len(classes), **{c: counts.get(c, 0) for c in CLASSES},
            "span": sum(1 for c, s in classes if s and c in REACHABLE),
            "right": right, "located": located,
            "ceiling": (right + reachable) / located if located else None}
