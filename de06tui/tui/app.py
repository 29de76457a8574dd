"""The Textual app: its view state, screen switching and the app-wide actions.

What the start does is in ``app_start``, what each load message changes in ``app_loading``, and
what each action does in ``app_actions`` and the feature modules: functions of the app, which
keeps one-line methods for Textual and the action registry to call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.message import Message
from textual.reactive import reactive

from de06tui.core.metrics import default_catalog
from de06tui.core.text import clean
from de06tui.tui import actions
from de06tui.tui import app_actions as A
from de06tui.tui import app_loading as L
from de06tui.tui import app_start as S
from de06tui.tui import recorded as RH
from de06tui.tui.app_actions import OVERVIEW, board_mode
from de06tui.tui.app_loading import LoadTurns
from de06tui.tui.home import HomeSettings, HomeWatch, show_alerts, show_home
from de06tui.tui.i18n import normalise_lang, t
from de06tui.tui.legible import use_legible_greys
from de06tui.tui.loading import Loaded, LoadEnded, LoadFailed, LoadRequest, Progress, Warned, run_load
from de06tui.tui.sources import DataSource, SampleSource
from de06tui.tui.state import StateField, ViewState
from de06tui.tui.widgets.header import Status

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.screen import Screen

    from de06tui.core.dataset import Dataset
    from de06tui.core.problems import Problem
    from de06tui.tui.views.board import BoardView
    from de06tui.tui.views.overview import OverviewView


def _commands() -> type[Provider]:
    # Imported when the palette first opens, not at start-up.
    from de06tui.tui.commands import De06Commands

    return De06Commands


class De06App(App):
    """Đề án 06 leaderboards. The view state is one value, ``state``; screens watch it and repaint."""

    # Absolute: subclasses elsewhere find them too. The overlays' sheets are read with the app's: one
    # read later restyles every widget, and each table then repaints whole behind the overlay.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        Path(__file__).with_name("app.tcss"),
        *(Path(__file__).with_name("screens") / f"{n}.tcss" for n in ("help", "detail", "problems", "units"))]
    TITLE = "Đề án 06"
    COMMANDS = App.COMMANDS | {_commands}
    BINDINGS = actions.bindings(actions.APP)

    state: reactive[ViewState] = reactive(ViewState)
    status: reactive[Status] = reactive(Status)
    # Each field of the state reads as an attribute; assigning one goes through ``update``.
    lang: StateField[str] = StateField("lang")
    dataset: StateField[Dataset | None] = StateField("dataset")
    period: StateField[str | None] = StateField("period")
    metric: StateField[str] = StateField("metric")
    filter_text: StateField[str] = StateField("filter_text")
    region: StateField[str] = StateField("region")
    sort_column: StateField[str] = StateField("sort_column")
    sort_reverse: StateField[bool] = StateField("sort_reverse")
    provinces: StateField[str] = StateField("provinces")
    compare: StateField[str | None] = StateField("compare")
    changed: StateField[frozenset] = StateField("changed")
    load_error: StateField[str] = StateField("load_error")

    class Exported(Message):
        def __init__(self, path: Path | None, error: str = "") -> None:
            super().__init__()
            self.path = path
            self.error = error

    def __init__(self, source: DataSource | None = None, lang: str | None = None,
                 period: str | None = None, metric: str | None = None,
                 keymap: dict[str, str] | None = None, theme: str | None = None,
                 export_dir: Path | str | None = None,
                 now: Callable[[], datetime] | None = None,
                 highlight: tuple[int | None, int | None] = (None, None),
                 warnings: tuple[str, ...] = (), hidden_columns: tuple[str, ...] = (),
                 home: HomeSettings | str | None = None) -> None:
        self.catalog = default_catalog()  # TOML only: no polars before the first frame
        self.start_metric = self.resolve_metric(metric) if metric else None
        # The first screen is the start mode itself, not a blank default one switched away from
        # in on_mount (each switch to a new mode re-parses the whole stylesheet). It comes from
        # get_default_screen, and its mode is added only once mounted: Textual then mounts it
        # after the start-up batch, as it does a plain app's first screen, instead of inside the
        # batch where its first frame would be drawn and thrown away. (Textual reads the mode off
        # the instance; its annotation calls it a class variable only.)
        self.DEFAULT_MODE = board_mode(self.start_metric) if self.start_metric else OVERVIEW  # type: ignore[misc]
        super().__init__()
        use_legible_greys(self)  # NO_COLOR: greys that read, falls underlined
        self.highlight = highlight  # the user's top / bottom counts, over each metric's own
        self.source = source or SampleSource()
        self.requested_period = period
        self.requested_metric = metric
        self.start_warnings = warnings  # e.g. a config not used, said once the app is up
        self.home = HomeWatch(home)  # the home province: its row on the boards, My province, alerts
        self.export_dir = Path(export_dir) if export_dir else None
        self.now = now or datetime.now
        self.periods_by_metric: dict[str, list[str]] = {}
        self.loads = LoadTurns()
        # ((version, query), BoardView) computed with the last load
        self.prepared: tuple[tuple, BoardView] | None = None  # (view key, view), from the load worker
        self.errors_said: tuple[str, ...] = ()  # the data errors last told in a toast
        self.warmed = False  # the modules a first key would import, imported once the first load ended
        self.snapshot_key: str | None = None
        self.snapshot_view: BoardView | None = None  # the last start's board, painted before the data
        self.snapshot_overview: OverviewView | None = None
        self.last_export: Path | None = None
        from de06tui.tui.refresh import AutoRefresh

        self.auto = AutoRefresh(self, getattr(self.source, "refresh_minutes", None))
        self.user_keymap = dict(keymap or {})
        self.wanted_theme = theme
        main = self.catalog.main()
        start = self.start_metric or (main[0].id if main else next(iter(self.catalog)).id)
        self.set_reactive(De06App.state, ViewState(lang=normalise_lang(lang), metric=start,
                                                   hidden_columns=tuple(hidden_columns)))
        self.set_reactive(De06App.status, Status(lang=self.lang, source=self.source.label,
                                                 feed=hasattr(self.source, "cached"),
                                                 auto=self.auto.label(self.lang)))
        self.mode_screens = S.mode_screens(self.catalog, self)
        for mode, make in self.mode_screens.items():
            if mode != self.DEFAULT_MODE:
                self.add_mode(mode, make)
        S.use_snapshot(self, self.DEFAULT_MODE)

    # -- the view state ----------------------------------------------------------------
    def update(self, **changes: object) -> None:
        """Change the view state; the core's refusals (63 provinces after the merger) are said here."""
        old = self.state
        new = replace(old, **changes)  # type: ignore[arg-type]
        if new.provinces == "63" and A.refused_63(new.period):
            A.say_no_63(self, new.period or "")
            # Asked for 63: the view stays as it is. Moved past the merger: the period's own.
            asked = "provinces" in changes and old.provinces != "63"
            new = replace(new, provinces=old.provinces if asked else "auto")
        if new == old:
            self.set_reactive(De06App.state, new)  # only fields no view depends on moved
        else:
            self.state = new

    def watch_state(self, old: ViewState, new: ViewState) -> None:
        status = self.status
        if new.lang != old.lang:
            self.screen.refresh_bindings()  # the key bar describes them in the new language
            status = replace(status, lang=new.lang, auto=self.auto.label(new.lang))
        self.status = replace(status, filter=new.filter_text, region=new.region,
                              registry=A.registry_label(new.provinces, new.period))

    def set_period(self, period: str) -> None:
        self.update(period=period)

    def set_compare(self, value: str | None) -> None:
        self.update(compare=value, since_yesterday=False)

    def set_provinces(self, value: str) -> None:
        self.update(provinces=value)

    def show_metric(self, metric: str) -> None:
        self.update(metric=metric)
        self.switch_mode(board_mode(metric))

    def compare_label(self, against: str | None = None) -> str:
        return A.compare_label(self, against)

    def modes(self) -> list[str]:
        return A.modes(self)

    def regions(self) -> list[str]:
        return self.dataset.registry.regions() if self.dataset is not None else []

    def set_refresh_minutes(self, minutes: float) -> None:
        self.auto.set_minutes(minutes)
        self.status = self.status_with(auto=self.auto.label(self.lang) or t("auto_off", self.lang))

    # -- actions: the registry (actions.py) binds keys to these -------------------------
    def action_show_overview(self) -> None:
        self.switch_mode(OVERVIEW)

    def action_show_main(self, index: int) -> None:
        main = self.catalog.main()
        if 0 <= index < len(main):
            self.show_metric(main[index].id)

    def action_cycle_screen(self, step: int) -> None:
        A.cycle_screen(self, step)

    def action_step_period(self, step: int) -> None:
        A.step_period_action(self, step)

    def action_show_problems(self) -> None:
        from de06tui.tui.screens.problems import ProblemsScreen

        if not isinstance(self.screen, ProblemsScreen):
            from de06tui.tui.kept_screens import push_kept

            push_kept(self, "problems", ProblemsScreen)

    def action_show_help(self) -> None:
        A.show_help(self)

    async def action_back(self) -> None:
        A.back(self)

    def action_cycle_region(self) -> None:
        A.cycle_region(self)

    def action_clear_filter(self) -> None:
        self.update(filter_text="", region="")

    def action_toggle_lang(self) -> None:
        A.toggle_lang(self)

    def action_reload(self) -> None:
        self.status = self.status_with(loading=True)
        self.reload()

    def action_toggle_provinces(self) -> None:
        A.toggle_provinces(self)

    def action_cycle_compare(self) -> None:
        RH.cycle_compare(self)

    def action_show_movers(self) -> None:
        A.show_movers(self)

    def action_pause_refresh(self) -> None:
        self.auto.toggle_pause()
        self.status = self.status_with(auto=self.auto.label(self.lang))

    def action_step_interval(self, step: int) -> None:
        A.step_interval(self, step)

    def action_export(self, fmt: str) -> None:
        A.export(self, fmt)

    def action_export_brief(self) -> None:
        A.brief(self, to_file=True)

    def action_copy_brief(self) -> None:
        A.brief(self, to_file=False)

    # Departments and communes: their modules load when first asked for, not with the app.
    def action_open_units(self) -> None:
        from de06tui.tui.units_actions import open_units

        open_units(self)

    def action_open_national_units(self) -> None:
        from de06tui.tui.units_actions import open_national

        open_national(self)

    # My province.
    def action_show_home(self) -> None:
        show_home(self)

    def action_show_alerts(self) -> None:
        show_alerts(self)

    # Recorded history.
    def action_step_snapshot(self, step: int) -> None:
        RH.step_snapshot(self, step)

    def action_since_yesterday(self) -> None:
        RH.set_since_yesterday(self)

    # The office's screens.
    def action_choose_columns(self) -> None:
        from de06tui.tui.columns import choose

        choose(self)

    def action_command_palette(self) -> None:
        from de06tui.tui import palette  # with the palette, not with the first frame

        palette.open_palette(self)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from de06tui.tui import palette

        return palette.system_commands(self, screen)

    def show_auto(self) -> None:
        self.status = self.status_with(auto=self.auto.label(self.lang))

    # -- start-up and loading ----------------------------------------------------------
    def board_names(self, lang: str) -> dict[str, str]:
        """The number keys are described by the metric they open."""
        return {f"board{i + 1}": m.short(lang) for i, m in enumerate(self.catalog.main()[:3])}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Tab is a priority binding; inside a modal (help, palette) it must stay the modal's.
        return not (action == "cycle_screen" and self.screen.is_modal)

    def get_default_screen(self) -> Screen:
        return self.mode_screens[self.DEFAULT_MODE]()

    def on_mount(self) -> None:
        S.mount(self)

    def save_snapshot(self, view: BoardView, label: str, synthetic: bool) -> None:
        """Called from a board worker with what it needs: remember the view for the next start."""
        from de06tui.tui import snapshot

        snapshot.save(self.snapshot_key, view, label, synthetic)

    def resolve_metric(self, text: str) -> str | None:
        return text if text in self.catalog else self.catalog.match_column(text)

    def reload(self) -> None:
        """Load the data; while a load is in flight, one more is queued instead of a second."""
        L.reload(self)

    @work(thread=True, group="load")  # one at a time: ``reload`` starts none while one runs
    def start_load(self, request: LoadRequest) -> None:
        run_load(request, self.post_message)

    @on(LoadEnded)
    def _load_ended(self, message: LoadEnded) -> None:
        L.load_ended(self, message)

    @on(Progress)
    def _on_progress(self, message: Progress) -> None:
        L.progress(self, message)

    @on(Warned)
    def _on_warned(self, message: Warned) -> None:
        self.say(message.text, "warning")

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        L.loaded(self, message)

    @on(LoadFailed)
    def _load_failed(self, message: LoadFailed) -> None:
        if self.loads.is_latest(message.generation):
            L.failed(self, message.reason)

    def status_with(self, **changes: Any) -> Status:
        """The header's status with ``changes`` (fields of ``Status``)."""
        return replace(self.status, **changes)

    @property
    def problems(self) -> list[Problem]:
        return self.dataset.problems if self.dataset is not None else []

    # -- helpers for screens -----------------------------------------------------------
    def say(self, message: str, severity: str = "information") -> None:
        """A toast; the text may come from data, so it is never read as markup."""
        self.notify(message, severity=severity, markup=False)  # type: ignore[arg-type]

    def copy(self, text: str) -> None:
        # OSC 52: reaches the local clipboard over SSH too, where the terminal allows it.
        self.copy_to_clipboard(text)
        self.say(t("copied", self.lang))

    def current_metric(self) -> str:
        return getattr(self.screen, "metric", None) or self.metric

    def open_detail(self, code: str, era: int, metric: str) -> None:
        from de06tui.tui.screens.detail import open_detail

        open_detail(self, code, era, metric)

    @on(Exported)
    def _exported(self, message: Exported) -> None:
        if message.path is None:
            self.say(t("export_failed", self.lang, reason=clean(message.error)), severity="error")
        else:
            self.last_export = message.path
            self.say(t("exported", self.lang, path=str(message.path)))

