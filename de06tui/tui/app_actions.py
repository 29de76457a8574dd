"""What the app-wide actions do: each a function of the app, changing its one view state.

The app's ``action_*`` methods call these (the bindings come from the action registry,
actions.py). Which periods exist, which registry a period allows and what a comparison is
against are asked of the core (``core.query``, ``core.ranking``), never decided here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from de06tui.core import periods as P
from de06tui.core.query import REGISTRIES, period_choices, registry_era, step_period
from de06tui.tui import background
from de06tui.tui.i18n import LANGS, t

if TYPE_CHECKING:
    from de06tui.tui.app import De06App

OVERVIEW = "overview"


def board_mode(metric: str) -> str:
    return f"board:{metric}"


def modes(app: De06App) -> list[str]:
    return [OVERVIEW] + [board_mode(m.id) for m in app.catalog]


# -- history: registry, comparison, movers ------------------------------------------------
def refused_63(period: str | None) -> bool:
    """Whether the core refuses the 63 provinces for this period (it is after the merger)."""
    return period is not None and bool(registry_era(period, "63")[2])


def say_no_63(app: De06App, period: str) -> None:
    app.say(t("no_63", app.lang, period=P.label(period, app.lang)), severity="warning")


def toggle_provinces(app: De06App) -> None:
    nxt = REGISTRIES[(REGISTRIES.index(app.provinces) + 1) % len(REGISTRIES)]
    if nxt == "63" and refused_63(app.period):
        # Say why 63 is skipped, then go on round the cycle so the key never gets stuck.
        say_no_63(app, app.period or "")
        nxt = "auto"
    app.update(provinces=nxt)


def registry_label(provinces: str, period: str | None) -> str:
    if provinces == "34" and period and P.era(period) == 63:
        return "63 → 34"
    return {"34": "34", "63": "63"}.get(provinces, "")


def compare_label(app: De06App, against: str | None = None) -> str:
    """What a change is measured against; ``against`` names the period a view resolved it to."""
    compare, lang = app.compare, app.lang
    if compare not in (None, "year"):
        return t("vs_period", lang, label=P.label(compare, lang))
    if against is None:
        return t("vs_previous" if compare is None else "vs_year", lang)
    # Name the period itself: short enough for the board's legend line at 120 columns.
    key = "vs_period" if compare is None else "vs_year_at"
    return t(key, lang, label=P.label(against, lang))


def show_movers(app: De06App) -> None:
    from de06tui.tui.kept_screens import push_kept
    from de06tui.tui.screens.movers import MoversScreen

    if not isinstance(app.screen, MoversScreen):
        metric = app.current_metric()
        push_kept(app, f"movers:{app.current_mode}", lambda: MoversScreen(metric),
                  lambda screen: cast("MoversScreen", screen).aim(metric))


def step_interval(app: De06App, step: int) -> None:
    """``step`` < 0 refreshes more often, > 0 less often, from any state: off, paused or running."""
    from de06tui.tui.refresh import next_interval

    app.set_refresh_minutes(next_interval(app.auto.minutes, more_often=step < 0))


# -- export (I/O in a worker, the toast in the handler) ------------------------------------
def _out_dir(app: De06App) -> Path:
    from de06tui.tui.exporting import out_dir

    return out_dir(app.export_dir)


def export(app: De06App, fmt: str) -> None:
    state = app.state
    if state.dataset is None or state.period is None:
        return
    from de06tui.tui.exporting import board_job
    from de06tui.tui.screens.board import BoardScreen

    screen = app.screen
    own = getattr(screen, "action_export", None)
    if own is not None:  # a screen that exports what it shows (the units board, its detail too)
        own(fmt)
        return
    # The view as on screen: filtered and in the order shown.
    shown = [r.code for r in screen._shown] if isinstance(screen, BoardScreen) and screen.view else None
    job = board_job(app, state, fmt, app.current_metric(), shown, _out_dir(app), app.now())
    app.say(t("writing", app.lang, what=fmt.upper()))  # at once: the workbook comes from a worker
    app.run_worker(job, thread=True, group=background.group("export"))  # each export its own file: none cancels another


def brief(app: De06App, to_file: bool) -> None:
    if app.dataset is not None:
        from de06tui.tui.exporting import brief_job

        folder = _out_dir(app) if to_file else None
        app.run_worker(brief_job(app, app.state, folder), thread=True, exclusive=True, group=background.group("brief"))


# -- screens, periods, filters, language ----------------------------------------------------
def cycle_screen(app: De06App, step: int) -> None:
    order = modes(app)
    here = order.index(app.current_mode) if app.current_mode in order else 0
    target = order[(here + step) % len(order)]
    if target.startswith("board:"):
        app.update(metric=target.split(":", 1)[1])
    app.switch_mode(target)


def _step_periods(app: De06App, period: str) -> list[str]:
    """The periods `[` and `]` step through from ``period``."""
    own = app.periods_by_metric.get(app.current_metric()) or []
    if period in own:
        return own
    # A quarter or year: step through those of its kind, given or computed from months.
    return [p for ps in app.periods_by_metric.values() for p in ps]


def stepped_period(app: De06App, step: int) -> str | None:
    """The period `[` (step -1) or `]` (+1) would show; None at either end or without data."""
    state = app.state
    if state.dataset is None or state.period is None:
        return None
    return step_period(_step_periods(app, state.period), state.period, step)


def step_period_action(app: De06App, step: int) -> None:
    state = app.state
    if state.dataset is None or state.period is None:
        return
    nxt = stepped_period(app, step)
    if nxt is not None:
        app.update(period=nxt)
    elif state.period in period_choices(_step_periods(app, state.period)):
        app.bell()  # at either end


def show_help(app: De06App) -> None:
    from de06tui.tui.screens.help import HelpScreen

    if isinstance(app.screen, HelpScreen):
        return
    from de06tui.tui.kept_screens import push_kept

    under = app.screen
    title = getattr(under, "view_title", "") or t("help", app.lang)
    push_kept(app, "help", lambda: HelpScreen(under, title),
              lambda screen: cast("HelpScreen", screen).aim(under, title))


def back(app: De06App) -> None:
    go_back = getattr(app.screen, "back", None)
    if go_back is not None and go_back():
        return
    if len(app.screen_stack) > 1:
        app.pop_screen()


def cycle_region(app: De06App) -> None:
    regions = [""] + app.regions()
    here = regions.index(app.region) if app.region in regions else 0
    app.update(region=regions[(here + 1) % len(regions)])


def toggle_lang(app: De06App) -> None:
    app.update(lang=LANGS[(LANGS.index(app.lang) + 1) % len(LANGS)])
