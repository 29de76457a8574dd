"""Alert rules, evaluated on a sequence of snapshots of a leaderboard.

A snapshot is a pair ``(label, board)``: the label names when it was taken (a period such as
"2026-10" or a Vietnam date such as "2026-12-01"), and the board is a leaderboard frame with at
least the columns ``province``, ``name``, ``value`` and ``rank`` (``leaderboard()``'s frame), one
row per province. Snapshots come oldest first. Today they are the dataset's consecutive periods
(``period_snapshots``); a store of recorded daily boards gives the same pairs, labelled by date.

Units (departments, communes) are evaluated the same way on ``(label, units frame)`` pairs, the
frame holding ``unit``, ``cohort``, ``metric`` and ``value`` (``home.UNITS_SCHEMA``).

Each alert's ``weight`` orders the morning message: a drop weighs its size over the rule's
threshold (0.6 points on a 0.5 rule: 1.2), a run of declines its length over the rule's, falling
into the bottom N weighs 2 and falling out of the top N 1.5.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import polars as pl

from de06tui.core import periods as P
from de06tui.core.alert_rules import AlertRules as AlertRules  # callers import the rules from here too
from de06tui.core.alert_rules import AlertSettings as AlertSettings
from de06tui.core.dataset import Dataset
from de06tui.core.metrics import MetricDef
from de06tui.core.ranking import leaderboard, target_era

DROP, RATE_DROP, DECLINES, INTO_BOTTOM, OUT_OF_TOP = "drop", "rate_drop", "declines", "into_bottom", "out_of_top"
INTO_BOTTOM_WEIGHT, OUT_OF_TOP_WEIGHT = 2.0, 1.5
Snapshot = tuple[str, pl.DataFrame]


@dataclass(frozen=True)
class Alert:
    rule: str
    metric: str
    subject: str
    """Province code, or the unit's name."""
    subject_name: str
    label: str
    """The snapshot the alert fired on."""
    before_label: str
    value: float | None
    before: float | None
    change: float | None
    rank: int | None = None
    prev_rank: int | None = None
    of: int | None = None
    count: int = 0
    """The run length (declines) or N (top / bottom N)."""
    weight: float = 0.0
    cohort: str | None = None
    """For a unit: department or commune; None for the province."""
    approx: bool = False
    before_approx: bool = False
    """The value (or the one before) is an unweighted combination, shown with ≈."""

    @property
    def id(self) -> str:
        """Stable identity, so a notifier can tell a new alert from one already sent."""
        return f"{self.rule}:{self.metric}:{self.cohort or 'province'}:{self.subject}:{self.label}"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, **asdict(self)}


@dataclass(frozen=True)
class _Point:
    label: str
    value: float | None
    rank: int | None = None
    of: int | None = None
    approx: bool = False


def _worsening(before: float, after: float, m: MetricDef) -> float:
    """How much worse ``after`` is than ``before`` (positive = worse), to 9 decimals so 10.3 − 9.8 is 0.5."""
    return round(before - after if m.higher_is_better else after - before, 9)


def _step_alerts(points: list[_Point], i: int, m: MetricDef, rules: AlertRules, base: dict[str, Any]) -> list[Alert]:
    a, b = points[i - 1], points[i]
    out: list[Alert] = []
    common = dict(base, metric=m.id, label=b.label, before_label=a.label, value=b.value, before=a.value,
                  rank=b.rank, prev_rank=a.rank, of=b.of, approx=b.approx, before_approx=a.approx)
    if a.value is not None and b.value is not None:
        worse = _worsening(a.value, b.value, m)
        common["change"] = round(b.value - a.value, 9)
        limit = rules.drop_rate if m.unit == "%" else rules.drop_points
        if limit > 0 and worse >= limit:
            out.append(Alert(rule=RATE_DROP if m.unit == "%" else DROP, weight=worse / limit, **common))
        run = 0
        for j in range(i, 0, -1):
            x, y = points[j - 1].value, points[j].value
            if x is None or y is None or _worsening(x, y, m) <= 0:
                break
            run += 1
        if rules.declines and run >= rules.declines:
            out.append(Alert(rule=DECLINES, count=run, weight=run / rules.declines, **common))
    common.setdefault("change", None)
    if a.rank is not None and b.rank is not None and b.of:
        top = m.top if rules.top is None else rules.top
        bottom = m.bottom if rules.bottom is None else rules.bottom
        if bottom and b.rank > b.of - bottom and not a.rank > (a.of or b.of) - bottom:
            out.append(Alert(rule=INTO_BOTTOM, count=bottom, weight=INTO_BOTTOM_WEIGHT, **common))
        if top and a.rank <= top < b.rank:
            out.append(Alert(rule=OUT_OF_TOP, count=top, weight=OUT_OF_TOP_WEIGHT, **common))
    return out


