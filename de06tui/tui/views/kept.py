"""What several views share, worked out once per dataset and kept while it is shown.

A province's detail ranks every metric in its period and one metric over every period; those
rankings are the same for every province, so they are worked out once per (dataset, period,
registry, comparison) and (dataset, metric, registry, kind), and each detail picks its rows out
of them. The overview's panels are kept the same way, for a state the app comes back to.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import polars as pl

    from de06tui.core.dataset import Dataset
    from de06tui.tui.views.overview import OverviewView

T = TypeVar("T")


class PerDataset:
    """A few values per (dataset, key), newest kept: a new dataset's values replace the old ones.

    The dataset itself is held with its values, so the ``id`` they are filed under cannot be
    reused by another dataset while they are kept. Safe to call from worker threads: two threads
    asking for the same value at once may both work it out; either answer is the same.
    """

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._values: OrderedDict[tuple[int, Hashable], tuple[Any, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, ds: Dataset, key: Hashable, make: Callable[[], T]) -> T:
        slot = (id(ds), key)
        with self._lock:
            held = self._values.get(slot)
            if held is not None and held[0] is ds:
                self._values.move_to_end(slot)
                return held[1]
        value = make()
        with self._lock:
            # Values of other datasets go: a reload's data replaces the old data everywhere.
            for old in [s for s, (d, _) in self._values.items() if d is not ds]:
                del self._values[old]
            self._values[slot] = (ds, value)
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value

    def peek(self, ds: Dataset, key: Hashable) -> Any | None:
        """The value kept for (``ds``, ``key``), or None when it is not worked out yet."""
        with self._lock:
            held = self._values.get((id(ds), key))
            return held[1] if held is not None and held[0] is ds else None

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


SHARED = PerDataset()


@dataclass(frozen=True)
class MetricBoard:
    """One metric's leaderboard in a period, as the detail reads it: row by province."""

    metric: str
    height: int | None  # None: the core refused the board or it has no rows
    rows: dict[str, dict[str, Any]]


def period_boards(ds: Dataset, period: str, era: int, compare: str | None) -> tuple[MetricBoard, ...]:
    """Every metric's leaderboard in ``period`` on ``era``'s provinces, by province."""
    return SHARED.get(ds, ("boards", period, era, compare), lambda: _period_boards(ds, period, era, compare))


def ready_boards(ds: Dataset, period: str, era: int, compare: str | None) -> tuple[MetricBoard, ...] | None:
    """``period_boards`` if already worked out, else None (nothing is worked out here)."""
    found: tuple[MetricBoard, ...] | None = SHARED.peek(ds, ("boards", period, era, compare))
    return found


def _period_boards(ds: Dataset, period: str, era: int, compare: str | None) -> tuple[MetricBoard, ...]:

    from de06tui.tui.views.board import _board

    out = []
    for m in ds.catalog:
        board = _board(ds, m.id, period, provinces=era, compare=compare)
        if board is None or board.height == 0:
            out.append(MetricBoard(m.id, None, {}))
        else:
            out.append(MetricBoard(m.id, board.height, {r["province"]: r for r in board.iter_rows(named=True)}))
    return tuple(out)


def ranked_history(ds: Dataset, metric: str, era: int, kind: str) -> pl.DataFrame:
    """Every province's ranks in ``metric`` over the periods of ``kind`` (see core.ranking)."""
    from de06tui.core import ranking

    return SHARED.get(ds, ("history", metric, era, kind), lambda: ranking.ranked_history(ds, metric, era, kind))


def ready_history(ds: Dataset, metric: str, era: int, kind: str) -> pl.DataFrame | None:
    """``ranked_history`` if already worked out, else None."""
    found: pl.DataFrame | None = SHARED.peek(ds, ("history", metric, era, kind))
    return found


def overview(ds: Dataset, period: str | None, lang: str, provinces: str, home: str | None) -> OverviewView:
    """The overview's panels (its view depends on nothing else)."""
    from de06tui.tui.views.overview import overview_view

    return SHARED.get(ds, ("overview", period, lang, provinces, home),
                      lambda: overview_view(ds, period, lang, provinces, home))
