"""Alert rules on snapshots built by hand: (label, board) pairs, oldest first."""

from __future__ import annotations

import polars as pl
import pytest

from de06tui.core.alerts import (
    DECLINES,
    DROP,
    INTO_BOTTOM,
    OUT_OF_TOP,
    RATE_DROP,
    AlertRules,
    evaluate,
    evaluate_units,
    home_alerts,
    period_snapshots,
)
from de06tui.core.dataset import load_sample
from de06tui.core.metrics import default_catalog
from de06tui.core.morning import alert_text

CKMB = default_catalog()["transparency_score"]
ONLINE = default_catalog()["online_submission_rate"]


def board(values: dict[str, float]) -> pl.DataFrame:
    """A board as leaderboard() gives it: competition ranks, higher is better."""
    ordered = sorted(values.values(), reverse=True)
    return pl.DataFrame({"province": list(values), "name": [f"P{c}" for c in values],
                         "value": list(values.values()),
                         "rank": [ordered.index(v) + 1 for v in values.values()]})


OTHERS = {"01": 16.0, "02": 15.0, "03": 13.0, "04": 12.0, "05": 11.0, "06": 10.0, "07": 9.0}


def two_days(home_before: float, home_after: float) -> list[tuple[str, pl.DataFrame]]:
    return [("2026-11-30", board({**OTHERS, "52": home_before})),
            ("2026-12-01", board({**OTHERS, "52": home_after}))]


def test_a_drop_of_0_6_points_fires_and_0_4_does_not():
    fired = evaluate(two_days(14.27, 13.67), CKMB, "52", AlertRules())
    assert [(a.rule, a.label, a.before_label) for a in fired] == [(DROP, "2026-12-01", "2026-11-30")]
    assert fired[0].change == pytest.approx(-0.6) and fired[0].weight == pytest.approx(1.2)
    assert evaluate(two_days(14.27, 13.87), CKMB, "52", AlertRules()) == []


def test_exactly_the_threshold_fires():
    # 10.3 − 9.8 is 0.5000000000000018 in floats and 10.1 − 9.6 is 0.5: both are 0.5.
    assert [a.rule for a in evaluate(two_days(10.3, 9.8), CKMB, "52", AlertRules())] == [DROP]
    assert [a.rule for a in evaluate(two_days(10.1, 9.6), CKMB, "52", AlertRules())] == [DROP]


def test_a_rate_falling_2_points_fires_and_1_9_does_not():
    others = {"01": 99.0, "02": 98.0, "03": 97.0, "04": 60.0, "05": 50.0}

    def snaps(a: float, b: float) -> list:
        return [("2026-09", board({**others, "52": a})), ("2026-10", board({**others, "52": b}))]

    assert [a.rule for a in evaluate(snaps(90.0, 88.0), ONLINE, "52", AlertRules())] == [RATE_DROP]
    assert evaluate(snaps(90.0, 88.1), ONLINE, "52", AlertRules()) == []
    assert evaluate(snaps(90.0, 89.0), ONLINE, "52", AlertRules(drop_rate=1.0))[0].rule == RATE_DROP


def test_three_declines_in_a_row():
    values = [14.3, 14.2, 14.1, 14.0, 13.9]
    snaps = [(f"2026-12-0{i + 1}", board({**OTHERS, "52": v})) for i, v in enumerate(values)]
    runs = [(a.label, a.count) for a in evaluate(snaps, CKMB, "52", AlertRules()) if a.rule == DECLINES]
    assert runs == [("2026-12-04", 3), ("2026-12-05", 4)]
    flat = [(f"2026-12-0{i + 1}", board({**OTHERS, "52": v})) for i, v in enumerate([14.3, 14.2, 14.2, 14.1])]
    assert [a for a in evaluate(flat, CKMB, "52", AlertRules()) if a.rule == DECLINES] == []


