"""The Textual app: state, data loading, screen switching and the app-wide actions."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from textual import on, work
from textual.app import App
from textual.message import Message
from textual.reactive import reactive

from de06tui.core import periods as P
from de06tui.core.metrics import default_catalog
from de06tui.core.text import clean
from de06tui.tui import actions
from de06tui.tui.i18n import normalise_lang, t
from de06tui.tui.sources import DataSource, SampleSource
from de06tui.tui.app_actions import OVERVIEW, NavigationActions, ViewActions, board_mode
from de06tui.tui.widgets.header import Status

if TYPE_CHECKING:
    from de06tui.core.dataset import Dataset



def _commands():
    # Imported when the palette first opens, not at start-up.
    from de06tui.tui.commands import De06Commands

    return De06Commands


class De06App(NavigationActions, ViewActions, App):
    """Đề án 06 leaderboards. All state lives here; screens watch it and repaint."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses elsewhere find it too
    TITLE = "Đề án 06"
    COMMANDS = App.COMMANDS | {_commands}

    lang: reactive[str] = reactive("en")
    dataset: reactive["Dataset | None"] = reactive(None, always_update=True)
    period: reactive[str | None] = reactive(None)
    metric: reactive[str] = reactive("")  # the leaderboard last shown: exports from other screens
    filter_text: reactive[str] = reactive("")
    region: reactive[str] = reactive("")
    sort_column: reactive[str] = reactive("rank")
    sort_reverse: reactive[bool] = reactive(False)
    provinces: reactive[str] = reactive("auto")  # auto | 34 | 63: which registry a period is shown on
    compare: reactive[str | None] = reactive(None)  # None (previous period) | "year" | a period
    status: reactive[Status] = reactive(Status)

    class Loaded(Message):
        def __init__(self, generation: int, dataset: "Dataset", periods: dict[str, list[str]],
                     changed: frozenset = frozenset(), cached: bool = False,
                     warnings: tuple[str, ...] = ()) -> None:
            super().__init__()
            self.generation = generation
            self.dataset = dataset
            self.periods = periods
            self.changed = changed  # (period, province, metric) that differ from the last data
            self.cached = cached  # the feed's last snapshot, shown while the refresh runs
            self.warnings = warnings

    class Progress(Message):
        def __init__(self, generation: int, text: str) -> None:
            super().__init__()
            self.generation = generation
            self.text = text

    class LoadFailed(Message):
        def __init__(self, generation: int, reason: str) -> None:
            super().__init__()
            self.generation = generation
            self.reason = reason

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
                 highlight: tuple[int | None, int | None] = (None, None)) -> None:
        self.catalog = default_catalog()  # TOML only: no polars before the first frame
        self._start_metric = self.resolve_metric(metric) if metric else None
        # The first screen is the start mode itself, not a blank default one switched away from
        # in on_mount (each switch to a new mode re-parses the whole stylesheet). It comes from
        # get_default_screen, and its mode is added only once mounted: Textual then mounts it
        # after the start-up batch, as it does a plain app's first screen, instead of inside the
        # batch where its first frame would be drawn and thrown away.
        self.DEFAULT_MODE = board_mode(self._start_metric) if self._start_metric else OVERVIEW
        super().__init__()
        self.highlight = highlight  # the user's top / bottom counts, over each metric's own
        self.source = source or SampleSource()
        self.requested_period = period
        self.requested_metric = metric
        self.export_dir = Path(export_dir) if export_dir else None
        self.now = now or datetime.now
        self.periods_by_metric: dict[str, list[str]] = {}
        self._generation = 0
        self.changed: frozenset = frozenset()
        self.prepared = None  # (key, BoardView) computed with the last load
        self._errors_said: tuple[str, ...] = ()  # the data errors last told in a toast
        from de06tui.tui.refresh import AutoRefresh

        self.auto = AutoRefresh(self, getattr(self.source, "refresh_minutes", None))
        self._keymap = dict(keymap or {})
        self._wanted_theme = theme
        self.set_reactive(De06App.lang, normalise_lang(lang))
        self.set_reactive(De06App.status, Status(lang=self.lang, source=self.source.label,
                                                 feed=hasattr(self.source, "cached"),
                                                 auto=self.auto.label(self.lang)))
        main = self.catalog.main()
        self.set_reactive(De06App.metric, self._start_metric or (main[0].id if main else next(iter(self.catalog)).id))
        from de06tui.tui.screens.board import BoardScreen

        self._mode_screens = {OVERVIEW: _overview_screen}
        for m in self.catalog:
            self._mode_screens[board_mode(m.id)] = lambda mid=m.id: BoardScreen(mid)
        for mode, make in self._mode_screens.items():
            if mode != self.DEFAULT_MODE:
                self.add_mode(mode, make)
        self._use_snapshot(self.DEFAULT_MODE)

    # -- start-up and loading ----------------------------------------------------------
    def board_names(self, lang: str) -> dict[str, str]:
        """The number keys are described by the metric they open."""
        return {f"board{i + 1}": m.short(lang) for i, m in enumerate(self.catalog.main()[:3])}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Tab is a priority binding; inside a modal (help, palette) it must stay the modal's.
        if action == "cycle_screen" and self.screen.is_modal:
            return False
        return True

    def get_default_screen(self):
        return self._mode_screens[self.DEFAULT_MODE]()

    def on_mount(self) -> None:
        self.add_mode(self.DEFAULT_MODE, self._mode_screens[self.DEFAULT_MODE])
        actions.install(self, actions.APP, self.lang, self.board_names(self.lang))
        for problem in actions.check_keymap(self._keymap):
            self.notify(problem, severity="warning", markup=False)
        if self._keymap:
            self.set_keymap(self._keymap)
        if self._wanted_theme and self._wanted_theme in self.available_themes:
            self.theme = self._wanted_theme
        if self.requested_metric and not self._start_metric:
            self.notify(f"unknown metric '{clean(self.requested_metric)}'", severity="error", markup=False)
        if self.snapshot_view is not None:
            # Let the snapshot reach the screen first: the load's imports would compete for the GIL.
            self.call_after_refresh(self.reload)
        else:
            self.reload()

    def _use_snapshot(self, start: str) -> None:
        """Paint the last leaderboard of this same source at once, until the data is loaded."""
        from de06tui.tui import snapshot

        self.snapshot_key = snapshot.source_key(self.source)
        self.snapshot_view = None
        if start == OVERVIEW:
            return
        period = None
        if self.requested_period:
            try:
                period = P.parse_period(self.requested_period)
            except P.PeriodError:
                return
        found = snapshot.load(self.snapshot_key, self.metric, period)
        if found is not None:
            self.snapshot_view, label, synthetic = found
            self.set_reactive(De06App.status, self._status(source=label, synthetic=synthetic))

    def save_snapshot(self, view) -> None:
        """Called from a board worker: remember the view for the next start."""
        from de06tui.tui import snapshot

        ds = self.dataset
        if ds is not None and getattr(self, "snapshot_key", None):
            snapshot.save(self.snapshot_key, view, ds.provenance.label, ds.provenance.synthetic)

    def resolve_metric(self, text: str) -> str | None:
        return text if text in self.catalog else self.catalog.match_column(text)

    def reload(self) -> None:
        self.auto.cancel()  # re-armed when this load ends, so polls never overlap
        stop = getattr(self.source, "stop", None)
        if stop is not None:
            stop()  # a refresh still under way is abandoned: this one replaces it
        self._generation += 1
        self._load(self._generation, first=self.dataset is None)

    def _progress(self, generation: int, text: str) -> None:
        self.post_message(self.Progress(generation, text))

    @work(thread=True, exclusive=True, group="load")
    def _load(self, generation: int, first: bool = False) -> None:
        from de06tui.core.dataset import with_highlight

        source = self.source
        if hasattr(source, "on_progress"):
            source.on_progress = lambda done, total: self._progress(
                generation, t("provinces_progress", self.lang, done=done, total=total))
            source.on_retry = lambda n, of, why: self._progress(
                generation, f"{t('retrying', self.lang, n=n, of=of)} ({clean(why)[:60]})")
        if first and hasattr(source, "cached"):
            try:
                cached = source.cached()
            except Exception:  # an unreadable cache is skipped; the refresh below still runs
                cached = None
            if cached is not None:
                cached = with_highlight(cached, *self.highlight)
                self.post_message(self.Loaded(generation, cached, self._periods(cached), cached=True))
        before = self.dataset
        try:
            ds = with_highlight(source.load(), *self.highlight)
            periods = self._periods(ds)
            from de06tui.core.dataset import changed_values

            changed = changed_values(before, ds) if before is not None else frozenset()
        except Exception as exc:  # any failure of a source is shown, never a crash
            self.post_message(self.LoadFailed(generation, clean(str(exc) or type(exc).__name__)[:200]))
            return
        warnings = tuple(getattr(source, "last_warnings", ()) or ())
        self.prepared = self._prepare_board(ds, changed)
        self.post_message(self.Loaded(generation, ds, periods, changed, warnings=warnings))
        after = getattr(source, "after_load", None)
        if after is not None:
            try:
                after()  # e.g. write the feed's cache, once the data is on its way to the screen
            except OSError as exc:  # the data is shown; only the next start's head start is lost
                self.call_from_thread(self.say, clean(f"cache not written: {exc}")[:160], "warning")

    def _prepare_board(self, ds: "Dataset", changed: frozenset):
        """The shown leaderboard for new data, computed here in the load worker: a refresh then
        repaints as soon as it is handled, without a second worker."""
        from de06tui.tui.views.board import board_view
        from de06tui.tui.screens.board import BoardScreen

        screen, period = self.screen, self.period
        if not isinstance(screen, BoardScreen) or period is None:
            return None
        key = (id(ds), screen.metric, period, self.provinces, self.compare)
        try:
            return key, board_view(ds, screen.metric, period, changed=changed, provinces=self.provinces,
                                   compare=self.compare)
        except Exception:  # the board's own worker will compute it (and report) instead
            return None

    @staticmethod
    def _periods(ds: "Dataset") -> dict[str, list[str]]:
        from de06tui.core.periods import sort_key

        by_metric = dict(ds.frame.group_by("metric").agg("period").iter_rows())  # one pass, not one per metric
        return {m.id: sorted(set(by_metric.get(m.id, ())), key=sort_key) for m in ds.catalog}

    @on(Progress)
    def _on_progress(self, message: Progress) -> None:
        if message.generation == self._generation:
            self.status = self._status(progress=message.text, loading=True)

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.generation != self._generation:
            return  # a newer load is under way
        ds = message.dataset
        if ds.is_empty and self.dataset is not None and not self.dataset.is_empty:
            # Keep showing the last good data; say why the new one was not used.
            reason = str(ds.errors[0]) if ds.errors else t("no_data", self.lang)
            self._failed(reason)
            return
        self.periods_by_metric = message.periods
        self.period = self._start_period(ds)
        self.changed = message.changed
        self.dataset = ds
        feed = hasattr(self.source, "cached")
        loaded = self.now().strftime("%H:%M")
        if message.cached and ds.provenance.generated_at:
            loaded = _local_hhmm(ds.provenance.generated_at) or loaded
        self.status = Status(
            lang=self.lang, source=ds.provenance.label if ds.provenance.sources else self.source.label,
            synthetic=ds.provenance.synthetic, loaded=loaded,
            problems=len(ds.problems), errors=len(ds.errors), loading=message.cached,
            filter=self.filter_text, region=self.region, feed=feed, auto=self.auto.label(self.lang),
            registry=self._registry_label())  # a fresh status, but the user's registry choice stays
        if message.cached:
            return  # the refresh is still running; it arms the next poll when it ends
        errors = tuple(map(str, ds.errors))
        if errors and errors != self._errors_said:
            # The header counts them; this says what the first one is, and where to see the rest.
            # Said once: a feed polled every minute with the same errors does not repeat it.
            first = clean(errors[0])
            first = first if len(first) <= 160 else first[:159].rstrip() + "…"
            self.say(t("load_errors", self.lang, n=len(errors), first=first),
                     severity="error" if ds.is_empty else "warning")
        self._errors_said = errors
        if feed and ds.warnings:
            self.say(t("partial", self.lang, reason=clean(str(ds.warnings[0]))[:160]), severity="warning")
        self.auto.arm()

    def _start_period(self, ds: "Dataset") -> str | None:
        if self.requested_period:
            try:
                return P.parse_period(self.requested_period)
            except P.PeriodError as exc:
                self.notify(f"--period: {exc}", severity="error", markup=False)
            finally:
                self.requested_period = None
        if self.period is not None:
            return self.period
        return ds.latest_period(self.metric) or ds.latest_period()

    @on(LoadFailed)
    def _load_failed(self, message: LoadFailed) -> None:
        if message.generation == self._generation:
            self._failed(message.reason)

    def _failed(self, reason: str) -> None:
        since = self.status.loaded or self.now().strftime("%H:%M")
        self.status = self._status(stale=reason, stale_since=since, loading=False, progress="")
        key = "load_failed" if self.dataset is None else "refresh_failed"
        self.notify(t(key, self.lang, reason=reason), severity="error", markup=False)
        self.auto.arm()

    def _status(self, **changes) -> Status:
        from dataclasses import replace

        return replace(self.status, **changes)

    # -- state watchers ----------------------------------------------------------------
    def watch_lang(self, lang: str) -> None:
        actions.install(self, actions.APP, lang, self.board_names(lang))
        self.status = self._status(lang=lang, auto=self.auto.label(lang))

    def watch_filter_text(self, text: str) -> None:
        self.status = self._status(filter=text)

    def watch_region(self, region: str) -> None:
        self.status = self._status(region=region)

    @property
    def problems(self):
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
        from de06tui.tui.screens.detail import DetailScreen

        self.push_screen(DetailScreen(code, era, metric))

    @on(Exported)
    def _exported(self, message: Exported) -> None:
        if message.path is None:
            self.say(t("export_failed", self.lang, reason=clean(message.error)), severity="error")
        else:
            self.last_export = message.path
            self.say(t("exported", self.lang, path=str(message.path)))



def _overview_screen():
    # Imported when first shown: a start on a leaderboard does not pay for the overview.
    from de06tui.tui.screens.overview import OverviewScreen

    return OverviewScreen()


def _local_hhmm(iso: str) -> str | None:
    """HH:MM, local time, of an ISO timestamp (when a cached snapshot was fetched)."""
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone().strftime("%H:%M")
    except ValueError:
        return None
