"""A unit's detail on the units board: Enter shows it in the board's place, with the unit's own
figures on the first opening and on every later one; Esc brings the board back as it was left.
Expected figures are read from the recorded Gia Lai portal files, ranks by competition rank."""

from __future__ import annotations

import pytest

from de06tui.tui.commands import De06Commands
from de06tui.tui.screens.unit_detail import UnitDetailPane
from de06tui.tui.sources import SampleSource

from .conftest import settle
from .test_units import EARLIER, GIA_LAI, LATEST, competition_ranks, open_units_of, wait_for_units
from .test_units_keys import gia_lai_communes

pytestmark = pytest.mark.anyio


def commune(doc: dict, code: str) -> dict:
    return next(c for c in doc["communes"] if c["departmentCode"] == code)


async def open_detail(pilot, board) -> UnitDetailPane:
    """Enter on the board's cursor; the detail once its worker has answered."""
    pane = board.query_one(UnitDetailPane)
    await pilot.press("enter")
    for _ in range(20):
        await settle(pilot)
        if board.detail_open and pane.detail is not None:
            return pane
    raise AssertionError("the unit's detail did not show")


def shown_groups(pane: UnitDetailPane) -> list[str]:
    table = pane.query_one("#unit-groups")
    return sorted(table.rows[i].cells[1].plain for i in range(table.row_count))


def shown_history(pane: UnitDetailPane) -> list[tuple[str, str]]:
    table = pane.query_one("#unit-history")
    return [(table.rows[i].cells[1].plain, table.rows[i].cells[2].plain) for i in range(table.row_count)]


async def test_first_and_later_openings_show_each_unit_s_own_figures_and_esc_keeps_the_cursor(make_app):
    async with gia_lai_communes(make_app) as (app, pilot, board):
        board_title = board.view_title
        await pilot.press("down", "down", "down")
        await settle(pilot)
        third = board._shown[3]
        pane = await open_detail(pilot, board)
        assert app.screen is board and board.detail_open and pane.has_focus
        assert not board.query_one("#units-board").display
        assert board.view_title == f"Gia Lai › {third.name}"
        want = commune(LATEST, third.code)
        assert shown_groups(pane) == sorted(f"{v:.2f}" for v in want["groupScores"].values())
        n = LATEST["count"]
        assert shown_history(pane) == [
            (f"{commune(EARLIER, third.code)['totalScore']:.2f}", f"{competition_ranks(EARLIER)[third.code]} / {n}"),
            (f"{want['totalScore']:.2f}", f"{competition_ranks(LATEST)[third.code]} / {n}")]

        await pilot.press("escape")
        await settle(pilot)
        table = board.query_one("#units-table")
        assert app.screen is board and not board.detail_open and board.query_one("#units-board").display
        assert table.has_focus and table.cursor_row == 3 and board.current_code() == third.code
        assert board.view_title == board_title

        await pilot.press("down")
        await settle(pilot)
        fourth = board._shown[4]
        pane = await open_detail(pilot, board)
        assert pane.detail.code == fourth.code and board.view_title == f"Gia Lai › {fourth.name}"
        want = commune(LATEST, fourth.code)
        assert shown_groups(pane) == sorted(f"{v:.2f}" for v in want["groupScores"].values())
        assert shown_history(pane)[-1][0] == f"{want['totalScore']:.2f}"
        await pilot.press("escape")
        await settle(pilot)
        assert board.current_code() == fourth.code


async def test_the_detail_takes_a_language_change_and_keeps_its_title(make_app):
    async with gia_lai_communes(make_app) as (_app, pilot, board):
        first = board._shown[0]
        pane = await open_detail(pilot, board)
        await pilot.press("l")
        await settle(pilot)
        assert board.detail_open and board.view_title == f"Gia Lai › {first.name}"
        header = [c.plain for c in pane.query_one("#unit-groups").header]
        assert header == ["Nhóm chỉ số", "Điểm"]
        want = commune(LATEST, first.code)["groupScores"].values()
        assert shown_groups(pane) == sorted(f"{v:.2f}".replace(".", ",") for v in want)
        assert "Hạng qua các bản chụp:" in str(pane.query_one("#unit-ranks").render())


async def test_the_board_s_keys_and_palette_entries_wait_while_the_detail_shows(make_app):
    async with gia_lai_communes(make_app) as (_app, pilot, board):
        def offered() -> set[str]:
            return {action_id for _label, _run, action_id in De06Commands(board)._commands()}

        assert "units_cohort" in offered()
        await open_detail(pilot, board)
        assert "units_cohort" not in offered() and "help" in offered()
        before = board.query_state
        await pilot.press("s", "o", "slash")  # the board's reverse, sort and filter
        await settle(pilot)
        assert board.query_state == before and board.detail_open
        assert not board.query_one("#units-filter").display
        await pilot.press("escape")
        await settle(pilot)
        assert "units_cohort" in offered() and not board.detail_open


async def test_an_export_from_a_unit_s_detail_writes_the_units_board_not_a_province_board(make_app, tmp_path):
    import openpyxl

    async with gia_lai_communes(make_app) as (_app, pilot, board):
        await open_detail(pilot, board)
        await pilot.press("E")
        await settle(pilot)
        written = sorted(tmp_path.glob("*.xlsx"))
        assert len(written) == 1 and "tinh" not in written[0].name, written
        sheet = openpyxl.load_workbook(written[0]).worksheets[0]
        cells = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
        # Gia Lai's communes, by the names the recorded answer gives them; no province board.
        names = {c["departmentName"] for c in LATEST["communes"]}
        assert len(names & cells) == LATEST["count"] and "Vĩnh Long" not in cells


async def test_u_on_a_unit_s_detail_asks_for_a_province_as_other_screens_on_none_do(make_app):
    async with gia_lai_communes(make_app) as (app, pilot, board):
        await open_detail(pilot, board)
        said: list[str] = []
        app.say = lambda text, *a, **k: said.append(text)
        await pilot.press("u")
        await settle(pilot)
        assert app.screen is board and board.detail_open
        assert said and "(u)" in said[0]


@pytest.mark.parametrize(("size", "lang"), [((80, 24), "en"), ((120, 40), "en"), ((120, 40), "vi")],
                         ids=lambda v: f"{v[0]}x{v[1]}" if isinstance(v, tuple) else v)
def test_unit_detail_snapshot(snap_compare, make_app, size, lang):
    async def run_before(pilot) -> None:
        await open_units_of(pilot, GIA_LAI)
        await wait_for_units(pilot)
        await open_detail(pilot, pilot.app.screen)

    assert snap_compare(make_app(source=SampleSource(), lang=lang), terminal_size=size, run_before=run_before)
