"""The streaming SQLite gazetteer backend: same answers as the marshal one, bounded memory, clear errors."""

from __future__ import annotations

import math
import random
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from frontlines.places.gazetteer import Gazetteer
from frontlines.places.geonames import GeoNamesError, keep_feature
from frontlines.places.keys import key
from frontlines.places.sqlgazetteer import SqliteGazetteer
from frontlines.places.sqlindex import SqliteIndexBuilder

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GEONAMES = SHARED / "data" / "geonames"


def _row(gid: int, name: str, alts: str, lat: float, lon: float, fclass: str, fcode: str,
         cc: str, a1: str = "", a2: str = "", pop: int = 0) -> str:
    return "\t".join([str(gid), name, name, alts, str(lat), str(lon), fclass, fcode, cc, "", a1, a2,
                      "", "", str(pop), "", "300", "Asia/Damascus", "2020-01-01"])


ROWS = [
    _row(163843, "Syria", "Syrian Arab Republic", 35.0, 38.0, "A", "PCLI", "SY", pop=22933531),
    _row(173797, "Al Ḩawl", "Al Hawl,El Hol,alhwl", 36.39042, 41.14983, "P", "PPL", "SY", "01", "173812"),
    _row(173811, "Al Ḩasakah", "Al-Hasakah,Hasakah", 36.50237, 40.74772, "P", "PPLA", "SY", "01", "173812", 188160),
    _row(173900, "Qamishli", "Al Qamishli", 37.05215, 41.23142, "P", "PPL", "SY", "01", "", 184231),
    _row(170017, "Hama", "Hamah", 35.13179, 36.75783, "P", "PPLA", "SY", "10", "", 696863),
    _row(170654, "Damascus", "Dimashq,Damas", 33.5102, 36.29128, "P", "PPLC", "SY", "13", "", 1569394),
    _row(170655, "Ash Sha'ir", "Shaer,Al-Shaer", 34.75, 37.95, "L", "GASF", "SY", "11"),
    _row(170656, "Nahr al Furat", "Euphrates", 35.9, 39.0, "H", "STM", "SY"),
    _row(170657, "Grand Hotel", "", 33.51, 36.29, "S", "HTL", "SY", "13"),
    _row(170658, "Tiyas", "T4 Airbase", 34.52, 37.63, "S", "AIRB", "SY", "11"),
    _row(7626340, "Hol", "", 60.6159, 8.3012, "P", "PPL", "NO", "06"),
    "# a comment line",
    "not\ta\tvalid\trow",
]
ALTERNATES = ["1\t170654\ten\tDamascus City\t1\t\t\t\t\t",
              "2\t170654\tlink\thttps://en.wikipedia.org/wiki/Damascus\t\t\t\t\t\t",
              "3\t170654\ten\tSham Town\t\t\t1\t\t\t",  # colloquial: skipped
              "4\t170017\tfr\tHamath\t\t\t\t\t\t",
              "5\t999999\ten\tNowhere Place\t\t\t\t\t\t",  # a place not read
              "6\t173813\ten\tHasakah Province\t\t\t\t\t\t"]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("dumps")
    text = "\n".join(ROWS) + "\n"
    (d / "SY.txt").write_text(text, encoding="utf-8")
    with zipfile.ZipFile(d / "SY.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("readme.txt", "GeoNames")
        zf.writestr("SY.txt", text)
    with zipfile.ZipFile(d / "alternateNamesV2.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("iso-languagecodes.txt", "ISO 639-3\tISO 639-2\tISO 639-1\tLanguage Name\n")
        zf.writestr("alternateNamesV2.txt", "\n".join(ALTERNATES) + "\n")
    (d / "admin1.txt").write_text("SY.01\tAl Ḩasakah\tAl Hasakah\t173813\nSY.10\tḨamāh\tHamah\t170015\n"
                                  "SY.13\tDimashq\tDimashq\t167541\n", encoding="utf-8")
    (d / "admin2.txt").write_text("SY.01.173812\tAl Hasakah District\tAl Hasakah District\t173812\n"
                                  "SY.10.555\tHama District\tHama District\t555\n", encoding="utf-8")
    (d / "countryInfo.txt").write_text(
        "#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea\tPopulation\tContinent\ttld\tCur\tCurName\t"
        "Phone\tPostal\tRegex\tLanguages\tgeonameid\tneighbours\tEquivalentFipsCode\n"
        "SY\tSYR\t760\tSY\tSyria\tDamascus\t185180\t22933531\tAS\t.sy\tSYP\tPound\t963\t\t\tar-SY\t163843\tIQ,TR\t\n"
        "NO\tNOR\t578\tNO\tNorway\tOslo\t324220\t5314336\tEU\t.no\tNOK\tKrone\t47\t\t\tno\t3144096\tSE\t\n",
        encoding="utf-8")
    return {"plain": d / "SY.txt", "zip": d / "SY.zip", "alt": d / "alternateNamesV2.zip",
            "admin1": d / "admin1.txt", "admin2": d / "admin2.txt", "info": d / "countryInfo.txt", "dir": d}


def _build(files: dict[str, Path], backend: str, name: str, geonames: str = "zip", **kw) -> Gazetteer:
    return Gazetteer.build(files["dir"] / name, geonames_files=[files[geonames]], admin1=files["admin1"],
                           admin2=files["admin2"], country_info=files["info"],
                           alternate_names=files["alt"], backend=backend, **kw)


def _same(a: Gazetteer, b: Gazetteer) -> None:
    """Both indexes hold the same places in the same rows, under the same keys."""
    assert len(a) == len(b)
    assert [a.place(r) for r in range(len(a))] == [b.place(r) for r in range(len(b))]
    keys = {k for r in range(len(a)) for k in (key(a.place(r).name), "damascuscity", "hamath", "t4airbase")}
    for k in keys | set(getattr(a, "_index", {})):
        assert a.rows(k) == b.rows(k), k
    for cc in ("SY", "NO"):
        assert a.country(cc) == b.country(cc)
        assert a.neighbours(cc) == b.neighbours(cc)
        assert a.skeleton_rows("Damaskus", [cc]) == b.skeleton_rows("Damaskus", [cc])
    assert a.fuzzy_rows("El-Hassan", countries=["SY"], feature_codes=["ADM1"], cutoff=0.8) == \
        b.fuzzy_rows("El-Hassan", countries=["SY"], feature_codes=["ADM1"], cutoff=0.8)
    assert a.fuzzy_rows("Damascuss", countries=["SY"]) == b.fuzzy_rows("Damascuss", countries=["SY"])
    assert a.demonym("Syrian") == b.demonym("Syrian")


@pytest.mark.parametrize("geonames", ["zip", "plain"])
def test_sqlite_answers_as_marshal(files: dict[str, Path], geonames: str) -> None:
    small = _build(files, "marshal", f"small-{geonames}.marshal", geonames)
    big = _build(files, "sqlite", f"big-{geonames}.sqlite", geonames)
    assert isinstance(big, SqliteGazetteer) and not isinstance(small, SqliteGazetteer)
    _same(small, big)
    reopened = Gazetteer.load(files["dir"] / f"big-{geonames}.sqlite")
    assert isinstance(reopened, SqliteGazetteer) and reopened.info()["places"] == len(small)
    _same(small, reopened)


def test_alternate_names_joined(files: dict[str, Path]) -> None:
    for backend in ("marshal", "sqlite"):
        g = _build(files, backend, f"alt.{backend}")
        assert [p.geonameid for p in g.candidates("Damascus City")] == [170654]
        assert [p.geonameid for p in g.candidates("Hamath")] == [170017]
        assert [p.geonameid for p in g.candidates("Hasakah Province")][:1] == [173813]  # division keys
        assert g.candidates("Sham Town") == [] and g.candidates("Nowhere Place") == []
        assert g.get(999999) is None
        codes = {p.feature_code for r in range(len(g)) for p in [g.place(r)]}
        assert {"GASF", "STM", "AIRB"} <= codes and "HTL" not in codes  # the conflict policy


def test_countries_features_and_learnt_places(files: dict[str, Path]) -> None:
    csv = files["dir"] / "coded.csv"
    csv.write_text("name,latitude,longitude,country,admin1\nShair gas field,34.8,37.9,SY,Al Hasakah\n"
                   "Al-Tanf camp,33.5,38.6,Syria,\n", encoding="utf-8")
    for kw in ({"countries": ["NO"]}, {"features": "populated"}, {"places_from": [(csv, "csv")]}):
        small = _build(files, "marshal", "kw.marshal", **kw)
        big = _build(files, "sqlite", "kw.sqlite", **kw)
        _same(small, big)
    assert small.info()["learnt_places"] == big.info()["learnt_places"] == 2
    assert [p.source for p in big.candidates("Shair")] == ["csv:coded.csv", "geonames"]  # and Ash Sha'ir
    small = _build(files, "marshal", "kw.marshal", features="populated")
    assert {small.place(r).feature_class for r in range(len(small))} <= {"A", "P", "L"}
    assert keep_feature("S", "AIRP") and keep_feature("L", "OILF") and keep_feature("H", "WAD")
    assert not keep_feature("S", "HTL") and not keep_feature("H", "WLL") and not keep_feature("R", "RD")
    assert keep_feature("S", "HTL", "all") and not keep_feature("T", "MT", "populated")


def test_big_index_fuzzy_needs_countries(files: dict[str, Path]) -> None:
    big = _build(files, "sqlite", "fuzzy.sqlite")
    assert isinstance(big, SqliteGazetteer)
    with pytest.raises(ValueError, match="countries"):
        big.fuzzy("Damascuss")
    assert big.fuzzy("Damascuss", countries=["SY"])[0][0].geonameid == 170654
    small = _build(files, "marshal", "fuzzy.marshal")
    for codes in (["PCLI", "TERR"], ["ADM1"], ["A"]):
        assert big.fuzzy("Syriah", feature_codes=codes, cutoff=0.8) == \
            small.fuzzy("Syriah", feature_codes=codes, cutoff=0.8)
    assert big.fuzzy("Syriah", feature_codes=["PCLI"], cutoff=0.8)[0][0].geonameid == 163843
    assert SqliteGazetteer(big.path, global_fuzzy=True).fuzzy("Damascuss")[0][0].geonameid == 170654


def test_big_index_in_a_forked_worker(files: dict[str, Path]) -> None:
    """A forked worker (as `run --workers 2` makes) reads the index through its own connection."""
    import multiprocessing

    global _INHERITED
    _INHERITED = _build(files, "sqlite", "fork.sqlite")
    assert _INHERITED.rows(key("Damascus"))
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(_damascus_in_child) == (170015, 170654)  # the governorate first


_INHERITED: Gazetteer | None = None


def _damascus_in_child() -> tuple[int, int]:
    assert _INHERITED is not None
    return _INHERITED.candidates("Hama")[0].geonameid, _INHERITED.candidates("Damascus")[0].geonameid


def test_bad_input_is_refused_cleanly(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "index.sqlite"
    truncated = tmp_path / "allCountries.zip"
    truncated.write_bytes(files["zip"].read_bytes()[:200])
    with pytest.raises(GeoNamesError, match="truncated"):
        Gazetteer.build(out, geonames_files=[truncated], backend="sqlite")
    with pytest.raises(GeoNamesError, match="columns.*--alternate-names"):
        Gazetteer.build(out, geonames_files=[files["alt"]], backend="sqlite")
    with pytest.raises(GeoNamesError, match="--geonames"):
        Gazetteer.build(out, geonames_files=[files["zip"]], alternate_names=files["zip"], backend="sqlite")
    with pytest.raises(GeoNamesError, match="columns"):
        Gazetteer.build(out, geonames_files=[files["zip"]], admin1=files["zip"], backend="marshal")
    assert list(tmp_path.iterdir()) == [truncated]  # no index, no temporary files left behind
    with pytest.raises(ValueError, match="not a gazetteer index"):
        Gazetteer.load(truncated)


def _dot(mean: tuple[float, float, float], lat: float, lon: float) -> float:
    la, lo = math.radians(lat), math.radians(lon)
    return mean[0] * math.cos(la) * math.cos(lo) + mean[1] * math.cos(la) * math.sin(lo) + mean[2] * math.sin(la)


@pytest.mark.slow
@pytest.mark.skipif(not (GEONAMES / "cities500.txt").exists(), reason="../shared/data/geonames is absent")
def test_division_points_agree_with_memory_builder(tmp_path: Path) -> None:
    """On a sample of cities500 (a few countries), every division and country gets the same
    representative point from SQL aggregates as from the in-memory builder, but for exact ties
    (two places equally near the mean, which float rounding breaks either way)."""
    keep = {"SY", "IQ", "LB", "ID", "CL", "CR", "GU", "NO"}
    sample = tmp_path / "sample.txt"
    with (GEONAMES / "cities500.txt").open(encoding="utf-8") as src, sample.open("w", encoding="utf-8") as dst:
        dst.writelines(line for line in src if line.split("\t", 9)[8] in keep)
    args = dict(geonames_files=[sample], admin1=GEONAMES / "admin1CodesASCII.txt",
                admin2=GEONAMES / "admin2Codes.txt", country_info=GEONAMES / "countryInfo.txt")
    small = Gazetteer.build(tmp_path / "s.marshal", backend="marshal", **args)
    big = Gazetteer.build(tmp_path / "b.sqlite", backend="sqlite", **args)
    assert len(small) == len(big) > 10_000
    places = [small.place(r) for r in range(len(small))]
    towns = [p for p in places if p.feature_class == "P"]
    divisions = [r for r, p in enumerate(places) if p.feature_code in ("ADM1", "ADM2", "PCLI")]
    assert len(divisions) > 500
    ties = 0
    for r in divisions:
        a, b = small.place(r), big.place(r)
        assert (a.geonameid, a.feature_code) == (b.geonameid, b.feature_code)
        if (a.lat, a.lon) == (b.lat, b.lon):
            continue
        ties += 1
        field = {"PCLI": "country_code", "ADM1": "admin1_code", "ADM2": "admin2_code"}[a.feature_code]
        members = [t for t in towns if t.country_code == a.country_code and getattr(t, field) == getattr(a, field)
                   and (field != "admin2_code" or t.admin1_code == a.admin1_code)]
        vec = [0.0, 0.0, 0.0]
        for t in members:
            la, lo, w = math.radians(t.lat), math.radians(t.lon), t.population + 1
            vec = [vec[0] + w * math.cos(la) * math.cos(lo), vec[1] + w * math.cos(la) * math.sin(lo),
                   vec[2] + w * math.sin(la)]
        mean = (vec[0], vec[1], vec[2])
        assert math.isclose(_dot(mean, a.lat, a.lon), _dot(mean, b.lat, b.lon), rel_tol=1e-9), a
    assert ties <= len(divisions) // 100


def _feed(builder: object, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    syl = "al ba da ka ra sa ta ma na ha za ya wa la qa fa ja bu ri mi ni si ti ki li di do ro so".split()
    for gid in range(1, n + 1):
        name = "".join(rng.choices(syl, k=3)).capitalize()
        alts = ["".join(rng.choices(syl, k=4)).capitalize() for _ in range(rng.randint(0, 3))]
        builder.add(gid, name, "P", "PPL", "SY", rng.uniform(32, 37), rng.uniform(35, 42),  # type: ignore[attr-defined]
                    rng.randint(0, 5000), f"{rng.randint(1, 14):02d}", "", alternates=alts)


@pytest.mark.slow
def test_sqlite_builder_memory_does_not_grow_with_rows(tmp_path: Path) -> None:
    """Python memory while streaming 200k rows stays within a bound of that for 20k rows."""
    peaks = {}
    for n in (20_000, 200_000):
        key.cache_clear()
        tracemalloc.start()
        builder = SqliteIndexBuilder(tmp_path / f"mem{n}.sqlite")
        _feed(builder, n)
        builder.finish()
        peaks[n] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    grown = peaks[200_000] - peaks[20_000]
    assert grown < 16 * 1024 * 1024, peaks  # the bounded key cache; not the ~100 MB 180k more rows take in memory
    g = Gazetteer.load(tmp_path / "mem200000.sqlite")
    assert len(g) == 200_000


def test_a_big_index_under_an_odd_path_and_a_damaged_one(files: dict[str, Path], tmp_path: Path) -> None:
    odd = tmp_path / "it's #1 ?%"
    odd.mkdir()
    built = Gazetteer.build(odd / "x.sqlite", geonames_files=[files["zip"]], admin1=files["admin1"],
                            admin2=files["admin2"], country_info=files["info"], backend="sqlite")
    again = Gazetteer.load(odd / "x.sqlite")  # quotes, # ? % in the folder name: still this file
    assert len(again) == len(built) > 0
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes((odd / "x.sqlite").read_bytes()[:100] + b"\0" * 4000)
    with pytest.raises(ValueError, match="not a gazetteer index"):
        Gazetteer.load(damaged)


def test_a_builder_that_cannot_create_its_tables_leaves_no_files(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from frontlines.places import sqlindex

    monkeypatch.setattr(sqlindex, "SCHEMA", "CREATE TABLE broken (;")
    with pytest.raises(Exception, match="syntax"):
        SqliteIndexBuilder(tmp_path / "index.sqlite")
    assert list(tmp_path.iterdir()) == []
