"""The app's exports and copies as an office uses them: the bytes written are read back."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from textual.widgets import DataTable

from .conftest import settle

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


def _column_x(table: DataTable, key: str) -> int:
    x = 0
    for column in table.ordered_columns:
        if column.key.value == key:
            return x + 1
        x += column.get_render_width(table)
    raise KeyError(key)


async def test_mouse_header_sorts_click_selects_double_click_opens(make_app):
    from de06tui.tui.screens.detail import DetailScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.query_one("#board", DataTable)
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
