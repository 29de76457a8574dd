"""Pilot tests: every binding and screen, the filter, periods, export, problems, palette."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Static

from de06tui.tui import actions
from de06tui.tui.app import OVERVIEW, De06App, board_mode
from de06tui.tui.screens.board import BoardScreen
from de06tui.tui.screens.detail import DetailScreen
from de06tui.tui.screens.help import HelpScreen
from de06tui.tui.screens.overview import OverviewScreen
from de06tui.tui.screens.problems import ProblemsScreen
from de06tui.tui.screens.units import UnitsScreen
from de06tui.tui.sources import CallableSource, PathsSource
from de06tui.tui.widgets.header import StatusHeader
from de06tui.tui.widgets.keybar import KeyBar
from de06tui.tui.widgets.line_table import LineTable

from .conftest import run_palette, settle, unreachable_after_first

pytestmark = pytest.mark.anyio
OSR = "online_submission_rate"


def names(app: De06App) -> list[str]:
    return [r.name for r in app.screen._shown]


def col_label(table: LineTable, key: str) -> str:
    return table.header[list(table.column_keys).index(key)].plain


def header_text(app: De06App) -> str:
    return str(app.screen.query_one(StatusHeader).render())


async def test_starts_on_overview_with_latest_period(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        assert app.period == "2025-09"
        head = header_text(app)
        assert "SAMPLE" in head and "Sep 2025" in head and "loaded 09:30" in head
        panels = app.screen.query("MetricPanel")
        assert len(panels) == 3
        assert all(p.panel.top and p.panel.bottom and p.panel.sentence for p in panels)


async def test_a_period_step_shows_the_overview_panels_in_place(make_app, dataset):
    import polars as pl

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = list(app.screen.query("MetricPanel"))
        await pilot.press("left_square_bracket")
        await settle(pilot)
        after = list(app.screen.query("MetricPanel"))
        assert app.period == "2025-08" and [id(p) for p in after] == [id(p) for p in before]
        first = after[0]
        painted = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert first.panel.period == "2025-08" and "(Aug 2025)" in painted and "(Sep 2025)" not in painted
        # The top province of August, read from the data here, leads the panel's top list.
        top = (dataset.frame.filter((pl.col("period") == "2025-08") & (pl.col("metric") == first.panel.metric)
                                    & pl.col("value").is_not_null())
               .sort("value", descending=True)["province"][0])
        assert first.panel.top[0].code == top


async def test_number_keys_and_tab_switch_screens(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        main = [m.id for m in app.catalog.main()]
        for key, metric in zip("234", main):
            await pilot.press(key)
            await settle(pilot)
            assert app.current_mode == board_mode(metric)
            assert app.screen.view is not None and app.screen.view.metric == metric
        await pilot.press("1")
        assert app.current_mode == OVERVIEW
        await pilot.press("tab")
        assert app.current_mode == board_mode(main[0])
        await pilot.press("shift+tab", "shift+tab")
        # Shift+Tab from the overview wraps to the last metric in the catalogue.
        assert app.current_mode == board_mode(list(app.catalog)[-1].id)
        await settle(pilot)
        assert app.screen.view.period is None  # no data for it in this dataset: an empty board
        # A year-only metric shows its own latest period and says so.
        app.show_metric("total_score")
        await settle(pilot)
        assert app.screen.view.period == "2026"
        note = str(app.screen.query_one("#board-note").render())
        assert "No data for Sep 2025; showing 2026" in note


async def test_leaderboard_marks_top_and_bottom(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.query_one("#board", LineTable)
        assert table.row_count == 34
        first = [c.plain for c in table.rows[0].cells]
        last = [c.plain for c in table.rows[33].cells]
        assert first[0] == "1" and "TOP" in first[1]
        assert "LOW" in last[1]
        assert app.screen.view_period == "Sep 2025"


async def test_movement_keys(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.query_one("#board", LineTable)
        await pilot.press("j", "j", "down")
        assert table.cursor_row == 3
        await pilot.press("k", "up")
        assert table.cursor_row == 1
        await pilot.press("G")
        assert table.cursor_row == 33
        await pilot.press("g")
        assert table.cursor_row == 0
        await pilot.press("end")
        assert table.cursor_row == 33
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("pagedown")
        assert table.cursor_row > 5
        await pilot.press("pageup")
        assert table.cursor_row == 0


async def test_filter_without_diacritics_persists_until_cleared(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("slash")
        assert app.screen.query_one("#filter", Input).has_focus
        await pilot.press(*"ca mau")
        await settle(pilot)
        assert names(app) == ["Cà Mau"]
        await pilot.press("enter")
        assert app.screen.query_one("#board", LineTable).has_focus
        # Enter opens the detail of the one row left.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen) and app.screen.view.name == "Cà Mau"
        await pilot.press("escape")
        # The filter holds on another board and another period.
        await pilot.press("3")
        await settle(pilot)
        assert names(app) == ["Cà Mau"]
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert names(app) == ["Cà Mau"] and app.period == "2025-08"
        assert "filter: ca mau" in header_text(app)
        await pilot.press("x")
        await settle(pilot)
        assert len(names(app)) == 34


async def test_the_filter_box_is_made_hidden_after_the_first_view_and_a_slash_shows_that_one(make_app):
    from de06tui.tui.screens.board import FILTER_BOX_AFTER

    app = make_app(metric=OSR)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(FILTER_BOX_AFTER + 0.2)
        made = list(app.screen.query("#filter").results(Input))
        assert len(made) == 1 and not made[0].display
        await pilot.press("slash", *"lao")
        await settle(pilot)
        assert list(app.screen.query("#filter").results(Input)) == made and made[0].has_focus
        assert names(app) == ["Lào Cai"]
        await pilot.press("3", "slash")  # a board whose box is not made yet: made once, by the key
        await settle(pilot)
        await pilot.pause(FILTER_BOX_AFTER + 0.2)
        boxes = list(app.screen.query("#filter").results(Input))
        assert len(boxes) == 1 and boxes[0].display and boxes[0].has_focus


@pytest.mark.parametrize("wait", [True, False], ids=["box-made", "box-not-made-yet"])
async def test_a_slash_and_enter_pressed_at_once_leave_the_board_with_its_focus(make_app, wait):
    # The box takes the focus as `/` is handled, not after the keys already on their way: Enter
    # then closes the box, rather than opening a detail while the box's focus is still to come
    # (which then came on the board, and the next `/` was typed into the box as text).
    from textual import events

    from de06tui.tui.screens.board import FILTER_BOX_AFTER

    app = make_app(metric=OSR)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        if wait:
            await pilot.pause(FILTER_BOX_AFTER + 0.2)
        app.post_message(events.Key("slash", "/"))
        app.post_message(events.Key("enter", None))
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen) and app.focused is app.screen.query_one("#board")
        await pilot.press("slash", *"gia")
        await settle(pilot)
        assert app.filter_text == "gia" and names(app) == ["Gia Lai", "An Giang"]


async def test_filter_short_form_and_escape_clears(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("slash", *"hcm")
        await settle(pilot)
        assert names(app) == ["TP Hồ Chí Minh"]
        await pilot.press("escape")
        await settle(pilot)
        assert app.filter_text == "" and len(names(app)) == 34
        assert isinstance(app.screen, BoardScreen)


async def test_region_filter_cycles(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        region = app.region
        assert region and 0 < len(names(app)) < 34
        assert all(r.region == region for r in app.screen._shown)
        for _ in app.regions():
            await pilot.press("v")
        assert app.region == ""


async def test_sort_column_and_direction(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("2")
        await settle(pilot)
        ranks = [r.rank for r in app.screen._shown]
        await pilot.press("s")
        assert [r.rank for r in app.screen._shown] == sorted(ranks, reverse=True)
        table = app.screen.query_one("#board", LineTable)
        assert "▼" in col_label(table, "rank")
        await pilot.press("o")
        assert app.sort_column == "name" and app.sort_reverse is False
        shown = [r.folded for r in app.screen._shown]
        assert shown == sorted(shown)
        assert "▲" in col_label(table, "name") and "▲" not in col_label(table, "rank")
        for _ in range(4):
            await pilot.press("o")
        assert app.sort_column == "rank"


async def test_period_keys_update_header(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.period == "2025-08"
        assert app.screen.view_period == "Aug 2025"
        assert "Aug 2025" in header_text(app)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert app.period == "2025-09"  # the last period stays (with a bell)
        for _ in range(3):
            await pilot.press("left_square_bracket")
        await settle(pilot)
        # Before the merger the board is on the 63 provinces.
        assert app.period == "2025-06" and len(app.screen.view.rows) == 63


async def test_detail_of_merged_province_and_history(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("slash", *"vinh long", "enter", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DetailScreen)
        view = screen.view
        assert "Bến Tre" in view.absorbed and "Trà Vinh" in view.absorbed
        assert [h.period for h in view.history][:1] == ["2025-04"]
        osr = next(line for line in view.lines if line.metric == OSR)
        assert osr.rank is not None and osr.of == 34
        # The period keys work on the detail too; before the merger it stays on the 34.
        for _ in range(3):
            await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.period == "2025-06" and app.screen.view.period == "2025-06"
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_detail_of_old_province_follows_successor(make_app):
    app = make_app(period="2025-06")
    async with app.run_test() as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("slash", *"ben tre", "enter", "enter")
        await settle(pilot)
        assert app.screen.view.name == "Bến Tre" and app.screen.view.era == 63
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert app.screen.view.name == "Vĩnh Long" and app.screen.view.era == 34


async def test_problems_screen_on_bad_file_shows_text_literally(tmp_path, make_app):
    bad = tmp_path / "bad.csv"
    bad.write_text("period,province,metric,value\n"
                   "2025-09,[red]x[/red],online_submission_rate,50\n"
                   "2025-09,\x1b[31mEvil,online_submission_rate,50\n", encoding="utf-8")
    app = make_app(source=PathsSource([bad]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.dataset.is_empty and app.dataset.errors
        assert "⚠" in header_text(app)
        toast = [n for n in app._notifications if "Errors in the data" in str(n.message)]
        assert len(toast) == 1 and toast[0].severity == "error" and not toast[0].markup
        assert "bad.csv" in str(toast[0].message) and "\x1b" not in str(toast[0].message)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        table = app.screen.query_one("#problems", DataTable)
        cells = [c.plain for row in range(table.row_count) for c in table.get_row_at(row)]
        assert any("[red]x[/red]" in c for c in cells)
        assert not any("\x1b" in c for c in cells)
        # And on the terminal: the literal brackets are painted, nothing is styled red by them.
        painted = "\n".join("".join(s.text for s in strip)
                            for strip in app.screen._compositor.render_strips())
        assert "[red]x[/red]" in painted and "\x1b" not in painted
        await pilot.press("escape")
        assert isinstance(app.screen, OverviewScreen)


async def test_a_hostile_file_name_is_shown_literally_in_the_header(tmp_path, make_app):
    # A file name is text from outside too: markup stays literal, escapes and bidi or zero-width
    # characters are dropped, wherever the name is shown.
    hostile = tmp_path / "[red]x[∕red]\u202eevil\u200b\x1b[31m.csv"
    hostile.write_text("period,province,metric,value\n2026-09,01,transparency_score,7\n", encoding="utf-8")
    app = make_app(source=PathsSource([hostile]), metric="transparency_score")
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        assert app.dataset.frame.height == 1
        painted = "\n".join("".join(s.text for s in strip) for strip in app.screen._compositor.render_strips())
        assert "[red]x[∕red]evil.csv" in painted
        for bad in ("\x1b", "\u202e", "\u200b"):
            assert bad not in painted


async def test_exports_write_files(make_app, tmp_path):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("slash", *"ha", "enter")  # export the view as shown: filtered
        await settle(pilot)
        shown = names(app)
        for key in ("e", "E", "m", "b"):
            await pilot.press(key)
            await settle(pilot)
        # Named for unit, metric, period, filter and the export time (FIXED_NOW).
        stem = "de06_tinh_online-submission-rate_2025-09_loc-ha_2026-10-17_0930"
        csv = tmp_path / f"{stem}.csv"
        assert csv.exists() and (tmp_path / f"{stem}.xlsx").exists()
        md = (tmp_path / f"{stem}.md").read_text(encoding="utf-8")
        assert "Synthetic sample data" in md
        lines = csv.read_text(encoding="utf-8-sig").splitlines()
        assert len(lines) == len(shown) + 1 and shown[0] in lines[1]  # the note is a column
        brief = (tmp_path / "de06_brief_2025-09.txt").read_text(encoding="utf-8")
        assert "SAMPLE" in brief and "online-submission rate" in brief
        assert app.last_export.name == "de06_brief_2025-09.txt"


async def test_copy_row_and_brief(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("c")
        assert app.clipboard.startswith("1\t") and "%" not in app.clipboard  # numbers, no units
        await pilot.press("y")
        await settle(pilot)
        assert "SAMPLE" in app.clipboard and "highest" in app.clipboard
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("c")
        assert "1/34" in app.clipboard


async def test_language_switch_relabels(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert app.lang == "vi"
        assert app.screen.view_title == "Nộp trực tuyến"
        assert app.screen.view_period == "Tháng 9/2025"
        assert "MẪU" in header_text(app)
        keybar = str(app.screen.query_one(KeyBar).render())
        assert "Lọc" in keybar and "Thoát" in keybar and "Filter" not in keybar
        await pilot.press("1")
        await settle(pilot)
        assert app.screen.query("MetricPanel").first().panel.sentence.startswith("3 địa phương")


async def test_help_lists_screen_bindings(make_app):
    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys: dict[str, str] = {}
        for k, label, _ in app.screen.rows:  # the registry's rows first, Textual's own after
            keys.setdefault(label, k)
        assert keys["Filter"] == "/" and keys["Quit"] == "q" and keys["Next screen"] == "tab"
        assert keys["Online submission"] == "2"
        await pilot.press("tab")  # inside the help Tab must not switch the screen below
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen) and app.current_mode == board_mode(OSR)


async def test_the_help_scrolls_a_page_of_rows_at_a_time_under_its_header(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        table = app.screen.query_one("#help-keys", LineTable)
        assert table.has_focus and table.row_count == len(app.screen.rows) > table.size.height
        under_header = table.size.height - 1  # the header keeps the first line
        lines = [line.text for line in app.screen._compositor.render_strips()]
        first_key = app.screen.rows[0][2]  # its action id, which only the help shows
        assert any(first_key in line for line in lines)
        await pilot.press("pagedown")
        await settle(pilot)
        assert table.scroll_offset.y == under_header
        lines = [line.text for line in app.screen._compositor.render_strips()]
        # The row a page down, right under the header; the first row has gone.
        assert any(app.screen.rows[under_header][2] in line for line in lines)
        assert not any(first_key in line for line in lines)
        await pilot.press("pageup")
        await settle(pilot)
        assert table.scroll_offset.y == 0


async def test_keymap_override(make_app):
    app = make_app(keymap={"reverse": "v", "quit": "ctrl+x"})
    async with app.run_test() as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("s")
        assert app.sort_reverse is False
        await pilot.press("v")
        assert app.sort_reverse is True
        await pilot.press("question_mark")
        assert dict((label, k) for k, label, _ in app.screen.rows)["Reverse"] == "v"
        await pilot.press("escape", "q")
        assert app.is_running
        await pilot.press("ctrl+x")
    assert app.return_code == 0


async def test_palette_jumps_to_province(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await run_palette(pilot, "ca mau")
        assert isinstance(app.screen, DetailScreen) and app.screen.view.name == "Cà Mau"


async def test_palette_switches_period_and_language(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await run_palette(pilot, "period jul 2025")
        assert app.period == "2025-07"
        await run_palette(pilot, "language tieng viet")
        assert app.lang == "vi"


async def test_quit_exits_zero(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("q")
    assert app.return_code == 0


async def test_reload_failure_keeps_data_and_says_stale(dataset, make_app):
    app = make_app(source=unreachable_after_first(dataset, "feed"))
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        assert app.dataset is dataset
        assert "stale since 09:30" in header_text(app) and "feed unreachable" in header_text(app)


async def test_data_errors_are_told_once_until_they_change(tmp_path, make_app):
    good = "period,province,metric,value\n2025-09,01,online_submission_rate,50\n"
    feed = tmp_path / "feed.csv"
    feed.write_text(good + "2025-09,Atlantis,online_submission_rate,50\n", encoding="utf-8")
    app = make_app(source=PathsSource([feed]))

    def told(what: str = "Errors in the data") -> list[str]:
        return [str(n.message) for n in app._notifications if what in str(n.message)]

    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.dataset.is_empty  # a file with an error is refused whole
        assert len(told()) == 1 and "Atlantis" in told()[0] and "row 3" in told()[0]
        assert told()[0].endswith("…") and "press p for all" in told()[0]  # a long reason is cut, visibly
        await pilot.press("r")  # the same errors again: already said
        await settle(pilot)
        assert len(told()) == 1
        feed.write_text(good + "2025-09,Lemuria,online_submission_rate,50\n", encoding="utf-8")
        await pilot.press("r")
        await settle(pilot)
        assert len(told()) == 2 and "Lemuria" in told()[1]
        feed.write_text(good, encoding="utf-8")
        await pilot.press("r")
        await settle(pilot)
        assert app.dataset.frame.height == 1 and len(told()) == 2
        # Broken again after good data: the good data stays, and the refresh says why it failed.
        feed.write_text(good + "2025-09,Atlantis,online_submission_rate,50\n", encoding="utf-8")
        await pilot.press("r")
        await settle(pilot)
        assert app.dataset.frame.height == 1
        assert len(told("Refresh failed")) == 1 and "Atlantis" in told("Refresh failed")[0]


async def test_first_load_failure_is_reported(dataset, make_app):
    fail = [True]

    def load():
        if fail[0]:
            raise OSError("disk on fire")
        return dataset

    app = make_app(source=CallableSource(load, "broken"))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.dataset is None
        assert any("disk on fire" in str(n.message) for n in app._notifications)
        body = str(app.screen.query_one("#overview-provenance", Static).render())
        assert body == "No data: disk on fire — r to retry"
        head = header_text(app)
        # Nothing was ever loaded, so nothing is stale; the header says there is no data.
        assert "stale" not in head and "no data (r to retry)" in head and "Loading" not in head
        fail[0] = False
        await pilot.press("r")
        await settle(pilot)
        assert app.dataset is dataset
        assert "No data" not in str(app.screen.query_one("#overview-provenance", Static).render())
        assert "no data" not in header_text(app) and "loaded" in header_text(app)


async def test_initial_metric_and_period(make_app):
    app = make_app(metric="CKMB", period="T8/2025")
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.current_mode == board_mode("transparency_score")
        assert app.period == "2025-08" and app.screen.view.period == "2025-08"


async def test_every_registered_action_runs(make_app, tmp_path):
    """Each registry action, run once where it applies, without an error."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        for a in actions.REGISTRY:
            if a.id in ("quit", "palette"):
                continue
            if a.scope == actions.DETAIL and not isinstance(app.screen, DetailScreen):
                await app.screen.run_action("open_detail")
                await settle(pilot)
            if a.scope == actions.UNITS and not isinstance(app.screen, UnitsScreen):
                await app.run_action("open_national_units")
                await settle(pilot)
            if a.scope == actions.BOARD and not isinstance(app.screen, BoardScreen):
                app.switch_mode(board_mode(OSR))
                while len(app.screen_stack) > 1:
                    app.pop_screen()
                await settle(pilot)
            await app.screen.run_action(a.action)
            await settle(pilot)
            if isinstance(app.screen, HelpScreen) or app.screen.is_modal:
                app.pop_screen()
            if a.id == "filter":
                await pilot.press("escape")
        await app.run_action("command_palette")
        await pilot.pause()
        assert app.screen.is_modal
        await pilot.press("escape")
        await app.run_action("quit")
    assert app.return_code == 0


