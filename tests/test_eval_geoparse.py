"""The geoparsing evaluation: span pairing, exclusions, the 161 km rule, the AUC, and the command."""

from __future__ import annotations

import json
import math

import pytest

from frontlines.evaluate.geoparse import (MAX_KM, PredictedToponym, Tally, auc_log_error, evaluate_docs,
                                          load_gold, pair_spans)
from frontlines.records import Place, PlaceMention, Span

DAMASCUS = Place(170654, "Damascus", "P", "PPLC", "SY", 33.5102, 36.29128, 1569394)
HOMS = Place(169577, "Homs", "P", "PPLA", "SY", 34.72682, 36.72339, 652609)


def pred(start, end, place=None, score=0.9, text="x"):
    return PredictedToponym(start, end, text, place, score)


def gold(start, end, lat=None, lon=None, gid=None, **kw):
    return {"start": start, "end": end, "text": "x", "lat": lat, "lon": lon, "geonameid": gid, **kw}


def test_pairs_are_one_to_one_by_largest_overlap():
    preds = [pred(0, 10), pred(8, 20)]
    golds = [gold(0, 9), gold(12, 20)]
    assert sorted(pair_spans(preds, golds)) == [(0, 0), (1, 1)]
    # one prediction covering two gold spans pairs with one of them only
    assert pair_spans([pred(0, 20)], [gold(0, 9), gold(12, 20)]) == [(0, 0)]
    # touching is not overlapping
    assert pair_spans([pred(0, 5)], [gold(5, 9)]) == []


def test_non_locational_and_pointless_gold_are_left_out():
    t = Tally()
    golds = [gold(0, 8, 33.5, 36.3, 170654), gold(20, 25, non_locational=True, lat=1.0, lon=1.0),
             gold(30, 35)]
    preds = [pred(0, 8, DAMASCUS), pred(21, 24), pred(31, 33), pred(50, 55)]
    t.add(preds, golds)
    m = t.metrics(partial=False)
    assert t.gold == 1 and t.matched == 1
    assert t.false == 1  # only the prediction at 50..55; the two over excluded gold are neither
    assert m["precision"] == pytest.approx(0.5) and m["recall"] == 1.0
    assert m["f1"] == pytest.approx(2 * 0.5 / 1.5)


def test_161_km_rule_and_same_id():
    t = Tally()
    golds = [
        gold(0, 5, 0.0, 0.0, 170654),              # same id, far point: right, error 0
        gold(10, 15, DAMASCUS.lat + 1.0, DAMASCUS.lon, 1),   # ~111 km: right
        gold(20, 25, DAMASCUS.lat + 2.0, DAMASCUS.lon, 2),   # ~222 km: wrong
        gold(30, 35, 10.0, 10.0, 3),               # paired but unresolved: wrong
        gold(40, 45, 10.0, 10.0, 4),               # not found
    ]
    preds = [pred(0, 5, DAMASCUS), pred(10, 15, DAMASCUS), pred(20, 25, DAMASCUS), pred(30, 35)]
    t.add(preds, golds)
    m = t.metrics(partial=False)
    assert m["acc161"] == pytest.approx(2 / 4)
    assert m["recall161"] == pytest.approx(2 / 5)
    assert t.errors[0] == 0.0
    assert t.errors[1] == pytest.approx(111.2, abs=0.5) and t.errors[2] == pytest.approx(222.4, abs=0.5)
    assert m["median_km"] == pytest.approx(t.errors[1])
    assert t.scored == [[0.9, True], [0.9, True], [0.9, False], [0.9, False]]
    # the unresolved one enters the AUC at the maximum error
    assert m["auc"] == pytest.approx(auc_log_error(t.errors + [MAX_KM]))


def test_auc_by_hand():
    assert auc_log_error([]) is None
    assert auc_log_error([0.0]) == 0.0
    assert auc_log_error([0.0, 0.0, 0.0]) == 0.0
    assert auc_log_error([MAX_KM - 1]) == pytest.approx(1.0)
    # [0, 20038]: logs [0, ln 20039]: one trapezoid of area ln(20039)/2 over 1 * ln 20039
    assert auc_log_error([MAX_KM - 1, 0.0]) == pytest.approx(0.5)
    e = [10.0, 100.0, 1.0]
    logs = sorted(math.log(1 + x) for x in e)
    hand = ((logs[0] + logs[1]) / 2 + (logs[1] + logs[2]) / 2) / (2 * math.log(20039))
    assert auc_log_error(e) == pytest.approx(hand)


