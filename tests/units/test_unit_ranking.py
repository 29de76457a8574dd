"""Cohort ranks: competition ranks within departments and within communes, parity with the
portal's recorded ranks, day-over-day changes and clusters."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from de06tui.core.unit_files import load_unit_paths
from de06tui.core.units import UnitRegistry, UnitSet, unit_board, unit_frame, unit_history

GL = Path(__file__).resolve().parent.parent / "fixtures" / "dvcqg" / "gia_lai"
GIA_LAI = "52"


def snapshot(day: str) -> tuple[UnitSet, list[dict]]:
    path = GL / f"communes_GiaLai_{day}102026.json"
    return load_unit_paths([path]), json.loads(path.read_text("utf-8"))["communes"]


@pytest.mark.parametrize("day", ["09", "10"])
def test_commune_ranks_agree_with_the_portals_group_rank(day):
    units, recorded = snapshot(day)
    board = unit_board(units, GIA_LAI, "commune", "total_score", "2026")
    ours = dict(zip(board["unit"], board["rank"]))
    shown = dict(zip(board["unit"], board["source_rank"]))
    by_score: dict[float, list[dict]] = {}
    for c in recorded:
        by_score.setdefault(c["totalScore"], []).append(c)
    ties = 0
    for score, group in by_score.items():
        first = 1 + sum(1 for c in recorded if c["totalScore"] > score)  # competition rank by hand
        positions = sorted(c["groupRank"] for c in group)
        if len(group) == 1:
            assert ours[group[0]["departmentCode"]] == group[0]["groupRank"] == first
        else:
            ties += 1
            assert positions == list(range(positions[0], positions[0] + len(group)))
            assert positions[0] == first
            assert {ours[c["departmentCode"]] for c in group} == {first}
        for c in group:
            assert shown[c["departmentCode"]] == c["groupRank"]  # the source's rank is kept
    assert ties >= 10 and board.height == 135


def test_equal_scores_share_a_rank_and_are_listed_in_vietnamese_order():
    units, _ = snapshot("10")
    board = unit_board(units, GIA_LAI, "commune", "total_score", "2026")
    tied = board.filter(pl.col("value") == 69.95)
    # The portal lists them An Nhơn Nam, Quy Nhơn Bắc, Ia O; by name it is A, I, Q.
    assert tied["name"].to_list() == ["UBND phường An Nhơn Nam", "UBND xã Ia O", "UBND phường Quy Nhơn Bắc"]
    assert tied["rank"].to_list() == [96, 96, 96]
    assert tied["source_rank"].to_list() == [96, 98, 97]


def test_day_over_day_changes_between_9_and_10_october():
    units = load_unit_paths([GL / "communes_GiaLai_09102026.json", GL / "communes_GiaLai_10102026.json"])
    board = unit_board(units, GIA_LAI, "commune", "total_score", "2026")
    got = {r["unit"]: (r["rank"], r["prev_rank"], r["rank_change"], round(r["value_change"], 2))
           for r in board.iter_rows(named=True)}
    # Read from the two files: Vân Canh 75.31 (1st) → 75.34 (1st); Đăk Song 72.97 (15th) → 73.95
    # (2nd); Hoài Nhơn Bắc 72.58 (31st) → 73.71 (4th); Hòa Hội 73.50, tied 3rd with Canh Vinh,
    # → 73.48 (8th); Vĩnh Quang 73.37 (7th) → 73.28 (14th).
    assert got["H21.227"] == (1, 1, 0, 0.03)
    assert got["H21.125"] == (2, 15, 13, 0.98)
    assert got["H21.198"] == (4, 31, 27, 1.13)
    assert got["H21.204"] == (8, 3, -5, -0.02)
    assert got["H21.232"] == (14, 7, -7, -0.09)
    # an explicit earlier snapshot gives the same as the default (the one before)
    again = unit_board(units, GIA_LAI, "commune", "total_score", "2026", before=("2026", "2026-10-09"))
    assert again.equals(board)


def small_set() -> UnitSet:
    rows = [("D1", "Sở Tư pháp", "department", 12.0), ("D2", "Sở Nội vụ", "department", 15.0),
            ("C1", "UBND xã Bình An", "commune", 80.0), ("C2", "UBND phường An Bình", "commune", 70.0),
            ("C3", "UBND xã Ân Hảo", "commune", 80.0), ("C4", "UBND xã Anh Sơn", "commune", 80.0),
            ("C5", "UBND xã Cẩm Lý", "commune", None), ("C6", "UBND xã Bắc Lý", "commune", 65.0)]
    records = [{"period": "2026-08", "province": GIA_LAI, "unit": u, "name": n, "cohort": c,
                "metric": "total_score", "value": v} for u, n, c, v in rows]
    return UnitSet(unit_frame(records), UnitRegistry())


def test_two_cohorts_competition_ranks_and_unscored_units_last():
    s = small_set()
    communes = unit_board(s, GIA_LAI, "commune", "total_score", "2026-08")
    assert list(zip(communes["unit"], communes["rank"])) == [
        ("C4", 1), ("C3", 1), ("C1", 1), ("C2", 4), ("C6", 5), ("C5", None)]  # Anh < Ân < Bình
    departments = unit_board(s, GIA_LAI, "department", "total_score", "2026-08")
    assert list(zip(departments["unit"], departments["rank"])) == [("D2", 1), ("D1", 2)]


def test_a_cluster_is_ranked_on_its_own_and_filters_by_any_spelling_or_code():
    s = small_set()
    board = unit_board(s, GIA_LAI, "commune", "total_score", "2026-08",
                       cluster=["an binh", "Xã Bắc Lý", "c5", "UBND xã Ân Hảo"])
    assert list(zip(board["unit"], board["rank"])) == [("C3", 1), ("C2", 2), ("C6", 3), ("C5", None)]


def test_a_national_board_ranks_a_cohort_across_provinces():
    s = small_set()
    other = unit_frame([{"period": "2026-08", "province": "01", "unit": "H01.300", "name": "Phường Ba Đình",
                         "cohort": "commune", "metric": "total_score", "value": 75.0}])
    s = UnitSet(pl.concat([s.frame, other]), s.registry)
    board = unit_board(s, None, "commune", "total_score", "2026-08")
    assert board.filter(pl.col("unit") == "H01.300")["rank"].to_list() == [4]
    assert board.height == 7


def test_a_cluster_as_a_filter_keeps_the_ranks_among_the_whole_province():
    s = small_set()
    board = unit_board(s, GIA_LAI, "commune", "total_score", "2026-08",
                       cluster=["an binh", "Xã Bắc Lý", "c5"], cluster_as_filter=True)
    assert list(zip(board["unit"], board["rank"])) == [("C2", 4), ("C6", 5), ("C5", None)]


def test_a_units_history_has_its_competition_rank_on_each_day():
    units = load_unit_paths([GL / "communes_GiaLai_09102026.json", GL / "communes_GiaLai_10102026.json"])
    days = {}
    for day in ("09", "10"):
        recorded = json.loads((GL / f"communes_GiaLai_{day}102026.json").read_text("utf-8"))["communes"]
        scores = {c["departmentCode"]: c["totalScore"] for c in recorded}
        days[f"2026-10-{day}"] = {code: (v, 1 + sum(1 for s in scores.values() if s > v), len(scores))
                                  for code, v in scores.items()}
    for code in days["2026-10-10"]:
        got = unit_history(units, code, GIA_LAI, "commune", "total_score")
        assert [(d, v, rank, of) for _p, d, v, rank, of in got] == [
            (day, *days[day][code]) for day in ("2026-10-09", "2026-10-10")]
    assert unit_history(units, "H21.227", GIA_LAI, "department", "total_score") == []
