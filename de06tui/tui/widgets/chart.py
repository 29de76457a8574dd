"""A block chart of one province's history, with the period axis labelled."""

from __future__ import annotations

import math

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from de06tui.core import periods as P

BLOCKS = " ▁▂▃▄▅▆▇█"


def short_label(period: str) -> str:
    """Compact axis label: 10/24, Q3/24, 2026; a recorded day (2026-10-09) as 09/10."""
    if len(period) == 10:
        return f"{period[8:10]}/{period[5:7]}"
    k = P.kind(period)
    if k == P.MONTH:
        return f"{period[5:7]}/{period[2:4]}"
    if k == P.QUARTER:
        return f"Q{period[-1]}/{period[2:4]}"
    return period


def axis_range(values: list[float | None], low: float, high: float) -> tuple[float, float]:
    """The chart's axis: from a little under the lowest value to a little over the highest, on
    round steps, inside the metric's own range. On 0–100 a rate between 87 and 94 would fill
    nine tenths of every column and its changes would not show."""
    seen = [v for v in values if v is not None]
    if not seen or high <= low:
        return low, high
    lo, hi = min(seen), max(seen)
    pad = max((hi - lo) * 0.25, (high - low) * 0.02)
    lo, hi = max(low, lo - pad), min(high, hi + pad)
    raw = (hi - lo) / 4
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return max(low, math.floor(lo / step) * step), min(high, math.ceil(hi / step) * step)


class HistoryChart(Widget):
    """Columns of eighth-blocks, one per period, on the metric's own range.

    A mark under the axis shows where the 63 → 34 merger falls, and ≈ on the axis line marks an
    approximate point (so it reads without colour too).
    """

    DEFAULT_CSS = """
    HistoryChart { height: 9; }
    """

    series: reactive[tuple[tuple[str, float | None], ...]] = reactive(tuple, layout=True)
    low: reactive[float] = reactive(0.0)
    high: reactive[float] = reactive(100.0)
    highlight: reactive[str] = reactive("")  # the period on screen
    approx: reactive[frozenset[str]] = reactive(frozenset)  # periods whose value is approximate

    def render(self) -> Text:
        rows = max(self.size.height - 2, 1)
        series = self.series
        if not series:
            return Text("")
        width = max(self.size.width - 7, 1)
        col = 2 if len(series) * 2 <= width else 1
        series = series[-(width // col):]
        span = (self.high - self.low) or 1.0
        levels: list[float | None] = []
        for _, v in series:
            if v is None:
                levels.append(None)
            else:
                levels.append(min(max((v - self.low) / span, 0.0), 1.0) * rows * 8)
        out = Text(no_wrap=True, overflow="crop")
        for r in range(rows, 0, -1):
            axis = self.low + span * r / rows
            places = 0 if span >= 4 * rows else (1 if span >= 0.4 * rows else 2)
            out.append(f"{axis:>5.{places}f} ┤", style="dim")
            for (period, _), level in zip(series, levels):
                if level is None:
                    cell = " "
                else:
                    filled = level - (r - 1) * 8
                    cell = BLOCKS[int(min(max(filled, 0), 8))]
                style = "bold yellow" if period == self.highlight else \
                    "magenta" if period in self.approx else "cyan"
                out.append(cell * (col - 1) + cell if col == 1 else cell + " ", style=style)
            out.append("\n")
        out.append("      └", style="dim")
        for period, _ in series:
            out.append(("≈" if period in self.approx else "─") + "─" * (col - 1),
                       style="bold magenta" if period in self.approx else "dim")
        out.append("\n")
        # Labels every few columns, never overlapping.
        labels = [" "] * (len(series) * col + 8)
        next_free = 0
        for i, (period, _) in enumerate(series):
            label = ("│" if period == P.MERGER_MONTH else "") + short_label(period)
            x = i * col
            if x >= next_free and (i % 6 == 0 or period == P.MERGER_MONTH or i == len(series) - 1):
                for j, ch in enumerate(label):
                    if x + j < len(labels):
                        labels[x + j] = ch
                next_free = x + len(label) + 1
        out.append("       " + "".join(labels).rstrip(), style="dim")
        return out
