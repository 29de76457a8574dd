"""The last column shortened after a whole word to fit the screen (widths chosen by hand)."""

from __future__ import annotations

from de06tui.tui.widgets.cells import Cell, fit_last, shorten


def test_a_name_is_cut_after_a_whole_word_with_an_ellipsis():
    assert shorten("Bắc Trung Bộ và duyên hải miền Trung", 16) == "Bắc Trung Bộ và…"
    assert shorten("Tây Nguyên", 16) == "Tây Nguyên"
    assert shorten("Đồngbằngsôngcửulong", 8) == "Đồngbằn…"  # one long word is still cut, and marked


def test_the_last_column_gets_what_the_others_leave_and_its_width_follows():
    rows = [[Cell("1"), Cell("Bắc Trung Bộ và duyên hải miền Trung")], [Cell("2"), Cell("Tây Nguyên")]]
    widths = [1, 36]
    # 40 cells: the first column takes 1 + 2, the last its own 2 and the scrollbar 2: 33 left.
    fit_last(rows, widths, 40, head=6)
    # "Bắc Trung Bộ và duyên hải miền" is 30 cells, and the ellipsis makes 31; one word more is 37.
    assert [r[1].plain for r in rows] == ["Bắc Trung Bộ và duyên hải miền…", "Tây Nguyên"]
    assert widths == [1, 31]


def test_nothing_is_cut_when_the_row_fits():
    rows = [[Cell("1"), Cell("Tây Nguyên")]]
    widths = [1, 10]
    fit_last(rows, widths, 40, head=6)
    assert rows[0][1].plain == "Tây Nguyên" and widths == [1, 10]
