"""My province on the sample, home = "Gia Lai": every gap figure checked against the board's own rows.

Expectations are worked out here in plain Python over the leaderboard's rows (ranking.leaderboard,
the board the screen shows), with exact fractions for the dossiers, not with core/home.py.
"""

from __future__ import annotations

from fractions import Fraction

import polars as pl
import pytest

from de06tui.core.dataset import load_sample
from de06tui.core.home import (
    GROUPS_766,
    HomeError,
    dossiers_to_reach,
    dossiers_to_spare,
    home_report,
    resolve_home,
)
from de06tui.core.ranking import leaderboard

HOME = "Gia Lai"
GIA_LAI = "52"


@pytest.fixture(scope="module")
def ds():
    return load_sample()


@pytest.fixture(scope="module")
def report(ds):
    return home_report(ds, HOME, "2026-10")


def _rows(ds, metric, period):
    return leaderboard(ds, metric, period).to_dicts()


def _need(target: float, num: float, den: float) -> int:
    """Smallest whole k with (num + k) / den × 100 ≥ target, by stepping over exact fractions."""
    t = Fraction(str(target))
    k = 0
    while Fraction(int(num) + k, int(den)) * 100 < t:
        k += 1
    return k


def _spare(below: float, num: float, den: float) -> int:
    """Largest whole k with (num − k) / den × 100 ≥ below (equal keeps a shared rank)."""
    b = Fraction(str(below))
    k = 0
    while Fraction(int(num) - (k + 1), int(den)) * 100 >= b:
        k += 1
    return k


def _expected(rows: list[dict]) -> dict:
    me = next(r for r in rows if r["province"] == GIA_LAI)
    above = [r for r in rows if r["rank"] < me["rank"]]
    below = [r for r in rows if r["rank"] > me["rank"]]
    top = [r for r in rows if r["rank"] <= 3]
    out = {"me": me}
    if above:
        rank = max(r["rank"] for r in above)
        out["up"] = (rank, sorted(r["name"] for r in above if r["rank"] == rank),
                     next(r["value"] for r in above if r["rank"] == rank))
    if me["rank"] > 3:
        rank = max(r["rank"] for r in top)
        out["top"] = (rank, sorted(r["name"] for r in top if r["rank"] == rank),
                      next(r["value"] for r in top if r["rank"] == rank))
    if below:
        rank = min(r["rank"] for r in below)
        out["down"] = (rank, sorted(r["name"] for r in below if r["rank"] == rank),
                       next(r["value"] for r in below if r["rank"] == rank))
    return out


@pytest.mark.parametrize("metric", ["online_submission_rate", "transparency_score", "sync_to_portal_rate",
                                    "total_score", *GROUPS_766])
def test_every_gap_matches_the_boards_rows(ds, report, metric):
    s = report.get(metric)
    assert s is not None, report.missing
    m = ds.catalog[metric]
    rows = _rows(ds, metric, s.period)
    want = _expected(rows)
    me = want["me"]
    assert (s.value, s.rank, s.of, s.prev_rank, s.rank_change) == (
        me["value"], me["rank"], len(rows), me["prev_rank"], me["rank_change"])
    assert s.points_left == pytest.approx(m.high - me["value"], abs=1e-9)
    for key, got in (("up", s.up), ("top", s.top_three), ("down", s.down)):
        if key not in want:
            assert got is None, key
            continue
        rank, names, value = want[key]
        assert (got.rank, list(got.names), got.value) == (rank, names, value), key
        assert got.gap == pytest.approx(abs(value - me["value"]), abs=1e-9)
        if m.counts:
            count = _need if key != "down" else _spare
            assert got.dossiers == count(value, me["numerator"], me["denominator"]), key
        else:
            assert got.dossiers is None


def test_the_figures_on_the_online_rate_read_as_the_board_says(report):
    # Oct 2026 on the sample: Gia Lai 59,069 / 63,361 = 93.23 %, rank 3; Khánh Hòa 93.87 % is rank 2,
    # Lạng Sơn 90.20 % rank 4. 0.9387 × 63,361 = 59,476.97 → 59,477 online dossiers, 408 more;
    # 59,069 − 0.9020 × 63,361 = 1,917.38 → 1,917 to spare.
    s = report.get("online_submission_rate")
    assert (s.rank, s.up.names, s.up.dossiers, s.down.names, s.down.dossiers) == (
        3, ("Khánh Hòa",), 408, ("Lạng Sơn",), 1917)
    assert s.top_three is None  # already in the top three


