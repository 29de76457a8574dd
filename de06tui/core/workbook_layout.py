"""The table inside an office workbook: which sheet, which row is the header, which rows are data.

Offices put a title above the header ("BẢNG XẾP HẠNG … THÁNG 10/2024"), a header over two merged
rows, an STT column, a "Toàn quốc" / "Tổng cộng" row, and notes on another sheet. The rules:
- the sheet is the one asked for (``--sheet NAME|N``), else the first whose rows include a header;
- the header row is the first of the sheet's first rows that names a province column; when its
  cells are merged over the row below, each column takes the lower row's name, or the upper's;
- an STT column is dropped; a national or total row is skipped with a note;
- with no period column, the period is taken from the title and said.
"""

from __future__ import annotations

import re
from typing import Any

import polars as pl

from de06tui.core import periods as P
from de06tui.core.problems import ERROR, PERIOD_FROM_TITLE, SKIPPED_TOTAL, WARNING, Problem
from de06tui.core.readers import ROW, RawTable, ReadError
from de06tui.core.text import fold, key
from de06tui.core.validate import match_columns
from de06tui.core.xlsx_cells import Cell, Sheet, Workbook, WorkbookError

HEADER_SEARCH_ROWS = 30
TOTAL_ROWS = frozenset(key(t) for t in ("Toàn quốc", "Cả nước", "Tổng cộng", "Tổng", "Tổng số",
                                        "Trung bình", "Bình quân", "National", "Total", "Whole country"))
ORDINAL_COLUMNS = frozenset(key(t) for t in ("STT", "TT", "Số TT", "Số thứ tự", "No", "No."))
_TITLE_PERIODS = (
    (re.compile(r"\bthang\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b"), lambda m: f"{m[2]}-{int(m[1]):02d}"),
    (re.compile(r"\bt(\d{1,2})\s*/\s*(\d{4})\b"), lambda m: f"{m[2]}-{int(m[1]):02d}"),
    (re.compile(r"\bquy\s*([1-4])\s*[/.-]?\s*(?:nam\s*)?(\d{4})\b"), lambda m: f"{m[2]}-Q{m[1]}"),
    (re.compile(r"\bnam\s*(\d{4})\b"), lambda m: m[1]),
)


def _fail(name: str, sheet: str | None, reason: str, **kw: Any) -> ReadError:
    return ReadError(Problem(ERROR, reason, file=name, sheet=sheet, **kw))


def read_workbook(data: bytes, name: str, wanted: str | None = None) -> RawTable:
    """The table of one workbook as a RawTable, every note naming its sheet; raises ReadError."""
    try:
        book = Workbook(data)
        sheet, header, notes = _choose(book, name, wanted)
    except WorkbookError as exc:
        raise _fail(name, None, f"cannot read as XLSX: {exc}") from None
    table = _table(sheet, header, name)
    table.problems[:0] = notes
    return table


def _choose(book: Workbook, name: str, wanted: str | None) -> tuple[Sheet, int, list[Problem]]:
    if not book.names:
        raise _fail(name, None, "workbook has no sheets")
    if wanted is not None:
        index = _sheet_index(book.names, wanted)
        if index is None:
            raise _fail(name, None, f"no sheet '{wanted}'; sheets: " + ", ".join(f"'{n}'" for n in book.names))
        sheet = book.sheet(index)
        header = find_header(sheet)
        if header is None:
            raise _fail(name, sheet.name, "no header row naming a province column in the first "
                                          f"{HEADER_SEARCH_ROWS} rows", row=1)
        return sheet, header, []
    passed: list[str] = []
    for index in range(len(book.names)):
        sheet = book.sheet(index)
        header = find_header(sheet)
        if header is not None:
            notes = [] if not passed else [Problem(
                WARNING, f"table read from sheet {index + 1}, '{sheet.name}'; "
                         + ", ".join(f"'{n}'" for n in passed) + (" holds" if len(passed) == 1 else " hold")
                         + " no table (use --sheet to choose)",
                file=name, sheet=sheet.name)]
            return sheet, header, notes
        passed.append(sheet.name)
    raise _fail(name, None, "no sheet has a header row naming a province column; sheets: "
                + ", ".join(f"'{n}'" for n in book.names))


def _sheet_index(names: list[str], wanted: str) -> int | None:
    for i, n in enumerate(names):
        if n == wanted:
            return i
    for i, n in enumerate(names):
        if key(n) == key(wanted):
            return i
    if wanted.strip().isdigit() and 1 <= int(wanted) <= len(names):
        return int(wanted) - 1
    return None


def find_header(sheet: Sheet) -> int | None:
    """The first row, among the sheet's first rows, that names a province column."""
    for r in sorted(sheet.cells)[:HEADER_SEARCH_ROWS]:
        texts = [c.text for c in sheet.row(r).values() if c.number is None]
        if "province" in match_columns(texts):
            return r
    return None


