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
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from .index import Builder

#: Feature classes kept from a full dump, by policy (`--features`). GeoNames' 12 million rows
#: are half noise for conflict reports (churches, schools, hotels, farms, wells, buildings,
#: springs, rocks), and each kept row is a candidate for a name, so beside every division (A)
#: and populated place (P) the default "conflict" policy keeps only the codes reports name:
#: water bodies and courses (rivers, wadis, lakes, reservoirs, seas, gulfs: fronts and
#: crossings), regions, areas, parks, oil and gas fields, military and naval bases, ports,
#: oases (L), mountains, hills, islands, valleys, plains, deserts, passes (T), forests (V), and
#: spots of war (S): airports and airbases, military installations, barracks, forts, camps
#: (refugee camps too), border, customs and police posts, prisons, dams, bridges, refineries,
#: oil terminals and pumping stations, power stations, railway stations, hospitals, ruins and
#: castles. "populated" keeps A and P only (what the packaged index has); "all" keeps every
#: class but roads (R) and undersea features (U).
CONFLICT_CODES: dict[str, frozenset[str]] = {
    "H": frozenset("""STM STMS STMI STMX STMA WAD WADS WADX WADB LK LKS LKI LKN LKSN LKX RSV RSVI
        SEA GULF BAY BAYS OCN STRT LGN LGNS CNL CHN SD HBR COVE DLTA""".split()),
    "L": frozenset("""AREA RGN RGNE RGNL RGNH PRK RES RESV RESN RESF RESW OILF GASF COLF MILB NVB MVA
        PRT INDS LCTY OAS CST BSND CTRB TRB ZN CONT""".split()),
    "T": frozenset("""MT MTS HLL HLLS PK PKS ISL ISLS VAL VALS PLN PLAT DSRT PASS CAPE PEN GRGE CNYN
        RDGE UPLD MESA HMDA SAND ERG VLC RVN GAP OAS""".split()),
    "S": frozenset("""AIRB AIRF AIRP AIRH AIRQ INSM BRKS FT CMP CMPRF CMPQ PSTB PSTC PP PRN PRNJ DAM
        BDG OILR OILT OILJ PMPO PS PSH PSN RSTN NSY HSP HSPC HSPD RUIN CSTL ANS ZN""".split()),
    "V": frozenset({"FRST"}),
}
FEATURE_POLICIES = ("conflict", "populated", "all")


def keep_feature(fclass: str, fcode: str, policy: str = "conflict") -> bool:
    """Whether a dump row of this class and code goes into the index (see `CONFLICT_CODES`)."""
    if fclass in ("A", "P"):
        return True
    if policy == "populated":
        return fcode == "CONT"
    if policy == "all":
        return fclass not in ("R", "U", "")
    return fcode in CONFLICT_CODES.get(fclass, ())


class GeoNamesError(ValueError):
    """A GeoNames input that cannot be read, with what to do about it."""


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
    """Lines of a text file or of the main .txt inside a zip archive (never all at once)."""
    path = Path(path)
    with path.open("rb") as fh:
        magic = fh.read(4)
    try:
        if magic == b"PK\x03\x04":
            if not zipfile.is_zipfile(path):
                raise GeoNamesError(f"{path} is a truncated or damaged zip archive; download it again")
            with zipfile.ZipFile(path) as zf:
                names = [n for n in zf.namelist() if n.endswith(".txt")]
                inner = next((n for n in names if Path(n).stem == path.stem), None) or next(
                    (n for n in names if "readme" not in n.lower() and "iso-language" not in n), None)
                if inner is None:
                    raise GeoNamesError(f"{path} holds no GeoNames .txt table; give the zip downloaded "
                                        "from download.geonames.org/export/dump/")
                with zf.open(inner) as raw:
                    yield from io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        else:
            with path.open(encoding="utf-8", newline="\n") as fh:
                yield from fh
    except (zipfile.BadZipFile, zlib.error, EOFError) as e:
        raise GeoNamesError(f"{path} is a truncated or damaged zip archive ({e}); download it again") from e
    except UnicodeDecodeError as e:
        raise GeoNamesError(f"{path} is not UTF-8 text nor a zip of it: is it a GeoNames dump?") from e


def _wrong_columns(path: Path, line_no: int, found: int, expected: str, hint: str) -> None:
    raise GeoNamesError(f"{path} line {line_no} has {found} tab-separated columns, expected {expected}: {hint}")


