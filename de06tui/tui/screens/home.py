"""My province (``h``): where the home province stands on each metric and what it takes to climb;
and its alerts (``!``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from de06tui.core import periods as P
from de06tui.core.numbers import number
from de06tui.core.text import clean
from de06tui.tui.figures import figure, whole
from de06tui.tui.home import BAND_STYLE, HOME_STYLE, HOME_SYMBOL, HomeSettings
from de06tui.tui.screens.base import ComputedScreen, De06Screen
from de06tui.tui.widgets import cells
from de06tui.tui.widgets.home_pin import BOARD_SYMBOL

if TYPE_CHECKING:
    from de06tui.core.dataset import Dataset
    from de06tui.core.home import HomeReport, Standing, Target
    from de06tui.core.metrics import MetricDef

# What the numerator of a rate with counts counts ("+1,240 hồ sơ trực tuyến").
DOSSIER_KIND = {"online_submission_rate": "trực tuyến", "sync_to_portal_rate": "đồng bộ"}
LABEL_WIDTH = 28


def home_report_for(ds: Dataset, settings: HomeSettings, period: str | None, compare: str | None,
                    provinces: str) -> HomeReport | str:
    """The report the screen shows, or the located reason there is none."""
    from dataclasses import replace

    from de06tui.core.home import HomeError, home_report
    from de06tui.core.problems import DataError
    from de06tui.core.thresholds import with_thresholds

    try:
        if settings.thresholds:
            ds = replace(ds, catalog=with_thresholds(ds.catalog, settings.thresholds, "config"))
        return home_report(ds, settings.text or "", period, compare, provinces, where=settings.where)
    except (HomeError, DataError, ValueError) as exc:
        return clean(str(exc))


class MyProvinceScreen(ComputedScreen["HomeReport | str"]):
    TITLE_KEY = "my_province"
    WATCHES = ("dataset", "period", "lang", "provinces", "compare", "load_error")

    def __init__(self) -> None:
        super().__init__(id="my-province")
        self.settings: HomeSettings = HomeSettings()

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="home-scroll"):
            yield Static(id="home-body")

    def on_mount(self) -> None:
        self.settings = self.de06.home.settings
        super().on_mount()

    def view_key(self) -> tuple | None:
        state = self.de06.state
        if state.dataset is None:
            self.query_one("#home-body", Static).update(self.waiting_text())
            return None
        return (state.version, state.period, state.compare, state.provinces)

    def compute(self, key: tuple, ds: Dataset, changed: frozenset) -> HomeReport | str:
        return home_report_for(ds, self.settings, key[1], key[2], key[3])

    def _paint(self) -> None:
        report, app = self.view, self.de06
        body = self.query_one("#home-body", Static)
        if report is None:
            return
        if isinstance(report, str):
            body.update(Text(report, style="bold red"))
            return
        self.view_period = P.label(report.period, app.lang)
        body.update(report_text(report, app.catalog, app.lang, self.t))


def report_text(report: HomeReport, catalog, lang: str, tr) -> Text:
    """The whole screen as literal text (names from data are never read as markup)."""
    out = Text()
    out.append(f"{HOME_SYMBOL} {clean(report.name)}", style=HOME_STYLE)
    out.append(f" — {P.label(report.period, lang)}", style="bold")
    if report.synthetic:
        out.append(f"  {tr('sample')} — {tr('sample_note')}", style="bold yellow")
    out.append("\n" + tr("bands_legend") + "\n")
    main = [s for s in report.standings if s.main]
    total = [s for s in report.standings if not s.main and not s.group]
    sections = ((tr("home_main"), main + total, False), (tr("home_groups"), report.groups_by_gain, True))
    for heading, standings, groups in sections:
        if not standings:
            continue
        out.append(f"\n{heading}\n", style="bold underline")
        if groups:
            gains = (f"{catalog[s.metric].short(lang)} {figure(catalog[s.metric], s.points_left, lang)}"
                     for s in standings)
            out.append("  " + "  ·  ".join(gains) + "\n")
        for s in standings:
            out.append_text(standing_text(s, catalog[s.metric], lang, tr))
    if not any(s.weakest_units for s in report.standings):
        out.append("\n" + tr("home_no_units") + "\n")
    if report.missing:
        names = ", ".join(catalog[m].short(lang) for m in report.missing if m in catalog)
        out.append(tr("home_missing", metrics=names) + "\n")
    return out


def standing_text(s: Standing, m: MetricDef, lang: str, tr) -> Text:
    out = Text("\n")
    out.append(f"{m.short(lang)} ({m.unit_label(lang)})", style="bold")
    since = f" {tr('home_vs', label=P.label(s.compare_period, lang))}" if s.compare_period else ""
    out.append(f" · {P.label(s.period, lang)}{since}\n")
    out.append(f"  {'≈' if s.approx else ''}{figure(m, s.value, lang)} ", style="bold")
    out.append(f"{BOARD_SYMBOL.get(s.band.name, s.band.symbol)} {s.band.label(lang)}", style=BAND_STYLE[s.band.name])
    out.append(f"   {tr('home_rank', rank=s.rank, of=s.of)} ")
    out.append_text(cells.change(s.rank_change).to_text() if s.rank_change is not None else Text("–"))
    if s.value_change is not None:
        delta = figure(m, abs(s.value_change), lang)
        out.append("  ")
        out.append_text(cells.value_change(delta, s.value_change).to_text())
    out.append("\n")
    for key, target, up in (("home_up", s.up, True), ("home_top3", s.top_three, True), ("home_down", s.down, False)):
        if target is not None:
            out.append_text(target_text(tr(key), target, m, lang, tr, up))
    out.append("  " + tr("home_left", left=figure(m, s.points_left, lang)) + "\n")
    if s.weakest_units:
        units = ", ".join(f"{clean(u.unit)} {figure(m, u.value, lang)}" for u in s.weakest_units)
        out.append("  " + tr("home_units", units=units) + "\n")
    return out


def target_text(label: str, t: Target, m: MetricDef, lang: str, tr, up: bool) -> Text:
    out = Text(f"  {label:<{LABEL_WIDTH}}")
    out.append(f"#{t.rank} ")
    out.append(", ".join(clean(n) for n in t.names))
    out.append(f" {figure(m, t.value, lang)}   ")
    # A gap can be finer than the value's last decimal (89.23 vs 89.20): one more decimal shows it.
    # A gap between two rates is in percentage points, not per cent.
    gap = number(t.gap, m.decimals + 1, lang)
    unit = tr("points_pct") if m.unit_label(lang) == "%" else m.unit_label(lang)
    out.append(tr("home_need" if up else "home_margin", gap=gap, unit=unit), style="bold")
    if t.dossiers is not None:
        key = "home_dossiers_up" if up else "home_dossiers_down"
        # On a line of its own under the figures, so it never wraps into the next column at 80.
        out.append("\n  " + " " * LABEL_WIDTH + tr(key, n=whole(t.dossiers, lang),
                                                   what=DOSSIER_KIND.get(m.id, "")).replace("  ", " "))
    out.append("\n")
    return out


class AlertsScreen(De06Screen):
    """The alerts raised this session, newest last; refreshed as new ones arrive."""

    TITLE_KEY = "alerts"

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="alerts-scroll"):
            yield Static(id="alerts-body")

    def refresh_view(self) -> None:
        super().refresh_view()
        from de06tui.core.morning import alert_text

        app = self.de06
        alerts = list(app.home.alerts)
        body = self.query_one("#alerts-body", Static)
        if getattr(self, "_painted", None) == (len(alerts), app.lang):
            return
        self._painted = (len(alerts), app.lang)
        out = Text(self.t("alerts_note") + "\n\n", style="bold")
        if not alerts:
            out.append(self.t("no_alerts", name=clean(app.home.settings.text or "")))
        for a in alerts:
            m = app.catalog[a.metric]
            out.append("! ", style="bold red")
            out.append(clean(alert_text(a, m, app.lang)) + "\n")
        body.update(out)