def test_falling_out_of_the_top_and_into_the_bottom():
    top = evaluate(two_days(15.5, 14.9), CKMB, "52", AlertRules())  # rank 2 → 3, top 3 kept
    assert OUT_OF_TOP not in [a.rule for a in top]
    out = evaluate(two_days(15.5, 12.5), CKMB, "52", AlertRules(top=2))
    assert [(a.rule, a.prev_rank, a.rank, a.count) for a in out if a.rule == OUT_OF_TOP] == [(OUT_OF_TOP, 2, 4, 2)]
    # Eight provinces, bottom 3 = ranks 6, 7, 8.
    into = evaluate(two_days(12.5, 9.5), CKMB, "52", AlertRules())
    assert [(a.prev_rank, a.rank) for a in into if a.rule == INTO_BOTTOM] == [(4, 7)]
    again = evaluate(two_days(9.7, 9.5), CKMB, "52", AlertRules())
    assert INTO_BOTTOM not in [a.rule for a in again]  # already in it


def test_alert_text_names_who_what_figures_and_when():
    a = evaluate(two_days(14.27, 13.67), CKMB, "52", AlertRules())[0]
    assert alert_text(a, CKMB, "vi") == ("P52 — Công khai minh bạch: giảm 0,60 điểm (14,27 → 13,67), "
                                         "30/11/2026 → 01/12/2026.")
    assert alert_text(a, CKMB, "en") == ("P52 — Transparency: down 0.60 pts (14.27 → 13.67), "
                                         "30/11/2026 → 01/12/2026.")


def test_units_are_evaluated_on_their_own_frames():
    def frame(v1: float, v2: float) -> pl.DataFrame:
        return pl.DataFrame({"unit": ["Sở Tư pháp", "Xã Ia Grai"], "cohort": ["department", "commune"],
                             "metric": ["transparency_score"] * 2, "value": [v1, v2]})
    fired = evaluate_units([("2026-11-30", frame(14.0, 12.0)), ("2026-12-01", frame(13.4, 11.7))], CKMB,
                           AlertRules())
    assert [(a.subject, a.cohort, a.rule) for a in fired] == [("Sở Tư pháp", "department", DROP)]
    ds = load_sample()
    units = [("2026-06", frame(14.0, 12.0)), ("2026-07", frame(13.4, 11.7))]
    both = home_alerts(ds, "52", "2026-07", AlertRules(), metrics=["transparency_score"], units=units)
    assert [(a.subject, a.rule) for a in both] == [("Sở Tư pháp", DROP)]  # the province itself rose
    assert alert_text(both[0], CKMB, "en") == ("Sở Tư pháp (department) — Transparency: down 0.60 pts "
                                               "(14.00 → 13.40), Jun 2026 → Jul 2026.")


def test_on_the_sample_the_periods_are_the_snapshots():
    ds = load_sample()
    snaps = period_snapshots(ds, "online_submission_rate", "2026-07", count=2)
    assert [label for label, _ in snaps] == ["2026-06", "2026-07"]
    values = [b.filter(pl.col("province") == "52")["value"][0] for _, b in snaps]
    assert values[0] - values[1] >= 2  # 93.1 → 90.9 on the sample
    alerts = home_alerts(ds, "52", "2026-07", AlertRules())
    assert [(a.rule, a.metric, a.label) for a in alerts] == [(RATE_DROP, "online_submission_rate", "2026-07")]
    assert home_alerts(ds, "52", "2026-10", AlertRules()) == []


def test_computed_quarters_are_snapshots_too():
    from de06tui.core.ranking import leaderboard

    ds = load_sample()
    q4, q1 = (leaderboard(ds, "transparency_score", p, provinces=34).filter(pl.col("province") == "52")["value"][0]
              for p in ("2024-Q4", "2025-Q1"))
    assert q4 - q1 >= 0.5  # 14.36 → 13.69 on the sample, both averaged from months (≈)
    fired = [a for a in home_alerts(ds, "52", "2025-Q1", AlertRules(), provinces=34)
             if a.metric == "transparency_score" and a.rule == DROP]
    assert [(a.before_label, a.label, a.approx) for a in fired] == [("2024-Q4", "2025-Q1", True)]
    assert fired[0].change == pytest.approx(q1 - q4)
