"""My province: the gap to the rank above, from the board's own rows; the toast once."""

from __future__ import annotations

import math

import pytest

from de06tui.core.alerts import AlertRules
from de06tui.core.dataset import load_sample
from de06tui.core.ranking import leaderboard
from de06tui.tui.home import HomeSettings
from de06tui.tui.sources import SampleSource

from .conftest import settle

pytestmark = pytest.mark.anyio


async def test_my_province_gap_and_toast_once(make_app):
    ds = load_sample()
    rows = leaderboard(ds, "online_submission_rate", "2026-10").to_dicts()
    home = next(r for r in rows if r["name"] == "Gia Lai")
    above = max((r for r in rows if r["rank"] < home["rank"]), key=lambda r: r["rank"])
    need = math.ceil(round(above["value"] / 100 * home["denominator"] - home["numerator"], 6))
    app = make_app(source=SampleSource(), home=HomeSettings("Gia Lai", rules=AlertRules(drop_rate=0.1)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        body = str(app.screen.query_one("#home-body").render())
        assert f"#{above['rank']} {above['name']}" in body
        assert f"+{need:,} hồ sơ trực tuyến at this period's volume" in body
        toasts = [n.message for n in app._notifications if n.message.startswith("! Gia Lai")]
        assert len(toasts) == 1 and "Sync to portal" in toasts[0]


def _home_rank(name: str) -> int:
    """Rank on the test data's latest month, counted here from the records themselves."""
    from de06tui.core.registry import default_registry

    from .conftest import NEW_MONTHS, records

    names = {p.code: p.name for p in default_registry().provinces(34)}
    online = [r for r in records() if r["period"] == NEW_MONTHS[-1] and r["metric"] == "online_submission_rate"]
    home = next(r for r in online if names[r["province"]] == name)
    return 1 + sum(1 for r in online if r["value"] > home["value"])


async def test_the_home_row_is_marked_and_pinned_while_scrolled_or_filtered_out(make_app):
    rank = _home_rank("Đồng Tháp")
    app = make_app(home="dong thap")  # any spelling the resolver takes
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        pin = app.screen.query_one("#home-pin")
        assert rank > 15 and pin.has_class("pinned")  # below the first screenful
        assert f"⌂ #{rank} Đồng Tháp" in str(pin.render())
        await pilot.press("G")  # to the last row: the home row is on screen, the pin goes
        await settle(pilot)
        assert not pin.has_class("pinned")
        table = app.screen.query_one("#board")
        code = next(r.code for r in app.screen._shown if r.name == "Đồng Tháp")
        assert str(table.cell(table.row_index(code), "name")).startswith("⌂ ")
        await pilot.press("slash", *"quang", "enter")  # the Quảngs only: home filtered out
        await settle(pilot)
        assert "Đồng Tháp" not in {r.name for r in app.screen._shown}
        assert pin.has_class("pinned")


async def test_the_alerts_list_holds_each_alert_once_across_reloads(make_app):
    app = make_app(source=SampleSource(), home=HomeSettings("Gia Lai", rules=AlertRules(drop_rate=0.1)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        first = str(app.screen.query_one("#alerts-body").render())
        told = [line for line in first.splitlines() if line.startswith("! ")]
        assert told and all("Gia Lai" in line for line in told)
        assert any("Sync to portal" in line for line in told)
        await pilot.press("escape", "r")  # the same data again: nothing new to tell
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        again = str(app.screen.query_one("#alerts-body").render())
        assert [line for line in again.splitlines() if line.startswith("! ")] == told


async def test_without_a_home_h_and_the_alerts_key_say_how_to_set_one(make_app):
    app = make_app()
    said: list[str] = []
    shown = app.say
    app.say = lambda message, severity="information": (said.append(message), shown(message, severity))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("h")
        await settle(pilot)
        assert app.screen is screen  # nothing opened; the toast says what to do
        assert any('--home "Gia Lai"' in text and "home = " in text for text in said), said
