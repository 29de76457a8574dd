"""The canonical frame's layout: categorical keys, rows in the dataset's order, and results the
same as with text keys."""

import random

import polars as pl

from de06tui.core.dataset import Dataset, load_paths, missing_warnings
from de06tui.core.ranking import from_months, history, leaderboard, trends
from de06tui.core.registry import default_registry
from de06tui.core.validate import SCHEMA, empty_frame

KEYS = ["period", "province", "metric"]
CODES = [p.code for p in default_registry().provinces(63)]


def long_csv(write, name, periods, provinces, metrics=("online_submission_rate", "transparency_score"),
             seed=1):
    rows = [(p, c, m, (i * 37) % 18 + 0.5) for i, (p, c, m) in enumerate(
        (p, c, m) for p in periods for c in provinces for m in metrics)]
    random.Random(seed).shuffle(rows)
    return write(name, "period,province,metric,value\n" + "".join(f"{p},{c},{m},{v}\n" for p, c, m, v in rows))


def as_text(ds: Dataset) -> Dataset:
    return ds.with_frame(ds.frame.with_columns(pl.col(KEYS).cast(pl.Utf8)))


def test_keys_are_categorical_and_rows_in_text_order(write):
    ds = load_paths([long_csv(write, "a.csv", ["2025-05", "2025-06", "2024-12"], CODES[:40])])
    assert ds.errors == []
    assert ds.frame.schema == empty_frame().schema and list(ds.frame.schema) == list(SCHEMA)
    assert all(ds.frame.schema[k] == pl.Categorical for k in KEYS)
    text = as_text(ds).frame
    assert text.equals(text.sort("period", "metric", "province"))


def test_several_files_sorted_together_and_later_file_wins(write):
    first = long_csv(write, "a.csv", ["2025-05", "2025-06"], CODES[:30], seed=2)
    second = long_csv(write, "b.csv", ["2025-06", "2024-01"], CODES[20:], seed=3)
    ds = load_paths([first, second])
    assert ds.errors == []
    text = as_text(ds).frame
    assert text.equals(text.sort("period", "metric", "province"))
    assert text.select(KEYS).is_unique().all()
    assert ds.frame.height == 2 * (2 * 30 + 2 * 43 - 10)


def test_results_same_as_with_text_keys(write):
    months = [f"2025-{m:02d}" for m in range(1, 10)]  # across the merger into 34 provinces
    ds = load_paths([long_csv(write, "a.csv", months[:6], CODES)])
    ds34 = load_paths([long_csv(write, "b.csv", months[6:], [p.code for p in default_registry().provinces(34)])])
    for data in (ds, ds34):
        text = as_text(data)
        for period in data.periods():
            for provinces in ("auto", 34):
                board = leaderboard(data, "transparency_score", period, provinces=provinces)
                assert board.equals(leaderboard(text, "transparency_score", period, provinces=provinces))
                assert board.schema["province"] == pl.Utf8
        assert history(data, "transparency_score", "01", era=63).equals(
            history(text, "transparency_score", "01", era=63))
        assert history(data, "transparency_score", "01")["period"].dtype == pl.Utf8
        last = data.periods()[-1]
        assert trends(data, "transparency_score", last) == trends(text, "transparency_score", last)
    quarter = from_months(ds, "transparency_score", "2025-Q1", 63)
    assert quarter.schema["period"] == pl.Utf8 and quarter.height == 63


def test_missing_warnings_whatever_the_order_or_key_type(write):
    ds = load_paths([long_csv(write, "a.csv", ["2025-05", "2025-06"], CODES[:50])])
    warned = missing_warnings(ds.frame, ds.registry, "a.csv")
    assert len(warned) == 4 and "13 of 63 provinces" in warned[0].reason
    shuffled = ds.frame.sample(fraction=1.0, shuffle=True, seed=4)
    assert missing_warnings(shuffled, ds.registry, "a.csv") == warned
    assert missing_warnings(as_text(ds).frame, ds.registry, "a.csv") == warned


def test_problems_unchanged(write):
    text = ("period,province,metric,value,numerator,denominator\n"
            "2024-10,01,online_submission_rate,50,,\n"
            "2024-10,01,online_submission_rate,51,,\n"
            "2024-13,02,online_submission_rate,50,,\n"
            ",04,online_submission_rate,50,,\n"
            "2024-10,Atlantis,online_submission_rate,50,,\n"
            "2024-10,  ,online_submission_rate,50,,\n"
            "2024-10,06,online_submission_rate,150,,\n"
            "2024-10,08,online_submission_rate,abc,,\n"
            "2024-10,10,nope,5,,\n"
            "2024-10,11,online_submission_rate,,5,3\n"
            "2025-08,02,online_submission_rate,5,,\n"
            "2024-10,12,,5,,\n"
            "2024-10,14,transparency_score,,,\n"
            "2024-10,15,online_submission_rate,,-1,0\n")
    ds = load_paths([write("e.csv", text)])
    got = [(p.reason.split(";")[0].split(":")[0], p.row, p.column, p.value) for p in ds.problems]
    assert ds.frame.height == 0
    assert got == [
        ("duplicate of row 2", 3, "value", "01"),
        ("month 13 is not between 1 and 12", 4, "period", "2024-13"),
        ("period is empty", 5, "period", None),
        ("unknown province 'Atlantis' in the 63-province registry", 6, "province", "Atlantis"),
        ("province is empty", 7, "province", None),
        ("150 is outside online_submission_rate's range 0–100 %", 8, "value", "150"),
        ("not a number", 9, "value", "abc"),
        ("unknown metric 'nope'", 10, "metric", "nope"),
        ("numerator 5 is greater than denominator 3", 11, "numerator", "5"),
        ("period 2025-08 is on the 34 provinces, but it mixes in another era's province", 12, "province", "02"),
        ("metric is empty", 13, "metric", None),
        ("no figure (empty value)", 14, "value", None),
        ("denominator must be positive", 15, "denominator", "0"),
        ("counts cannot be negative", 15, "numerator", "-1"),
    ]
