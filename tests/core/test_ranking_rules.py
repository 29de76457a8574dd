"""Rules a board follows: name order in ties, the figure it ranks by, what a change is compared with,
bands at the bottom, and how the merge combines rows. Expected figures are worked out by hand."""

import polars as pl
import pytest

from de06tui.core.dataset import dataset_from_records
from de06tui.core.ranking import board_basis, combine, leaderboard, movers

ONLINE, CKMB = "online_submission_rate", "transparency_score"


def rec(period, province, metric, value, num=None, den=None, **extra):
    return dict(period=period, province=province, metric=metric, value=value, numerator=num,
                denominator=den, **extra)


def test_tied_provinces_are_in_vietnamese_alphabetical_order():
    # Python's order would put Cao Bằng before Cà Mau and Điện Biên before Đà Nẵng.
    codes = {"96": "Cà Mau", "04": "Cao Bằng", "24": "Bắc Giang", "95": "Bạc Liêu", "11": "Điện Biên",
             "66": "Đắk Lắk", "48": "Đà Nẵng"}
    ds = dataset_from_records([rec("2024-10", c, CKMB, 10) for c in codes], "t")
    board = leaderboard(ds, CKMB, "2024-10")
    assert board["rank"].to_list() == [1] * 7
    assert board["name"].to_list() == ["Bạc Liêu", "Bắc Giang", "Cà Mau", "Cao Bằng", "Đà Nẵng",
                                       "Đắk Lắk", "Điện Biên"]


def test_bottom_band_takes_every_province_tied_at_the_bottom():
    ds = dataset_from_records([rec("2024-10", c, CKMB, v) for c, v in
                               [("01", 10), ("02", 12), ("04", 9), ("06", 9), ("08", 11)]], "t")
    board = leaderboard(ds, CKMB, "2024-10", top=1, bottom=1)
    bands = dict(zip(board["province"], board["band"]))
    assert bands == {"02": "top", "08": "middle", "01": "middle", "04": "bottom", "06": "bottom"}


def test_a_value_contradicting_its_counts_is_ranked_by_its_counts_in_both_views():
    # Hà Nội (01) states 90 but its counts give 500/1000 = 50 %; Bình Dương (74, into TP HCM 79)
    # states 60 with 600/1000 = 60 %. On the counts Bình Dương / TP HCM leads in both views.
    rows = [rec("2024-10", "01", ONLINE, 90, 500, 1000), rec("2024-10", "74", ONLINE, 60, 600, 1000),
            # 50.05 against 50.0: within the display precision (0.1), so the stated value stands
            rec("2024-10", "02", ONLINE, 50.05, 500, 1000)]
    ds = dataset_from_records(rows, "t")
    old = leaderboard(ds, ONLINE, "2024-10", provinces=63)
    new = leaderboard(ds, ONLINE, "2024-10", provinces=34)
    assert old["province"].to_list() == ["74", "02", "01"]
    hanoi = old.filter(pl.col("province") == "01").row(0, named=True)
    assert (hanoi["value"], hanoi["basis"], hanoi["stated_value"]) == (50.0, "counts", 90.0)
    ha_giang = old.filter(pl.col("province") == "02").row(0, named=True)
    assert (ha_giang["value"], ha_giang["basis"], ha_giang["stated_value"]) == (50.05, "value", None)
    assert new["province"].to_list()[0] == "79" and new["value"].to_list()[0] == pytest.approx(60.0)
    assert new.filter(pl.col("province") == "01")["value"].item() == pytest.approx(50.0)
    assert board_basis(old) == "mixed"
    assert board_basis(new) == "counts"  # every 34-province row is its predecessors' counts summed


def test_a_value_off_by_just_over_the_precision_is_a_contradiction():
    ds = dataset_from_records([rec("2024-10", "01", ONLINE, 50.2, 500, 1000)], "t")
    row = leaderboard(ds, ONLINE, "2024-10").row(0, named=True)
    assert (row["value"], row["basis"]) == (50.0, "counts")


