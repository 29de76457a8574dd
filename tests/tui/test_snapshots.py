"""Snapshots of the main screens at 80×24 and 120×40 (update with --snapshot-update).

Deterministic: a fixed dataset, the load time pinned, the language given.
"""

from __future__ import annotations

import pytest

from .conftest import settle

SIZES = [(80, 24), (120, 40)]


def steps(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_overview(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=steps())


def test_overview_vi(snap_compare, make_app):
    assert snap_compare(make_app(lang="vi"), terminal_size=(80, 24), run_before=steps())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_leaderboard(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=steps("2"))


def test_leaderboard_vi(snap_compare, make_app):
    assert snap_compare(make_app(lang="vi"), terminal_size=(120, 40), run_before=steps("2"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_detail(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=steps("2", "enter"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=steps("2", "question_mark"))


def test_detail_across_the_merger(snap_compare, make_app):
    """TP Hồ Chí Minh (74 + 77 + 79) on a score without counts: history unbroken across July 2025,
    the merger marked, the combined months marked approximate, the rank trajectory under it."""
    keys = ("3", "slash", "h", "c", "m", "enter", "enter")
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=steps(*keys))


def test_movers(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=steps("2", "M"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_my_province(snap_compare, make_app, size):
    assert snap_compare(make_app(home="Gia Lai"), terminal_size=size, run_before=steps("h"))
