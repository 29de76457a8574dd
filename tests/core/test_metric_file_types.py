"""Malformed metric files in screens/*.toml: an optional key of the wrong type, or a column name
claimed by two metrics, is a problem naming the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from de06tui.core.metrics import MetricCatalog

GOOD = ('id = "{id}"\ntitle = {{ vi = "Chỉ số", en = "Index" }}\nunit = "%"\nrange = [0, 100]\n'
        'columns = ["{id}", "{column}"]\n')


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("line, key", [
    ('order = "first"', "order"), ('counts = "yes"', "counts"), ("main = 1", "main"),
    ("short = { vi = 3 }", "short.vi"), ('short = { en = ["x"] }', "short.en"),
])
def test_an_optional_key_of_the_wrong_type_is_a_problem(tmp_path, line, key):
    path = write(tmp_path, "odd.toml", GOOD.format(id="odd", column="Odd") + line + "\n")
    catalog = MetricCatalog.load([tmp_path])
    assert "odd" not in catalog  # not loaded on defaults
    assert [(p.file, p.column) for p in catalog.problems] == [(str(path), key)]
    assert "must be" in catalog.problems[0].reason


def test_a_column_claimed_by_two_metrics_is_a_problem(tmp_path):
    write(tmp_path, "a.toml", GOOD.format(id="alpha", column="Tỷ lệ chung"))
    second = write(tmp_path, "b.toml", GOOD.format(id="beta", column="TY LE CHUNG"))  # the same, folded
    catalog = MetricCatalog.load([tmp_path])
    assert len(catalog.problems) == 1
    problem = catalog.problems[0]
    assert problem.file == str(second) and problem.column == "columns"
    assert "'TY LE CHUNG'" in problem.reason and "'alpha'" in problem.reason


def test_the_shipped_screens_have_no_such_problem():
    assert MetricCatalog.load().problems == []