def test_a_real_figure_is_not_compared_with_a_synthetic_base():
    # 2025 is computed from synthetic months; 2026 is the portal's real year to date.
    rows = [rec(f"2025-{m:02d}", c, CKMB, v) for m in range(7, 13) for c, v in (("96", 5), ("12", 9))]
    rows += [rec("2026", c, CKMB, v, real=True) for c, v in (("96", 14), ("12", 13))]
    ds = dataset_from_records(rows, "t", synthetic=True)
    board = leaderboard(ds, CKMB, "2026")
    assert board["province"].to_list() == ["96", "12"] and board["real"].to_list() == [True, True]
    assert board["prev_rank"].to_list() == [None, None]
    assert board["rank_change"].to_list() == [None, None]
    assert board["value_change"].to_list() == [None, None]
    up, down = movers(ds, CKMB, "2025", "2026")
    assert up.height == 0 and down.height == 0


def test_a_change_from_an_approximate_base_is_marked_approximate():
    # June 2025 on the 34: TP HCM is the plain mean of three scores (no counts) → approximate.
    rows = [rec("2025-06", c, CKMB, v) for c, v in (("74", 10), ("77", 12), ("79", 17), ("01", 14))]
    rows += [rec("2025-08", c, CKMB, v) for c, v in (("79", 16), ("01", 14))]
    ds = dataset_from_records(rows, "t")
    board = leaderboard(ds, CKMB, "2025-08", compare="2025-06")
    by = {r["province"]: r for r in board.iter_rows(named=True)}
    assert by["79"]["prev_value"] == pytest.approx(13.0) and by["79"]["rank_change"] == 1
    assert by["79"]["change_approx"] is True
    assert by["01"]["change_approx"] is False and by["01"]["rank_change"] == -1


def test_movers_tied_on_change_are_in_vietnamese_order():
    before = {"96": 1, "04": 2, "11": 3, "48": 4}
    after = {"96": 2, "04": 1, "11": 4, "48": 3}  # every province moves one place
    rows = [rec("2024-09", c, CKMB, 10 - r) for c, r in before.items()]
    rows += [rec("2024-10", c, CKMB, 10 - r) for c, r in after.items()]
    up, down = movers(dataset_from_records(rows, "t"), CKMB, "2024-09", "2024-10")
    assert up["name"].to_list() == ["Cao Bằng", "Đà Nẵng"]  # both +1 and +1 point: by rank, then name
    assert down["name"].to_list() == ["Cà Mau", "Điện Biên"]


def _parts(rows):
    return pl.DataFrame(rows, orient="row", schema={"g": pl.Utf8, "metric": pl.Utf8, "value": pl.Float64,
                                      "numerator": pl.Float64, "denominator": pl.Float64,
                                      "approx": pl.Boolean, "real": pl.Boolean, "flag": pl.Utf8})


def test_combine_joins_every_flag_and_weighs_only_fully_counted_groups():
    parts = _parts([
        ("x", ONLINE, 80.0, 8.0, 10.0, False, True, "late"),
        ("x", ONLINE, 20.0, 2.0, 10.0, False, True, "estimated"),
        ("y", ONLINE, 90.0, 9.0, 10.0, False, True, None),
        ("y", ONLINE, 30.0, None, None, False, False, "late"),
        ("z", CKMB, 12.5, None, None, False, False, None),
    ])
    out = {r["g"]: r for r in combine(parts, ["g", "metric"], {ONLINE}).iter_rows(named=True)}
    assert out["x"]["flag"] == "estimated,late"
    assert out["x"]["value"] == pytest.approx(50.0) and out["x"]["approx"] is False
    assert (out["x"]["numerator"], out["x"]["denominator"], out["x"]["basis"]) == (10.0, 20.0, "counts")
    assert out["x"]["real"] is True
    # one part without counts: the plain mean (90 + 30) / 2, flagged approximate, no counts shown
    assert out["y"]["value"] == pytest.approx(60.0) and out["y"]["approx"] is True
    assert (out["y"]["numerator"], out["y"]["denominator"], out["y"]["basis"]) == (None, None, "value")
    assert out["y"]["real"] is False and out["y"]["flag"] == "late"
    # a score without counts, alone in its group, is that score: not approximate
    assert (out["z"]["value"], out["z"]["approx"], out["z"]["flag"]) == (12.5, False, None)


def test_combine_keeps_groups_in_the_order_they_first_come():
    names = [f"g{(i * 37) % 101:03d}" for i in range(101)]  # a fixed shuffle of 101 groups
    rows = [(n, ONLINE, 1.0, 1.0, 2.0, False, False, None) for n in names for _ in range(3)]
    out = combine(_parts(rows), ["g", "metric"], {ONLINE})
    assert out["g"].to_list() == names
    assert out["value"].to_list() == [50.0] * 101
