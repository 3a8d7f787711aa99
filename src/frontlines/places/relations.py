"""How two gazetteer places relate: distance, containment by division codes, closeness.

Pure functions shared by the resolver (`resolve.py`) and the report-level evidence it weighs
(`context.py`). Containment reads the country and admin codes, not the points: a division's
point is a representative one (often a town's, or its parent's).
"""

from __future__ import annotations

import math

from ..records import Place

#: A place within this of another is at the same spot; candidates this close support each other.
NEAR_KM, SUPPORT_KM = 50.0, 200.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def contains(div: Place, other: Place) -> bool:
    """Whether division `div` contains `other` (by country and admin codes)."""
    if div.country_code != other.country_code or div.geonameid == other.geonameid:
        return False
    code = div.feature_code
    if code.startswith("PCL"):
        return not other.feature_code.startswith("PCL")
    if code == "ADM1":
        return bool(div.admin1_code) and div.admin1_code == other.admin1_code and \
            not other.feature_code.startswith("PCL") and other.feature_code != "ADM1"
    if code == "ADM2":  # second-order codes repeat across first-order divisions (US county FIPS codes)
        return bool(div.admin2_code) and div.admin2_code == other.admin2_code and div.admin1_code == other.admin1_code \
            and other.feature_code not in ("ADM1", "ADM2") and not other.feature_code.startswith("PCL")
    return False


def nested(a: Place, b: Place) -> bool:
    """Whether one contains the other (a city and its namesake province)."""
    return contains(a, b) or contains(b, a)


def seat(div: Place, town: Place) -> bool:
    """Whether a town lies in the division of its own name: by its codes, or, for a district
    when the town has no second-order code (the packaged data), by the same first-order
    division and 50 km from the district's point (which the index puts on a town)."""
    if contains(div, town):
        return True
    return div.feature_code == "ADM2" and not town.admin2_code and div.country_code == town.country_code \
        and div.admin1_code == town.admin1_code and haversine_km(div.lat, div.lon, town.lat, town.lon) <= NEAR_KM


def close(p: Place, q: Place) -> bool:
    """Whether two candidates of different names support each other (see `support.report_support`)."""
    if p.geonameid == q.geonameid or p.feature_code == "CONT" or q.feature_code == "CONT":
        return False
    if p.feature_code.startswith("PCL") or q.feature_code.startswith("PCL"):
        return p.country_code == q.country_code
    if p.feature_class == "A" or q.feature_class == "A":
        return nested(p, q)
    return abs(p.lat - q.lat) < 2 and haversine_km(p.lat, p.lon, q.lat, q.lon) <= SUPPORT_KM


def division(p: Place) -> bool:
    """A country or a first-order division: what a qualifier after a comma names."""
    return p.feature_code.startswith("PCL") or p.feature_code == "ADM1"


def inside(p: Place, div: Place) -> bool:
    """Whether `p` lies in the country or first-order division `div` (or is it)."""
    return p.geonameid == div.geonameid or contains(div, p)
