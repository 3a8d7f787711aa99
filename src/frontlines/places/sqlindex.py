"""Build a gazetteer index as one SQLite file, streaming, in memory that does not grow with the rows.

`SqliteIndexBuilder` takes the same calls as the in-memory `IndexBuilder` (`add`,
`add_alternate`, `add_keys`, `mark_capitals`, the small name tables) but writes every record
and spelling key to a staging database beside the output as it comes, in batches. Only the
small tables (country, division names, demonyms, provenance of learnt places) stay in Python.
`finish()` then works inside SQLite, which sorts on disk:

1. alternate names (staged as `(geonameid, name)` while alternateNamesV2 streams in) are joined
   to their places by geonameid and turned into keys (a division's keys as `division_keys`);
2. representative points of divisions and countries read without coordinates: per country,
   ADM1 and ADM2, SQL aggregates sum the population-weighted unit vectors of their populated
   places, and a second query snaps to the place nearest that mean (as `index.representative`);
   ADM2 without places fall back to a seat of the same name, then to their ADM1's point;
3. `places` gets the rows in the order of the in-memory index (countries, ADM1, capitals, then
   by population), so row numbers mean the same in both; `names(key, row)` and
   `skeletons(sk, first_row, key)` are sorted B-trees; `admin_names` and `meta` hold the rest.

The output is written under a temporary name and renamed when complete, so an interrupted
build leaves no index behind. Read it with `sqlgazetteer.SqliteGazetteer`.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

from .index import FORMAT_VERSION, division_keys, record_keys
from .keys import KEYS_VERSION, key, skeleton, usable_alternate

#: Layout version of the SQLite index (the marshal layout has `index.FORMAT_VERSION`).
SQLITE_FORMAT_VERSION = 1
BATCH = 20_000
#: SQLite page cache per database, in KiB (two databases are open while building).
CACHE_KIB = 256 * 1024

SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE places(row INTEGER PRIMARY KEY, gid INTEGER, name TEXT, fclass TEXT, fcode TEXT,
                    cc TEXT, lat REAL, lon REAL, pop INTEGER, a1 TEXT, a2 TEXT, src INTEGER);
CREATE TABLE names(key TEXT, row INTEGER, cc TEXT, div INTEGER, PRIMARY KEY(key, row)) WITHOUT ROWID;
CREATE TABLE skeletons(sk TEXT, first_row INTEGER, key TEXT, PRIMARY KEY(sk, first_row, key)) WITHOUT ROWID;
CREATE TABLE admin_names(code TEXT PRIMARY KEY, name TEXT) WITHOUT ROWID;
"""
STAGING = """
CREATE TABLE raw(gid INTEGER PRIMARY KEY, name TEXT, fclass TEXT, fcode TEXT, cc TEXT, lat REAL,
                 lon REAL, pop INTEGER, a1 TEXT, a2 TEXT);
CREATE TABLE rawkeys(gid INTEGER, key TEXT);
CREATE TABLE alt(gid INTEGER, name TEXT);
CREATE TABLE prov(gid INTEGER PRIMARY KEY, src INTEGER);
CREATE TABLE skel(sk TEXT, first_row INTEGER, key TEXT);
"""
UPSERT = """INSERT INTO s.raw VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(gid) DO UPDATE SET
    lat = coalesce(raw.lat, excluded.lat),
    lon = CASE WHEN raw.lat IS NULL THEN excluded.lon ELSE raw.lon END,
    pop = max(raw.pop, excluded.pop)"""
#: Unit vector of a point, as SQL (SQLite's math functions).
XYZ = ("cos(radians(lat)) * cos(radians(lon))", "cos(radians(lat)) * sin(radians(lon))", "sin(radians(lat))")


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA temp_store = FILE")
    try:
        db.execute("SELECT radians(1.0), cos(0.0), sin(0.0)")
    except sqlite3.OperationalError:  # an SQLite built without its math functions: Python's do the same
        for name, fn in (("radians", math.radians), ("cos", math.cos), ("sin", math.sin)):
            db.create_function(name, 1, fn, deterministic=True)
    return db


