"""Places learnt from event datasets, alternate names, country filters, skeleton keys, and the
seed report resolved with and without the places of UCDP GED."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest

from frontlines.places import Gazetteer, Geoparser, haversine_km
from frontlines.places.keys import key, skeleton
from frontlines.places.learnt import kind_of, read_event_places

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GEONAMES = SHARED / "data" / "geonames"
UCDP = SHARED / "data" / "events" / "ucdp_ged_syria.csv"
SEED = SHARED / "seed" / "report-white-desert.txt"

UCDP_COLUMNS = ["id", "where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "country"]
UCDP_ROWS = [
    ["1", "1", "Shair gas field", "Homs governorate", "Tadmur district", "34.8894", "37.93", "Syria"],
    ["2", "2", "Shair gas field", "Homs governorate", "Tadmur district", "34.8894", "37.93", "Syria"],
    ["3", "1", "At Tanf village", "Homs governorate", "", "33.489518", "38.656978", "Syria"],
    ["4", "1", "Baghuz at-Tahtani village", "Deir ez Zor governorate", "", "34.43", "40.99", "Syria"],
    ["5", "5", "Road between As Sukhnah and Tadmur", "Homs governorate", "", "34.7", "38.5", "Syria"],
    ["6", "4", "Homs Governorate", "Homs governorate", "", "34.6", "37.8", "Syria"],
    ["7", "1", "Tiyas Military Airbase (T4)", "Homs governorate", "", "34.52", "37.63", "Syria"],
]


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def _geo_row(gid, name, alts, lat, lon, fclass, fcode, cc, a1, pop=0):
    return "\t".join([str(gid), name, name, alts, str(lat), str(lon), fclass, fcode, cc, "", a1, "", "", "",
                      str(pop), "", "300", "Asia/Damascus", "2020-01-01"])


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("learnt")
    rows = [_geo_row(170654, "Damascus", "Dimashq", 33.5102, 36.29128, "P", "PPLC", "SY", "13", 1569394),
            _geo_row(169577, "Homs", "Hims", 34.72682, 36.72339, "P", "PPLA", "SY", "11", 652609),
            _geo_row(5128581, "New York City", "NYC", 40.71427, -74.00597, "P", "PPL", "US", "NY", 8175133)]
    (d / "cities.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (d / "admin1.txt").write_text("SY.11\tHoms\tHoms\t169575\nSY.13\tDimashq\tDimashq\t170652\n"
                                  "US.NY\tNew York\tNew York\t5128638\n", encoding="utf-8")
    info = ["SY\tSYR\t760\tSY\tSyria\tDamascus\t185180\t22933531\tAS\t.sy\tSYP\tPound\t963\t\t\tar-SY\t"
            "163843\tIQ,JO\t",
            "US\tUSA\t840\tUS\tUnited States\tWashington\t9629091\t327167434\tNA\t.us\tUSD\tDollar\t1\t\t\ten\t"
            "6252001\tCA,MX\t"]
    (d / "countryInfo.txt").write_text("\n".join(info) + "\n", encoding="utf-8")
    alt = ["1\t170654\tfr\tDamas\t\t\t\t\t\t", "2\t170654\tlink\thttps://en.wikipedia.org/wiki/Damascus\t\t\t\t\t\t",
           "3\t169577\ten\tEmesa\t\t\t\t1\t\t", "4\t999\ten\tNowhere\t\t\t\t\t\t"]
    with zipfile.ZipFile(d / "alternateNamesV2.zip", "w") as zf:
        zf.writestr("alternateNamesV2.txt", "\n".join(alt) + "\n")
        zf.writestr("iso-languagecodes.txt", "ISO 639-3\tname\n")
    _write_csv(d / "ged.csv", UCDP_COLUMNS, UCDP_ROWS)
    _write_csv(d / "acled.csv", ["location", "latitude", "longitude", "geo_precision", "country", "admin1", "admin2"],
               [["Jazal", "34.650556", "37.998611", "1", "Syria", "Homs", ""],
                ["Somewhere vague", "34.0", "38.0", "3", "Syria", "Homs", ""]])
    _write_csv(d / "mine.csv", ["name", "lat", "lon", "country", "feature_code"],
               [["Khunayfis phosphate mine", "34.228157", "37.800804", "SY", "MN"]])
    return {"dir": d, "cities": d / "cities.txt", "admin1": d / "admin1.txt", "info": d / "countryInfo.txt",
            "alt": d / "alternateNamesV2.zip", "ged": d / "ged.csv", "acled": d / "acled.csv", "mine": d / "mine.csv"}


@pytest.fixture(scope="module")
def learnt(files: dict[str, Path]) -> Gazetteer:
    return Gazetteer.build(files["dir"] / "learnt.marshal", geonames_files=[files["cities"]],
                           admin1=files["admin1"], country_info=files["info"], alternate_names=files["alt"],
                           places_from=[(files["ged"], "ucdp"), (files["acled"], "acled"), (files["mine"], "csv")])


def test_skeletons_meet_across_vowels() -> None:
    assert skeleton(key("Dzhizel")) == skeleton(key("Jazal")) == "jzl"
    assert skeleton(key("Khneyfis")) == skeleton(key("Khunayfis")) == skeleton(key("Khanafis"))
    assert skeleton(key("Khneyfis"), semivowels=True) == skeleton(key("Khunayfis"), semivowels=True)
    assert skeleton(key("Khneyfis"), semivowels=True) != skeleton(key("Khanafis"), semivowels=True)
    assert skeleton(key("Tuvinen")) == skeleton(key("Tuwaynan"))
    assert skeleton("") == ""


def test_kind_of_coded_names() -> None:
    assert kind_of("Shair gas field") == ("S", "OILF", "Shair")
    assert kind_of("At Tanf village") == ("P", "PPL", "At Tanf")
    assert kind_of("Tiyas Military Airbase") == ("S", "MILB", "Tiyas")
    assert kind_of("Aleppo") == ("P", "PPL", "Aleppo")


def test_imprecise_rows_and_roads_are_skipped(files: dict[str, Path]) -> None:
    names = [r["name"] for r in read_event_places(files["ged"], "ucdp")]
    assert "Road between As Sukhnah and Tadmur" not in names and "Homs Governorate" not in names
    assert names.count("Shair gas field") == 2 and "Tiyas Military Airbase" in names
    assert [r["name"] for r in read_event_places(files["acled"], "acled")] == ["Jazal"]
    with pytest.raises(ValueError):
        list(read_event_places(files["ged"], "gdelt"))


def test_learnt_places_have_provenance_and_short_names(learnt: Gazetteer) -> None:
    shair = learnt.candidates("Shair")
    assert len(shair) == 1 and shair[0].feature_code == "OILF" and shair[0].source == "ucdp:ged.csv"
    assert shair[0].country_code == "SY" and shair[0].admin1_code == "11"  # "Homs governorate" → SY.11
    assert learnt.candidates("Al-Tanf")[0].name == "At Tanf village"
    assert learnt.candidates("Et-Tanf")[0].geonameid < 0  # learnt places get negative ids
    assert learnt.candidates("Baghuz")[0].name == "Baghuz at-Tahtani village"
    assert learnt.candidates("Jazal")[0].source == "acled:acled.csv"
    mine = learnt.candidates("Khunayfis phosphate mine")[0]
    assert mine.feature_code == "MN" and mine.source == "csv:mine.csv"
    assert learnt.info()["learnt_places"] == 6
    assert learnt.candidates("Damascus")[0].source == "geonames"


def test_alternate_names_extras_and_country_filter(files: dict[str, Path], learnt: Gazetteer) -> None:
    assert learnt.candidates("Damas")[0].geonameid == 170654  # from alternateNamesV2
    assert not learnt.candidates("Emesa")  # historic names are skipped
    assert not learnt.candidates("https://en.wikipedia.org/wiki/Damascus")
    assert learnt.demonym("Syrian").country_code == "SY"
    assert learnt.demonym("European").feature_code == "CONT"
    assert learnt.candidates("N.Y.")[0].feature_code == "ADM1"  # news-style state abbreviations
    only = Gazetteer.build(files["dir"] / "sy.marshal", geonames_files=[files["cities"]], admin1=files["admin1"],
                           country_info=files["info"], countries=["SY"])
    assert not only.candidates("New York City") and only.candidates("Homs")
    assert only.candidates("United States")[0].feature_code == "PCLI"  # countries stay


# -- the seed report, on an index of Syria and its neighbours read from ../shared at test time ----------

SEED_TARGETS = {  # name in the report -> where it is (UCDP GED / GeoNames)
    "Al-Tanf": (33.489518, 38.656978), "Et-Tanf": (33.489518, 38.656978), "El-Khol": (36.39042, 41.14983),
    "Deir Ez-Zor": (35.335876, 40.140844), "Damascus": (33.513364, 36.291575),
    "Dzhizel": (34.650556, 37.998611), "Shaer": (34.8894, 37.93), "Khneyfis": (34.228157, 37.800804),
}
ABSENT_FROM_GEONAMES = ("Al-Tanf", "Et-Tanf", "Dzhizel", "Shaer", "Khneyfis", "Tuvinen")


@pytest.fixture(scope="module")
def region_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not (GEONAMES / "cities500.txt").exists() or not UCDP.exists() or not SEED.exists():
        pytest.skip("../shared/data (geonames, UCDP GED) or the seed report not found")
    d = tmp_path_factory.mktemp("region")
    keep = {"SY", "IQ", "JO", "LB"}
    with (GEONAMES / "cities500.txt").open(encoding="utf-8") as src, (d / "region.txt").open("w", encoding="utf-8") as out:
        for line in src:
            if line.split("\t", 9)[8] in keep:
                out.write(line)
    return {"dir": d, "cities": d / "region.txt"}


def _region(region_files: dict[str, Path], name: str, **kw) -> Gazetteer:
    return Gazetteer.build(region_files["dir"] / name, geonames_files=[region_files["cities"]],
                           admin1=GEONAMES / "admin1CodesASCII.txt", admin2=GEONAMES / "admin2Codes.txt",
                           country_info=GEONAMES / "countryInfo.txt", **kw)


@pytest.fixture(scope="module")
def nlp():
    from frontlines.nlp import load_model

    return load_model()


def _seed_mentions(nlp, gazetteer: Gazetteer) -> dict[str, list]:
    text = SEED.read_text(encoding="utf-8")
    found: dict[str, list] = {}
    for m in Geoparser(gazetteer)(nlp(text)):
        if m.role == "place":
            found.setdefault(m.span.text, []).append(m)
    return found


@pytest.mark.slow
def test_seed_with_and_without_ucdp_places(region_files: dict[str, Path], nlp) -> None:
    plain = _seed_mentions(nlp, _region(region_files, "plain.marshal"))
    for name in ABSENT_FROM_GEONAMES:  # found as places, left open, not put on a namesake
        assert name in plain, name
        for m in plain[name]:
            assert m.place is None, (name, m.place, m.reason)
    learnt = _seed_mentions(nlp, _region(region_files, "ucdp.marshal", places_from=[(UCDP, "ucdp")]))
    for name, (lat, lon) in SEED_TARGETS.items():
        for m in learnt[name]:
            assert m.place is not None, (name, m.reason)
            assert haversine_km(m.place.lat, m.place.lon, lat, lon) < 25, (name, m.place)
    hasakah = learnt["El-Hassan"][0].place
    assert hasakah is not None and hasakah.feature_code == "ADM1" and hasakah.country_code == "SY"
    assert haversine_km(hasakah.lat, hasakah.lon, 36.516667, 40.9) < 80  # UCDP's point for the governorate