def evaluate(snapshots: Sequence[Snapshot], m: MetricDef, province: str, rules: AlertRules) -> list[Alert]:
    """Every alert the province raises on ``m`` at each snapshot after the first, oldest first."""
    points: list[_Point] = []
    name = province
    for label, board in snapshots:
        row = board.filter(pl.col("province") == province)
        if row.height:
            r = row.row(0, named=True)
            name = r.get("name") or name
            points.append(_Point(label, r["value"], r["rank"], board.height, bool(r.get("approx"))))
        else:
            points.append(_Point(label, None))
    out: list[Alert] = []
    for i in range(1, len(points)):
        out.extend(_step_alerts(points, i, m, rules, {"subject": province, "subject_name": name}))
    return out


def evaluate_units(snapshots: Sequence[Snapshot], m: MetricDef, rules: AlertRules) -> list[Alert]:
    """The value rules (drops, declines) for each unit on ``m``; units have no national rank."""
    out: list[Alert] = []
    keys = {(u, c) for _, f in snapshots for u, c in f.filter(pl.col("metric") == m.id)
            .select("unit", "cohort").iter_rows()}
    for unit, cohort in sorted(keys):
        points = []
        for label, frame in snapshots:
            hit = frame.filter((pl.col("metric") == m.id) & (pl.col("unit") == unit) & (pl.col("cohort") == cohort))
            points.append(_Point(label, hit["value"][0] if hit.height else None))
        base = {"subject": unit, "subject_name": unit, "cohort": cohort}
        for i in range(1, len(points)):
            out.extend(_step_alerts(points, i, m, rules, base))
    return out


def snapshot_periods(ds: Dataset, metric: str, kind: str) -> list[str]:
    """The periods of a kind a metric has: given, or computed from its months (quarters, years)."""
    given = ds.periods(metric)
    both = {p for p in given if P.kind(p) == kind} | {p for p in P.derived(given) if P.kind(p) == kind}
    return sorted(both, key=P.sort_key)


def period_snapshots(ds: Dataset, metric: str, upto: str, count: int | None = None,
                     provinces: str | int = "auto") -> list[Snapshot]:
    """The dataset's consecutive periods of ``upto``'s kind, up to it, as snapshots on one registry
    (``upto``'s), so a series runs on across the 2025 merger."""
    era = target_era(upto, provinces)
    periods = [p for p in snapshot_periods(ds, metric, P.kind(upto)) if P.sort_key(p) <= P.sort_key(upto)]
    if count is not None:
        periods = periods[-count:]
    out = []
    for p in periods:
        if era == 63 and P.era(p) == 34:
            continue
        out.append((p, leaderboard(ds, metric, p, provinces=era, compare=p)))
    return out


def home_alerts(ds: Dataset, province: str, upto: str, rules: AlertRules, provinces: str | int = "auto",
                steps: int = 1, metrics: Sequence[str] | None = None,
                units: Sequence[Snapshot] | None = None) -> list[Alert]:
    """The home province's alerts on the last ``steps`` steps of consecutive periods up to ``upto``,
    heaviest first, on the main metrics (or ``metrics``); with ``units`` (snapshots of the home
    province's units, oldest first), their alerts on the last ``steps`` of those too."""
    ids = list(metrics) if metrics is not None else [m.id for m in ds.catalog.main()]
    out: list[Alert] = []
    for mid in ids:
        if upto not in snapshot_periods(ds, mid, P.kind(upto)):
            continue
        m = ds.catalog[mid]
        snaps = period_snapshots(ds, mid, upto, steps + max(rules.declines, 1), provinces)
        keep = {label for label, _ in snaps[-steps:]} if steps else set()
        out.extend(a for a in evaluate(snaps, m, province, rules) if a.label in keep)
        if units:
            recent = {label for label, _ in units[-steps:]} if steps else set()
            out.extend(a for a in evaluate_units(units, m, rules) if a.label in recent)
    return sorted(out, key=lambda a: (-a.weight, a.metric, a.rule))