def test_every_registry_action_is_bound_where_its_scope_says_and_nowhere_else():
    from de06tui.tui.screens.board import BoardTable
    from de06tui.tui.screens.units import UnitTable

    where = {actions.APP: De06App, actions.BOARD: BoardTable, actions.DETAIL: DetailScreen,
             actions.UNITS: UnitTable}
    for scope, node in where.items():
        bound = {b.id for b in node.BINDINGS if getattr(b, "id", None)}
        # The units board also has the province boards' keys.
        also = {a.id for a in actions.REGISTRY if a.scope == actions.BOARD} if scope == actions.UNITS else set()
        assert bound == {a.id for a in actions.REGISTRY if a.scope == scope} | also, scope
    for a in actions.REGISTRY:
        binding = next(b for b in where[a.scope].BINDINGS if getattr(b, "id", None) == a.id)
        assert (binding.key, binding.action, binding.show) == (a.keys, a.action, a.footer)


async def test_help_and_key_bar_describe_keys_in_the_language_chosen_at_run_time(make_app):
    app = make_app(lang="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        bar = str(app.screen.query_one(KeyBar).render())
        assert bar.index("Lọc") < bar.index("Tổng quan")  # the screen's own keys first, then the app's
        await pilot.press("l")  # to English: the same bindings, described anew
        await settle(pilot)
        bar = str(app.screen.query_one(KeyBar).render())
        assert "/ Filter" in bar and "1 Overview" in bar and "Lọc" not in bar
        await pilot.press("question_mark")
        keys = dict((label, k) for k, label, _ in app.screen.rows)
        assert keys["Online submission"] == "2" and keys["Reverse"] == "s"
