"""The app's exports and copies as an office uses them: the bytes written are read back."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from de06tui.tui.widgets.line_table import LineTable

from .conftest import settle, unreachable_after_first

pytestmark = pytest.mark.anyio
OSR = "online_submission_rate"


def shown_rows(app) -> list[tuple[int, str, str, float]]:
    return [(r.rank, r.code, r.name, r.value) for r in app.screen._shown]


async def test_xlsx_from_the_app_holds_the_rows_on_screen_filtered_and_sorted(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("slash", *"an", "enter")  # a filter …
        await pilot.press("o", "o")  # … and the value column, highest first
        await settle(pilot)
        assert app.sort_column == "value"
        on_screen = shown_rows(app)
        assert 1 < len(on_screen) < 34
        await pilot.press("E")
        await settle(pilot)
        written = app.last_export
    assert written.parent == tmp_path and written.suffix == ".xlsx"
    assert "_loc-an_" in written.name
    book = openpyxl.load_workbook(io.BytesIO(written.read_bytes()))
    # A sheet per metric; the board's own sheet first.
    assert len(book.sheetnames) >= 3
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[6]]
    rank_col, code_col, name_col = (header.index(h) for h in ("rank", "code", "province"))
    value_col = next(i for i, h in enumerate(header) if h.endswith("(%)"))  # "Online rate (%)"
    rows = [(r[rank_col], r[code_col], r[name_col], r[value_col])
            for r in sheet.iter_rows(min_row=7, values_only=True) if r[code_col] is not None]
    assert rows == on_screen
    assert [v for *_, v in rows] == sorted((v for *_, v in rows), reverse=True)
    assert all(isinstance(v, (int, float)) and not isinstance(v, bool) for *_, v in rows)  # not text


async def test_exports_never_overwrite_and_the_toast_names_the_full_path(make_app, tmp_path):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        first = app.last_export
        await pilot.press("e")  # the same minute, the same name: numbered, not replaced
        await settle(pilot)
        second = app.last_export
        toasts = [n.message for n in app._notifications]
    assert first != second and first.exists() and second.exists()
    assert second.name.endswith(" (2).csv")
    assert any(str(second) in m and Path(str(second)).is_absolute() for m in toasts)


async def test_export_default_folder_is_documents_not_the_cwd(make_app, tmp_path, monkeypatch):
    import platformdirs

    docs = tmp_path / "Documents"
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(docs))
    elsewhere = tmp_path / "started-here"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    app = make_app(export_dir=None)
    async with app.run_test() as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
    assert app.last_export.parent == docs / "de06tui"
    assert list(elsewhere.iterdir()) == []


async def test_copy_row_is_tab_separated_numbers_without_units(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("2")
        await settle(pilot)
        row = app.screen._shown[0]
        await pilot.press("c")
        cells = app.clipboard.split("\t")
    # Rank, code, name, value, numerator, denominator: each value parses as a number.
    assert cells[:3] == [str(row.rank), row.code, row.name]
    assert float(cells[3]) == pytest.approx(row.value, abs=0.05)
    assert int(cells[4]) == round(row.numerator) and int(cells[5]) == round(row.denominator)
    assert "%" not in app.clipboard and "," not in app.clipboard


async def test_copy_row_in_vietnamese_uses_a_decimal_comma(make_app):
    app = make_app(lang="vi")
    async with app.run_test() as pilot:
        await pilot.press("2")
        await settle(pilot)
        row = app.screen._shown[0]
        await pilot.press("c")
        value = app.clipboard.split("\t")[3]
    assert float(value.replace(",", ".")) == pytest.approx(row.value, abs=0.05) and "," in value


def _column_x(table: LineTable, key: str) -> int:
    return table.column_x(key) + 1


async def test_mouse_header_sorts_click_selects_double_click_opens(make_app):
    from de06tui.tui.screens.detail import DetailScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.query_one("#board", LineTable)
        await pilot.click(table, offset=(_column_x(table, "name"), 0))
        await settle(pilot)
        assert app.sort_column == "name" and not app.sort_reverse
        folded = [r.folded for r in app.screen._shown]
        assert folded == sorted(folded)
        await pilot.click(table, offset=(_column_x(table, "name"), 0))  # the sorted one: reversed
        await settle(pilot)
        assert app.sort_column == "name" and app.sort_reverse
        third = app.screen._shown[2]
        await pilot.click(table, offset=(_column_x(table, "name"), 3))  # header, then rows 0, 1, 2
        await settle(pilot)
        assert app.screen.current_code() == third.code
        await pilot.click(table, offset=(_column_x(table, "name"), 3))  # again, but slowly: no detail
        await settle(pilot)
        assert not isinstance(app.screen, DetailScreen)
        await pilot.double_click(table, offset=(_column_x(table, "name"), 3))
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen) and app.screen.code == third.code


def _columns(app) -> list[str]:
    return list(app.screen.query_one("#board", LineTable).column_keys)


async def test_below_100_columns_level_and_trend_give_way_first(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        assert {"bar", "trend", "region"} <= set(_columns(app))
        await pilot.resize_terminal(99, 30)
        await settle(pilot)
        narrow = _columns(app)
    assert "bar" not in narrow and "trend" not in narrow
    assert {"rank", "name", "value", "change", "counts"} <= set(narrow)


async def test_column_chooser_hides_a_column_and_remembers_it_in_the_config(make_app, isolated_dirs):
    import tomllib

    from de06tui.config import load_config
    from de06tui.tui.screens.columns import ColumnChooser

    config = isolated_dirs / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('lang = "en"\n\n[keys]\nreload = "r,f5"\n', encoding="utf-8")
    config.chmod(0o600)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        assert isinstance(app.screen, ColumnChooser)
        # The list: Band, Threshold, Level, ±Rank, Trend …; down to Trend and toggle it off.
        await pilot.press("down", "down", "down", "down", "space")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert "trend" not in _columns(app) and "bar" in _columns(app)
    doc = tomllib.loads(config.read_text(encoding="utf-8"))
    assert doc["columns"]["hidden"] == ["trend"] and doc["keys"]["reload"] == "r,f5" and doc["lang"] == "en"
    assert config.stat().st_mode & 0o777 == 0o600  # a file that may hold a token stays private
    assert load_config(config).hidden_columns == ("trend",)
    # The next start reads it back.
    app = make_app(hidden_columns=load_config(config).hidden_columns)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        assert "trend" not in _columns(app)


def test_saving_columns_edits_an_existing_section_and_refuses_a_form_it_cannot_edit(tmp_path):
    import tomllib

    from de06tui.tui.columns import ColumnsNotSaved, save_hidden

    path = tmp_path / "config.toml"
    path.write_text('[columns]\nhidden = ["bar"]  \n\n[http]\nretries = 2\n', encoding="utf-8")
    save_hidden(path, ("mark", "trend"))
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    assert doc == {"columns": {"hidden": ["mark", "trend"]}, "http": {"retries": 2}}
    several = '[columns]\nhidden = [\n  "bar",\n]\n'
    path.write_text(several, encoding="utf-8")
    with pytest.raises(ColumnsNotSaved, match=r"config\.toml: \[columns\] hidden not written"):
        save_hidden(path, ("trend",))
    assert path.read_text(encoding="utf-8") == several
    fresh = tmp_path / "new" / "config.toml"
    save_hidden(fresh, ())
    assert tomllib.loads(fresh.read_text(encoding="utf-8")) == {"columns": {"hidden": []}}


def test_config_refuses_a_columns_section_it_cannot_use(tmp_path):
    from de06tui.config import ConfigError, load_config

    path = tmp_path / "config.toml"
    path.write_text('[columns]\nhidden = "trend"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"config\.toml: key 'columns\.hidden' must be a list"):
        load_config(path)


def _note(app, selector: str) -> str:
    from textual.widgets import Static

    return str(app.screen.query_one(selector, Static).render())


async def test_empty_states_say_what_is_empty_and_why(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("slash", *"zzq", "enter")
        await settle(pilot)
        assert app.screen._shown == []
        assert "No province matches the filter “zzq” — x clears it" in _note(app, "#board-note")
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("f")  # against a year earlier: 2024-09 has no data
        await settle(pilot)
        assert all(r.rank_change is None for r in app.screen._shown)
        assert "Sep 2024 has no data to compare with: ±Rank is blank" in _note(app, "#board-note")


async def test_movers_with_nothing_to_compare_say_why(make_app):
    app = make_app(period="2025-04")  # the first month with data
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        note = _note(app, "#movers-note")
    assert "Nothing to compare with: Mar 2025 has no data for this metric — [ or f picks another" in note


async def test_at_80_columns_the_header_keeps_the_sample_badge_and_the_stale_reason(dataset, make_app):
    from de06tui.tui.widgets.header import StatusHeader

    app = make_app(source=unreachable_after_first(dataset, "a-long-source-name-that-takes-room.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        header = app.screen.query_one(StatusHeader)
        line = str(header.render())
        room = header.content_region.width
    from rich.cells import cell_len

    assert cell_len(line) <= room, line  # the whole line fits: nothing is cut off at the end
    assert "SAMPLE" in line and "feed unreachable" in line, line
    assert "a-long-source-name" not in line
