"""Streaming importer for the official GeoNames dump format.

`geoname` tables (allCountries, per-country files, cities500/1000/...) have 19 tab-separated
columns: geonameid, name, asciiname, alternatenames (comma-separated), latitude, longitude,
feature class, feature code, country code, cc2, admin1..admin4 codes, population, elevation,
dem, timezone, modification date. Files may be plain text or zip archives (the .txt inside
with the archive's stem, else the first .txt that is not a readme). `admin1CodesASCII.txt`
and `admin2Codes.txt` have `code, name, asciiname, geonameid`; `countryInfo.txt` has `#`
comment lines and the geonameid in column 17. Rows are read one at a time, never all at once.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from .index import IndexBuilder

#: Feature classes kept from a full dump: divisions, populated places, and the physical
#: features conflict reports name (mountains, wadis, oases, spots such as camps and bases).
KEEP_CLASSES = frozenset("APLSTHV")


class GeoNameRow(NamedTuple):
    """One row of a GeoNames `geoname` table (the columns the gazetteer uses)."""

    geonameid: int
    name: str
    asciiname: str
    alternatenames: list[str]
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1: str
    admin2: str
    population: int


def _open_text(path: Path) -> Iterator[str]:
    """Lines of a text file or of the main .txt inside a zip archive."""
    path = Path(path)
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if n.endswith(".txt")]
            inner = next((n for n in names if Path(n).stem == path.stem), None) or next(
                n for n in names if "readme" not in n.lower())
            with zf.open(inner) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    else:
        with path.open(encoding="utf-8", newline="\n") as fh:
            yield from fh


def read_geonames(path: Path | str) -> Iterator[GeoNameRow]:
    """Rows of a `geoname` table; malformed lines (fewer than 15 columns) are skipped."""
    for line in _open_text(Path(path)):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.rstrip("\r\n").split("\t")
        if len(f) < 15 or not f[0].isdigit():
            continue
        try:
            lat, lon = float(f[4]), float(f[5])
        except ValueError:
            continue
        alts = [a for a in f[3].split(",") if a] if f[3] else []
        yield GeoNameRow(int(f[0]), f[1], f[2], alts, lat, lon, f[6], f[7], f[8],
                         f[10], f[11], int(f[14]) if f[14].lstrip("-").isdigit() else 0)


def read_codes(path: Path | str) -> Iterator[tuple[str, str, str, int]]:
    """Rows of admin1CodesASCII.txt / admin2Codes.txt: (code, name, asciiname, geonameid); no id, no row."""
    for line in _open_text(Path(path)):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.rstrip("\r\n").split("\t")
        if len(f) >= 4 and f[3].strip().isdigit() and int(f[3]) > 0:
            yield f[0], f[1], f[2], int(f[3])


def read_country_info(path: Path | str) -> Iterator[dict[str, str]]:
    """Rows of countryInfo.txt as dicts: iso, name, capital, population, geonameid, neighbours."""
    for line in _open_text(Path(path)):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.rstrip("\r\n").split("\t")
        if len(f) >= 17 and f[16].strip().isdigit():
            yield {"iso": f[0], "name": f[4], "capital": f[5], "population": f[7],
                   "geonameid": f[16], "neighbours": f[17] if len(f) > 17 else ""}


def feed_geonames(builder: IndexBuilder, geonames_files: list[Path | str], *,
                  admin1: Path | str | None = None, admin2: Path | str | None = None,
                  country_info: Path | str | None = None,
                  alternate_names: Path | str | None = None) -> None:
    """Add the rows of GeoNames dump files to `builder` (countries and codes first, then the
    alternate names of the places read)."""
    capitals: dict[str, str] = {}
    if country_info:
        builder.sources.append(str(country_info))
        for c in read_country_info(country_info):
            builder.country_names[c["iso"]] = c["name"]
            builder.neighbours[c["iso"]] = c["neighbours"]
            capitals[c["iso"]] = c["capital"]
            pop = int(c["population"]) if c["population"].isdigit() else 0
            builder.add(int(c["geonameid"]), c["name"], "A", "PCLI", c["iso"], None, None, pop)
    if admin1:
        builder.sources.append(str(admin1))
        for code, name, ascii_name, gid in read_codes(admin1):
            cc, _, a1 = code.partition(".")
            builder.admin1_names[code] = name
            builder.add(gid, name, "A", "ADM1", cc, None, None, 0, a1, "", [ascii_name])
    if admin2:
        builder.sources.append(str(admin2))
        for code, name, ascii_name, gid in read_codes(admin2):
            parts = code.split(".")
            if len(parts) == 3:
                builder.admin2_names[code] = name
                builder.add(gid, name, "A", "ADM2", parts[0], None, None, 0, parts[1], parts[2],
                            [ascii_name])
    has_capitals = False
    for path in geonames_files:
        builder.sources.append(str(path))
        for r in read_geonames(path):
            if r.feature_class not in KEEP_CLASSES:
                continue
            has_capitals = has_capitals or r.feature_code == "PPLC"
            builder.add(r.geonameid, r.name, r.feature_class, r.feature_code or "PPL",
                        r.country_code, r.lat, r.lon, r.population, r.admin1, r.admin2,
                        [r.asciiname, *r.alternatenames])
    if capitals and not has_capitals:
        builder.mark_capitals(capitals)
    if alternate_names:
        builder.sources.append(str(alternate_names))
        for gid, name in read_alternate_names(alternate_names):
            row = builder.rows.get(gid)
            if row is not None:
                builder.add(gid, row[0], row[1], row[2], row[3], None, None, 0,
                            alternates=[name])


#: alternateNames "languages" that are not names: links, codes, postal codes, Wikidata ids.
NOT_NAMES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "abbr"})


def read_alternate_names(path: Path | str) -> Iterator[tuple[int, str]]:
    """(geonameid, name) pairs of alternateNamesV2.txt (or alternateNames.txt), zipped or not.

    Columns: alternateNameId, geonameid, isolanguage, alternate name, isPreferredName,
    isShortName, isColloquial, isHistoric, from, to. Colloquial and historic names and the
    code "languages" in `NOT_NAMES` are skipped."""
    for line in _open_text(Path(path)):
        f = line.rstrip("\r\n").split("\t")
        if len(f) < 4 or not f[1].isdigit() or f[2] in NOT_NAMES:
            continue
        if (len(f) > 6 and f[6] == "1") or (len(f) > 7 and f[7] == "1"):
            continue
        yield int(f[1]), f[3]