class _FakeDoc:
    def __init__(self, text):
        self.text = text


class _FakeNLP:
    max_length = 1_000_000

    def pipe(self, texts, batch_size=32):
        return (_FakeDoc(t) for t in texts)


class _FakeGeoparser:
    """Finds the words Damascus and Homs, and 'Syria' as a government."""

    gazetteer = None

    def __call__(self, doc):
        out = []
        for word, place, role in (("Damascus", DAMASCUS, "place"), ("Homs", HOMS, "place"),
                                  ("Syrians", None, "demonym")):
            i = doc.text.find(word)
            if i >= 0:
                out.append(PlaceMention(Span(i, i + len(word), word), role=role, place=place, score=0.8))
        return out


def _write(tmp_path, name, docs):
    path = tmp_path / f"{name}.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def test_evaluate_docs_per_corpus_with_partial_precision(tmp_path):
    text = "Shelling in Damascus and Homs; Syrians fled to Aleppo."
    g = [{"start": 12, "end": 20, "text": "Damascus", "lat": 33.51, "lon": 36.29, "geonameid": 170654},
         {"start": 25, "end": 29, "text": "Homs", "lat": 36.2, "lon": 37.16},  # gold says Aleppo's point
         {"start": 47, "end": 53, "text": "Aleppo", "lat": 36.2, "lon": 37.16}]
    a = _write(tmp_path, "news", [{"id": "n1", "text": text, "toponyms": g}])
    b = _write(tmp_path, "wiktor", [{"id": "w1", "text": text, "toponyms": g[:1]}])
    docs = load_gold([a, b])
    assert [d["corpus"] for d in docs] == ["news", "wiktor"]
    result = evaluate_docs(docs, geoparser=_FakeGeoparser(), nlp=_FakeNLP(), peers=(), errors=5)
    news = result["corpora"]["news"]["systems"]["frontlines"]
    assert news["predicted"] == 2 and news["matched"] == 2  # the demonym is not a prediction
    assert news["precision"] == 1.0 and news["recall"] == pytest.approx(2 / 3)
    assert news["acc161"] == 0.5 and news["recall161"] == pytest.approx(1 / 3)
    wik = result["corpora"]["wiktor"]["systems"]["frontlines"]
    assert wik["precision"] is None and wik["f1"] is None and wik["recall"] == 1.0
    assert result["samples"]["news"]["frontlines"]["error_km"][0] == 0.0
    kinds = [(e["gold"]["text"], e["predicted"] is None) for e in result["errors"]]
    assert kinds == [("Homs", False), ("Aleppo", True)]  # wrong place first, then not found
    assert "[[Aleppo]]" in result["errors"][1]["context"]
    json.dumps(result)


@pytest.mark.slow
def test_command_on_a_few_lgl_documents(shared_dir, tmp_path):
    from typer.testing import CliRunner

    from frontlines.cli import app

    lgl = shared_dir / "data" / "geoparsing" / "lgl.jsonl"
    if not lgl.exists():
        pytest.skip(f"{lgl} not found")
    run = CliRunner().invoke(app, ["eval", "geoparse", str(lgl), "--limit", "3", "--json", "--errors", "2"])
    assert run.exit_code == 0, run.output
    result = json.loads(run.stdout)
    lgl_result = result["corpora"]["lgl"]
    assert lgl_result["documents"] == 3
    assert set(lgl_result["systems"]) == {"frontlines", "spacy+population", "geotext"}
    ours = lgl_result["systems"]["frontlines"]
    assert 0 < ours["recall"] <= 1 and 0 <= ours["acc161"] <= 1
    assert "samples" not in result and len(result["errors"]) <= 2
    table = CliRunner().invoke(app, ["eval", "geoparse", str(lgl), "--limit", "2", "--peers", "geotext"])
    assert table.exit_code == 0 and "ours/peer" in table.stdout