def header_names(sheet: Sheet, header: int) -> tuple[dict[int, str], int]:
    """Each column's name, and the last header row (the header may span two merged rows)."""
    top = {c: cell.text.strip() for c, cell in sheet.row(header).items() if cell.number is None}
    spans = [m for m in sheet.merges if m[0] == header]
    for _, c1, _, c2 in spans:
        for c in range(c1 + 1, c2 + 1):
            top.setdefault(c, top.get(c1, ""))
    below = sheet.row(header + 1)
    two_rows = bool(spans) and bool(below) and all(cell.number is None for cell in below.values())
    if not two_rows:
        return top, header
    names = dict(top)
    for c, cell in below.items():
        if cell.text.strip():
            names[c] = cell.text.strip()
    return names, header + 1


def _title_period(sheet: Sheet, header: int) -> tuple[str, int, str] | None:
    for r in sorted(x for x in sheet.cells if x < header):
        for cell in sheet.row(r).values():
            folded = fold(cell.text)
            for pattern, shape in _TITLE_PERIODS:
                m = pattern.search(folded)
                if m:
                    try:
                        return P.parse_period(shape(m)), r, cell.text
                    except ValueError:
                        continue
    return None


def _columns(names: dict[int, str]) -> dict[int, str]:
    """Named columns without the STT column, each name once."""
    out: dict[int, str] = {}
    seen: dict[str, int] = {}
    for c in sorted(names):
        label = names[c]
        if not label or key(label) in ORDINAL_COLUMNS:
            continue
        seen[label] = seen.get(label, 0) + 1
        out[c] = label if seen[label] == 1 else f"{label} ({seen[label]})"
    return out


def _table(sheet: Sheet, header: int, name: str) -> RawTable:
    names, last_header = header_names(sheet, header)
    columns = _columns(names)
    roles = match_columns(list(columns.values()))
    by_name = {v: c for c, v in columns.items()}
    province_col = by_name[roles["province"]]
    notes: list[Problem] = []
    rows: list[int] = []
    for r in sorted(x for x in sheet.cells if x > last_header):
        cells = sheet.row(r)
        if not any(c in columns for c in cells):
            continue
        texts = [cells[c].text for c in sorted(cells) if cells[c].number is None]
        if key(cells[province_col].text if province_col in cells else "") in TOTAL_ROWS or (
                texts and key(texts[0]) in TOTAL_ROWS):
            notes.append(Problem(WARNING, f"national or total row '{texts[0].strip()}' skipped",
                                 file=name, sheet=sheet.name, row=r, kind=SKIPPED_TOTAL))
            continue
        rows.append(r)
    series = [pl.Series(ROW, rows, dtype=pl.Int64)]
    for c, label in columns.items():
        column_cells = [sheet.row(r).get(c) for r in rows]
        series.append(_series(label, column_cells))
        if label == roles.get("period"):
            notes += _numeric_periods(column_cells, rows, label, name, sheet.name)
    frame = pl.DataFrame(series)
    if "period" not in roles:
        found = _title_period(sheet, header)
        if found is not None:
            period, r, title = found
            frame = frame.with_columns(pl.lit(period).alias("Kỳ"))
            notes.append(Problem(WARNING, f"the rows carry no period: {period} taken from the title "
                                          f"'{title.strip()[:80]}'", file=name, sheet=sheet.name, row=r,
                                 kind=PERIOD_FROM_TITLE))
    if frame.height == 0:
        raise _fail(name, sheet.name, "no data rows under the header", row=last_header)
    return RawTable(name, frame.select(*[c for c in frame.columns if c != ROW], ROW), problems=notes,
                    sheet=sheet.name)


def _series(label: str, cells: list[Cell | None]) -> pl.Series:
    given = [c for c in cells if c is not None]
    if given and all(c.number is not None for c in given):
        return pl.Series(label, [None if c is None else c.number for c in cells], dtype=pl.Float64)
    return pl.Series(label, [None if c is None else c.text for c in cells], dtype=pl.Utf8)


def _numeric_periods(cells: list[Cell | None], rows: list[int], label: str, name: str,
                     sheet: str) -> list[Problem]:
    """In a period column of text and numbers, a number with a fraction is refused, located (a
    column of numbers only is refused by validation, as for JSON)."""
    if all(c is None or c.number is not None for c in cells):
        return []
    return [Problem(ERROR, f"period is the number {c.text}: a number cannot tell 2024.1 (January) from "
                           "2024.10 (October); write the period as text, e.g. '2024-10'",
                    file=name, sheet=sheet, row=r, column=label, value=c.text)
            for c, r in zip(cells, rows) if c is not None and c.number is not None
            and not c.number.is_integer()]