def test_a_tie_above_is_named_whole(ds):
    # On-time processing, 2026: Thái Nguyên and Điện Biên share rank 3 at 18.80.
    s = home_report(ds, HOME, "2026").get("progress_score")
    assert s.top_three.rank == 3 and s.top_three.names == ("Thái Nguyên", "Điện Biên")


def test_groups_most_to_gain_first(ds, report):
    left = {}
    for metric in GROUPS_766:
        s = report.get(metric)
        me = next(r for r in _rows(ds, metric, s.period) if r["province"] == GIA_LAI)
        left[metric] = ds.catalog[metric].high - me["value"]
    want = sorted(left, key=lambda k: -left[k])
    assert [s.metric for s in report.groups_by_gain] == want
    assert want[0] == "digitisation_score"  # 22 − 9.23 = 12.77 points left


def test_every_figure_is_for_the_period_and_comparison_asked(ds):
    r = home_report(ds, HOME, "2026-07", compare="year")
    s = r.get("online_submission_rate")
    rows = leaderboard(ds, "online_submission_rate", "2026-07", compare="year").to_dicts()
    me = next(x for x in rows if x["province"] == GIA_LAI)
    assert (s.period, s.compare_period, s.value, s.prev_rank) == ("2026-07", "2025-07", me["value"], me["prev_rank"])
    # The 766 groups are published as the year to date: shown for 2026, said so.
    assert r.get("digitisation_score").period == "2026"


@pytest.mark.parametrize("spelling", ["Gia Lai", "gia lai", "GIA LAI", "Tỉnh Gia Lai", "52", " gia  lai "])
def test_home_takes_any_spelling_the_resolver_takes(ds, spelling):
    assert resolve_home(ds, spelling, 34) == GIA_LAI


def test_an_unknown_home_is_refused_with_where_it_was_given(ds):
    with pytest.raises(HomeError, match=r"^--home: unknown province 'Atlantis'"):
        home_report(ds, "Atlantis", "2026-10")
    with pytest.raises(HomeError, match="config: no home province given"):
        resolve_home(ds, None, 34, where="config")


def test_weakest_units_come_from_the_optional_input(ds):
    assert all(s.weakest_units == () for s in home_report(ds, HOME, "2026-10").standings)
    units = pl.DataFrame({"unit": ["Sở Tư pháp", "Xã Ia Grai", "Sở Y tế", "Phường Pleiku", "Xã Chư Păh"],
                          "cohort": ["department", "commune", "department", "commune", "commune"],
                          "metric": ["online_submission_rate"] * 4 + ["transparency_score"],
                          "value": [71.5, 40.2, 88.0, 55.5, 9.0]})
    r = home_report(ds, HOME, "2026-10", units=units)
    weakest = r.get("online_submission_rate").weakest_units
    assert [(u.unit, u.value, u.points_left) for u in weakest] == [
        ("Xã Ia Grai", 40.2, pytest.approx(59.8)), ("Phường Pleiku", 55.5, 44.5), ("Sở Tư pháp", 71.5, 28.5)]
    # In need over the main metrics: Xã Chư Păh 9/18 = 50 %, Xã Ia Grai 40.2 %, Phường Pleiku 55.5 %.
    assert [u.unit for u in r.units_in_need] == ["Xã Ia Grai", "Xã Chư Păh", "Phường Pleiku"]


@pytest.mark.parametrize("target, num, den, need", [
    (60.0, 50, 100, 10),                   # 60 − 50 exactly: equal is enough, competition ranks share
    (60.5, 50, 100, 11),                   # 10.5 → 11
    (100 / 3, 0, 3, 1),                    # 33.333…% of 3 is 1.0000000000000002 in floats: still 1
    (50.0, 70, 100, 0),                    # already above
])
def test_dossiers_to_reach(target, num, den, need):
    assert dossiers_to_reach(target, num, den, higher=True) == need


@pytest.mark.parametrize("below, num, den, spare", [(55.0, 60, 100, 5), (59.5, 60, 100, 0), (70.0, 60, 100, 0)])
def test_dossiers_to_spare(below, num, den, spare):
    assert dossiers_to_spare(below, num, den, higher=True) == spare


def test_a_period_without_data_is_refused(ds):
    with pytest.raises(HomeError, match="no data for Gia Lai in 2019-01"):
        home_report(ds, HOME, "2019-01")
