"""Threshold bands: red, amber or green for a value on a metric, with a symbol that reads without colour.

A metric's bands come from its ``screens/*.toml`` (``thresholds = { red = 9, amber = 12.6 }``, in
the metric's own unit), else from the defaults: red below 50 % of the way from the range's low
end to its high end, amber from 50 % to 70 %, green from 70 %. On a metric where lower is better
the bands mirror: red above the red boundary, amber above the amber one. The config's
``[thresholds]`` section overrides a metric's file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from de06tui.core.metrics import MetricCatalog, MetricDef
from de06tui.core.problems import ERROR, DataError, Problem

RED, AMBER, GREEN = "red", "amber", "green"
DEFAULT_RED_SHARE, DEFAULT_AMBER_SHARE = 0.5, 0.7


@dataclass(frozen=True)
class Band:
    """A value's band: its name, a symbol legible under NO_COLOR, and a short label."""

    name: str
    symbol: str
    label_vi: str
    label_en: str

    def label(self, lang: str = "en") -> str:
        return self.label_vi if lang == "vi" else self.label_en

    @property
    def cell(self) -> str:
        """Symbol and name for a plain-text table column, e.g. "✗ red"."""
        return f"{self.symbol} {self.name}"


BANDS = {
    RED: Band(RED, "✗", "dưới ngưỡng", "below threshold"),
    AMBER: Band(AMBER, "△", "cần theo dõi", "watch"),
    GREEN: Band(GREEN, "✓", "đạt", "on track"),
}


def boundaries(m: MetricDef) -> tuple[float, float]:
    """(red, amber) boundaries of ``m`` in its own unit: its file's or config's, else the defaults."""
    if m.thresholds is not None:
        return m.thresholds
    span = m.high - m.low
    if m.higher_is_better:
        return m.low + DEFAULT_RED_SHARE * span, m.low + DEFAULT_AMBER_SHARE * span
    return m.high - DEFAULT_RED_SHARE * span, m.high - DEFAULT_AMBER_SHARE * span


def band(value: float | None, m: MetricDef) -> Band | None:
    """The band ``value`` falls in on ``m``; None for a missing value.

    A value exactly on a boundary belongs to the better band ("amber from 50 %").
    """
    if value is None:
        return None
    red, amber = boundaries(m)
    if m.higher_is_better:
        name = RED if value < red else AMBER if value < amber else GREEN
    else:
        name = RED if value > red else AMBER if value > amber else GREEN
    return BANDS[name]


def band_cell(value: float | None, m: MetricDef) -> str:
    """The band as a table cell ("✗ red", "△ amber", "✓ green"), empty for a missing value."""
    b = band(value, m)
    return b.cell if b else ""


def check_boundaries(m: MetricDef, red: float, amber: float, where: str) -> tuple[float, float]:
    """Boundaries that make sense on ``m``: inside its range, red on the worse side of amber."""
    problems = []
    for name, v in (("red", red), ("amber", amber)):
        if not m.low <= v <= m.high:
            problems.append(Problem(ERROR, f"{name} = {v} is outside {m.id}'s range {m.low:g}–{m.high:g}",
                                    file=where, column=f"thresholds.{m.id}.{name}"))
    if (red > amber) if m.higher_is_better else (red < amber):
        side = "at or below" if m.higher_is_better else "at or above"
        problems.append(Problem(ERROR, f"red ({red}) must be {side} amber ({amber}) on {m.id}",
                                file=where, column=f"thresholds.{m.id}"))
    if problems:
        raise DataError(problems)
    return red, amber


def with_thresholds(catalog: MetricCatalog, overrides: Mapping[str, Mapping[str, float]],
                    where: str = "config") -> MetricCatalog:
    """The catalog with the config's ``[thresholds]`` applied; an unknown metric is refused by name."""
    if not overrides:
        return catalog
    unknown = [mid for mid in overrides if mid not in catalog]
    if unknown:
        raise DataError([Problem(ERROR, f"unknown metric '{mid}'; known: {', '.join(catalog.ids())}",
                                 file=where, column=f"thresholds.{mid}") for mid in unknown])
    metrics = []
    for m in catalog:
        given = overrides.get(m.id)
        if given:
            red0, amber0 = boundaries(m)
            pair = check_boundaries(m, float(given.get("red", red0)), float(given.get("amber", amber0)), where)
            m = replace(m, thresholds=pair)
        metrics.append(m)
    return MetricCatalog(metrics, catalog.problems)
