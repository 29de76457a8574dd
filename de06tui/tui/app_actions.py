"""The app's actions for history, refresh and export, kept apart from loading and state.

A mixin of De06App: these methods read and set the app's reactives and run its workers; the
bindings that call them come from the action registry (actions.py).
"""

from __future__ import annotations

from pathlib import Path

from de06tui.core import periods as P
from de06tui.tui.i18n import LANGS
from de06tui.tui.i18n import t

OVERVIEW = "overview"


def board_mode(metric: str) -> str:
    return f"board:{metric}"


class ViewActions:
    """History (63/34, compare, movers), auto-refresh control and exports."""

    # -- history: registry, comparison, movers ------------------------------------------
    def action_toggle_provinces(self) -> None:
        order = ["auto", "34", "63"]
        nxt = order[(order.index(self.provinces) + 1) % len(order)]
        if nxt == "63" and self._no_63(self.period):
            # Say why 63 is skipped, then go on round the cycle so the key never gets stuck.
            self._refuse_63(self.period)
            nxt = "auto"
        self.provinces = nxt

    def set_provinces(self, value: str) -> None:
        if value == "63" and self._no_63(self.period):
            self._refuse_63(self.period)  # and the view stays as it is
            return
        self.provinces = value

    @staticmethod
    def _no_63(period: str | None) -> bool:
        from de06tui.core.ranking import RankingError, target_era

        if period is None:
            return False
        try:
            target_era(period, 63)  # the core decides which periods have 63-province figures
        except RankingError:
            return True
        return False

    def _refuse_63(self, period: str) -> None:
        self.say(t("no_63", self.lang, period=P.label(period, self.lang)), severity="warning")

    def _registry_label(self) -> str:
        if self.provinces == "34" and self.period and P.era(self.period) == 63:
            return "63 → 34"
        return {"34": "34", "63": "63"}.get(self.provinces, "")

    def watch_provinces(self) -> None:
        self.status = self._status(registry=self._registry_label())

    def watch_period(self, period: str | None) -> None:
        if self.provinces == "63" and self._no_63(period):
            # Moved past the merger: that period exists only on the 34 provinces.
            self._refuse_63(period)
            self.provinces = "auto"
        self.status = self._status(registry=self._registry_label())

    def action_cycle_compare(self) -> None:
        self.compare = "year" if self.compare is None else None

    def set_compare(self, value: str | None) -> None:
        self.compare = value

    def compare_label(self, against: str | None = None) -> str:
        """What a change is measured against; ``against`` names the period a view resolved it to."""
        if self.compare not in (None, "year"):
            return t("vs_period", self.lang, label=P.label(self.compare, self.lang))
        if against is None:
            return t("vs_previous" if self.compare is None else "vs_year", self.lang)
        # Name the period itself: short enough for the board's legend line at 120 columns.
        key = "vs_period" if self.compare is None else "vs_year_at"
        return t(key, self.lang, label=P.label(against, self.lang))

    def action_show_movers(self) -> None:
        from de06tui.tui.screens.movers import MoversScreen

        if not isinstance(self.screen, MoversScreen):
            self.push_screen(MoversScreen(self.current_metric()))

    def action_pause_refresh(self) -> None:
        self.auto.toggle_pause()
        self.status = self._status(auto=self.auto.label(self.lang))

    def action_step_interval(self, step: int) -> None:
        from de06tui.tui.refresh import INTERVALS

        here = min(range(len(INTERVALS)), key=lambda i: abs(INTERVALS[i] - self.auto.minutes))
        self.set_refresh_minutes(INTERVALS[max(0, min(len(INTERVALS) - 1, here + step))])

    def set_refresh_minutes(self, minutes: float) -> None:
        self.auto.set_minutes(minutes)
        self.status = self._status(auto=self.auto.label(self.lang) or t("auto_off", self.lang))

    # -- export (I/O in a worker, the toast in the handler) ----------------------------
    def _out_dir(self) -> Path:
        return self.export_dir or Path.cwd()

    def action_export(self, fmt: str) -> None:
        if self.dataset is None or self.period is None:
            return
        from de06tui.tui.exporting import board_job
        from de06tui.tui.screens.board import BoardScreen

        screen = self.screen
        # The view as on screen: filtered and in the order shown.
        shown = [r.code for r in screen._shown] if isinstance(screen, BoardScreen) and screen.view else None
        job = board_job(self, fmt, self.current_metric(), self.period, shown, self.lang, self._out_dir())
        self.run_worker(job, thread=True, exclusive=True, group="export")

    def action_export_brief(self) -> None:
        if self.dataset is not None:
            from de06tui.tui.exporting import brief_job

            self.run_worker(brief_job(self, self._out_dir()), thread=True, exclusive=True, group="brief")

    def action_copy_brief(self) -> None:
        if self.dataset is not None:
            from de06tui.tui.exporting import brief_job

            self.run_worker(brief_job(self, None), thread=True, exclusive=True, group="brief")


class NavigationActions:
    """Screens, periods, filters, language and reload."""

    def action_show_overview(self) -> None:
        self.switch_mode(OVERVIEW)

    def action_show_main(self, index: int) -> None:
        main = self.catalog.main()
        if 0 <= index < len(main):
            self.show_metric(main[index].id)

    def show_metric(self, metric: str) -> None:
        self.metric = metric
        self.switch_mode(board_mode(metric))

    def modes(self) -> list[str]:
        return [OVERVIEW] + [board_mode(m.id) for m in self.catalog]

    def action_cycle_screen(self, step: int) -> None:
        order = self.modes()
        here = order.index(self.current_mode) if self.current_mode in order else 0
        target = order[(here + step) % len(order)]
        if target.startswith("board:"):
            self.metric = target.split(":", 1)[1]
        self.switch_mode(target)

    def action_step_period(self, step: int) -> None:
        if self.dataset is None or self.period is None:
            return
        periods = self.periods_by_metric.get(self.current_metric()) or []
        if self.period not in periods:
            # A quarter or year: step through those of its kind, given or computed from months.
            given = {p for ps in self.periods_by_metric.values() for p in ps}
            periods = sorted({p for p in given | set(P.derived(given)) if P.kind(p) == P.kind(self.period)},
                             key=P.sort_key)
        if self.period not in periods:
            return
        i = periods.index(self.period) + step
        if 0 <= i < len(periods):
            self.period = periods[i]
        else:
            self.bell()

    def set_period(self, period: str) -> None:
        self.period = period

    def action_show_problems(self) -> None:
        from de06tui.tui.screens.problems import ProblemsScreen

        if not isinstance(self.screen, ProblemsScreen):
            self.push_screen(ProblemsScreen())

    def action_show_help(self) -> None:
        from de06tui.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        title = getattr(self.screen, "view_title", "") or t("help", self.lang)
        self.push_screen(HelpScreen(self.screen, title))

    def action_back(self) -> None:
        back = getattr(self.screen, "back", None)
        if back is not None and back():
            return
        if len(self.screen_stack) > 1:
            self.pop_screen()

    def regions(self) -> list[str]:
        return self.dataset.registry.regions() if self.dataset is not None else []

    def action_cycle_region(self) -> None:
        regions = [""] + self.regions()
        here = regions.index(self.region) if self.region in regions else 0
        self.region = regions[(here + 1) % len(regions)]

    def action_clear_filter(self) -> None:
        self.filter_text = ""
        self.region = ""

    def action_toggle_lang(self) -> None:
        self.lang = LANGS[(LANGS.index(self.lang) + 1) % len(LANGS)]

    def action_reload(self) -> None:
        self.status = self._status(loading=True)
        self.reload()

