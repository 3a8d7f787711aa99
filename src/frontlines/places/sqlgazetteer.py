"""`Gazetteer` over a SQLite index file (see `sqlindex.py`): opened lazily, read on demand.

Opening reads only the small `meta` table (country names, neighbours, demonyms), so a
12-million-row index opens in milliseconds and the process stays small. Each exact lookup is
one indexed query (`names` is a B-tree on (key, row)); rows and records are kept in bounded
caches. Fuzzy pools are built per country (or per country's divisions) from the file when a
query first asks for them, and a handful are kept; the pool of all countries is never built
unless `global_fuzzy` is set, since for a full dump it would hold tens of millions of keys.
Row numbers and their order are those of the in-memory index built from the same input.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from ..records import Place
from .gazetteer import Gazetteer
from .index import check_versions
from .keys import key, skeleton
from .sqlindex import SQLITE_FORMAT_VERSION

MAGIC = b"SQLite format 3\x00"
_ROW_CACHE = 200_000
_POOLS = 16
#: Codes of class A besides ADM* and PCL* (fuzzy pools of these need no country).
DIVISION_CODES = frozenset({"A", "TERR", "PRSH", "ZN", "ZNB", "LTER", "ADMD"})


def is_sqlite(path: Path | str) -> bool:
    """Whether a file is a SQLite database (else it is taken for a marshal index)."""
    with open(path, "rb") as fh:
        return fh.read(16) == MAGIC


class SqliteGazetteer(Gazetteer):
    """The `Gazetteer` interface over a SQLite index; `global_fuzzy` allows unrestricted fuzzy."""

    def __init__(self, path: Path | str, *, global_fuzzy: bool = False, load_seconds: float = 0.0) -> None:
        self.path = Path(path)
        try:
            self._open()
            meta = {k: json.loads(v) for k, v in self._db.execute("SELECT k, v FROM meta")}
        except (sqlite3.Error, ValueError) as e:
            raise ValueError(f"{self.path} is not a gazetteer index ({e}); rebuild it with "
                             "`frontlines gazetteer build`") from e
        check_versions(meta, SQLITE_FORMAT_VERSION)
        self._p = meta
        self.global_fuzzy = global_fuzzy
        self.load_seconds = load_seconds
        self._lock = threading.Lock()  # the connection is shared; the caches below are not locked:
        # each is only read, set or cleared whole (single dict operations, atomic in CPython), never
        # iterated, so a race costs a repeated query, never a wrong answer
        self._rows_cache: dict[str, tuple[int, ...]] = {}
        self._recs: dict[int, tuple] = {}
        self._places: dict[int, Place] = {}
        self._admin: dict[str, str | None] = {}
        self._group_cache: dict[str, dict[int, tuple[list[str], list[int]]]] = {}
        self._pools: dict[tuple, tuple[list[str], list[int]]] = {}
        self._fuzzy_memo: dict[tuple, list[tuple[int, float, str]]] = {}

    def _open(self) -> None:
        """A read-only connection for this process (forked workers open their own)."""
        self._pid = os.getpid()
        self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        self._db.execute("PRAGMA cache_size = -65536")
        # pages read through a 256 MB memory map rather than read() calls: ~40% more lookups a
        # second on a 2 GB index (shared, clean page-cache pages, which RSS counts as they are touched)
        self._db.execute(f"PRAGMA mmap_size = {256 * 1024 * 1024}")

    def _query(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            if self._pid != os.getpid():  # a connection must not cross a fork
                self._open()
            return self._db.execute(sql, args).fetchall()

    def close(self) -> None:
        self._db.close()

    def info(self) -> dict:
        p = self._p
        return {
            "path": str(self.path), "bytes": self.path.stat().st_size, "format": "sqlite",
            "places": p["places"], "keys": p["keys"], "feature_codes": p["feature_codes"],
            "countries": len(p["country_names"]), "built_at": p["built_at"],
            "build_seconds": p["built_seconds"], "load_seconds": round(self.load_seconds, 3),
            "sources": list(p["sources"]), "learnt_places": p["learnt_places"],
            "build_phases": p.get("build_phases"),
        }

    def __len__(self) -> int:
        return self._p["places"]

    # -- records --------------------------------------------------------------------------

    def _rec(self, row: int) -> tuple:
        """(gid, name, fclass, fcode, cc, lat, lon, pop, a1, a2, src) of a row (cached)."""
        rec = self._recs.get(row)
        if rec is None:
            found = self._query("SELECT gid, name, fclass, fcode, cc, lat, lon, pop, a1, a2, src "
                                "FROM places WHERE row = ?", (row,))
            if not found:
                raise IndexError(f"no row {row} in {self.path}")
            if len(self._recs) >= _ROW_CACHE:
                self._recs.clear()
                self._places.clear()
            rec = self._recs[row] = found[0]
        return rec

    def _admin_name(self, code: str) -> str | None:
        if code not in self._admin:
            found = self._query("SELECT name FROM admin_names WHERE code = ?", (code,))
            if len(self._admin) > 100_000:
                self._admin.clear()
            self._admin[code] = found[0][0] if found else None
        return self._admin[code]

    def place(self, row: int) -> Place:
        p = self._places.get(row)
        if p is None:
            gid, name, fclass, fcode, cc, lat, lon, pop, a1, a2, src = self._rec(row)
            p = Place(
                geonameid=gid, name=name, feature_class=fclass, feature_code=fcode, country_code=cc,
                lat=lat, lon=lon, population=pop, admin1_code=a1 or None,
                admin1_name=self._admin_name(f"{cc}.{a1}") if a1 else None, admin2_code=a2 or None,
                admin2_name=self._admin_name(f"{cc}.{a1}.{a2}") if a2 else None,
                country_name=self._p["country_names"].get(cc), source=self._p["origins"][src],
            )
            self._places[row] = p
        return p

    def get(self, geonameid: int) -> Place | None:
        found = self._query("SELECT row FROM places WHERE gid = ? ORDER BY row LIMIT 1", (int(geonameid),))
        return self.place(found[0][0]) if found else None

    def rows(self, name_key: str) -> tuple[int, ...]:
        hit = self._rows_cache.get(name_key)
        if hit is None:
            hit = tuple(r for (r,) in self._query("SELECT row FROM names WHERE key = ?", (name_key,)))
            if len(self._rows_cache) >= _ROW_CACHE:
                self._rows_cache.clear()
            self._rows_cache[name_key] = hit
        return hit

    def prominent(self, row: int, population: int = 10_000) -> bool:
        rec = self._rec(row)
        return rec[2] == "A" or rec[3] in ("CONT", "PPLC") or rec[7] >= population

    def division_level(self, row: int) -> int:
        code = self._rec(row)[3]
        return 0 if code.startswith("PCL") or code == "CONT" else (1 if code == "ADM1" else 2)

    def country(self, cc: str) -> Place | None:
        for r in self.rows(key(self._p["country_names"].get(cc, "") or "-")):
            rec = self._rec(r)
            if rec[4] == cc and rec[3].startswith("PCL"):
                return self.place(r)
        return None

    def admin1_name(self, cc: str, admin1: str) -> str | None:
        return self._admin_name(f"{cc}.{admin1}")

    # -- fuzzy ----------------------------------------------------------------------------

    def _fields(self, row: int) -> tuple[str, str, int]:
        rec = self._rec(row)
        return rec[2], rec[3], rec[7]

    def _groups(self, countries: Iterable[str] | None, codes: set[str] | None) -> tuple[str, ...]:
        """As `Gazetteer._groups`; over every country, only division codes (class A: ADM*, PCL*,
        TERR...) are served without `global_fuzzy`, from a pool of those codes."""
        if countries is None and not self.global_fuzzy:
            if codes and all(c.startswith(("ADM", "PCL")) or c in DIVISION_CODES for c in codes):
                return ("codes:" + ",".join(sorted(codes)),)
            raise ValueError("fuzzy lookups over every country of a big index need countries or division "
                             "feature codes (or SqliteGazetteer(..., global_fuzzy=True))")
        return super()._groups(countries, codes)

    def _buckets(self, group: str) -> dict[int, tuple[list[str], list[int]]]:
        """Keys and rows of one country ("SY") or of its divisions ("A:SY"), by key length."""
        hit = self._group_cache.get(group)
        if hit is None:
            if group == "":
                sql, args = "SELECT key, row FROM names", ()
            elif group.startswith("codes:"):
                codes = group[6:].split(",")
                where = "" if "A" in codes else f"AND p.fcode IN ({','.join('?' * len(codes))})"
                sql = f"SELECT n.key, n.row FROM names n JOIN places p ON p.row = n.row WHERE n.div = 1 {where}"
                args = () if "A" in codes else tuple(codes)
            elif group.startswith("A:"):
                sql, args = "SELECT key, row FROM names WHERE cc = ? AND div = 1", (group[2:],)
            else:
                sql, args = "SELECT key, row FROM names WHERE cc = ?", (group,)
            hit = {}
            for k, r in self._query(sql, args):
                ks, rs = hit.setdefault(len(k), ([], []))
                ks.append(k)
                rs.append(r)
            for ks, rs in hit.values():  # the order of the in-memory pools: by row, then key
                order = sorted(range(len(rs)), key=lambda i: (rs[i], ks[i]))
                ks[:], rs[:] = [ks[i] for i in order], [rs[i] for i in order]
            if len(self._group_cache) >= _POOLS:
                self._group_cache.clear()
                self._pools.clear()
            self._group_cache[group] = hit
        return hit

    def skeleton_rows(self, name: str, countries: Iterable[str]) -> list[tuple[int, str]]:
        found = self._query("SELECT key FROM skeletons WHERE sk = ? ORDER BY first_row, key",
                            (skeleton(key(name)),))
        ccs = set(countries)
        return [(r, k) for (k,) in found for r in self.rows(k) if self._rec(r)[4] in ccs]
