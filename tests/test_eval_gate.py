"""The evaluation gate: quality on a fixed subset of ../shared/data must not fall below the pinned floors."""

from __future__ import annotations

import pytest

from frontlines.evaluate.gate import EPSILON, FLOORS_FILE, check, load_floors, measure, updated


def test_floors_only_go_up_unless_lowered_on_purpose():
    pinned = {"floors": {"a": 0.8, "b": 0.5}}
    raised = updated(pinned, {"a": 0.7, "b": 0.9, "c": 0.3}, {})
    assert raised["floors"] == {"a": 0.8, "b": round(0.9 - EPSILON, 4), "c": round(0.3 - EPSILON, 4)}
    assert updated(pinned, {"a": 0.7}, {}, lower=True)["floors"]["a"] == round(0.7 - EPSILON, 4)


def test_check_reports_falls_and_changed_subsets():
    pinned = {"floors": {"a": 0.8, "b": 0.5}, "digests": {"x": "111"}}
    verdict = check({"a": 0.79, "b": 0.5, "new": 0.1}, {"x": "222"}, pinned)
    assert not verdict.ok
    assert [k for k, _, _ in verdict.below] == ["a"]
    assert verdict.changed == [("x", "111", "222")] and verdict.unpinned == ["new"]
    assert "re-pin" in verdict.explain()
    assert check({"a": 0.9, "b": 0.6}, {"x": "111"}, pinned).ok
    assert not check({"b": 0.6}, {"x": "111"}, pinned).ok  # a metric that vanished is a fall


@pytest.mark.slow
def test_quality_does_not_fall_below_the_floors(shared_dir, pipeline):
    pinned = load_floors()
    assert pinned.get("floors"), f"no floors pinned in {FLOORS_FILE}; run `frontlines eval gate --update`"
    metrics, digests = measure(shared_dir / "data", pipeline)
    verdict = check(metrics, digests, pinned)
    assert verdict.ok, "quality fell below the pinned floors:\n" + verdict.explain()
    assert not verdict.unpinned, f"metrics without a floor: {verdict.unpinned}; pin them with `frontlines eval gate --update`"


def test_learnt_places_cannot_enter_the_default_index_or_the_gate(tmp_path):
    from typer.testing import CliRunner

    from frontlines.cli import app
    from frontlines.evaluate.gate import measure

    ged = tmp_path / "ged.csv"
    ged.write_text("where_coordinates,latitude,longitude,adm_1,adm_2,country\nSomewhere village,35.0,38.0,,,Syria\n")
    result = CliRunner().invoke(app, ["gazetteer", "build", "--places-from", str(ged)])
    assert result.exit_code != 0 and "--out" in result.output

    class Tainted:
        class geoparser:
            class gazetteer:
                @staticmethod
                def info():
                    return {"learnt_places": 3}

    with pytest.raises(ValueError, match="learnt from event datasets"):
        measure(tmp_path, Tainted)
