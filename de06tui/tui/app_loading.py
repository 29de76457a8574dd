"""The app's side of loading: starting a load, and what each of the load's messages changes.

The worker (``loading.run_load``) reads nothing off the app; these run on the UI thread, in the
app's message handlers, and are the only place the loaded data enters the view state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from de06tui.core import periods as P
from de06tui.core.text import clean
from de06tui.tui.i18n import t
from de06tui.tui.loading import LoadRequest, error_toasts, loaded_status

if TYPE_CHECKING:
    from de06tui.core.dataset import Dataset
    from de06tui.tui.app import De06App
    from de06tui.tui.loading import Loaded, LoadEnded, Progress


@dataclass
class LoadTurns:
    """Which load is the latest, and whether one is in flight or queued behind it."""

    generation: int = 0
    loading: bool = False  # a load is in flight: `r` then queues one more, never a second
    queued: bool = False

    def is_latest(self, generation: int) -> bool:
        return generation == self.generation


def reload(app: De06App) -> None:
    """Load the data; while a load is in flight, one more is queued instead of a second."""
    turns = app.loads
    if turns.loading:
        turns.queued = True
        return
    app.auto.cancel()  # re-armed when this load ends, so polls never overlap
    turns.loading, turns.queued = True, False
    turns.generation += 1
    state = app.state
    stack = app.screen_stack  # empty while the app shuts down (a poll may fall then)
    on_screen = stack[-1] if stack else None
    board = getattr(on_screen, "board_query", lambda: None)() if state.period else None
    from de06tui.tui.recorded import key_part

    app.start_load(LoadRequest(turns.generation, app.source, state.dataset is None, state.dataset,
                               app.highlight, state.lang, board, key_part(app) if board else ()))


def load_ended(app: De06App, message: LoadEnded) -> None:
    turns = app.loads
    if not turns.is_latest(message.generation):
        return
    turns.loading = False
    if turns.queued:
        turns.queued = False
        app.status = app.status_with(loading=True)
        reload(app)
    else:
        app.auto.arm()
    if not app.warmed:  # once: the modules a first key would import, then the heap kept
        app.warmed = True
        from de06tui.tui import background, warm

        app.run_worker(warm.import_ahead, thread=True, group=background.group("warm-up"))


def progress(app: De06App, message: Progress) -> None:
    if app.loads.is_latest(message.generation):
        app.status = app.status_with(progress=message.text, loading=True)


def loaded(app: De06App, message: Loaded) -> None:
    if not app.loads.is_latest(message.generation):
        return  # a newer load is under way
    ds = message.dataset
    if ds.is_empty and app.dataset is not None and not app.dataset.is_empty:
        # Keep showing the last good data; say why the new one was not used.
        reason = str(ds.errors[0]) if ds.errors else t("no_data", app.lang)
        failed(app, reason)
        return
    app.periods_by_metric = message.periods
    version = app.state.version + 1
    if message.prepared is not None:
        query, recorded_part, view = message.prepared
        app.prepared = ((version, query.ranked()) + recorded_part, view)
    app.update(dataset=ds, version=version, changed=message.changed, load_error="",
               period=_start_period(app, ds))
    if message.shown is not None:
        app.call_after_refresh(message.shown.set)  # the load's worker goes on once this is drawn
    _status_loaded(app, ds, message.cached)
    if message.cached:
        return  # the refresh is still running; it arms the next poll when it ends
    _tell_errors(app, ds)


def _status_loaded(app: De06App, ds: Dataset, cached: bool) -> None:
    app.status = loaded_status(ds, cached, app.now(), app.source.label, hasattr(app.source, "cached"),
                               app.lang, app.auto.label(app.lang), app.state)


def _tell_errors(app: De06App, ds: Dataset) -> None:
    for text, severity in error_toasts(ds, app.errors_said, app.lang, hasattr(app.source, "cached")):
        app.say(text, severity)
    app.errors_said = tuple(map(str, ds.errors))


def _start_period(app: De06App, ds: Dataset) -> str | None:
    """The period asked for on the command line (once), else the one shown, else the latest."""
    if app.requested_period:
        try:
            return P.parse_period(app.requested_period)
        except P.PeriodError as exc:
            app.say(t("bad_period", app.lang, text=clean(app.requested_period), reason=exc), "error")
        finally:
            app.requested_period = None
    if app.period is not None:
        return app.period
    return ds.latest_period(app.metric) or ds.latest_period()


def failed(app: De06App, reason: str) -> None:
    if app.dataset is None:
        # Nothing was ever shown: nothing is stale; the body says why, and how to retry.
        app.status = app.status_with(stale="", failed=True, loading=False, progress="")
        app.update(load_error=reason)
        app.notify(t("load_failed", app.lang, reason=reason), severity="error", markup=False)
        return
    since = app.status.loaded or app.now().strftime("%H:%M")
    app.status = app.status_with(stale=reason, stale_since=since, loading=False, progress="")
    app.notify(t("refresh_failed", app.lang, reason=reason), severity="error", markup=False)
