"""Auto-refresh: the next poll is armed only when the last one has ended, so polls never overlap.

The app calls ``arm()`` from its load handlers (success or failure); a pause or a new interval
takes effect at once. Nothing here fetches: it only decides when the app's ``reload`` runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

    from textual.timer import Timer

    from de06tui.tui.app import De06App

INTERVALS = (0, 1, 5, 15, 30, 60)  # minutes offered in the palette; 0 = off
# From least to most often: off, then ever shorter intervals.
BY_FREQUENCY = (0, 60, 30, 15, 5, 1)


def next_interval(minutes: float, more_often: bool) -> float:
    """The interval one step more (or less) often than ``minutes``; off is the least often,
    and the ends stay where they are."""
    here = min(range(len(BY_FREQUENCY)),
               key=lambda i: (abs(BY_FREQUENCY[i] - minutes) if minutes > 0 else BY_FREQUENCY[i]))
    if minutes > 0 and here == 0:
        here = 1
    step = 1 if more_often else -1
    return BY_FREQUENCY[max(0, min(len(BY_FREQUENCY) - 1, here + step))]


class AutoRefresh:
    def __init__(self, app: De06App, minutes: float | None):
        self.app = app
        self.minutes = float(minutes or 0)
        self.paused = False
        self._timer: Timer | None = None
        self.next_at: datetime | None = None  # when the armed poll falls (the app's clock), for the header

    @property
    def active(self) -> bool:
        return self.minutes > 0 and not self.paused

    def label(self, lang: str) -> str:
        from de06tui.tui.i18n import t

        if self.minutes <= 0:
            return ""
        if self.paused:
            return t("auto_paused", lang)
        every = t("auto_every", lang, n=f"{self.minutes:g}")
        if self.next_at is None:
            return every
        return f"{every} · {t('next_refresh', lang, time=self.next_at.strftime('%H:%M'))}"

    def arm(self) -> None:
        """Schedule the next poll (called when a load has ended)."""
        self.cancel()
        if self.active:
            from datetime import timedelta

            self._timer = self.app.set_timer(self.minutes * 60, self._due, name="auto-refresh")
            self.next_at = self.app.now() + timedelta(minutes=self.minutes)
            self.app.show_auto()

    def cancel(self) -> None:
        self.next_at = None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _due(self) -> None:
        self._timer, self.next_at = None, None
        if self.active:
            self.app.action_reload()

    def toggle_pause(self) -> None:
        self.paused = not self.paused
        self.arm() if not self.paused else self.cancel()

    def set_minutes(self, minutes: float) -> None:
        self.minutes = max(0.0, float(minutes))
        self.paused = False
        self.arm()
