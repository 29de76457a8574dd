"""Auto-refresh: the next poll is armed only when the last one has ended, so polls never overlap.

The app calls ``arm()`` from its load handlers (success or failure); a pause or a new interval
takes effect at once. Nothing here fetches: it only decides when the app's ``reload`` runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.timer import Timer

    from de06tui.tui.app import De06App

INTERVALS = (0, 1, 5, 15, 30, 60)  # minutes offered in the palette; 0 = off


class AutoRefresh:
    def __init__(self, app: De06App, minutes: float | None):
        self.app = app
        self.minutes = float(minutes or 0)
        self.paused = False
        self._timer: Timer | None = None

    @property
    def active(self) -> bool:
        return self.minutes > 0 and not self.paused

    def label(self, lang: str) -> str:
        from de06tui.tui.i18n import t

        if self.minutes <= 0:
            return ""
        if self.paused:
            return t("auto_paused", lang)
        return t("auto_every", lang, n=f"{self.minutes:g}")

    def arm(self) -> None:
        """Schedule the next poll (called when a load has ended)."""
        self.cancel()
        if self.active:
            self._timer = self.app.set_timer(self.minutes * 60, self._due, name="auto-refresh")

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _due(self) -> None:
        self._timer = None
        if self.active:
            self.app.action_reload()

    def toggle_pause(self) -> None:
        self.paused = not self.paused
        self.arm() if not self.paused else self.cancel()

    def set_minutes(self, minutes: float) -> None:
        self.minutes = max(0.0, float(minutes))
        self.paused = False
        self.arm()
