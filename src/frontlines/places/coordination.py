"""Which coordinated names share a first-order division reading ("Oregon and Washington").

Kept apart from `resolve.py` (which calls it once per pass) so that module stays small.
"""

from __future__ import annotations

from collections.abc import Callable

from ..records import Place
from .gazetteer import Gazetteer


def division_peers(g: Gazetteer, town: Callable[[str], bool], pairs: list[tuple[tuple, tuple]],
                   places: dict[tuple, Place | None], names: dict[tuple, str]) -> dict[tuple, frozenset[str]]:
    """Names coordinated with a first-order division that are one too, with its countries.

    "Oregon and Washington laws" are the states', not the capital's; but a country partner
    says nothing ("Syria and Aleppo" is the city), nor do two well-known towns that are also
    divisions ("Homs and Hama"): one of the two must be mainly a division. `town(name)`: the
    name's reading that is no division is a capital or a big town; `places`: each group's
    current answer."""
    out: dict[tuple, set[str]] = {}
    for a, b in pairs:
        for x, y in ((a, b), (b, a)):
            if x[0] == y[0]:
                continue
            p = places.get(y)
            y_adm1 = {c.country_code for c in g.candidates(names[y]) if c.feature_code == "ADM1"}
            x_adm1 = {c.country_code for c in g.candidates(names[x]) if c.feature_code == "ADM1"}
            x_town = town(names[x])
            if p is not None and p.feature_code == "ADM1":
                if not x_town or not town(names[y]) and p.country_code in x_adm1:
                    out.setdefault(x, set()).add(p.country_code)
            elif not (x_town and town(names[y])) and x_adm1 & y_adm1:
                out.setdefault(x, set()).update(x_adm1 & y_adm1)
    return {k: frozenset(cs) for k, cs in out.items()}
