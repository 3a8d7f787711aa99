"""Places learnt from event datasets users already hold (UCDP GED, ACLED, or a plain CSV).

Coders of these datasets name the places of their events, with coordinates: UCDP's
`where_coordinates` ("Shair gas field", "At Tanf village"), ACLED's `location`. Such names are
often missing from GeoNames, so they are added to the index with their provenance
("ucdp:ucdp_ged_syria.csv") and the kind their generic word tells ("gas field" → S.OILF,
"village" → P.PPL). Each distinct (name, point) becomes one place, indexed by its full name
and by its name without the generic word ("Shair"). Only precise rows are read: UCDP
`where_prec` 1–2 (the place or within 25 km), ACLED `geo_precision` 1–2; rows that name a road,
a border or several places ("Road between X and Y", "X/Y") are skipped.

A plain CSV needs `name`, `latitude` (or `lat`) and `longitude` (or `lon`) columns, and may
have `country` (ISO code or name), `feature_code`, `admin1` and `admin2`.
"""

from __future__ import annotations

import csv
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from .index import Builder
from .keys import ARTICLES, QUALIFIERS, key, words

FORMATS = ("ucdp", "acled", "csv")

#: Generic words of coded place names, with the GeoNames class and code they point to.
KINDS: dict[str, tuple[str, str]] = {
    **dict.fromkeys("town city village hamlet settlement suburb neighbourhood neighborhood "
                    "district quarter".split(), ("P", "PPL")),
    **dict.fromkeys("field fields oilfield gasfield".split(), ("S", "OILF")),
    **dict.fromkeys("camp".split(), ("S", "CMP")),
    **dict.fromkeys("airbase airport base".split(), ("S", "MILB")),
    **dict.fromkeys("station plant dam bridge crossing checkpoint prison hospital factory "
                    "refinery".split(), ("S", "BLDG")),
    **dict.fromkeys("mountain mountains jabal jebel hill".split(), ("T", "MT")),
    **dict.fromkeys("area desert valley plain".split(), ("L", "AREA")),
}
_KIND_MODIFIERS = frozenset({"gas", "oil", "military", "refugee", "phosphate"})
_SKIP = re.compile(r"\b(?:road|highway|between|border|frontline|front|area of|outskirts)\b|/", re.I)
_PAREN = re.compile(r"\s*\([^)]*\)")


def kind_of(name: str) -> tuple[str, str, str]:
    """(class, code, name without its trailing generic words) of a coded place name."""
    ws = name.split()
    kind = ("P", "PPL")
    while len(ws) > 1 and (ws[-1].lower() in KINDS or ws[-1].lower() in _KIND_MODIFIERS):
        kind = KINDS.get(ws[-1].lower(), kind)
        ws = ws[:-1]
    return kind[0], kind[1], " ".join(ws)


def _float(v: str | None) -> float | None:
    try:
        return float(v) if v not in (None, "") else None
    except ValueError:
        return None


def read_event_places(path: Path | str, fmt: str) -> Iterator[dict]:
    """Rows of an event dataset as {name, lat, lon, country, admin1, admin2, code?}; imprecise rows skipped."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            if fmt == "ucdp":
                prec = _float(row.get("where_prec"))
                name = row.get("where_coordinates") or ""
                if prec is None or prec > 2:
                    continue
                out = {"name": name, "country": row.get("country"), "admin1": row.get("adm_1"),
                       "admin2": row.get("adm_2")}
            elif fmt == "acled":
                prec = _float(row.get("geo_precision"))
                if prec is None or prec > 2:
                    continue
                out = {"name": row.get("location") or "", "country": row.get("country"),
                       "admin1": row.get("admin1"), "admin2": row.get("admin2")}
            else:
                out = {"name": row.get("name") or "", "country": row.get("country"),
                       "admin1": row.get("admin1"), "admin2": row.get("admin2"),
                       "code": row.get("feature_code")}
            lat = _float(row.get("latitude") or row.get("lat"))
            lon = _float(row.get("longitude") or row.get("lon"))
            name = _PAREN.sub("", out["name"]).strip()
            if lat is None or lon is None or not name or _SKIP.search(name) or not key(name):
                continue
            out.update(name=" ".join(name.split()), lat=lat, lon=lon)
            yield out


def _country_code(builder: Builder, country: str | None) -> str:
    if not country:
        return ""
    if len(country) == 2 and country.upper() in builder.country_names:
        return country.upper()
    k = key(re.sub(r"\s*\(.*", "", country))
    for cc, name in builder.country_names.items():
        if key(name) == k:
            return cc
    return ""


def _admin_codes(builder: Builder) -> tuple[dict, dict]:
    """Lookups (cc, division key) → admin1 code and (cc, a1, key) → admin2 code."""
    from .index import division_keys

    a1: dict[tuple[str, str], str] = {}
    for code, name in builder.admin1_names.items():
        cc, _, c1 = code.partition(".")
        for k in division_keys(name):
            a1.setdefault((cc, k), c1)
    a2: dict[tuple[str, str, str], str] = {}
    for code, name in builder.admin2_names.items():
        parts = code.split(".")
        if len(parts) == 3:
            for k in division_keys(name):
                a2.setdefault((parts[0], parts[1], k), parts[2])
    return a1, a2


def feed_event_places(builder: Builder, path: Path | str, fmt: str) -> int:
    """Add the distinct places of an event dataset to `builder`; returns how many were added."""
    from .index import division_keys

    origin = f"{fmt}:{Path(path).name}"
    builder.sources.append(str(path))
    seen: Counter = Counter()
    info: dict[tuple, dict] = {}
    for row in read_event_places(path, fmt):
        ident = (row["name"], round(row["lat"], 2), round(row["lon"], 2))
        seen[ident] += 1
        info.setdefault(ident, row)
    a1_codes, a2_codes = _admin_codes(builder)
    added = 0
    for ident, row in info.items():
        name = row["name"]
        fclass, fcode, short = kind_of(name)
        if row.get("code"):
            fcode = row["code"]
        cc = _country_code(builder, row.get("country"))
        a1 = next((a1_codes[(cc, k)] for k in division_keys(row.get("admin1") or "")
                   if (cc, k) in a1_codes), "")
        a2 = next((a2_codes[(cc, a1, k)] for k in division_keys(row.get("admin2") or "")
                   if (cc, a1, k) in a2_codes), "")
        gid = -(zlib.crc32(f"{origin}|{name}|{ident[1]}|{ident[2]}".encode()) & 0x7FFFFFFF) - 1
        while builder.has(gid):
            gid -= 1
        alternates = [short] if short != name and words(short) else []
        bare = [w for w in words(short) if w not in QUALIFIERS and w not in ARTICLES]
        if bare and len(bare) < len(words(short)):
            alternates.append(" ".join(bare))  # "Baghuz at-Tahtani" is also "Baghuz"
        builder.add(gid, name, fclass, fcode, cc, row["lat"], row["lon"], 0, a1, a2, alternates,
                    filter_alternates=False)
        builder.provenance[gid] = origin
        added += 1
    return added
