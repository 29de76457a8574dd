"""The alert rules' thresholds, apart from their evaluation.

The app reads them from the config before its first frame; evaluating them needs polars and the
ranking (``alerts``), which load with the data, afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class AlertSettings(Protocol):
    """The alert settings a configuration carries (``de06tui.config.Config`` has them)."""

    @property
    def alerts_drop_points(self) -> float: ...
    @property
    def alerts_drop_rate(self) -> float: ...
    @property
    def alerts_declines(self) -> int: ...
    @property
    def alerts_top(self) -> int | None: ...
    @property
    def alerts_bottom(self) -> int | None: ...


@dataclass(frozen=True)
class AlertRules:
    """Thresholds of the rules; ``top`` / ``bottom`` None means each metric's highlighted counts."""

    drop_points: float = 0.5
    drop_rate: float = 2.0
    declines: int = 3
    top: int | None = None
    bottom: int | None = None

    @classmethod
    def from_config(cls, config: AlertSettings) -> AlertRules:
        return cls(config.alerts_drop_points, config.alerts_drop_rate, config.alerts_declines,
                   config.alerts_top, config.alerts_bottom)
