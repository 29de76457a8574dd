"""The home province's row, pinned under a leaderboard while the table does not show it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from de06tui.tui.home import BAND_STYLE, HOME_STYLE, HOME_SYMBOL
from de06tui.tui.widgets import cells

if TYPE_CHECKING:
    from de06tui.core.metrics import MetricDef
    from de06tui.tui.views.board import BoardRow
    from de06tui.tui.widgets.line_table import LineTable


BOARD_SYMBOL = {"green": "●"}


class HomePin(Static):
    """Hidden while the home row is in view; shown (one line) when it is scrolled or filtered out."""

    DEFAULT_CSS = """
    HomePin { height: auto; display: none; padding: 0 1; border-top: solid $accent; }
    HomePin.pinned { display: block; }
    """

    def __init__(self) -> None:
        super().__init__(id="home-pin")
        self.row: BoardRow | None = None
        self.index: int | None = None  # the row's index in the table; None when filtered out

    def on_mount(self) -> None:
        from de06tui.tui.widgets.line_table import LineTable

        self.follow(self.screen.query_one("#board", LineTable))

    def follow(self, table: LineTable) -> None:
        self.watch(table, "scroll_y", lambda _old, _new: self.place(table), init=False)
        self.watch(table, "size", lambda _old, _new: self.place(table), init=False)

    def show(self, row: BoardRow | None, index: int | None, m: MetricDef, unit: str, tr: Callable,
             table: LineTable, fmt: Callable[[float | None], str]) -> None:
        self.row, self.index = row, index
        if row is not None:
            self.update(pin_text(row, m, unit, tr("home_pinned"), fmt))
        self.place(table)

    def place(self, table: LineTable) -> None:
        self.set_class(self.row is not None and not _visible(table, self.index), "pinned")


def _visible(table: LineTable, index: int | None) -> bool:
    if index is None:
        return False
    top = int(table.scroll_y)
    rows = table.size.height - 1  # under the header's line
    if rows <= 0:  # not laid out yet: the first rows are shown
        return index < 10
    return top <= index < top + rows


def band_cell(value: float | None, m: MetricDef) -> cells.Cell:
    """The threshold band as a symbol in its colour; the symbol reads without colour."""
    from de06tui.core.thresholds import band

    b = band(value, m)
    if b is None:
        return cells.Cell()
    # On a board ✓ already marks a real figure inside the sample: "on track" gets its own sign.
    return cells.Cell(BOARD_SYMBOL.get(b.name, b.symbol), BAND_STYLE[b.name])


def pin_text(r: BoardRow, m: MetricDef, unit: str, pinned: str,
             fmt: Callable[[float | None], str]) -> Text:
    out = Text(f"{HOME_SYMBOL} #{r.rank} ", style=HOME_STYLE)
    out.append(r.name, style=HOME_STYLE)  # already cleaned; appended literally
    out.append(f"  {'≈' if r.approx else ''}{fmt(r.value)} {unit} ")
    out.append_text(band_cell(r.value, m).to_text())
    out.append(" ")
    out.append_text(cells.change(r.rank_change).to_text())
    out.append(f"  ({pinned})", style="italic")
    return out


def home_name(r: BoardRow, home: str | None, style: str) -> cells.Cell:
    """The province's name; the home province's marked with ⌂ in its own colour."""
    if r.code == home:
        return cells.Cell(f"{HOME_SYMBOL} ", HOME_STYLE).append(r.name, HOME_STYLE)
    return cells.Cell(r.name, style)
