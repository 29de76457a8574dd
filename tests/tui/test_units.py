"""Departments and communes in the app: `u` from a province board, the two tabs, the board keys,
the empty state, a unit's detail, the national communes board; on the shipped sample and against
the units replay server on 127.0.0.1 as a feed. Expected figures are read from the fixture JSON."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from units.replay_units import UnitReplay

from de06tui.config import load_config
from de06tui.tui.screens.board import BoardScreen
from de06tui.tui.screens.unit_detail import UnitDetailPane
from de06tui.tui.screens.units import UnitsScreen
from de06tui.tui.sources import FeedSource, SampleSource

from .conftest import run_palette, settle

pytestmark = pytest.mark.anyio

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "dvcqg" / "gia_lai"
LATEST = json.loads((FIX / "communes_GiaLai_10102026.json").read_text("utf-8"))
EARLIER = json.loads((FIX / "communes_GiaLai_09102026.json").read_text("utf-8"))
GIA_LAI, PHU_THO = "52", "25"


def plain(text: str) -> str:
    """Lower case without diacritics, done here by hand (đ has no decomposition)."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def portal_order(doc: dict) -> list[str]:
    """Codes by total score, best first; equal scores in any order (checked as sets of ties)."""
    return [c["departmentCode"] for c in sorted(doc["communes"], key=lambda c: -c["totalScore"])]


def competition_ranks(doc: dict) -> dict[str, int]:
    scores = {c["departmentCode"]: c["totalScore"] for c in doc["communes"]}
    return {code: 1 + sum(1 for s in scores.values() if s > v) for code, v in scores.items()}


def note(app) -> str:
    return str(app.screen.query_one("#units-note").render())


async def open_units_of(pilot, code: str) -> None:
    app = pilot.app
    await pilot.press("2")
    await settle(pilot)
    board = app.screen
    codes = [r.code for r in board._shown]
    board.query_one("#board").move_cursor(row=codes.index(code))
    await pilot.press("u")
    await settle(pilot)


async def wait_for_units(pilot) -> None:
    for _ in range(50):
        await settle(pilot)
        if isinstance(pilot.app.screen, UnitsScreen) and pilot.app.screen.view is not None:
            return
    raise AssertionError("the units board did not paint")


async def test_u_walks_from_the_board_to_gia_lai_communes_and_back_on_the_sample(make_app):
    app = make_app(source=SampleSource(), lang="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_units_of(pilot, GIA_LAI)
        await wait_for_units(pilot)
        screen = app.screen
        assert screen.view_title == f"Gia Lai › Xã/phường · {LATEST['count']}"
        assert "Gia Lai › Xã/phường" in str(screen.query_one("#units-crumb").render())
        assert screen.query_one("#units-table").row_count == LATEST["count"]
        ranks = competition_ranks(LATEST)
        portal = {c["departmentCode"]: c["groupRank"] for c in LATEST["communes"]}
        for row in screen._shown:
            assert row.rank == ranks[row.code] and row.source_rank == portal[row.code]
        assert screen._shown[0].code == portal_order(LATEST)[0]
        assert "số liệu thật của cổng" in note(app)  # real portal figures, though the app's data is SAMPLE
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)


async def test_sort_and_filter_without_diacritics(make_app):
    app = make_app(source=SampleSource())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_units_of(pilot, GIA_LAI)
        await wait_for_units(pilot)
        await pilot.press("slash", *"dak")
        await settle(pilot)
        want = {c["departmentCode"] for c in LATEST["communes"] if "dak" in plain(c["departmentName"])}
        assert want and {r.code for r in app.screen._shown} == want
        await pilot.press("enter", "x")
        await settle(pilot)
        assert len(app.screen._shown) == LATEST["count"]
        await pilot.press("o", "o")  # rank → name → score (best first)
        await settle(pilot)
        scores = [r.value for r in app.screen._shown]
        assert scores == sorted((c["totalScore"] for c in LATEST["communes"]), reverse=True)
        await pilot.press("s")  # reversed: worst first
        await settle(pilot)
        assert app.screen._shown[0].value == min(c["totalScore"] for c in LATEST["communes"])


