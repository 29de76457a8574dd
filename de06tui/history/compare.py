"""Store-aware comparisons: "since yesterday" finds its other side in the store, strictly."""

from __future__ import annotations

from datetime import timedelta

from de06tui.core.snapshot_compare import Comparison, compare_snapshots, no_comparison
from de06tui.history.snapshot import SnapshotInfo
from de06tui.history.store import Store


def since_yesterday(store: Store, info: SnapshotInfo, metric: str, higher_is_better: bool = True) -> Comparison:
    """``info`` against the snapshot of the Vietnam date before it (same source, period, period
    type), never an older or a different one; without one, every change is blank and says why."""
    rows = store.rows(info)
    before = store.previous_day(info)
    if before is None:
        day = (info.day - timedelta(days=1)).isoformat()
        return no_comparison(info, rows, metric,
                             f"no snapshot of {day} (Vietnam date) for {info.source} {info.period} "
                             f"({info.period_type})")
    return compare_snapshots(before, store.rows(before), info, rows, metric, higher_is_better)


def latest(store: Store, source: str, period: str) -> SnapshotInfo | None:
    """The snapshot standing for the latest recorded day of a source and period."""
    snaps = store.snapshots(source, period)
    if not snaps:
        return None
    last = snaps[-1]
    return store.of_day(last.source, last.period, last.period_type, last.day)
