"""Loading the data off the UI thread.

The load worker is given everything it needs in a ``LoadRequest`` and answers only with
messages: it reads and writes no attribute of the app, so the app's state changes on its own
thread alone, in the message handlers.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual.message import Message

from de06tui.core.text import clean
from de06tui.tui.i18n import t
from de06tui.tui.widgets.header import Status

if TYPE_CHECKING:
    from de06tui.core.dataset import Dataset
    from de06tui.core.query import BoardQuery
    from de06tui.tui.state import ViewState
    from de06tui.tui.views.board import BoardView


AFTER_PAINT_WAIT = 1.0  # seconds


class Loaded(Message):
    def __init__(self, generation: int, dataset: Dataset, periods: dict[str, list[str]],
                 changed: frozenset = frozenset(), cached: bool = False,
                 warnings: tuple[str, ...] = (), prepared: tuple[BoardQuery, tuple, BoardView] | None = None,
                 shown: threading.Event | None = None) -> None:
        super().__init__()
        self.generation = generation
        self.shown = shown  # set by the app once the data is on screen
        self.dataset = dataset
        self.periods = periods
        self.changed = changed  # (period, province, metric) that differ from the last data
        self.cached = cached  # the feed's last snapshot, shown while the refresh runs
        self.warnings = warnings
        self.prepared = prepared  # the board on screen, computed with the data


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


class LoadEnded(Message):
    """The load worker has finished all it does (the data first, then e.g. writing the cache)."""

    def __init__(self, generation: int) -> None:
        super().__init__()
        self.generation = generation


class Warned(Message):
    """A warning from a worker, shown as a toast by the app."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


@dataclass(frozen=True)
class LoadRequest:
    generation: int
    source: Any  # a DataSource
    first: bool  # nothing shown yet: a feed's cached copy is shown while it refreshes
    before: Dataset | None  # the data shown now, to mark what changed
    highlight: tuple[int | None, int | None]
    lang: str
    board: BoardQuery | None  # the board on screen, whose view is computed with the data
    recorded: tuple = ()  # what that board's view key adds for a recorded source (recorded.key_part)


def periods_by_metric(ds: Dataset) -> dict[str, list[str]]:
    from de06tui.core.periods import sort_key

    by_metric = dict(ds.frame.group_by("metric").agg("period").iter_rows())  # one pass, not one per metric
    return {m.id: sorted(set(by_metric.get(m.id, ())), key=sort_key) for m in ds.catalog}


def run_load(req: LoadRequest, post: Callable[[Message], object]) -> None:
    """Load the source, and post what happened; ``LoadEnded`` comes last, whatever happened."""
    try:
        _load(req, post)
    finally:
        post(LoadEnded(req.generation))


def _load(req: LoadRequest, post: Callable[[Message], object]) -> None:
    from de06tui.core.dataset import changed_values, with_highlight

    source, gen = req.source, req.generation
    if hasattr(source, "on_progress"):
        source.on_progress = lambda done, total: post(
            Progress(gen, t("provinces_progress", req.lang, done=done, total=total)))
        source.on_retry = lambda n, of, why: post(
            Progress(gen, f"{t('retrying', req.lang, n=n, of=of)} ({clean(why)[:60]})"))
    if req.first and hasattr(source, "cached"):
        try:
            cached = source.cached()
        except Exception:  # an unreadable cache is skipped; the refresh below still runs
            cached = None
        if cached is not None:
            cached = with_highlight(cached, *req.highlight)
            post(Loaded(gen, cached, periods_by_metric(cached), cached=True))
    try:
        ds = with_highlight(source.load(), *req.highlight)
        periods = periods_by_metric(ds)
        changed = changed_values(req.before, ds) if req.before is not None else frozenset()
    except Exception as exc:  # any failure of a source is shown, never a crash
        post(LoadFailed(gen, clean(str(exc) or type(exc).__name__)[:200]))
        return
    warnings = tuple(getattr(source, "last_warnings", ()) or ())
    shown = threading.Event()
    prepared = _prepare(ds, req.board, req.recorded, changed)
    post(Loaded(gen, ds, periods, changed, warnings=warnings, prepared=prepared, shown=shown))
    after = getattr(source, "after_load", None)
    if after is not None:
        # The work after the paint waits for it: run beside the paint, it held the interpreter
        # the paint needed. A load the app did not show (a newer one came) waits no longer than this.
        shown.wait(AFTER_PAINT_WAIT)
        try:
            # e.g. record the answer and write the feed's cache, once the data is on its way to
            # the screen; what that could not do is said
            for text in after() or ():
                post(Warned(clean(str(text))[:240]))
        except OSError as exc:  # the data is shown; only the next start's head start is lost
            from de06tui.feeds import cache_failure

            post(Warned(t("cache_not_written", req.lang, reason=clean(cache_failure(exc))[:160])))


def _prepare(ds: Dataset, query: BoardQuery | None, recorded: tuple, changed: frozenset):
    """The board on screen for the new data, as its screen would work it out (with its as-of, for
    a recorded source): a refresh then repaints without a second worker."""
    if query is None:
        return None
    from de06tui.tui.views.board import view_for

    try:
        if recorded:
            from de06tui.tui.views.recorded import board

            return query, recorded, board(ds, query, recorded[0], changed)
        return query, recorded, view_for(ds, query, changed)
    except Exception:  # the board's own worker will compute it (and report) instead
        return None


def loaded_status(ds: Dataset, cached: bool, now: datetime, label: str, feed: bool, lang: str, auto: str,
                  state: ViewState) -> Status:
    """A fresh header status for data just shown (the user's filter and registry choice stay)."""
    from de06tui.tui.app_actions import registry_label

    loaded = now.strftime("%H:%M")
    if cached and ds.provenance.generated_at:
        loaded = _local_hhmm(ds.provenance.generated_at) or loaded
    return Status(lang=lang, source=ds.provenance.label if ds.provenance.sources else label,
                  synthetic=ds.provenance.synthetic, loaded=loaded, problems=len(ds.problems),
                  errors=len(ds.errors), loading=cached, filter=state.filter_text, region=state.region,
                  feed=feed, auto=auto, registry=registry_label(state.provinces, state.period))


def _local_hhmm(iso: str) -> str | None:
    """HH:MM, local time, of an ISO timestamp (when a cached snapshot was fetched)."""
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone().strftime("%H:%M")
    except ValueError:
        return None


def error_toasts(ds: Dataset, said: tuple[str, ...], lang: str, feed: bool) -> list[tuple[str, str]]:
    """(text, severity) of the toasts new data calls for: its first error, unless already said."""
    out = []
    errors = tuple(map(str, ds.errors))
    if errors and errors != said:
        # The header counts them; this says what the first one is, and where to see the rest.
        # Said once: a feed polled every minute with the same errors does not repeat it.
        first = clean(errors[0])
        first = first if len(first) <= 160 else first[:159].rstrip() + "…"
        out.append((t("load_errors", lang, n=len(errors), first=first), "error" if ds.is_empty else "warning"))
    if feed and ds.warnings:
        out.append((t("partial", lang, reason=clean(str(ds.warnings[0]))[:160]), "warning"))
    return out
