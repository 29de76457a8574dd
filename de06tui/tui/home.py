"""My province in the app: the home province's settings, its row on every board, and its alerts.

The settings come from the config (``home``, ``[thresholds]``, ``[alerts]``) or ``--home``. The
alerts are evaluated by the core on the data's consecutive periods after each load, in a worker;
each distinct alert raises a toast once a session and stays in the list ``!`` opens.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from de06tui.tui import background
from de06tui.tui.i18n import t

if TYPE_CHECKING:
    from de06tui.core.alert_rules import AlertRules
    from de06tui.core.alerts import Alert
    from de06tui.core.dataset import Dataset
    from de06tui.tui.app import De06App
    from de06tui.tui.state import ViewState

HOME_SYMBOL = "⌂"
HOME_STYLE = "bold magenta"
# Band styles: bold colour; the symbol carries the band without colour (no dim, so NO_COLOR reads).
BAND_STYLE = {"red": "bold red", "amber": "bold yellow", "green": "bold green"}


@dataclass(frozen=True)
class HomeSettings:
    """The home province as given (any spelling), where it was given, and the alert rules."""

    text: str | None = None
    where: str = "config: key 'home'"
    rules: AlertRules | None = None
    thresholds: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    @classmethod
    def from_config(cls, config: Any, given: str | None = None) -> HomeSettings:
        """``--home NAME`` over the config's ``home``; ``--home`` alone means the config's."""
        from de06tui.core.alert_rules import AlertRules

        if config is None:
            return cls(given or None, "--home")
        source = "config" if config.source == "defaults" else config.source
        text, where = (given, "--home") if given else (config.home, f"{source}: key 'home'")
        return cls(text, where, AlertRules.from_config(config), dict(config.thresholds))


def home_alerts_of(ds: Dataset, text: str, rules: AlertRules, provinces: str) -> list[Alert]:
    """The home province's alerts at the data's latest period (empty when it cannot be resolved)."""
    from de06tui.core.alerts import home_alerts
    from de06tui.core.home import HomeError, resolve_home
    from de06tui.core.ranking import target_era

    main = ds.catalog.main()
    latest = ds.latest_period(main[0].id if main else None)
    if latest is None:
        return []
    try:
        code = resolve_home(ds, text, target_era(latest, provinces))
        return home_alerts(ds, code, latest, rules, provinces)
    except (HomeError, ValueError):
        return []


class HomeWatch:
    """The app's home province: its code per registry, and the alerts told so far this session."""

    def __init__(self, settings: HomeSettings | str | None) -> None:
        if isinstance(settings, str):
            settings = HomeSettings(settings, "--home")
        self.settings = settings or HomeSettings()
        self.alerts: list[Alert] = []  # every distinct alert seen this session, newest last
        self._told: set[str] = set()
        self._codes: dict[tuple[int, int], str | None] = {}
        self.app: De06App | None = None

    @property
    def is_set(self) -> bool:
        return bool(self.settings.text and self.settings.text.strip())

    def attach(self, app: De06App) -> None:
        """Apply the config's thresholds to the app's catalogue, and evaluate alerts on each load."""
        self.app = app
        if self.settings.thresholds:
            from de06tui.core.problems import DataError
            from de06tui.core.thresholds import with_thresholds

            try:
                app.catalog = with_thresholds(app.catalog, self.settings.thresholds, "config")
            except DataError as exc:
                app.say(f"[thresholds] not used: {exc}", "warning")
        app.watch(app, "state", self._state_changed, init=False)

    def code(self, ds: Dataset | None, era: int, version: int = 0) -> str | None:
        """The home province's code on ``era``'s registry, None when unset or unknown."""
        if ds is None or not self.is_set:
            return None
        key = (version, era)
        if key not in self._codes:
            try:
                self._codes[key] = ds.registry.resolve(self.settings.text, era)
            except ValueError:
                self._codes[key] = None
        return self._codes[key]

    def _state_changed(self, old: ViewState, new: ViewState) -> None:
        app = self.app
        if app is None or new.version == old.version or new.dataset is None or not self.is_set:
            return
        from de06tui.core.alert_rules import AlertRules

        text = self.settings.text or ""  # is_set: there, and not blank
        ds, rules, provinces = new.dataset, self.settings.rules or AlertRules(), new.provinces
        version = new.version

        def evaluate() -> None:
            found = home_alerts_of(ds, text, rules, provinces)
            app.call_from_thread(self._found, version, found)

        app.run_worker(evaluate, thread=True, exclusive=True, group=background.group("home-alerts"))

    def _found(self, version: int, found: list[Alert]) -> None:
        app = self.app
        # The data the alerts were found in: still the one shown, or they are dropped.
        ds = app.dataset if app is not None and version == app.state.version else None
        if app is None or ds is None:
            return
        from de06tui.core.morning import alert_text

        for a in found:
            if a.id in self._told:
                continue
            self._told.add(a.id)
            self.alerts.append(a)
            m = ds.catalog[a.metric] if a.metric in ds.catalog else app.catalog[a.metric]
            app.say(f"! {alert_text(a, m, app.lang)}", "warning")
        from de06tui.tui.screens.home import AlertsScreen

        for screen in app.screen_stack:  # an open alerts list takes the new ones in
            if isinstance(screen, AlertsScreen):
                screen.refresh_view()

    def say_unset(self, app: De06App) -> None:
        app.say(t("home_unset", app.lang), "warning")


def show_home(app: De06App) -> None:
    from de06tui.tui.screens.home import MyProvinceScreen

    if not app.home.is_set:
        app.home.say_unset(app)
    elif not isinstance(app.screen, MyProvinceScreen):
        app.push_screen(MyProvinceScreen())


def show_alerts(app: De06App) -> None:
    from de06tui.tui.screens.home import AlertsScreen

    if not app.home.is_set:
        app.home.say_unset(app)
    elif not isinstance(app.screen, AlertsScreen):
        app.push_screen(AlertsScreen())