async def test_tab_switch_and_the_empty_states(make_app):
    app = make_app(source=SampleSource())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_units_of(pilot, GIA_LAI)
        await wait_for_units(pilot)
        await pilot.press("t")
        await wait_for_units(pilot)
        assert app.screen.query_one("#units-tabs").active == "department"
        assert app.screen.query_one("#units-table").row_count == 0
        assert "No figures for the departments of Gia Lai in the sample" in note(app)
        await pilot.press("t")
        await settle(pilot)
        assert app.screen.query_one("#units-table").row_count == LATEST["count"]
        await pilot.press("escape")
        await open_units_of(pilot, PHU_THO)
        await wait_for_units(pilot)
        assert app.screen.view_title == "Phú Thọ › Communes · 0"
        assert "No figures for the communes of Phú Thọ in the sample" in note(app)
        assert "Gia Lai communes the portal recorded" in note(app)


async def test_a_units_detail_shows_its_groups_history_and_rank_over_time(make_app):
    app = make_app(source=SampleSource())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_units_of(pilot, GIA_LAI)
        await wait_for_units(pilot)
        first = app.screen._shown[0].code
        await pilot.press("enter")
        pane = app.screen.query_one(UnitDetailPane)
        for _ in range(20):
            await settle(pilot)
            if app.screen.detail_open and pane.detail is not None:
                break
        detail = pane.detail
        latest = next(c for c in LATEST["communes"] if c["departmentCode"] == first)
        before = next(c for c in EARLIER["communes"] if c["departmentCode"] == first)
        assert sorted(round(v, 2) for _m, v in detail.groups) == sorted(latest["groupScores"].values())
        assert [(shot[1], value, rank) for shot, value, rank, _of in detail.history] == [
            ("2026-10-09", before["totalScore"], competition_ranks(EARLIER)[first]),
            ("2026-10-10", latest["totalScore"], competition_ranks(LATEST)[first])]
        assert app.screen.query_one("#unit-groups").row_count == 6
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, UnitsScreen) and not app.screen.detail_open


class BoardsAndPortalUnits(FeedSource):
    """The national portal as the feed; its province boards come from the test dataset (the units
    replay answers only the units contract), its units over HTTP from the replay."""

    def __init__(self, dataset, config) -> None:
        super().__init__("dvcqg", config, period="2026")
        self.dataset = dataset

    def cached(self):
        return None

    def load(self):
        return self.dataset

    def after_load(self) -> None:
        pass


@pytest.fixture
def portal():
    srv = UnitReplay().start()
    yield srv
    srv.stop()


def portal_config(url: str):
    return replace(load_config(env={}), dvcqg_base_url=url, dvcqg_delay=0.0, retries=1, backoff=0.01,
                   connect_timeout=1.0, read_timeout=2.0)


async def test_u_against_the_portal_replay_and_back(make_app, dataset, portal):
    app = make_app(source=BoardsAndPortalUnits(dataset, portal_config(portal.url)))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_units_of(pilot, GIA_LAI)
        await wait_for_units(pilot)
        screen = app.screen
        assert screen.view_title == f"Gia Lai › Communes · {LATEST['count']}"
        portal_ranks = {c["departmentCode"]: c["groupRank"] for c in LATEST["communes"]}
        assert {r.code: r.source_rank for r in screen._shown} == portal_ranks
        assert any(call.get("rootDepartmentId") == LATEST["metadata"]["rootDepartmentId"] for call in portal.calls)
        await pilot.press("t")
        await wait_for_units(pilot)
        assert app.screen.query_one("#units-table").row_count == 14  # the replay's departments
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)