def test_detect_only_gold_counts_in_detection_not_in_resolution():
    t = Tally()
    golds = [gold(0, 8, 33.5, 36.3, 170654), gold(20, 25, detect_only=True)]
    t.add([pred(0, 8, DAMASCUS), pred(20, 25, HOMS), pred(40, 45)], golds)
    m = t.metrics(partial=False)
    assert (m["matched"], m["precision"], m["recall"]) == (2, 2 / 3, 1.0)
    assert m["acc161"] == 1.0 and m["recall161"] == 1.0  # only the toponym with a point is placed
    only = Tally()
    only.add([pred(20, 25, HOMS)], [gold(20, 25, detect_only=True)])
    assert only.metrics(partial=False)["acc161"] is None and only.metrics(partial=False)["recall"] == 1.0


def _re3d_folder(root):
    """A tiny folder in re3d's layout, with a text written for this test."""
    text = ("Near Qaryat Zayn, two strikes hit the camp. The Bardan bridge was closed here. "
            "Syrian officials met in the city of Homs.")
    folder = root / "Test_Source"
    folder.mkdir()
    (folder / "documents.json").write_text(json.dumps({"_id": "D1", "title": "t", "text": text}) + "\n")
    def ent(value, kind):
        start = text.index(value)
        return json.dumps({"_id": f"D1-{start}", "begin": start, "end": start + len(value), "type": kind,
                           "value": value, "documentId": "D1"})
    rows = [ent("Qaryat Zayn", "Location"), ent("the camp", "Location"), ent("The Bardan bridge", "Location"),
            ent("here", "Location"), ent("Syrian", "Nationality"), ent("the city of Homs", "Location"),
            ent("Homs", "Location"), ent("officials", "Person")]
    (folder / "entities.json").write_text("\n".join(rows) + "\n")
    return text


def test_re3d_folders_are_read_as_detection_gold(tmp_path):
    from frontlines.evaluate.re3d import named

    text = _re3d_folder(tmp_path)
    docs = load_gold([tmp_path])
    assert len(docs) == 1 and docs[0]["corpus"] == "re3d" and docs[0]["text"] == text
    counted = sorted(t["text"] for t in docs[0]["toponyms"] if t.get("detect_only"))
    assert counted == ["Homs", "Qaryat Zayn", "The Bardan bridge"]  # the innermost name of nested ones
    neutral = sorted(t["text"] for t in docs[0]["toponyms"] if t.get("non_locational"))
    assert neutral == ["Syrian", "here", "the camp", "the city of Homs"]
    assert not named("ISIL-held buildings") and not named("It", "It is.", 0) and named("Near Sinjar")


def test_ceiling_classes_by_hand():
    from frontlines.evaluate.geoceiling import classify as _classify
    from frontlines.evaluate.geoceiling import summarise

    def classify(*args):
        return _classify(*args, 161.0)

    paris_fr = Place(1, "Paris", "P", "PPLC", "FR", 48.85, 2.35, 2_000_000)
    paris_tx = Place(2, "Paris", "P", "PPL", "US", 33.66, -95.56, 25_000)
    table = {"Paris": [paris_fr, paris_tx]}

    def cands(text: str) -> list[Place]:
        return table.get(text, [])

    def prior(p: Place) -> float:
        return float(p.population)

    def g(text, lat, lon):
        return {"text": text, "lat": lat, "lon": lon}

    tx, county = g("Paris", 33.66, -95.56), g("Lamar County", 33.67, -95.57)
    assert classify(tx, "Paris", [tx, county], cands, prior) == ("context", False)  # the county is near
    assert classify(tx, "Paris", [tx], cands, prior) == ("lone", False)
    assert classify(tx, "Paris", [tx, g("Lyon", 45.76, 4.83)], cands, prior) == ("far", False)
    fr = g("Paris", 48.86, 2.34)
    assert classify(fr, "Paris", [fr], cands, prior) == ("prior", False)  # fame alone would do
    nowhere = g("Nowhere", 10.0, 10.0)
    assert classify(nowhere, "Nowhere", [nowhere], cands, prior) == ("index", False)
    # our span "Paris Fire Hall" has no right candidate; the gold span "Paris" has
    assert classify(tx, "Paris Fire Hall", [tx, county], cands, prior) == ("context", True)
    s = summarise([("context", False), ("index", False), ("context", True)], right=7, located=10)
    assert (s["context"], s["index"], s["span"], s["ceiling"]) == (2, 1, 1, 0.9)
