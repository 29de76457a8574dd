"""Threshold bands: defaults from the range, a metric file's own, the config's override."""

from __future__ import annotations

import pytest

from de06tui.config import ConfigError, load_config
from de06tui.core.metrics import MetricCatalog, default_catalog
from de06tui.core.problems import DataError
from de06tui.core.thresholds import band, band_cell, with_thresholds

CAT = default_catalog()


@pytest.mark.parametrize("metric, value, name", [
    ("online_submission_rate", 49.99, "red"), ("online_submission_rate", 50.0, "amber"),
    ("online_submission_rate", 69.99, "amber"), ("online_submission_rate", 70.0, "green"),
    ("transparency_score", 8.99, "red"), ("transparency_score", 9.0, "amber"),   # 50 % of 18
    ("transparency_score", 12.59, "amber"), ("transparency_score", 12.6, "green"),  # 70 % of 18
])
def test_default_bands(metric, value, name):
    assert band(value, CAT[metric]).name == name


def test_a_band_reads_without_colour():
    assert band_cell(40.0, CAT["online_submission_rate"]) == "✗ red"
    assert band_cell(60.0, CAT["online_submission_rate"]) == "△ amber"
    assert band_cell(90.0, CAT["online_submission_rate"]) == "✓ green"
    assert band_cell(None, CAT["online_submission_rate"]) == "" and band(None, CAT["transparency_score"]) is None


SCREEN = '''id = "{id}"
title = {{ vi = "Thử", en = "Test" }}
unit = "%"
range = [0, 100]
{extra}
'''


def test_a_metric_file_may_carry_its_thresholds(tmp_path):
    (tmp_path / "a.toml").write_text(SCREEN.format(id="a", extra="thresholds = { red = 80, amber = 95 }"))
    m = MetricCatalog.load([tmp_path], strict=True)["a"]
    assert m.thresholds == (80.0, 95.0)
    assert [band(v, m).name for v in (79.9, 80, 94.9, 95)] == ["red", "amber", "amber", "green"]


@pytest.mark.parametrize("extra, key", [
    ("thresholds = { red = 80 }", "thresholds"),
    ("thresholds = { red = 180, amber = 190 }", "thresholds.red"),
    ("thresholds = { red = 90, amber = 80 }", "thresholds"),
    ('thresholds = { red = "80", amber = 90 }', "thresholds.red"),
    ("thresholds = 5", "thresholds"),
])
def test_a_bad_threshold_in_a_file_is_named(tmp_path, extra, key):
    (tmp_path / "a.toml").write_text(SCREEN.format(id="a", extra=extra))
    with pytest.raises(DataError) as exc:
        MetricCatalog.load([tmp_path], strict=True)
    assert any(p.column == key and p.file == str(tmp_path / "a.toml") for p in exc.value.problems)


def test_the_config_overrides_a_metric(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('home = "gia lai"\n[thresholds]\nonline_submission_rate = { red = 60, amber = 80 }\n')
    config = load_config(path, env={})
    assert config.home == "gia lai"
    cat = with_thresholds(CAT, config.thresholds, str(path))
    assert [band(v, cat["online_submission_rate"]).name for v in (59, 60, 79, 80)] == ["red", "amber", "amber", "green"]
    assert band(8.0, cat["transparency_score"]).name == "red"  # others keep their defaults


def test_a_bad_override_is_named(tmp_path):
    with pytest.raises(DataError) as exc:
        with_thresholds(CAT, {"nope": {"red": 1.0}}, "config.toml")
    assert exc.value.problems[0].column == "thresholds.nope" and "unknown metric" in exc.value.problems[0].reason
    with pytest.raises(DataError, match=r"red = 200\.0 is outside"):
        with_thresholds(CAT, {"online_submission_rate": {"red": 200.0}}, "config.toml")
    path = tmp_path / "config.toml"
    path.write_text('[thresholds]\nonline_submission_rate = { red = "x" }\n')
    with pytest.raises(ConfigError, match=r"thresholds\.online_submission_rate\.red' must be a number"):
        load_config(path, env={})
    path.write_text('[alerts]\ndrop_points = -1\n')
    with pytest.raises(ConfigError, match=r"alerts\.drop_points"):
        load_config(path, env={})