async def test_a_portal_failure_is_said_and_the_last_units_stay(make_app, dataset, portal):
    app = make_app(source=BoardsAndPortalUnits(dataset, portal_config(portal.url)))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_units_of(pilot, GIA_LAI)
        await wait_for_units(pilot)
        portal.status = 429
        await pilot.press("r")
        for _ in range(20):
            await settle(pilot)
            if app.screen.error:
                break
        assert "429" in app.screen.error and "Units not loaded" in note(app)
        assert app.screen.query_one("#units-table").row_count == LATEST["count"]


async def test_the_national_communes_board_is_a_palette_entry(make_app):
    app = make_app(source=SampleSource())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await run_palette(pilot, "communes of every")
        await wait_for_units(pilot)
        assert app.screen.query_state.province is None
        assert app.screen.view_title == f"Every province › Communes · {LATEST['count']}"
        await pilot.press("slash", *"gia lai")
        await settle(pilot)
        assert len(app.screen._shown) == LATEST["count"]  # the filter matches the province's name too


SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_units_board_snapshot(snap_compare, make_app, size):
    async def run_before(pilot) -> None:
        await open_units_of(pilot, GIA_LAI)
        await wait_for_units(pilot)

    assert snap_compare(make_app(source=SampleSource()), terminal_size=size, run_before=run_before)


async def test_scores_take_the_language_s_decimal_mark(make_app):
    app = make_app(source=SampleSource(), lang="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_units_of(pilot, GIA_LAI)
        await wait_for_units(pilot)
        table = app.screen.query_one("#units-table")
        best = max(c["totalScore"] for c in LATEST["communes"])
        shown = [c.plain for c in table.rows[0].cells]
        assert f"{best:.2f}".replace(".", ",") in shown, shown


async def test_the_national_board_scrolls_sideways_at_80_columns(make_app):
    app = make_app(source=SampleSource())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await run_palette(pilot, "communes of every")
        await wait_for_units(pilot)
        table = app.screen.query_one("#units-table")
        assert table.virtual_size.width > table.size.width  # the province column pushes it past 80
        await pilot.press("right", "right")
        await settle(pilot)
        assert table.scroll_x > 0
        await pilot.press("left", "left")
        await settle(pilot)
        assert table.scroll_x == 0


@pytest.mark.parametrize("national", [False, True])
async def test_column_widths_given_ahead_fit_every_cell_exactly(make_app, national):
    from rich.cells import cell_len

    app = make_app(source=SampleSource(), lang="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        if national:
            await settle(pilot)
            await run_palette(pilot, "xã/phường cả nước")
        else:
            await open_units_of(pilot, GIA_LAI)
        await wait_for_units(pilot)
        table = app.screen.query_one("#units-table")
        measured = [cell_len(c.plain) for c in table.header]
        for row in table.rows:  # every row's cells built here, the widths measured one by one
            measured = [max(w, cell_len(c.plain)) for w, c in zip(measured, row.cells)]
        assert table.widths == measured


async def test_a_unit_s_detail_shows_its_scores_in_the_language_s_decimal_mark(make_app):
    app = make_app(source=SampleSource(), lang="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_units_of(pilot, GIA_LAI)
        await wait_for_units(pilot)
        first = app.screen._shown[0].code
        await pilot.press("enter")
        await settle(pilot)
        best = next(c for c in LATEST["communes"] if c["departmentCode"] == first)["totalScore"]
        history = app.screen.query_one("#unit-history")
        shown = [history.rows[i].cells[1].plain for i in range(history.row_count)]
        assert f"{best:.2f}".replace(".", ",") in shown, shown


async def test_the_shipped_recording_is_named_in_vietnamese(make_app):
    app = make_app(source=SampleSource(), lang="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_units_of(pilot, GIA_LAI)
        await wait_for_units(pilot)
        assert "ghi ngày 09–10/10/2026" in note(app) and "recorded" not in note(app)
