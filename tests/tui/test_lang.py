"""Vietnamese in the app when asked: palette (Textual's own strings too), figures, problems,
plurals; and the refresh keys, the help's action ids, period spellings in the palette."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.command import CommandInput, CommandPalette

from de06tui.tui import palette
from de06tui.tui.i18n import tn
from de06tui.tui.refresh import next_interval
from de06tui.tui.widgets import cells

from .conftest import run_palette, settle

pytestmark = pytest.mark.anyio
ROOT = Path(__file__).resolve().parents[2]


def test_textual_still_has_what_the_palette_adapter_overrides():
    # If this fails, Textual changed its palette: palette.py must follow it.
    for name in palette.PRIVATE:
        assert hasattr(CommandPalette, name) or name in CommandPalette.__init__.__code__.co_names, name


def test_plurals():
    assert tn("problems_count", "en", 1) == "1 problem"
    assert tn("problems_count", "en", 2) == "2 problems"
    assert tn("problems_count", "vi", 1) == "1 vấn đề" and tn("problems_count", "vi", 2) == "2 vấn đề"


def test_counts_take_the_languages_marks():
    assert cells.counts(16204, 20000, "vi").plain == "16.204/20.000"
    assert cells.counts(16204, 20000, "en").plain == "16,204/20,000"


def test_plus_is_more_often_and_minus_less_often_from_every_state():
    assert next_interval(0, more_often=True) == 60 and next_interval(0, more_often=False) == 0
    assert next_interval(5, more_often=True) == 1 and next_interval(5, more_often=False) == 15
    assert next_interval(1, more_often=True) == 1 and next_interval(60, more_often=False) == 0


def test_action_ids_are_read_without_textual():
    code = ("import sys; from de06tui.tui.actions import check_keymap; p = check_keymap({'relod': 'x'});"
            "bad = [m for m in sys.modules if m.split('.')[0] == 'textual'];"
            "raise SystemExit(0 if p and 'relod' in p[0] and not bad else str(bad) or 'no problem')")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr + r.stdout


async def test_the_palette_speaks_vietnamese(make_app):
    app = make_app(lang="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert app.screen.query_one(CommandInput).placeholder == "Tìm lệnh…"
        await pilot.press(*"qqzzxxww")
        for _ in range(100):  # the "no matches" line comes after Textual's countdown, and the
            await pilot.pause(0.05)  # entries shown before typing may still be up until the search ends
            found = app.screen.query_one("CommandList")
            texts = [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]
            if any("Không tìm thấy" in t or "No matches" in t for t in texts):
                break
        assert any("Không tìm thấy" in t for t in texts), texts
        assert not any("No matches" in t for t in texts)
        system = [c.title for c in app.get_system_commands(app.screen)]
        assert "Giao diện" in system and "Theme" not in system and "Thoát" in system


async def test_palette_entries_name_metrics_and_never_say_so_voi_twice(make_app):
    from de06tui.tui.commands import De06Commands

    app = make_app(lang="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        provider = De06Commands(app.screen)
        texts = [text for text, _, _ in provider._commands()]
        assert not any("So với so với" in t for t in texts)
        assert not any(t.startswith("Bảng ") for t in texts)
        assert "So với cùng kỳ năm trước" in texts
        assert any(t.startswith("Chỉ số: ") for t in texts)


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("spelling, period", [("T7/2025", "2025-07"), ("Tháng 8/2025", "2025-08"),
                                              ("9/2025", "2025-09"), ("Q3 2025", "2025-Q3"),
                                              ("Quý 3/2025", "2025-Q3"), ("2025-08", "2025-08")])
async def test_the_palette_finds_a_period_by_any_spelling(make_app, lang, spelling, period):
    app = make_app(lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await run_palette(pilot, spelling)
        assert app.period == period


async def test_vietnamese_figures_on_the_board(make_app):
    app = make_app(lang="vi", metric="online_submission_rate")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#board")
        values = [str(table.cell(i, "value")).strip() for i in range(table.row_count)]
        # One decimal, with a comma: e.g. "95,1"; never the English point.
        assert values and all("," in v and "." not in v for v in values), values[:5]


async def test_refresh_keys_from_off_and_paused_and_the_next_time_in_the_header(make_app):
    app = make_app(lang="en")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert app.auto.minutes == 0
        await pilot.press("minus")
        assert app.auto.minutes == 0  # off is already the least often
        await pilot.press("plus")
        assert app.auto.minutes == 60 and app.auto.active
        # FIXED_NOW is 09:30: the next poll, an hour on, is at 10:30.
        assert "next 10:30" in app.status.auto
        await pilot.press("a")
        assert app.auto.paused
        await pilot.press("plus")
        assert app.auto.minutes == 30 and not app.auto.paused
        assert "next 10:00" in app.status.auto
        app.update(lang="vi")
        await pilot.pause()
        assert "lần sau 10:00" in app.status.auto


async def test_help_lists_movement_and_enter_with_action_ids(make_app):
    app = make_app(metric="online_submission_rate")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        rows = {action_id: keys for keys, _, action_id in app.screen.rows}
        for action_id in ("down", "up", "open", "page_down", "first", "last", "help", "quit"):
            assert action_id in rows, action_id
        assert "⏎" in rows["open"] or "enter" in rows["open"].lower()


async def test_problems_lead_with_where_in_vietnamese_at_80_columns(tmp_path, make_app):
    from de06tui.tui.sources import PathsSource

    bad = tmp_path / "bad.csv"
    bad.write_text("period,province,metric,value\n2025-09,Hà Nội,online_submission_rate,abc\n",
                   encoding="utf-8")
    app = make_app(source=PathsSource([bad]), lang="vi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        table = app.screen.query_one("#problems")
        heads = [str(c.label) for c in table.columns.values()]
        assert heads[:2] == ["Mức", "Vị trí"]
        first = [str(c) for c in table.get_row_at(0)]
        assert first[0] in ("LỖI", "CẢNH BÁO") and "bad.csv" in first[1] and "Dòng" in first[1]
        painted = "\n".join("".join(s.text for s in strip) for strip in app.screen._compositor.render_strips())
        assert "ERROR" not in painted and "WARNING" not in painted
