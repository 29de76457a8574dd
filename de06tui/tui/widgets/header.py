"""The header line every screen carries: what is shown, from where, and how fresh."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from de06tui.core.text import clean
from de06tui.tui.i18n import t, tn


@dataclass(frozen=True)
class Status:
    """What the app knows about its data, shown by every header."""

    lang: str = "en"
    source: str = ""
    synthetic: bool = False
    loaded: str = ""  # HH:MM of the last good load
    problems: int = 0
    errors: int = 0
    stale: str = ""  # the reason the last reload failed, if it did
    stale_since: str = ""
    loading: bool = True
    filter: str = ""
    region: str = ""
    feed: bool = False  # a remote feed: "updated HH:MM" rather than "loaded"
    progress: str = ""  # "12 / 34 provinces · retry 1/3" while a refresh runs
    auto: str = ""  # "auto 5 min" / "auto-refresh paused"
    registry: str = ""  # "63 → 34" when an old period is shown on the new provinces
    failed: bool = False  # the first load failed: there is no data at all, stale or not


class StatusHeader(Static):
    """Title · period · source [SAMPLE] · loaded HH:MM · ⚠ N, with the filter when one is set."""

    view_title: reactive[str] = reactive("")
    view_period: reactive[str] = reactive("")
    status: reactive[Status] = reactive(Status)

    def on_mount(self) -> None:
        self.watch(self.app, "status", self._app_status)

    def _app_status(self, status: Status) -> None:
        self.status = status

    def render(self) -> Content:
        s = self.status
        sep = (" │ ", "dim")
        # One line, most important first: what, when, from where; the app's name if room.
        parts: list[tuple[str, str] | str] = []
        # Narrow, the least important parts give way first (the source's name, the load time,
        # the interval), so the SAMPLE badge and a stale reason still show at 80 columns.
        narrow = self.size.width < 100 and bool(s.stale or s.failed or s.problems or s.filter or s.region)
        if self.size.width >= 100:
            parts += [(t("app_title", s.lang), "bold"), sep]
        if self.view_title:
            parts += [(clean(self.view_title), "bold $accent")]
        if self.view_period:
            parts += [sep, clean(self.view_period)]
        if s.registry:
            parts += [sep, (t("registry_label", s.lang, label=s.registry), "bold $secondary")]
        if s.source and not narrow:
            parts += [sep, clean(s.source)]
        if s.synthetic:
            parts += [" ", (f" {t('sample', s.lang)} ", "bold reverse $warning")]
        if s.stale:
            parts += [sep, ("⏸ " + t("stale", s.lang, time=s.stale_since, reason=clean(s.stale)),
                            "bold $error")]
        if s.failed:
            parts += [sep, ("✗ " + t("no_data_short", s.lang), "bold $error")]
        if s.problems:
            parts += [sep, (f"⚠ {tn('problems_count', s.lang, s.problems)} (p)",
                            "bold $error" if s.errors else "bold $warning")]
        if s.filter:
            parts += [sep, ("/ " + t("filter_active", s.lang, text=clean(s.filter)), "$secondary")]
        if s.region:
            parts += [sep, t("region_active", s.lang, text=clean(s.region))]
        if s.loading:
            busy = t("refreshing", s.lang) if s.feed and s.loaded else t("loading", s.lang)
            parts += [sep, ("⟳ " + busy + (f" {clean(s.progress)}" if s.progress else ""), "italic")]
        elif s.loaded and not narrow:
            parts += [sep, t("updated" if s.feed else "loaded", s.lang, time=s.loaded)]
        if s.auto and not narrow:
            parts += [sep, (s.auto, "dim")]
        return Content.assemble(*parts)
