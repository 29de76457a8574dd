"""The CLI's `rank` and the app's board show the same thing for the same query (both resolve it in core)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from de06tui.tui.screens.board import BoardScreen
from de06tui.tui.sources import SampleSource

from .conftest import settle

pytestmark = pytest.mark.anyio
ROOT = Path(__file__).resolve().parents[2]

QUERIES = [  # metric, period, registry, compare
    ("online_submission_rate", "2025-05", "auto", None),
    ("online_submission_rate", "2025-05", "34", "year"),
    ("sync_to_portal_rate", "2026-Q2", "auto", "2026-Q1"),
    ("transparency_score", "2026", "auto", None),
]


def cli_rank(metric: str, period: str, registry: str, compare: str | None) -> dict:
    args = ["rank", "-m", metric, "--period", period, "--provinces", registry, "--format", "json"]
    args += ["--compare", compare] if compare else []
    out = subprocess.run([sys.executable, "-m", "de06tui", *args], capture_output=True, text=True,
                         cwd=ROOT, timeout=120, check=True)
    return json.loads(out.stdout)


async def test_cli_rank_and_the_board_agree(make_app):
    expected = {q: cli_rank(*q) for q in QUERIES}
    app = make_app(source=SampleSource())
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        for metric, period, registry, compare in QUERIES:
            app.show_metric(metric)
            app.update(period=period, provinces=registry, compare=compare)
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, BoardScreen) and screen.view is not None
            doc = expected[(metric, period, registry, compare)]
            assert screen.view.period == doc["period"] == period
            shown = [(r.code, r.rank, r.rank_change) for r in screen._shown]
            printed = [(r["code"], r["rank"], r["rank_change"]) for r in doc["rows"]]
            assert shown == printed, (metric, period, registry, compare)
            assert len(shown) == (34 if registry == "34" or period >= "2025-07" else 63)