class SqliteIndexBuilder:
    """Streams places and keys into SQLite; `finish()` writes the index file `out`."""

    def __init__(self, out: Path | str) -> None:
        if sqlite3.sqlite_version_info < (3, 33):  # UPDATE ... FROM
            raise RuntimeError(f"building a SQLite gazetteer needs SQLite 3.33 or newer; this Python has "
                               f"{sqlite3.sqlite_version}: upgrade Python, or build with --backend marshal")
        self.out = Path(out)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = self.out.with_name(f".{self.out.name}.{os.getpid()}.tmp")
        self.staging = self.out.with_name(f".{self.out.name}.{os.getpid()}.staging")
        for p in (self.tmp, self.staging):
            p.unlink(missing_ok=True)
        self.db = _connect(self.tmp)
        try:
            self.db.executescript(SCHEMA)
            self.db.execute("ATTACH DATABASE ? AS s", (str(self.staging),))
            self.db.execute(f"PRAGMA s.cache_size = -{CACHE_KIB}")
            self.db.execute("PRAGMA s.journal_mode = OFF")
            self.db.executescript(STAGING.replace("CREATE TABLE ", "CREATE TABLE s."))
            self.db.execute("BEGIN")
        except BaseException:  # a full disk or a read-only folder: leave no partial files behind
            self.abort()
            raise
        self.country_names: dict[str, str] = {}
        self.admin1_names: dict[str, str] = {}
        self.admin2_names: dict[str, str] = {}
        self.neighbours: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        self.provenance: dict[int, str] = {}
        self.sources: list[str] = []
        self.started = time.perf_counter()
        self._rows: list[tuple] = []
        self._keys: list[tuple[int, str]] = []
        self._alts: list[tuple[int, str]] = []
        self._country_gid: dict[str, int] = {}
        self._adm1_gid: dict[tuple[str, str], int] = {}
        self._capitals: dict[str, str] | None = None
        self._pcl_gids: set[int] = set()
        self.count = 0
        self.phases: dict[str, float] = {}
        self._mark = time.perf_counter()

    def _phase(self, name: str) -> None:
        """Record the seconds spent since the last phase (kept in `meta` as `build_phases`)."""
        now = time.perf_counter()
        self.phases[name] = round(now - self._mark, 2)
        self._mark = now

    # -- the builder protocol (as IndexBuilder) -------------------------------------------

    def add(self, gid: int, name: str, fclass: str, fcode: str, cc: str, lat: float | None,
            lon: float | None, population: int = 0, admin1: str = "", admin2: str = "",
            alternates: Iterable[str] = (), filter_alternates: bool = True, index: bool = True) -> None:
        """Add (or complete) one record; a later call for the same id fills what was missing."""
        if fcode.startswith("PCL"):
            self._country_gid.setdefault(cc, gid)
            self._pcl_gids.add(gid)
        elif fcode == "ADM1":
            self._adm1_gid.setdefault((cc, admin1 or ""), gid)
        self._rows.append((gid, name, fclass, fcode, cc, None if lat is None else round(lat, 5),
                           None if lon is None else round(lon, 5), int(population or 0), admin1 or "",
                           admin2 or ""))
        if index:
            self._keys.extend((gid, k) for k in record_keys(name, fclass, fcode, alternates, filter_alternates))
        self.count += 1
        if len(self._rows) >= BATCH or len(self._keys) >= 4 * BATCH:
            self._flush()

    def add_alternate(self, gid: int, name: str) -> None:
        """An alternate name (from alternateNamesV2) for a place that may have been read."""
        if usable_alternate(name) or gid in self._pcl_gids:
            self._alts.append((gid, name))
            if len(self._alts) >= 4 * BATCH:
                self._flush()

    def add_keys(self, gid: int, keys: Iterable[str]) -> None:
        """Spelling keys given as they are (aliases of countries, state abbreviations)."""
        self._keys.extend((gid, k) for k in set(keys) if k)

    def has(self, gid: int) -> bool:
        self._flush()
        return self.db.execute("SELECT 1 FROM s.raw WHERE gid = ?", (gid,)).fetchone() is not None

    def country_gid(self, cc: str) -> int | None:
        return self._country_gid.get(cc)

    def adm1_gid(self, cc: str, admin1: str) -> int | None:
        return self._adm1_gid.get((cc, admin1))

    def mark_capitals(self, capitals: dict[str, str]) -> None:
        """Like `IndexBuilder.mark_capitals`, done in `finish()` once keys are indexed."""
        self._capitals = dict(capitals)

    def _flush(self) -> None:
        if self._rows:
            self.db.executemany(UPSERT, self._rows)
            self._rows.clear()
        if self._keys:
            self.db.executemany("INSERT INTO s.rawkeys VALUES (?, ?)", self._keys)
            self._keys.clear()
        if self._alts:
            self.db.executemany("INSERT INTO s.alt VALUES (?, ?)", self._alts)
            self._alts.clear()

    # -- finishing ------------------------------------------------------------------------

    def _join_alternates(self) -> None:
        """Keys of the staged alternate names of places read (a second pass, by geonameid)."""
        db = self.db
        db.execute("CREATE INDEX s.alt_gid ON alt(gid)")
        cur = db.execute("SELECT a.gid, a.name, r.fclass, r.fcode FROM s.alt a JOIN s.raw r USING (gid)")
        batch: list[tuple[int, str]] = []
        ins = self.db.cursor()
        for gid, name, fclass, fcode in cur:
            if fclass == "A":
                if usable_alternate(name) or fcode.startswith("PCL"):
                    batch.extend((gid, k) for k in division_keys(name))
            elif usable_alternate(name):
                k = key(name)
                if k:
                    batch.append((gid, k))
            if len(batch) >= 4 * BATCH:
                ins.executemany("INSERT INTO s.rawkeys VALUES (?, ?)", batch)
                batch.clear()
        ins.executemany("INSERT INTO s.rawkeys VALUES (?, ?)", batch)
        db.execute("DELETE FROM s.alt")

    def _apply_capitals(self) -> None:
        """The most populous place of each country named as its capital becomes PPLC."""
        db = self.db
        for cc, name in (self._capitals or {}).items():
            k = key(name or "")
            if not k:
                continue
            hit = db.execute("SELECT r.gid FROM s.rawkeys k JOIN s.raw r USING (gid) WHERE k.key = ? "
                             "AND r.cc = ? AND r.fclass = 'P' ORDER BY r.pop DESC, r.gid LIMIT 1",
                             (k, cc)).fetchone()
            if hit:
                db.execute("UPDATE s.raw SET fcode = 'PPLC' WHERE gid = ?", hit)

    def _fill_points(self) -> None:
        """Representative points of the records without coordinates (see the module docstring)."""
        db = self.db
        if not db.execute("SELECT 1 FROM s.raw WHERE lat IS NULL LIMIT 1").fetchone():
            return
        x, y, z = XYZ
        w = "(pop + 1)"
        db.execute("CREATE INDEX s.raw_p ON raw(cc, a1, a2, lat, lon, pop) WHERE fclass = 'P' AND lat IS NOT NULL")
        levels = (("PCL%", "cc", "1"), ("ADM1", "cc, a1", "a1 != ''"), ("ADM2", "cc, a1, a2", "a1 != '' AND a2 != ''"))
        px, py, pz = (e.replace("lat", "p.lat").replace("lon", "p.lon") for e in XYZ)
        for code, group, where in levels:
            cols = [c.strip() for c in group.split(",")]
            on = " AND ".join(f"p.{c} = m.{c}" for c in cols)
            bs = ", ".join(f"p.{c}" for c in cols)
            db.execute("DROP TABLE IF EXISTS s.mean")
            db.execute("DROP TABLE IF EXISTS s.best")
            db.execute(f"CREATE TABLE s.mean({group}, sx, sy, sz, PRIMARY KEY({group}))")
            db.execute(f"INSERT INTO s.mean SELECT {group}, sum({w} * {x}), sum({w} * {y}), sum({w} * {z}) "
                       f"FROM s.raw WHERE fclass = 'P' AND lat IS NOT NULL AND {where} GROUP BY {group}")
            db.execute(f"CREATE TABLE s.best({group}, lat, lon, dot, PRIMARY KEY({group}))")
            db.execute(f"INSERT INTO s.best SELECT {bs}, p.lat, p.lon, max({px} * m.sx + {py} * m.sy + {pz} * m.sz) "
                       f"FROM s.raw p JOIN s.mean m ON {on} WHERE p.fclass = 'P' AND p.lat IS NOT NULL "
                       f"GROUP BY {bs}")
            on_b = " AND ".join(f"b.{c} = raw.{c}" for c in cols)
            db.execute(f"UPDATE s.raw SET lat = b.lat, lon = b.lon FROM s.best b WHERE {on_b} "
                       f"AND raw.lat IS NULL AND raw.fcode LIKE '{code}'")
            if code == "ADM2":
                self._adm2_fallback()
        db.execute("DROP INDEX s.raw_p")

    def _adm2_fallback(self) -> None:
        """ADM2 without places: the most populous place of its ADM1 named as the district
        without its generic word, else the ADM1's point."""
        db = self.db
        pending = db.execute("SELECT gid, name, cc, a1 FROM s.raw WHERE lat IS NULL AND fcode = 'ADM2' "
                             "ORDER BY cc, a1, gid").fetchall()
        if not pending:
            return
        parents: dict[tuple[str, str], tuple[float, float]] = {}
        for cc, a1, lat, lon in db.execute("SELECT cc, a1, lat, lon FROM s.raw WHERE fcode = 'ADM1' "
                                           "AND lat IS NOT NULL ORDER BY gid"):
            parents[(cc, a1)] = (lat, lon)
        group, seats = None, {}
        for gid, name, cc, a1 in pending:
            if (cc, a1) != group:
                group, seats = (cc, a1), {}
                for pname, lat, lon, pop in db.execute(
                        "SELECT name, lat, lon, pop FROM s.raw WHERE fclass = 'P' AND lat IS NOT NULL "
                        "AND cc = ? AND a1 = ? ORDER BY gid", (cc, a1)):
                    k = key(pname)
                    if k not in seats or pop > seats[k][2]:
                        seats[k] = (lat, lon, pop)
            point = next((seats[k][:2] for k in division_keys(name) - {key(name)} if k in seats),
                         parents.get((cc, a1)))
            if point is not None:
                db.execute("UPDATE s.raw SET lat = ?, lon = ? WHERE gid = ?", (*point, gid))


    def finish(self, countries: Iterable[str] | None = None) -> Path:
        """Write the index file and return its path (see the module docstring)."""
        self._flush()
        self._phase("read")
        db = self.db
        self._join_alternates()
        self._phase("alternate names")
        if self._capitals:
            db.execute("CREATE INDEX s.rawkeys_key ON rawkeys(key)")
            self._apply_capitals()
        self._fill_points()
        self._phase("points")
        origins = ["geonames", *sorted(set(self.provenance.values()))]
        db.executemany("INSERT INTO s.prov VALUES (?, ?)",
                       [(g, origins.index(o)) for g, o in self.provenance.items()])
        keep = sorted({c.upper() for c in countries}) if countries else None
        kept = "" if keep is None else (
            f"AND (r.cc IN ({','.join('?' * len(keep))}) OR r.fcode LIKE 'PCL%' OR r.fcode = 'CONT')")
        rank = ("CASE WHEN r.fcode IN ('PCLI', 'PCLD', 'PCLIX') THEN 0 WHEN r.fcode = 'ADM1' THEN 1 "
                "WHEN r.fcode = 'PPLC' THEN 2 ELSE 3 END")
        db.execute(f"INSERT INTO places SELECT row_number() OVER (ORDER BY {rank}, r.pop DESC, r.gid) - 1, "
                   f"r.gid, r.name, r.fclass, r.fcode, r.cc, r.lat, r.lon, r.pop, r.a1, r.a2, "
                   f"coalesce(p.src, 0) FROM s.raw r LEFT JOIN s.prov p USING (gid) "
                   f"WHERE r.lat IS NOT NULL {kept}", keep or ())
        db.execute("CREATE INDEX places_gid ON places(gid)")
        self._phase("places")
        db.execute("INSERT INTO names SELECT DISTINCT k.key, p.row, p.cc, p.fclass = 'A' FROM s.rawkeys k "
                   "JOIN places p ON p.gid = k.gid ORDER BY k.key, p.row")
        db.execute("CREATE INDEX names_cc ON names(cc, div)")
        self._phase("names")
        self._skeletons()
        self._phase("skeletons")
        db.executemany("INSERT INTO admin_names VALUES (?, ?)",
                       [*self.admin1_names.items(), *self.admin2_names.items()])
        codes = dict(db.execute("SELECT fcode, count(*) FROM places GROUP BY fcode ORDER BY 2 DESC"))
        meta = {
            "version": SQLITE_FORMAT_VERSION, "marshal_version": FORMAT_VERSION, "keys_version": KEYS_VERSION,
            "country_names": self.country_names, "neighbours": self.neighbours, "demonyms": self.demonyms,
            "origins": origins, "sources": self.sources, "feature_codes": codes,
            "places": db.execute("SELECT count(*) FROM places").fetchone()[0],
            "keys": db.execute("SELECT count(DISTINCT key) FROM names").fetchone()[0],
            "learnt_places": db.execute("SELECT count(*) FROM places WHERE src > 0").fetchone()[0],
            "built_seconds": round(time.perf_counter() - self.started, 2), "build_phases": self.phases,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
        db.executemany("INSERT INTO meta VALUES (?, ?)", [(k, json.dumps(v)) for k, v in meta.items()])
        db.execute("COMMIT")
        db.execute("DETACH DATABASE s")
        db.execute("PRAGMA analysis_limit = 1000")
        db.execute("ANALYZE")
        db.close()
        self.staging.unlink(missing_ok=True)
        os.replace(self.tmp, self.out)
        return self.out

    def _skeletons(self) -> None:
        """`skeletons(sk, first_row, key)` for keys of four letters or more."""
        db = self.db
        batch: list[tuple[str, int, str]] = []
        ins = db.cursor()
        for k, first in db.execute("SELECT key, min(row) FROM names WHERE length(key) >= 4 GROUP BY key"):
            batch.append((skeleton(k), first, k))
            if len(batch) >= 4 * BATCH:
                ins.executemany("INSERT INTO s.skel VALUES (?, ?, ?)", batch)
                batch.clear()
        ins.executemany("INSERT INTO s.skel VALUES (?, ?, ?)", batch)
        db.execute("INSERT INTO skeletons SELECT sk, first_row, key FROM s.skel ORDER BY sk, first_row, key")

    def abort(self) -> None:
        """Drop the partial files of an interrupted build."""
        try:
            self.db.close()
        finally:
            self.tmp.unlink(missing_ok=True)
            self.staging.unlink(missing_ok=True)
