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
