"""The command palette: the registry's actions, and jumps to any metric, province or period."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from de06tui.core import periods as P
from de06tui.core.query import period_choices, registry_era
from de06tui.core.text import clean, fold
from de06tui.tui import actions
from de06tui.tui.app_of import app_of
from de06tui.tui.i18n import LANGS, t, tn


class De06Commands(Provider):
    """Everything is offered as plain text: names from data are never read as markup."""

    def _commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        app = app_of(self)
        lang = app.lang
        screen = self.screen
        scopes = {actions.APP, getattr(screen, "SCOPE", actions.APP)}
        # The number keys' metrics are offered by their titles below, not as "Board 1/2/3".
        titles = {f"board{i + 1}" for i in range(3)}
        for a in actions.REGISTRY:
            if a.palette and a.scope in scopes and a.id not in titles:
                yield t(a.label, lang), partial(self._run, a.action), a.id
        for m in app.catalog:
            yield t("palette_metric", lang, title=m.title(lang)), partial(app.show_metric, m.id), m.id
        ds = app.dataset
        if ds is None:
            return
        period = app.period
        era = registry_era(period, app.provinces)[0] if period else 34
        for p in ds.registry.provinces(era):
            name = clean(p.name)
            yield (t("palette_province", lang, name=name),
                   partial(app.open_detail, p.code, era, app.current_metric()),
                   f"{p.name_ascii} {p.code}")
        seen = {p for ps in app.periods_by_metric.values() for p in ps}
        # Given periods first (in the data's order), then those computed from months.
        choices = period_choices(seen)
        for period in [p for p in choices if p in seen] + [p for p in choices if p not in seen]:
            key = "palette_period" if period in seen else "palette_period_derived"
            yield (t(key, lang, label=P.label(period, lang)),
                   partial(app.set_period, period), period)
        for period in sorted(seen, key=P.sort_key):
            yield (t("palette_compare", lang, label=P.label(period, lang)),
                   partial(app.set_compare, period), f"compare {period}")
        yield t("palette_compare_year", lang), partial(app.set_compare, "year"), "compare"
        yield t("palette_compare_previous", lang), partial(app.set_compare, None), "compare"
        yield (t("palette_compare_yesterday", lang),
               app.action_since_yesterday, "compare yesterday")
        for value, label in (("34", "34"), ("63", "63"), ("auto", "auto")):
            yield (t("palette_provinces", lang, label=t("registry_label", lang, label=label)),
                   partial(app.set_provinces, value), f"provinces {value}")
        from de06tui.tui.refresh import INTERVALS

        for minutes in INTERVALS:
            yield (tn("set_interval", lang, minutes) if minutes else t("auto_off", lang),
                   partial(app.set_refresh_minutes, minutes), "refresh auto")
        for region in ds.registry.regions():
            yield (t("palette_region", lang, name=clean(region)),
                   partial(setattr, app, "region", region), "")
        for other in LANGS:
            yield (t("palette_lang", lang, name=t("lang_name", other)),
                   partial(setattr, app, "lang", other), other)

    async def _run(self, action: str) -> None:
        await self.screen.run_action(action)

    async def discover(self) -> Hits:
        lang = app_of(self).lang
        for a in actions.REGISTRY:
            if a.palette and a.scope == actions.APP:
                yield DiscoveryHit(Content(t(a.label, lang)), partial(self._run, a.action))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))
        asked = _period_in(query)
        for text, command, extra in self._commands():
            if asked is not None and extra == asked:
                yield Hit(1.0, Content(text), command, text=text)
                continue
            # Match on the folded text so "ca mau" finds Cà Mau in the palette too.
            score = max(matcher.match(fold(text)), matcher.match(fold(extra)) * 0.9)
            if asked is not None:
                score = min(score, 1.0) * 0.5  # the period asked for comes first
            if score > 0:
                yield Hit(score, Content(text), command, text=text)


def _period_in(query: str) -> str | None:
    """The period a query names in any spelling the data accepts ("T10/2024", "Quý 3/2024"…),
    the words "period"/"kỳ" before it allowed; None when it names none."""
    words = fold(query).split()
    # The whole query, or what follows "period"/"kỳ": "compare 2025-04" stays a comparison.
    starts = (0, 1) if words and words[0] in ("period", "ky") else (0,)
    for start in starts:
        try:
            return P.parse_period(" ".join(words[start:]))
        except P.PeriodError:
            continue
    return None
