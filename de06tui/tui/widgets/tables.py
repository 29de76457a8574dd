"""Filling a DataTable with its column widths given, not measured later.

A DataTable measures its cells when it next goes idle; on a busy start that can come late enough
to show a first frame, or a frame held for seconds, with every column at its header's width
("Vĩnh Lon", "★ TO"). Given widths, the first frame is already right.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable


def width_of(cell: object) -> int:
    if isinstance(cell, Text):
        return cell.cell_len
    plain = getattr(cell, "plain", None)
    return cell_len(plain if isinstance(plain, str) else str(cell))


def widths(heads: Sequence[object], rows: Sequence[Sequence[object]]) -> list[int]:
    """Each column's widest cell or header."""
    return [max([width_of(head), *(width_of(row[i]) for row in rows)]) for i, head in enumerate(heads)]


def fill(table: DataTable, heads: Sequence[object], rows: Sequence[Sequence[object]],
         keys: Sequence[str | None] | None = None, row_keys: Sequence[Hashable | None] | None = None,
         sizes: Sequence[int] | None = None) -> None:
    """Add the columns (``sizes`` wide, else as wide as their widest cell or header), then the rows."""
    for i, (head, size) in enumerate(zip(heads, sizes if sizes is not None else widths(heads, rows))):
        table.add_column(head, key=keys[i] if keys else None, width=size)  # type: ignore[arg-type]
    for j, row in enumerate(rows):
        table.add_row(*row, key=row_keys[j] if row_keys else None)  # type: ignore[arg-type]
