"""The units board's snapshot, comparison and cluster keys on the shipped Gia Lai communes, and the
views one key away worked out ahead: expected ranks and changes are computed here from the
recorded portal files, by competition rank."""

from __future__ import annotations

import contextlib
import io

import openpyxl
import pytest

from de06tui.tui.screens.unit_detail import UnitDetailPane
from de06tui.tui.screens.units import UnitsScreen
from de06tui.tui.sources import SampleSource
from de06tui.tui.views.units import one_key_away, view_key

from .conftest import settle
from .test_units import (
    EARLIER,
    GIA_LAI,
    LATEST,
    competition_ranks,
    note,
    open_units_of,
    plain,
    wait_for_units,
)

pytestmark = pytest.mark.anyio


@contextlib.asynccontextmanager
async def gia_lai_communes(make_app, lang: str = "en"):
    """The app on the sample, at 120×40, on Gia Lai's communes (the recorded 9 and 10 October)."""
    app = make_app(source=SampleSource(), lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_units_of(pilot, GIA_LAI)
        await wait_for_units(pilot)
        yield app, pilot, app.screen


def scores(doc: dict) -> dict[str, float]:
    return {c["departmentCode"]: c["totalScore"] for c in doc["communes"]}


async def test_snapshot_keys_walk_the_days_and_the_changes_are_against_the_day_before(make_app):
    async with gia_lai_communes(make_app) as (_app, pilot, screen):
        now, before = competition_ranks(LATEST), competition_ranks(EARLIER)
        moved = {r.code: r.rank_change for r in screen._shown}
        assert moved == {code: before[code] - rank for code, rank in now.items()}
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.view.snapshot == ("2026", "2026-10-09") and screen.view.against is None
        assert {r.code: (r.rank, r.value) for r in screen._shown} == {
            code: (rank, scores(EARLIER)[code]) for code, rank in before.items()}
        assert all(r.rank_change is None for r in screen._shown)
        await pilot.press("left_square_bracket")  # no day before the first: a bell, nothing else
        await settle(pilot)
        assert screen.view.snapshot == ("2026", "2026-10-09")
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.view.snapshot == ("2026", "2026-10-10")
        assert {r.code: r.rank_change for r in screen._shown} == moved


async def test_compare_cycles_between_the_day_before_and_none(make_app):
    async with gia_lai_communes(make_app) as (app, pilot, screen):
        assert screen.view.against == ("2026", "2026-10-09") and "09/10/2026" in note(app)
        await pilot.press("f")
        await settle(pilot)
        assert screen.view.against is None
        assert all(r.rank_change is None and r.value_change is None for r in screen._shown)
        await pilot.press("f")
        await settle(pilot)
        assert screen.view.against == ("2026", "2026-10-09")
        first = screen._shown[0]
        assert first.value_change == pytest.approx(scores(LATEST)[first.code] - scores(EARLIER)[first.code])


async def test_the_views_one_key_away_are_ready_before_the_key(make_app):
    """After the board settles, the day before, the other tab and the other comparison are
    shown from views worked out ahead: the key starts no computation of its own."""
    async with gia_lai_communes(make_app) as (_app, pilot, screen):
        asked: list[tuple] = []
        compute = screen._compute
        screen._compute = lambda key, *rest: (asked.append(key), compute(key, *rest))
        async def ahead_kept() -> None:
            for _ in range(100):  # worked out once the keys pause (a timer, then a worker)
                wanted = one_key_away(screen.view, screen.query_state)
                if all((id(screen.units), view_key(q, screen.view.snapshots)) in screen._views for q in wanted):
                    return
                await pilot.pause(0.02)
            raise AssertionError("the views one key away were not worked out")

        for key, check in (("left_square_bracket", lambda v: v.snapshot[1] == "2026-10-09"),
                           ("right_square_bracket", lambda v: v.snapshot[1] == "2026-10-10"),
                           ("f", lambda v: v.against is None),
                           ("f", lambda v: v.against is not None),
                           ("t", lambda v: v.counts.get("department", 0) == 0),
                           ("t", lambda v: len(v.rows) == LATEST["count"])):
            await ahead_kept()
            await pilot.press(key)
            assert check(screen.view), key  # shown before any worker could be waited for
            await settle(pilot)
        assert asked == []


CLUSTER = ["H21.227", "UBND xã Đăk Song", "de gi"]  # by code, with the usual prefix, folded


async def test_a_cluster_narrows_the_board_and_keeps_the_provinces_ranks(make_app, isolated_dirs):
    config = isolated_dirs / "config"
    config.mkdir(parents=True, exist_ok=True)
    quoted = ", ".join(f'"{m}"' for m in CLUSTER)
    (config / "config.toml").write_text(f'[clusters]\n"Cụm thử" = [{quoted}]\n', "utf-8")
    async with gia_lai_communes(make_app) as (app, pilot, screen):
        await pilot.press("v")
        await settle(pilot)
        ranks = competition_ranks(LATEST)
        want = {"H21.227", "H21.125", "H21.203"}  # Vân Canh, Đăk Song, Đề Gi in the recording
        assert {r.code: r.rank for r in screen._shown} == {code: ranks[code] for code in want}
        assert "Cụm thử" in str(screen.query_one("#units-crumb").render())
        assert "3 of 135" in note(app)
        await pilot.press("v")  # one cluster: round again to none
        await settle(pilot)
        assert len(screen._shown) == LATEST["count"]
        await pilot.press("v", "x")
        await settle(pilot)
        assert len(screen._shown) == LATEST["count"] and screen.query_state.cluster == ""


async def test_the_filter_box_opens_with_the_filter_and_esc_clears_it(make_app):
    async with gia_lai_communes(make_app) as (app, pilot, screen):
        box = screen.query_one("#units-filter")
        assert not box.display
        await pilot.press("slash", *"canh")
        await settle(pilot)
        assert box.display and box.has_focus and len(screen._shown) < LATEST["count"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, UnitsScreen) and not box.display
        assert len(screen._shown) == LATEST["count"]


async def test_the_xlsx_export_is_the_board_shown_in_the_office_layout(make_app, tmp_path):
    """Filtered and sorted by score on the recorded Gia Lai communes, in Vietnamese: one sheet
    named for the board, the title and disclaimer rows, the header on row 6, numbers as numbers."""
    async with gia_lai_communes(make_app, lang="vi") as (app, pilot, _screen):
        await pilot.press("slash", *"canh", "enter", "o", "o")  # the filter, then score, best first
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
        written = app.last_export
    assert written.parent == tmp_path and written.suffix == ".xlsx"
    book = openpyxl.load_workbook(io.BytesIO(written.read_bytes()))
    assert book.sheetnames == ["Gia Lai · Xã phường"]  # "/" is not allowed in a sheet name
    sheet = book.worksheets[0]
    assert sheet["A1"].value.startswith("Gia Lai · Xã/phường — Tổng điểm")
    assert "MẪU" not in (sheet["A5"].value or "")  # the recording's figures are the portal's own
    header = [c.value for c in sheet[6]]
    code, change = header.index("Mã đơn vị"), header.index("Thay đổi điểm")
    score = next(i for i, h in enumerate(header) if h.startswith("Tổng điểm"))
    rows = [r for r in sheet.iter_rows(min_row=7, values_only=True) if r[code] is not None]
    now, before = scores(LATEST), scores(EARLIER)
    want = sorted((c for c in now if "canh" in plain(next(x["departmentName"] for x in LATEST["communes"]
                                                              if x["departmentCode"] == c))),
                  key=lambda c: -now[c])
    assert sorted(r[code] for r in rows) == sorted(want)  # equal scores may come in either order
    assert [r[score] for r in rows] == sorted((now[c] for c in want), reverse=True)
    for r in rows:
        assert r[change] == round(now[r[code]] - before[r[code]], 2)
    cell = sheet.cell(row=7, column=change + 1)
    assert cell.number_format == "0.00"  # a change of score keeps its two decimals


async def test_the_tabs_switch_by_key_and_by_click_and_follow_the_board(make_app):
    async with gia_lai_communes(make_app) as (_app, pilot, screen):
        tabs = screen.query_one("#units-tabs")
        await pilot.click("#units-tabs", offset=(3, 0))  # on "Departments"
        await wait_for_units(pilot)
        assert screen.query_state.cohort == "department" == tabs.active
        assert screen.query_one("#units-table").row_count == 0
        await pilot.press("t")
        await settle(pilot)
        assert screen.query_state.cohort == "commune" == tabs.active
        assert screen.query_one("#units-table").row_count == LATEST["count"]
        screen.set_query(cohort="department")  # however the cohort changes, the tabs say which
        await settle(pilot)
        assert tabs.active == "department"
        assert "━" in str(tabs.render()).split("\n")[1][:14]  # the underline is under the first tab


async def test_copy_gives_the_cursor_unit_as_spreadsheet_cells(make_app):
    async with gia_lai_communes(make_app, lang="vi") as (app, pilot, _screen):
        top = max(LATEST["communes"], key=lambda c: c["totalScore"])
        await pilot.press("c")
        await settle(pilot)
        assert app.clipboard.split("\t") == [
            "1", top["departmentName"], "Gia Lai", f"{top['totalScore']:.2f}".replace(".", ","),
            "Năm 2026 · 10/10/2026"]


async def test_the_detail_shown_again_never_shows_the_unit_before(make_app):
    async with gia_lai_communes(make_app) as (app, pilot, board):
        first, second = board._shown[0], board._shown[1]
        await pilot.press("enter")
        await settle(pilot)
        detail = board.query_one(UnitDetailPane)
        assert app.screen is board and board.detail_open and detail.detail.code == first.code
        await pilot.press("escape", "down")
        await settle(pilot)
        detail.show(board.units, second, board.query_state, board.view.snapshot)
        # before its worker answers: the new name, and no figure of the unit before
        assert second.name in str(detail.query_one("#unit-name").render())
        assert detail.query_one("#unit-groups").row_count == detail.query_one("#unit-history").row_count == 0
        await pilot.press("enter")
        await settle(pilot)
        assert board.detail_open and detail.detail.code == second.code
        want = next(c for c in LATEST["communes"] if c["departmentCode"] == second.code)["groupScores"]
        shown = sorted(float(r.cells[1].plain) for r in detail.query_one("#unit-groups").rows)
        assert shown == sorted(want.values())


async def test_the_filter_box_reopened_after_esc_is_empty_and_leaves_the_board_as_it_is(make_app):
    async with gia_lai_communes(make_app) as (_app, pilot, screen):
        box, table = screen.query_one("#units-filter"), screen.query_one("#units-table")
        await pilot.press("slash", *"canh", "escape")  # typed, then cleared by Esc
        await settle(pilot)
        assert screen.query_state.filter == "" and table.row_count == LATEST["count"]
        rows = table.rows
        await pilot.press("slash")
        await settle(pilot)
        assert box.display and box.has_focus and box.value == ""
        assert table.rows is rows  # the board was not drawn again for the same filter
        await pilot.press(*"canh")
        await settle(pilot)
        assert 0 < table.row_count < LATEST["count"] and table.rows is not rows
