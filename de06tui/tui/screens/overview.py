"""The home screen: every main metric's top and bottom, with the brief's sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from de06tui.core import periods as P
from de06tui.tui import background
from de06tui.tui.app_of import app_of
from de06tui.tui.figures import figure
from de06tui.tui.i18n import t
from de06tui.tui.screens.base import De06Screen
from de06tui.tui.views.board import BoardRow
from de06tui.tui.views.overview import OverviewPanel, OverviewView
from de06tui.tui.widgets import cells
from de06tui.tui.widgets.home_pin import band_cell, home_name

if TYPE_CHECKING:
    from de06tui.core.dataset import Dataset


class MetricPanel(Static):
    """One metric: its title, the top and bottom lists side by side, the sentence. One widget,
    so that the overview lays out a handful of them rather than six containers a metric."""

    def __init__(self, panel: OverviewPanel, lang: str, synthetic: bool) -> None:
        super().__init__(classes="panel")
        self.panel = panel
        self.lang = lang
        self.synthetic = synthetic

    def on_mount(self) -> None:
        self.update(self._content())

    def show(self, panel: OverviewPanel, lang: str, synthetic: bool) -> None:
        """Show another state's panel in place (a period step, a language, a reload)."""
        self.panel, self.lang, self.synthetic = panel, lang, synthetic
        self.update(self._content())

    def _list(self, panel: OverviewPanel, title: str, rows: tuple[BoardRow, ...], band: str) -> Text:
        m = app_of(self).catalog[panel.metric]
        style = cells.BAND_STYLE[band]
        mark = "★" if band == "top" else "!"
        out = Text(f"{mark} {title}\n", style=style)
        home = panel.home.code if panel.home is not None else None
        # My province: the home row under the list, unless the list already holds it.
        shown = rows + ((panel.home,) if panel.home is not None and home not in {r.code for r in rows} else ())
        width = max((len(home_name(r, home, "").plain) for r in shown), default=0)
        for r in shown:
            out.append(f"{r.rank:>3} ", style=style)
            name = home_name(r, home, "")
            out.append_text(name.to_text())
            out.append(" " * (width - len(name.plain)))
            out.append(" ")
            out.append_text(cells.value(figure(m, r.value, self.lang), r.approx, r.real, self.synthetic).to_text())
            out.append(f" {m.unit_label(self.lang)} ")
            out.append_text(band_cell(r.value, m).to_text().append(" "))
            out.append_text(cells.change(r.rank_change).to_text())
            out.append("\n")
        return out

    def _content(self) -> RenderableType:
        p = self.panel
        m = app_of(self).catalog[p.metric]
        heading = Text(m.title(self.lang), style="bold")
        if p.period:
            heading.append(f"  ({P.label(p.period, self.lang)})", style="dim")
        if p.period is None:
            return Group(heading, Text(t("no_data", self.lang)))
        lists = Table.grid(expand=True)
        lists.add_column(ratio=1)
        lists.add_column(ratio=1)
        lists.add_row(self._list(p, t("top", self.lang), p.top, "top"),
                      self._list(p, t("bottom", self.lang), p.bottom, "bottom"))
        return Group(heading, lists, Text(p.sentence, style="dim"))


class OverviewScreen(De06Screen):
    TITLE_KEY = "overview"
    WATCHES = ("dataset", "period", "lang", "provinces", "load_error")  # the panels follow the 63/34 choice

    class Ready(Message):
        def __init__(self, key: tuple, view: OverviewView) -> None:
            super().__init__()
            self.key = key
            self.view = view

    def __init__(self) -> None:
        super().__init__(id="overview")
        self._want: tuple | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(id="overview-provenance", classes="note")
        yield VerticalScroll(id="overview-panels")

    def _key(self) -> tuple:
        app = self.de06
        return (app.state.version, app.period, app.lang, app.provinces)

    def refresh_view(self) -> None:
        super().refresh_view()
        app = self.de06
        ds = app.dataset
        if ds is None:
            early = getattr(app, "snapshot_overview", None)
            if early is not None and self._want is None and not app.load_error:
                # Last start's overview, until the data is loaded.
                self._want = ("snapshot",)
                self.view_period = P.label(early.period, app.lang) if early.period else ""
                self._paint_snapshot_provenance(early.period)
                self.call_later(self._mount_panels, early, app.status.synthetic)
            elif early is None or app.load_error:
                self.query_one("#overview-provenance", Static).update(self.waiting_text())
            return
        self.view_period = P.label(app.period, app.lang) if app.period else self.t("no_data")
        self._paint_provenance(ds)
        key = self._key()
        if key != self._want:
            self._want = key
            self._compute(key, ds, app.period, app.lang, app.provinces, app.home.settings.text)

    def _paint_snapshot_provenance(self, period: str | None) -> None:
        app = self.de06
        text = Text(f"{self.t('app_title')} · ")
        text.append(P.label(period, app.lang) if period else self.t("no_data"), style="bold")
        text.append(" · ")
        text.append(app.status.source)
        if app.status.synthetic:
            text.append(f"  {self.t('sample')} — {self.t('sample_note')}", style="bold yellow")
        self.query_one("#overview-provenance", Static).update(text)

    def _paint_provenance(self, ds: Dataset) -> None:
        app = self.de06
        prov = ds.provenance
        text = Text(f"{self.t('app_title')} · ")
        text.append(P.label(app.period, app.lang) if app.period else self.t("no_data"), style="bold")
        text.append(f" · {prov.kind}: ")
        text.append(prov.label)
        if prov.synthetic:
            text.append(f"  {self.t('sample')} — {self.t('sample_note')}", style="bold yellow")
        if ds.is_empty:
            text.append("\n" + self.t("no_data_hint"), style="bold red")
        self.query_one("#overview-provenance", Static).update(text)

    @work(thread=True, exclusive=True, group="overview")
    def _compute(self, key: tuple, ds, period: str | None, lang: str, provinces: str,
                 home: str | None = None) -> None:
        from de06tui.tui.views.kept import overview

        self.post_message(self.Ready(key, overview(ds, period, lang, provinces, home)))

    @on(Ready)
    async def _ready(self, message: Ready) -> None:
        if message.key != self._want:
            return
        ds = self.de06.dataset
        synthetic = bool(ds and ds.provenance.synthetic)
        await self._mount_panels(message.view, synthetic)
        if ds is not None:
            self._remember(message.view, message.key[2], ds.provenance.label, synthetic)

    def _remember(self, view: OverviewView, lang: str, label: str, synthetic: bool) -> None:
        # The next start on the overview paints this before the data is loaded.
        app = self.de06
        if app.provinces == "auto":
            from de06tui.tui import snapshot

            key = app.snapshot_key
            self.run_worker(lambda: snapshot.save_overview(key, view, lang, label, synthetic), thread=True,
                            group=background.group("snapshot"))

    async def _mount_panels(self, view: OverviewView, synthetic: bool) -> None:
        box = self.query_one("#overview-panels", VerticalScroll)
        shown = list(box.query_children(MetricPanel).results(MetricPanel))
        if [p.panel.metric for p in shown] == [p.metric for p in view.panels]:
            for widget, panel in zip(shown, view.panels):  # the same metrics: shown in place
                widget.show(panel, self.de06.lang, synthetic)
            return
        await box.remove_children()
        await box.mount_all(MetricPanel(p, self.de06.lang, synthetic) for p in view.panels)