def read_geonames(path: Path | str) -> Iterator[GeoNameRow]:
    """Rows of a `geoname` table; lines that are not rows (wrong column count, no id, no
    coordinates) are skipped, but a file that does not open with a row is refused as the wrong file."""
    path = Path(path)
    good = 0
    for n, line in enumerate(_open_text(path), 1):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.rstrip("\r\n").split("\t")
        if len(f) < 15 or not f[0].isdigit():
            if not good:
                _wrong_columns(path, n, len(f), "19 (geonameid, name, asciiname, alternatenames, ...)",
                               "give --geonames a geoname table (allCountries.zip, SY.zip, cities500.txt); "
                               "alternateNamesV2 goes to --alternate-names, admin codes to --admin1/--admin2")
            continue
        try:
            lat, lon = float(f[4]), float(f[5])
        except ValueError:
            continue
        good += 1
        alts = [a for a in f[3].split(",") if a] if f[3] else []
        yield GeoNameRow(int(f[0]), f[1], f[2], alts, lat, lon, f[6], f[7], f[8],
                         f[10], f[11], int(f[14]) if f[14].lstrip("-").isdigit() else 0)
    if not good:
        raise GeoNamesError(f"{path} has no GeoNames rows; give --geonames a geoname table "
                            "(allCountries.zip, SY.zip, cities500.txt)")


def read_codes(path: Path | str) -> Iterator[tuple[str, str, str, int]]:
    """Rows of admin1CodesASCII.txt / admin2Codes.txt: (code, name, asciiname, geonameid); no id, no row."""
    path = Path(path)
    for n, line in enumerate(_open_text(path), 1):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.rstrip("\r\n").split("\t")
        if n == 1 and (len(f) != 4 or "." not in f[0]):
            _wrong_columns(path, n, len(f), "4 (code, name, asciiname, geonameid)",
                           "give --admin1 admin1CodesASCII.txt and --admin2 admin2Codes.txt")
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


def feed_geonames(builder: Builder, geonames_files: list[Path | str], *,
                  admin1: Path | str | None = None, admin2: Path | str | None = None,
                  country_info: Path | str | None = None,
                  alternate_names: Path | str | None = None,
                  countries: Iterable[str] | None = None, features: str = "conflict") -> None:
    """Add the rows of GeoNames dump files to `builder` (countries and codes first, then the
    alternate names of the places read). With `countries`, rows of other countries are
    skipped, except their populated places, which still count (without keys) for the
    representative points of country records."""
    if features not in FEATURE_POLICIES:
        raise GeoNamesError(f"unknown feature policy {features!r}; choose from {', '.join(FEATURE_POLICIES)}")
    keep = {c.upper() for c in countries} if countries else None
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
            if not keep_feature(r.feature_class, r.feature_code, features):
                continue
            index = keep is None or r.country_code in keep or r.feature_code.startswith("PCL") \
                or r.feature_code == "CONT"
            if not index and r.feature_class != "P":
                continue
            has_capitals = has_capitals or r.feature_code == "PPLC"
            builder.add(r.geonameid, r.name, r.feature_class, r.feature_code or "PPL",
                        r.country_code, r.lat, r.lon, r.population, r.admin1, r.admin2,
                        [r.asciiname, *r.alternatenames] if index else (), index=index)
    if capitals and not has_capitals:
        builder.mark_capitals(capitals)
    if alternate_names:
        builder.sources.append(str(alternate_names))
        for gid, name in read_alternate_names(alternate_names):
            builder.add_alternate(gid, name)


#: alternateNames "languages" that are not names: links, codes, postal codes, Wikidata ids.
NOT_NAMES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "abbr"})


def read_alternate_names(path: Path | str) -> Iterator[tuple[int, str]]:
    """(geonameid, name) pairs of alternateNamesV2.txt (or alternateNames.txt), zipped or not.

    Columns: alternateNameId, geonameid, isolanguage, alternate name, isPreferredName,
    isShortName, isColloquial, isHistoric, from, to. Colloquial and historic names and the
    code "languages" in `NOT_NAMES` are skipped."""
    path = Path(path)
    for n, line in enumerate(_open_text(path), 1):
        f = line.rstrip("\r\n").split("\t")
        if n == 1 and not (8 <= len(f) <= 10 and f[1].isdigit()):
            _wrong_columns(path, n, len(f), "10 (alternateNameId, geonameid, isolanguage, name, ...)",
                           "give --alternate-names alternateNamesV2.zip (or a per-country alternate names "
                           "file); geoname tables go to --geonames")
        if len(f) < 4 or not f[1].isdigit() or f[2] in NOT_NAMES:
            continue
        if (len(f) > 6 and f[6] == "1") or (len(f) > 7 and f[7] == "1"):
            continue
        yield int(f[1]), f[3]
