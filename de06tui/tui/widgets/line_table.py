"""A read-only table that paints only the lines on screen.

Textual's DataTable measures and formats every cell of every row when rows are added, so a board
of 3,321 communes costs seconds per sort or filter. Here a new order or filter is one list handed
over: column widths come from the cells' plain text in one pass, and a line is built when it is
painted (and kept until the rows change). The header stays put; rows scroll under it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from de06tui.tui.widgets.cells import Cell

PAD = 1  # spaces either side of a cell, as DataTable draws them
HEADER = (-1, False)  # the header line's place among the kept lines


class TableRow:
    """One row's cells with their widths, measured once when the row is made; or, made ``lazy``,
    cells built only when the row is first painted (the table is then given its column widths)."""

    __slots__ = ("_cells", "_make", "widths")

    def __init__(self, cells: Sequence[Cell]) -> None:
        self._cells: Sequence[Cell] | None = cells
        self._make: Callable[[], Sequence[Cell]] | None = None
        self.widths = [cell_len(c.plain) for c in cells]

    @classmethod
    def lazy(cls, make: Callable[[], Sequence[Cell]]) -> TableRow:
        row = cls.__new__(cls)
        row._cells, row._make, row.widths = None, make, []
        return row

    @property
    def cells(self) -> Sequence[Cell]:
        if self._cells is None:
            assert self._make is not None
            self._cells, self._make = self._make(), None
        return self._cells


class LineTable(ScrollView, can_focus=True):
    """Rows of ``Cell``s under one header; a row cursor; Enter or a click on the cursor row selects."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "line-table--header", "line-table--cursor", "line-table--even-row", "line-table--odd-row"}
    DEFAULT_CSS = """
    LineTable {
        background: $surface;
        color: $foreground;
        & > .line-table--header { text-style: bold; background: $panel; color: $foreground; }
        & > .line-table--even-row { background: $surface-lighten-1 50%; }
        & > .line-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .line-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """
    BINDINGS: ClassVar = [Binding("enter", "select_cursor", show=False),
                          Binding("down", "cursor_down", show=False), Binding("up", "cursor_up", show=False),
                          Binding("home", "scroll_top", show=False), Binding("end", "scroll_bottom", show=False),
                          Binding("left", "scroll_left", show=False),  # wider than the screen at 80
                          Binding("right", "scroll_right", show=False)]

    cursor_row: reactive[int] = reactive(0, always_update=True, init=False)

    class RowSelected(Message):
        """The cursor row was chosen (Enter, or a click on it)."""

        def __init__(self, table: LineTable, row: int) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> LineTable:
            return self.table

    class HeaderSelected(Message):
        """A column's header was clicked; ``key`` is the column's key given to ``set_rows``."""

        def __init__(self, table: LineTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> LineTable:
            return self.table

    def __init__(self, *, id: str | None = None, classes: str | None = None, cursor: bool = True) -> None:
        super().__init__(id=id, classes=classes)
        self.show_cursor = cursor  # without one: a table to read, which takes no focus
        if not cursor:
            self.can_focus = False
        self.header: list[Cell] = []
        self.rows: Sequence[TableRow] = ()
        self.widths: list[int] = []
        self.column_keys: Sequence[str] = ()
        self.row_keys: Sequence[str] = ()
        self._row_index: dict[str, int] | None = None
        self._lines: dict[tuple[int, bool], tuple[Strip, Style]] = {}
        self._look: tuple | None = None  # the styles the kept lines were built with
        self._styles: dict[tuple[str, bool], Style] = {}  # by (component, focused), for that look

    # -- content -------------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        return len(self.rows)

    def set_rows(self, header: list[Cell], rows: Sequence[TableRow], cursor: int = 0,
                 widths: Sequence[int] | None = None, column_keys: Sequence[str] = (),
                 row_keys: Sequence[str] = ()) -> None:
        """Show ``rows`` under ``header``, the cursor on row ``cursor`` (clamped). ``widths``, the
        widest cell of each column, is given with lazy rows; else it is read from the rows.
        ``column_keys`` name the columns (for header clicks and ``cell``), ``row_keys`` the rows."""
        self.header, self.rows = header, rows
        self.column_keys, self.row_keys, self._row_index = column_keys, row_keys, None
        given = [list(widths)] if widths is not None else [r.widths for r in rows]
        widths = [max(column) for column in zip(TableRow(header).widths, *given)]
        self.widths = widths
        self._lines.clear()
        self.virtual_size = Size(sum(widths) + 2 * PAD * len(widths), len(rows) + 1)
        self.cursor_row = max(0, min(cursor, len(rows) - 1))
        self.refresh()

    def row_index(self, key: str) -> int | None:
        """The index of the row ``key`` names, or None when it is not shown."""
        if self._row_index is None:
            self._row_index = {k: i for i, k in enumerate(self.row_keys)}
        return self._row_index.get(key)

    def cell(self, row: int, column_key: str) -> Cell:
        """Row ``row``'s cell in the column ``column_key`` names."""
        return self.rows[row].cells[list(self.column_keys).index(column_key)]

    def column_at(self, x: int) -> str | None:
        """The key of the column under ``x`` on screen (None past the last, or without keys)."""
        x += self.scroll_offset.x
        for key, width in zip(self.column_keys, self.widths):
            x -= width + 2 * PAD
            if x < 0:
                return key
        return None

    def column_x(self, key: str) -> int:
        """Where the column ``key`` names starts, in cells from the table's left edge."""
        i = list(self.column_keys).index(key)
        return sum(w + 2 * PAD for w in self.widths[:i])

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # Called on every focus change too; only the cursor row's colours follow the focus, so the
        # other lines are built again only when their own styles changed (a theme, say).
        try:
            look: tuple | None = (self.rich_style, *(self.get_component_rich_style(name) for name in (
                "line-table--header", "line-table--even-row", "line-table--odd-row")))
        except KeyError:  # not styled yet
            look = None
        if look is None or look != self._look:
            self._look = look
            self._lines.clear()
            self._styles.clear()
        else:
            self._lines.pop((self.cursor_row, True), None)

    # -- painting ------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        if y == 0:
            cached = self._lines.get(HEADER)
            if cached is None:
                base = self._style("line-table--header")
                cached = self._lines[HEADER] = (self._line(self.header, base), base)
            strip, base = cached
        else:
            index = scroll_y + y - 1
            if index >= len(self.rows):
                return Strip.blank(width, self._style(""))
            key = (index, self.show_cursor and index == self.cursor_row)
            cached = self._lines.get(key)
            if cached is None:
                base = self._row_style(*key)
                cached = (self._line(self.rows[index].cells, base), base)
                if len(self._lines) > 2000:
                    self._lines.clear()
                self._lines[key] = cached
            strip, base = cached
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _row_style(self, index: int, is_cursor: bool) -> Style:
        if is_cursor:
            return self._style("line-table--cursor")
        return self._style("line-table--even-row" if index % 2 else "line-table--odd-row")

    def _style(self, component: str) -> Style:
        """The widget's style with ``component``'s on top (the header's alone; "": the widget's),
        worked out once per look and focus: reading a widget's style walks up the whole DOM."""
        key = (component, self.has_focus)
        style = self._styles.get(key)
        if style is None:
            if component == "line-table--header":
                style = self.get_component_rich_style(component)
            else:
                style = self.rich_style + (self.get_component_rich_style(component) if component else Style())
            self._styles[key] = style
        return style

    def _line(self, cells: Sequence[Cell], base: Style) -> Strip:
        segments: list[Segment] = []
        for cell, width in zip(cells, self.widths):
            text = cell.plain
            gap = width - cell_len(text)
            spans = cell.spans
            if gap < 0:  # a header wider than its column never happens; a cell is cut to fit
                spans, gap = [(set_cell_size(text, width), spans[0][1] if spans else "")], 0
            segments.append(Segment(" " * (PAD + (gap if cell.right else 0)), base))
            for part, style in spans:
                segments.append(Segment(part, base + Style.parse(style) if style else base))
            segments.append(Segment(" " * (PAD + (0 if cell.right else gap)), base))
        return Strip(segments)

    # -- the cursor ----------------------------------------------------------------------
    def watch_cursor_row(self, old: int, new: int) -> None:
        self._lines.pop((old, True), None)
        self._lines.pop((new, False), None)
        self.refresh()
        self._show_cursor()

    def on_resize(self) -> None:
        self._show_cursor()

    def on_focus(self) -> None:
        self._cursor_restyled()

    def on_blur(self) -> None:
        self._cursor_restyled()

    def _cursor_restyled(self) -> None:
        # Only the cursor row's colours differ with focus: the other lines stay as built.
        self._lines.pop((self.cursor_row, True), None)
        self.refresh()

    def _show_cursor(self) -> None:
        if not self.show_cursor:
            return  # a table to read scrolls on its own
        # Row r is painted on line r + 1 - scroll_y, below the header on line 0.
        row, top, height = self.cursor_row, self.scroll_offset.y, self.size.height
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif height > 1 and row > top + height - 2:
            self.scroll_to(y=row - height + 2, animate=False, immediate=True)

    def move_cursor(self, row: int) -> None:
        self.cursor_row = max(0, min(row, len(self.rows) - 1))

    def _page(self) -> int:
        return max(1, self.size.height - 1)

    def _scroll_rows(self, rows: int) -> None:
        self.scroll_to(y=self.scroll_offset.y + rows, animate=False)

    def action_cursor_down(self) -> None:
        if not self.show_cursor:  # a table to read: the arrows scroll it
            self._scroll_rows(1)
            return
        self.move_cursor(self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        if not self.show_cursor:
            self._scroll_rows(-1)
            return
        self.move_cursor(self.cursor_row - 1)

    def action_page_down(self) -> None:
        if not self.show_cursor:  # a table to read: a page is the rows under the header
            self._scroll_rows(self._page())
            return
        self.move_cursor(self.cursor_row + self._page())

    def action_page_up(self) -> None:
        if not self.show_cursor:
            self._scroll_rows(-self._page())
            return
        self.move_cursor(self.cursor_row - self._page())

    def action_scroll_top(self) -> None:
        if not self.show_cursor:
            self._scroll_rows(-self.scroll_offset.y)
            return
        self.move_cursor(0)

    def action_scroll_bottom(self) -> None:
        if not self.show_cursor:
            self._scroll_rows(len(self.rows))
            return
        self.move_cursor(len(self.rows) - 1)

    def action_select_cursor(self) -> None:
        if self.rows:
            self.post_message(self.RowSelected(self, self.cursor_row))

    def on_click(self, event: Click) -> None:
        if event.y == 0:
            key = self.column_at(event.x)
            if key is not None:
                self.post_message(self.HeaderSelected(self, key))
            return
        row = self.clicked_row(event)
        if row is None:
            return
        if row == self.cursor_row:
            self.action_select_cursor()
        else:
            self.move_cursor(row)

    def clicked_row(self, event: Click) -> int | None:
        """The row a click on the table landed on (None: the header, or below the last row)."""
        if event.y == 0 or not self.rows:
            return None
        row = self.scroll_offset.y + event.y - 1
        return row if row < len(self.rows) else None

