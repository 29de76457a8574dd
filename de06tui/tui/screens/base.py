"""What every screen of the app shares: the status header, the footer, registry bindings."""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen

from de06tui.tui import actions
from de06tui.tui.app_of import app_of
from de06tui.tui.i18n import t
from de06tui.tui.widgets.header import StatusHeader
from de06tui.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from de06tui.core.dataset import Dataset
    from de06tui.tui.app import De06App
    from de06tui.tui.state import ViewState

ViewT = TypeVar("ViewT")


class De06Screen(Screen):
    """A screen with the header on top and the footer at the bottom.

    Subclasses yield their body from ``compose_body`` and repaint in ``refresh_view``, which runs
    whenever the data, the period, the language or the filter changes.
    """

    # The registry scope of the screen's own actions (its BINDINGS, and what the palette offers).
    SCOPE = actions.APP
    TITLE_KEY = ""

    # Shown by the header, which is bound to them and repaints itself; a repaint of the whole
    # screen on each change would redraw every widget on it.
    view_title: reactive[str] = reactive("", repaint=False)
    view_period: reactive[str] = reactive("", repaint=False)

    @property
    def de06(self) -> De06App:
        return app_of(self)

    # Metric the screen is about (None for screens that are not about one metric).
    metric: str | None = None

    def compose(self) -> ComposeResult:
        yield StatusHeader().data_bind(De06Screen.view_title, De06Screen.view_period)
        yield from self.compose_body()
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.watch(self.app, "state", self._state_changed, init=False)
        self.refresh_view()

    # Fields of the app's view state whose change calls for a repaint.
    WATCHES: tuple[str, ...] = ("dataset", "period", "lang", "load_error")

    def _state_changed(self, old: ViewState, new: ViewState) -> None:
        if not new.moved(old, self.WATCHES):
            return
        # A screen in another mode repaints when it comes back, not while hidden.
        if self.is_current:
            self._catch_up()
        else:
            self._dirty = True

    def on_screen_resume(self) -> None:
        if getattr(self, "_dirty", False):
            self._catch_up()

    def _catch_up(self) -> None:
        self._dirty = False
        self.refresh_view()

    def refresh_view(self) -> None:
        """Repaint from the app's state; cheap, or hands the work to a worker."""
        if self.TITLE_KEY:
            self.view_title = t(self.TITLE_KEY, self.de06.lang)

    def waiting_text(self) -> str:
        """The body's line while there is no data: loading, or why the first load failed."""
        reason = self.de06.load_error
        return self.t("no_data_retry", reason=reason) if reason else self.t("loading")

    def t(self, key: str, **values: object) -> str:
        return t(key, self.de06.lang, **values)


class ComputedScreen(De06Screen, Generic[ViewT]):
    """A screen whose view is computed from the data in a worker thread, then painted.

    Subclasses say what the view depends on (``view_key``: None while there is nothing to show),
    how to compute it off the UI thread (``compute``) and how to paint it (``_paint``). An answer
    for a key no longer wanted (the period or the data moved on meanwhile) is dropped.
    """

    class Ready(Message):
        def __init__(self, key: tuple, view: object) -> None:
            super().__init__()
            self.key = key
            self.view = view

    view: ViewT | None = None
    _want: tuple | None = None
    KEEP = 12  # views kept by key: a key pressed back and forth (`[` `]`, `f`) repaints at once
    _kept: OrderedDict[tuple, object] | None = None

    def view_key(self) -> tuple | None:
        raise NotImplementedError

    def compute(self, key: tuple, ds: Dataset, changed: frozenset) -> ViewT:
        raise NotImplementedError

    def adopt(self, key: tuple) -> ViewT | None:
        """A view for ``key`` already computed elsewhere (with the data, say), or None."""
        return None

    def shown(self, view: ViewT) -> None:
        """Called after a new view is painted."""

    def refresh_view(self) -> None:
        super().refresh_view()
        key = self.view_key()
        if key is None:
            return
        if key == self._want:
            self._paint()
            return
        self._want = key
        ready = self.kept_view(key)
        if ready is None:
            ready = self.adopt(key)
        if ready is not None:
            self._show(ready)
        else:
            state = self.de06.state
            self._start(key, state.dataset, state.changed)

    @work(thread=True, exclusive=True, group="view")
    def _start(self, key: tuple, ds: Dataset, changed: frozenset) -> None:
        # Everything the view needs is passed in: the worker reads nothing off the app.
        self.post_message(self.Ready(key, self.compute(key, ds, changed)))

    @on(Ready)
    def _ready(self, message: Ready) -> None:
        if message.key == self._want:
            # Posted by this screen's own worker, from its ``compute``.
            self._show(cast("ViewT", message.view))

    def _show(self, view: ViewT) -> None:
        self.view = view
        if self._want is not None:
            self.keep_view(self._want, view)
        self._paint()
        self.shown(view)

    def kept_view(self, key: tuple) -> ViewT | None:
        kept = self._kept
        if kept is None or key not in kept:
            return None
        kept.move_to_end(key)
        return cast("ViewT", kept[key])

    def keep_view(self, key: tuple, view: object) -> None:
        """Keep ``view`` for ``key``; the least recently shown go past ``KEEP``."""
        if self._kept is None:
            self._kept = OrderedDict()
        self._kept[key] = view
        self._kept.move_to_end(key)
        while len(self._kept) > self.KEEP:
            self._kept.popitem(last=False)

    def _paint(self) -> None:
        raise NotImplementedError
